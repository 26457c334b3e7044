"""Writing and reading assessments (obligations: record-keeping, data minimisation).

Every assessment is written once, in one short transaction, with what the counsellor was shown: the validated
profile, model name and version, policy version, risk and range, suggestion, flags, the full SHAP vector and the
reasons. The same transaction appends the ``assessed`` event that chains it (:mod:`monitoring.records.links`), so an
assessment cannot be removed or rewritten unseen, decided or not. Without the jobseeker's consent to profiling no
score is stored. People appear only as person keys (see :mod:`monitoring.records.identity`). Nothing here updates or
deletes a record. A retry with the same ``Idempotency-Key`` returns the first record (:func:`earlier_request`, which
decisions, events and outcomes use too).

All functions take a ``sessionmaker`` (:func:`monitoring.records.db.session_factory`) and run their own transaction.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping
from typing import Any, TypeVar

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConflictError, InvalidInputError, RecordNotFoundError
from models.risk_model import Assessment
from models.rule import profile_rule_outcome
from models.schema import JobseekerProfile
from monitoring.records.db import storage_errors, write_transaction
from monitoring.records.hashing import ASSESSMENT_HASHED_FIELDS, content_hash
from monitoring.records.links import CHAIN_LOCK_ID, HEAD_COLUMNS, INSERT_EVENT, Head, assessed_link
from monitoring.records.tables import AssessmentRow, DecisionRow, EventRow, OutcomeRequestRow

__all__ = [
    "AssessmentRow",
    "earlier_request",
    "get_assessment",
    "record_assessment",
]

ASSESSMENT_NOT_FOUND = "assessment_not_found"
IDEMPOTENCY_CONFLICT = "assessment_idempotency_conflict"
WRITE_CONFLICT = "assessment_write_conflict"
SCORE_WITHOUT_CONSENT = "score_without_consent"
CONSENT_WITHOUT_SCORE = "consent_without_score"
BAD_PERSON_KEY = "bad_person_key"
"""Keys of :data:`models.texts.ERROR_DETAILS`: the errors' texts, in every language, are there."""

_PERSON_KEY = re.compile(r"[0-9a-f]{64}")
_IDEMPOTENCY_ENVELOPE = ("id", "created_at", "request_id", "content_hash")
"""What a retry may change: the rest of an assessment must be the same for its key to return the first record."""
_INSERT_ASSESSMENT = insert(AssessmentRow.metadata.tables[AssessmentRow.__tablename__]).returning(*HEAD_COLUMNS)
"""A Core insert: the record is written once and never loaded back, so the ORM's unit of work would only add cost
(about a third of the write, measured with ``bench/serve.py --profile``). It returns the chain's head, which the
``assessed`` event links to, in the same round trip."""


_Keyed = TypeVar("_Keyed", AssessmentRow, DecisionRow, EventRow, OutcomeRequestRow)


def check_person_key(value: str) -> None:
    """Refuse anything but a keyed hash, so that an identity number cannot be stored by mistake."""
    if not _PERSON_KEY.fullmatch(value):
        raise InvalidInputError(BAD_PERSON_KEY)


def _assessment_content(
    *,
    consent: bool,
    profile: JobseekerProfile,
    assessment: Assessment | None,
) -> dict[str, Any]:
    if not consent and assessment is not None:
        raise InvalidInputError(SCORE_WITHOUT_CONSENT)
    if consent and assessment is None:
        raise InvalidInputError(CONSENT_WITHOUT_SCORE)
    content: dict[str, Any] = {"consent": consent, "profile": profile.model_dump(mode="json")}
    if assessment is None:
        return content | dict.fromkeys(
            ("policy_version", "risk", "lower", "upper", "suggested_level", "flags", "base_value", "shap", "reasons")
        )
    return content | {
        "policy_version": assessment.policy_version,
        "risk": float(assessment.risk),
        "lower": float(assessment.lower),
        "upper": float(assessment.upper),
        "suggested_level": assessment.level.value,
        "flags": [flag.value for flag in assessment.flags],
        "base_value": float(assessment.base_value),
        "shap": {name: float(value) for name, value in assessment.contributions.items()},
        "reasons": [dict(vars(reason)) for reason in assessment.reasons],  # flat dataclasses: no deep copy needed
    }


