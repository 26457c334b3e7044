"""The report of a controlled trial at the decision on follow-up need (obligation: post-market monitoring; Meld. St. 33
§ 7.3.2 asks for randomised trials in ordinary practice, with enough observations to answer their question).

Pure functions on one row per enrolled case, so every number is testable without a database
(:mod:`monitoring.analysis.trial_frame` loads the frame from the records). The columns: ``arm``; ``stratum``
(:func:`stratum_of`: the options the counsellor marked as equally suitable, since the draw is random only *within* one
set of options; one stratum in a display trial); ``label`` (1.0 still without work at 12 months, 0.0 in work, NaN not
known yet); the profile fields and, when known, the model's ``risk``; and ``suggested_level`` and ``decided_level``.

- Power (:func:`power_calculation`): the cases needed per arm to detect a stated difference in the share in work with
  a two-sided test at ``alpha`` and ``power`` (statsmodels' ``NormalIndPower`` on Cohen's h), and the smallest
  difference detectable with the smallest arm so far. Each arm is compared with the reference arm at the same alpha,
  without a correction for several comparisons.
- Balance (:func:`balance`): standardised mean differences of each covariate (numeric fields, a missing indicator for
  each numeric field with gaps, one indicator per category of each coded field, ``risk``) between each arm and the
  reference arm of its stratum: ``(mean_arm − mean_ref) / sqrt((var_arm + var_ref) / 2)``, variances with ``ddof=1``;
  ``|SMD| > 0.1`` is flagged. Randomisation balances in expectation only: in a small trial some flags are chance.
- Outcome (:func:`outcome_differences`): the share in work at 12 months of each arm minus that of the reference arm
  (the first option of the stratum in ``FollowUpLevel`` order; ``shown`` in a display trial), with Newcombe's hybrid
  score interval (Newcombe 1998, method 10, built from two Wilson intervals: statsmodels'
  ``confint_proportions_2indep(method="newcomb")``). Within a stratum this is the effect of the drawn level (or of the
  display) on the enrolled cases with an outcome, as long as outcomes are missing only because of time.
- A display trial (:func:`decision_differences`, :func:`deviation_outcomes`) also compares the decisions (share at
  each level, override rate) between arms, and the outcome of cases decided above, at and below the suggestion.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_effectsize

from models.errors import InvalidInputError
from models.features import FeatureSpec
from models.policy import FollowUpLevel
from monitoring.analysis.alert_messages import AlertMessage
from monitoring.analysis.json_tables import json_records
from monitoring.records.kinds import DISPLAY_ARMS as RECORDED_ARMS
from monitoring.records.kinds import TrialKind

EQUIVALENCE, DISPLAY = TrialKind.EQUIVALENCE.value, TrialKind.DISPLAY.value
BLIND_FIRST, SHOWN = RECORDED_ARMS
DISPLAY_ARMS = (SHOWN, BLIND_FIRST)
"""The display trial's arms, the reference (the suggestion shown at once, as without the trial) first."""
DIRECTIONS = ("above", "at", "below")
"""Where a decided level lies against the suggestion (more follow-up is above)."""
SMD_LIMIT = 0.1
DEFAULT_BASELINE = 0.74
"""Assumed share in work at 12 months in the reference arm (about 1 − the long-term share of new registrations)."""
KIND_MESSAGE = "trial kind must be 'equivalence' or 'display'"
COLUMNS_MESSAGE = "the trial frame lacks columns"
SHARE_MESSAGE = "baseline must lie in (0, 1) and baseline + difference in (0, 1]"
IMBALANCED = "trial_imbalanced"
UNDERPOWERED = "trial_underpowered"
ALERT_KEYS: tuple[str, ...] = (IMBALANCED, UNDERPOWERED)
"""The keys of the alerts of a trial's report (:data:`models.texts.ALERT_TEXTS`), each naming its trial (its id,
or its kind when ``about`` has none)."""
_LEVELS = [level.value for level in FollowUpLevel]
_NUMERIC: tuple[str, ...] = (
    *("age", "years_in_norway", "worked_6_of_last_12_months", "months_employed_last_36"),
    *("earlier_spells_last_5_years", "county_unemployment_rate", "risk"),
)


