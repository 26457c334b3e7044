"""What a record's hash covers (obligation: audit trail).

Every hash of the records is the SHA-256 of the canonical JSON (:func:`canonical_json`) of a fixed list of a record's
columns: :data:`ASSESSMENT_HASHED_FIELDS`, :data:`DECISION_HASHED_FIELDS` and :data:`EVENT_HASHED_FIELDS`. The lists
are fixed here, not read from the tables, so that a column added later cannot change the hash of a record stored
before it. How the hashes link records into one chain, and what verification can and cannot see, is described in
:mod:`monitoring.records.chain`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import RowMapping

GENESIS_HASH = "0" * 64
"""The ``prev_hash`` of the first record of the chain."""

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
"""Every column of ``assessments`` except ``content_hash``."""

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

EVENT_HASHED_FIELDS: tuple[str, ...] = (
    "seq",
    "id",
    "kind",
    "assessment_id",
    "created_at",
    "request_id",
    "idempotency_key",
    "caller",
    "actor",
    "office",
    "assessment_hash",
    "payload",
    "prev_hash",
)
"""Every column of ``events`` except ``hash``."""


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