def record_assessment(
    sessions: sessionmaker[Session],
    *,
    request_id: str,
    caller: str,
    person_key: str,
    office: str,
    counsellor: str,
    consent: bool,
    profile: JobseekerProfile,
    model_name: str,
    model_version: str,
    assessment: Assessment | None,
    language: str,
    idempotency_key: str | None = None,
    at: dt.datetime | None = None,
    blind_first: bool = False,
    trial_consent: bool = False,
    display_trial: str | None = None,
    display_seed: str | None = None,
) -> AssessmentRow:
    """Write one assessment and the ``assessed`` event that chains it, in one short transaction.

    The transaction holds the chain lock (the event takes the next place in the chain) and runs two statements: the
    assessment's INSERT, which returns the chain's head, and the event's INSERT.

    With an ``assessment``, the ``assessed`` event also holds today's rule on the profile
    (:func:`models.rule.profile_rule_outcome`), run in shadow: chained with the record, never part of what the
    counsellor is shown.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    request_id : str
        The request's id (returned to the client as ``X-Request-ID``).
    caller : str
        The token subject that made the request.
    person_key : str
        The jobseeker's keyed hash from :func:`monitoring.records.identity.person_key` (never the identity number).
    office, counsellor : str
        Where and by whom the jobseeker is followed up.
    consent : bool
        Whether the jobseeker agreed to profiling. Without consent ``assessment`` must be ``None`` and no score,
        suggestion, flags or explanation is stored.
    profile : JobseekerProfile
        The validated profile (stored as JSON: codes as strings, the date in ISO format).
    model_name, model_version : str
        The exact model that produced (or would have produced) the assessment.
    assessment : Assessment or None
        What the model said (``RiskModel.assess``), or ``None`` without consent.
    language : str
        The language the reasons were shown in (``"nb"`` or ``"en"``).
    idempotency_key : str or None
        A client's key: a retry with the same key and caller returns the first record instead of a second one.
    at : datetime.datetime or None
        When it happened (timezone-aware); now by default. Only loaders of past records (the demo) set it.
    blind_first : bool, default False
        Blind-first mode: the ``assessed`` event says so, and the case then needs a provisional level before the
        suggestion is shown or a decision recorded (:mod:`monitoring.records.case_state`).
    trial_consent, display_trial, display_seed
        The jobseeker's consent to controlled trials, and the display trial the case is enrolled in with the seed of
        its arm (``blind_first`` must follow it): see :func:`monitoring.records.links.assessed_link`.

    Returns
    -------
    AssessmentRow
        The stored record (its ``id`` is the assessment id), or the earlier one for a repeated idempotency key.

    Raises
    ------
    InvalidInputError
        When ``person_key`` is not a keyed hash, consent and ``assessment`` do not agree, or the trial fields do not
        fit together (:class:`~monitoring.records.kinds.Assessed`).
    ConflictError
        When the idempotency key was used by the same caller for different content.
    StorageUnavailableError
        When the database cannot be reached.
    """
    check_person_key(person_key)
    content = _assessment_content(consent=consent, profile=profile, assessment=assessment)
    content |= {
        "id": str(uuid.uuid4()),
        "created_at": at or dt.datetime.now(dt.UTC),
        "request_id": request_id,
        "idempotency_key": idempotency_key,
        "caller": caller,
        "person_key": person_key,
        "office": office,
        "counsellor": counsellor,
        "model_name": model_name,
        "model_version": model_version,
        "language": language,
    }
    content["content_hash"] = content_hash(content, ASSESSMENT_HASHED_FIELDS)
    try:
        with storage_errors(), write_transaction(sessions, lock=CHAIN_LOCK_ID) as session:
            connection = session.connection()  # on the connection: the session's ORM layer has nothing to add
            head = Head.of(connection.execute(_INSERT_ASSESSMENT, content).one())
            link = assessed_link(
                content,
                head,
                at=content["created_at"],
                caller=caller,
                request_id=request_id,
                blind_first=blind_first,
                rule_outcome=None if assessment is None else profile_rule_outcome(profile),
                trial_consent=trial_consent,
                display_trial=display_trial,
                display_seed=display_seed,
            )
            connection.execute(INSERT_EVENT, link)
    except IntegrityError as exc:
        if idempotency_key is None:
            raise ConflictError(WRITE_CONFLICT) from exc
        return _earlier_assessment(sessions, content=content, exc=exc)
    return AssessmentRow(**content)


def _earlier_assessment(sessions: sessionmaker[Session], *, content: dict[str, Any], exc: Exception) -> AssessmentRow:
    expected = {name: value for name, value in content.items() if name not in _IDEMPOTENCY_ENVELOPE}
    with storage_errors(), sessions() as session:
        earlier = earlier_request(
            session,
            AssessmentRow,
            caller=content["caller"],
            idempotency_key=content["idempotency_key"],
            expected=expected,
            conflict=IDEMPOTENCY_CONFLICT,
        )
    if earlier is None:
        raise ConflictError(IDEMPOTENCY_CONFLICT) from exc
    return earlier


def earlier_request(
    session: Session,
    row_type: type[_Keyed],
    *,
    caller: str,
    idempotency_key: str,
    expected: Mapping[str, Any],
    conflict: str,
) -> _Keyed | None:
    """What an earlier request of the same caller with the same ``Idempotency-Key`` stored.

    Parameters
    ----------
    session : Session
        An open session (in the writer's transaction when the writer checks before it writes).
    row_type : type
        The record the key is stored with: ``AssessmentRow``, ``DecisionRow``, ``EventRow`` or ``OutcomeRequestRow``.
    caller, idempotency_key : str
        The token subject and its key (unique together).
    expected : Mapping[str, Any]
        The columns that the earlier record must share with this request.
    conflict : str
        The key (:data:`models.texts.ERROR_DETAILS`) of the :class:`~models.errors.ConflictError` when it does not.

    Returns
    -------
    AssessmentRow, DecisionRow, EventRow, OutcomeRequestRow or None
        The earlier record, or ``None`` when the key is new.

    Raises
    ------
    ConflictError
        When the key was used for a different request.
    """
    stmt = select(row_type).where(row_type.caller == caller, row_type.idempotency_key == idempotency_key)
    earlier = session.scalars(stmt).one_or_none()
    if earlier is not None and any(getattr(earlier, name) != value for name, value in expected.items()):
        raise ConflictError(conflict)
    return earlier


def get_assessment(sessions: sessionmaker[Session], *, assessment_id: str) -> AssessmentRow:
    """Read one assessment.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    assessment_id : str
        The assessment's id.

    Returns
    -------
    AssessmentRow
        The stored record, as written.

    Raises
    ------
    RecordNotFoundError
        When there is no such assessment.
    StorageUnavailableError
        When the database cannot be reached.
    """
    with storage_errors(), sessions() as session:
        row = session.get(AssessmentRow, assessment_id)
    if row is None:
        raise RecordNotFoundError(ASSESSMENT_NOT_FOUND)
    return row
