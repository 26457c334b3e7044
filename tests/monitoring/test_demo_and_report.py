"""The demo replay, the frames the reports read, the audit report and case reconstruction, end to end on SQLite."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from models.demo_file import CASE_COLUMNS, DEMO_TRIAL, TRIAL_COLUMNS
from models.errors import ConflictError
from models.registry import LoadedModel, load_champion
from models.texts import REPORT_ABOUT_TEXTS
from monitoring.analysis.explanations import global_importance, reconstruct_case
from monitoring.analysis.frames import assessment_frame
from monitoring.analysis.reference import reference_of
from monitoring.analysis.report import build_report
from monitoring.cli import app as monitoring_cli
from monitoring.demo import DemoSummary, load_demo
from monitoring.records.case_state import NEEDS_APPROVAL
from monitoring.records.db import make_engine, session_factory, upgrade
from monitoring.records.kinds import EventKind
from monitoring.records.tables import DecisionRow, EventRow
from monitoring.records.trials import trial_definitions, trial_enrolments
from tests.conftest import Registry
from training import demo as training_demo
from training.blind_first import MOVE_TOWARD_SUGGESTION
from training.cli import app as training_cli
from training.demo import demo_population

SECRET = b"k" * 32


@pytest.fixture(scope="module")
def champion(registry: Registry) -> LoadedModel:
    return load_champion(name=registry.name, tracking_uri=registry.tracking_uri, cache_dir=registry.cache_dir)


class Demo(NamedTuple):
    sessions: sessionmaker[Session]
    population: pd.DataFrame
    summary: DemoSummary


@pytest.fixture(scope="module")
def demo(champion: LoadedModel, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'records.db'}")
    upgrade(engine)
    sessions = session_factory(engine)
    population = demo_population(600, seed=3)
    summary = load_demo(sessions, population=population, champion=champion, person_secret=SECRET)
    yield Demo(sessions, population, summary)
    engine.dispose()


def test_demo_records_every_registration_with_a_decision(demo: Demo) -> None:
    sessions, population, _ = demo
    frame = assessment_frame(sessions)
    assert len(frame) == len(population)
    assert frame["decided_level"].notna().all()
    assert frame["risk"].isna().sum() == (~population["consent"]).sum()
    assert frame["label"].notna().sum() == population["label"].notna().sum()
    overridden = frame[frame["follows_suggestion"] == False]  # noqa: E712
    assert len(overridden) > 0 and overridden["reason_code"].notna().all()


def test_frame_window_and_office_filter(demo: Demo) -> None:
    sessions = demo.sessions
    everything = assessment_frame(sessions)
    office = everything["office"].mode()[0]
    cut = pd.Timestamp("2026-03-01", tz="UTC")
    later = assessment_frame(sessions, since=cut.to_pydatetime(), office=office)
    assert len(later) == ((everything["created_at"] >= cut) & (everything["office"] == office)).sum()


def test_report_has_every_section_and_the_scenario_change_is_seen(demo: Demo, champion: LoadedModel) -> None:
    sessions = demo.sessions
    after = pd.Timestamp("2026-03-01", tz="UTC").to_pydatetime()
    report = build_report(sessions, since=after, until=None, reference=reference_of(champion), language="en")
    sections = ("summary", "overrides", "fairness", "performance", "drift", "explanations", "chain", "alerts")
    for section in (*sections, "blind_first", "approvals", "objections"):
        assert section in report.json
    assert report.json["chain"]["ok"]
    assert report.json["drift"]["risk_drift"] > 0
    assert any(c["name"] == "years_in_norway" and c["drifted"] for c in report.json["drift"]["columns"])
    json.dumps(report.json, default=str)
    assert "<html" in report.html and "Overrides" in report.html and 'href="drift.html"' in report.html
    assert report.drift_html is not None and "<html" in report.drift_html and "srcdoc" not in report.html
    for section in ("overrides", "fairness", "performance", "drift"):
        assert 'role="img" aria-label="' in report.html and f'data-chart="{section}"' in report.html
    for version in report.json["summary"]["model_versions"]:
        assert f'<a href="/v1/model/versions/{version}/documentation">' in report.html


def test_report_shows_the_oversight_of_the_demo_cases(demo: Demo) -> None:
    report = build_report(demo.sessions, since=None, until=None, language="en")
    assert report.json["chain"]["ok"]
    blind_first, approvals, objections = (
        report.json[name]["overall"] for name in ("blind_first", "approvals", "objections")
    )
    assert blind_first["transitions"] > 100 and 0 < blind_first["moved_toward"] < blind_first["disagreed"]
    assert blind_first["toward_low"] < MOVE_TOWARD_SUGGESTION < blind_first["toward_high"]
    assert approvals["approved"] > 0 and approvals["returned"] > 0 and approvals["median_days_to_approval"] > 0
    assert objections["objections"] > 10 and objections["upheld"] > 0 and objections["superseded"] > 0
    assert objections["median_days_to_review"] > 0
    for name, title in (("blind_first", "Blind-first"), ("approvals", "Second approver"), ("objections", "Objections")):
        about = REPORT_ABOUT_TEXTS[name].en
        assert report.json[name]["by_office"] and about in report.html and f'-title">{title}' in report.html
    assert "Specially tailored follow-up</td>" in report.html  # levels by their label in the transition table


def test_demo_cases_follow_the_workflow(demo: Demo) -> None:
    sessions, population, summary = demo
    with sessions() as session:
        decisions = {d.id: d for d in session.scalars(select(DecisionRow))}
        events = list(
            session.scalars(select(EventRow).where(EventRow.kind != EventKind.ASSESSED).order_by(EventRow.seq))
        )
        blind = {
            e.assessment_id
            for e in session.scalars(select(EventRow).where(EventRow.kind == EventKind.ASSESSED))
            if e.payload.get("blind_first")
        }
    assert (len(decisions), len(events)) == (summary.decisions, summary.events)
    kinds = pd.Series([e.kind for e in events]).value_counts()
    for kind in ("provisional_level", "approval", "return", "objection", "review", "documentation"):
        assert kinds.get(kind, 0) > 0, kind
    provisional = {e.assessment_id for e in events if e.kind == EventKind.PROVISIONAL_LEVEL}
    assert provisional == blind
    blind_offices = set(population.loc[population["provisional_level"].notna(), "office"].astype(str))
    assert {e.office for e in events if e.kind == EventKind.PROVISIONAL_LEVEL} <= blind_offices
    judged = {e.payload["decision_id"]: e for e in events if e.kind in (EventKind.APPROVAL, EventKind.RETURN)}
    assert all(decisions[i].decided_level in NEEDS_APPROVAL for i in judged)
    assert all(e.actor != decisions[i].counsellor and e.office == decisions[i].office for i, e in judged.items())
    objected = {e.assessment_id: decisions[e.payload["decision_id"]] for e in events if e.kind == EventKind.OBJECTION}
    reviews = [e for e in events if e.kind == EventKind.REVIEW]
    assert reviews and all(e.actor != objected[e.assessment_id].counsellor for e in reviews)
    extract = dt.datetime.combine(training_demo.DEMO_EXTRACT, dt.time(), dt.UTC)
    assert max(r.created_at for r in [*events, *decisions.values()]) < extract


def test_the_demo_file_has_the_case_columns_the_loader_reads() -> None:
    frame = demo_population(40, seed=1)
    assert set(CASE_COLUMNS) <= set(frame.columns) and set(TRIAL_COLUMNS) <= set(frame.columns)


def test_the_demo_runs_its_equivalence_trial(demo: Demo) -> None:
    sessions, population, _ = demo
    (trial,) = trial_definitions(sessions)
    assert trial.trial_id == DEMO_TRIAL.trial_id
    assert set(trial.eligible_offices) == set(population.loc[population["trial_office"], "office"].astype(str))
    enrolments = trial_enrolments(sessions, DEMO_TRIAL.trial_id)
    registered = pd.to_datetime(population["registration_date"]).dt.date
    eligible = (
        population["trial_consent"]
        & population["trial_office"]
        & population["marks_equivalent"]
        & registered.between(DEMO_TRIAL.starts_on, DEMO_TRIAL.ends_on)
    )
    assert 0 < len(enrolments) == int(eligible.sum())
    decided: dict[str, str] = {}
    with sessions() as session:
        for d in session.scalars(select(DecisionRow).order_by(DecisionRow.seq)):
            decided.setdefault(d.assessment_id, d.decided_level)  # the first decision: a review may supersede it
    assert all(decided[e.assessment_id] == e.drawn and len(e.options) == 2 for e in enrolments)
    assert len({e.drawn for e in enrolments}) > 1  # the seed draws, not the simulated counsellor
    report = build_report(sessions, since=None, until=None, language="en")
    assert [t["about"]["trial_id"] for t in report.json["trials"]["trials"]] == [DEMO_TRIAL.trial_id]


def test_demo_refuses_records_that_hold_a_demo_load(demo: Demo, champion: LoadedModel) -> None:
    sessions, population, _ = demo
    with pytest.raises(
        ConflictError, match=r"already hold 600 assessments \(600 of them from a demo load\)"
    ) as refused:
        load_demo(sessions, population=population.head(5), champion=champion, person_secret=SECRET)
    assert "to start clean, stop the service and delete " in str(refused.value)
    assert len(assessment_frame(sessions)) == 600


def test_global_importance_per_model_version(demo: Demo) -> None:
    sessions = demo.sessions
    table = global_importance(sessions)
    assert set(table["model_version"]) == set(assessment_frame(sessions)["model_version"])
    assert (table["mean_abs_shap"] >= 0).all()


def test_case_reconstruction_and_tampering(demo: Demo) -> None:
    sessions = demo.sessions
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
    assert re.search(r"recorded 200 assessments, 2\d\d decisions", loaded.output)
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
