"""Hashes of records and verification of the decision chain (obligation: audit trail).

Every assessment carries the SHA-256 of its canonical JSON (``content_hash``). Every decision carries the hash of
its own content, which includes its position ``seq``, the hash of the assessment it decided on and the hash of the
previous decision (``prev_hash``; 64 zeros for the first). Changing, removing or reordering any decision, or
changing an assessment that a decision refers to, therefore breaks the chain where it happened, and
:func:`verify_chain` names the place. Truncation of the newest decisions cannot be seen from inside the database:
compare the reported head (``head_seq``, ``head_hash``) with a copy kept elsewhere.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from monitoring.records.db import storage_errors
from monitoring.records.tables import AssessmentRow, DecisionRow

GENESIS_HASH = "0" * 64
"""The ``prev_hash`` of the first decision."""

ASSESSMENT_HASHED_FIELDS: tuple[str, ...] = (
    "id",
    "created_at",
    "request_id",
    "idempotency_key",
    "caller",
    "person_key",
    "office",
    "counsellor",
    "consent",
    "model_name",
    "model_version",
    "policy_version",
    "profile",
    "risk",
    "lower",
    "upper",
    "suggested_level",
    "flags",
    "base_value",
    "shap",
    "reasons",
    "language",
)
"""Every column of ``assessments`` except ``content_hash``: fixed here so a later column cannot change old hashes."""

DECISION_HASHED_FIELDS: tuple[str, ...] = (
    "seq",
    "id",
    "assessment_id",
    "created_at",
    "request_id",
    "idempotency_key",
    "caller",
    "office",
    "counsellor",
    "decided_level",
    "suggested_level",
    "follows_suggestion",
    "reason_code",
    "justification",
    "supersedes",
    "assessment_hash",
    "prev_hash",
)
"""Every column of ``decisions`` except ``hash``."""

CONTENT_ALTERED = "content altered"
LINK_BROKEN = "link broken"
GAP_IN_SEQUENCE = "gap in sequence"
ASSESSMENT_ALTERED = "assessment altered"

DEFAULT_BATCH_SIZE = 2_000


def _plain(obj: Any) -> Any:
    kind = type(obj)
    if kind is str or kind is int or kind is bool or obj is None:
        return obj
    if kind is float:
        if not math.isfinite(obj):
            raise ValueError("canonical JSON cannot hold NaN or infinity")
        return obj + 0.0  # turns -0.0 into 0.0 (PostgreSQL's JSONB does the same)
    if kind is dict or isinstance(obj, Mapping):
        return {str(key): _plain(value) for key, value in obj.items()}
    if kind is list or kind is tuple:
        return [_plain(value) for value in obj]
    if isinstance(obj, str):  # StrEnum
        return str(obj)
    if isinstance(obj, float):  # NumPy's float64
        return _plain(float(obj))
    if isinstance(obj, int):  # IntEnum
        return int(obj)
    if isinstance(obj, dt.datetime):
        if obj.tzinfo is None:
            raise ValueError("canonical JSON needs timezone-aware timestamps")
        return obj.astimezone(dt.UTC).isoformat(timespec="microseconds")
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


def canonical_json(obj: Any) -> bytes:
    """The canonical JSON encoding that record hashes are computed over.

    Keys are sorted, there is no whitespace, text is UTF-8, floats are written with ``repr`` (shortest round trip;
    negative zero as ``0.0``), timestamps as UTC ISO 8601 with microseconds and dates as ISO 8601.

    Parameters
    ----------
    obj : Any
        JSON-like data: mappings, lists, tuples, strings, numbers, booleans, ``None``, dates and aware datetimes.

    Returns
    -------
    bytes
        The encoding.

    Raises
    ------
    ValueError
        For NaN, infinity or a naive datetime.

    Examples
    --------
    >>> canonical_json({"b": 1, "a": [0.1, None, True]})
    b'{"a":[0.1,null,true],"b":1}'
    """
    text = json.dumps(_plain(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8")


def content_hash(content: Mapping[str, Any], fields: Sequence[str]) -> str:
    """SHA-256 (hex) of the canonical JSON of the named fields of a record.

    Parameters
    ----------
    content : Mapping[str, Any]
        The record's values by column name (a dict, or a database row's mapping).
    fields : Sequence[str]
        The columns that are hashed, e.g. :data:`ASSESSMENT_HASHED_FIELDS` or :data:`DECISION_HASHED_FIELDS`.

    Returns
    -------
    str
        64 hex digits.

    Examples
    --------
    >>> content_hash({"a": 1, "b": 2}, ["a"]) == hashlib.sha256(b'{"a":1}').hexdigest()
    True
    """
    return hashlib.sha256(canonical_json({name: content[name] for name in fields})).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """One place where the chain does not hold: the decision's position, its id and what is wrong."""

    seq: int
    decision_id: str
    problem: str


