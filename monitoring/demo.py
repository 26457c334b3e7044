"""Replay a demo population through the champion into the records (obligation: none; it makes every report have
something to show on a fresh install).

Each registration is assessed by the champion as if a counsellor had asked on the registration day, the simulated
counsellor's decision for the suggested level is recorded (with its reason when it departs), and outcomes are recorded
for registrations old enough to have one. The population file comes from ``python -m training demo-population``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConflictError, InvalidDataFileError
from models.policy import FollowUpLevel
from models.registry import LoadedModel
from models.schema import PROFILE_FIELDS, JobseekerProfile
from monitoring.records.assessments import record_assessment
from monitoring.records.decisions import record_decision
from monitoring.records.identity import person_key
from monitoring.records.outcomes import record_outcome
from monitoring.records.tables import AssessmentRow

logger = logging.getLogger(__name__)

NOT_A_DEMO_FILE = (
    "{path} is not a demo population (missing: {columns}); make one with python -m training demo-population"
)
NOT_EMPTY = (
    "the records already hold {count} assessments ({demo} of them from a demo load) and the demo loads only into "
    "empty records; to start clean, {how}"
)
DEMO_CALLER = "demo-loader"
_NO_SUGGESTION = FollowUpLevel.SITUASJONSBESTEMT_INNSATS.value


@dataclass(frozen=True)
class DemoSummary:
    assessments: int
    decisions: int
    outcomes: int
    first: dt.date
    last: dt.date


def _required(level: str) -> list[str]:
    return [f"decided_if_{level}", f"reason_if_{level}", f"justification_if_{level}"]


def check_demo_frame(frame: pd.DataFrame, path: str) -> None:
    """Refuse a file that is not a demo population, naming what it lacks."""
    needed = [*PROFILE_FIELDS, "national_id", "office", "counsellor_id", "consent", "label", *_required(_NO_SUGGESTION)]
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise InvalidDataFileError(NOT_A_DEMO_FILE.format(path=path, columns=", ".join(missing)))


def _profile(row: dict[str, object]) -> JobseekerProfile:
    values = {name: row[name] for name in PROFILE_FIELDS}
    values = {k: (None if isinstance(v, float) and np.isnan(v) else v) for k, v in values.items()}
    values["registration_date"] = pd.Timestamp(values["registration_date"]).date()
    return JobseekerProfile.model_validate(values)


def _refuse_records_in_use(sessions: sessionmaker[Session]) -> None:
    """Refuse records that hold any assessment.

    A second load would count every simulated case twice in the reports, and a load into records in use would mix
    simulated cases with real ones.
    """
    counts = select(func.count(), func.count().filter(AssessmentRow.caller == DEMO_CALLER)).select_from(AssessmentRow)
    with sessions() as session:
        count, demo = session.execute(counts).one()
        url = session.get_bind().engine.url
    if count == 0:
        return
    if url.get_backend_name() == "sqlite" and url.database:
        how = f"stop the service and delete {url.database}"
    else:
        how = "point PROFILING_DATABASE_URL at an empty database"
    raise ConflictError(NOT_EMPTY.format(count=f"{count:,}", demo=f"{demo:,}", how=how))


def load_demo(
    sessions: sessionmaker[Session],
    *,
    population: pd.DataFrame,
    champion: LoadedModel,
    person_secret: bytes,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> DemoSummary:
    """Assess, decide and (where old enough) record the outcome of every registration in ``population``.

    Raises
    ------
    ConflictError
        When the records already hold assessments, saying how to start clean.
    """
    _refuse_records_in_use(sessions)
    rng = np.random.default_rng(0)
    horizon = champion.model.horizon_months
    counts = {"assessments": 0, "decisions": 0, "outcomes": 0}
    records = population.to_dict("records")
    for i, row in enumerate(records):
        profile = _profile(row)
        at = dt.datetime.combine(profile.registration_date, dt.time(8), dt.UTC) + dt.timedelta(
            minutes=int(rng.integers(0, 480))
        )
        result = champion.model.assess(profile) if row["consent"] else None
        assessment = record_assessment(
            sessions,
            request_id=f"demo-{i}",
            caller=DEMO_CALLER,
            person_key=person_key(str(row["national_id"]), secret=person_secret),
            office=str(row["office"]),
            counsellor=str(row["counsellor_id"]),
            consent=bool(row["consent"]),
            profile=profile,
            model_name=champion.name,
            model_version=champion.version,
            assessment=result,
            language="nb",
            at=at,
        )
        level = result.level.value if result is not None else _NO_SUGGESTION
        decided, reason, justification = (row[c] for c in _required(level))
        follows = result is None or decided == level
        record_decision(
            sessions,
            assessment_id=assessment.id,
            decided_level=str(decided),
            request_id=f"demo-{i}-d",
            caller=DEMO_CALLER,
            office=str(row["office"]),
            counsellor=str(row["counsellor_id"]),
            reason_code=None if follows or reason is None else str(reason),
            justification=None if follows or justification is None else str(justification),
            at=at + dt.timedelta(minutes=int(rng.integers(5, 60))),
        )
        counts["assessments"] += 1
        counts["decisions"] += 1
        label = row["label"]
        if isinstance(label, float) and not np.isnan(label):
            observed = profile.registration_date + dt.timedelta(days=round(horizon * 30.44))
            record_outcome(
                sessions,
                horizon_months=horizon,
                employed=label == 0.0,
                observed_on=observed,
                source="demo",
                caller=DEMO_CALLER,
                assessment_id=assessment.id,
                at=dt.datetime.combine(observed, dt.time(6), dt.UTC),
            )
            counts["outcomes"] += 1
        progress(i + 1, len(records))
    dates = pd.to_datetime(population["registration_date"])
    return DemoSummary(**counts, first=dates.min().date(), last=dates.max().date())
