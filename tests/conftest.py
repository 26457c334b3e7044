"""Session fixtures shared by the suites: a small synthetic population, a small trained model, and a registered
champion in a throwaway MLflow store (trained once per test session)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from models.risk_model import RiskModel
from models.schema import _EXAMPLE_PROFILE, JobseekerProfile
from training.data import prepare, temporal_split
from training.population import simulate_population
from training.train import TrainConfig, fit_risk_model

SMALL_ROWS = 30_000


@dataclass(frozen=True)
class Registry:
    tracking_uri: str
    cache_dir: Path
    name: str
    version: str
    data_dir: Path


@pytest.fixture(scope="session")
def population() -> pd.DataFrame:
    return simulate_population(SMALL_ROWS, seed=7)


@pytest.fixture(scope="session")
def splits(population: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return temporal_split(prepare(population))


@pytest.fixture(scope="session")
def small_model(splits: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]) -> RiskModel:
    train, calibration, _ = splits
    return fit_risk_model(train, calibration, config=TrainConfig(members=3, max_trees=120), metadata={})


@pytest.fixture()
def profile() -> JobseekerProfile:
    return JobseekerProfile.model_validate(_EXAMPLE_PROFILE)


@pytest.fixture(scope="session")
def registry(tmp_path_factory: pytest.TempPathFactory, population: pd.DataFrame) -> Iterator[Registry]:
    """A local MLflow store with one trained, promoted champion."""
    from training.pipeline import run_training
    from training.promote import Gates, promote

    data_dir = tmp_path_factory.mktemp("registry")
    uri = f"sqlite:///{data_dir / 'mlflow.db'}"
    result = run_training(
        population,
        config=TrainConfig(members=3, max_trees=120),
        name="test-risk",
        tracking_uri=uri,
        artifact_root=data_dir / "mlartifacts",
        cache_dir=data_dir / "model-cache",
        data_description="test population",
    )
    promote(
        name="test-risk",
        tracking_uri=uri,
        version=result.version,
        gates=Gates(0.05, 0.05, 0.2, 0.05),
        by="pytest",
        reason="test fixture",
        review="none",
    )
    yield Registry(uri, data_dir / "model-cache", "test-risk", result.version, data_dir)


def changed(profile: JobseekerProfile, **updates: object) -> JobseekerProfile:
    """A validated copy of ``profile`` with some fields changed."""
    return JobseekerProfile.model_validate({**profile.model_dump(), **updates})
