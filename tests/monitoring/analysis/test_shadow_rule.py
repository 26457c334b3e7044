"""Today's rule in shadow: the rule's outcome as recorded, its agreement with the model and the counsellor against a
direct crosstab, and its realised AUC and precision beside the model's against scikit-learn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import precision_score, recall_score, roc_auc_score
from sqlalchemy.orm import Session, sessionmaker

from models.errors import InvalidInputError
from models.risk_model import Assessment
from models.rule import profile_rule_outcome, rule_outcome
from models.schema import JobseekerProfile
from monitoring.analysis.report import build_report
from monitoring.analysis.shadow_rule import UNKNOWN_OUTCOME, recorded_rule_outcomes, shadow_rule_report
from monitoring.records.assessments import AssessmentRow
from tests.monitoring.analysis.decision_frames import decision_frame

AssessmentFactory = Callable[..., AssessmentRow]
STANDARD = "STANDARD_INNSATS"
ORDINAL = {"ANTATT_GODE_MULIGHETER": 0, "ANTATT_BEHOV_FOR_VEILEDNING": 1, "OPPGITT_HINDRINGER": 2}


@pytest.fixture(scope="module")
def cases(population: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """A decision frame with the rule's outcomes; some declined profiling, some events predate the shadow rule, some
    cases are undecided and some outcomes unknown."""
    people = population.head(6000).reset_index(drop=True)
    frame = decision_frame(people)
    frame["id"] = [f"a-{i}" for i in range(len(frame))]
    outcomes = pd.Series(rule_outcome(people), index=frame["id"].to_numpy())
    frame.loc[frame.index % 10 == 0, "risk"] = np.nan
    frame.loc[frame.index % 5 == 1, "decided_level"] = None
    frame.loc[frame.index % 3 == 0, "label"] = np.nan
    return frame, outcomes[(frame.index % 7 != 0)]


def _counted(frame: pd.DataFrame, outcomes: pd.Series) -> pd.DataFrame:
    """The rows the section counts, found directly: scored, with a recorded outcome; the rule's level by hand."""
    rows = frame[frame["risk"].notna() & frame["id"].isin(outcomes.index)].copy()
    rows["rule_outcome"] = outcomes.loc[rows["id"]].to_numpy()
    rows["rule_level"] = np.where(
        rows["rule_outcome"] == "ANTATT_GODE_MULIGHETER", STANDARD, "SITUASJONSBESTEMT_INNSATS"
    )
    return rows


def test_agreement_matches_a_direct_count(cases: tuple[pd.DataFrame, pd.Series]) -> None:
    frame, outcomes = cases
    result = shadow_rule_report(frame, outcomes)
    rows = _counted(frame, outcomes)
    decided = rows[rows["decided_level"].notna()]

    direct = pd.crosstab([decided["suggested_level"], decided["rule_outcome"]], decided["decided_level"]).stack()
    direct = direct[direct > 0]
    combos = result.combinations.set_index(["suggested_level", "rule_outcome", "decided_level"])
    assert len(direct) > 5 and combos["n"].to_dict() == direct.to_dict()
    assert combos["share"].sum() == pytest.approx(1.0)
    assert (
        combos["rule_level"]
        == combos.index.get_level_values("rule_outcome").map(
            lambda o: STANDARD if o == "ANTATT_GODE_MULIGHETER" else "SITUASJONSBESTEMT_INNSATS"
        )
    ).all()

    model, rule, counsellor = (decided[c] for c in ("suggested_level", "rule_level", "decided_level"))
    differ = (model != rule).to_numpy()
    expected = [
        (len(rows), (rows["suggested_level"] == rows["rule_level"]).sum()),
        (len(decided), (counsellor == model).sum()),
        (len(decided), (counsellor == rule).sum()),
        (len(decided), ((counsellor == model) & (counsellor == rule)).sum()),
        (differ.sum(), (counsellor == model)[differ].sum()),
        (differ.sum(), (counsellor == rule)[differ].sum()),
        (differ.sum(), ((counsellor != model) & (counsellor != rule))[differ].sum()),
    ]
    agreement = result.agreement
    assert list(zip(agreement["n"], agreement["agree"], strict=True)) == expected
    assert differ.sum() > 0 and agreement["agree"].iloc[4:].sum() == differ.sum()
    assert ((agreement["low"] <= agreement["share"]) & (agreement["share"] <= agreement["high"])).all()
    assert result.counts == {
        "scored": int(frame["risk"].notna().sum()),
        "with_rule_outcome": len(rows),
        "decided": len(decided),
        "with_outcome": int(rows["label"].notna().sum()),
    }


