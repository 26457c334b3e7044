"""Shared by the reliability tests: the real service as a process, tokens, identity numbers, a load generator, a TCP
proxy that can cut the database off, and direct looks into the records.

The PostgreSQL helpers (a fresh database per test, dropped afterwards) are in ``tests/service/test_e2e.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import secrets
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, text

from models.policy import FollowUpLevel
from models.schema import _EXAMPLE_PROFILE
from monitoring.chain import ChainReport, verify_chain
from monitoring.db import make_engine, session_factory
from service.auth import Role, mint_token
from tests.conftest import Registry
from tests.service.test_e2e import POSTGRES_ENV, READY_TIMEOUT_S, _free_port

ROOT = Path(__file__).resolve().parents[2]
OFFICE = "1103"
OVERRIDE_REASON = "LANGUAGE_OR_DIGITAL_BARRIERS"
JUSTIFICATION = "Lasttest: trenger tolk og tett oppfølging de første månedene."
CLIENT_TIMEOUT_S = 120.0  # generous: a loaded shared machine must not turn slow answers into "no answer"
STOP_TIMEOUT_S = 30.0

free_port = _free_port
needs_postgres = pytest.mark.skipif(not os.environ.get(POSTGRES_ENV), reason=f"set {POSTGRES_ENV} to test PostgreSQL")


# --- identities and tokens ------------------------------------------------------------------------------------


def _check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return None if remainder == 1 else (0 if remainder == 0 else 11 - remainder)


def national_ids(count: int, *, seed: int) -> list[str]:
    """Distinct synthetic test numbers (month + 80, as Skatteetaten's synthetic numbers), valid check digits."""
    rng = random.Random(seed)
    found: set[str] = set()
    while len(found) < count:
        day, month, year = rng.randint(1, 28), rng.randint(1, 12) + 80, rng.randint(0, 99)
        base = f"{day:02d}{month:02d}{year:02d}{rng.randint(0, 999):03d}"
        first = _check_digit(base, (3, 7, 6, 1, 8, 9, 4, 5, 2))
        if first is None:
            continue
        second = _check_digit(f"{base}{first}", (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
        if second is not None:
            found.add(f"{base}{first}{second}")
    return sorted(found)


def new_keys() -> dict[str, str]:
    """Fresh service secrets (tokens are minted in-process with the same token secret)."""
    return {"PROFILING_TOKEN_SECRET": secrets.token_urlsafe(48), "PROFILING_PERSON_KEY": secrets.token_urlsafe(48)}


def bearer(keys: dict[str, str], role: Role, subject: str, office: str | None = None) -> dict[str, str]:
    token = mint_token(
        secret=keys["PROFILING_TOKEN_SECRET"].encode(), role=role, subject=subject, office=office, ttl_minutes=60
    )
    return {"Authorization": f"Bearer {token}"}


def counsellor(keys: dict[str, str], subject: str) -> dict[str, str]:
    return bearer(keys, Role.COUNSELLOR, subject, OFFICE)


# --- the service as a process ---------------------------------------------------------------------------------


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


def environment(
    registry: Registry, data_dir: Path, database_url: str, keys: dict[str, str], **extra: str
) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("PROFILING_", "MLFLOW_"))}
    return inherited | {
        "PROFILING_DATA_DIR": str(data_dir),
        "PROFILING_DATABASE_URL": database_url,
        "MLFLOW_TRACKING_URI": registry.tracking_uri,
        "PROFILING_MODEL_NAME": registry.name,
        **keys,
        **extra,
    }


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


# --- the records ----------------------------------------------------------------------------------------------


@contextlib.contextmanager
def records_engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    try:
        yield engine
    finally:
        engine.dispose()


def chain_report(database_url: str) -> ChainReport:
    with records_engine(database_url) as engine:
        return verify_chain(session_factory(engine))


def scalar(database_url: str, sql: str) -> Any:
    with records_engine(database_url) as engine, engine.connect() as connection:
        return connection.execute(text(sql)).scalar()


# --- load -----------------------------------------------------------------------------------------------------


@dataclass
class Op:
    """One request a client made, and what (if anything) came back."""

    kind: str  # "assessment" or "decision"
    client: int
    base_url: str
    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    key: str | None
    status: int | None = None  # None: no answer (connection refused or reset, timeout)
    answer: dict[str, Any] | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    async def send(self, http: httpx.AsyncClient) -> Op:
        try:
            response = await http.post(f"{self.base_url}{self.path}", json=self.body, headers=self.headers)
        except httpx.HTTPError as exc:
            self.status, self.answer, self.error = None, None, f"{type(exc).__name__}: {exc}"
            return self
        self.status = response.status_code
        with contextlib.suppress(ValueError):
            self.answer = response.json()
        return self


@dataclass
class Tally:
    ops: list[Op]
    seconds: float

    def of(self, kind: str) -> list[Op]:
        return [op for op in self.ops if op.kind == kind]

    def figures(self) -> dict[str, Any]:
        statuses: dict[str, int] = {}
        for op in self.ops:
            label = "no answer" if op.status is None else str(op.status)
            statuses[label] = statuses.get(label, 0) + 1
        return {
            "seconds": round(self.seconds, 1),
            "requests": len(self.ops),
            "2xx": sum(op.ok for op in self.ops),
            "assessments_2xx": sum(op.ok for op in self.of("assessment")),
            "decisions_2xx": sum(op.ok for op in self.of("decision")),
            "overrides_2xx": sum(op.ok and "reason_code" in op.body for op in self.of("decision")),
            "5xx": sum(op.status is not None and op.status >= 500 for op in self.ops),
            "no_answer": sum(op.status is None for op in self.ops),
            "statuses": dict(sorted(statuses.items())),
            "requests_per_second": round(len(self.ops) / self.seconds, 1) if self.seconds else 0.0,
        }


def _decision_body(assessment: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    suggested = assessment["suggested_level"]
    if rng.random() < 0.3:  # an override, with its reason and justification
        other = rng.choice([level.value for level in FollowUpLevel if level.value != suggested])
        return {"level": other, "reason_code": OVERRIDE_REASON, "justification": JUSTIFICATION}
    return {"level": suggested}


async def _client(
    number: int,
    base_urls: list[str],
    keys: dict[str, str],
    ids: list[str],
    http: httpx.AsyncClient,
    ops: list[Op],
    stop: asyncio.Event,
    budget: list[int],
    idempotent: bool,
) -> None:
    """Assess a jobseeker, then (mostly) decide on it; until stopped, out of budget or the server stops answering."""
    rng = random.Random(number)
    headers = counsellor(keys, f"Z{number:06d}")
    base_url = base_urls[number % len(base_urls)]

    def op(kind: str, path: str, body: dict[str, Any]) -> Op:
        key = f"{kind}-{uuid.uuid4().hex}" if idempotent else None
        sent = headers | ({"Idempotency-Key": key} if key else {})
        return Op(kind, number, base_url, path, body, sent, key)

    while not stop.is_set() and budget[0] > 0:
        budget[0] -= 1
        body = {"national_id": rng.choice(ids), "office": OFFICE, "consent": True, "profile": dict(_EXAMPLE_PROFILE)}
        body["profile"]["age"] = rng.randint(18, 66)
        assessed = await op("assessment", "/v1/assessments", body).send(http)
        ops.append(assessed)
        if not assessed.ok or assessed.answer is None:
            if assessed.status is None:
                return
            continue
        if rng.random() < 0.1:  # some assessments are left undecided, as in real life
            continue
        budget[0] -= 1
        path = f"/v1/assessments/{assessed.answer['id']}/decision"
        decided = await op("decision", path, _decision_body(assessed.answer, rng)).send(http)
        ops.append(decided)
        if decided.status is None:
            return


async def run_clients(
    base_urls: list[str],
    keys: dict[str, str],
    *,
    clients: int,
    seconds: float,
    max_requests: int,
    idempotent: bool = False,
    stop: asyncio.Event | None = None,
) -> Tally:
    """``clients`` concurrent counsellors (spread over ``base_urls``) for ``seconds`` or ``max_requests`` requests."""
    stop = stop or asyncio.Event()
    ops: list[Op] = []
    ids = national_ids(500, seed=len(base_urls) * 1000 + clients)
    # Idle connections are dropped well before uvicorn's 5 s keep-alive timeout: otherwise a request sent on a
    # connection the server is closing at that moment fails with no answer (a client-side race, not a lost request).
    limits = httpx.Limits(max_connections=clients + 10, max_keepalive_connections=clients + 10, keepalive_expiry=2.0)
    started = time.monotonic()
    async with httpx.AsyncClient(timeout=CLIENT_TIMEOUT_S, limits=limits) as http:
        budget = [max_requests]
        tasks = [
            asyncio.create_task(_client(n, base_urls, keys, ids, http, ops, stop, budget, idempotent))
            for n in range(clients)
        ]
        timer = asyncio.get_running_loop().call_later(seconds, stop.set)
        try:
            await asyncio.gather(*tasks)
        finally:
            timer.cancel()
            stop.set()
    return Tally(ops, time.monotonic() - started)


def write_artifact(name: str, key: str, figures: dict[str, Any]) -> Path:
    """Merge ``figures`` under ``key`` into ``test-artifacts/<name>`` (so each variant keeps its own entry)."""
    path = ROOT / "test-artifacts" / name
    path.parent.mkdir(exist_ok=True)
    current: dict[str, Any] = {}
    with contextlib.suppress(FileNotFoundError, ValueError):
        current = json.loads(path.read_text())
    current[key] = figures
    path.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n")
    return path


# --- a TCP proxy in front of PostgreSQL that can be cut and restored ---------------------------------------------


class TcpProxy:
    """Forwards ``127.0.0.1:<port>`` to a target, in its own thread and event loop.

    ``cut()`` closes the listening socket and resets every open connection (the database is gone: new connections
    are refused, established ones die); ``restore()`` listens again on the same port.
    """

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="tcp-proxy", daemon=True)
        self._server: asyncio.Server | None = None
        self._open: set[asyncio.StreamWriter] = set()

    def __enter__(self) -> TcpProxy:
        self._thread.start()
        self.restore()
        return self

    def __exit__(self, *exc: object) -> None:
        self.cut()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    def _run(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=30)

    def restore(self) -> None:
        async def listen() -> None:
            self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port, reuse_address=True)

        self._run(listen())

    def cut(self) -> None:
        async def close() -> None:
            if self._server is not None:
                self._server.close()
                self._server = None
            for writer in list(self._open):
                writer.transport.abort()
            self._open.clear()

        self._run(close())

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            upstream_reader, upstream_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.transport.abort()
            return
        self._open |= {writer, upstream_writer}

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            try:
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                sink.transport.abort()
                self._open.discard(sink)

        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))
