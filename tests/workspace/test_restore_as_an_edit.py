"""Restoring a version goes through the edit form, its validation and the same service call.

Reproduced from the outside before: restore assigned the old values to the form by hand, so an
old value the form would refuse was changed silently instead (an output whose old lead had been
deleted was restored with no lead, and the page said it had been restored).
"""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from apps.programmes.services import output_update
from tests.factories import StakeholderFactory

pytestmark = pytest.mark.django_db


def restore(client, programme, output, entry, version):
    url = reverse("record-restore", args=[programme.code, "outputs", output.pk, entry.history_id])
    return client.post(url, {"version": version})


def test_a_version_naming_a_deleted_record_is_refused_with_the_field_named(
    client, alice, programme, output
):
    gone = StakeholderFactory(acronym="GONE")
    output_update(output=output, actor=alice, lead=gone, title="Led by a vanished agency")
    entry = output.history.latest("history_id")
    output_update(output=output, actor=alice, lead=StakeholderFactory(), title="Led anew")
    gone.delete()
    output.refresh_from_db()
    client.force_login(alice)

    response = restore(client, programme, output, entry, output.version)

    assert response.status_code == 302
    text = " ".join(str(message) for message in get_messages(response.wsgi_request))
    assert "cannot be restored" in text
    assert "Lead stakeholder" in text
    output.refresh_from_db()
    assert output.title == "Led anew"
    assert output.lead is not None


def test_a_restore_from_a_stale_page_is_refused_like_a_stale_edit(client, alice, programme, output):
    output_update(output=output, actor=alice, title="Second")
    entry = output.history.earliest("history_id")
    client.force_login(alice)

    response = restore(client, programme, output, entry, version=1)

    assert response.status_code == 302
    assert response["Location"].endswith("/history/")
    output.refresh_from_db()
    assert (output.title, output.version) == ("Second", 2)


def test_restoring_the_current_values_is_no_change(client, alice, programme, output):
    entry = output.history.latest("history_id")
    client.force_login(alice)

    response = restore(client, programme, output, entry, output.version)

    assert response.status_code == 302
    output.refresh_from_db()
    assert output.version == 1
    assert output.history.count() == 1
