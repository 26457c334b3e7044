"""The real service as a process: start it, mint tokens with its command line, walk one jobseeker through every role,
stop it with SIGTERM, then look into the records for identity numbers in clear.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from sqlalchemy import inspect, text

from models.policy import FollowUpLevel
from monitoring.records.db import make_engine
from service.schemas import EXAMPLE_NATIONAL_ID
from tests.conftest import FIRST_CHAMPION_EVENTS, Registry
from tests.processes import BACKENDS, ROOT, environment, new_keys, records_database, start_server

JUSTIFICATION = "E2E-begrunnelse: trenger tolk og tett oppfølging de første månedene."


@pytest.fixture(scope="module")
def keys() -> dict[str, str]:
    """The service's secrets, the same for every server of this module (so one set of tokens serves them all)."""
    return new_keys()


@pytest.fixture(scope="module")
def tokens() -> dict[str, dict[str, str]]:
    """Filled by the first test that needs them, while its server starts (both take seconds of CPU)."""
    return {}


def _service(*args: str, env: dict[str, str], **popen: object) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "service", *args]
    return subprocess.Popen(command, env=env, cwd=ROOT, text=True, **popen)  # type: ignore[call-overload,no-any-return]


def _mint(env: dict[str, str]) -> dict[str, dict[str, str]]:
    """Tokens from ``python -m service token`` for every role (the processes run side by side)."""
    options = {
        "counsellor": ["--role", "counsellor", "--office", "1103"],
        "auditor": ["--role", "auditor"],
        "system": ["--role", "system"],
        "data_scientist": ["--role", "data_scientist"],
    }
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    running = {role: _service("token", *args, env=env, **pipes) for role, args in options.items()}
    minted = {}
    for role, process in running.items():
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        minted[role] = {"Authorization": f"Bearer {out.strip()}"}
    return minted


def _stored_text(database_url: str) -> tuple[dict[str, int], str]:
    """Rows per table and every value of every table as text."""
    engine = make_engine(database_url)
    counts: dict[str, int] = {}
    values: list[str] = []
    try:
        with engine.connect() as connection:
            for table in inspect(connection).get_table_names():
                rows = connection.execute(text(f'SELECT * FROM "{table}"')).all()
                counts[table] = len(rows)
                values.extend(json.dumps(value, default=str, ensure_ascii=False) for row in rows for value in row)
    finally:
        engine.dispose()
    return counts, "\n".join(values)


@pytest.mark.slow
@pytest.mark.parametrize("backend", BACKENDS)
def test_the_service_end_to_end(
    registry: Registry, tmp_path: Path, backend: str, keys: dict[str, str], tokens: dict[str, dict[str, str]]
) -> None:
    with records_database(backend, tmp_path / "data") as database_url:
        env = environment(registry, tmp_path / "data", database_url, keys)
        log = tmp_path / "service.log"
        server = start_server(env, log)
        try:
            if not tokens:
                tokens.update(_mint(env))
            ready = server.ready()
            assert ready["ready"] is True and ready["model_version"] == registry.version
            _walk(server.base_url, tokens, registry)
        finally:
            returncode = server.stop()
        logged = log.read_text()
        # uvicorn shuts down gracefully, then re-raises the signal so that the exit status tells why it stopped
        assert returncode in (0, -signal.SIGTERM), logged[-3000:]
        assert "Application shutdown complete." in logged
        assert '"champion loaded"' in logged  # the log is there, and JSON
        assert EXAMPLE_NATIONAL_ID not in logged
        assert JUSTIFICATION not in logged

        counts, stored = _stored_text(database_url)
        assert counts["assessments"] == 1 and counts["decisions"] == 1 and counts["outcomes"] == 2
        assert JUSTIFICATION in stored  # the scan does see the stored text
        assert EXAMPLE_NATIONAL_ID not in stored
        if backend == "sqlite":
            files = (tmp_path / "data").glob("records.db*")
            assert all(EXAMPLE_NATIONAL_ID.encode() not in path.read_bytes() for path in files)


