"""Analysis of the records for auditors (obligation: post-market monitoring, non-discrimination, transparency).

Reads what :mod:`monitoring.records` wrote and never writes: drift against the model's reference sample, fairness by
protected group, overrides, realised and estimated performance, explanations, and the audit report that joins them.
"""

from monitoring.analysis.report import build_report

__all__ = ["build_report"]
