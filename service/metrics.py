"""Prometheus metrics: requests, latency, errors, suggestions and overrides by level, drift alerts, and the alerts of
the latest evaluation by ``python -m monitoring watch`` (read from the records at each scrape, so every replica shows
the same: ``profiling_alerts{kind="..."}``, one series per alert kind, and
``profiling_alerts_evaluated_timestamp_seconds``; neither appears before the first evaluation).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

from models.errors import StorageUnavailableError
from monitoring.analysis.alerts import counts_by_kind
from monitoring.records.tables import AlertEvaluationRow

logger = logging.getLogger(__name__)

ALERTS_METRIC = "profiling_alerts"
ALERTS_EVALUATED_METRIC = "profiling_alerts_evaluated_timestamp_seconds"


class AlertCollector(Collector):
    """The latest stored evaluation of the alerts as gauges, read through ``latest`` (set once the app has records)."""

    def __init__(self) -> None:
        self.latest: Callable[[], AlertEvaluationRow | None] | None = None

    def describe(self) -> list[Metric]:
        return []

    def collect(self) -> Iterator[Metric]:
        try:
            row = self.latest() if self.latest else None
        except StorageUnavailableError as exc:
            logger.warning("alerts left out of /metrics: the records cannot be read", extra={"error": str(exc)})
            return
        if row is None:
            return
        alerts = GaugeMetricFamily(
            ALERTS_METRIC, "Alerts of each kind in the latest evaluation (python -m monitoring watch).", labels=["kind"]
        )
        for kind, count in counts_by_kind(row.alerts).items():
            alerts.add_metric([kind], count)
        yield alerts
        yield GaugeMetricFamily(
            ALERTS_EVALUATED_METRIC,
            "When the latest evaluation of the alerts ran (Unix time).",
            row.evaluated_at.timestamp(),
        )


class Metrics:
    """One registry per app, so tests and several apps in one process do not collide."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "profiling_requests_total", "HTTP requests.", ["method", "route", "status"], registry=self.registry
        )
        self.latency = Histogram(
            "profiling_request_seconds",
            "Request latency.",
            ["method", "route"],
            registry=self.registry,
            buckets=(0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
        )
        self.suggestions = Counter(
            "profiling_suggestions_total", "Suggested levels.", ["level"], registry=self.registry
        )
        self.decisions = Counter(
            "profiling_decisions_total",
            "Decided levels, and whether they follow the suggestion.",
            ["level", "follows_suggestion"],
            registry=self.registry,
        )
        self.declined = Counter(
            "profiling_declined_total", "Assessments where the jobseeker declined profiling.", registry=self.registry
        )
        self.alerts = AlertCollector()
        self.registry.register(self.alerts)