def stratum_of(options: Iterable[str]) -> str:
    """The stratum of a set of options: the levels in ``FollowUpLevel`` order, joined by ``+``.

    Examples
    --------
    >>> stratum_of(["SITUASJONSBESTEMT_INNSATS", "STANDARD_INNSATS"])
    'STANDARD_INNSATS+SITUASJONSBESTEMT_INNSATS'
    """
    return "+".join(sorted(set(options), key=_LEVELS.index))


def arms_of(stratum: str, kind: str) -> tuple[str, ...]:
    """The arms of a stratum, the reference arm first."""
    if kind == DISPLAY:
        return DISPLAY_ARMS
    if kind == EQUIVALENCE:
        return tuple(stratum.split("+"))
    raise InvalidInputError(f"{KIND_MESSAGE}, got {kind!r}")


def _comparisons(frame: pd.DataFrame, kind: str) -> Iterable[tuple[str, str, str, pd.DataFrame, pd.DataFrame]]:
    """(stratum, arm, reference, the arm's rows, the reference's rows) for every arm but the reference."""
    for stratum, rows in frame.groupby("stratum", sort=True):
        reference, *others = arms_of(str(stratum), kind)
        for arm in others:
            yield str(stratum), arm, reference, rows[rows["arm"] == arm], rows[rows["arm"] == reference]


def enrolment(frame: pd.DataFrame, *, kind: str) -> pd.DataFrame:
    """Enrolled cases and cases with an outcome, by stratum and arm (arms without a case show 0)."""
    rows = [
        {
            "stratum": stratum,
            "arm": arm,
            "enrolled": int((cases["arm"] == arm).sum()),
            "with_outcome": int(cases.loc[cases["arm"] == arm, "label"].notna().sum()),
        }
        for stratum, cases in frame.groupby("stratum", sort=True)
        for arm in arms_of(str(stratum), kind)
    ]
    return pd.DataFrame(rows, columns=["stratum", "arm", "enrolled", "with_outcome"])


def power_calculation(
    smallest_arm: int,
    *,
    arms: int,
    target_sample_size: int,
    difference: float = 0.05,
    baseline: float = DEFAULT_BASELINE,
    alpha: float = 0.05,
    power: float = 0.8,
) -> dict[str, Any]:
    """Cases needed per arm to detect ``difference`` in the share in work, and what the smallest arm can detect now.

    Parameters
    ----------
    smallest_arm
        Enrolled cases in the smallest arm so far.
    arms
        Number of arms (the total needed is ``arms`` times the need per arm).
    target_sample_size
        The trial's target (all arms together).
    difference
        The difference in the share in work (arm minus reference) the trial should detect.
    baseline
        The share in work in the reference arm.
    alpha, power
        Two-sided significance level and power.

    Returns
    -------
    dict
        ``needed_per_arm`` (rounded up), ``needed_total``, ``target_is_enough``, and ``detectable_now``: the smallest
        difference upwards from ``baseline`` detectable with ``smallest_arm`` cases in each arm (NaN below 2 cases).

    Raises
    ------
    InvalidInputError
        If ``baseline`` or ``baseline + difference`` is not a share, or ``difference`` is 0.

    Examples
    --------
    >>> result = power_calculation(500, arms=2, target_sample_size=2_000, difference=0.05, baseline=0.74)
    >>> result["needed_per_arm"], result["target_is_enough"], round(result["detectable_now"], 3)
    (1126, False, 0.074)
    """
    if not 0 < baseline < 1 or not 0 < baseline + difference <= 1 or difference == 0:
        raise InvalidInputError(f"{SHARE_MESSAGE}, got baseline {baseline!r} and difference {difference!r}")
    solver = NormalIndPower()
    effect = proportion_effectsize(baseline + difference, baseline)
    needed = math.ceil(solver.solve_power(effect_size=abs(effect), alpha=alpha, power=power, ratio=1.0))
    detectable = float("nan")
    if smallest_arm >= 2:
        h = float(solver.solve_power(effect_size=None, nobs1=smallest_arm, alpha=alpha, power=power, ratio=1.0))
        detectable = math.sin(min(math.asin(math.sqrt(baseline)) + h / 2, math.pi / 2)) ** 2 - baseline
    return {
        "difference": difference,
        "baseline": baseline,
        "alpha": alpha,
        "power": power,
        "needed_per_arm": needed,
        "needed_total": needed * arms,
        "target_sample_size": target_sample_size,
        "target_is_enough": target_sample_size >= needed * arms,
        "smallest_arm": smallest_arm,
        "detectable_now": detectable,
    }


