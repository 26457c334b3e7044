"""The model in use, swapped atomically when an approved move of the ``champion`` alias is recorded.

A request takes one reference to the current :class:`~models.registry.LoadedModel` and uses it throughout, so a swap
never mixes two versions in one answer, and the record names the version that produced it. A background task polls;
``POST /v1/admin/reload`` does the same at once.

With the records database (``sessions``), the version served is the one the newest ``alias_moved`` event names
(:func:`monitoring.records.model_events.chained_champion`): an alias moved in MLflow alone is ignored, logged as a
warning and shown as ``ignored_alias`` (``/v1/model``), and with no move in the chain there is no champion to serve.
Without it (a tool that has no records) the registry's alias is followed, and ``chain_checked`` is false.

A development service that starts on records holding no model event of its model first records the registry's
champion as the first one (:func:`adopt_first_champion`: self-approved, without gates, flagged in the chain), so that a
fresh records database works alone; in production nothing is served until a second person approves a promotion.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from models.errors import ModelUnavailableError, ProfilingError, StorageUnavailableError
from models.registry import LoadedModel, champion_version, load_champion, load_version
from monitoring.records.model_events import adopt_registry_champion, chained_champion

logger = logging.getLogger(__name__)

NOT_IN_CHAIN = "champion_not_in_chain"
CACHED_NOT_IN_CHAIN = "cached_champion_not_in_chain"
NOT_LOADED = "champion_not_loaded"
MOVES_UNREADABLE = "champion_moves_unreadable"
"""Keys of :data:`models.texts.ERROR_DETAILS`."""
STARTUP = "service-startup"
"""Caller and actor of the first champion a development service records at its start."""


def adopt_first_champion(sessions: sessionmaker[Session], *, name: str, tracking_uri: str) -> str | None:
    """Development only (the caller checks): record the registry's champion when the records hold no event of ``name``.

    See :func:`monitoring.records.model_events.adopt_registry_champion`. A failure (registry or database unreachable)
    is logged and leaves the records as they were: the champion then stays unloaded, and readiness says why.

    Returns
    -------
    str or None
        The version recorded, or ``None`` when nothing was.
    """
    try:
        adopted = adopt_registry_champion(sessions, model=name, tracking_uri=tracking_uri, by=STARTUP)
    except ProfilingError as exc:
        logger.error("could not record the registry's champion as the first one", extra={"error": str(exc)})
        return None
    if adopted is None:
        return None
    logger.warning(
        "development: the registry's champion recorded as the first one, self-approved and without gates",
        extra={"model": name, "version": adopted.version, "request": adopted.id},
    )
    return adopted.version


class Champion:
    def __init__(
        self, *, name: str, tracking_uri: str, cache_dir: Path, sessions: sessionmaker[Session] | None = None
    ) -> None:
        self.name = name
        self._tracking_uri = tracking_uri
        self._cache_dir = cache_dir
        self._sessions = sessions
        self._loaded: LoadedModel | None = None
        self._lock = threading.Lock()
        self.ignored_alias: str | None = None
        """The version the registry's alias names when the chain names another (moved around the four eyes)."""
        self.problem: str | None = None
        """Why the last load failed (readiness shows it), ``None`` after a load that succeeded."""

    @property
    def current(self) -> LoadedModel:
        loaded = self._loaded
        if loaded is None:
            raise ModelUnavailableError(NOT_LOADED, name=self.name)
        return loaded

    @property
    def ready(self) -> bool:
        return self._loaded is not None

    @property
    def chain_checked(self) -> bool:
        """Whether the version served is checked against the chain's alias moves."""
        return self._sessions is not None

    def load(self) -> LoadedModel:
        """Load the champion (or the cached one when the registry is down)."""
        try:
            loaded = self._load_champion() if self._sessions is None else self._load_chained(self._sessions)
        except ModelUnavailableError as exc:
            self.problem = str(exc)
            raise
        with self._lock:
            self._loaded = loaded
        self.problem = None
        logger.info("champion loaded", extra={"model": self.name, "version": loaded.version, "source": loaded.source})
        return loaded

    def refresh(self) -> bool:
        """Follow the champion if it moved; returns whether the model changed."""
        if self._loaded is None or self._loaded.source == "cache":
            before = self._loaded.version if self._loaded else None
            return self.load().version != before
        version = self._target()
        if version is None or version == self._loaded.version:
            return False
        loaded = load_version(
            name=self.name, version=version, tracking_uri=self._tracking_uri, cache_dir=self._cache_dir
        )
        with self._lock:
            self._loaded = loaded
        logger.info("champion changed", extra={"model": self.name, "version": version})
        return True

    def _load_champion(self) -> LoadedModel:
        return load_champion(name=self.name, tracking_uri=self._tracking_uri, cache_dir=self._cache_dir)

    def _load_chained(self, sessions: sessionmaker[Session]) -> LoadedModel:
        """The chain's champion: through :func:`load_champion` when the alias agrees (it keeps the cache's pointer)."""
        chained = self._chained(sessions)
        if chained is None:
            raise ModelUnavailableError(NOT_IN_CHAIN, name=self.name)
        try:
            alias = champion_version(name=self.name, tracking_uri=self._tracking_uri)
        except ModelUnavailableError:
            cached = self._load_champion()  # the registry is down: the last champion cached, or nothing
            if cached.version != chained:
                raise ModelUnavailableError(CACHED_NOT_IN_CHAIN, cached=cached.version, chained=chained) from None
            return cached
        self._note_alias(alias, chained)
        if alias == chained:
            loaded = self._load_champion()
            if loaded.version == chained:
                return loaded
        return load_version(name=self.name, version=chained, tracking_uri=self._tracking_uri, cache_dir=self._cache_dir)

    def _chained(self, sessions: sessionmaker[Session]) -> str | None:
        try:
            return chained_champion(sessions, model=self.name)
        except StorageUnavailableError as exc:
            raise ModelUnavailableError(MOVES_UNREADABLE, error=exc) from exc

    def _target(self) -> str | None:
        """The version to serve now: the chain's champion (noting an alias that disagrees), else the alias."""
        alias = champion_version(name=self.name, tracking_uri=self._tracking_uri)
        if self._sessions is None:
            return alias
        chained = self._chained(self._sessions)
        self._note_alias(alias, chained)
        return chained

    def _note_alias(self, alias: str | None, chained: str | None) -> None:
        ignored = alias if chained is not None and alias != chained else None
        if ignored is not None and ignored != self.ignored_alias:
            logger.warning(
                "champion alias moved outside the four eyes: ignored",
                extra={"model": self.name, "alias": ignored, "served": chained},
            )
        self.ignored_alias = ignored

    async def watch(self, interval_seconds: float) -> None:
        """Poll forever (cancelled at shutdown); a failed poll is logged and retried."""
        while True:
            await asyncio.sleep(interval_seconds)
            try:
                await asyncio.to_thread(self.refresh)
            except ModelUnavailableError as exc:
                logger.warning("champion poll failed", extra={"error": str(exc)})
