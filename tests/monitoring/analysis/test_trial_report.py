"""The trial report's numbers against the simulator's known effect of each level and against direct computations."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from decision_frames import decision_frame
from scipy.stats import norm
from sqlalchemy.orm import Session, sessionmaker
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize
from typer.testing import CliRunner

from models.errors import InvalidInputError
from models.policy import FollowUpLevel
from models.schema import PROFILE_FIELDS
from models.texts import METRIC_LABELS, TRIAL_TEXTS, text
from monitoring.analysis.alerts import AlertKind, evaluate_alerts
from monitoring.analysis.intervals import wilson_interval
from monitoring.analysis.trial_frame import build_trial_report, trial_markdown, trial_section
from monitoring.analysis.trials import (
    DISPLAY,
    EQUIVALENCE,
    SHARE_MESSAGE,
    balance,
    covariates,
    power_calculation,
    share_difference,
    stratum_of,
    trial_report,
)
from monitoring.cli import app
from monitoring.records.assessments import AssessmentRow
from monitoring.records.decisions import record_decision
from monitoring.records.outcomes import record_outcome
from monitoring.records.trials import define_trial, draw
from training.population import label_under, simulate_population, true_probability

STANDARD, SITUATION, SPECIAL = "STANDARD_INNSATS", "SITUASJONSBESTEMT_INNSATS", "SPESIELT_TILPASSET_INNSATS"


def equivalence_trial(population: pd.DataFrame, options: tuple[str, ...], *, seed: int) -> pd.DataFrame:
    """Every row enrolled, one of ``options`` drawn at random, the outcome the one under the drawn level."""
    frame = population.copy()
    drawn = np.random.default_rng(seed).integers(0, len(options), len(frame))
    frame["arm"] = np.asarray(options, dtype=object)[drawn]
    frame["stratum"] = stratum_of(options)
    frame["label"] = np.nan
    for level in options:
        rows = (frame["arm"] == level).to_numpy()
        frame.loc[rows, "label"] = label_under(population[rows], level)
    return frame


def true_effect(rows: pd.DataFrame, level: str, reference: str) -> float:
    """The exact average effect of ``level`` against ``reference`` on the share in work of ``rows``."""
    return float(np.mean(true_probability(rows, level=reference) - true_probability(rows, level=level)))


@pytest.fixture(scope="module")
def population() -> pd.DataFrame:
    return simulate_population(20_000, seed=21)


def test_the_outcome_difference_covers_the_true_effect(population: pd.DataFrame) -> None:
    frame = equivalence_trial(population, (STANDARD, SITUATION), seed=1)
    report = trial_report(frame, kind=EQUIVALENCE, target_sample_size=20_000)
    (row,) = report.outcomes.to_dict("records")
    assert (row["arm"], row["reference"]) == (SITUATION, STANDARD)
    truth = true_effect(frame[frame["label"].notna()], SITUATION, STANDARD)
    assert truth > 0.02  # the effect is there to find
    assert row["low"] < truth < row["high"]
    assert row["high"] - row["low"] < 0.03
    known = frame[frame["label"].notna()]
    in_work = 1 - known.groupby("arm")["label"].mean()
    assert row["difference"] == pytest.approx(in_work[SITUATION] - in_work[STANDARD], abs=1e-12)


@pytest.mark.slow
def test_the_interval_has_about_nominal_coverage() -> None:
    """Twenty independent trials of 4,000 cases from one large population: a 95 % interval misses about one."""
    population = simulate_population(80_000, seed=5)
    chunks = np.array_split(np.arange(len(population)), 20)
    covered = 0
    for seed, rows in enumerate(chunks):
        frame = equivalence_trial(population.iloc[rows].reset_index(drop=True), (STANDARD, SPECIAL), seed=seed)
        (row,) = trial_report(frame, kind=EQUIVALENCE, target_sample_size=4_000).outcomes.to_dict("records")
        covered += row["low"] < true_effect(frame[frame["label"].notna()], SPECIAL, STANDARD) < row["high"]
    assert covered >= 16  # P(at most 15 of 20 | coverage 0.95) < 0.001


def test_each_option_is_compared_with_the_first_within_its_stratum(population: pd.DataFrame) -> None:
    three = equivalence_trial(population.iloc[:9_000], (SPECIAL, STANDARD, SITUATION), seed=2)
    two = equivalence_trial(population.iloc[9_000:], (SPECIAL, SITUATION), seed=3)
    report = trial_report(pd.concat([three, two], ignore_index=True), kind=EQUIVALENCE, target_sample_size=30_000)
    pairs = set(zip(report.outcomes["stratum"], report.outcomes["arm"], report.outcomes["reference"], strict=True))
    assert pairs == {
        (stratum_of([STANDARD, SITUATION, SPECIAL]), SITUATION, STANDARD),
        (stratum_of([STANDARD, SITUATION, SPECIAL]), SPECIAL, STANDARD),
        (stratum_of([SITUATION, SPECIAL]), SPECIAL, SITUATION),
    }
    assert report.enrolment["enrolled"].sum() == len(population)
    assert not report.power["target_is_enough"] or report.power["needed_total"] <= 30_000


def test_the_newcombe_interval_is_built_from_two_wilson_intervals() -> None:
    """Newcombe (1998), method 10, written out against the project's own Wilson interval."""
    result = share_difference(56, 70, 48, 80)
    p1, p2 = 56 / 70, 48 / 80
    (l1, u1), (l2, u2) = wilson_interval(56, 70), wilson_interval(48, 80)
    assert result["difference"] == pytest.approx(p1 - p2)
    assert result["low"] == pytest.approx(p1 - p2 - math.hypot(p1 - l1, u2 - p2), abs=1e-10)
    assert result["high"] == pytest.approx(p1 - p2 + math.hypot(u1 - p1, p2 - l2), abs=1e-10)
    assert np.isnan(share_difference(0, 0, 3, 10)["low"])


