"""Four eyes through the API, on a service that checks the chain: it serves the version of the newest approved move,
ignores (and shows) an alias moved in MLflow alone, refuses self-approval, and follows an approval at once. A
development service records the registry's champion as its first one when its records hold no model event (once,
flagged, without gates); a production service serves nothing until a second person approves."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from mlflow import MlflowClient
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConflictError, ModelUnavailableError
from models.gates import GateLimits
from models.registry import CHAMPION_ALIAS
from monitoring.analysis.model_events import model_events as model_event_rows
from monitoring.records import model_events as model_events_module
from monitoring.records.db import make_engine, session_factory
from monitoring.records.model_events import SELF_APPROVAL, chained_champion, model_events, promotion_requests
from monitoring.records.tables import EventRow
from service.app import create_app
from service.auth import Role, mint_token
from service.champion import NOT_IN_CHAIN, STARTUP, adopt_first_champion
from service.settings import Settings
from tests.conftest import Registry
from tests.service.conftest import make_settings
from tests.training.registries import own_registry, register_small_version
from training.promote import loosened_limits
from training.promotion import ask_for_promotion

__all__ = ["own_registry"]  # a fixture, shared with the training tests

LENIENT = GateLimits(max_auc_gap_to_optimum=1.0, max_ece=1.0, max_group_calibration_gap=1.0, max_auc_regression=1.0)
ASKER, APPROVER = "D990001", "D990002"


@pytest.fixture()
def settings(own_registry: Registry, tmp_path: Path) -> Settings:
    return make_settings(own_registry, tmp_path / "service")


@pytest.fixture()
def client(settings: Settings) -> Iterator[TestClient]:
    """A development service on fresh records: it records the copied registry's champion as its first at startup."""
    english = {"Accept-Language": "en"}
    with TestClient(create_app(settings), raise_server_exceptions=False, headers=english) as test_client:
        yield test_client


def _scientist(settings: Settings, subject: str) -> dict[str, str]:
    secret = settings.secret("token_secret")
    token = mint_token(secret=secret, role=Role.DATA_SCIENTIST, subject=subject, office=None, ttl_minutes=30)
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.slow
def test_only_an_approved_move_is_served(client: TestClient, settings: Settings, own_registry: Registry) -> None:
    asker, approver = _scientist(settings, ASKER), _scientist(settings, APPROVER)
    first = own_registry.version
    model = client.get("/v1/model", headers=asker).json()
    assert (model["version"], model["chain_checked"], model["ignored_alias"]) == (first, True, None)

    second = register_small_version(own_registry, champion=first)
    MlflowClient(tracking_uri=own_registry.tracking_uri).set_registered_model_alias(
        own_registry.name, CHAMPION_ALIAS, second
    )
    assert client.post("/v1/admin/reload", headers=asker).json() == {"version": first, "changed": False}
    model = client.get("/v1/model", headers=asker).json()
    assert (model["version"], model["ignored_alias"]) == (first, second)

    sessions = client.app.state.sessions  # type: ignore[attr-defined]
    asked = ask_for_promotion(
        sessions,
        name=own_registry.name,
        tracking_uri=own_registry.tracking_uri,
        cache_dir=settings.model_cache_dir,
        version=second,
        gates=LENIENT,
        loosened=loosened_limits(LENIENT, overrides={"max_ece": 1.0}),
        reason="A smaller model for the test.",
        review="none",
        by=ASKER,
        caller=ASKER,
    )
    pending = client.get("/v1/model/promotions", params={"status": "pending"}, headers=approver).json()
    assert [(p["id"], p["version"], p["requested_by"]) for p in pending] == [(asked.request.id, second, ASKER)]
    assert {"limit": "max_ece", "value": 1.0, "default": 0.02, "source": "command line"} in pending[0]["loosened"]

    own = client.post(f"/v1/model/promotions/{asked.request.id}/approval", headers=asker)
    assert own.status_code == 409 and own.json()["detail"] == str(ConflictError(SELF_APPROVAL, actor=ASKER))
    approved = client.post(f"/v1/model/promotions/{asked.request.id}/approval", headers=approver)
    assert approved.status_code == 200, approved.text
    assert (approved.json()["status"], approved.json()["decided_by"]) == ("approved", APPROVER)
    model = client.get("/v1/model", headers=asker).json()
    assert (model["version"], model["ignored_alias"]) == (second, None)

    back = ask_for_promotion(
        sessions,
        name=own_registry.name,
        tracking_uri=own_registry.tracking_uri,
        cache_dir=settings.model_cache_dir,
        version=first,
        gates=LENIENT,
        loosened=[],
        reason="Back to the first model.",
        review="none",
        by=APPROVER,
        caller=APPROVER,
    )
    assert back.request.rollback
    rejected = client.post(
        f"/v1/model/promotions/{back.request.id}/rejection", json={"reason": "Keep the new one."}, headers=asker
    )
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    assert chained_champion(sessions, model=own_registry.name) == second
    again = client.post(f"/v1/model/promotions/{back.request.id}/approval", headers=asker)
    assert again.status_code == 409
    assert client.post("/v1/model/promotions/no-such-id/approval", headers=asker).status_code == 404


def _events(settings: Settings) -> list[EventRow]:
    engine = make_engine(settings.database_url)
    try:
        return model_events(session_factory(engine))
    finally:
        engine.dispose()


