"""Output fields for annotations."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models


class QuantizedDecimalField(models.DecimalField):
    """A decimal annotation rounded to its places on every database.

    SQLite hands back annotated decimals as floats and Django only quantizes plain columns, so
    an annotated 0.0833 would arrive as 0.0833000000000000 there but not on PostgreSQL.
    """

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Decimal | None:
        if value is None:
            return None
        return Decimal(str(value)).quantize(Decimal(1).scaleb(-self.decimal_places))
