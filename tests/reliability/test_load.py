"""Load without loss: 50 concurrent counsellors against the real service (one worker) for 30 s, on SQLite and on
PostgreSQL. Afterwards every 2xx answer is a stored record and every stored record a 2xx answer, nothing answered 5xx,
and the decision chain verifies.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from tests.conftest import FIRST_CHAMPION_EVENTS, Registry
from tests.processes import BACKENDS, environment, new_keys, records_database, serving
from tests.reliability.harness import chain_report, run_clients, scalar, write_artifact

CLIENTS = 50
SECONDS = 30.0
MAX_REQUESTS = 30_000  # a safety bound; at this machine's pace the 30 s run out first


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_load_without_loss(registry: Registry, tmp_path: Path, backend: str) -> None:
    keys = new_keys()
    with records_database(backend, tmp_path / "data") as database_url:
        env = environment(registry, tmp_path / "data", database_url, keys)
        with serving(env, tmp_path / "service.log") as server:
            server.ready()
            tally = asyncio.run(
                run_clients([server.base_url], keys, clients=CLIENTS, seconds=SECONDS, max_requests=MAX_REQUESTS)
            )
        stored_assessments = scalar(database_url, "SELECT count(*) FROM assessments")
        stored_decisions = scalar(database_url, "SELECT count(*) FROM decisions")
        chain = chain_report(database_url)

    figures = tally.figures() | {
        "backend": backend,
        "clients": CLIENTS,
        "stored_assessments": stored_assessments,
        "stored_decisions": stored_decisions,
        "chain_ok": chain.ok,
        "chain_checked": chain.checked,
    }
    write_artifact("load.json", backend, figures)
    print(f"\nload [{backend}]: {json.dumps(figures)}")

    assert tally.seconds >= SECONDS
    assert figures["5xx"] == 0, figures["statuses"]
    assert figures["no_answer"] == 0, [op.error for op in tally.ops if op.status is None][:5]
    assert figures["2xx"] == figures["requests"], figures["statuses"]  # every request here is valid
    assert stored_assessments == figures["assessments_2xx"]
    assert stored_decisions == figures["decisions_2xx"]
    assert figures["overrides_2xx"] > 0
    assert chain.ok, chain.breaks[:5]
    assert chain.checked == stored_decisions  # and after the service's first champion, every assessment's link:
    assert chain.head_seq == FIRST_CHAMPION_EVENTS + stored_decisions + stored_assessments
