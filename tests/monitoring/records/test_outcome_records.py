"""Outcomes on SQLite and PostgreSQL: a batch is all or nothing, each outcome is stored once, a retry (with or without
an Idempotency-Key) stores nothing twice, contradictions and outcomes before registration are refused, the database
enforces the rule too, and migration 0002 cleans up the copies that retries left before it."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Engine, func, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConflictError, InvalidInputError, RecordNotFoundError
from monitoring.records import outcomes as outcomes_module
from monitoring.records.assessments import AssessmentRow
from monitoring.records.db import make_engine, upgrade
from monitoring.records.outcomes import (
    CONTRADICTS_STORED,
    IDEMPOTENCY_CONFLICT,
    OBSERVED_BEFORE_REGISTRATION,
    WRITE_CONFLICT,
    Outcome,
    record_outcomes,
)
from monitoring.records.tables import OutcomeRequestRow, OutcomeRow
from tests.monitoring.records.old_revisions import migrate_to, stored_assessment

AssessmentFactory = Callable[..., AssessmentRow]
REGISTERED = dt.date(2026, 11, 2)  # the example profile's registration date
OBSERVED = dt.date(2027, 11, 2)
MISSING = "3f1c0c9e-0000-4000-8000-000000000000"


def _record(sessions: sessionmaker[Session], outcomes: list[Outcome], **kw: Any) -> list[OutcomeRow]:
    arguments: dict[str, Any] = {"source": "api", "caller": "aa-register"} | kw
    return record_outcomes(sessions, outcomes, **arguments)


def _count(sessions: sessionmaker[Session], table: type[Any] = OutcomeRow) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def _in_work(assessment_id: str, **kw: Any) -> Outcome:
    values: dict[str, Any] = {"horizon_months": 12, "employed": True, "observed_on": OBSERVED} | kw
    return Outcome(assessment_id=assessment_id, **values)


def test_a_batch_is_all_or_nothing(sessions: sessionmaker[Session], make_assessment: AssessmentFactory) -> None:
    batch = [_in_work(make_assessment().id) for _ in range(4)] + [_in_work(MISSING)]
    with pytest.raises(RecordNotFoundError, match=r"^outcomes\.4: assessment not found$"):
        _record(sessions, batch)
    assert _count(sessions) == 0
    assert len(_record(sessions, batch[:4])) == 4 and _count(sessions) == 4


def test_a_repeated_outcome_is_stored_once(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory, person: str
) -> None:
    assessment = make_assessment().id
    by_person = Outcome(horizon_months=6, employed=False, observed_on=OBSERVED, person_key=person)
    first = _record(sessions, [_in_work(assessment), by_person])
    again = _record(sessions, [_in_work(assessment), by_person], source="file:x.csv", caller="import")
    assert [row.id for row in again] == [row.id for row in first] and _count(sessions) == 2
    in_batch = _record(sessions, [_in_work(assessment, horizon_months=24)] * 2)
    assert in_batch[0].id == in_batch[1].id and _count(sessions) == 3
    next_spell = Outcome(horizon_months=6, employed=True, observed_on=dt.date(2028, 12, 1), person_key=person)
    assert _record(sessions, [next_spell])[0].id != first[1].id and _count(sessions) == 4


@pytest.mark.parametrize(
    "change",
    [{"employed": False}, {"observed_on": OBSERVED + dt.timedelta(days=1)}, {"person_key": "cd" * 32}],
)
def test_a_contradicting_outcome_is_a_conflict(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory, change: dict[str, Any]
) -> None:
    assessment = make_assessment().id
    _record(sessions, [_in_work(assessment)])
    with pytest.raises(ConflictError, match=rf"^outcomes\.1: {ConflictError(CONTRADICTS_STORED)}$"):
        _record(sessions, [_in_work(make_assessment().id), _in_work(assessment, **change)])
    with pytest.raises(ConflictError, match=rf"^outcomes\.1: {ConflictError(CONTRADICTS_STORED)}$"):
        _record(sessions, [_in_work(assessment, horizon_months=6), _in_work(assessment, horizon_months=6, **change)])
    assert _count(sessions) == 1


def test_an_idempotency_key_returns_the_first_answer_and_refuses_another_batch(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    batch = [_in_work(make_assessment().id), _in_work(make_assessment().id)]
    first = _record(sessions, batch, idempotency_key="k-1")
    again = _record(sessions, batch, idempotency_key="k-1")
    assert [row.id for row in again] == [row.id for row in first]
    assert (_count(sessions), _count(sessions, OutcomeRequestRow)) == (2, 1)
    for other in ([*batch, _in_work(make_assessment().id)], batch[:1]):
        with pytest.raises(ConflictError, match=str(ConflictError(IDEMPOTENCY_CONFLICT))):
            _record(sessions, other, idempotency_key="k-1")
    with pytest.raises(ConflictError, match=str(ConflictError(IDEMPOTENCY_CONFLICT))):
        _record(sessions, batch, idempotency_key="k-1", source="file:x.csv")
    assert [row.id for row in _record(sessions, batch, idempotency_key="k-1", caller="another")] == [
        row.id for row in first
    ]
    assert (_count(sessions), _count(sessions, OutcomeRequestRow)) == (2, 2)


def test_a_refused_batch_does_not_keep_its_key(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    with pytest.raises(RecordNotFoundError):
        _record(sessions, [_in_work(MISSING)], idempotency_key="k-2")
    assert len(_record(sessions, [_in_work(make_assessment().id)], idempotency_key="k-2")) == 1


def test_an_outcome_before_registration_is_refused(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    assessment = make_assessment().id
    assert _record(sessions, [_in_work(assessment, observed_on=REGISTERED)])[0].observed_on == REGISTERED
    early = _in_work(assessment, horizon_months=6, observed_on=REGISTERED - dt.timedelta(days=1))
    with pytest.raises(InvalidInputError, match=rf"^outcomes\.1: {InvalidInputError(OBSERVED_BEFORE_REGISTRATION)}$"):
        _record(sessions, [_in_work(make_assessment().id), early])
    assert _count(sessions) == 1


@pytest.mark.parametrize(
    ("item", "words"),
    [
        (Outcome(horizon_months=6, employed=True, observed_on=OBSERVED), "assessment_id or a person_key"),
        (Outcome(horizon_months=6, employed=True, observed_on=OBSERVED, person_key="01017012345"), "keyed hash"),
        (Outcome(horizon_months=0, employed=True, observed_on=OBSERVED, person_key="ab" * 32), "at least 1"),
    ],
)
def test_a_bad_item_is_named(sessions: sessionmaker[Session], item: Outcome, words: str) -> None:
    with pytest.raises(InvalidInputError, match=rf"^outcomes\.0: .*{words}"):
        _record(sessions, [item])


def test_the_database_stores_an_outcome_once(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory, person: str
) -> None:
    assessment = make_assessment().id
    row = {"created_at": dt.datetime.now(dt.UTC), "source": "x", "caller": "y", "employed": True}
    by_assessment = row | {"assessment_id": assessment, "horizon_months": 12, "observed_on": OBSERVED}
    by_person = row | {"person_key": person, "horizon_months": 12, "observed_on": OBSERVED}
    for values in (by_assessment, by_person):
        with sessions.begin() as session:
            session.execute(insert(OutcomeRow), [{"id": str(uuid.uuid4()), **values}])
        with pytest.raises(IntegrityError), sessions.begin() as session:
            session.execute(insert(OutcomeRow), [{"id": str(uuid.uuid4()), **values, "employed": False}])
    another = make_assessment().id
    with sessions.begin() as session:  # an outcome of an assessment does not occupy the person's own slot
        session.execute(insert(OutcomeRow), [{"id": str(uuid.uuid4()), **by_person, "assessment_id": another}])
    assert _count(sessions) == 3


def test_a_write_that_races_past_the_check_is_a_conflict_not_a_missing_assessment(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcome = _in_work(make_assessment().id)
    _record(sessions, [outcome])
    monkeypatch.setattr(outcomes_module, "_stored", lambda session, outcomes: [])  # as if written after the read
    with pytest.raises(ConflictError, match=str(ConflictError(WRITE_CONFLICT))):
        _record(sessions, [outcome])
    assert _count(sessions) == 1


# --- migration 0002 ---------------------------------------------------------------------------------------------


def _legacy_outcomes(engine: Engine, rows: list[tuple[str | None, str | None, bool, dt.date]]) -> None:
    """Outcomes as retries stored them before 0002: (assessment_id, person_key, employed, observed_on), horizon 12."""
    statement = text(
        "INSERT INTO outcomes (id, created_at, assessment_id, person_key, horizon_months, employed, observed_on,"
        " source, caller) VALUES (:id, :created_at, :assessment_id, :person_key, 12, :employed, :observed_on, 'x', 'y')"
    )
    start = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    values = [
        {"id": f"o-{i}", "created_at": start + dt.timedelta(seconds=i), "assessment_id": assessment_id}
        | {"person_key": person_key, "employed": employed, "observed_on": observed_on}
        for i, (assessment_id, person_key, employed, observed_on) in enumerate(rows)
    ]
    with engine.begin() as connection:
        connection.execute(statement, values)


def test_migration_removes_the_copies_retries_left(database_url: str, person: str) -> None:
    engine = make_engine(database_url)
    migrate_to(engine, "0001")
    assessment = stored_assessment(engine, at=dt.datetime(2026, 11, 30, tzinfo=dt.UTC), person_key=person)["id"]
    _legacy_outcomes(
        engine,
        [
            (assessment, None, True, OBSERVED),
            (assessment, None, True, OBSERVED),
            (None, person, True, OBSERVED),
            (None, person, True, OBSERVED),
            (None, person, False, OBSERVED + dt.timedelta(days=400)),
            (None, "cd" * 32, True, OBSERVED),
        ],
    )
    upgrade(engine)
    with engine.connect() as connection:
        kept = connection.execute(text("SELECT id FROM outcomes ORDER BY id")).scalars().all()
    assert kept == ["o-0", "o-2", "o-4", "o-5"]
    engine.dispose()


def test_migration_stops_at_contradicting_outcomes(database_url: str, person: str) -> None:
    engine = make_engine(database_url)
    migrate_to(engine, "0001")
    _legacy_outcomes(engine, [(None, person, True, OBSERVED), (None, person, False, OBSERVED)])
    with pytest.raises(RuntimeError, match="1 outcome"):
        upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM outcomes")).scalar_one() == 2
    engine.dispose()
