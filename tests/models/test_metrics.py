"""AUC, calibration gap and ECE against scikit-learn and hand-computed cases."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from models.errors import InvalidInputError
from models.metrics import BINS_MESSAGE, ECE_BINS, SHAPE_MESSAGE, auc, calibration_gap, expected_calibration_error


def test_auc_equals_scikit_learn_with_ties_and_in_batches() -> None:
    rng = np.random.default_rng(5)
    scores = np.round(rng.random((4, 300)), 1)
    labels = (rng.random((4, 300)) < scores).astype(float)
    batch = auc(labels, scores)
    assert batch.shape == (4,)
    for i in range(4):
        assert batch[i] == pytest.approx(roc_auc_score(labels[i], scores[i]), abs=1e-12)
        assert float(auc(labels[i], scores[i])) == pytest.approx(batch[i])


def test_presorted_scores_give_the_same_auc() -> None:
    rng = np.random.default_rng(6)
    scores = np.sort(rng.random(500))
    labels = (rng.random(500) < scores).astype(float)
    assert float(auc(labels, scores, presorted=True)) == pytest.approx(float(auc(labels, scores)), abs=1e-12)


def test_auc_is_nan_without_both_classes_or_rows() -> None:
    assert np.isnan(auc(np.array([1.0, 1.0]), np.array([0.1, 0.2])))
    assert np.isnan(auc(np.array([]), np.array([])))
    assert np.isnan(auc(np.empty((3, 0)), np.empty((3, 0)))).all()


def test_expected_auc_is_the_mean_auc_of_outcomes_drawn_from_the_risks() -> None:
    rng = np.random.default_rng(3)
    risk = np.round(rng.beta(2, 5, size=2_000), 2)
    drawn = [roc_auc_score(rng.random(len(risk)) < risk, risk) for _ in range(300)]
    assert float(auc(risk, risk)) == pytest.approx(np.mean(drawn), abs=0.002)


def test_calibration_gap_by_hand_and_in_batches() -> None:
    label = np.array([1.0, 0.0, 0.0, 0.0])
    risk = np.array([0.6, 0.2, 0.2, 0.2])  # mean risk 0.3, observed rate 0.25
    assert float(calibration_gap(label, risk)) == pytest.approx(0.05)
    batch = calibration_gap(np.vstack([label, 1 - label]), np.vstack([risk, risk]))
    assert batch.tolist() == pytest.approx([0.05, -0.45])
    assert np.isnan(calibration_gap(np.array([]), np.array([])))


def test_ece_by_hand() -> None:
    """Two bins in use: risks 0.1 (observed 0 of 2) and 0.9 (observed 1 of 2): each off by 0.1 or 0.4."""
    label = np.array([0.0, 0.0, 1.0, 0.0])
    risk = np.array([0.1, 0.1, 0.9, 0.9])
    assert expected_calibration_error(label, risk) == pytest.approx((0.2 + 0.8) / 4)
    assert expected_calibration_error(label, risk, bins=1) == pytest.approx(abs(0.25 - 0.5))
    assert np.isnan(expected_calibration_error(np.array([]), np.array([])))


def test_ece_of_a_calibrated_score_is_small_and_of_a_shifted_one_is_not() -> None:
    rng = np.random.default_rng(0)
    risk = rng.uniform(size=200_000)
    label = (rng.uniform(size=risk.size) < risk).astype(float)
    assert ECE_BINS == 15
    assert expected_calibration_error(label, risk) < 0.005
    assert expected_calibration_error(label, np.clip(risk + 0.1, 0, 1)) > 0.08


def test_mismatched_arrays_and_bins_are_refused() -> None:
    with pytest.raises(InvalidInputError, match=SHAPE_MESSAGE):
        auc(np.array([0.0, 1.0]), np.array([0.5]))
    with pytest.raises(InvalidInputError, match=SHAPE_MESSAGE):
        calibration_gap(np.zeros((2, 2, 2)), np.zeros((2, 2, 2)))
    with pytest.raises(InvalidInputError, match=SHAPE_MESSAGE):
        expected_calibration_error(np.zeros((2, 3)), np.zeros((2, 3)))
    with pytest.raises(InvalidInputError, match=BINS_MESSAGE):
        expected_calibration_error(np.array([0.0]), np.array([0.5]), bins=0)
