"""Crash safety: ``kill -9`` the service in the middle of load, restart it on the same database.

Every acknowledged record is still there, no partial record exists, the chain verifies, and clients that got no
answer retry with the same ``Idempotency-Key``: they get the original record when it had been written before the
crash, a new one when it had not, and never two.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from monitoring.records.hashing import ASSESSMENT_HASHED_FIELDS, content_hash
from monitoring.records.tables import AssessmentRow
from tests.conftest import Registry
from tests.processes import BACKENDS, Server, environment, new_keys, records_database, start_server
from tests.reliability.harness import (
    CLIENT_TIMEOUT_S,
    Op,
    Tally,
    chain_report,
    records_engine,
    run_clients,
    write_artifact,
)

CLIENTS = 30
KILL_AFTER_S = 6.0
REPLAYED_ANSWERED = 20  # acknowledged requests of each kind that are also sent again, to get the original back


async def _load_then_kill(server: Server, keys: dict[str, str]) -> tuple[Tally, float]:
    stop = asyncio.Event()

    async def kill_later() -> float:
        await asyncio.sleep(KILL_AFTER_S)
        server.kill()
        return time.monotonic()

    killer = asyncio.create_task(kill_later())
    tally = await run_clients(
        [server.base_url],
        keys,
        clients=CLIENTS,
        seconds=KILL_AFTER_S + 60,
        max_requests=10_000,
        idempotent=True,
        stop=stop,
    )
    return tally, await killer


async def _replay(ops: list[Op]) -> list[Op]:
    """Send each request again exactly as it was sent (same token, body and ``Idempotency-Key``)."""
    copies = [Op(op.kind, op.client, op.base_url, op.path, op.body, op.headers, op.key) for op in ops]
    limits = httpx.Limits(max_connections=20, keepalive_expiry=2.0)
    async with httpx.AsyncClient(timeout=CLIENT_TIMEOUT_S, limits=limits) as http:
        semaphore = asyncio.Semaphore(20)

        async def send(op: Op) -> Op:
            async with semaphore:
                return await op.send(http)

        return await asyncio.gather(*(send(op) for op in copies))


def _stored(database_url: str) -> dict[str, Any]:
    """What the database holds: rows by (caller, key), duplicates, orphans, and assessments whose hash is wrong."""
    with records_engine(database_url) as engine, engine.connect() as connection:
        assessments = {
            (caller, key): id_
            for id_, caller, key in connection.execute(text("SELECT id, caller, idempotency_key FROM assessments"))
        }
        decisions = {
            (caller, key): (id_, seq, hash_)
            for id_, seq, hash_, caller, key in connection.execute(
                text("SELECT id, seq, hash, caller, idempotency_key FROM decisions")
            )
        }
        duplicates = [
            row
            for table in ("assessments", "decisions")
            for row in connection.execute(
                text(
                    f"SELECT caller, idempotency_key, count(*) FROM {table} "
                    "GROUP BY caller, idempotency_key HAVING count(*) > 1"
                )
            )
        ]
        orphans = connection.execute(
            text(
                "SELECT count(*) FROM decisions d LEFT JOIN assessments a ON a.id = d.assessment_id WHERE a.id IS NULL"
            )
        ).scalar()
        columns = AssessmentRow.__table__.c
        torn = [
            row.id
            for row in connection.execute(
                AssessmentRow.__table__.select().with_only_columns(
                    *(columns[name] for name in ASSESSMENT_HASHED_FIELDS), columns.content_hash
                )
            )
            if content_hash(row._mapping, ASSESSMENT_HASHED_FIELDS) != row.content_hash
        ]
    return {
        "assessments": assessments,
        "decisions": decisions,
        "duplicates": duplicates,
        "orphans": orphans,
        "torn": torn,
    }


def _caller(op: Op) -> str:
    return f"Z{op.client:06d}"


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_kill_9_during_load_loses_nothing_and_retries_do_not_duplicate(
    registry: Registry, tmp_path: Path, backend: str
) -> None:
    keys = new_keys()
    log = tmp_path / "service.log"
    with records_database(backend, tmp_path / "data") as database_url:
        env = environment(registry, tmp_path / "data", database_url, keys)
        first = start_server(env, log)
        second: Server | None = None
        try:
            first.ready()
            tally, killed_at = asyncio.run(_load_then_kill(first, keys))
            assert first.process.returncode == -9
            restarted_at = time.monotonic()
            second = start_server(env, log, port=first.port)
            second.ready()
            ready_at = time.monotonic()

            before = _stored(database_url)
            chain_before = chain_report(database_url)
            answered = [op for op in tally.ops if op.ok]
            unanswered = [op for op in tally.ops if op.status is None]
            sample = [op for op in answered if op.kind == "assessment"][:REPLAYED_ANSWERED] + [
                op for op in answered if op.kind == "decision"
            ][:REPLAYED_ANSWERED]
            for op in [*unanswered, *sample]:
                op.base_url = second.base_url
            retried = asyncio.run(_replay(unanswered))
            replayed = asyncio.run(_replay(sample))
        finally:
            first.stop()
            if second is not None:
                second.stop()
        after = _stored(database_url)
        chain_after = chain_report(database_url)

    written_unanswered = sum(
        (_caller(op), op.key) in before["assessments" if op.kind == "assessment" else "decisions"] for op in unanswered
    )
    figures = tally.figures() | {
        "backend": backend,
        "killed_after_s": KILL_AFTER_S,
        "restart_to_ready_s": round(ready_at - restarted_at, 1),
        "kill_to_ready_s": round(ready_at - killed_at, 1),
        "unanswered_already_written": written_unanswered,
        "retried": len(retried),
        "retried_2xx": sum(op.ok for op in retried),
        "stored_assessments": len(after["assessments"]),
        "stored_decisions": len(after["decisions"]),
        "chain_checked": chain_after.checked,
    }
    write_artifact("crash.json", backend, figures)
    print(f"\ncrash [{backend}]: {json.dumps(figures)}")
    print(
        f"crash [{backend}]: restart took {figures['restart_to_ready_s']} s until /readyz answered 200 "
        f"({figures['kill_to_ready_s']} s after the kill)"
    )

    assert figures["5xx"] == 0, figures["statuses"]
    assert len(answered) > 0 and len(unanswered) > 0, figures["statuses"]
    # every acknowledged record survived the crash, exactly as acknowledged
    for op in answered:
        assert op.answer is not None
        if op.kind == "assessment":
            assert before["assessments"].get((_caller(op), op.key)) == op.answer["id"]
        else:
            stored = before["decisions"].get((_caller(op), op.key))
            assert stored == (op.answer["id"], op.answer["seq"], op.answer["hash"])
    # no partial record: no decision without its assessment, no assessment that does not match its hash, one chain
    assert before["orphans"] == 0 and before["torn"] == []
    assert chain_before.ok, chain_before.breaks[:5]
    # a retry gets the original record (when the crash came after the write) or a new one, never a second one
    assert all(op.ok for op in retried), [(op.status, op.answer) for op in retried if not op.ok][:5]
    for op in retried:
        assert op.answer is not None
        table = "assessments" if op.kind == "assessment" else "decisions"
        earlier = before[table].get((_caller(op), op.key))
        stored = after[table][(_caller(op), op.key)]
        if op.kind == "assessment":
            assert op.answer["id"] == stored and earlier in (None, stored)
        else:
            assert (op.answer["id"], op.answer["seq"], op.answer["hash"]) == stored and earlier in (None, stored)
    for original, again in zip(sample, replayed, strict=True):
        assert again.ok and original.answer is not None and again.answer is not None
        assert again.answer["id"] == original.answer["id"]
        if original.kind == "decision":
            assert (again.answer["seq"], again.answer["hash"]) == (original.answer["seq"], original.answer["hash"])
    # afterwards: one row per request, no duplicates, and the chain holds
    assert after["duplicates"] == []
    assert len(after["assessments"]) == len(tally.of("assessment"))
    assert len(after["decisions"]) == len(tally.of("decision"))
    assert after["orphans"] == 0 and after["torn"] == []
    assert chain_after.ok and chain_after.checked == len(after["decisions"]), chain_after.breaks[:5]
