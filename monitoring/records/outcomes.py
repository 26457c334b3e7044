"""Writing outcomes: whether jobseekers were in work at a horizon (obligations: record-keeping, accuracy).

A batch of outcomes is one transaction: every item is stored, or none is. Each outcome is stored once: one per
assessment and horizon, or, for an outcome that names only a person key, one per person, horizon and observation date
(unique indexes enforce this in the database too). An item that repeats a stored outcome is answered with the stored
one; an item that contradicts it is refused. With an ``Idempotency-Key`` the batch's hash is kept, so the same key with
a different batch is refused as well (:func:`monitoring.records.assessments.earlier_request`). Writers of outcomes are
serialised (``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL), so what a batch reads is still true when
it writes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import and_, or_, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConflictError, InvalidInputError, ProfilingError, RecordNotFoundError
from monitoring.records.assessments import ASSESSMENT_NOT_FOUND, check_person_key, earlier_request
from monitoring.records.db import storage_errors, write_transaction
from monitoring.records.hashing import content_hash
from monitoring.records.tables import WITHOUT_ASSESSMENT, AssessmentRow, OutcomeRequestRow, OutcomeRow

OUTCOMES_LOCK_ID = 7_305_961_420_003
"""PostgreSQL advisory lock key that serialises writers of outcomes."""

OUTCOME_WITHOUT_SUBJECT = "outcome_without_subject"
BAD_HORIZON = "bad_horizon"
OBSERVED_BEFORE_REGISTRATION = "observed_before_registration"
CONTRADICTS_STORED = "contradicts_stored"
IDEMPOTENCY_CONFLICT = "outcome_idempotency_conflict"
WRITE_CONFLICT = "outcome_write_conflict"
OUTCOME_ITEM = "outcome_item"
"""Keys of :data:`models.texts.ERROR_DETAILS`."""


@dataclass(frozen=True)
class Outcome:
    """One observed outcome: in work (``employed``) or not, ``horizon_months`` after registration.

    The subject is ``assessment_id``, ``person_key`` or both (at least one).
    """

    horizon_months: int
    employed: bool
    observed_on: dt.date
    assessment_id: str | None = None
    person_key: str | None = None


_Error = TypeVar("_Error", bound=ProfilingError)


def _item(error: type[_Error], index: int, reason: str | ProfilingError) -> _Error:
    """An error that names the item, as the API names a field of the body (``outcomes.4``), and why: a key of
    :data:`models.texts.ERROR_DETAILS` or a keyed error.
    """
    return error(OUTCOME_ITEM, index=index, reason=reason if isinstance(reason, ProfilingError) else error(reason))


def _identity(outcome: Outcome | OutcomeRow) -> tuple[Any, ...]:
    """What the unique indexes of ``outcomes`` compare: an outcome with this identity is stored at most once."""
    if outcome.assessment_id is not None:
        return outcome.assessment_id, outcome.horizon_months
    return outcome.person_key, outcome.horizon_months, outcome.observed_on


def _fact(outcome: Outcome | OutcomeRow) -> tuple[Any, ...]:
    return outcome.person_key, outcome.employed, outcome.observed_on


def _check(index: int, outcome: Outcome) -> None:
    if outcome.assessment_id is None and outcome.person_key is None:
        raise _item(InvalidInputError, index, OUTCOME_WITHOUT_SUBJECT)
    if outcome.person_key is not None:
        try:
            check_person_key(outcome.person_key)
        except InvalidInputError as exc:
            raise _item(InvalidInputError, index, exc) from exc
    if outcome.horizon_months < 1:
        raise _item(InvalidInputError, index, BAD_HORIZON)


def record_outcomes(
    sessions: sessionmaker[Session],
    outcomes: Sequence[Outcome],
    *,
    source: str,
    caller: str,
    idempotency_key: str | None = None,
    at: dt.datetime | None = None,
) -> list[OutcomeRow]:
    """Write a batch of outcomes in one transaction: all of them, or none.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    outcomes : Sequence[Outcome]
        The batch; each item names its subject, horizon (at least 1), answer and observation date.
    source : str
        Where the outcomes come from (e.g. ``"api"``, ``"file:aa-register-2027-05.csv"``).
    caller : str
        The token subject or command that wrote them.
    idempotency_key : str or None
        A client's key: a retry with the same key and caller must carry the same batch.
    at : datetime.datetime or None
        When it happened (timezone-aware); now by default. Only loaders of past records (the demo) set it.

    Returns
    -------
    list[OutcomeRow]
        One record per item, in order: the stored one, or the earlier identical one an item repeats (then nothing
        is written for it). A retry of a whole batch writes nothing and returns the same records.

    Raises
    ------
    InvalidInputError
        Naming the first bad item (``outcomes.<index>``): no subject, a malformed person key, a horizon below 1,
        or an observation before the assessment's registration date.
    RecordNotFoundError
        Naming the first item whose ``assessment_id`` names no assessment.
    ConflictError
        Naming the first item that contradicts a stored outcome (or an earlier item of the batch); or when the
        idempotency key was used by the same caller for a different batch.
    StorageUnavailableError
        When the database cannot be reached.
    """
    for index, outcome in enumerate(outcomes):
        _check(index, outcome)
    created_at = at or dt.datetime.now(dt.UTC)
    items = [dataclasses.asdict(outcome) for outcome in outcomes]
    try:
        with storage_errors(), write_transaction(sessions, lock=OUTCOMES_LOCK_ID) as session:
            if idempotency_key is not None:
                _claim(session, caller, idempotency_key, {"source": source, "outcomes": items}, created_at)
            stored = {_identity(row): row for row in _stored(session, outcomes)}
            registered = _registration_dates(session, outcomes)
            rows = []
            for index, (outcome, item) in enumerate(zip(outcomes, items, strict=True)):
                _check_against_assessment(index, outcome, registered)
                row = stored.get(_identity(outcome))
                if row is None:
                    row = OutcomeRow(id=str(uuid.uuid4()), created_at=created_at, source=source, caller=caller, **item)
                    session.add(row)
                    stored[_identity(outcome)] = row
                elif _fact(row) != _fact(outcome):
                    raise _item(ConflictError, index, CONTRADICTS_STORED)
                rows.append(row)
    except IntegrityError as exc:  # a writer that does not take the lock stored the same outcome first
        raise ConflictError(WRITE_CONFLICT) from exc
    return rows


def _claim(session: Session, caller: str, key: str, batch: dict[str, Any], at: dt.datetime) -> None:
    """Keep the key with the batch's hash; a key already kept must have come with the same batch."""
    request_hash = content_hash(batch, tuple(batch))
    expected = {"request_hash": request_hash}
    earlier = earlier_request(
        session, OutcomeRequestRow, caller=caller, idempotency_key=key, expected=expected, conflict=IDEMPOTENCY_CONFLICT
    )
    if earlier is None:
        session.add(OutcomeRequestRow(caller=caller, idempotency_key=key, created_at=at, request_hash=request_hash))


