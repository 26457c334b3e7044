from pathlib import Path

import mlflow
import numpy as np
import pandas as pd
import pytest

from models.errors import ModelUnavailableError
from models.registry import champion_version, load_champion
from models.schema import _EXAMPLE_PROFILE
from models.validation import validate_frame
from tests.conftest import Registry


def test_plain_mlflow_scores_like_the_service(registry: Registry, population: pd.DataFrame) -> None:
    mlflow.set_tracking_uri(registry.tracking_uri)
    pyfunc = mlflow.pyfunc.load_model(f"models:/{registry.name}@champion")
    frame = population.head(20)
    via_mlflow = pyfunc.predict(frame[[c for c in frame.columns if c in _EXAMPLE_PROFILE]])
    loaded = load_champion(name=registry.name, tracking_uri=registry.tracking_uri, cache_dir=registry.cache_dir)
    ours = loaded.model.score_frame(validate_frame(frame))
    np.testing.assert_allclose(via_mlflow["risk"], ours["risk"])
    assert list(via_mlflow["suggested_level"]) == list(ours["suggested_level"])


def test_champion_version_follows_the_alias(registry: Registry) -> None:
    assert champion_version(name=registry.name, tracking_uri=registry.tracking_uri) == registry.version
    assert champion_version(name="no-such-model", tracking_uri=registry.tracking_uri) is None


def test_no_champion_is_a_clear_error(registry: Registry) -> None:
    with pytest.raises(ModelUnavailableError, match="no 'champion' alias"):
        load_champion(name="no-such-model", tracking_uri=registry.tracking_uri, cache_dir=registry.cache_dir)


@pytest.fixture()
def unreachable_registry(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_TIMEOUT", "2")
    return "http://127.0.0.1:9"


def test_registry_outage_falls_back_to_the_cached_champion(registry: Registry, unreachable_registry: str) -> None:
    load_champion(name=registry.name, tracking_uri=registry.tracking_uri, cache_dir=registry.cache_dir)
    loaded = load_champion(name=registry.name, tracking_uri=unreachable_registry, cache_dir=registry.cache_dir)
    assert loaded.source == "cache" and loaded.version == registry.version


def test_registry_outage_without_cache_refuses(registry: Registry, unreachable_registry: str, tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailableError, match="did not answer"):
        load_champion(name=registry.name, tracking_uri=unreachable_registry, cache_dir=tmp_path)


def test_small_and_large_inputs_score_alike_through_mlflow(registry: Registry, population: pd.DataFrame) -> None:
    mlflow.set_tracking_uri(registry.tracking_uri)
    pyfunc = mlflow.pyfunc.load_model(f"models:/{registry.name}@champion")
    frame = population[[c for c in population.columns if c in _EXAMPLE_PROFILE]].head(40)
    large = pyfunc.predict(frame)
    small = pd.concat([pyfunc.predict(frame.iloc[i : i + 10]) for i in range(0, 40, 10)], ignore_index=True)
    np.testing.assert_allclose(small["risk"], large["risk"])
    assert list(small["suggested_level"]) == list(large["suggested_level"])


def test_workers_starting_together_all_load_the_champion(registry: Registry, tmp_path: Path) -> None:
    """Uvicorn's workers start at once on an empty cache: each must end up with the model, none with an error."""
    from concurrent.futures import ThreadPoolExecutor

    def load(_: int) -> str:
        return load_champion(name=registry.name, tracking_uri=registry.tracking_uri, cache_dir=tmp_path).version

    with ThreadPoolExecutor(max_workers=4) as pool:
        versions = list(pool.map(load, range(8)))
    assert versions == [registry.version] * 8
    leftovers = [p.name for p in (tmp_path / registry.name).iterdir() if "partial" in p.name]
    assert leftovers == []
