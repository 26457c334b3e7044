"""From capacities to thresholds: the policy stated as how many registrants each follow-up level can take.

A service can give close follow-up to as many people as it has counsellors for, so a policy may be stated as
capacities ("at most 15 % of registrants to spesielt tilpasset innsats, 45 % to situasjonsbestemt, the rest
standard") instead of thresholds. :func:`thresholds_for_capacities` derives the two thresholds of
:class:`models.policy.PolicyConfig` from such capacities on a reference population, by the rules of
:func:`models.policy.suggest_columns`:

- *specially tailored* needs ``risk >= tailored_from`` and reduced work capacity, so ``tailored_from`` is the lowest
  cut-off that gives at most the tailored capacity among those with reduced work capacity;
- *standard* needs ``risk < standard_below`` and no reported hindrance, so everyone with a reported hindrance is
  outside standard whatever the thresholds; ``standard_below`` is the lowest cut-off that keeps the rest outside
  standard (situational plus tailored) within the tailored share actually reached plus the situational capacity;
- the policy needs ``standard_below < tailored_from``: when the first cut-offs break that order (the tailored
  capacity is larger than the rows with reduced capacity above ``standard_below``), ``tailored_from`` moves to just
  above ``standard_below`` and ``standard_below`` is derived again, until they are in order.

Capacities are upper limits: the derived shares never exceed them. The tailored share falls short when too few
registrants with reduced capacity have a risk above ``standard_below``; otherwise each share falls short only by the
rows that share a risk with the first row left out (a cut-off cannot split a tie), less than ``1/n`` on continuous
risks.
Thresholds derived on one population give other shares on another one; the realised shares are monitored.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from models.errors import InvalidInputError
from models.policy import FollowUpLevel, PolicyConfig, suggest_columns

SHAPES_MESSAGE = "risk, hindrance and reduced_capacity must be 1-D arrays of one length with at least one row"
RISK_MESSAGE = "risks must lie in [0, 1]"
SHARE_MESSAGE = "each capacity must be a share of registrants strictly between 0 and 1"
SUM_MESSAGE = "the capacities add up to more than all registrants"
HINDRANCE_MESSAGE = (
    "more registrants report a hindrance (they are never suggested standard follow-up) than the capacity outside "
    "standard allows"
)
ORDER_MESSAGE = "these capacities need thresholds outside 0 < standard_below < tailored_from < 1 on this population"


class Thresholds(NamedTuple):
    """The two thresholds of :class:`models.policy.PolicyConfig` that capacities determine."""

    standard_below: float
    tailored_from: float


def thresholds_for_capacities(
    risk: np.ndarray,
    *,
    hindrance: np.ndarray,
    reduced_capacity: np.ndarray,
    tailored: float,
    situational: float,
) -> Thresholds:
    """The thresholds under which a reference population fills the capacities as far as the ties allow.

    Parameters
    ----------
    risk : numpy.ndarray
        Calibrated risks of the reference population, ``(n,)`` in [0, 1].
    hindrance : numpy.ndarray
        Whether each registrant reports a hindrance (never suggested standard), ``(n,)`` booleans.
    reduced_capacity : numpy.ndarray
        Whether each registrant has reduced work capacity (may be suggested specially tailored), ``(n,)`` booleans.
        :func:`policy_inputs` gives both boolean columns of a profile frame.
    tailored : float
        The largest share of registrants suggested ``SPESIELT_TILPASSET_INNSATS``, in (0, 1).
    situational : float
        The largest share suggested ``SITUASJONSBESTEMT_INNSATS``, in (0, 1); the rest are standard.

    Returns
    -------
    Thresholds
        ``standard_below`` and ``tailored_from``, with ``0 < standard_below < tailored_from < 1``.

    Raises
    ------
    InvalidInputError
        If the arrays do not fit, a capacity is not in (0, 1), the capacities add up to more than 1, more registrants
        report a hindrance than the capacity outside standard, or the thresholds would break
        ``0 < standard_below < tailored_from < 1``.

    Examples
    --------
    >>> risk = np.arange(1, 11) / 11
    >>> none = np.zeros(10, dtype=bool)
    >>> thresholds_for_capacities(risk, hindrance=none, reduced_capacity=~none, tailored=0.2, situational=0.3)
    Thresholds(standard_below=0.5454545454545454, tailored_from=0.8181818181818182)
    """
    scores, hindered, reduced = _checked(risk, hindrance, reduced_capacity, tailored, situational)
    n, hindered_rows = len(scores), int(np.count_nonzero(hindered))
    tailored_from = _cut_off(scores[reduced], _rows(tailored, n))
    while True:
        tailored_rows = int(np.count_nonzero(reduced & (scores >= tailored_from)))
        outside_standard = _rows(situational, n) + tailored_rows
        if hindered_rows > outside_standard:
            raise InvalidInputError(
                f"{HINDRANCE_MESSAGE}: {hindered_rows / n:.1%} report one, and at most {outside_standard / n:.1%} "
                f"can be outside standard ({tailored_rows / n:.1%} specially tailored, situational capacity "
                f"{situational:.1%})"
            )
        standard_below = _cut_off(scores[~hindered], outside_standard - hindered_rows)
        if standard_below < tailored_from:
            break
        # Specially tailored starts above standard: those with reduced capacity below the new cut-off become
        # situational, so standard must take more. Each round selects fewer rows for specially tailored; it ends.
        above = scores[reduced & (scores > standard_below)]
        tailored_from = float(above.min()) if len(above) else float(np.nextafter(standard_below, np.inf))
    if not 0 < standard_below < tailored_from < 1:
        raise InvalidInputError(
            f"{ORDER_MESSAGE} (standard_below {standard_below:.4f}, tailored_from {tailored_from:.4f}): give "
            "specially tailored or situational follow-up less capacity, or standard follow-up more"
        )
    return Thresholds(float(standard_below), float(tailored_from))


def policy_inputs(profiles: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Whether each profile reports a hindrance and has reduced work capacity, as :func:`suggest_columns` reads them.

    The two columns come from the policy itself rather than a copy of its rules: at risk 0 (below every
    ``standard_below``) only a reported hindrance keeps a profile out of standard, and at risk 1 (at or above every
    ``tailored_from``) only reduced work capacity makes it specially tailored.

    Parameters
    ----------
    profiles : pandas.DataFrame
        Validated profiles (:func:`models.validation.validate_frame`).

    Returns
    -------
    tuple of numpy.ndarray
        ``hindrance`` and ``reduced_capacity``, ``(n,)`` booleans each.

    Examples
    --------
    >>> frame = pd.DataFrame({"health_hindrance": ["NEI", "JA", "NEI"], "other_hindrance": ["NEI", "NEI", "JA"],
    ...     "benefit": ["INGEN", "INGEN", "ARBEIDSAVKLARINGSPENGER"], "norwegian_skill": [None] * 3,
    ...     "years_in_norway": [float("nan")] * 3, "registration_channel": ["DIGITAL"] * 3,
    ...     "earlier_spells_last_5_years": [0] * 3})
    >>> [column.tolist() for column in policy_inputs(frame)]
    [[False, True, True], [False, True, True]]
    """
    config = PolicyConfig()
    levels = {}
    for value in (0.0, 1.0):
        risk = np.full(len(profiles), value)
        levels[value] = suggest_columns(profiles, risk=risk, lower=risk, upper=risk, config=config).levels
    hindrance = levels[0.0] != FollowUpLevel.STANDARD_INNSATS.value
    reduced = levels[1.0] == FollowUpLevel.SPESIELT_TILPASSET_INNSATS.value
    return np.asarray(hindrance, dtype=bool), np.asarray(reduced, dtype=bool)


