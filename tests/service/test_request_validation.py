"""Bad input never gives a 500: it gets a problem (RFC 9457) that names the field, and never echoes an identity number.

Runs on SQLite, and on PostgreSQL too when ``PROFILING_TEST_POSTGRES_URL`` is set (PostgreSQL refuses values that
SQLite stores: strings longer than their column, NUL characters).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from models.errors import InvalidInputError
from models.logs import JsonFormatter
from models.schema import NOT_A_DATE
from models.texts import LANGUAGES, PROBLEM_DETAILS, PROBLEM_TITLES, Language, text
from monitoring.records.decisions import JUSTIFICATION_REPEATS_LABEL, OVERRIDE_NEEDS_REASON
from monitoring.records.kinds import MAX_TEXT
from service.app import create_app
from service.auth import Role
from service.schemas import EXAMPLE_NATIONAL_ID, REASON_NEEDS_JUSTIFICATION
from service.settings import Settings
from tests.conftest import Registry
from tests.processes import BACKENDS, records_database
from tests.service.conftest import assessment_body, make_settings

Headers = Callable[..., dict[str, str]]

WRONG_CHECK_DIGITS = "15899010058"  # EXAMPLE_NATIONAL_ID with the last digit changed
BAD_DATE = "32019010189"  # valid check digits, but day 32
JUSTIFICATION = "Hemmelig begrunnelse som aldri skal i loggen."
MISSING = object()


@pytest.fixture(scope="module", params=BACKENDS)
def settings(
    request: pytest.FixtureRequest, registry: Registry, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Settings]:
    data_dir = tmp_path_factory.mktemp("validation")
    with records_database(request.param, data_dir) as database_url:
        yield make_settings(registry, data_dir, database_url=database_url, max_body_bytes=4096)


@pytest.fixture(scope="module")
def assessment(client: TestClient, token: Headers) -> dict[str, Any]:
    response = client.post("/v1/assessments", json=assessment_body(), headers=token(Role.COUNSELLOR))
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def _profile(**changes: object) -> dict[str, object]:
    profile = dict(assessment_body()["profile"])  # type: ignore[call-overload]
    for key, value in changes.items():
        if value is MISSING:
            del profile[key]
        else:
            profile[key] = value
    return profile


def _without(key: str) -> dict[str, object]:
    body = assessment_body()
    del body[key]
    return body


def _outcome(**changes: object) -> dict[str, object]:
    outcome: dict[str, object] = {"horizon_months": 12, "employed": True, "observed_on": "2027-11-02"}
    outcome.update(changes)
    return {"outcomes": [{k: v for k, v in outcome.items() if v is not MISSING}]}


def assert_problem(response: httpx.Response, status: int, field: str | None = None, words: str = "") -> dict[str, Any]:
    """A problem answer with this status that names ``field`` (in ``errors``) and says ``words`` somewhere.

    The shared client asks for English (tests/service/conftest.py), so the title is its code's in English.
    """
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem: dict[str, Any] = response.json()
    assert problem["status"] == status and problem["detail"]
    assert problem["title"] == text(PROBLEM_TITLES, problem["code"], "en") and problem["code"] in PROBLEM_TITLES
    if field is not None:
        assert field in [error["field"] for error in problem["errors"]], problem
    assert words in response.text
    return problem


ASSESSMENT_CASES = [
    # wrong types
    pytest.param(assessment_body(consent="maybe"), "consent", "boolean", id="consent-not-a-boolean"),
    pytest.param(assessment_body(office=1103), "office", "string", id="office-a-number"),
    pytest.param(assessment_body(office="11033"), "office", "at most 4", id="office-five-digits"),
    pytest.param(assessment_body(office="11a3"), "office", "pattern", id="office-not-digits"),
    pytest.param(assessment_body(national_id=15899010059), "national_id", "string", id="national-id-a-number"),
    pytest.param(assessment_body(profile=_profile(age="thirty")), "profile.age", "integer", id="age-a-word"),
    # no coercion across JSON types: the schema says boolean, integer, date
    pytest.param(assessment_body(consent=0), "consent", "boolean", id="consent-zero"),
    pytest.param(
        assessment_body(profile=_profile(worked_6_of_last_12_months=1)),
        "profile.worked_6_of_last_12_months",
        "boolean",
        id="worked-one",
    ),
    pytest.param(assessment_body(profile=_profile(age="34")), "profile.age", "integer", id="age-in-quotes"),
    pytest.param(
        assessment_body(profile=_profile(registration_date=0)),
        "profile.registration_date",
        str(InvalidInputError(NOT_A_DATE)),
        id="date-zero",
    ),
    pytest.param(assessment_body(profile=_profile(age=12)), "profile.age", "16", id="age-too-low"),
    pytest.param(assessment_body(profile="all good"), "profile", "", id="profile-a-string"),
    pytest.param(
        assessment_body(profile=_profile(registration_date="yesterday")),
        "profile.registration_date",
        "date",
        id="date-a-word",
    ),
    # unknown categories
    pytest.param(assessment_body(profile=_profile(county="NARNIA")), "profile.county", "OSLO", id="unknown-county"),
    pytest.param(assessment_body(profile=_profile(gender="X")), "profile.gender", "KVINNE", id="unknown-gender"),
    pytest.param(
        assessment_body(profile=_profile(norwegian_skill="FLYTENDE")),
        "profile.norwegian_skill",
        "GODT",
        id="unknown-optional-category",
    ),
    # missing required fields
    pytest.param(_without("national_id"), "national_id", "required", id="no-national-id"),
    pytest.param(_without("consent"), "consent", "required", id="no-consent"),
    pytest.param(_without("profile"), "profile", "required", id="no-profile"),
    pytest.param(assessment_body(profile=_profile(education=MISSING)), "profile.education", "required", id="no-edu"),
    # extra fields
    pytest.param(assessment_body(name="Ola Nordmann"), "name", "not permitted", id="extra-top-level-field"),
    pytest.param(assessment_body(profile=_profile(shoe_size=44)), "profile.shoe_size", "not permitted", id="extra"),
    # identity numbers
    pytest.param(assessment_body(national_id=WRONG_CHECK_DIGITS), "national_id", "check digits", id="check-digits"),
    pytest.param(assessment_body(national_id=BAD_DATE), "national_id", "date", id="id-with-no-date"),
    pytest.param(assessment_body(national_id="1589901005"), "national_id", "at least 11", id="id-ten-digits"),
    pytest.param(assessment_body(national_id="1589901005x"), "national_id", "pattern", id="id-with-a-letter"),
    pytest.param(
        assessment_body(national_id=f" {EXAMPLE_NATIONAL_ID}"), "national_id", "at most 11", id="id-with-a-space"
    ),
    # cross-field rules
    pytest.param(
        assessment_body(profile=_profile(country_background="NORGE")),
        "profile",
        "years_in_norway must be empty when country_background is NORGE",
        id="years-in-norway-for-norwegian-background",
    ),
    pytest.param(
        assessment_body(profile=_profile(years_in_norway=None)),
        "profile",
        "years_in_norway is required",
        id="no-years-in-norway-for-foreign-background",
    ),
    pytest.param(
        assessment_body(profile=_profile(years_in_norway=40)),
        "profile",
        "years_in_norway cannot exceed age",
        id="years-in-norway-above-age",
    ),
    pytest.param(
        assessment_body(profile=_profile(worked_6_of_last_12_months=True, months_employed_last_36=3)),
        "profile",
        "worked_6_of_last_12_months needs at least 6 months_employed_last_36",
        id="worked-without-months",
    ),
]


@pytest.mark.parametrize(("body", "field", "words"), ASSESSMENT_CASES)
def test_a_bad_assessment_names_the_field(
    client: TestClient, token: Headers, body: dict[str, object], field: str, words: str
) -> None:
    response = client.post("/v1/assessments", json=body, headers=token(Role.COUNSELLOR))
    assert_problem(response, 422, field, words)


@pytest.mark.parametrize("number", [WRONG_CHECK_DIGITS, BAD_DATE, EXAMPLE_NATIONAL_ID])
def test_an_identity_number_is_never_echoed(client: TestClient, token: Headers, number: str) -> None:
    bodies = [
        assessment_body(national_id=number, consent="maybe"),  # the number may be valid and the body still bad
        assessment_body(national_id=number, office="1"),
        assessment_body(national_id=number, profile=_profile(age=200)),
    ]
    for body in bodies:
        response = client.post("/v1/assessments", json=body, headers=token(Role.COUNSELLOR))
        assert response.status_code == 422
        assert number not in response.text
    outcome = client.post(
        "/v1/outcomes", json=_outcome(national_id=number, horizon_months=0), headers=token(Role.SYSTEM)
    )
    assert outcome.status_code == 422
    assert number not in outcome.text


DECISION_CASES = [
    pytest.param({"level": "MAKSIMAL_INNSATS"}, "level", "STANDARD_INNSATS", id="unknown-level"),
    pytest.param({"level": 3}, "level", "", id="level-a-number"),
    pytest.param({}, "level", "required", id="no-level"),
    pytest.param(
        {"level": "VARIG_TILPASSET_INNSATS", "reason_code": "BAD_WEATHER", "justification": "Regn."},
        "reason_code",
        "HEALTH",
        id="unknown-reason-code",
    ),
    pytest.param(
        {"level": "VARIG_TILPASSET_INNSATS", "reason_code": "OTHER", "justification": "x" * (MAX_TEXT + 1)},
        "justification",
        str(MAX_TEXT),
        id="justification-too-long",
    ),
    pytest.param({"level": "STANDARD_INNSATS", "why": "because"}, "why", "not permitted", id="extra-field"),
    # a reason code needs a justification, whatever the level
    pytest.param(
        {"level": "STANDARD_INNSATS", "reason_code": "OTHER"},
        "justification",
        str(InvalidInputError(REASON_NEEDS_JUSTIFICATION)),
        id="reason-without-justification",
    ),
    pytest.param(
        {"level": "STANDARD_INNSATS", "reason_code": "OTHER", "justification": None},
        "justification",
        str(InvalidInputError(REASON_NEEDS_JUSTIFICATION)),
        id="reason-with-null-justification",
    ),
    pytest.param(
        {"level": "STANDARD_INNSATS", "reason_code": "OTHER", "justification": "   "},
        "justification",
        "pattern",
        id="blank-justification",
    ),
]


@pytest.mark.parametrize(("body", "field", "words"), DECISION_CASES)
def test_a_bad_decision_names_the_field(
    client: TestClient, token: Headers, assessment: dict[str, Any], body: dict[str, object], field: str, words: str
) -> None:
    url = f"/v1/assessments/{assessment['id']}/decision"
    assert_problem(client.post(url, json=body, headers=token(Role.COUNSELLOR)), 422, field, words)


def _another_level(assessment: dict[str, Any]) -> str:
    levels = ["STANDARD_INNSATS", "SITUASJONSBESTEMT_INNSATS", "VARIG_TILPASSET_INNSATS"]
    return next(level for level in levels if level != assessment["suggested_level"])


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({}, id="neither"),
        pytest.param({"reason_code": None, "justification": None}, id="both-null"),
        pytest.param({"justification": "Tett oppfølging."}, id="justification-without-reason"),
    ],
)
def test_an_override_without_reason_is_refused(
    client: TestClient, token: Headers, assessment: dict[str, Any], body: dict[str, object]
) -> None:
    """Valid by the schema, which cannot know the suggestion: the records refuse it."""
    url = f"/v1/assessments/{assessment['id']}/decision"
    response = client.post(url, json={"level": _another_level(assessment), **body}, headers=token(Role.COUNSELLOR))
    problem = assert_problem(response, 422)
    assert problem["detail"] == str(InvalidInputError(OVERRIDE_NEEDS_REASON))


def test_a_decision_that_follows_the_suggestion_needs_no_justification(client: TestClient, token: Headers) -> None:
    created = client.post("/v1/assessments", json=assessment_body(), headers=token(Role.COUNSELLOR)).json()
    body = {"level": created["suggested_level"], "reason_code": None, "justification": None}
    response = client.post(f"/v1/assessments/{created['id']}/decision", json=body, headers=token(Role.COUNSELLOR))
    assert response.status_code == 201, response.text


def test_the_schema_states_what_validation_enforces(client: TestClient) -> None:
    """The rules that fit JSON Schema are in the API description, where clients and schema-driven tests read them."""
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assessment = schemas["AssessmentIn"]["properties"]
    shape = ("pattern", "minLength", "maxLength")
    assert [assessment["national_id"][key] for key in shape] == ["^[0-9]{11}$", 11, 11]
    assert [assessment["office"][key] for key in shape] == ["^[0-9]{4}$", 4, 4]
    assert assessment["consent"]["type"] == "boolean"
    decision = schemas["DecisionIn"]
    # the API's limit is the records' (one constant), so the schema never lets through what the records refuse
    assert {"type": "string", "maxLength": MAX_TEXT, "pattern": r"\S"} in decision["properties"]["justification"][
        "anyOf"
    ]
    assert decision["if"]["required"] == ["reason_code"]
    assert decision["then"] == {"required": ["justification"], "properties": {"justification": {"type": "string"}}}


TWENTY = "Trenger tolk i møter"
"""Exactly the default minimum of a justification."""


def _override(client: TestClient, token: Headers, justification: str) -> tuple[dict[str, Any], httpx.Response]:
    created = client.post("/v1/assessments", json=assessment_body(), headers=token(Role.COUNSELLOR)).json()
    body = {
        "level": _another_level(created),
        "reason_code": "LANGUAGE_OR_DIGITAL_BARRIERS",
        "justification": justification,
    }
    return created, client.post(f"/v1/assessments/{created['id']}/decision", json=body, headers=token(Role.COUNSELLOR))


@pytest.mark.parametrize(
    ("justification", "words"),
    [
        pytest.param("Trenger tolk.", "justification must be at least 20 characters", id="short"),
        pytest.param(f"  {TWENTY[:-1]} \n", "justification must be at least 20 characters", id="short-after-trimming"),
        pytest.param("Språklige eller digitale barrierer.", JUSTIFICATION_REPEATS_LABEL, id="the-bokmål-label"),
        pytest.param(" language  or DIGITAL barriers!", JUSTIFICATION_REPEATS_LABEL, id="the-english-label"),
    ],
)
def test_an_override_justification_that_gives_no_reason_is_refused_and_nothing_written(
    client: TestClient, token: Headers, justification: str, words: str
) -> None:
    created, response = _override(client, token, justification)
    assert assert_problem(response, 422, words=words)["detail"].startswith("justification ")
    record = client.get(f"/v1/assessments/{created['id']}", headers=token(Role.COUNSELLOR)).json()
    assert record["decisions"] == []


def test_a_justification_of_exactly_the_minimum_is_accepted(client: TestClient, token: Headers) -> None:
    assert len(TWENTY) == 20
    _, response = _override(client, token, f"  {TWENTY} ")
    assert response.status_code == 201, response.text
    assert response.json()["justification"] == TWENTY


def test_the_setting_sets_the_minimum(settings: Settings, token: Headers) -> None:
    """``PROFILING_MIN_JUSTIFICATION_CHARS=5``: a five-character reason is enough, four are not."""
    english = {"Accept-Language": "en"}
    with TestClient(create_app(settings.model_copy(update={"min_justification_chars": 5})), headers=english) as client:
        assert _override(client, token, "Tolk.")[1].status_code == 201
        assert_problem(_override(client, token, "Tolk")[1], 422, words="at least 5 characters")


def test_a_justification_with_an_identity_number_is_refused_without_echo(
    client: TestClient, token: Headers, assessment: dict[str, Any]
) -> None:
    url = f"/v1/assessments/{assessment['id']}/decision"
    body = {
        "level": _another_level(assessment),
        "reason_code": "OTHER",
        "justification": f"Gjelder {EXAMPLE_NATIONAL_ID}, se tidligere sak.",
    }
    response = client.post(url, json=body, headers=token(Role.COUNSELLOR))
    assert_problem(response, 422, words="national identity number")
    assert EXAMPLE_NATIONAL_ID not in response.text


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/v1/assessments/{unknown}", None),
        ("GET", "/v1/assessments/{unknown}/explanation", None),
        ("POST", "/v1/assessments/{unknown}/decision", {"level": "STANDARD_INNSATS"}),
        ("GET", "/v1/assessments/no-such-id", None),
        ("GET", "/v1/assessments/" + "x" * 300, None),
    ],
)
def test_an_unknown_assessment_is_404(
    client: TestClient, token: Headers, method: str, path: str, body: dict[str, object] | None
) -> None:
    url = path.replace("{unknown}", "3f1c0c9e-0000-4000-8000-000000000000")
    role = Role.COUNSELLOR if method == "POST" else Role.AUDITOR
    assert_problem(client.request(method, url, json=body, headers=token(role)), 404, words="not found")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_problem_is_in_the_language_asked_for_with_its_code_and_fields(
    client: TestClient, token: Headers, lang: Language
) -> None:
    headers = {**token(Role.COUNSELLOR), "Accept-Language": lang}
    response = client.post("/v1/assessments", json=assessment_body(consent="maybe", office=1103), headers=headers)
    problem = assert_problem(response, 422, "consent") if lang == "en" else response.json()
    assert (problem["code"], problem["title"]) == ("invalid_request", text(PROBLEM_TITLES, "invalid_request", lang))
    assert problem["detail"] == text(PROBLEM_DETAILS, "fields_invalid", lang).format(count=2)
    assert [error["field"] for error in problem["errors"]] == ["office", "consent"]


def test_problems_in_nynorsk(client: TestClient, token: Headers) -> None:
    nn = {"Accept-Language": "nn-NO,nn;q=0.9,en;q=0.5"}
    invalid = client.post("/v1/assessments", json=assessment_body(consent=0), headers={**token(Role.COUNSELLOR), **nn})
    assert (invalid.json()["title"], invalid.json()["detail"]) == (
        "Ugyldig førespurnad",
        "felt som ikkje er gyldige: 1",
    )
    unsigned = client.get("/v1/model", headers=nn).json()
    assert [unsigned[key] for key in ("code", "title", "detail")] == [
        "unauthorized",
        "Inga gyldig innlogging",
        "eit bearer-token er påkravd",
    ]
    refused = client.get("/v1/audit/verify", headers={**token(Role.COUNSELLOR), **nn}).json()
    assert (refused["title"], refused["detail"]) == (
        "Ingen tilgang",
        "dette krev rolla revisor; tokenet har rettleiar",
    )
    unknown = "/v1/assessments/3f1c0c9e-0000-4000-8000-000000000000"
    missing = client.get(unknown, headers={**token(Role.AUDITOR), **nn}).json()
    assert (missing["status"], missing["code"], missing["title"]) == (404, "not_found", "Finst ikkje")


def test_an_outcome_for_an_unknown_assessment_is_404(client: TestClient, token: Headers) -> None:
    body = _outcome(assessment_id="3f1c0c9e-0000-4000-8000-000000000000")
    assert_problem(client.post("/v1/outcomes", json=body, headers=token(Role.SYSTEM)), 404, words="not found")


@pytest.mark.parametrize(
    ("content", "field"),
    [
        pytest.param(b'{"national_id": "158', "body", id="truncated"),
        pytest.param(b"{'office': '1103'}", "body", id="single-quotes"),
        pytest.param(b"", "body", id="empty"),
        pytest.param(b"[]", "body", id="a-list"),
        pytest.param(b"null", "body", id="null"),
    ],
)
def test_malformed_json_is_422(client: TestClient, token: Headers, content: bytes, field: str) -> None:
    headers = {**token(Role.COUNSELLOR), "Content-Type": "application/json"}
    response = client.post("/v1/assessments", content=content, headers=headers)
    assert_problem(response, 422, field)


def test_an_oversized_body_is_413(client: TestClient, token: Headers, settings: Settings) -> None:
    padding = "x" * settings.max_body_bytes
    body = assessment_body(profile=_profile(padding=padding))
    response = client.post("/v1/assessments", json=body, headers=token(Role.COUNSELLOR))
    assert_problem(response, 413, words=str(settings.max_body_bytes))


def test_an_oversized_streamed_body_is_413(client: TestClient, token: Headers, settings: Settings) -> None:
    """Without ``Content-Length`` (chunked), the limit holds while the body arrives."""

    def chunks() -> Iterator[bytes]:
        yield b'{"national_id": "'
        for _ in range(settings.max_body_bytes // 1000 + 2):
            yield b"1" * 1000
        yield b'"}'

    headers = {**token(Role.COUNSELLOR), "Content-Type": "application/json"}
    response = client.post("/v1/assessments", content=chunks(), headers=headers)
    assert "content-length" not in response.request.headers
    assert_problem(response, 413)


def test_a_body_just_under_the_limit_is_read(client: TestClient, token: Headers, settings: Settings) -> None:
    body = assessment_body(profile=_profile(padding="x" * (settings.max_body_bytes - 1000)))
    response = client.post("/v1/assessments", json=body, headers=token(Role.COUNSELLOR))
    assert_problem(response, 422, "profile.padding")


OUTCOME_CASES = [
    pytest.param(_outcome(), "outcomes.0", "exactly one", id="neither-key"),
    pytest.param(
        _outcome(assessment_id="3f1c0c9e-0000-4000-8000-000000000000", national_id=EXAMPLE_NATIONAL_ID),
        "outcomes.0",
        "exactly one",
        id="both-keys",
    ),
    pytest.param(_outcome(national_id=WRONG_CHECK_DIGITS), "outcomes.0.national_id", "check digits", id="bad-id"),
    pytest.param(_outcome(national_id=EXAMPLE_NATIONAL_ID, horizon_months=0), "outcomes.0.horizon_months", "", id="h0"),
    pytest.param(_outcome(national_id=EXAMPLE_NATIONAL_ID, employed="often"), "outcomes.0.employed", "", id="emp"),
    pytest.param(_outcome(national_id=EXAMPLE_NATIONAL_ID, observed_on=MISSING), "outcomes.0.observed_on", "", id="d"),
    pytest.param({"outcomes": []}, "outcomes", "at least 1", id="no-outcomes"),
    pytest.param(
        {**_outcome(national_id=EXAMPLE_NATIONAL_ID), "source": "s" * 65}, "source", "64", id="source-too-long"
    ),
    pytest.param(_outcome(assessment_id="x" * 37), "outcomes.0.assessment_id", "36", id="assessment-id-too-long"),
]


@pytest.mark.parametrize(("body", "field", "words"), OUTCOME_CASES)
def test_a_bad_outcome_names_the_field(
    client: TestClient, token: Headers, body: dict[str, object], field: str, words: str
) -> None:
    response = client.post("/v1/outcomes", json=body, headers=token(Role.SYSTEM))
    assert_problem(response, 422, field, words)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 10_001}, "limit"),
        ({"offset": -1}, "offset"),
        ({"since": "yesterday"}, "since"),
        ({"until": "0.5"}, "until"),  # not a Unix time: the schema says date-time
        ({"overrides_only": "perhaps"}, "overrides_only"),
        ({"format": "xlsx"}, "format"),
    ],
)
def test_bad_audit_parameters_name_the_parameter(
    client: TestClient, token: Headers, params: dict[str, object], field: str
) -> None:
    response = client.get("/v1/audit/decisions", params=params, headers=token(Role.AUDITOR))
    assert assert_problem(response, 422, field)["errors"][0]["in"] == "query"


def test_an_unknown_audience_names_the_parameter(
    client: TestClient, token: Headers, assessment: dict[str, Any]
) -> None:
    url = f"/v1/assessments/{assessment['id']}/explanation"
    response = client.get(url, params={"audience": "press"}, headers=token(Role.COUNSELLOR))
    assert_problem(response, 422, "audience")


def test_an_overlong_idempotency_key_names_the_header(client: TestClient, token: Headers) -> None:
    headers = {**token(Role.COUNSELLOR), "Idempotency-Key": "k" * 129}
    response = client.post("/v1/assessments", json=assessment_body(), headers=headers)
    assert_problem(response, 422, "Idempotency-Key")


def test_the_longest_idempotency_key_is_stored(client: TestClient, token: Headers) -> None:
    headers = {**token(Role.COUNSELLOR), "Idempotency-Key": "k" * 128}
    first = client.post("/v1/assessments", json=assessment_body(), headers=headers)
    assert first.status_code == 201, first.text
    assert client.post("/v1/assessments", json=assessment_body(), headers=headers).json()["id"] == first.json()["id"]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/v1/assessments/abc%00def", None),
        ("POST", "/v1/outcomes", {**_outcome(assessment_id="abc\u0000def")}),
        ("POST", "/v1/outcomes", {**_outcome(national_id=EXAMPLE_NATIONAL_ID), "source": "api\u0000"}),
    ],
)
def test_a_nul_character_is_not_a_500(
    client: TestClient, token: Headers, method: str, path: str, body: dict[str, object] | None
) -> None:
    """SQLite stores NUL characters, PostgreSQL refuses them (a 422 problem then, never a 500)."""
    role = Role.AUDITOR if method == "GET" else Role.SYSTEM
    response = client.request(method, path, json=body, headers=token(role))
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert response.headers["content-type"] == "application/problem+json"


def test_a_nul_character_in_a_justification_is_not_a_500(
    client: TestClient, token: Headers, assessment: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    url = f"/v1/assessments/{assessment['id']}/decision"
    secret = "Fortrolig\u0000 begrunnelse."
    body = {"level": _another_level(assessment), "reason_code": "OTHER", "justification": secret}
    with caplog.at_level(logging.DEBUG):
        response = client.post(url, json=body, headers=token(Role.COUNSELLOR))
    assert response.status_code in (201, 422), response.text
    assert "Fortrolig" not in _log_lines(caplog)


def _log_lines(caplog: pytest.LogCaptureFixture) -> str:
    """The log as the service writes it: one JSON object per record, with every ``extra`` field."""
    formatter = JsonFormatter()
    return "\n".join(formatter.format(record) for record in caplog.records)


def test_the_log_holds_no_identity_number_and_no_justification(
    client: TestClient, token: Headers, caplog: pytest.LogCaptureFixture
) -> None:
    counsellor, system = token(Role.COUNSELLOR), token(Role.SYSTEM)
    with caplog.at_level(logging.DEBUG):
        created = client.post("/v1/assessments", json=assessment_body(), headers=counsellor).json()
        url = f"/v1/assessments/{created['id']}/decision"
        override = {"level": _another_level(created), "reason_code": "OTHER", "justification": JUSTIFICATION}
        assert client.post(url, json=override, headers=counsellor).status_code == 201
        again = {**override, "justification": f"{JUSTIFICATION} {EXAMPLE_NATIONAL_ID}"}
        assert client.post(url, json=again, headers=counsellor).status_code == 422
        client.post("/v1/assessments", json=assessment_body(national_id=WRONG_CHECK_DIGITS), headers=counsellor)
        client.post("/v1/assessments", json=assessment_body(consent="maybe"), headers=counsellor)
        truncated = f'{{"national_id": "{EXAMPLE_NATIONAL_ID}"'
        client.post("/v1/assessments", content=truncated, headers={**counsellor, "Content-Type": "application/json"})
        client.post("/v1/outcomes", json=_outcome(national_id=EXAMPLE_NATIONAL_ID), headers=system)
        client.post("/v1/outcomes", json=_outcome(national_id=WRONG_CHECK_DIGITS), headers=system)
        client.get("/v1/audit/decisions", params={"format": "csv"}, headers=token(Role.AUDITOR))
    logged = _log_lines(caplog)
    assert '"route": "/v1/assessments/{assessment_id}/decision"' in logged  # the requests were logged
    for secret in (EXAMPLE_NATIONAL_ID, WRONG_CHECK_DIGITS, JUSTIFICATION, "Hemmelig"):
        assert secret not in logged
