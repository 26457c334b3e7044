"""Promotion: a registered version becomes ``champion`` only through gates, and the decision is recorded as tags.

Gates: the AUC gap to the exact optimum (when the data knew it), calibration (ECE), the largest per-group calibration
gap, and no AUC regression against the current champion on the candidate's own test split (measured at training).
The gated metrics are computed at training (:mod:`training.evaluate`) with the groups of :mod:`models.groups` and the
AUC, ECE and calibration gap of :mod:`models.metrics`, the definitions the monitoring reports use. The
limits come from :mod:`models.gates` (defaults and ``PROFILING_GATE_*``), the one source the service shows too.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass

from mlflow.tracking import MlflowClient

from models.errors import ModelUnavailableError, PromotionRefusedError
from models.gates import GateLimits
from models.registry import CHAMPION_ALIAS, champion_version

PASS, FAIL, NOT_APPLICABLE = "pass", "fail", "not applicable"


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
        return self.status != FAIL


def _compared(gate: str, value: float, limit: float, note: str = "") -> GateResult:
    return GateResult(gate, PASS if value <= limit else FAIL, value, limit, note)


def check_gates(metrics: dict[str, float], *, gates: GateLimits, current_champion: str | None) -> list[GateResult]:
    """Evaluate every gate on a candidate's logged metrics.

    The ECE gate knows its sample size: its limit is the larger of ``gates.max_ece`` and the ECE a calibrated model
    shows by chance on the candidate's test split (``model_ece_calibrated_p95``, logged at training), and the note
    gives both.

    Examples
    --------
    >>> results = check_gates({"model_ece": 0.03, "max_group_calibration_gap": 0.01}, gates=GateLimits(),
    ...                       current_champion=None)
    >>> [(r.gate, r.status) for r in results]
    [('auc_gap_to_optimum', 'not applicable'), ('ece', 'fail'), ('group_calibration_gap', 'pass'), \
('auc_regression', 'not applicable')]
    """
    results = []
    gap = metrics.get("auc_gap_to_optimum")
    if gap is None:
        results.append(
            GateResult("auc_gap_to_optimum", NOT_APPLICABLE, None, gates.max_auc_gap_to_optimum, "optimum unknown")
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
    if current_champion is None:
        results.append(GateResult("auc_regression", NOT_APPLICABLE, None, gates.max_auc_regression, "no champion yet"))
    elif metrics.get("champion_version") != float(current_champion):
        results.append(
            GateResult(
                "auc_regression",
                FAIL,
                None,
                gates.max_auc_regression,
                f"champion {current_champion} was not evaluated on this candidate's test split; retrain",
            )
        )
    else:
        regression = metrics["champion_auc"] - metrics["model_auc"]
        results.append(_compared("auc_regression", regression, gates.max_auc_regression))
    return results


def promote(
    *, name: str, tracking_uri: str, version: str | None, gates: GateLimits, by: str, reason: str, review: str
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
