"""Fairness monitoring of risk scores, suggestions and overrides (obligation: non-discrimination, bias monitoring).

Source requirements §8.6 item 17: compare score distributions, calibration, error rates and override rates across the
groups the documents name, with intersectional slices. The groups are those of :mod:`models.groups` (gender, age
group, country background and every pair of them), the AUC and calibration gap those of :mod:`models.metrics`: the
promotion gates use the same definitions, so a gate and this report cannot disagree.

The parts, in the order a report is made:

- :mod:`~monitoring.analysis.fairness.config`: the configuration, metric names and their definitions;
- :mod:`~monitoring.analysis.fairness.cells`: the group table, fairlearn's MetricFrame over cells of rows;
- :mod:`~monitoring.analysis.fairness.uncertainty`: Wilson and bootstrap intervals for every metric;
- :mod:`~monitoring.analysis.fairness.suppression`: small groups and small cells left out;
- :mod:`~monitoring.analysis.fairness.gaps`: the largest between-group gaps and the alerts;
- :mod:`~monitoring.analysis.fairness.report`: :func:`fairness_report`, which joins them.
"""

from monitoring.analysis.fairness.config import FairnessConfig
from monitoring.analysis.fairness.report import FairnessResult, fairness_report

__all__ = ["FairnessConfig", "FairnessResult", "fairness_report"]
