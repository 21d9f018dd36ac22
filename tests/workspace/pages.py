"""Reading the workspace's pages as a browser does: forms, listed rows and history."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

from django.db.models import Model
from django.http import HttpResponse


def form_data(form: Any) -> dict[str, Any]:
    """What a browser posts back for a form as shown: every field's current value."""
    data: dict[str, Any] = {}
    for field in form:
        value = field.value()
        if isinstance(value, bool) or field.widget_type == "checkbox":
            if value:
                data[field.name] = "on"
            continue
        data[field.name] = "" if value is None else value
        if field.field.show_hidden_initial:  # the copy of the opened value the form carries
            data[field.html_initial_name] = data[field.name]
    return data


class _Forms(HTMLParser):
    """Every form of a page: its action, its fields and the test ids it holds."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self.open: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self.open = {"action": attributes.get("action") or "", "fields": {}, "ids": set()}
            self.forms.append(self.open)
        if self.open is None:
            return
        if attributes.get("data-testid"):
            self.open["ids"].add(attributes["data-testid"])
        if tag == "input" and attributes.get("name"):
            checkable = attributes.get("type") in ("checkbox", "radio")
            if not checkable or "checked" in attributes:
                value = attributes.get("value") or ""
                self.open["fields"].setdefault(attributes["name"], []).append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.open = None


def forms_with(html: str, testid: str) -> list[tuple[str, dict[str, list[str]]]]:
    """The action and input values of each of the page's forms that is or holds `testid`."""
    parser = _Forms()
    parser.feed(html)
    return [(form["action"], form["fields"]) for form in parser.forms if testid in form["ids"]]


def form_with(html: str, testid: str) -> tuple[str, dict[str, list[str]]]:
    """The action and input values of the page's form that is or holds `data-testid=testid`."""
    found = forms_with(html, testid)
    assert len(found) == 1, f"{len(found)} forms hold {testid!r}"
    return found[0]


def listed(response: HttpResponse) -> list[int]:
    """Primary keys of the rows a list page shows, in order."""
    return [record.pk for record in response.context["page"]]


def history_count(record: Model) -> int:
    return type(record).history.model.objects.filter(id=record.pk).count()


class _Controls(HTMLParser):
    """The selects of a page with their options, and its fieldsets with the fields they hold."""

    def __init__(self) -> None:
        super().__init__()
        self.selects: dict[str, dict[str, Any]] = {}
        self.fieldsets: list[dict[str, Any]] = []
        self._select: dict[str, Any] | None = None
        self._option: dict[str, Any] | None = None
        self._fieldset: dict[str, Any] | None = None
        self._in_legend = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "fieldset":
            self._fieldset = {"legend": "", "fields": [], "attrs": attributes}
            self.fieldsets.append(self._fieldset)
        elif tag == "legend":
            self._in_legend = True
        elif tag == "select":
            self._select = {"attrs": attributes, "options": []}
            self.selects[attributes.get("name") or ""] = self._select
        elif tag == "option" and self._select is not None:
            self._option = {
                "value": attributes.get("value") or "",
                "label": "",
                "selected": "selected" in attributes,
            }
            self._select["options"].append(self._option)
        if (
            self._fieldset is not None
            and tag in ("input", "select", "textarea")
            and attributes.get("name")
            and attributes.get("name") not in self._fieldset["fields"]
        ):
            self._fieldset["fields"].append(attributes["name"])

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self._option["label"] += data
        if self._in_legend and self._fieldset is not None:
            self._fieldset["legend"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "option":
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "legend":
            self._in_legend = False
        elif tag == "fieldset":
            self._fieldset = None


def controls(html: str) -> _Controls:
    """The page's selects (by name: attributes and options) and fieldsets (legend and fields)."""
    parser = _Controls()
    parser.feed(html)
    return parser


def options(html: str, name: str) -> list[tuple[str, str, bool]]:
    """The options of the page's select `name`: (value, label, selected)."""
    select = controls(html).selects[name]
    return [(o["value"], o["label"].strip(), o["selected"]) for o in select["options"]]
