"""The model in use, swapped atomically when the ``champion`` alias moves.

A request takes one reference to the current :class:`~models.registry.LoadedModel` and uses it throughout, so a swap
never mixes two versions in one answer, and the record names the version that produced it. A background task polls
the alias; ``POST /v1/admin/reload`` does the same at once.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from pathlib import Path

from models.errors import ModelUnavailableError
from models.registry import LoadedModel, champion_version, load_champion, load_version

logger = logging.getLogger(__name__)


class Champion:
    def __init__(self, *, name: str, tracking_uri: str, cache_dir: Path) -> None:
        self.name = name
        self._tracking_uri = tracking_uri
        self._cache_dir = cache_dir
        self._loaded: LoadedModel | None = None
        self._lock = threading.Lock()

    @property
    def current(self) -> LoadedModel:
        loaded = self._loaded
        if loaded is None:
            raise ModelUnavailableError(f"no champion of {self.name!r} is loaded yet")
        return loaded

    @property
    def ready(self) -> bool:
        return self._loaded is not None

    def load(self) -> LoadedModel:
        """Load the champion (or the cached one when the registry is down)."""
        with self._lock:
            self._loaded = load_champion(name=self.name, tracking_uri=self._tracking_uri, cache_dir=self._cache_dir)
        logger.info(
            "champion loaded",
            extra={"model": self.name, "version": self._loaded.version, "source": self._loaded.source},
        )
        return self._loaded

    def refresh(self) -> bool:
        """Follow the alias if it moved; returns whether the model changed."""
        if self._loaded is None or self._loaded.source == "cache":
            before = self._loaded.version if self._loaded else None
            return self.load().version != before
        version = champion_version(name=self.name, tracking_uri=self._tracking_uri)
        if version is None or version == self._loaded.version:
            return False
        with self._lock:
            self._loaded = load_version(
                name=self.name, version=version, tracking_uri=self._tracking_uri, cache_dir=self._cache_dir
            )
        logger.info("champion changed", extra={"model": self.name, "version": version})
        return True

    async def watch(self, interval_seconds: float) -> None:
        """Poll the alias forever (cancelled at shutdown); a failed poll is logged and retried."""
        while True:
            await asyncio.sleep(interval_seconds)
            try:
                await asyncio.to_thread(self.refresh)
            except ModelUnavailableError as exc:
                logger.warning("champion poll failed", extra={"error": str(exc)})
