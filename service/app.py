"""The FastAPI application: wiring only (routes live in ``service/routers``)."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from models.errors import ModelUnavailableError
from models.logs import configure_logging
from monitoring.records.alert_evaluations import latest_alert_evaluation
from monitoring.records.db import make_engine, session_factory, upgrade
from monitoring.records.trials import ActiveTrials
from service import pages, problems
from service.auth import TokenVerifier
from service.champion import Champion, adopt_first_champion
from service.hot_path import HotPath
from service.metrics import Metrics
from service.middleware import RequestContext
from service.ratelimit import RateLimiter
from service.routers import assessments, audit, cases, health, model, outcomes, subject_access, trials
from service.settings import Settings, get_settings

logger = logging.getLogger(__name__)

DESCRIPTION = """Decision support for profiling jobseekers at registration.

The service estimates the risk of long-term unemployment, *suggests* a follow-up level, explains the estimate and
records everything. **The counsellor decides**: no code path turns a model output into a decision.
Authenticate with a bearer token (`python -m service token --role counsellor --office 1103`). Every call needs one
except `/healthz`, `/readyz`, `/metrics` and this description (`/openapi.json`, `/docs`, `/redoc`)."""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(settings.log_level)
        engine = make_engine(settings.database_url)
        await asyncio.to_thread(upgrade, engine)
        app.state.engine = engine
        app.state.sessions = session_factory(engine)
        app.state.metrics.alerts.latest = functools.partial(latest_alert_evaluation, app.state.sessions)
        app.state.trials = ActiveTrials(app.state.sessions)  # read once per TTL, not per assessment
        app.state.hot_path = HotPath(settings.assessment_threads)
        app.state.person_secret = settings.secret("person_key")
        app.state.verifier = TokenVerifier(
            secret=settings.secret("token_secret"),
            jwks_url=settings.oidc_jwks_url,
            issuer=settings.oidc_issuer,
            audience=settings.oidc_audience,
        )
        champion = Champion(
            name=settings.model_name,
            tracking_uri=settings.tracking_uri,
            cache_dir=settings.model_cache_dir,
            sessions=app.state.sessions,
        )
        app.state.champion = champion
        if settings.environment == "development":  # a fresh install's first champion; production waits for four eyes
            await asyncio.to_thread(
                adopt_first_champion, app.state.sessions, name=settings.model_name, tracking_uri=settings.tracking_uri
            )
        try:
            await asyncio.to_thread(champion.load)
        except ModelUnavailableError as exc:
            logger.error("no model at start; not ready until one is registered", extra={"error": str(exc)})
        # What is loaded by now (libraries, the model) lives as long as the process: moved out of the collector's
        # reach, full collections stop walking it. Those walks were the latency tail: the slowest requests in
        # bench/serve.py took tens of milliseconds more than the rest.
        gc.collect()
        gc.freeze()
        watcher = asyncio.create_task(champion.watch(settings.champion_poll_seconds))
        try:
            yield
        finally:
            watcher.cancel()
            engine.dispose()

    app = FastAPI(
        title="Jobseeker profiling: decision support",
        version="1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        # Public on purpose, without a token: the description holds no personal data, and integrators need it.
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url="/redoc",
    )
    app.state.settings = settings
    app.state.metrics = Metrics()
    app.state.rate_limiter = RateLimiter(settings.rate_limit_per_minute)
    problems.install(app)
    app.add_middleware(RequestContext, metrics=app.state.metrics, max_body_bytes=settings.max_body_bytes)
    routers = (
        assessments.router,
        cases.router,
        trials.router,
        audit.router,
        outcomes.router,
        model.router,
        health.router,
    )
    for router in (*routers, pages.router):
        app.include_router(router)
    app.include_router(subject_access.router)
    app.mount("/ui/static", StaticFiles(directory=pages.STATIC_DIR), name="ui-static")
    return app
