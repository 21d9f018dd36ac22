"""Forms of the obstacles app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from apps.obstacles.choices import Manifestation
from apps.obstacles.models import Obstacle
from apps.workspace.forms import RecordForm


class ObstacleForm(RecordForm):
    """An obstacle of the programme, in groups: what and why, where it stands, who mitigates it
    how, what it touches, and what it rests on."""

    scoped_fields = {"outputs": "programme"}
    fieldsets = (
        (
            _("What and why"),
            [
                "title",
                "title_language",
                "title_translation",
                "description",
                "cause",
                "manifestation",
            ],
        ),
        (_("Severity, status and dates"), ["severity", "status", "identified_on", "resolved_on"]),
        (_("Mitigation"), ["owner", "mitigation_plan"]),
        (_("Links"), ["outputs", "stakeholders", "evidence"]),
        (_("Provenance"), ["is_illustrative", "provenance_note", "sources"]),
    )

    class Meta(RecordForm.Meta):
        model = Obstacle
        fields = [
            "title", "title_language", "title_translation",
            "description", "cause", "manifestation", "severity", "status",
            "identified_on", "resolved_on", "owner", "mitigation_plan", "outputs",
            "stakeholders", "evidence", "is_illustrative", "provenance_note", "sources",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "mitigation_plan": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        given = kwargs.get("initial") or {}
        super().__init__(*args, **kwargs)
        owner = self.fields.get("owner")
        if isinstance(owner, forms.ModelChoiceField) and self.programme is not None:
            # The owner is someone who works on this programme.
            owner.queryset = (
                get_user_model()
                .objects.filter(memberships__programme=self.programme)
                .order_by("username")
            )
        manifestation = self.fields.get("manifestation")
        if isinstance(manifestation, forms.ChoiceField):
            # The model's default ("other") would otherwise be chosen silently: a new obstacle
            # starts with no manifestation and is saved only with one chosen. A record that
            # exists keeps its value.
            manifestation.choices = [("", _("Choose…")), *Manifestation.choices]
            manifestation.required = True
            if self.instance.pk is None and "manifestation" not in given:
                self.initial.pop("manifestation", None)
                manifestation.initial = None
