"""Realised and estimated (CBPE) performance: the estimate tracks reality while the model stays calibrated and
departs from it under concept drift (``rule_change``), which raises an alert.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import brier_score_loss, roc_auc_score

from models.errors import ConfigurationError, InvalidInputError
from monitoring.analysis.frame_checks import LABEL_MESSAGE, MISSING_COLUMNS_MESSAGE, RISK_MESSAGE
from monitoring.analysis.performance import (
    BY_MESSAGE,
    LIMITS_MESSAGE,
    PerformanceLimits,
    estimated_performance,
    performance_summary,
    realised_performance,
)
from training.population import simulate_population, true_probability

ROWS = 40_000
YEAR = {"start": dt.date(2024, 1, 1), "end": dt.date(2024, 12, 31)}
"""One year of registrations, all with known outcomes: about 3,300 a month."""


@pytest.fixture(scope="module")
def calibrated() -> pd.DataFrame:
    """A model that is exactly calibrated: the risk is the true probability."""
    frame = simulate_population(ROWS, seed=201, **YEAR)
    return frame.assign(risk=frame["p_opt"])


@pytest.fixture(scope="module")
def rule_change() -> pd.DataFrame:
    """Outcomes under the changed rules, scored by a model that learnt the baseline relations."""
    frame = simulate_population(ROWS, scenario="rule_change", seed=202, **YEAR)
    return frame.assign(risk=true_probability(frame, scenario="baseline"))


def test_realised_matches_sklearn(calibrated: pd.DataFrame) -> None:
    table = realised_performance(calibrated)
    assert len(table) == 12
    assert table["n"].sum() == ROWS
    january = calibrated[calibrated["registration_date"].dt.month == 1]
    first = table.iloc[0]
    assert first["period"] == "2024-01"
    assert first["auc"] == pytest.approx(roc_auc_score(january["label"], january["risk"]))
    assert first["brier"] == pytest.approx(brier_score_loss(january["label"], january["risk"]))
    assert first["calibration_gap"] == pytest.approx(january["risk"].mean() - january["label"].mean())
    assert 0.0 <= first["ece"] < 0.05


def test_estimate_tracks_realised_while_calibrated(calibrated: pd.DataFrame) -> None:
    realised = realised_performance(calibrated).set_index("period")
    estimated = estimated_performance(calibrated.assign(label=np.nan)).set_index("period")
    big = realised.index[realised["n"] >= 2_000]
    assert len(big) == 12
    assert (realised.loc[big, "auc"] - estimated.loc[big, "expected_auc"]).abs().max() < 0.02
    assert (realised.loc[big, "observed_rate"] - estimated.loc[big, "expected_rate"]).abs().max() < 0.025
    assert (realised.loc[big, "brier"] - estimated.loc[big, "expected_brier"]).abs().max() < 0.01


def test_the_estimate_names_its_numbers_as_expected_not_observed(calibrated: pd.DataFrame) -> None:
    waiting = calibrated.assign(label=np.nan)
    estimated = estimated_performance(waiting)
    assert list(estimated.columns) == ["period", "n", "expected_auc", "expected_brier", "expected_rate"]
    january = waiting[waiting["registration_date"].dt.month == 1]
    assert estimated["expected_rate"].iloc[0] == pytest.approx(january["risk"].mean())


def test_expected_auc_is_the_mean_auc_of_labels_drawn_from_the_risks() -> None:
    rng = np.random.default_rng(3)
    risk = np.round(rng.beta(2, 5, size=3_000), 2)  # rounded: ties must be handled too
    frame = pd.DataFrame({"registration_date": pd.Timestamp("2025-03-01"), "risk": risk})
    expected = estimated_performance(frame)["expected_auc"].iloc[0]
    drawn = [roc_auc_score(rng.random(len(risk)) < risk, risk) for _ in range(200)]
    assert expected == pytest.approx(np.mean(drawn), abs=0.002)


def test_calibrated_summary_raises_no_alert(calibrated: pd.DataFrame) -> None:
    summary = performance_summary(calibrated)
    assert summary["alerts"] == []
    overall = summary["overall"]["realised"]
    assert overall["n"] == ROWS
    assert abs(overall["auc"] - overall["expected_auc"]) < 0.01
    assert summary["overall"]["estimated"] is None
    json.dumps(summary, allow_nan=False)


def test_rule_change_breaks_the_estimate_and_raises_alerts(rule_change: pd.DataFrame) -> None:
    realised = realised_performance(rule_change).set_index("period")
    estimated = estimated_performance(rule_change.assign(label=np.nan)).set_index("period")
    assert (estimated["expected_rate"] - realised["observed_rate"] < -0.03).all()
    assert (estimated["expected_auc"] - realised["auc"]).mean() > 0.03
    summary = performance_summary(rule_change)
    overall = summary["overall"]["realised"]
    assert overall["calibration_gap"] < -0.04
    assert overall["auc"] < overall["expected_auc"] - 0.03
    calibration_alerts = [a for a in summary["alerts"] if a["key"] == "not_calibrated"]
    assert all(a["message"].endswith("the model is not calibrated.") for a in calibration_alerts)
    assert len(calibration_alerts) >= 10


def test_summary_splits_known_and_waiting_outcomes() -> None:
    frame = simulate_population(8_000, seed=203, start=dt.date(2025, 7, 1), end=dt.date(2026, 2, 28))
    frame = frame.assign(risk=frame["p_opt"])
    summary = performance_summary(frame, limits=PerformanceLimits(min_rows=500))
    realised = {r["period"]: r["n"] for r in summary["realised"]}
    estimated = {r["period"]: r["n"] for r in summary["estimated"]}
    assert max(realised) == "2025-11" == min(estimated)  # outcomes known for registrations up to 1 November 2025
    assert sum(realised.values()) == summary["overall"]["realised"]["n"] == int(frame["label"].notna().sum())
    assert sum(estimated.values()) == summary["overall"]["estimated"]["n"] == int(frame["label"].isna().sum())
    json.dumps(summary, allow_nan=False)


def test_one_class_gives_nan_auc_and_quarters_group() -> None:
    frame = pd.DataFrame(
        {
            "registration_date": pd.to_datetime(["2025-01-10", "2025-02-10", "2025-04-10", "2025-05-10"]),
            "risk": [0.2, 0.7, 0.4, 0.5],
            "label": [0.0, 0.0, 1.0, 0.0],
        }
    )
    table = realised_performance(frame, by="quarter")
    assert list(table["period"]) == ["2025Q1", "2025Q2"]
    assert np.isnan(table["auc"].iloc[0])
    assert table["auc"].iloc[1] == 0.0
    assert performance_summary(frame, by="quarter")["realised"][0]["auc"] is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"risk": [1.2]}, RISK_MESSAGE),
        ({"risk": [float("nan")]}, RISK_MESSAGE),
        ({"risk": ["high"]}, RISK_MESSAGE),
        ({"label": [0.5]}, LABEL_MESSAGE),
        ({"label": ["yes"]}, LABEL_MESSAGE),
    ],
)
def test_bad_values_are_refused(change: dict[str, list[object]], message: str) -> None:
    frame = pd.DataFrame({"registration_date": [pd.Timestamp("2025-01-01")], "risk": [0.3], "label": [1.0]})
    with pytest.raises(InvalidInputError, match=re.escape(message)):
        realised_performance(frame.assign(**change))


def test_missing_columns_and_bad_grouping_are_refused() -> None:
    frame = pd.DataFrame({"registration_date": [pd.Timestamp("2025-01-01")], "risk": [0.3]})
    with pytest.raises(InvalidInputError, match=re.escape(MISSING_COLUMNS_MESSAGE)):
        realised_performance(frame)
    with pytest.raises(InvalidInputError, match=re.escape(BY_MESSAGE)):
        estimated_performance(frame, by="week")
    assert estimated_performance(frame)["n"].iloc[0] == 1


def test_limits_that_cannot_work_are_refused() -> None:
    with pytest.raises(ConfigurationError, match=re.escape(LIMITS_MESSAGE)):
        PerformanceLimits(calibration_gap=0.0)
