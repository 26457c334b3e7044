"""The rule on one profile (recorded beside every assessment) says what the frame form (training, reports) says."""

import itertools

import pandas as pd
import pytest

from models.rule import RuleOutcome, profile_rule_outcome, rule_outcome
from models.schema import Education, JobseekerProfile, YesNoUnknown
from models.texts import RULE_OUTCOME_TEXTS
from tests.conftest import changed

MIN_AGE, MAX_AGE = 18, 59


def _every_limit() -> pd.DataFrame:
    """Every combination of what the rule reads, with ages just outside, on and inside both bounds."""
    answers = [v.value for v in YesNoUnknown]
    values = {
        "health_hindrance": answers,
        "other_hindrance": answers,
        "age": [MIN_AGE - 1, MIN_AGE, 40, MAX_AGE, MAX_AGE + 1],
        "worked_6_of_last_12_months": [True, False],
        "education": [v.value for v in Education],
        "education_passed": answers,
        "education_recognised": answers,
    }
    return pd.DataFrame(list(itertools.product(*values.values())), columns=list(values))


@pytest.mark.parametrize(("min_age", "max_age"), [(MIN_AGE, MAX_AGE), (30, 59), (18, 66)])
def test_one_profile_gets_the_outcome_of_its_row(min_age: int, max_age: int) -> None:
    frame = _every_limit()
    columns = rule_outcome(frame, min_age=min_age, max_age=max_age).tolist()
    rows = [profile_rule_outcome(row, min_age=min_age, max_age=max_age) for row in frame.itertuples(index=False)]

    assert [outcome.value for outcome in rows] == columns
    assert set(columns) == {outcome.value for outcome in RuleOutcome}  # every outcome reached


def test_a_validated_profile_takes_the_rule_as_its_row_does(profile: JobseekerProfile) -> None:
    variants = [
        profile,
        changed(profile, health_hindrance="VET_IKKE"),
        changed(profile, worked_6_of_last_12_months=True, months_employed_last_36=20, education_recognised="JA"),
        changed(profile, worked_6_of_last_12_months=True, months_employed_last_36=20, education="GRUNNSKOLE"),
    ]
    frame = pd.DataFrame([p.model_dump(mode="json") for p in variants])
    assert [profile_rule_outcome(p).value for p in variants] == rule_outcome(frame).tolist()
    assert len({profile_rule_outcome(p) for p in variants}) == len(RuleOutcome)


def test_every_rule_outcome_has_a_label() -> None:
    assert {outcome.value for outcome in RuleOutcome} == set(RULE_OUTCOME_TEXTS)
