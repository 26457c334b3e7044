import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score

from training.evaluate import evaluate, group_metrics, interval_coverage, max_calibration_gap


def test_evaluate_reports_gaps_to_optimum_and_rule_on_a_hand_computed_case() -> None:
    """Two who found work, two still without: AUCs counted pair by pair (ties count half)."""
    test = pd.DataFrame({"label": [0.0, 0.0, 1.0, 1.0]})
    scores = {
        "model": np.array([0.1, 0.4, 0.35, 0.8]),  # 3 of 4 pairs in order: 0.75
        "p_opt": np.array([0.1, 0.2, 0.3, 0.9]),  # every pair in order: 1.0
        "rule": np.array([0.0, 0.5, 0.5, 1.0]),  # 3 in order and one tie: 0.875
    }
    metrics = evaluate(test, scores)
    assert metrics["model_auc"] == pytest.approx(0.75)
    assert metrics["auc_gap_to_optimum"] == pytest.approx(0.25)
    assert metrics["auc_gain_over_rule"] == pytest.approx(-0.125)


def test_group_metrics_cover_every_grouping_and_match_a_direct_computation(
    splits: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame],
) -> None:
    test = splits[2]
    risk = np.clip(test["p_opt"].to_numpy() + 0.02, 0, 1)
    rows = group_metrics(test, risk, min_size=50)
    assert {r["grouping"] for r in rows} == {
        "gender",
        "age_group",
        "country_background",
        "gender_x_age_group",
        "gender_x_country_background",
        "age_group_x_country_background",
    }
    women = test["gender"] == "KVINNE"
    row = next(r for r in rows if r["grouping"] == "gender" and r["group"] == "KVINNE")
    assert row["n"] == women.sum()
    assert row["base_rate"] == pytest.approx(test.loc[women, "label"].mean())
    assert row["calibration_gap"] == pytest.approx(risk[women].mean() - test.loc[women, "label"].mean())
    assert row["auc"] == pytest.approx(roc_auc_score(test.loc[women, "label"], risk[women]))
    older_women = women & (test["age"] >= 50)
    row = next(r for r in rows if r["grouping"] == "gender_x_age_group" and r["group"] == "KVINNE & 50_plus")
    assert row["n"] == older_women.sum()


def test_small_groups_are_suppressed_without_any_count(splits: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]) -> None:
    test = splits[2]
    minimum = len(test) // 3
    rows = group_metrics(test, np.full(len(test), test["label"].mean()), min_size=minimum)
    suppressed = [r for r in rows if r["suppressed"]]
    shown = [r for r in rows if not r["suppressed"]]
    assert suppressed and shown
    assert all(set(r) == {"grouping", "group", "suppressed"} for r in suppressed)
    assert all(int(str(r["n"])) >= minimum for r in shown)


def test_interval_coverage() -> None:
    truth = np.array([0.1, 0.5, 0.9])
    assert interval_coverage(truth, truth - 0.01, truth + 0.01) == 1.0
    assert interval_coverage(truth, truth + 0.01, truth + 0.02) == 0.0


def test_the_fairness_gate_takes_the_largest_gap_of_the_published_groups_only() -> None:
    groups: list[dict[str, object]] = [
        {"group": "a", "calibration_gap": -0.04, "suppressed": False},
        {"group": "b", "calibration_gap": 0.03, "suppressed": False},
        {"group": "small", "suppressed": True},
    ]
    assert max_calibration_gap(groups) == 0.04
    assert max_calibration_gap([{"group": "small", "suppressed": True}]) == 0.0
