"""Lists of cases by state (obligation: human oversight): a counsellor's own office's cases, an approver's queue, an
auditor's list of assessments that never got a decision.

A case's state is stored nowhere (:mod:`monitoring.records.case_state`), so a list reads the assessments in the period
and office, folds each one's decisions and events into its state, and filters and pages the result. The cost grows
with the assessments of one office in the period asked for, not with the whole records.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Row, select
from sqlalchemy.orm import Session, sessionmaker

from monitoring.records.case_state import CaseState, recorded_blind_first, state_of
from monitoring.records.db import storage_errors
from monitoring.records.tables import AssessmentRow, DecisionRow, EventRow

IDS_PER_QUERY = 500
"""Assessment ids per ``IN (...)`` when their records are read (well under every database's parameter limit)."""


@dataclass(frozen=True)
class CaseSummary:
    """One case as a list shows it."""

    assessment_id: str
    created_at: dt.datetime
    office: str
    counsellor: str
    state: CaseState
    blind_first: bool
    decided_level: str | None
    decided_by: str | None
    updated_at: dt.datetime


def list_cases(
    sessions: sessionmaker[Session],
    *,
    office: str | None,
    states: Iterable[CaseState] | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[CaseSummary], int]:
    """The cases assessed in ``[since, until)`` at ``office`` (every office for ``None``) in one of ``states``.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    office : str or None
        A counsellor's office; ``None`` for every office (auditors).
    states : Iterable[CaseState] or None
        Keep cases in these states; every state for ``None``.
    since, until : datetime.datetime or None
        The period of the assessments (timezone-aware), open where ``None``.
    limit, offset : int
        The page.

    Returns
    -------
    tuple[list[CaseSummary], int]
        The page, newest assessment first, and how many cases match in all.

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    wanted = frozenset(states) if states is not None else frozenset(CaseState)
    query = select(AssessmentRow.id, AssessmentRow.created_at, AssessmentRow.office, AssessmentRow.counsellor)
    if office is not None:
        query = query.where(AssessmentRow.office == office)
    if since is not None:
        query = query.where(AssessmentRow.created_at >= since)
    if until is not None:
        query = query.where(AssessmentRow.created_at < until)
    query = query.order_by(AssessmentRow.created_at.desc(), AssessmentRow.id)
    with storage_errors(), sessions() as session:
        assessments = session.execute(query).all()
        records = _records(session, [a.id for a in assessments])
    matching = []
    for assessment in assessments:
        summary = _summary(assessment, records.get(assessment.id, []))
        if summary.state in wanted:
            matching.append(summary)
    return matching[offset : offset + limit], len(matching)


def _records(session: Session, ids: Sequence[str]) -> dict[str, list[DecisionRow | EventRow]]:
    """Every decision and event on the assessments, by assessment, oldest first."""
    found: dict[str, list[DecisionRow | EventRow]] = defaultdict(list)
    for start in range(0, len(ids), IDS_PER_QUERY):
        chunk = ids[start : start + IDS_PER_QUERY]
        found_rows: list[DecisionRow | EventRow] = [
            *session.scalars(select(DecisionRow).where(DecisionRow.assessment_id.in_(chunk))),
            *session.scalars(select(EventRow).where(EventRow.assessment_id.in_(chunk))),
        ]
        for row in found_rows:
            found[str(row.assessment_id)].append(row)
    for rows in found.values():
        rows.sort(key=lambda row: row.seq)
    return found


def _summary(assessment: Row[str, dt.datetime, str, str], records: list[DecisionRow | EventRow]) -> CaseSummary:
    decision = next((r for r in reversed(records) if isinstance(r, DecisionRow)), None)
    return CaseSummary(
        assessment_id=assessment.id,
        created_at=assessment.created_at,
        office=assessment.office,
        counsellor=assessment.counsellor,
        state=state_of(records),
        blind_first=recorded_blind_first(records),
        decided_level=decision.decided_level if decision is not None else None,
        decided_by=decision.counsellor if decision is not None else None,
        updated_at=records[-1].created_at if records else assessment.created_at,
    )
