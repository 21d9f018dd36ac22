"""How the programme service tests read a refusal of a write.

Every database constraint of apps/programmes/models.py is reached through a service in the
test_*_writes.py modules and must come back as a ValidationError, never as an IntegrityError
from the database.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError


def assert_refused_on_the_end_date(error: ValidationError) -> None:
    """The date-order error is reported on the later field, not on the record as a whole."""
    fields = {"end_date", "period_end"} & set(error.message_dict)
    assert fields, error.message_dict
    assert "must not be before" in " ".join(error.message_dict[fields.pop()])


def errors_of(caught: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return caught.value.message_dict
