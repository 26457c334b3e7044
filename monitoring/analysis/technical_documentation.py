"""Technical documentation of one model version, in the outline of the AI Act's Annex IV (obligation: technical
documentation of a high-risk system, kept up to date).

Generated, never written by hand, from what is already recorded: the version's model card and bundle (intended use,
data, features with purpose and legal basis, metrics per group, policy, limitations), its MLflow run (parameters,
metrics, tags), and the chain (each promotion request's gates, approvals and
alias moves of the version). Sections whose content is organisational (the provider's risk-management system, the
standards applied, the declaration of conformity) say so instead of inventing it. English only: it is written for an
authority and a technical reader, as the model card is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from models.errors import ModelUnavailableError, RecordNotFoundError
from models.registry import load_version
from models.risk_model import MODEL_CARD_FILE
from monitoring.records.model_events import PromotionRequest, model_events, promotion_requests

NO_VERSION = "no_model_version"  # a key of models.texts.ERROR_DETAILS
NOT_RECORDED = "_Not recorded by this service: an organisational document of the provider._"
SERVICE_OVERSIGHT = (
    "The model suggests; a counsellor decides every case and records the decision, with a reason and a justification "
    "when it departs from the suggestion. Offices may work blind-first (the counsellor records a provisional level "
    "before the suggestion is shown). Decisions on a permanent level need a second approver; a jobseeker's objection "
    "is reviewed by another counsellor. Every assessment, decision and review is an append-only record in a hash "
    "chain an auditor can verify."
)
METRICS_NOTE = (
    "Discrimination is measured by the AUC and compared with the best achievable AUC where the true probability is "
    "known (`auc_gap_to_optimum`, synthetic data); calibration by the expected calibration error (ECE) overall and "
    "the largest calibration gap between protected groups, because the risk is shown to people as a probability and "
    "the suggestion thresholds are probabilities; the uncertainty range by its coverage. Today's rule-based profiling "
    "and a logistic regression are scored on the same split as baselines."
)
MONITORING_PLAN = (
    "After deployment the service monitors input and score drift against this version's reference sample "
    "(Evidently), fairness by gender, age group, country background and their intersections (selection, "
    "calibration and error rates, small groups suppressed), override rates by office, counsellor and reason with "
    "intervals, realised performance once outcomes arrive, and today's rule in shadow; the audit report "
    "(`python -m monitoring report`) raises alerts on each."
)


@dataclasses.dataclass(frozen=True)
class _Run:
    run_id: str
    params: Mapping[str, str]
    metrics: Mapping[str, float]
    tags: Mapping[str, str]
    registered_at: dt.datetime


def technical_documentation(
    sessions: sessionmaker[Session], *, name: str, version: str, tracking_uri: str, cache_dir: Path
) -> str:
    """The technical documentation of ``name`` version ``version`` as Markdown.

    Raises
    ------
    RecordNotFoundError
        When the registry has no such version.
    ModelUnavailableError
        When the registry or the version's files cannot be read.
    StorageUnavailableError
        When the records database cannot be reached.
    """
    run = _run(name, version, tracking_uri)
    loaded = load_version(name=name, version=version, tracking_uri=tracking_uri, cache_dir=cache_dir)
    card_file = loaded.bundle_dir / MODEL_CARD_FILE
    card = _sections(card_file.read_text() if card_file.exists() else "")
    requests = [r for r in promotion_requests(sessions, model=name) if r.version == version]
    model = loaded.model
    lines = [
        f"# Technical documentation: {name} version {version}",
        "",
        "In the outline of Annex IV of the AI Act (Regulation (EU) 2024/1689). Generated on "
        f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC from the model card, the MLflow run `{run.run_id}` and the "
        "records' chain.",
        "",
        "## 1. General description",
        f"- Model: {name}, version {version}, registered {run.registered_at:%Y-%m-%d %H:%M} UTC; "
        f"policy version {model.policy.version}; horizon {model.horizon_months} months.",
        f"- Software: {_software(run.tags)}.",
        "- Form: a FastAPI service (`POST /v1/assessments`) and the counsellor's web page; batch scoring "
        "(`python -m training score`) records nothing.",
        "",
        card.get("Intended use", "_The model card has no intended use._"),
        "",
        "## 2. Elements of the system and its development",
        "### 2(a) Methods and design choices",
        f"Gradient-boosted trees (LightGBM) with calibrated probabilities; {model.metadata.get('trees', '?')} trees; "
        f"an uncertainty range from {len(model.members)} bootstrap models. The policy maps the risk to a *suggested* "
        "follow-up level and flags for manual assessment; the two permanent levels are never suggested.",
        "",
        "| parameter | value |",
        "|---|---|",
        *[f"| {key} | {value} |" for key, value in sorted(run.params.items())],
        "",
        "### 2(b) Policy",
        card.get("Policy", "_The model card has no policy section._"),
        "",
        "### 2(d) Data",
        card.get("Data", "_The model card has no data section._"),
        "",
        card.get(
            "Features and fields: purpose and legal basis (data minimisation, GDPR Art. 5(1)(c))",
            "_The model card lists no fields._",
        ),
        "",
        "### 2(e) Human oversight",
        SERVICE_OVERSIGHT,
        "",
        "### 2(g) Validation and testing",
        "| metric (test split) | value |",
        "|---|---|",
        *[f"| {key} | {value:.4f} |" for key, value in sorted(run.metrics.items())],
        "",
        card.get("Per group (test split)", "_The model card has no per-group metrics._"),
        "",
        "#### Promotion gates",
        *_gates(requests),
        "",
        "## 3. Monitoring, functioning and control",
        card.get("Limitations", "_The model card states no limitations._"),
        "",
        SERVICE_OVERSIGHT,
        "",
        "## 4. Appropriateness of the performance metrics",
        METRICS_NOTE,
        "",
        "## 5. Risk-management system",
        "The promotion gates (section 2(g)) and the monitoring alerts (section 9) are this service's part of it.",
        NOT_RECORDED,
        "",
        "## 6. Changes through the life cycle",
        *_lifecycle(sessions, name, version),
        "",
        "## 7. Standards applied",
        NOT_RECORDED,
        "",
        "## 8. EU declaration of conformity",
        NOT_RECORDED,
        "",
        "## 9. Post-market monitoring",
        MONITORING_PLAN,
    ]
    return "\n".join(lines) + "\n"


def _sections(card: str) -> dict[str, str]:
    """The model card's ``## `` sections by heading, each with its heading (demoted one level)."""
    parts = re.split(r"^## (.+)$", card, flags=re.MULTILINE)
    return {
        heading.strip(): f"### {heading.strip()}\n{body.strip()}"
        for heading, body in zip(parts[1::2], parts[2::2], strict=True)
    }


