"""The MLflow pyfunc flavour of the risk model, so plain ``mlflow.pyfunc.load_model`` scores like the service does.

MLflow's own LightGBM flavour cannot score categorical features through ``pyfunc.predict`` (see DESIGN.md), so the
model is logged as this small custom pyfunc around :class:`models.risk_model.RiskModel`, with the ``models`` package
shipped beside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from mlflow.pyfunc.model import PythonModel

from models.risk_model import RiskModel
from models.validation import profiles_of, validate_frame

BUNDLE_ARTIFACT = "bundle"
SMALL_FRAME = 32
"""Up to this many rows, each is validated and encoded like an API request (microseconds) rather than through the
column-wise DataFrame path, whose fixed cost (tens of milliseconds) only pays off for batches."""


class ProfilingPyfunc(PythonModel):
    """Scores a DataFrame of profiles: columns ``risk``, ``lower``, ``upper``, ``suggested_level``."""

    def load_context(self, context: Any) -> None:
        self.model = RiskModel.load(Path(context.artifacts[BUNDLE_ARTIFACT]))

    def predict(self, context: Any, model_input: pd.DataFrame, params: dict[str, Any] | None = None) -> pd.DataFrame:
        if len(model_input) <= SMALL_FRAME:
            return self.model.score_profiles(profiles_of(model_input))
        return self.model.score_frame(validate_frame(model_input))
