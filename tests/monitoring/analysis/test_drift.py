"""Drift against the reference sample: each input scenario raises an alert, the baseline does not.

The "model" is the exact probability under the baseline relations (``true_probability(..., scenario="baseline")``),
which is what a perfectly trained baseline model would output, and the suggestion is the project's policy applied to
it. ``rule_change`` changes only how inputs relate to the outcome, so drift cannot see it: that scenario is detected
by realised calibration in ``test_performance.py``.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest

from models.errors import ConfigurationError, InvalidInputError
from models.policy import PolicyConfig, suggest_level
from monitoring.analysis.drift import METHOD_MESSAGE, DriftThresholds, drift_report
from monitoring.analysis.frame_checks import MISSING_COLUMNS_MESSAGE
from training.population import simulate_population, true_probability

ROWS = 20_000


def scored(rows: int, scenario: str, seed: int) -> pd.DataFrame:
    """An assessment frame scored by a perfectly calibrated baseline model and the default policy."""
    frame = simulate_population(rows, scenario=scenario, seed=seed)
    risk = true_probability(frame, scenario="baseline")
    reduced = (frame["health_hindrance"] == "JA") | (frame["benefit"] == "ARBEIDSAVKLARINGSPENGER")
    hindrance = (frame["health_hindrance"] != "NEI") | (frame["other_hindrance"] != "NEI")
    config = PolicyConfig()
    levels = [
        suggest_level(r, reduced_work_capacity=a, hindrance_reported=b, config=config).value
        for r, a, b in zip(risk, reduced, hindrance, strict=True)
    ]
    return frame.assign(
        risk=risk,
        lower=risk,
        upper=risk,
        suggested_level=levels,
        model_version="1",
        created_at=frame["registration_date"],
    )


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    return scored(ROWS, "baseline", seed=101).drop(columns=["label", "p_opt", "created_at", "model_version"])


def test_baseline_against_baseline_raises_no_alert(reference: pd.DataFrame) -> None:
    result = drift_report(reference=reference, current=scored(ROWS, "baseline", seed=102))
    assert result.alerts == []
    assert result.share_drifted == 0.0
    assert result.risk_drift < 0.03
    assert not any(c.drifted for c in result.columns)


@pytest.mark.parametrize("seed", [103, 104])
def test_small_baseline_sample_raises_no_alert(reference: pd.DataFrame, seed: int) -> None:
    """300 rows: explicit distances, not p-value tests, so sampling noise does not raise alarms."""
    result = drift_report(reference=reference, current=scored(300, "baseline", seed=seed))
    assert result.alerts == [], result.alerts
    assert {c.method for c in result.columns} == {"wasserstein", "jensenshannon"}


@pytest.mark.parametrize(
    ("scenario", "moved"),
    [
        ("downturn", {"county_unemployment_rate", "situation", "benefit"}),
        ("refugee_inflow", {"years_in_norway", "norwegian_skill"}),
    ],
)
def test_input_scenarios_are_detected(reference: pd.DataFrame, scenario: str, moved: set[str]) -> None:
    result = drift_report(reference=reference, current=scored(ROWS, scenario, seed=106))
    drifted = {c.name for c in result.columns if c.drifted}
    assert moved <= drifted
    assert result.risk_drift > 0.15
    assert any(alert.key == "risk_drift" for alert in result.alerts)
    standard = result.suggestion_shares["STANDARD_INNSATS"]
    assert standard["current"] < standard["reference"] - 0.04


def test_rule_change_is_invisible_to_drift(reference: pd.DataFrame) -> None:
    """Same inputs, same model: nothing to see until outcomes arrive (see test_performance)."""
    result = drift_report(reference=reference, current=scored(ROWS, "rule_change", seed=107))
    assert result.alerts == []
    assert result.risk_drift < 0.03


def test_result_serialises_and_renders(reference: pd.DataFrame) -> None:
    current = scored(2_000, "downturn", seed=108)
    current.loc[current.index[:100], "norwegian_skill"] = None
    result = drift_report(reference=reference, current=current)
    machine = json.loads(json.dumps(result.json))
    assert machine["alerts"] == [alert.as_dict() for alert in result.alerts] and result.alerts
    assert machine["share_drifted"] == result.share_drifted
    assert {c["name"] for c in machine["columns"]} >= {"age", "norwegian_skill", "risk", "suggested_level"}
    assert "gender" not in {c["name"] for c in machine["columns"]}
    assert machine["sampled_rows"] == {
        "reference_rows": ROWS,
        "current_rows": 2_000,
        "reference": ROWS,
        "current": 2_000,
    }
    assert "<html" in result.html


def test_frames_are_sampled_down(reference: pd.DataFrame) -> None:
    current = scored(6_000, "baseline", seed=109)
    result = drift_report(reference=reference, current=current, thresholds=DriftThresholds(max_rows=5_000))
    assert result.sampled_rows == {"reference_rows": ROWS, "current_rows": 6_000, "reference": 5_000, "current": 5_000}
    shares = result.suggestion_shares["STANDARD_INNSATS"]
    assert shares["current"] == pytest.approx((current["suggested_level"] == "STANDARD_INNSATS").mean())


def test_missing_column_is_refused(reference: pd.DataFrame) -> None:
    with pytest.raises(InvalidInputError, match=MISSING_COLUMNS_MESSAGE):
        drift_report(reference=reference, current=reference.drop(columns=["risk"]))


@pytest.mark.parametrize("change", [{"numerical_method": "ks"}, {"categorical_method": "chisquare"}])
def test_p_value_methods_are_refused(change: dict[str, str]) -> None:
    with pytest.raises(ConfigurationError, match=re.escape(METHOD_MESSAGE)):
        DriftThresholds(**change)  # type: ignore[arg-type]


def test_column_threshold_overrides_default(reference: pd.DataFrame) -> None:
    current = scored(2_000, "baseline", seed=110)
    result = drift_report(
        reference=reference, current=current, thresholds=DriftThresholds(column_thresholds=(("age", 1e-6),))
    )
    age = next(c for c in result.columns if c.name == "age")
    assert age.threshold == 1e-6
    assert age.drifted


@pytest.mark.slow
def test_a_million_rows_reach_evidently_as_a_capped_reproducible_sample(reference: pd.DataFrame) -> None:
    """What keeps a large report affordable is the row cap: Evidently compares ``max_rows`` rows, not a million."""
    block = scored(50_000, "downturn", seed=111)
    current = pd.concat([block] * 20, ignore_index=True)
    thresholds = DriftThresholds(max_rows=20_000)
    result = drift_report(reference=reference, current=current, thresholds=thresholds)
    assert result.sampled_rows == {
        "reference_rows": ROWS,
        "current_rows": 1_000_000,
        "reference": ROWS,
        "current": 20_000,
    }
    assert np.isfinite(result.risk_drift)
    assert any(alert.key == "risk_drift" for alert in result.alerts)
    shares = result.suggestion_shares["STANDARD_INNSATS"]
    assert shares["current"] == pytest.approx((block["suggested_level"] == "STANDARD_INNSATS").mean())
    again = drift_report(reference=reference, current=current, thresholds=thresholds)
    assert [c.score for c in again.columns] == [c.score for c in result.columns]


def test_booleans_as_numbers_do_not_drift(reference: pd.DataFrame) -> None:
    """Yes/no facts as 0/1 instead of booleans compare equal: the same frame gives zero everywhere."""
    same = reference.assign(worked_6_of_last_12_months=reference["worked_6_of_last_12_months"].astype(int))
    result = drift_report(reference=reference, current=same)
    assert result.alerts == []
    assert all(c.score == pytest.approx(0.0, abs=1e-9) for c in result.columns)


def test_unanswered_item_is_its_own_category(reference: pd.DataFrame) -> None:
    result = drift_report(reference=reference, current=reference.assign(norwegian_skill=None))
    skill = next(c for c in result.columns if c.name == "norwegian_skill")
    assert skill.drifted
