"""The threads that assess and record: a few of their own, apart from FastAPI's shared pool of forty.

Assessing and recording is CPU work under the GIL plus one short database write. Run in the shared pool, eight
concurrent assessments means eight threads taking the GIL from each other and from the event loop. On SQLite, one
worker at concurrency 8: 785 assessments/s with p99 15.1 ms in one thread, 727/s and 16.8 ms with forty
(``bench/serve.py --workers 1 --concurrency 8 --service-env PROFILING_ASSESSMENT_THREADS=40``; SQLite takes one writer
at a time anyway). On PostgreSQL a second thread overlaps one request's network round trip with another's model work,
which was faster than one thread or many when the default was chosen. Slow reads (reports, listings) stay in the
shared pool, so they never hold up an assessment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio
import anyio.to_thread

T = TypeVar("T")


class HotPath:
    """Runs blocking hot-path work in at most ``threads`` threads at a time (create it inside the event loop)."""

    def __init__(self, threads: int) -> None:
        self._limiter = anyio.CapacityLimiter(threads)

    async def run(self, work: Callable[[], T]) -> T:
        return await anyio.to_thread.run_sync(work, limiter=self._limiter)
