"""Listing and exporting decisions for auditors and the override monitor (obligations: audit trail, transparency).

Decisions are listed newest first with the model version of the assessment they were made on, filtered by time,
office, counsellor, model version, level or overrides only: one page at a time (:func:`list_decisions`), or every
match read in batches (:func:`export_decisions`) for the CSV export. The CSV includes the counsellors'
justifications and each decision's documentation (factors considered, the jobseeker's wishes, the preferred channel),
which evaluations of the needs assessments need, and never an identity number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypedDict, Unpack

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, sessionmaker

from models.errors import InvalidInputError
from models.national_id import redact_national_ids
from monitoring.records.db import storage_errors
from monitoring.records.decisions import DOCUMENTATION, DOCUMENTS_DECISION
from monitoring.records.tables import AssessmentRow, DecisionRow

MAX_LIMIT = 10_000
EXPORT_BATCH_SIZE = 1_000
CSV_CHUNK_CHARS = 64 * 1024
"""The CSV is streamed in pieces of about this size: one per row would mean one network write per row."""
BAD_PAGE = "bad_page"
NAIVE_TIME = "naive_time"
BAD_BATCH = "bad_batch"
"""Keys of :data:`models.texts.ERROR_DETAILS`."""

CSV_COLUMNS: tuple[str, ...] = (
    "seq",
    "id",
    "created_at",
    "assessment_id",
    "model_version",
    "office",
    "counsellor",
    "suggested_level",
    "decided_level",
    "follows_suggestion",
    "reason_code",
    "justification",
    "supersedes",
    "request_id",
    "caller",
    "assessment_hash",
    "prev_hash",
    "hash",
    "considered_factors",
    "jobseeker_wishes",
    "follow_up_channel",
)
_DOCUMENTED_AS = {"considered_factors": "factors", "jobseeker_wishes": "wishes", "follow_up_channel": "channel"}
"""The CSV's columns of a decision's documentation, and the documentation's fields they hold."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ListedDecision:
    """A decision with the model that produced the assessment it was made on."""

    decision: DecisionRow
    model_name: str
    model_version: str
    documentation: dict[str, Any] | None = None
    """The payload of the decision's ``documentation`` event (``None`` when it was not documented)."""


class DecisionFilters(TypedDict, total=False):
    """The filters of the decision log; every one is optional (see :func:`list_decisions`)."""

    since: dt.datetime | None
    until: dt.datetime | None
    office: str | None
    counsellor: str | None
    model_version: str | None
    level: str | None
    overrides_only: bool


_Listed = Select[DecisionRow, str, str, dict[str, Any] | None]


def _listed(filters: DecisionFilters) -> _Listed:
    """Decisions with their assessment's model that match the filters, newest first."""
    since, until = filters.get("since"), filters.get("until")
    if any(bound is not None and bound.tzinfo is None for bound in (since, until)):
        raise InvalidInputError(NAIVE_TIME)
    equal = (
        (DecisionRow.office, filters.get("office")),
        (DecisionRow.counsellor, filters.get("counsellor")),
        (AssessmentRow.model_version, filters.get("model_version")),
        (DecisionRow.decided_level, filters.get("level")),
    )
    conditions: list[ColumnElement[bool]] = [column == value for column, value in equal if value is not None]
    if since is not None:
        conditions.append(DecisionRow.created_at >= since)
    if until is not None:
        conditions.append(DecisionRow.created_at < until)
    if filters.get("overrides_only"):
        conditions.append(DecisionRow.follows_suggestion.is_(False))
    return (
        select(DecisionRow, AssessmentRow.model_name, AssessmentRow.model_version, DOCUMENTATION.payload)
        .join(AssessmentRow, DecisionRow.assessment_id == AssessmentRow.id)
        .outerjoin(DOCUMENTATION, DOCUMENTS_DECISION)
        .where(*conditions)
        .order_by(DecisionRow.seq.desc())
    )


def _read(session: Session, stmt: _Listed) -> list[ListedDecision]:
    return [ListedDecision(*row) for row in session.execute(stmt)]


def _read_batch(sessions: sessionmaker[Session], stmt: _Listed) -> list[ListedDecision]:
    with storage_errors(), sessions() as session:
        return _read(session, stmt)


