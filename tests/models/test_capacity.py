"""Thresholds from capacities: the shares that ``suggest_columns`` realises with them, and every refusal."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models.capacity import (
    HINDRANCE_MESSAGE,
    ORDER_MESSAGE,
    SHAPES_MESSAGE,
    SHARE_MESSAGE,
    SUM_MESSAGE,
    policy_inputs,
    thresholds_for_capacities,
)
from models.errors import InvalidInputError
from models.policy import FollowUpLevel, PolicyConfig, suggest_columns

ROWS = 4_000
STANDARD = FollowUpLevel.STANDARD_INNSATS.value
SITUATIONAL = FollowUpLevel.SITUASJONSBESTEMT_INNSATS.value
TAILORED = FollowUpLevel.SPESIELT_TILPASSET_INNSATS.value


def _profiles(rows: int, seed: int) -> pd.DataFrame:
    """Profiles with the columns ``suggest_columns`` reads; a quarter report a hindrance, some receive AAP."""
    generator = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "health_hindrance": generator.choice(["NEI", "JA", "VET_IKKE"], rows, p=[0.8, 0.15, 0.05]),
            "other_hindrance": generator.choice(["NEI", "JA"], rows, p=[0.95, 0.05]),
            "benefit": generator.choice(["INGEN", "DAGPENGER", "ARBEIDSAVKLARINGSPENGER"], rows, p=[0.6, 0.3, 0.1]),
            "norwegian_skill": [None] * rows,
            "years_in_norway": np.full(rows, np.nan),
            "registration_channel": ["DIGITAL"] * rows,
            "earlier_spells_last_5_years": np.zeros(rows, dtype=int),
        }
    )


def _shares(profiles: pd.DataFrame, risk: np.ndarray, standard_below: float, tailored_from: float) -> dict[str, float]:
    config = PolicyConfig(standard_below=standard_below, tailored_from=tailored_from)
    levels = suggest_columns(profiles, risk=risk, lower=risk, upper=risk, config=config).levels
    return {level: float(np.mean(levels == level)) for level in (STANDARD, SITUATIONAL, TAILORED)}


def _largest_tie_share(risk: np.ndarray) -> float:
    return float(np.unique(risk, return_counts=True)[1].max() / len(risk))


def test_policy_inputs_follow_the_rules_of_the_policy() -> None:
    profiles = _profiles(ROWS, seed=1)
    hindrance, reduced = policy_inputs(profiles)
    expected_hindrance = (profiles["health_hindrance"] != "NEI") | (profiles["other_hindrance"] != "NEI")
    expected_reduced = (profiles["health_hindrance"] == "JA") | (profiles["benefit"] == "ARBEIDSAVKLARINGSPENGER")
    assert hindrance.tolist() == expected_hindrance.tolist()
    assert reduced.tolist() == expected_reduced.tolist()
    assert 0 < hindrance.mean() < 1 and 0 < reduced.mean() < 1


@pytest.mark.parametrize("decimals", [None, 2], ids=["continuous", "ties"])
@pytest.mark.parametrize("tailored, situational", [(0.05, 0.40), (0.08, 0.45), (0.10, 0.50), (0.02, 0.60)])
def test_realised_shares_stay_within_the_capacities(tailored: float, situational: float, decimals: int | None) -> None:
    profiles = _profiles(ROWS, seed=2)
    risk = np.random.default_rng(3).beta(2, 5, ROWS)
    if decimals is not None:
        risk = np.round(risk, decimals)
    hindrance, reduced = policy_inputs(profiles)
    thresholds = thresholds_for_capacities(
        risk, hindrance=hindrance, reduced_capacity=reduced, tailored=tailored, situational=situational
    )
    assert 0 < thresholds.standard_below < thresholds.tailored_from < 1
    shares = _shares(profiles, risk, *thresholds)
    slack = 1 / ROWS + _largest_tie_share(risk)
    assert shares[TAILORED] <= tailored
    assert shares[SITUATIONAL] <= situational
    assert shares[TAILORED] >= tailored - slack
    assert shares[SITUATIONAL] >= situational - slack
    assert shares[STANDARD] == pytest.approx(1 - shares[TAILORED] - shares[SITUATIONAL])


def test_a_tailored_capacity_beyond_the_eligible_rows_keeps_the_thresholds_in_order() -> None:
    profiles = _profiles(ROWS, seed=4)
    risk = np.random.default_rng(5).beta(2, 5, ROWS)
    hindrance, reduced = policy_inputs(profiles)
    assert reduced.mean() < 0.5
    thresholds = thresholds_for_capacities(
        risk, hindrance=hindrance, reduced_capacity=reduced, tailored=0.5, situational=0.3
    )
    shares = _shares(profiles, risk, *thresholds)
    assert thresholds.standard_below < thresholds.tailored_from
    assert shares[SITUATIONAL] == pytest.approx(0.3, abs=1 / ROWS)
    # every registrant with reduced capacity and a risk at or above standard_below is specially tailored
    expected_tailored = np.mean(reduced & (risk >= thresholds.tailored_from))
    assert shares[TAILORED] == pytest.approx(expected_tailored)
    assert not np.any(reduced & (risk > thresholds.standard_below) & (risk < thresholds.tailored_from))


def test_one_tie_larger_than_the_capacity_selects_nobody() -> None:
    risk = np.full(100, 0.5)
    risk[:10] = 0.9
    none = np.zeros(100, dtype=bool)
    thresholds = thresholds_for_capacities(risk, hindrance=none, reduced_capacity=~none, tailored=0.05, situational=0.5)
    assert thresholds.tailored_from > 0.9
    assert not np.any(risk >= thresholds.tailored_from)


@pytest.mark.parametrize(
    "tailored, situational, message",
    [
        (0.0, 0.4, SHARE_MESSAGE),
        (0.1, 1.0, SHARE_MESSAGE),
        (-0.1, 0.4, SHARE_MESSAGE),
        (0.6, 0.5, SUM_MESSAGE),
        (0.05, 0.10, HINDRANCE_MESSAGE),
    ],
    ids=["zero", "one", "negative", "sum", "hindrance"],
)
def test_impossible_capacities_are_refused(tailored: float, situational: float, message: str) -> None:
    profiles = _profiles(ROWS, seed=6)
    risk = np.random.default_rng(7).beta(2, 5, ROWS)
    hindrance, reduced = policy_inputs(profiles)
    assert hindrance.mean() > 0.15
    with pytest.raises(InvalidInputError, match=message.split("(")[0][:40]):
        thresholds_for_capacities(
            risk, hindrance=hindrance, reduced_capacity=reduced, tailored=tailored, situational=situational
        )


def test_thresholds_outside_the_unit_interval_are_refused() -> None:
    """Capacities that leave no room for standard on risks of exactly 0 would need ``standard_below`` = 0."""
    risk = np.zeros(100)
    risk[:5] = 0.8
    none = np.zeros(100, dtype=bool)
    with pytest.raises(InvalidInputError, match=ORDER_MESSAGE[:40]):
        thresholds_for_capacities(risk, hindrance=none, reduced_capacity=~none, tailored=0.05, situational=0.95)


@pytest.mark.parametrize(
    "risk, hindrance",
    [
        (np.array([0.1, 0.2]), np.array([False])),
        (np.array([]), np.array([], dtype=bool)),
        (np.array([[0.1, 0.2]]), np.array([[False, False]])),
    ],
    ids=["lengths", "empty", "2-D"],
)
def test_arrays_that_do_not_fit_are_refused(risk: np.ndarray, hindrance: np.ndarray) -> None:
    with pytest.raises(InvalidInputError, match=SHAPES_MESSAGE[:40]):
        thresholds_for_capacities(risk, hindrance=hindrance, reduced_capacity=hindrance, tailored=0.1, situational=0.4)


@pytest.mark.parametrize("bad", [np.nan, 1.5, -0.1])
def test_risks_outside_the_unit_interval_are_refused(bad: float) -> None:
    risk = np.array([0.1, 0.2, bad])
    none = np.zeros(3, dtype=bool)
    with pytest.raises(InvalidInputError, match="risks must lie"):
        thresholds_for_capacities(risk, hindrance=none, reduced_capacity=none, tailored=0.1, situational=0.4)
