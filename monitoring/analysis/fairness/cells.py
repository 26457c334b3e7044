"""The fairness report's group table: the decision frame reduced to cells, and fairlearn's MetricFrame over them.

MetricFrame copies every row into a Python list and stacks each group's values back element by element, about 4 µs
per row and metric argument: on a million rows one metric frame costs seconds. So the rows are first reduced to
*cells*, the finest combination of the protected attributes, with per-cell counts and the cell's rows sorted together.
MetricFrame then groups the cells by each grouping's columns and every metric is computed exactly from the cells of a
group: sums for counts and proportions, the group's own rows for the mean risk, the calibration gap and the AUC. The
result equals a row-level computation (the tests cross-check it). Fairlearn's own bootstrap (``n_boot``) must not be
used on this cell table: it would resample cells, not people.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import pandas as pd
from fairlearn.metrics import MetricFrame

from models.groups import GROUP_COLUMNS, group_attributes, group_name
from models.metrics import auc, calibration_gap
from monitoring.analysis.fairness.config import COUNTS, DENOMINATORS, NUMERATORS, SHARE_LEVELS
from monitoring.analysis.frame_checks import label_values, require_columns, risk_values
from monitoring.analysis.levels import LEVELS, decisions_on_suggestions, level_index

REQUIRED_COLUMNS: tuple[str, ...] = (
    "age",
    "gender",
    "country_background",
    "risk",
    "suggested_level",
    "decided_level",
    "label",
)

CellMetric = Callable[[np.ndarray, np.ndarray], float]


class GroupCells:
    """The decision frame reduced to cells (combinations of all protected attributes), and MetricFrame over them.

    Parameters
    ----------
    frame : pandas.DataFrame
        A decision frame with :data:`REQUIRED_COLUMNS`.
    high_risk_threshold : float
        Risk at or above which a row counts as predicted high risk (for TPR and FPR).

    Raises
    ------
    InvalidInputError
        If columns are missing, a risk lies outside [0, 1], a label is not 0, 1 or NaN, or a level is not a
        ``FollowUpLevel`` value.
    """

    def __init__(self, frame: pd.DataFrame, *, high_risk_threshold: float) -> None:
        require_columns(frame, REQUIRED_COLUMNS, purpose="fairness monitoring")
        risk = risk_values(frame["risk"], missing_allowed=True)
        label = label_values(frame["label"])
        code, self.attributes = _cell_codes(group_attributes(frame))
        size = len(self.attributes)
        scored = ~np.isnan(risk)
        labelled = scored & ~np.isnan(label)
        suggested = level_index(frame["suggested_level"])
        decided, overridden = decisions_on_suggestions(frame)
        high = scored & (np.nan_to_num(risk) >= high_risk_threshold)
        positive = labelled & (label == 1)
        negative = labelled & (label == 0)
        per_row = {
            "n": np.ones(len(frame)),
            "n_scored": scored,
            "n_suggested": suggested >= 0,
            **{f"n_{level}": suggested == LEVELS.index(level) for level in SHARE_LEVELS},
            "n_decided": decided,
            "overrides": overridden,
            "n_labelled": labelled,
            "positives": positive,
            "negatives": negative,
            "true_positives": positive & high,
            "false_positives": negative & high,
        }
        self.counts = {name: np.bincount(code, weights=per_row[name], minlength=size) for name in COUNTS}
        self.scored_risk, self.scored_bounds = _sorted_by_cell(code[scored], risk[scored], size=size)
        by_risk = np.flatnonzero(labelled)[np.argsort(risk[labelled], kind="stable")]
        self.labelled_label, self.labelled_risk, self.labelled_cell = label[by_risk], risk[by_risk], code[by_risk]
        self._labelled: dict[tuple[int, ...], tuple[np.ndarray, np.ndarray]] = {}

    def table(self, grouping: str, columns: tuple[str, ...]) -> pd.DataFrame:
        """One row per group of a grouping (the whole population for ``overall``): counts, then MetricFrame's metrics.

        Every metric is computed whatever the size of its group; suppression comes later, in one place
        (:mod:`monitoring.analysis.fairness.suppression`).
        """
        ids = np.arange(len(self.attributes))
        features = self.attributes[list(columns or GROUP_COLUMNS)]
        metric_frame = MetricFrame(metrics=self._metrics(), y_true=ids, y_pred=ids, sensitive_features=features)
        if columns:
            metrics = metric_frame.by_group.reset_index()
            keys = metrics[list(columns)].astype(str)
            cells = [self._cells_of(dict(key)) for _, key in keys.iterrows()]
            names = [group_name(key) for key in keys.itertuples(index=False)]
            metrics = metrics.drop(columns=list(columns))
        else:
            metrics, cells, names = metric_frame.overall.to_frame().T, [ids], ["all"]
        counts = pd.DataFrame(
            {name: [int(values[group].sum()) for group in cells] for name, values in self.counts.items()}
        )
        result = pd.concat([counts, metrics.reset_index(drop=True)], axis=1)
        result.insert(0, "cells", cells)
        result.insert(0, "group", names)
        result.insert(0, "grouping", grouping)
        return result[result["n"] > 0]

    def scored_rows(self, cells: np.ndarray) -> np.ndarray:
        """Risks of the scored rows of the given cells."""
        return np.concatenate([self.scored_risk[slice(*self.scored_bounds[c])] for c in cells])

    def labelled_rows(self, cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Labels and risks (ascending) of the labelled rows of the given cells (cached for the bootstrap)."""
        key = tuple(cells.tolist())
        if key not in self._labelled:
            member = np.zeros(len(self.attributes), dtype=bool)
            member[cells] = True
            rows = member[self.labelled_cell]
            self._labelled[key] = self.labelled_label[rows], self.labelled_risk[rows]
        return self._labelled[key]

    def _cells_of(self, key: dict[str, str]) -> np.ndarray:
        mask = np.ones(len(self.attributes), dtype=bool)
        for column, value in key.items():
            mask &= self.attributes[column].to_numpy() == value
        return np.flatnonzero(mask)

    def _metrics(self) -> dict[str, CellMetric]:
        counts = self.counts

        def proportion(numerator: str, denominator: str) -> CellMetric:
            def metric(cells: np.ndarray, _: np.ndarray) -> float:
                size = counts[denominator][cells].sum()
                return float(counts[numerator][cells].sum() / size) if size > 0 else float("nan")

            return metric

        def on_labelled_rows(statistic: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> CellMetric:
            def metric(cells: np.ndarray, _: np.ndarray) -> float:
                return float(statistic(*self.labelled_rows(cells)))

            return metric

        def mean_risk(cells: np.ndarray, _: np.ndarray) -> float:
            risk = self.scored_rows(cells)
            return float(risk.mean()) if len(risk) else float("nan")

        return {
            "mean_risk": mean_risk,
            **{metric: proportion(numerator, DENOMINATORS[metric]) for metric, numerator in NUMERATORS.items()},
            "calibration_gap": on_labelled_rows(calibration_gap),
            "auc": on_labelled_rows(partial(auc, presorted=True)),
        }


def _cell_codes(attributes: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Code each row by its combination of attributes; the combinations as a table in the order of the codes."""
    code = attributes.groupby(list(attributes.columns), sort=True).ngroup().to_numpy()
    combinations = attributes.drop_duplicates().assign(code=code[~attributes.duplicated().to_numpy()])
    return code, combinations.sort_values("code").drop(columns="code").reset_index(drop=True)


def _sorted_by_cell(code: np.ndarray, values: np.ndarray, *, size: int) -> tuple[np.ndarray, np.ndarray]:
    """``values`` ordered by cell, and each cell's ``(start, stop)`` in that order."""
    order = np.argsort(code, kind="stable")
    stops = np.cumsum(np.bincount(code, minlength=size))
    return values[order], np.column_stack([stops - np.bincount(code, minlength=size), stops])
