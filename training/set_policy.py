"""Change the policy of a registered model, governed like a promotion (four eyes on the ``champion`` alias).

A policy change registers a NEW model version that holds the same trained model (booster, calibration, bootstrap
members) with the new policy, and files a promotion request for it (:func:`training.promotion.ask_for_promotion`)
that names the new policy's version, so the chain shows the change; a second data scientist approves it with
``python -m training approve`` or the service's ``/v1/model/promotions``, and only then does the service serve it.
Records written before keep the policy version they name.

Capacities are resolved on the version's reference sample (a sample of its test split, with its scores, stored with
the model for drift monitoring: :data:`models.risk_model.REFERENCE_FILE`), the only population stored with a model
version; training resolves them on its calibration split instead (:func:`training.train.fit_risk_model`). The new
version's reference sample keeps its inputs and scores with the suggestions under the new policy, so drift in the
suggested levels compares like with like.

Every input is checked before anything is written: the reason and review, the policy file, the source version and
its reference sample, capacities that cannot work on it, and a policy equal to the version's own. A gate that
refuses the new version (the same model's metrics, against the limits of now) leaves it registered with the refusal
tagged, as for any refused candidate, and nothing in the chain.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from mlflow.tracking import MlflowClient
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConflictError, InvalidInputError, ModelUnavailableError
from models.gates import GateLimits
from models.policy import PolicyConfig, suggest_columns
from models.policy_file import StatedPolicy, read_policy, resolve_policy, write_policy
from models.registry import LoadedModel, load_version
from models.risk_model import MODEL_CARD_FILE, REFERENCE_FILE
from monitoring.records.model_events import chained_champion
from training.evaluate import level_shares
from training.pipeline import _input_example
from training.promote import candidate_metrics, loosened_limits
from training.promotion import REASON_REQUIRED, Asked, ask_for_promotion
from training.tracking import log_and_register, start_experiment

REVIEW_REQUIRED = "a policy change needs the reference of its review (--review): the decision on capacities is recorded"
NO_REFERENCE = (
    "{name} version {version} has no reference sample ({file}) to resolve capacities on and to show its inputs: "
    "retrain it (training stores one with every version)"
)
SAME_POLICY = "{name} version {version} has policy {policy} already"
SHARE_PREFIX = "share_"


@dataclass(frozen=True)
class PolicyChange:
    """A new version holding ``source``'s model with ``policy``, and the promotion request filed for it."""

    source: str
    version: str
    previous: PolicyConfig
    policy: PolicyConfig
    shares: dict[str, float]
    """Each level's share on the reference sample under the new policy."""
    asked: Asked


def set_policy(
    sessions: sessionmaker[Session],
    *,
    name: str,
    tracking_uri: str,
    cache_dir: Path,
    artifact_root: Path | None,
    source: str,
    policy: Path,
    gates: GateLimits,
    reason: str,
    review: str,
    by: str,
    caller: str,
) -> PolicyChange:
    """Register ``source``'s model with the policy of the file ``policy`` as a new version and ask to promote it.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        The records database (the chain the request is appended to).
    name, tracking_uri, cache_dir, artifact_root
        The registered model, its registry, the local model cache, and where new runs keep their artifacts.
    source : str
        The version whose trained model gets the new policy.
    policy : Path
        The policy file (:mod:`models.policy_file`).
    gates : GateLimits
        The promotion gates' limits (any looser than its default, set by its ``PROFILING_GATE_*`` variable, is
        recorded with the request).
    reason, review : str
        Why, and the reference of the review that decided it (both required).
    by, caller : str
        The data scientist who asks, and the command that writes the request.

    Raises
    ------
    InvalidInputError
        When the reason or review is empty, the file does not fit, or its capacities cannot work on the reference
        sample; nothing is written.
    ConflictError
        When ``source`` has this policy already; nothing is written.
    ModelUnavailableError, StorageUnavailableError
        When the registry or the records cannot be reached, or ``source`` does not exist or has no reference sample.
    PromotionRefusedError
        When a gate refuses the new version (registered, tagged with the refusal, nothing in the chain).
    """
    if not reason.strip():
        raise InvalidInputError(REASON_REQUIRED)
    if not review.strip():
        raise InvalidInputError(REVIEW_REQUIRED)
    stated = read_policy(policy)
    loaded = load_version(name=name, version=source, tracking_uri=tracking_uri, cache_dir=cache_dir)
    reference = _reference(loaded)
    resolved = resolve_policy(stated, profiles=reference, risk=reference["risk"].to_numpy())
    if resolved.version == loaded.model.policy.version:
        raise ConflictError(SAME_POLICY.format(name=name, version=source, policy=resolved.version))
    champion = chained_champion(sessions, model=name)
    version, shares = _register(
        loaded, stated, resolved, reference, tracking_uri=tracking_uri, artifact_root=artifact_root, champion=champion
    )
    asked = ask_for_promotion(
        sessions,
        name=name,
        tracking_uri=tracking_uri,
        cache_dir=cache_dir,
        version=version,
        gates=gates,
        loosened=loosened_limits(gates, overrides={}),
        reason=reason,
        review=review,
        by=by,
        caller=caller,
        policy_version=resolved.version,
    )
    return PolicyChange(source, version, loaded.model.policy, resolved, shares, asked)


