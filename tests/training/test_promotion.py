"""Four eyes on a real registry: a request with its gates and loosened limits, self-approval refused, an approval
that moves the chain's champion and the registry's alias, and a rollback that is an approved operation whose
regression gate either says why it is skipped or compares both versions on one common holdout."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from sklearn.metrics import roc_auc_score
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConflictError
from models.gates import GateLimits
from models.registry import champion_version, load_version
from monitoring.records.db import make_engine, session_factory, upgrade
from monitoring.records.model_events import SELF_APPROVAL, approve_promotion, chained_champion
from tests.conftest import Registry
from tests.training.registries import own_registry, register_small_version
from training.data import prepare
from training.population import simulate_population
from training.promote import loosened_limits
from training.promotion import Asked, Holdout, ask_for_promotion, bootstrap_champion

LENIENT = GateLimits(max_auc_gap_to_optimum=1.0, max_ece=1.0, max_group_calibration_gap=1.0, max_auc_regression=1.0)
ALICE, BOB = "D990001", "D990002"

__all__ = ["own_registry"]  # a fixture of these tests


@dataclass(frozen=True)
class Governed:
    registry: Registry
    sessions: sessionmaker[Session]
    first: str
    second: str

    def ask(self, version: str, *, by: str = ALICE, holdout: Holdout | None = None) -> Asked:
        return ask_for_promotion(
            self.sessions,
            name=self.registry.name,
            tracking_uri=self.registry.tracking_uri,
            cache_dir=self.registry.data_dir / "model-cache",
            version=version,
            gates=LENIENT,
            loosened=loosened_limits(LENIENT, overrides={"max_ece": 1.0}),
            reason="Retrained on the latest registrations.",
            review="DPIA-2026-07",
            by=by,
            caller=f"cli:{by}",
            holdout=holdout,
        )

    def approve(self, request_id: str, *, by: str = BOB) -> None:
        approve_promotion(
            self.sessions, request_id=request_id, caller=f"cli:{by}", actor=by, tracking_uri=self.registry.tracking_uri
        )

    @property
    def served(self) -> tuple[str | None, str | None]:
        """The chain's champion and the registry's alias."""
        name, uri = self.registry.name, self.registry.tracking_uri
        return chained_champion(self.sessions, model=name), champion_version(name=name, tracking_uri=uri)


@pytest.fixture()
def governed(own_registry: Registry, tmp_path: Path) -> Governed:
    """The session's champion as the chain's first (bootstrapped) champion, and a second registered version."""
    engine = make_engine(f"sqlite:///{tmp_path / 'records.db'}")
    upgrade(engine)
    sessions = session_factory(engine)
    bootstrap_champion(
        sessions,
        name=own_registry.name,
        tracking_uri=own_registry.tracking_uri,
        cache_dir=tmp_path / "model-cache",
        version=own_registry.version,
        gates=LENIENT,
        by=ALICE,
        caller=f"cli:{ALICE}",
    )
    second = register_small_version(own_registry, champion=own_registry.version)
    return Governed(own_registry, sessions, own_registry.version, second)


@pytest.mark.slow
def test_a_promotion_needs_a_second_person_and_then_moves_both(governed: Governed) -> None:
    asked = governed.ask(governed.second)
    request = asked.request
    assert not request.rollback and request.champion == governed.first
    loosened = {item["limit"]: item for item in request.loosened}
    assert loosened["max_ece"] == {"limit": "max_ece", "value": 1.0, "default": 0.02, "source": "command line"}
    assert loosened["max_auc_regression"]["source"] == "PROFILING_GATE_MAX_AUC_REGRESSION" and len(loosened) == 4
    regression = {g["gate"]: g for g in request.gates}["auc_regression"]
    assert regression["note"] == "on the candidate's test split" and regression["value"] is not None
    assert governed.served == (governed.first, governed.first)

    with pytest.raises(ConflictError, match=str(ConflictError(SELF_APPROVAL, actor=ALICE))):
        governed.approve(request.id, by=ALICE)
    assert governed.served == (governed.first, governed.first)
    governed.approve(request.id)
    assert governed.served == (governed.second, governed.second)


@pytest.mark.slow
def test_rolling_back_is_promoting_the_earlier_version_again(governed: Governed) -> None:
    governed.approve(governed.ask(governed.second).request.id)

    back = governed.ask(governed.first, by=BOB)
    assert back.request.rollback and back.request.champion == governed.second
    regression = {r.gate: r for r in back.gates}["auc_regression"]
    assert regression.status == "not applicable" and "rollback to a former champion" in regression.note
    governed.approve(back.request.id, by=ALICE)
    assert governed.served == (governed.first, governed.first)


@pytest.mark.slow
def test_a_rollback_compares_both_versions_on_a_common_holdout(governed: Governed) -> None:
    governed.approve(governed.ask(governed.second).request.id)
    holdout = simulate_population(1_500, seed=23)

    back = governed.ask(governed.first, by=BOB, holdout=Holdout(holdout, "recent rows"))
    regression = {r.gate: r for r in back.gates}["auc_regression"]
    frame = prepare(holdout, minimum_rows=1)
    registry = governed.registry
    auc = {
        version: roc_auc_score(
            frame["label"],
            load_version(
                name=registry.name,
                version=version,
                tracking_uri=registry.tracking_uri,
                cache_dir=registry.data_dir / "model-cache",
            ).model.score_frame(frame)["risk"],
        )
        for version in (governed.first, governed.second)
    }
    assert regression.value == pytest.approx(auc[governed.second] - auc[governed.first], abs=1e-9)
    assert regression.note == f"both versions on a common holdout of {len(frame)} rows (recent rows)"
    assert regression.status == "pass"
