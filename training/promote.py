"""Promotion gates: whether a registered version may become ``champion``, and the limits loosened to let it.

Gates: the AUC gap to the exact optimum (when the data knew it), calibration (ECE), the largest per-group calibration
gap, and no AUC regression against the current champion. The gated metrics are computed at training
(:mod:`training.evaluate`) with the groups of :mod:`models.groups` and the AUC, ECE and calibration gap of
:mod:`models.metrics`, the definitions the monitoring reports use. The limits come from :mod:`models.gates` (defaults
and ``PROFILING_GATE_*``), the one source the service shows too.

The regression gate compares both versions on one set of rows: the candidate's test split, when the champion was
scored on it at training; otherwise a common holdout given now (:func:`compare_on_holdout`, e.g. recent labelled
records from ``python -m training dataset --from-records``). Without either it fails for a new version (retrain, or
give a holdout) and is not applicable, with the reason, for a rollback to a former champion, which passed its gates
when it was promoted. Who may then move the alias is :mod:`training.promotion`'s business (four eyes).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import pandas as pd
from mlflow.tracking import MlflowClient

from models.errors import ModelUnavailableError, PromotionRefusedError
from models.gates import GATE_VARIABLES, GateLimits
from models.registry import load_version, tag_version
from monitoring.records.kinds import GateStatus
from training.data import prepare
from training.evaluate import model_auc

MIN_HOLDOUT_ROWS = 200
"""The fewest labelled rows of a common holdout; fewer cannot tell two AUCs apart."""
COMMAND_LINE = "command line"


@dataclass(frozen=True)
class GateResult:
    """One gate on one candidate: ``status`` is pass, fail, or not applicable (it could not be evaluated)."""

    gate: str
    status: str
    value: float | None
    limit: float
    note: str = ""

    @property
    def passed(self) -> bool:
        """A gate that cannot be evaluated does not stop a promotion, but it is reported as not applicable."""
        return self.status != GateStatus.FAILED


@dataclass(frozen=True)
class CommonHoldout:
    """Both versions' AUC on the same labelled rows."""

    rows: int
    candidate_auc: float
    champion_auc: float
    source: str


def _compared(gate: str, value: float, limit: float, note: str = "") -> GateResult:
    return GateResult(gate, GateStatus.PASSED if value <= limit else GateStatus.FAILED, value, limit, note)


def check_gates(
    metrics: Mapping[str, float],
    *,
    gates: GateLimits,
    current_champion: str | None,
    common: CommonHoldout | None = None,
    rollback: bool = False,
) -> list[GateResult]:
    """Evaluate every gate on a candidate's logged metrics.

    The ECE gate knows its sample size: its limit is the larger of ``gates.max_ece`` and the ECE a calibrated model
    shows by chance on the candidate's test split (``model_ece_calibrated_p95``, logged at training), and the note
    gives both. The regression gate is described in the module docstring.

    Examples
    --------
    >>> results = check_gates({"model_ece": 0.03, "max_group_calibration_gap": 0.01}, gates=GateLimits(),
    ...                       current_champion=None)
    >>> [(r.gate, r.status.value) for r in results]
    [('auc_gap_to_optimum', 'not applicable'), ('ece', 'fail'), ('group_calibration_gap', 'pass'), \
('auc_regression', 'not applicable')]
    """
    results = []
    gap = metrics.get("auc_gap_to_optimum")
    if gap is None:
        results.append(
            GateResult(
                "auc_gap_to_optimum", GateStatus.NOT_APPLICABLE, None, gates.max_auc_gap_to_optimum, "optimum unknown"
            )
        )
    else:
        results.append(_compared("auc_gap_to_optimum", gap, gates.max_auc_gap_to_optimum))
    noise = metrics.get("model_ece_calibrated_p95")
    if noise is None:
        results.append(_compared("ece", metrics["model_ece"], gates.max_ece, "chance level not logged"))
    else:
        rows = metrics.get("test_rows")
        size = f" on {int(rows)} rows" if rows is not None else ""
        note = f"max_ece {gates.max_ece} or, if larger, a calibrated model's chance ECE{size}: {noise:.4f} (95th pct)"
        results.append(_compared("ece", metrics["model_ece"], max(gates.max_ece, noise), note))
    results.append(
        _compared("group_calibration_gap", metrics["max_group_calibration_gap"], gates.max_group_calibration_gap)
    )
    results.append(_regression_gate(metrics, gates.max_auc_regression, current_champion, common, rollback))
    return results


