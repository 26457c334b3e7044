"""Fairness monitoring of risk scores, suggestions and overrides (obligation: non-discrimination, bias monitoring).

Source requirements §8.6 item 17: compare score distributions, calibration, error rates and override rates across the
groups the documents name, with intersectional slices. This module covers the groups a decision frame holds: gender,
age group (under 30, 30–49, 50 and over; *under 30* is a group the documents name) and country background, and the
intersections gender × country background and age group × country background.

How the numbers are computed
----------------------------
Group metrics come from fairlearn's :class:`~fairlearn.metrics.MetricFrame` (not Evidently, whose per-group
classification metrics return the overall value for every group). MetricFrame copies every row into a Python list and
stacks each group's values back element by element, about 4 µs per row and metric argument: on a million rows one
metric frame costs seconds. So the rows are first reduced to *cells*, the finest combination of the three attributes
(at most 18 plus unknowns), with per-cell sums and the cell's rows sorted together. MetricFrame then groups the cells
by each grouping's columns and every metric is computed exactly from the cells of a group: sums for counts, rates
and means, the group's own rows for the AUC. The result equals a row-level computation (the tests cross-check it).
Fairlearn's own bootstrap (``n_boot``) must not be used on this cell table: it would resample cells, not people.

Uncertainty: Wilson intervals for rates, bootstrap intervals (:func:`monitoring.analysis.intervals.bootstrap_interval`)
for mean risk, calibration gap and AUC. Above ``FairnessConfig.bootstrap_max_rows`` rows per group the bootstrap
resamples that many rows per round and rescales (m-out-of-n bootstrap); this keeps a report on a million rows within
seconds. Small groups: a group with fewer than ``min_group_size`` assessments is suppressed (listed with its size
only), and a rate or mean is shown only when its own denominator (scored, suggested, decided or labelled rows,
positives for the TPR, negatives for the FPR) reaches ``min_group_size``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
from fairlearn.metrics import MetricFrame

from models.policy import SUGGESTABLE_LEVELS, FollowUpLevel
from monitoring.analysis.intervals import Statistic, bootstrap_interval, wilson_interval

UNKNOWN = "UNKNOWN"
"""Group value of a missing protected attribute (kept as its own group, never dropped)."""

AGE_GROUPS: tuple[str, ...] = ("under_30", "30_49", "50_plus")
GROUP_COLUMNS: tuple[str, ...] = ("gender", "age_group", "country_background")
GROUPINGS: dict[str, tuple[str, ...]] = {
    "gender": ("gender",),
    "age_group": ("age_group",),
    "country_background": ("country_background",),
    "gender_x_country_background": ("gender", "country_background"),
    "age_group_x_country_background": ("age_group", "country_background"),
}
"""The groupings of the report: name and the attribute columns whose combinations form its groups."""

REQUIRED_COLUMNS: tuple[str, ...] = (
    "age",
    "gender",
    "country_background",
    "risk",
    "suggested_level",
    "decided_level",
    "label",
)
MISSING_COLUMNS_MESSAGE = "decision frame lacks columns"
UNKNOWN_LEVEL_MESSAGE = "decision frame holds levels that are not FollowUpLevel values"
LABEL_MESSAGE = "label must be 0.0, 1.0 or NaN"
RISK_MESSAGE = "risk must lie in [0, 1] or be NaN"

LEVELS: tuple[str, ...] = tuple(str(level) for level in FollowUpLevel)
SHARE_LEVELS: tuple[str, ...] = tuple(str(level) for level in SUGGESTABLE_LEVELS)
RATE_METRICS: tuple[str, ...] = (
    *(f"share_{level}" for level in SHARE_LEVELS),
    "override_rate",
    "observed_rate",
    "tpr",
    "fpr",
)
"""Proportions, shown with Wilson intervals."""
BOOTSTRAP_METRICS: tuple[str, ...] = ("mean_risk", "calibration_gap", "auc")
"""Other statistics, shown with bootstrap intervals."""
GAP_METRICS: tuple[str, ...] = ("mean_risk", *RATE_METRICS, "calibration_gap", "auc")
_SUMS: tuple[str, ...] = ("risk_sum", "gap_sum")
"""Per-cell sums behind the means; every other per-cell sum is a count."""

DEFINITIONS: dict[str, str] = {
    "n": "assessments in the group (including those where the jobseeker declined profiling)",
    "mean_risk": "mean predicted risk over scored assessments",
    "share_<level>": "share of suggestions with this level among assessments with a suggestion",
    "override_rate": "share of decisions on a suggestion where the decided level differs from the suggested one",
    "observed_rate": "share still without work at the horizon, over scored assessments with a known outcome",
    "calibration_gap": "mean risk minus observed rate over scored assessments with a known outcome",
    "auc": "probability that a random person still without work has a higher risk than one who found work",
    "tpr": "share of those still without work whose risk was at or above the high-risk threshold",
    "fpr": "share of those who found work whose risk was at or above the high-risk threshold",
    "high_risk_threshold": (
        "a policy choice, not a property of the model: TPR and FPR change with it, and with well-calibrated risks "
        "groups with different base rates have different TPR and FPR at any one threshold"
    ),
}


@dataclass(frozen=True)
class FairnessConfig:
    """Group sizes, thresholds and alert limits of the fairness report.

    Parameters
    ----------
    min_group_size : int, default 100
        Groups with fewer assessments are suppressed; a rate or mean needs this many rows in its denominator.
    high_risk_threshold : float, default 0.5
        Risk at or above which a person counts as "predicted high risk" for TPR and FPR. This is a policy decision
        that must be visible next to the numbers: the policy's own thresholds (``models.policy.PolicyConfig``) map
        risk to levels and are not the same thing.
    bootstrap_rounds : int, default 200
        Resamples per bootstrap interval.
    bootstrap_max_rows : int, default 2000
        Rows resampled per round; larger groups use the rescaled m-out-of-n bootstrap.
    confidence : float, default 0.95
        Coverage of every interval.
    calibration_gap_limit : float, default 0.05
        Alert when a group's calibration gap exceeds this in absolute value *and* its interval excludes zero. Five
        percentage points of systematic over- or under-estimation changes suggested levels near the thresholds.
    error_rate_gap_limit : float, default 0.15
        Alert when TPR or FPR differs between the two most distant groups of a grouping by more than this and their
        intervals do not overlap.
    override_rate_gap_limit : float, default 0.15
        The same for override rates: a large gap means the model serves some groups worse in the counsellors' eyes.
    seed : int, default 0
        Seed of the bootstrap.

    Notes
    -----
    Gaps in mean risk and in suggestion shares are only reported, never alerted on: groups differ in their observed
    circumstances, so different mean risks are expected; calibration within groups is what must hold.
    """

    min_group_size: int = 100
    high_risk_threshold: float = 0.5
    bootstrap_rounds: int = 200
    bootstrap_max_rows: int = 2000
    confidence: float = 0.95
    calibration_gap_limit: float = 0.05
    error_rate_gap_limit: float = 0.15
    override_rate_gap_limit: float = 0.15
    seed: int = 0

    def __post_init__(self) -> None:
        if self.min_group_size < 1 or self.bootstrap_rounds < 1 or self.bootstrap_max_rows < 1:
            raise ValueError("min_group_size, bootstrap_rounds and bootstrap_max_rows must be at least 1")
        if not 0 < self.high_risk_threshold < 1 or not 0 < self.confidence < 1:
            raise ValueError("high_risk_threshold and confidence must lie in (0, 1)")
        if min(self.calibration_gap_limit, self.error_rate_gap_limit, self.override_rate_gap_limit) <= 0:
            raise ValueError("alert limits must be positive")


@dataclass(frozen=True)
class FairnessResult:
    """The fairness report.

    Attributes
    ----------
    config : FairnessConfig
        The configuration used.
    rows : int
        Rows of the decision frame.
    groups : pandas.DataFrame
        One row per reported group (``grouping``, ``group``; the first row is the whole population, grouping
        ``overall``) with counts, metrics and ``<metric>_low`` / ``<metric>_high`` interval bounds. NaN where a
        metric's denominator is below ``min_group_size``.
    suppressed : pandas.DataFrame
        Groups below ``min_group_size``: ``grouping``, ``group``, ``n``; no metrics.
    largest_gaps : pandas.DataFrame
        Per grouping and metric, the largest between-group difference: ``gap``, ``high_group``, ``high_value``,
        ``low_group``, ``low_value``, the alert ``limit`` (NaN when only reported) and ``alert``.
    alerts : tuple of str
        Human-readable alerts.
    """

    config: FairnessConfig
    rows: int
    groups: pd.DataFrame
    suppressed: pd.DataFrame
    largest_gaps: pd.DataFrame
    alerts: tuple[str, ...]

    @property
    def json(self) -> dict[str, Any]:
        """Everything in the report as a JSON-serialisable dict (NaN as null)."""
        return {
            "config": asdict(self.config),
            "definitions": DEFINITIONS,
            "rows": self.rows,
            "groups": json_records(self.groups),
            "suppressed": json_records(self.suppressed),
            "largest_gaps": json_records(self.largest_gaps),
            "alerts": list(self.alerts),
        }

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The report's tables for an HTML page, keyed by a short title."""
        return {"groups": self.groups, "suppressed": self.suppressed, "largest_gaps": self.largest_gaps}


