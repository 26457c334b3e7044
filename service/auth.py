"""Bearer tokens: who is calling, in which role, for which office.

Tokens are JWTs: HS256 with ``PROFILING_TOKEN_SECRET`` by default, or RS256/ES256 from an OIDC issuer's JWKS when
``PROFILING_OIDC_JWKS_URL`` is set. A counsellor's token carries the office they work at, and ``"approver": true``
for a counsellor who may approve or return decisions on permanent levels (*beslutter*): approving is a right given
to some counsellors, not a role of its own, so an approver also assesses and decides in their own cases.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import jwt

from models.errors import ProfilingError

ALGORITHM = "HS256"
VERIFIED_TOKENS_KEPT = 4096
"""How many verified tokens :class:`TokenVerifier` remembers (the oldest is forgotten first)."""
EXPIRED = "token_expired"
BAD_SIGNATURE = "token_bad_signature"
MALFORMED = "token_invalid"
NO_ROLE = "token_without_role"
NO_OFFICE = "token_without_office"
BAD_APPROVER = "token_bad_approver"
"""Keys of :data:`models.texts.ERROR_DETAILS`."""


class Role(StrEnum):
    COUNSELLOR = "counsellor"
    AUDITOR = "auditor"
    DATA_SCIENTIST = "data_scientist"
    SYSTEM = "system"


@dataclass(frozen=True)
class Principal:
    subject: str
    role: Role
    office: str | None
    approver: bool = False


class InvalidTokenError(ProfilingError):
    """The token is malformed, expired or wrongly signed: its key says which, for the 401 body in the request's
    language (:func:`service.deps.get_principal`).
    """


def mint_token(
    *, secret: bytes, role: Role, subject: str, office: str | None, ttl_minutes: int, approver: bool = False
) -> str:
    """A signed token for local use (``python -m service token``); ``approver`` only on a counsellor's."""
    now = dt.datetime.now(dt.UTC)
    claims: dict[str, object] = {
        "sub": subject,
        "role": role.value,
        "iat": now,
        "exp": now + dt.timedelta(minutes=ttl_minutes),
    }
    if office is not None:
        claims["office"] = office
    if approver:
        claims["approver"] = True
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


class TokenVerifier:
    """Checks signature, expiry and claims; one instance per app.

    A token that passed is remembered with its expiry, so a client's next requests with the same token cost a
    dictionary look-up and a clock reading instead of a signature check (about a tenth of a predict-only request).
    A remembered token is still refused from the moment it expires; what a token says cannot change without
    changing the token, so nothing else can go stale.

    ``clock`` (seconds since the epoch) decides expiry on both paths, so tests can move time instead of sleeping;
    PyJWT also checks ``exp`` against the real clock while decoding.
    """

    def __init__(
        self,
        *,
        secret: bytes,
        jwks_url: str = "",
        issuer: str = "",
        audience: str = "",
        remember: int = VERIFIED_TOKENS_KEPT,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._secret = secret
        self._jwks = jwt.PyJWKClient(jwks_url) if jwks_url else None
        self._issuer = issuer or None
        self._audience = audience or None
        self._remember = remember
        self._clock = clock
        self._verified: dict[str, tuple[Principal, float]] = {}
        self._verified_lock = threading.Lock()

    def verify(self, token: str) -> Principal:
        with self._verified_lock:
            known = self._verified.get(token)
        if known is not None:
            principal, expires_at = known
            if self._clock() < expires_at:
                return principal
            with self._verified_lock:
                self._verified.pop(token, None)
            raise InvalidTokenError(EXPIRED)
        claims = self._decode(token)
        principal = self._principal(claims)
        expires_at = float(claims["exp"]) if "exp" in claims else math.inf
        if self._clock() >= expires_at:
            raise InvalidTokenError(EXPIRED)
        with self._verified_lock:
            if len(self._verified) >= self._remember:
                del self._verified[next(iter(self._verified))]
            self._verified[token] = (principal, expires_at)
        return principal

    def _decode(self, token: str) -> dict[str, Any]:
        try:
            if self._jwks is not None:
                key = self._jwks.get_signing_key_from_jwt(token).key
                return jwt.decode(
                    token, key, algorithms=["RS256", "ES256"], issuer=self._issuer, audience=self._audience
                )
            return jwt.decode(token, self._secret, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]})
        except jwt.ExpiredSignatureError as exc:
            raise InvalidTokenError(EXPIRED) from exc
        except jwt.InvalidSignatureError as exc:
            raise InvalidTokenError(BAD_SIGNATURE) from exc
        except jwt.PyJWTError as exc:
            raise InvalidTokenError(MALFORMED, error=str(exc)) from exc

    @staticmethod
    def _principal(claims: dict[str, Any]) -> Principal:
        try:
            role = Role(str(claims.get("role")))
        except ValueError as exc:
            raise InvalidTokenError(NO_ROLE) from exc
        office = claims.get("office")
        if role is Role.COUNSELLOR and not office:
            raise InvalidTokenError(NO_OFFICE)
        approver = claims.get("approver", False)
        if not isinstance(approver, bool) or (approver and role is not Role.COUNSELLOR):
            raise InvalidTokenError(BAD_APPROVER)
        return Principal(str(claims["sub"]), role, str(office) if office else None, approver)
