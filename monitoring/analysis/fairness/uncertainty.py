"""Intervals around every metric of the fairness group table: Wilson for proportions, bootstrap for the others.

Above ``FairnessConfig.bootstrap_max_rows`` rows per group the bootstrap resamples that many rows per round and
rescales (m-out-of-n bootstrap, :func:`monitoring.analysis.intervals.bootstrap_interval`); this keeps a report on a
million rows within seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import pandas as pd

from models.metrics import auc, calibration_gap
from monitoring.analysis.fairness.cells import GroupCells
from monitoring.analysis.fairness.config import (
    BOOTSTRAP_METRICS,
    DENOMINATORS,
    NUMERATORS,
    RATE_METRICS,
    SHARE_LEVELS,
    FairnessConfig,
)
from monitoring.analysis.intervals import Statistic, bootstrap_interval, wilson_interval


def with_intervals(groups: pd.DataFrame, cells: GroupCells, config: FairnessConfig) -> pd.DataFrame:
    """The group table with ``<metric>_low`` and ``<metric>_high`` for every metric, in reading order.

    Parameters
    ----------
    groups : pandas.DataFrame
        Rows of :meth:`GroupCells.table`, with their ``cells``.
    cells : GroupCells
        The cells the rows were computed from (the bootstrap resamples their rows).
    config : FairnessConfig
        Confidence, bootstrap rounds, row cap and seed.

    Returns
    -------
    pandas.DataFrame
        The counts, metrics and bounds (NaN where the metric is NaN), without ``cells``.
    """
    bounds: dict[str, np.ndarray] = {}
    for metric in RATE_METRICS:
        low, high = wilson_interval(
            groups[NUMERATORS[metric]].to_numpy(), groups[DENOMINATORS[metric]].to_numpy(), confidence=config.confidence
        )
        reported = groups[metric].notna().to_numpy()
        bounds[f"{metric}_low"], bounds[f"{metric}_high"] = (
            np.where(reported, low, np.nan),
            np.where(reported, high, np.nan),
        )
    samples: dict[str, Callable[[np.ndarray], tuple[np.ndarray, ...]]] = {
        "mean_risk": lambda group_cells: (cells.scored_rows(group_cells),),
        "calibration_gap": cells.labelled_rows,
        "auc": cells.labelled_rows,
    }
    statistics: dict[str, Statistic] = {
        "mean_risk": _mean,
        "calibration_gap": calibration_gap,
        "auc": partial(auc, presorted=True),
    }
    for metric in BOOTSTRAP_METRICS:
        intervals = [
            bootstrap_interval(
                *samples[metric](group_cells),
                statistic=statistics[metric],
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
    result = pd.concat([groups.drop(columns="cells"), pd.DataFrame(bounds, index=groups.index)], axis=1)
    return result[_reading_order()]


def _reading_order() -> list[str]:
    """Each metric after the counts it is computed from, followed by its bounds."""

    def with_bounds(metric: str) -> list[str]:
        return [metric, f"{metric}_low", f"{metric}_high"]

    ordered = ["grouping", "group", "n", "n_scored", *with_bounds("mean_risk"), "n_suggested"]
    for level in SHARE_LEVELS:
        ordered += [f"n_{level}", *with_bounds(f"share_{level}")]
    ordered += ["n_decided", "overrides", *with_bounds("override_rate")]
    ordered += ["n_labelled", "positives", "negatives", "true_positives", "false_positives"]
    for metric in ("observed_rate", "calibration_gap", "auc", "tpr", "fpr"):
        ordered += with_bounds(metric)
    return ordered


def _mean(values: np.ndarray) -> np.ndarray:
    return np.asarray(values.mean(axis=-1))
