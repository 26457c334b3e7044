"""``POST /v1/audit/subject-access``: everything held about one person, as the other endpoints show it; the lookup is
chained before the answer; bad input is a problem that never echoes the number; the number reaches no log and no
table; the page is served in every language."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import inspect, text

from models.logs import JsonFormatter
from models.texts import LANGUAGES, PAGE_TEXTS, SUBJECT_ACCESS_MESSAGES, Language
from models.texts import text as text_in
from monitoring.records.identity import person_key
from service.auth import Role
from service.schemas import EXAMPLE_NATIONAL_ID, SubjectAccessIn
from service.settings import Settings
from tests.service.conftest import assessment_body

Headers = Callable[..., dict[str, str]]

URL = "/v1/audit/subject-access"
NOBODY = "15019010063"  # a valid synthetic number nobody in these tests is assessed under
WRONG_CHECK_DIGITS = "15899010058"
BAD_DATE = "32019010189"
PURPOSE = "Innsynsbegjæring fra brukeren, mottatt per brev (sak 2026/1234)."
JUSTIFICATION = "Trenger tolk og tett oppfølging de første månedene."


def _look_up(client: TestClient, token: Headers, number: str, **headers: str) -> dict[str, Any]:
    body = {"national_id": number, "purpose": PURPOSE}
    response = client.post(URL, json=body, headers={**token(Role.AUDITOR), **headers})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def _head(client: TestClient, token: Headers) -> tuple[int, str]:
    report = client.get("/v1/audit/verify", headers=token(Role.AUDITOR)).json()
    assert report["ok"], report
    return report["head_seq"], report["head_hash"]


@pytest.fixture(scope="module")
def case(client: TestClient, token: Headers) -> dict[str, Any]:
    """One assessment of :data:`EXAMPLE_NATIONAL_ID`, overridden with a reason, and an outcome by the number."""
    counsellor = token(Role.COUNSELLOR)
    created = client.post("/v1/assessments", json=assessment_body(), headers=counsellor).json()
    other = "STANDARD_INNSATS" if created["suggested_level"] != "STANDARD_INNSATS" else "SITUASJONSBESTEMT_INNSATS"
    override = {"level": other, "reason_code": "LANGUAGE_OR_DIGITAL_BARRIERS", "justification": JUSTIFICATION}
    decided = client.post(f"/v1/assessments/{created['id']}/decision", json=override, headers=counsellor)
    assert decided.status_code == 201, decided.text
    outcome = {"national_id": EXAMPLE_NATIONAL_ID, "horizon_months": 12, "employed": True, "observed_on": "2027-11-02"}
    recorded = client.post("/v1/outcomes", json={"outcomes": [outcome]}, headers=token(Role.SYSTEM))
    assert recorded.status_code in (200, 201), recorded.text
    return created  # type: ignore[no-any-return]


def test_everything_held_about_the_person_as_the_other_endpoints_show_it(
    client: TestClient, token: Headers, settings: Settings, case: dict[str, Any]
) -> None:
    answer = _look_up(client, token, EXAMPLE_NATIONAL_ID)

    assert answer["person_key"] == person_key(EXAMPLE_NATIONAL_ID, secret=settings.secret("person_key"))
    assert answer["empty"] is False
    held = [one for one in answer["cases"] if one["assessment"]["id"] == case["id"]]
    assert len(held) == 1
    stored = client.get(f"/v1/assessments/{case['id']}", headers=token(Role.AUDITOR)).json()
    assert held[0]["assessment"] == stored  # the reasons as shown, the decisions, in the same words
    assert held[0]["assessment"]["reasons"] and held[0]["assessment"]["decisions"][0]["justification"] == JUSTIFICATION
    assert held[0]["assessment"]["state"] == "decided" and held[0]["consent"] is True
    profile = {item["field"]: item for item in held[0]["profile"]}
    assert profile["age"]["value"] == assessment_body()["profile"]["age"]  # type: ignore[index]
    assert profile["age"]["label"] == "Age" and profile["age"]["text"] == str(profile["age"]["value"])
    assert [(event["kind"], event["state"]) for event in held[0]["events"]] == [("assessed", "undecided")]
    assert [(o["assessment_id"], o["employed"], o["observed_on"]) for o in answer["outcomes"]] == [
        (None, True, "2027-11-02")
    ]
    assert answer["message"] == text_in(SUBJECT_ACCESS_MESSAGES, "held", "en").format(
        cases=len(answer["cases"]), outcomes=1
    )


def test_the_lookup_is_chained_before_the_answer(client: TestClient, token: Headers, settings: Settings) -> None:
    before, _ = _head(client, token)
    answer = _look_up(client, token, NOBODY)
    lookup = answer["lookup"]
    assert (lookup["seq"], lookup["kind"], lookup["actor"]) == (before + 1, "subject_access", "Z990001")
    assert lookup["payload"] == {"person_key": answer["person_key"], "purpose": PURPOSE}
    assert _head(client, token) == (lookup["seq"], lookup["hash"])


def test_a_person_with_no_records_gets_a_plain_empty_answer_and_the_lookup_is_recorded(
    client: TestClient, token: Headers
) -> None:
    before, _ = _head(client, token)
    answer = _look_up(client, token, NOBODY, **{"Accept-Language": "en"})
    assert (answer["empty"], answer["cases"], answer["outcomes"]) == (True, [], [])
    assert answer["message"] == text_in(SUBJECT_ACCESS_MESSAGES, "nothing_held", "en")
    assert "Nothing is held about this person" in answer["message"]
    assert _head(client, token)[0] == before + 1


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        pytest.param({"national_id": WRONG_CHECK_DIGITS, "purpose": PURPOSE}, "national_id", "check digit", id="check"),
        pytest.param({"national_id": BAD_DATE, "purpose": PURPOSE}, "national_id", "date", id="date"),
        pytest.param({"national_id": EXAMPLE_NATIONAL_ID}, "purpose", "required", id="no-purpose"),
        pytest.param({"national_id": EXAMPLE_NATIONAL_ID, "purpose": " \n "}, "purpose", "pattern", id="blank-purpose"),
        pytest.param({"purpose": PURPOSE}, "national_id", "required", id="no-number"),
        pytest.param(
            {"national_id": EXAMPLE_NATIONAL_ID, "purpose": PURPOSE, "name": "Ola"}, "name", "not permitted", id="extra"
        ),
        pytest.param(
            {"national_id": EXAMPLE_NATIONAL_ID, "purpose": f"Gjelder {EXAMPLE_NATIONAL_ID}."},
            None,
            "must not contain a national identity number",
            id="number-in-the-purpose",
        ),
    ],
)
def test_bad_input_is_a_problem_without_the_number_and_writes_nothing(
    client: TestClient, token: Headers, body: dict[str, str], field: str | None, words: str
) -> None:
    before = _head(client, token)
    response = client.post(URL, json=body, headers=token(Role.AUDITOR))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    if field is not None:
        assert field in [error["field"] for error in problem["errors"]], problem
    assert words in response.text
    for number in (EXAMPLE_NATIONAL_ID, WRONG_CHECK_DIGITS, BAD_DATE):
        assert number not in response.text
    assert _head(client, token) == before


def test_the_number_reaches_no_log_and_no_table(
    client: TestClient, token: Headers, settings: Settings, case: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    numbers = (EXAMPLE_NATIONAL_ID, WRONG_CHECK_DIGITS, NOBODY)
    with caplog.at_level(logging.DEBUG):
        _look_up(client, token, EXAMPLE_NATIONAL_ID)
        _look_up(client, token, NOBODY)
        bad = {"national_id": WRONG_CHECK_DIGITS, "purpose": f"Gjelder {EXAMPLE_NATIONAL_ID}."}
        assert client.post(URL, json=bad, headers=token(Role.AUDITOR)).status_code == 422
    formatter = JsonFormatter()
    logged = "\n".join(formatter.format(record) for record in caplog.records)
    assert f'"route": "{URL}"' in logged  # the lookups were logged
    for number in numbers:
        assert number not in logged

    engine = client.app.state.engine  # type: ignore[attr-defined]
    key = person_key(EXAMPLE_NATIONAL_ID, secret=settings.secret("person_key"))
    stored: list[str] = []
    with engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            stored += [repr(tuple(row)) for row in connection.execute(text(f'SELECT * FROM "{table}"'))]
    everything = "\n".join(stored)
    assert key in everything and PURPOSE in everything  # the scan reads the lookups' rows
    for number in numbers:
        assert number not in everything


def test_the_openapi_example_is_accepted_as_is(client: TestClient, token: Headers) -> None:
    schema = client.get("/openapi.json").json()["components"]["schemas"]["SubjectAccessIn"]
    (example,) = schema["examples"]
    SubjectAccessIn.model_validate(example)
    response = client.post(URL, json=example, headers=token(Role.AUDITOR))
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_is_served_in_every_language_without_data(client: TestClient, lang: Language) -> None:
    response = client.get(f"/ui/audit/subject-access?lang={lang}")
    assert response.status_code == 200
    page = response.text
    assert f'<html lang="{lang}">' in page
    for key in ("subject_title", "subject_purpose", "subject_purpose_help", "subject_lookup"):
        assert text_in(PAGE_TEXTS, key, lang) in page
    assert 'autocomplete="off"' in page and "subject_access.js" in page
