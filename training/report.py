"""Artifacts for people: calibration, ROC and SHAP summary plots, and the model card.

Plots use matplotlib's object API (``Figure``), which needs no global backend or pyplot state.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.figure import Figure
from sklearn.calibration import calibration_curve
from sklearn.metrics import roc_curve

from models.field_declarations import FIELD_DECLARATIONS
from models.metrics import ECE_BINS
from models.risk_model import RiskModel


def calibration_plot(label: np.ndarray, scores: dict[str, np.ndarray], path: Path) -> None:
    """Observed share against mean risk in the equal-width bins the expected calibration error averages over."""
    fig = Figure(figsize=(5, 5))
    ax = fig.subplots()
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1)
    for name, risk in scores.items():
        observed, predicted = calibration_curve(label, risk, n_bins=ECE_BINS, strategy="uniform")
        ax.plot(predicted, observed, marker="o", markersize=3, label=name)
    ax.set(xlabel="Predicted risk", ylabel="Observed long-term share", title="Calibration (test split)")
    ax.legend()
    fig.savefig(path, dpi=110, bbox_inches="tight")


def roc_plot(label: np.ndarray, scores: dict[str, np.ndarray], path: Path) -> None:
    fig = Figure(figsize=(5, 5))
    ax = fig.subplots()
    for name, risk in scores.items():
        fpr, tpr, _ = roc_curve(label, risk)
        ax.plot(fpr, tpr, label=name)
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1)
    ax.set(xlabel="False positive rate", ylabel="True positive rate", title="ROC (test split)")
    ax.legend()
    fig.savefig(path, dpi=110, bbox_inches="tight")


def shap_summary_plot(model: RiskModel, matrix: np.ndarray, path: Path) -> None:
    """Mean |SHAP| per factor on a sample of the test split."""
    contributions = model.contributions(matrix)[:, :-1]
    by_factor = np.abs(model.explainer.factor_contributions(contributions)).mean(axis=0)
    order = np.argsort(by_factor)
    fig = Figure(figsize=(6, 4))
    ax = fig.subplots()
    ax.barh(np.array(model.explainer.factor_names)[order], by_factor[order])
    ax.set(xlabel="Mean |SHAP| (log-odds)", title="What drives the estimate")
    fig.savefig(path, dpi=110, bbox_inches="tight")


def _field_section(features: list[str]) -> list[str]:
    """Each profile field's purpose and legal basis (the features first), and whether a person can change it."""
    ordered = [*features, *(name for name in FIELD_DECLARATIONS if name not in features)]
    return [
        "## Features and fields: purpose and legal basis (data minimisation, GDPR Art. 5(1)(c))",
        "Declared once in `models/field_declarations.py`; training refuses a feature without a declaration. "
        '*Change* is what the counterfactuals ("what would change the suggestion") may propose.',
        "",
        "| field | feature | purpose | legal basis | change |",
        "|---|---|---|---|---|",
        *[
            f"| {name} | {'yes' if name in features else 'no'} | {FIELD_DECLARATIONS[name].purpose} | "
            f"{FIELD_DECLARATIONS[name].legal_basis} | {FIELD_DECLARATIONS[name].describe_change()} |"
            for name in ordered
        ],
    ]


def model_card(
    *,
    name: str,
    metrics: dict[str, float],
    groups: list[dict[str, object]],
    shares: dict[str, float],
    data: str,
    model: RiskModel,
) -> str:
    """The model card in Markdown: intended use, data, metrics, per-group metrics, policy, each field's purpose and
    legal basis, limitations.
    """
    lines = [
        f"# Model card: {name}",
        "",
        "## Intended use",
        "Decision support for counsellors at registration: the probability that a jobseeker is still registered "
        f"without work {model.horizon_months} months after registration, with an uncertainty range, a *suggested* "
        "follow-up level, flags for manual assessment and the reasons behind the estimate. **Suggest only**: the "
        "counsellor decides every case; the model never decides. Processing regime: automated processing in "
        "interplay with a counsellor.",
        "",
        "## Data",
        data,
        "",
        "## Metrics on the test split (latest registrations)",
        "| metric | value |",
        "|---|---|",
        *[f"| {k} | {v:.4f} |" for k, v in sorted(metrics.items())],
        "",
        "## Suggested level shares (test split)",
        *[f"- {k}: {v:.1%}" for k, v in shares.items()],
        "",
        "## Per group (test split)",
        "| grouping | group | n | base rate | mean risk | calibration gap | AUC |",
        "|---|---|---|---|---|---|---|",
        *[
            f"| {g['grouping']} | {g['group']} | {g['n']} | {g['base_rate']:.3f} | {g['mean_risk']:.3f} | "
            f"{g['calibration_gap']:+.3f} | {g['auc']:.3f} |"
            for g in groups
            if not g["suppressed"]
        ],
        "",
        "Suppressed, below the minimum group size (no counts shown): "
        + (", ".join(f"{g['group']} ({g['grouping']})" for g in groups if g["suppressed"]) or "none"),
        "",
        "## Policy",
        *[f"- {k}: {v}" for k, v in model.policy.to_dict().items()],
        "",
        *_field_section(model.spec.names),
        "",
        "## Limitations",
        "- Trained on data that does not show language skill, digital competence or motivation directly; the flags "
        "ask the counsellor to assess these.",
        "- Outcomes depend on the follow-up given (selective labels): retraining on logged decisions must treat the "
        "decision as a treatment, not as ground truth.",
        "- The uncertainty range is the bootstrap spread of the estimate; it does not cover drift or effects outside "
        "the data. Its coverage is `range_coverage_of_optimum` above when the true probability is known (synthetic "
        "data), else `range_coverage_of_observed`: the share of test rows in risk bins whose observed long-term "
        "share lies inside the bin's mean range.",
        "- Gender and country background are not features unless configuration says so; they are recorded for "
        "fairness monitoring.",
    ]
    return "\n".join(lines) + "\n"
