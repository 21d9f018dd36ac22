"""Checks the service tests share: the record as stored, and the fields a refusal names."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError


def stored(record):
    """The record as the database holds it."""
    return type(record).objects.get(pk=record.pk)


def refused_fields(error: pytest.ExceptionInfo[ValidationError]) -> set[str]:
    return set(error.value.message_dict)
