"""The model in use, and reloading it."""

from __future__ import annotations

import asyncio
import dataclasses

from fastapi import APIRouter, Request

from models.risk_model import MODEL_CARD_FILE
from service.deps import ChampionDep, CurrentUser, DataScientist, SettingsDep
from service.problems import answers
from service.schemas import ModelOut, ReloadOut

router = APIRouter(prefix="/v1", tags=["model"], responses=answers(401, 429, 503))


@router.get("/model")
def read_model(user: CurrentUser, champion: ChampionDep, settings: SettingsDep) -> ModelOut:
    """The champion's name, version, policy thresholds, gate limits and model card; `source` says if from the cache."""
    card = champion.bundle_dir / MODEL_CARD_FILE
    return ModelOut(
        name=champion.name,
        version=champion.version,
        source="cache" if champion.source == "cache" else "registry",
        horizon_months=champion.model.horizon_months,
        policy=champion.model.policy.to_dict(),
        gate_limits=dataclasses.asdict(settings.gates),
        model_card=card.read_text() if card.exists() else "",
    )


@router.post("/admin/reload", responses=answers(403))
async def reload_model(user: DataScientist, request: Request) -> ReloadOut:
    """Follow the `champion` alias now (the service also does this by itself every few seconds)."""
    champion = request.app.state.champion
    changed = await asyncio.to_thread(champion.refresh)
    return ReloadOut(version=champion.current.version, changed=changed)
