"""Records on SQLite and PostgreSQL: migrations, assessments (round trip, consent, idempotency), decisions
(overrides, supersession, idempotency), outcomes, listing and the auditors' CSV, and unreachable storage."""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import multiprocessing
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConflictError, InvalidInputError, RecordNotFoundError, StorageUnavailableError
from models.policy import FollowUpLevel
from models.risk_model import Assessment
from monitoring.records.assessments import BAD_PERSON_KEY, SCORE_WITHOUT_CONSENT, AssessmentRow, get_assessment
from monitoring.records.db import VERSION_TABLE, make_engine, ping, session_factory, upgrade
from monitoring.records.decisions import (
    JUSTIFICATION_HAS_ID,
    JUSTIFICATION_REPEATS_LABEL,
    OVERRIDE_NEEDS_REASON,
    decisions_for,
    record_decision,
)
from monitoring.records.hashing import ASSESSMENT_HASHED_FIELDS, content_hash
from monitoring.records.listing import CSV_COLUMNS, ListedDecision, decisions_csv, list_decisions
from monitoring.records.outcomes import OUTCOME_WITHOUT_SUBJECT, record_outcome
from monitoring.records.tables import Base, DecisionRow

AssessmentFactory = Callable[..., AssessmentRow]
ModelOutput = Callable[..., Assessment]
HEAD = "0004"
STANDARD = FollowUpLevel.STANDARD_INNSATS.value
SITUATIONAL = FollowUpLevel.SITUASJONSBESTEMT_INNSATS.value


def decide(sessions: sessionmaker[Session], assessment_id: str, level: str = SITUATIONAL, **kw: object) -> DecisionRow:
    arguments: dict[str, object] = {
        "request_id": "req",
        "caller": "counsellor-1",
        "office": "0301",
        "counsellor": "Z990001",
    }
    arguments.update(kw)
    return record_decision(sessions, assessment_id=assessment_id, decided_level=level, **arguments)  # type: ignore[arg-type]


# --- migrations -------------------------------------------------------------------------------------------------


def test_upgrade_twice_is_a_no_op_and_matches_the_models(engine: Engine) -> None:
    upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all() == [HEAD]
        assert {"assessments", "decisions", "events", "outcomes"} <= set(inspect(connection).get_table_names())
        context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def _upgrade_in_process(url: str, barrier: multiprocessing.synchronize.Barrier) -> None:
    engine = make_engine(url)
    barrier.wait()
    upgrade(engine)
    engine.dispose()


