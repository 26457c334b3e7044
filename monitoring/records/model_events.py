"""Model events in the chain: promotion requests, their approval or rejection, and moves of the ``champion`` alias
(obligations: audit trail, human oversight of the model's life).

A data scientist asks for a version to become champion (:func:`request_promotion`, with the gates' results and any
limit set looser than its default); a *different* data scientist approves (:func:`approve_promotion`) or rejects it
(:func:`reject_promotion`). Only an approval moves the alias: it appends ``promotion_approved`` and ``alias_moved``,
and then copies the move into the MLflow registry (alias and tags, a convenience copy). The service serves the
version of the newest ``alias_moved`` event (:func:`chained_champion`), never an alias moved in MLflow alone. A fresh
install's first champion may be approved by the process that asked (``self_approved_bootstrap``), once per model, so
that the quick start works alone; the flag stays in the chain for the audit report. ``python -m training
ensure-champion`` does so after running the gates; a development service that starts on records holding no model event
of its model records the registry's champion so (:func:`adopt_registry_champion`), without gates, and says so.

What this does not guard: two approvals of one request at the same instant both pass the check (each is appended in
its own transaction) and both are recorded, the later move wins; and, as for every record, the chain proves order and
integrity, not who may insert (a request's ``actor`` is who the caller says they are: on the command line the
``--by`` given, through the API the token's subject).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConflictError, RecordNotFoundError
from models.registry import champion_version, set_champion_alias, tag_version
from monitoring.records.db import storage_errors
from monitoring.records.events import append_event
from monitoring.records.kinds import MODEL_EVENTS, EventKind
from monitoring.records.tables import EventRow

NO_REQUEST = "no_request"
NOT_PENDING = "not_pending"
SELF_APPROVAL = "self_approval"
BOOTSTRAP_NOT_FIRST = "bootstrap_not_first"
BOOTSTRAP_NOT_OWN = "bootstrap_not_own"
ALREADY_CHAMPION = "already_champion"
"""Keys of :data:`models.texts.ERROR_DETAILS`."""
ADOPTED_REASON = (
    "development install: the registry's champion alias, recorded by {by} because the records held no model event "
    "of this model; no gates were run (this process runs none) and no second person approved it"
)


class RequestStatus(StrEnum):
    """Where a promotion request stands."""

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


@dataclass(frozen=True)
class PromotionRequest:
    """A promotion request as the chain holds it, with its decision when there is one."""

    id: str
    requested_at: dt.datetime
    requested_by: str
    caller: str
    model: str
    version: str
    champion: str | None
    """The champion when it was asked."""
    rollback: bool
    gates: tuple[Mapping[str, Any], ...]
    loosened: tuple[Mapping[str, Any], ...]
    reason: str
    review: str
    status: RequestStatus = RequestStatus.PENDING
    decided_by: str | None = None
    decided_at: dt.datetime | None = None
    rejection_reason: str | None = None
    self_approved_bootstrap: bool = False
    policy_version: str | None = None
    """The new policy's version when the request changes the policy (``python -m training set-policy``)."""


