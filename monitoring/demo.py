"""Replay a demo population through the champion into the records (obligation: none; it makes every report have
something to show on a fresh install).

Each registration is assessed by the champion as if a counsellor had asked on the registration day; in a blind-first
office the counsellor first records a provisional level. The rest of the case, from the simulated counsellor's decision
for the suggested level to approvals, objections and reviews, follows as the file tells it
(:class:`monitoring.demo_case.DemoCase`), and outcomes are recorded for registrations old enough to have one, under the
counsellor's decided level (a review that supersedes it later does not change the outcome). The population file comes
from ``python -m training demo-population``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models.demo_file import CASE_COLUMNS, DOCUMENTATION_COLUMNS, TRIAL_COLUMNS
from models.errors import ConflictError, InvalidDataFileError
from models.policy import FollowUpLevel
from models.registry import LoadedModel
from models.schema import PROFILE_FIELDS, JobseekerProfile
from monitoring.demo_case import DEMO_CALLER, DemoCase
from monitoring.demo_trial import DemoTrial
from monitoring.records.assessments import record_assessment
from monitoring.records.identity import person_key
from monitoring.records.kinds import EventKind
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
_NO_SUGGESTION = FollowUpLevel.SITUASJONSBESTEMT_INNSATS.value
_LOOK = dt.timedelta(minutes=2)
"""Blind-first: from the assessment to the provisional level (a decision follows 5 to 60 minutes after it)."""
_DRAW = dt.timedelta(minutes=4)
"""A trial: from the assessment to the draw, before the decision."""


@dataclass(frozen=True)
class DemoSummary:
    assessments: int
    decisions: int
    events: int
    outcomes: int
    first: dt.date
    last: dt.date


def _required(level: str) -> list[str]:
    return [f"decided_if_{level}", f"reason_if_{level}", f"justification_if_{level}"]


def check_demo_frame(frame: pd.DataFrame, path: str) -> None:
    """Refuse a file that is not a demo population, naming what it lacks."""
    needed = [
        *PROFILE_FIELDS,
        *("national_id", "office", "counsellor_id", "consent", "label"),
        *_required(_NO_SUGGESTION),
        *(f"label_if_{level}" for level in FollowUpLevel),
        *CASE_COLUMNS,
        *DOCUMENTATION_COLUMNS,
        *TRIAL_COLUMNS,
    ]
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
    """Assess and decide every registration in ``population``, replay the rest of its case up to the extract date,
    and record its outcome where old enough.

    Raises
    ------
    ConflictError
        When the records already hold assessments, saying how to start clean.
    """
    _refuse_records_in_use(sessions)
    rng = np.random.default_rng(0)
    horizon = champion.model.horizon_months
    cutoff = dt.datetime.combine(pd.Timestamp(population["extract_date"].max()).date(), dt.time(), dt.UTC)
    counts: Counter[str] = Counter()
    records = population.to_dict("records")
    trial = DemoTrial.of(sessions, population, caller=DEMO_CALLER)
    for i, row in enumerate(records):
        profile = _profile(row)
        at = dt.datetime.combine(profile.registration_date, dt.time(8), dt.UTC) + dt.timedelta(
            minutes=int(rng.integers(0, 480))
        )
        result = champion.model.assess(profile) if row["consent"] else None
        blind = result is not None and row["provisional_level"] is not None
        counsellor = str(row["counsellor_id"])
        in_trial = result is not None and trial.takes_part(row, profile.registration_date)
        if in_trial and trial.enrol(at):
            counts["events"] += 1
        assessment = record_assessment(
            sessions,
            request_id=f"demo-{i}",
            caller=DEMO_CALLER,
            person_key=person_key(str(row["national_id"]), secret=person_secret),
            office=str(row["office"]),
            counsellor=counsellor,
            consent=bool(row["consent"]),
            profile=profile,
            model_name=champion.name,
            model_version=champion.version,
            assessment=result,
            language="nb",
            at=at,
            blind_first=blind,
            trial_consent=in_trial,
        )
        level = result.level.value if result is not None else _NO_SUGGESTION
        case = DemoCase(sessions, row, f"demo-{i}", assessment.id, None if result is None else level, cutoff, counts)
        if blind:
            case.event(EventKind.PROVISIONAL_LEVEL, {"level": row["provisional_level"]}, by=counsellor, at=at + _LOOK)
        decided, reason, justification = (row[c] for c in _required(level))
        if in_trial:
            drawn = trial.decision(
                row, tag=f"demo-{i}", assessment_id=assessment.id, suggested=level, decided=str(decided), at=at + _DRAW
            )
            if drawn is not None:
                decided, reason, justification = drawn
                counts["events"] += 1
        case.replay(str(decided), reason, justification, at=at + dt.timedelta(minutes=int(rng.integers(5, 60))))
        counts["assessments"] += 1
        label = row[f"label_if_{decided}"]  # the outcome under the level decided (it has a known effect)
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
    return DemoSummary(
        assessments=counts["assessments"],
        decisions=counts["decisions"],
        events=counts["events"],
        outcomes=counts["outcomes"],
        first=dates.min().date(),
        last=dates.max().date(),
    )
