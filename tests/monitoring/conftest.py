"""Fixtures of the records tests: a migrated database on SQLite (always) and PostgreSQL (when
``PROFILING_TEST_POSTGRES_URL`` is set; each test gets its own schema, dropped afterwards), and model outputs built
by hand so that no model has to be trained."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from models.explain import Reason
from models.policy import Flag, FollowUpLevel
from models.risk_model import Assessment
from models.schema import _EXAMPLE_PROFILE, JobseekerProfile
from monitoring.records.assessments import AssessmentRow, record_assessment
from monitoring.records.db import make_engine, session_factory, upgrade

POSTGRES_URL = os.environ.get("PROFILING_TEST_POSTGRES_URL")
PERSON = "ab" * 32

BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(POSTGRES_URL is None, reason="PROFILING_TEST_POSTGRES_URL is not set"),
        ],
    ),
]

UrlFactory = Callable[[], str]


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database: a new SQLite file, or a new PostgreSQL schema (dropped afterwards)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'records' / 'records.db'}"
        return
    assert POSTGRES_URL is not None
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL.replace("postgresql://", "postgresql+psycopg://", 1))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture()
def engine(database_url: str) -> Iterator[Engine]:
    """A migrated records database."""
    created = make_engine(database_url)
    upgrade(created)
    yield created
    created.dispose()


@pytest.fixture()
def sessions(engine: Engine) -> sessionmaker[Session]:
    return session_factory(engine)


@pytest.fixture()
def example_profile() -> JobseekerProfile:
    return JobseekerProfile.model_validate(_EXAMPLE_PROFILE)


def _model_output(risk: float = 0.42, level: FollowUpLevel = FollowUpLevel.SITUASJONSBESTEMT_INNSATS) -> Assessment:
    """What ``RiskModel.assess`` returns, with awkward floats to test exact round trips."""
    return Assessment(
        risk=risk,
        lower=risk - 0.1 / 3,
        upper=risk + 1e-17 + 0.05,
        level=level,
        flags=(Flag.LANGUAGE_BARRIER, Flag.REPEAT_SPELLS),
        policy_version="2026-11.1",
        base_value=-1.2345678901234567,
        contributions={"age": 0.1 + 0.2, "benefit_DAGPENGER": -0.0, "county_unemployment_rate": 3.5e-12},
        reasons=[
            Reason(
                factor="work_history",
                label="Arbeidserfaring",
                direction="up",
                contribution=0.7,
                values="14 måneder",
                text="Kort arbeidserfaring øker risikoen «mye».",
            )
        ],
    )


ModelOutput = Callable[..., Assessment]


@pytest.fixture()
def model_output() -> ModelOutput:
    return _model_output


@pytest.fixture()
def person() -> str:
    """The person key every assessment of these tests is recorded with."""
    return PERSON


AssessmentFactory = Callable[..., AssessmentRow]


@pytest.fixture()
def make_assessment(sessions: sessionmaker[Session], example_profile: JobseekerProfile) -> AssessmentFactory:
    """Record an assessment with consent and a suggestion unless told otherwise."""

    def make(**overrides: object) -> AssessmentRow:
        arguments: dict[str, object] = {
            "request_id": f"req-{uuid.uuid4().hex[:8]}",
            "caller": "counsellor-1",
            "person_key": PERSON,
            "office": "0301",
            "counsellor": "Z990001",
            "consent": True,
            "profile": example_profile,
            "model_name": "jobseeker-risk",
            "model_version": "3",
            "assessment": _model_output(),
            "language": "nb",
        }
        arguments.update(overrides)
        return record_assessment(sessions, **arguments)  # type: ignore[arg-type]

    return make
