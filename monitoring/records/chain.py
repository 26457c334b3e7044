"""Hashes of records and verification of the records and the decision chain (obligation: audit trail).

Every assessment carries the SHA-256 of its canonical JSON (``content_hash``). Every decision carries the hash of
its own content, which includes its position ``seq``, the hash of the assessment it decided on and the hash of the
previous decision (``prev_hash``; 64 zeros for the first). Changing, removing or reordering any decision, or
changing an assessment that a decision refers to, therefore breaks the chain where it happened; changing an
assessment's content in place breaks its own hash, decided or not. :func:`verify_chain` checks every record and
names the place; :func:`verify_records` checks a few (one case) the same way.

Some changes cannot be seen from inside the database: truncation of the newest decisions (compare the reported head,
``head_seq`` and ``head_hash``, with a copy kept elsewhere), and an assessment without decisions that is removed, or
rewritten together with a recomputed ``content_hash``, since assessments are not chained.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Collection, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Row, RowMapping, Select, select
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


def content_hash(content: Mapping[str, Any] | RowMapping, fields: Sequence[str]) -> str:
    """SHA-256 (hex) of the canonical JSON of the named fields of a record.

    Parameters
    ----------
    content : Mapping[str, Any] or RowMapping
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
    """One place where the records do not hold, and what is wrong.

    A break in a decision names its position ``seq`` and its ``decision_id``. A break in an assessment itself has no
    position: ``seq`` is 0, ``decision_id`` is empty and ``assessment_id`` names the assessment.
    """

    seq: int
    decision_id: str
    problem: str
    assessment_id: str | None = None


@dataclass(frozen=True)
class ChainReport:
    """The result of :func:`verify_chain`. ``head_seq`` and ``head_hash`` identify the newest decision.

    ``checked`` counts the decisions checked, ``assessments_checked`` the assessments.
    """

    ok: bool
    checked: int
    breaks: list[ChainBreak] = field(default_factory=list)
    head_seq: int = 0
    head_hash: str = GENESIS_HASH
    assessments_checked: int = 0


_ASSESSMENTS, _DECISIONS = AssessmentRow.__table__, DecisionRow.__table__
_ASSESSMENT_COLUMNS = (*(_ASSESSMENTS.c[name] for name in ASSESSMENT_HASHED_FIELDS), _ASSESSMENTS.c.content_hash)


def _decisions(*extra: ColumnElement[Any]) -> Select[Any]:
    """Decisions in ``seq`` order with the hash their assessment carries now (NULL when the assessment is gone).

    The assessment's content is checked against that hash once, in the assessment pass.
    """
    return (
        select(
            *(_DECISIONS.c[name] for name in DECISION_HASHED_FIELDS),
            _DECISIONS.c.hash,
            _ASSESSMENTS.c.content_hash.label("stored_assessment_hash"),
            *extra,
        )
        .outerjoin(_ASSESSMENTS, _DECISIONS.c.assessment_id == _ASSESSMENTS.c.id)
        .order_by(_DECISIONS.c.seq)
    )


def _check_assessments(rows: Iterable[Row[Any]]) -> tuple[list[ChainBreak], int]:
    """An assessment holds when its content still has the hash recorded with it."""
    breaks, checked = [], 0
    for row in rows:
        if content_hash(row._mapping, ASSESSMENT_HASHED_FIELDS) != row.content_hash:
            breaks.append(ChainBreak(0, "", ASSESSMENT_ALTERED, assessment_id=row.id))
        checked += 1
    return breaks, checked


