"""A per-token request limit (per process), off unless ``PROFILING_RATE_LIMIT_PER_MINUTE`` is set."""

from __future__ import annotations

import threading
import time


class RateLimiter:
    """A token bucket per subject: ``per_minute`` requests a minute, refilled continuously."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._buckets: dict[str, tuple[float, float]] = {}
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
            return allowed
