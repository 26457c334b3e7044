"""The state of a case, derived from its chained records (obligation: human oversight).

A case is one assessment and every decision and event on it, in ``seq`` order. Its state is stored nowhere: it follows
from the records, as in the life of a case in ``shared/domain/oversight-and-evaluation.md``::

    undecided ──provisional_level──> provisional              (blind-first only: before the suggestion is shown)
    undecided | provisional | returned ──trial_draw──> unchanged  (the next decision decides the drawn level)
    undecided | provisional | returned ──decision──> decided, or awaiting_approval for a permanent level
                                                              (blind-first: not from undecided)
    awaiting_approval ──approval──> decided
    awaiting_approval ──return──> returned                    (back to the counsellor, who decides again)
    decided ──objection──> under_review
    under_review ──decision──> under_review                   (the reviewer's new decision, closed by the review)
    under_review ──review──> decided (upheld), or as the new decision requires (superseded)

:func:`check_transition` refuses a record that the state does not allow with a :class:`~models.errors.ConflictError`
that names the state. Writers call it with the case read under the chain lock (:func:`read_case`), so the state it
checks is the one the record is appended to, and a refused record writes nothing. :func:`check_actor` refuses the
decider as approver and as reviewer (four eyes) with a :class:`~models.errors.ForbiddenError`; who holds approver
rights is the service's rule (a claim on the token), checked before. Decisions
stored before these rules (a decision that supersedes a decided one) still fold into a state: the newest decision's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConflictError, ForbiddenError, RecordNotFoundError
from models.policy import FollowUpLevel
from monitoring.records.assessments import ASSESSMENT_NOT_FOUND
from monitoring.records.db import storage_errors
from monitoring.records.kinds import EventKind, ReviewOutcome
from monitoring.records.tables import AssessmentRow, DecisionRow, EventRow


class CaseState(StrEnum):
    """Where a case stands."""

    UNDECIDED = "undecided"
    PROVISIONAL = "provisional"
    AWAITING_APPROVAL = "awaiting_approval"
    RETURNED = "returned"
    DECIDED = "decided"
    UNDER_REVIEW = "under_review"


DECISION = "decision"
"""What :func:`check_transition` calls a decision, which is a record of its own and not an event."""

NEEDS_APPROVAL = frozenset({FollowUpLevel.GRADERT_VARIG_TILPASSET_INNSATS, FollowUpLevel.VARIG_TILPASSET_INNSATS})
"""Levels whose decision a second person (*beslutter*) approves before it counts."""

ALLOWED_IN: dict[str, frozenset[CaseState]] = {
    EventKind.PROVISIONAL_LEVEL: frozenset({CaseState.UNDECIDED}),
    DECISION: frozenset({CaseState.UNDECIDED, CaseState.PROVISIONAL, CaseState.RETURNED, CaseState.UNDER_REVIEW}),
    EventKind.APPROVAL: frozenset({CaseState.AWAITING_APPROVAL}),
    EventKind.RETURN: frozenset({CaseState.AWAITING_APPROVAL}),
    EventKind.OBJECTION: frozenset({CaseState.DECIDED}),
    EventKind.REVIEW: frozenset({CaseState.UNDER_REVIEW}),
    EventKind.TRIAL_DRAW: frozenset({CaseState.UNDECIDED, CaseState.PROVISIONAL, CaseState.RETURNED}),
}
"""The states in which each record may be appended; a kind not listed here does not depend on the state."""

_ON_THE_DECISION = frozenset({EventKind.APPROVAL, EventKind.RETURN, EventKind.OBJECTION})

ILLEGAL_TRANSITION = "illegal_transition"
NOT_THE_CURRENT_DECISION = "not_the_current_decision"
SUPERSEDED_WITHOUT_DECISION = "superseded_without_decision"
UPHELD_AFTER_DECISION = "upheld_after_decision"
NOT_BLIND = "not_blind"
BLIND_UNDECIDED = "blind_undecided"
SUGGESTION_HIDDEN = "suggestion_hidden"
APPROVER_IS_DECIDER = "approver_is_decider"
REVIEWER_IS_DECIDER = "reviewer_is_decider"
"""Keys of :data:`models.texts.ERROR_DETAILS`; each error names the case's ``state`` (and the record's ``kind``)."""
NOT_THE_DRAWN_LEVEL = "not_the_drawn_level"

Record = DecisionRow | EventRow


@dataclass(frozen=True)
class Case:
    """One assessment's facts as a writer checks them: what it pinned, and every record on it in ``seq`` order."""

    assessment_id: str
    office: str
    suggested_level: str | None
    assessment_hash: str
    records: tuple[Record, ...]
    state: CaseState
    blind_first: bool = False

    @property
    def suggestion_hidden(self) -> bool:
        """Blind-first and no provisional level yet: the counsellor may not see the suggestion."""
        return self.blind_first and self.state is CaseState.UNDECIDED

    @property
    def decision(self) -> DecisionRow | None:
        """The newest decision (each one supersedes the one before), or ``None``."""
        return next((r for r in reversed(self.records) if isinstance(r, DecisionRow)), None)

    def decision_by_id(self, decision_id: str | None) -> DecisionRow | None:
        """The decision of the case with this id, or ``None``."""
        return next((r for r in self.records if isinstance(r, DecisionRow) and r.id == decision_id), None)

    def latest(self, kind: EventKind) -> EventRow | None:
        """The newest event of a kind, or ``None``."""
        return next((r for r in reversed(self.records) if isinstance(r, EventRow) and r.kind == kind), None)


