"""Smoke and behaviour tests of the Django admin: every registered model's pages open for staff."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from datetime import date

import factory.django
import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import models
from django.urls import reverse
from django.utils.html import escape

from apps.assessments.models import Assessment
from tests import factories
from tests.factories import AssessmentFactory, UserFactory

pytestmark = pytest.mark.django_db

# Every factory of tests/factories.py, by the model it builds.
FACTORIES: dict[type[models.Model], Callable[[], models.Model]] = {
    member._meta.model: member
    for _, member in inspect.getmembers(factories, inspect.isclass)
    if issubclass(member, factory.django.DjangoModelFactory) and member._meta.model is not None
}
# django.contrib.auth registers Group; the project has no factory for it.
FACTORIES.setdefault(Group, lambda: Group.objects.create(name="Reviewers"))

# Pantau's own models, plus auth's Group; third-party admins (django-axes) test themselves.
REGISTERED = sorted(
    (m for m in admin.site._registry if m.__module__.startswith("apps.") or m is Group),
    key=lambda model: model._meta.label,
)


def admin_url(model: type[models.Model], view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    return client


@pytest.fixture(params=REGISTERED, ids=lambda model: model._meta.label)
def record(request):
    """One object of a model registered in the admin, built by its factory."""
    model = request.param
    assert model in FACTORIES, f"no factory builds {model._meta.label}"
    return FACTORIES[model]()


def test_every_registered_model_has_a_factory():
    assert [m._meta.label for m in REGISTERED if m not in FACTORIES] == []
    assert len(REGISTERED) >= 15


def test_the_changelist_lists_the_object(staff_client, record):
    model = type(record)

    response = staff_client.get(admin_url(model, "changelist"))

    assert response.status_code == 200
    assert record in list(response.context["cl"].result_list)
    html = response.content.decode()
    assert escape(str(record)) in html
    assert admin_url(model, "change", record.pk) in html


def test_the_changelist_search_runs(staff_client, record):
    model = type(record)

    response = staff_client.get(admin_url(model, "changelist"), {"q": "x"})

    assert response.status_code == 200
    assert response.context["cl"].query == "x"


# API tokens are created through their service only, so the plaintext can be shown once.
ADMIN_CANNOT_ADD = {"accounts.ApiToken"}


def test_the_add_page_opens(staff_client, record):
    model = type(record)

    response = staff_client.get(admin_url(model, "add"))

    if model._meta.label in ADMIN_CANNOT_ADD:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    assert response.context["add"] is True
    assert response.context["adminform"].form.instance.pk is None


def test_the_change_page_shows_the_object(staff_client, record):
    model = type(record)

    response = staff_client.get(admin_url(model, "change", record.pk))

    assert response.status_code == 200
    assert response.context["original"] == record
    assert escape(str(record)) in response.content.decode()


def test_the_history_page_shows_the_object(staff_client, record):
    model = type(record)

    response = staff_client.get(admin_url(model, "history", record.pk))

    assert response.status_code == 200
    assert escape(str(record)) in response.content.decode()


# --------------------------------------------------------------------------------------------
# Assessments: the quadrant is derived, never typed in
# --------------------------------------------------------------------------------------------


def assessment_form_data(output, **items: int) -> dict[str, object]:
    """The POST body of the admin assessment form with the given rubric answers."""
    data: dict[str, object] = {
        "output": output.pk,
        "assessed_on": "2019-06-01",
        "assessor": "",
        "summary": "Scored in the admin",
        "is_illustrative": "",
    }
    for code in ("a1", "a2", "a3", "a4", "a5", "a6", "c1", "c2", "c3", "c4", "c5"):
        data[code] = items.get(code, "")
        data[f"{code}_note"] = ""
    return data


def test_the_admin_assessment_form_offers_no_quadrant_or_score_input(staff_client):
    response = staff_client.get(admin_url(Assessment, "add"))

    form = response.context["adminform"].form
    for derived in ("quadrant", "ambiguity", "conflict", "borderline"):
        assert derived not in form.fields
        assert f'name="{derived}"' not in response.content.decode()
    assert {"a1", "c5", "a1_note"} <= set(form.fields)


def test_saving_an_assessment_in_the_admin_computes_its_quadrant(staff_client, output):
    data = assessment_form_data(output, a1=2, a2=2, a3=1, c1=0, c2=0, c3=0)

    response = staff_client.post(admin_url(Assessment, "add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assessment = Assessment.objects.get(output=output)
    assert assessment.quadrant == "experimental"
    assert str(assessment.ambiguity) == "0.8333"
    assert str(assessment.conflict) == "0.0000"
    assert assessment.assessed_on == date(2019, 6, 1)
    assert assessment.summary == "Scored in the admin"


def test_a_quadrant_posted_to_the_admin_is_ignored(staff_client, output):
    data = assessment_form_data(output, a1=0, a2=0, a3=0, c1=0, c2=0, c3=0)
    data |= {"quadrant": "symbolic", "ambiguity": "1", "conflict": "1", "borderline": "on"}

    response = staff_client.post(admin_url(Assessment, "add"), data)

    assert response.status_code == 302
    assessment = Assessment.objects.get(output=output)
    assert assessment.quadrant == "administrative"
    assert (str(assessment.ambiguity), assessment.borderline) == ("0.0000", False)


def test_changing_an_assessment_in_the_admin_derives_its_quadrant_again(staff_client, output):
    staff_client.post(
        admin_url(Assessment, "add"),
        assessment_form_data(output, a1=0, a2=0, a3=0, c1=0, c2=0, c3=0),
    )
    assessment = Assessment.objects.get(output=output)
    assert assessment.quadrant == "administrative"

    response = staff_client.post(
        admin_url(Assessment, "change", assessment.pk),
        assessment_form_data(output, a1=0, a2=0, a3=0, c1=2, c2=2, c3=2),
    )

    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.quadrant == "political"
    assert assessment.version == 2


def test_an_assessment_made_by_the_factory_opens_in_the_admin_unclassified(staff_client):
    assessment = AssessmentFactory()

    response = staff_client.get(admin_url(Assessment, "change", assessment.pk))

    assert response.status_code == 200
    assert "Unclassified" in response.content.decode()
