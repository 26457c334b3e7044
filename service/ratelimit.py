"""A per-token request limit (per process), off unless ``PROFILING_RATE_LIMIT_PER_MINUTE`` is set."""

from __future__ import annotations

import threading
import time

FULL_AFTER_SECONDS = 60.0
"""A bucket left alone this long has refilled completely, so it can be forgotten: it would be made anew just so."""
SWEEP_FROM = 1024
"""Buckets are swept once there are more than this many (and then at twice the number that remained)."""


class RateLimiter:
    """A token bucket per subject: ``per_minute`` requests a minute, refilled continuously.

    Memory stays bounded by the callers of the last minute: full buckets are dropped whenever the table doubles.
    """

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._buckets: dict[str, tuple[float, float]] = {}
        self._sweep_above = SWEEP_FROM
        self._lock = threading.Lock()

    def allow(self, subject: str) -> bool:
        if self.per_minute <= 0:
            return True
        now = time.monotonic()
        with self._lock:
            tokens, since = self._buckets.get(subject, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - since) * self.per_minute / 60.0)
            allowed = tokens >= 1.0
            self._buckets[subject] = (tokens - 1.0 if allowed else tokens, now)
            if len(self._buckets) > self._sweep_above:
                self._sweep(now)
            return allowed

    def _sweep(self, now: float) -> None:
        self._buckets = {s: b for s, b in self._buckets.items() if now - b[1] < FULL_AFTER_SECONDS}
        self._sweep_above = max(SWEEP_FROM, 2 * len(self._buckets))

    def __len__(self) -> int:
        """How many buckets are kept (for tests and metrics)."""
        return len(self._buckets)
