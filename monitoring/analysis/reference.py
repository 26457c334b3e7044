"""The champion's reference sample: the inputs and scores it was tested on, saved beside the model at training."""

from __future__ import annotations

import logging

import pandas as pd

from models import config
from models.errors import ModelUnavailableError
from models.registry import LoadedModel, load_champion
from models.risk_model import REFERENCE_FILE

logger = logging.getLogger(__name__)


def reference_of(loaded: LoadedModel) -> pd.DataFrame | None:
    """The reference sample of a loaded model, or ``None`` when the model was saved without one."""
    path = loaded.bundle_dir / REFERENCE_FILE
    return pd.read_parquet(path) if path.exists() else None


def champion_reference() -> tuple[pd.DataFrame | None, int]:
    """The current champion's reference sample and horizon; no reference (drift left out) when there is no model."""
    try:
        loaded = load_champion(
            name=config.model_name(), tracking_uri=config.tracking_uri(), cache_dir=config.model_cache_dir()
        )
    except ModelUnavailableError as exc:
        logger.warning("no champion: the report leaves out drift", extra={"error": str(exc)})
        return None, 12
    return reference_of(loaded), loaded.model.horizon_months