def _walk(base_url: str, tokens: dict[str, dict[str, str]], registry: Registry) -> None:
    with httpx.Client(base_url=base_url, timeout=30) as http:
        example = http.get("/openapi.json").json()["components"]["schemas"]["AssessmentIn"]["examples"][0]
        assert example["national_id"] == EXAMPLE_NATIONAL_ID

        created = http.post("/v1/assessments", json=example, headers=tokens["counsellor"])
        assert created.status_code == 201, created.text
        assessment = created.json()
        assert assessment["model"] == {"name": registry.name, "version": registry.version}
        assert EXAMPLE_NATIONAL_ID not in created.text

        url = f"/v1/assessments/{assessment['id']}"
        read = http.get(url, headers=tokens["counsellor"]).json()
        assert read["risk"] == assessment["risk"] and read["reasons"] == assessment["reasons"]

        explanation = http.get(f"{url}/explanation", params={"audience": "jobseeker"}, headers=tokens["counsellor"])
        assert explanation.status_code == 200, explanation.text
        assert explanation.json()["audience"] == "jobseeker" and explanation.json()["how_to_object"]

        other = next(level.value for level in FollowUpLevel if level.value != assessment["suggested_level"])
        override = {"level": other, "reason_code": "LANGUAGE_OR_DIGITAL_BARRIERS", "justification": JUSTIFICATION}
        decided = http.post(f"{url}/decision", json=override, headers=tokens["counsellor"])
        assert decided.status_code == 201, decided.text
        decision = decided.json()
        # 1-3: the service's first champion (recorded at its start), 4: the assessment's own link
        assert decision["follows_suggestion"] is False and decision["seq"] == FIRST_CHAMPION_EVENTS + 2

        listed = http.get("/v1/audit/decisions", params={"overrides_only": "true"}, headers=tokens["auditor"]).json()
        assert listed["total"] == 1
        assert [(d["id"], d["justification"]) for d in listed["items"]] == [(decision["id"], JUSTIFICATION)]
        assert http.get("/v1/audit/verify", headers=tokens["auditor"]).json() == {
            "ok": True,
            "checked": 1,
            "events_checked": FIRST_CHAMPION_EVENTS + 1,
            "assessments_checked": 1,
            "head_seq": FIRST_CHAMPION_EVENTS + 2,
            "head_hash": decision["hash"],
            "breaks": [],
            "published_head": None,
        }

        outcomes = {
            "outcomes": [
                {
                    "assessment_id": assessment["id"],
                    "horizon_months": 12,
                    "employed": True,
                    "observed_on": "2027-11-02",
                },
                {
                    "national_id": EXAMPLE_NATIONAL_ID,
                    "horizon_months": 6,
                    "employed": False,
                    "observed_on": "2027-05-02",
                },
            ]
        }
        posted = http.post("/v1/outcomes", json=outcomes, headers=tokens["system"])
        assert posted.status_code == 201 and posted.json() == {"recorded": 2}, posted.text

        reloaded = http.post("/v1/admin/reload", headers=tokens["data_scientist"])
        assert reloaded.json() == {"version": registry.version, "changed": False}, reloaded.text

        metrics = http.get("/metrics").text
        assert f'profiling_decisions_total{{follows_suggestion="false",level="{other}"}} 1.0' in metrics


@pytest.mark.parametrize(
    ("args", "code", "output"),
    [
        (["--role", "counsellor"], 2, "--office"),
        (["--role", "counsellor", "--office", "11O3"], 2, "4-digit"),
        (["--role", "auditor", "--minutes", "5"], 0, "."),
        (["--role", "janitor"], 2, "janitor"),
    ],
)
def test_the_token_command(
    args: list[str], code: int, output: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refusals of ``python -m service token`` (run in-process: the real command is used by the walk above)."""
    from typer.testing import CliRunner

    from service import cli
    from service.settings import get_settings

    monkeypatch.setenv("PROFILING_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("PROFILING_TOKEN_SECRET", raising=False)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli.app, ["token", *args])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == code, result.output
    assert output in result.output
    if code == 0:
        assert result.output.count(".") == 2  # header.claims.signature
