from collections.abc import Callable

from fastapi.testclient import TestClient

from models.rule import RuleOutcome
from service.auth import Role
from service.schemas import EXAMPLE_NATIONAL_ID
from tests.service.conftest import OTHER_OFFICE, assessment_body

Headers = Callable[..., dict[str, str]]


def _assess(client: TestClient, token: Headers, **changes: object) -> dict[str, object]:
    headers = {**token(Role.COUNSELLOR), "Accept-Language": "nb"}  # the texts these tests read are in bokmål
    response = client.post("/v1/assessments", json=assessment_body(**changes), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def test_the_openapi_example_is_accepted_as_is(client: TestClient, token: Headers) -> None:
    schema = client.get("/openapi.json").json()
    example = schema["components"]["schemas"]["AssessmentIn"]["examples"][0]
    response = client.post("/v1/assessments", json=example, headers={**token(Role.COUNSELLOR), "Accept-Language": "nb"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert 0 < body["risk"] < 1
    assert body["range"]["lower"] <= body["risk"] <= body["range"]["upper"]
    assert body["suggested_level"] in {"STANDARD_INNSATS", "SITUASJONSBESTEMT_INNSATS", "SPESIELT_TILPASSET_INNSATS"}
    assert body["reasons"] and body["model"]["version"]
    assert body["message"] == "Dette er et forslag; du bestemmer."
    assert response.headers["x-request-id"]


def test_english_texts_by_accept_language(client: TestClient, token: Headers) -> None:
    response = client.post(
        "/v1/assessments",
        json=assessment_body(),
        headers={**token(Role.COUNSELLOR), "Accept-Language": "en-GB,en;q=0.9,nb;q=0.5"},
    )
    body = response.json()
    assert body["language"] == "en" and body["message"] == "This is a suggestion; you decide."
    assert all(r["text"].split(":")[0] == r["label"] for r in body["reasons"])


def test_declined_profiling_scores_nothing(client: TestClient, token: Headers) -> None:
    body = _assess(client, token, consent=False)
    assert body["scored"] is False
    assert body["risk"] is None and body["suggested_level"] is None and body["reasons"] == []
    assert "uten forslag" in body["message"]


def test_record_reads_back_as_shown(client: TestClient, token: Headers) -> None:
    created = _assess(client, token)
    read = client.get(f"/v1/assessments/{created['id']}", headers=token(Role.AUDITOR)).json()
    for key in ("risk", "range", "suggested_level", "reasons", "model", "policy_version"):
        assert read[key] == created[key]
    rule_outcomes = {outcome.value for outcome in RuleOutcome}  # recorded in shadow, never shown as a suggestion
    assert not rule_outcomes & {str(v) for v in (*created.values(), *read.values()) if isinstance(v, str)}
    assert "rule_outcome" not in created and "rule_outcome" not in read


def test_another_office_cannot_read_it(client: TestClient, token: Headers) -> None:
    created = _assess(client, token)
    response = client.get(f"/v1/assessments/{created['id']}", headers=token(Role.COUNSELLOR, office=OTHER_OFFICE))
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"


def test_explanations_for_jobseeker_and_counsellor(client: TestClient, token: Headers) -> None:
    created = _assess(client, token)
    url = f"/v1/assessments/{created['id']}/explanation"
    in_bokmal = {**token(Role.COUNSELLOR), "Accept-Language": "nb"}
    jobseeker = client.get(url, params={"audience": "jobseeker"}, headers=in_bokmal).json()
    assert jobseeker["audience"] == "jobseeker"
    assert "veilederen" in jobseeker["who_decides"] and "klage" in jobseeker["how_to_object"]
    assert 1 <= len(jobseeker["raised"]) + len(jobseeker["lowered"]) <= 6
    counsellor = client.get(url, headers={**token(Role.AUDITOR), "Accept-Language": "en"}).json()
    assert counsellor["language"] == "en" and "decides" in counsellor["who_decides"]
    assert any("Gender and country background" in line for line in counsellor["data_used"])
    for explanation in (jobseeker, counsellor):
        assert explanation["suggested_level"] == created["suggested_level"]
        assert [f["code"] for f in explanation["flags"]] == [f["code"] for f in created["flags"]]
        others = [c["level"] for c in explanation["counterfactuals"]]
        assert len(others) == 2 and created["suggested_level"] not in others
        assert explanation["counterfactual_note"]
    assert "not a promise" in counsellor["counterfactual_note"] and "decides" in counsellor["counterfactual_note"]


def test_decision_that_follows_the_suggestion(client: TestClient, token: Headers) -> None:
    created = _assess(client, token)
    response = client.post(
        f"/v1/assessments/{created['id']}/decision",
        json={"level": created["suggested_level"]},
        headers=token(Role.COUNSELLOR),
    )
    assert response.status_code == 201, response.text
    assert response.json()["follows_suggestion"] is True


def test_override_needs_reason_and_justification(client: TestClient, token: Headers) -> None:
    created = _assess(client, token, profile={**assessment_body()["profile"], "health_hindrance": "NEI"})  # type: ignore[dict-item]
    other = "VARIG_TILPASSET_INNSATS"
    url = f"/v1/assessments/{created['id']}/decision"
    refused = client.post(url, json={"level": other}, headers=token(Role.COUNSELLOR))
    assert refused.status_code == 422
    assert "reason" in refused.json()["detail"]
    accepted = client.post(
        url,
        json={
            "level": other,
            "reason_code": "HEALTH",
            "justification": "Varig nedsatt arbeidsevne etter legeerklæring.",
        },
        headers=token(Role.COUNSELLOR),
    )
    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["follows_suggestion"] is False


def test_a_decided_case_is_not_decided_again(client: TestClient, token: Headers) -> None:
    """A decision changes through an objection and its review (tests/service/test_cases.py), not by deciding twice."""
    created = _assess(client, token)
    url = f"/v1/assessments/{created['id']}/decision"
    first = client.post(url, json={"level": created["suggested_level"]}, headers=token(Role.COUNSELLOR)).json()
    second = client.post(
        url,
        json={
            "level": "SPESIELT_TILPASSET_INNSATS",
            "reason_code": "OTHER",
            "justification": "Ny informasjon i samtalen.",
        },
        headers={**token(Role.COUNSELLOR), "Accept-Language": "en"},
    )
    assert second.status_code == 409 and 'the case\'s status is "Decided"' in second.json()["detail"]
    record = client.get(f"/v1/assessments/{created['id']}", headers=token(Role.COUNSELLOR)).json()
    assert [d["id"] for d in record["decisions"]] == [first["id"]] and record["state"] == "decided"


def test_idempotency_key_returns_the_first_result(client: TestClient, token: Headers) -> None:
    headers = {**token(Role.COUNSELLOR), "Idempotency-Key": "retry-1"}
    first = client.post("/v1/assessments", json=assessment_body(), headers=headers).json()
    again = client.post("/v1/assessments", json=assessment_body(), headers=headers).json()
    assert again["id"] == first["id"]
    different = client.post("/v1/assessments", json=assessment_body(consent=False), headers=headers)
    assert different.status_code == 409


def test_the_identity_number_is_not_in_the_answer(client: TestClient, token: Headers) -> None:
    response = client.post("/v1/assessments", json=assessment_body(), headers=token(Role.COUNSELLOR))
    assert EXAMPLE_NATIONAL_ID not in response.text
