"""Retraining from the records: demo records → ``dataset --from-records`` → ``train --data`` → four-eyes promotion →
served by a service that checks the chain. The training set keeps the decided level as the treatment, leaves out and
counts censored cases and those without consent, and the model card says where the data came from."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from mlflow.tracking import MlflowClient
from sqlalchemy import func, select
from typer.testing import CliRunner

from models.registry import load_version
from monitoring.demo import load_demo
from monitoring.records.db import make_engine, session_factory, upgrade
from monitoring.records.tables import AssessmentRow, OutcomeRow
from service.champion import Champion
from tests.conftest import Registry
from tests.training.registries import own_registry
from training.cli import app
from training.demo import demo_population
from training.records_dataset import CONTEXT_COLUMNS, TREATMENT, source_of

runner = CliRunner()

__all__ = ["own_registry"]  # a fixture of these tests


@pytest.mark.slow
def test_demo_records_to_a_served_retrained_model(
    own_registry: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = f"sqlite:///{tmp_path / 'records.db'}"
    for variable, value in {
        "PROFILING_DATA_DIR": str(tmp_path),
        "PROFILING_DATABASE_URL": database,
        "MLFLOW_TRACKING_URI": own_registry.tracking_uri,
        "PROFILING_MODEL_NAME": own_registry.name,
        "LOGNAME": "alice",
    }.items():
        monkeypatch.setenv(variable, value)
    engine = make_engine(database)
    upgrade(engine)
    sessions = session_factory(engine)
    champion = load_version(
        name=own_registry.name,
        version=own_registry.version,
        tracking_uri=own_registry.tracking_uri,
        cache_dir=tmp_path / "model-cache",
    )
    load_demo(sessions, population=demo_population(3_000, seed=3), champion=champion, person_secret=b"k" * 32)

    out = tmp_path / "from-records.parquet"
    built = runner.invoke(
        app, ["dataset", "--from-records", "--since", "2000-01-01", "--until", "2100-01-01", "--out", str(out)]
    )
    assert built.exit_code == 0, built.output
    frame = pd.read_parquet(out)
    source = source_of(frame)
    assert source is not None
    with sessions() as session:
        assessed = session.scalar(select(func.count()).select_from(AssessmentRow))
        consented = session.scalar(select(func.count()).select_from(AssessmentRow).where(AssessmentRow.consent))
        labelled = session.scalar(
            select(func.count(func.distinct(OutcomeRow.assessment_id)))
            .join(AssessmentRow, AssessmentRow.id == OutcomeRow.assessment_id)
            .where(OutcomeRow.horizon_months == 12, AssessmentRow.consent)
        )
    assert (source.assessments, source.without_consent, source.rows) == (assessed, assessed - consented, labelled)
    assert source.censored == consented - labelled > 0 and len(frame) == labelled >= 1000
    assert set(CONTEXT_COLUMNS) <= set(frame.columns) and "p_opt" not in frame.columns
    assert frame[TREATMENT].notna().all() and set(frame["label"]) == {0.0, 1.0}
    assert frame["assessed_at"].is_monotonic_increasing
    assert f"left out {source.without_consent} without consent and {source.censored} censored" in built.output

    for gate in ("ECE", "GROUP_CALIBRATION_GAP"):  # the session's small model: the gates are not what is tested
        monkeypatch.setenv(f"PROFILING_GATE_MAX_{gate}", "1")
    # the chain's champion first: training scores it on the new test split for the regression gate
    first = runner.invoke(app, ["ensure-champion"])
    assert first.exit_code == 0 and "self-approved in development" in first.output, first.output
    trained = runner.invoke(app, ["train", "--data", str(out), "--members", "1"])
    assert trained.exit_code == 0, trained.output
    version = trained.stdout.splitlines()[0].split()[3]
    client = MlflowClient(tracking_uri=own_registry.tracking_uri)
    run = client.get_run(client.get_model_version(own_registry.name, version).run_id)
    assert "range_coverage_of_observed" in run.data.metrics and "auc_gap_to_optimum" not in run.data.metrics
    card = Path(client.download_artifacts(run.info.run_id, "model_card.md", str(tmp_path))).read_text()
    assert "The service's own records: assessments made from 2000-01-01 up to 2100-01-01" in card
    assert "Selective labels" in card and f"{source.censored} censored" in card

    lenient = ["--max-ece", "1", "--max-group-gap", "1", "--max-auc-regression", "1"]
    asked = runner.invoke(app, ["promote", "--version", version, "--reason", "Retrained on our own records.", *lenient])
    assert asked.exit_code == 0, asked.output
    request = asked.stdout.splitlines()[-1].split()[1].rstrip(":")
    gates = runner.invoke(app, ["promotions"]).output
    assert "auc_gap_to_optimum: not applicable" in gates and "LOOSENED max_ece" in gates
    monkeypatch.setenv("LOGNAME", "bob")
    approved = runner.invoke(app, ["approve", "--request", request])
    assert approved.exit_code == 0, approved.output

    served = Champion(
        name=own_registry.name, tracking_uri=own_registry.tracking_uri, cache_dir=tmp_path / "cache", sessions=sessions
    ).load()
    assert served.version == version and served.model.metadata["data"].startswith("file from-records.parquet")
