"""Code tests of the simulated blind-first counsellors: their own provisional level, and how far the suggestion moves
them once it is shown."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from models.policy import FollowUpLevel
from monitoring.analysis.intervals import wilson_interval
from monitoring.records.kinds import checked_justification
from training.blind_first import (
    MOVE_MESSAGE,
    MOVE_TOWARD_SUGGESTION,
    PROVISIONAL_MESSAGE,
    blind_first_decisions,
    provisional_levels,
)
from training.counsellors import LENGTH_MESSAGE, MISSING_COLUMNS_MESSAGE, UNKNOWN_LEVEL_MESSAGE

ORDER = [level.value for level in FollowUpLevel]
SUGGESTABLE = ORDER[:3]


@pytest.fixture(scope="module")
def provisional(population: pd.DataFrame) -> pd.DataFrame:
    return provisional_levels(population, seed=1)


@pytest.fixture(scope="module")
def suggested(population: pd.DataFrame) -> np.ndarray:
    return np.asarray(SUGGESTABLE, dtype=object)[np.random.default_rng(5).integers(0, 3, len(population))]


def positions(levels: pd.Series | np.ndarray) -> np.ndarray:
    return pd.Series(levels).map(ORDER.index).to_numpy()


def moved_toward(provisional: pd.DataFrame, suggested: np.ndarray, decided: pd.Series) -> tuple[int, int]:
    """Moves toward the suggestion, and the cases that could move (provisional level different from the suggestion)."""
    own, shown, final = positions(provisional["provisional_level"]), positions(suggested), positions(decided)
    disagreed = own != shown
    return int((disagreed & (np.abs(final - shown) < np.abs(own - shown))).sum()), int(disagreed.sum())


def test_the_provisional_level_is_the_counsellors_own_view(population: pd.DataFrame, provisional: pd.DataFrame) -> None:
    assert list(provisional.columns) == ["reading_level", "provisional_level", "override_reason", "justification"]
    assert provisional.index.equals(population.index)
    assert provisional["reading_level"].isin(SUGGESTABLE).all()
    step = positions(provisional["provisional_level"]) - positions(provisional["reading_level"])
    departs = step != 0
    assert 0 < departs.mean() < 0.4 and (np.abs(step) <= 1).all()
    assert (
        provisional["override_reason"][departs].notna().all() and provisional["override_reason"][~departs].isna().all()
    )
    high = population["p_opt"] > 0.6
    reads_low = provisional["reading_level"] == FollowUpLevel.STANDARD_INNSATS.value
    assert reads_low[high].mean() < 0.05 < reads_low[~high].mean()
    pd.testing.assert_frame_equal(provisional, provisional_levels(population, seed=1))
    assert not provisional.equals(provisional_levels(population, seed=2))


def test_the_move_toward_the_suggestion_is_recovered(provisional: pd.DataFrame, suggested: np.ndarray) -> None:
    for rate in (MOVE_TOWARD_SUGGESTION, 0.7):
        decided = blind_first_decisions(provisional, suggested, seed=3, move_toward=rate)["decided_level"]
        toward, could = moved_toward(provisional, suggested, decided)
        low, high = wilson_interval(toward, could, confidence=0.99)
        assert could > 5_000 and low < rate < high and high - low < 0.05


def test_no_anchoring_keeps_the_provisional_level_and_full_anchoring_always_moves(
    provisional: pd.DataFrame, suggested: np.ndarray
) -> None:
    kept = blind_first_decisions(provisional, suggested, move_toward=0.0)
    assert (kept["decided_level"] == provisional["provisional_level"]).all()
    moved = blind_first_decisions(provisional, suggested, move_toward=1.0)["decided_level"]
    toward, could = moved_toward(provisional, suggested, moved)
    assert could > 0 and toward == could


def test_decisions_are_consistent_with_the_suggestion_and_reasons(
    provisional: pd.DataFrame, suggested: np.ndarray
) -> None:
    decisions = blind_first_decisions(provisional, suggested, seed=4)
    assert list(decisions.columns) == ["decided_level", "follows_suggestion", "override_reason", "justification"]
    own, shown, final = (
        positions(levels) for levels in (provisional["provisional_level"], suggested, decisions["decided_level"])
    )
    assert (np.abs(final - own) <= 1).all() and (np.abs(final - shown) <= np.abs(own - shown)).all()
    follows = decisions["follows_suggestion"].to_numpy()
    assert (follows == (final == shown)).all() and 0 < follows.mean() < 1
    assert decisions["override_reason"][follows].isna().all() and decisions["justification"][follows].isna().all()
    departures = decisions[~follows]
    assert len(departures) > 1_000
    for justification, code in zip(departures["justification"], departures["override_reason"], strict=True):
        checked_justification(justification, name="justification", reason_code=code)  # what the records accept
    kept_own = departures["override_reason"] == provisional["override_reason"][~follows]
    assert 0 < kept_own.mean() < 1


def test_the_draws_do_not_depend_on_the_suggestion(provisional: pd.DataFrame) -> None:
    """A counsellor between the two suggestions moves for both or for neither: one draw, whatever is suggested."""
    rows = len(provisional)
    below = positions(blind_first_decisions(provisional, np.full(rows, SUGGESTABLE[0]), seed=6)["decided_level"])
    above = positions(blind_first_decisions(provisional, np.full(rows, SUGGESTABLE[2]), seed=6)["decided_level"])
    between = positions(provisional["provisional_level"]) == 1
    moved_down, moved_up = below[between] == 0, above[between] == 2
    assert moved_down.any() and (~moved_down).any()
    assert (moved_down == moved_up).all()


def test_bad_input_raises_value_error(
    population: pd.DataFrame, provisional: pd.DataFrame, suggested: np.ndarray
) -> None:
    with pytest.raises(ValueError, match=re.escape(MOVE_MESSAGE)):
        blind_first_decisions(provisional, suggested, move_toward=1.5)
    with pytest.raises(ValueError, match=re.escape(LENGTH_MESSAGE)):
        blind_first_decisions(provisional, suggested[:-1])
    with pytest.raises(ValueError, match=re.escape(UNKNOWN_LEVEL_MESSAGE)):
        blind_first_decisions(provisional, np.full(len(provisional), FollowUpLevel.VARIG_TILPASSET_INNSATS.value))
    with pytest.raises(ValueError, match=re.escape(PROVISIONAL_MESSAGE)):
        blind_first_decisions(provisional.drop(columns="reading_level"), suggested)
    with pytest.raises(ValueError, match=re.escape(MISSING_COLUMNS_MESSAGE)):
        provisional_levels(population.drop(columns="p_opt"))
