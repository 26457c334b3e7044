"""Realised and estimated accuracy of the risk model, by registration month.

Obligation: accuracy monitoring (the accuracy of a high-risk system is declared and kept under watch, AI Act
Art. 15). Outcomes arrive a horizon (12 months) after registration, so the accuracy of recent assessments is not
known yet. This module reports two things side by side:

- *realised* performance of the assessments whose outcome is known: AUC, Brier score, observed rate, calibration gap
  and expected calibration error (ECE), as :mod:`models.metrics` defines them for the promotion gates too;
- *estimated* performance of the assessments still waiting for their outcome, by confidence-based performance
  estimation (CBPE, as NannyML does it): if the risks are calibrated, each risk is the probability of the outcome,
  so the expected AUC, Brier score and rate follow from the risks alone (columns named ``expected_*``: nothing in
  them has been observed).

The estimate holds only while calibration holds. Drift in who registers leaves it valid (the model is still
calibrated for each profile); a change in how profiles relate to the outcome (concept drift, e.g. a rule change)
breaks it, and shows once outcomes arrive as a realised calibration gap and a realised AUC below the estimate for the
same rows: :func:`performance_summary` raises alerts for both.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import brier_score_loss

from models.errors import ConfigurationError, InvalidInputError
from models.metrics import auc, calibration_gap, expected_calibration_error
from monitoring.analysis.alert_messages import AlertMessage
from monitoring.analysis.frame_checks import label_values, require_columns, risk_values
from monitoring.analysis.json_tables import json_records

PERIODS: dict[str, str] = {"month": "M", "quarter": "Q"}
"""Grouping of assessments by registration date: name to pandas period frequency."""

BY_MESSAGE = "by must be one of: " + ", ".join(PERIODS)
LIMITS_MESSAGE = "performance limits must be positive"

ALERT_KEYS: tuple[str, ...] = ("not_calibrated", "auc_below_promise")
"""The keys of the alerts :func:`performance_summary` raises (:data:`models.texts.ALERT_TEXTS`)."""

_REALISED_COLUMNS = ["period", "n", "auc", "brier", "mean_risk", "observed_rate", "calibration_gap", "ece"]
_ESTIMATED_COLUMNS = ["period", "n", "expected_auc", "expected_brier", "expected_rate"]


@dataclass(frozen=True)
class PerformanceLimits:
    """When realised performance raises an alert.

    Parameters
    ----------
    min_rows : int
        Only periods with at least this many labelled assessments are checked.
    calibration_gap : float
        Alert when ``|mean risk − observed rate|`` exceeds this *and* is more than ``z`` standard errors from zero.
    z : float
        The standard error is that of the observed rate if the risks were calibrated, ``sqrt(Σ p(1 − p)) / n``, so
        sampling noise in small months does not raise alerts.
    auc_drop : float
        Alert when the realised AUC is more than this below the AUC the risks promised for the same rows.

    Raises
    ------
    ConfigurationError
        If a limit is not positive.
    """

    min_rows: int = 500
    calibration_gap: float = 0.03
    z: float = 3.0
    auc_drop: float = 0.05

    def __post_init__(self) -> None:
        if not (self.min_rows > 0 and self.calibration_gap > 0 and self.z > 0 and self.auc_drop > 0):
            raise ConfigurationError(f"{LIMITS_MESSAGE} (got {asdict(self)})")


def realised_performance(frame: pd.DataFrame, *, by: str = "month") -> pd.DataFrame:
    """Performance of the assessments whose outcome is known, per registration period.

    Parameters
    ----------
    frame : pandas.DataFrame
        Assessment frame with ``registration_date``, ``risk`` and ``label`` (NaN rows are left out).
    by : str, default "month"
        ``month`` or ``quarter`` of the registration date.

    Returns
    -------
    pandas.DataFrame
        One row per period (``period`` as text, e.g. ``2025-03``): ``n``, ``auc`` (NaN when only one outcome
        occurs), ``brier``, ``mean_risk``, ``observed_rate``, ``calibration_gap`` (mean risk − observed rate) and
        ``ece`` (:data:`models.metrics.ECE_BINS` equal-width bins).

    Raises
    ------
    InvalidInputError
        If a column is missing, a risk is missing or lies outside [0, 1], a label is not 0, 1 or NaN, or ``by`` is
        not a known period.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "registration_date": pd.to_datetime(["2025-01-05", "2025-01-20", "2025-02-03", "2025-02-10"]),
    ...     "risk": [0.2, 0.8, 0.3, 0.6],
    ...     "label": [0.0, 1.0, 1.0, float("nan")],
    ... })
    >>> realised_performance(frame)[["period", "n", "auc", "observed_rate"]]
        period  n  auc  observed_rate
    0  2025-01  2  1.0            0.5
    1  2025-02  1  NaN            1.0
    """
    checked = _checked(frame, by, need_label=True)
    return _realised_table(checked[checked["label"].notna()])


def estimated_performance(frame: pd.DataFrame, *, by: str = "month") -> pd.DataFrame:
    """Expected performance of the assessments still waiting for their outcome, per registration period (CBPE).

    Assumes that the risks are calibrated, ``P(label = 1 | risk = p) = p``, for the assessed population *now*. Then
    each row counts as a positive with weight ``p`` and as a negative with weight ``1 − p``: the expected AUC is
    :func:`models.metrics.auc` with the risks as labels, the expected Brier score is the mean of ``p(1 − p)`` and the
    expected rate of people still without work is the mean risk. Under concept drift the assumption fails and so does
    the estimate; compare it with realised performance as outcomes arrive (:func:`performance_summary`).

    Parameters
    ----------
    frame : pandas.DataFrame
        Assessment frame with ``registration_date`` and ``risk``; rows with a known ``label`` are left out (all rows
        count when there is no ``label`` column).
    by : str, default "month"
        ``month`` or ``quarter`` of the registration date.

    Returns
    -------
    pandas.DataFrame
        One row per period: ``period``, ``n``, ``expected_auc``, ``expected_brier`` and ``expected_rate``. No
        outcome is known for these rows: every number is what calibrated risks promise, not an observation.

    Raises
    ------
    InvalidInputError
        If a column is missing, a risk is missing or lies outside [0, 1], or ``by`` is not a known period.

    Examples
    --------
    >>> frame = pd.DataFrame({"registration_date": pd.to_datetime(["2026-05-02"] * 2), "risk": [0.1, 0.9]})
    >>> estimated_performance(frame).round(3)
        period  n  expected_auc  expected_brier  expected_rate
    0  2026-05  2         0.988            0.09            0.5
    """
    checked = _checked(frame, by, need_label=False)
    return _estimated_table(checked[checked["label"].isna()] if "label" in checked.columns else checked)


def performance_summary(
    frame: pd.DataFrame, *, by: str = "month", limits: PerformanceLimits | None = None
) -> dict[str, Any]:
    """Realised and estimated performance by period, overall figures and alerts, JSON-serialisable, for reports.

    Parameters
    ----------
    frame : pandas.DataFrame
        Assessment frame with ``registration_date``, ``risk`` and ``label``.
    by : str, default "month"
        ``month`` or ``quarter`` of the registration date.
    limits : PerformanceLimits, optional
        Alert limits; the defaults of :class:`PerformanceLimits` when not given.

    Returns
    -------
    dict
        ``realised``: records of :func:`realised_performance`, each with ``expected_auc``, the AUC the risks promised
        for the same rows; ``estimated``: records of :func:`estimated_performance`; ``overall``: one record of each
        over all periods (None when there are no such rows); ``alerts``: the alerts as keyed sentences
        (:meth:`~monitoring.analysis.alert_messages.AlertMessage.as_dict`, empty when nothing is wrong); ``limits``.

    Raises
    ------
    InvalidInputError
        If a column is missing, a risk is missing or lies outside [0, 1], a label is not 0, 1 or NaN, or ``by`` is
        not a known period.
    """
    limits = limits or PerformanceLimits()
    checked = _checked(frame, by, need_label=True)
    known = checked[checked["label"].notna()]
    waiting = checked[checked["label"].isna()]
    realised = _with_promise(known)
    overall_realised = json_records(_with_promise(known.assign(period="all")))
    overall_estimated = json_records(_estimated_table(waiting.assign(period="all")))
    return {
        "realised": json_records(realised),
        "estimated": json_records(_estimated_table(waiting)),
        "overall": {
            "realised": overall_realised[0] if overall_realised else None,
            "estimated": overall_estimated[0] if overall_estimated else None,
        },
        "alerts": _alerts(realised, known, limits),
        "limits": asdict(limits),
    }


def _checked(frame: pd.DataFrame, by: str, *, need_label: bool) -> pd.DataFrame:
    """The columns this module reads, validated, with the registration ``period`` as text."""
    if by not in PERIODS:
        raise InvalidInputError(f"{BY_MESSAGE} (got {by!r})")
    require_columns(
        frame, ["registration_date", "risk", *(["label"] if need_label else [])], purpose="performance monitoring"
    )
    out = pd.DataFrame({"risk": risk_values(frame["risk"], missing_allowed=False)}, index=frame.index)
    if "label" in frame.columns:
        out["label"] = label_values(frame["label"])
    out["period"] = pd.to_datetime(frame["registration_date"]).dt.to_period(PERIODS[by]).astype(str)
    return out


def _realised_table(known: pd.DataFrame) -> pd.DataFrame:
    rows = [_realised(period, part) for period, part in known.groupby("period", sort=True)]
    return pd.DataFrame(rows, columns=_REALISED_COLUMNS)


def _with_promise(known: pd.DataFrame) -> pd.DataFrame:
    """The realised table with ``expected_auc``: what the risks promised for the same rows, ignoring the labels."""
    table = _realised_table(known)
    table["expected_auc"] = _estimated_table(known)["expected_auc"]
    return table


def _estimated_table(waiting: pd.DataFrame) -> pd.DataFrame:
    rows = [_estimated(period, part["risk"].to_numpy()) for period, part in waiting.groupby("period", sort=True)]
    return pd.DataFrame(rows, columns=_ESTIMATED_COLUMNS)


def _realised(period: object, part: pd.DataFrame) -> list[Any]:
    risk, label = part["risk"].to_numpy(), part["label"].to_numpy()
    return [
        str(period),
        len(risk),
        float(auc(label, risk)),
        float(brier_score_loss(label, risk)),
        float(risk.mean()),
        float(label.mean()),
        float(calibration_gap(label, risk)),
        expected_calibration_error(label, risk),
    ]


def _estimated(period: object, risk: np.ndarray) -> list[Any]:
    return [str(period), len(risk), float(auc(risk, risk)), float(np.mean(risk * (1.0 - risk))), float(risk.mean())]


def _alerts(realised: pd.DataFrame, known: pd.DataFrame, limits: PerformanceLimits) -> list[dict[str, Any]]:
    alerts: list[AlertMessage] = []
    variance = known.assign(v=known["risk"] * (1.0 - known["risk"])).groupby("period", sort=True)["v"].sum()
    for row in realised[realised["n"] >= limits.min_rows].itertuples(index=False):
        noise = float(np.sqrt(variance[row.period])) / row.n
        gap = row.calibration_gap
        where = {"period": str(row.period), "n": int(row.n)}
        if abs(gap) > limits.calibration_gap and abs(gap) > limits.z * noise:
            numbers = {"mean_risk": row.mean_risk, "observed_rate": row.observed_rate, "gap": gap}
            alerts.append(AlertMessage("not_calibrated", where | _floats(numbers) | {"limit": limits.calibration_gap}))
        if row.auc < row.expected_auc - limits.auc_drop:
            numbers = {"auc": row.auc, "expected_auc": row.expected_auc, "limit": limits.auc_drop}
            alerts.append(AlertMessage("auc_below_promise", where | _floats(numbers)))
    return [alert.as_dict() for alert in alerts]


def _floats(numbers: dict[str, Any]) -> dict[str, float]:
    return {name: float(value) for name, value in numbers.items()}