def _run(name: str, version: str, tracking_uri: str) -> _Run:
    from mlflow.exceptions import MlflowException
    from mlflow.tracking import MlflowClient

    client = MlflowClient(tracking_uri=tracking_uri, registry_uri=tracking_uri)
    try:
        registered = client.get_model_version(name, version)
    except MlflowException as exc:
        if exc.error_code in _NO_SUCH_VERSION:
            raise RecordNotFoundError(NO_VERSION, name=name, version=version) from exc
        raise ModelUnavailableError(f"the registry cannot be read: {exc}") from exc
    try:
        run = client.get_run(registered.run_id or "")
    except MlflowException as exc:
        raise ModelUnavailableError(f"the MLflow run of {name} version {version} cannot be read: {exc}") from exc
    return _Run(
        run_id=run.info.run_id,
        params=run.data.params,
        metrics=run.data.metrics,
        tags=run.data.tags,
        registered_at=dt.datetime.fromtimestamp(registered.creation_timestamp / 1000, dt.UTC),
    )


_NO_SUCH_VERSION = frozenset({"RESOURCE_DOES_NOT_EXIST", "INVALID_PARAMETER_VALUE"})


def _software(tags: Mapping[str, str]) -> str:
    commit = tags.get("mlflow.source.git.commit")
    listed = "the package versions MLflow logged with the model (`requirements.txt`, `python_env.yaml`)"
    return f"{listed}; source commit {commit}" if commit else listed


def _gates(requests: Iterable[PromotionRequest]) -> list[str]:
    lines: list[str] = []
    for request in requests:
        lines += [
            "",
            f"Request `{request.id}` by {request.requested_by} on {request.requested_at:%Y-%m-%d}: {request.status}"
            + (f" by {request.decided_by}" if request.decided_by else "")
            + (" (self-approved bootstrap of a development install)" if request.self_approved_bootstrap else "")
            + f". Reason: {request.reason}",
            "",
            "| gate | status | value | limit | note |",
            "|---|---|---|---|---|",
            *[_gate_row(gate) for gate in request.gates],
        ]
        lines += [
            f"- loosened: {item['limit']} = {item['value']} (default {item['default']})" for item in request.loosened
        ]
    return lines or ["_No promotion of this version has been requested._"]


def _gate_row(gate: Mapping[str, Any]) -> str:
    return f"| {gate['gate']} | {gate['status']} | {gate.get('value')} | {gate.get('limit')} | {gate.get('note', '')} |"


def _lifecycle(sessions: sessionmaker[Session], name: str, version: str) -> list[str]:
    rows = [
        f"| {event.seq} | {event.created_at:%Y-%m-%d %H:%M} | {event.kind} | {event.actor} | "
        f"{event.payload.get('previous') or ''} |"
        for event in model_events(sessions)
        if event.payload.get("model") == name and str(event.payload.get("version")) == version
    ]
    if not rows:
        return ["_No model event names this version yet._"]
    return ["| seq | time (UTC) | event | by | replaced |", "|---|---|---|---|---|", *rows]
