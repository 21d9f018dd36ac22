"""Writes of the cause taxonomy (apps.obstacles.services): rubric items, dimension, unique code."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from apps.obstacles.models import ObstacleCause
from apps.obstacles.services import obstacle_cause_create, obstacle_cause_update

pytestmark = pytest.mark.django_db

# --------------------------------------------------------------------------------------------
# The cause taxonomy
# --------------------------------------------------------------------------------------------


def test_a_cause_is_created_with_its_rubric_items(db):
    cause = obstacle_cause_create(
        code="LIMITED_RESOURCES",
        name_en="Limited resources",
        name_id="Sumber daya terbatas",
        dimension="resources",
        frameworks=["VMVH2", "E2"],
        items=["C4"],
    )

    row = ObstacleCause.objects.get(pk=cause.pk)
    assert (row.items, row.frameworks, row.dimension) == (["C4"], ["VMVH2", "E2"], "resources")


def test_a_cause_naming_an_unknown_rubric_item_is_refused(db):
    with pytest.raises(ValidationError) as error:
        obstacle_cause_create(
            code="ODD", name_en="Odd", name_id="Aneh", dimension="context", items=["A1", "Z9"]
        )

    assert set(error.value.message_dict) == {"items"}
    assert "Z9" in error.value.message_dict["items"][0]
    assert not ObstacleCause.objects.filter(code="ODD").exists()


def test_changing_a_causes_items_to_an_unknown_one_is_refused(cause):
    with pytest.raises(ValidationError) as error:
        obstacle_cause_update(cause=cause, items=["Z9"])

    assert "items" in error.value.message_dict
    assert ObstacleCause.objects.get(pk=cause.pk).items == ["A1", "A2"]


def test_a_cause_with_an_unknown_dimension_is_refused(db):
    with pytest.raises(ValidationError) as error:
        obstacle_cause_create(code="ODD", name_en="Odd", name_id="Aneh", dimension="luck")

    assert "dimension" in error.value.message_dict


def test_a_cause_code_is_unique(cause):
    with pytest.raises(ValidationError) as error:
        obstacle_cause_create(code=cause.code, name_en="Dup", name_id="Dup", dimension="ambiguity")

    assert "code" in error.value.message_dict