@dataclass(frozen=True)
class ChainReport:
    """The result of :func:`verify_chain`. ``head_seq`` and ``head_hash`` identify the newest decision."""

    ok: bool
    checked: int
    breaks: list[ChainBreak] = field(default_factory=list)
    head_seq: int = 0
    head_hash: str = GENESIS_HASH


def verify_chain(sessions: sessionmaker[Session], *, batch_size: int = DEFAULT_BATCH_SIZE) -> ChainReport:
    """Recompute every decision's hash and link, in ``seq`` order, streaming the table in batches.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    batch_size : int
        Rows fetched per round trip (memory stays bounded by this, not by the chain's length).

    Returns
    -------
    ChainReport
        ``ok`` is true when there are no breaks. Each break's ``problem`` is one of ``"content altered"`` (the row's
        hash does not match its content), ``"link broken"`` (``prev_hash`` is not the previous row's hash),
        ``"gap in sequence"`` (a missing ``seq``: a removed decision) or ``"assessment altered"`` (the assessment's
        recomputed hash differs from the one recorded with the decision, or the assessment is gone).

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    decisions, assessments = DecisionRow.__table__, AssessmentRow.__table__
    n_decision = len(DECISION_HASHED_FIELDS)
    stmt = (
        select(
            *(decisions.c[name] for name in DECISION_HASHED_FIELDS),
            decisions.c.hash,
            assessments.c.id.label("found"),
            *(assessments.c[name] for name in ASSESSMENT_HASHED_FIELDS),
        )
        .outerjoin(assessments, decisions.c.assessment_id == assessments.c.id)
        .order_by(decisions.c.seq)
        .execution_options(yield_per=batch_size)
    )
    breaks: list[ChainBreak] = []
    checked, prev_seq, prev_hash = 0, 0, GENESIS_HASH
    with storage_errors(), sessions() as session:
        for row in session.execute(stmt):
            decision = dict(zip(DECISION_HASHED_FIELDS, row[:n_decision], strict=True))
            seq, decision_id = decision["seq"], decision["id"]
            problems = []
            if seq != prev_seq + 1:
                problems.append(GAP_IN_SEQUENCE)
            if decision["prev_hash"] != prev_hash:
                problems.append(LINK_BROKEN)
            if content_hash(decision, DECISION_HASHED_FIELDS) != row.hash:
                problems.append(CONTENT_ALTERED)
            assessment = dict(zip(ASSESSMENT_HASHED_FIELDS, row[n_decision + 2 :], strict=True))
            if row.found is None or content_hash(assessment, ASSESSMENT_HASHED_FIELDS) != decision["assessment_hash"]:
                problems.append(ASSESSMENT_ALTERED)
            breaks.extend(ChainBreak(seq, decision_id, problem) for problem in problems)
            checked, prev_seq, prev_hash = checked + 1, seq, row.hash
    return ChainReport(ok=not breaks, checked=checked, breaks=breaks, head_seq=prev_seq, head_hash=prev_hash)
