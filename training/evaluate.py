"""Evaluation on the test split: discrimination and calibration overall, per protected group and intersection, and
against the exact optimum and the baselines.

The groups (:mod:`models.groups`) and the AUC, calibration gap and ECE (:mod:`models.metrics`) are the ones the
monitoring reports use, so a promotion gate and a fairness report measure the same thing.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, brier_score_loss, log_loss

from models.groups import GROUPINGS, group_attributes, group_name, split_small_groups
from models.metrics import ECE_BINS, auc, calibration_gap, expected_calibration_error
from models.risk_model import RiskModel


def score_metrics(label: np.ndarray, risk: np.ndarray) -> dict[str, float]:
    """ROC-AUC, PR-AUC, Brier score, log loss and ECE of one set of risks."""
    clipped = np.clip(risk, 1e-6, 1 - 1e-6)
    return {
        "auc": float(auc(label, risk)),
        "pr_auc": float(average_precision_score(label, risk)),
        "brier": float(brier_score_loss(label, risk)),
        "log_loss": float(log_loss(label, clipped)),
        "ece": expected_calibration_error(label, risk),
    }


MIN_GROUP_SIZE = 200
"""The fewest rows of a group whose figures a model card or a policy trade-off publishes."""


def group_metrics(frame: pd.DataFrame, risk: np.ndarray, *, min_size: int = MIN_GROUP_SIZE) -> list[dict[str, object]]:
    """Per group of every grouping: size, base rate, mean risk, calibration gap and AUC.

    A pandas group-by, not fairlearn's MetricFrame: MetricFrame copies every row into Python lists, seconds per
    grouping on a test split of 100,000 rows, for the same numbers. Groups below ``min_size`` are suppressed: listed
    with ``suppressed`` true and no count or metric.
    """
    data = group_attributes(frame).assign(label=frame["label"].to_numpy(dtype=np.float64), risk=risk)
    rows: list[dict[str, object]] = []
    for grouping, columns in GROUPINGS.items():
        for key, part in data.groupby(list(columns), sort=True):
            label, group_risk = part["label"].to_numpy(), part["risk"].to_numpy()
            rows.append(
                {
                    "grouping": grouping,
                    "group": group_name(key),
                    "n": len(part),
                    "base_rate": float(label.mean()),
                    "mean_risk": float(group_risk.mean()),
                    "calibration_gap": float(calibration_gap(label, group_risk)),
                    "auc": float(auc(label, group_risk)),
                }
            )
    published, suppressed = split_small_groups(pd.DataFrame(rows), min_size=min_size)
    return [
        *(dict(row, suppressed=False) for row in published.to_dict("records")),
        *(dict(row, suppressed=True) for row in suppressed.to_dict("records")),
    ]


def max_calibration_gap(groups: list[dict[str, object]]) -> float:
    """The largest absolute calibration gap over the published groups (the fairness gate's figure); 0 if none."""
    return max((abs(float(str(g["calibration_gap"]))) for g in groups if not g["suppressed"]), default=0.0)


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


def range_coverage_of_observed(label: np.ndarray, risk: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> float:
    """Share of rows in risk bins whose observed long-term share lies inside the bin's mean range.

    On data without the true probability a row's range cannot be checked against its outcome (0 or 1); a bin of
    similar risks can: the rows are put in the equal-width bins of the expected calibration error
    (:data:`models.metrics.ECE_BINS`), and a bin counts as covered when its observed share lies between the means of
    its lower and upper bounds.

    Examples
    --------
    >>> import numpy as np
    >>> label = np.array([0, 1, 0, 0, 1, 1])
    >>> risk = np.array([0.3, 0.3, 0.3, 0.7, 0.7, 0.7])
    >>> float(range_coverage_of_observed(label, risk, risk - 0.05, risk + 0.05))
    1.0
    """
    bins = np.minimum((risk * ECE_BINS).astype(int), ECE_BINS - 1)
    frame = pd.DataFrame({"bin": bins, "label": label, "lower": lower, "upper": upper})
    by_bin = frame.groupby("bin").agg(
        n=("label", "size"), rate=("label", "mean"), lo=("lower", "mean"), hi=("upper", "mean")
    )
    covered = (by_bin["rate"] >= by_bin["lo"]) & (by_bin["rate"] <= by_bin["hi"])
    return float(by_bin.loc[covered, "n"].sum() / by_bin["n"].sum())


def model_auc(model: RiskModel, frame: pd.DataFrame) -> float:
    """A model's AUC on a labelled frame in the profile schema (what the regression gate compares)."""
    risk = model.score_matrix(model.spec.encode_frame(frame))[0]
    return float(auc(frame["label"].to_numpy(), risk))
