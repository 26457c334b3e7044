"""The trained risk model: LightGBM on the raw (log-odds) scale, Platt calibration, bootstrap members for
the uncertainty range, the policy, and the explainer, saved as one directory and loaded as one object.

Serving encodes a profile straight to a NumPy row and makes one ``pred_contrib`` call, which gives the SHAP values and
(through their sum) the raw score; calibration is a table look-up. Batch work (evaluation, monitoring) goes through
the same methods with many rows.

The uncertainty range is a bootstrap range: models trained on Poisson-bootstrap resamples of the training data give
a spread of raw scores for the same profile, and the range is the calibrated ``raw ± z · sd`` (nominally 90 %). It
shows how much the estimate depends on which jobseekers happened to be in the data, and it is cheap at serving time
(one raw prediction per member). It does not cover the model's bias, drift or effects the data cannot show, so it
covers the true probability less often than 90 %: the coverage measured on the synthetic population, where the truth is
known, is logged with every model (``range_coverage_of_optimum``) and stated in the model card.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np
import pandas as pd
from scipy.special import expit

from models.errors import ModelUnavailableError
from models.explain import Explainer, Reason
from models.features import FeatureSpec
from models.policy import Flag, FollowUpLevel, PolicyConfig, suggest
from models.schema import JobseekerProfile
from models.single_row import SingleRowPredictor
from models.texts import Language

BUNDLE_FILE = "bundle.json"
MAIN_FILE = "main.txt"
MODEL_CARD_FILE = "model_card.md"
"""The model card, written beside the model by training and shown by the service."""
REFERENCE_FILE = "reference.parquet"
"""A sample of test inputs with their scores: the reference for drift monitoring."""


@dataclass(frozen=True)
class Calibrator:
    """Platt scaling of the raw score: ``p = 1 / (1 + exp(-(slope * raw + intercept)))``.

    LightGBM's log-loss objective is already close to calibrated; two parameters fitted on a later period correct a
    shift in the base rate without quantising probabilities into plateaus (as isotonic regression does) or producing
    exact zeros, and they keep the estimate a smooth, monotone function of the SHAP-explained raw score.
    """

    slope: float = 1.0
    intercept: float = 0.0

    def __call__(self, raw: np.ndarray | float) -> np.ndarray:
        return np.asarray(expit(self.slope * np.asarray(raw) + self.intercept))

    def to_dict(self) -> dict[str, float]:
        return {"slope": self.slope, "intercept": self.intercept}

    @classmethod
    def from_dict(cls, data: dict[str, float]) -> Calibrator:
        return cls(float(data["slope"]), float(data["intercept"]))


ALL_CORES = 0
"""LightGBM's ``num_threads`` for batches larger than :data:`SMALL_BATCH`; single rows take
:class:`~models.single_row.SingleRowPredictor` (one thread: OpenMP's start-up costs more than one row)."""

SMALL_BATCH = 256
"""Batches up to this many rows are predicted on one thread. A few hundred rows of shallow trees take well under a
millisecond on one core, while OpenMP's threads wait for cores on a busy machine: the counterfactuals of one
assessment (one batch of at most 192 rows, ``bench/serve.py``) took 92–111 ms at the 99th percentile with all cores
and 7–11 ms with one, on this 2-core machine kind at a load average of 5.6."""


def _threads(rows: int) -> int:
    return 1 if rows <= SMALL_BATCH else ALL_CORES


@dataclass(frozen=True)
class Assessment:
    """Everything the model says about one profile."""

    risk: float
    lower: float
    upper: float
    level: FollowUpLevel
    flags: tuple[Flag, ...]
    policy_version: str
    base_value: float
    contributions: dict[str, float]
    reasons: list[Reason]


@dataclass
class RiskModel:
    """A calibrated LightGBM risk model with its feature spec, policy and bootstrap members."""

    spec: FeatureSpec
    booster: lgb.Booster
    calibrator: Calibrator
    policy: PolicyConfig
    members: list[lgb.Booster] = field(default_factory=list)
    horizon_months: int = 12
    range_z: float = 1.645
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.explainer = Explainer(self.spec)
        self._row_raw = SingleRowPredictor(self.booster, contributions=False)
        self._row_contributions = SingleRowPredictor(self.booster, contributions=True)
        self._row_members = [SingleRowPredictor(member, contributions=False) for member in self.members]

    def raw_scores(self, matrix: np.ndarray) -> np.ndarray:
        if len(matrix) == 1:
            return self._row_raw(matrix[0])
        threads = _threads(len(matrix))
        return np.asarray(self.booster.predict(matrix, raw_score=True, num_threads=threads), dtype=np.float64)

    def contributions(self, matrix: np.ndarray) -> np.ndarray:
        """SHAP values ``(n, n_features + 1)`` on the raw scale; the last column is the base value."""
        if len(matrix) == 1:
            return self._row_contributions(matrix[0])[np.newaxis, :]
        threads = _threads(len(matrix))
        return np.asarray(self.booster.predict(matrix, pred_contrib=True, num_threads=threads), dtype=np.float64)

    def _member_raw_scores(self, matrix: np.ndarray) -> np.ndarray:
        """Raw scores of the bootstrap members, ``(n, n_members)``."""
        if len(matrix) == 1:
            return np.array([[predict(matrix[0])[0] for predict in self._row_members]])
        threads = _threads(len(matrix))
        return np.column_stack([m.predict(matrix, raw_score=True, num_threads=threads) for m in self.members])

    def _range(self, matrix: np.ndarray, raw: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if len(self.members) < 2:
            risk = self.calibrator(raw)
            return risk, risk
        spread = self.range_z * self._member_raw_scores(matrix).std(axis=1, ddof=1)
        return self.calibrator(raw - spread), self.calibrator(raw + spread)

    def score_matrix(self, matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Risk, lower and upper bound for encoded rows."""
        raw = self.raw_scores(matrix)
        lower, upper = self._range(matrix, raw)
        return self.calibrator(raw), lower, upper

    def score_frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Risk, range and suggested level for a validated DataFrame of profiles (batch work)."""
        risk, lower, upper = self.score_matrix(self.spec.encode_frame(frame))
        levels = [
            suggest(row, risk=r, lower=lo, upper=hi, config=self.policy).level.value
            for row, r, lo, hi in zip(frame.itertuples(index=False), risk, lower, upper, strict=True)
        ]
        return pd.DataFrame(
            {"risk": risk, "lower": lower, "upper": upper, "suggested_level": levels}, index=frame.index
        )

    def score_profiles(self, profiles: list[JobseekerProfile]) -> pd.DataFrame:
        """Risk, range and suggested level for a few validated profiles (the same numbers as :meth:`score_frame`)."""
        risk, lower, upper = self.score_matrix(self.spec.encode(profiles))
        levels = [
            suggest(p, risk=r, lower=lo, upper=hi, config=self.policy).level.value
            for p, r, lo, hi in zip(profiles, risk, lower, upper, strict=True)
        ]
        return pd.DataFrame({"risk": risk, "lower": lower, "upper": upper, "suggested_level": levels})

    def assess(self, profile: JobseekerProfile, *, lang: Language = "nb") -> Assessment:
        """Risk, range, suggestion, flags, SHAP vector and ranked reasons for one profile (the serving hot path)."""
        row = self.spec.encode_profile(profile)
        contrib = self.contributions(row)[0]
        raw = float(contrib.sum())
        risk = float(self.calibrator(raw))
        lower, upper = (float(v[0]) for v in self._range(row, np.array([raw])))
        suggestion = suggest(profile, risk=risk, lower=lower, upper=upper, config=self.policy)
        shap = contrib[:-1]
        return Assessment(
            risk=risk,
            lower=lower,
            upper=upper,
            level=suggestion.level,
            flags=suggestion.flags,
            policy_version=suggestion.policy_version,
            base_value=float(contrib[-1]),
            contributions=dict(zip(self.spec.names, shap.tolist(), strict=True)),
            reasons=self.explainer.reasons(row[0], shap, lang=lang),
        )

    def save(self, directory: Path) -> None:
        """Write the model as a directory of LightGBM text files and one JSON file."""
        directory.mkdir(parents=True, exist_ok=True)
        self.booster.save_model(directory / MAIN_FILE)
        for i, member in enumerate(self.members):
            member.save_model(directory / f"member_{i}.txt")
        bundle = {
            "spec": self.spec.to_dict(),
            "calibrator": self.calibrator.to_dict(),
            "policy": self.policy.to_dict(),
            "members": len(self.members),
            "horizon_months": self.horizon_months,
            "range_z": self.range_z,
            "metadata": self.metadata,
        }
        (directory / BUNDLE_FILE).write_text(json.dumps(bundle, indent=2))

    @classmethod
    def load(cls, directory: Path) -> RiskModel:
        """Load a model saved by :meth:`save`.

        Raises
        ------
        ModelUnavailableError
            When the directory does not hold a complete model.
        """
        try:
            bundle = json.loads((directory / BUNDLE_FILE).read_text())
            return cls(
                spec=FeatureSpec.from_dict(bundle["spec"]),
                booster=lgb.Booster(model_file=str(directory / MAIN_FILE)),
                calibrator=Calibrator.from_dict(bundle["calibrator"]),
                policy=PolicyConfig.from_dict(bundle["policy"]),
                members=[lgb.Booster(model_file=str(directory / f"member_{i}.txt")) for i in range(bundle["members"])],
                horizon_months=bundle["horizon_months"],
                range_z=float(bundle["range_z"]),
                metadata=bundle["metadata"],
            )
        except (OSError, ValueError, KeyError, TypeError, lgb.basic.LightGBMError) as exc:
            raise ModelUnavailableError(f"no complete model in {directory}: {exc!r}") from exc
