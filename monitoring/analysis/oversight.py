"""Human oversight in the life of a case (obligations: human oversight and automation bias, AI Act Art. 14; the right
to contest, GDPR Art. 22(3) and forvaltningsloven § 28).

Three questions about the workflow of ``shared/domain/oversight-and-evaluation.md``, answered from the chained records
of the cases assessed in a period (``created_at`` of the assessment, as every other section counts), by the case's
office:

- blind-first: does the suggestion move counsellors? Each case with a provisional level and a decision after it is one
  transition, from the provisional level to the first decision after it (the one made once the suggestion was shown).
  The final level *moved toward the suggestion* when it is closer to it, in the order of intensity, than the
  provisional level was; the share counts among the cases whose provisional level differed from the suggestion, the
  only ones that could move toward it.
- second approver: of the decisions on a permanent level, how many were approved, returned, or await the approver
  (neither), and the median time from the decision to its approval.
- objections: how many jobseekers objected, how the reviews ended (upheld, superseded, or still open), and the median
  time from the day the objection was received to the day of its review.

Offices are listed by their code, never ranked by a share. Shares carry Wilson intervals
(:mod:`monitoring.analysis.intervals`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, sessionmaker

from models.texts import LEVEL_TEXTS, text
from monitoring.analysis.frames import in_window
from monitoring.analysis.intervals import wilson_interval
from monitoring.analysis.json_tables import json_records
from monitoring.analysis.levels import LEVELS, level_index
from monitoring.records.case_state import NEEDS_APPROVAL
from monitoring.records.db import storage_errors
from monitoring.records.kinds import EventKind, ReviewOutcome
from monitoring.records.tables import AssessmentRow, DecisionRow, EventRow

ALL_OFFICES = "all"
"""The office column's value in the row that sums every office."""
OPEN = "open"
"""The outcome of an objection not reviewed yet."""
ABOUT = {
    "blind_first": (
        "How often counsellors who recorded a provisional level before seeing the suggestion changed it once the "
        "suggestion was shown, and how often they moved toward it."
    ),
    "approvals": (
        "How decisions on a permanent level fared with the second approver: approved, returned to the counsellor, or "
        "still awaiting approval, and how long approval took."
    ),
    "objections": (
        "How many jobseekers objected to a decision, how the reviews by another counsellor ended, and how long a "
        "review took."
    ),
}
"""The sentence that opens each section."""

_KINDS = (EventKind.PROVISIONAL_LEVEL, EventKind.APPROVAL, EventKind.RETURN, EventKind.OBJECTION, EventKind.REVIEW)
_DAY = pd.Timedelta(days=1)


@dataclass(frozen=True)
class OversightResult:
    """The three sections; every table has one row per office (by code) after a first row for all offices.

    Attributes
    ----------
    blind_first : pandas.DataFrame
        ``transitions``, ``changed`` (final level differs from the provisional one) and ``changed_share``,
        ``disagreed`` (provisional level differs from the suggestion), ``moved_toward`` and ``toward_share`` with
        its interval ``toward_low``, ``toward_high``.
    transitions : pandas.DataFrame
        Counts of provisional (rows) × final (columns) levels, all five levels in order of intensity.
    approvals : pandas.DataFrame
        ``needing_approval``, ``approved``, ``returned``, ``pending`` and ``median_days_to_approval``.
    objections : pandas.DataFrame
        ``objections``, ``upheld``, ``superseded``, ``open`` and ``median_days_to_review``.
    """

    blind_first: pd.DataFrame
    transitions: pd.DataFrame
    approvals: pd.DataFrame
    objections: pd.DataFrame

    @property
    def json(self) -> dict[str, dict[str, Any]]:
        """Each section as JSON: its sentence, the row for all offices and the rows by office."""
        sections = {"blind_first": self.blind_first, "approvals": self.approvals, "objections": self.objections}
        document = {
            name: {"about": ABOUT[name], "overall": json_records(table)[0], "by_office": json_records(table.iloc[1:])}
            for name, table in sections.items()
        }
        document["blind_first"]["transitions"] = [
            {"provisional": provisional, "final": final, "n": int(n)}
            for (provisional, final), n in self.transitions.stack().items()
            if n
        ]
        return document

    @property
    def tables(self) -> dict[str, dict[str, pd.DataFrame]]:
        """Each section's tables for an HTML page, keyed by a short title; levels by their English label."""
        labels = {code: text(LEVEL_TEXTS, code, "en").split(":")[0] for code in LEVELS}
        matrix = self.transitions.rename(index=labels, columns=labels).rename_axis(
            index="provisional \\ final", columns=None
        )
        return {
            "blind_first": {"by office": self.blind_first, "provisional → final level": matrix.reset_index()},
            "approvals": {"by office": self.approvals},
            "objections": {"by office": self.objections},
        }


