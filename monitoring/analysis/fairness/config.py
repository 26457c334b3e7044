"""What the fairness report measures and when it alerts: its configuration, metric names and their definitions."""

from __future__ import annotations

from dataclasses import dataclass

from models.errors import ConfigurationError
from models.policy import SUGGESTABLE_LEVELS

SHARE_LEVELS: tuple[str, ...] = tuple(str(level) for level in SUGGESTABLE_LEVELS)

DENOMINATORS: dict[str, str] = {
    "mean_risk": "n_scored",
    **{f"share_{level}": "n_suggested" for level in SHARE_LEVELS},
    "override_rate": "n_decided",
    "observed_rate": "n_labelled",
    "calibration_gap": "n_labelled",
    "auc": "n_labelled",
    "tpr": "positives",
    "fpr": "negatives",
}
"""Every metric and the count of rows it is computed over: a metric needs ``min_group_size`` of them."""
NUMERATORS: dict[str, str] = {
    **{f"share_{level}": f"n_{level}" for level in SHARE_LEVELS},
    "override_rate": "overrides",
    "observed_rate": "positives",
    "tpr": "true_positives",
    "fpr": "false_positives",
}
"""The count each proportion divides by its denominator."""
COUNTS: tuple[str, ...] = (
    "n",
    "n_scored",
    "n_suggested",
    *(f"n_{level}" for level in SHARE_LEVELS),
    "n_decided",
    "overrides",
    "n_labelled",
    "positives",
    "negatives",
    "true_positives",
    "false_positives",
)
"""The counts of the group table, in their order there."""

RATE_METRICS: tuple[str, ...] = tuple(NUMERATORS)
"""Proportions, shown with Wilson intervals."""
BOOTSTRAP_METRICS: tuple[str, ...] = ("mean_risk", "calibration_gap", "auc")
"""Other statistics, shown with bootstrap intervals."""
GAP_METRICS: tuple[str, ...] = ("mean_risk", *RATE_METRICS, "calibration_gap", "auc")
"""Metrics whose largest between-group difference is reported."""

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
    "suppression": (
        "groups with fewer than min_group_size assessments are listed by name only; in a published group, a metric "
        "whose own count of rows is below min_group_size is left out together with every count it is computed from"
    ),
}


@dataclass(frozen=True)
class FairnessConfig:
    """Group sizes, thresholds and alert limits of the fairness report.

    Parameters
    ----------
    min_group_size : int, default 100
        Groups with fewer assessments are suppressed; a metric needs this many rows in its denominator.
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

    Raises
    ------
    ConfigurationError
        If a size or count is below 1, the threshold or confidence lies outside (0, 1), or a limit is not positive.

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
            raise ConfigurationError("min_group_size, bootstrap_rounds and bootstrap_max_rows must be at least 1")
        if not 0 < self.high_risk_threshold < 1 or not 0 < self.confidence < 1:
            raise ConfigurationError("high_risk_threshold and confidence must lie in (0, 1)")
        if min(self.calibration_gap_limit, self.error_rate_gap_limit, self.override_rate_gap_limit) <= 0:
            raise ConfigurationError("alert limits must be positive")
