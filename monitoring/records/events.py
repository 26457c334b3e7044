"""Appending events to the chain: provisional levels, approvals and returns, objections and reviews, subject-access
lookups (obligations: audit trail, human oversight, right of access).

An event is one fact with who (``caller``, ``actor``, ``office``), when, why (its ``payload``, validated per kind in
:mod:`monitoring.records.kinds`) and, on a case, the hash of the assessment it was recorded against. It is appended
in one transaction that holds the chain lock: read the case and its state, refuse what the state does not allow
(:func:`monitoring.records.case_state.check_transition`) or what the caller's own ``check`` refuses, then append the
link. A refused event writes nothing. Nothing updates or deletes an event; a later event says what changed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConflictError, InvalidInputError
from monitoring.records.assessments import earlier_request
from monitoring.records.case_state import Case, check_transition, read_case
from monitoring.records.db import storage_errors, write_transaction
from monitoring.records.hashing import EVENT_HASHED_FIELDS
from monitoring.records.kinds import MIN_JUSTIFICATION, NOT_ON_A_CASE, EventKind, checked_payload
from monitoring.records.links import CHAIN_LOCK_ID, INSERT_EVENT, chain_head, linked
from monitoring.records.tables import EventRow

IDEMPOTENCY_CONFLICT = "event_idempotency_conflict"
WRITE_CONFLICT = "event_write_conflict"
NOT_APPENDED_BY_HAND = "not_appended_by_hand"
DOCUMENTED_WITH_DECISION = "documented_with_decision"
NEEDS_ASSESSMENT = "needs_assessment"
NAMES_NO_ASSESSMENT = "names_no_assessment"
CHECK_NEEDS_CASE = "check_needs_case"
"""Keys of :data:`models.texts.ERROR_DETAILS`."""

CaseCheck = Callable[[Case], None]
"""Run under the chain lock with the case as it stands; it raises to refuse, and then nothing is written."""


def append_event(
    sessions: sessionmaker[Session],
    *,
    kind: str,
    payload: Mapping[str, Any],
    caller: str,
    actor: str,
    office: str | None,
    assessment_id: str | None = None,
    request_id: str | None = None,
    idempotency_key: str | None = None,
    check: CaseCheck | None = None,
    at: dt.datetime | None = None,
    min_justification_chars: int = MIN_JUSTIFICATION,
) -> EventRow:
    """Append one event to the chain.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    kind : str
        An :class:`~monitoring.records.kinds.EventKind` value other than ``assessed`` (which
        :func:`~monitoring.records.assessments.record_assessment` appends).
    payload : Mapping[str, Any]
        What the kind records (:data:`monitoring.records.kinds.PAYLOADS`).
    caller : str
        The token subject or command that wrote it.
    actor : str
        The person who did it (counsellor, approver, auditor, data scientist).
    office : str or None
        Where it was done (``None`` for what belongs to no office, e.g. a model event).
    assessment_id : str or None
        The case; required for every kind but ``subject_access``, which names none.
    request_id : str or None
        The request's id, when there is one.
    idempotency_key : str or None
        A retry with the same key and caller returns the first event (before any state is checked).
    check : callable or None
        Called with the :class:`~monitoring.records.case_state.Case` under the chain lock, before the state is
        checked (so a caller from another office learns nothing of the state); it raises (and nothing is written)
        when the caller may not record it, e.g. an approver who made the decision.
    at : datetime.datetime or None
        When it happened (timezone-aware); now by default. Only loaders of past records (the demo) set it.
    min_justification_chars : int, default :data:`~monitoring.records.kinds.MIN_JUSTIFICATION`
        The fewest characters (after trimming) of a return's reason or a review's justification (the service's
        ``PROFILING_MIN_JUSTIFICATION_CHARS``).

    Returns
    -------
    EventRow
        The appended event, or the earlier one for a repeated idempotency key.

    Raises
    ------
    InvalidInputError
        For an unknown kind, ``assessed``, a payload that does not fit the kind (a justification too short, too), or
        an assessment named where the kind needs none (or missing where it needs one).
    RecordNotFoundError
        When the assessment does not exist.
    ConflictError
        Naming the case's state when the state does not allow the event; when the idempotency key was used by the
        same caller for a different event; or whatever ``check`` raises.
    StorageUnavailableError
        When the database cannot be reached.
    """
    event_kind, checked = checked_payload(kind, payload, min_justification_chars=min_justification_chars)
    _check_subject(event_kind, assessment_id, check)
    request = {"kind": event_kind.value, "assessment_id": assessment_id, "actor": actor, "office": office}
    try:
        with storage_errors(), write_transaction(sessions, lock=CHAIN_LOCK_ID) as session:
            if idempotency_key is not None:
                expected = request | {"payload": checked}
                earlier = earlier_request(
                    session,
                    EventRow,
                    caller=caller,
                    idempotency_key=idempotency_key,
                    expected=expected,
                    conflict=IDEMPOTENCY_CONFLICT,
                )
                if earlier is not None:
                    return earlier
            assessment_hash = None
            if assessment_id is not None:
                case = read_case(session, assessment_id)
                if check is not None:
                    check(case)
                check_transition(case, event_kind, checked)
                assessment_hash = case.assessment_hash
            event = {
                **request,
                "id": str(uuid.uuid4()),
                "created_at": at or dt.datetime.now(dt.UTC),
                "request_id": request_id,
                "idempotency_key": idempotency_key,
                "caller": caller,
                "assessment_hash": assessment_hash,
                "payload": checked,
            }
            values = linked(event, EVENT_HASHED_FIELDS, chain_head(session))
            session.execute(INSERT_EVENT, values)
    except IntegrityError as exc:
        raise ConflictError(WRITE_CONFLICT) from exc
    return EventRow(**values)


def _check_subject(kind: EventKind, assessment_id: str | None, check: CaseCheck | None) -> None:
    if kind is EventKind.ASSESSED:
        raise InvalidInputError(NOT_APPENDED_BY_HAND)
    if kind is EventKind.DOCUMENTATION:
        raise InvalidInputError(DOCUMENTED_WITH_DECISION)
    if kind in NOT_ON_A_CASE:
        if assessment_id is not None:
            raise InvalidInputError(NAMES_NO_ASSESSMENT, kind=kind.value)
        if check is not None:
            raise InvalidInputError(CHECK_NEEDS_CASE, kind=kind.value)
    elif assessment_id is None:
        raise InvalidInputError(NEEDS_ASSESSMENT, kind=kind.value)


def record_provisional_level(
    sessions: sessionmaker[Session],
    *,
    assessment_id: str,
    level: str,
    request_id: str,
    caller: str,
    office: str,
    counsellor: str,
    idempotency_key: str | None = None,
    check: CaseCheck | None = None,
    at: dt.datetime | None = None,
) -> EventRow:
    """Record the counsellor's provisional level (blind-first), before any decision on the case.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    assessment_id : str
        The case.
    level : str
        A :class:`~models.policy.FollowUpLevel` value.
    request_id, caller : str
        The request's id and the token subject.
    office, counsellor : str
        Who recorded it, and where.
    idempotency_key, check, at
        As for :func:`append_event` (``check`` typically compares the case's office with the caller's).

    Returns
    -------
    EventRow
        The ``provisional_level`` event; its ``payload`` is ``{"level": level}``.

    Raises
    ------
    InvalidInputError
        When ``level`` is not a follow-up level (``payload.level``).
    RecordNotFoundError
        When the assessment does not exist.
    ConflictError
        When the case is not ``undecided`` (a provisional level was recorded, or a decision made), naming its state.
    StorageUnavailableError
        When the database cannot be reached.
    """
    return append_event(
        sessions,
        kind=EventKind.PROVISIONAL_LEVEL,
        payload={"level": level},
        caller=caller,
        actor=counsellor,
        office=office,
        assessment_id=assessment_id,
        request_id=request_id,
        idempotency_key=idempotency_key,
        check=check,
        at=at,
    )