def covariates(frame: pd.DataFrame) -> pd.DataFrame:
    """The covariates whose balance is checked, as floats (see the module docstring)."""
    columns: dict[str, pd.Series] = {}
    for name in (n for n in _NUMERIC if n in frame.columns):
        values = pd.to_numeric(frame[name], errors="coerce").astype(float)
        columns[name] = values
        if values.isna().any():
            columns[f"{name}_missing"] = values.isna().astype(float)
    for feature in FeatureSpec.default(protected_as_features=True).features:
        if feature.is_categorical and feature.name in frame.columns:
            codes = frame[feature.name].astype(object).where(frame[feature.name].notna(), "missing")
            for code in sorted(codes.unique(), key=str):
                columns[f"{feature.name}={code}"] = (codes == code).astype(float)
    return pd.DataFrame(columns, index=frame.index)


def balance(frame: pd.DataFrame, *, kind: str) -> pd.DataFrame:
    """Standardised mean differences of the covariates between each arm and its stratum's reference arm.

    Returns
    -------
    pandas.DataFrame
        ``stratum``, ``arm``, ``reference``, ``covariate``, ``mean_arm``, ``mean_reference``, ``smd`` and
        ``imbalanced`` (``|smd| > SMD_LIMIT``); a covariate constant and equal in both arms is left out.
    """
    x = covariates(frame)
    parts = []
    for stratum, arm, reference, cases, controls in _comparisons(frame, kind):
        a, r = x.loc[cases.index], x.loc[controls.index]
        difference = a.mean() - r.mean()
        spread = np.sqrt((a.var(ddof=1) + r.var(ddof=1)) / 2)
        smd = (difference / spread).where(difference != 0, 0.0)
        informative = ~((a.var(ddof=1).fillna(0) == 0) & (r.var(ddof=1).fillna(0) == 0) & (difference == 0))
        part = pd.DataFrame({"covariate": x.columns, "mean_arm": a.mean(), "mean_reference": r.mean(), "smd": smd}).loc[
            informative
        ]
        parts.append(part.assign(stratum=stratum, arm=arm, reference=reference))
    columns = ["stratum", "arm", "reference", "covariate", "mean_arm", "mean_reference", "smd"]
    table = pd.concat(parts, ignore_index=True)[columns] if parts else pd.DataFrame(columns=columns)
    return table.assign(imbalanced=table["smd"].abs() > SMD_LIMIT)


def share_difference(
    successes: int, n: int, successes_reference: int, n_reference: int, *, confidence: float = 0.95
) -> dict[str, float]:
    """Share, reference share, their difference and Newcombe's hybrid score interval (NaN when an arm is empty)."""
    share = successes / n if n else float("nan")
    share_reference = successes_reference / n_reference if n_reference else float("nan")
    low = high = float("nan")
    if n and n_reference:
        low, high = confint_proportions_2indep(
            successes, n, successes_reference, n_reference, method="newcomb", compare="diff", alpha=1 - confidence
        )
    difference = share - share_reference
    return {"share": share, "share_reference": share_reference, "difference": difference, "low": low, "high": high}


