"""Session fixtures shared by the suites: a small synthetic population, a small trained model, and a registered
champion alias in a throwaway MLflow store (trained once per test session)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
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
FIRST_CHAMPION_EVENTS = 3
"""Links a development service appends when it starts on fresh records: the registry's champion recorded as the first
one (a promotion request, its self-approval and the alias move; ``service.champion.adopt_first_champion``)."""


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
    """A local MLflow store with one trained version under the ``champion`` alias.

    The alias alone, as a registry prepared outside the records: a development service records it as its first
    champion when it starts on records holding no model event (``service.champion.adopt_first_champion``); a test
    of the four eyes records its own moves.
    """
    from models.registry import set_champion_alias
    from training.pipeline import run_training

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
    set_champion_alias(name="test-risk", version=result.version, tracking_uri=uri, tags={})
    yield Registry(uri, data_dir / "model-cache", "test-risk", result.version, data_dir)


NEVER_PROPOSED = frozenset(
    {
        "age",
        "gender",
        "country_background",
        "years_in_norway",
        "health_hindrance",
        "other_hindrance",
        "own_assessment",
        "time_to_work_estimate",
    }
)
"""Fields a counterfactual never proposes, as issue 13 and ``shared/domain`` name them: who the person is, health and
other hindrances, the jobseeker's own answers (independent of ``models.field_declarations``, which the tests check)."""


def changed(profile: JobseekerProfile, **updates: object) -> JobseekerProfile:
    """A validated copy of ``profile`` with some fields changed."""
    return JobseekerProfile.model_validate({**profile.model_dump(), **updates})


def control_digits(first_nine: str) -> str | None:
    """The two check digits, computed independently of the code under test (None when the number cannot exist)."""
    digits = [int(c) for c in first_nine]
    for weights in ((3, 7, 6, 1, 8, 9, 4, 5, 2), (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)):
        digit = 11 - sum(w * d for w, d in zip(weights, digits, strict=False)) % 11
        if digit == 10:
            return None
        digits.append(0 if digit == 11 else digit)
    return f"{digits[9]}{digits[10]}"


def make_number(born: dt.date, *, day_offset: int = 0, month_offset: int = 0, start: int = 0) -> str:
    """A valid number for a birth date, trying individual numbers from ``start`` until the check digits exist."""
    for individual in range(start, 1000):
        nine = f"{born.day + day_offset:02d}{born.month + month_offset:02d}{born.year % 100:02d}{individual:03d}"
        control = control_digits(nine)
        if control is not None:
            return nine + control
    raise AssertionError("no valid individual number")


@pytest.fixture()
def national_id() -> Callable[..., str]:
    """Make a valid identity number (see :func:`make_number`)."""
    return make_number


@pytest.fixture()
def check_digits() -> Callable[[str], str | None]:
    return control_digits
