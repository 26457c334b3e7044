"""The token verifier on its own: what it accepts, and that remembering verified tokens changes nothing it decides."""

from __future__ import annotations

import datetime as dt
import time

import jwt
import pytest

from service.auth import InvalidTokenError, Principal, Role, TokenVerifier, mint_token

SECRET = b"s" * 40


class Clock:
    """The verifier's time source, moved by the test: expiry is decided without sleeping."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def _token(seconds: float, *, subject: str = "Z990001", secret: bytes = SECRET, now: float | None = None) -> str:
    """A counsellor's token that expires ``seconds`` after ``now`` (default: the real clock's now)."""
    issued = time.time() if now is None else now
    claims = {"sub": subject, "role": "counsellor", "office": "1103", "iat": int(issued), "exp": int(issued + seconds)}
    return jwt.encode(claims, secret, algorithm="HS256")


def test_a_minted_token_gives_its_principal_every_time() -> None:
    verifier = TokenVerifier(secret=SECRET)
    token = mint_token(secret=SECRET, role=Role.AUDITOR, subject="A1", office=None, ttl_minutes=5)
    assert verifier.verify(token) == Principal("A1", Role.AUDITOR, None)
    assert verifier.verify(token) == Principal("A1", Role.AUDITOR, None)


def test_a_remembered_token_is_refused_from_the_moment_it_expires() -> None:
    clock = Clock(float(int(time.time())))  # whole seconds, like the token's exp; PyJWT checks that against real time
    verifier = TokenVerifier(secret=SECRET, clock=clock)
    token = _token(60, now=clock.now)
    assert verifier.verify(token).subject == "Z990001"  # verified and remembered
    clock.now += 59
    assert verifier.verify(token).subject == "Z990001"  # from memory, a second before it expires
    clock.now += 1
    with pytest.raises(InvalidTokenError, match="expired"):
        verifier.verify(token)
    with pytest.raises(InvalidTokenError, match="expired"):  # and again, now through the signature check
        verifier.verify(token)


def test_a_token_that_has_already_expired_is_refused_on_first_sight() -> None:
    with pytest.raises(InvalidTokenError, match="expired"):
        TokenVerifier(secret=SECRET).verify(_token(-60))


def test_a_refused_token_is_not_remembered_as_good() -> None:
    verifier = TokenVerifier(secret=SECRET)
    forged = _token(60, secret=b"x" * 40)
    for _ in range(2):
        with pytest.raises(InvalidTokenError, match="signature"):
            verifier.verify(forged)


def test_tokens_of_different_people_are_kept_apart() -> None:
    verifier = TokenVerifier(secret=SECRET)
    first, second = _token(60, subject="Z1"), _token(60, subject="Z2")
    assert [verifier.verify(t).subject for t in (first, second, first, second)] == ["Z1", "Z2", "Z1", "Z2"]


def test_the_memory_is_bounded_and_forgets_the_oldest_first(monkeypatch: pytest.MonkeyPatch) -> None:
    verifier = TokenVerifier(secret=SECRET, remember=2)
    tokens = [_token(60, subject=f"Z{i}") for i in range(3)]
    for token in tokens:
        verifier.verify(token)
    decoded: list[str] = []
    real_decode = jwt.decode

    def counting_decode(token: str, *args: object, **kwargs: object) -> dict[str, object]:
        decoded.append(token)
        return real_decode(token, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jwt, "decode", counting_decode)
    verifier.verify(tokens[2])  # the newest is remembered
    verifier.verify(tokens[0])  # the oldest was forgotten when the third came, so it is checked again
    assert decoded == [tokens[0]]


def test_a_counsellor_token_without_an_office_is_refused() -> None:
    token = jwt.encode(
        {"sub": "Z1", "role": "counsellor", "exp": dt.datetime.now(dt.UTC) + dt.timedelta(minutes=1)},
        SECRET,
        algorithm="HS256",
    )
    with pytest.raises(InvalidTokenError, match="office"):
        TokenVerifier(secret=SECRET).verify(token)
