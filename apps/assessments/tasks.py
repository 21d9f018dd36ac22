"""Background work of the assessments app."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from apps.assessments.services import assessments_reclassify
from apps.programmes.models import Programme


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def reclassify_programme_assessments(programme_id: int) -> int:
    """Derive a programme's assessments again; idempotent, a missing programme is a no-op."""
    programme = Programme.objects.filter(pk=programme_id).first()
    if programme is None:
        return 0
    return assessments_reclassify(programme=programme)
