"""The hot path's own threads: bounded as configured, and sized by database when not configured."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import anyio
import pytest

from service.hot_path import HotPath
from service.settings import Settings


@pytest.mark.parametrize("threads", [1, 2])
def test_at_most_the_configured_number_of_threads_work_at_once(threads: int) -> None:
    running, most = 0, 0
    guard = threading.Lock()

    def work() -> str:
        nonlocal running, most
        with guard:
            running += 1
            most = max(most, running)
        time.sleep(0.05)
        with guard:
            running -= 1
        return threading.current_thread().name

    async def main() -> list[str]:
        hot_path = HotPath(threads)
        names: list[str] = []

        async def one() -> None:
            names.append(await hot_path.run(work))

        async with anyio.create_task_group() as group:
            for _ in range(6):
                group.start_soon(one)
        return names

    names = anyio.run(main)
    assert len(names) == 6
    assert most == threads
    assert threading.current_thread().name not in names  # the work ran off the event loop's thread


def test_errors_in_the_work_reach_the_caller() -> None:
    def fail() -> None:
        raise ValueError("bad input")

    async def main() -> None:
        await HotPath(1).run(fail)

    with pytest.raises(ValueError, match="bad input"):
        anyio.run(main)


@pytest.mark.parametrize(
    ("database_url", "configured", "expected"),
    [("sqlite:///x.db", 0, 1), ("postgresql://u@h/db", 0, 2), ("sqlite:///x.db", 3, 3)],
)
def test_threads_default_by_database(tmp_path: Path, database_url: str, configured: int, expected: int) -> None:
    settings = Settings(data_dir=tmp_path, database_url=database_url, assessment_threads=configured)
    assert settings.assessment_threads == expected
