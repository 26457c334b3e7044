"""The model in use, reloading it, and four eyes on its promotion (requests are made with `python -m training
promote`; a second data scientist approves or rejects them here or on the command line).
"""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse

from models.risk_model import MODEL_CARD_FILE
from monitoring.analysis.technical_documentation import technical_documentation
from monitoring.records.model_events import (
    PromotionRequest,
    RequestStatus,
    approve_promotion,
    promotion_requests,
    reject_promotion,
)
from service.champion import Champion
from service.deps import AuditorOrDataScientist, ChampionDep, CurrentUser, DataScientist, SessionsDep, SettingsDep
from service.problems import answers
from service.schemas import GovernedModelOut, PolicyOut, PromotionRejectionIn, PromotionRequestOut, ReloadOut

router = APIRouter(prefix="/v1", tags=["model"], responses=answers(401, 429, 503))


def _out(promotion: PromotionRequest) -> PromotionRequestOut:
    return PromotionRequestOut.model_validate(dataclasses.asdict(promotion))


@router.get("/model")
def read_model(user: CurrentUser, champion: ChampionDep, settings: SettingsDep, request: Request) -> GovernedModelOut:
    """The champion's name, version, policy (version, thresholds, flags, capacities), gate limits and model card."""
    card = champion.bundle_dir / MODEL_CARD_FILE
    watcher: Champion = request.app.state.champion
    return GovernedModelOut(
        name=champion.name,
        version=champion.version,
        source="cache" if champion.source == "cache" else "registry",
        horizon_months=champion.model.horizon_months,
        policy=PolicyOut.model_validate(champion.model.policy.to_dict()),
        gate_limits=dataclasses.asdict(settings.gates),
        model_card=card.read_text() if card.exists() else "",
        chain_checked=watcher.chain_checked,
        ignored_alias=watcher.ignored_alias,
    )


@router.get(
    "/model/versions/{version}/documentation",
    response_class=PlainTextResponse,
    responses={200: {"content": {"text/markdown": {}}}, **answers(403, 404)},
)
def read_technical_documentation(
    version: str, user: AuditorOrDataScientist, sessions: SessionsDep, settings: SettingsDep
) -> PlainTextResponse:
    """A model version's technical documentation (AI Act Annex IV, in outline) as Markdown, generated from its model
    card, its MLflow run and the chain; 503 when the version cannot be loaded.
    """
    document = technical_documentation(
        sessions,
        name=settings.model_name,
        version=version,
        tracking_uri=settings.tracking_uri,
        cache_dir=settings.model_cache_dir,
    )
    return PlainTextResponse(document, media_type="text/markdown; charset=utf-8")


@router.post("/admin/reload", responses=answers(403))
async def reload_model(user: DataScientist, request: Request) -> ReloadOut:
    """Follow the approved champion now (the service also does this by itself every few seconds)."""
    champion = request.app.state.champion
    changed = await asyncio.to_thread(champion.refresh)
    return ReloadOut(version=champion.current.version, changed=changed)


@router.get("/model/promotions", responses=answers(403))
def list_promotions(
    user: AuditorOrDataScientist,
    sessions: SessionsDep,
    settings: SettingsDep,
    status: Literal["pending", "approved", "rejected"] | None = None,
) -> list[PromotionRequestOut]:
    """Promotion requests of the served model, oldest first, with gates and loosened limits (`status` filters)."""
    found = promotion_requests(
        sessions, model=settings.model_name, status=None if status is None else RequestStatus(status)
    )
    return [_out(r) for r in found]


@router.post("/model/promotions/{request_id}/approval", responses=answers(403, 404, 409))
def approve(
    request_id: str, user: DataScientist, sessions: SessionsDep, settings: SettingsDep, request: Request
) -> PromotionRequestOut:
    """Approve another data scientist's request: the chain records the move, the alias follows, this process too."""
    approved = approve_promotion(
        sessions, request_id=request_id, caller=user.subject, actor=user.subject, tracking_uri=settings.tracking_uri
    )
    request.app.state.champion.refresh()
    return _out(approved)


@router.post("/model/promotions/{request_id}/rejection", responses=answers(403, 404, 409, 422))
def reject(
    request_id: str, body: PromotionRejectionIn, user: DataScientist, sessions: SessionsDep, settings: SettingsDep
) -> PromotionRequestOut:
    """Reject a pending request, with the reason; the champion stays."""
    rejected = reject_promotion(
        sessions,
        request_id=request_id,
        caller=user.subject,
        actor=user.subject,
        reason=body.reason,
        tracking_uri=settings.tracking_uri,
    )
    return _out(rejected)
