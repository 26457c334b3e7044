"""Confidence intervals for the monitoring reports (obligations: bias monitoring and human oversight).

Every rate and every score summary that fairness and override monitoring show carries its uncertainty, so that a
difference between small groups, offices or counsellors is not read as a finding. Two tools, shared by
:mod:`monitoring.analysis.fairness` and :mod:`monitoring.analysis.overrides`:

- :func:`wilson_interval` for proportions (override rates, observed outcome rates, TPR, FPR, suggestion shares). It
  stays inside [0, 1] and behaves at 0 and n successes, where the normal approximation fails.
- :func:`bootstrap_interval` for other statistics (mean risk, calibration gap, AUC): a vectorised percentile bootstrap
  that resamples row indices, so paired arrays (risk and label) stay paired. For large samples it resamples
  ``max_rows`` rows per round and rescales the spread by ``sqrt(max_rows / n)`` (the m-out-of-n bootstrap, valid for
  the root-n statistics used here), which keeps a report on a million rows within seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import overload

import numpy as np
from scipy.special import ndtri

from models.errors import InvalidInputError

Statistic = Callable[..., np.ndarray]
"""A statistic over the last axis: takes arrays of shape ``(rounds, rows)`` and returns shape ``(rounds,)``."""


def _alpha(confidence: float) -> float:
    """The probability left out on each side of a two-sided interval."""
    if not 0 < confidence < 1:
        raise InvalidInputError(f"confidence must lie in (0, 1), got {confidence!r}")
    return (1 - confidence) / 2


@overload
def wilson_interval(successes: int, n: int, *, confidence: float = 0.95) -> tuple[float, float]: ...


@overload
def wilson_interval(
    successes: np.ndarray, n: np.ndarray, *, confidence: float = 0.95
) -> tuple[np.ndarray, np.ndarray]: ...


def wilson_interval(
    successes: int | np.ndarray, n: int | np.ndarray, *, confidence: float = 0.95
) -> tuple[float, float] | tuple[np.ndarray, np.ndarray]:
    """The Wilson score interval of a proportion, for one count or element-wise for arrays.

    Parameters
    ----------
    successes : int or numpy.ndarray
        Number of successes (e.g. overrides), between 0 and ``n``.
    n : int or numpy.ndarray
        Number of trials (e.g. decisions); broadcast against ``successes``.
    confidence : float, default 0.95
        Coverage of the interval.

    Returns
    -------
    tuple
        ``(low, high)``: floats for scalar input, arrays otherwise. NaN where ``n`` is 0.

    Raises
    ------
    InvalidInputError
        If ``confidence`` is not in (0, 1), a count is negative or ``successes`` exceeds ``n``.

    Examples
    --------
    >>> [round(x, 4) for x in wilson_interval(0, 10)]
    [0.0, 0.2775]
    >>> [round(x, 4) for x in wilson_interval(5, 10)]
    [0.2366, 0.7634]
    >>> low, high = wilson_interval(np.array([1, 0]), np.array([4, 0]))
    >>> np.round(low, 4), np.round(high, 4)
    (array([0.0456,    nan]), array([0.6994,    nan]))
    """
    z = float(ndtri(1 - _alpha(confidence)))
    k = np.asarray(successes, dtype=np.float64)
    total = np.asarray(n, dtype=np.float64)
    if (k < 0).any() or (k > total).any():
        raise InvalidInputError("successes must lie between 0 and n")
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / total
        denominator = 1 + z**2 / total
        centre = (p + z**2 / (2 * total)) / denominator
        half = z / denominator * np.sqrt(p * (1 - p) / total + z**2 / (4 * total**2))
    # Exact ends at 0 and n successes, where rounding could leave the bound a hair inside (0, 1).
    low = np.where(k == 0, 0.0, np.clip(centre - half, 0.0, 1.0))
    high = np.where(k == total, 1.0, np.clip(centre + half, 0.0, 1.0))
    low, high = np.where(total > 0, low, np.nan), np.where(total > 0, high, np.nan)
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


def bootstrap_interval(
    *samples: np.ndarray,
    statistic: Statistic,
    rounds: int = 200,
    seed: int = 0,
    confidence: float = 0.95,
    max_rows: int | None = None,
    estimate: float | None = None,
) -> tuple[float, float]:
    """A percentile bootstrap interval of a statistic of one or more paired samples.

    Each round draws row indices with replacement and applies them to every sample, so pairs (risk, label) stay
    together. All rounds are drawn at once as a ``(rounds, m)`` index matrix and ``statistic`` is evaluated on the
    whole matrix, so it must work over the last axis. The indices of each round are sorted, so a resample keeps the
    order of the samples: a statistic may rely on presorted samples (an AUC over ascending scores needs no sort).

    Parameters
    ----------
    *samples : numpy.ndarray
        One or more 1-D arrays of the same length ``n``.
    statistic : callable
        Maps arrays of shape ``(rounds, m)`` (one per sample) to shape ``(rounds,)``; NaN results (e.g. an AUC of a
        resample with one class only) are ignored.
    rounds : int, default 200
        Number of bootstrap resamples.
    seed : int, default 0
        Seed of the resampling.
    confidence : float, default 0.95
        Coverage of the interval.
    max_rows : int, optional
        When ``n`` exceeds it, each round resamples ``m = max_rows`` rows and the interval around the full-sample
        estimate is narrowed by ``sqrt(m / n)`` (m-out-of-n bootstrap). ``None`` resamples all ``n`` rows.
    estimate : float, optional
        The statistic on the full samples, when the caller already has it; computed when needed otherwise.

    Returns
    -------
    tuple of float
        ``(low, high)``; NaN when the samples are empty or every round gave NaN.

    Raises
    ------
    InvalidInputError
        If the samples differ in length or are not 1-D, ``rounds`` or ``max_rows`` is below 1, or ``confidence`` is
        not in (0, 1).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> x = rng.normal(10, 2, 400)
    >>> low, high = bootstrap_interval(x, statistic=lambda v: v.mean(axis=-1))
    >>> bool(low < x.mean() < high), round(high - low, 1)
    (True, 0.4)
    >>> y = rng.normal(10, 2, 40_000)
    >>> low, high = bootstrap_interval(y, statistic=lambda v: v.mean(axis=-1), max_rows=400)
    >>> bool(low < y.mean() < high), round(high - low, 2)
    (True, 0.04)
    """
    if not samples or any(np.ndim(sample) != 1 for sample in samples):
        raise InvalidInputError("bootstrap_interval needs one or more 1-D samples")
    n = len(samples[0])
    if any(len(sample) != n for sample in samples):
        raise InvalidInputError("all samples must have the same length")
    if rounds < 1 or (max_rows is not None and max_rows < 1):
        raise InvalidInputError("rounds and max_rows must be at least 1")
    alpha = _alpha(confidence)
    if n == 0:
        return float("nan"), float("nan")
    m = n if max_rows is None else min(n, max_rows)
    rng = np.random.default_rng(seed)
    index = np.sort(rng.integers(0, n, size=(rounds, m)), axis=1)
    values = np.asarray(statistic(*(np.asarray(sample)[index] for sample in samples)), dtype=np.float64)
    if np.isnan(values).all():
        return float("nan"), float("nan")
    low, high = np.nanquantile(values, [alpha, 1 - alpha])
    if m < n:
        if estimate is None:
            estimate = float(np.asarray(statistic(*(np.asarray(sample)[None, :] for sample in samples)))[0])
        scale = np.sqrt(m / n)
        low, high = estimate + scale * (low - estimate), estimate + scale * (high - estimate)
    return float(low), float(high)
