"""The model-quality metrics that promotion gates (``training/``) and monitoring reports (``monitoring/``) share.

AUC, calibration gap and expected calibration error (ECE, with its bins) are defined here once, so a gate and a report
can never disagree about what they measure. Arguments follow scikit-learn's order: outcomes first, then risks.

``auc`` and ``calibration_gap`` work over the last axis, so one call scores every round of a bootstrap
(``(rounds, rows)`` arrays); for 1-D input they return a 0-d array (use ``float(...)``).
"""

from __future__ import annotations

import numpy as np

from models.errors import InvalidInputError

ECE_BINS = 15
"""Equal-width risk bins of the expected calibration error."""

SHAPE_MESSAGE = "label and risk must be 1-D or 2-D arrays of the same shape"
BINS_MESSAGE = "the expected calibration error needs at least one bin"


def auc(label: np.ndarray, risk: np.ndarray, *, presorted: bool = False) -> np.ndarray:
    """The ROC AUC over the last axis: the chance that a positive has a higher risk than a negative (ties count half).

    Parameters
    ----------
    label : numpy.ndarray
        Outcomes (1.0 still without work, 0.0 found work), 1-D or ``(rounds, rows)``. Probabilities are accepted
        too: each row then counts as a positive with weight ``p`` and as a negative with weight ``1 − p`` and is
        never paired with itself, which gives the AUC expected if the outcomes were drawn from those probabilities
        (``auc(risk, risk)`` is what calibrated risks promise, as confidence-based performance estimation uses it).
    risk : numpy.ndarray
        Predicted risks, the same shape as ``label``.
    presorted : bool, default False
        The risks are already ascending along the last axis (saves the sort, the costly step).

    Returns
    -------
    numpy.ndarray
        One AUC per row (a 0-d array for 1-D input); NaN where there is no positive–negative pair.

    Raises
    ------
    InvalidInputError
        If ``label`` and ``risk`` differ in shape or are neither 1-D nor 2-D.

    Examples
    --------
    >>> float(auc(np.array([0.0, 0.0, 1.0, 1.0]), np.array([0.1, 0.4, 0.35, 0.8])))
    0.75
    >>> float(auc(np.array([0.0, 1.0, 1.0]), np.array([0.2, 0.2, 0.5])))
    0.75
    >>> float(np.round(auc(np.array([0.1, 0.9]), np.array([0.1, 0.9])), 3))
    0.988
    """
    labels, scores = _paired(label, risk)
    one_dimensional = scores.ndim == 1
    scores, labels = np.atleast_2d(scores), np.atleast_2d(labels)
    if not presorted:
        order = np.argsort(scores, axis=-1, kind="stable")
        scores, labels = np.take_along_axis(scores, order, -1), np.take_along_axis(labels, order, -1)
    rounds, rows = scores.shape
    if rows == 0:
        return np.asarray(np.nan) if one_dimensional else np.full(rounds, np.nan)
    starts = np.ones(scores.shape, dtype=bool)
    starts[:, 1:] = scores[:, 1:] != scores[:, :-1]
    tie = np.cumsum(starts.ravel()) - 1
    per_round = starts.sum(axis=1)
    positives = np.bincount(tie, weights=labels.ravel())
    negatives = np.bincount(tie, weights=(1.0 - labels).ravel())
    below = np.cumsum(negatives) - negatives
    below -= np.repeat(below[np.cumsum(per_round) - per_round], per_round)
    round_of_tie = np.repeat(np.arange(rounds), per_round)
    concordant = np.bincount(round_of_tie, weights=positives * (below + 0.5 * negatives), minlength=rounds)
    self_pairs = (labels * (1.0 - labels)).sum(axis=-1)
    n_positive = labels.sum(axis=-1)
    pairs = n_positive * (rows - n_positive) - self_pairs
    with np.errstate(invalid="ignore", divide="ignore"):
        result = np.where(pairs > 0, (concordant - 0.5 * self_pairs) / pairs, np.nan)
    return np.asarray(result[0]) if one_dimensional else result