def _rows(share: float, n: int) -> int:
    """The most rows a share of ``n`` allows (a share of 0.15 of 1,000 rows is 150, not 149 by rounding)."""
    return int(np.floor(share * n + 1e-9))


def _cut_off(scores: np.ndarray, limit: int) -> float:
    """The lowest cut-off ``c`` with at most ``limit`` of ``scores`` at or above it.

    Candidates are the scores themselves: a cut-off between two of them selects the same rows as the higher one. When
    every score fits, the lowest score is returned (or 1.0 when there are none); when not even the highest tie fits,
    the next number above the highest score (nobody is selected).
    """
    if len(scores) <= limit:
        return float(scores.min()) if len(scores) else 1.0
    descending = np.sort(scores)[::-1]
    if limit == 0 or descending[limit] == descending[0]:
        return float(np.nextafter(descending[0], np.inf))
    # descending[limit] is the first row left out; its tie must stay out too
    return float(descending[descending > descending[limit]].min())


def _checked(
    risk: np.ndarray, hindrance: np.ndarray, reduced_capacity: np.ndarray, tailored: float, situational: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    scores = np.asarray(risk, dtype=np.float64)
    hindered, reduced = np.asarray(hindrance, dtype=bool), np.asarray(reduced_capacity, dtype=bool)
    if scores.ndim != 1 or not len(scores) or hindered.shape != scores.shape or reduced.shape != scores.shape:
        raise InvalidInputError(f"{SHAPES_MESSAGE} (got {scores.shape}, {hindered.shape} and {reduced.shape})")
    if not np.all((scores >= 0) & (scores <= 1)):
        raise InvalidInputError(RISK_MESSAGE)
    check_capacities(tailored, situational)
    return scores, hindered, reduced


def check_capacities(tailored: float, situational: float) -> None:
    """Refuse capacities that cannot work on any population: a share outside (0, 1), or shares adding up to more than 1.

    Raises
    ------
    InvalidInputError
        Naming the share or the sum.

    Examples
    --------
    >>> check_capacities(0.15, 0.45)
    >>> check_capacities(0.6, 0.5)
    Traceback (most recent call last):
    ...
    models.errors.InvalidInputError: the capacities add up to more than all registrants (0.6 + 0.5 = 1.1000)
    """
    for name, share in (("tailored", tailored), ("situational", situational)):
        if not 0 < share < 1:  # also refuses NaN
            raise InvalidInputError(f"{SHARE_MESSAGE} ({name}: {share!r})")
    if tailored + situational > 1 + 1e-9:
        raise InvalidInputError(f"{SUM_MESSAGE} ({tailored!r} + {situational!r} = {tailored + situational:.4f})")
