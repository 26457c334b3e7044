import numpy as np
import pandas as pd

from training.evaluate import evaluate, expected_calibration_error, group_metrics, interval_coverage


def test_ece_of_a_perfectly_calibrated_score_is_small() -> None:
    rng = np.random.default_rng(0)
    risk = rng.uniform(size=200_000)
    label = (rng.uniform(size=risk.size) < risk).astype(float)
    assert expected_calibration_error(label, risk) < 0.005
    assert expected_calibration_error(label, np.clip(risk + 0.1, 0, 1)) > 0.08


def test_evaluate_reports_gaps_to_optimum_and_rule() -> None:
    rng = np.random.default_rng(1)
    truth = rng.uniform(size=20_000)
    label = (rng.uniform(size=truth.size) < truth).astype(float)
    test = pd.DataFrame({"label": label})
    noisy = np.clip(truth + rng.normal(0, 0.2, truth.size), 0, 1)
    metrics = evaluate(test, {"model": noisy, "p_opt": truth, "rule": (truth > 0.5).astype(float)})
    assert metrics["auc_gap_to_optimum"] > 0
    assert metrics["auc_gain_over_rule"] == metrics["model_auc"] - metrics["rule_auc"]


def test_small_groups_are_suppressed(splits: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]) -> None:
    test = splits[2]
    rows = group_metrics(test, np.full(len(test), test["label"].mean()), min_size=len(test) // 3)
    suppressed = [r for r in rows if r["suppressed"]]
    shown = [r for r in rows if not r["suppressed"]]
    assert suppressed and shown
    assert all("base_rate" not in r for r in suppressed)
    assert {r["grouping"] for r in rows} >= {"gender", "age_group", "gender_x_country_background"}


def test_interval_coverage() -> None:
    truth = np.array([0.1, 0.5, 0.9])
    assert interval_coverage(truth, truth - 0.01, truth + 0.01) == 1.0
    assert interval_coverage(truth, truth + 0.01, truth + 0.02) == 0.0
