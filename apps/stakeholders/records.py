"""The workspace pages of stakeholders and involvements."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.core.records import Column, RecordSpec, register
from apps.stakeholders import filters, forms, services
from apps.stakeholders.models import Involvement, Stakeholder

INVOLVEMENTS = register(
    RecordSpec(
        key="involvements",
        model=Involvement,
        form_class=forms.InvolvementForm,
        filterset_class=filters.InvolvementFilter,
        columns=(
            Column(_("Stakeholder"), "stakeholder", link=True, ordering="stakeholder__acronym"),
            Column(_("Output"), "output.code", ordering="output__code"),
            Column(_("Role"), "role", ordering="role"),
            Column(_("Influence"), "influence", ordering="influence"),
            Column(_("Interest"), "interest", ordering="interest"),
            Column(_("Stance"), "stance", ordering="stance"),
        ),
        create_service=services.involvement_create,
        update_service=services.involvement_update,
        instance_kwarg="involvement",
        search_fields=("stakeholder__acronym", "stakeholder__name", "notes"),
        select_related=("stakeholder", "output", "programme"),
        prefetch_related=("sources",),
        default_ordering=("output__code", "stakeholder__acronym"),
    )
)

STAKEHOLDERS = register(
    RecordSpec(
        key="stakeholders",
        model=Stakeholder,
        form_class=forms.StakeholderForm,
        filterset_class=filters.StakeholderFilter,
        columns=(
            Column(_("Acronym"), "acronym", link=True, ordering="acronym"),
            Column(_("Name"), "name", link=True, ordering="name"),
            Column(_("Kind"), "kind", ordering="kind"),
            Column(_("Level"), "level", ordering="level"),
            Column(_("Parent"), "parent"),
        ),
        create_service=services.stakeholder_create,
        update_service=services.stakeholder_update,
        instance_kwarg="stakeholder",
        programme_path=None,
        search_fields=("acronym", "name", "notes"),
        select_related=("parent",),
        prefetch_related=("sources",),
        default_ordering=("acronym", "name"),
    )
)
