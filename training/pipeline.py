"""One training run from data to a registered model version: split, fit, baselines, evaluate, report, log."""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from models.errors import ModelUnavailableError
from models.metrics import calibrated_ece
from models.policy_file import write_policy
from models.registry import load_version
from models.risk_model import MODEL_CARD_FILE, REFERENCE_FILE, RiskModel
from models.schema import PROFILE_FIELDS
from training import report
from training.data import OPTIMUM, prepare, temporal_split
from training.evaluate import (
    evaluate,
    group_metrics,
    interval_coverage,
    level_shares,
    max_calibration_gap,
    model_auc,
    range_coverage_of_observed,
)
from training.tracking import log_and_register, start_experiment
from training.train import TrainConfig, fit_candidates, score_candidates

logger = logging.getLogger(__name__)

REFERENCE_ROWS = 5000


@dataclass(frozen=True)
class TrainingResult:
    name: str
    version: str
    run_id: str
    metrics: dict[str, float]


class _Stages:
    """Progress lines with elapsed seconds, so a long run shows where it is."""

    def __init__(self) -> None:
        self.started = time.perf_counter()

    def __call__(self, stage: str, **extra: object) -> None:
        logger.info(stage, extra={"elapsed_s": round(time.perf_counter() - self.started, 1), **extra})


def _champion_auc(
    name: str, tracking_uri: str, cache_dir: Path, test: pd.DataFrame, champion: str | None
) -> dict[str, float]:
    """The champion's AUC on this run's test split, for the no-regression gate (nothing when there is none)."""
    if champion is None:
        return {}
    try:
        model = load_version(name=name, version=champion, tracking_uri=tracking_uri, cache_dir=cache_dir).model
    except ModelUnavailableError as exc:
        logger.warning("champion not scored", extra={"champion": champion, "error": str(exc)})
        return {}
    return {"champion_auc": model_auc(model, test), "champion_version": float(champion)}


def run_training(
    raw: pd.DataFrame,
    *,
    config: TrainConfig,
    name: str,
    tracking_uri: str,
    artifact_root: Path | None,
    cache_dir: Path,
    data_description: str,
    champion: str | None = None,
) -> TrainingResult:
    """Train, evaluate and register one model version from a labelled frame in the profile schema.

    ``champion`` is the version the records' chain serves (:func:`monitoring.records.model_events.chained_champion`),
    scored on this run's test split so that the regression gate can compare both; ``None`` when there is none. The
    registry's alias is not asked: the service does not serve a version the chain does not name.
    """
    stage = _Stages()
    frame = prepare(raw)
    train, calibration, test = temporal_split(frame)
    stage("data ready", train=len(train), calibration=len(calibration), test=len(test))

    candidates = fit_candidates(train, calibration, config=config, metadata={"data": data_description})
    model = candidates.model
    stage("model trained", trees=model.metadata["trees"])

    scored, scores = score_candidates(candidates, test)
    risk, lower, upper = (scored[c].to_numpy() for c in ("risk", "lower", "upper"))
    has_optimum = "p_opt" in scores
    metrics = evaluate(test, scores)
    metrics["range_mean_width"] = float(np.mean(upper - lower))
    if has_optimum:
        metrics["range_coverage_of_optimum"] = interval_coverage(scores["p_opt"], lower, upper)
    else:
        metrics["range_coverage_of_observed"] = range_coverage_of_observed(test["label"].to_numpy(), risk, lower, upper)
    groups = group_metrics(test, risk)
    metrics["max_group_calibration_gap"] = max_calibration_gap(groups)
    metrics["model_ece_calibrated_p95"] = calibrated_ece(risk, seed=config.seed)
    metrics["test_rows"] = float(len(test))
    metrics.update(_champion_auc(name, tracking_uri, cache_dir, test, champion))
    shares = level_shares(scored["suggested_level"])
    metrics.update({f"share_{k}": v for k, v in shares.items()})
    stage("evaluated", **{k: round(v, 4) for k, v in metrics.items() if k.endswith("_auc") or k == "model_ece"})

    experiment_id = start_experiment(tracking_uri=tracking_uri, artifact_root=artifact_root)
    with tempfile.TemporaryDirectory() as tmp:
        bundle_dir, artifacts_dir = Path(tmp) / "bundle", Path(tmp) / "artifacts"
        artifacts_dir.mkdir()
        model.save(bundle_dir)
        _write_reference(test, scored, bundle_dir / REFERENCE_FILE, seed=config.seed)
        _write_artifacts(artifacts_dir, model, test, scores, metrics, groups, shares, name, data_description)
        write_policy(artifacts_dir, given=config.policy, resolved=model.policy)
        shutil.copy(artifacts_dir / MODEL_CARD_FILE, bundle_dir / MODEL_CARD_FILE)
        run_id, version = log_and_register(
            experiment_id=experiment_id,
            name=name,
            bundle_dir=bundle_dir,
            artifacts_dir=artifacts_dir,
            params={**config.params(), "rows_train": len(train), "rows_test": len(test)},
            metrics=metrics,
            tags={
                "policy_version": model.policy.version,
                "horizon_months": str(model.horizon_months),
                "data": data_description,
            },
            input_example=_input_example(test, model),
            output_example=scored.head(3),
        )
    stage("registered", model=name, version=version, run_id=run_id)
    return TrainingResult(name, version, run_id, metrics)


def _input_example(test: pd.DataFrame, model: RiskModel) -> pd.DataFrame:
    """Three profiles with every profile column, the features first."""
    columns = [*model.spec.names, *(c for c in PROFILE_FIELDS if c not in model.spec.names)]
    return test[columns].head(3)


def _write_reference(test: pd.DataFrame, scored: pd.DataFrame, path: Path, *, seed: int) -> None:
    """A sample of test inputs with their scores: the reference for drift monitoring, stored with the model."""
    sample = test.join(scored).sample(min(len(test), REFERENCE_ROWS), random_state=seed)
    sample.drop(columns=[c for c in ("label", OPTIMUM) if c in sample.columns]).to_parquet(path, index=False)


def _write_artifacts(
    directory: Path,
    model: RiskModel,
    test: pd.DataFrame,
    scores: dict[str, np.ndarray],
    metrics: dict[str, float],
    groups: list[dict[str, object]],
    shares: dict[str, float],
    name: str,
    data_description: str,
) -> None:
    label = test["label"].to_numpy()
    report.calibration_plot(label, scores, directory / "calibration.png")
    report.roc_plot(label, scores, directory / "roc.png")
    report.shap_summary_plot(model, model.spec.encode_frame(test.head(2000)), directory / "shap_summary.png")
    card = report.model_card(
        name=name, metrics=metrics, groups=groups, shares=shares, data=data_description, model=model
    )
    (directory / MODEL_CARD_FILE).write_text(card)
    (directory / "evaluation.json").write_text(json.dumps({"metrics": metrics, "groups": groups}, indent=2))
