"""Protected groups: the one definition that promotion gates (``training/``) and fairness reports (``monitoring/``)
both use, so a gate and a report can never disagree about who is in which group.

Three attributes are recorded for monitoring (they are not model features unless configuration says so): gender,
age group (from the age at registration) and country background. A missing value is a group of its own,
:data:`UNKNOWN`, never dropped. The groupings are each attribute alone and every pair of them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

UNKNOWN = "UNKNOWN"
"""Group value of a missing protected attribute (kept as its own group, never dropped)."""

AGE_BANDS: tuple[tuple[str, float], ...] = (("under_30", 30.0), ("30_49", 50.0), ("50_plus", np.inf))
"""Age groups and the age each one ends below; *under 30* is a group the source documents name."""
AGE_GROUPS: tuple[str, ...] = tuple(name for name, _ in AGE_BANDS)

GROUP_COLUMNS: tuple[str, ...] = ("gender", "age_group", "country_background")
"""The protected attributes, as columns of :func:`group_attributes`."""

GROUPINGS: dict[str, tuple[str, ...]] = {
    "gender": ("gender",),
    "age_group": ("age_group",),
    "country_background": ("country_background",),
    "gender_x_age_group": ("gender", "age_group"),
    "gender_x_country_background": ("gender", "country_background"),
    "age_group_x_country_background": ("age_group", "country_background"),
}
"""Name of each grouping and the attribute columns whose combinations form its groups."""

GROUP_SEPARATOR = " & "


def age_group(age: pd.Series | np.ndarray) -> np.ndarray:
    """The age group of each age (:data:`UNKNOWN` when missing).

    Examples
    --------
    >>> age_group(np.array([16, 29, 29.5, 30, 49, 50, np.nan])).tolist()
    ['under_30', 'under_30', 'under_30', '30_49', '30_49', '50_plus', 'UNKNOWN']
    """
    values = np.asarray(age, dtype=np.float64)
    conditions = [np.isnan(values), *(values < end for _, end in AGE_BANDS)]
    return np.select(conditions, [UNKNOWN, *AGE_GROUPS], UNKNOWN).astype(object)


def group_attributes(frame: pd.DataFrame) -> pd.DataFrame:
    """The :data:`GROUP_COLUMNS` of a frame with ``age``, ``gender`` and ``country_background``, as text.

    Missing values become :data:`UNKNOWN`.

    Examples
    --------
    >>> frame = pd.DataFrame({"age": [25, 61], "gender": ["KVINNE", None], "country_background": ["NORGE", "EU_EOS"]})
    >>> group_attributes(frame).iloc[1].tolist()
    ['UNKNOWN', '50_plus', 'EU_EOS']
    """
    return pd.DataFrame(
        {
            "gender": _text(frame["gender"]),
            "age_group": age_group(frame["age"]),
            "country_background": _text(frame["country_background"]),
        },
        index=frame.index,
    )


def group_name(values: Sequence[object]) -> str:
    """The name of a group from its attribute values, in the order of its grouping's columns.

    Examples
    --------
    >>> group_name(("KVINNE", "under_30"))
    'KVINNE & under_30'
    """
    return GROUP_SEPARATOR.join(str(value) for value in values)


def split_small_groups(table: pd.DataFrame, *, min_size: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Suppress the groups with fewer than ``min_size`` rows: they are listed by name only, without any count.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per group with ``grouping``, ``group`` and its size ``n``, and any counts and metrics.
    min_size : int
        The smallest group that is published.

    Returns
    -------
    tuple of pandas.DataFrame
        The published rows as they are, and ``grouping`` and ``group`` of the suppressed ones (even a group's size
        would tell how few people it holds).

    Examples
    --------
    >>> table = pd.DataFrame({"grouping": ["gender"] * 2, "group": ["KVINNE", "UNKNOWN"], "n": [480, 7]})
    >>> published, suppressed = split_small_groups(table, min_size=100)
    >>> published["group"].tolist(), suppressed.to_dict("records")
    (['KVINNE'], [{'grouping': 'gender', 'group': 'UNKNOWN'}])
    """
    small = (table["n"] < min_size).to_numpy()
    return table.loc[~small].reset_index(drop=True), table.loc[small, ["grouping", "group"]].reset_index(drop=True)


def _text(values: pd.Series) -> np.ndarray:
    codes, uniques = pd.factorize(values)
    return np.asarray(np.append(np.asarray(uniques, dtype=str).astype(object), UNKNOWN)[codes], dtype=object)
