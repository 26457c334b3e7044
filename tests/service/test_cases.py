"""The life of a case through the API: blind-first, second approver, objection and review, case lists.

The records tests walk every arrow on SQLite and PostgreSQL (tests/monitoring/records/test_case_state.py); these walk
them through the routes, with the roles, offices and four-eyes rules the routes add, and check that what is refused
writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from models.texts import ASSESSMENT_MESSAGES, text
from service.app import create_app
from service.auth import Role
from service.settings import Settings
from tests.conftest import Registry
from tests.service.conftest import OFFICE, OTHER_OFFICE, assessment_body, make_settings

Headers = Callable[..., dict[str, str]]
PERMANENT = "VARIG_TILPASSET_INNSATS"
REASON = "Varig nedsatt arbeidsevne etter legeerklæring og arbeidsutprøving."
DECIDER, APPROVER, REVIEWER = "Z100001", "Z100002", "Z100003"


@pytest.fixture(scope="module")
def settings(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return make_settings(registry, tmp_path_factory.mktemp("cases"), blind_first=OFFICE)


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    english = {"Accept-Language": "en"}
    with TestClient(create_app(settings), raise_server_exceptions=False, headers=english) as test_client:
        yield test_client


@pytest.fixture()
def as_(token: Headers) -> Callable[..., dict[str, str]]:
    """Headers of a counsellor at :data:`OFFICE` (``approver`` adds the claim)."""
    return lambda subject, approver=False, office=OFFICE: token(Role.COUNSELLOR, office, subject, approver=approver)


def _head(client: TestClient, token: Headers) -> int:
    verified = client.get("/v1/audit/verify", headers=token(Role.AUDITOR)).json()
    assert verified["ok"], verified
    return int(verified["head_seq"])


def _refused(client: TestClient, token: Headers, status: int, words: str, method: str, url: str, **kwargs: Any) -> None:
    """The request gets ``status`` with ``words`` in its detail, and the chain does not move."""
    before = _head(client, token)
    response = client.request(method, url, **kwargs)
    assert response.status_code == status, response.text
    assert words in response.json()["detail"]
    assert _head(client, token) == before


def _assess(client: TestClient, headers: dict[str, str], office: str = OFFICE) -> dict[str, Any]:
    response = client.post("/v1/assessments", json=assessment_body(office=office), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def _state(client: TestClient, token: Headers, assessment_id: str) -> str:
    return str(client.get(f"/v1/assessments/{assessment_id}", headers=token(Role.AUDITOR)).json()["state"])


def _permanent(suggested: str) -> dict[str, str]:
    return {"level": PERMANENT} | ({} if suggested == PERMANENT else {"reason_code": "HEALTH", "justification": REASON})


def test_a_blind_first_case_through_every_arrow(
    client: TestClient, token: Headers, as_: Callable[..., dict[str, str]]
) -> None:
    created = _assess(client, as_(DECIDER))
    case = f"/v1/assessments/{created['id']}"
    assert created["blind_first"] and created["suggestion_hidden"] and created["state"] == "undecided"
    assert (created["risk"], created["range"], created["suggested_level"]) == (None, None, None)
    assert created["reasons"] == [] and created["flags"] == []
    assert created["message"] == text(ASSESSMENT_MESSAGES, "blind_first", "en")
    assert client.get(case, headers=as_(DECIDER)).json()["suggested_level"] is None
    assert client.get(case, headers=token(Role.AUDITOR)).json()["suggested_level"] is not None  # auditors see all
    _refused(client, token, 409, 'status is "Undecided"', "GET", f"{case}/explanation", headers=as_(DECIDER))
    _refused(client, token, 409, "provisional level first", "POST", f"{case}/decision", headers=as_(DECIDER),
             json={"level": "STANDARD_INNSATS"})  # fmt: skip

    revealed = client.post(f"{case}/provisional-level", json={"level": "STANDARD_INNSATS"}, headers=as_(DECIDER))
    assert revealed.status_code == 201, revealed.text
    shown = revealed.json()
    assert not shown["suggestion_hidden"] and shown["suggested_level"] and shown["state"] == "provisional"
    assert client.get(f"{case}/explanation", headers=as_(DECIDER)).status_code == 200
    _refused(client, token, 409, 'status is "Provisional"', "POST", f"{case}/provisional-level",
             headers=as_(DECIDER), json={"level": "STANDARD_INNSATS"})  # fmt: skip

    first = client.post(f"{case}/decision", json=_permanent(shown["suggested_level"]), headers=as_(DECIDER)).json()
    assert _state(client, token, created["id"]) == "awaiting_approval"
    approval = {"decision_id": first["id"]}
    _refused(client, token, 403, "the approver is never the decider", "POST", f"{case}/approval",
             headers=as_(DECIDER, approver=True), json=approval)  # fmt: skip
    _refused(client, token, 403, "approver", "POST", f"{case}/approval", headers=as_(APPROVER), json=approval)
    _refused(client, token, 422, "at least 20 characters", "POST", f"{case}/return",
             headers=as_(APPROVER, approver=True), json=approval | {"reason": "Mangler."})  # fmt: skip
    returned = client.post(
        f"{case}/return", json=approval | {"reason": "Legeerklæringen mangler i saken."}, headers=as_(APPROVER, True)
    )
    assert returned.status_code == 201 and returned.json()["state"] == "returned", returned.text

    second = client.post(f"{case}/decision", json=_permanent(shown["suggested_level"]), headers=as_(DECIDER)).json()
    assert second["supersedes"] == first["id"]
    _refused(client, token, 409, "must name the case's current decision", "POST", f"{case}/approval",
             headers=as_(APPROVER, approver=True), json=approval)  # fmt: skip
    approved = client.post(f"{case}/approval", json={"decision_id": second["id"]}, headers=as_(APPROVER, True))
    assert approved.status_code == 201 and approved.json()["state"] == "decided", approved.text
    _refused(client, token, 409, 'status is "Decided"', "POST", f"{case}/decision", headers=as_(DECIDER),
             json={"level": "STANDARD_INNSATS", "reason_code": "OTHER", "justification": REASON})  # fmt: skip

    objection = {"decision_id": second["id"], "channel": "letter", "received_on": "2026-11-30", "text": "Uenig."}
    objected = client.post(f"{case}/objection", json=objection, headers=as_(DECIDER))
    assert objected.status_code == 201 and objected.json()["state"] == "under_review", objected.text
    upheld = {"outcome": "upheld", "justification": "Vedtaket bygger på riktige opplysninger."}
    _refused(client, token, 403, "another counsellor reviews", "POST", f"{case}/review", headers=as_(DECIDER),
             json=upheld)  # fmt: skip
    new_decision = {"level": "SPESIELT_TILPASSET_INNSATS", "reason_code": "OTHER", "justification": REASON}
    _refused(client, token, 403, "another counsellor reviews", "POST", f"{case}/decision", headers=as_(DECIDER),
             json=new_decision)  # fmt: skip
    third = client.post(f"{case}/decision", json=new_decision, headers=as_(REVIEWER))
    assert third.status_code == 201, third.text
    _refused(client, token, 409, "cannot follow a new decision", "POST", f"{case}/review", headers=as_(REVIEWER),
             json=upheld)  # fmt: skip
    superseded = {"outcome": "superseded", "justification": "Ny opplysning om helse endrer vurderingen."}
    reviewed = client.post(f"{case}/review", json=superseded, headers=as_(REVIEWER))
    assert reviewed.status_code == 201 and reviewed.json()["state"] == "decided", reviewed.text

    record = client.get(case, headers=as_(DECIDER)).json()
    assert [d["id"] for d in record["decisions"]] == [first["id"], second["id"], third.json()["id"]]
    assert record["state"] == "decided" and _head(client, token) > 0


def test_refused_before_any_decision_and_outside_the_office(
    client: TestClient, token: Headers, as_: Callable[..., dict[str, str]]
) -> None:
    seen = _assess(client, as_(DECIDER, office=OTHER_OFFICE), office=OTHER_OFFICE)  # not a blind-first office
    case = f"/v1/assessments/{seen['id']}"
    assert not seen["blind_first"] and seen["suggested_level"] is not None and seen["state"] == "undecided"
    _refused(client, token, 409, "only in blind-first mode", "POST", f"{case}/provisional-level",
             headers=as_(DECIDER, office=OTHER_OFFICE), json={"level": "STANDARD_INNSATS"})  # fmt: skip
    objection = {"decision_id": "x", "channel": "phone", "received_on": "2026-11-30", "text": "Uenig."}
    _refused(client, token, 409, 'objection cannot be recorded: the case\'s status is "Undecided"',
             "POST", f"{case}/objection",
             headers=as_(DECIDER, office=OTHER_OFFICE), json=objection)  # fmt: skip
    _refused(client, token, 403, "another office", "POST", f"{case}/objection", headers=as_(DECIDER), json=objection)


def test_case_lists_by_state_office_and_page(
    client: TestClient, token: Headers, as_: Callable[..., dict[str, str]]
) -> None:
    waiting = _assess(client, as_(DECIDER))
    client.post(f"/v1/assessments/{waiting['id']}/provisional-level", json={"level": PERMANENT}, headers=as_(DECIDER))
    revealed = client.get(f"/v1/assessments/{waiting['id']}", headers=as_(DECIDER)).json()
    decided = client.post(
        f"/v1/assessments/{waiting['id']}/decision", json=_permanent(revealed["suggested_level"]), headers=as_(DECIDER)
    )
    assert decided.status_code == 201, decided.text
    untouched = _assess(client, as_(DECIDER))

    queue = client.get("/v1/assessments", params={"status": "awaiting_approval"}, headers=as_(APPROVER, True)).json()
    assert waiting["id"] in {item["assessment_id"] for item in queue["items"]}
    assert all(item["state"] == "awaiting_approval" and item["office"] == OFFICE for item in queue["items"])
    never = client.get(
        "/v1/assessments", params={"status": ["undecided", "provisional"]}, headers=token(Role.AUDITOR)
    ).json()
    assert untouched["id"] in {item["assessment_id"] for item in never["items"]}
    assert waiting["id"] not in {item["assessment_id"] for item in never["items"]}

    everything = client.get("/v1/assessments", headers=as_(DECIDER)).json()
    page = client.get("/v1/assessments", params={"limit": 1, "offset": 1}, headers=as_(DECIDER)).json()
    assert page["total"] == everything["total"] >= 2 and page["items"] == everything["items"][1:2]
    created = [item["created_at"] for item in everything["items"]]
    assert created == sorted(created, reverse=True)
    other = client.get("/v1/assessments", params={"office": OFFICE}, headers=as_(DECIDER, office=OTHER_OFFICE))
    assert other.status_code == 403
    wrong = client.get("/v1/assessments", params={"status": "lost"}, headers=as_(DECIDER))
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"].startswith("status")


def test_a_decision_documents_the_needs_assessment(
    client: TestClient, token: Headers, as_: Callable[..., dict[str, str]]
) -> None:
    created = _assess(client, as_(DECIDER, office=OTHER_OFFICE), office=OTHER_OFFICE)
    case = f"/v1/assessments/{created['id']}"
    documentation = {"factors": ["LANGUAGE", "HEALTH"], "wishes": "Vil jobbe i barnehage.", "channel": "IN_PERSON"}
    decision = {"level": created["suggested_level"], "documentation": documentation}
    headers = as_(DECIDER, office=OTHER_OFFICE)
    _refused(client, token, 422, "each factor at most once", "POST", f"{case}/decision", headers=headers,
             json=decision | {"documentation": documentation | {"factors": ["HEALTH", "HEALTH"]}})  # fmt: skip
    made = client.post(f"{case}/decision", json=decision, headers=headers)
    assert made.status_code == 201 and made.json()["documentation"] == documentation, made.text
    [shown] = client.get(case, headers=headers).json()["decisions"]
    assert shown["documentation"] == documentation
    exported = client.get(
        "/v1/audit/decisions", params={"office": OTHER_OFFICE, "format": "csv"}, headers=token(Role.AUDITOR)
    )
    header, row = exported.text.splitlines()[:2]
    cells = dict(zip(header.split(","), row.split(","), strict=True))
    assert (cells["considered_factors"], cells["jobseeker_wishes"], cells["follow_up_channel"]) == (
        "LANGUAGE;HEALTH",
        "Vil jobbe i barnehage.",
        "IN_PERSON",
    )
