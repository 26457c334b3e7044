"""Fairness report on simulated decision frames: suppression, MetricFrame against pandas, calibration, alerts."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score

from models.policy import PolicyConfig, suggest_level
from monitoring.analysis.fairness import GROUPINGS, FairnessConfig, FairnessResult, age_group, auc, fairness_report
from training.counsellors import simulate_decisions

FAST = FairnessConfig(bootstrap_rounds=100)


def decision_frame(population: pd.DataFrame, *, seed: int = 0) -> pd.DataFrame:
    """A decision frame from a simulated population: risk = p_opt, the policy's levels, simulated counsellors."""
    config = PolicyConfig()
    suggested = np.asarray(
        [
            str(
                suggest_level(
                    row.p_opt,
                    reduced_work_capacity=row.health_hindrance == "JA" or row.benefit == "ARBEIDSAVKLARINGSPENGER",
                    hindrance_reported=row.health_hindrance != "NEI" or row.other_hindrance != "NEI",
                    config=config,
                )
            )
            for row in population.itertuples()
        ],
        dtype=object,
    )
    decisions = simulate_decisions(population, suggested, seed=seed)
    frame = population[["age", "gender", "country_background"]].copy()
    frame["office"] = population["office"].astype(str)
    frame["counsellor"] = population["counsellor_id"].astype(str)
    frame["model_version"] = np.where(np.arange(len(frame)) % 4 == 0, "3", "4")
    frame["created_at"] = pd.to_datetime(population["registration_date"])
    frame["risk"] = population["p_opt"]
    frame["suggested_level"] = suggested
    frame["decided_level"] = decisions["decided_level"]
    frame["follows_suggestion"] = decisions["follows_suggestion"]
    frame["reason_code"] = decisions["override_reason"]
    frame["label"] = population["label"]
    return frame


@pytest.fixture(scope="module")
def frame(population: pd.DataFrame) -> pd.DataFrame:
    return decision_frame(population, seed=3)


@pytest.fixture(scope="module")
def report(frame: pd.DataFrame) -> FairnessResult:
    return fairness_report(frame, config=FAST)


def group_row(result: FairnessResult, grouping: str, group: str) -> pd.Series:
    rows = result.groups[(result.groups["grouping"] == grouping) & (result.groups["group"] == group)]
    assert len(rows) == 1, (grouping, group)
    return rows.iloc[0]


def test_every_grouping_and_the_intersections_are_reported(report: FairnessResult) -> None:
    assert set(report.groups["grouping"]) == {"overall", *GROUPINGS}
    groups = set(report.groups["group"])
    assert {"KVINNE", "MANN", "under_30", "30_49", "50_plus", "NORGE", "EU_EOS", "UTENFOR_EU_EOS"} <= groups
    assert {"KVINNE & UTENFOR_EU_EOS", "MANN & NORGE", "under_30 & UTENFOR_EU_EOS", "50_plus & EU_EOS"} <= groups
    assert report.groups.loc[report.groups["grouping"] == "overall", "n"].item() == report.rows


def test_metric_frame_results_equal_a_direct_groupby(frame: pd.DataFrame, report: FairnessResult) -> None:
    direct = frame.groupby(["gender", "country_background"])["risk"].agg(["mean", "size"])
    for (gender, background), row in direct.iterrows():
        reported = group_row(report, "gender_x_country_background", f"{gender} & {background}")
        assert reported["n"] == row["size"]
        assert reported["mean_risk"] == pytest.approx(row["mean"], rel=1e-12)
    known = frame[frame["label"].notna()]
    for gender, part in known.groupby("gender"):
        reported = group_row(report, "gender", str(gender))
        assert reported["auc"] == pytest.approx(roc_auc_score(part["label"], part["risk"]), abs=1e-12)
        high = part["risk"] >= FAST.high_risk_threshold
        assert reported["tpr"] == pytest.approx(high[part["label"] == 1].mean(), abs=1e-12)
        assert reported["fpr"] == pytest.approx(high[part["label"] == 0].mean(), abs=1e-12)
        assert reported["calibration_gap"] == pytest.approx(part["risk"].mean() - part["label"].mean(), abs=1e-12)
    young = frame[age_group(frame["age"]) == "under_30"]
    overridden = young["decided_level"] != young["suggested_level"]
    assert group_row(report, "age_group", "under_30")["override_rate"] == pytest.approx(overridden.mean())


def test_calibration_gaps_are_near_zero_when_the_risk_is_the_true_probability(report: FairnessResult) -> None:
    gaps = report.groups.set_index(["grouping", "group"])["calibration_gap"]
    assert abs(gaps[("overall", "all")]) < 0.01
    assert (gaps.abs() < FAST.calibration_gap_limit).all(), gaps[gaps.abs() >= FAST.calibration_gap_limit]
    assert not [alert for alert in report.alerts if alert.startswith("Calibration")]


def test_intervals_contain_the_estimates(report: FairnessResult) -> None:
    for metric in ("mean_risk", "calibration_gap", "auc", "override_rate", "observed_rate", "tpr", "fpr"):
        values = report.groups[[metric, f"{metric}_low", f"{metric}_high"]].dropna()
        assert len(values) == len(report.groups)
        assert (values[f"{metric}_low"] <= values[metric]).all(), metric
        assert (values[metric] <= values[f"{metric}_high"]).all(), metric


