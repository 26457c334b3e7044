"""Liveness, readiness and Prometheus metrics (no token needed)."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request, Response, status
from fastapi.responses import JSONResponse, PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from models.errors import StorageUnavailableError
from monitoring.records.db import ping

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is alive."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "Not ready"}})
async def readyz(request: Request) -> JSONResponse:
    """Ready when a model is loaded and the records database answers; otherwise each check says why."""
    champion = request.app.state.champion
    problem = f": {champion.problem}" if champion.problem else ""
    checks = {"model": "ok" if champion.ready else f"no champion loaded{problem}"}
    try:
        await asyncio.to_thread(ping, request.app.state.engine)
        checks["database"] = "ok"
    except StorageUnavailableError as exc:
        checks["database"] = str(exc)
    ready = all(v == "ok" for v in checks.values())
    if champion.ready:
        checks["model_version"] = champion.current.version
        checks["model_source"] = champion.current.source
    return JSONResponse(
        {"ready": ready, **checks}, status_code=status.HTTP_200_OK if ready else status.HTTP_503_SERVICE_UNAVAILABLE
    )


@router.get("/metrics", response_class=PlainTextResponse)
def metrics(request: Request) -> Response:
    """Prometheus metrics."""
    return Response(generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST)
