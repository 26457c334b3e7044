from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from models.risk_model import RiskModel
from models.schema import JobseekerProfile
from models.validation import validate_frame


def test_save_and_load_give_the_same_scores(
    small_model: RiskModel, splits: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame], tmp_path: Path
) -> None:
    small_model.save(tmp_path / "m")
    loaded = RiskModel.load(tmp_path / "m")
    matrix = small_model.spec.encode_frame(splits[2].head(200))
    for a, b in zip(small_model.score_matrix(matrix), loaded.score_matrix(matrix), strict=True):
        np.testing.assert_allclose(a, b)


def test_single_assessment_matches_batch_scoring(
    small_model: RiskModel, splits: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]
) -> None:
    frame = validate_frame(splits[2].head(50))
    batch = small_model.score_frame(frame)
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    for record, expected in zip(records, batch.itertuples(), strict=True):
        one = small_model.assess(JobseekerProfile.model_validate(record))
        assert abs(one.risk - expected.risk) < 1e-12
        assert abs(one.lower - expected.lower) < 1e-12 and abs(one.upper - expected.upper) < 1e-12
        assert one.level.value == expected.suggested_level


def test_range_contains_the_estimate(
    small_model: RiskModel, splits: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]
) -> None:
    risk, lower, upper = small_model.score_matrix(small_model.spec.encode_frame(splits[2]))
    assert np.all(lower <= risk) and np.all(risk <= upper)
    assert np.all((risk > 0) & (risk < 1))


def test_contributions_are_stored_per_feature(small_model: RiskModel, profile: JobseekerProfile) -> None:
    result = small_model.assess(profile)
    assert list(result.contributions) == small_model.spec.names
    raw = result.base_value + sum(result.contributions.values())
    assert abs(float(small_model.calibrator(raw)) - result.risk) < 1e-12


def test_range_coverage_of_the_true_probability_is_measured_and_grows_with_z(
    small_model: RiskModel, splits: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]
) -> None:
    """The bootstrap range shows sampling uncertainty only; on the synthetic data it covers p_opt for a sizeable
    share of rows (the model card reports the exact figure), and a wider z covers more."""
    test = splits[2]
    matrix = small_model.spec.encode_frame(test)
    truth = test["p_opt"].to_numpy()
    coverage = []
    for z in (1.0, 1.645, 3.0):
        _, lower, upper = replace(small_model, range_z=z).score_matrix(matrix)
        coverage.append(float(np.mean((truth >= lower) & (truth <= upper))))
    assert coverage == sorted(coverage) and coverage[0] < coverage[-1]
    assert coverage[1] > 0.3
