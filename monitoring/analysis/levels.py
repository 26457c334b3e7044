"""Follow-up levels in a decision frame, and which decisions override a suggestion.

The fairness report (override rates by group) and the override report count the same decisions as overrides because
both ask :func:`decisions_on_suggestions`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.errors import InvalidInputError
from models.policy import FollowUpLevel

LEVELS: tuple[str, ...] = tuple(str(level) for level in FollowUpLevel)
"""Every follow-up level, in ``FollowUpLevel`` order (from the least to the most intensive)."""
UNKNOWN_LEVEL_MESSAGE = "decision frame holds levels that are not FollowUpLevel values"


def level_index(values: pd.Series) -> np.ndarray:
    """Position of each level in :data:`LEVELS` (its order of intensity); -1 where missing.

    Raises
    ------
    InvalidInputError
        If a value is not a ``FollowUpLevel`` value.

    Examples
    --------
    >>> level_index(pd.Series(["STANDARD_INNSATS", None, "VARIG_TILPASSET_INNSATS"])).tolist()
    [0, -1, 4]
    """
    codes = pd.Index(LEVELS).get_indexer(values)
    unknown = (codes < 0) & values.notna().to_numpy()
    if unknown.any():
        raise InvalidInputError(f"{UNKNOWN_LEVEL_MESSAGE}: {sorted({str(value) for value in values[unknown]})[:5]}")
    return np.asarray(codes, dtype=np.int64)


def decisions_on_suggestions(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Which rows hold a decision on a suggestion, and which of those are overrides.

    An override is a decided level that differs from the suggested one (the counsellor's ``follows_suggestion``
    says the same by construction; the levels are the primary record).

    Parameters
    ----------
    frame : pandas.DataFrame
        A decision frame with ``suggested_level`` and ``decided_level``.

    Returns
    -------
    tuple of numpy.ndarray
        Boolean masks ``decided`` (both levels present) and ``overridden`` (decided and different).

    Raises
    ------
    InvalidInputError
        If a level is not a ``FollowUpLevel`` value.
    """
    suggested = level_index(frame["suggested_level"])
    decided_level = level_index(frame["decided_level"])
    decided = (suggested >= 0) & (decided_level >= 0)
    return decided, decided & (suggested != decided_level)