def outcome_differences(frame: pd.DataFrame, *, kind: str, confidence: float = 0.95) -> pd.DataFrame:
    """The share in work at 12 months by arm, minus the reference arm's, with a 95 % Newcombe interval.

    Returns
    -------
    pandas.DataFrame
        ``stratum``, ``arm``, ``reference``, ``n``, ``n_reference`` (cases with an outcome), ``share``,
        ``share_reference`` (in work), ``difference``, ``low``, ``high``.
    """
    rows = []
    for stratum, arm, reference, cases, controls in _comparisons(frame, kind):
        (in_work, n), (in_work_reference, n_reference) = _in_work(cases), _in_work(controls)
        result = share_difference(in_work, n, in_work_reference, n_reference, confidence=confidence)
        rows.append(
            {"stratum": stratum, "arm": arm, "reference": reference, "n": n, "n_reference": n_reference} | result
        )
    return pd.DataFrame(rows)


def _in_work(cases: pd.DataFrame) -> tuple[int, int]:
    """Cases in work at 12 months, and cases with a known outcome."""
    known = cases["label"].dropna()
    return int((known == 0).sum()), len(known)


def _direction(frame: pd.DataFrame) -> pd.Series:
    """Where each decided level lies against the suggestion: above, at, below, or None when a level is missing."""
    decided = frame["decided_level"].map({level: i for i, level in enumerate(_LEVELS)})
    suggested = frame["suggested_level"].map({level: i for i, level in enumerate(_LEVELS)})
    step = np.sign(decided - suggested)
    return step.map({1.0: "above", 0.0: "at", -1.0: "below"})


def decision_differences(frame: pd.DataFrame, *, confidence: float = 0.95) -> pd.DataFrame:
    """Display trial: the share decided at each level and the override rate, blind-first minus shown.

    Shares are of the decided cases (with a suggestion, for the override rate); an override is a decided level other
    than the suggested one.
    """
    shown, blind = (frame[(frame["arm"] == arm) & frame["decided_level"].notna()] for arm in DISPLAY_ARMS)
    rows = []
    for level in _LEVELS:
        counts = (
            int((blind["decided_level"] == level).sum()),
            len(blind),
            int((shown["decided_level"] == level).sum()),
        )
        rows.append({"measure": level, **share_difference(*counts, len(shown), confidence=confidence)})
    shown, blind = (rows_[rows_["suggested_level"].notna()] for rows_ in (shown, blind))
    overrides = [int((rows_["decided_level"] != rows_["suggested_level"]).sum()) for rows_ in (blind, shown)]
    result = share_difference(overrides[0], len(blind), overrides[1], len(shown), confidence=confidence)
    rows.append({"measure": "override", **result})
    return pd.DataFrame(rows).rename(columns={"share": BLIND_FIRST, "share_reference": SHOWN})


def deviation_outcomes(frame: pd.DataFrame, *, confidence: float = 0.95) -> pd.DataFrame:
    """Display trial: the share in work of cases decided above, at and below the suggestion, by arm.

    Each row also gives the difference from the cases decided *at* the suggestion in the same arm, with a Newcombe
    interval. What this can identify: whether cases where counsellors departed upwards or downwards did better or worse
    than those where they followed, and whether that pattern differs between the arms. What it cannot: the effect of
    departing. Which cases are departed from is not randomised; counsellors depart because they see something the
    model does not (weak Norwegian, a health problem, repeat spells), so the outcome gap mixes the effect of the level
    with the difference between the people. Nor is the comparison across arms randomised within a direction: the
    display changes which cases are departed from. Only the arm-to-arm differences of
    :func:`outcome_differences` and :func:`decision_differences` are randomised comparisons.
    """
    frame = frame.assign(direction=_direction(frame))
    rows = []
    for arm in DISPLAY_ARMS:
        cases = frame[frame["arm"] == arm]
        at = _in_work(cases[cases["direction"] == "at"])
        for direction in DIRECTIONS:
            group = cases[cases["direction"] == direction]
            in_work, n = _in_work(group)
            result = share_difference(in_work, n, *at, confidence=confidence)
            rows.append({"arm": arm, "direction": direction, "decided": len(group), "with_outcome": n} | result)
    table = pd.DataFrame(rows).drop(columns="share_reference").rename(columns={"difference": "difference_from_at"})
    table.loc[table["direction"] == "at", ["difference_from_at", "low", "high"]] = np.nan
    return table