def test_a_biased_risk_for_one_group_raises_a_calibration_alert_naming_it(frame: pd.DataFrame) -> None:
    biased = frame.copy()
    outside = biased["country_background"] == "UTENFOR_EU_EOS"
    biased.loc[outside, "risk"] = np.minimum(biased.loc[outside, "risk"] + 0.15, 1.0)
    result = fairness_report(biased, config=FAST)
    calibration = [alert for alert in result.alerts if alert.startswith("Calibration")]
    assert any("'UTENFOR_EU_EOS' (country_background)" in alert for alert in calibration), calibration
    assert all("UTENFOR_EU_EOS" in alert for alert in calibration), calibration
    assert all("overestimates" in alert for alert in calibration)
    assert group_row(result, "country_background", "UTENFOR_EU_EOS")["calibration_gap"] > 0.1


def test_groups_below_the_minimum_size_are_suppressed(frame: pd.DataFrame) -> None:
    small = (frame["gender"] == "KVINNE") & (frame["country_background"] == "EU_EOS")
    keep = ~small | (small.cumsum() <= 60)
    result = fairness_report(frame[keep], config=FAST)
    suppressed = result.suppressed.set_index(["grouping", "group"])["n"]
    assert suppressed[("gender_x_country_background", "KVINNE & EU_EOS")] == 60
    assert not ((result.groups["group"] == "KVINNE & EU_EOS").any())
    assert list(result.suppressed.columns) == ["grouping", "group", "n"]


def test_metrics_need_their_own_denominator_to_reach_the_minimum(frame: pd.DataFrame) -> None:
    unlabelled = frame.copy()
    unlabelled.loc[unlabelled["country_background"] == "EU_EOS", "label"] = np.nan
    result = fairness_report(unlabelled, config=FAST)
    row = group_row(result, "country_background", "EU_EOS")
    assert row["n_labelled"] == 0
    assert not np.isnan(row["mean_risk"])
    for metric in ("observed_rate", "calibration_gap", "auc", "tpr", "fpr", "auc_low", "tpr_high"):
        assert np.isnan(row[metric]), metric
    record = next(r for r in result.json["groups"] if r["group"] == "EU_EOS")
    assert record["calibration_gap"] is None and record["auc_low"] is None


def test_declined_profiling_counts_in_n_but_not_in_the_scores(frame: pd.DataFrame) -> None:
    declined = frame.astype({"follows_suggestion": object})
    rows = declined.index[:500]
    declined.loc[rows, ["risk"]] = np.nan
    declined.loc[rows, ["suggested_level", "decided_level", "follows_suggestion", "reason_code"]] = None
    result = fairness_report(declined, config=FAST)
    overall = group_row(result, "overall", "all")
    assert overall["n"] == len(frame)
    assert overall["n_scored"] == overall["n_suggested"] == overall["n_decided"] == len(frame) - 500
    assert overall["mean_risk"] == pytest.approx(frame["risk"].iloc[500:].mean())


def test_largest_gaps_name_two_groups(report: FairnessResult) -> None:
    gaps = report.largest_gaps.set_index(["grouping", "metric"])
    gender = gaps.loc[("gender", "mean_risk")]
    assert {gender["high_group"], gender["low_group"]} == {"KVINNE", "MANN"}
    high = group_row(report, "gender", gender["high_group"])["mean_risk"]
    low = group_row(report, "gender", gender["low_group"])["mean_risk"]
    assert gender["gap"] == pytest.approx(high - low) and gender["gap"] >= 0
    assert set(gaps.index.get_level_values("grouping")) == set(GROUPINGS)
    assert (report.largest_gaps["high_group"] != report.largest_gaps["low_group"]).all()
    assert np.isnan(gaps.loc[("gender", "mean_risk"), "limit"])
    assert gaps.loc[("age_group", "tpr"), "limit"] == FAST.error_rate_gap_limit


def test_error_rate_alerts_name_both_groups_and_the_threshold(report: FairnessResult) -> None:
    flagged = report.largest_gaps[report.largest_gaps["alert"]]
    assert set(flagged["metric"]) <= {"tpr", "fpr", "override_rate"}
    for row in flagged.itertuples():
        message = next(alert for alert in report.alerts if f"'{row.high_group}'" in alert and row.grouping in alert)
        assert f"'{row.low_group}'" in message
        if row.metric in ("tpr", "fpr"):
            assert f"risk ≥ {FAST.high_risk_threshold:.2f}" in message


def test_the_json_is_strict_json_with_every_part(report: FairnessResult) -> None:
    text = json.dumps(report.json, allow_nan=False)
    data = json.loads(text)
    assert set(data) == {"config", "definitions", "rows", "groups", "suppressed", "largest_gaps", "alerts"}
    assert data["config"]["high_risk_threshold"] == FAST.high_risk_threshold
    assert len(data["groups"]) == len(report.groups)
    assert set(report.tables) == {"groups", "suppressed", "largest_gaps"}


def test_auc_handles_ties_and_batches() -> None:
    rng = np.random.default_rng(5)
    scores = np.round(rng.random((4, 300)), 1)
    labels = (rng.random((4, 300)) < scores).astype(float)
    batch = auc(scores, labels)
    for i in range(4):
        assert batch[i] == pytest.approx(roc_auc_score(labels[i], scores[i]), abs=1e-12)
        assert float(auc(scores[i], labels[i])) == pytest.approx(batch[i])
    assert np.isnan(auc(np.array([0.1, 0.2]), np.array([1.0, 1.0])))


def test_bad_frames_are_refused(frame: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="lacks columns"):
        fairness_report(frame.drop(columns="label"))
    wrong = frame.head(200).copy()
    wrong.loc[wrong.index[0], "suggested_level"] = "HIGH"
    with pytest.raises(ValueError, match="not FollowUpLevel"):
        fairness_report(wrong)
    wrong = frame.head(200).copy()
    wrong.loc[wrong.index[0], "label"] = 2.0
    with pytest.raises(ValueError, match="label"):
        fairness_report(wrong)
    with pytest.raises(ValueError, match="high_risk_threshold"):
        FairnessConfig(high_risk_threshold=1.5)