def test_the_power_calculation_is_statsmodels_and_the_textbook_formula() -> None:
    result = power_calculation(400, arms=3, target_sample_size=3_000, difference=0.04, baseline=0.7)
    h = proportion_effectsize(0.74, 0.7)
    own = NormalIndPower().solve_power(effect_size=h, alpha=0.05, power=0.8, ratio=1.0)
    assert result["needed_per_arm"] == math.ceil(own)
    # Var(2 asin sqrt p̂) = 1/n per arm, so n = 2 ((z_0.975 + z_0.8) / h)^2 (ignoring the far tail).
    assert result["needed_per_arm"] == math.ceil(2 * ((norm.ppf(0.975) + norm.ppf(0.8)) / h) ** 2)
    assert result["needed_total"] == 3 * result["needed_per_arm"]
    assert result["target_is_enough"] == (result["needed_total"] <= 3_000)
    detectable = result["detectable_now"]
    achieved = NormalIndPower().power(effect_size=proportion_effectsize(0.7 + detectable, 0.7), nobs1=400, alpha=0.05)
    assert achieved == pytest.approx(0.8, abs=1e-6)
    assert np.isnan(power_calculation(1, arms=2, target_sample_size=10)["detectable_now"])
    with pytest.raises(InvalidInputError, match=re.escape(SHARE_MESSAGE)):
        power_calculation(10, arms=2, target_sample_size=10, baseline=0.98, difference=0.05)


def test_standardised_mean_differences_equal_a_direct_computation(population: pd.DataFrame) -> None:
    frame = equivalence_trial(population.iloc[:3_000], (STANDARD, SITUATION), seed=4)
    frame.loc[(frame["arm"] == SITUATION) & (frame["age"] > 50), "arm"] = STANDARD  # older people in the reference
    table = balance(frame, kind=EQUIVALENCE).set_index("covariate")
    arm, reference = frame[frame["arm"] == SITUATION], frame[frame["arm"] == STANDARD]
    for covariate, a, r in (
        ("age", arm["age"], reference["age"]),
        ("health_hindrance=JA", arm["health_hindrance"] == "JA", reference["health_hindrance"] == "JA"),
        ("years_in_norway", arm["years_in_norway"].dropna(), reference["years_in_norway"].dropna()),
    ):
        a, r = np.asarray(a, dtype=float), np.asarray(r, dtype=float)
        direct = (a.mean() - r.mean()) / np.sqrt((a.var(ddof=1) + r.var(ddof=1)) / 2)
        assert table.loc[covariate, "smd"] == pytest.approx(direct, rel=1e-10)
    assert table.loc["age", "imbalanced"]
    assert table.loc["age", "smd"] < -0.1
    assert set(table.index) <= set(covariates(frame).columns)


def test_a_display_trial_compares_decisions_and_overrides(population: pd.DataFrame) -> None:
    rows = population.iloc[:6_000].reset_index(drop=True)
    frame = decision_frame(rows, seed=3)
    frame = frame.join(rows[[name for name in PROFILE_FIELDS if name not in frame.columns]])
    frame["arm"] = np.where(np.random.default_rng(6).random(len(frame)) < 0.5, "blind_first", "shown")
    frame["stratum"] = "all"
    report = trial_report(frame, kind=DISPLAY, target_sample_size=6_000)
    overrides = (frame["decided_level"] != frame["suggested_level"]).groupby(frame["arm"]).mean()
    decisions = report.decisions.set_index("measure")
    assert decisions.loc["override", "difference"] == pytest.approx(overrides["blind_first"] - overrides["shown"])
    share = (frame["decided_level"] == STANDARD).groupby(frame["arm"]).mean()
    assert decisions.loc[STANDARD, "difference"] == pytest.approx(share["blind_first"] - share["shown"])
    order = {level.value: i for i, level in enumerate(FollowUpLevel)}
    step = np.sign(frame["decided_level"].map(order) - frame["suggested_level"].map(order))
    deviations = report.deviations.set_index(["arm", "direction"])
    for arm in ("shown", "blind_first"):
        for direction, sign in (("above", 1), ("at", 0), ("below", -1)):
            cases = frame[(frame["arm"] == arm) & (step == sign)]
            assert deviations.loc[(arm, direction), "decided"] == len(cases) > 0
            assert deviations.loc[(arm, direction), "share"] == pytest.approx(1 - cases["label"].mean())
    assert report.outcomes["arm"].tolist() == ["blind_first"]
    assert json.loads(json.dumps(report.json))["decisions"] and report.json["deviations"]
    page = trial_markdown(report, "nn")
    assert text(METRIC_LABELS, "override_rate", "nn") in page and text(TRIAL_TEXTS, "deviations_caveat", "nn") in page


