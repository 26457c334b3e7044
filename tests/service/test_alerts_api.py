"""The latest stored evaluation of the alerts at GET /v1/audit/alerts and on /metrics (one series per kind), the
example Prometheus rules against /metrics, and a published head given to GET /v1/audit/verify."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text

from models.errors import RecordNotFoundError
from monitoring.analysis.alert_messages import AlertMessage
from monitoring.analysis.alerts import CHAIN_BROKEN, Alert, AlertKind
from monitoring.records.alert_evaluations import NO_EVALUATION, record_alert_evaluation
from monitoring.records.head import HEAD_FIELDS, NO_PUBLIC_KEY, WRONG_SIGNATURE, sign_head
from service.app import create_app
from service.auth import Role, mint_token
from service.metrics import ALERTS_EVALUATED_METRIC, ALERTS_METRIC
from tests.conftest import Registry
from tests.service.conftest import OFFICE, assessment_body, make_settings

Headers = Callable[..., dict[str, str]]
RULES = Path(__file__).parents[2] / "docs" / "prometheus-alerts.yml"
EVALUATED_AT = dt.datetime(2026, 12, 3, 6, 0, tzinfo=dt.UTC)
_COUNTS = {"overrides": 0, "n": 40, "rate": 0.0, "confidence": 0.95, "rate_low": 0.0, "rate_high": 0.088}
STORED = [
    alert.as_dict()
    for alert in (
        Alert(
            AlertKind.OVERRIDES,
            "overrides",
            AlertMessage("too_few_overrides_office", _COUNTS | {"office": "1103", "share_limit": 0.02}),
        ),
        Alert(
            AlertKind.DRIFT,
            "drift",
            AlertMessage("input_drift", {"share": 0.4, "share_limit": 0.3, "columns": ["age"]}),
        ),
        Alert(
            AlertKind.OVERRIDES, "overrides", AlertMessage("too_few_overrides_overall", _COUNTS | {"share_limit": 0.02})
        ),
        Alert(AlertKind.CHAIN, "chain", AlertMessage(CHAIN_BROKEN, {"breaks": 1})),
    )
]
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))


def _metrics(client: TestClient) -> dict[str, dict[tuple[tuple[str, str], ...], float]]:
    response = client.get("/metrics")
    assert response.status_code == 200
    return {
        family.name: {tuple(sorted(sample.labels.items())): sample.value for sample in family.samples}
        for family in text_string_to_metric_families(response.text)
    }


def test_before_any_evaluation_there_are_no_alerts_to_show(client: TestClient, token: Headers) -> None:
    response = client.get("/v1/audit/alerts", headers=token(Role.AUDITOR))
    assert response.status_code == 404 and response.json()["detail"] == RecordNotFoundError(NO_EVALUATION).detail("en")
    assert ALERTS_METRIC not in _metrics(client) and ALERTS_EVALUATED_METRIC not in _metrics(client)


def test_an_evaluation_stored_before_the_keys_still_reads_with_its_message(client: TestClient, token: Headers) -> None:
    sessions = client.app.state.sessions  # type: ignore[attr-defined]
    old = {"kind": "chain", "section": "chain", "message": "the records do not hold in 1 place(s)"}
    record_alert_evaluation(sessions, evaluated_at=EVALUATED_AT, since=None, until=None, alerts=[old])
    response = client.get("/v1/audit/alerts", headers=token(Role.AUDITOR))
    assert response.status_code == 200, response.text
    assert response.json()["alerts"] == [old | {"key": None, "params": {}}]


def test_the_latest_evaluation_is_shown_exactly_by_the_api_and_on_metrics(client: TestClient, token: Headers) -> None:
    sessions = client.app.state.sessions  # type: ignore[attr-defined]
    record_alert_evaluation(
        sessions, evaluated_at=EVALUATED_AT - dt.timedelta(days=1), since=None, until=None, alerts=STORED[:1]
    )
    since = EVALUATED_AT - dt.timedelta(days=30)
    record_alert_evaluation(sessions, evaluated_at=EVALUATED_AT, since=since, until=EVALUATED_AT, alerts=STORED)
    response = client.get("/v1/audit/alerts", headers=token(Role.AUDITOR))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["alerts"] == STORED
    assert dt.datetime.fromisoformat(body["evaluated_at"]) == EVALUATED_AT
    assert dt.datetime.fromisoformat(body["since"]) == since
    expected = {kind.value: sum(alert["kind"] == kind.value for alert in STORED) for kind in AlertKind}
    assert body["counts"] == expected
    gauges = _metrics(client)[ALERTS_METRIC]
    assert gauges == {(("kind", kind),): float(count) for kind, count in expected.items()}
    assert set(dict(labels)["kind"] for labels in gauges) == {kind.value for kind in AlertKind}
    assert _metrics(client)[ALERTS_EVALUATED_METRIC] == {(): EVALUATED_AT.timestamp()}
    assert client.get("/v1/audit/alerts", headers=token(Role.DATA_SCIENTIST)).status_code == 403


def test_the_example_prometheus_rules_parse_and_use_only_metrics_the_service_exposes(client: TestClient) -> None:
    document = yaml.safe_load(RULES.read_text())
    rules = [rule for group in document["groups"] for rule in group["rules"]]
    assert rules
    sessions = client.app.state.sessions  # type: ignore[attr-defined]
    record_alert_evaluation(sessions, evaluated_at=EVALUATED_AT, since=None, until=EVALUATED_AT, alerts=STORED)
    exposed = set(_metrics(client))
    assert ALERTS_METRIC in exposed
    for rule in rules:
        assert {"alert", "expr", "labels", "annotations"} <= set(rule), rule
        used = set(re.findall(r"\bprofiling_[a-z_]+", rule["expr"]))
        assert used and used <= exposed, (rule["alert"], used - exposed)
        for kind in re.findall(r'kind="([a-z_]+)"', rule["expr"]):
            assert kind in {k.value for k in AlertKind}


@pytest.fixture(scope="module")
def keyed_client(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A service that knows the public key of the published heads (and not the signing key)."""
    public = KEY.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    settings = make_settings(registry, tmp_path_factory.mktemp("keyed"), head_public_key=public.decode())
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


