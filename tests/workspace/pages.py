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


def form_with(html: str, testid: str) -> tuple[str, dict[str, list[str]]]:
    """The action and input values of the page's form that is or holds `data-testid=testid`."""
    parser = _Forms()
    parser.feed(html)
    found = [form for form in parser.forms if testid in form["ids"]]
    assert len(found) == 1, f"{len(found)} forms hold {testid!r}"
    return found[0]["action"], found[0]["fields"]


def listed(response: HttpResponse) -> list[int]:
    """Primary keys of the rows a list page shows, in order."""
    return [record.pk for record in response.context["page"]]


def history_count(record: Model) -> int:
    return type(record).history.model.objects.filter(id=record.pk).count()
