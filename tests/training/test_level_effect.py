"""The decided follow-up level's known effect on time to work: coupled potential outcomes, their exact probability."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models.policy import FollowUpLevel
from training import population_params as pp
from training.demo import demo_population
from training.population import (
    LEVEL_MESSAGE,
    label_under,
    months_to_work_under,
    simulate_population,
    true_probability,
)


@pytest.fixture(scope="module")
def population() -> pd.DataFrame:
    return simulate_population(60_000, seed=11)


def test_the_reference_level_changes_nothing(population: pd.DataFrame) -> None:
    assert pp.LEVEL_EFFECTS[pp.REFERENCE_LEVEL] == 0.0
    reference = pp.REFERENCE_LEVEL.value
    assert np.array_equal(months_to_work_under(population, reference), population["months_to_work"])
    assert np.array_equal(label_under(population, reference), population["label"], equal_nan=True)
    assert np.array_equal(true_probability(population, level=reference), population["p_opt"])


@pytest.mark.parametrize("level", list(FollowUpLevel))
def test_a_level_scales_every_duration_by_exp_minus_b_over_k(population: pd.DataFrame, level: FollowUpLevel) -> None:
    ratio = months_to_work_under(population, level) / population["months_to_work"].to_numpy()
    assert np.allclose(ratio, np.exp(-pp.LEVEL_EFFECTS[level] / pp.WEIBULL_SHAPE), rtol=1e-12)


@pytest.mark.parametrize("level", list(FollowUpLevel))
def test_labels_under_a_level_agree_with_its_exact_probability(population: pd.DataFrame, level: FollowUpLevel) -> None:
    """The drawn labels (sampling) against the quadrature (exact), overall and by decile of the probability."""
    labelled = population[~population["censored"]]
    label = label_under(labelled, level)
    probability = true_probability(labelled, level=level)
    se = np.sqrt((probability * (1 - probability)).sum()) / len(labelled)
    assert abs(label.mean() - probability.mean()) < 4 * se
    deciles = pd.qcut(probability, 10, labels=False)
    for decile in range(10):
        rows = deciles == decile
        p = probability[rows]
        assert abs(label[rows].mean() - p.mean()) < 4 * np.sqrt((p * (1 - p)).sum()) / rows.sum() + 1e-3


def test_the_effect_has_the_documented_sign(population: pd.DataFrame) -> None:
    """A faster exit (a positive effect) lowers every row's probability of still being without work."""
    standard = true_probability(population)
    for level in FollowUpLevel:
        lowered = standard - true_probability(population, level=level)
        assert (np.sign(lowered) == np.sign(pp.LEVEL_EFFECTS[level])).all(), level


def test_an_unknown_level_is_refused(population: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=LEVEL_MESSAGE):
        label_under(population, "MAKSIMAL_INNSATS")
    with pytest.raises(ValueError, match=LEVEL_MESSAGE):
        true_probability(population, level="MAKSIMAL_INNSATS")


def test_the_demo_population_holds_the_label_under_every_level() -> None:
    frame = demo_population(3_000, seed=4)
    assert frame["label"].notna().any()
    assert np.array_equal(frame["label_if_STANDARD_INNSATS"], frame["label"], equal_nan=True)
    # Coupled: the more a level speeds the exit, the fewer are still without work, row by row.
    by_effect = sorted(FollowUpLevel, key=lambda level: pp.LEVEL_EFFECTS[level])
    labels = np.stack([frame[f"label_if_{level.value}"].to_numpy(dtype=float) for level in by_effect])
    known = ~np.isnan(labels[0])
    assert (np.diff(labels[:, known], axis=0) <= 0).all()
    assert labels[0, known].sum() > labels[-1, known].sum()
