"""The limits of the promotion gates: one definition for ``promote``, ``ensure-champion`` and the service.

Each limit has a default here and may be set by its ``PROFILING_GATE_*`` variable (:data:`GATE_VARIABLES`);
``promote`` may override a limit on its command line, and says so. The gates themselves are evaluated in
``training/promote.py`` on the metrics logged at training (:mod:`models.metrics`).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

from models.errors import ConfigurationError


@dataclass(frozen=True)
class GateLimits:
    """How far a candidate may be from the optimum, from calibration and from the current champion.

    ``max_ece`` is the limit for a large test split; on a small one the gate also allows the ECE a perfectly
    calibrated model shows by chance at that size (:func:`models.metrics.calibrated_ece`), and prints both.
    """

    max_auc_gap_to_optimum: float = 0.01
    max_ece: float = 0.02
    max_group_calibration_gap: float = 0.05
    max_auc_regression: float = 0.005


GATE_VARIABLES: dict[str, str] = {
    "max_auc_gap_to_optimum": "PROFILING_GATE_MAX_AUC_GAP",
    "max_ece": "PROFILING_GATE_MAX_ECE",
    "max_group_calibration_gap": "PROFILING_GATE_MAX_GROUP_CALIBRATION_GAP",
    "max_auc_regression": "PROFILING_GATE_MAX_AUC_REGRESSION",
}
"""The environment variable of each limit."""


def gate_limits(environ: Mapping[str, str] | None = None, **overrides: float | None) -> GateLimits:
    """The limits in force: defaults, then ``PROFILING_GATE_*`` variables, then explicit overrides (``None`` skips).

    Raises
    ------
    ConfigurationError
        If a variable is not a finite, non-negative number, or an override names no limit.

    Examples
    --------
    >>> gate_limits({"PROFILING_GATE_MAX_ECE": "0.03"}, max_auc_regression=0.01)
    GateLimits(max_auc_gap_to_optimum=0.01, max_ece=0.03, max_group_calibration_gap=0.05, max_auc_regression=0.01)
    """
    environ = os.environ if environ is None else environ
    unknown = set(overrides) - {f.name for f in fields(GateLimits)}
    if unknown:
        raise ConfigurationError(f"no such gate limit: {', '.join(sorted(unknown))}")
    values: dict[str, float] = {}
    for name, variable in GATE_VARIABLES.items():
        raw = environ.get(variable)
        if raw is None or raw == "":
            continue
        try:
            value = float(raw)
        except ValueError:
            raise ConfigurationError(f"{variable} must be a number, got {raw!r}") from None
        if not math.isfinite(value) or value < 0:
            raise ConfigurationError(f"{variable} must be a finite number of at least 0, got {raw!r}")
        values[name] = value
    values.update({name: value for name, value in overrides.items() if value is not None})
    return GateLimits(**values)
