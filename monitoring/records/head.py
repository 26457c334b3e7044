"""The chain's head, signed and published, and checked later (obligation: audit trail).

What it guarantees. :func:`monitoring.records.chain.verify_chain` cannot see, from inside the database, the newest
links removed (with their assessments) or rewritten with every hash recomputed: both only change the head. A head
published outside the database (``python -m monitoring head``: ``head_seq``, ``head_hash``, the time, and an Ed25519
signature over the three) makes both visible: :func:`check_head` finds the chain ending before that ``seq``
(*truncated*) or another hash at that ``seq`` (*rewritten*, or the head of another chain). The signature proves the
head was published by the holder of the signing key, which is separate from the token secret and never in the
repository or the database; the public key is published with the heads.

Its limit. Only links up to the published head are protected this way: those appended after it are covered by the
next published head. A head says nothing about links before it beyond what ``verify_chain`` finds.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConfigurationError, InvalidInputError
from monitoring.records.db import storage_errors
from monitoring.records.hashing import GENESIS_HASH
from monitoring.records.links import Head, chain_head
from monitoring.records.tables import Base

SIGNING_KEY_VARIABLE = "PROFILING_HEAD_SIGNING_KEY"
PUBLIC_KEY_VARIABLE = "PROFILING_HEAD_PUBLIC_KEY"
NO_SIGNING_KEY = (
    f"{SIGNING_KEY_VARIABLE} is not set: make an Ed25519 key outside the repository, e.g. "
    "`openssl genpkey -algorithm ed25519 -out /secure/place/head-key.pem`, and set the variable to its path "
    "(or to the base64 of the 32-byte raw private key)"
)
BAD_KEY = "{what} is neither a readable PEM file nor the base64 of a 32-byte raw Ed25519 {kind} key"
HEAD_FIELDS = "a published head has head_seq (a whole number ≥ 0), head_hash (64 hex digits) and, when signed, time"
BAD_HEAD = "{why}: " + HEAD_FIELDS
WRONG_SIGNATURE = "the head's signature does not match its content and the public key: it was not signed with that key"
NO_PUBLIC_KEY = (
    f"the head is signed but no public key is given to check it (--public-key or {PUBLIC_KEY_VARIABLE}, "
    f"or {SIGNING_KEY_VARIABLE} to derive it)"
)
_HASH = re.compile(r"[0-9a-f]{64}")
_LINK_TABLES = (Base.metadata.tables["decisions"], Base.metadata.tables["events"])


class HeadStatus(StrEnum):
    """What became of a published head: the chain still holds it, ends before it, or has another link there."""

    HOLDS = "holds"
    TRUNCATED = "truncated"
    REWRITTEN = "rewritten"


@dataclass(frozen=True)
class PublishedHead:
    """A head as published: ``head_seq``, ``head_hash``, ``time`` (ISO 8601, UTC) and the base64 ``signature``.

    A head noted by hand from ``/v1/audit/verify`` may have neither time nor signature.
    """

    head_seq: int
    head_hash: str
    time: str | None = None
    signature: str | None = None

    def payload(self) -> bytes:
        """The bytes that are signed: the canonical JSON of ``head_seq``, ``head_hash`` and ``time``."""
        content = {"head_hash": self.head_hash, "head_seq": self.head_seq, "time": self.time}
        return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()

    def as_json(self) -> dict[str, Any]:
        return {"head_seq": self.head_seq, "head_hash": self.head_hash, "time": self.time, "signature": self.signature}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PublishedHead:
        """Read a published head (as printed by ``python -m monitoring head``).

        Raises
        ------
        InvalidInputError
            When a field is missing or malformed.
        """
        seq, hash_, time, signature = (data.get(name) for name in ("head_seq", "head_hash", "time", "signature"))
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
            raise InvalidInputError(BAD_HEAD.format(why=f"head_seq is {seq!r}"))
        if not isinstance(hash_, str) or not _HASH.fullmatch(hash_):
            raise InvalidInputError(BAD_HEAD.format(why=f"head_hash is {hash_!r}"))
        if signature is not None and not isinstance(signature, str):
            raise InvalidInputError(BAD_HEAD.format(why="signature is not a string"))
        if time is None and signature:
            raise InvalidInputError(BAD_HEAD.format(why="signature without time"))
        if time is not None:
            try:
                dt.datetime.fromisoformat(time)
            except (TypeError, ValueError) as exc:
                raise InvalidInputError(BAD_HEAD.format(why=f"time is {time!r}")) from exc
        return cls(seq, hash_, time, signature or None)


@dataclass(frozen=True)
class HeadCheck:
    """A published head against the chain now: ``status``, the chain's ``chain_head_seq`` and the hash at the head's
    ``seq`` now (``hash_now``; ``None`` when no link is there), and whether a signature was checked.
    """

    head: PublishedHead
    status: HeadStatus
    chain_head_seq: int
    hash_now: str | None
    signature_checked: bool

    @property
    def ok(self) -> bool:
        return self.status is HeadStatus.HOLDS


def _key_bytes(value: str, what: str, kind: str) -> bytes:
    """The bytes of a key given as a file path, PEM text or base64 text (the file may hold either)."""
    path = Path(value).expanduser()
    try:
        content = path.read_bytes().strip() if len(value) < 4096 and path.is_file() else value.strip().encode()
    except OSError as exc:
        raise ConfigurationError(BAD_KEY.format(what=what, kind=kind)) from exc
    if content.startswith(b"-----BEGIN"):
        return content
    try:
        return base64.b64decode(content, validate=True)
    except binascii.Error as exc:
        raise ConfigurationError(BAD_KEY.format(what=what, kind=kind)) from exc


def load_signing_key(value: str | None, *, what: str = SIGNING_KEY_VARIABLE) -> Ed25519PrivateKey:
    """The Ed25519 private key from a PEM file path, PEM text or the base64 of its 32 raw bytes.

    Raises
    ------
    ConfigurationError
        When ``value`` is unset (:data:`NO_SIGNING_KEY`) or is not such a key.
    """
    if not value:
        raise ConfigurationError(NO_SIGNING_KEY)
    raw = _key_bytes(value, what, "private")
    try:
        key = (
            serialization.load_pem_private_key(raw, password=None)
            if raw.startswith(b"-----BEGIN")
            else Ed25519PrivateKey.from_private_bytes(raw)
        )
    except ValueError as exc:
        raise ConfigurationError(BAD_KEY.format(what=what, kind="private")) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigurationError(BAD_KEY.format(what=what, kind="private"))
    return key


def load_public_key(value: str, *, what: str = PUBLIC_KEY_VARIABLE) -> Ed25519PublicKey:
    """The Ed25519 public key from a PEM file path, PEM text (as :func:`public_key_pem` prints) or base64 raw bytes.

    Raises
    ------
    ConfigurationError
        When ``value`` is not such a key.
    """
    raw = _key_bytes(value, what, "public")
    try:
        key = (
            serialization.load_pem_public_key(raw)
            if raw.startswith(b"-----BEGIN")
            else Ed25519PublicKey.from_public_bytes(raw)
        )
    except ValueError as exc:
        raise ConfigurationError(BAD_KEY.format(what=what, kind="public")) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise ConfigurationError(BAD_KEY.format(what=what, kind="public"))
    return key


def verification_key(*, public: str | None, private: str | None) -> Ed25519PublicKey | None:
    """The key that checks signatures: the public key when given, else the signing key's, else ``None``."""
    if public:
        return load_public_key(public)
    return load_signing_key(private).public_key() if private else None


