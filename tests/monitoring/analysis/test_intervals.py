"""Wilson and bootstrap intervals against reference numbers computed here by formula."""

from __future__ import annotations

import math

import numpy as np
import pytest

from models.errors import InvalidInputError
from models.metrics import auc
from monitoring.analysis.intervals import bootstrap_interval, wilson_interval

Z95 = 1.959963984540054


def wilson_by_formula(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def mean(values: np.ndarray) -> np.ndarray:
    return values.mean(axis=-1)


@pytest.mark.parametrize(("k", "n"), [(0, 10), (5, 10), (10, 10), (1, 4), (37, 1000), (999, 1000)])
def test_wilson_matches_the_formula(k: int, n: int) -> None:
    low, high = wilson_interval(k, n)
    assert isinstance(low, float) and isinstance(high, float)
    assert (low, high) == pytest.approx(wilson_by_formula(k, n), abs=1e-12)
    assert low <= k / n <= high


def test_wilson_known_values() -> None:
    assert wilson_interval(0, 10) == pytest.approx((0.0, 0.27753), abs=1e-5)
    assert wilson_interval(5, 10) == pytest.approx((0.23659, 0.76341), abs=1e-5)
    assert wilson_interval(10, 10)[1] == 1.0
    low, high = wilson_interval(5, 10, confidence=0.99)
    assert low < 0.23659 and high > 0.76341


def test_wilson_is_vectorised_and_empty_groups_are_nan() -> None:
    k, n = np.array([0, 5, 1, 0]), np.array([10, 10, 4, 0])
    low, high = wilson_interval(k, n)
    for i in range(3):
        assert (low[i], high[i]) == pytest.approx(wilson_interval(int(k[i]), int(n[i])))
    assert np.isnan(low[3]) and np.isnan(high[3])


def test_wilson_refuses_impossible_counts() -> None:
    with pytest.raises(InvalidInputError, match="between 0 and n"):
        wilson_interval(11, 10)
    with pytest.raises(InvalidInputError, match="confidence"):
        wilson_interval(1, 10, confidence=1.0)


def test_bootstrap_contains_the_statistic_and_narrows_with_n() -> None:
    rng = np.random.default_rng(2)
    widths = []
    for n in (100, 1_000, 10_000):
        values = rng.normal(0.3, 0.1, n)
        low, high = bootstrap_interval(values, statistic=mean, rounds=300, seed=1)
        assert low < values.mean() < high
        widths.append(high - low)
        assert high - low == pytest.approx(2 * Z95 * values.std() / math.sqrt(n), rel=0.2)
    assert widths[0] > widths[1] > widths[2]


def test_bootstrap_is_reproducible_and_keeps_pairs_together() -> None:
    rng = np.random.default_rng(3)
    scores = rng.random(2_000)
    labels = (rng.random(2_000) < scores).astype(float)
    first = bootstrap_interval(labels, scores, statistic=auc, seed=4)
    assert first == bootstrap_interval(labels, scores, statistic=auc, seed=4)
    assert first[0] < float(auc(labels, scores)) < first[1]
    assert first[1] - first[0] < 0.06
    # Pairs matter: shuffling one sample would destroy the AUC, paired resampling does not.
    perfect = bootstrap_interval((np.arange(100) >= 50).astype(float), np.arange(100.0), statistic=auc)
    assert perfect == (1.0, 1.0)


def test_bootstrap_with_a_row_cap_agrees_with_the_full_bootstrap() -> None:
    values = np.random.default_rng(5).exponential(0.2, 50_000)
    full = bootstrap_interval(values, statistic=mean, rounds=200)
    capped = bootstrap_interval(values, statistic=mean, rounds=200, max_rows=1_000)
    assert capped[0] < values.mean() < capped[1]
    assert capped[1] - capped[0] == pytest.approx(full[1] - full[0], rel=0.25)
    known = bootstrap_interval(values, statistic=mean, rounds=200, max_rows=1_000, estimate=float(values.mean()))
    assert known == pytest.approx(capped)


def test_bootstrap_edge_cases() -> None:
    assert all(math.isnan(x) for x in bootstrap_interval(np.array([]), statistic=mean))
    one_class = bootstrap_interval(np.ones(50), np.random.default_rng(0).random(50), statistic=auc)
    assert all(math.isnan(x) for x in one_class)
    with pytest.raises(InvalidInputError, match="same length"):
        bootstrap_interval(np.ones(3), np.ones(4), statistic=mean)
    with pytest.raises(InvalidInputError, match="1-D"):
        bootstrap_interval(np.ones((3, 2)), statistic=mean)
    with pytest.raises(InvalidInputError, match="at least 1"):
        bootstrap_interval(np.ones(3), statistic=mean, rounds=0)
