"""Alerts as data: the kinds and lines of what the sections raise, the same alerts as the report without building it,
and the scheduled evaluation stored where the service reads it (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConfigurationError
from models.texts import ALERT_KIND_TEXTS
from monitoring.analysis.alert_messages import AlertMessage
from monitoring.analysis.alerts import (
    CHAIN_BROKEN,
    NO_ROWS,
    Alert,
    AlertKind,
    collect_alerts,
    counts_by_kind,
    evaluate_alerts,
    watch_once,
)
from monitoring.analysis.overrides import OverrideConfig
from monitoring.analysis.report import build_report
from monitoring.records.alert_evaluations import latest_alert_evaluation
from monitoring.records.assessments import AssessmentRow
from monitoring.records.decisions import record_decision

AssessmentFactory = Callable[..., AssessmentRow]
DECIDED = OverrideConfig().min_counsellor_decisions + 5
"""Enough decisions, all following the suggestion, for the too-few-overrides alert overall, by office and counsellor."""


def _rubber_stamped(sessions: sessionmaker[Session], make_assessment: AssessmentFactory) -> None:
    for _ in range(DECIDED):
        row = make_assessment()
        assert row.suggested_level is not None
        record_decision(
            sessions,
            assessment_id=row.id,
            decided_level=row.suggested_level,
            request_id=f"decide-{row.id}",
            caller="counsellor-1",
            office=row.office,
            counsellor=row.counsellor,
        )


TOO_FEW = AlertMessage("overrides_without_reason", {"count": 3})
INPUT = AlertMessage("input_drift", {"share": 0.5, "share_limit": 0.3, "columns": ["age"]})
RISK = AlertMessage("risk_drift", {"method": "wasserstein", "distance": 0.2, "limit": 0.1})


def test_each_section_alert_keeps_its_section_and_gets_its_kind_in_the_reports_order() -> None:
    raised = {"overrides": [TOO_FEW], "fairness": [], "drift": [INPUT, RISK.as_dict()]}
    alerts = collect_alerts(raised, assessments=5, chain_breaks=3)
    assert alerts == [
        Alert(AlertKind.OVERRIDES, "overrides", TOO_FEW),
        Alert(AlertKind.DRIFT, "drift", INPUT),
        Alert(AlertKind.DRIFT, "drift", RISK),
        Alert(AlertKind.CHAIN, "chain", AlertMessage(CHAIN_BROKEN, {"breaks": 3})),
    ]
    assert [a.line for a in alerts] == [
        "overrides: 3 overrides have no reason code; a reason is required for every override.",
        "drift: Input drift: 50% of the model inputs have drifted (limit 30%): Age.",
        "drift: Predicted risk has drifted: wasserstein distance 0.2 (limit 0.1).",
        "chain: The records do not hold in 3 place(s).",
    ]
    assert alerts[1].as_dict() == {
        "kind": "drift",
        "section": "drift",
        "key": "input_drift",
        "params": {"share": 0.5, "share_limit": 0.3, "columns": ["age"]},
        "message": "Input drift: 50% of the model inputs have drifted (limit 30%): Age.",
    }
    assert (
        alerts[1].text("nb")
        == "Endring i inndata: 50\u00a0% av modellens inndata har endret seg (grense 30\u00a0%): Alder."
    )


def test_an_empty_period_alerts_and_an_unverified_or_intact_chain_does_not() -> None:
    assert [a.line for a in collect_alerts({}, assessments=0, chain_breaks=None)] == ["No assessments in this period."]
    assert collect_alerts({}, assessments=1, chain_breaks=0) == []
    assert collect_alerts({}, assessments=1, chain_breaks=None) == []


def test_a_section_without_a_kind_that_raises_an_alert_is_refused_and_one_without_alerts_is_not() -> None:
    assert collect_alerts({"explanations": []}, assessments=1, chain_breaks=None) == []
    with pytest.raises(ConfigurationError, match="'explanations' raises alerts"):
        collect_alerts({"explanations": [TOO_FEW]}, assessments=1, chain_breaks=None)


def test_every_kind_has_a_label_and_every_label_a_kind() -> None:
    assert set(ALERT_KIND_TEXTS) == {kind.value for kind in AlertKind}


def test_counts_list_every_kind_and_count_each_alert_once() -> None:
    stored = [{"kind": "drift"}, {"kind": "chain"}, {"kind": "drift"}]
    counts = counts_by_kind(stored)
    assert counts == {kind.value: {"drift": 2, "chain": 1}.get(kind.value, 0) for kind in AlertKind}
    assert sum(counts.values()) == len(stored)


def test_the_evaluation_has_the_reports_alerts_without_the_report(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory, engine: Engine
) -> None:
    _rubber_stamped(sessions, make_assessment)
    with engine.begin() as connection:  # a changed assessment: a break the chain's alert counts
        connection.execute(text("UPDATE assessments SET office = '9999' WHERE id = (SELECT min(id) FROM assessments)"))
    report = build_report(sessions, since=None, until=None)
    alerts = evaluate_alerts(sessions, since=None, until=None)
    assert report.json["alerts"], "the records were made to raise alerts"
    assert [alert.as_dict() for alert in alerts] == report.json["alerts"]
    kinds = {alert.kind for alert in alerts}
    assert {AlertKind.OVERRIDES, AlertKind.CHAIN} <= kinds
    too_few = [a for a in alerts if a.kind is AlertKind.OVERRIDES and a.sentence.key.startswith("too_few_overrides")]
    assert len(too_few) == 3  # overall, the office and the counsellor


def test_an_empty_period_evaluates_to_the_no_rows_alert(sessions: sessionmaker[Session]) -> None:
    alerts = evaluate_alerts(sessions, since=None, until=None)
    assert alerts == [Alert(AlertKind.NO_ROWS, "summary", AlertMessage(NO_ROWS))]


def test_watch_stores_the_evaluation_of_the_window_that_ends_now(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    assert latest_alert_evaluation(sessions) is None
    _rubber_stamped(sessions, make_assessment)
    now = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)
    window = dt.timedelta(days=30)
    stored = watch_once(sessions, now=now, window=window)
    expected = evaluate_alerts(sessions, since=now - window, until=now)
    assert expected, "the records were made to raise alerts"
    latest = latest_alert_evaluation(sessions)
    assert latest is not None and latest.id == stored.id
    assert latest.evaluated_at == now and latest.since == now - window and latest.until == now
    assert latest.alerts == [alert.as_dict() for alert in expected]
    later = watch_once(sessions, now=now + dt.timedelta(days=1), window=dt.timedelta(seconds=1))  # nothing in it
    newest = latest_alert_evaluation(sessions)
    assert newest is not None and newest.id == later.id
    no_rows = {"kind": "no_rows", "section": "summary", "key": NO_ROWS, "params": {}}
    assert newest.alerts == [no_rows | {"message": AlertMessage(NO_ROWS).message}]
