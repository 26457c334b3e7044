"""Problem details in bokmål, nynorsk and English: a domain error's detail and each field's reason follow
``Accept-Language`` (bokmål when none is asked for), and every domain error a request can reach carries a key."""

from __future__ import annotations

import ast
import importlib
import inspect
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from models.errors import ConfigurationError, ProfilingError, PromotionRefusedError
from models.schema import (
    _EXAMPLE_PROFILE,
    CROSS_FIELD_RULES,
    EARLIEST_REGISTRATION_DATE,
    EARLY_DATE,
    FUTURE_DATE,
    NOT_A_DATE,
)
from models.texts import (
    CASE_STATE_TEXTS,
    ERROR_DETAILS,
    EVENT_KIND_TEXTS,
    LANGUAGES,
    PROBLEM_DETAILS,
    ROLE_TEXTS,
    VALIDATION_REASONS,
    Language,
    text,
)
from service.auth import EXPIRED, MALFORMED, NO_OFFICE, Role, mint_token
from service.routers.assessments import ANOTHER_OFFICE, WRONG_OFFICE
from service.schemas import EXAMPLE_NATIONAL_ID, ONE_SUBJECT, REASON_NEEDS_JUSTIFICATION
from service.settings import Settings
from tests.service.conftest import OFFICE, OTHER_OFFICE, assessment_body

Headers = Callable[..., dict[str, str]]

WRONG_CHECK_DIGITS = EXAMPLE_NATIONAL_ID[:9] + str((int(EXAMPLE_NATIONAL_ID[9]) + 1) % 10) + EXAMPLE_NATIONAL_ID[10]


def _decided_case(client: TestClient, token: Headers) -> tuple[str, dict[str, object]]:
    """A decided case's decision url, and a decision that follows its suggestion."""
    created = client.post("/v1/assessments", json=assessment_body(), headers=token(Role.COUNSELLOR))
    assert created.status_code == 201, created.text
    url = f"/v1/assessments/{created.json()['id']}/decision"
    body = {"level": created.json()["suggested_level"]}
    first = client.post(url, json=body, headers=token(Role.COUNSELLOR))
    assert first.status_code == 201, first.text
    return url, body


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_conflict_names_the_record_and_the_state_in_the_language_asked_for(
    client: TestClient, token: Headers, lang: Language
) -> None:
    url, body = _decided_case(client, token)
    second = client.post(url, json=body, headers={**token(Role.COUNSELLOR), "Accept-Language": lang})
    assert second.status_code == 409 and second.json()["code"] == "conflict"
    kind, state = text(EVENT_KIND_TEXTS, "decision", lang), text(CASE_STATE_TEXTS, "decided", lang)
    assert second.json()["detail"] == text(ERROR_DETAILS, "illegal_transition", lang).format(kind=kind, state=state)


def test_the_three_languages_write_the_conflict_differently_and_bokmal_is_the_default(
    client: TestClient, token: Headers
) -> None:
    url, body = _decided_case(client, token)
    details = {
        lang: client.post(url, json=body, headers={**token(Role.COUNSELLOR), "Accept-Language": lang}).json()["detail"]
        for lang in LANGUAGES
    }
    assert details == {
        "nb": "beslutning kan ikke registreres: saken har status «Besluttet»",
        "nn": "avgjerd kan ikkje registrerast: saka har status «Avgjord»",
        "en": 'decision cannot be recorded: the case\'s status is "Decided"',
    }
    unasked = TestClient(client.app, raise_server_exceptions=False)  # the shared client asks for English
    assert unasked.post(url, json=body, headers=token(Role.COUNSELLOR)).json()["detail"] == details["nb"]


def _invalid_body() -> dict[str, object]:
    body = assessment_body(national_id=WRONG_CHECK_DIGITS, office=1103, consent="maybe", unknown=1)
    del body["profile"]
    return body


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_field_of_a_422_gives_its_reason_in_the_language_asked_for(
    client: TestClient, token: Headers, lang: Language
) -> None:
    headers = {**token(Role.COUNSELLOR), "Accept-Language": lang}
    response = client.post("/v1/assessments", json=_invalid_body(), headers=headers)
    assert response.status_code == 422, response.text
    problem = response.json()
    reasons = {error["field"]: error["reason"] for error in problem["errors"]}
    assert reasons == {
        "national_id": text(ERROR_DETAILS, "national_id_bad_check_digits", lang),
        "office": text(VALIDATION_REASONS, "string_type", lang),
        "consent": text(VALIDATION_REASONS, "bool_parsing", lang),
        "profile": text(VALIDATION_REASONS, "missing", lang),
        "unknown": text(VALIDATION_REASONS, "extra_forbidden", lang),
    }
    assert problem["detail"] == text(PROBLEM_DETAILS, "fields_invalid", lang).format(count=5)
    assert WRONG_CHECK_DIGITS not in response.text and "maybe" not in response.text