def _reference(loaded: LoadedModel) -> pd.DataFrame:
    """The version's reference sample, read as drift monitoring reads it.

    Raises
    ------
    ModelUnavailableError
        When the version was saved without one.
    """
    path = loaded.bundle_dir / REFERENCE_FILE
    if not path.exists():
        raise ModelUnavailableError(NO_REFERENCE.format(name=loaded.name, version=loaded.version, file=REFERENCE_FILE))
    return pd.read_parquet(path)


def _register(
    loaded: LoadedModel,
    stated: StatedPolicy,
    resolved: PolicyConfig,
    reference: pd.DataFrame,
    *,
    tracking_uri: str,
    artifact_root: Path | None,
    champion: str | None,
) -> tuple[str, dict[str, float]]:
    """Log and register the same model with the new policy; return the new version and the reference's shares."""
    model = dataclasses.replace(
        loaded.model, policy=resolved, metadata={**loaded.model.metadata, "policy_set_from_version": loaded.version}
    )
    _, metrics = candidate_metrics(name=loaded.name, tracking_uri=tracking_uri, version=loaded.version)
    metrics = {k: v for k, v in metrics.items() if not k.startswith(SHARE_PREFIX)}
    if champion == loaded.version:
        # the champion's booster is this one, scored on this test split at training: the regression gate compares them
        metrics.update({"champion_version": float(champion), "champion_auc": metrics["model_auc"]})
    run = MlflowClient(tracking_uri=tracking_uri).get_run(loaded.run_id)
    params = {k: v for k, v in run.data.params.items() if not k.startswith("policy_")}
    params.update({f"policy_{k}": v for k, v in resolved.to_dict().items()})
    params["policy_set_from_version"] = loaded.version
    with tempfile.TemporaryDirectory() as tmp:
        bundle_dir, artifacts_dir = Path(tmp) / "bundle", Path(tmp) / "artifacts"
        artifacts_dir.mkdir()
        model.save(bundle_dir)
        risk, lower, upper = (reference[c].to_numpy() for c in ("risk", "lower", "upper"))
        levels = suggest_columns(reference, risk=risk, lower=lower, upper=upper, config=resolved).levels
        reference.assign(suggested_level=levels).to_parquet(bundle_dir / REFERENCE_FILE, index=False)
        shares = level_shares(levels)
        metrics.update({f"{SHARE_PREFIX}{k}": v for k, v in shares.items()})
        write_policy(artifacts_dir, given=stated, resolved=resolved)
        card = _model_card(loaded, resolved, shares)
        (artifacts_dir / MODEL_CARD_FILE).write_text(card)
        shutil.copy(artifacts_dir / MODEL_CARD_FILE, bundle_dir / MODEL_CARD_FILE)
        example = _input_example(reference, loaded.model)
        _, version = log_and_register(
            experiment_id=start_experiment(tracking_uri=tracking_uri, artifact_root=artifact_root),
            name=loaded.name,
            bundle_dir=bundle_dir,
            artifacts_dir=artifacts_dir,
            params=params,
            metrics=metrics,
            tags={
                **{k: v for k, v in run.data.tags.items() if k in ("horizon_months", "data")},
                "policy_version": resolved.version,
                "policy_set_from_version": loaded.version,
            },
            input_example=example,
            output_example=model.score_frame(example),
        )
    return version, shares


def _model_card(loaded: LoadedModel, resolved: PolicyConfig, shares: dict[str, float]) -> str:
    """The source version's model card with the new policy appended (the card's own policy section is the old one)."""
    path = loaded.bundle_dir / MODEL_CARD_FILE
    card = path.read_text() if path.exists() else f"# Model card: {loaded.name}\n"
    lines = [
        "",
        f"## Policy of this version (changed from version {loaded.version}; the policy above was version "
        f"{loaded.version}'s, {loaded.model.policy.version})",
        *[f"- {k}: {v}" for k, v in resolved.to_dict().items()],
        "",
        "Suggested level shares on the reference sample under this policy:",
        *[f"- {k}: {v:.1%}" for k, v in shares.items()],
    ]
    return card + "\n".join(lines) + "\n"
