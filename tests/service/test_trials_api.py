"""Controlled trials through the API: data scientists define them, counsellors see the active ones and ask for an
equivalence draw (201, then 200 with the same draw), the decision must decide the drawn level, and a display trial
draws each consenting case's arm at assessment time, blind-first following it. What is refused writes nothing.

Runs on SQLite, and on PostgreSQL too when ``PROFILING_TEST_POSTGRES_URL`` is set.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from models.schema import NORWAY
from models.texts import LEVEL_NAMES, text
from monitoring.records.kinds import display_arm
from monitoring.records.tables import EventRow
from service.auth import Role
from service.settings import Settings
from tests.conftest import Registry
from tests.processes import BACKENDS, records_database
from tests.service.conftest import OFFICE, OTHER_OFFICE, assessment_body, make_settings

Headers = Callable[..., dict[str, str]]
TODAY = dt.datetime.now(NORWAY).date()
STANDARD, SITUATION, PERMANENT = "STANDARD_INNSATS", "SITUASJONSBESTEMT_INNSATS", "VARIG_TILPASSET_INNSATS"
REASON = "Brukeren har behov som ikke fanges opp av registreringen."


@pytest.fixture(scope="module", params=BACKENDS)
def settings(
    request: pytest.FixtureRequest, registry: Registry, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Settings]:
    data_dir = tmp_path_factory.mktemp("trials")
    with records_database(request.param, data_dir) as database_url:
        yield make_settings(registry, data_dir, database_url=database_url)


def _trial(trial_id: str, kind: str, office: str, **changes: object) -> dict[str, object]:
    return {
        "trial_id": trial_id,
        "kind": kind,
        "eligible_offices": [office],
        "starts_on": (TODAY - dt.timedelta(days=10)).isoformat(),
        "ends_on": (TODAY + dt.timedelta(days=10)).isoformat(),
        "protocol_reference": "OSF registration 10.17605/OSF.IO/EXAMPLE",
        "target_sample_size": 400,
        **changes,
    }


@pytest.fixture(scope="module")
def trials(client: TestClient, token: Headers) -> None:
    """An equivalence trial at OFFICE, a display trial at OTHER_OFFICE, and an equivalence trial that has ended."""
    ended = {"starts_on": "2020-01-01", "ends_on": "2020-12-31"}
    for body in (
        _trial("eq-now", "equivalence", OFFICE),
        _trial("display-now", "display", OTHER_OFFICE),
        _trial("eq-ended", "equivalence", OTHER_OFFICE, **ended),
    ):
        response = client.post("/v1/trials", json=body, headers=token(Role.DATA_SCIENTIST))
        assert response.status_code == 201, response.text


def _head(client: TestClient, token: Headers) -> int:
    verified = client.get("/v1/audit/verify", headers=token(Role.AUDITOR)).json()
    assert verified["ok"], verified
    return int(verified["head_seq"])


def _assess(client: TestClient, token: Headers, office: str = OFFICE, **changes: object) -> dict[str, Any]:
    body = assessment_body(office=office, **changes)
    response = client.post("/v1/assessments", json=body, headers=token(Role.COUNSELLOR, office))
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def _draw(
    client: TestClient, headers: dict[str, str], assessment_id: str, options: list[str], trial: str = "eq-now"
) -> httpx.Response:
    body = {"trial_id": trial, "options": options}
    english = headers | {"Accept-Language": "en"}
    return client.post(f"/v1/assessments/{assessment_id}/equivalence-draw", json=body, headers=english)


def _assessed(client: TestClient, assessment_id: str) -> dict[str, Any]:
    with client.app.state.sessions() as session:  # type: ignore[attr-defined]
        stmt = select(EventRow.payload).where(EventRow.assessment_id == assessment_id, EventRow.kind == "assessed")
        return session.scalars(stmt).one()  # type: ignore[no-any-return]


def test_trials_are_defined_once_and_listed_by_role(client: TestClient, token: Headers, trials: None) -> None:
    english = token(Role.DATA_SCIENTIST) | {"Accept-Language": "en"}
    again = client.post("/v1/trials", json=_trial("eq-now", "display", "9999"), headers=english)
    assert again.status_code == 409 and "defined already" in again.json()["detail"]
    backwards = _trial("eq-back", "equivalence", "9999", starts_on="2027-02-01", ends_on="2027-01-01")
    refused = client.post("/v1/trials", json=backwards, headers=english)
    assert refused.status_code == 422 and "ends_on must not be before starts_on" in refused.text
    listed = client.get("/v1/trials", headers=token(Role.AUDITOR)).json()
    assert [(t["trial_id"], t["active"]) for t in listed] == [
        ("eq-now", True),
        ("display-now", True),
        ("eq-ended", False),
    ]
    assert listed[0]["defined_by"] == "Z990001" and listed[0]["eligible_offices"] == [OFFICE]
    at_office = client.get("/v1/trials", headers=token(Role.COUNSELLOR, OFFICE)).json()
    assert [t["trial_id"] for t in at_office] == ["eq-now"]
    elsewhere = client.get("/v1/trials", headers=token(Role.COUNSELLOR, OTHER_OFFICE)).json()
    assert [t["trial_id"] for t in elsewhere] == ["display-now"]  # the ended one is not active


def test_a_draw_is_made_once_and_the_decision_decides_it(client: TestClient, token: Headers, trials: None) -> None:
    case = _assess(client, token, trial_consent=True)["id"]
    headers = token(Role.COUNSELLOR, OFFICE) | {"Accept-Language": "en"}
    first = _draw(client, headers, case, [STANDARD, SITUATION])
    assert first.status_code == 201, first.text
    made = first.json()
    assert made["options"] == sorted([STANDARD, SITUATION])
    assert made["drawn"] == made["options"][int(made["seed"], 16) % 2]
    assert made["drawn_text"].startswith("Drawn: ") and "equally suitable" in made["drawn_text"]
    head = _head(client, token)
    repeat = _draw(client, headers, case, [STANDARD, SITUATION, "SPESIELT_TILPASSET_INNSATS"])
    assert repeat.status_code == 200 and repeat.json() == made
    assert _head(client, token) == head
    other = STANDARD if made["drawn"] == SITUATION else SITUATION
    wrong = {"level": other, "reason_code": "OTHER", "justification": REASON}
    refused = client.post(f"/v1/assessments/{case}/decision", json=wrong, headers=headers)
    assert refused.status_code == 409 and text(LEVEL_NAMES, made["drawn"], "en") in refused.json()["detail"]
    assert _head(client, token) == head
    right = {"level": made["drawn"], "reason_code": "OTHER", "justification": REASON}
    decided = client.post(f"/v1/assessments/{case}/decision", json=right, headers=headers)
    assert decided.status_code == 201, decided.text
    late = _draw(client, headers, _assess(client, token, trial_consent=True)["id"], [STANDARD, SITUATION])
    assert late.status_code == 201  # another case is drawn on its own


@pytest.mark.parametrize(
    ("changes", "options", "office", "status", "words"),
    [
        ({"trial_consent": True}, [STANDARD], OFFICE, 422, "options"),
        ({"trial_consent": True}, [STANDARD, PERMANENT], OFFICE, 422, "permanent level is never drawn"),
        ({"trial_consent": True}, [STANDARD, STANDARD], OFFICE, 422, "each option at most once"),
        ({}, [STANDARD, SITUATION], OFFICE, 422, "did not consent"),
        ({"trial_consent": True}, [STANDARD, SITUATION], OTHER_OFFICE, 422, "not eligible"),
    ],
)
def test_an_ineligible_draw_is_refused_and_writes_nothing(
    client: TestClient,
    token: Headers,
    trials: None,
    changes: dict[str, object],
    options: list[str],
    office: str,
    status: int,
    words: str,
) -> None:
    case = _assess(client, token, office=office, **changes)["id"]
    before = _head(client, token)
    response = _draw(client, token(Role.COUNSELLOR, office), case, options)
    assert response.status_code == status and words in response.text, response.text
    assert _head(client, token) == before


def test_outside_the_period_another_office_and_a_decided_case_are_refused(
    client: TestClient, token: Headers, trials: None
) -> None:
    elsewhere = _assess(client, token, office=OTHER_OFFICE, trial_consent=True)["id"]
    decided = _assess(client, token, trial_consent=True)
    decision = {"level": decided["suggested_level"]}
    assert client.post(f"/v1/assessments/{decided['id']}/decision", json=decision, headers=token(Role.COUNSELLOR))
    before = _head(client, token)
    ended = _draw(client, token(Role.COUNSELLOR, OTHER_OFFICE), elsewhere, [STANDARD, SITUATION], trial="eq-ended")
    assert ended.status_code == 422 and "outside its period" in ended.text
    foreign = _draw(client, token(Role.COUNSELLOR, OFFICE), elsewhere, [STANDARD, SITUATION])
    assert foreign.status_code == 403
    late = _draw(client, token(Role.COUNSELLOR, OFFICE), decided["id"], [STANDARD, SITUATION])
    assert late.status_code == 409 and "decided" in late.json()["detail"].lower()
    assert (
        _draw(client, token(Role.COUNSELLOR, OFFICE), decided["id"], [STANDARD, SITUATION], "none").status_code == 404
    )
    assert _head(client, token) == before


def test_a_display_trial_draws_the_arm_and_blind_first_follows_it(
    client: TestClient, token: Headers, trials: None
) -> None:
    arms = []
    for _ in range(12):
        answer = _assess(client, token, office=OTHER_OFFICE, trial_consent=True)
        payload = _assessed(client, answer["id"])
        assert payload["display_trial"] == "display-now" and payload["trial_consent"] is True
        arm = display_arm(payload["display_seed"])
        assert answer["blind_first"] is answer["suggestion_hidden"] is (arm == "blind_first")
        assert bool(payload.get("blind_first")) is (arm == "blind_first")
        arms.append(arm)
    assert set(arms) == {"blind_first", "shown"}  # both arms in 12 fair draws: fails once in 2,048 runs
    plain = _assess(client, token, office=OTHER_OFFICE)
    assert not {"display_trial", "display_seed", "trial_consent"} & set(_assessed(client, plain["id"]))
    assert not plain["blind_first"]
    unscored = _assess(client, token, office=OTHER_OFFICE, consent=False, trial_consent=True)
    assert "display_trial" not in _assessed(client, unscored["id"])  # no suggestion, no display to randomise
