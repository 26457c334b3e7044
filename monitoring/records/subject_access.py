"""Everything held about one person, read back by person key (obligations: right of access, GDPR Art. 15).

A person appears in the records only as a person key (:mod:`monitoring.records.identity`): on each of their
assessments, and on outcomes that name no assessment. From the key, :func:`held_about` gathers every assessment as it
was stored (inputs, score, suggestion, flags, the reasons shown), each one's case (every decision and event on it in
``seq`` order, and the state they lead to, as :func:`monitoring.records.case_state.read_case` reads them) and every
outcome, joined to one of those assessments or to the key. :func:`look_up` first appends the lookup itself to the
chain, a ``subject_access`` event with the key and the purpose (:mod:`monitoring.records.kinds`), and reads only once
it is committed: no answer is given about a lookup the chain does not hold. Earlier lookups are not part of what is
returned. What it cannot see: a person recorded under another identity number (a D-number, later a fødselsnummer) has
another key, and a key made with another ``PROFILING_PERSON_KEY`` secret finds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from monitoring.records.assessments import check_person_key
from monitoring.records.case_state import Case, read_case
from monitoring.records.db import storage_errors
from monitoring.records.events import append_event
from monitoring.records.kinds import EventKind
from monitoring.records.tables import AssessmentRow, EventRow, OutcomeRow


@dataclass(frozen=True)
class HeldCase:
    """One assessment as stored, and its case: every decision and event on it in ``seq`` order, and its state."""

    assessment: AssessmentRow
    case: Case


@dataclass(frozen=True)
class HeldRecords:
    """Everything held about one person key: cases in the order they were assessed, outcomes in the order stored."""

    person_key: str
    cases: tuple[HeldCase, ...]
    outcomes: tuple[OutcomeRow, ...]

    @property
    def empty(self) -> bool:
        """Whether nothing at all is held about the person."""
        return not self.cases and not self.outcomes


def held_about(sessions: sessionmaker[Session], *, person_key: str) -> HeldRecords:
    """Every assessment, case and outcome held about one person key, in one read-only session.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    person_key : str
        The person's keyed hash (:func:`monitoring.records.identity.person_key`), never the identity number.

    Returns
    -------
    HeldRecords
        The person's cases, ordered by the ``seq`` of the link that chains each assessment, with every decision and
        event on each in ``seq`` order; and every outcome on one of those assessments or on the key, ordered by the
        time stored. Empty when nothing is held.

    Raises
    ------
    InvalidInputError
        When ``person_key`` is not a keyed hash (an identity number, say).
    StorageUnavailableError
        When the database cannot be reached.
    """
    check_person_key(person_key)
    with storage_errors(), sessions() as session:
        assessments = session.scalars(select(AssessmentRow).where(AssessmentRow.person_key == person_key)).all()
        held = [HeldCase(assessment, read_case(session, assessment.id)) for assessment in assessments]
        outcomes = _outcomes(session, person_key, [assessment.id for assessment in assessments])
    held.sort(key=lambda one: one.case.records[0].seq if one.case.records else 0)
    return HeldRecords(person_key=person_key, cases=tuple(held), outcomes=outcomes)


def _outcomes(session: Session, person_key: str, assessment_ids: list[str]) -> tuple[OutcomeRow, ...]:
    stmt = (
        select(OutcomeRow)
        .where(or_(OutcomeRow.person_key == person_key, OutcomeRow.assessment_id.in_(assessment_ids)))
        .order_by(OutcomeRow.created_at, OutcomeRow.id)
    )
    return tuple(session.scalars(stmt))


@dataclass(frozen=True)
class SubjectAccess:
    """One lookup: its own ``subject_access`` event, and what was held about the person when it was made."""

    lookup: EventRow
    held: HeldRecords


def look_up(
    sessions: sessionmaker[Session], *, person_key: str, purpose: str, auditor: str, request_id: str | None = None
) -> SubjectAccess:
    """Record a subject-access lookup in the chain, then read everything held about the person.

    The lookup is appended (and committed) before anything is read, so no answer is ever given about a lookup the
    chain does not hold; a lookup whose read then fails stays recorded.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    person_key : str
        The person's keyed hash, never the identity number.
    purpose : str
        Why the lookup is made (free text: trimmed, not empty, no identity number).
    auditor : str
        Who looks up: the event's caller and actor. A lookup belongs to no office.
    request_id : str or None
        The request's id, when there is one.

    Returns
    -------
    SubjectAccess
        The ``subject_access`` event, and :func:`held_about` the key.

    Raises
    ------
    InvalidInputError
        When ``person_key`` is not a keyed hash, or ``purpose`` is empty, too long or holds an identity number
        (``payload.purpose``); nothing is recorded.
    StorageUnavailableError
        When the database cannot be reached.
    """
    check_person_key(person_key)
    lookup = append_event(
        sessions,
        kind=EventKind.SUBJECT_ACCESS,
        payload={"person_key": person_key, "purpose": purpose},
        caller=auditor,
        actor=auditor,
        office=None,
        request_id=request_id,
    )
    return SubjectAccess(lookup=lookup, held=held_about(sessions, person_key=person_key))
