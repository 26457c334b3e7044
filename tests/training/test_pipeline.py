import json

import mlflow
import pytest
from mlflow.tracking import MlflowClient

from models.errors import PromotionRefusedError
from models.registry import champion_version
from tests.conftest import Registry
from training.promote import Gates, check_gates, promote


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
    model_info = mlflow.models.get_model_info(f"models:/{registry.name}/{registry.version}")
    assert model_info.signature is not None and "age" in model_info.signature.inputs.input_names()


def test_promotion_records_who_when_and_gates(registry: Registry) -> None:
    tags = MlflowClient(tracking_uri=registry.tracking_uri).get_model_version(registry.name, registry.version).tags
    assert tags["promoted_by"] == "pytest"
    assert {g["gate"] for g in json.loads(tags["promotion_gates"])} == {
        "auc_gap_to_optimum",
        "ece",
        "group_calibration_gap",
        "auc_regression",
    }


def test_promoting_the_champion_again_is_refused(registry: Registry) -> None:
    with pytest.raises(PromotionRefusedError, match="already champion"):
        promote(
            name=registry.name,
            tracking_uri=registry.tracking_uri,
            version=registry.version,
            gates=Gates(),
            by="pytest",
            reason="",
            review="",
        )


def test_failed_gate_names_the_gate_and_keeps_the_champion(registry: Registry) -> None:
    strict = Gates(max_auc_gap_to_optimum=-1.0)
    client = MlflowClient(tracking_uri=registry.tracking_uri)
    version = client.get_model_version(registry.name, registry.version)
    client.delete_registered_model_alias(registry.name, "champion")
    try:
        with pytest.raises(PromotionRefusedError, match="auc_gap_to_optimum"):
            promote(
                name=registry.name,
                tracking_uri=registry.tracking_uri,
                version=version.version,
                gates=strict,
                by="pytest",
                reason="",
                review="",
            )
        assert champion_version(name=registry.name, tracking_uri=registry.tracking_uri) is None
    finally:
        client.set_registered_model_alias(registry.name, "champion", registry.version)


def test_regression_gate_needs_the_champion_evaluated_on_the_same_split() -> None:
    metrics = {"model_ece": 0.01, "max_group_calibration_gap": 0.01, "model_auc": 0.80}
    stale = check_gates({**metrics, "champion_version": 3.0, "champion_auc": 0.79}, gates=Gates(), current_champion="4")
    assert not stale[-1].passed and "retrain" in stale[-1].note
    worse = check_gates({**metrics, "champion_version": 4.0, "champion_auc": 0.82}, gates=Gates(), current_champion="4")
    assert not worse[-1].passed
    better = check_gates(
        {**metrics, "champion_version": 4.0, "champion_auc": 0.79}, gates=Gates(), current_champion="4"
    )
    assert better[-1].passed
