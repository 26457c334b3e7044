"""Suppression of small numbers in the fairness group table (obligation: data protection; nobody is singled out).

A group below ``min_group_size`` is listed by name only (:func:`models.groups.split_small_groups`). In a published
group, a metric is shown only when its own denominator (scored, suggested, decided or labelled rows, positives for the
TPR, negatives for the FPR) reaches ``min_group_size``; when it does not, the metric, its interval *and every count it
is computed from* are left out, so no count of a suppressed cell is published (42 labelled rows would otherwise show
through as ``n_labelled``, and 7 true positives as ``true_positives``).
"""

from __future__ import annotations

import pandas as pd

from monitoring.analysis.fairness.config import COUNTS, DENOMINATORS, NUMERATORS


def suppress_small_cells(groups: pd.DataFrame, *, min_group_size: int) -> pd.DataFrame:
    """The published group table with every small cell left out (missing values).

    Parameters
    ----------
    groups : pandas.DataFrame
        Published groups with their counts (:data:`~monitoring.analysis.fairness.config.COUNTS`), metrics and
        interval bounds.
    min_group_size : int
        The smallest denominator a metric is shown with.

    Returns
    -------
    pandas.DataFrame
        The same table; counts as nullable integers (``<NA>`` where left out), metrics and bounds NaN where left out.
    """
    result = groups.astype(dict.fromkeys(COUNTS, "Int64"))
    small = {metric: (groups[denominator] < min_group_size).to_numpy() for metric, denominator in DENOMINATORS.items()}
    for metric, rows in small.items():
        counts = [DENOMINATORS[metric], *([NUMERATORS[metric]] if metric in NUMERATORS else [])]
        result.loc[rows, [metric, f"{metric}_low", f"{metric}_high"]] = float("nan")
        result.loc[rows, counts] = pd.NA
    return result
