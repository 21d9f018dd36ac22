"""Concurrent writers over real HTTP on real PostgreSQL: no lost updates, no lost version bumps.

DESIGN section 6: an edit carries the version it was read at; of several writers holding the
same version exactly one wins and the others are answered 412. Threads released together by a
barrier send their requests to the live server, which serves each in a thread of its own with
a database connection of its own, so the race is the database's, not the test's.

SQLite serialises every write, so it cannot show the race: these tests need PostgreSQL
(DATABASE_URL) and skip without it, which PANTAU_REQUIRE_SERVICES=1 turns into a failure.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest
import requests
from django.db import connection

from apps.accounts.services import api_token_create
from apps.assessments import matland
from apps.assessments.models import Assessment
from apps.assessments.services import ITEM_FIELDS, assessment_create
from apps.programmes.models import Output

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

WRITERS = 8
TIMEOUT = 30  # seconds; a hung request fails the test instead of hanging it


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            f"concurrent writers need PostgreSQL (this run uses {connection.vendor}): "
            "set DATABASE_URL=postgres://…"
        )


@pytest.fixture
def secret(alice) -> str:
    """A read-write API token of Alice, an analyst of the programme."""
    _, plaintext = api_token_create(user=alice, name="concurrency", read_only=False)
    return plaintext


def race(send: Callable[[int], requests.Response]) -> list[requests.Response]:
    """Call `send(writer)` from WRITERS threads released at the same moment."""
    start = threading.Barrier(WRITERS, timeout=TIMEOUT)

    def writer(number: int) -> requests.Response:
        start.wait()
        return send(number)

    with ThreadPoolExecutor(max_workers=WRITERS) as pool:
        return list(pool.map(writer, range(WRITERS)))


def headers(secret: str, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}", **extra}


def statuses(responses: list[requests.Response]) -> Counter[int]:
    return Counter(response.status_code for response in responses)


def assert_one_winner(responses: list[requests.Response], *, version: int) -> int:
    """Exactly one 200 carrying version + 1; every other writer 412 naming that version."""
    assert statuses(responses) == Counter({200: 1, 412: WRITERS - 1}), [
        (r.status_code, r.text[:200]) for r in responses
    ]
    (winner,) = [n for n, r in enumerate(responses) if r.status_code == 200]
    assert responses[winner].json()["version"] == version + 1
    assert responses[winner].headers["ETag"] == f'"{version + 1}"'
    for response in responses:
        if response.status_code == 412:
            assert response.headers["Content-Type"].startswith("application/json")
            assert response.json()["current_version"] == version + 1
            assert response.headers["ETag"] == f'"{version + 1}"'
    return winner


def test_of_writers_patching_an_output_with_one_if_match_exactly_one_wins(
    live_server, secret, output
):
    version = output.version
    url = f"{live_server.url}/api/v1/outputs/{output.pk}/"

    def send(writer: int) -> requests.Response:
        return requests.patch(
            url,
            json={"title": f"Title by writer {writer}", "status": "on_track"},
            headers=headers(secret, **{"If-Match": f'"{version}"'}),
            timeout=TIMEOUT,
        )

    responses = race(send)

    winner = assert_one_winner(responses, version=version)
    output.refresh_from_db()
    assert output.version == version + 1  # the initial version plus the one success
    assert output.title == f"Title by writer {winner}"
    assert output.history.count() == 2  # created, then the winner's change: no other trace


# Eight answer sheets, each leading somewhere else on the matrix (None: not answered).
ANSWER_SHEETS: list[dict[str, int | None]] = [
    {"a1": 0, "a2": 0, "a3": 0, "c1": 0, "c2": 0, "c3": 0},  # administrative
    {"a1": 0, "a2": 0, "a3": 0, "c1": 2, "c2": 2, "c3": 2},  # political
    {"a1": 2, "a2": 2, "a3": 2, "c1": 0, "c2": 0, "c3": 0},  # experimental
    {"a1": 2, "a2": 2, "a3": 2, "c1": 2, "c2": 2, "c3": 2},  # symbolic
    {"a1": 1, "a2": 0, "a3": 0, "a4": 0, "c1": 2, "c2": 2, "c3": 1},  # political
    {"a1": 2, "a2": 2, "a3": 1, "c1": 0, "c2": 0, "c3": 1, "c4": 0},  # experimental
    {"a1": 1, "a2": 1, "a3": 1, "c1": 1, "c2": 2, "c3": 1},  # political, borderline
    {"a1": 2, "a2": 2},  # unclassified: too few answers
]


def full_sheet(answers: dict[str, int | None]) -> dict[str, int | None]:
    """All eleven items, so the stored assessment is exactly one writer's answers."""
    return {name: answers.get(name) for name in ITEM_FIELDS}