def test_a_fresh_development_service_records_its_first_champion_once(
    settings: Settings, own_registry: Registry
) -> None:
    first = own_registry.version
    with TestClient(create_app(settings), raise_server_exceptions=False) as started:
        model = started.get("/v1/model", headers=_scientist(settings, ASKER)).json()
        assert (model["version"], model["chain_checked"], model["ignored_alias"]) == (first, True, None)
        assert started.get("/readyz").json()["model_version"] == first
        sessions = started.app.state.sessions  # type: ignore[attr-defined]
        (request,) = promotion_requests(sessions, model=own_registry.name)
        listed = model_event_rows(sessions)
    assert [e.kind for e in _events(settings)] == ["promotion_requested", "promotion_approved", "alias_moved"]
    assert (request.version, request.status, request.self_approved_bootstrap) == (first, "approved", True)
    assert (request.requested_by, request.decided_by, request.caller) == (STARTUP, STARTUP, STARTUP)
    assert request.gates == () and "no gates were run" in request.reason  # the service runs none, and says so
    assert listed["self_approved_bootstrap"].tolist() == [False, True, False]  # the flag the audit report shows
    tags = MlflowClient(tracking_uri=own_registry.tracking_uri).get_model_version(own_registry.name, first).tags
    assert (tags["promoted_by"], tags["approved_by"], tags["self_approved_bootstrap"]) == (STARTUP, STARTUP, "true")
    assert json.loads(tags["promotion_gates"]) == []

    with TestClient(create_app(settings), raise_server_exceptions=False) as restarted:  # the same records
        assert restarted.get("/readyz").json()["model_version"] == first
    assert len(_events(settings)) == 3  # a second start records nothing


def test_starts_at_once_on_fresh_records_record_one_first_champion(
    settings: Settings, own_registry: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers or replicas starting at once: a second start that read the chain before the first one wrote (empty,
    then with the request still pending) appends nothing: the idempotency keys return the first start's events."""
    with TestClient(create_app(settings), raise_server_exceptions=False) as started:
        sessions = started.app.state.sessions  # type: ignore[attr-defined]
        recorded = model_events(sessions)
        stale = iter([[], recorded[:1]])  # what the second start read: nothing, then the request alone

        def read(sessions: sessionmaker[Session], **bounds: object) -> list[EventRow]:
            return next(stale, recorded[:1])

        monkeypatch.setattr(model_events_module, "model_events", read)
        again = model_events_module.adopt_registry_champion(
            sessions, model=own_registry.name, tracking_uri=own_registry.tracking_uri, by=STARTUP
        )
        monkeypatch.undo()
        assert again is not None and again.id == recorded[0].id
        assert [(e.id, e.kind) for e in model_events(sessions)] == [(e.id, e.kind) for e in recorded]
        assert adopt_first_champion(sessions, name=own_registry.name, tracking_uri=own_registry.tracking_uri) is None


@pytest.mark.slow
def test_an_alias_moved_in_mlflow_before_a_restart_is_not_recorded(settings: Settings, own_registry: Registry) -> None:
    first = own_registry.version
    with TestClient(create_app(settings), raise_server_exceptions=False) as started:
        assert started.get("/readyz").json()["model_version"] == first
    second = register_small_version(own_registry, champion=first)
    MlflowClient(tracking_uri=own_registry.tracking_uri).set_registered_model_alias(
        own_registry.name, CHAMPION_ALIAS, second
    )
    with TestClient(create_app(settings), raise_server_exceptions=False) as restarted:
        model = restarted.get("/v1/model", headers=_scientist(settings, ASKER)).json()
        assert (model["version"], model["ignored_alias"]) == (first, second)
    assert len(_events(settings)) == 3  # only the first start's bootstrap


def test_a_production_service_serves_nothing_until_a_second_person_approves(
    own_registry: Registry, tmp_path: Path
) -> None:
    settings = make_settings(own_registry, tmp_path / "service", environment="production")
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        ready = test_client.get("/readyz")
        assert ready.status_code == 503
        not_in_chain = ModelUnavailableError(NOT_IN_CHAIN, name=own_registry.name)
        assert ready.json()["model"] == f"no champion loaded: {not_in_chain}"
        assert _events(settings) == []  # the registry's alias alone is not adopted in production
        asker, approver = _scientist(settings, ASKER), _scientist(settings, APPROVER)
        assert test_client.get("/v1/model", headers=asker).status_code == 503

        state = test_client.app.state  # type: ignore[attr-defined]
        asked = ask_for_promotion(
            state.sessions,
            name=own_registry.name,
            tracking_uri=own_registry.tracking_uri,
            cache_dir=settings.model_cache_dir,
            version=own_registry.version,
            gates=LENIENT,
            loosened=[],
            reason="The first model of this install.",
            review="none",
            by=ASKER,
            caller=ASKER,
        )
        assert test_client.get("/readyz").status_code == 503  # asked, not approved
        approved = test_client.post(f"/v1/model/promotions/{asked.request.id}/approval", headers=approver)
        assert approved.status_code == 200, approved.text
        assert approved.json()["self_approved_bootstrap"] is False
        assert test_client.get("/readyz").json()["model_version"] == own_registry.version
