"""Verification of the records and of the one hash chain (obligation: audit trail).

What is chained. Decisions and events are the links of one chain with one global sequence ``seq``
(:mod:`monitoring.records.links`): each carries the hash of its own content (:mod:`monitoring.records.hashing`),
which includes its ``seq`` and the hash of the link before it (``prev_hash``; 64 zeros for the first). Every
assessment carries the hash of its own content (``content_hash``) and is chained by the ``assessed`` event appended in
the same transaction, which pins that hash in ``assessment_hash``, as every decision and every later event on the case
does.

What breaks where. Changing a decision or an event breaks its own hash; removing one leaves a gap in ``seq`` and a
broken link after it; reordering breaks the hashes and the links of those moved. Changing an assessment in place breaks
its own hash; rewriting it together with a recomputed ``content_hash`` breaks the hash pinned by its ``assessed`` event
(and by every decision and event on it); removing it leaves its ``assessed`` event pointing at nothing, or, when that
event is removed too, a gap. An assessment without an ``assessed`` event was written around the service and is named.
:func:`verify_chain` checks every record and names the place; :func:`verify_records` checks one case the same way (an
event that names no case, such as a subject-access lookup, is checked by the former only). Each kind of record has
its tamper tests beside the chain's (``tests/monitoring/records/test_chain_tamper*.py``).

Assessments stored before migration 0003, which started the chaining of assessments, were chained by it: it appended
an ``assessed`` event (caller ``migration:0003``) for each, oldest first, after the newest decision. From the migration
on they are protected like any other; before it, only their own ``content_hash`` speaks for them (a removal or a
rewrite with a recomputed hash before the migration cannot be seen). Decisions stored before it keep their hashes.

What cannot be seen from inside the database: truncation of the newest links (with their assessments), and the
newest links rewritten with every hash recomputed from some point on. Both change the reported head (``head_seq``,
``head_hash``): compare it with a copy kept elsewhere. Nor can a well-formed record appended at the head by someone
with the right to insert (a made-up approval, say): the chain proves order and integrity, not authority, which is
what the database's grants and each record's ``caller`` are for.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection, Iterable, Iterator, Set
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, Table, and_, select
from sqlalchemy.orm import Session, sessionmaker

from monitoring.records.db import storage_errors
from monitoring.records.hashing import (
    ASSESSMENT_HASHED_FIELDS,
    DECISION_HASHED_FIELDS,
    EVENT_HASHED_FIELDS,
    GENESIS_HASH,
    content_hash,
)
from monitoring.records.kinds import EventKind
from monitoring.records.tables import Base

CONTENT_ALTERED = "content altered"
LINK_BROKEN = "link broken"
GAP_IN_SEQUENCE = "gap in sequence"
ASSESSMENT_ALTERED = "assessment altered"
ASSESSMENT_NOT_CHAINED = "assessment not in the chain"

DEFAULT_BATCH_SIZE = 2_000


@dataclass(frozen=True)
class ChainBreak:
    """One place where the records do not hold, and what is wrong.

    A break in a link names its position ``seq`` and the record there: a decision by ``decision_id``, an event by
    ``event_id`` and its ``kind``. A break in an assessment itself has no position: ``seq`` is 0 and
    ``assessment_id`` names the assessment.
    """

    seq: int
    decision_id: str
    problem: str
    assessment_id: str | None = None
    event_id: str = ""
    kind: str = ""


@dataclass(frozen=True)
class ChainReport:
    """The result of :func:`verify_chain`. ``head_seq`` and ``head_hash`` identify the newest link.

    ``checked`` counts the decisions checked, ``events_checked`` the events and ``assessments_checked`` the
    assessments.
    """

    ok: bool
    checked: int
    breaks: list[ChainBreak] = field(default_factory=list)
    head_seq: int = 0
    head_hash: str = GENESIS_HASH
    assessments_checked: int = 0
    events_checked: int = 0


_ASSESSMENTS, _DECISIONS, _EVENTS = (Base.metadata.tables[name] for name in ("assessments", "decisions", "events"))
_LINK = _EVENTS.alias("link")


@dataclass(frozen=True)
class _Links:
    """One table of links: the columns its hash covers, and how a break in it is named."""

    table: Table
    fields: tuple[str, ...]
    break_at: Callable[[Row[Any], str], ChainBreak]

    def rows(self, *extra: ColumnElement[Any]) -> Select[Any]:
        """Links in ``seq`` order with the hash their assessment carries now (NULL when it is gone, or none is named).

        The assessment's content is checked against that hash once, in the assessment pass.
        """
        columns = (self.table.c[name] for name in self.fields)
        return (
            select(*columns, self.table.c.hash, _ASSESSMENTS.c.content_hash.label("stored_assessment_hash"), *extra)
            .outerjoin(_ASSESSMENTS, self.table.c.assessment_id == _ASSESSMENTS.c.id)
            .order_by(self.table.c.seq)
        )


_DECISION_LINKS = _Links(_DECISIONS, DECISION_HASHED_FIELDS, lambda row, problem: ChainBreak(row.seq, row.id, problem))
_EVENT_LINKS = _Links(
    _EVENTS,
    EVENT_HASHED_FIELDS,
    lambda row, problem: ChainBreak(row.seq, "", problem, event_id=row.id, kind=row.kind),
)


def _assessments() -> Select[Any]:
    """Assessments with the ``seq`` of the event that chains them (NULL when there is none)."""
    chained_by = and_(_LINK.c.assessment_id == _ASSESSMENTS.c.id, _LINK.c.kind == EventKind.ASSESSED.value)
    return select(
        *(_ASSESSMENTS.c[name] for name in ASSESSMENT_HASHED_FIELDS),
        _ASSESSMENTS.c.content_hash,
        _LINK.c.seq.label("link_seq"),
    ).outerjoin(_LINK, chained_by)


def _check_assessments(rows: Iterable[Row[Any]]) -> tuple[list[ChainBreak], int]:
    """An assessment holds when its content still has the hash recorded with it and an event chains it."""
    breaks, checked = [], 0
    for row in rows:
        if content_hash(row._mapping, ASSESSMENT_HASHED_FIELDS) != row.content_hash:
            breaks.append(ChainBreak(0, "", ASSESSMENT_ALTERED, assessment_id=row.id))
        if row.link_seq is None:
            breaks.append(ChainBreak(0, "", ASSESSMENT_NOT_CHAINED, assessment_id=row.id))
        checked += 1
    return breaks, checked


def _check_link(
    row: Row[Any], links: _Links, *, prev_seq: int, prev_hash: str, altered: Set[str | None]
) -> list[ChainBreak]:
    """A link holds when it follows the link before it, has its own hash, and its assessment (if any) is unchanged.

    The assessment is unchanged when it still carries the hash the link pinned and is not in ``altered`` (the ids
    whose content no longer has their hash), so each assessment's content is hashed once, however many links name it.
    """
    problems = []
    if row.seq != prev_seq + 1:
        problems.append(GAP_IN_SEQUENCE)
    if row.prev_hash != prev_hash:
        problems.append(LINK_BROKEN)
    if content_hash(row._mapping, links.fields) != row.hash:
        problems.append(CONTENT_ALTERED)
    if row.assessment_id is not None and (
        row.stored_assessment_hash != row.assessment_hash or row.assessment_id in altered
    ):
        problems.append(ASSESSMENT_ALTERED)
    return [links.break_at(row, problem) for problem in problems]


def _tagged(links: _Links, rows: Iterable[Row[Any]]) -> Iterator[tuple[_Links, Row[Any]]]:
    for row in rows:
        yield links, row


def _merged(*streams: tuple[_Links, Iterable[Row[Any]]]) -> Iterator[tuple[_Links, Row[Any]]]:
    """The links of both tables in one ``seq`` order, each with its table."""
    return heapq.merge(*(_tagged(links, rows) for links, rows in streams), key=lambda pair: pair[1].seq)


@contextmanager
def _snapshot(sessions: sessionmaker[Session]) -> Iterator[Session]:
    """A session whose reads all see one snapshot, so links appended meanwhile cannot look like gaps.

    SQLite's read transaction (one per session here) is a snapshot already; PostgreSQL's default isolation takes a new
    snapshot per statement, so verification reads at ``REPEATABLE READ`` (a read-only transaction never fails there).
    """
    with sessions() as session:
        if session.get_bind().dialect.name == "postgresql":
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        yield session


def verify_chain(sessions: sessionmaker[Session], *, batch_size: int = DEFAULT_BATCH_SIZE) -> ChainReport:
    """Recompute every assessment's hash, then every link's hash and place in ``seq`` order, streaming in batches.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    batch_size : int
        Rows fetched per round trip (memory stays bounded by this, not by the size of the tables).

    Returns
    -------
    ChainReport
        ``ok`` is true when there are no breaks: first those in assessments, then those in links (decisions and
        events) in ``seq`` order. Each break's ``problem`` is one of ``"content altered"`` (the link's hash does not
        match its content), ``"link broken"`` (``prev_hash`` is not the previous link's hash), ``"gap in sequence"``
        (``seq`` does not follow the previous link's: a removed link, or two at one place), ``"assessment altered"``
        (for an assessment: its content does not match its ``content_hash``; for a link: the assessment it names is
        altered, carries another hash than the one the link pinned, or is gone) or ``"assessment not in the
        chain"`` (an assessment no ``assessed`` event chains).

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    checked = {_DECISION_LINKS: 0, _EVENT_LINKS: 0}
    prev_seq, prev_hash = 0, GENESIS_HASH
    with storage_errors(), _snapshot(sessions) as session:
        breaks, assessments_checked = _check_assessments(
            session.execute(_assessments().execution_options(yield_per=batch_size))
        )
        altered = {b.assessment_id for b in breaks if b.problem == ASSESSMENT_ALTERED}
        streams = (
            (links, session.execute(links.rows().execution_options(yield_per=batch_size)))
            for links in (_DECISION_LINKS, _EVENT_LINKS)
        )
        for links, row in _merged(*streams):
            breaks.extend(_check_link(row, links, prev_seq=prev_seq, prev_hash=prev_hash, altered=altered))
            checked[links] += 1
            prev_seq, prev_hash = row.seq, row.hash
    return ChainReport(
        ok=not breaks,
        checked=checked[_DECISION_LINKS],
        breaks=breaks,
        head_seq=prev_seq,
        head_hash=prev_hash,
        assessments_checked=assessments_checked,
        events_checked=checked[_EVENT_LINKS],
    )


def _before(table: Table, seq: ColumnElement[int], name: str) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    """The ``seq`` and ``hash`` of the newest link of ``table`` before ``seq``, labelled ``<name>_seq/_hash``."""
    before = table.alias(f"before_{name}")
    newest = select(before.c.seq).where(before.c.seq < seq).order_by(before.c.seq.desc()).limit(1)
    return (
        newest.scalar_subquery().label(f"{name}_seq"),
        newest.with_only_columns(before.c.hash).scalar_subquery().label(f"{name}_hash"),
    )


def _previous(row: Row[Any]) -> tuple[int, str]:
    """The link just before a row, whichever table it is in (from the columns of :func:`_before`)."""
    decision, event = (row.decision_seq or 0, row.decision_hash), (row.event_seq or 0, row.event_hash)
    seq, hash_ = max(decision, event, key=lambda link: link[0])
    return seq, hash_ or GENESIS_HASH


def verify_records(sessions: sessionmaker[Session], *, assessment_ids: Collection[str]) -> list[ChainBreak]:
    """Verify some assessments and every decision and event on them, each exactly as :func:`verify_chain` does.

    A link is checked against the link just before it in the chain, whichever case or table that one is in. Meant
    for a few records (one case): the ids go into one ``IN`` list. An assessment that was removed is still found
    through the links that name it.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    assessment_ids : Collection[str]
        The assessments to check; an id that nothing names is not reported.

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
    with storage_errors(), _snapshot(sessions) as session:
        breaks, _ = _check_assessments(session.execute(_assessments().where(_ASSESSMENTS.c.id.in_(ids))))
        altered = {b.assessment_id for b in breaks if b.problem == ASSESSMENT_ALTERED}
        streams = []
        for links in (_DECISION_LINKS, _EVENT_LINKS):
            previous = (
                *_before(_DECISIONS, links.table.c.seq, "decision"),
                *_before(_EVENTS, links.table.c.seq, "event"),
            )
            streams.append((links, session.execute(links.rows(*previous).where(links.table.c.assessment_id.in_(ids)))))
        for links, row in _merged(*streams):
            prev_seq, prev_hash = _previous(row)
            breaks.extend(_check_link(row, links, prev_seq=prev_seq, prev_hash=prev_hash, altered=altered))
    return breaks
