"""Checks of the frames the analyses read: required columns, risks and outcome labels.

Every analysis refuses a frame it cannot read with :class:`models.errors.InvalidInputError` and one of the messages
below, so a caller (and a test) sees the same words whichever report it asked for.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from models.errors import InvalidInputError

MISSING_COLUMNS_MESSAGE = "frame lacks columns"
RISK_MESSAGE = "risk must lie in [0, 1]"
LABEL_MESSAGE = "label must be 1.0 (still without work), 0.0 (found work) or NaN (not known yet)"


def require_columns(frame: pd.DataFrame, columns: Iterable[str], *, purpose: str) -> None:
    """Refuse a frame that lacks any of ``columns``.

    Raises
    ------
    InvalidInputError
        Naming ``purpose`` and the missing columns.
    """
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise InvalidInputError(f"{MISSING_COLUMNS_MESSAGE} needed for {purpose}: {missing}")


def risk_values(values: pd.Series, *, missing_allowed: bool) -> np.ndarray:
    """Risks as floats, NaN where missing (a jobseeker who declined profiling has none).

    Raises
    ------
    InvalidInputError
        If a risk is not a number in [0, 1], or is missing where ``missing_allowed`` is false.
    """
    risk = _numbers(values, RISK_MESSAGE)
    missing = np.isnan(risk)
    if ((risk < 0) | (risk > 1)).any() or (missing.any() and not missing_allowed):
        raise InvalidInputError(f"{RISK_MESSAGE} (missing: {int(missing.sum())}, allowed: {missing_allowed})")
    return risk


def label_values(values: pd.Series) -> np.ndarray:
    """Outcome labels as floats: 1.0, 0.0, or NaN while the outcome is not known.

    Raises
    ------
    InvalidInputError
        If a label is anything else.
    """
    label = _numbers(values, LABEL_MESSAGE)
    if not np.isin(label[~np.isnan(label)], (0.0, 1.0)).all():
        raise InvalidInputError(LABEL_MESSAGE)
    return label


def _numbers(values: pd.Series, message: str) -> np.ndarray:
    try:
        return np.asarray(pd.to_numeric(values).to_numpy(dtype=np.float64, na_value=np.nan))
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{message} (not a number)") from exc