def list_decisions(
    sessions: sessionmaker[Session], *, limit: int = 100, offset: int = 0, **filters: Unpack[DecisionFilters]
) -> tuple[list[ListedDecision], int]:
    """Decisions that match the filters, newest first, one page at a time.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    limit, offset : int
        The page: ``1 <= limit <= 10000``, ``offset >= 0``.
    **filters
        ``since`` and ``until`` (timezone-aware bounds on the decision time: ``since <= created_at < until``);
        ``office``, ``counsellor``, ``model_version`` and ``level`` (exact matches; ``model_version`` is the
        assessment's, ``level`` the decided level); ``overrides_only`` (only decisions that depart from a
        suggestion). ``None`` or absent means no filter.

    Returns
    -------
    tuple[list[ListedDecision], int]
        The page and the number of all matching decisions.

    Raises
    ------
    InvalidInputError
        For a bad page or a naive bound.
    StorageUnavailableError
        When the database cannot be reached.
    """
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise InvalidInputError(BAD_PAGE, maximum=MAX_LIMIT)
    matching = _listed(filters)
    with storage_errors(), sessions() as session:
        total = session.scalar(matching.with_only_columns(func.count()).order_by(None)) or 0
        return _read(session, matching.limit(limit).offset(offset)), total


def export_decisions(
    sessions: sessionmaker[Session], *, batch_size: int = EXPORT_BATCH_SIZE, **filters: Unpack[DecisionFilters]
) -> Iterator[ListedDecision]:
    """Every decision that matches the filters, newest first, read ``batch_size`` at a time.

    Each batch is one short read that continues below the last ``seq`` seen, so memory stays bounded by the batch
    and no transaction stays open while the rows are consumed. The first batch is read before this returns: a bad
    filter or an unreachable database raises here, not halfway through a download. Decisions appended while the
    export runs are left out (they come after the first batch's newest decision).

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    batch_size : int
        Decisions per read, at least 1.
    **filters
        As for :func:`list_decisions`.

    Returns
    -------
    Iterator[ListedDecision]
        The matching decisions.

    Raises
    ------
    InvalidInputError
        For a naive bound or a batch size below 1.
    StorageUnavailableError
        When the database cannot be reached (from the iterator too, for later batches).
    """
    if batch_size < 1:
        raise InvalidInputError(BAD_BATCH)
    matching = _listed(filters).limit(batch_size)
    first = _read_batch(sessions, matching)
    return itertools.chain(first, _later_batches(sessions, matching, first, batch_size))


def _later_batches(
    sessions: sessionmaker[Session],
    matching: _Listed,
    batch: list[ListedDecision],
    batch_size: int,
) -> Iterator[ListedDecision]:
    while len(batch) == batch_size:
        batch = _read_batch(sessions, matching.where(DecisionRow.seq < batch[-1].decision.seq))
        yield from batch


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, str):
        value = redact_national_ids(value)
        return "'" + value if value.startswith(_FORMULA_START) else value
    return value


def csv_chunks(rows: Iterable[ListedDecision]) -> Iterator[str]:
    """Decisions as CSV for auditors, in pieces of at least :data:`CSV_CHUNK_CHARS` characters, for streaming.

    A header row, then one row per decision in the given order. Justifications are included. Any identity number in
    free text is replaced with ``[redacted]``, and text that a spreadsheet would run as a formula is prefixed with
    ``'``.

    Parameters
    ----------
    rows : Iterable[ListedDecision]
        From :func:`list_decisions` or :func:`export_decisions`; consumed lazily.

    Returns
    -------
    Iterator[str]
        The CSV text with the columns of :data:`CSV_COLUMNS`, in pieces that end at a row's end (the last piece may
        be shorter).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for listed in rows:
        values = {name: getattr(listed.decision, name, None) for name in CSV_COLUMNS}
        values["model_version"] = listed.model_version
        documented = listed.documentation or {}
        values |= {column: documented.get(field) for column, field in _DOCUMENTED_AS.items()}
        if isinstance(values["considered_factors"], list):
            values["considered_factors"] = ";".join(values["considered_factors"])
        writer.writerow([_cell(values[name]) for name in CSV_COLUMNS])
        if buffer.tell() >= CSV_CHUNK_CHARS:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def decisions_csv(rows: Iterable[ListedDecision]) -> str:
    """The whole of :func:`csv_chunks` as one string, for a few rows in memory."""
    return "".join(csv_chunks(rows))
