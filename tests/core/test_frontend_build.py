"""The front-end build (frontend/build.mjs, run by `make setup`): the Bootstrap subset keeps
every Bootstrap class the templates, scripts and forms use, and the pages load it before
Pantau's own stylesheet (issue 10, 16)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

ROOT = Path(settings.BASE_DIR)
FULL_BOOTSTRAP = ROOT / "node_modules" / "bootstrap" / "dist" / "css" / "bootstrap.css"
SUBSET = ROOT / "build" / "static" / "css" / "bootstrap.min.css"
# A class attribute of a template; `{% … %}` and `{{ … }}` inside it are template code.
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
TEMPLATE_CODE = re.compile(r"{%.*?%}|{{.*?}}")
# Class names a script or a form writes: className = "…", classList.add("…"), "class": "…".
SCRIPT_CLASSES = re.compile(
    r"""(?:className\s*=\s*|classList\.(?:add|toggle|remove)\(\s*|["']class["']\s*:\s*)"""
    r"""["']([^"']+)["']"""
)
SELECTOR_CLASS = re.compile(r"\.(-?[a-zA-Z_][\w-]*)")


def css_classes(path: Path) -> set[str]:
    # Declarations hold no selectors; dropping them leaves no ".5rem" or URL to misread.
    selectors = re.sub(r"{[^{}]*}", "{}", path.read_text())
    return set(SELECTOR_CLASS.findall(selectors))


def used_classes() -> tuple[set[str], set[str]]:
    """Whole class names, and prefixes a template completes at run time (`alert-{{ … }}`)."""
    names: set[str] = set()
    prefixes: set[str] = set()
    for template in (ROOT / "templates").rglob("*.html"):
        for attribute in CLASS_ATTRIBUTE.findall(template.read_text()):
            for token in re.sub(r"({%.*?%}|{{.*?}})", " \\1 ", attribute).split():
                names.add(token)
            for prefix in re.findall(r"([\w-]+-)(?:{{|{%)", attribute):
                prefixes.add(prefix)
    sources = [*(ROOT / "static" / "js").rglob("*.js"), *(ROOT / "apps").rglob("*.py")]
    for source in sources:
        for value in SCRIPT_CLASSES.findall(source.read_text()):
            names.update(value.split())
    return {name for name in names if not TEMPLATE_CODE.search(name)}, prefixes


@pytest.fixture(scope="module")
def subset() -> set[str]:
    assert SUBSET.is_file(), "build/static is missing: run `make setup` (npm run build)"
    return css_classes(SUBSET)


def test_every_bootstrap_class_the_pages_use_is_in_the_subset(subset):
    bootstrap = css_classes(FULL_BOOTSTRAP)
    names, prefixes = used_classes()
    used = {name for name in names if name in bootstrap}
    used |= {name for name in bootstrap for prefix in prefixes if name.startswith(prefix)}

    assert {"navbar", "dropdown-menu", "btn-outline-secondary", "form-select", "alert-danger"} <= (
        used
    ), "the scan of templates and scripts found too little: the patterns no longer match"
    assert used - subset == set()


def test_the_subset_leaves_out_the_components_no_page_uses(subset):
    full = css_classes(FULL_BOOTSTRAP)
    left_out = {
        "modal",
        "toast",
        "carousel",
        "offcanvas-backdrop",
        "accordion",
        "popover",
        "spinner-border",
    }

    assert left_out <= full
    assert left_out & subset == set()
    assert SUBSET.stat().st_size < FULL_BOOTSTRAP.with_suffix(".min.css").stat().st_size


@pytest.mark.django_db
def test_pages_load_the_subset_before_pantaus_own_stylesheet(client):
    page = client.get("/accounts/login/").text
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)

    assert sheets[:2] == ["/static/css/bootstrap.min.css", "/static/css/pantau.css"]
    assert "{#" not in page and "{%" not in page
    assert finders.find("css/bootstrap.min.css") == str(SUBSET)


def test_the_build_serves_the_vendor_scripts_the_pages_load():
    for script in (
        "vendor/chartjs/chart.umd.min.js",
        "vendor/bootstrap/js/bootstrap.bundle.min.js",
        "vendor/htmx/htmx.min.js",
    ):
        found = finders.find(script)
        assert found is not None and Path(found).is_relative_to(SUBSET.parent.parent), script
