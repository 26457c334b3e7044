"""The container's entry point, ``docker/entrypoint.sh``, run directly (Docker cannot run here): the package commands
pass through, an unknown command is a usage error, and ``serve`` starts the service on ``$PORT`` with the container's
defaults (production settings, ``$WORKERS`` processes), which answers and stops on SIGTERM. Also static checks that
the Dockerfile and ``compose.yaml`` fit the script and each other.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import yaml

from tests.conftest import Registry
from tests.processes import ROOT, Server, environment, free_port, new_keys

ENTRYPOINT = ROOT / "docker" / "entrypoint.sh"
TIMEOUT_S = 180


def _env(**extra: str) -> dict[str, str]:
    """The environment of the image: the virtual environment's ``bin`` first on ``PATH``, nothing of ours set."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("PROFILING_", "MLFLOW_", "PORT", "WORKERS"))}
    return inherited | {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}", **extra}


def _run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ENTRYPOINT), *args], cwd=cwd, env=env or _env(), capture_output=True, text=True, timeout=TIMEOUT_S
    )


def test_the_entrypoint_is_an_executable_posix_shell_script() -> None:
    assert os.access(ENTRYPOINT, os.X_OK)
    assert ENTRYPOINT.read_text().startswith("#!/bin/sh\n")
    checked = subprocess.run(["sh", "-n", str(ENTRYPOINT)], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr


@pytest.mark.parametrize("command", ["training", "monitoring", "service"])
def test_package_commands_pass_through(command: str, tmp_path: Path) -> None:
    result = _run(command, "--help", cwd=tmp_path)  # the image's working directory is the data volume, not the code
    assert result.returncode == 0, result.stderr
    assert f"python -m {command}" in result.stdout and "Usage" in result.stdout


@pytest.mark.parametrize("args", [["frobnicate"], ["--help"], ["bash", "-c", "id"]])
def test_an_unknown_command_is_a_usage_error(args: list[str], tmp_path: Path) -> None:
    result = _run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: entrypoint [serve | training ARGS")
    assert result.stdout == ""


def test_without_arguments_it_serves_on_port(tmp_path: Path) -> None:
    """No command means ``serve`` with ``--port $PORT`` (shown cheaply: a port that is not a number is refused)."""
    result = _run(cwd=tmp_path, env=_env(PORT="eighty"))
    assert result.returncode == 2
    assert "python -m service serve" in result.stderr and "Invalid value for '--port'" in result.stderr


def _approve_the_champion(registry: Registry, database_url: str) -> None:
    """One data scientist asks for the registry's champion, another approves: the chain's first move."""
    from models.gates import GateLimits
    from monitoring.records.db import make_engine, session_factory, upgrade
    from monitoring.records.model_events import approve_promotion
    from training.promotion import ask_for_promotion

    engine = make_engine(database_url)
    try:
        upgrade(engine)
        sessions = session_factory(engine)
        asked = ask_for_promotion(
            sessions,
            name=registry.name,
            tracking_uri=registry.tracking_uri,
            cache_dir=registry.cache_dir,
            version=registry.version,
            gates=GateLimits(1.0, 1.0, 1.0, 1.0),
            loosened=[],
            reason="The first model of this install.",
            review="none",
            by="D990001",
            caller="cli:D990001",
        )
        approve_promotion(
            sessions,
            request_id=asked.request.id,
            caller="cli:D990002",
            actor="D990002",
            tracking_uri=registry.tracking_uri,
        )
    finally:
        engine.dispose()


@pytest.mark.slow
def test_serve_starts_the_service_on_port_and_stops_on_sigterm(registry: Registry, tmp_path: Path) -> None:
    port = free_port()
    data_dir = tmp_path / "data"
    database_url = f"sqlite:///{data_dir / 'records.db'}"
    _approve_the_champion(registry, database_url)  # production serves only a move a second person approved
    service_env = environment(registry, data_dir, database_url, new_keys())
    env = _env(**{k: v for k, v in service_env.items() if k.startswith(("PROFILING_", "MLFLOW_"))})
    env |= {"PORT": str(port), "PROFILING_ENVIRONMENT": "production", "PYTHONUNBUFFERED": "1"}  # WORKERS: default
    log = tmp_path / "entrypoint.log"
    with log.open("w") as sink:
        process = subprocess.Popen(
            [str(ENTRYPOINT), "serve"], cwd=tmp_path, env=env, stdout=sink, stderr=subprocess.STDOUT, text=True
        )
    server = Server(process, port, log)
    try:
        assert server.wait_for("/healthz").json() == {"status": "ok"}
        ready = server.ready()
        assert ready["model_version"] == registry.version
        assert httpx.get(f"http://127.0.0.1:{port}/v1/model", timeout=30).status_code == 401  # production: tokens
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            returncode = process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            returncode = process.wait()
    logged = log.read_text()
    assert returncode in (0, -signal.SIGTERM), logged[-3000:]
    assert f"service on http://0.0.0.0:{port}/" in logged
    assert logged.count("Application startup complete.") == 2  # two worker processes by default
    assert logged.count("Application shutdown complete.") == 2
    with contextlib.suppress(httpx.HTTPError):
        httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
        pytest.fail("the service still answers after SIGTERM")


def test_the_image_and_compose_files_agree_with_the_entrypoint() -> None:
    """Static checks of what Docker would run (it cannot run here); hadolint too, where it is installed."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    final_stage = dockerfile.rsplit("\nFROM ", 1)[1]
    assert "docker/entrypoint.sh /usr/local/bin/entrypoint" in final_stage
    assert 'ENTRYPOINT ["entrypoint"]' in final_stage and 'CMD ["serve"]' in final_stage
    assert "USER 10001:10001" in final_stage and "/readyz" in final_stage
    assert not any(tool in final_stage for tool in ("build-essential", "gcc", " uv ")), "build tools in the final image"
    hadolint = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))
    if hadolint:
        linted = subprocess.run([hadolint, str(ROOT / "Dockerfile")], capture_output=True, text=True, timeout=60)
        assert linted.returncode == 0, linted.stdout + linted.stderr

    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    service = compose["services"]["service"]["environment"]
    registry = urlsplit(service["MLFLOW_TRACKING_URI"])
    mlflow_command = " ".join(compose["services"]["mlflow"]["command"].split())
    allowed = mlflow_command.split("--allowed-hosts ", 1)[1].split()[0].split(",")
    assert registry.netloc in allowed, "the MLflow server would refuse the service's Host header"
    assert f"--port {registry.port}" in mlflow_command
    assert service["PROFILING_DATABASE_URL"].startswith("postgresql://")
    assert "PROFILING_TOKEN_SECRET" in service and "PROFILING_PERSON_KEY" in service
