"""The fairness report: group table, suppressed groups, largest gaps and alerts, in one result."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from models.groups import GROUPINGS, split_small_groups
from monitoring.analysis.alert_messages import AlertMessage
from monitoring.analysis.fairness.cells import GroupCells
from monitoring.analysis.fairness.config import DEFINITIONS, FairnessConfig
from monitoring.analysis.fairness.gaps import calibration_alerts, gap_alerts, largest_gaps
from monitoring.analysis.fairness.suppression import suppress_small_cells
from monitoring.analysis.fairness.uncertainty import with_intervals
from monitoring.analysis.json_tables import json_records


@dataclass(frozen=True)
class FairnessResult:
    """The fairness report.

    Attributes
    ----------
    config : FairnessConfig
        The configuration used.
    rows : int
        Rows of the decision frame.
    groups : pandas.DataFrame
        One row per published group (``grouping``, ``group``; the first row is the whole population, grouping
        ``overall``) with counts, metrics and ``<metric>_low`` / ``<metric>_high`` interval bounds. A metric whose
        denominator is below ``min_group_size`` is NaN, and the counts it is computed from are ``<NA>``.
    suppressed : pandas.DataFrame
        Groups below ``min_group_size``: ``grouping`` and ``group`` only, no count or metric.
    largest_gaps : pandas.DataFrame
        Per grouping and metric, the largest between-group difference: ``gap``, ``high_group``, ``high_value``,
        ``low_group``, ``low_value``, the alert ``limit`` (NaN when only reported) and ``alert``.
    alerts : tuple of AlertMessage
        The alerts, as keyed sentences.
    """

    config: FairnessConfig
    rows: int
    groups: pd.DataFrame
    suppressed: pd.DataFrame
    largest_gaps: pd.DataFrame
    alerts: tuple[AlertMessage, ...]

    @property
    def json(self) -> dict[str, Any]:
        """Everything in the report as a JSON-serialisable dict (NaN and missing counts as null)."""
        return {
            "config": asdict(self.config),
            "definitions": DEFINITIONS,
            "rows": self.rows,
            "groups": json_records(self.groups),
            "suppressed": json_records(self.suppressed),
            "largest_gaps": json_records(self.largest_gaps),
            "alerts": [alert.as_dict() for alert in self.alerts],
        }

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The report's tables for an HTML page, keyed by a short title."""
        return {"groups": self.groups, "suppressed": self.suppressed, "largest_gaps": self.largest_gaps}


def fairness_report(frame: pd.DataFrame, *, config: FairnessConfig | None = None) -> FairnessResult:
    """Score, suggestion, override and outcome metrics by protected group and intersection.

    Parameters
    ----------
    frame : pandas.DataFrame
        A decision frame: one row per assessment with ``age``, ``gender``, ``country_background``, ``risk`` (NaN when
        the jobseeker declined profiling), ``suggested_level``, ``decided_level`` (None while undecided) and
        ``label`` (1.0 still without work at the horizon, 0.0 found work, NaN unknown).
    config : FairnessConfig, optional
        Group sizes, threshold and alert limits; the defaults of :class:`FairnessConfig` when not given.

    Returns
    -------
    FairnessResult
        The group table, suppressed groups, largest gaps, alerts, and their JSON and table forms.

    Raises
    ------
    InvalidInputError
        If columns are missing or hold values outside their domain.
    """
    config = config or FairnessConfig()
    cells = GroupCells(frame, high_risk_threshold=config.high_risk_threshold)
    tables = [cells.table("overall", ())]
    tables += [cells.table(name, columns) for name, columns in GROUPINGS.items()]
    published, suppressed = split_small_groups(pd.concat(tables, ignore_index=True), min_size=config.min_group_size)
    groups = suppress_small_cells(with_intervals(published, cells, config), min_group_size=config.min_group_size)
    gaps = largest_gaps(groups, config)
    alerts = (*calibration_alerts(groups, config), *gap_alerts(gaps, config))
    return FairnessResult(config, len(frame), groups, suppressed, gaps, alerts)
