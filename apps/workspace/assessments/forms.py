"""The assessment form: eleven rubric items, each with a note, in the user's language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from apps.assessments import matland
from apps.assessments.models import Assessment
from apps.assessments.services import ITEM_FIELDS, NOTE_FIELDS
from apps.workspace.forms import RecordForm


def answer_choices(code: str, language: str) -> list[tuple[str, str]]:
    """Not known, then the item's own answers for 0, 1 and 2 (e.g. "2 – contested")."""
    return [("", gettext("Not known"))] + [
        (str(score), _answer(code, score, language)) for score in (0, 1, 2)
    ]


def answer_display(code: str, score: int | None, language: str) -> str | None:
    """An answer as shown: its score and the item's words for it (None when not known)."""
    return None if score is None else _answer(code, score, language)


def _answer(code: str, score: int, language: str) -> str:
    return f"{score} – {matland.answer_label(code, score, language)}"


class AssessmentForm(RecordForm):
    """Score an output on the Matland rubric; the quadrant is derived, never chosen."""

    scoped_fields = {"output": "programme"}

    class Meta(RecordForm.Meta):
        model = Assessment
        fields = ["output", "assessed_on", *NOTE_FIELDS, "summary", "evidence", "is_illustrative"]
        widgets = {
            name: forms.TextInput(attrs={"placeholder": _("Why? (optional)")})
            for name in NOTE_FIELDS
        }

    def __init__(self, *args: Any, suggestions: dict[str, Any] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        language = get_language() or "en"
        self.suggestions = suggestions or {}
        if not self.instance.pk and not self.is_bound:
            # A new assessment is usually of today; the browser turns this into its own today.
            today = timezone.localdate()
            self.fields["assessed_on"].initial = today
            self.fields["assessed_on"].widget.attrs["data-default-today"] = today.isoformat()
        for field, code in zip(ITEM_FIELDS, matland.ITEM_CODES, strict=True):
            item = forms.TypedChoiceField(
                label=f"{code} · {matland.item_text(code, language)}",
                choices=answer_choices(code, language),
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
            if self.instance.pk:
                value = getattr(self.instance, field)
                item.initial = "" if value is None else str(value)
            elif code in self.suggestions:
                item.initial = str(self.suggestions[code].score)
            self.fields[field] = item
            if code in self.suggestions and not self.instance.pk:
                self.fields[f"confirm_{field}"] = forms.BooleanField(
                    label=_("Confirm the suggested answer"),
                    required=False,
                    widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
                )
            note = self.fields[f"{field}_note"]
            note.label = _("Note on %(code)s") % {"code": code}
            note.required = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for field, code in zip(ITEM_FIELDS, matland.ITEM_CODES, strict=True):
            suggestion = self.suggestions.get(code)
            if suggestion is None or self.instance.pk:
                continue
            kept = cleaned.get(field) == suggestion.score
            if kept and not cleaned.get(f"confirm_{field}"):
                self.add_error(
                    field,
                    _("This answer was suggested by open obstacles: confirm it or change it."),
                )
        return cleaned

    def rubric_rows(self) -> list[dict[str, Any]]:
        """Each item with its answer and note fields, its dimension and any suggestion."""
        return [
            {
                "code": code,
                "dimension": matland.RUBRIC_ITEMS[code].dimension,
                "answer": self[field],
                "note": self[f"{field}_note"],
                "suggestion": self.suggestions.get(code),
                "confirm": self[f"confirm_{field}"] if f"confirm_{field}" in self.fields else None,
            }
            for field, code in zip(ITEM_FIELDS, matland.ITEM_CODES, strict=True)
        ]

    def payload(self) -> dict[str, Any]:
        """The record fields; the confirmations of suggested answers are not stored."""
        return {
            name: value
            for name, value in super().payload().items()
            if not name.startswith("confirm_")
        }
