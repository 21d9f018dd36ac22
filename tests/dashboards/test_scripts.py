"""The dashboard's front end as files: small ES modules, no colour of their own, one palette.

The behaviour is tested in a real browser (tests/browser); these tests keep the shape the issue
asked for: modules of at most 200 lines that import each other by relative paths that exist,
no block of six lines repeated, every colour in static/css/dashboard.css (custom properties the
charts read with getComputedStyle), and a colour there for every value a chart colours by.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from apps.assessments import matland
from apps.dashboards.choices import BandChoice
from apps.dashboards.selectors.obstacles import SEVERITIES
from apps.obstacles.choices import Dimension
from apps.programmes.choices import OutputStatus
from apps.stakeholders.choices import Stance

STATIC = Path(settings.BASE_DIR) / "static"
MODULES = STATIC / "js" / "dashboard"
ENTRY = MODULES / "main.js"
STYLESHEET = STATIC / "css" / "dashboard.css"
MAX_LINES = 200
REPEAT = 6

IMPORT = re.compile(r"""^import .* from "(\.{1,2}/[^"]+)";$""", re.M)
COLOUR_LITERAL = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(")
SINGLE_COLOUR = re.compile(r"""\bcolour\("([a-z-]+)"\)""")
PALETTE_GROUP = re.compile(r"""\bpaletteColour\("([a-z]+)",""")
CUSTOM_PROPERTY = re.compile(r"^\s*--pantau-([a-z0-9-]+):\s*[^;]+;", re.M)
# Lines too plain to count as repeated code: brackets and the like.
PLAIN = re.compile(r"^[\s{}()\[\];,]*$")


def modules() -> list[Path]:
    return sorted(MODULES.rglob("*.js"))


def palette() -> set[str]:
    root = STYLESHEET.read_text().split(":root {", 1)[1].split("}", 1)[0]
    return set(CUSTOM_PROPERTY.findall(root))


def css_key(value: object) -> str:
    """The palette's spelling of a value (palette.js paletteColour)."""
    return "unknown" if value in (None, "") else str(value).replace("_", "-")


def test_the_dashboard_is_small_modules_without_the_old_single_script():
    assert not (STATIC / "js" / "dashboard.js").exists()
    sizes = {
        str(path.relative_to(MODULES)): len(path.read_text().splitlines()) for path in modules()
    }

    assert len(sizes) >= 10, sizes
    assert {name: size for name, size in sizes.items() if size > MAX_LINES} == {}


def test_every_module_is_imported_by_a_path_that_exists_and_reached_from_the_entry():
    reached, queue = {ENTRY}, [ENTRY]
    while queue:
        module = queue.pop()
        for target in IMPORT.findall(module.read_text()):
            path = (module.parent / target).resolve()
            assert path.is_file(), f"{module.name} imports {target}, which does not exist"
            if path not in reached:
                reached.add(path)
                queue.append(path)

    assert sorted(reached) == [path.resolve() for path in modules()]


def test_no_block_of_six_lines_repeats_across_the_dashboard_modules():
    seen: dict[tuple[str, ...], str] = {}
    repeated = []
    for path in modules():
        lines = [line.strip() for line in path.read_text().splitlines()]
        code = [line for line in lines if not PLAIN.match(line) and not line.startswith("//")]
        for start in range(len(code) - REPEAT + 1):
            block = tuple(code[start : start + REPEAT])
            where = f"{path.relative_to(MODULES)}:{start}"
            if block in seen:
                repeated.append((seen[block], where, block))
            seen.setdefault(block, where)

    assert repeated == []


def test_the_dashboard_scripts_hold_no_colour_of_their_own():
    literals = {
        str(path.relative_to(MODULES)): COLOUR_LITERAL.findall(path.read_text())
        for path in modules()
    }

    assert {name: found for name, found in literals.items() if found} == {}


def test_every_colour_a_chart_reads_is_in_the_css_palette():
    scripts = "\n".join(path.read_text() for path in modules())
    singles = set(SINGLE_COLOUR.findall(scripts))
    groups = set(PALETTE_GROUP.findall(scripts))
    values = {
        "quadrant": [quadrant.value for quadrant in matland.Quadrant],
        "status": OutputStatus.values,
        "stance": [*Stance.values, ""],
        "band": [*BandChoice.values, None],
        "dimension": Dimension.values,
        "severity": list(SEVERITIES),
    }

    assert groups == set(values)
    needed = singles | {f"{group}-{css_key(value)}" for group in groups for value in values[group]}
    assert sorted(needed - palette()) == []


def test_the_strategy_boxes_take_the_quadrant_colours_from_the_palette():
    stylesheet = STYLESHEET.read_text()

    for quadrant in ("administrative", "political", "experimental", "symbolic"):
        assert f".strategy.q-{quadrant} {{ border-color: var(--pantau-quadrant-{quadrant}); }}" in (
            stylesheet
        )
    # Outside :root the stylesheet names no chart colour of its own.
    chart_rules = stylesheet.split("}", 1)[1].split("@media print", 1)[0]
    assert COLOUR_LITERAL.findall(chart_rules) == []