DURING = dt.datetime(2027, 6, 1, 10, tzinfo=dt.UTC)
OFFICE, COUNSELLOR = "0301", "Z990001"


def test_the_report_from_the_records_is_the_report_of_its_frame(
    sessions: sessionmaker[Session],
    make_assessment: Callable[..., AssessmentRow],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """An equivalence trial recorded case by case: enrolment, outcome by arm and the CLI's Markdown and JSON."""
    define_trial(
        sessions,
        trial_id="eq-2027",
        kind="equivalence",
        eligible_offices=[OFFICE],
        starts_on=dt.date(2027, 1, 1),
        ends_on=dt.date(2027, 12, 31),
        target_sample_size=400,
        protocol_reference="OSF-REG 2027/14: likeverdige innsatsgrupper",
        actor="D990001",
        caller="D990001",
    )
    in_work: dict[str, list[bool]] = {STANDARD: [], SITUATION: []}
    for i in range(24):
        at = DURING + dt.timedelta(hours=i)
        case = make_assessment(trial_consent=True, at=at)
        drawn = draw(
            sessions,
            assessment_id=case.id,
            trial_id="eq-2027",
            options=[SITUATION, STANDARD],
            actor=COUNSELLOR,
            office=OFFICE,
            at=at + dt.timedelta(minutes=5),
        ).event.payload["drawn"]
        departs = drawn != case.suggested_level
        record_decision(
            sessions,
            assessment_id=case.id,
            decided_level=drawn,
            request_id=f"decision-{i}",
            caller=COUNSELLOR,
            office=OFFICE,
            counsellor=COUNSELLOR,
            at=at + dt.timedelta(minutes=6),
            reason_code="OTHER" if departs else None,
            justification="Trukket i forsøket mellom to likeverdige innsatsgrupper." if departs else None,
        )
        if i < 20:  # the last four have no outcome yet
            employed = i % 3 != 0
            in_work[drawn].append(employed)
            record_outcome(
                sessions,
                horizon_months=12,
                employed=employed,
                observed_on=dt.date(2028, 6, 1),
                source="test",
                caller="test",
                assessment_id=case.id,
            )
    report = build_trial_report(sessions, "eq-2027")
    assert report.enrolment["enrolled"].sum() == 24 and report.enrolment["with_outcome"].sum() == 20
    (row,) = report.outcomes.to_dict("records")
    assert (row["arm"], row["reference"]) == (SITUATION, STANDARD)
    assert (row["n"], row["n_reference"]) == (len(in_work[SITUATION]), len(in_work[STANDARD]))
    assert row["difference"] == pytest.approx(np.mean(in_work[SITUATION]) - np.mean(in_work[STANDARD]))
    assert (
        report.about["target_sample_size"] == 400 and report.power["smallest_arm"] == report.enrolment["enrolled"].min()
    )
    section = trial_section(sessions, since=DURING, until=None, office=OFFICE)
    assert [trial["about"]["trial_id"] for trial in section.json["trials"]["trials"]] == ["eq-2027"]
    assert trial_section(sessions, since=None, until=None, office="5001").json["trials"]["trials"] == []
    raised = [a for a in evaluate_alerts(sessions, since=None, until=None, verify=False) if a.kind == AlertKind.TRIALS]
    assert [a.sentence for a in raised] == report.alerts and report.alerts
    assert all(a.params["trial"] == "eq-2027" and a.message.startswith("eq-2027: ") for a in report.alerts)

    monkeypatch.setenv("PROFILING_DATABASE_URL", str(sessions.kw["bind"].url.render_as_string(hide_password=False)))
    runner = CliRunner()
    page = runner.invoke(app, ["trial-report", "--trial", "eq-2027", "--language", "nb"])
    assert page.exit_code == 0, page.output
    assert "# Forsøk eq-2027" in page.output and "Standard innsats / Situasjonsbestemt innsats" in page.output
    assert runner.invoke(app, ["trial-report", "--trial", "eq-2027", "--out", str(tmp_path / "r.json")]).exit_code == 0
    assert json.loads((tmp_path / "r.json").read_text())["enrolled"] == 24
    assert runner.invoke(app, ["trial-report", "--trial", "no-such-trial"]).exit_code == 2
