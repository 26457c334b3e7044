"""Named dependencies of the routes: settings, the records database, the champion, the caller and their role."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AfterValidator, BeforeValidator
from sqlalchemy.orm import Session, sessionmaker

from models.registry import LoadedModel
from models.schema import no_unix_time
from models.texts import LANGUAGES, PROBLEM_DETAILS, ROLE_TEXTS, Language, text
from service.auth import InvalidTokenError, Principal, Role, TokenVerifier
from service.champion import Champion
from service.hot_path import HotPath
from service.ratelimit import RateLimiter
from service.settings import Settings

_bearer = HTTPBearer(auto_error=False, description="A signed token: `python -m service token --role R`.")


async def get_settings_from_app(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def get_sessions(request: Request) -> sessionmaker[Session]:
    return request.app.state.sessions  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Recording:
    """What a route that writes records needs, as one dependency: the records database, the hot path's threads and
    the request's id. FastAPI resolves every dependency on every request, with checks that cost tens of microseconds
    apiece, so the hot routes take few of them.
    """

    sessions: sessionmaker[Session]
    hot_path: HotPath
    request_id: str


async def get_recording(request: Request) -> Recording:
    state = request.app.state
    return Recording(state.sessions, state.hot_path, request.state.request_id)


async def get_champion(request: Request) -> LoadedModel:
    """One reference to the current model for the whole request."""
    champion: Champion = request.app.state.champion
    return champion.current


async def get_principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    if credentials is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            text(PROBLEM_DETAILS, "token_required", request_language(request)),
            headers={"WWW-Authenticate": "Bearer"},
        )
    try:
        verifier: TokenVerifier = request.app.state.verifier
        principal = verifier.verify(credentials.credentials)
    except InvalidTokenError as exc:
        detail = exc.detail(request_language(request))
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, detail, headers={"WWW-Authenticate": "Bearer"}) from exc
    limiter: RateLimiter = request.app.state.rate_limiter
    if not limiter.allow(principal.subject):
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            text(PROBLEM_DETAILS, "too_many_requests", request_language(request)),
            headers={"Retry-After": "60"},
        )
    return principal


def require(*roles: Role) -> Callable[[Request, Principal], Awaitable[Principal]]:
    """A dependency that lets only the given roles through.

    Dependencies that only read memory are ``async``: FastAPI would otherwise hand each one to the thread pool.
    """

    async def check(request: Request, principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
        if principal.role not in roles:
            lang = request_language(request)
            allowed = ", ".join(text(ROLE_TEXTS, role, lang) for role in roles)
            detail = text(PROBLEM_DETAILS, "wrong_role", lang).format(
                allowed=allowed, has=text(ROLE_TEXTS, principal.role, lang)
            )
            raise HTTPException(status.HTTP_403_FORBIDDEN, detail)
        return principal

    return check


_LANGUAGE_TAGS: dict[str, Language] = {"no": "nb", **{lang: lang for lang in LANGUAGES}}
"""The service's language for each primary language tag it understands: ``no`` (Norwegian) is written in bokmål."""


def negotiate_language(accept_language: str | None) -> Language:
    """The service's language a client prefers most in ``Accept-Language`` (``nn-NO`` is nynorsk); bokmål otherwise."""
    ranked = []
    for part in (accept_language or "").split(","):
        tag, _, quality = part.strip().partition(";q=")
        try:
            ranked.append((float(quality) if quality else 1.0, tag.strip().lower().partition("-")[0]))
        except ValueError:
            continue
    for _, tag in sorted(ranked, key=lambda item: -item[0]):
        if tag in _LANGUAGE_TAGS:
            return _LANGUAGE_TAGS[tag]
    return "nb"


def request_language(request: Request) -> Language:
    """:func:`negotiate_language` of ``request``, for the error answers: only they need it, so no route pays for it."""
    return negotiate_language(request.headers.get("accept-language"))


async def language(accept_language: Annotated[str | None, Header()] = None) -> Language:
    """The language of the answer: :func:`negotiate_language` of the request's ``Accept-Language``."""
    return negotiate_language(accept_language)


def _as_utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


IsoDateTime = Annotated[dt.datetime, BeforeValidator(no_unix_time), AfterValidator(_as_utc)]
"""A date-time as the OpenAPI document's ``format: date-time`` has it, for query parameters: not ``0.5``; one
without a zone is UTC."""
SettingsDep = Annotated[Settings, Depends(get_settings_from_app)]
SessionsDep = Annotated[sessionmaker[Session], Depends(get_sessions)]
ChampionDep = Annotated[LoadedModel, Depends(get_champion)]
RecordingDep = Annotated[Recording, Depends(get_recording)]
CurrentUser = Annotated[Principal, Depends(get_principal)]
Counsellor = Annotated[Principal, Depends(require(Role.COUNSELLOR))]
Auditor = Annotated[Principal, Depends(require(Role.AUDITOR))]
CounsellorOrAuditor = Annotated[Principal, Depends(require(Role.COUNSELLOR, Role.AUDITOR))]
DataScientist = Annotated[Principal, Depends(require(Role.DATA_SCIENTIST))]
AuditorOrDataScientist = Annotated[Principal, Depends(require(Role.AUDITOR, Role.DATA_SCIENTIST))]
System = Annotated[Principal, Depends(require(Role.SYSTEM))]
LanguageDep = Annotated[Language, Depends(language)]
IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", max_length=128, description="Retry safely: the same key returns the first result."),
]
