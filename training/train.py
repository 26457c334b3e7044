"""Fit the risk model: LightGBM with early stopping, Platt calibration, bootstrap members for the range."""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, field

import lightgbm as lgb
import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from models.features import FeatureSpec
from models.field_declarations import require_declared
from models.policy import PolicyConfig
from models.policy_file import StatedPolicy, resolve_policy
from models.risk_model import Calibrator, RiskModel
from models.rule import RuleBaseline
from training.baselines import fit_logistic, predict_logistic
from training.data import OPTIMUM

logger = logging.getLogger(__name__)

LOGIT_MAX_ROWS = 200_000


@dataclass(frozen=True)
class TrainConfig:
    """Hyperparameters and choices of one training run (logged as MLflow parameters).

    The tree size is a product decision: exact TreeSHAP costs grow with trees × leaves × depth², and every assessment
    computes SHAP. ``bench/model_quality.py`` shows the trade-off behind these defaults.

    ``policy`` is a resolved policy, or a policy file's statement (:mod:`models.policy_file`) that
    :func:`fit_risk_model` resolves on the calibration split (see there).
    """

    num_leaves: int = 8
    max_depth: int = 4
    learning_rate: float = 0.15
    max_trees: int = 400
    early_stopping_rounds: int = 30
    min_child_samples: int = 200
    members: int = 5
    seed: int = 0
    protected_as_features: bool = False
    horizon_months: int = 12
    policy: PolicyConfig | StatedPolicy = field(default_factory=PolicyConfig)

    def params(self) -> dict[str, object]:
        flat = {k: v for k, v in asdict(self).items() if k != "policy"}
        flat.update({f"policy_{k}": v for k, v in self.policy.to_dict().items()})
        return flat


def _lgb_params(config: TrainConfig) -> dict[str, object]:
    return {
        "objective": "binary",
        "learning_rate": config.learning_rate,
        "num_leaves": config.num_leaves,
        "max_depth": config.max_depth,
        "min_child_samples": config.min_child_samples,
        "cat_smooth": 10.0,
        "seed": config.seed,
        "deterministic": True,
        "force_row_wise": True,
        "verbosity": -1,
    }


def fit_risk_model(
    train: pd.DataFrame, calibration: pd.DataFrame, *, config: TrainConfig, metadata: dict[str, object]
) -> RiskModel:
    """Train on ``train`` (its latest sixth stops the boosting early), Platt-calibrate on ``calibration``.

    A policy stated as capacities becomes thresholds on the calibration split's calibrated risks
    (:func:`models.policy_file.resolve_policy`): like the calibration map, the thresholds are fitted on rows later
    than the training rows (closer to the registrants the model will see), and the test split stays unseen by both,
    so its level shares (``share_*`` metrics, the model card) show how the capacities hold on new registrants instead
    of equalling them by construction.

    Parameters
    ----------
    train, calibration
        Validated profile frames with a ``label`` column, from :func:`training.data.temporal_split`.
    config
        Hyperparameters.
    metadata
        Stored with the model (data description, run information).

    Raises
    ------
    ConfigurationError
        When a feature has no declared purpose and legal basis (:func:`models.field_declarations.require_declared`).
    InvalidInputError
        When the policy's capacities cannot work on the calibration split.
    """
    spec = FeatureSpec.default(protected_as_features=config.protected_as_features)
    require_declared(spec.names)
    params = _lgb_params(config)
    cut = int(len(train) * 5 / 6)
    x_train, y_train = spec.encode_frame(train), train["label"].to_numpy()
    fit_set = lgb.Dataset(
        x_train[:cut], y_train[:cut], categorical_feature=spec.categorical_indices, free_raw_data=False
    )
    stop_set = lgb.Dataset(x_train[cut:], y_train[cut:], reference=fit_set)
    started = time.perf_counter()
    booster = lgb.train(
        params,
        fit_set,
        num_boost_round=config.max_trees,
        valid_sets=[stop_set],
        callbacks=[lgb.early_stopping(config.early_stopping_rounds, verbose=False)],
    )
    trees = booster.best_iteration or config.max_trees
    booster = lgb.Booster(model_str=booster.model_to_string(num_iteration=trees))
    logger.info("trained main model", extra={"trees": trees, "seconds": round(time.perf_counter() - started, 1)})

    raw_cal = np.asarray(booster.predict(spec.encode_frame(calibration), raw_score=True))
    platt = LogisticRegression(C=1e6).fit(raw_cal[:, np.newaxis], calibration["label"])
    calibrator = Calibrator(float(platt.coef_[0, 0]), float(platt.intercept_[0]))
    policy = config.policy
    if isinstance(policy, StatedPolicy):
        policy = resolve_policy(policy, profiles=calibration, risk=calibrator(raw_cal))

    rng = np.random.default_rng(config.seed)
    members = []
    for i in range(config.members):
        fit_set.set_weight(rng.poisson(1.0, size=cut).astype(np.float64))
        members.append(lgb.train({**params, "seed": config.seed + i + 1}, fit_set, num_boost_round=trees))
        logger.info("trained bootstrap member", extra={"member": i + 1, "of": config.members})
    return RiskModel(
        spec=spec,
        booster=booster,
        calibrator=calibrator,
        policy=policy,
        members=members,
        horizon_months=config.horizon_months,
        metadata={**metadata, "trees": trees, "train_config": config.params()},
    )


@dataclass(frozen=True)
class Candidates:
    """The model and the two baselines it is compared with, fitted on the same training split."""

    model: RiskModel
    rule: RuleBaseline
    logit: Pipeline


def fit_candidates(
    train: pd.DataFrame, calibration: pd.DataFrame, *, config: TrainConfig, metadata: dict[str, object]
) -> Candidates:
    """Fit the risk model, today's rule and the logistic regression (on at most ``LOGIT_MAX_ROWS`` rows)."""
    model = fit_risk_model(train, calibration, config=config, metadata=metadata)
    rule = RuleBaseline().fit(train, train["label"].to_numpy())
    rows = train.sample(min(len(train), LOGIT_MAX_ROWS), random_state=config.seed)
    logit = fit_logistic(rows, rows["label"].to_numpy(), spec=model.spec)
    return Candidates(model, rule, logit)


def score_candidates(candidates: Candidates, test: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """The model's scored frame (risk, range, suggested level) and every source's risks, ``p_opt`` when known."""
    scored = candidates.model.score_frame(test)
    scores = {
        "model": scored["risk"].to_numpy(),
        "rule": candidates.rule.score_frame(test)["risk"].to_numpy(),
        "logit": predict_logistic(candidates.logit, test, spec=candidates.model.spec),
    }
    if OPTIMUM in test.columns and test[OPTIMUM].notna().all():
        scores["p_opt"] = test[OPTIMUM].to_numpy()
    return scored, scores
