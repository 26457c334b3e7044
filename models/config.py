"""Where local state lives, from the environment variables DESIGN.md names, for every command of the project.

``PROFILING_DATA_DIR`` (default ``./data``) holds all local state; ``PROFILING_DATABASE_URL`` defaults to a SQLite
file in it and ``MLFLOW_TRACKING_URI`` to a SQLite store in it; ``PROFILING_MODEL_NAME`` (default ``jobseeker-risk``)
names the registered model; ``PROFILING_HEAD_SIGNING_KEY`` and ``PROFILING_HEAD_PUBLIC_KEY`` sign and check the
published heads of the chain (no default). The service reads the same variables through its settings object.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

DEFAULT_MODEL_NAME = "jobseeker-risk"


def data_dir() -> Path:
    return Path(os.environ.get("PROFILING_DATA_DIR", "data")).resolve()


def database_url(directory: Path | None = None) -> str:
    return os.environ.get("PROFILING_DATABASE_URL") or f"sqlite:///{(directory or data_dir()) / 'profiling.db'}"


def tracking_uri(directory: Path | None = None) -> str:
    return os.environ.get("MLFLOW_TRACKING_URI") or f"sqlite:///{(directory or data_dir()) / 'mlflow.db'}"


def artifact_root() -> Path:
    """Where a local tracking store keeps artifacts (a tracking server decides this itself)."""
    return data_dir() / "mlartifacts"


def model_name() -> str:
    return os.environ.get("PROFILING_MODEL_NAME", DEFAULT_MODEL_NAME)


def model_cache_dir(directory: Path | None = None) -> Path:
    return (directory or data_dir()) / "model-cache"


def demo_population_path() -> Path:
    """Where ``python -m training demo-population`` writes and ``python -m monitoring demo`` reads by default."""
    return data_dir() / "demo" / "population.parquet"


def local_secret(directory: Path, name: str) -> bytes:
    """A secret generated once into ``directory`` for local development (production sets it in the environment).

    Several processes may start at once: the first to link its file wins and the others read it.
    """
    path = directory / f".{name}"
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f"{path.name}.{secrets.token_hex(8)}")
        draft.write_text(secrets.token_urlsafe(48))
        draft.chmod(0o600)
        with contextlib.suppress(FileExistsError):
            os.link(draft, path)
        draft.unlink()
    return path.read_text().strip().encode()


def head_signing_key() -> str | None:
    """``PROFILING_HEAD_SIGNING_KEY``: the Ed25519 key that signs published heads (path or base64); never generated."""
    return os.environ.get("PROFILING_HEAD_SIGNING_KEY") or None


def head_public_key() -> str | None:
    """``PROFILING_HEAD_PUBLIC_KEY``: the public key that checks published heads (a path, PEM or base64)."""
    return os.environ.get("PROFILING_HEAD_PUBLIC_KEY") or None


def person_key_secret(directory: Path | None = None) -> bytes:
    """The HMAC key of person keys: ``PROFILING_PERSON_KEY``, or (development) the one in the data directory."""
    value = os.environ.get("PROFILING_PERSON_KEY")
    return value.encode() if value else local_secret(directory or data_dir(), "person_key")
