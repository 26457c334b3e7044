"""How a record becomes the next link of the one hash chain (obligation: audit trail).

Decisions (``decisions``) and every other chained fact (``events``) share one global sequence: a new link takes
``seq = head + 1`` and ``prev_hash = head's hash``, where the head is the newest link of either table, and its own
``hash`` covers both (:mod:`monitoring.records.hashing`). Appends are serialised: every writer of a link runs in
:func:`~monitoring.records.db.write_transaction` with ``lock=CHAIN_LOCK_ID`` (on PostgreSQL an advisory lock, on
SQLite ``BEGIN IMMEDIATE``), reads the head inside that transaction and writes before it commits. ``UNIQUE (seq)`` in
each table stops a second link at the same place within a table; across the two tables only the lock does, and
verification (:mod:`monitoring.records.chain`) finds a writer that bypassed it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, RowMapping, insert, literal_column, select, union_all
from sqlalchemy.orm import Session

from models.rule import RuleOutcome
from monitoring.records.hashing import EVENT_HASHED_FIELDS, GENESIS_HASH, content_hash
from monitoring.records.kinds import EventKind, checked_payload
from monitoring.records.tables import Base

CHAIN_LOCK_ID = 7_305_961_420_002
"""PostgreSQL advisory lock key that serialises appends to the chain (assessments, decisions and events)."""

_DECISIONS, _EVENTS = Base.metadata.tables["decisions"], Base.metadata.tables["events"]
_NEWEST = [select(t.c.seq, t.c.hash).order_by(t.c.seq.desc()).limit(1).subquery() for t in (_DECISIONS, _EVENTS)]
_HEAD = (
    union_all(*(select(newest.c.seq, newest.c.hash) for newest in _NEWEST))
    .order_by(literal_column("seq").desc())
    .limit(1)
    .subquery()
)
HEAD_COLUMNS = (
    select(_HEAD.c.seq).scalar_subquery().label("head_seq"),
    select(_HEAD.c.hash).scalar_subquery().label("head_hash"),
)
"""The chain's head as two columns (one index lookup per table), for a statement that reads it in passing: the
assessment's INSERT returns them, the decision's read of its assessment selects them. On PostgreSQL round trips are
most of the cost of chaining an assessment: psycopg waited 8 times per ``record_assessment`` with the head in the
INSERT, 9 with a read of its own and 6 before assessments were chained; the median call took 1.8, 2.4 and 1.1 ms
(1,500 calls in a row against a local server on a shared 2-core machine; ``python -m cProfile`` shows the waits)."""
INSERT_EVENT = insert(_EVENTS)


@dataclass(frozen=True)
class Head:
    """The newest link of the chain: the next one takes ``seq + 1`` and links to ``hash``."""

    seq: int
    hash: str

    @classmethod
    def of(cls, row: Row[*tuple[Any, ...]]) -> Head:
        """The head from a row with :data:`HEAD_COLUMNS` (``NULL`` in both for an empty chain)."""
        return cls(row.head_seq or 0, row.head_hash or GENESIS_HASH)


def chain_head(session: Session | Connection) -> Head:
    """The newest link of the chain, decision or event (``0`` and the genesis hash for an empty chain).

    Read it inside the write transaction that holds the chain lock, or the next writer may take the same place.
    """
    return Head.of(session.execute(select(*HEAD_COLUMNS)).one())


def linked(values: Mapping[str, Any], fields: Sequence[str], head: Head) -> dict[str, Any]:
    """``values`` as the link after ``head``: with its ``seq``, its ``prev_hash`` and its ``hash`` over ``fields``."""
    link = {**values, "seq": head.seq + 1, "prev_hash": head.hash}
    link["hash"] = content_hash(link, fields)
    return link


def assessed_link(
    assessment: Mapping[str, Any] | RowMapping,
    head: Head,
    *,
    at: dt.datetime,
    caller: str,
    request_id: str | None,
    blind_first: bool = False,
    rule_outcome: RuleOutcome | None = None,
    trial_consent: bool = False,
    display_trial: str | None = None,
    display_seed: str | None = None,
) -> dict[str, Any]:
    """The ``assessed`` event that chains an assessment: it pins the assessment's ``content_hash`` after ``head``.

    Parameters
    ----------
    assessment : Mapping[str, Any]
        The assessment's ``id``, ``office``, ``counsellor`` (the event's actor) and ``content_hash``.
    head : Head
        The chain's head, read under the chain lock.
    at : datetime.datetime
        When the link is made (timezone-aware).
    caller : str
        Who wrote the link: the token subject that recorded the assessment, or the migration that chained it later.
    request_id : str or None
        The request that recorded the assessment (``None`` for a link the migration made).
    blind_first : bool, default False
        Whether the suggestion is withheld until the counsellor records a provisional level; the payload says so
        (``{"blind_first": true}``) and is empty otherwise, as it was before blind-first existed.
    rule_outcome : RuleOutcome or None, default None
        Today's rule on the profile, run in shadow for a scored assessment: the payload holds it as
        ``rule_outcome``; ``None`` leaves it out, as in the events recorded before the rule ran in shadow.
    trial_consent : bool, default False
        The jobseeker agreed to take part in controlled trials; the payload says so only when true.
    display_trial, display_seed : str or None
        A display trial's id and the seed of the case's arm (:func:`monitoring.records.kinds.display_arm`), which
        ``blind_first`` must follow; both or neither, and only with ``trial_consent``.

    Returns
    -------
    dict[str, Any]
        The values of the ``events`` row.
    """
    event = {
        "id": str(uuid.uuid4()),
        "kind": EventKind.ASSESSED.value,
        "assessment_id": assessment["id"],
        "created_at": at,
        "request_id": request_id,
        "idempotency_key": None,
        "caller": caller,
        "actor": assessment["counsellor"],
        "office": assessment["office"],
        "assessment_hash": assessment["content_hash"],
        "payload": ({"blind_first": True} if blind_first else {})
        | ({"rule_outcome": rule_outcome.value} if rule_outcome is not None else {}),
    }
    if trial_consent or display_trial is not None or display_seed is not None:
        trial = {"trial_consent": trial_consent, "display_trial": display_trial, "display_seed": display_seed}
        event["payload"] |= {name: value for name, value in trial.items() if value}
        checked_payload(EventKind.ASSESSED, event["payload"])  # refuses an arm that does not follow its seed
    return linked(event, EVENT_HASHED_FIELDS, head)
