"""The output page as the analyst's hub: progress, inline measurements, obstacles, stakeholders,
assessment history and the current Matland quadrant with what it means."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import formats, translation

from apps.assessments import matland
from apps.assessments.services import assessment_create
from apps.programmes.models import Measurement
from tests.factories import (
    IndicatorFactory,
    InvolvementFactory,
    MeasurementFactory,
    ObstacleFactory,
    OutputFactory,
    StakeholderFactory,
)
from tests.workspace.kinds import SYMBOLIC
from tests.workspace.pages import form_with, forms_with

pytestmark = pytest.mark.django_db

POLITICAL = {"a1": 0, "a2": 0, "a3": 0, "c1": 2, "c2": 2, "c3": 2}


def hub_url(output) -> str:
    return reverse("record-detail", args=[output.programme.code, "outputs", output.pk])


def measurements_url(output) -> str:
    """Where the output page's inline measurement forms post."""
    return reverse("output-measurements", args=[output.programme.code, output.pk])


@pytest.fixture
def indicator(output):
    """Seizures from a baseline of 0 towards 100 kg; 40 kg seized in 2018."""
    indicator = IndicatorFactory(
        output=output,
        code="1.1a",
        name="Heroin seized",
        unit="kg",
        baseline_value=Decimal("0"),
        target_value=Decimal("100"),
    )
    MeasurementFactory(indicator=indicator, value=Decimal("40"))
    return indicator


def test_hub_shows_indicators_with_their_progress(client, alice, output, indicator):
    client.force_login(alice)

    response = client.get(hub_url(output))

    assert response.status_code == 200
    shown = response.context["indicators"]
    assert [i.pk for i in shown] == [indicator.pk]
    assert shown[0].figures.actual == Decimal("40")
    assert shown[0].figures.achievement == Decimal("0.4")
    assert "Heroin seized" in response.text
    assert "40%" in response.text