def _check_decision(row: Row[Any], *, prev_seq: int, prev_hash: str, altered: Set[str]) -> list[ChainBreak]:
    """A decision holds when it follows the decision before it, has its own hash, and its assessment is unchanged.

    The assessment is unchanged when it still carries the hash the decision recorded and is not in ``altered`` (the
    ids whose content no longer has their hash), so each assessment's content is hashed once, however many
    decisions refer to it.
    """
    problems = []
    if row.seq != prev_seq + 1:
        problems.append(GAP_IN_SEQUENCE)
    if row.prev_hash != prev_hash:
        problems.append(LINK_BROKEN)
    if content_hash(row._mapping, DECISION_HASHED_FIELDS) != row.hash:
        problems.append(CONTENT_ALTERED)
    if row.stored_assessment_hash != row.assessment_hash or row.assessment_id in altered:
        problems.append(ASSESSMENT_ALTERED)
    return [ChainBreak(row.seq, row.id, problem) for problem in problems]


def verify_chain(sessions: sessionmaker[Session], *, batch_size: int = DEFAULT_BATCH_SIZE) -> ChainReport:
    """Recompute every assessment's hash, then every decision's hash and link in ``seq`` order, streaming in batches.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    batch_size : int
        Rows fetched per round trip (memory stays bounded by this, not by the size of the tables).

    Returns
    -------
    ChainReport
        ``ok`` is true when there are no breaks: first those in assessments, then those in decisions in ``seq``
        order. Each break's ``problem`` is one of ``"content altered"`` (the decision's hash does not match its
        content), ``"link broken"`` (``prev_hash`` is not the previous decision's hash), ``"gap in sequence"`` (a
        missing ``seq``: a removed decision) or ``"assessment altered"`` (for an assessment: its content does not
        match its ``content_hash``; for a decision: the assessment it was made on is altered, carries another hash
        than the one recorded with the decision, or is gone).

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    assessments = select(*_ASSESSMENT_COLUMNS).execution_options(yield_per=batch_size)
    decisions = _decisions().execution_options(yield_per=batch_size)
    checked, prev_seq, prev_hash = 0, 0, GENESIS_HASH
    with storage_errors(), sessions() as session:
        breaks, assessments_checked = _check_assessments(session.execute(assessments))
        altered = {b.assessment_id for b in breaks if b.assessment_id is not None}
        for row in session.execute(decisions):
            breaks.extend(_check_decision(row, prev_seq=prev_seq, prev_hash=prev_hash, altered=altered))
            checked, prev_seq, prev_hash = checked + 1, row.seq, row.hash
    return ChainReport(
        ok=not breaks,
        checked=checked,
        breaks=breaks,
        head_seq=prev_seq,
        head_hash=prev_hash,
        assessments_checked=assessments_checked,
    )


def verify_records(sessions: sessionmaker[Session], *, assessment_ids: Collection[str]) -> list[ChainBreak]:
    """Verify some assessments and every decision on them, each exactly as :func:`verify_chain` does.

    A decision's link is checked against the decision just before it in the chain, whichever assessment that one
    is on. Meant for a few records (one case): the ids go into one ``IN`` list.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    assessment_ids : Collection[str]
        The assessments to check; an id that does not exist is not reported.

    Returns
    -------
    list[ChainBreak]
        Empty when these records hold; otherwise the breaks, in the order and with the problems of
        :func:`verify_chain`.

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    ids = list(assessment_ids)
    before = _DECISIONS.alias("before")
    previous = select(before.c.seq).where(before.c.seq < _DECISIONS.c.seq).order_by(before.c.seq.desc()).limit(1)
    decisions = _decisions(
        previous.scalar_subquery().label("before_seq"),
        previous.with_only_columns(before.c.hash).scalar_subquery().label("before_hash"),
    ).where(_DECISIONS.c.assessment_id.in_(ids))
    with storage_errors(), sessions() as session:
        breaks, _ = _check_assessments(session.execute(select(*_ASSESSMENT_COLUMNS).where(_ASSESSMENTS.c.id.in_(ids))))
        altered = {b.assessment_id for b in breaks if b.assessment_id is not None}
        for row in session.execute(decisions):
            prev_seq, prev_hash = row.before_seq or 0, row.before_hash or GENESIS_HASH
            breaks.extend(_check_decision(row, prev_seq=prev_seq, prev_hash=prev_hash, altered=altered))
    return breaks