def calibration_gap(label: np.ndarray, risk: np.ndarray) -> np.ndarray:
    """Mean risk minus observed rate over the last axis: positive when the model overestimates; NaN without rows.

    Raises
    ------
    InvalidInputError
        If ``label`` and ``risk`` differ in shape or are neither 1-D nor 2-D.

    Examples
    --------
    >>> float(calibration_gap(np.array([0.0, 1.0, 0.0, 0.0]), np.array([0.5, 0.5, 0.3, 0.1])))
    0.1
    """
    labels, scores = _paired(label, risk)
    if scores.shape[-1] == 0:
        return np.full(scores.shape[:-1], np.nan)
    return np.asarray(np.mean(scores - labels, axis=-1))


def expected_calibration_error(label: np.ndarray, risk: np.ndarray, *, bins: int = ECE_BINS) -> float:
    """The row-weighted mean of ``|observed rate − mean risk|`` over equal-width risk bins; NaN without rows.

    Parameters
    ----------
    label, risk : numpy.ndarray
        1-D outcomes (0.0 or 1.0) and predicted risks in [0, 1].
    bins : int, default :data:`ECE_BINS`
        Number of equal-width bins over [0, 1].

    Raises
    ------
    InvalidInputError
        If the arrays are not 1-D of one length, or ``bins`` is below 1.

    Examples
    --------
    >>> expected_calibration_error(np.array([0.0, 1.0, 0.0, 1.0]), np.array([0.5, 0.5, 0.5, 0.5]))
    0.0
    >>> round(expected_calibration_error(np.array([0.0, 0.0, 1.0, 1.0]), np.array([0.1, 0.3, 0.7, 0.7])), 3)
    0.25
    """
    labels, scores = _paired(label, risk)
    if scores.ndim != 1:
        raise InvalidInputError(f"{SHAPE_MESSAGE} (the expected calibration error takes 1-D arrays)")
    if bins < 1:
        raise InvalidInputError(f"{BINS_MESSAGE} (got {bins})")
    if not len(scores):
        return float("nan")
    which = np.digitize(scores, np.linspace(0.0, 1.0, bins + 1)[1:-1])
    observed = np.bincount(which, weights=labels, minlength=bins)
    predicted = np.bincount(which, weights=scores, minlength=bins)
    return float(np.abs(observed - predicted).sum() / len(scores))


def calibrated_ece(risk: np.ndarray, *, quantile: float = 0.95, rounds: int = 200, seed: int = 0) -> float:
    """The ECE a perfectly calibrated model would show on these risks by chance: a quantile over simulated outcomes.

    Outcomes are drawn as if each risk were the true probability, ``rounds`` times, and the ECE of each draw is
    computed with the same bins as :func:`expected_calibration_error`. On a few hundred rows this is a few
    hundredths, so an ECE limit below it refuses calibrated models for sampling noise alone; the promotion gate
    compares with both.

    Parameters
    ----------
    risk : numpy.ndarray
        1-D predicted risks in [0, 1].
    quantile : float, default 0.95
        Which quantile of the simulated ECEs to return.
    rounds : int, default 200
        Simulated sets of outcomes.
    seed : int, default 0
        Seed of the simulation, so a gate gives the same answer twice.

    Raises
    ------
    InvalidInputError
        If ``risk`` is not 1-D, ``rounds`` is below 1 or ``quantile`` outside [0, 1].

    Examples
    --------
    >>> small = calibrated_ece(np.full(450, 0.3))
    >>> large = calibrated_ece(np.full(45_000, 0.3))
    >>> 0.02 < small < 0.06 and large < 0.01
    True
    """
    scores = np.asarray(risk, dtype=np.float64)
    if scores.ndim != 1 or rounds < 1 or not 0.0 <= quantile <= 1.0:
        raise InvalidInputError("calibrated_ece needs 1-D risks, rounds of at least 1 and a quantile in [0, 1]")
    if not len(scores):
        return float("nan")
    generator = np.random.default_rng(seed)
    eces = [
        expected_calibration_error((generator.random(len(scores)) < scores).astype(np.float64), scores)
        for _ in range(rounds)
    ]
    return float(np.quantile(eces, quantile))


def _paired(label: np.ndarray, risk: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    labels, scores = np.asarray(label, dtype=np.float64), np.asarray(risk, dtype=np.float64)
    if labels.shape != scores.shape or scores.ndim not in (1, 2):
        raise InvalidInputError(f"{SHAPE_MESSAGE} (got {labels.shape} and {scores.shape})")
    return labels, scores
