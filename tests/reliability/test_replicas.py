"""Two replicas: two service processes on different ports share one PostgreSQL database (started at the same time, so
they also race to migrate it); counsellors on both write decisions concurrently. One valid chain, no gap in ``seq``,
nothing lost.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.conftest import FIRST_CHAMPION_EVENTS, Registry
from tests.processes import Server, environment, new_keys, postgres_database, start_server
from tests.reliability.harness import chain_report, needs_postgres, records_engine, run_clients, write_artifact

CLIENTS_PER_REPLICA = 20
SECONDS = 10.0

pytestmark = [pytest.mark.slow, pytest.mark.postgres, needs_postgres]


def test_two_replicas_write_one_chain(registry: Registry, tmp_path: Path) -> None:
    keys = new_keys()
    with postgres_database() as database_url:
        servers: list[Server] = []
        try:
            for name in ("a", "b"):  # separate data directories: the replicas share nothing but the databases
                env = environment(registry, tmp_path / name, database_url, keys)
                servers.append(start_server(env, tmp_path / f"{name}.log"))
            for server in servers:
                server.ready()
            urls = [server.base_url for server in servers]
            tally = asyncio.run(
                run_clients(urls, keys, clients=2 * CLIENTS_PER_REPLICA, seconds=SECONDS, max_requests=20_000)
            )
        finally:
            for server in servers:
                server.stop()
        with records_engine(database_url) as engine, engine.connect() as connection:
            seqs = (
                connection.execute(text("SELECT seq FROM decisions UNION ALL SELECT seq FROM events ORDER BY seq"))
                .scalars()
                .all()
            )
            decision_ids = set(connection.execute(text("SELECT id FROM decisions")).scalars())
            assessment_ids = set(connection.execute(text("SELECT id FROM assessments")).scalars())
        chain = chain_report(database_url)

    decided = [op for op in tally.of("decision") if op.ok]
    per_replica = {url: sum(op.base_url == url for op in decided) for url in urls}
    figures = tally.figures() | {
        "decisions_per_replica": list(per_replica.values()),
        "stored_assessments": len(assessment_ids),
        "stored_decisions": len(decision_ids),
        "chain_ok": chain.ok,
    }
    write_artifact("replicas.json", "postgres", figures)
    print(f"\nreplicas [postgres]: {json.dumps(figures)}")

    assert figures["5xx"] == 0 and figures["no_answer"] == 0, figures["statuses"]
    assert figures["2xx"] == figures["requests"], figures["statuses"]
    assert all(count > 0 for count in per_replica.values()), per_replica
    assert {op.answer["id"] for op in decided if op.answer} == decision_ids  # nothing lost, nothing extra
    assert {op.answer["id"] for op in tally.of("assessment") if op.ok and op.answer} == assessment_ids
    # gap-free, one sequence across both replicas: the first champion (recorded once, though both replicas started
    # on the fresh database at once), every decision and every assessment's link
    assert seqs == list(range(1, FIRST_CHAMPION_EVENTS + len(decided) + len(assessment_ids) + 1))
    assert chain.ok and chain.checked == len(decided), chain.breaks[:5]