def check_trial_frame(frame: pd.DataFrame, *, kind: str) -> None:
    """Refuse an unknown kind or a frame without the columns its report needs."""
    if kind not in (EQUIVALENCE, DISPLAY):
        raise InvalidInputError(f"{KIND_MESSAGE}, got {kind!r}")
    needed = ["arm", "stratum", "label"] + (["suggested_level", "decided_level"] if kind == DISPLAY else [])
    missing = [name for name in needed if name not in frame.columns]
    if missing:
        raise InvalidInputError(f"{COLUMNS_MESSAGE}: {', '.join(missing)}")


@dataclass(frozen=True)
class TrialReport:
    """A trial's report: ``about`` (its definition), the tables of the functions above and the power calculation.

    ``decisions`` and ``deviations`` are ``None`` for an equivalence trial.
    """

    kind: str
    about: Mapping[str, Any]
    enrolment: pd.DataFrame
    power: dict[str, Any]
    balance: pd.DataFrame
    outcomes: pd.DataFrame
    decisions: pd.DataFrame | None = None
    deviations: pd.DataFrame | None = None
    alerts: list[AlertMessage] = field(default_factory=list)

    @property
    def json(self) -> dict[str, Any]:
        tables = {"enrolment": self.enrolment, "balance": self.balance, "outcomes": self.outcomes}
        tables |= {"decisions": self.decisions, "deviations": self.deviations}
        return {
            "kind": self.kind,
            "about": dict(self.about),
            "enrolled": int(self.enrolment["enrolled"].sum()),
            "power": self.power,
            "imbalanced": int(self.balance["imbalanced"].sum()),
            **{name: None if table is None else json_records(table) for name, table in tables.items()},
            "alerts": [alert.as_dict() for alert in self.alerts],
        }


def trial_report(
    frame: pd.DataFrame,
    *,
    kind: str,
    target_sample_size: int,
    about: Mapping[str, Any] | None = None,
    difference: float = 0.05,
    baseline: float = DEFAULT_BASELINE,
    confidence: float = 0.95,
) -> TrialReport:
    """The report of one trial from its enrolments (one row each, columns in the module docstring).

    Parameters
    ----------
    frame
        The enrolled cases.
    kind
        ``equivalence`` or ``display``.
    target_sample_size
        The trial's target number of enrolments.
    about
        The trial's definition, passed through to the report.
    difference, baseline
        The difference in the share in work the trial should detect, and the reference arm's share
        (:func:`power_calculation`, at alpha 0.05 and power 0.8).
    confidence
        Coverage of the intervals.

    Raises
    ------
    InvalidInputError
        If the kind is unknown, the frame lacks a column, or ``baseline`` and ``difference`` are not shares.
    """
    check_trial_frame(frame, kind=kind)
    counts = enrolment(frame, kind=kind)
    arms = max((len(arms_of(str(stratum), kind)) for stratum in counts["stratum"]), default=2)
    smallest = int(counts["enrolled"].min()) if len(counts) else 0
    power = power_calculation(
        smallest, arms=arms, target_sample_size=target_sample_size, difference=difference, baseline=baseline
    )
    table = balance(frame, kind=kind)
    trial = {"trial": str((about or {}).get("trial_id", kind))}
    alerts = []
    if table["imbalanced"].any():
        alerts.append(AlertMessage(IMBALANCED, trial | {"count": int(table["imbalanced"].sum()), "limit": SMD_LIMIT}))
    if not power["target_is_enough"]:
        needed = {"target": target_sample_size, "needed": int(power["needed_total"])}
        alerts.append(AlertMessage(UNDERPOWERED, trial | needed))
    display = kind == DISPLAY
    return TrialReport(
        kind=kind,
        about=about or {},
        enrolment=counts,
        power=power,
        balance=table,
        outcomes=outcome_differences(frame, kind=kind, confidence=confidence),
        decisions=decision_differences(frame, confidence=confidence) if display else None,
        deviations=deviation_outcomes(frame, confidence=confidence) if display else None,
        alerts=alerts,
    )
