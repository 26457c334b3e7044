"""Time from registration to the decision on the follow-up level (obligation: good administration; the source
documents ask that the need for follow-up be decided soon after registration).

For each assessment of a period with a decision, the days from the registration date (the profile's) to the first
decision on it (later decisions — after a return, an objection — are revisions, not the first answer). Reported as
quantiles overall and by office, and as a histogram in fixed bands for the report's chart.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from monitoring.analysis.frame_checks import require_columns
from monitoring.analysis.json_tables import json_records
from monitoring.records.db import storage_errors
from monitoring.records.tables import DecisionRow

DAY_BANDS: tuple[int, ...] = (0, 8, 15, 31, 61, 91, 181)
"""Lower ends of the histogram's bands in days: 0–7, 8–14, 15–30, 31–60, 61–90, 91–180, 181 and more."""


def first_decision_times(sessions: sessionmaker[Session], ids: pd.Series) -> pd.Series:
    """The time of the first decision on each assessment id (NaT where there is none), indexed like ``ids``."""
    stmt = select(DecisionRow.assessment_id, func.min(DecisionRow.created_at)).group_by(DecisionRow.assessment_id)
    with storage_errors(), sessions() as session:
        first = {assessment_id: at for assessment_id, at in session.execute(stmt)}
    return pd.to_datetime(ids.map(first), utc=True)


def days_to_decision(frame: pd.DataFrame, decided_at: pd.Series) -> pd.DataFrame:
    """Whole days from ``registration_date`` to ``decided_at`` per decided assessment, with its ``office``.

    Raises
    ------
    InvalidInputError
        If ``registration_date`` or ``office`` is missing.
    """
    require_columns(frame, ["registration_date", "office"], purpose="time to decision")
    registered = pd.to_datetime(frame["registration_date"]).dt.tz_localize(None)
    days = (decided_at.dt.tz_localize(None).dt.normalize() - registered.dt.normalize()).dt.days
    decided = days.notna()
    return pd.DataFrame({"office": frame.loc[decided, "office"], "days": days[decided].astype(np.int64)})


def time_to_decision_section(days: pd.DataFrame) -> dict[str, Any]:
    """The report's ``time_to_decision`` section: quantiles overall and by office, and the histogram by band."""
    labels = [f"{low}–{high - 1}" for low, high in pairwise(DAY_BANDS)] + [f"{DAY_BANDS[-1]}+"]
    band = np.searchsorted(np.asarray(DAY_BANDS), days["days"].to_numpy(), side="right") - 1
    counts = np.bincount(np.clip(band, 0, None), minlength=len(DAY_BANDS))
    return {
        "overall": json_records(_quantiles(days.assign(office="all")))[0] if len(days) else None,
        "histogram": [{"days": label, "n": int(n)} for label, n in zip(labels, counts, strict=True)],
        "by_office": json_records(_quantiles(days)),
    }


def _quantiles(days: pd.DataFrame) -> pd.DataFrame:
    grouped = days.groupby("office", sort=True)["days"]
    table = pd.DataFrame({"n": grouped.size(), "median_days": grouped.median(), "p90_days": grouped.quantile(0.9)})
    return table.reset_index()