def oversight_report(
    sessions: sessionmaker[Session],
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    office: str | None = None,
    confidence: float = 0.95,
) -> OversightResult:
    """Blind-first transitions, approvals and objections of the cases assessed in ``[since, until)``.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    since, until : datetime.datetime or None
        The period, on the assessments' ``created_at`` (timezone-aware); open when ``None``.
    office : str or None
        Only this office's cases.
    confidence : float, default 0.95
        Coverage of the intervals.

    Returns
    -------
    OversightResult
        The three sections' tables.

    Raises
    ------
    InvalidInputError
        If ``confidence`` is not in (0, 1) or a record holds a level that is not a follow-up level.
    StorageUnavailableError
        When the database cannot be reached.
    """
    events, decisions = _read(sessions, since, until, office)
    kind = events["kind"]
    provisional, objections = events[kind == EventKind.PROVISIONAL_LEVEL], events[kind == EventKind.OBJECTION]
    transitions = _first_after(provisional, decisions, "decided_level")
    return OversightResult(
        blind_first=per_office(_moves(transitions), lambda rows: _blind_first(rows, confidence)),
        transitions=_matrix(transitions),
        approvals=per_office(_approvals(decisions, events), _approval_counts),
        objections=per_office(_first_after(objections, events[kind == EventKind.REVIEW], "payload"), _review_counts),
    )