def _decided(level: str) -> CaseState:
    return CaseState.AWAITING_APPROVAL if level in NEEDS_APPROVAL else CaseState.DECIDED


def state_of(records: Iterable[Record]) -> CaseState:
    """The state a case is in after its records, taken in ``seq`` order.

    Parameters
    ----------
    records : Iterable[DecisionRow | EventRow]
        Every decision and event on one assessment, oldest first.

    Returns
    -------
    CaseState
        ``undecided`` for none.

    Examples
    --------
    >>> state_of([DecisionRow(decided_level="VARIG_TILPASSET_INNSATS")])
    <CaseState.AWAITING_APPROVAL: 'awaiting_approval'>
    >>> state_of([DecisionRow(decided_level="VARIG_TILPASSET_INNSATS"), EventRow(kind="approval")])
    <CaseState.DECIDED: 'decided'>
    """
    state, level = CaseState.UNDECIDED, ""
    for record in records:
        if isinstance(record, DecisionRow):
            level = record.decided_level
            state = state if state is CaseState.UNDER_REVIEW else _decided(level)
            continue
        match record.kind:
            case EventKind.PROVISIONAL_LEVEL:
                state = CaseState.PROVISIONAL
            case EventKind.APPROVAL:
                state = CaseState.DECIDED
            case EventKind.RETURN:
                state = CaseState.RETURNED
            case EventKind.OBJECTION:
                state = CaseState.UNDER_REVIEW
            case EventKind.REVIEW:
                upheld = record.payload.get("outcome") == ReviewOutcome.UPHELD  # a broken payload is for verify
                state = CaseState.DECIDED if upheld else _decided(level)
    return state


def recorded_blind_first(records: Iterable[Record]) -> bool:
    """Whether the case's ``assessed`` event says blind-first (see :func:`monitoring.records.links.assessed_link`)."""
    assessed = next((r for r in records if isinstance(r, EventRow) and r.kind == EventKind.ASSESSED), None)
    return assessed is not None and bool((assessed.payload or {}).get("blind_first"))


