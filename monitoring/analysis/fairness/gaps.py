"""Between-group gaps in the fairness group table, and the alerts they raise."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from models.groups import GROUPINGS
from monitoring.analysis.alert_messages import AlertMessage
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
ALERT_KEYS: tuple[str, ...] = (
    "calibration_overestimates",
    "calibration_underestimates",
    "tpr_gap",
    "fpr_gap",
    "override_rate_gap",
)
"""The keys of the alerts the fairness report raises (:data:`models.texts.ALERT_TEXTS`)."""


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


def calibration_alerts(groups: pd.DataFrame, config: FairnessConfig) -> list[AlertMessage]:
    """An alert for each group whose calibration gap exceeds the limit with an interval that excludes zero."""
    limit = config.calibration_gap_limit
    flagged = groups[
        (groups["calibration_gap"].abs() > limit)
        & ((groups["calibration_gap_low"] > 0) | (groups["calibration_gap_high"] < 0))
    ]
    return [
        AlertMessage(
            "calibration_overestimates" if row["calibration_gap"] > 0 else "calibration_underestimates",
            {
                "group": str(row["group"]),
                "grouping": str(row["grouping"]),
                "mean_risk": float(row["mean_risk"]),
                "observed_rate": float(row["observed_rate"]),
                "gap": float(row["calibration_gap"]),
                "confidence": config.confidence,
                "gap_low": float(row["calibration_gap_low"]),
                "gap_high": float(row["calibration_gap_high"]),
                "limit": limit,
                "n": int(row["n_labelled"]),
            },
        )
        for row in flagged.to_dict("records")
    ]


def gap_alerts(gaps: pd.DataFrame, config: FairnessConfig) -> list[AlertMessage]:
    """An alert for each alerting row of :func:`largest_gaps`, naming both groups (TPR and FPR at the threshold)."""
    at_threshold = {"tpr": {"threshold": config.high_risk_threshold}, "fpr": {"threshold": config.high_risk_threshold}}
    return [
        AlertMessage(
            f"{row['metric']}_gap",
            {
                "gap": float(row["gap"]),
                "high_group": str(row["high_group"]),
                "high_value": float(row["high_value"]),
                "low_group": str(row["low_group"]),
                "low_value": float(row["low_value"]),
                "grouping": str(row["grouping"]),
                "limit": float(row["limit"]),
            }
            | at_threshold.get(str(row["metric"]), {}),
        )
        for row in gaps[gaps["alert"]].to_dict("records")
    ]
