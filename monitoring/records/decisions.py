"""Counsellors' decisions: links of the one append-only hash chain (obligations: audit trail, human oversight).

Each decision records the level chosen, the suggestion it was made against, whether it follows it and, when it does
not, the reason code and the counsellor's justification. Decisions share the chain's one sequence with events
(:mod:`monitoring.records.links`); appends are serialised in the database, so several service processes on one
PostgreSQL database (or one SQLite file) still form one gap-free chain: on PostgreSQL the transaction takes an
advisory lock, on SQLite it begins with ``BEGIN IMMEDIATE``. Nothing updates or deletes a decision; a new decision on
the same assessment *supersedes* the earlier one. Justifications that contain an identity number are refused, because
an append-only record cannot be cleaned later; a justification of a reason code must say why: long enough, and more
than the reason's label (:func:`monitoring.records.kinds.checked_justification`). A decision may carry its needs
assessment's documentation (factors considered, the jobseeker's wishes, the preferred channel), appended in the same
transaction as a ``documentation`` event right after it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased, sessionmaker

from models.errors import ConflictError, InvalidInputError, RecordNotFoundError
from models.policy import FollowUpLevel, OverrideReason
from monitoring.records.assessments import earlier_request
from monitoring.records.case_state import Case, read_case
from monitoring.records.db import storage_errors, write_transaction
from monitoring.records.hashing import DECISION_HASHED_FIELDS, EVENT_HASHED_FIELDS
from monitoring.records.kinds import (
    MAX_TEXT,
    MIN_JUSTIFICATION,
    TEXT_HAS_ID,
    TEXT_REPEATS_LABEL,
    TEXT_TOO_LONG,
    EventKind,
    checked_justification,
    checked_payload,
    checked_text,
)
from monitoring.records.links import CHAIN_LOCK_ID, HEAD_COLUMNS, INSERT_EVENT, Head, linked
from monitoring.records.tables import AssessmentRow, DecisionRow, EventRow

ASSESSMENT_NOT_FOUND = "assessment_not_found"
IDEMPOTENCY_CONFLICT = "decision_idempotency_conflict"
WRITE_CONFLICT = "decision_write_conflict"
BAD_LEVEL = "bad_level"
BAD_REASON = "bad_reason"
OVERRIDE_NEEDS_REASON = "override_needs_reason"
"""Keys of :data:`models.texts.ERROR_DETAILS`."""
JUSTIFICATION_TOO_LONG = str(InvalidInputError(TEXT_TOO_LONG, name="justification", maximum=MAX_TEXT))
JUSTIFICATION_HAS_ID = str(InvalidInputError(TEXT_HAS_ID, name="justification"))
JUSTIFICATION_REPEATS_LABEL = str(InvalidInputError(TEXT_REPEATS_LABEL, name="justification"))
"""The English messages of a justification refused."""
_PENDING = "pending"
"""The decision id a documentation is validated with before the decision has its id."""


def _checked_inputs(
    decided_level: str, reason_code: str | None, justification: str | None, min_justification_chars: int
) -> tuple[str, str | None, str | None]:
    if decided_level not in set(FollowUpLevel):
        raise InvalidInputError(BAD_LEVEL)
    if reason_code is not None and reason_code not in set(OverrideReason):
        raise InvalidInputError(BAD_REASON)
    level = FollowUpLevel(decided_level).value
    reason = None if reason_code is None else OverrideReason(reason_code).value
    if justification is None or not justification.strip():
        return level, reason, None
    if reason is None:  # a note on a decision that gives no reason: nothing to justify
        return level, None, checked_text(justification, name="justification")
    text = checked_justification(
        justification, name="justification", minimum=min_justification_chars, reason_code=reason
    )
    return level, reason, text


def record_decision(
    sessions: sessionmaker[Session],
    *,
    assessment_id: str,
    decided_level: str,
    request_id: str,
    caller: str,
    office: str,
    counsellor: str,
    reason_code: str | None = None,
    justification: str | None = None,
    idempotency_key: str | None = None,
    check_office: Callable[[str], None] | None = None,
    check: Callable[[Case], None] | None = None,
    at: dt.datetime | None = None,
    min_justification_chars: int = MIN_JUSTIFICATION,
    documentation: Mapping[str, Any] | None = None,
) -> DecisionRow:
    """Append a decision to the chain.

    In one transaction that holds the chain lock: read the assessment's office, suggestion and content hash, the
    latest decision on the same assessment (which the new one supersedes) and the chain's head (the newest decision
    or event); then insert the decision with ``seq = head + 1``, ``prev_hash = head's hash`` and its own hash.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    assessment_id : str
        The assessment decided on.
    decided_level : str
        A :class:`~models.policy.FollowUpLevel` value.
    request_id, caller : str
        The request's id and the token subject.
    office, counsellor : str
        Who decided, and where.
    reason_code : str or None
        An :class:`~models.policy.OverrideReason` value; required (with ``justification``) when the decision
        departs from the suggestion.
    justification : str or None
        The counsellor's free text (at most 4,000 characters, no identity numbers); with a reason code, at least
        ``min_justification_chars`` characters after trimming, and more than the reason's label in any language.
    idempotency_key : str or None
        A retry with the same key and caller returns the first decision instead of appending a second one.
    check_office : callable or None
        Called with the assessment's office, from the same read, before anything is written; it raises (and nothing
        is written) when the caller may not decide on an assessment of that office.
    check : callable or None
        Called with the :class:`~monitoring.records.case_state.Case` as it stands, under the chain lock, before
        anything is written; it raises to refuse. ``check_transition(case, DECISION)``
        (:mod:`monitoring.records.case_state`) refuses deciding a case that is decided or awaiting approval, naming
        its state; without a check a new decision supersedes the one before, as it always has.
    at : datetime.datetime or None
        When it happened (timezone-aware); now by default. Only loaders of past records (the demo) set it.
    min_justification_chars : int, default :data:`~monitoring.records.kinds.MIN_JUSTIFICATION`
        The fewest characters of a reason code's justification (the service's ``PROFILING_MIN_JUSTIFICATION_CHARS``).
    documentation : Mapping[str, Any] or None
        ``factors`` (one or more :class:`~models.policy.ConsideredFactor` values), ``channel`` (a
        :class:`~models.policy.FollowUpChannel` value) and ``wishes`` (free text or ``None``): appended as the
        decision's ``documentation`` event in the same transaction. A retry with the idempotency key returns the first
        decision, documented as it was then.

    Returns
    -------
    DecisionRow
        The appended decision (``follows_suggestion`` is ``None`` when the assessment had no suggestion).

    Raises
    ------
    InvalidInputError
        For an unknown level or reason, an override without reason and justification, or a justification that
        is too long, holds an identity number or, with a reason code, is too short or only repeats its label.
    RecordNotFoundError
        When the assessment does not exist.
    ConflictError
        When the idempotency key was used by the same caller for a different decision; or whatever ``check`` raises.
    StorageUnavailableError
        When the database cannot be reached.
    """
    level, reason, justification = _checked_inputs(decided_level, reason_code, justification, min_justification_chars)
    documented = None
    if documentation is not None:
        _, documented = checked_payload(EventKind.DOCUMENTATION, {**documentation, "decision_id": _PENDING})
    request = {
        "assessment_id": assessment_id,
        "decided_level": level,
        "reason_code": reason,
        "justification": justification,
        "office": office,
        "counsellor": counsellor,
    }
    try:
        return _append(
            sessions,
            request=request,
            request_id=request_id,
            caller=caller,
            idempotency_key=idempotency_key,
            check_office=check_office,
            check=check,
            at=at or dt.datetime.now(dt.UTC),
            documented=documented,
        )
    except IntegrityError as exc:
        raise ConflictError(WRITE_CONFLICT) from exc


def _append(
    sessions: sessionmaker[Session],
    *,
    request: dict[str, Any],
    request_id: str,
    caller: str,
    idempotency_key: str | None,
    check_office: Callable[[str], None] | None,
    check: Callable[[Case], None] | None,
    at: dt.datetime,
    documented: dict[str, Any] | None,
) -> DecisionRow:
    with storage_errors(), write_transaction(sessions, lock=CHAIN_LOCK_ID) as session:
        if idempotency_key is not None:
            earlier = earlier_request(
                session,
                DecisionRow,
                caller=caller,
                idempotency_key=idempotency_key,
                expected=request,
                conflict=IDEMPOTENCY_CONFLICT,
            )
            if earlier is not None:
                return earlier
        decision, head = _decision(session, request, at, check_office, check)
        decision |= {
            "request_id": request_id,
            "caller": caller,
            "idempotency_key": idempotency_key,
        }
        row = DecisionRow(**linked(decision, DECISION_HASHED_FIELDS, head))
        session.add(row)
        if documented is not None:
            session.flush()
            session.execute(INSERT_EVENT, _documentation(row, documented))
    return row


DOCUMENTATION = aliased(EventRow, name="documentation")
"""The ``events`` table as a decision's documentation, for :data:`DOCUMENTS_DECISION`."""
DOCUMENTS_DECISION = (DOCUMENTATION.seq == DecisionRow.seq + 1) & (DOCUMENTATION.kind == EventKind.DOCUMENTATION.value)
"""The join condition of a decision and its documentation, which is appended right after it (:func:`_documentation`):
``select(DecisionRow, DOCUMENTATION.payload).outerjoin(DOCUMENTATION, DOCUMENTS_DECISION)``."""


