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


# The ids every supported database can store and compare (a signed 64-bit integer). SQLite
# fails with OverflowError on a larger one rather than finding nothing.
ID_MIN, ID_MAX = -(2**63), 2**63 - 1


def out_of_id_range(value: object) -> bool:
    """Whether a value (an int, or digits as text) names an id no database can hold."""
    text = str(value).strip()
    digits = text[1:] if text[:1] in "+-" else text
    return digits.isdigit() and not ID_MIN <= int(text) <= ID_MAX
