"""Behavioural tests of the trained model: invariance, direction, minimum functionality."""

import numpy as np
import pandas as pd
import pytest

from models.policy import Flag, FollowUpLevel
from models.risk_model import RiskModel
from models.schema import JobseekerProfile
from models.validation import validate_frame
from tests.conftest import changed


@pytest.fixture(scope="module")
def frame(splits: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]) -> pd.DataFrame:
    return validate_frame(splits[2].head(2000))


def test_risk_does_not_depend_on_protected_attributes(small_model: RiskModel, frame: pd.DataFrame) -> None:
    swapped = frame.assign(
        gender=np.where(frame["gender"] == "KVINNE", "MANN", "KVINNE"),
        country_background=np.where(
            frame["country_background"] == "EU_EOS", "UTENFOR_EU_EOS", frame["country_background"]
        ),
    )
    np.testing.assert_array_equal(small_model.score_frame(frame)["risk"], small_model.score_frame(swapped)["risk"])


@pytest.mark.parametrize(
    ("column", "worse", "better"),
    [
        ("health_hindrance", "JA", "NEI"),
        ("time_to_work_estimate", "OVER_12_MANEDER", "UNDER_3_MANEDER"),
        ("education", "INGEN_UTDANNING", "HOYERE_UTDANNING_5_ELLER_MER"),
    ],
)
def test_known_risk_factors_raise_the_risk_on_average(
    small_model: RiskModel, frame: pd.DataFrame, column: str, worse: str, better: str
) -> None:
    high = small_model.score_frame(frame.assign(**{column: worse}))["risk"].mean()
    low = small_model.score_frame(frame.assign(**{column: better}))["risk"].mean()
    assert high > low


def test_recent_work_lowers_the_risk_on_average(small_model: RiskModel, frame: pd.DataFrame) -> None:
    worked = frame.assign(worked_6_of_last_12_months=True, months_employed_last_36=30)
    idle = frame.assign(worked_6_of_last_12_months=False, months_employed_last_36=0)
    assert small_model.score_frame(worked)["risk"].mean() < small_model.score_frame(idle)["risk"].mean()


def test_a_clearly_favourable_profile_gets_standard_follow_up(
    small_model: RiskModel, profile: JobseekerProfile
) -> None:
    strong = changed(
        profile,
        **{
            "age": 32,
            "country_background": "NORGE",
            "years_in_norway": None,
            "education": "HOYERE_UTDANNING_5_ELLER_MER",
            "education_passed": "JA",
            "education_recognised": "JA",
            "situation": "VIL_BYTTE_JOBB",
            "last_occupation": "AKADEMISKE_YRKER",
            "worked_6_of_last_12_months": True,
            "months_employed_last_36": 36,
            "earlier_spells_last_5_years": 0,
            "benefit": "INGEN",
            "time_to_work_estimate": "UNDER_3_MANEDER",
            "own_assessment": "KLARE_SEG_SELV",
            "norwegian_skill": None,
        },
    )
    result = small_model.assess(strong)
    assert result.level is FollowUpLevel.STANDARD_INNSATS
    assert result.risk < 0.1


def test_reported_hindrances_always_ask_for_a_work_capacity_assessment(
    small_model: RiskModel, profile: JobseekerProfile
) -> None:
    result = small_model.assess(changed(profile, **{"other_hindrance": "JA"}))
    assert Flag.WORK_CAPACITY_ASSESSMENT in result.flags
    assert result.level is not FollowUpLevel.STANDARD_INNSATS
