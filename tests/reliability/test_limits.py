"""Limits: a per-token rate limit set by ``PROFILING_RATE_LIMIT_PER_MINUTE``.

(Oversized bodies are refused with a 413 problem, announced or streamed: ``tests/service/test_request_validation.py``.)
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from monitoring.records.tables import AssessmentRow
from service.app import create_app
from service.auth import Role
from tests.conftest import Registry
from tests.reliability.harness import bearer
from tests.service.conftest import OFFICE, assessment_body, make_settings

LIMIT = 5


def test_the_sixth_quick_request_of_a_token_is_refused_and_other_tokens_are_not(
    registry: Registry, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROFILING_RATE_LIMIT_PER_MINUTE", str(LIMIT))
    settings = make_settings(registry, tmp_path_factory.mktemp("limits"))
    assert settings.rate_limit_per_minute == LIMIT
    keys = {"PROFILING_TOKEN_SECRET": settings.secret("token_secret").decode()}
    busy = bearer(keys, Role.COUNSELLOR, "Z100001", OFFICE)
    same_person_new_token = bearer(keys, Role.COUNSELLOR, "Z100001", OFFICE)
    other = bearer(keys, Role.COUNSELLOR, "Z100002", OFFICE)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        for _ in range(LIMIT):
            assert client.get("/v1/model", headers=busy).status_code == 200
        refused = client.post("/v1/assessments", json=assessment_body(), headers=busy)
        assert refused.status_code == 429, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
        assert int(refused.headers["retry-after"]) > 0
        problem = refused.json()
        assert problem["status"] == 429 and problem["code"] == "too_many_requests" and "token" in problem["detail"]
        # the limit follows the caller, not the token string: a fresh token for the same person does not reset it
        assert client.get("/v1/model", headers=same_person_new_token).status_code == 429
        # another caller is unaffected, and so are the unauthenticated probes
        created = client.post("/v1/assessments", json=assessment_body(), headers=other)
        assert created.status_code == 201, created.text
        assert client.get("/readyz").status_code == 200
        with client.app.state.sessions() as session:  # type: ignore[attr-defined]
            stored = session.scalar(select(func.count()).select_from(AssessmentRow))
    assert stored == 1  # the refused request wrote nothing


def test_without_the_setting_there_is_no_limit(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> None:
    settings = make_settings(registry, tmp_path_factory.mktemp("nolimit"))
    assert settings.rate_limit_per_minute == 0
    app = create_app(settings)
    assert all(app.state.rate_limiter.allow("Z100001") for _ in range(1_000))