def model_events(
    sessions: sessionmaker[Session], *, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> list[EventRow]:
    """Every model event created in ``[since, until)`` (each bound optional), in chain order.

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    stmt = select(EventRow).where(EventRow.kind.in_([k.value for k in MODEL_EVENTS])).order_by(EventRow.seq)
    if since is not None:
        stmt = stmt.where(EventRow.created_at >= since)
    if until is not None:
        stmt = stmt.where(EventRow.created_at < until)
    with storage_errors(), sessions() as session:
        return list(session.scalars(stmt))


def _requests(events: Iterable[EventRow]) -> dict[str, PromotionRequest]:
    """Each request by id, with the approval or rejection that decided it."""
    found: dict[str, PromotionRequest] = {}
    for event in events:
        payload = event.payload
        if event.kind == EventKind.PROMOTION_REQUESTED:
            found[event.id] = PromotionRequest(
                id=event.id,
                requested_at=event.created_at,
                requested_by=event.actor,
                caller=event.caller,
                model=payload["model"],
                version=payload["version"],
                champion=payload["champion"],
                rollback=payload["rollback"],
                gates=tuple(payload["gates"]),
                loosened=tuple(payload["loosened"]),
                reason=payload["reason"],
                review=payload["review"],
                policy_version=payload.get("policy_version"),
            )
        elif event.kind in (EventKind.PROMOTION_APPROVED, EventKind.PROMOTION_REJECTED):
            request = found.get(payload["request_id"])
            if request is None or request.status is not RequestStatus.PENDING:
                continue  # a decision of a request the chain does not hold, or a second one: the first counts
            approved = event.kind == EventKind.PROMOTION_APPROVED
            found[request.id] = _decided(request, event, approved)
    return found


def _decided(request: PromotionRequest, event: EventRow, approved: bool) -> PromotionRequest:
    payload = event.payload
    return replace(
        request,
        status=RequestStatus.APPROVED if approved else RequestStatus.REJECTED,
        decided_by=event.actor,
        decided_at=event.created_at,
        rejection_reason=None if approved else payload["reason"],
        self_approved_bootstrap=bool(payload.get("self_approved_bootstrap", False)),
    )


def promotion_requests(
    sessions: sessionmaker[Session], *, model: str | None = None, status: RequestStatus | None = None
) -> list[PromotionRequest]:
    """Promotion requests, oldest first, optionally of one model and in one status.

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    requests = _requests(model_events(sessions)).values()
    return [r for r in requests if (model is None or r.model == model) and (status is None or r.status is status)]


def promotion_request(sessions: sessionmaker[Session], *, request_id: str) -> PromotionRequest:
    """One promotion request.

    Raises
    ------
    RecordNotFoundError
        When the chain holds no such request.
    StorageUnavailableError
        When the database cannot be reached.
    """
    found = _requests(model_events(sessions)).get(request_id)
    if found is None:
        raise RecordNotFoundError(NO_REQUEST, request_id=request_id)
    return found


def champion_moves(sessions: sessionmaker[Session], *, model: str) -> list[EventRow]:
    """The ``alias_moved`` events of one model, oldest first."""
    return [e for e in model_events(sessions) if e.kind == EventKind.ALIAS_MOVED and e.payload["model"] == model]


def chained_champion(sessions: sessionmaker[Session], *, model: str) -> str | None:
    """The version the newest ``alias_moved`` event of ``model`` names: the only one the service serves.

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    moves = champion_moves(sessions, model=model)
    return str(moves[-1].payload["version"]) if moves else None


def request_promotion(
    sessions: sessionmaker[Session],
    *,
    model: str,
    version: str,
    champion: str | None,
    rollback: bool,
    gates: Sequence[Mapping[str, Any]],
    loosened: Sequence[Mapping[str, Any]],
    reason: str,
    review: str,
    caller: str,
    actor: str,
    tracking_uri: str,
    idempotency_key: str | None = None,
    policy_version: str | None = None,
) -> PromotionRequest:
    """Append a ``promotion_requested`` event (and copy it as the version's ``promotion_requested`` tag).

    Parameters
    ----------
    sessions : sessionmaker[Session]
        The records database.
    model, version : str
        The registered model and the version asked for.
    champion : str or None
        The champion now, as :func:`chained_champion` says.
    rollback : bool
        Whether ``version`` was champion before.
    gates : sequence of mappings
        Each gate's ``gate``, ``status``, ``value``, ``limit`` and ``note``.
    loosened : sequence of mappings
        Each limit set looser than its default: ``limit``, ``value``, ``default``, ``source``.
    reason, review : str
        Why (required), and the reference of the legal and ethical review (may be empty).
    caller, actor : str
        The command or token subject that wrote it, and the data scientist who asks.
    tracking_uri : str
        The registry to copy the request into.
    idempotency_key : str or None
        With ``caller``, makes a repeated request return the first one (:func:`adopt_registry_champion`).
    policy_version : str or None
        The new policy's version when the request changes the policy (a version holding the same model with another
        policy), so that the chain shows policy changes.

    Returns
    -------
    PromotionRequest
        The pending request; its ``id`` is what an approver names.

    Raises
    ------
    InvalidInputError
        When the payload does not fit (an empty reason, a version that is not a number).
    ConflictError
        When ``version`` is champion already.
    StorageUnavailableError, ModelUnavailableError
        When the database or the registry cannot be reached (the request is in the chain when only the latter).
    """
    if champion == version:
        raise ConflictError(ALREADY_CHAMPION, model=model, version=version)
    payload = {
        "model": model,
        "version": version,
        "champion": champion,
        "rollback": rollback,
        "gates": list(gates),
        "loosened": list(loosened),
        "reason": reason,
        "review": review,
        "policy_version": policy_version,
    }
    event = append_event(
        sessions,
        kind=EventKind.PROMOTION_REQUESTED,
        payload=payload,
        caller=caller,
        actor=actor,
        office=None,
        idempotency_key=idempotency_key,
    )
    request = _requests([event])[event.id]
    copy = {"request_id": event.id, "by": actor, "at": event.created_at.isoformat(timespec="seconds"), **event.payload}
    tag_version(name=model, version=version, tracking_uri=tracking_uri, tags={"promotion_requested": json.dumps(copy)})
    return request


def approve_promotion(
    sessions: sessionmaker[Session],
    *,
    request_id: str,
    caller: str,
    actor: str,
    tracking_uri: str,
    self_approved_bootstrap: bool = False,
    idempotency_key: str | None = None,
) -> PromotionRequest:
    """Approve a pending request: append ``promotion_approved`` and ``alias_moved``, then move the registry's alias.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        The records database.
    request_id : str
        The ``promotion_requested`` event's id.
    caller, actor : str
        The command or token subject that writes it, and the approving data scientist: not the one who asked.
    tracking_uri : str
        The registry whose ``champion`` alias is moved (a copy: the service follows the chain).
    self_approved_bootstrap : bool, default False
        A fresh install's first champion, approved by the process that asked (once per model; flagged in the chain).
    idempotency_key : str or None
        With ``caller``, makes a repeated approval return the first one's events (``KEY:approval``, ``KEY:move``).

    Returns
    -------
    PromotionRequest
        The request, approved.

    Raises
    ------
    RecordNotFoundError
        When there is no such request.
    ConflictError
        When it is decided already, when the approver asked for it (or a bootstrap is not the first champion or not
        the requester's own), or when the version is champion already.
    StorageUnavailableError, ModelUnavailableError
        When the database or the registry cannot be reached (the move is in the chain when only the latter).
    """
    request = _pending(sessions, request_id)
    champion = chained_champion(sessions, model=request.model)
    if self_approved_bootstrap:
        if champion is not None:
            raise ConflictError(BOOTSTRAP_NOT_FIRST, model=request.model, version=champion)
        if actor != request.requested_by:
            raise ConflictError(BOOTSTRAP_NOT_OWN)
    elif actor == request.requested_by or caller == request.caller:
        raise ConflictError(SELF_APPROVAL, actor=actor)
    if champion == request.version:
        raise ConflictError(ALREADY_CHAMPION, model=request.model, version=champion)
    subject = {"request_id": request.id, "model": request.model, "version": request.version}
    approval = append_event(
        sessions,
        kind=EventKind.PROMOTION_APPROVED,
        payload={**subject, "self_approved_bootstrap": self_approved_bootstrap},
        caller=caller,
        actor=actor,
        office=None,
        idempotency_key=None if idempotency_key is None else f"{idempotency_key}:approval",
    )
    move = append_event(
        sessions,
        kind=EventKind.ALIAS_MOVED,
        payload={**subject, "previous": champion, "approval_id": approval.id},
        caller=caller,
        actor=actor,
        office=None,
        idempotency_key=None if idempotency_key is None else f"{idempotency_key}:move",
    )
    approved = _decided(request, approval, approved=True)
    set_champion_alias(
        name=request.model, version=request.version, tracking_uri=tracking_uri, tags=_tags(approved, move)
    )
    return approved


def adopt_registry_champion(
    sessions: sessionmaker[Session], *, model: str, tracking_uri: str, by: str
) -> PromotionRequest | None:
    """Record the registry's ``champion`` as ``model``'s first champion when the chain holds no model event of it.

    For a development service's start, so that a fresh records database (the quick start's, a test's, a benchmark's)
    serves the registered champion without a second person: a ``promotion_requested`` event with no gates and
    :data:`ADOPTED_REASON` as its reason (no gates were run), its ``promotion_approved`` flagged
    ``self_approved_bootstrap``, and the ``alias_moved``, all three by ``by``. Never for production: there a model is
    served only after a second person's approval. When the chain holds any event of ``model`` (a pending request
    too) it records nothing: what happened to the model since is for people to decide.

    Each event carries a fixed idempotency key (``bootstrap:`` and a hash of the model's name) with ``by`` as caller,
    so processes that start at once on one fresh database (several workers or replicas) record one request, one
    approval and one move between them: a process that read the chain before another wrote appends nothing (each
    append returns the other's event), and one that finds the first champion recorded meanwhile returns ``None``.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        The records database.
    model : str
        The registered model.
    tracking_uri : str
        The registry whose alias is read (and whose tags get the chain's copy).
    by : str
        The recording process, as caller and actor (e.g. ``service-startup``).

    Returns
    -------
    PromotionRequest or None
        The approved request, or ``None`` when the chain holds an event of ``model`` or the registry no champion.

    Raises
    ------
    ModelUnavailableError
        When the registry cannot be read.
    StorageUnavailableError
        When the database cannot be reached.
    ConflictError
        When another process recorded a different version at the same time.
    """
    if any(event.payload["model"] == model for event in model_events(sessions)):
        return None
    version = champion_version(name=model, tracking_uri=tracking_uri)
    if version is None:
        return None
    key = f"bootstrap:{hashlib.sha256(model.encode()).hexdigest()[:32]}"  # a model's name may be 128 characters
    try:
        request = request_promotion(
            sessions,
            model=model,
            version=version,
            champion=None,
            rollback=False,
            gates=[],
            loosened=[],
            reason=ADOPTED_REASON.format(by=by),
            review="",
            caller=by,
            actor=by,
            tracking_uri=tracking_uri,
            idempotency_key=f"{key}:request",
        )
        return approve_promotion(
            sessions,
            request_id=request.id,
            caller=by,
            actor=by,
            tracking_uri=tracking_uri,
            self_approved_bootstrap=True,
            idempotency_key=key,
        )
    except ConflictError:
        if chained_champion(sessions, model=model) is not None:
            return None  # another process recorded it first
        raise


def reject_promotion(
    sessions: sessionmaker[Session], *, request_id: str, caller: str, actor: str, reason: str, tracking_uri: str
) -> PromotionRequest:
    """Reject a pending request: append ``promotion_rejected`` (and copy it as a tag); the alias stays.

    Anyone but the requester may reject; the requester withdraws a request by rejecting it too.

    Raises
    ------
    RecordNotFoundError
        When there is no such request.
    InvalidInputError
        When ``reason`` is empty.
    ConflictError
        When it is decided already.
    StorageUnavailableError, ModelUnavailableError
        When the database or the registry cannot be reached (the rejection is in the chain when only the latter).
    """
    request = _pending(sessions, request_id)
    rejection = append_event(
        sessions,
        kind=EventKind.PROMOTION_REJECTED,
        payload={"request_id": request.id, "model": request.model, "version": request.version, "reason": reason},
        caller=caller,
        actor=actor,
        office=None,
    )
    rejected = _decided(request, rejection, approved=False)
    copy = {"request_id": request.id, "by": actor, "at": rejection.created_at.isoformat(timespec="seconds")}
    tag = {"promotion_rejected": json.dumps({**copy, "reason": rejected.rejection_reason})}
    tag_version(name=request.model, version=request.version, tracking_uri=tracking_uri, tags=tag)
    return rejected


def _pending(sessions: sessionmaker[Session], request_id: str) -> PromotionRequest:
    request = promotion_request(sessions, request_id=request_id)
    if request.status is not RequestStatus.PENDING:
        raise ConflictError(NOT_PENDING, request_id=request_id, promotion_status=request.status.value)
    return request


def _tags(request: PromotionRequest, move: EventRow) -> dict[str, str]:
    """The registry's copy of an approved move."""
    return {
        "promoted_by": request.requested_by,
        "approved_by": request.decided_by or "",
        "promoted_at": move.created_at.isoformat(timespec="seconds"),
        "promotion_reason": request.reason,
        "promotion_review": request.review,
        "promotion_gates": json.dumps(list(request.gates)),
        "promotion_request": request.id,
        "previous_champion": move.payload["previous"] or "",
        "self_approved_bootstrap": str(request.self_approved_bootstrap).lower(),
    }
