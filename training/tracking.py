"""Everything MLflow: the experiment, the run's parameters, metrics and artifacts, and the registered pyfunc model."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import mlflow
import pandas as pd
from mlflow.models import ModelSignature, infer_signature
from mlflow.tracking import MlflowClient

import models
from models.pyfunc import BUNDLE_ARTIFACT, ProfilingPyfunc

EXPERIMENT = "jobseeker-risk"


def start_experiment(*, tracking_uri: str, artifact_root: Path | None) -> str:
    """Point MLflow at the store and make sure the experiment exists (its artifacts under ``artifact_root``)."""
    mlflow.set_tracking_uri(tracking_uri)
    client = MlflowClient(tracking_uri=tracking_uri)
    experiment = client.get_experiment_by_name(EXPERIMENT)
    if experiment is not None:
        return str(experiment.experiment_id)
    location = artifact_root.as_uri() if artifact_root is not None else None
    return str(client.create_experiment(EXPERIMENT, artifact_location=location))


def _signature(input_example: pd.DataFrame, output_example: pd.DataFrame) -> ModelSignature:
    """The model's signature, inferred from the examples.

    The profile's whole numbers (age, months employed, earlier spells) are required, so their columns are ``long``:
    MLflow's hint that an integer column cannot hold a missing value does not apply, and it is not shown on every
    training run. Declaring them ``double`` instead is no way out: MLflow then refuses a client's int64 column.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Hint: Inferred schema contains integer column", category=UserWarning)
        return infer_signature(input_example, output_example)


def log_and_register(
    *,
    experiment_id: str,
    name: str,
    bundle_dir: Path,
    artifacts_dir: Path,
    params: dict[str, Any],
    metrics: dict[str, float],
    tags: dict[str, str],
    input_example: pd.DataFrame,
    output_example: pd.DataFrame,
) -> tuple[str, str]:
    """Log one training run and register its model; returns ``(run_id, version)``."""
    with mlflow.start_run(experiment_id=experiment_id, tags=tags) as run:
        mlflow.log_params({k: str(v)[:500] for k, v in params.items()})
        mlflow.log_metrics(metrics)
        mlflow.log_artifacts(str(artifacts_dir))
        info = mlflow.pyfunc.log_model(
            name="model",
            python_model=ProfilingPyfunc(),
            artifacts={BUNDLE_ARTIFACT: str(bundle_dir)},
            code_paths=[str(Path(models.__file__).parent)],
            signature=_signature(input_example, output_example),
            input_example=input_example,
            registered_model_name=name,
        )
        version = str(info.registered_model_version)
        client = MlflowClient()
        for key, value in tags.items():
            client.set_model_version_tag(name, version, key, value)
        client.set_model_version_tag(name, version, "metrics", json.dumps({k: round(v, 5) for k, v in metrics.items()}))
        return run.info.run_id, version