def age_group(age: pd.Series | np.ndarray) -> np.ndarray:
    """The age group of each age: ``under_30``, ``30_49``, ``50_plus`` (``UNKNOWN`` when missing).

    Examples
    --------
    >>> age_group(np.array([16, 29, 30, 49, 50, np.nan])).tolist()
    ['under_30', 'under_30', '30_49', '30_49', '50_plus', 'UNKNOWN']
    """
    values = np.asarray(age, dtype=np.float64)
    return np.select([np.isnan(values), values < 30, values < 50], [UNKNOWN, *AGE_GROUPS[:2]], AGE_GROUPS[2])


def group_attributes(frame: pd.DataFrame) -> pd.DataFrame:
    """The attribute columns of :data:`GROUP_COLUMNS` as strings, missing values as ``UNKNOWN``."""
    return pd.DataFrame(
        {
            "gender": _codes(frame["gender"]),
            "age_group": age_group(frame["age"]),
            "country_background": _codes(frame["country_background"]),
        },
        index=frame.index,
    )


def decisions_on_suggestions(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Which rows hold a decision on a suggestion, and which of those are overrides.

    An override is a decided level that differs from the suggested one (the counsellor's ``follows_suggestion``
    says the same by construction; the levels are the primary record).

    Parameters
    ----------
    frame : pandas.DataFrame
        A decision frame with ``suggested_level`` and ``decided_level``.

    Returns
    -------
    tuple of numpy.ndarray
        Boolean masks ``decided`` (both levels present) and ``overridden`` (decided and different).

    Raises
    ------
    ValueError
        If a level is not a ``FollowUpLevel`` value.
    """
    suggested = level_index(frame["suggested_level"])
    decided_level = level_index(frame["decided_level"])
    decided = (suggested >= 0) & (decided_level >= 0)
    return decided, decided & (suggested != decided_level)


def json_records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a table as JSON-ready dicts: native Python types, NaN and missing values as None."""
    return [
        {key: None if _missing(value) else value for key, value in row.items()}
        for row in table.to_dict(orient="records")
    ]


def auc(scores: np.ndarray, labels: np.ndarray, *, presorted: bool = False) -> np.ndarray:
    """The AUC over the last axis (Mann–Whitney U, ties counted half); NaN without both classes.

    Parameters
    ----------
    scores, labels : numpy.ndarray
        Risks and 0/1 labels, 1-D or ``(rounds, rows)``.
    presorted : bool, default False
        The scores are already ascending along the last axis (saves the sort, the costly step).

    Returns
    -------
    numpy.ndarray
        One AUC per row (a 0-d array for 1-D input).

    Examples
    --------
    >>> float(auc(np.array([0.1, 0.4, 0.35, 0.8]), np.array([0.0, 0.0, 1.0, 1.0])))
    0.75
    >>> float(auc(np.array([0.2, 0.2, 0.5]), np.array([0.0, 1.0, 1.0])))
    0.75
    """
    one_dimensional = np.ndim(scores) == 1
    scores, labels = np.atleast_2d(scores), np.atleast_2d(labels)
    if not presorted:
        order = np.argsort(scores, axis=-1)
        scores, labels = np.take_along_axis(scores, order, -1), np.take_along_axis(labels, order, -1)
    rounds, rows = scores.shape
    if rows == 0:
        return np.full(rounds, np.nan)[0] if one_dimensional else np.full(rounds, np.nan)
    positive = labels == 1
    starts = np.ones(scores.shape, dtype=bool)
    starts[:, 1:] = scores[:, 1:] != scores[:, :-1]
    tie = np.cumsum(starts.ravel()) - 1
    per_round = starts.sum(axis=1)
    round_of_tie = np.repeat(np.arange(rounds), per_round)
    positives = np.bincount(tie, weights=positive.ravel())
    negatives = np.bincount(tie) - positives
    below = np.cumsum(negatives) - negatives
    below -= np.repeat(below[np.cumsum(per_round) - per_round], per_round)
    u = np.bincount(round_of_tie, weights=positives * (below + 0.5 * negatives), minlength=rounds)
    n_pos = positive.sum(axis=-1)
    n_neg = rows - n_pos
    with np.errstate(invalid="ignore", divide="ignore"):
        result = np.where((n_pos > 0) & (n_neg > 0), u / (n_pos * n_neg), np.nan)
    return result[0] if one_dimensional else result


def fairness_report(frame: pd.DataFrame, *, config: FairnessConfig = FairnessConfig()) -> FairnessResult:
    """Score, suggestion, override and outcome metrics by protected group and intersection.

    Parameters
    ----------
    frame : pandas.DataFrame
        A decision frame: one row per assessment with ``age``, ``gender``, ``country_background``, ``risk`` (NaN when
        the jobseeker declined profiling), ``suggested_level``, ``decided_level`` (None while undecided) and
        ``label`` (1.0 still without work at the horizon, 0.0 found work, NaN unknown).
    config : FairnessConfig, optional
        Group sizes, threshold and alert limits.

    Returns
    -------
    FairnessResult
        The group table, suppressed groups, largest gaps, alerts, and their JSON and table forms.

    Raises
    ------
    ValueError
        If columns are missing or hold values outside their domain.
    """
    cells = _Cells(frame, config)
    tables = [cells.table("overall", ())]
    tables += [cells.table(name, columns) for name, columns in GROUPINGS.items()]
    table = pd.concat(tables, ignore_index=True)
    small = table["n"] < config.min_group_size
    suppressed = table.loc[small, ["grouping", "group", "n"]].reset_index(drop=True)
    groups = _with_intervals(table.loc[~small].reset_index(drop=True), cells, config)
    gaps = _largest_gaps(groups, config)
    alerts = (*_calibration_alerts(groups, config), *_gap_alerts(gaps, config))
    return FairnessResult(config, len(frame), groups, suppressed, gaps, alerts)


class _Cells:
    """The decision frame reduced to cells (combinations of all group attributes), and MetricFrame over them."""

    def __init__(self, frame: pd.DataFrame, config: FairnessConfig) -> None:
        missing = [column for column in REQUIRED_COLUMNS if column not in frame.columns]
        if missing:
            raise ValueError(f"{MISSING_COLUMNS_MESSAGE}: {missing}")
        self.config = config
        risk = frame["risk"].to_numpy(dtype=np.float64)
        label = frame["label"].to_numpy(dtype=np.float64)
        if ((risk < 0) | (risk > 1)).any():
            raise ValueError(RISK_MESSAGE)
        if not np.isin(label[~np.isnan(label)], (0.0, 1.0)).all():
            raise ValueError(LABEL_MESSAGE)
        code, self.attributes = _cell_codes(group_attributes(frame))
        size = len(self.attributes)
        scored = ~np.isnan(risk)
        labelled = scored & ~np.isnan(label)
        suggested = level_index(frame["suggested_level"])
        decided, overridden = decisions_on_suggestions(frame)
        high = scored & (np.nan_to_num(risk) >= config.high_risk_threshold)
        positive = labelled & (label == 1)
        negative = labelled & (label == 0)
        counts = {
            "n": np.ones(len(frame)),
            "n_scored": scored,
            "risk_sum": np.where(scored, risk, 0.0),
            "n_suggested": suggested >= 0,
            **{f"n_{level}": suggested == LEVELS.index(level) for level in SHARE_LEVELS},
            "n_decided": decided,
            "overrides": overridden,
            "n_labelled": labelled,
            "positives": positive,
            "negatives": negative,
            "gap_sum": np.where(labelled, risk - np.nan_to_num(label), 0.0),
            "true_positives": positive & high,
            "false_positives": negative & high,
        }
        self.sums = {name: np.bincount(code, weights=values, minlength=size) for name, values in counts.items()}
        self.scored_risk, self.scored_bounds = _sorted_by_cell(code[scored], risk[scored], size=size)
        by_risk = np.flatnonzero(labelled)[np.argsort(risk[labelled])]
        self.labelled_risk, self.labelled_label, self.labelled_cell = risk[by_risk], label[by_risk], code[by_risk]
        self._labelled: dict[tuple[int, ...], tuple[np.ndarray, np.ndarray]] = {}

    def table(self, grouping: str, columns: tuple[str, ...]) -> pd.DataFrame:
        """One row per group of a grouping (the whole population for ``overall``): counts, then MetricFrame's metrics.

        The counts (sums over the group's cells) come first; MetricFrame computes the rates, means and AUC.
        """
        ids = np.arange(len(self.attributes))
        features = self.attributes[list(columns or GROUP_COLUMNS)]
        metric_frame = MetricFrame(metrics=self._metrics(), y_true=ids, y_pred=ids, sensitive_features=features)
        if columns:
            metrics = metric_frame.by_group.reset_index()
            keys = metrics[list(columns)].astype(str)
            cells = [self._cells_of(dict(key)) for _, key in keys.iterrows()]
            labels = keys.agg(" & ".join, axis=1).tolist()
            metrics = metrics.drop(columns=list(columns))
        else:
            metrics, cells, labels = metric_frame.overall.to_frame().T, [ids], ["all"]
        counts = pd.DataFrame(
            {
                name: [int(values[group].sum()) for group in cells]
                for name, values in self.sums.items()
                if name not in _SUMS
            }
        )
        result = pd.concat([counts, metrics.reset_index(drop=True)], axis=1)
        result.insert(0, "cells", cells)
        result.insert(0, "group", labels)
        result.insert(0, "grouping", grouping)
        return result[result["n"] > 0]

    def _cells_of(self, key: dict[str, str]) -> np.ndarray:
        mask = np.ones(len(self.attributes), dtype=bool)
        for column, value in key.items():
            mask &= self.attributes[column].to_numpy() == value
        return np.flatnonzero(mask)

    def _metrics(self) -> dict[str, Callable[[np.ndarray, np.ndarray], float]]:
        s, minimum = self.sums, self.config.min_group_size

        def ratio(numerator: str, denominator: str) -> Callable[[np.ndarray, np.ndarray], float]:
            def metric(cells: np.ndarray, _: np.ndarray) -> float:
                size = s[denominator][cells].sum()
                return float(s[numerator][cells].sum() / size) if size >= minimum else float("nan")

            return metric

        def group_auc(cells: np.ndarray, _: np.ndarray) -> float:
            if s["n_labelled"][cells].sum() < minimum:
                return float("nan")
            return float(auc(*self.labelled_rows(cells), presorted=True))

        return {
            "mean_risk": ratio("risk_sum", "n_scored"),
            **{f"share_{level}": ratio(f"n_{level}", "n_suggested") for level in SHARE_LEVELS},
            "override_rate": ratio("overrides", "n_decided"),
            "observed_rate": ratio("positives", "n_labelled"),
            "calibration_gap": ratio("gap_sum", "n_labelled"),
            "auc": group_auc,
            "tpr": ratio("true_positives", "positives"),
            "fpr": ratio("false_positives", "negatives"),
        }

    def scored_rows(self, cells: np.ndarray) -> np.ndarray:
        """Risks of the scored rows of the given cells."""
        return np.concatenate([self.scored_risk[slice(*self.scored_bounds[c])] for c in cells])

    def labelled_rows(self, cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Risks (ascending) and labels of the labelled rows of the given cells (cached for the bootstrap)."""
        key = tuple(cells.tolist())
        if key not in self._labelled:
            member = np.zeros(len(self.attributes), dtype=bool)
            member[cells] = True
            rows = member[self.labelled_cell]
            self._labelled[key] = self.labelled_risk[rows], self.labelled_label[rows]
        return self._labelled[key]


def _with_intervals(groups: pd.DataFrame, cells: _Cells, config: FairnessConfig) -> pd.DataFrame:
    """Add Wilson intervals for rates and bootstrap intervals for the other metrics; order the columns."""
    denominators = {"override_rate": "n_decided", "observed_rate": "n_labelled", "tpr": "positives", "fpr": "negatives"}
    numerators = {"override_rate": "overrides", "observed_rate": "positives"}
    numerators |= {"tpr": "true_positives", "fpr": "false_positives"}
    for level in SHARE_LEVELS:
        denominators[f"share_{level}"], numerators[f"share_{level}"] = "n_suggested", f"n_{level}"
    bounds: dict[str, np.ndarray] = {}
    for metric in RATE_METRICS:
        low, high = wilson_interval(
            groups[numerators[metric]].to_numpy(), groups[denominators[metric]].to_numpy(), confidence=config.confidence
        )
        reported = groups[metric].notna().to_numpy()
        bounds[f"{metric}_low"], bounds[f"{metric}_high"] = (
            np.where(reported, low, np.nan),
            np.where(reported, high, np.nan),
        )
    statistics: dict[str, Callable[[np.ndarray], tuple[np.ndarray, ...]]] = {
        "mean_risk": lambda group_cells: (cells.scored_rows(group_cells),),
        "calibration_gap": lambda group_cells: (np.subtract(*cells.labelled_rows(group_cells)),),
        "auc": cells.labelled_rows,
    }
    functions: dict[str, Statistic] = {
        "mean_risk": _mean,
        "calibration_gap": _mean,
        "auc": partial(auc, presorted=True),
    }
    for metric in BOOTSTRAP_METRICS:
        intervals = [
            bootstrap_interval(
                *statistics[metric](group_cells),
                statistic=functions[metric],
                estimate=value,
                rounds=config.bootstrap_rounds,
                seed=config.seed,
                confidence=config.confidence,
                max_rows=config.bootstrap_max_rows,
            )
            if not np.isnan(value)
            else (np.nan, np.nan)
            for value, group_cells in zip(groups[metric], groups["cells"], strict=True)
        ]
        bounds[f"{metric}_low"] = np.asarray([low for low, _ in intervals])
        bounds[f"{metric}_high"] = np.asarray([high for _, high in intervals])
    result = pd.concat([groups.drop(columns="cells"), pd.DataFrame(bounds)], axis=1)
    ordered = ["grouping", "group", "n", "n_scored", "mean_risk", "mean_risk_low", "mean_risk_high", "n_suggested"]
    for level in SHARE_LEVELS:
        ordered += [f"n_{level}", *(f"share_{level}{suffix}" for suffix in ("", "_low", "_high"))]
    ordered += ["n_decided", "overrides", *(f"override_rate{suffix}" for suffix in ("", "_low", "_high"))]
    ordered += ["n_labelled", "positives", "negatives", "true_positives", "false_positives"]
    for metric in ("observed_rate", "calibration_gap", "auc", "tpr", "fpr"):
        ordered += [metric, f"{metric}_low", f"{metric}_high"]
    return result[ordered]


def _largest_gaps(groups: pd.DataFrame, config: FairnessConfig) -> pd.DataFrame:
    """Per grouping and metric, the groups with the highest and the lowest value."""
    limits = {"tpr": config.error_rate_gap_limit, "fpr": config.error_rate_gap_limit}
    limits["override_rate"] = config.override_rate_gap_limit
    rows: list[dict[str, Any]] = []
    for grouping in GROUPINGS:
        part = groups[groups["grouping"] == grouping]
        for metric in GAP_METRICS:
            values = part.dropna(subset=[metric])
            if len(values) < 2:
                continue
            high, low = values.loc[values[metric].idxmax()], values.loc[values[metric].idxmin()]
            limit = limits.get(metric, np.nan)
            gap = float(high[metric] - low[metric])
            rows.append(
                {
                    "grouping": grouping,
                    "metric": metric,
                    "gap": gap,
                    "high_group": high["group"],
                    "high_value": float(high[metric]),
                    "low_group": low["group"],
                    "low_value": float(low[metric]),
                    "limit": limit,
                    "alert": bool(gap > limit and low[f"{metric}_high"] < high[f"{metric}_low"]),
                }
            )
    columns = ["grouping", "metric", "gap", "high_group", "high_value", "low_group", "low_value", "limit", "alert"]
    return pd.DataFrame(rows, columns=columns)


def _calibration_alerts(groups: pd.DataFrame, config: FairnessConfig) -> list[str]:
    limit = config.calibration_gap_limit
    flagged = groups[
        (groups["calibration_gap"].abs() > limit)
        & ((groups["calibration_gap_low"] > 0) | (groups["calibration_gap_high"] < 0))
    ]
    return [
        f"Calibration: the model {'over' if row.calibration_gap > 0 else 'under'}estimates the risk of group "
        f"'{row.group}' ({row.grouping}): mean risk {row.mean_risk:.3f} against an observed rate "
        f"{row.observed_rate:.3f}, gap {row.calibration_gap:+.3f} ({config.confidence:.0%} CI "
        f"{row.calibration_gap_low:+.3f} to {row.calibration_gap_high:+.3f}; limit ±{limit:.2f}, "
        f"n = {row.n_labelled} with known outcome)."
        for row in flagged.itertuples()
    ]


def _gap_alerts(gaps: pd.DataFrame, config: FairnessConfig) -> list[str]:
    names = {
        "tpr": f"TPR at risk ≥ {config.high_risk_threshold:.2f}",
        "fpr": f"FPR at risk ≥ {config.high_risk_threshold:.2f}",
        "override_rate": "Override rate",
    }
    base_rates = (
        " Groups with different observed rates get different TPR and FPR at one threshold even from calibrated risks:"
        " compare the calibration gaps before reading this as bias, and review the threshold policy."
    )
    notes = {"tpr": base_rates, "fpr": base_rates}
    return [
        f"{names[row.metric]} differs by {row.gap:.3f} between '{row.high_group}' ({row.high_value:.3f}) and "
        f"'{row.low_group}' ({row.low_value:.3f}) in grouping {row.grouping} (limit {row.limit:.2f}; the intervals "
        f"do not overlap).{notes.get(row.metric, '')}"
        for row in gaps[gaps["alert"]].itertuples()
    ]


def _mean(values: np.ndarray) -> np.ndarray:
    return np.asarray(values.mean(axis=-1))


def _codes(values: pd.Series) -> np.ndarray:
    codes, uniques = pd.factorize(values)
    return np.asarray(np.append(np.asarray(uniques, dtype=str).astype(object), UNKNOWN)[codes], dtype=object)


def level_index(values: pd.Series) -> np.ndarray:
    """Position of each level in ``FollowUpLevel`` (its order of intensity); -1 where missing.

    Raises
    ------
    ValueError
        If a value is not a ``FollowUpLevel`` value.
    """
    codes = pd.Index(LEVELS).get_indexer(values)
    unknown = (codes < 0) & values.notna().to_numpy()
    if unknown.any():
        raise ValueError(f"{UNKNOWN_LEVEL_MESSAGE}: {sorted({str(value) for value in values[unknown]})[:5]}")
    return np.asarray(codes, dtype=np.int64)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA or value is pd.NaT


def _cell_codes(attributes: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Code each row by its combination of attributes; the combinations as a table in the order of the codes."""
    code = attributes.groupby(list(attributes.columns), sort=True).ngroup().to_numpy()
    combinations = attributes.drop_duplicates().assign(code=code[~attributes.duplicated().to_numpy()])
    return code, combinations.sort_values("code").drop(columns="code").reset_index(drop=True)


def _sorted_by_cell(code: np.ndarray, values: np.ndarray, *, size: int) -> tuple[np.ndarray, np.ndarray]:
    """``values`` ordered by cell, and each cell's ``(start, stop)`` in that order."""
    order = np.argsort(code, kind="stable")
    stops = np.cumsum(np.bincount(code, minlength=size))
    return values[order], np.column_stack([stops - np.bincount(code, minlength=size), stops])
