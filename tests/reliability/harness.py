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
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, text

from models.policy import FollowUpLevel
from models.schema import _EXAMPLE_PROFILE
from monitoring.records.chain import ChainReport, verify_chain
from monitoring.records.db import make_engine, session_factory
from service.auth import Role, mint_token
from tests.processes import POSTGRES_ENV, ROOT, free_port

OFFICE = "1103"
OVERRIDE_REASON = "LANGUAGE_OR_DIGITAL_BARRIERS"
JUSTIFICATION = "Lasttest: trenger tolk og tett oppfølging de første månedene."
CLIENT_TIMEOUT_S = 120.0  # generous: a loaded shared machine must not turn slow answers into "no answer"
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


def bearer(keys: dict[str, str], role: Role, subject: str, office: str | None = None) -> dict[str, str]:
    token = mint_token(
        secret=keys["PROFILING_TOKEN_SECRET"].encode(), role=role, subject=subject, office=office, ttl_minutes=60
    )
    return {"Authorization": f"Bearer {token}"}


def counsellor(keys: dict[str, str], subject: str) -> dict[str, str]:
    return bearer(keys, Role.COUNSELLOR, subject, OFFICE)


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
