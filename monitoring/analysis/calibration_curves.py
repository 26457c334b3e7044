"""Calibration curves per protected group, for the audit report's chart (obligation: non-discrimination, accuracy).

A calibrated risk of 30 % means that 30 % of the people given it stay without work. The fairness section reports one
calibration gap per group (mean risk minus observed rate); a curve shows *where* in the range of risks a group is over-
or underestimated. Each curve bins the group's labelled assessments by risk into equal-width bins and gives, per bin,
the mean risk and the observed rate. Groups are those of :mod:`models.groups` (each attribute alone); groups and bins
with too few labelled rows are left out, as the fairness section leaves out small groups.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.groups import GROUP_COLUMNS, group_attributes
from monitoring.analysis.frame_checks import label_values, require_columns, risk_values
from monitoring.analysis.json_tables import json_records

CURVE_COLUMNS: tuple[str, ...] = ("grouping", "group", "bin", "n", "mean_risk", "observed_rate")


def calibration_by_group(
    frame: pd.DataFrame, *, bins: int = 10, min_group_size: int = 100, min_bin_size: int = 20
) -> pd.DataFrame:
    """Mean risk and observed rate per risk bin, for every group of each protected attribute.

    Parameters
    ----------
    frame : pandas.DataFrame
        Assessment frame with ``risk``, ``label``, ``age``, ``gender`` and ``country_background``; rows without a
        known label are left out.
    bins : int, default 10
        Equal-width bins over [0, 1].
    min_group_size : int, default 100
        Groups with fewer labelled rows get no curve.
    min_bin_size : int, default 20
        Bins with fewer rows are left out of a curve (their observed rate is mostly noise).

    Returns
    -------
    pandas.DataFrame
        ``CURVE_COLUMNS``: per attribute (``grouping``), group, and bin (its index from 0), the rows ``n``, the mean
        risk and the observed rate.

    Raises
    ------
    InvalidInputError
        If a column is missing, a risk lies outside [0, 1] or a label is not 0, 1 or NaN.
    """
    require_columns(frame, ["risk", "label", "age", "gender", "country_background"], purpose="calibration curves")
    labels = label_values(frame["label"])
    known = frame[~np.isnan(labels)]
    risk = risk_values(known["risk"], missing_allowed=False)
    rows = pd.DataFrame(
        {
            "risk": risk,
            "label": labels[~np.isnan(labels)],
            "bin": np.minimum((risk * bins).astype(int), bins - 1),
        },
        index=known.index,
    ).join(group_attributes(known))
    curves = []
    for grouping in GROUP_COLUMNS:
        stats = rows.groupby([grouping, "bin"], sort=True).agg(
            n=("risk", "size"), mean_risk=("risk", "mean"), observed_rate=("label", "mean")
        )
        sizes = stats.groupby(level=0)["n"].transform("sum")
        kept = stats[(sizes >= min_group_size) & (stats["n"] >= min_bin_size)].reset_index()
        curves.append(kept.rename(columns={grouping: "group"}).assign(grouping=grouping))
    table = pd.concat(curves, ignore_index=True) if curves else pd.DataFrame()
    return table.reindex(columns=list(CURVE_COLUMNS))


def calibration_section(frame: pd.DataFrame) -> dict[str, object]:
    """The report's ``calibration`` section: the curves of :func:`calibration_by_group` as JSON records."""
    return {"curves": json_records(calibration_by_group(frame))}
