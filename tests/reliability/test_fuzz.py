"""Fuzzing: schemathesis generates valid and invalid requests for every operation of the OpenAPI schema and sends
them, with a valid token of each role, to the app in-process (its lifespan started once, a fresh SQLite records
file). No answer may be a server error, and every answer must match the schema: documented status code, content
type, headers and body.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service.app import create_app
from service.auth import Role
from service.settings import Settings
from tests.conftest import Registry
from tests.reliability.harness import OFFICE, bearer
from tests.service.conftest import make_settings

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
EXAMPLES = 25
REPORT_EXAMPLES = 6  # each audit report runs fairness, override and drift analyses: seconds apiece
SLOW_OPERATIONS = "/v1/audit/report"
KEYS = {"PROFILING_TOKEN_SECRET": "f" * 48}
CALLS: dict[str, Counter[int]] = {}
"""Answers by operation and status code, printed at the end (``-s``)."""
TOKENS = {role: bearer(KEYS, role, f"fuzz-{role.value}", OFFICE if role is Role.COUNSELLOR else None) for role in Role}


def _call_as_every_role(case: schemathesis.Case, app: FastAPI) -> None:
    """The same generated request, sent with a valid token of each role in turn."""
    for role in Role:
        response = case.call(app=app, headers=TOKENS[role])
        CALLS.setdefault(case.operation.label, Counter())[response.status_code] += 1
        case.validate_response(response, checks=CHECKS)


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
schema = schemathesis.openapi.from_dict(SCHEMA)
# The audit report without the coverage phase (which alone makes ~70 boundary cases of its five parameters): it
# still gets the documented examples and generated valid and invalid cases, each a report of seconds.
without_coverage = schemathesis.openapi.from_dict(
    SCHEMA, config=schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}}})
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