def _auditor(client: TestClient, role: Role = Role.AUDITOR) -> dict[str, str]:
    """Headers for the keyed client's service (its own data directory, so its own token secret)."""
    secret = client.app.state.settings.secret("token_secret")  # type: ignore[attr-defined]
    office = OFFICE if role is Role.COUNSELLOR else None
    value = mint_token(secret=secret, role=role, subject="Z990001", office=office, ttl_minutes=30)
    return {"Authorization": f"Bearer {value}"}


def test_a_published_head_is_checked_and_truncation_after_it_reported(keyed_client: TestClient) -> None:
    for _ in range(2):
        made = keyed_client.post(
            "/v1/assessments", json=assessment_body(), headers=_auditor(keyed_client, Role.COUNSELLOR)
        )
        assert made.status_code == 201, made.text
    newest = made.json()["id"]
    chain = keyed_client.get("/v1/audit/verify", headers=_auditor(keyed_client)).json()
    assert chain["ok"] and chain["published_head"] is None
    head = sign_head(head_seq=chain["head_seq"], head_hash=chain["head_hash"], key=KEY, now=EVALUATED_AT)
    signed = {"head_seq": head.head_seq, "head_hash": head.head_hash, "head_time": head.time}
    holds = keyed_client.get(
        "/v1/audit/verify", params={**signed, "head_signature": head.signature}, headers=_auditor(keyed_client)
    ).json()
    assert holds["ok"] and holds["published_head"] == {
        "head_seq": head.head_seq,
        "head_hash": head.head_hash,
        "status": "holds",
        "hash_now": head.head_hash,
        "signature_checked": True,
    }
    forged = sign_head(
        head_seq=head.head_seq, head_hash=head.head_hash, key=Ed25519PrivateKey.generate(), now=EVALUATED_AT
    )
    refused = keyed_client.get(
        "/v1/audit/verify", params={**signed, "head_signature": forged.signature}, headers=_auditor(keyed_client)
    )
    assert refused.status_code == 422 and refused.json()["detail"] == WRONG_SIGNATURE
    with keyed_client.app.state.engine.begin() as connection:  # type: ignore[attr-defined]
        connection.execute(text("DELETE FROM events WHERE assessment_id = :id"), {"id": newest})
        connection.execute(text("DELETE FROM assessments WHERE id = :id"), {"id": newest})
    truncated = keyed_client.get(
        "/v1/audit/verify", params={**signed, "head_signature": head.signature}, headers=_auditor(keyed_client)
    ).json()
    assert truncated["breaks"] == [] and not truncated["ok"]
    assert truncated["published_head"]["status"] == "truncated"
    assert truncated["head_seq"] == head.head_seq - 1


def test_a_head_needs_both_fields_and_a_signed_one_a_public_key(client: TestClient, token: Headers) -> None:
    half = client.get("/v1/audit/verify", params={"head_seq": 1}, headers=token(Role.AUDITOR))
    assert half.status_code == 422 and half.json()["detail"].endswith(HEAD_FIELDS)
    signed = sign_head(head_seq=0, head_hash="0" * 64, key=KEY, now=EVALUATED_AT)
    params = {"head_seq": 0, "head_hash": "0" * 64, "head_time": signed.time, "head_signature": signed.signature}
    unchecked = client.get("/v1/audit/verify", params=params, headers=token(Role.AUDITOR))
    assert unchecked.status_code == 422 and unchecked.json()["detail"] == NO_PUBLIC_KEY