def test_a_limit_of_the_schema_is_named_in_the_reason(client: TestClient, token: Headers) -> None:
    headers = {**token(Role.COUNSELLOR), "Accept-Language": "nn"}
    body = assessment_body(office="11030")
    response = client.post("/v1/assessments", json=body, headers=headers)
    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert error["field"] == "office" and "11030" not in response.text
    assert error["reason"] in {
        text(VALIDATION_REASONS, "string_too_long", "nn").format(max_length=4),
        text(VALIDATION_REASONS, "string_pattern_mismatch", "nn"),
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_401_says_what_is_wrong_with_the_token_in_the_language_asked_for(
    client: TestClient, settings: Settings, lang: Language
) -> None:
    def minted(office: str | None, minutes: int) -> str:
        secret = settings.secret("token_secret")
        return mint_token(secret=secret, role=Role.COUNSELLOR, subject="Z1", office=office, ttl_minutes=minutes)

    expected = {
        minted(OFFICE, -5): text(ERROR_DETAILS, EXPIRED, lang),
        minted(None, 5): text(ERROR_DETAILS, NO_OFFICE, lang),
        "not-a-token": text(ERROR_DETAILS, MALFORMED, lang).split("{error}")[0],
    }
    for token, detail in expected.items():
        response = client.get("/v1/model", headers={"Authorization": f"Bearer {token}", "Accept-Language": lang})
        assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
        assert response.json()["detail"].startswith(detail), response.text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_403_for_another_office_is_in_the_language_asked_for(
    client: TestClient, token: Headers, lang: Language
) -> None:
    created = client.post("/v1/assessments", json=assessment_body(), headers=token(Role.COUNSELLOR))
    assert created.status_code == 201, created.text
    other = {**token(Role.COUNSELLOR, office=OTHER_OFFICE), "Accept-Language": lang}
    wrong_office = text(ERROR_DETAILS, WRONG_OFFICE, lang).format(token_office=OTHER_OFFICE, office=OFFICE)
    answers = [
        (
            client.get(f"/v1/assessments/{created.json()['id']}", headers=other),
            text(ERROR_DETAILS, ANOTHER_OFFICE, lang),
        ),
        (client.post("/v1/assessments", json=assessment_body(), headers=other), wrong_office),
        (client.get("/v1/assessments", params={"office": OFFICE}, headers=other), wrong_office),
    ]
    for response, detail in answers:
        assert response.status_code == 403 and response.json()["code"] == "forbidden", response.text
        assert response.json()["detail"] == detail


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_403_for_a_role_names_the_roles_by_their_labels(client: TestClient, token: Headers, lang: Language) -> None:
    response = client.get("/v1/assessments", headers={**token(Role.DATA_SCIENTIST), "Accept-Language": lang})
    assert response.status_code == 403, response.text
    allowed = f"{text(ROLE_TEXTS, 'counsellor', lang)}, {text(ROLE_TEXTS, 'auditor', lang)}"
    has = text(ROLE_TEXTS, "data_scientist", lang)
    assert response.json()["detail"] == text(PROBLEM_DETAILS, "wrong_role", lang).format(allowed=allowed, has=has)
    assert "data_scientist" not in response.json()["detail"]


def _profile_body(**changes: object) -> dict[str, object]:
    return assessment_body(profile={**_EXAMPLE_PROFILE, **changes})


UNKNOWN_ID = "00000000-0000-0000-0000-000000000000"
REQUEST_RULES = [
    pytest.param(
        "/v1/assessments",
        Role.COUNSELLOR,
        _profile_body(registration_date=0),
        "profile.registration_date",
        NOT_A_DATE,
        {},
        id="a-number-for-a-date",
    ),
    pytest.param(
        "/v1/assessments",
        Role.COUNSELLOR,
        _profile_body(registration_date="2099-01-01"),
        "profile.registration_date",
        FUTURE_DATE,
        {},
        id="a-future-date",
    ),
    pytest.param(
        "/v1/assessments",
        Role.COUNSELLOR,
        _profile_body(registration_date="1999-12-31"),
        "profile.registration_date",
        EARLY_DATE,
        {"earliest": EARLIEST_REGISTRATION_DATE},
        id="an-early-date",
    ),
    pytest.param(
        "/v1/assessments",
        Role.COUNSELLOR,
        _profile_body(country_background="NORGE"),
        "profile",
        CROSS_FIELD_RULES[0],
        {},
        id="a-rule-across-fields",
    ),
    pytest.param(
        f"/v1/assessments/{UNKNOWN_ID}/decision",
        Role.COUNSELLOR,
        {"level": "STANDARD_INNSATS", "reason_code": "OTHER"},
        "justification",
        REASON_NEEDS_JUSTIFICATION,
        {},
        id="a-reason-without-justification",
    ),
    pytest.param(
        "/v1/outcomes",
        Role.SYSTEM,
        {"outcomes": [{"horizon_months": 12, "employed": True, "observed_on": "2027-11-02"}]},
        "outcomes.0",
        ONE_SUBJECT,
        {},
        id="an-outcome-without-its-subject",
    ),
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("path", "role", "body", "field", "key", "params"), REQUEST_RULES)
def test_a_rule_a_validator_checks_gives_its_reason_in_the_language_asked_for(
    client: TestClient,
    token: Headers,
    lang: Language,
    path: str,
    role: Role,
    body: dict[str, object],
    field: str,
    key: str,
    params: dict[str, object],
) -> None:
    response = client.post(path, json=body, headers={**token(role), "Accept-Language": lang})
    assert response.status_code == 422, response.text
    [error] = response.json()["errors"]
    assert error == {"field": field, "in": "body", "reason": text(ERROR_DETAILS, key, lang).format(**params)}


NOT_FROM_A_REQUEST: dict[type[ProfilingError], str] = {
    ConfigurationError: "a setting or secret that cannot work: raised at start or by a command line",
    PromotionRefusedError: "the promotion gates: training's command line",
}
"""Errors no request turns into a problem detail."""

PLAIN_MESSAGES_ALLOWED: dict[str, str] = {
    "models.capacity": "the policy's capacities: read at start and by training's set-policy",
    "models.policy_file": "the policy file: read at start and by training's set-policy",
    "models.validation": "data files for training and batch scoring (command lines)",
    "models.metrics": "shape checks of arrays the analyses build themselves",
    "models.registry": "the registry's own failure, logged; a request sees champion_* keys (service.champion)",
    "models.risk_model": "a broken model directory, found when the champion loads",
    "monitoring.analysis.alerts": "configuration of the alerts",
    "monitoring.analysis.drift": "checks of frames the drift report builds from the records",
    "monitoring.analysis.frame_checks": "shape checks of frames the analyses build from the records",
    "monitoring.analysis.intervals": "argument checks of the interval helpers",
    "monitoring.analysis.levels": "codes read from the records",
    "monitoring.analysis.performance": "argument checks of the report",
    "monitoring.analysis.shadow_rule": "codes read from the records",
    "monitoring.analysis.trials": "argument checks of the trial analysis",
    "monitoring.analysis.technical_documentation": "the registry's own failure (503); its 404 is keyed",
    "monitoring.records.head": "the signed chain head: the monitoring command line",
}
"""Modules whose plain-message errors no client input reaches, and why."""

KEYS_PASSED_IN: set[tuple[str, str]] = {("monitoring.records.assessments", "conflict")}
"""Raise sites whose key is a parameter (every caller passes a key constant)."""

NOT_YET_KEYED: set[tuple[str, str]] = set()
"""Errors added by work that ran alongside the keys' introduction: give each a key of ``ERROR_DETAILS`` and drop it
from here (the test fails when an entry is keyed, so the list only shrinks)."""


def _message_name(call: ast.Call) -> str:
    """The name a raise site passes as its message: ``KEY`` in ``Error(KEY, ...)`` and ``Error(KEY.format(...))``."""
    first = call.args[0] if call.args else None
    if isinstance(first, ast.Call) and isinstance(first.func, ast.Name) and first.func.id == "text":
        return "text"  # a text of models.texts already in the request's language
    if isinstance(first, ast.Call) and isinstance(first.func, ast.Attribute):
        first = first.func.value
    return first.id if isinstance(first, ast.Name) else ast.unparse(first) if first else ""


SERVICE_MODULES = (
    "import sys, service.app; "
    "print(*sorted(m for m in sys.modules if m.split('.')[0] in {'models', 'monitoring', 'service'}))"
)
"""Lists the project's modules a fresh process loads with the service: the same set whatever the other tests of this
process imported before (the service imports nothing later, at a request)."""


def _unkeyed_raise_sites() -> set[tuple[str, str]]:
    """Every ``raise SomeProfilingError(message)`` in a module the service loads whose message is not a key."""
    loaded = subprocess.run([sys.executable, "-c", SERVICE_MODULES], capture_output=True, text=True, check=True)
    found = set()
    for name in loaded.stdout.split():
        module = importlib.import_module(name)
        if not getattr(module, "__file__", None):
            continue
        for node in ast.walk(ast.parse(Path(module.__file__).read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            error = getattr(module, node.exc.func.id, None) if isinstance(node.exc.func, ast.Name) else None
            if not (inspect.isclass(error) and issubclass(error, ProfilingError)) or issubclass(
                error, tuple(NOT_FROM_A_REQUEST)
            ):
                continue
            message = _message_name(node.exc)
            keyed = message == "text" or getattr(module, message, None) in ERROR_DETAILS
            if not keyed and name not in PLAIN_MESSAGES_ALLOWED:
                found.add((name, message))
    return found


def test_every_domain_error_a_request_can_reach_carries_a_key() -> None:
    unkeyed = _unkeyed_raise_sites()
    assert unkeyed - KEYS_PASSED_IN - NOT_YET_KEYED == set()
    assert NOT_YET_KEYED - unkeyed == set(), "keyed now: remove from NOT_YET_KEYED"


def test_the_scan_finds_a_plain_message() -> None:
    """The scan itself can fail: the site with a key passed in is a plain name it cannot resolve."""
    assert ("monitoring.records.assessments", "conflict") in _unkeyed_raise_sites()
