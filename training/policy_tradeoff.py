"""The accuracy–equity trade-off of a grid of capacities, for the people who choose a policy (issue 14).

For each capacity (the largest shares of registrants for specially tailored and for situational follow-up) the
thresholds follow on a labelled population (:func:`models.capacity.thresholds_for_capacities`), and the report shows
the share per level, the precision and recall of the highest suggestable level (*spesielt tilpasset innsats*) against
the outcome, and per protected group (:mod:`models.groups`, small groups suppressed) its selection rate, true and false
positive rate with 95 % Wilson intervals, and the largest gaps between groups. On synthetic data (with ``p_opt``) the
same figures follow from the true probability in place of the model's risk, with thresholds from the same capacities:
a gap that ``p_opt`` shows as well comes from the base rates, not from the model.

The population is a labelled file (``--data``) or a fresh synthetic draw (baseline scenario, seed
:data:`POPULATION_SEED`, the model's horizon), not the model's own test split, which the registry does not keep with
labels. The Markdown is in English only: it is an artefact for data scientists, not a page for counsellors or
jobseekers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd
from fairlearn.metrics import MetricFrame, count, false_positive_rate, selection_rate, true_positive_rate
from sklearn.metrics import precision_score, recall_score
from statsmodels.stats.proportion import proportion_confint

from models.capacity import check_capacities, policy_inputs, thresholds_for_capacities
from models.errors import InvalidInputError, ModelUnavailableError
from models.groups import GROUPINGS, group_attributes, group_name, split_small_groups
from models.policy import SUGGESTABLE_LEVELS, FollowUpLevel, PolicyConfig, suggest_columns
from models.registry import LoadedModel
from training.data import LABEL, OPTIMUM, prepare, read_table
from training.evaluate import MIN_GROUP_SIZE

logger = logging.getLogger(__name__)

POPULATION_SEED = 14
"""Seed of the synthetic draw (the issue's number; not a training seed of the README's models)."""
ARTIFACT_PATH = "policy_tradeoff"
REPORT_FILE = "policy_tradeoff.md"
HIGHEST = FollowUpLevel.SPESIELT_TILPASSET_INNSATS.value
RATES = {"selection_rate": "n", "tpr": "positives", "fpr": "negatives"}
"""Each group rate and the count it is a share of."""
CAPACITY_MESSAGE = "a capacity is two shares 'tailored,situational' such as 0.15,0.45"
EMPTY_GRID_MESSAGE = "give at least one --capacity"
TWICE_MESSAGE = "capacity {capacity} is given twice"


class Capacity(NamedTuple):
    """The largest shares of registrants for specially tailored and for situational follow-up."""

    tailored: float
    situational: float

    def __str__(self) -> str:
        return f"{self.tailored:g},{self.situational:g}"


@dataclass(frozen=True)
class TradeoffRun:
    """What :func:`run_policy_tradeoff` wrote and where it logged it."""

    files: list[Path]
    summary: pd.DataFrame
    run_id: str


@dataclass(frozen=True)
class Tradeoff:
    """The figures of a grid: ``summary`` per source and capacity, ``groups`` and ``gaps`` per group or grouping."""

    summary: pd.DataFrame
    groups: pd.DataFrame
    suppressed: pd.DataFrame
    gaps: pd.DataFrame


def parse_grid(texts: list[str]) -> list[Capacity]:
    """The capacities of ``--capacity`` options, checked as far as they can be without a population.

    Raises
    ------
    InvalidInputError
        If there is none, one is not two numbers, one cannot work on any population
        (:func:`models.capacity.check_capacities`), or one is given twice.

    Examples
    --------
    >>> parse_grid(["0.10,0.40", "0.15, 0.45"])
    [Capacity(tailored=0.1, situational=0.4), Capacity(tailored=0.15, situational=0.45)]
    """
    if not texts:
        raise InvalidInputError(EMPTY_GRID_MESSAGE)
    grid: list[Capacity] = []
    for text in texts:
        try:
            tailored, situational = (float(part) for part in text.split(","))
        except ValueError as exc:
            raise InvalidInputError(f"{CAPACITY_MESSAGE}, not {text!r}") from exc
        try:
            check_capacities(tailored, situational)
        except InvalidInputError as exc:
            raise InvalidInputError(f"capacity {text}: {exc}") from exc
        capacity = Capacity(tailored, situational)
        if capacity in grid:
            raise InvalidInputError(TWICE_MESSAGE.format(capacity=capacity))
        grid.append(capacity)
    return grid


def labelled_population(data: Path | None, *, rows: int, horizon_months: int) -> tuple[pd.DataFrame, str]:
    """Validated labelled profiles (with ``p_opt`` on synthetic data) and a sentence saying where they come from."""
    if data is not None:
        return prepare(read_table(data)), f"the labelled rows of {data}"
    from training.population import simulate_population

    raw = simulate_population(rows, seed=POPULATION_SEED, horizon_months=horizon_months)
    return prepare(raw), (
        f"a fresh synthetic draw ({rows} registrations, baseline scenario, seed {POPULATION_SEED}, horizon "
        f"{horizon_months} months), its labelled rows"
    )


def run_policy_tradeoff(
    *, loaded: LoadedModel, grid: list[Capacity], data: Path | None, rows: int, out: Path, tracking_uri: str
) -> TradeoffRun:
    """Compute the trade-off of ``grid`` for a model version, write it into ``out`` and log it on the version's run.

    Nothing is written when a capacity cannot work on the population: every figure is computed first.

    Raises
    ------
    InvalidInputError
        If the data file does not fit or a capacity cannot work.
    ModelUnavailableError
        If the artifacts cannot be logged to the version's MLflow run.
    """
    from training.policy_tradeoff_report import write_report

    model = loaded.model
    profiles, population = labelled_population(data, rows=rows, horizon_months=model.horizon_months)
    logger.info("population ready", extra={"rows": len(profiles), "capacities": len(grid)})
    scores = {"model": model.score_matrix(model.spec.encode_frame(profiles))[0]}
    if OPTIMUM in profiles.columns and profiles[OPTIMUM].notna().all():
        scores[OPTIMUM] = profiles[OPTIMUM].to_numpy(dtype=np.float64)
    result = tradeoff(profiles, scores, grid)
    files = write_report(
        result.summary,
        result.groups,
        result.suppressed,
        result.gaps,
        out=out,
        report_file=REPORT_FILE,
        heading=f"Policy trade-off of {loaded.name} version {loaded.version}",
        population=population,
    )
    _log_artifacts(tracking_uri, loaded.run_id, files)
    logger.info("policy trade-off written", extra={"out": str(out), "run_id": loaded.run_id})
    return TradeoffRun(files, result.summary, loaded.run_id)


def _log_artifacts(tracking_uri: str, run_id: str, files: list[Path]) -> None:
    from mlflow.tracking import MlflowClient

    try:
        client = MlflowClient(tracking_uri=tracking_uri)
        for path in files:
            client.log_artifact(run_id, str(path), artifact_path=ARTIFACT_PATH)
    except Exception as exc:
        raise ModelUnavailableError(f"could not log the policy trade-off to run {run_id}: {exc}") from exc


def tradeoff(profiles: pd.DataFrame, scores: dict[str, np.ndarray], grid: list[Capacity]) -> Tradeoff:
    """The trade-off of every capacity for every score source (``model``, and ``p_opt`` when known).

    Raises
    ------
    InvalidInputError
        If a capacity cannot work on this population (:func:`models.capacity.thresholds_for_capacities`); every
        capacity is checked before any figure is computed.
    """
    hindrance, reduced = policy_inputs(profiles)
    thresholds = {
        (source, capacity): _thresholds(risk, hindrance, reduced, capacity)
        for source, risk in scores.items()
        for capacity in grid
    }
    label = profiles[LABEL].to_numpy(dtype=np.int64)
    attributes = group_attributes(profiles)
    summaries: list[dict[str, object]] = []
    tables = []
    for (source, capacity), (standard_below, tailored_from) in thresholds.items():
        logger.info("policy trade-off", extra={"source": source, "capacity": str(capacity)})
        config = PolicyConfig(standard_below=standard_below, tailored_from=tailored_from)
        risk = scores[source]
        levels = suggest_columns(profiles, risk=risk, lower=risk, upper=risk, config=config).levels
        selected = (levels == HIGHEST).astype(np.int64)
        keys = {"source": source, "capacity": str(capacity)}
        summaries.append(
            {
                **keys,
                "standard_below": standard_below,
                "tailored_from": tailored_from,
                **{f"share_{level.value}": float(np.mean(levels == level.value)) for level in SUGGESTABLE_LEVELS},
                "precision": float(precision_score(label, selected, zero_division=np.nan)),
                "recall": float(recall_score(label, selected, zero_division=np.nan)),
            }
        )
        tables.append(_group_rates(label, selected, attributes).assign(**keys))
    groups, suppressed = split_small_groups(pd.concat(tables, ignore_index=True), min_size=MIN_GROUP_SIZE)
    suppressed = suppressed.drop_duplicates(ignore_index=True)
    return Tradeoff(pd.DataFrame(summaries), _with_intervals(groups), suppressed, _gaps(groups))


def _thresholds(
    risk: np.ndarray, hindrance: np.ndarray, reduced: np.ndarray, capacity: Capacity
) -> tuple[float, float]:
    try:
        return thresholds_for_capacities(
            risk,
            hindrance=hindrance,
            reduced_capacity=reduced,
            tailored=capacity.tailored,
            situational=capacity.situational,
        )
    except InvalidInputError as exc:
        raise InvalidInputError(f"capacity {capacity}: {exc}") from exc


def _positives(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    return float(np.sum(y_true))


def _group_rates(label: np.ndarray, selected: np.ndarray, attributes: pd.DataFrame) -> pd.DataFrame:
    """Size, positives and the three rates of every group of every grouping, by fairlearn's ``MetricFrame``."""
    metrics = {
        "n": count,
        "positives": _positives,
        "selection_rate": selection_rate,
        "tpr": true_positive_rate,
        "fpr": false_positive_rate,
    }
    rows = []
    for grouping, columns in GROUPINGS.items():
        frame = MetricFrame(
            metrics=metrics, y_true=label, y_pred=selected, sensitive_features=attributes[list(columns)]
        ).by_group
        for key, values in frame.iterrows():
            rows.append(
                {"grouping": grouping, "group": group_name(key if isinstance(key, tuple) else (key,)), **values}
            )
    table = pd.DataFrame(rows)
    table["negatives"] = table["n"] - table["positives"]
    # fairlearn gives 0.0 for a rate without a denominator; no rate is the honest figure
    for rate, denominator in RATES.items():
        table.loc[table[denominator] == 0, rate] = np.nan
    return table


