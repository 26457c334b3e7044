"""A counsellor decides only on assessments of their own office; the check is made in the decision's own locked read,
and a refused decision writes nothing."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from service.auth import Role
from tests.service.conftest import OTHER_OFFICE, assessment_body

Headers = Callable[..., dict[str, str]]


def test_a_counsellor_of_another_office_cannot_decide(client: TestClient, token: Headers) -> None:
    created = client.post("/v1/assessments", json=assessment_body(), headers=token(Role.COUNSELLOR)).json()
    url = f"/v1/assessments/{created['id']}/decision"
    decision = {"level": created["suggested_level"]}
    refused = client.post(url, json=decision, headers=token(Role.COUNSELLOR, office=OTHER_OFFICE))
    assert refused.status_code == 403, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert "another office" in refused.json()["detail"]
    record = client.get(f"/v1/assessments/{created['id']}", headers=token(Role.AUDITOR)).json()
    assert record["decisions"] == []
    accepted = client.post(url, json=decision, headers=token(Role.COUNSELLOR))
    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["supersedes"] is None


def test_a_decision_on_an_unknown_assessment_is_404(client: TestClient, token: Headers) -> None:
    url = "/v1/assessments/3f1c0c9e-0000-4000-8000-000000000000/decision"
    response = client.post(url, json={"level": "STANDARD_INNSATS"}, headers=token(Role.COUNSELLOR))
    assert response.status_code == 404, response.text
