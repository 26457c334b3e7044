"""Listing and exporting decisions for auditors and the override monitor (obligations: audit trail, transparency).

Decisions are listed newest first with the model version of the assessment they were made on, filtered by time,
office, counsellor, model version, level or overrides only, one page at a time. The CSV export includes the
counsellors' justifications (auditors need them) and never an identity number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, sessionmaker

from models.errors import InvalidInputError
from models.national_id import redact_national_ids
from monitoring.records.db import storage_errors
from monitoring.records.tables import AssessmentRow, DecisionRow

MAX_LIMIT = 10_000
BAD_PAGE = f"limit must lie in 1..{MAX_LIMIT} and offset must not be negative"
NAIVE_TIME = "since and until must be timezone-aware"

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
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ListedDecision:
    """A decision with the model that produced the assessment it was made on."""

    decision: DecisionRow
    model_name: str
    model_version: str


def list_decisions(
    sessions: sessionmaker[Session],
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    office: str | None = None,
    counsellor: str | None = None,
    model_version: str | None = None,
    level: str | None = None,
    overrides_only: bool = False,
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[ListedDecision], int]:
    """Decisions that match the filters, newest first, one page at a time.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    since, until : datetime or None
        Timezone-aware bounds on the decision time: ``since <= created_at < until``.
    office, counsellor, model_version, level : str or None
        Exact matches; ``model_version`` is the assessment's, ``level`` the decided level.
    overrides_only : bool
        Only decisions that depart from a suggestion.
    limit, offset : int
        The page: ``1 <= limit <= 10000``, ``offset >= 0``.

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
        raise InvalidInputError(BAD_PAGE)
    if any(bound is not None and bound.tzinfo is None for bound in (since, until)):
        raise InvalidInputError(NAIVE_TIME)
    equal = (
        (DecisionRow.office, office),
        (DecisionRow.counsellor, counsellor),
        (AssessmentRow.model_version, model_version),
        (DecisionRow.decided_level, level),
    )
    conditions: list[ColumnElement[bool]] = [column == value for column, value in equal if value is not None]
    if since is not None:
        conditions.append(DecisionRow.created_at >= since)
    if until is not None:
        conditions.append(DecisionRow.created_at < until)
    if overrides_only:
        conditions.append(DecisionRow.follows_suggestion.is_(False))
    on_assessment = DecisionRow.assessment_id == AssessmentRow.id
    page = (
        select(DecisionRow, AssessmentRow.model_name, AssessmentRow.model_version)
        .join(AssessmentRow, on_assessment)
        .where(*conditions)
        .order_by(DecisionRow.seq.desc())
        .limit(limit)
        .offset(offset)
    )
    count = select(func.count()).select_from(DecisionRow).join(AssessmentRow, on_assessment).where(*conditions)
    with storage_errors(), sessions() as session:
        total = session.scalar(count) or 0
        rows = [ListedDecision(decision, name, version) for decision, name, version in session.execute(page)]
    return rows, total


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, str):
        value = redact_national_ids(value)
        return "'" + value if value.startswith(_FORMULA_START) else value
    return value


def decisions_csv(rows: Iterable[ListedDecision]) -> str:
    """Decisions as CSV for auditors: a header row, then one row per decision in the given order.

    Justifications are included. Any identity number in free text is replaced with ``[redacted]``, and text that a
    spreadsheet would run as a formula is prefixed with ``'``.

    Parameters
    ----------
    rows : Iterable[ListedDecision]
        From :func:`list_decisions`.

    Returns
    -------
    str
        The CSV text with the columns of :data:`CSV_COLUMNS`.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for listed in rows:
        values = {name: getattr(listed.decision, name, None) for name in CSV_COLUMNS}
        values["model_version"] = listed.model_version
        writer.writerow([_cell(values[name]) for name in CSV_COLUMNS])
    return buffer.getvalue()