def test_of_writers_patching_an_assessment_with_one_if_match_the_winners_answers_are_classified(
    live_server, secret, output
):
    assert len(ANSWER_SHEETS) == WRITERS
    assessment = assessment_create(
        output=output, assessed_on=date(2019, 6, 30), items={"a1": 1, "a2": 1, "a3": 1}
    )
    version = assessment.version
    url = f"{live_server.url}/api/v1/assessments/{assessment.pk}/"

    def send(writer: int) -> requests.Response:
        return requests.patch(
            url,
            json={**full_sheet(ANSWER_SHEETS[writer]), "summary": f"Writer {writer}"},
            headers=headers(secret, **{"If-Match": f'W/"{version}"'}),
            timeout=TIMEOUT,
        )

    responses = race(send)

    winner = assert_one_winner(responses, version=version)
    assessment = Assessment.objects.get(pk=assessment.pk)
    answers = full_sheet(ANSWER_SHEETS[winner])
    assert {name: getattr(assessment, name) for name in ITEM_FIELDS} == answers
    assert assessment.summary == f"Writer {winner}"
    expected = matland.classify(
        answers,
        ambiguity_threshold=output.programme.ambiguity_threshold,
        conflict_threshold=output.programme.conflict_threshold,
    )
    assert assessment.quadrant == expected.quadrant.value
    assert assessment.ambiguity == expected.ambiguity
    assert assessment.conflict == expected.conflict
    assert assessment.borderline == expected.borderline
    assert responses[winner].json()["quadrant"] == assessment.quadrant
    assert assessment.version == version + 1


def test_writers_without_if_match_all_succeed_and_each_raises_the_version_once(
    live_server, secret, output
):
    version = output.version
    url = f"{live_server.url}/api/v1/outputs/{output.pk}/"

    def send(writer: int) -> requests.Response:
        return requests.patch(
            url,
            json={"description": f"Note by writer {writer}"},
            headers=headers(secret),
            timeout=TIMEOUT,
        )

    responses = race(send)

    assert statuses(responses) == Counter({200: WRITERS}), [r.text[:200] for r in responses]
    # Each write saw a version of its own: the bumps were serialised, none was lost.
    seen = sorted(response.json()["version"] for response in responses)
    assert seen == list(range(version + 1, version + WRITERS + 1))
    output.refresh_from_db()
    assert output.version == version + WRITERS
    assert output.history.count() == 1 + WRITERS
    last = max(responses, key=lambda response: response.json()["version"])
    assert output.description == last.json()["description"]


def test_assessment_writers_without_if_match_each_raise_the_version_once(
    live_server, secret, output
):
    assessment = assessment_create(
        output=output, assessed_on=date(2019, 6, 30), items={"a1": 1, "a2": 1, "a3": 1}
    )
    version = assessment.version
    url = f"{live_server.url}/api/v1/assessments/{assessment.pk}/"

    def send(writer: int) -> requests.Response:
        return requests.patch(
            url, json=full_sheet(ANSWER_SHEETS[writer]), headers=headers(secret),
            timeout=TIMEOUT,
        )  # fmt: skip

    responses = race(send)

    assert statuses(responses) == Counter({200: WRITERS}), [r.text[:200] for r in responses]
    assessment = Assessment.objects.get(pk=assessment.pk)
    assert assessment.version == version + WRITERS
    # The last writer's answers are stored, and the stored quadrant is derived from them.
    last = max(responses, key=lambda response: response.json()["version"]).json()
    assert {name: getattr(assessment, name) for name in ITEM_FIELDS} == {
        name: last[name] for name in ITEM_FIELDS
    }
    assert assessment.quadrant == last["quadrant"]


def test_of_writers_deleting_an_output_with_one_if_match_exactly_one_deletes(
    live_server, secret, output
):
    version = output.version
    url = f"{live_server.url}/api/v1/outputs/{output.pk}/"

    def send(writer: int) -> requests.Response:
        return requests.delete(
            url, headers=headers(secret, **{"If-Match": f'"{version}"'}), timeout=TIMEOUT
        )

    responses = race(send)

    counts = statuses(responses)
    assert counts[204] == 1, counts
    # The others either found it gone (404) or lost the race on the version (412).
    assert set(counts) <= {204, 404, 412}, counts
    assert not Output.objects.filter(pk=output.pk).exists()


def test_of_writers_creating_outputs_with_one_new_code_exactly_one_is_created(
    live_server, secret, outcome
):
    url = f"{live_server.url}/api/v1/outputs/"

    def send(writer: int) -> requests.Response:
        return requests.post(
            url,
            json={"outcome": outcome.pk, "code": "7.7", "title": f"By writer {writer}"},
            headers=headers(secret),
            timeout=TIMEOUT,
        )

    responses = race(send)

    counts = statuses(responses)
    assert counts == Counter({201: 1, 400: WRITERS - 1}), [
        (r.status_code, r.text[:200]) for r in responses
    ]
    for response in responses:
        body: dict[str, Any] = response.json()
        if response.status_code == 400:
            assert {"code", "non_field_errors"} & set(body), body
    assert Output.objects.filter(programme=outcome.programme, code="7.7").count() == 1
