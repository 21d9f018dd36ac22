"""Every main page transfers at most 250 KB on a cold visit, in both modes (issue 10, 16).

Measured before the fix: under `make run` the programme dashboard transferred 616 KB and every
other page 336–369 KB (Bootstrap's whole stylesheet, 234 KB, and the scripts went uncompressed);
in production (gunicorn, WhiteNoise, DEBUG off) the dashboard transferred 197 KB.

The measuring is benchmarks/page_weight.py's: a demo database of its own, the development server
and gunicorn started as `make run` and the image start them, Chromium opening each main page with
an empty cache and counting the encoded body bytes of every response.
"""

from __future__ import annotations

import pytest

from benchmarks.page_weight import BUDGET_KB, PAGES, measure_modes, table

pytestmark = pytest.mark.services


@pytest.mark.timeout(900)
def test_every_main_page_transfers_at_most_250_kb_cold_in_both_modes(chromium):
    results = measure_modes(chromium)

    print(table(results))
    assert {mode: len(weights) for mode, weights in results.items()} == {
        "development": len(PAGES),
        "production": len(PAGES),
    }
    over = {
        f"{mode} {weight.page}": round(weight.kilobytes, 1)
        for mode, weights in results.items()
        for weight in weights
        if weight.kilobytes > BUDGET_KB
    }
    assert over == {}
