"""How Pantau's browser tests and benchmarks launch Chromium: Debian's /usr/bin/chromium through
Playwright (its own browser download is not used), with these flags."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
