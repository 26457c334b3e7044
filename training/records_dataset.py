"""A training set from what the service has seen: assessments joined to their outcomes at the horizon.

Each row is one assessment made in ``[since, until)`` with the jobseeker's consent to profiling: the profile as it was
recorded, ``label`` (1 = still without work at the horizon, 0 = in work) from the outcome recorded at that horizon
(for the assessment, or for the person when it came without one; the latest observation counts) and the decided
level as the treatment (``decided_level``, the latest decision; empty when none was recorded), with the suggestion and
the model version that made it. Assessments without consent are left out (their data was not given for profiling),
and so are censored ones, whose outcome at the horizon is not (yet) recorded; both are counted.

Selective labels: the outcome depends on the follow-up the person got, so a model trained on these rows learns the
risk *given the follow-up that was given* (``shared/domain/oversight-and-evaluation.md``). The treatment column is
kept so that this can be analysed; it is not a feature. The file carries where it came from (:data:`SOURCE_KEY` in
the frame's ``attrs``, stored in the Parquet file), which ``train --data`` puts in the model card.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models.errors import InvalidInputError
from models.schema import PROFILE_FIELDS
from monitoring.records.db import storage_errors
from monitoring.records.tables import AssessmentRow, DecisionRow, OutcomeRow
from training.data import LABEL

SOURCE_KEY = "profiling_source"
"""The key in a frame's ``attrs`` (and so in its Parquet file) that describes a training set from the records."""
TREATMENT = "decided_level"
CONTEXT_COLUMNS = ("assessed_at", "suggested_level", TREATMENT, "model_version")
EMPTY_PERIOD = "until ({until}) must be after since ({since})"


@dataclass(frozen=True)
class RecordsSource:
    """Where a training set from the records came from, and what was left out."""

    since: str
    until: str
    horizon_months: int
    assessments: int
    without_consent: int
    censored: int
    rows: int

    def describe(self) -> str:
        """One paragraph for the model card's data section."""
        return (
            f"The service's own records: assessments made from {self.since} up to {self.until} (exclusive), joined "
            f"to their outcomes at {self.horizon_months} months. {self.assessments} assessments; left out: "
            f"{self.without_consent} without consent to profiling and {self.censored} censored (no outcome at the "
            f"horizon yet); {self.rows} rows used. Selective labels: these outcomes depend on the follow-up each "
            "person was given (the decided level, kept as the treatment column), so the model learns the risk given "
            "the follow-up that was given, not the risk without help."
        )


def source_of(frame: pd.DataFrame) -> RecordsSource | None:
    """The source a training set from the records carries, or ``None`` for any other frame."""
    stored = frame.attrs.get(SOURCE_KEY)
    return RecordsSource(**stored) if isinstance(stored, dict) else None


def records_dataset(
    sessions: sessionmaker[Session], *, since: dt.date, until: dt.date, horizon_months: int = 12
) -> tuple[pd.DataFrame, RecordsSource]:
    """The training set of the assessments made in ``[since, until)`` (UTC days), described in the module docstring.

    Returns
    -------
    tuple[pandas.DataFrame, RecordsSource]
        The profile columns, ``label`` and :data:`CONTEXT_COLUMNS`, oldest assessment first, and where they came from
        (also in the frame's ``attrs`` under :data:`SOURCE_KEY`, so that the Parquet file carries it).

    Raises
    ------
    InvalidInputError
        When ``until`` is not after ``since``.
    StorageUnavailableError
        When the database cannot be reached.
    """
    if until <= since:
        raise InvalidInputError(EMPTY_PERIOD.format(since=since, until=until))
    start, end = (dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) for day in (since, until))
    latest = (
        select(DecisionRow.assessment_id, func.max(DecisionRow.seq).label("seq"))
        .group_by(DecisionRow.assessment_id)
        .subquery()
    )
    assessments = (
        select(
            AssessmentRow.id,
            AssessmentRow.created_at,
            AssessmentRow.person_key,
            AssessmentRow.consent,
            AssessmentRow.profile,
            AssessmentRow.suggested_level,
            AssessmentRow.model_version,
            DecisionRow.decided_level,
        )
        .outerjoin(latest, latest.c.assessment_id == AssessmentRow.id)
        .outerjoin(DecisionRow, DecisionRow.seq == latest.c.seq)
        .where(AssessmentRow.created_at >= start, AssessmentRow.created_at < end)
        .order_by(AssessmentRow.created_at, AssessmentRow.id)
    )
    outcomes = select(OutcomeRow.assessment_id, OutcomeRow.person_key, OutcomeRow.employed).where(
        OutcomeRow.horizon_months == horizon_months
    )
    with storage_errors(), sessions() as session:
        rows = session.execute(assessments).all()
        observed = session.execute(outcomes.order_by(OutcomeRow.observed_on, OutcomeRow.created_at)).all()
    by_assessment = {o.assessment_id: not o.employed for o in observed if o.assessment_id is not None}
    by_person = {o.person_key: not o.employed for o in observed if o.assessment_id is None}
    consented = [r for r in rows if r.consent]
    kept: list[dict[str, Any]] = []
    for row in consented:
        without_work = by_assessment.get(row.id, by_person.get(row.person_key))
        if without_work is None:
            continue
        context = (row.created_at, row.suggested_level, row.decided_level, row.model_version)
        kept.append({**row.profile, LABEL: float(without_work), **dict(zip(CONTEXT_COLUMNS, context, strict=True))})
    frame = pd.DataFrame(kept, columns=[*PROFILE_FIELDS, LABEL, *CONTEXT_COLUMNS])
    frame["registration_date"] = pd.to_datetime(frame["registration_date"])
    source = RecordsSource(
        since=since.isoformat(),
        until=until.isoformat(),
        horizon_months=horizon_months,
        assessments=len(rows),
        without_consent=len(rows) - len(consented),
        censored=len(consented) - len(kept),
        rows=len(kept),
    )
    frame.attrs[SOURCE_KEY] = asdict(source)
    return frame, source