def _read(
    sessions: sessionmaker[Session], since: dt.datetime | None, until: dt.datetime | None, office: str | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The workflow's events, and the decisions that the sections read, of the cases in the window."""
    events = in_window(
        select(
            EventRow.assessment_id,
            AssessmentRow.office,
            AssessmentRow.suggested_level,
            EventRow.kind,
            EventRow.seq,
            EventRow.created_at,
            EventRow.payload,
        )
        .join(AssessmentRow, EventRow.assessment_id == AssessmentRow.id)
        .where(EventRow.kind.in_([str(k) for k in _KINDS])),
        since,
        until,
        office,
    )
    watched = select(EventRow.assessment_id).where(EventRow.kind == str(EventKind.PROVISIONAL_LEVEL))
    decisions = in_window(
        select(
            DecisionRow.id,
            DecisionRow.assessment_id,
            DecisionRow.seq,
            DecisionRow.created_at,
            DecisionRow.decided_level,
            AssessmentRow.office,
        )
        .join(AssessmentRow, DecisionRow.assessment_id == AssessmentRow.id)
        .where(
            or_(
                DecisionRow.decided_level.in_([str(level) for level in NEEDS_APPROVAL]),
                DecisionRow.assessment_id.in_(watched),
            )
        ),
        since,
        until,
        office,
    )
    with storage_errors(), sessions() as session:
        event_rows = session.execute(events).all()
        decision_rows = session.execute(decisions).all()
    event_frame = pd.DataFrame(
        event_rows, columns=["assessment_id", "office", "suggested_level", "kind", "seq", "created_at", "payload"]
    )
    decision_frame = pd.DataFrame(
        decision_rows, columns=["id", "assessment_id", "seq", "created_at", "decided_level", "office"]
    )
    for frame in (event_frame, decision_frame):
        frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    return event_frame, decision_frame


def _first_after(firsts: pd.DataFrame, laters: pd.DataFrame, column: str) -> pd.DataFrame:
    """``firsts`` with ``column`` and ``created_at`` (as ``later_at``) of the first of ``laters`` on the same case
    after each (missing where there is none).
    """
    later = laters[["assessment_id", "seq", "created_at", column]].rename(
        columns={"seq": "later_seq", "created_at": "later_at", column: "later"}
    )
    pairs = firsts.merge(later, on="assessment_id")
    pairs = pairs[pairs["later_seq"] > pairs["seq"]].sort_values("later_seq").drop_duplicates("seq")
    return firsts.merge(pairs[["seq", "later", "later_at"]], on="seq", how="left")


def _moves(transitions: pd.DataFrame) -> pd.DataFrame:
    """One row per provisional level with a final level: whether it changed, disagreed and moved toward."""
    rows = transitions[transitions["later"].notna()]
    provisional = level_index(rows["payload"].map(lambda payload: payload["level"]))
    final, suggested = level_index(rows["later"]), level_index(rows["suggested_level"])
    disagreed = (suggested >= 0) & (provisional != suggested)
    toward = disagreed & (np.abs(final - suggested) < np.abs(provisional - suggested))
    return pd.DataFrame(
        {"office": rows["office"], "changed": final != provisional, "disagreed": disagreed, "toward": toward}
    )


def _blind_first(rows: pd.DataFrame, confidence: float) -> dict[str, Any]:
    changed, disagreed, toward = (int(rows[c].sum()) for c in ("changed", "disagreed", "toward"))
    low, high = wilson_interval(toward, disagreed, confidence=confidence)
    return {
        "transitions": len(rows),
        "changed": changed,
        "changed_share": changed / len(rows) if len(rows) else np.nan,
        "disagreed": disagreed,
        "moved_toward": toward,
        "toward_share": toward / disagreed if disagreed else np.nan,
        "toward_low": low,
        "toward_high": high,
    }


def _matrix(transitions: pd.DataFrame) -> pd.DataFrame:
    rows = transitions[transitions["later"].notna()]
    provisional = rows["payload"].map(lambda payload: payload["level"])
    counts = pd.crosstab(pd.Categorical(provisional, LEVELS), pd.Categorical(rows["later"], LEVELS), dropna=False)
    return counts.rename_axis(index="provisional", columns="final").astype(np.int64)


def _approvals(decisions: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Each decision on a permanent level, with when it was approved and whether it was returned."""
    permanent = decisions[decisions["decided_level"].isin([str(level) for level in NEEDS_APPROVAL])]
    named = events["payload"].map(lambda payload: payload.get("decision_id"))
    approved_at = events["created_at"][events["kind"] == EventKind.APPROVAL].groupby(named).min()
    returned = set(named[events["kind"] == EventKind.RETURN])
    return pd.DataFrame(
        {
            "office": permanent["office"],
            "approved_at": permanent["id"].map(approved_at),
            "returned": permanent["id"].isin(returned),
            "days": (permanent["id"].map(approved_at) - permanent["created_at"]) / _DAY,
        }
    )


def _approval_counts(rows: pd.DataFrame) -> dict[str, Any]:
    approved, returned = int(rows["approved_at"].notna().sum()), int(rows["returned"].sum())
    return {
        "needing_approval": len(rows),
        "approved": approved,
        "returned": returned,
        "pending": len(rows) - approved - returned,
        "median_days_to_approval": rows["days"].median(),
    }


def _review_counts(rows: pd.DataFrame) -> dict[str, Any]:
    outcome = rows["later"].map(lambda payload: payload["outcome"], na_action="ignore").fillna(OPEN)
    received = pd.to_datetime(rows["payload"].map(lambda payload: payload["received_on"]))
    days = (rows["later_at"].dt.tz_localize(None).dt.normalize() - received) / _DAY
    return {
        "objections": len(rows),
        **{str(name): int((outcome == name).sum()) for name in (*ReviewOutcome, OPEN)},
        "median_days_to_review": days.median(),
    }


def per_office(rows: pd.DataFrame, summary: Callable[[pd.DataFrame], dict[str, Any]]) -> pd.DataFrame:
    """``summary`` of all rows, then of each office's rows, offices in order of their code."""
    table = [{"office": ALL_OFFICES, **summary(rows)}]
    table += [{"office": office, **summary(group)} for office, group in rows.groupby("office", sort=True)]
    return pd.DataFrame(table)
