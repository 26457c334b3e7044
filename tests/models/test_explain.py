import numpy as np
import pandas as pd
import pytest
import shap

from models.explain import FACTORS, directions
from models.risk_model import RiskModel
from models.schema import JobseekerProfile


@pytest.fixture(scope="module")
def matrix(small_model: RiskModel, splits: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]) -> np.ndarray:
    return small_model.spec.encode_frame(splits[2].head(300))


def test_base_value_plus_shap_is_the_raw_score(small_model: RiskModel, matrix: np.ndarray) -> None:
    contributions = small_model.contributions(matrix)
    np.testing.assert_allclose(contributions.sum(axis=1), small_model.raw_scores(matrix), atol=1e-9)


def test_native_treeshap_agrees_with_the_shap_package(small_model: RiskModel, matrix: np.ndarray) -> None:
    native = small_model.contributions(matrix)
    explainer = shap.TreeExplainer(small_model.booster)
    values = explainer.shap_values(matrix)
    np.testing.assert_allclose(native[:, :-1], values, atol=1e-6)
    np.testing.assert_allclose(native[0, -1], explainer.expected_value, atol=1e-6)


def test_factors_cover_every_feature(small_model: RiskModel) -> None:
    grouped = {f for features in FACTORS.values() for f in features}
    assert set(small_model.spec.names) <= grouped


def test_factor_contributions_sum_to_the_feature_contributions(small_model: RiskModel, matrix: np.ndarray) -> None:
    contributions = small_model.contributions(matrix)[:, :-1]
    by_factor = small_model.explainer.factor_contributions(contributions)
    np.testing.assert_allclose(by_factor.sum(axis=1), contributions.sum(axis=1), atol=1e-9)


def test_reasons_are_ranked_with_direction_in_both_languages(small_model: RiskModel, profile: JobseekerProfile) -> None:
    nb = small_model.assess(profile, lang="nb").reasons
    en = small_model.assess(profile, lang="en").reasons
    sizes = [abs(r.contribution) for r in nb]
    assert sizes == sorted(sizes, reverse=True)
    for reason in nb:
        assert reason.direction == ("raises" if reason.contribution > 0 else "lowers")
        assert ("øker" in reason.text) == (reason.direction == "raises")
    assert [r.factor for r in nb] == [r.factor for r in en]
    assert any("risk" in r.text for r in en)


def test_many_rows_rank_as_each_row_does_ties_included(small_model: RiskModel, matrix: np.ndarray) -> None:
    """Contributions drawn from a few binary fractions sum exactly, so factors tie often (zeros too)."""
    explainer = small_model.explainer
    rng = np.random.default_rng(3)
    contributions = rng.choice([-0.5, -0.25, 0.0, 0.25, 0.5], size=(3000, matrix.shape[1]))
    rows = matrix[np.arange(len(contributions)) % len(matrix)]
    top = len(explainer.factor_names)  # the whole ranking, zeros included
    order, values = explainer.top_factors(contributions, top=top)
    by_row = [explainer.reasons(row, c, lang="en", top=top) for row, c in zip(rows, contributions, strict=True)]

    ranked = np.abs(values)
    assert (ranked[:, 1:] == ranked[:, :-1]).mean() > 0.2 and (values == 0).any()  # ties, opposite signs too
    names = np.array(explainer.factor_names)
    assert names[order].tolist() == [[r.factor for r in reasons] for reasons in by_row]
    assert values.tolist() == [[r.contribution for r in reasons] for reasons in by_row]
    assert directions(values).tolist() == [[r.direction for r in reasons] for reasons in by_row]
