"""The policy as a versioned artefact in training and governance: a capacity policy trained in fills its capacities
on the calibration split and is logged with the version; ``set-policy`` registers the same model with a new policy
and asks for it, a second data scientist approves, the service serves it and new assessments name its version; bad
input writes nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from fastapi.testclient import TestClient
from mlflow import MlflowClient
from mlflow.artifacts import download_artifacts
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConflictError, InvalidInputError, ModelUnavailableError, ProfilingError
from models.gates import GateLimits
from models.policy import FollowUpLevel, suggest_columns
from models.policy_file import DEFAULT_POLICY_FILE, RESOLVED_FILE, STATED_FILE, read_policy
from models.registry import load_version
from models.risk_model import REFERENCE_FILE
from monitoring.records.db import make_engine, session_factory, upgrade
from monitoring.records.model_events import model_events, promotion_requests
from service.app import create_app
from service.auth import Role, mint_token
from service.settings import Settings
from tests.conftest import Registry
from tests.service.conftest import OFFICE, assessment_body, make_settings
from tests.training.registries import own_registry
from training.data import prepare, temporal_split
from training.pipeline import run_training
from training.population import simulate_population
from training.set_policy import REVIEW_REQUIRED, set_policy
from training.train import TrainConfig

__all__ = ["own_registry"]  # a fixture of these tests

LENIENT = GateLimits(max_auc_gap_to_optimum=1.0, max_ece=1.0, max_group_calibration_gap=1.0, max_auc_regression=1.0)
ASKER, APPROVER = "D990001", "D990002"
TAILORED, SITUATIONAL = FollowUpLevel.SPESIELT_TILPASSET_INNSATS.value, FollowUpLevel.SITUASJONSBESTEMT_INNSATS.value
FLAGS = "[flags]\nwide_range = 0.2\nshort_residence_years = 3.0\nrepeat_spells = 2\n"


def _capacity_file(directory: Path, tailored: float, situational: float) -> Path:
    path = directory / f"capacity-{tailored}-{situational}.toml"
    path.write_text(f"[capacities]\n{TAILORED} = {tailored}\n{SITUATIONAL} = {situational}\n" + FLAGS)
    return path


def _shares_within_ties(levels: np.ndarray, risk: np.ndarray, capacities: dict[str, float]) -> None:
    """Each level's share is at most its capacity and short of it by no more than the largest tie of risks."""
    n, ties = len(risk), int(np.unique(risk, return_counts=True)[1].max())
    for level, capacity in capacities.items():
        share = float(np.mean(levels == level))
        assert capacity - (ties + 1) / n <= share <= capacity + 1 / n, (level, share, capacity)


@pytest.mark.slow
def test_training_resolves_capacities_on_the_calibration_split_and_logs_the_policy(tmp_path: Path) -> None:
    policy_file = _capacity_file(tmp_path, 0.08, 0.45)
    population = simulate_population(6_000, seed=21)
    uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    result = run_training(
        population,
        config=TrainConfig(members=1, max_trees=30, min_child_samples=50, policy=read_policy(policy_file)),
        name="policy-risk",
        tracking_uri=uri,
        artifact_root=tmp_path / "mlartifacts",
        cache_dir=tmp_path / "model-cache",
        data_description="a small population",
    )
    model = load_version(name="policy-risk", version=result.version, tracking_uri=uri, cache_dir=tmp_path / "c").model
    assert model.policy.capacities == {TAILORED: 0.08, SITUATIONAL: 0.45}

    _, calibration, _ = temporal_split(prepare(population))
    scored = model.score_frame(calibration)  # the suggestions the service would make for these rows
    risk = scored["risk"].to_numpy()
    _shares_within_ties(scored["suggested_level"].to_numpy(), risk, {TAILORED: 0.08, SITUATIONAL: 0.45})

    client = MlflowClient(tracking_uri=uri)
    version = client.get_model_version("policy-risk", result.version)
    assert version.tags["policy_version"] == model.policy.version
    logged = Path(download_artifacts(run_id=result.run_id, dst_path=str(tmp_path / "run"), tracking_uri=uri))
    assert (logged / STATED_FILE).read_text() == policy_file.read_text()
    assert json.loads((logged / RESOLVED_FILE).read_text()) == model.policy.to_dict()


