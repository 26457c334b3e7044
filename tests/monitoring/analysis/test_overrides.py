"""Override report on simulated decisions: the level matrix, rates against pandas, hidden counsellors, alerts."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from models.errors import ConfigurationError, InvalidInputError
from models.policy import FollowUpLevel
from monitoring.analysis.alert_messages import AlertMessage
from monitoring.analysis.frame_checks import MISSING_COLUMNS_MESSAGE
from monitoring.analysis.overrides import NO_REASON, OverrideConfig, OverrideResult, override_report
from tests.monitoring.analysis.decision_frames import decision_frame

CONFIG = OverrideConfig()
LEVELS = [str(level) for level in FollowUpLevel]


@pytest.fixture(scope="module")
def frame(population: pd.DataFrame) -> pd.DataFrame:
    """Decisions with some rows undecided and some where the jobseeker declined profiling."""
    built = decision_frame(population, seed=5).astype({"follows_suggestion": object})
    undecided, declined = built.index[:700], built.index[700:1000]
    built.loc[undecided, ["decided_level", "follows_suggestion", "reason_code"]] = None
    built.loc[declined, ["suggested_level", "decided_level", "follows_suggestion", "reason_code"]] = None
    built.loc[declined, "risk"] = np.nan
    return built


@pytest.fixture(scope="module")
def report(frame: pd.DataFrame) -> OverrideResult:
    return override_report(frame)


def decided(frame: pd.DataFrame) -> pd.DataFrame:
    rows = frame[frame["suggested_level"].notna() & frame["decided_level"].notna()]
    return rows.assign(overridden=rows["decided_level"] != rows["suggested_level"])


def rate_tables(result: OverrideResult) -> list[pd.DataFrame]:
    return [result.overall, result.by_office, result.by_counsellor, result.by_model_version, result.by_group]


def test_the_matrix_counts_every_decided_row(frame: pd.DataFrame, report: OverrideResult) -> None:
    rows = decided(frame)
    assert report.decisions == len(rows) == len(frame) - 1000
    assert int(report.matrix.to_numpy().sum()) == len(rows)
    assert list(report.matrix.columns) == LEVELS
    assert list(report.matrix.index) == LEVELS[:3]
    direct = pd.crosstab(rows["suggested_level"], rows["decided_level"]).reindex(columns=LEVELS, fill_value=0)
    assert (report.matrix.loc[direct.index, LEVELS] == direct).all().all()
    off_diagonal = int(report.matrix.to_numpy().sum() - np.trace(report.matrix.to_numpy()))
    assert off_diagonal == report.overall["overrides"].item() == rows["overridden"].sum()


def test_rates_match_a_direct_computation(frame: pd.DataFrame, report: OverrideResult) -> None:
    rows = decided(frame)
    assert report.overall["rate"].item() == pytest.approx(rows["overridden"].mean())
    by_office = rows.groupby("office")["overridden"].agg(["size", "sum", "mean"])
    table = report.by_office.set_index("office")
    assert (table["n"] == by_office["size"]).all() and (table["overrides"] == by_office["sum"]).all()
    assert np.allclose(table["rate"], by_office["mean"])
    by_version = rows.groupby("model_version")["overridden"].mean()
    assert np.allclose(report.by_model_version.set_index("model_version")["rate"], by_version)
    by_gender = rows.groupby("gender")["overridden"].mean()
    gender = report.by_group[report.by_group["grouping"] == "gender"].set_index("group")["rate"]
    assert np.allclose(gender, by_gender)
    followed = rows["follows_suggestion"].astype(bool)
    assert (followed == ~rows["overridden"]).all()


def test_counsellors_with_few_decisions_are_not_shown(frame: pd.DataFrame, report: OverrideResult) -> None:
    sizes = decided(frame).groupby("counsellor").size()
    few = sizes[sizes < CONFIG.min_counsellor_decisions]
    assert len(few) > 0
    assert not set(few.index) & set(report.by_counsellor["counsellor"])
    assert (report.by_counsellor["n"] >= CONFIG.min_counsellor_decisions).all()
    assert report.hidden_counsellors == len(few)
    assert report.hidden_decisions == few.sum()
    assert report.by_counsellor["n"].sum() + report.hidden_decisions == report.decisions


def test_tables_are_sorted_by_id_not_by_rate(report: OverrideResult) -> None:
    for table, key in ((report.by_office, "office"), (report.by_counsellor, "counsellor")):
        assert table[key].tolist() == sorted(table[key])
        assert not table["rate"].is_monotonic_increasing and not table["rate"].is_monotonic_decreasing


def test_wilson_intervals_contain_the_rates(report: OverrideResult) -> None:
    for table in rate_tables(report):
        assert ((table["low"] <= table["rate"]) & (table["rate"] <= table["high"])).all()
        assert ((table["low"] >= 0) & (table["high"] <= 1)).all()
    for table in (report.by_reason, report.direction):
        assert ((table["low"] <= table["share"]) & (table["share"] <= table["high"])).all()
        assert table["share"].sum() == pytest.approx(1.0)
        assert table["overrides"].sum() == report.overall["overrides"].item()


def test_directions_follow_the_order_of_the_levels(frame: pd.DataFrame, report: OverrideResult) -> None:
    rows = decided(frame)
    rows = rows[rows["overridden"]]
    up = (rows["decided_level"].map(LEVELS.index) > rows["suggested_level"].map(LEVELS.index)).sum()
    direction = report.direction.set_index("direction")["overrides"]
    assert direction["more_intensive"] == up
    assert direction["less_intensive"] == len(rows) - up
    reasons = report.by_reason.set_index("reason_code")["overrides"]
    assert reasons.to_dict() == rows["reason_code"].value_counts().to_dict()


def test_groups_below_the_minimum_are_suppressed(frame: pd.DataFrame) -> None:
    result = override_report(frame, config=OverrideConfig(min_group_size=5_000))
    suppressed = set(zip(result.suppressed_groups["grouping"], result.suppressed_groups["group"], strict=True))
    assert ("country_background", "EU_EOS") in suppressed
    assert not (result.by_group["group"] == "EU_EOS").any()
    assert (result.by_group["n"] >= 5_000).all()
    assert list(result.suppressed_groups.columns) == ["grouping", "group"]


def test_rubber_stamping_raises_the_too_few_alert(frame: pd.DataFrame) -> None:
    stamped = frame.copy()
    has = stamped["decided_level"].notna()
    stamped.loc[has, "decided_level"] = stamped.loc[has, "suggested_level"]
    stamped.loc[has, "reason_code"] = None
    result = override_report(stamped)
    assert result.overall["rate"].item() == 0
    keys = [alert.key for alert in result.alerts]
    assert "too_few_overrides_overall" in keys and "too_few_overrides_counsellor" in keys
    assert not [key for key in keys if key.startswith("too_many")]
    [overall] = [alert for alert in result.alerts if alert.key == "too_few_overrides_overall"]
    assert overall.params["rate"] == 0 and overall.message.startswith("Too few overrides (overall)")


def test_seventy_percent_overrides_raise_the_too_many_alert(frame: pd.DataFrame) -> None:
    busy = frame.copy()
    rows = busy.index[busy["decided_level"].notna()]
    flip = rows[np.random.default_rng(1).random(len(rows)) < 0.7]
    busy.loc[rows, "decided_level"] = busy.loc[rows, "suggested_level"]
    busy.loc[rows, "reason_code"] = None
    more = {LEVELS[0]: LEVELS[1], LEVELS[1]: LEVELS[2], LEVELS[2]: LEVELS[1]}
    busy.loc[flip, "decided_level"] = busy.loc[flip, "suggested_level"].map(more)
    busy.loc[flip, "reason_code"] = "OTHER"
    result = override_report(busy)
    assert result.overall["rate"].item() == pytest.approx(0.7, abs=0.01)
    keys = [alert.key for alert in result.alerts]
    assert "too_many_overrides_overall" in keys and "too_few_overrides_overall" not in keys


def test_overrides_without_a_reason_are_counted_and_alerted(frame: pd.DataFrame) -> None:
    missing = frame.copy()
    overridden = missing["decided_level"].notna() & (missing["decided_level"] != missing["suggested_level"])
    rows = missing.index[overridden][:25]
    missing.loc[rows, "reason_code"] = None
    result = override_report(missing)
    assert result.by_reason.set_index("reason_code").loc[NO_REASON, "overrides"] == 25
    assert AlertMessage("overrides_without_reason", {"count": 25}) in result.alerts
    assert "25 overrides have no reason code; a reason is required for every override." in [
        alert.message for alert in result.alerts
    ]


def test_the_json_is_strict_json(report: OverrideResult) -> None:
    data = json.loads(json.dumps(report.json, allow_nan=False))
    assert data["decisions"] == report.decisions
    assert len(data["by_counsellor"]) == len(report.by_counsellor)
    assert data["matrix"][0]["suggested"] == LEVELS[0]
    assert set(report.tables) <= set(data)


def test_bad_input_is_refused(frame: pd.DataFrame) -> None:
    with pytest.raises(InvalidInputError, match=MISSING_COLUMNS_MESSAGE):
        override_report(frame.drop(columns="counsellor"))
    with pytest.raises(ConfigurationError, match="too_few"):
        OverrideConfig(too_few=0.6, too_many=0.5)
