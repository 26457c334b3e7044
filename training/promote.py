"""Promotion: a registered version becomes ``champion`` only through gates, and the decision is recorded as tags.

Gates: the AUC gap to the exact optimum (when the data knew it), calibration (ECE), the largest per-group calibration
gap, and no AUC regression against the current champion on the candidate's own test split (measured at training).
The gated metrics are computed at training (:mod:`training.evaluate`) with the groups of :mod:`models.groups` and the
AUC, ECE and calibration gap of :mod:`models.metrics`, the definitions the monitoring reports use.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass

from mlflow.tracking import MlflowClient

from models.errors import ModelUnavailableError, PromotionRefusedError
from models.registry import CHAMPION_ALIAS, champion_version


@dataclass(frozen=True)
class Gates:
    max_auc_gap_to_optimum: float = 0.01
    max_ece: float = 0.02
    max_group_calibration_gap: float = 0.05
    max_auc_regression: float = 0.005


@dataclass(frozen=True)
class GateResult:
    gate: str
    passed: bool
    value: float | None
    limit: float
    note: str = ""


def check_gates(metrics: dict[str, float], *, gates: Gates, current_champion: str | None) -> list[GateResult]:
    """Evaluate every gate on a candidate's logged metrics.

    Examples
    --------
    >>> results = check_gates({"model_ece": 0.03, "max_group_calibration_gap": 0.01}, gates=Gates(),
    ...                       current_champion=None)
    >>> [(r.gate, r.passed) for r in results]
    [('auc_gap_to_optimum', True), ('ece', False), ('group_calibration_gap', True), ('auc_regression', True)]
    """
    results = []
    gap = metrics.get("auc_gap_to_optimum")
    results.append(
        GateResult(
            "auc_gap_to_optimum",
            gap is None or gap <= gates.max_auc_gap_to_optimum,
            gap,
            gates.max_auc_gap_to_optimum,
            "" if gap is not None else "optimum unknown for this data",
        )
    )
    ece = metrics["model_ece"]
    results.append(GateResult("ece", ece <= gates.max_ece, ece, gates.max_ece))
    group_gap = metrics["max_group_calibration_gap"]
    results.append(
        GateResult(
            "group_calibration_gap",
            group_gap <= gates.max_group_calibration_gap,
            group_gap,
            gates.max_group_calibration_gap,
        )
    )
    if current_champion is None:
        results.append(GateResult("auc_regression", True, None, gates.max_auc_regression, "no champion yet"))
    elif metrics.get("champion_version") != float(current_champion):
        results.append(
            GateResult(
                "auc_regression",
                False,
                None,
                gates.max_auc_regression,
                f"champion {current_champion} was not evaluated on this candidate's test split; retrain",
            )
        )
    else:
        regression = metrics["champion_auc"] - metrics["model_auc"]
        results.append(
            GateResult("auc_regression", regression <= gates.max_auc_regression, regression, gates.max_auc_regression)
        )
    return results


def promote(
    *, name: str, tracking_uri: str, version: str | None, gates: Gates, by: str, reason: str, review: str
) -> tuple[str, list[GateResult]]:
    """Move the ``champion`` alias to ``version`` (default: the newest) if every gate passes; return both.

    Raises
    ------
    PromotionRefusedError
        Naming each failed gate; the refusal is recorded on the version too.
    ModelUnavailableError
        When the model or version does not exist.
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
    metrics = client.get_run(candidate.run_id).data.metrics
    current = champion_version(name=name, tracking_uri=tracking_uri)
    if current == version:
        raise PromotionRefusedError(f"version {version} is already {CHAMPION_ALIAS}")
    results = check_gates(metrics, gates=gates, current_champion=current)
    record = json.dumps([asdict(r) for r in results])
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    failed = [r for r in results if not r.passed]
    if failed:
        client.set_model_version_tag(
            name, version, "promotion_refused", json.dumps({"at": now, "by": by, "gates": record})
        )
        raise PromotionRefusedError(
            "promotion refused; failed gates: "
            + "; ".join(f"{r.gate} = {_fmt(r.value)} (limit {r.limit}) {r.note}".strip() for r in failed)
        )
    client.set_registered_model_alias(name, CHAMPION_ALIAS, version)
    for key, value in {
        "promoted_by": by,
        "promoted_at": now,
        "promotion_reason": reason,
        "promotion_review": review,
        "promotion_gates": record,
        "previous_champion": current or "",
    }.items():
        client.set_model_version_tag(name, version, key, value)
    return version, results


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"