@pytest.fixture()
def settings(own_registry: Registry, tmp_path: Path) -> Settings:
    return make_settings(own_registry, tmp_path / "service")


@pytest.fixture()
def client(settings: Settings) -> Iterator[TestClient]:
    """A development service on fresh records: it records the copied registry's champion as its first at startup."""
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


def _headers(settings: Settings, role: Role, subject: str) -> dict[str, str]:
    office = OFFICE if role is Role.COUNSELLOR else None
    token = mint_token(
        secret=settings.secret("token_secret"), role=role, subject=subject, office=office, ttl_minutes=30
    )
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.slow
def test_a_policy_change_is_approved_by_another_person_and_then_served(
    client: TestClient, settings: Settings, own_registry: Registry, tmp_path: Path
) -> None:
    asker, approver = _headers(settings, Role.DATA_SCIENTIST, ASKER), _headers(settings, Role.DATA_SCIENTIST, APPROVER)
    first = client.get("/v1/model", headers=asker).json()
    before = client.post("/v1/assessments", json=assessment_body(), headers=_headers(settings, Role.COUNSELLOR, "Z1"))
    assert before.json()["policy_version"] == first["policy"]["version"]

    sessions = client.app.state.sessions  # type: ignore[attr-defined]
    change = set_policy(
        sessions,
        name=own_registry.name,
        tracking_uri=own_registry.tracking_uri,
        cache_dir=settings.model_cache_dir,
        artifact_root=own_registry.data_dir / "mlartifacts",
        source=own_registry.version,
        policy=_capacity_file(tmp_path, 0.10, 0.45),
        gates=LENIENT,
        reason="Fewer counsellors for close follow-up next year.",
        review="DPIA-2026-09",
        by=ASKER,
        caller=ASKER,
    )
    new = change.policy
    assert change.version != own_registry.version and new.version != first["policy"]["version"]
    request = change.asked.request
    assert (request.version, request.policy_version, request.champion) == (
        change.version,
        new.version,
        first["version"],
    )
    regression = {g["gate"]: g for g in request.gates}["auc_regression"]
    assert (regression["status"], regression["value"]) == ("pass", 0.0)  # the same trained model

    # the new version holds the same trained model with the new policy, and its reference shows the new suggestions
    loaded = load_version(
        name=own_registry.name, version=change.version, tracking_uri=own_registry.tracking_uri, cache_dir=tmp_path / "c"
    )
    source = load_version(
        name=own_registry.name,
        version=own_registry.version,
        tracking_uri=own_registry.tracking_uri,
        cache_dir=tmp_path / "c",
    )
    assert (
        loaded.model.policy == new and loaded.model.booster.model_to_string() == source.model.booster.model_to_string()
    )
    reference = pd.read_parquet(loaded.bundle_dir / REFERENCE_FILE)
    risk = reference["risk"].to_numpy()
    expected = suggest_columns(reference, risk=risk, lower=reference["lower"], upper=reference["upper"], config=new)
    assert reference["suggested_level"].tolist() == expected.levels.tolist()
    _shares_within_ties(reference["suggested_level"].to_numpy(), risk, {TAILORED: 0.10, SITUATIONAL: 0.45})
    assert change.shares == pytest.approx(reference["suggested_level"].value_counts(normalize=True).to_dict())
    version = MlflowClient(tracking_uri=own_registry.tracking_uri).get_model_version(own_registry.name, change.version)
    assert version.tags["policy_version"] == new.version and version.tags["policy_set_from_version"] == first["version"]

    (requested,) = [e for e in model_events(sessions) if e.id == request.id]
    assert requested.payload["policy_version"] == new.version  # the chain shows the policy change

    # not served until a second data scientist approves
    assert client.get("/v1/model", headers=asker).json()["version"] == first["version"]
    pending = client.get("/v1/model/promotions", params={"status": "pending"}, headers=approver).json()
    assert [(p["version"], p["policy_version"]) for p in pending] == [(change.version, new.version)]
    assert client.post(f"/v1/model/promotions/{request.id}/approval", headers=asker).status_code == 409
    approved = client.post(f"/v1/model/promotions/{request.id}/approval", headers=approver)
    assert approved.status_code == 200, approved.text

    served = client.get("/v1/model", headers=asker).json()
    assert served["version"] == change.version
    assert served["policy"] == new.to_dict()
    assert served["policy"]["capacities"] == {TAILORED: 0.10, SITUATIONAL: 0.45}
    after = client.post("/v1/assessments", json=assessment_body(), headers=_headers(settings, Role.COUNSELLOR, "Z1"))
    assert after.status_code == 201, after.text
    assert after.json()["policy_version"] == new.version
    read = client.get(f"/v1/assessments/{before.json()['id']}", headers=_headers(settings, Role.AUDITOR, "A1"))
    assert read.json()["policy_version"] == first["policy"]["version"]  # an older record keeps its version