def public_key_pem(key: Ed25519PrivateKey) -> str:
    """The public half of ``key`` as PEM (SubjectPublicKeyInfo), to publish with the heads."""
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def sign_head(*, head_seq: int, head_hash: str, key: Ed25519PrivateKey, now: dt.datetime) -> PublishedHead:
    """Sign the head ``head_seq``/``head_hash`` at ``now`` (timezone-aware).

    Examples
    --------
    >>> key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    >>> head = sign_head(head_seq=0, head_hash=GENESIS_HASH, key=key, now=dt.datetime(2026, 12, 3, tzinfo=dt.UTC))
    >>> head.time, check_signature(head, key.public_key())
    ('2026-12-03T00:00:00+00:00', None)
    """
    unsigned = PublishedHead(head_seq, head_hash, now.astimezone(dt.UTC).isoformat(timespec="seconds"))
    signature = base64.b64encode(key.sign(unsigned.payload())).decode()
    return PublishedHead(head_seq, head_hash, unsigned.time, signature)


def check_signature(head: PublishedHead, key: Ed25519PublicKey) -> None:
    """Check the head's signature with ``key``.

    Raises
    ------
    InvalidInputError
        When the head carries no signature or one that ``key`` did not make over this content (:data:`WRONG_SIGNATURE`).
    """
    try:
        key.verify(base64.b64decode(head.signature or "", validate=True), head.payload())
    except (InvalidSignature, binascii.Error) as exc:
        raise InvalidInputError(WRONG_SIGNATURE) from exc


def _hash_at(session: Session, seq: int) -> str | None:
    if seq == 0:
        return GENESIS_HASH
    for table in _LINK_TABLES:
        found = session.scalar(select(table.c.hash).where(table.c.seq == seq))
        if found is not None:
            return str(found)
    return None


def check_head(
    sessions: sessionmaker[Session],
    head: PublishedHead,
    *,
    chain_head_seq: int,
    public_key: Ed25519PublicKey | None,
) -> HeadCheck:
    """Check a published head's signature (when it has one) and whether the chain still holds it.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    head : PublishedHead
        A head published earlier.
    chain_head_seq : int
        The ``head_seq`` of the chain now (from :func:`monitoring.records.chain.verify_chain`).
    public_key : Ed25519PublicKey or None
        Checks the signature; needed when the head is signed.

    Returns
    -------
    HeadCheck
        ``truncated`` when the chain now ends before the head's ``seq``; ``rewritten`` when the link at that ``seq``
        has another hash or is gone (a rewrite, or a head of another chain); ``holds`` otherwise.

    Raises
    ------
    InvalidInputError
        When the head is signed and the signature is wrong, or there is no key to check it.
    StorageUnavailableError
        When the database cannot be reached.
    """
    if head.signature is not None:
        if public_key is None:
            raise InvalidInputError(NO_PUBLIC_KEY)
        check_signature(head, public_key)
    hash_now = None
    if head.head_seq <= chain_head_seq:
        with storage_errors(), sessions() as session:
            hash_now = _hash_at(session, head.head_seq)
    if head.head_seq > chain_head_seq:
        status = HeadStatus.TRUNCATED
    else:
        status = HeadStatus.HOLDS if hash_now == head.head_hash else HeadStatus.REWRITTEN
    return HeadCheck(head, status, chain_head_seq, hash_now, signature_checked=head.signature is not None)


def current_head(sessions: sessionmaker[Session]) -> Head:
    """The chain's newest link now, read without verifying the chain.

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    with storage_errors(), sessions() as session:
        return chain_head(session)
