"""Evaluation on the test split: discrimination and calibration overall, per protected group and intersection, and
against the exact optimum and the baselines.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score

ECE_BINS = 15
AGE_GROUPS = (("under_30", 0, 29), ("30_49", 30, 49), ("50_plus", 50, 200))
GROUPINGS: dict[str, tuple[str, ...]] = {
    "gender": ("gender",),
    "age_group": ("age_group",),
    "country_background": ("country_background",),
    "gender_x_country_background": ("gender", "country_background"),
    "age_group_x_country_background": ("age_group", "country_background"),
}


def expected_calibration_error(label: np.ndarray, risk: np.ndarray, *, bins: int = ECE_BINS) -> float:
    """Weighted mean |observed rate − mean risk| over equal-width risk bins.

    Examples
    --------
    >>> round(expected_calibration_error(np.array([0, 1, 0, 1]), np.array([0.5, 0.5, 0.5, 0.5])), 3)
    0.0
    """
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(risk, edges[1:-1]), 0, bins - 1)
    counts = np.bincount(which, minlength=bins)
    observed = np.bincount(which, weights=label, minlength=bins)
    predicted = np.bincount(which, weights=risk, minlength=bins)
    used = counts > 0
    return float(np.sum(np.abs(observed[used] - predicted[used])) / len(risk))


def score_metrics(label: np.ndarray, risk: np.ndarray) -> dict[str, float]:
    """ROC-AUC, PR-AUC, Brier score, log loss and ECE of one set of risks."""
    clipped = np.clip(risk, 1e-6, 1 - 1e-6)
    return {
        "auc": float(roc_auc_score(label, risk)),
        "pr_auc": float(average_precision_score(label, risk)),
        "brier": float(brier_score_loss(label, risk)),
        "log_loss": float(log_loss(label, clipped)),
        "ece": float(expected_calibration_error(label, risk)),
    }


def age_group(age: pd.Series) -> pd.Series:
    """The age groups used for fairness reporting."""
    out = pd.Series(index=age.index, dtype=object)
    for name, low, high in AGE_GROUPS:
        out[age.between(low, high)] = name
    return out


def group_metrics(frame: pd.DataFrame, risk: np.ndarray, *, min_size: int = 200) -> list[dict[str, object]]:
    """Per group and intersection: size, base rate, mean risk, calibration gap and AUC (small groups suppressed)."""
    data = frame.assign(age_group=age_group(frame["age"]), risk=risk)
    rows: list[dict[str, object]] = []
    for grouping, columns in GROUPINGS.items():
        for key, part in data.groupby(list(columns), observed=True):
            values = key if isinstance(key, tuple) else (key,)
            group = " & ".join(f"{c}={v}" for c, v in zip(columns, values, strict=True))
            row: dict[str, object] = {"grouping": grouping, "group": group, "n": len(part)}
            if len(part) < min_size:
                row["suppressed"] = True
                rows.append(row)
                continue
            label = part["label"].to_numpy()
            row.update(
                suppressed=False,
                base_rate=float(label.mean()),
                mean_risk=float(part["risk"].mean()),
                calibration_gap=float(part["risk"].mean() - label.mean()),
                auc=float(roc_auc_score(label, part["risk"])) if 0 < label.mean() < 1 else float("nan"),
            )
            rows.append(row)
    return rows


def level_shares(levels: pd.Series | np.ndarray) -> dict[str, float]:
    """Share of each suggested level."""
    counts = pd.Series(levels).value_counts(normalize=True)
    return {str(k): float(v) for k, v in counts.items()}


def evaluate(test: pd.DataFrame, scores: Mapping[str, np.ndarray]) -> dict[str, float]:
    """Flat metrics ``{source}_{metric}`` for every score source (model, p_opt, rule, logit), and the gaps."""
    label = test["label"].to_numpy()
    out: dict[str, float] = {}
    for source, risk in scores.items():
        out.update({f"{source}_{k}": v for k, v in score_metrics(label, risk).items()})
    if "p_opt" in scores:
        out["auc_gap_to_optimum"] = out["p_opt_auc"] - out["model_auc"]
    if "rule" in scores:
        out["auc_gain_over_rule"] = out["model_auc"] - out["rule_auc"]
    return out


def interval_coverage(truth: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> float:
    """Share of rows whose true probability lies inside the uncertainty range."""
    return float(np.mean((truth >= lower) & (truth <= upper)))
