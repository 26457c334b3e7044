"""Prometheus metrics: requests, latency, errors, suggestions and overrides by level, drift alerts."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram


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
        self.drift_alerts = Gauge(
            "profiling_drift_alerts", "Drift alerts in the latest drift report.", registry=self.registry
        )
