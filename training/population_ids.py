"""Synthetic Norwegian national identity numbers, consistent with the age at registration and unique."""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.national_id import append_check_digits

_MAX_ID_ROUNDS = 100


def national_ids(rng: np.random.Generator, registered: np.ndarray, age: np.ndarray, male: np.ndarray) -> np.ndarray:
    """Unique synthetic identity numbers (day, month + 80, year, individual number, two mod-11 check digits).

    The individual number follows the birth-year ranges of the real scheme; its last digit is odd for men. Numbers
    with a check digit of 10 (invalid) and duplicates are redrawn until none remain.

    Parameters
    ----------
    rng : numpy.random.Generator
        The generator of the population being drawn.
    registered : numpy.ndarray
        Registration dates (``datetime64``).
    age : numpy.ndarray
        Age in whole years at registration.
    male : numpy.ndarray
        True for men.

    Returns
    -------
    numpy.ndarray
        The 11-digit numbers as strings (object dtype), one per row.

    Raises
    ------
    ValueError
        If no unique, valid set of numbers is found within ``_MAX_ID_ROUNDS`` (100) rounds of redraws.
    """
    birth = registered.astype("datetime64[D]") - (np.round(age * 365.2425) + rng.integers(1, 366, len(age))).astype(
        "timedelta64[D]"
    )
    year = birth.astype("datetime64[Y]").astype(np.int64) + 1970
    month = birth.astype("datetime64[M]").astype(np.int64) % 12 + 1
    day = (birth - birth.astype("datetime64[M]")).astype(np.int64) + 1
    stem = ((day * 100 + month + 80) * 100 + year % 100) * 1000
    low = np.where(year >= 2000, 50, 0)
    span = np.where(year >= 2000, 50, np.where(year >= 1940, 60, 50))
    number = np.zeros(len(age), dtype=np.int64)
    redraw = np.ones(len(age), dtype=bool)
    for _ in range(_MAX_ID_ROUNDS):
        rows = np.flatnonzero(redraw)
        if len(rows) == 0:
            return np.strings.zfill(number.astype(str), 11).astype(object)
        tens = low[rows] + rng.integers(0, span[rows])
        individual = np.where((year[rows] < 2000) & (tens >= 50), tens + 40, tens) * 10
        individual += 2 * rng.integers(0, 5, len(rows)) + male[rows]
        number[rows] = append_check_digits(stem[rows] + individual)
        redraw = (number < 0) | pd.Series(number).duplicated().to_numpy()
    raise ValueError(f"could not draw {len(age)} unique identity numbers for these birth dates")