def _stored(session: Session, outcomes: Sequence[Outcome]) -> Iterable[OutcomeRow]:
    """The stored outcomes that items of the batch could repeat, in one query."""
    assessments = {o.assessment_id for o in outcomes if o.assessment_id is not None}
    people = {o.person_key for o in outcomes if o.assessment_id is None}
    stmt = select(OutcomeRow).where(
        or_(
            OutcomeRow.assessment_id.in_(assessments),
            and_(OutcomeRow.person_key.in_(people), text(WITHOUT_ASSESSMENT)),
        )
    )
    return session.scalars(stmt)


def _registration_dates(session: Session, outcomes: Sequence[Outcome]) -> dict[str, dt.date]:
    """The registration date of each assessment the batch names (an assessment that does not exist is left out)."""
    assessments = {o.assessment_id for o in outcomes if o.assessment_id is not None}
    registration_date = AssessmentRow.profile["registration_date"].as_string()
    stmt = select(AssessmentRow.id, registration_date).where(AssessmentRow.id.in_(assessments))
    return {assessment_id: dt.date.fromisoformat(day) for assessment_id, day in session.execute(stmt)}


def _check_against_assessment(index: int, outcome: Outcome, registered: dict[str, dt.date]) -> None:
    if outcome.assessment_id is None:
        return
    if outcome.assessment_id not in registered:
        raise _item(RecordNotFoundError, index, ASSESSMENT_NOT_FOUND)
    if outcome.observed_on < registered[outcome.assessment_id]:
        raise _item(InvalidInputError, index, OBSERVED_BEFORE_REGISTRATION)


def record_outcome(
    sessions: sessionmaker[Session],
    *,
    horizon_months: int,
    employed: bool,
    observed_on: dt.date,
    source: str,
    caller: str,
    assessment_id: str | None = None,
    person_key: str | None = None,
    at: dt.datetime | None = None,
) -> OutcomeRow:
    """Write one outcome: a batch of one (see :func:`record_outcomes`).

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    horizon_months, employed, observed_on, assessment_id, person_key
        The outcome (see :class:`Outcome`).
    source, caller : str
        Where it comes from, and who wrote it.
    at : datetime.datetime or None
        When it happened (timezone-aware); now by default.

    Returns
    -------
    OutcomeRow
        The stored record, or the identical one stored before.

    Raises
    ------
    InvalidInputError, RecordNotFoundError, ConflictError, StorageUnavailableError
        As :func:`record_outcomes` does.
    """
    outcome = Outcome(horizon_months, employed, observed_on, assessment_id, person_key)
    return record_outcomes(sessions, [outcome], source=source, caller=caller, at=at)[0]
