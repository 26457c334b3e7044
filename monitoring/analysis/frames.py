"""Records as DataFrames for the reports (obligations: post-market monitoring, record-keeping).

One row per assessment in a window, with the profile flattened into columns, the latest decision on it, and the
outcome at the model's horizon when one has been recorded (by assessment id, or by person key for outcomes that came
without one). The identity number is not in the records, so it cannot be in a frame either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

import numpy as np
import orjson
import pandas as pd
from sqlalchemy import Select, func, select, type_coerce
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.types import NullType

from models.features import FeatureSpec
from models.schema import PROFILE_FIELDS
from monitoring.records.db import storage_errors
from monitoring.records.tables import AssessmentRow, DecisionRow, OutcomeRow

CHUNK_ROWS = 100_000
_Query = TypeVar("_Query", bound="Select[*tuple[Any, ...]]")
_CODED = tuple(f.name for f in FeatureSpec.default(protected_as_features=True).features if f.is_categorical)

FRAME_COLUMNS = (
    "id",
    "created_at",
    "office",
    "counsellor",
    "model_name",
    "model_version",
    "policy_version",
    "consent",
    "risk",
    "lower",
    "upper",
    "suggested_level",
    "decided_level",
    "follows_suggestion",
    "reason_code",
    "label",
)


def _raw(column: Any) -> Any:
    """The driver's value as it is (text on SQLite, parsed on PostgreSQL): no per-row conversion by SQLAlchemy."""
    return type_coerce(column, NullType()).label(column.key)


def in_window(stmt: _Query, since: dt.datetime | None, until: dt.datetime | None, office: str | None) -> _Query:
    """Restrict a select on assessments to ``created_at`` in ``[since, until)`` and one office (each optional)."""
    if since is not None:
        stmt = stmt.where(AssessmentRow.created_at >= since)
    if until is not None:
        stmt = stmt.where(AssessmentRow.created_at < until)
    if office is not None:
        stmt = stmt.where(AssessmentRow.office == office)
    return stmt


def assessment_frame(
    sessions: sessionmaker[Session],
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    office: str | None = None,
    horizon_months: int = 12,
) -> pd.DataFrame:
    """Assessments created in ``[since, until)`` (optionally one office) with decision and outcome.

    Parameters
    ----------
    sessions
        From :func:`monitoring.records.db.session_factory`.
    since, until
        The window on ``created_at`` (timezone-aware); open when ``None``.
    office
        Only this office.
    horizon_months
        Which outcomes count as the label: 1.0 = still without work at this horizon, 0.0 = in work, NaN = unknown.

    Returns
    -------
    pandas.DataFrame
        ``FRAME_COLUMNS`` plus the profile fields (``registration_date`` as datetime64).
    """
    latest = (
        select(DecisionRow.assessment_id, func.max(DecisionRow.seq).label("seq"))
        .group_by(DecisionRow.assessment_id)
        .subquery()
    )
    stmt = in_window(
        select(
            AssessmentRow.id,
            _raw(AssessmentRow.created_at),
            AssessmentRow.office,
            AssessmentRow.counsellor,
            AssessmentRow.model_name,
            AssessmentRow.model_version,
            AssessmentRow.policy_version,
            AssessmentRow.consent,
            AssessmentRow.risk,
            AssessmentRow.lower,
            AssessmentRow.upper,
            AssessmentRow.suggested_level,
            AssessmentRow.person_key,
            _raw(AssessmentRow.profile),
            DecisionRow.decided_level,
            DecisionRow.follows_suggestion,
            DecisionRow.reason_code,
        )
        .outerjoin(latest, latest.c.assessment_id == AssessmentRow.id)
        .outerjoin(DecisionRow, DecisionRow.seq == latest.c.seq),
        since,
        until,
        office,
    )
    outcomes_stmt = select(
        OutcomeRow.assessment_id, OutcomeRow.person_key, OutcomeRow.employed, OutcomeRow.observed_on
    ).where(OutcomeRow.horizon_months == horizon_months)
    with storage_errors(), sessions() as session:
        connection = session.connection()  # Core rows, streamed in chunks: a million records stay affordable
        result = connection.execution_options(stream_results=True, yield_per=CHUNK_ROWS).execute(stmt)
        chunks = [_chunk_frame(rows) for rows in result.partitions()]
        outcomes = pd.DataFrame(
            connection.execute(outcomes_stmt).all(), columns=["assessment_id", "person_key", "employed", "observed_on"]
        )
    columns = [*FRAME_COLUMNS[:15], "person_key", *PROFILE_FIELDS]
    frame = pd.concat(chunks, ignore_index=True) if chunks else pd.DataFrame(columns=columns)
    frame["label"] = _labels(frame, outcomes)
    return frame.drop(columns=["person_key"])


def _chunk_frame(rows: Sequence[Any]) -> pd.DataFrame:
    """One chunk of rows as a frame; repeated codes share one string object, so a million rows stay small."""
    frame = pd.DataFrame(rows, columns=[*FRAME_COLUMNS[:12], "person_key", "profile", *FRAME_COLUMNS[12:15]])
    parsed = [orjson.loads(p) if isinstance(p, str | bytes) else p for p in frame.pop("profile")]
    profiles = pd.DataFrame.from_records(parsed, columns=list(PROFILE_FIELDS), index=frame.index)
    frame = frame.join(profiles)
    for name in (*_CODED, "suggested_level", "decided_level", "reason_code", "office", "counsellor", "model_version"):
        frame[name] = frame[name].astype("category").astype(object)
    frame["registration_date"] = pd.to_datetime(frame["registration_date"])
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    return frame


def _labels(frame: pd.DataFrame, outcomes: pd.DataFrame) -> np.ndarray:
    """1.0 when the latest outcome says "not in work", 0.0 when "in work", NaN when none was recorded."""
    label = pd.Series(np.nan, index=frame.index)
    if outcomes.empty:
        return np.asarray(label.to_numpy(), dtype=np.float64)
    outcomes = outcomes.sort_values("observed_on")
    not_employed = (~outcomes["employed"].astype(bool)).astype(float)
    by_assessment = not_employed[outcomes["assessment_id"].notna()].groupby(outcomes["assessment_id"]).last()
    by_person = not_employed[outcomes["assessment_id"].isna()].groupby(outcomes["person_key"]).last()
    label = frame["id"].map(by_assessment)
    return np.asarray(label.fillna(frame["person_key"].map(by_person)), dtype=np.float64)
