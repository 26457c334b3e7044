"""The model events in the audit report: counts, every event, and alerts for what no second person saw."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from monitoring.analysis.alert_messages import AlertMessage
from monitoring.analysis.model_events import LOOSENED, SELF_APPROVED, model_events_report
from monitoring.analysis.report import build_report
from monitoring.records.model_events import approve_promotion
from tests.monitoring.records.model_walk import ASKER, MODEL, REGISTRY, Copies, ModelWalk, offline_registry


@pytest.fixture()
def copies(monkeypatch: pytest.MonkeyPatch) -> Copies:
    return offline_registry(monkeypatch)


def test_a_self_approved_champion_and_loosened_limits_raise_alerts(
    sessions: sessionmaker[Session], copies: Copies
) -> None:
    walk = ModelWalk(sessions)
    first = walk.request("1")
    approve_promotion(
        sessions, request_id=first.id, caller=ASKER, actor=ASKER, tracking_uri=REGISTRY, self_approved_bootstrap=True
    )
    second = walk.request("2", champion="1")
    walk.approve(second.id)

    result = model_events_report(sessions)
    assert result.alerts == [
        AlertMessage(SELF_APPROVED, {"model": MODEL, "version": "1"}),
        AlertMessage(LOOSENED, {"request_id": first.id, "model": MODEL, "version": "1", "loosened": "max_ece=0.05"}),
        AlertMessage(LOOSENED, {"request_id": second.id, "model": MODEL, "version": "2", "loosened": "max_ece=0.05"}),
    ]
    section = build_report(sessions, since=None, until=None, verify=False).json
    assert section["model_events"]["counts"] == {
        "promotion_requested": 2,
        "promotion_approved": 2,
        "promotion_rejected": 0,
        "alias_moved": 2,
    }
    assert [e["seq"] for e in section["model_events"]["events"]] == list(result.events["seq"])
    self_approved = AlertMessage(SELF_APPROVED, {"model": MODEL, "version": "1"}).as_dict()
    assert {"kind": "model_events", "section": "model_events", **self_approved} in section["alerts"]


def test_a_period_without_model_events_has_an_empty_section(sessions: sessionmaker[Session]) -> None:
    result = model_events_report(sessions)
    assert result.events.empty and result.alerts == []
    assert result.json["model_events"]["counts"]["alias_moved"] == 0
