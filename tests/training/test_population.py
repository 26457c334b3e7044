"""Code tests of the synthetic population: API, determinism, directions of effects, scenarios and identity numbers."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
import pytest

from models.schema import PROFILE_FIELDS
from training.population import (
    CODES_MESSAGE,
    COLUMNS_MESSAGE,
    DATES_MESSAGE,
    HORIZON_MESSAGE,
    ROWS_MESSAGE,
    SCENARIO_MESSAGE,
    SCENARIOS,
    simulate_population,
    true_probability,
)


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return simulate_population(20_000, seed=3)


def _changed(frame: pd.DataFrame, **values: object) -> pd.DataFrame:
    changed = frame.copy()
    for column, value in values.items():
        changed[column] = value
    return changed


def _risk_rises(
    frame: pd.DataFrame, low: dict[str, object], high: dict[str, object], scenario: str = "baseline"
) -> None:
    p_low = true_probability(_changed(frame, **low), scenario=scenario)
    p_high = true_probability(_changed(frame, **high), scenario=scenario)
    assert np.all(p_high >= p_low)
    assert (p_high - p_low).mean() > 0.01


def test_same_seed_and_scenario_give_the_same_frame() -> None:
    for scenario in SCENARIOS:
        pd.testing.assert_frame_equal(
            simulate_population(2_000, seed=7, scenario=scenario), simulate_population(2_000, seed=7, scenario=scenario)
        )


def test_different_seeds_give_different_frames() -> None:
    first, second = simulate_population(2_000, seed=7), simulate_population(2_000, seed=8)
    assert not first["p_opt"].equals(second["p_opt"])
    assert not first["national_id"].equals(second["national_id"])


def test_p_opt_is_what_true_probability_computes(frame: pd.DataFrame) -> None:
    np.testing.assert_allclose(true_probability(frame), frame["p_opt"].to_numpy(), rtol=0, atol=1e-12)
    assert frame["p_opt"].between(0, 1).all()


def test_true_probability_reads_plain_strings(frame: pd.DataFrame) -> None:
    as_strings = frame.head(500).astype({name: object for name in frame.columns if frame[name].dtype == "category"})
    np.testing.assert_allclose(true_probability(as_strings), frame["p_opt"].head(500).to_numpy(), atol=1e-12)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"rows": 10, "scenario": "boom"}, SCENARIO_MESSAGE),
        ({"rows": 0}, ROWS_MESSAGE),
        ({"rows": 10, "horizon_months": 0}, HORIZON_MESSAGE),
        ({"rows": 10, "start": dt.date(2025, 1, 1), "end": dt.date(2024, 1, 1)}, DATES_MESSAGE),
    ],
)
def test_bad_arguments_raise_value_error(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        simulate_population(**kwargs)  # type: ignore[arg-type]


def test_true_probability_rejects_bad_input(frame: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=re.escape(SCENARIO_MESSAGE)):
        true_probability(frame, scenario="boom")
    with pytest.raises(ValueError, match=re.escape(HORIZON_MESSAGE)):
        true_probability(frame, horizon_months=0)
    with pytest.raises(ValueError, match=re.escape(COLUMNS_MESSAGE)):
        true_probability(frame.drop(columns="situation"))
    with pytest.raises(ValueError, match=re.escape(CODES_MESSAGE)):
        true_probability(_changed(frame, education="PHD"))


def test_protected_attributes_do_not_enter_p_opt(frame: pd.DataFrame) -> None:
    expected = true_probability(frame)
    swapped = _changed(frame, gender="KVINNE", country_background="EU_EOS")
    np.testing.assert_array_equal(true_probability(swapped), expected)
    np.testing.assert_array_equal(true_probability(frame.drop(columns=["gender", "country_background"])), expected)


def test_censoring_follows_extract_date_minus_horizon() -> None:
    extract = dt.date(2026, 3, 15)
    for horizon in (6, 12):
        frame = simulate_population(5_000, seed=1, horizon_months=horizon, extract_date=extract)
        cutoff = pd.Timestamp(extract) - pd.DateOffset(months=horizon)
        late = frame["registration_date"] > cutoff
        assert late.any() and (~late).any()
        assert frame.loc[late, "label"].isna().all()
        assert frame.loc[~late, "label"].notna().all()
        assert frame["censored"].equals(late)
        drawn = (frame["months_to_work"] > horizon).astype(float)
        assert frame.loc[~late, "label"].equals(drawn[~late])


@pytest.mark.parametrize(
    ("low", "high"),
    [
        ({"health_hindrance": "NEI"}, {"health_hindrance": "JA"}),
        ({"education": "HOYERE_UTDANNING_1_TIL_4"}, {"education": "GRUNNSKOLE"}),
        ({"earlier_spells_last_5_years": 0}, {"earlier_spells_last_5_years": 5}),
        (
            {"situation": "HAR_BLITT_SAGT_OPP", "months_employed_last_36": 20},
            {"situation": "IKKE_VAERT_I_JOBB_SISTE_2_AAR", "months_employed_last_36": 20},
        ),
        ({"county_unemployment_rate": 0.015}, {"county_unemployment_rate": 0.04}),
        ({"time_to_work_estimate": "UNDER_3_MANEDER"}, {"time_to_work_estimate": "OVER_12_MANEDER"}),
        ({"months_employed_last_36": 30}, {"months_employed_last_36": 6}),
        ({"situation": "ER_PERMITTERT"}, {"situation": "HAR_BLITT_SAGT_OPP"}),
        ({"own_assessment": "KLARE_SEG_SELV"}, {"own_assessment": "ONSKER_OPPFOLGING"}),
    ],
)
def test_direction_of_each_effect(frame: pd.DataFrame, low: dict[str, object], high: dict[str, object]) -> None:
    _risk_rises(frame, low, high)


def test_recent_work_lowers_risk(frame: pd.DataFrame) -> None:
    employed = frame[frame["months_employed_last_36"] >= 6]
    _risk_rises(employed, {"worked_6_of_last_12_months": True}, {"worked_6_of_last_12_months": False})


def test_weak_norwegian_raises_risk(frame: pd.DataFrame) -> None:
    immigrants = frame[frame["years_in_norway"].notna()]
    _risk_rises(immigrants, {"norwegian_skill": "GODT"}, {"norwegian_skill": "DARLIG"})
    _risk_rises(immigrants, {"years_in_norway": 10.0}, {"years_in_norway": 0.5})


def _gap(frame: pd.DataFrame, column: str, low: object, high: object, scenario: str) -> float:
    p_low = true_probability(_changed(frame, **{column: low}), scenario=scenario)
    p_high = true_probability(_changed(frame, **{column: high}), scenario=scenario)
    return float((p_high - p_low).mean())


def test_rule_change_shifts_the_relation(frame: pd.DataFrame) -> None:
    employed = frame[frame["months_employed_last_36"] >= 6]
    work = ("worked_6_of_last_12_months", True, False)
    assert _gap(employed, *work, "rule_change") < 0.3 * _gap(employed, *work, "baseline")
    assert _gap(frame, "age", 30, 20, "baseline") > 0 > _gap(frame, "age", 30, 20, "rule_change")
    estimate = ("time_to_work_estimate", "UNDER_3_MANEDER", "OVER_12_MANEDER")
    assert _gap(frame, *estimate, "rule_change") > 1.5 * _gap(frame, *estimate, "baseline")


def test_scenarios_shift_the_inputs() -> None:
    frames = {scenario: simulate_population(20_000, seed=5, scenario=scenario) for scenario in SCENARIOS}
    base, downturn, refugees = frames["baseline"], frames["downturn"], frames["refugee_inflow"]
    assert downturn["county_unemployment_rate"].mean() > base["county_unemployment_rate"].mean() + 0.02
    for situation in ("ER_PERMITTERT", "HAR_BLITT_SAGT_OPP"):
        assert (downturn["situation"] == situation).mean() > 1.3 * (base["situation"] == situation).mean()
    assert (downturn["benefit"] == "DAGPENGER").mean() > (base["benefit"] == "DAGPENGER").mean() + 0.05
    recent = refugees["years_in_norway"] < 3
    assert (refugees["country_background"] == "UTENFOR_EU_EOS").mean() > 1.5 * (
        base["country_background"] == "UTENFOR_EU_EOS"
    ).mean()
    assert recent.mean() > 3 * (base["years_in_norway"] < 3).mean()
    assert (refugees["registration_channel"] == "ASSISTERT").mean() > (
        base["registration_channel"] == "ASSISTERT"
    ).mean()


def test_rule_change_keeps_inputs_and_changes_p_opt() -> None:
    base = simulate_population(5_000, seed=9)
    drift = simulate_population(5_000, seed=9, scenario="rule_change")
    pd.testing.assert_frame_equal(base[list(PROFILE_FIELDS)], drift[list(PROFILE_FIELDS)])
    assert np.abs(drift["p_opt"] - base["p_opt"]).mean() > 0.03
    np.testing.assert_allclose(true_probability(base, scenario="rule_change"), drift["p_opt"], atol=1e-12)


def _check_digits_valid(number: str) -> bool:
    digits = [int(c) for c in number]
    for weights, position in (((3, 7, 6, 1, 8, 9, 4, 5, 2), 9), ((5, 4, 3, 2, 7, 6, 5, 4, 3, 2), 10)):
        remainder = sum(w * d for w, d in zip(weights, digits, strict=False)) % 11
        check = 0 if remainder == 0 else 11 - remainder
        if check == 10 or check != digits[position]:
            return False
    return True


def test_national_ids_are_valid_synthetic_and_unique(frame: pd.DataFrame) -> None:
    ids = frame["national_id"]
    assert ids.is_unique
    assert ids.str.fullmatch(r"\d{11}").all()
    assert ids.str[2:4].astype(int).between(81, 92).all()
    assert ids.str[0:2].astype(int).between(1, 31).all()
    assert all(_check_digits_valid(number) for number in ids)
    male = ids.str[8].astype(int) % 2 == 1
    assert male.equals(frame["gender"] == "MANN")


def test_horizon_six_months_p_opt_matches_recomputation() -> None:
    frame = simulate_population(3_000, seed=2, horizon_months=6)
    np.testing.assert_allclose(true_probability(frame, horizon_months=6), frame["p_opt"], atol=1e-12)
    assert (frame["p_opt"] > true_probability(frame, horizon_months=12)).all()


def _assert_calibrated(frame: pd.DataFrame) -> None:
    labelled = frame[~frame["censored"]]
    assert len(labelled) >= 200_000
    decile = pd.qcut(labelled["p_opt"], 10, labels=False)
    for _, group in labelled.groupby(decile):
        p = group["p_opt"].mean()
        standard_error = np.sqrt(p * (1 - p) / len(group))
        assert abs(group["label"].mean() - p) < 4 * standard_error


@pytest.mark.slow
@pytest.mark.parametrize("horizon", [12, 6])
def test_p_opt_is_calibrated(horizon: int) -> None:
    _assert_calibrated(simulate_population(260_000, seed=11, horizon_months=horizon))
