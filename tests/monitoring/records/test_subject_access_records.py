"""Subject access on SQLite and PostgreSQL: everything held about one person key and nothing about anyone else, in
``seq`` order; the lookup is in the chain before anything is read, and a refused lookup writes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models.errors import InvalidInputError
from monitoring.records import subject_access as subject_access_module
from monitoring.records.assessments import AssessmentRow
from monitoring.records.case_state import CaseState
from monitoring.records.chain import verify_chain
from monitoring.records.links import chain_head
from monitoring.records.outcomes import record_outcome
from monitoring.records.subject_access import HeldRecords, held_about, look_up
from monitoring.records.tables import EventRow
from service.schemas import EXAMPLE_NATIONAL_ID
from tests.monitoring.records.cases import AUDITOR, PERMANENT, SUGGESTED, CaseWalk

AssessmentFactory = Callable[..., AssessmentRow]
OTHER = "cd" * 32
PURPOSE = "Innsynsbegjæring fra brukeren, mottatt per brev."
REGISTERED = dt.date(2026, 1, 15)  # the example profile's registration date


def _outcome(sessions: sessionmaker[Session], **subject: str) -> str:
    return record_outcome(
        sessions,
        horizon_months=12,
        employed=True,
        observed_on=REGISTERED + dt.timedelta(days=365),
        source="api",
        caller="system",
        **subject,
    ).id


def _lookups(sessions: sessionmaker[Session]) -> int:
    with sessions() as session:
        return session.scalar(select(func.count()).where(EventRow.kind == "subject_access")) or 0


def test_nothing_held_is_an_empty_answer(sessions: sessionmaker[Session], person: str) -> None:
    held = held_about(sessions, person_key=person)
    assert held == HeldRecords(person_key=person, cases=(), outcomes=()) and held.empty


def test_everything_held_about_the_person_and_nothing_about_anyone_else(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory, person: str
) -> None:
    first = CaseWalk(sessions, make_assessment().id)
    theirs = CaseWalk(sessions, make_assessment(person_key=OTHER).id)
    second = CaseWalk(sessions, make_assessment(consent=False, assessment=None).id)
    first.decide(PERMANENT)
    theirs.decide(SUGGESTED)
    first.return_()
    first.decide(PERMANENT)
    first.approve()
    first.object_()
    first.review("upheld")
    outcomes = [_outcome(sessions, assessment_id=first.assessment_id), _outcome(sessions, person_key=person)]
    _outcome(sessions, assessment_id=theirs.assessment_id)
    _outcome(sessions, person_key=OTHER)

    held = held_about(sessions, person_key=person)

    assert not held.empty
    assert [one.assessment.id for one in held.cases] == [first.assessment_id, second.assessment_id]
    assert {one.assessment.person_key for one in held.cases} == {person}
    assert [one.case.state for one in held.cases] == [CaseState.DECIDED, CaseState.UNDECIDED]
    records = held.cases[0].case.records
    assert isinstance(records[0], EventRow) and records[0].kind == "assessed"
    assert [record.id for record in records[1:]] == [record.id for record in first.records]
    kinds = [record.kind if isinstance(record, EventRow) else "decision" for record in records[1:]]
    assert kinds == ["decision", "return", "decision", "approval", "objection", "review"]
    for one in held.cases:
        seqs = [record.seq for record in one.case.records]
        assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    assert [record.kind for record in held.cases[1].case.records] == ["assessed"]  # type: ignore[union-attr]
    assert held.cases[1].assessment.risk is None and held.cases[0].assessment.reasons
    assert [outcome.id for outcome in held.outcomes] == outcomes


def test_a_lookup_is_in_the_chain_before_anything_is_read(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory, person: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_assessment()
    read = held_about
    lookups_when_read: list[int] = []

    def reading(sessions: sessionmaker[Session], *, person_key: str) -> HeldRecords:
        lookups_when_read.append(_lookups(sessions))
        return read(sessions, person_key=person_key)

    monkeypatch.setattr(subject_access_module, "held_about", reading)
    found = look_up(sessions, person_key=person, purpose=f"  {PURPOSE} ", auditor=AUDITOR, request_id="req-1")

    assert lookups_when_read == [1]
    lookup = found.lookup
    assert (lookup.kind, lookup.assessment_id, lookup.office) == ("subject_access", None, None)
    assert (lookup.caller, lookup.actor, lookup.request_id) == (AUDITOR, AUDITOR, "req-1")
    assert lookup.payload == {"person_key": person, "purpose": PURPOSE}
    assert len(found.held.cases) == 1 and lookup.seq > found.held.cases[0].case.records[-1].seq
    report = verify_chain(sessions)
    assert report.ok and report.head_hash == lookup.hash


def test_a_lookup_of_a_person_with_no_records_is_still_recorded(sessions: sessionmaker[Session], person: str) -> None:
    found = look_up(sessions, person_key=person, purpose=PURPOSE, auditor=AUDITOR)
    assert found.held.empty and _lookups(sessions) == 1 and verify_chain(sessions).ok


@pytest.mark.parametrize(
    ("key", "purpose", "words"),
    [
        pytest.param(EXAMPLE_NATIONAL_ID, PURPOSE, "never an identity number", id="a-number-as-the-key"),
        pytest.param("ab" * 32, "   ", "payload.purpose: the text must not be empty", id="a-blank-purpose"),
        pytest.param(
            "ab" * 32, f"Gjelder {EXAMPLE_NATIONAL_ID}.", "must not contain a national identity number", id="id-in-text"
        ),
    ],
)
def test_a_refused_lookup_writes_nothing(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory, key: str, purpose: str, words: str
) -> None:
    make_assessment()
    with sessions() as session:
        before = chain_head(session)
    with pytest.raises(InvalidInputError, match=words):
        look_up(sessions, person_key=key, purpose=purpose, auditor=AUDITOR)
    with sessions() as session:
        assert chain_head(session) == before
    assert _lookups(sessions) == 0


def test_held_about_refuses_an_identity_number_as_the_key(sessions: sessionmaker[Session]) -> None:
    with pytest.raises(InvalidInputError, match="never an identity number"):
        held_about(sessions, person_key=EXAMPLE_NATIONAL_ID)