def test_realised_auc_and_precision_match_scikit_learn(cases: tuple[pd.DataFrame, pd.Series]) -> None:
    frame, outcomes = cases
    result = shadow_rule_report(frame, outcomes)
    known = _counted(frame, outcomes).dropna(subset=["label"])
    label = known["label"].to_numpy()
    model_group = (known["suggested_level"] != STANDARD).to_numpy()
    rule_group = (known["rule_outcome"] != "ANTATT_GODE_MULIGHETER").to_numpy()
    table = result.performance.set_index("scorer")

    assert table.loc["risk_model", "auc"] == pytest.approx(roc_auc_score(label, known["risk"]))
    assert table.loc["todays_rule", "auc"] == pytest.approx(roc_auc_score(label, known["rule_outcome"].map(ORDINAL)))
    for scorer, group in (("risk_model", model_group), ("todays_rule", rule_group)):
        assert table.loc[scorer, "n"] == len(known)
        assert table.loc[scorer, "selected"] == group.sum() and 0 < group.sum() < len(known)
        assert table.loc[scorer, "precision"] == pytest.approx(precision_score(label, group))
        assert table.loc[scorer, "recall"] == pytest.approx(recall_score(label, group))
        for metric in ("auc", "precision", "recall"):
            assert table.loc[scorer, f"{metric}_low"] < table.loc[scorer, metric] < table.loc[scorer, f"{metric}_high"]
    assert result.auc_difference is not None
    estimate, low, high = (result.auc_difference[f"auc_difference{end}"] for end in ("", "_low", "_high"))
    assert estimate == pytest.approx(table.loc["risk_model", "auc"] - table.loc["todays_rule", "auc"])
    assert low < estimate < high


def test_the_rule_ranking_better_than_the_model_raises_an_alert(cases: tuple[pd.DataFrame, pd.Series]) -> None:
    frame, outcomes = cases
    assert shadow_rule_report(frame, outcomes).alerts == []  # p_opt ranks better than the rule
    noise = frame.assign(risk=np.where(frame["risk"].notna(), np.random.default_rng(0).random(len(frame)), np.nan))
    [alert] = shadow_rule_report(noise, outcomes).alerts
    assert alert.key == "rule_ranks_better" and alert.params["difference_high"] < 0
    assert alert.message.startswith("Today's rule ranks the outcomes better than the model")


def test_without_outcomes_there_is_agreement_but_no_performance(cases: tuple[pd.DataFrame, pd.Series]) -> None:
    frame, outcomes = cases
    result = shadow_rule_report(frame.assign(label=np.nan), outcomes)
    assert result.performance.empty and result.auc_difference is None and result.alerts == []
    assert result.agreement["n"].iloc[0] > 0
    assert "realised performance, model and rule" not in result.tables


def test_the_page_shows_labels_and_the_json_codes(cases: tuple[pd.DataFrame, pd.Series]) -> None:
    frame, outcomes = cases
    result = shadow_rule_report(frame, outcomes)
    shown = result.tables["model × rule × counsellor"]
    cells = set(shown[["suggested_level", "rule_outcome", "rule_level", "decided_level"]].to_numpy().ravel())
    assert "Good prospects assumed" in cells and "Standard follow-up" in cells
    assert not cells & {*ORDINAL, STANDARD}
    assert {r["rule_outcome"] for r in result.json["shadow_rule"]["combinations"]} == set(ORDINAL)


def test_an_unknown_rule_outcome_is_refused(cases: tuple[pd.DataFrame, pd.Series]) -> None:
    frame, outcomes = cases
    with pytest.raises(InvalidInputError, match=UNKNOWN_OUTCOME):
        shadow_rule_report(frame, outcomes.replace("OPPGITT_HINDRINGER", "NOT_A_RULE_OUTCOME"))


def test_the_records_hold_the_rule_for_scored_assessments_only(
    sessions: sessionmaker[Session],
    make_assessment: AssessmentFactory,
    model_output: Callable[..., Assessment],
    example_profile: JobseekerProfile,
) -> None:
    scored = [make_assessment(), make_assessment(assessment=model_output(risk=0.7))]
    declined = make_assessment(consent=False, assessment=None)
    old = make_assessment(at=dt.datetime(2025, 1, 2, tzinfo=dt.UTC))
    since = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

    recorded = recorded_rule_outcomes(sessions, since=since)
    assert recorded.to_dict() == {row.id: profile_rule_outcome(example_profile).value for row in scored}
    assert declined.id not in recorded and old.id in recorded_rule_outcomes(sessions)
    assert recorded_rule_outcomes(sessions, office="9999").empty

    report = build_report(sessions, since=since, until=None, verify=False).json
    assert report["shadow_rule"]["counts"] == {"scored": 2, "with_rule_outcome": 2, "decided": 0, "with_outcome": 0}
