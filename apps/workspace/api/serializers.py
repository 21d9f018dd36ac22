"""Serializer building blocks shared by the apps' APIs."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers

from apps.accounts.selectors import readable_records
from apps.core.fields import out_of_id_range
from apps.core.models import TitleLanguage
from apps.evidence.models import Source

PROVENANCE_FIELDS = ("is_illustrative", "provenance_note", "sources")
# A titled record's title (the original wording), its language, the translation, and the one
# the request's language reads (apps.core.models.TitledModel).
TITLE_FIELDS = (
    "title", "title_language", "title_translation", "title_translation_language", "title_display",
)  # fmt: skip
TRACKING_FIELDS = ("version", "created_at", "updated_at")


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference to a programme's record: only records of programmes the user reads exist.

    A client naming a record of another programme gets "does not exist", never a hint.
    """

    def __init__(self, *, programme_path: str, **kwargs: Any) -> None:
        self.programme_path = programme_path
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Any:
        if out_of_id_range(data):  # no database holds such an id (SQLite would overflow)
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(data)

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        assert queryset is not None, "a scoped reference needs a queryset"
        request = self.context.get("request")
        return readable_records(
            queryset, user=getattr(request, "user", None), programme_path=self.programme_path
        )


class ServiceModelSerializer(serializers.ModelSerializer):
    """A model serializer whose writes go through services.

    The services run the model's full validation (constraints included) inside their
    transaction, so DRF's own copies of the unique-together checks are left out. Fields the
    record kind names in `fixed_on_update` (passed in the context by the viewset) are accepted
    on creation only: a record never moves to another parent.
    """

    def get_unique_together_validators(self) -> list:
        return []

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | QuerySet):
            for name in self.context.get("fixed_on_update", ()):
                fields[name].read_only = True
        return fields


class TitledSerializer(serializers.Serializer):
    """Adds to a titled record the language of its translation and the title to show."""

    title_translation_language = serializers.ChoiceField(
        choices=TitleLanguage.choices,
        read_only=True,
        help_text="The language of `title_translation`: the site language `title` is not in.",
    )
    title_display = serializers.CharField(
        source="display_title",
        read_only=True,
        help_text=(
            "The title in the request's language (the user's language, else Accept-Language): "
            "`title_translation` when it is in that language and not blank, else `title`."
        ),
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        if "title" in fields and not fields["title"].read_only:
            fields[
                "title"
            ].help_text = "The title as originally written, in the language `title_language` names."
        return fields


class SourceSummarySerializer(serializers.ModelSerializer):
    """What a record cites, in brief."""

    url = serializers.URLField(read_only=True, allow_blank=True)

    class Meta:
        model = Source
        fields = ("id", "key", "title", "url", "is_illustrative")
        read_only_fields = fields


class ProvenanceSerializer(ServiceModelSerializer):
    """Adds the cited sources in brief to a record's representation."""

    sources_detail = SourceSummarySerializer(source="sources", many=True, read_only=True)
