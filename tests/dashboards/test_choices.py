"""The dashboard's labels come from the choices classes, in the user's language."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from apps.dashboards.choices import BandChoice, UnclassifiedReason
from apps.dashboards.selectors.quadrants import NEVER_ASSESSED, TOO_FEW_ANSWERS
from apps.programmes.progress import Band
from apps.stakeholders.choices import Stance
from tests.dashboards.pages import dashboard_config

pytestmark = pytest.mark.django_db


def test_the_named_bands_are_the_bands_progress_computes_in_its_order():
    assert BandChoice.values == [band.value for band in Band]


def test_the_matrix_gives_the_reasons_the_choices_name():
    assert UnclassifiedReason.values == [NEVER_ASSESSED, TOO_FEW_ANSWERS]


@pytest.mark.parametrize("language", ["en", "id"])
def test_the_dashboard_names_stances_bands_and_reasons_as_their_choices_do(
    client, programme, bob, language
):
    bob.language = language
    bob.save(update_fields=["language"])
    client.force_login(bob)

    texts = dashboard_config(client.get(reverse("programme-dashboard", args=[programme.code])))[
        "texts"
    ]

    with translation.override(language):
        assert texts["stances"] == {
            **{value: str(label) for value, label in Stance.choices},
            "": translation.gettext("Stance not known"),
        }
        assert texts["bands"] == {
            **{value: str(label) for value, label in BandChoice.choices},
            "": translation.gettext("No figure"),
        }
        assert texts["reasons"] == {
            value: str(label) for value, label in UnclassifiedReason.choices
        }
    if language == "id":
        # Translated, not the English labels: the catalogue has them all.
        assert texts["stances"]["champion"] != "Champion"
        assert texts["bands"]["below"] != "Below plan"
        assert texts["reasons"]["never_assessed"] != "never assessed"