def check_transition(case: Case, kind: str, payload: Mapping[str, Any] | None = None) -> None:
    """Refuse a record that the case's state does not allow.

    Parameters
    ----------
    case : Case
        The case as read under the chain lock (:func:`read_case`).
    kind : str
        An :class:`~monitoring.records.kinds.EventKind` value, or :data:`DECISION`.
    payload : Mapping[str, Any] or None
        The event's checked payload (approvals, returns and objections name the current decision; a review that
        supersedes follows a new decision, one that upholds does not); for a decision ``{"decided_level": ...}``,
        which after a trial draw must be the drawn level (but for a reviewer's new decision: an objection can change
        a drawn level, and an evaluation counts it as a departure from the arm).

    Raises
    ------
    ConflictError
        Naming the case's current state, when the record may not be appended to it.
    """
    state = case.state.value
    if case.state not in ALLOWED_IN.get(kind, frozenset(CaseState)):
        raise ConflictError(ILLEGAL_TRANSITION, kind=kind, state=state)
    if kind == EventKind.PROVISIONAL_LEVEL and not case.blind_first:
        raise ConflictError(NOT_BLIND, state=state)
    if kind == DECISION and case.suggestion_hidden:
        raise ConflictError(BLIND_UNDECIDED, kind=kind, state=state)
    draw = case.latest(EventKind.TRIAL_DRAW) if kind == DECISION and case.state is not CaseState.UNDER_REVIEW else None
    if draw is not None and payload is not None and payload["decided_level"] != draw.payload["drawn"]:
        raise ConflictError(NOT_THE_DRAWN_LEVEL, level=draw.payload["drawn"], state=state)
    decision = case.decision
    if kind in _ON_THE_DECISION and (payload is None or decision is None or payload["decision_id"] != decision.id):
        raise ConflictError(NOT_THE_CURRENT_DECISION, kind=kind, state=state)
    if kind == EventKind.REVIEW and payload is not None and decision is not None:
        objection = case.latest(EventKind.OBJECTION)
        decided_since = objection is not None and decision.seq > objection.seq
        if payload["outcome"] == ReviewOutcome.SUPERSEDED and not decided_since:
            raise ConflictError(SUPERSEDED_WITHOUT_DECISION, state=state)
        if payload["outcome"] == ReviewOutcome.UPHELD and decided_since:
            raise ConflictError(UPHELD_AFTER_DECISION, state=state)


def check_revealable(case: Case) -> None:
    """Refuse to show a counsellor the suggestion of a blind-first case before its provisional level.

    Raises
    ------
    ConflictError
        Naming the case's state, while :attr:`Case.suggestion_hidden`.
    """
    if case.suggestion_hidden:
        raise ConflictError(SUGGESTION_HIDDEN, state=case.state.value)


def check_actor(case: Case, kind: str, actor: str) -> None:
    """Refuse the decider as approver, as reviewer, or as the maker of the decision that a review puts in place.

    Parameters
    ----------
    case : Case
        The case as read under the chain lock.
    kind : str
        An :class:`~monitoring.records.kinds.EventKind` value, or :data:`DECISION`.
    actor : str
        Who records it.

    Raises
    ------
    ForbiddenError
        When ``actor`` made the decision that an approval or return judges, or the decision objected to (for a
        review, or a new decision while the case is under review).
    """
    decision = case.decision
    if kind in (EventKind.APPROVAL, EventKind.RETURN) and decision is not None and decision.counsellor == actor:
        raise ForbiddenError(APPROVER_IS_DECIDER, kind=kind)
    if kind in (EventKind.REVIEW, DECISION) and case.state is CaseState.UNDER_REVIEW:
        objection = case.latest(EventKind.OBJECTION)
        objected = case.decision_by_id(objection.payload.get("decision_id")) if objection is not None else None
        if objected is not None and objected.counsellor == actor:
            raise ForbiddenError(REVIEWER_IS_DECIDER, kind=kind)


def read_case(session: Session, assessment_id: str) -> Case:
    """Read one case in an open session (under the chain lock when the caller is about to append to it).

    Raises
    ------
    RecordNotFoundError
        When the assessment does not exist.
    """
    assessment = session.execute(
        select(AssessmentRow.office, AssessmentRow.suggested_level, AssessmentRow.content_hash).where(
            AssessmentRow.id == assessment_id
        )
    ).one_or_none()
    if assessment is None:
        raise RecordNotFoundError(ASSESSMENT_NOT_FOUND)
    decisions = session.scalars(select(DecisionRow).where(DecisionRow.assessment_id == assessment_id))
    events = session.scalars(select(EventRow).where(EventRow.assessment_id == assessment_id))
    records = tuple(sorted([*decisions, *events], key=lambda record: record.seq))
    return Case(
        assessment_id=assessment_id,
        office=assessment.office,
        suggested_level=assessment.suggested_level,
        assessment_hash=assessment.content_hash,
        records=records,
        state=state_of(records),
        blind_first=recorded_blind_first(records),
    )


def case_of(sessions: sessionmaker[Session], *, assessment_id: str) -> Case:
    """One case and its state, as it stands now.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    assessment_id : str
        The assessment's id.

    Returns
    -------
    Case
        The case's records, oldest first, and its state.

    Raises
    ------
    RecordNotFoundError
        When the assessment does not exist.
    StorageUnavailableError
        When the database cannot be reached.
    """
    with storage_errors(), sessions() as session:
        return read_case(session, assessment_id)
