"""Forms of the obstacles app."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from apps.obstacles.models import Obstacle
from apps.workspace.forms import RecordForm


class ObstacleForm(RecordForm):
    """An obstacle of the programme."""

    scoped_fields = {"outputs": "programme"}

    class Meta(RecordForm.Meta):
        model = Obstacle
        fields = [
            "title", "title_language", "title_translation",
            "description", "cause", "manifestation", "severity", "status",
            "identified_on", "resolved_on", "owner", "mitigation_plan", "outputs",
            "stakeholders", "evidence", "is_illustrative", "provenance_note", "sources",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields.get("owner")
        if isinstance(owner, forms.ModelChoiceField) and self.programme is not None:
            # The owner is someone who works on this programme.
            owner.queryset = (
                get_user_model()
                .objects.filter(memberships__programme=self.programme)
                .order_by("username")
            )
