"""The service as a process, and the records databases behind it: what every test of a real server shares.

A fresh PostgreSQL database per use (dropped afterwards) when ``PROFILING_TEST_POSTGRES_URL`` is set, a SQLite file
otherwise; the environment of a server (secrets, data directory, records database, registry); and :class:`Server`,
``python -m service serve`` on a free port with its log, started, waited for and stopped.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import make_url

from tests.conftest import Registry

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_ENV = "PROFILING_TEST_POSTGRES_URL"
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgres",
        id="postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not os.environ.get(POSTGRES_ENV), reason=f"set {POSTGRES_ENV} to test PostgreSQL"),
        ],
    ),
]
READY_TIMEOUT_S = 180.0  # ~16 s on an idle 2-core machine; minutes when other jobs load it
STOP_TIMEOUT_S = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """A new, empty database ``profiling_test_<random>`` on the server of ``PROFILING_TEST_POSTGRES_URL``."""
    import psycopg
    from psycopg import sql

    admin = os.environ[POSTGRES_ENV]
    name = f"profiling_test_{secrets.token_hex(6)}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@contextlib.contextmanager
def records_database(backend: str, data_dir: Path) -> Iterator[str]:
    """The records database URL for a backend: a SQLite file under ``data_dir``, or a fresh PostgreSQL database."""
    if backend == "postgres":
        with postgres_database() as url:
            yield url
    else:
        yield f"sqlite:///{data_dir / 'records.db'}"


def new_keys() -> dict[str, str]:
    """Fresh service secrets (tokens are minted in-process with the same token secret)."""
    return {"PROFILING_TOKEN_SECRET": secrets.token_urlsafe(48), "PROFILING_PERSON_KEY": secrets.token_urlsafe(48)}


def environment(
    registry: Registry, data_dir: Path, database_url: str, keys: dict[str, str], **extra: str
) -> dict[str, str]:
    """A server's environment: this one's, without any ``PROFILING_``/``MLFLOW_`` settings, plus the given ones."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("PROFILING_", "MLFLOW_"))}
    return inherited | {
        "PROFILING_DATA_DIR": str(data_dir),
        "PROFILING_DATABASE_URL": database_url,
        "MLFLOW_TRACKING_URI": registry.tracking_uri,
        "PROFILING_MODEL_NAME": registry.name,
        **keys,
        **extra,
    }


@dataclass
class Server:
    process: subprocess.Popen[str]
    port: int
    log: Path
    started: float = field(default_factory=time.monotonic)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def logged(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_for(self, path: str, *, timeout: float = READY_TIMEOUT_S, status: int = 200) -> httpx.Response:
        """Poll ``path`` until it answers ``status``; fail with the log's tail if the process dies or time runs out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the service exited with {self.process.returncode}:\n{self.logged()[-3000:]}")
            with contextlib.suppress(httpx.HTTPError):
                response = httpx.get(f"{self.base_url}{path}", timeout=5)
                if response.status_code == status:
                    return response
            time.sleep(0.2)
        pytest.fail(f"{path} did not answer {status} within {timeout} s:\n{self.logged()[-3000:]}")

    def ready(self, timeout: float = READY_TIMEOUT_S) -> dict[str, Any]:
        return self.wait_for("/readyz", timeout=timeout).json()  # type: ignore[no-any-return]

    def stop(self) -> int:
        """SIGTERM, then SIGKILL if it does not stop in time; returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                return self.process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.process.kill()
        return self.process.wait()

    def kill(self) -> None:
        """``kill -9``: no shutdown, no flushing, no goodbye."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()


def start_server(
    env: dict[str, str], log: Path, *, port: int | None = None, command: list[str] | None = None
) -> Server:
    """Start ``python -m service serve`` (one worker) on a free port, output to ``log`` (appended)."""
    port = port or free_port()
    argv = command or [sys.executable, "-m", "service", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with log.open("a") as sink:
        process = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, text=True)
    return Server(process, port, log)


@contextlib.contextmanager
def serving(env: dict[str, str], log: Path, *, port: int | None = None) -> Iterator[Server]:
    """A started server that is stopped when the block ends, however it ends."""
    server = start_server(env, log, port=port)
    try:
        yield server
    finally:
        server.stop()
