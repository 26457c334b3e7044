"""The per-token rate limit: a bucket per subject, refilled with time, and forgotten once full again."""

from __future__ import annotations

import pytest

from service import ratelimit
from service.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(ratelimit.time, "monotonic", clock)
    return clock


def test_off_when_zero(clock: Clock) -> None:
    limiter = RateLimiter(0)
    assert all(limiter.allow("a") for _ in range(10_000))
    assert len(limiter) == 0


def test_a_subject_gets_its_minute_then_waits_for_refill(clock: Clock) -> None:
    limiter = RateLimiter(6)
    assert [limiter.allow("a") for _ in range(7)] == [True] * 6 + [False]
    assert limiter.allow("b")  # another subject has its own bucket
    clock.now += 10  # one request's worth (60 s / 6)
    assert limiter.allow("a")
    assert not limiter.allow("a")


def test_buckets_of_callers_gone_for_a_minute_are_forgotten(clock: Clock) -> None:
    limiter = RateLimiter(60)
    for i in range(ratelimit.SWEEP_FROM):
        limiter.allow(f"old-{i}")
    clock.now += ratelimit.FULL_AFTER_SECONDS
    for i in range(10):
        limiter.allow(f"new-{i}")
    assert len(limiter) == 10  # the sweep ran when the table passed its limit, and kept only recent callers
    assert limiter.allow("old-1")  # a forgotten caller starts with a full bucket, as it would have had anyway


def test_a_recent_caller_is_not_forgotten(clock: Clock) -> None:
    limiter = RateLimiter(2)
    assert limiter.allow("busy") and limiter.allow("busy")
    for i in range(ratelimit.SWEEP_FROM + 1):
        limiter.allow(f"other-{i}")
    assert not limiter.allow("busy")  # still out of tokens: its bucket survived the sweep
