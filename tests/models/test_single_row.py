"""The single-row fast path gives LightGBM's own numbers: raw scores, SHAP values and bootstrap ranges."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pytest

from models.risk_model import ALL_CORES, RiskModel
from models.single_row import SingleRowPredictor
from models.validation import validate_frame


@pytest.fixture(scope="module")
def rows(population: pd.DataFrame, small_model: RiskModel) -> np.ndarray:
    return small_model.spec.encode_frame(validate_frame(population.tail(300)))


def test_raw_scores_and_contributions_equal_booster_predict(small_model: RiskModel, rows: np.ndarray) -> None:
    booster = small_model.booster
    raw = SingleRowPredictor(booster, contributions=False)
    contributions = SingleRowPredictor(booster, contributions=True)
    one_by_one_raw = np.array([raw(row)[0] for row in rows])
    one_by_one_contributions = np.vstack([contributions(row) for row in rows])
    np.testing.assert_array_equal(one_by_one_raw, booster.predict(rows, raw_score=True, num_threads=ALL_CORES))
    np.testing.assert_array_equal(
        one_by_one_contributions, booster.predict(rows, pred_contrib=True, num_threads=ALL_CORES)
    )


def test_a_single_row_scores_like_the_same_row_in_a_batch(small_model: RiskModel, rows: np.ndarray) -> None:
    """score_matrix and contributions take the fast path for one row and LightGBM's batch path otherwise."""
    risk, lower, upper = small_model.score_matrix(rows)
    singles = [small_model.score_matrix(rows[i : i + 1]) for i in range(len(rows))]
    np.testing.assert_allclose([s[0][0] for s in singles], risk, rtol=0, atol=1e-12)
    np.testing.assert_allclose([s[1][0] for s in singles], lower, rtol=0, atol=1e-12)
    np.testing.assert_allclose([s[2][0] for s in singles], upper, rtol=0, atol=1e-12)
    batch = small_model.contributions(rows)
    singly = np.vstack([small_model.contributions(rows[i : i + 1]) for i in range(10)])
    np.testing.assert_array_equal(singly, batch[:10])


def test_one_predictor_serves_several_threads(small_model: RiskModel, rows: np.ndarray) -> None:
    contributions = SingleRowPredictor(small_model.booster, contributions=True)
    expected = small_model.booster.predict(rows, pred_contrib=True, num_threads=ALL_CORES)
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(contributions, rows))
    np.testing.assert_array_equal(np.vstack(got), expected)


def test_a_row_of_the_wrong_width_is_refused(small_model: RiskModel, rows: np.ndarray) -> None:
    with pytest.raises(ValueError, match="features"):
        SingleRowPredictor(small_model.booster, contributions=False)(rows[0][:-1])
