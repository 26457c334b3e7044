"""Drift of the model's inputs and outputs against the reference sample stored with the model.

Obligation: post-market monitoring. Recent assessments are compared with the model's reference sample (test inputs
and their scores, written by training beside the model): every model input column, the predicted risk and the
suggested follow-up level. Evidently computes the per-column distances and renders the HTML for people; this module
turns them into a small result with alerts and a JSON-serialisable dict for machines.

Every column uses an explicitly chosen *distance* (normed Wasserstein distance for numbers, Jensen–Shannon distance
for categories) with a fixed threshold. Left to itself, Evidently switches to p-value tests for samples of 1,000 rows
or fewer, which flag negligible differences in large samples and raise false alarms in small ones.

What drift can and cannot see: a change in who registers (``downturn``, ``refugee_inflow``) moves the inputs, and
usually the predicted risk and the suggestion shares. A change in how the inputs relate to the outcome with the same
inputs (``rule_change``: concept drift) moves none of them, because the model still scores the same profiles the same
way; it shows only once outcomes arrive, as a calibration gap in :mod:`monitoring.analysis.performance`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

import pandas as pd
from evidently import DataDefinition, Dataset, Report
from evidently.metrics import ValueDrift

from models.errors import ConfigurationError, InvalidInputError
from models.features import MISSING, FeatureSpec
from models.policy import SUGGESTABLE_LEVELS
from models.schema import JobseekerProfile
from monitoring.analysis.alert_messages import AlertMessage
from monitoring.analysis.frame_checks import require_columns

RISK = "risk"
LEVEL = "suggested_level"
DISTANCE_METHODS: frozenset[str] = frozenset({"wasserstein", "jensenshannon", "hellinger", "psi", "kl_div"})
"""Evidently drift methods that measure how far apart two distributions are (distances and divergences), unlike
p-value tests, whose verdict depends on the sample size."""

METHOD_MESSAGE = (
    "drift methods must measure distance, not test (p-value tests raise false alarms): one of "
    + ", ".join(sorted(DISTANCE_METHODS))
)
THRESHOLD_MESSAGE = "drift thresholds and limits must be positive"
ROWS_MESSAGE = "max_rows must be a positive integer"
EMPTY_MESSAGE = "reference and current must each hold at least one row"
ALERT_KEYS: tuple[str, ...] = ("input_drift", "risk_drift", "suggestion_share_changed")
"""The keys of the alerts :func:`drift_report` raises (:data:`models.texts.ALERT_TEXTS`)."""

Kind = Literal["numerical", "categorical"]

_BOOLEAN_FIELDS: frozenset[str] = frozenset(
    name for name, info in JobseekerProfile.model_fields.items() if info.annotation is bool
)
"""Yes/no register facts: compared as two categories rather than as numbers."""


@dataclass(frozen=True)
class DriftThresholds:
    """When a column counts as drifted, and when drift raises an alert.

    Parameters
    ----------
    numerical_method, categorical_method : str
        Evidently drift method for numeric and categorical columns; must be one of ``DISTANCE_METHODS``.
    numerical_threshold, categorical_threshold : float
        A column with a score at or above its threshold counts as drifted.
    column_thresholds : tuple of (str, float)
        Thresholds for single input columns that override the two above.
    share_of_drifted_columns : float
        Alert when at least this share of the model input columns has drifted.
    risk_drift : float
        Alert when the distance (``numerical_method``) between the reference and current predicted risk reaches this.
    suggestion_share_change : float
        Alert when the share of any suggested level changes by more than this (absolute difference of shares).
    max_rows : int
        Reference and current are sampled down to this many rows each (at random, with ``seed``) before Evidently.
    seed : int
        Seed of that sample, so the same frames give the same report.

    Raises
    ------
    ConfigurationError
        If a method is a p-value test rather than a distance, a threshold or limit is not positive, or ``max_rows``
        is not a positive integer.
    """

    numerical_method: str = "wasserstein"
    numerical_threshold: float = 0.1
    categorical_method: str = "jensenshannon"
    categorical_threshold: float = 0.1
    column_thresholds: tuple[tuple[str, float], ...] = ()
    share_of_drifted_columns: float = 0.3
    risk_drift: float = 0.1
    suggestion_share_change: float = 0.10
    max_rows: int = 50_000
    seed: int = 0

    def __post_init__(self) -> None:
        if not {self.numerical_method, self.categorical_method} <= DISTANCE_METHODS:
            raise ConfigurationError(f"{METHOD_MESSAGE} (got {self.numerical_method!r}, {self.categorical_method!r})")
        limits = (
            self.numerical_threshold,
            self.categorical_threshold,
            self.share_of_drifted_columns,
            self.risk_drift,
            self.suggestion_share_change,
            *(value for _, value in self.column_thresholds),
        )
        if not all(value > 0 for value in limits):
            raise ConfigurationError(f"{THRESHOLD_MESSAGE} (got {limits})")
        if isinstance(self.max_rows, bool) or not isinstance(self.max_rows, int) or self.max_rows < 1:
            raise ConfigurationError(f"{ROWS_MESSAGE}, got {self.max_rows!r}")


@dataclass(frozen=True)
class ColumnDrift:
    """The drift of one column: ``role`` is ``input`` for a model feature, ``output`` for risk and suggestion."""

    name: str
    role: Literal["input", "output"]
    kind: Kind
    method: str
    score: float
    threshold: float
    drifted: bool


@dataclass(frozen=True)
class DriftResult:
    """What :func:`drift_report` found.

    ``share_drifted`` is the share of drifted model input columns; ``risk_drift`` the distance of the predicted risk;
    ``suggestion_shares`` maps each level to its ``reference`` and ``current`` share (over all rows, not the sample);
    ``sampled_rows`` the rows each side had and the rows Evidently compared; ``json`` all of it for machines and
    ``html`` Evidently's report for people.
    """

    columns: tuple[ColumnDrift, ...]
    share_drifted: float
    risk_drift: float
    suggestion_shares: dict[str, dict[str, float]]
    alerts: list[AlertMessage]
    sampled_rows: dict[str, int]
    json: dict[str, Any]
    html: str


def drift_report(
    *, reference: pd.DataFrame, current: pd.DataFrame, thresholds: DriftThresholds = DriftThresholds()
) -> DriftResult:
    """Compare recent assessments with the model's reference sample and raise alerts.

    Parameters
    ----------
    reference : pandas.DataFrame
        The reference sample stored with the model: profile columns plus ``risk`` and ``suggested_level``.
    current : pandas.DataFrame
        Recent assessments (an assessment frame) with the same columns; other columns are ignored.
    thresholds : DriftThresholds
        Methods, thresholds, alert limits and the sample size.

    Returns
    -------
    DriftResult
        Per-column drift, the share of drifted inputs, the risk drift, suggestion shares, alerts, JSON and HTML.

    Raises
    ------
    InvalidInputError
        If a frame lacks a model input column, ``risk`` or ``suggested_level``, or has no rows.
    """
    plan = _plan(thresholds)
    numerical = [name for name, (kind, _, _) in plan.items() if kind == "numerical"]
    categorical = [name for name, (kind, _, _) in plan.items() if kind == "categorical"]
    ref = _prepare(reference, numerical, categorical, thresholds, "reference")
    cur = _prepare(current, numerical, categorical, thresholds, "current")
    report = Report(
        [ValueDrift(column=name, method=method, threshold=limit) for name, (_, method, limit) in plan.items()]
    )
    definition = DataDefinition(numerical_columns=numerical, categorical_columns=categorical)
    snapshot = report.run(
        Dataset.from_pandas(cur, data_definition=definition), Dataset.from_pandas(ref, data_definition=definition)
    )
    scores = {m["config"]["column"]: float(m["value"]) for m in snapshot.dict()["metrics"]}
    columns = tuple(
        ColumnDrift(
            name=name,
            role="output" if name in (RISK, LEVEL) else "input",
            kind=kind,
            method=method,
            score=scores[name],
            threshold=limit,
            drifted=scores[name] >= limit,
        )
        for name, (kind, method, limit) in plan.items()
    )
    inputs = [c for c in columns if c.role == "input"]
    share = sum(c.drifted for c in inputs) / len(inputs)
    shares = _suggestion_shares(reference[LEVEL], current[LEVEL])
    sampled = {
        "reference_rows": len(reference),
        "current_rows": len(current),
        "reference": len(ref),
        "current": len(cur),
    }
    alerts = _alerts(inputs, share, scores[RISK], shares, thresholds)
    machine = {
        "columns": [asdict(c) for c in columns],
        "share_drifted": share,
        "risk_drift": scores[RISK],
        "suggestion_shares": shares,
        "alerts": [alert.as_dict() for alert in alerts],
        "sampled_rows": sampled,
        "thresholds": asdict(thresholds),
    }
    return DriftResult(
        columns, share, scores[RISK], shares, alerts, sampled, machine, snapshot.get_html_str(as_iframe=False)
    )


def _plan(thresholds: DriftThresholds) -> dict[str, tuple[Kind, str, float]]:
    """Kind, method and threshold of every compared column: the model inputs in feature order, then the outputs."""
    overrides = dict(thresholds.column_thresholds)
    plan: dict[str, tuple[Kind, str, float]] = {}
    for feature in FeatureSpec.default().features:
        if feature.is_categorical or feature.name in _BOOLEAN_FIELDS:
            limit = overrides.get(feature.name, thresholds.categorical_threshold)
            plan[feature.name] = ("categorical", thresholds.categorical_method, limit)
        else:
            limit = overrides.get(feature.name, thresholds.numerical_threshold)
            plan[feature.name] = ("numerical", thresholds.numerical_method, limit)
    plan[RISK] = ("numerical", thresholds.numerical_method, thresholds.risk_drift)
    plan[LEVEL] = ("categorical", thresholds.categorical_method, thresholds.categorical_threshold)
    return plan


def _prepare(
    frame: pd.DataFrame, numerical: list[str], categorical: list[str], thresholds: DriftThresholds, side: str
) -> pd.DataFrame:
    """The compared columns of a sample of at most ``max_rows`` rows: numbers as floats, categories as strings
    (yes/no facts as ``JA``/``NEI``, whether they come as booleans or as 0/1; missing items as ``MANGLER``).
    """
    require_columns(frame, (*numerical, *categorical), purpose=f"drift monitoring ({side})")
    if frame.empty:
        raise InvalidInputError(f"{EMPTY_MESSAGE} ({side} is empty)")
    if len(frame) > thresholds.max_rows:
        frame = frame.sample(n=thresholds.max_rows, random_state=thresholds.seed)
    out = {c: pd.to_numeric(frame[c], errors="coerce").astype("float64") for c in numerical}
    for c in categorical:
        if c in _BOOLEAN_FIELDS:
            column = frame[c].astype("float64").map({1.0: "JA", 0.0: "NEI"})
        else:
            column = frame[c].astype(object)
        out[c] = column.where(column.notna(), MISSING).astype(str)
    return pd.DataFrame(out).reset_index(drop=True)


def _suggestion_shares(reference: pd.Series, current: pd.Series) -> dict[str, dict[str, float]]:
    """Share of each suggested level in the reference and the current frame (every suggestable level included)."""
    ref = reference.astype(str).value_counts(normalize=True)
    cur = current.astype(str).value_counts(normalize=True)
    levels = [level.value for level in SUGGESTABLE_LEVELS]
    levels += sorted(set(ref.index).union(cur.index).difference(levels))
    return {level: {"reference": float(ref.get(level, 0.0)), "current": float(cur.get(level, 0.0))} for level in levels}


def _alerts(
    inputs: list[ColumnDrift],
    share: float,
    risk_drift: float,
    shares: dict[str, dict[str, float]],
    thresholds: DriftThresholds,
) -> list[AlertMessage]:
    alerts = []
    if share >= thresholds.share_of_drifted_columns:
        drifted = [c.name for c in inputs if c.drifted]
        limit = thresholds.share_of_drifted_columns
        alerts.append(AlertMessage("input_drift", {"share": share, "share_limit": limit, "columns": drifted}))
    if risk_drift >= thresholds.risk_drift:
        limits = {"method": thresholds.numerical_method, "limit": thresholds.risk_drift}
        alerts.append(AlertMessage("risk_drift", {"distance": risk_drift} | limits))
    for level, pair in shares.items():
        if abs(pair["current"] - pair["reference"]) > thresholds.suggestion_share_change:
            changed = {"level": level, "reference_share": pair["reference"], "current_share": pair["current"]}
            alerts.append(
                AlertMessage("suggestion_share_changed", changed | {"share_limit": thresholds.suggestion_share_change})
            )
    return alerts
