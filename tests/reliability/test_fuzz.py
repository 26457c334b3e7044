"""Fuzzing: schemathesis generates valid and invalid requests for every operation of the OpenAPI schema and sends
them, with a valid token of each role, to the app in-process (its lifespan started once, a fresh SQLite records
file). Every check schemathesis has runs on every answer (``schemathesis run --checks all``): no server error, every
answer as documented (status code, content type, headers, body), invalid data refused, the call refused without a
token. Valid data must be accepted too, but for the rules JSON Schema cannot state (see
:func:`positive_data_acceptance_but_rules_beyond_the_schema`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import CheckContext
from schemathesis.core.transport import Response
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.checks import positive_data_acceptance

from models.errors import InvalidInputError
from models.national_id import BAD_CHECK_DIGITS, BAD_DATE
from models.schema import CROSS_FIELD_RULES, EARLIEST_REGISTRATION_DATE, EARLY_DATE, FUTURE_DATE
from models.texts import ERROR_DETAILS, LANGUAGES
from monitoring.records.decisions import OVERRIDE_NEEDS_REASON
from monitoring.records.head import HEAD_FIELDS, NO_PUBLIC_KEY, WRONG_SIGNATURE
from monitoring.records.kinds import (
    FACTOR_REPEATED,
    MIN_JUSTIFICATION,
    TEXT_HAS_ID,
    TEXT_REPEATS_LABEL,
    TEXT_TOO_SHORT,
    TRIAL_ENDS_BEFORE_START,
    TRIAL_PERMANENT_OPTION,
)
from monitoring.records.trials import NO_TRIAL_CONSENT, NOT_EQUIVALENCE, OFFICE_NOT_ELIGIBLE, OUTSIDE_PERIOD
from service.app import create_app
from service.auth import Role
from service.settings import Settings
from tests.conftest import Registry
from tests.reliability.harness import OFFICE, bearer
from tests.service.conftest import make_settings


def _in_every_language(key: str, **params: object) -> tuple[str, ...]:
    """The detail of a keyed error in each language (the fuzzed requests ask for none: bokmål)."""
    error = InvalidInputError(key, **params)
    return tuple(error.detail(lang) for lang in LANGUAGES)


def _last_clause(key: str) -> tuple[str, ...]:
    """The end of a keyed detail with parameters, after its last colon, in each language (it has no parameter)."""
    return tuple(str(getattr(ERROR_DETAILS[key], lang)).rsplit(": ", 1)[1] for lang in LANGUAGES)


RULES_BEYOND_THE_SCHEMA = (
    *_in_every_language(BAD_CHECK_DIGITS),  # arithmetic over the digits of an identity number
    *_in_every_language(BAD_DATE),  # the date hidden in an identity number
    *(detail for rule in CROSS_FIELD_RULES for detail in _in_every_language(rule)),  # between fields of a profile
    *_in_every_language(FUTURE_DATE),  # relative to today
    *_in_every_language(EARLY_DATE, earliest=EARLIEST_REGISTRATION_DATE),  # JSON Schema has no minimum for a date
    *_in_every_language(OVERRIDE_NEEDS_REASON),  # depends on the suggestion stored with the assessment
    *_in_every_language(TEXT_HAS_ID, name="justification"),  # a valid identity number inside free text
    # a setting (the default here), counted after trimming: a minLength would be wrong for some deployment
    *_in_every_language(TEXT_TOO_SHORT, name="justification", minimum=MIN_JUSTIFICATION),
    # the reason code's label in any language, ignoring case, spaces, punctuation
    *_in_every_language(TEXT_REPEATS_LABEL, name="justification"),
    # a valid identity number in an event's free text (a purpose, wishes)
    *_in_every_language(TEXT_HAS_ID, name="text"),
    # a return's reason, a review's justification
    *_in_every_language(TEXT_TOO_SHORT, name="text", minimum=MIN_JUSTIFICATION),
    *_in_every_language(FACTOR_REPEATED),  # a documentation's factors (JSON Schema's uniqueItems is not enforced)
    *_in_every_language(TRIAL_ENDS_BEFORE_START),  # between two dates of a trial
    *_in_every_language(TRIAL_PERMANENT_OPTION),  # a draw's options: the permanent levels are never drawn
    *_last_clause(OUTSIDE_PERIOD),  # a draw relative to today and the trial's stored period
    *_last_clause(OFFICE_NOT_ELIGIBLE),  # a draw's case against the trial's stored offices
    *_in_every_language(NO_TRIAL_CONSENT),  # a draw's case, as stored
    *_last_clause(NOT_EQUIVALENCE),  # the stored kind of the trial named
    HEAD_FIELDS,  # a published head given to /v1/audit/verify: fields that go together, an ISO time
    WRONG_SIGNATURE,  # a published head's signature, checked with the configured public key
    NO_PUBLIC_KEY,  # a signed head, and no public key configured to check it
)
"""The reasons of a 422 that data valid by the schema may still get."""
EXAMPLES = 25
REPORT_EXAMPLES = 6  # each audit report runs fairness, override and drift analyses: seconds apiece
SLOW_OPERATIONS = "/v1/audit/report"
KEYS = {"PROFILING_TOKEN_SECRET": "f" * 48}
CALLS: dict[str, Counter[int]] = {}
"""Answers by operation and status code, printed at the end (``-s``)."""
TOKENS = {role: bearer(KEYS, role, f"fuzz-{role.value}", OFFICE if role is Role.COUNSELLOR else None) for role in Role}


def positive_data_acceptance_but_rules_beyond_the_schema(
    ctx: CheckContext, response: Response, case: schemathesis.Case
) -> bool | None:
    """Schemathesis' ``positive_data_acceptance``, except for a 422 whose every reason is in
    :data:`RULES_BEYOND_THE_SCHEMA`: a schema-valid request refused for anything else (a pattern, a type, a
    condition the schema could state but does not) still fails.
    """
    if response.status_code == 422:
        problem = response.json()
        reasons = [error["reason"] for error in problem.get("errors", [])] or [problem["detail"]]
        if all(reason.endswith(RULES_BEYOND_THE_SCHEMA) for reason in reasons):
            return None
    return positive_data_acceptance(ctx, response, case)


def _call_as_every_role(case: schemathesis.Case, app: FastAPI) -> None:
    """The same generated request, sent with a valid token of each role in turn, and every check on each answer.

    A case that leaves out or spoils the token on purpose is sent once, as generated (schemathesis' own
    authentication does the same): a valid token would make it a valid request the checks take for an invalid one.
    """
    # The schema was loaded before the app existed (see _schema): the checks that send requests of their own (such as
    # ignored_auth, the same call without the token) find the app here.
    case.operation.schema.app = case.operation.app = app
    negated = case.operation.schema.is_security_param_negated(case)
    for headers in [None] if negated else [TOKENS[role] for role in Role]:
        response = case.call(headers=headers)
        CALLS.setdefault(case.operation.label, Counter())[response.status_code] += 1
        case.validate_response(
            response,
            headers=headers,
            excluded_checks=[positive_data_acceptance],
            additional_checks=[positive_data_acceptance_but_rules_beyond_the_schema],
        )


@pytest.fixture(scope="module")
def app(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    settings_ = make_settings(
        registry,
        tmp_path_factory.mktemp("fuzz"),
        token_secret=KEYS["PROFILING_TOKEN_SECRET"],
        log_level="WARNING",
    )
    yield create_app(settings_)
    shutdown_lifespans()  # the lifespan schemathesis started: dispose the engine, stop the champion watcher
    total = sum(sum(statuses.values()) for statuses in CALLS.values())
    print(f"\nfuzz: {total} requests to {len(CALLS)} operations, {len(Role)} roles each; answers by operation:")
    for label, statuses in sorted(CALLS.items()):
        print(f"  {label}: {dict(sorted(statuses.items()))}")


def _schema() -> dict[str, Any]:
    """The OpenAPI document, read when the module is collected (the app under test is built later, by a fixture).

    ``schemathesis.pytest.from_fixture`` would defer this to the fixture, but it does not run under pytest 9
    (it reads ``Function._nodeid``, which pytest 9 removed); the document does not depend on the settings, and
    :func:`test_the_fuzzed_app_serves_this_schema` checks that it is the one the app under test serves.
    """
    placeholder = Settings.model_validate({"data_dir": "/nonexistent", "token_secret": "p" * 48, "person_key": "q"})
    return create_app(placeholder).openapi()


SCHEMA = _schema()
# schemathesis' default statuses, and 413: a body over the service's size limit is refused before it is read, valid
# or not. The limit is in bytes, which JSON Schema cannot state (whitespace alone can take a valid body over it).
CHECKS_CONFIG = {
    "negative_data_rejection": {
        "expected-statuses": ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]
    },
    "positive_data_acceptance": {"expected-statuses": ["2xx", "3xx", "401", "403", "404", "409", "413", "429", "5xx"]},
}
schema = schemathesis.openapi.from_dict(SCHEMA, config=schemathesis.Config.from_dict({"checks": CHECKS_CONFIG}))
# The audit report without the coverage phase (which alone makes ~70 boundary cases of its five parameters): it
# still gets the documented examples and generated valid and invalid cases, each a report of seconds.
without_coverage = schemathesis.openapi.from_dict(
    SCHEMA,
    config=schemathesis.Config.from_dict({"checks": CHECKS_CONFIG, "phases": {"coverage": {"enabled": False}}}),
)


def test_the_fuzzed_app_serves_this_schema(app: FastAPI) -> None:
    assert app.openapi() == SCHEMA


def bounded(max_examples: int) -> settings:
    """Reproducible (derandomized, no example database) and bounded in examples, not in time per example."""
    return settings(
        max_examples=max_examples,
        derandomize=True,
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=list(HealthCheck),
    )


@pytest.mark.slow
@schema.exclude(path=SLOW_OPERATIONS).parametrize()
@bounded(EXAMPLES)
def test_every_operation_with_every_role(case: schemathesis.Case, app: FastAPI) -> None:
    _call_as_every_role(case, app)


@pytest.mark.slow
@without_coverage.include(path=SLOW_OPERATIONS).parametrize()
@bounded(REPORT_EXAMPLES)
def test_the_audit_report_with_every_role(case: schemathesis.Case, app: FastAPI) -> None:
    _call_as_every_role(case, app)