def _regression_gate(
    metrics: Mapping[str, float], limit: float, champion: str | None, common: CommonHoldout | None, rollback: bool
) -> GateResult:
    gate = "auc_regression"
    if champion is None:
        return GateResult(gate, GateStatus.NOT_APPLICABLE, None, limit, "no champion yet")
    if common is not None:
        note = f"both versions on a common holdout of {common.rows} rows ({common.source})"
        return _compared(gate, common.champion_auc - common.candidate_auc, limit, note)
    if metrics.get("champion_version") == float(champion):
        return _compared(gate, metrics["champion_auc"] - metrics["model_auc"], limit, "on the candidate's test split")
    if rollback:
        note = (
            f"rollback to a former champion: champion {champion} was not scored on this version's test split and no "
            "common holdout was given (--holdout), so both were not compared"
        )
        return GateResult(gate, GateStatus.NOT_APPLICABLE, None, limit, note)
    note = (
        f"champion {champion} was not evaluated on this candidate's test split; retrain, or compare both on a common "
        "holdout (--holdout)"
    )
    return GateResult(gate, GateStatus.FAILED, None, limit, note)


def loosened_limits(gates: GateLimits, *, overrides: Mapping[str, float | None]) -> list[dict[str, object]]:
    """Each limit in ``gates`` looser than its default in :mod:`models.gates`, and where it was set.

    Examples
    --------
    >>> loosened_limits(GateLimits(max_ece=0.05, max_auc_regression=0.001), overrides={"max_ece": 0.05})
    [{'limit': 'max_ece', 'value': 0.05, 'default': 0.02, 'source': 'command line'}]
    """
    defaults = GateLimits()
    loosened: list[dict[str, object]] = []
    for field in fields(GateLimits):
        value, default = getattr(gates, field.name), getattr(defaults, field.name)
        if value > default:
            source = COMMAND_LINE if overrides.get(field.name) is not None else GATE_VARIABLES[field.name]
            loosened.append({"limit": field.name, "value": value, "default": default, "source": source})
    return loosened


def candidate_metrics(*, name: str, tracking_uri: str, version: str | None) -> tuple[str, dict[str, float]]:
    """A registered version (default: the newest) and the metrics logged when it was trained.

    Raises
    ------
    ModelUnavailableError
        When the model or version does not exist, or has no training run.
    """
    client = MlflowClient(tracking_uri=tracking_uri)
    try:
        if version is None:
            version = str(max(int(v.version) for v in client.search_model_versions(f"name='{name}'")))
        candidate = client.get_model_version(name, version)
    except Exception as exc:
        raise ModelUnavailableError(f"no version {version or '(any)'} of model {name!r}: {exc}") from exc
    if candidate.run_id is None:
        raise ModelUnavailableError(f"version {version} of model {name!r} has no training run to read metrics from")
    return version, dict(client.get_run(candidate.run_id).data.metrics)


def compare_on_holdout(
    holdout: pd.DataFrame, *, name: str, tracking_uri: str, cache_dir: Path, candidate: str, champion: str, source: str
) -> CommonHoldout:
    """Both versions' AUC on one labelled frame in the profile schema.

    Raises
    ------
    InvalidDataFileError
        When the frame does not fit the schema or has fewer than :data:`MIN_HOLDOUT_ROWS` labelled rows.
    ModelUnavailableError
        When a version cannot be loaded.
    """
    frame = prepare(holdout, minimum_rows=MIN_HOLDOUT_ROWS)
    candidate_auc, champion_auc = (
        model_auc(load_version(name=name, version=v, tracking_uri=tracking_uri, cache_dir=cache_dir).model, frame)
        for v in (candidate, champion)
    )
    return CommonHoldout(len(frame), candidate_auc, champion_auc, source)


def refuse_failed(results: list[GateResult], *, name: str, version: str, tracking_uri: str, by: str) -> None:
    """Raise naming each failed gate, after tagging the refusal on the version; return when every gate passed.

    Raises
    ------
    PromotionRefusedError
        Naming each failed gate, its value and limit.
    """
    failed = [r for r in results if not r.passed]
    if not failed:
        return
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    record = json.dumps({"at": now, "by": by, "gates": json.dumps(gate_records(results))})
    tag_version(name=name, version=version, tracking_uri=tracking_uri, tags={"promotion_refused": record})
    raise PromotionRefusedError(
        "promotion refused; failed gates: "
        + "; ".join(f"{r.gate} = {_fmt(r.value)} (limit {r.limit}) {r.note}".strip() for r in failed)
    )


def gate_records(results: list[GateResult]) -> list[dict[str, object]]:
    """The gates as JSON values, as the chain and the registry's tags hold them."""
    return [{**asdict(r), "status": GateStatus(r.status).value} for r in results]


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"
