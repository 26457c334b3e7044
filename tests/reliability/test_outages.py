"""Outages of what the service depends on.

- The records database goes away while the service runs (PostgreSQL behind a TCP proxy that the test cuts: new
  connections are refused, open ones reset): requests get a 503 problem that says so, ``/readyz`` turns not ready, and
  when the database is back the service carries on without a restart.
- The MLflow registry cannot be reached at start: the service serves the champion it cached on an earlier start (and
  ``/v1/model`` says ``"source": "cache"``), or, with nothing cached, stays not ready and refuses to assess.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import make_url

from models.errors import ModelUnavailableError
from models.schema import _EXAMPLE_PROFILE
from service.auth import Role
from service.champion import NOT_IN_CHAIN
from service.schemas import EXAMPLE_NATIONAL_ID
from tests.conftest import Registry
from tests.processes import Server, environment, free_port, new_keys, postgres_database, serving, start_server
from tests.reliability.harness import OFFICE, TcpProxy, bearer, chain_report, counsellor, needs_postgres, scalar

PROBLEM = "application/problem+json"
RECOVERY_TIMEOUT_S = 60.0
UNREACHABLE_REGISTRY = {"MLFLOW_HTTP_REQUEST_MAX_RETRIES": "0", "MLFLOW_HTTP_REQUEST_TIMEOUT": "2"}
ASSESSMENT = {"national_id": EXAMPLE_NATIONAL_ID, "office": OFFICE, "consent": True, "profile": _EXAMPLE_PROFILE}


def _assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["code"] == code and body["title"] and body["detail"], body
    return body


def _until(check: Any, timeout: float = RECOVERY_TIMEOUT_S) -> Any:
    """Call ``check`` until it returns something truthy (bounded), and return that."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if result := check():
                return result
        time.sleep(0.25)
    pytest.fail(f"no success within {timeout} s")


@pytest.mark.slow
@pytest.mark.postgres
@needs_postgres
def test_a_database_outage_is_a_503_and_the_service_resumes_without_restart(registry: Registry, tmp_path: Path) -> None:
    keys = new_keys()
    headers = counsellor(keys, "Z000001")
    with postgres_database() as database_url:
        url = make_url(database_url)
        with TcpProxy(url.host or "127.0.0.1", url.port or 5432) as proxy:
            proxied = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
            env = environment(registry, tmp_path / "data", proxied, keys)
            with serving(env, tmp_path / "service.log") as server, httpx.Client(base_url=server.base_url) as http:
                server.ready()
                before = http.post("/v1/assessments", json=ASSESSMENT, headers=headers, timeout=60)
                assert before.status_code == 201, before.text
                assessment = before.json()

                proxy.cut()
                started = time.monotonic()
                created = http.post("/v1/assessments", json=ASSESSMENT, headers=headers, timeout=60)
                body = _assert_problem(created, 503, "storage_unavailable")
                assert "database" in body["detail"] and created.headers["retry-after"]
                read = http.get(f"/v1/assessments/{assessment['id']}", headers=headers, timeout=60)
                _assert_problem(read, 503, "storage_unavailable")
                decision = {"level": assessment["suggested_level"]}
                decided = http.post(
                    f"/v1/assessments/{assessment['id']}/decision", json=decision, headers=headers, timeout=60
                )
                _assert_problem(decided, 503, "storage_unavailable")
                audit = http.get("/v1/audit/verify", headers=bearer(keys, Role.AUDITOR, "A1"), timeout=60)
                _assert_problem(audit, 503, "storage_unavailable")
                ready = http.get("/readyz", timeout=60)
                assert ready.status_code == 503 and ready.json()["ready"] is False, ready.text
                assert ready.json()["model"] == "ok" and ready.json()["database"] != "ok"
                assert http.get("/healthz", timeout=60).status_code == 200  # alive, just not ready
                refused_within = time.monotonic() - started

                proxy.restore()
                _until(lambda: http.get("/readyz", timeout=10).status_code == 200)
                after = http.post("/v1/assessments", json=ASSESSMENT, headers=headers, timeout=60)
                assert after.status_code == 201, after.text
                decided = http.post(
                    f"/v1/assessments/{assessment['id']}/decision", json=decision, headers=headers, timeout=60
                )
                assert decided.status_code == 201, decided.text
                assert http.get(f"/v1/assessments/{assessment['id']}", headers=headers).status_code == 200
                logged = server.logged()
        assert scalar(database_url, "SELECT count(*) FROM assessments") == 2  # the refused request wrote nothing
        assert chain_report(database_url).ok
    assert '"unexpected error"' not in logged and "Traceback" not in logged
    print(f"\ndatabase outage: five refusals answered within {refused_within:.1f} s; resumed without restart")


