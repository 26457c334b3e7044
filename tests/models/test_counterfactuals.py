"""Counterfactuals on a few thousand synthetic profiles: each reproduces its level, proposes only declared changes,
and is the smallest set, checked against an independent brute force."""

from __future__ import annotations

import itertools
import logging

import numpy as np
import pandas as pd
import pytest
from pydantic import ValidationError

from models.counterfactuals import Counterfactuals, _grid, counterfactuals
from models.field_declarations import CHANGEABLE_FIELDS, FIELD_DECLARATIONS, ProfileValue
from models.policy import SUGGESTABLE_LEVELS
from models.risk_model import RiskModel
from models.schema import JobseekerProfile
from models.validation import profiles_of
from tests.conftest import NEVER_PROPOSED, changed

PROFILES = 3000
BRUTE_FORCE_PROFILES = 150


@pytest.fixture(scope="module")
def profiles(splits: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]) -> list[JobseekerProfile]:
    return profiles_of(splits[2].head(PROFILES))


@pytest.fixture(scope="module")
def explained(profiles: list[JobseekerProfile], small_model: RiskModel) -> list[Counterfactuals]:
    return [counterfactuals(profile, small_model) for profile in profiles]


def test_a_few_thousand_profiles_are_explained(profiles: list[JobseekerProfile]) -> None:
    assert len(profiles) == PROFILES


def test_every_counterfactual_reproduces_its_level_when_applied_and_scored_again(
    profiles: list[JobseekerProfile], explained: list[Counterfactuals], small_model: RiskModel
) -> None:
    found = 0
    for profile, result in zip(profiles, explained, strict=True):
        assert result.level == small_model.assess(profile).level
        assert [o.level for o in result.options] == [level for level in SUGGESTABLE_LEVELS if level != result.level]
        for option in result.options:
            if option.changes is None:
                assert option.risk is None
                continue
            found += 1
            # the full serving path (validation, single-row SHAP scoring, policy), not the search's batch path
            again = small_model.assess(changed(profile, **{c.field: c.proposed for c in option.changes}))
            assert again.level == option.level
            assert again.risk == pytest.approx(option.risk, abs=1e-9)
    assert found > 100, found


def test_only_declared_changes_in_their_direction_and_never_a_protected_or_self_reported_field(
    profiles: list[JobseekerProfile], explained: list[Counterfactuals]
) -> None:
    changes = [
        (profile, change)
        for profile, result in zip(profiles, explained, strict=True)
        for option in result.options
        for change in option.changes or ()
    ]
    assert changes
    fields = {change.field for _, change in changes}
    assert not fields & NEVER_PROPOSED
    assert fields <= set(CHANGEABLE_FIELDS)
    assert len(fields) >= 3, fields  # the search uses more than one kind of change
    for profile, change in changes:
        rule = FIELD_DECLARATIONS[change.field].change
        assert rule is not None
        assert change.current == getattr(profile, change.field)
        assert change.proposed in rule.alternatives(change.current)
        if change.field == "months_employed_last_36":
            assert isinstance(change.proposed, int) and isinstance(change.current, int)
            assert change.current < change.proposed <= 36


def _brute_force(profile: JobseekerProfile, model: RiskModel) -> dict[str, tuple[int, int]]:
    """The fewest fields, then steps, that reach each level: every combination validated and scored one by one."""
    per_field: list[list[tuple[str, ProfileValue, int] | None]] = []
    for name in CHANGEABLE_FIELDS:
        rule = FIELD_DECLARATIONS[name].change
        assert rule is not None
        alternatives = rule.alternatives(getattr(profile, name))
        per_field.append([None, *((name, value, step) for step, value in enumerate(alternatives, start=1))])
    reached: dict[str, tuple[int, int]] = {}
    variants: list[tuple[JobseekerProfile, int, int]] = []
    for combination in itertools.product(*per_field):
        chosen = [c for c in combination if c is not None]
        try:
            variant = changed(profile, **{name: value for name, value, _ in chosen})
        except ValidationError:  # breaks a cross-field rule: not a profile that can exist
            continue
        variants.append((variant, len(chosen), sum(step for _, _, step in chosen)))
    levels = model.score_profiles([variant for variant, _, _ in variants])["suggested_level"]
    for (_, size, steps), level in zip(variants, levels, strict=True):
        reached[level] = min(reached.get(level, (size, steps)), (size, steps))
    return reached


def test_each_is_the_smallest_and_none_found_means_none_exists(
    profiles: list[JobseekerProfile], explained: list[Counterfactuals], small_model: RiskModel
) -> None:
    checked = 0
    for profile, result in zip(profiles[:BRUTE_FORCE_PROFILES], explained, strict=False):
        reached = _brute_force(profile, small_model)
        for option in result.options:
            if option.changes is None:
                assert option.level.value not in reached
                continue
            checked += 1
            steps = sum(
                rule.alternatives(c.current).index(c.proposed) + 1
                for c in option.changes
                if (rule := FIELD_DECLARATIONS[c.field].change) is not None
            )
            assert reached[option.level.value] == (len(option.changes), steps)
    assert checked > 5, checked


def test_the_grid_is_encoded_as_encoding_every_candidate_would(
    profiles: list[JobseekerProfile], small_model: RiskModel
) -> None:
    sizes = []
    for profile in profiles[:BRUTE_FORCE_PROFILES]:
        grid = _grid(profile, small_model, FIELD_DECLARATIONS)
        np.testing.assert_array_equal(grid.matrix, small_model.spec.encode(grid.profiles))
        assert grid.profiles[0] is profile and grid.changes[0] == () and grid.steps[0] == 0
        sizes.append(len(grid.changes))
    assert max(sizes) > 20, max(sizes)


def test_a_profile_with_nothing_left_to_change_has_no_counterfactuals(
    profile: JobseekerProfile, small_model: RiskModel
) -> None:
    best = changed(
        profile,
        education="HOYERE_UTDANNING_5_ELLER_MER",
        education_passed="JA",
        education_recognised="JA",
        worked_6_of_last_12_months=True,
        months_employed_last_36=36,
        norwegian_skill="GODT",
    )
    result = counterfactuals(best, small_model)
    assert result.level == small_model.assess(best).level
    assert [o.changes for o in result.options] == [None, None]


def test_a_counterfactual_that_does_not_reproduce_its_level_is_not_shown(
    profile: JobseekerProfile, small_model: RiskModel, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    honest = counterfactuals(profile, small_model)
    assert any(o.changes is not None for o in honest.options)

    def wrong(profiles: list[JobseekerProfile]) -> pd.DataFrame:
        return pd.DataFrame(
            {"risk": [0.5] * len(profiles), "suggested_level": ["VARIG_TILPASSET_INNSATS"] * len(profiles)}
        )

    monkeypatch.setattr(small_model, "score_profiles", wrong)
    with caplog.at_level(logging.ERROR, logger="models.counterfactuals"):
        result = counterfactuals(profile, small_model)
    assert result.level == honest.level and all(o.changes is None for o in result.options)
    assert "did not reproduce" in caplog.text
