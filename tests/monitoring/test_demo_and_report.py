"""The demo replay, the frames the reports read, the audit report and case reconstruction, end to end on SQLite."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from models.errors import ConflictError
from models.registry import LoadedModel, load_champion
from monitoring.analysis.explanations import global_importance, reconstruct_case
from monitoring.analysis.frames import assessment_frame
from monitoring.analysis.reference import reference_of
from monitoring.analysis.report import build_report
from monitoring.cli import app as monitoring_cli
from monitoring.demo import load_demo
from monitoring.records.db import make_engine, session_factory, upgrade
from tests.conftest import Registry
from training.cli import app as training_cli
from training.demo import demo_population

SECRET = b"k" * 32


@pytest.fixture(scope="module")
def champion(registry: Registry) -> LoadedModel:
    return load_champion(name=registry.name, tracking_uri=registry.tracking_uri, cache_dir=registry.cache_dir)


@pytest.fixture(scope="module")
def demo(
    champion: LoadedModel, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[sessionmaker[Session], pd.DataFrame]]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'records.db'}")
    upgrade(engine)
    sessions = session_factory(engine)
    population = demo_population(600, seed=3)
    load_demo(sessions, population=population, champion=champion, person_secret=SECRET)
    yield sessions, population
    engine.dispose()


def test_demo_records_every_registration_with_a_decision(demo: tuple[sessionmaker[Session], pd.DataFrame]) -> None:
    sessions, population = demo
    frame = assessment_frame(sessions)
    assert len(frame) == len(population)
    assert frame["decided_level"].notna().all()
    assert frame["risk"].isna().sum() == (~population["consent"]).sum()
    assert frame["label"].notna().sum() == population["label"].notna().sum()
    overridden = frame[frame["follows_suggestion"] == False]  # noqa: E712
    assert len(overridden) > 0 and overridden["reason_code"].notna().all()


def test_frame_window_and_office_filter(demo: tuple[sessionmaker[Session], pd.DataFrame]) -> None:
    sessions, _ = demo
    everything = assessment_frame(sessions)
    office = everything["office"].mode()[0]
    cut = pd.Timestamp("2026-03-01", tz="UTC")
    later = assessment_frame(sessions, since=cut.to_pydatetime(), office=office)
    assert len(later) == ((everything["created_at"] >= cut) & (everything["office"] == office)).sum()


def test_report_has_every_section_and_the_scenario_change_is_seen(
    demo: tuple[sessionmaker[Session], pd.DataFrame], champion: LoadedModel
) -> None:
    sessions, _ = demo
    after = pd.Timestamp("2026-03-01", tz="UTC").to_pydatetime()
    report = build_report(sessions, since=after, until=None, reference=reference_of(champion))
    for section in ("summary", "overrides", "fairness", "performance", "drift", "explanations", "chain", "alerts"):
        assert section in report.json
    assert report.json["chain"]["ok"]
    assert report.json["drift"]["risk_drift"] > 0
    assert any(c["name"] == "years_in_norway" and c["drifted"] for c in report.json["drift"]["columns"])
    json.dumps(report.json, default=str)
    assert "<html" in report.html and "Overrides" in report.html and "srcdoc" in report.html


def test_demo_refuses_records_that_hold_a_demo_load(
    demo: tuple[sessionmaker[Session], pd.DataFrame], champion: LoadedModel
) -> None:
    sessions, population = demo
    with pytest.raises(
        ConflictError, match=r"already hold 600 assessments \(600 of them from a demo load\)"
    ) as refused:
        load_demo(sessions, population=population.head(5), champion=champion, person_secret=SECRET)
    assert "to start clean, stop the service and delete " in str(refused.value)
    assert len(assessment_frame(sessions)) == 600


def test_global_importance_per_model_version(demo: tuple[sessionmaker[Session], pd.DataFrame]) -> None:
    sessions, _ = demo
    table = global_importance(sessions)
    assert set(table["model_version"]) == set(assessment_frame(sessions)["model_version"])
    assert (table["mean_abs_shap"] >= 0).all()


def test_case_reconstruction_and_tampering(demo: tuple[sessionmaker[Session], pd.DataFrame]) -> None:
    sessions, _ = demo
    frame = assessment_frame(sessions)
    case_id = frame.loc[frame["risk"].notna(), "id"].iloc[0]
    case = reconstruct_case(sessions, assessment_id=case_id)
    assert case["integrity"] == {"ok": True, "problems": []}
    assert case["assessment"]["reasons_shown"] and case["decisions"]
    with sessions.begin() as session:
        session.execute(text("UPDATE assessments SET risk = 0.01 WHERE id = :id"), {"id": case_id})
    tampered = reconstruct_case(sessions, assessment_id=case_id)
    assert not tampered["integrity"]["ok"]
    assert "assessment altered since it was recorded" in tampered["integrity"]["problems"]
    with sessions.begin() as session:
        session.execute(
            text("UPDATE assessments SET risk = :r WHERE id = :id"), {"id": case_id, "r": case["assessment"]["risk"]}
        )


def test_cli_demo_then_report(registry: Registry, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's monitoring section: both commands find the demo in PROFILING_DATA_DIR, wherever they run."""
    monkeypatch.setenv("PROFILING_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("MLFLOW_TRACKING_URI", registry.tracking_uri)
    monkeypatch.setenv("PROFILING_MODEL_NAME", registry.name)
    monkeypatch.delenv("PROFILING_DATABASE_URL", raising=False)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    runner = CliRunner()
    missing = runner.invoke(monitoring_cli, ["demo"])
    assert missing.exit_code == 2 and "training demo-population" in missing.output
    made = runner.invoke(training_cli, ["demo-population", "--rows", "200", "--seed", "5"])
    assert made.exit_code == 0, made.output
    loaded = runner.invoke(monitoring_cli, ["demo"])
    assert loaded.exit_code == 0, loaded.output
    assert "recorded 200 assessments, 200 decisions" in loaded.output
    again = runner.invoke(monitoring_cli, ["demo"])
    assert again.exit_code == 2
    refusal = (
        "error: the records already hold 200 assessments (200 of them from a demo load) and the demo loads only into "
        f"empty records; to start clean, stop the service and delete {tmp_path / 'profiling.db'}\n"
    )
    assert refusal in again.output
    out = tmp_path / "report"
    result = runner.invoke(
        monitoring_cli, ["report", "--since", "2024-01-01", "--until", "2027-01-01", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert json.loads((out / "report.json").read_text())["summary"]["assessments"] == 200
    assert (out / "report.html").read_text().startswith("<!doctype html>")
    bad = runner.invoke(monitoring_cli, ["report", "--since", "yesterday", "--out", str(out)])
    assert bad.exit_code == 2 and "is not a date" in bad.output
