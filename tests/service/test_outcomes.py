"""``POST /v1/outcomes``: a batch is one transaction, a retry stores nothing twice (with or without an
Idempotency-Key), a contradiction is a 409 and an outcome before its assessment's registration date a 422; and a
profile registered in the future is refused before anything is assessed.

Runs on SQLite, and on PostgreSQL too when ``PROFILING_TEST_POSTGRES_URL`` is set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from monitoring.records.tables import AssessmentRow, OutcomeRow
from service.auth import Role
from service.schemas import EXAMPLE_NATIONAL_ID
from service.settings import Settings
from tests.conftest import Registry
from tests.processes import BACKENDS, records_database
from tests.service.conftest import assessment_body, make_settings

Headers = Callable[..., dict[str, str]]
MISSING = "3f1c0c9e-0000-4000-8000-000000000000"


@pytest.fixture(scope="module", params=BACKENDS)
def settings(
    request: pytest.FixtureRequest, registry: Registry, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Settings]:
    data_dir = tmp_path_factory.mktemp("outcomes")
    with records_database(request.param, data_dir) as database_url:
        yield make_settings(registry, data_dir, database_url=database_url)


def _assessment(client: TestClient, token: Headers) -> str:
    response = client.post("/v1/assessments", json=assessment_body(consent=False), headers=token(Role.COUNSELLOR))
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def _outcome(assessment_id: str | None = None, **changes: object) -> dict[str, object]:
    subject = {"assessment_id": assessment_id} if assessment_id else {"national_id": EXAMPLE_NATIONAL_ID}
    return {**subject, "horizon_months": 12, "employed": True, "observed_on": "2027-11-02", **changes}


def _post(client: TestClient, token: Headers, outcomes: list[dict[str, object]], **headers: str) -> Any:
    return client.post("/v1/outcomes", json={"outcomes": outcomes}, headers=token(Role.SYSTEM) | headers)


def _stored(client: TestClient) -> int:
    with client.app.state.sessions() as session:  # type: ignore[attr-defined]
        return session.scalar(select(func.count()).select_from(OutcomeRow)) or 0


def _problem(response: Any, status: int, detail: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"].startswith(detail), response.json()


def test_a_batch_with_a_missing_assessment_stores_nothing(client: TestClient, token: Headers) -> None:
    before = _stored(client)
    batch = [_outcome(_assessment(client, token)) for _ in range(4)] + [_outcome(MISSING)]
    _problem(_post(client, token, batch), 404, "outcomes.4: assessment not found")
    assert _stored(client) == before
    assert _post(client, token, batch[:4]).json() == {"recorded": 4}
    assert _stored(client) == before + 4


def test_a_retry_with_the_same_key_stores_nothing_new(client: TestClient, token: Headers) -> None:
    batch = [_outcome(_assessment(client, token)), _outcome(_assessment(client, token))]
    first = _post(client, token, batch, **{"Idempotency-Key": "batch-1"})
    assert first.status_code == 201, first.text
    stored = _stored(client)
    again = _post(client, token, batch, **{"Idempotency-Key": "batch-1"})
    assert (again.status_code, again.json()) == (201, first.json()) and _stored(client) == stored
    other = [batch[0], _outcome(_assessment(client, token))]
    _problem(_post(client, token, other, **{"Idempotency-Key": "batch-1"}), 409, "idempotency key")
    assert _stored(client) == stored


def test_a_repeated_outcome_without_a_key_is_stored_once(client: TestClient, token: Headers) -> None:
    batch = [_outcome(_assessment(client, token)), _outcome(observed_on="2028-01-15")]
    assert _post(client, token, batch).json() == {"recorded": 2}
    stored = _stored(client)
    assert _post(client, token, batch).json() == {"recorded": 2}
    assert _post(client, token, [batch[1], batch[0], batch[1]]).json() == {"recorded": 3}
    assert _stored(client) == stored


def test_a_contradicting_outcome_is_a_conflict(client: TestClient, token: Headers) -> None:
    assessment = _assessment(client, token)
    assert _post(client, token, [_outcome(assessment)]).status_code == 201
    stored = _stored(client)
    contradicting = [_outcome(_assessment(client, token)), _outcome(assessment, employed=False)]
    _problem(_post(client, token, contradicting), 409, "outcomes.1: contradicts")
    assert _stored(client) == stored


def test_an_outcome_before_registration_is_refused(client: TestClient, token: Headers) -> None:
    stored = _stored(client)
    early = [_outcome(_assessment(client, token)), _outcome(_assessment(client, token), observed_on="2026-11-01")]
    _problem(_post(client, token, early), 422, "outcomes.1: observed_on is before the assessment's registration date")
    assert _stored(client) == stored


def test_a_registration_date_in_the_future_is_refused(client: TestClient, token: Headers) -> None:
    with client.app.state.sessions() as session:  # type: ignore[attr-defined]
        before = session.scalar(select(func.count()).select_from(AssessmentRow))
    for day in ("2099-01-01", (dt.date.today() + dt.timedelta(days=2)).isoformat()):
        body = assessment_body(profile={**assessment_body()["profile"], "registration_date": day})  # type: ignore[dict-item]
        response = client.post("/v1/assessments", json=body, headers=token(Role.COUNSELLOR))
        assert response.status_code == 422, response.text
        errors = response.json()["errors"]
        assert [e["field"] for e in errors] == ["profile.registration_date"] and "today" in errors[0]["reason"]
    with client.app.state.sessions() as session:  # type: ignore[attr-defined]
        assert session.scalar(select(func.count()).select_from(AssessmentRow)) == before
