"""The kinds table (`kinds.py`) stays complete when a new kind of record is registered."""

from __future__ import annotations

from apps.workspace.kinds import page_kinds
from tests.workspace.kinds import KINDS, SHARED_KINDS


def test_the_table_has_a_row_for_every_registered_kind_of_record():
    assert set(KINDS) == {kind.key for kind in page_kinds()}


def test_shared_kinds_are_stakeholders_sources_and_evidence():
    assert {kind.key for kind in SHARED_KINDS} == {"stakeholders", "sources", "evidence"}