def test_two_processes_upgrade_a_fresh_database_at_once(database_url: str) -> None:
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(3)
    workers = [context.Process(target=_upgrade_in_process, args=(database_url, barrier)) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert [worker.exitcode for worker in workers] == [0, 0, 0]
    engine = make_engine(database_url)
    with engine.connect() as connection:
        assert connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all() == [HEAD]
    engine.dispose()


def test_sqlite_engine_creates_the_directory_and_sets_pragmas(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a' / 'b' / 'records.db'}")
    with engine.connect() as connection:
        pragmas = {
            name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("busy_timeout", "journal_mode", "synchronous", "foreign_keys")
        }
    assert pragmas == {"busy_timeout": 10_000, "journal_mode": "wal", "synchronous": 1, "foreign_keys": 1}
    engine.dispose()


def test_postgresql_url_uses_psycopg() -> None:
    engine = make_engine("postgresql://someone@127.0.0.1:1/db")
    assert engine.url.drivername == "postgresql+psycopg"
    engine.dispose()


# --- assessments ------------------------------------------------------------------------------------------------


def test_assessment_round_trip(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory, model_output: ModelOutput, person: str
) -> None:
    output = model_output()
    written = make_assessment(assessment=output, idempotency_key="k-1")
    read = get_assessment(sessions, assessment_id=written.id)
    assert read.created_at.tzinfo is not None
    assert abs(read.created_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
    assert read.person_key == person and read.consent is True
    assert (read.risk, read.lower, read.upper, read.base_value) == (
        output.risk,
        output.lower,
        output.upper,
        output.base_value,
    )
    assert read.suggested_level == output.level.value and read.policy_version == output.policy_version
    assert read.flags == ["LANGUAGE_BARRIER", "REPEAT_SPELLS"]
    assert read.shap == output.contributions
    assert read.reasons is not None and read.reasons[0]["text"] == output.reasons[0].text
    assert set(read.reasons[0]) >= {"factor", "label", "direction", "contribution", "text"}
    assert read.profile["registration_date"] == "2026-11-02" and read.profile["gender"] == "KVINNE"
    stored = {name: getattr(read, name) for name in ASSESSMENT_HASHED_FIELDS}
    assert read.content_hash == written.content_hash == content_hash(stored, ASSESSMENT_HASHED_FIELDS)


def test_declined_consent_stores_no_score(sessions: sessionmaker[Session], make_assessment: AssessmentFactory) -> None:
    row = get_assessment(sessions, assessment_id=make_assessment(consent=False, assessment=None).id)
    assert row.consent is False and row.profile["age"] == 34 and row.model_version == "3"
    scored = ("risk", "lower", "upper", "suggested_level", "flags", "base_value", "shap", "reasons", "policy_version")
    assert all(getattr(row, name) is None for name in scored)


def test_a_score_without_consent_is_refused(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    with pytest.raises(InvalidInputError, match=str(InvalidInputError(SCORE_WITHOUT_CONSENT))):
        make_assessment(consent=False)
    row = make_assessment(consent=False, assessment=None)
    with pytest.raises(IntegrityError), sessions.begin() as session:
        session.execute(text("UPDATE assessments SET risk = 0.5 WHERE id = :id"), {"id": row.id})


@pytest.mark.parametrize("bad", ["01017012345", "AB" * 32, "ab" * 31])
def test_person_key_must_be_a_keyed_hash(make_assessment: AssessmentFactory, bad: str) -> None:
    with pytest.raises(InvalidInputError, match=str(InvalidInputError(BAD_PERSON_KEY))):
        make_assessment(person_key=bad)


def test_idempotent_assessment(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory, model_output: ModelOutput
) -> None:
    first = make_assessment(idempotency_key="retry-me", request_id="req-a")
    again = make_assessment(idempotency_key="retry-me", request_id="req-b")
    assert again.id == first.id and again.request_id == "req-a"
    other_caller = make_assessment(idempotency_key="retry-me", caller="counsellor-2")
    assert other_caller.id != first.id
    with pytest.raises(ConflictError):
        make_assessment(idempotency_key="retry-me", assessment=model_output(risk=0.43))
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(AssessmentRow)) == 2


def test_unknown_assessment(sessions: sessionmaker[Session]) -> None:
    with pytest.raises(RecordNotFoundError):
        get_assessment(sessions, assessment_id="00000000-0000-0000-0000-000000000000")
    with pytest.raises(RecordNotFoundError):
        decide(sessions, "00000000-0000-0000-0000-000000000000")
    assert decisions_for(sessions, assessment_id="00000000-0000-0000-0000-000000000000") == []


# --- decisions --------------------------------------------------------------------------------------------------


def test_decisions_follow_override_and_supersede(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    assessment = make_assessment()
    first = decide(sessions, assessment.id, SITUATIONAL)
    assert first.follows_suggestion is True and first.suggested_level == SITUATIONAL and first.supersedes is None
    assert first.assessment_hash == assessment.content_hash
    with pytest.raises(InvalidInputError, match=str(InvalidInputError(OVERRIDE_NEEDS_REASON))):
        decide(sessions, assessment.id, STANDARD)
    second = decide(
        sessions,
        assessment.id,
        STANDARD,
        reason_code="JOBSEEKER_WISHES",
        justification=" Wants to find work on her own. ",
    )
    assert second.follows_suggestion is False and second.supersedes == first.id
    assert second.justification == "Wants to find work on her own." and second.seq == first.seq + 1
    assert [d.id for d in decisions_for(sessions, assessment_id=assessment.id)] == [first.id, second.id]


def test_decision_without_suggestion(sessions: sessionmaker[Session], make_assessment: AssessmentFactory) -> None:
    row = decide(sessions, make_assessment(consent=False, assessment=None).id, STANDARD)
    assert row.suggested_level is None and row.follows_suggestion is None


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"level": "NOT_A_LEVEL"}, "decided_level"),
        ({"level": STANDARD, "reason_code": "BECAUSE"}, "reason_code"),
        ({"level": STANDARD, "reason_code": "OTHER", "justification": "x" * 4001}, "at most"),
        ({"level": STANDARD, "reason_code": "OTHER", "justification": " Annen grunn. "}, "at least 20 characters"),
        ({"level": STANDARD, "reason_code": "HEALTH", "justification": "HELSE!"}, JUSTIFICATION_REPEATS_LABEL),
        (
            {
                "level": STANDARD,
                "reason_code": "REPEAT_SPELLS",
                "justification": "Gjentatte  perioder som arbeidssøker.",
            },
            JUSTIFICATION_REPEATS_LABEL,
        ),
        (
            {"level": STANDARD, "reason_code": "HEALTH", "justification": "Health", "min_justification_chars": 5},
            "repeat",
        ),
    ],
)
def test_bad_decisions_are_refused(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory, kw: dict[str, str], message: str
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        decide(sessions, make_assessment().id, **kw)


def test_the_minimum_of_a_justification_is_the_callers(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    """A reason code's justification is held to the minimum passed down (the service's setting), 20 by default."""
    twenty = "  Trenger tolk i møter  "
    assert len(twenty.strip()) == 20
    assert decide(sessions, make_assessment().id, STANDARD, reason_code="OTHER", justification=twenty).justification
    with pytest.raises(InvalidInputError, match="at least 20 characters"):
        decide(sessions, make_assessment().id, STANDARD, reason_code="OTHER", justification=twenty[:-3])
    short = decide(
        sessions, make_assessment().id, STANDARD, reason_code="OTHER", justification="Tolk.", min_justification_chars=5
    )
    assert short.justification == "Tolk."
    note = decide(sessions, make_assessment().id, justification="Enig.")  # follows, no reason code: only a note
    assert note.reason_code is None and note.justification == "Enig."


def test_justification_with_an_identity_number_is_refused(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory, national_id: Callable[..., str]
) -> None:
    number = national_id(dt.date(1980, 5, 17))
    with pytest.raises(InvalidInputError, match=JUSTIFICATION_HAS_ID) as caught:
        decide(sessions, make_assessment().id, STANDARD, reason_code="OTHER", justification=f"Person {number}")
    assert number not in str(caught.value)


def test_idempotent_decision(sessions: sessionmaker[Session], make_assessment: AssessmentFactory) -> None:
    assessment = make_assessment()
    first = decide(sessions, assessment.id, idempotency_key="d-1")
    assert decide(sessions, assessment.id, idempotency_key="d-1", request_id="other").id == first.id
    with pytest.raises(ConflictError):
        decide(sessions, assessment.id, STANDARD, reason_code="OTHER", justification="x" * 20, idempotency_key="d-1")
    assert len(decisions_for(sessions, assessment_id=assessment.id)) == 1


def test_the_office_is_checked_in_the_same_read_before_anything_is_written(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    assessment = make_assessment(office="4601")
    seen: list[str] = []

    def refuse(office: str) -> None:
        seen.append(office)
        raise PermissionError(office)

    with pytest.raises(PermissionError):
        decide(sessions, assessment.id, check_office=refuse)
    assert seen == ["4601"] and decisions_for(sessions, assessment_id=assessment.id) == []
    with pytest.raises(RecordNotFoundError):
        decide(sessions, "00000000-0000-0000-0000-000000000000", check_office=refuse)
    assert seen == ["4601"]
    assert decide(sessions, assessment.id, check_office=seen.append).seq == 2 and seen == [
        "4601",
        "4601",
    ]  # 1: assessed


# --- outcomes ---------------------------------------------------------------------------------------------------


def test_outcomes(sessions: sessionmaker[Session], make_assessment: AssessmentFactory, person: str) -> None:
    assessment = make_assessment()
    by_assessment = record_outcome(
        sessions,
        assessment_id=assessment.id,
        horizon_months=12,
        employed=True,
        observed_on=dt.date(2027, 11, 2),
        source="api",
        caller="register",
    )
    by_person = record_outcome(
        sessions,
        person_key=person,
        horizon_months=6,
        employed=False,
        observed_on=dt.date(2027, 5, 2),
        source="file:x.csv",
        caller="import",
    )
    assert by_assessment.id != by_person.id and by_person.assessment_id is None
    with pytest.raises(InvalidInputError, match=str(InvalidInputError(OUTCOME_WITHOUT_SUBJECT))):
        record_outcome(
            sessions, horizon_months=6, employed=False, observed_on=dt.date(2027, 5, 2), source="x", caller="y"
        )
    with pytest.raises(RecordNotFoundError):
        record_outcome(
            sessions,
            assessment_id="nope",
            horizon_months=6,
            employed=False,
            observed_on=dt.date(2027, 5, 2),
            source="x",
            caller="y",
        )


# --- listing and CSV --------------------------------------------------------------------------------------------


@pytest.fixture()
def listed(sessions: sessionmaker[Session], make_assessment: AssessmentFactory) -> list[DecisionRow]:
    """12 decisions: offices 0301/4601 alternate, model versions 3/4, every third one an override."""
    rows = []
    for i in range(12):
        assessment = make_assessment(office=("0301", "4601")[i % 2], model_version=("3", "4")[i // 6])
        if i % 3 == 0:
            rows.append(
                decide(
                    sessions,
                    assessment.id,
                    STANDARD,
                    office=assessment.office,
                    counsellor=f"C{i % 4}",
                    reason_code="HEALTH",
                    justification=f"=cmd|' /C calc'!A0 {i}",
                )
            )
        else:
            rows.append(decide(sessions, assessment.id, office=assessment.office, counsellor=f"C{i % 4}"))
    return rows


def test_list_filters_and_pages(sessions: sessionmaker[Session], listed: list[DecisionRow]) -> None:
    newest_first = [row.id for row in reversed(listed)]
    page, total = list_decisions(sessions, limit=5)
    assert total == 12 and [item.decision.id for item in page] == newest_first[:5]
    page, total = list_decisions(sessions, limit=5, offset=10)
    assert total == 12 and [item.decision.id for item in page] == newest_first[10:]
    assert list_decisions(sessions, office="4601")[1] == 6
    assert list_decisions(sessions, counsellor="C0")[1] == 3
    assert list_decisions(sessions, model_version="4")[1] == 6
    overrides, total = list_decisions(sessions, overrides_only=True)
    assert total == 4 and all(item.decision.follows_suggestion is False for item in overrides)
    assert list_decisions(sessions, level=STANDARD)[1] == 4
    assert list_decisions(sessions, office="0301", overrides_only=True, model_version="3")[1] == 1
    middle = listed[5].created_at
    assert list_decisions(sessions, since=middle)[1] == 7
    assert list_decisions(sessions, until=middle)[1] == 5
    assert list_decisions(sessions, since=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)) == ([], 0)
    assert {item.model_version for item in list_decisions(sessions, limit=100)[0]} == {"3", "4"}
    with pytest.raises(InvalidInputError):
        list_decisions(sessions, limit=0)
    with pytest.raises(InvalidInputError):
        list_decisions(sessions, since=dt.datetime(2026, 1, 1))


def test_csv_for_auditors(
    sessions: sessionmaker[Session], listed: list[DecisionRow], national_id: Callable[..., str], person: str
) -> None:
    page, _ = list_decisions(sessions, limit=100)
    number = national_id(dt.date(1966, 6, 6))
    smuggled = DecisionRow(**{c.key: getattr(listed[0], c.key) for c in DecisionRow.__table__.columns})
    smuggled.justification = f"written before the check: {number}"
    body = decisions_csv([*page, ListedDecision(smuggled, "jobseeker-risk", "3")])
    table = list(csv.reader(io.StringIO(body)))
    assert tuple(table[0]) == CSV_COLUMNS and len(table) == 14
    by_id = {row[1]: dict(zip(CSV_COLUMNS, row, strict=True)) for row in table[1:-1]}
    first, second, last = by_id[listed[0].id], by_id[listed[1].id], by_id[listed[-1].id]
    assert first["seq"] == str(listed[0].seq) and first["justification"].startswith("'=cmd")
    assert first["follows_suggestion"] == "False" and first["model_version"] == "3"
    assert last["model_version"] == "4" and second["justification"] == ""
    assert number not in body and "[redacted]" in table[-1][CSV_COLUMNS.index("justification")]
    assert person not in body


# --- unreachable storage ----------------------------------------------------------------------------------------


def test_unreachable_database_raises_storage_unavailable(example_profile: object) -> None:
    engine = make_engine("postgresql://nobody@127.0.0.1:1/none")
    sessions = session_factory(engine)
    with pytest.raises(StorageUnavailableError):
        ping(engine)
    with pytest.raises(StorageUnavailableError):
        get_assessment(sessions, assessment_id="x")
    with pytest.raises(StorageUnavailableError):
        decide(sessions, "x")
    with pytest.raises(StorageUnavailableError):
        record_outcome(
            sessions,
            assessment_id="x",
            horizon_months=6,
            employed=True,
            observed_on=dt.date(2027, 5, 2),
            source="x",
            caller="y",
        )
    with pytest.raises(StorageUnavailableError):
        upgrade(engine)
    engine.dispose()


def test_ping_answers(engine: Engine) -> None:
    ping(engine)


@pytest.mark.parametrize("package_name", ["monitoring.records", "monitoring.analysis"])
def test_exported_members(package_name: str) -> None:
    package = importlib.import_module(package_name)

    classes_first = sorted(package.__all__, key=lambda name: (not name[:1].isupper(), name))
    assert package.__all__ == classes_first  # the order ruff's RUF022 keeps: classes, then functions
    assert all(callable(getattr(package, name)) for name in package.__all__)