def test_inline_measurement_form_records_a_measurement_and_returns_to_the_output(
    client, alice, output, indicator
):
    client.force_login(alice)
    page = client.get(hub_url(output))
    action, fields = form_with(page.text, "inline-measurement")
    assert action == measurements_url(output)
    assert fields["indicator"] == [str(indicator.pk)]

    response = client.post(
        action,
        {
            "indicator": indicator.pk,
            "period_start": "2019-01-01",
            "period_end": "2019-12-31",
            "value": "25",
            "note": "From the annual report",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == hub_url(output)
    recorded = Measurement.objects.get(indicator=indicator, period_end=date(2019, 12, 31))
    assert (recorded.value, recorded.recorded_by, recorded.version) == (Decimal("25"), alice, 1)
    assert client.get(hub_url(output)).context["indicators"][0].figures.actual == Decimal("65")


def test_an_invalid_inline_measurement_stays_on_the_form_and_saves_nothing(
    client, alice, output, indicator
):
    client.force_login(alice)

    response = client.post(
        reverse("record-create", args=[output.programme.code, "measurements"]),
        {
            "indicator": indicator.pk,
            "next": hub_url(output),
            "period_start": "2019-12-31",
            "period_end": "2019-01-01",
            "value": "25",
        },
    )

    assert response.status_code == 400
    assert 'data-field-error="period_end"' in response.text
    assert f'name="next" value="{hub_url(output)}"' in response.text
    assert indicator.measurements.count() == 1


def test_an_invalid_inline_measurement_shows_its_errors_on_the_output_page_with_its_values(
    client, alice, output, indicator
):
    other = IndicatorFactory(output=output, code="1.1b", name="Labs dismantled")
    client.force_login(alice)
    response = client.post(
        measurements_url(output),
        {
            "indicator": indicator.pk,
            "period_start": "2019-12-31",
            "period_end": "2019-01-01",
            "value": "25",
            "note": "From the annual report",
        },
    )

    assert response.status_code == 400
    assert response.context["record"] == output  # the output page, not a generic form page
    assert "Heroin seized" in response.text and "Labs dismantled" in response.text
    forms = {
        fields["indicator"][0]: fields
        for _, fields in forms_with(response.text, "inline-measurement")
    }
    entered = forms[str(indicator.pk)]
    assert entered["period_start"] == ["2019-12-31"]
    assert entered["period_end"] == ["2019-01-01"]
    assert entered["value"] == ["25"]
    assert entered["note"] == ["From the annual report"]
    untouched = forms[str(other.pk)]
    assert untouched["period_start"] == [""] and untouched["value"] == [""]
    block = response.text.split(f'id="indicator-{indicator.pk}"')[1].split('id="indicator-')[0]
    assert 'data-field-error="period_end"' in block
    assert "must not be before" in block
    assert response.text.count(" autofocus") == 1  # the field at fault takes the focus
    assert 'name="period_end" id="m-end-' in block.split(" autofocus")[0].rsplit("<input", 1)[1]
    assert response.text.count("data-field-error=") == 1  # only on the form that was sent
    assert indicator.measurements.count() == 1


def test_a_period_already_measured_is_refused_in_place(client, alice, output, indicator):
    measured = indicator.measurements.get()
    client.force_login(alice)

    response = client.post(
        measurements_url(output),
        {
            "indicator": indicator.pk,
            "period_start": measured.period_start.isoformat(),
            "period_end": measured.period_end.isoformat(),
            "value": "12",
        },
    )

    assert response.status_code == 400
    block = response.text.split(f'id="indicator-{indicator.pk}"')[1]
    assert "already has a measurement for the period" in block
    assert 'data-testid="inline-measurement-errors"' in block
    assert indicator.measurements.count() == 1


def test_inline_measurements_are_refused_for_a_manager_and_for_another_outputs_indicator(
    client, alice, bob, output, indicator
):
    elsewhere = IndicatorFactory(output=OutputFactory(outcome=output.outcome))
    data = {"period_start": "2019-01-01", "period_end": "2019-12-31", "value": "1"}

    client.force_login(bob)
    as_manager = client.post(measurements_url(output), {"indicator": indicator.pk, **data})
    client.force_login(alice)
    misplaced = client.post(measurements_url(output), {"indicator": elsewhere.pk, **data})

    assert (as_manager.status_code, misplaced.status_code) == (403, 404)
    assert not Measurement.objects.filter(period_end=date(2019, 12, 31)).exists()


@pytest.mark.parametrize("language", ["en", "id"])
@pytest.mark.parametrize("page", ["output", "measurement"])
def test_the_saved_message_writes_the_period_and_value_in_the_users_format(
    client, alice, output, indicator, language, page
):
    alice.language = language
    alice.save(update_fields=["language"])
    client.force_login(alice)
    generic = reverse("record-create", args=[output.programme.code, "measurements"])

    response = client.post(
        measurements_url(output) if page == "output" else generic,
        {
            "indicator": indicator.pk,
            "period_start": "2019-01-01",
            "period_end": "2019-12-31",
            "value": "3313.5",
        },
        follow=True,
    )

    shown = [str(message) for message in response.context["messages"]]
    with translation.override(language):
        start = formats.date_format(date(2019, 1, 1))
        end = formats.date_format(date(2019, 12, 31))
    assert len(shown) == 1
    assert f"{start} – {end}" in shown[0], shown
    assert "2019-12-31" not in shown[0]
    assert ("Des." in end) == (language == "id")
    # The value as the pages write it: grouped, no trailing zeros, the language's decimal mark.
    assert shown[0].endswith({"en": ": 3,313.5.", "id": ": 3.313,5."}[language]), shown


def test_hub_lists_the_obstacles_and_stakeholders_of_the_output_only(client, alice, output, cause):
    linked = ObstacleFactory(programme=output.programme, cause=cause, title="Turf war")
    linked.outputs.add(output)
    ObstacleFactory(programme=output.programme, cause=cause, title="Somewhere else")
    InvolvementFactory(output=output, stakeholder=StakeholderFactory(acronym="BNN"))
    client.force_login(alice)

    response = client.get(hub_url(output))

    assert [o.title for o in response.context["obstacles"]] == ["Turf war"]
    assert "Turf war" in response.text
    assert "Somewhere else" not in response.text
    assert [i.stakeholder.acronym for i in response.context["involvements"]] == ["BNN"]
    assert ">BNN</a>" in response.text


def test_hub_shows_assessment_history_and_the_current_quadrant_with_its_principle(
    client, alice, output
):
    older = assessment_create(
        actor=alice, output=output, assessed_on=date(2018, 3, 1), items=SYMBOLIC
    )
    latest = assessment_create(
        actor=alice, output=output, assessed_on=date(2019, 3, 1), items=POLITICAL
    )
    political = matland.quadrant_info("political")
    client.force_login(alice)

    response = client.get(hub_url(output))

    assert [a.pk for a in response.context["assessments"]] == [latest.pk, older.pk]
    assert response.context["current_assessment"] == latest
    assert 'data-testid="current-quadrant"' in response.text
    for text in (political.name_en, political.principle_en, political.strategy_en):
        assert text in response.text
    assert "2018" in response.text and "Symbolic implementation" in response.text


def test_an_output_never_assessed_is_shown_as_unclassified(client, alice, output):
    client.force_login(alice)

    response = client.get(hub_url(output))

    assert response.context["current_assessment"] is None
    assert matland.quadrant_info("unclassified").name_en in response.text


def test_a_manager_sees_the_hub_without_any_control_that_writes(client, bob, output, indicator):
    client.force_login(bob)

    response = client.get(hub_url(output))

    assert response.status_code == 200
    assert "Heroin seized" in response.text
    for control in ("inline-measurement", "add-obstacle", "assess-output", "edit-record"):
        assert f'data-testid="{control}"' not in response.text


@pytest.mark.parametrize(
    ("kind", "parent"),
    [
        ("indicators", "output"),
        ("obstacles", "outputs"),
        ("involvements", "output"),
        ("assessments", "output"),
    ],
)
def test_add_links_on_the_hub_preset_the_output_and_come_back_to_it(
    client, alice, output, kind, parent
):
    client.force_login(alice)
    link = (
        f"{reverse('record-create', args=[output.programme.code, kind])}"
        f"?{parent}={output.pk}&amp;next={hub_url(output)}"
    )

    hub = client.get(hub_url(output))
    form = client.get(link.replace("&amp;", "&"))

    assert link in hub.text
    assert form.status_code == 200
    assert str(form.context["form"][parent].value()) in (str(output.pk), f"['{output.pk}']")
    assert f'name="next" value="{hub_url(output)}"' in form.text
