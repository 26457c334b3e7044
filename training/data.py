"""Training data: a synthetic population, or a user's own extract in the profile schema (CSV or Parquet).

An extract needs the profile columns and a ``label`` column (1 = still without work at the horizon, 0 = found work,
empty = not yet known); ``p_opt`` is used when present (synthetic data) to measure the gap to the optimum.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from models.errors import InvalidDataFileError
from models.validation import validate_frame

LABEL = "label"
OPTIMUM = "p_opt"
UNKNOWN_FORMAT = "cannot read {path}: use a .csv or .parquet file"
NO_LABEL = "the data has no 'label' column (1 = still without work at the horizon, 0 = found work, empty = unknown)"
BAD_LABEL = "column 'label' must be 0, 1 or empty (first bad rows: {rows})"
TOO_FEW = "only {n} labelled rows; training needs at least {minimum}"


def read_table(path: Path) -> pd.DataFrame:
    """Read a CSV or Parquet file, with a clear error for anything else."""
    try:
        if path.suffix == ".parquet":
            return pd.read_parquet(path)
        if path.suffix == ".csv":
            return pd.read_csv(path, low_memory=False)
    except (OSError, ValueError) as exc:
        raise InvalidDataFileError(f"cannot read {path}: {exc}") from exc
    raise InvalidDataFileError(UNKNOWN_FORMAT.format(path=path))


def prepare(frame: pd.DataFrame, *, minimum_rows: int = 1000) -> pd.DataFrame:
    """Validate profiles and labels; keep labelled rows with normalised profile columns, ``label`` and ``p_opt``.

    Raises
    ------
    InvalidDataFileError
        Naming each bad column and the first bad rows.
    """
    if LABEL not in frame.columns:
        raise InvalidDataFileError(NO_LABEL)
    label = pd.to_numeric(frame[LABEL], errors="coerce")
    bad = frame[LABEL].notna() & ~label.isin([0, 1])
    if bad.any():
        raise InvalidDataFileError(BAD_LABEL.format(rows=", ".join(map(str, frame.index[bad][:5]))))
    labelled = frame.loc[label.notna()]
    if len(labelled) < minimum_rows:
        raise InvalidDataFileError(TOO_FEW.format(n=len(labelled), minimum=minimum_rows))
    out = validate_frame(labelled)
    out[LABEL] = label[label.notna()].astype(np.float64)
    if OPTIMUM in frame.columns:
        out[OPTIMUM] = pd.to_numeric(labelled[OPTIMUM], errors="coerce")
    return out.reset_index(drop=True)


def temporal_split(
    frame: pd.DataFrame, *, fractions: tuple[float, float, float] = (0.6, 0.2, 0.2)
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Split by registration date: the earliest rows train, the next calibrate, the latest test.

    Rows registered on the same day always land in the same split.
    """
    dates = frame["registration_date"]
    first, second = np.cumsum(fractions[:2])
    cut1, cut2 = dates.quantile(first), dates.quantile(second)
    train = frame[dates <= cut1]
    calibration = frame[(dates > cut1) & (dates <= cut2)]
    test = frame[dates > cut2]
    return train.reset_index(drop=True), calibration.reset_index(drop=True), test.reset_index(drop=True)
