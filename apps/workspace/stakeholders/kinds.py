"""The record kinds of stakeholders and their involvements."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.stakeholders import services
from apps.stakeholders.models import Involvement, Stakeholder
from apps.workspace.kinds import Column, RecordKind, SearchField, register
from apps.workspace.stakeholders import filters, forms, serializers


@register
class InvolvementKind(RecordKind[Involvement]):
    """A stakeholder's role, power, interest and stance in an output or a programme."""

    key = "involvements"
    model = Involvement
    form_class = forms.InvolvementForm
    filterset_class = filters.InvolvementFilter
    serializer_class = serializers.InvolvementSerializer
    create_service = staticmethod(services.involvement_create)
    update_service = staticmethod(services.involvement_update)
    fixed_on_update = ("stakeholder", "programme", "output")
    columns = (
        Column(_("Stakeholder"), "stakeholder", link=True, ordering="stakeholder__acronym"),
        Column(_("Output"), "output.code", ordering="output__code"),
        Column(_("Role"), "role", ordering="role"),
        Column(_("Influence"), "influence", ordering="influence"),
        Column(_("Interest"), "interest", ordering="interest"),
        Column(_("Stance"), "stance", ordering="stance"),
    )
    search_fields = (
        SearchField("stakeholder__acronym", 10),
        SearchField("stakeholder__name", 50),
        SearchField("notes", 300),
    )
    select_related = ("stakeholder", "output", "programme")
    prefetch_related = ("sources",)
    ordering = ("output__code", "stakeholder__acronym")
    api_ordering = ("programme__code", "output__code", "stakeholder__acronym")
    api_ordering_fields = ("influence", "interest", "role", "stance")
    api_description = "Stakeholders' roles in the outputs and programmes the user reads."


@register
class StakeholderKind(RecordKind[Stakeholder]):
    """Organisations and units with a part in implementation (shared by all programmes)."""

    key = "stakeholders"
    model = Stakeholder
    programme_path = None
    form_class = forms.StakeholderForm
    filterset_class = filters.StakeholderFilter
    serializer_class = serializers.StakeholderSerializer
    create_service = staticmethod(services.stakeholder_create)
    update_service = staticmethod(services.stakeholder_update)
    columns = (
        Column(_("Acronym"), "acronym", link=True, ordering="acronym"),
        Column(_("Name"), "name", link=True, ordering="name"),
        Column(_("Kind"), "kind", ordering="kind"),
        Column(_("Level"), "level", ordering="level"),
        Column(_("Parent"), "parent"),
    )
    search_fields = (
        SearchField("acronym", 10),
        SearchField("name", 50),
        SearchField("notes", 300),
    )
    select_related = ("parent",)
    prefetch_related = ("sources",)
    ordering = ("acronym", "name")
    api_ordering = ("acronym", "name")
    api_ordering_fields = ("acronym", "name", "kind", "level")
    api_description = (
        "Stakeholders: every signed-in user reads them; analysts of any programme edit them."
    )
