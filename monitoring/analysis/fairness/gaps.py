"""Between-group gaps in the fairness group table, and the alerts they raise."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from models.groups import GROUPINGS
from monitoring.analysis.fairness.config import GAP_METRICS, FairnessConfig

GAP_COLUMNS: tuple[str, ...] = (
    "grouping",
    "metric",
    "gap",
    "high_group",
    "high_value",
    "low_group",
    "low_value",
    "limit",
    "alert",
)


def largest_gaps(groups: pd.DataFrame, config: FairnessConfig) -> pd.DataFrame:
    """Per grouping and metric, the groups with the highest and the lowest published value.

    ``alert`` is true when the gap exceeds its limit (TPR, FPR and override rate only; NaN ``limit`` otherwise) and the
    two groups' intervals do not overlap.
    """
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
    return pd.DataFrame(rows, columns=list(GAP_COLUMNS))


def calibration_alerts(groups: pd.DataFrame, config: FairnessConfig) -> list[str]:
    """An alert for each group whose calibration gap exceeds the limit with an interval that excludes zero."""
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


def gap_alerts(gaps: pd.DataFrame, config: FairnessConfig) -> list[str]:
    """An alert for each alerting row of :func:`largest_gaps`, naming both groups."""
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