def _model(http: httpx.Client, keys: dict[str, str]) -> dict[str, Any]:
    response = http.get("/v1/model", headers=bearer(keys, Role.AUDITOR, "A1"), timeout=60)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


@pytest.mark.slow
def test_a_registry_outage_at_start_serves_the_cached_champion_or_stays_unready(
    registry: Registry, tmp_path: Path
) -> None:
    keys = new_keys()
    headers = counsellor(keys, "Z000001")
    down = {"MLFLOW_TRACKING_URI": f"http://127.0.0.1:{free_port()}", **UNREACHABLE_REGISTRY}
    cached_env = environment(registry, tmp_path / "cached", f"sqlite:///{tmp_path / 'cached' / 'records.db'}", keys)
    empty_env = environment(registry, tmp_path / "empty", f"sqlite:///{tmp_path / 'empty' / 'records.db'}", keys)
    servers: list[Server] = []
    try:
        # side by side: a normal first start that caches the champion, and a start with nothing cached, registry down
        servers.append(start_server(cached_env, tmp_path / "first.log"))
        servers.append(start_server(empty_env | down, tmp_path / "empty.log"))
        first, empty = servers
        assert first.ready()["model_source"] == "registry"
        with httpx.Client(base_url=first.base_url) as http:
            assert _model(http, keys)["source"] == "registry"
        assert first.stop() in (0, -15)
        servers.append(start_server(cached_env | down, tmp_path / "second.log"))
        second = servers[-1]

        ready = second.ready()
        assert ready["model_source"] == "cache" and ready["model_version"] == registry.version, ready
        with httpx.Client(base_url=second.base_url) as http:
            model = _model(http, keys)
            assert (model["source"], model["name"], model["version"]) == ("cache", registry.name, registry.version)
            created = http.post("/v1/assessments", json=ASSESSMENT, headers=headers, timeout=60)
            assert created.status_code == 201, created.text
            assert created.json()["model"] == {"name": registry.name, "version": registry.version}
        assert "registry unreachable; using cached champion" in second.logged()

        empty.wait_for("/healthz")
        with httpx.Client(base_url=empty.base_url) as http:
            for _ in range(2):  # and it stays so
                not_ready = http.get("/readyz", timeout=60)
                assert not_ready.status_code == 503, not_ready.text
                assert not_ready.json()["ready"] is False
                # the registry was down when the service would have recorded its first champion: none in the records
                not_in_chain = ModelUnavailableError(NOT_IN_CHAIN, name=registry.name)
                assert not_ready.json()["model"] == f"no champion loaded: {not_in_chain}"
                refused = http.post("/v1/assessments", json=ASSESSMENT, headers=headers, timeout=60)
                _assert_problem(refused, 503, "model_unavailable")
                _assert_problem(http.get("/v1/model", headers=headers, timeout=60), 503, "model_unavailable")
                time.sleep(2)
        assert not (tmp_path / "empty" / "model-cache" / registry.name / "champion.json").exists()
    finally:
        for server in servers:
            server.stop()
