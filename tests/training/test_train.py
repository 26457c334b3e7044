"""Training refuses a feature whose purpose and legal basis are not declared (data minimisation)."""

from __future__ import annotations

import pandas as pd
import pytest

from models.errors import ConfigurationError
from models.features import Feature, FeatureSpec
from models.field_declarations import UNDECLARED
from training.train import TrainConfig, fit_risk_model


def test_a_feature_without_a_declared_purpose_and_legal_basis_is_refused(
    splits: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame], monkeypatch: pytest.MonkeyPatch
) -> None:
    train, calibration, _ = splits
    standard = FeatureSpec.default()

    def with_an_extra_feature(*, protected_as_features: bool = False) -> FeatureSpec:
        return FeatureSpec((*standard.features, Feature("shoe_size")))

    monkeypatch.setattr(FeatureSpec, "default", with_an_extra_feature)
    with pytest.raises(ConfigurationError, match=UNDECLARED.format(name="shoe_size")):
        fit_risk_model(train, calibration, config=TrainConfig(members=0, max_trees=5), metadata={})
