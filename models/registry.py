"""Load the current champion from the MLflow model registry, with a local cache for when the registry is down.

A registered model version holds the pyfunc (:mod:`models.pyfunc`) with the model directory as its ``bundle``
artifact. Loading downloads that directory once per version into the cache; the cache also remembers which version
was champion last, so a service can start (and say so) while the registry is unreachable.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from models.errors import ModelUnavailableError
from models.risk_model import RiskModel

logger = logging.getLogger(__name__)

CHAMPION_ALIAS = "champion"
_POINTER = "champion.json"


@dataclass(frozen=True)
class LoadedModel:
    """A risk model and where it came from."""

    name: str
    version: str
    run_id: str
    model: RiskModel
    source: str  # "registry" or "cache"
    bundle_dir: Path


def champion_version(*, name: str, tracking_uri: str) -> str | None:
    """The version the ``champion`` alias points at, or ``None`` when there is none.

    Raises
    ------
    ModelUnavailableError
        When the registry cannot be reached.
    """
    from mlflow.exceptions import MlflowException
    from mlflow.tracking import MlflowClient

    try:
        client = MlflowClient(tracking_uri=tracking_uri, registry_uri=tracking_uri)
        return str(client.get_model_version_by_alias(name, CHAMPION_ALIAS).version)
    except MlflowException as exc:
        if "RESOURCE_DOES_NOT_EXIST" in str(exc.error_code) or "not found" in str(exc).lower():
            return None
        raise ModelUnavailableError(f"model registry at {tracking_uri} did not answer: {exc}") from exc
    except Exception as exc:
        raise ModelUnavailableError(f"model registry at {tracking_uri} did not answer: {exc}") from exc


def tag_version(*, name: str, version: str, tracking_uri: str, tags: Mapping[str, str]) -> None:
    """Set tags on a registered version (a convenience copy of what the records hold).

    Raises
    ------
    ModelUnavailableError
        When the registry cannot be reached or has no such version.
    """
    from mlflow.tracking import MlflowClient

    try:
        client = MlflowClient(tracking_uri=tracking_uri, registry_uri=tracking_uri)
        for key, value in tags.items():
            client.set_model_version_tag(name, version, key, value)
    except Exception as exc:
        raise ModelUnavailableError(f"could not tag {name} version {version} in the registry: {exc}") from exc


def set_champion_alias(*, name: str, version: str, tracking_uri: str, tags: Mapping[str, str]) -> None:
    """Point the ``champion`` alias at ``version`` and tag it: the registry's copy of a move recorded elsewhere.

    Raises
    ------
    ModelUnavailableError
        When the registry cannot be reached or has no such version.
    """
    from mlflow.tracking import MlflowClient

    tag_version(name=name, version=version, tracking_uri=tracking_uri, tags=tags)
    try:
        MlflowClient(tracking_uri=tracking_uri, registry_uri=tracking_uri).set_registered_model_alias(
            name, CHAMPION_ALIAS, version
        )
    except Exception as exc:
        raise ModelUnavailableError(f"could not move the {CHAMPION_ALIAS} alias of {name} to {version}: {exc}") from exc


def _download(name: str, version: str, tracking_uri: str, target: Path) -> str:
    """Download a version's bundle into ``target`` once, safely when several processes start at the same time.

    Each process downloads into its own staging directory and renames it into place; the rename is atomic, so a
    reader sees no bundle or a whole one, and a process that loses the race keeps the winner's copy.
    """
    from mlflow.artifacts import download_artifacts
    from mlflow.tracking import MlflowClient

    client = MlflowClient(tracking_uri=tracking_uri, registry_uri=tracking_uri)
    run_id = client.get_model_version(name, version).run_id or ""
    if (target / "bundle").is_dir():
        return run_id
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{target.name}.partial-", dir=target.parent))
    try:
        source = client.get_model_version_download_uri(name, version)
        local = Path(download_artifacts(artifact_uri=source, dst_path=str(staging), tracking_uri=tracking_uri))
        shutil.move(str(local / "artifacts" / "bundle"), str(staging / "bundle"))
        if target.exists() and not (target / "bundle").is_dir():
            shutil.rmtree(target, ignore_errors=True)  # a broken copy from before (no process renames one in)
        try:
            staging.rename(target)
        except OSError:
            if not (target / "bundle").is_dir():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return run_id


def load_version(*, name: str, version: str, tracking_uri: str, cache_dir: Path) -> LoadedModel:
    """Load one registered version (downloaded once into ``cache_dir``)."""
    target = cache_dir / name / version
    try:
        run_id = _download(name, version, tracking_uri, target)
    except ModelUnavailableError:
        raise
    except Exception as exc:
        raise ModelUnavailableError(f"could not download {name} version {version}: {exc}") from exc
    bundle = target / "bundle"
    return LoadedModel(name, version, run_id, RiskModel.load(bundle), "registry", bundle)


def load_champion(*, name: str, tracking_uri: str, cache_dir: Path) -> LoadedModel:
    """Load ``models:/<name>@champion``; fall back to the last champion cached locally when the registry is down.

    Raises
    ------
    ModelUnavailableError
        When there is no champion, or the registry is down and nothing is cached.
    """
    pointer = cache_dir / name / _POINTER
    try:
        version = champion_version(name=name, tracking_uri=tracking_uri)
    except ModelUnavailableError as exc:
        if not pointer.exists():
            raise
        cached = json.loads(pointer.read_text())
        logger.warning("registry unreachable; using cached champion", extra={"model_version": cached["version"]})
        bundle = cache_dir / name / cached["version"] / "bundle"
        try:
            model = RiskModel.load(bundle)
        except ModelUnavailableError:
            raise exc from None
        return LoadedModel(name, cached["version"], cached["run_id"], model, "cache", bundle)
    if version is None:
        raise ModelUnavailableError(f"model {name!r} has no {CHAMPION_ALIAS!r} alias in the registry at {tracking_uri}")
    loaded = load_version(name=name, version=version, tracking_uri=tracking_uri, cache_dir=cache_dir)
    _write_atomically(pointer, json.dumps({"version": loaded.version, "run_id": loaded.run_id}))
    return loaded


def _write_atomically(path: Path, content: str) -> None:
    """Write a file so that readers (other workers starting up) see the old content or the new, never a part."""
    handle, staging = tempfile.mkstemp(prefix=f"{path.name}.", dir=path.parent)
    with os.fdopen(handle, "w") as out:
        out.write(content)
    os.replace(staging, path)
