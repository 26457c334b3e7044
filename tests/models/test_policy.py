import numpy as np
import pandas as pd
import pytest

from models.errors import ConfigurationError
from models.policy import SUGGESTABLE_LEVELS, Flag, FollowUpLevel, PolicyConfig, suggest, suggest_columns
from models.schema import PROFILE_FIELDS, Benefit, JobseekerProfile, NorwegianSkill, RegistrationChannel, YesNoUnknown
from models.validation import validate_frame
from tests.conftest import changed

CONFIG = PolicyConfig()


def test_permanent_levels_are_never_suggested(profile: JobseekerProfile) -> None:
    hindered = changed(profile, **{"health_hindrance": "JA", "benefit": "ARBEIDSAVKLARINGSPENGER"})
    for risk in np.linspace(0, 1, 41):
        for p in (profile, hindered):
            level = suggest(p, risk=risk, lower=risk, upper=risk, config=CONFIG).level
            assert level in SUGGESTABLE_LEVELS


def test_hindrance_raises_the_work_capacity_flag(profile: JobseekerProfile) -> None:
    hindered = changed(profile, **{"health_hindrance": "JA"})
    result = suggest(hindered, risk=0.9, lower=0.85, upper=0.95, config=CONFIG)
    assert Flag.WORK_CAPACITY_ASSESSMENT in result.flags
    assert result.level is FollowUpLevel.SPESIELT_TILPASSET_INNSATS


def test_blind_spot_flags(profile: JobseekerProfile) -> None:
    weak = changed(
        profile, **{"norwegian_skill": "DARLIG", "registration_channel": "ASSISTERT", "earlier_spells_last_5_years": 3}
    )
    flags = suggest(weak, risk=0.2, lower=0.0, upper=0.5, config=CONFIG).flags
    assert {Flag.LANGUAGE_BARRIER, Flag.DIGITAL_BARRIER, Flag.REPEAT_SPELLS, Flag.WIDE_RANGE} <= set(flags)


def test_short_residence_without_good_norwegian_is_flagged(profile: JobseekerProfile) -> None:
    newcomer = changed(profile, **{"years_in_norway": 1.0, "norwegian_skill": None})
    assert Flag.LANGUAGE_BARRIER in suggest(newcomer, risk=0.2, lower=0.2, upper=0.2, config=CONFIG).flags
    fluent = changed(newcomer, **{"norwegian_skill": "GODT"})
    assert Flag.LANGUAGE_BARRIER not in suggest(fluent, risk=0.2, lower=0.2, upper=0.2, config=CONFIG).flags


def test_policy_version_travels_with_the_suggestion(profile: JobseekerProfile) -> None:
    assert suggest(profile, risk=0.1, lower=0.1, upper=0.1, config=CONFIG).policy_version == CONFIG.version


@pytest.mark.parametrize(("low", "high"), [(0.6, 0.5), (0.0, 0.5), (0.3, 1.0)])
def test_inconsistent_thresholds_are_refused(low: float, high: float) -> None:
    with pytest.raises(ConfigurationError, match="thresholds"):
        PolicyConfig(standard_below=low, tailored_from=high)


def _varied(profiles: pd.DataFrame, seed: int) -> tuple[pd.DataFrame, np.ndarray, np.ndarray, np.ndarray]:
    """Profiles whose policy inputs take every value, missing ones and the thresholds exactly, with risks and ranges
    on and around the limits."""
    rng = np.random.default_rng(seed)
    n = len(profiles)
    frame = profiles.copy()
    answers = [v.value for v in YesNoUnknown]
    frame["health_hindrance"] = rng.choice(answers, n)
    frame["other_hindrance"] = rng.choice(answers, n)
    frame["benefit"] = rng.choice([v.value for v in Benefit], n)
    frame["norwegian_skill"] = rng.choice(np.array([None, *(v.value for v in NorwegianSkill)], dtype=object), n)
    frame["years_in_norway"] = rng.choice([np.nan, 0.0, 2.9, CONFIG.short_residence_years, 10.0], n)
    frame["registration_channel"] = rng.choice([v.value for v in RegistrationChannel], n)
    frame["earlier_spells_last_5_years"] = rng.integers(0, CONFIG.repeat_spells + 2, n)
    risk = rng.choice([0.0, 0.1, CONFIG.standard_below, 0.4, CONFIG.tailored_from, 0.9], n)
    width = rng.choice([0.0, 0.1, CONFIG.wide_range, 0.5], n)
    return frame, risk, np.clip(risk - width, 0, 1), np.clip(risk - width, 0, 1) + width


def test_columns_suggest_what_each_profile_is_suggested(population: pd.DataFrame) -> None:
    frame, risk, lower, upper = _varied(population[list(PROFILE_FIELDS)].head(4000).reset_index(drop=True), seed=5)
    columns = suggest_columns(frame, risk=risk, lower=lower, upper=upper, config=CONFIG)
    rows = [
        suggest(row, risk=r, lower=lo, upper=hi, config=CONFIG)
        for row, r, lo, hi in zip(frame.itertuples(index=False), risk, lower, upper, strict=True)
    ]

    assert columns.levels.tolist() == [s.level.value for s in rows]
    assert [tuple(np.array(list(Flag))[raised]) for raised in columns.flags] == [s.flags for s in rows]
    assert columns.policy_version == CONFIG.version
    assert set(columns.levels) == {level.value for level in SUGGESTABLE_LEVELS}
    assert columns.flags.all(axis=0).sum() == 0 and columns.flags.any(axis=0).all()  # each flag both raised and not
    assert (upper - lower == CONFIG.wide_range).any() and (risk == CONFIG.tailored_from).any()  # limits met exactly


def test_columns_take_unanswered_items_as_the_row_does(profile: JobseekerProfile) -> None:
    unasked = {"country_background": "NORGE", "years_in_norway": None, "norwegian_skill": None}
    newcomer = changed(profile, **unasked, health_hindrance="VET_IKKE")
    frame = validate_frame(pd.DataFrame([newcomer.model_dump(mode="json")]))
    risk = np.array([0.2])
    columns = suggest_columns(frame, risk=risk, lower=risk, upper=risk, config=CONFIG)
    expected = suggest(newcomer, risk=0.2, lower=0.2, upper=0.2, config=CONFIG)
    assert columns.levels.tolist() == [expected.level.value]
    assert tuple(np.array(list(Flag))[columns.flags[0]]) == expected.flags