def _with_intervals(groups: pd.DataFrame) -> pd.DataFrame:
    """Each rate's 95 % Wilson interval, from the count it is a share of."""
    out = groups.copy()
    for rate, denominator in RATES.items():
        nobs = out[denominator].to_numpy(dtype=np.float64)
        successes = np.round(out[rate].to_numpy(dtype=np.float64) * nobs)
        with np.errstate(invalid="ignore", divide="ignore"):
            lower, upper = proportion_confint(successes, nobs, alpha=0.05, method="wilson")
        out[f"{rate}_lower"], out[f"{rate}_upper"] = lower, upper
    return out


def _gaps(groups: pd.DataFrame) -> pd.DataFrame:
    """Per source, capacity, grouping and rate: the highest and the lowest group and the gap between them."""
    rows = []
    for (source, capacity, grouping), part in groups.groupby(["source", "capacity", "grouping"], sort=False):
        for rate in RATES:
            values = part.set_index("group")[rate].dropna()
            if len(values) < 2:
                continue
            rows.append(
                {
                    "source": source,
                    "capacity": capacity,
                    "grouping": grouping,
                    "rate": rate,
                    "gap": float(values.max() - values.min()),
                    "highest": str(values.idxmax()),
                    "lowest": str(values.idxmin()),
                }
            )
    return pd.DataFrame(rows)
