"""Code tests of the simulated offices, counsellors and their follow-up decisions."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from models.policy import FollowUpLevel, OverrideReason
from monitoring.records.kinds import checked_justification
from training.counsellors import (
    LENGTH_MESSAGE,
    MISSING_COLUMNS_MESSAGE,
    OFFICES_PER_COUNTY,
    UNKNOWN_COUNSELLOR_MESSAGE,
    UNKNOWN_LEVEL_MESSAGE,
    colleagues,
    simulate_decisions,
)
from training.population import simulate_population

ORDER = [level.value for level in FollowUpLevel]


@pytest.fixture(scope="module")
def population() -> pd.DataFrame:
    return simulate_population(60_000, seed=4)


@pytest.fixture(scope="module")
def suggested(population: pd.DataFrame) -> np.ndarray:
    risk = population["p_opt"].to_numpy()
    health = (population["health_hindrance"] == "JA").to_numpy()
    return np.where(
        (risk < 0.3) & ~health,
        FollowUpLevel.STANDARD_INNSATS.value,
        np.where((risk >= 0.55) & health, FollowUpLevel.SPESIELT_TILPASSET_INNSATS.value, "SITUASJONSBESTEMT_INNSATS"),
    )


@pytest.fixture(scope="module")
def decisions(population: pd.DataFrame, suggested: np.ndarray) -> pd.DataFrame:
    return simulate_decisions(population, suggested, seed=1)


def test_decisions_are_aligned_with_the_population(population: pd.DataFrame, decisions: pd.DataFrame) -> None:
    assert list(decisions.columns) == ["decided_level", "follows_suggestion", "override_reason", "justification"]
    assert decisions.index.equals(population.index)


def test_override_rate_is_in_range(decisions: pd.DataFrame) -> None:
    assert 0.15 <= 1 - decisions["follows_suggestion"].mean() <= 0.30


def test_overrides_are_more_frequent_with_hidden_barriers(population: pd.DataFrame, decisions: pd.DataFrame) -> None:
    overridden = ~decisions["follows_suggestion"]
    low_language = population["latent_language"] < -0.6
    assert overridden[low_language].mean() > 2 * overridden[~low_language].mean()


def test_decisions_are_consistent_with_reasons(
    population: pd.DataFrame, suggested: np.ndarray, decisions: pd.DataFrame
) -> None:
    follows = decisions["follows_suggestion"]
    reason = decisions["override_reason"]
    step = decisions["decided_level"].map(ORDER.index) - pd.Series(suggested, index=decisions.index).map(ORDER.index)
    assert (step[follows] == 0).all() and (step[~follows].abs() == 1).all()
    assert reason[follows].isna().all() and decisions["justification"][follows].isna().all()
    assert reason[~follows].isin([r.value for r in OverrideReason]).all()
    for justification, code in zip(decisions["justification"][~follows], reason[~follows], strict=True):
        checked_justification(justification, name="justification", reason_code=code)  # what the records accept
    barrier = (population["latent_language"] < -0.6) | (population["latent_digital"] < -1.2)
    upward = (
        ("LANGUAGE_OR_DIGITAL_BARRIERS", barrier),
        ("REPEAT_SPELLS", population["earlier_spells_last_5_years"] >= 3),
        ("HEALTH", population["health_hindrance"] == "JA"),
    )
    for code, cause in upward:
        rows = reason == code
        assert rows.sum() > 50 and cause[rows].all() and (step[rows] == 1).all()
    wishes = reason == "JOBSEEKER_WISHES"
    assert wishes.sum() > 50 and (population["own_assessment"][wishes] == "KLARE_SEG_SELV").all()
    assert (step[wishes] == -1).all()
    assert (decisions["decided_level"] != FollowUpLevel.VARIG_TILPASSET_INNSATS.value).all()
    permanent = decisions["decided_level"] == FollowUpLevel.GRADERT_VARIG_TILPASSET_INNSATS.value
    assert permanent.sum() > 50 and (reason[permanent] == "HEALTH").all()


def test_counsellors_differ_in_their_tendency(population: pd.DataFrame, decisions: pd.DataFrame) -> None:
    rates = (~decisions["follows_suggestion"]).groupby(population["counsellor_id"].astype(str)).mean()
    assert rates.quantile(0.1) < 0.08 and rates.quantile(0.9) > 0.3


def test_decisions_are_deterministic_by_seed(population: pd.DataFrame, suggested: np.ndarray) -> None:
    head, levels = population.head(5_000), suggested[:5_000]
    pd.testing.assert_frame_equal(simulate_decisions(head, levels, seed=2), simulate_decisions(head, levels, seed=2))
    assert not simulate_decisions(head, levels, seed=2).equals(simulate_decisions(head, levels, seed=3))


def test_bad_input_raises_value_error(population: pd.DataFrame, suggested: np.ndarray) -> None:
    with pytest.raises(ValueError, match=re.escape(LENGTH_MESSAGE)):
        simulate_decisions(population, suggested[:-1])
    permanent = np.full(len(population), FollowUpLevel.VARIG_TILPASSET_INNSATS.value)
    with pytest.raises(ValueError, match=re.escape(UNKNOWN_LEVEL_MESSAGE)):
        simulate_decisions(population, permanent)
    with pytest.raises(ValueError, match=re.escape(MISSING_COLUMNS_MESSAGE)):
        simulate_decisions(population.drop(columns="latent_language"), suggested)


def test_offices_are_nested_in_counties_and_counsellors_in_offices(population: pd.DataFrame) -> None:
    office = population["office"].astype(str)
    assert office.str.fullmatch(r"\d{4}").all()
    assert (population.groupby(office, observed=True)["county"].nunique() == 1).all()
    prefixes = population["county"].astype(str).map({c.value: f"{n:02d}" for c, (n, _) in OFFICES_PER_COUNTY.items()})
    assert (office.str[:2] == prefixes).all()
    counsellor = population["counsellor_id"].astype(str)
    assert counsellor.str.fullmatch(r"Z\d{6}").all()
    assert (office.groupby(counsellor).nunique() == 1).all()


def test_colleagues_are_two_other_counsellors_of_the_same_office(population: pd.DataFrame) -> None:
    counsellor, office = population["counsellor_id"].astype(str), population["office"].astype(str)
    office_of = office.groupby(counsellor).first()  # every counsellor of every office meets someone in this draw
    approver, reviewer = colleagues(population["counsellor_id"], seed=3)
    for other in (approver, reviewer):
        assert (office_of[other].to_numpy() == office.to_numpy()).all()
        assert (other != counsellor.to_numpy()).all()
    assert (approver != reviewer).all()
    assert pd.Series(approver).groupby(counsellor.to_numpy()).nunique().max() > 1
    again, _ = colleagues(population["counsellor_id"], seed=3)
    assert (again == approver).all() and not (colleagues(population["counsellor_id"], seed=4)[0] == approver).all()
    with pytest.raises(ValueError, match=re.escape(UNKNOWN_COUNSELLOR_MESSAGE)):
        colleagues(pd.Series(["Z000000"]))
