"""Fairness report on simulated decision frames: suppression, MetricFrame against pandas, calibration, alerts."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score

from models.errors import ConfigurationError, InvalidInputError
from models.groups import GROUPINGS, age_group
from monitoring.analysis.fairness import FairnessConfig, FairnessResult, fairness_report
from monitoring.analysis.frame_checks import LABEL_MESSAGE, MISSING_COLUMNS_MESSAGE
from monitoring.analysis.levels import LEVELS, UNKNOWN_LEVEL_MESSAGE
from tests.monitoring.analysis.decision_frames import decision_frame

FAST = FairnessConfig(bootstrap_rounds=100)
SHARES = ("STANDARD_INNSATS", "SITUASJONSBESTEMT_INNSATS", "SPESIELT_TILPASSET_INNSATS")
COMPUTED_FROM: dict[str, tuple[str, ...]] = {
    "mean_risk": ("n_scored",),
    **{f"share_{level}": ("n_suggested", f"n_{level}") for level in SHARES},
    "override_rate": ("n_decided", "overrides"),
    "observed_rate": ("n_labelled", "positives"),
    "calibration_gap": ("n_labelled", "positives", "negatives"),
    "auc": ("n_labelled", "positives", "negatives"),
    "tpr": ("positives", "true_positives"),
    "fpr": ("negatives", "false_positives"),
}
"""Each metric and the counts it is computed from (written out here, not taken from the module under test)."""


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
    assert {"KVINNE & under_30", "MANN & 50_plus"} <= set(
        report.groups.loc[report.groups["grouping"] == "gender_x_age_group", "group"]
    )
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
    older_women = known[(known["gender"] == "KVINNE") & (known["age"] >= 50)]
    reported = group_row(report, "gender_x_age_group", "KVINNE & 50_plus")
    assert reported["n_labelled"] == len(older_women)
    assert reported["observed_rate"] == pytest.approx(older_women["label"].mean(), abs=1e-12)
    young = frame[age_group(frame["age"]) == "under_30"]
    overridden = young["decided_level"] != young["suggested_level"]
    assert group_row(report, "age_group", "under_30")["override_rate"] == pytest.approx(overridden.mean())


def test_calibration_gaps_are_near_zero_when_the_risk_is_the_true_probability(report: FairnessResult) -> None:
    gaps = report.groups.set_index(["grouping", "group"])["calibration_gap"]
    assert abs(gaps[("overall", "all")]) < 0.01
    assert (gaps.abs() < FAST.calibration_gap_limit).all(), gaps[gaps.abs() >= FAST.calibration_gap_limit]
    assert not [alert for alert in report.alerts if alert.key.startswith("calibration")]


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
    calibration = [alert for alert in result.alerts if alert.key.startswith("calibration")]
    assert any(alert.params["grouping"] == "country_background" for alert in calibration), calibration
    assert all("UTENFOR_EU_EOS" in alert.params["group"] for alert in calibration), calibration
    assert all(alert.key == "calibration_overestimates" for alert in calibration)
    assert any("the risk of group 'Outside EU/EEA' (Country background)" in a.message for a in calibration)
    assert group_row(result, "country_background", "UTENFOR_EU_EOS")["calibration_gap"] > 0.1


def test_groups_below_the_minimum_size_are_listed_by_name_only(frame: pd.DataFrame) -> None:
    small = (frame["gender"] == "KVINNE") & (frame["country_background"] == "EU_EOS")
    keep = ~small | (small.cumsum() <= 60)
    result = fairness_report(frame[keep], config=FAST)
    suppressed = set(zip(result.suppressed["grouping"], result.suppressed["group"], strict=True))
    assert ("gender_x_country_background", "KVINNE & EU_EOS") in suppressed
    assert not ((result.groups["group"] == "KVINNE & EU_EOS").any())
    assert list(result.suppressed.columns) == ["grouping", "group"]
    assert all(set(record) == {"grouping", "group"} for record in result.json["suppressed"])


@pytest.fixture(scope="module")
def few_outcomes(frame: pd.DataFrame) -> FairnessResult:
    """Outcomes known for only 42 assessments of the EU/EEA group (which itself is large)."""
    few = frame.copy()
    eu = few.index[few["country_background"] == "EU_EOS"]
    few.loc[eu[42:], "label"] = np.nan
    return fairness_report(few, config=FAST)


def test_no_count_of_a_suppressed_cell_is_published(few_outcomes: FairnessResult) -> None:
    minimum = FAST.min_group_size
    row = group_row(few_outcomes, "country_background", "EU_EOS")
    assert row["n"] >= minimum
    for column in ("n_labelled", "positives", "negatives", "true_positives", "false_positives"):
        assert pd.isna(row[column]), column
    for metric in ("observed_rate", "calibration_gap", "auc", "tpr", "fpr"):
        assert np.isnan(row[metric]) and np.isnan(row[f"{metric}_low"]), metric
    assert not np.isnan(row["mean_risk"]) and row["n_scored"] >= minimum
    record = next(r for r in few_outcomes.json["groups"] if r["group"] == "EU_EOS")
    assert record["n_labelled"] is None and record["true_positives"] is None
    for _, published in few_outcomes.groups.iterrows():
        for metric, counts in COMPUTED_FROM.items():
            if np.isnan(published[metric]):
                assert all(pd.isna(published[c]) for c in counts), (published["group"], metric)
            else:
                assert published[counts[0]] >= minimum, (published["group"], metric)


def test_a_published_count_below_the_minimum_is_the_numerator_of_a_published_rate(
    few_outcomes: FairnessResult,
) -> None:
    rate_of = {"overrides": "override_rate", "true_positives": "tpr", "false_positives": "fpr"}
    rate_of |= {f"n_{level}": f"share_{level}" for level in SHARES}
    counts = sorted({c for columns in COMPUTED_FROM.values() for c in columns})
    small = 0
    for _, published in few_outcomes.groups.iterrows():
        for count in counts:
            value = published[count]
            if pd.notna(value) and value < FAST.min_group_size:
                small += 1
                assert count in rate_of and not np.isnan(published[rate_of[count]]), (published["group"], count)
    assert small > 0  # the data does hold small numerators (e.g. few suggestions of the most intensive level)


def test_metrics_need_their_own_denominator_to_reach_the_minimum(frame: pd.DataFrame) -> None:
    unlabelled = frame.copy()
    unlabelled.loc[unlabelled["country_background"] == "EU_EOS", "label"] = np.nan
    result = fairness_report(unlabelled, config=FAST)
    row = group_row(result, "country_background", "EU_EOS")
    assert pd.isna(row["n_labelled"])
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


def test_an_override_rate_gap_is_flagged_and_its_alert_names_both_groups(frame: pd.DataFrame) -> None:
    """Counsellors override most suggestions for one group: that gap must be flagged, not merely allowed."""
    skewed = frame.copy()
    outside = skewed.index[(skewed["country_background"] == "UTENFOR_EU_EOS") & skewed["decided_level"].notna()]
    overridden = outside[np.random.default_rng(2).random(len(outside)) < 0.6]
    other = {LEVELS[0]: LEVELS[1], LEVELS[1]: LEVELS[2], LEVELS[2]: LEVELS[1]}
    skewed.loc[overridden, "decided_level"] = skewed.loc[overridden, "suggested_level"].map(other)
    result = fairness_report(skewed, config=FAST)
    flagged = result.largest_gaps[result.largest_gaps["alert"]]
    override = flagged[(flagged["grouping"] == "country_background") & (flagged["metric"] == "override_rate")]
    assert len(override) == 1
    assert override["high_group"].item() == "UTENFOR_EU_EOS"
    assert set(flagged["metric"]) <= {"tpr", "fpr", "override_rate"}
    for row in flagged.itertuples():
        alert = next(
            alert
            for alert in result.alerts
            if alert.key == f"{row.metric}_gap"
            and alert.params["high_group"] == row.high_group
            and alert.params["grouping"] == row.grouping
        )
        assert alert.params["low_group"] == row.low_group
        if row.metric in ("tpr", "fpr"):
            assert alert.params["threshold"] == FAST.high_risk_threshold
            assert f"risk ≥ {FAST.high_risk_threshold:.0%}" in alert.message


def test_the_json_is_strict_json_with_every_part(report: FairnessResult) -> None:
    text = json.dumps(report.json, allow_nan=False)
    data = json.loads(text)
    assert set(data) == {"config", "definitions", "rows", "groups", "suppressed", "largest_gaps", "alerts"}
    assert data["config"]["high_risk_threshold"] == FAST.high_risk_threshold
    assert len(data["groups"]) == len(report.groups)
    assert isinstance(data["groups"][0]["n_labelled"], int)
    assert set(report.tables) == {"groups", "suppressed", "largest_gaps"}


def test_bad_frames_are_refused(frame: pd.DataFrame) -> None:
    with pytest.raises(InvalidInputError, match=MISSING_COLUMNS_MESSAGE):
        fairness_report(frame.drop(columns="label"))
    wrong = frame.head(200).copy()
    wrong.loc[wrong.index[0], "suggested_level"] = "HIGH"
    with pytest.raises(InvalidInputError, match=UNKNOWN_LEVEL_MESSAGE):
        fairness_report(wrong)
    wrong = frame.head(200).copy()
    wrong.loc[wrong.index[0], "label"] = 2.0
    with pytest.raises(InvalidInputError, match=re.escape(LABEL_MESSAGE)):
        fairness_report(wrong)
    with pytest.raises(ConfigurationError, match="high_risk_threshold"):
        FairnessConfig(high_risk_threshold=1.5)
