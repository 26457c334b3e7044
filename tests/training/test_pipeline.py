from pathlib import Path

import mlflow
import pytest
from mlflow.tracking import MlflowClient
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConflictError, PromotionRefusedError
from models.gates import GateLimits
from models.registry import champion_version
from monitoring.records.db import make_engine, session_factory, upgrade
from monitoring.records.model_events import ALREADY_CHAMPION, model_events
from tests.conftest import Registry
from tests.training.registries import own_registry
from training.promote import check_gates
from training.promotion import ask_for_promotion, bootstrap_champion

__all__ = ["own_registry"]  # a fixture of these tests


def test_run_is_logged_with_metrics_artifacts_and_signature(registry: Registry) -> None:
    client = MlflowClient(tracking_uri=registry.tracking_uri)
    version = client.get_model_version(registry.name, registry.version)
    run = client.get_run(version.run_id)
    for key in (
        "model_auc",
        "p_opt_auc",
        "rule_auc",
        "logit_auc",
        "model_ece",
        "auc_gap_to_optimum",
        "range_coverage_of_optimum",
        "max_group_calibration_gap",
    ):
        assert key in run.data.metrics
    assert run.data.params["policy_version"]
    names = {a.path for a in client.list_artifacts(run.info.run_id)}
    assert {"calibration.png", "roc.png", "shap_summary.png", "model_card.md", "evaluation.json"} <= names
    # a models:/ URI resolves against the process-wide tracking URI, which another test's command may have set
    previous = mlflow.get_tracking_uri()
    mlflow.set_tracking_uri(registry.tracking_uri)
    try:
        model_info = mlflow.models.get_model_info(f"models:/{registry.name}/{registry.version}")
    finally:
        mlflow.set_tracking_uri(previous)
    assert model_info.signature is not None and "age" in model_info.signature.inputs.input_names()


def _records(tmp_path: Path) -> sessionmaker[Session]:
    engine = make_engine(f"sqlite:///{tmp_path / 'records.db'}")
    upgrade(engine)
    return session_factory(engine)


def _ask(sessions: sessionmaker[Session], registry: Registry, gates: GateLimits) -> None:
    ask_for_promotion(
        sessions,
        name=registry.name,
        tracking_uri=registry.tracking_uri,
        cache_dir=registry.data_dir / "model-cache",
        version=registry.version,
        gates=gates,
        loosened=[],
        reason="Asked again by the test.",
        review="",
        by="D990001",
        caller="pytest",
    )


def test_promoting_the_champion_again_is_refused(own_registry: Registry, tmp_path: Path) -> None:
    sessions = _records(tmp_path)
    lenient = GateLimits(1.0, 1.0, 1.0, 1.0)
    bootstrap_champion(
        sessions,
        name=own_registry.name,
        tracking_uri=own_registry.tracking_uri,
        cache_dir=own_registry.data_dir / "model-cache",
        version=own_registry.version,
        gates=lenient,
        by="D990001",
        caller="pytest",
    )
    recorded = len(model_events(sessions))
    already = ConflictError(ALREADY_CHAMPION, model=own_registry.name, version=".*")
    with pytest.raises(ConflictError, match=str(already)):
        _ask(sessions, own_registry, lenient)
    assert len(model_events(sessions)) == recorded  # nothing asked


def test_failed_gate_names_the_gate_and_records_nothing(own_registry: Registry, tmp_path: Path) -> None:
    sessions = _records(tmp_path)
    with pytest.raises(PromotionRefusedError, match="auc_gap_to_optimum"):
        _ask(sessions, own_registry, GateLimits(max_auc_gap_to_optimum=-1.0))
    assert model_events(sessions) == []  # a refusal is tagged on the version, never asked for in the chain
    assert champion_version(name=own_registry.name, tracking_uri=own_registry.tracking_uri) == own_registry.version


def test_regression_gate_needs_the_champion_evaluated_on_the_same_split() -> None:
    metrics = {"model_ece": 0.01, "max_group_calibration_gap": 0.01, "model_auc": 0.80}
    limits = GateLimits()
    stale = check_gates({**metrics, "champion_version": 3.0, "champion_auc": 0.79}, gates=limits, current_champion="4")
    assert not stale[-1].passed and "retrain" in stale[-1].note
    worse = check_gates({**metrics, "champion_version": 4.0, "champion_auc": 0.82}, gates=limits, current_champion="4")
    assert not worse[-1].passed
    better = check_gates({**metrics, "champion_version": 4.0, "champion_auc": 0.79}, gates=limits, current_champion="4")
    assert better[-1].passed


def test_the_ece_gate_allows_the_noise_of_a_small_test_split_and_says_both_limits() -> None:
    small = {"model_ece": 0.039, "model_ece_calibrated_p95": 0.05, "test_rows": 450.0, "max_group_calibration_gap": 0.0}
    ece = {r.gate: r for r in check_gates(small, gates=GateLimits(), current_champion=None)}["ece"]
    assert (ece.status, ece.limit) == ("pass", 0.05)
    assert "max_ece 0.02" in ece.note and "on 450 rows: 0.0500" in ece.note
    large = {**small, "model_ece_calibrated_p95": 0.005, "test_rows": 40_000.0}
    assert {r.gate: r for r in check_gates(large, gates=GateLimits(), current_champion=None)}["ece"].status == "fail"


def test_a_gate_that_cannot_be_evaluated_is_not_applicable_not_passed() -> None:
    metrics = {"model_ece": 0.01, "max_group_calibration_gap": 0.01, "model_auc": 0.8}
    status = {r.gate: r.status for r in check_gates(metrics, gates=GateLimits(), current_champion=None)}
    assert status == {
        "auc_gap_to_optimum": "not applicable",
        "ece": "pass",
        "group_calibration_gap": "pass",
        "auc_regression": "not applicable",
    }


def test_training_logs_the_chance_level_of_the_ece_on_its_test_split(registry: Registry) -> None:
    client = MlflowClient(tracking_uri=registry.tracking_uri)
    metrics = client.get_run(client.get_model_version(registry.name, registry.version).run_id).data.metrics
    assert 0 < metrics["model_ece_calibrated_p95"] < 0.1 and metrics["test_rows"] >= 1
