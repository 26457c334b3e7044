"""The model in use: what ``/v1/model`` shows, reloading after an approved move of the ``champion`` alias (and not
after a move in MLflow alone), readiness and metrics."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from mlflow import MlflowClient
from prometheus_client.parser import text_string_to_metric_families

from models.gates import GateLimits
from models.policy import PolicyConfig
from models.registry import CHAMPION_ALIAS, champion_version, set_champion_alias
from monitoring.records.model_events import approve_promotion
from service.auth import Role
from tests.conftest import Registry
from tests.service.conftest import assessment_body
from tests.training.registries import register_small_version

Headers = Callable[..., dict[str, str]]


def _assess(client: TestClient, token: Headers) -> dict[str, Any]:
    response = client.post("/v1/assessments", json=assessment_body(), headers=token(Role.COUNSELLOR))
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def _samples(client: TestClient, name: str) -> dict[frozenset[tuple[str, str]], float]:
    """The values of one counter, by label set."""
    text = client.get("/metrics").text
    return {
        frozenset(sample.labels.items()): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == name
    }


def test_the_model_shows_the_champion(client: TestClient, token: Headers, registry: Registry) -> None:
    response = client.get("/v1/model", headers=token(Role.AUDITOR))
    assert response.status_code == 200, response.text
    model = response.json()
    assert (model["name"], model["version"], model["source"]) == (registry.name, registry.version, "registry")
    assert (model["chain_checked"], model["ignored_alias"]) == (True, None)
    assert model["horizon_months"] == 12
    assert model["policy"] == PolicyConfig().to_dict()
    assert model["gate_limits"] == dataclasses.asdict(GateLimits())
    assert 0 < model["policy"]["standard_below"] < model["policy"]["tailored_from"] < 1
    assert model["model_card"].startswith(f"# Model card: {registry.name}")
    assert "Intended use" in model["model_card"] and "test population" in model["model_card"]
    assert "the counsellor decides" in model["processing_regime"]


def test_reload_without_a_change(client: TestClient, token: Headers, registry: Registry) -> None:
    response = client.post("/v1/admin/reload", headers=token(Role.DATA_SCIENTIST))
    assert response.status_code == 200, response.text
    assert response.json() == {"version": registry.version, "changed": False}


def test_ready_with_the_model_version(client: TestClient, registry: Registry) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "ready": True,
        "model": "ok",
        "database": "ok",
        "model_version": registry.version,
        "model_source": "registry",
    }


def test_metrics_count_requests_and_suggestions(client: TestClient, token: Headers) -> None:
    created = frozenset({("method", "POST"), ("route", "/v1/assessments"), ("status", "201")})
    requests_before = _samples(client, "profiling_requests_total").get(created, 0.0)
    suggestions_before = _samples(client, "profiling_suggestions_total")
    level = _assess(client, token)["suggested_level"]
    requests_after = _samples(client, "profiling_requests_total")
    suggestions_after = _samples(client, "profiling_suggestions_total")
    assert requests_after[created] == requests_before + 1
    by_level = frozenset({("level", level)})
    assert suggestions_after[by_level] == suggestions_before.get(by_level, 0.0) + 1
    assert sum(suggestions_after.values()) == sum(suggestions_before.values()) + 1
    metrics = client.get("/metrics")
    assert metrics.headers["content-type"].startswith("text/plain")
    assert "profiling_request_seconds_bucket" in metrics.text


LENIENT = GateLimits(max_auc_gap_to_optimum=1.0, max_ece=1.0, max_group_calibration_gap=1.0, max_auc_regression=1.0)
ASKER, APPROVER = "D990001", "D990002"


def _four_eyes(client: TestClient, registry: Registry, version: str, cache_dir: Path, *, reason: str) -> None:
    """One data scientist asks, another approves on the command line's path: the chain records the move and the
    registry's alias follows; the service learns of it at its next poll or reload."""
    from training.promotion import ask_for_promotion

    sessions = client.app.state.sessions  # type: ignore[attr-defined]
    asked = ask_for_promotion(
        sessions,
        name=registry.name,
        tracking_uri=registry.tracking_uri,
        cache_dir=cache_dir,
        version=version,
        gates=LENIENT,
        loosened=[],
        reason=reason,
        review="none",
        by=ASKER,
        caller=f"cli:{ASKER}",
    )
    approve_promotion(
        sessions,
        request_id=asked.request.id,
        caller=f"cli:{APPROVER}",
        actor=APPROVER,
        tracking_uri=registry.tracking_uri,
    )


def test_a_new_champion_is_served_after_reload(
    client: TestClient, token: Headers, registry: Registry, tmp_path: Path
) -> None:
    before = _assess(client, token)
    assert before["model"]["version"] == registry.version
    scientist, auditor = token(Role.DATA_SCIENTIST), token(Role.AUDITOR)
    try:
        second = register_small_version(registry, champion=registry.version)
        assert second != registry.version
        _four_eyes(client, registry, second, tmp_path / "cache", reason="A smaller model for the reload test.")
        assert champion_version(name=registry.name, tracking_uri=registry.tracking_uri) == second
        assert _assess(client, token)["model"]["version"] == registry.version  # no reload yet: the old one serves

        reloaded = client.post("/v1/admin/reload", headers=scientist)
        assert reloaded.json() == {"version": second, "changed": True}, reloaded.text
        after = _assess(client, token)
        assert after["model"] == {"name": registry.name, "version": second}

        assert client.get(f"/v1/assessments/{before['id']}", headers=auditor).json()["model"]["version"] == (
            registry.version
        )
        assert client.get(f"/v1/assessments/{after['id']}", headers=auditor).json()["model"]["version"] == second
        model = client.get("/v1/model", headers=auditor).json()
        assert model["version"] == second and "a small population (seed 11)" in model["model_card"]
        assert client.get("/readyz").json()["model_version"] == second

        # moving the alias back in MLflow alone is ignored: the chain's champion stays, and the move is shown
        MlflowClient(tracking_uri=registry.tracking_uri).set_registered_model_alias(
            registry.name, CHAMPION_ALIAS, registry.version
        )
        assert client.post("/v1/admin/reload", headers=scientist).json() == {"version": second, "changed": False}
        model = client.get("/v1/model", headers=auditor).json()
        assert (model["version"], model["ignored_alias"]) == (second, registry.version)
        assert _assess(client, token)["model"]["version"] == second

        # rolling back takes four eyes too
        _four_eyes(client, registry, registry.version, tmp_path / "cache", reason="Back to the session's model.")
        rolled_back = client.post("/v1/admin/reload", headers=scientist)
        assert rolled_back.json() == {"version": registry.version, "changed": True}
        model = client.get("/v1/model", headers=auditor).json()
        assert (model["version"], model["ignored_alias"]) == (registry.version, None)
        assert _assess(client, token)["model"]["version"] == registry.version
    finally:
        # the registry is the session's: other modules' services record its alias as their first champion
        set_champion_alias(name=registry.name, version=registry.version, tracking_uri=registry.tracking_uri, tags={})
