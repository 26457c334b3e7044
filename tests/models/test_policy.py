import numpy as np
import pytest

from models.errors import ConfigurationError
from models.policy import SUGGESTABLE_LEVELS, Flag, FollowUpLevel, PolicyConfig, suggest
from models.schema import JobseekerProfile
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
