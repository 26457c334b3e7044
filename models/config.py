"""Where local state lives, from the environment variables DESIGN.md names, for every command of the project.

``PROFILING_DATA_DIR`` (default ``./data``) holds all local state; ``MLFLOW_TRACKING_URI`` defaults to a SQLite store
in it; ``PROFILING_MODEL_NAME`` (default ``jobseeker-risk``) names the registered model.
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_MODEL_NAME = "jobseeker-risk"


def data_dir() -> Path:
    return Path(os.environ.get("PROFILING_DATA_DIR", "data")).resolve()


def tracking_uri() -> str:
    return os.environ.get("MLFLOW_TRACKING_URI") or f"sqlite:///{data_dir() / 'mlflow.db'}"


def artifact_root() -> Path:
    """Where a local tracking store keeps artifacts (a tracking server decides this itself)."""
    return data_dir() / "mlartifacts"


def model_name() -> str:
    return os.environ.get("PROFILING_MODEL_NAME", DEFAULT_MODEL_NAME)


def model_cache_dir() -> Path:
    return data_dir() / "model-cache"
