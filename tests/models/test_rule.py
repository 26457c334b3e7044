import pandas as pd

from models.rule import RuleBaseline, rule_outcome

BASE = dict(
    health_hindrance="NEI",
    other_hindrance="NEI",
    age=40,
    worked_6_of_last_12_months=True,
    education="HOYERE_UTDANNING_1_TIL_4",
    education_passed="JA",
    education_recognised="JA",
)


def _outcome(**changes: object) -> str:
    return str(rule_outcome(pd.DataFrame([{**BASE, **changes}]))[0])


def test_rule_outcomes() -> None:
    assert _outcome() == "ANTATT_GODE_MULIGHETER"
    assert _outcome(health_hindrance="VET_IKKE") == "OPPGITT_HINDRINGER"
    assert _outcome(worked_6_of_last_12_months=False) == "ANTATT_BEHOV_FOR_VEILEDNING"
    assert _outcome(education_recognised="NEI") == "ANTATT_BEHOV_FOR_VEILEDNING"
    assert _outcome(education="INGEN_UTDANNING") == "ANTATT_BEHOV_FOR_VEILEDNING"
    assert _outcome(age=62) == "ANTATT_BEHOV_FOR_VEILEDNING"


def test_age_bounds_are_parameters() -> None:
    frame = pd.DataFrame([{**BASE, "age": 62}])
    assert rule_outcome(frame, max_age=66)[0] == "ANTATT_GODE_MULIGHETER"


def test_baseline_scores_each_outcome_with_its_rate() -> None:
    frame = pd.DataFrame([BASE, {**BASE, "health_hindrance": "JA"}] * 10)
    label = pd.Series([0.0, 1.0] * 10).to_numpy()
    scored = RuleBaseline().fit(frame, label).score_frame(frame)
    assert scored["risk"].tolist()[:2] == [0.0, 1.0]
    assert set(scored["suggested_level"]) == {"STANDARD_INNSATS", "SITUASJONSBESTEMT_INNSATS"}