@pytest.fixture()
def records(tmp_path: Path) -> sessionmaker[Session]:
    engine = make_engine(f"sqlite:///{tmp_path / 'records.db'}")
    upgrade(engine)
    return session_factory(engine)


BAD_INPUTS = [
    pytest.param({"reason": " "}, InvalidInputError, "a promotion needs a reason", id="no reason"),
    pytest.param({"review": ""}, InvalidInputError, REVIEW_REQUIRED, id="no review"),
    pytest.param(
        {"policy": "[capacities]\nVARIG_TILPASSET_INNSATS = 0.1\n" + FLAGS},
        InvalidInputError,
        "permanent levels are never suggested",
        id="permanent level",
    ),
    pytest.param(
        {"policy": f"[capacities]\n{TAILORED} = 0.01\n{SITUATIONAL} = 0.01\n" + FLAGS},
        InvalidInputError,
        "report a hindrance",
        id="capacities that cannot work",
    ),
    pytest.param({"policy": DEFAULT_POLICY_FILE.read_text()}, ConflictError, "has policy", id="the same policy"),
    pytest.param({"source": "999"}, ModelUnavailableError, "999", id="no such version"),
]


@pytest.mark.parametrize(("change", "error", "message"), BAD_INPUTS)
def test_bad_input_writes_nothing(
    own_registry: Registry,
    records: sessionmaker[Session],
    tmp_path: Path,
    change: dict[str, str],
    error: type[ProfilingError],
    message: str,
) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(change.get("policy", f"[capacities]\n{TAILORED} = 0.1\n{SITUATIONAL} = 0.45\n" + FLAGS))
    mlflow = MlflowClient(tracking_uri=own_registry.tracking_uri)
    versions = len(mlflow.search_model_versions(f"name='{own_registry.name}'"))
    runs = len(mlflow.search_runs(experiment_ids=[e.experiment_id for e in mlflow.search_experiments()]))
    with pytest.raises(error, match=re.escape(message)):
        set_policy(
            records,
            name=own_registry.name,
            tracking_uri=own_registry.tracking_uri,
            cache_dir=tmp_path / "model-cache",
            artifact_root=tmp_path / "mlartifacts",
            source=change.get("source", own_registry.version),
            policy=policy,
            gates=LENIENT,
            reason=change.get("reason", "Fewer counsellors next year."),
            review=change.get("review", "DPIA-2026-09"),
            by=ASKER,
            caller=ASKER,
        )
    assert len(mlflow.search_model_versions(f"name='{own_registry.name}'")) == versions
    assert len(mlflow.search_runs(experiment_ids=[e.experiment_id for e in mlflow.search_experiments()])) == runs
    assert model_events(records) == [] and promotion_requests(records) == []
