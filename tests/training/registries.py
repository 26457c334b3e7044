"""Registries for tests that move the alias: a copy of the session's registry, and a second version in it."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import Registry


@pytest.fixture()
def own_registry(registry: Registry, tmp_path: Path) -> Registry:
    """A copy of the session's registry store, for a test that moves the alias: the shared one never loses its champion.

    Only the store is copied; its artifact locations still point at the session's files, which the test only reads.
    """
    copy = tmp_path / "mlflow.db"
    with (
        contextlib.closing(sqlite3.connect(registry.tracking_uri.removeprefix("sqlite:///"))) as source,
        contextlib.closing(sqlite3.connect(copy)) as target,
    ):
        source.backup(target)
    return replace(registry, tracking_uri=f"sqlite:///{copy}", data_dir=tmp_path)


def register_small_version(registry: Registry, *, champion: str | None, seed: int = 11, rows: int = 4_000) -> str:
    """Train a small model on a small population and register it as the next version of ``registry``'s model, scored
    against ``champion`` (the chain's) for the regression gate.
    """
    from training.pipeline import run_training
    from training.population import simulate_population
    from training.train import TrainConfig

    result = run_training(
        simulate_population(rows, seed=seed),
        config=TrainConfig(members=1, max_trees=30, min_child_samples=50),
        name=registry.name,
        tracking_uri=registry.tracking_uri,
        artifact_root=registry.data_dir / "mlartifacts",
        cache_dir=registry.data_dir / "model-cache",
        data_description=f"a small population (seed {seed})",
        champion=champion,
    )
    return result.version
