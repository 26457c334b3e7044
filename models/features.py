"""Turn profiles into the model's feature matrix: the one encoding used by training and by serving.

Categories become integer codes from fixed category lists (the schema's enums), so a single profile is encoded with
dictionary look-ups in microseconds and a DataFrame with vectorised look-ups, and both give identical rows. Optional
items that are missing get their own category ``MANGLER`` so that "not answered" can carry weight and be explained.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd

from models.schema import (
    Benefit,
    CountryBackground,
    County,
    Education,
    Gender,
    JobseekerProfile,
    NorwegianSkill,
    Occupation,
    OwnAssessment,
    RegistrationChannel,
    Situation,
    TimeToWorkEstimate,
    YesNoUnknown,
)

MISSING = "MANGLER"
"""Category code for an optional item that was not answered (declining is its own answer, ``VIL_IKKE_SVARE``)."""


@dataclass(frozen=True)
class Feature:
    """One column of the feature matrix: numeric, or categorical with its fixed category list."""

    name: str
    categories: tuple[str, ...] | None = None

    @property
    def is_categorical(self) -> bool:
        return self.categories is not None


def _cats(enum: type[StrEnum], *, optional: bool = False) -> tuple[str, ...]:
    values = tuple(member.value for member in enum)
    return (*values, MISSING) if optional else values


_BASE_FEATURES: tuple[Feature, ...] = (
    Feature("age"),
    Feature("years_in_norway"),
    Feature("education", _cats(Education)),
    Feature("education_passed", _cats(YesNoUnknown)),
    Feature("education_recognised", _cats(YesNoUnknown)),
    Feature("situation", _cats(Situation)),
    Feature("last_occupation", _cats(Occupation)),
    Feature("worked_6_of_last_12_months"),
    Feature("months_employed_last_36"),
    Feature("earlier_spells_last_5_years"),
    Feature("benefit", _cats(Benefit)),
    Feature("health_hindrance", _cats(YesNoUnknown)),
    Feature("other_hindrance", _cats(YesNoUnknown)),
    Feature("time_to_work_estimate", _cats(TimeToWorkEstimate, optional=True)),
    Feature("own_assessment", _cats(OwnAssessment)),
    Feature("norwegian_skill", _cats(NorwegianSkill, optional=True)),
    Feature("registration_channel", _cats(RegistrationChannel)),
    Feature("county", _cats(County)),
    Feature("county_unemployment_rate"),
)

_PROTECTED_FEATURES: tuple[Feature, ...] = (
    Feature("gender", _cats(Gender)),
    Feature("country_background", _cats(CountryBackground)),
)


@dataclass(frozen=True)
class FeatureSpec:
    """The ordered feature columns a model was trained on; saved with the model and used to encode at serving."""

    features: tuple[Feature, ...]
    _lookups: dict[str, dict[str, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lookups = {f.name: {c: i for i, c in enumerate(f.categories)} for f in self.features if f.categories}
        object.__setattr__(self, "_lookups", lookups)

    @classmethod
    def default(cls, *, protected_as_features: bool = False) -> FeatureSpec:
        """The standard feature set; protected attributes only when configuration explicitly asks for them."""
        extra = _PROTECTED_FEATURES if protected_as_features else ()
        return cls(_BASE_FEATURES + extra)

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.features]

    @property
    def categorical_indices(self) -> list[int]:
        return [i for i, f in enumerate(self.features) if f.is_categorical]

    def to_dict(self) -> dict[str, Any]:
        return {"features": [{"name": f.name, "categories": f.categories} for f in self.features]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeatureSpec:
        return cls(
            tuple(
                Feature(f["name"], tuple(f["categories"]) if f["categories"] is not None else None)
                for f in data["features"]
            )
        )

    def encode_profile(self, profile: JobseekerProfile) -> np.ndarray:
        """Encode one profile as a ``(1, n_features)`` float row (the serving hot path)."""
        row = np.empty((1, len(self.features)), dtype=np.float64)
        for i, feat in enumerate(self.features):
            value = getattr(profile, feat.name)
            if feat.categories is not None:
                row[0, i] = self._lookups[feat.name][MISSING if value is None else value.value]
            else:
                row[0, i] = np.nan if value is None else float(value)
        return row

    def encode_frame(self, frame: pd.DataFrame) -> np.ndarray:
        """Encode a validated DataFrame of profiles (one row each) as an ``(n, n_features)`` float matrix."""
        out = np.empty((len(frame), len(self.features)), dtype=np.float64)
        for i, feat in enumerate(self.features):
            column = frame[feat.name]
            if feat.categories is not None:
                values = column.astype(object).where(column.notna(), MISSING).astype(str)
                codes = pd.Categorical(values, categories=list(feat.categories)).codes
                out[:, i] = codes
            else:
                out[:, i] = pd.to_numeric(column, errors="raise").to_numpy(dtype=np.float64, na_value=np.nan)
        return out

    def encode(self, profiles: JobseekerProfile | Sequence[JobseekerProfile] | pd.DataFrame) -> np.ndarray:
        """Encode one profile, a list of profiles or a DataFrame: every form gives the same rows."""
        if isinstance(profiles, JobseekerProfile):
            return self.encode_profile(profiles)
        if isinstance(profiles, pd.DataFrame):
            return self.encode_frame(profiles)
        if len(profiles) == 0:
            return np.empty((0, len(self.features)), dtype=np.float64)
        return np.vstack([self.encode_profile(p) for p in profiles])

    def decode_value(self, index: int, code: float) -> str | float | None:
        """The human value behind one encoded cell (for explanations)."""
        feat = self.features[index]
        if feat.categories is None:
            return None if np.isnan(code) else float(code)
        return feat.categories[int(code)]
