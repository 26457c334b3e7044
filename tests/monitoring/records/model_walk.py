"""Driving a model's promotions through the records: requests, approvals, rejections, with the MLflow copy replaced
by a list of what would have been copied (the records tests need no registry)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pytest
from sqlalchemy.orm import Session, sessionmaker

from monitoring.records import model_events
from monitoring.records.model_events import (
    PromotionRequest,
    approve_promotion,
    reject_promotion,
    request_promotion,
)

MODEL = "jobseeker-risk"
REGISTRY = "sqlite:///not-used.db"
ASKER, APPROVER = "D990001", "D990002"
GATES = ({"gate": "ece", "status": "pass", "value": 0.012, "limit": 0.02, "note": ""},)
LOOSENED = ({"limit": "max_ece", "value": 0.05, "default": 0.02, "source": "command line"},)


@dataclass
class Copies:
    """What the records would have copied into the registry: ``(version, tags, moved_alias)``."""

    made: list[tuple[str, Mapping[str, str], bool]] = field(default_factory=list)


def offline_registry(monkeypatch: pytest.MonkeyPatch) -> Copies:
    """Replace the registry copies of :mod:`monitoring.records.model_events` by a list."""
    copies = Copies()

    def tag(*, name: str, version: str, tracking_uri: str, tags: Mapping[str, str]) -> None:
        copies.made.append((version, tags, False))

    def move(*, name: str, version: str, tracking_uri: str, tags: Mapping[str, str]) -> None:
        copies.made.append((version, tags, True))

    monkeypatch.setattr(model_events, "tag_version", tag)
    monkeypatch.setattr(model_events, "set_champion_alias", move)
    return copies


@dataclass
class ModelWalk:
    sessions: sessionmaker[Session]

    def request(
        self, version: str, *, by: str = ASKER, champion: str | None = None, rollback: bool = False
    ) -> PromotionRequest:
        return request_promotion(
            self.sessions,
            model=MODEL,
            version=version,
            champion=champion,
            rollback=rollback,
            gates=GATES,
            loosened=LOOSENED,
            reason="Retrained on the 2026 registrations.",
            review="DPIA-2026-07",
            caller=by,
            actor=by,
            tracking_uri=REGISTRY,
        )

    def approve(self, request_id: str, *, by: str = APPROVER) -> PromotionRequest:
        return approve_promotion(self.sessions, request_id=request_id, caller=by, actor=by, tracking_uri=REGISTRY)

    def reject(self, request_id: str, *, by: str = APPROVER) -> PromotionRequest:
        return reject_promotion(
            self.sessions,
            request_id=request_id,
            caller=by,
            actor=by,
            reason="The ECE limit was loosened without a review.",
            tracking_uri=REGISTRY,
        )