def _documentation(decision: DecisionRow, documented: dict[str, Any]) -> dict[str, Any]:
    """The ``documentation`` event of ``decision``: the next link after it, by the same person, at the same time."""
    event = {
        "id": str(uuid.uuid4()),
        "kind": EventKind.DOCUMENTATION.value,
        "assessment_id": decision.assessment_id,
        "created_at": decision.created_at,
        "request_id": decision.request_id,
        "idempotency_key": None,
        "caller": decision.caller,
        "actor": decision.counsellor,
        "office": decision.office,
        "assessment_hash": decision.assessment_hash,
        "payload": documented | {"decision_id": decision.id},
    }
    return linked(event, EVENT_HASHED_FIELDS, Head(decision.seq, decision.hash))


def _decision(
    session: Session,
    request: dict[str, Any],
    at: dt.datetime,
    check_office: Callable[[str], None] | None,
    check: Callable[[Case], None] | None,
) -> tuple[dict[str, Any], Head]:
    """The decision but its link, and the chain's head.

    The assessment, the decision the new one supersedes and the head are read in one round trip. The office is
    checked first, then the case (its state), then the decision itself: a caller learns nothing about another
    office's case, and a blind-first counsellor hears that the provisional level comes first, not that the level
    departs from a suggestion they have not seen.
    """
    latest = select(DecisionRow.id).order_by(DecisionRow.seq.desc()).limit(1)
    assessment = session.execute(
        select(
            AssessmentRow.office,
            AssessmentRow.suggested_level,
            AssessmentRow.content_hash,
            latest.where(DecisionRow.assessment_id == AssessmentRow.id).scalar_subquery().label("supersedes"),
            *HEAD_COLUMNS,
        ).where(AssessmentRow.id == request["assessment_id"])
    ).one_or_none()
    if assessment is None:
        raise RecordNotFoundError(ASSESSMENT_NOT_FOUND)
    if check_office is not None:
        check_office(assessment.office)
    if check is not None:
        check(read_case(session, request["assessment_id"]))
    suggested = assessment.suggested_level
    follows = None if suggested is None else request["decided_level"] == suggested
    if follows is False and (request["reason_code"] is None or request["justification"] is None):
        raise InvalidInputError(OVERRIDE_NEEDS_REASON)
    decision = request | {
        "id": str(uuid.uuid4()),
        "created_at": at,
        "suggested_level": suggested,
        "follows_suggestion": follows,
        "supersedes": assessment.supersedes,
        "assessment_hash": assessment.content_hash,
    }
    return decision, Head.of(assessment)


def decisions_for(sessions: sessionmaker[Session], *, assessment_id: str) -> list[DecisionRow]:
    """All decisions on one assessment, oldest first (the last one is current; each later one supersedes).

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    assessment_id : str
        The assessment's id.

    Returns
    -------
    list[DecisionRow]
        Possibly empty.

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    stmt = select(DecisionRow).where(DecisionRow.assessment_id == assessment_id).order_by(DecisionRow.seq)
    with storage_errors(), sessions() as session:
        return list(session.scalars(stmt))
