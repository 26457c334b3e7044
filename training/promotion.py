"""Four eyes on the ``champion`` alias, from the command line: ask for a promotion (or a rollback) with the gates'
results, and, in development, the quick start's first champion approved by the same process.

A request is appended to the records database as a ``promotion_requested`` event
(:mod:`monitoring.records.model_events`); a different data scientist approves or rejects it there (``python -m
training approve|reject`` or the service's ``/v1/model/promotions``), and only an approval moves the alias. The
records database is the one the service writes (``PROFILING_DATABASE_URL``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy.orm import Session, sessionmaker

from models.errors import InvalidInputError
from models.gates import GateLimits
from monitoring.records.model_events import (
    PromotionRequest,
    approve_promotion,
    chained_champion,
    champion_moves,
    request_promotion,
)
from training.promote import (
    GateResult,
    candidate_metrics,
    check_gates,
    compare_on_holdout,
    gate_records,
    refuse_failed,
)

REASON_REQUIRED = "a promotion needs a reason (--reason): what changed and why"
BOOTSTRAP_REASON = "default model of a fresh install"


@dataclass(frozen=True)
class Holdout:
    """Labelled rows in the profile schema on which the regression gate compares both versions, and their source."""

    frame: pd.DataFrame
    source: str


@dataclass(frozen=True)
class Asked:
    """A recorded request and the gates it passed."""

    request: PromotionRequest
    gates: list[GateResult]


def development() -> bool:
    """Whether this is a development install (``PROFILING_ENVIRONMENT``, default ``development``, as the service)."""
    return os.environ.get("PROFILING_ENVIRONMENT", "development") == "development"


def ask_for_promotion(
    sessions: sessionmaker[Session],
    *,
    name: str,
    tracking_uri: str,
    cache_dir: Path,
    version: str | None,
    gates: GateLimits,
    loosened: list[dict[str, object]],
    reason: str,
    review: str,
    by: str,
    caller: str,
    holdout: Holdout | None = None,
    policy_version: str | None = None,
) -> Asked:
    """Run the gates on ``version`` (default: the newest) against the chain's champion and record a request.

    A version that was champion before is a rollback. ``holdout``, when given, is where the regression gate compares
    both versions (:func:`training.promote.compare_on_holdout`). ``policy_version`` names the new policy when the
    request changes it (:mod:`training.set_policy`).

    Raises
    ------
    InvalidInputError
        When ``reason`` is empty, or the holdout does not fit the schema.
    PromotionRefusedError
        Naming each failed gate; nothing is recorded in the chain (the refusal is tagged on the version).
    ConflictError
        When ``version`` is champion already.
    ModelUnavailableError, StorageUnavailableError
        When the registry or the records cannot be reached.
    """
    if not reason.strip():
        raise InvalidInputError(REASON_REQUIRED)
    version, metrics = candidate_metrics(name=name, tracking_uri=tracking_uri, version=version)
    champion = chained_champion(sessions, model=name)
    rollback = version in {move.payload["version"] for move in champion_moves(sessions, model=name)}
    common = None
    if holdout is not None and champion is not None and champion != version:
        common = compare_on_holdout(
            holdout.frame,
            name=name,
            tracking_uri=tracking_uri,
            cache_dir=cache_dir,
            candidate=version,
            champion=champion,
            source=holdout.source,
        )
    results = check_gates(metrics, gates=gates, current_champion=champion, common=common, rollback=rollback)
    refuse_failed(results, name=name, version=version, tracking_uri=tracking_uri, by=by)
    request = request_promotion(
        sessions,
        model=name,
        version=version,
        champion=champion,
        rollback=rollback,
        gates=gate_records(results),
        loosened=loosened,
        reason=reason,
        review=review,
        caller=caller,
        actor=by,
        tracking_uri=tracking_uri,
        policy_version=policy_version,
    )
    return Asked(request, results)


def bootstrap_champion(
    sessions: sessionmaker[Session],
    *,
    name: str,
    tracking_uri: str,
    cache_dir: Path,
    version: str,
    gates: GateLimits,
    by: str,
    caller: str,
) -> Asked:
    """The quick start's first champion: ask and approve in one process, flagged ``self_approved_bootstrap``.

    Raises
    ------
    ConflictError
        When the chain holds a champion of ``name`` already (then a second data scientist approves).
    PromotionRefusedError
        Naming each failed gate.
    """
    asked = ask_for_promotion(
        sessions,
        name=name,
        tracking_uri=tracking_uri,
        cache_dir=cache_dir,
        version=version,
        gates=gates,
        loosened=[],
        reason=BOOTSTRAP_REASON,
        review="",
        by=by,
        caller=caller,
    )
    approved = approve_promotion(
        sessions,
        request_id=asked.request.id,
        caller=caller,
        actor=by,
        tracking_uri=tracking_uri,
        self_approved_bootstrap=True,
    )
    return Asked(approved, asked.gates)
