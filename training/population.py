"""Synthetic jobseekers at registration, their time to work, and the exact probability of long-term unemployment.

The data-generating process is documented in ``docs/population.md`` and its numbers live in
``training.population_params``. In short: observed fields are drawn with realistic dependencies; latent language
skill, digital competence and employability are Gaussian *given the observed non-protected fields*; the time to work
is Weibull with log rate ``eta_obs(x) + U`` where ``U | x ~ N(m(x), s(x)^2)``. So ``p_opt = P(T > H | x)`` is a
one-dimensional Gaussian expectation, which Gauss–Hermite quadrature computes to machine precision, and it depends on
gender and country background only through the other fields.

The observed fields are drawn in ``training.population_draws`` and the identity numbers in
``training.population_ids``; this module draws the latent factors and outcomes and computes ``p_opt``.

The decided follow-up level has a known effect (``pp.LEVEL_EFFECTS``, a shift of the log hazard): the frame's time to
work and label are those under the reference level; :func:`months_to_work_under` and :func:`label_under` give them under
another level from the same latent draw, and ``true_probability(frame, level=...)`` the exact probability under it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum

import numpy as np
import pandas as pd
from numpy.polynomial.hermite_e import hermegauss

from models.policy import FollowUpLevel
from models.schema import (
    PROFILE_FIELDS,
    Benefit,
    CountryBackground,
    County,
    Education,
    Gender,
    NorwegianSkill,
    Occupation,
    OwnAssessment,
    RegistrationChannel,
    Situation,
    TimeToWorkEstimate,
    YesNoUnknown,
)
from training import population_params as pp
from training.counsellors import assign_offices
from training.population_draws import JA, NEI, draw_profile, effect_table, enum_code
from training.population_ids import national_ids

SCENARIOS: tuple[str, ...] = ("baseline", "downturn", "refugee_inflow", "rule_change")
SCENARIO_MESSAGE = "scenario must be one of: " + ", ".join(SCENARIOS)
ROWS_MESSAGE = "rows must be a positive integer"
HORIZON_MESSAGE = "horizon_months must be a positive integer"
DATES_MESSAGE = "start must not be after end"
COLUMNS_MESSAGE = "frame lacks profile columns"
CODES_MESSAGE = "frame holds values outside the schema's codes"
LEVEL_MESSAGE = "level must be one of: " + ", ".join(FollowUpLevel)

_ENUMS: dict[str, type[StrEnum]] = {
    "gender": Gender,
    "country_background": CountryBackground,
    "education": Education,
    "education_passed": YesNoUnknown,
    "education_recognised": YesNoUnknown,
    "situation": Situation,
    "last_occupation": Occupation,
    "benefit": Benefit,
    "health_hindrance": YesNoUnknown,
    "other_hindrance": YesNoUnknown,
    "time_to_work_estimate": TimeToWorkEstimate,
    "own_assessment": OwnAssessment,
    "norwegian_skill": NorwegianSkill,
    "registration_channel": RegistrationChannel,
    "county": County,
}
_OPTIONAL = ("time_to_work_estimate", "norwegian_skill")
_NUMERIC = ("age", "years_in_norway", "months_employed_last_36", "earlier_spells_last_5_years")
_OUTCOME_FIELDS = tuple(
    name for name in PROFILE_FIELDS if name not in ("gender", "country_background", "registration_date")
)
"""What ``p_opt`` reads: every profile field except the protected attributes and the date."""


def simulate_population(
    rows: int,
    *,
    scenario: str = "baseline",
    seed: int = 0,
    horizon_months: int = 12,
    start: dt.date = dt.date(2022, 1, 1),
    end: dt.date = dt.date(2026, 6, 30),
    extract_date: dt.date = dt.date(2026, 11, 1),
) -> pd.DataFrame:
    """Draw a synthetic population of jobseekers at registration with outcomes and the optimal prediction.

    Parameters
    ----------
    rows : int
        Number of jobseekers.
    scenario : str, default "baseline"
        One of ``SCENARIOS``: ``baseline``, ``downturn``, ``refugee_inflow`` or ``rule_change``.
    seed : int, default 0
        Seed of the one random generator; the same seed and scenario give the same frame.
    horizon_months : int, default 12
        The label is 1.0 when the person is still without work this many months after registration.
    start, end : datetime.date
        First and last registration date.
    extract_date : datetime.date
        Date of the data extract: registrations less than ``horizon_months`` before it have no label yet.

    Returns
    -------
    pandas.DataFrame
        The ``JobseekerProfile`` fields (codes as plain strings, missing optional items as NaN) plus ``national_id``,
        ``latent_language``, ``latent_digital``, ``latent_employability``, ``months_to_work``, ``label``,
        ``censored``, ``p_opt``, ``office`` and ``counsellor_id``.

    Raises
    ------
    ValueError
        If the scenario is unknown, ``rows`` or ``horizon_months`` is below 1, or ``start`` is after ``end``.

    Examples
    --------
    >>> frame = simulate_population(1_000, seed=1)
    >>> bool(frame["national_id"].is_unique), bool(frame["p_opt"].between(0, 1).all())
    (True, True)
    """
    _check_arguments(scenario, horizon_months)
    if isinstance(rows, bool) or not isinstance(rows, int | np.integer) or rows < 1:
        raise ValueError(f"{ROWS_MESSAGE}, got {rows!r}")
    if start > end:
        raise ValueError(f"{DATES_MESSAGE}: {start} > {end}")
    rng = np.random.default_rng(seed)
    x = draw_profile(rng, int(rows), pp.SCENARIO_INPUTS[scenario], start, end)
    means, sds = _latent_moments(x)
    latents = means + sds * rng.standard_normal(means.shape)
    eta_obs = _eta_obs(x, pp.SCENARIO_OUTCOMES[scenario])
    eta = eta_obs + np.asarray(pp.LATENT.loadings) @ latents + pp.LATENT.noise_sd * rng.standard_normal(int(rows))
    months_to_work = rng.standard_exponential(int(rows)) ** (1.0 / pp.WEIBULL_SHAPE) * np.exp(-eta)
    cutoff = (pd.Timestamp(extract_date) - pd.DateOffset(months=horizon_months)).to_datetime64()
    censored = x["registration_date"] > cutoff
    frame = _to_frame(x)
    frame["national_id"] = national_ids(rng, x["registration_date"], x["age"], x["gender"] == enum_code(Gender.MANN))
    for name, values in zip(("latent_language", "latent_digital", "latent_employability"), latents, strict=True):
        frame[name] = values
    frame["months_to_work"] = months_to_work
    frame["label"] = np.where(censored, np.nan, (months_to_work > horizon_months).astype(np.float64))
    frame["censored"] = censored
    frame["p_opt"] = _survival(eta_obs, means, sds, horizon_months)
    frame["office"], frame["counsellor_id"] = assign_offices(x["county"], rng)
    # Plain strings, not categoricals: MLflow's schema enforcement refuses categorical columns.
    return frame.astype({name: object for name in PROFILE_FIELDS if isinstance(frame[name].dtype, pd.CategoricalDtype)})


def true_probability(
    frame: pd.DataFrame, *, scenario: str = "baseline", horizon_months: int = 12, level: str = pp.REFERENCE_LEVEL
) -> np.ndarray:
    """The exact probability that a jobseeker is still without work ``horizon_months`` after registration.

    Parameters
    ----------
    frame : pandas.DataFrame
        Profile columns as ``simulate_population`` returns them (codes as strings or categoricals). Gender, country
        background and the registration date are not read.
    scenario : str, default "baseline"
        Whose relation between fields and outcome to use; only ``rule_change`` differs from the baseline.
    horizon_months : int, default 12
        The horizon of long-term unemployment.
    level : str, default ``STANDARD_INNSATS``
        The follow-up level decided for every row (a ``FollowUpLevel`` code); its effect shifts the log hazard.

    Returns
    -------
    numpy.ndarray
        ``P(label = 1 | observed fields, level)``, one per row.

    Raises
    ------
    ValueError
        If the scenario or level is unknown, the horizon is below 1, a column is missing or a code is unknown.

    Examples
    --------
    >>> frame = simulate_population(2_000, seed=3)
    >>> standard = true_probability(frame)
    >>> bool((true_probability(frame, level="SITUASJONSBESTEMT_INNSATS") < standard).all())
    True
    """
    _check_arguments(scenario, horizon_months)
    shift = level_shift(level)
    x = _codes_from_frame(frame)
    means, sds = _latent_moments(x)
    return _survival(_eta_obs(x, pp.SCENARIO_OUTCOMES[scenario]) + shift, means, sds, horizon_months)


def level_shift(level: str) -> float:
    """The shift of ``η`` (the log rate of exit to work) when ``level`` is decided: its log-hazard effect over k.

    Raises
    ------
    ValueError
        If ``level`` is not a ``FollowUpLevel`` code.
    """
    if level not in set(FollowUpLevel):
        raise ValueError(f"{LEVEL_MESSAGE} (got {level!r})")
    return pp.LEVEL_EFFECTS[FollowUpLevel(level)] / pp.WEIBULL_SHAPE


def months_to_work_under(frame: pd.DataFrame, level: str) -> np.ndarray:
    """Each row's months to work had ``level`` been decided, from the same latent draw as ``months_to_work``.

    A hazard times ``exp(b)`` scales a Weibull duration by ``exp(-b / k)``, so the rows keep their order and the
    reference level (``pp.REFERENCE_LEVEL``) gives ``months_to_work`` itself.

    Raises
    ------
    ValueError
        If ``level`` is not a ``FollowUpLevel`` code.
    """
    return np.asarray(frame["months_to_work"].to_numpy(dtype=np.float64) * np.exp(-level_shift(level)))


def label_under(frame: pd.DataFrame, level: str, *, horizon_months: int = 12) -> np.ndarray:
    """Each row's label had ``level`` been decided: 1.0 still without work after the horizon, NaN where censored.

    ``horizon_months`` must be the one the frame was drawn with, whose censoring (``censored``) it keeps.

    Raises
    ------
    ValueError
        If ``level`` is not a ``FollowUpLevel`` code or the horizon is below 1.

    Examples
    --------
    >>> frame = simulate_population(1_000, seed=2)
    >>> bool(np.array_equal(label_under(frame, "STANDARD_INNSATS"), frame["label"], equal_nan=True))
    True
    """
    _check_arguments("baseline", horizon_months)
    late = (months_to_work_under(frame, level) > horizon_months).astype(np.float64)
    return np.where(frame["censored"].to_numpy(dtype=bool), np.nan, late)


def describe_population(frame: pd.DataFrame) -> dict[str, float]:
    """The shares and model-quality numbers that ``docs/population.md`` compares with its targets.

    Parameters
    ----------
    frame : pandas.DataFrame
        Output of ``simulate_population``.

    Returns
    -------
    dict of str to float
        Shares of age groups, education, background, health hindrance and more, the label share and mean ``p_opt``
        of the labelled rows, and the AUC of ``p_opt`` against the drawn labels.
    """
    labelled = frame[~frame["censored"]]
    age = frame["age"]
    education = frame["education"].astype(str)
    positive = labelled["label"].to_numpy() == 1.0
    ranks = pd.Series(labelled["p_opt"].to_numpy()).rank().to_numpy()
    n_pos, n_neg = positive.sum(), (~positive).sum()
    return {
        "rows": float(len(frame)),
        "labelled_share": float(len(labelled) / len(frame)),
        "label_mean": float(labelled["label"].mean()),
        "p_opt_mean": float(labelled["p_opt"].mean()),
        "auc_p_opt": float((ranks[positive].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)),
        "age_16_24": float((age < 25).mean()),
        "age_25_39": float(age.between(25, 39).mean()),
        "age_40_54": float(age.between(40, 54).mean()),
        "age_55_plus": float((age >= 55).mean()),
        "education_low": float(education.isin(["INGEN_UTDANNING", "GRUNNSKOLE"]).mean()),
        "education_higher": float(education.str.startswith("HOYERE").mean()),
        "outside_eu_eea": float((frame["country_background"].astype(str) == "UTENFOR_EU_EOS").mean()),
        "residence_under_3_years": float((frame["years_in_norway"] < 3).mean()),
        "health_hindrance_yes": float((frame["health_hindrance"].astype(str) == "JA").mean()),
        "permittert": float((frame["situation"].astype(str) == "ER_PERMITTERT").mean()),
        "dagpenger": float((frame["benefit"].astype(str) == "DAGPENGER").mean()),
        "assisted": float((frame["registration_channel"].astype(str) == "ASSISTERT").mean()),
        "worked_6_of_12": float(frame["worked_6_of_last_12_months"].mean()),
        "mean_unemployment_rate": float(frame["county_unemployment_rate"].mean()),
        "median_months_to_work": float(frame["months_to_work"].median()),
    }


def _check_arguments(scenario: str, horizon_months: int) -> None:
    if scenario not in SCENARIOS:
        raise ValueError(f"{SCENARIO_MESSAGE} (got {scenario!r})")
    if isinstance(horizon_months, bool) or not isinstance(horizon_months, int | np.integer) or horizon_months < 1:
        raise ValueError(f"{HORIZON_MESSAGE}, got {horizon_months!r}")


def _latent_moments(x: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard deviation (3 × rows) of latent language, digital competence and employability given x."""
    lp = pp.LATENT
    years, skill, education = x["years_in_norway"], x["norwegian_skill"], x["education"]
    norway = np.isnan(years)
    language_mean = np.where(
        norway,
        lp.language_norway[0],
        lp.language_intercept
        + lp.language_per_log_year * np.log1p(np.nan_to_num(years))
        + lp.language_per_education * education
        + np.asarray(lp.language_skill_shift)[skill],
    )
    reported = (skill >= 0) & (skill <= enum_code(NorwegianSkill.DARLIG))
    language_sd = np.where(norway, lp.language_norway[1], np.where(reported, lp.language_sd[0], lp.language_sd[1]))
    digital_mean = (
        lp.digital_intercept
        + lp.digital_per_age_year * (x["age"] - 40)
        + lp.digital_per_education * (education - 2.5)
        + lp.digital_assisted * (x["registration_channel"] == enum_code(RegistrationChannel.ASSISTERT))
        + lp.digital_short_residence * (np.nan_to_num(years, nan=99.0) < 3)
    )
    employability_mean = (
        lp.employability_per_log_spell * np.log1p(x["earlier_spells_last_5_years"])
        + np.asarray(lp.employability_other_hindrance)[x["other_hindrance"]]
    )
    means = np.stack([language_mean, digital_mean, employability_mean])
    sds = np.stack([language_sd, np.full(len(years), lp.digital_sd), np.full(len(years), lp.employability_sd)])
    return means, sds


def _eta_obs(x: Mapping[str, np.ndarray], op: pp.OutcomeParams) -> np.ndarray:
    """The observed part of the log hazard of exit to work (per month)."""
    age, education, health = x["age"], x["education"], x["health_hindrance"]
    over_40 = np.maximum(age - 40, 0)
    rate_gap = x["county_unemployment_rate"] - 0.02
    eta: np.ndarray = (
        op.intercept
        + op.age_over_40 * over_40
        + op.age_under_30 * np.maximum(30 - age, 0)
        + np.asarray(op.education)[education]
        + op.education_not_passed * (x["education_passed"] == NEI)
        + op.education_not_recognised * (x["education_recognised"] == NEI)
        + effect_table(op.situation, Situation)[x["situation"]]
        + op.worked_6 * x["worked_6_of_last_12_months"]
        + op.per_month_employed * x["months_employed_last_36"]
        + op.per_log_spell * np.log1p(x["earlier_spells_last_5_years"])
        + (op.unemployment + op.unemployment_low_education * (education <= 1)) * rate_gap
        + np.asarray(op.health)[health]
        + op.health_per_age_year_over_40 * over_40 * (health == JA)
        + np.asarray(op.other)[x["other_hindrance"]]
        + effect_table(op.benefit, Benefit)[x["benefit"]]
        + effect_table(op.time_to_work, (*TimeToWorkEstimate, None))[x["time_to_work_estimate"]]
        + op.klare_seg_selv * (x["own_assessment"] == enum_code(OwnAssessment.KLARE_SEG_SELV))
        + effect_table(op.occupation, Occupation)[x["last_occupation"]]
    )
    return eta


def _survival(eta_obs: np.ndarray, means: np.ndarray, sds: np.ndarray, horizon: int) -> np.ndarray:
    """E over U ~ N(m, s^2) of exp(-(H exp(eta_obs + U))^k), by Gauss–Hermite quadrature."""
    loadings = np.asarray(pp.LATENT.loadings)
    centre = eta_obs + loadings @ means + np.log(horizon)
    spread = np.sqrt((loadings**2) @ sds**2 + pp.LATENT.noise_sd**2)
    nodes, weights = hermegauss(pp.QUADRATURE_NODES)
    probability = np.zeros_like(centre)
    for node, weight in zip(nodes, weights / np.sqrt(2 * np.pi), strict=True):
        probability += weight * np.exp(-np.exp(pp.WEIBULL_SHAPE * (centre + spread * node)))
    return np.asarray(np.clip(probability, 0.0, 1.0), dtype=np.float64)


def _codes_from_frame(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    missing = [name for name in _OUTCOME_FIELDS if name not in frame.columns]
    if missing:
        raise ValueError(f"{COLUMNS_MESSAGE}: {missing}")
    x: dict[str, np.ndarray] = {}
    for name in _OUTCOME_FIELDS:
        column = frame[name]
        if name in _ENUMS:
            codes = pd.Categorical(column, categories=[m.value for m in _ENUMS[name]]).codes.astype(np.int64)
            unknown = (codes < 0) & (column.notna().to_numpy() if name in _OPTIONAL else True)
            if unknown.any():
                raise ValueError(f"{CODES_MESSAGE}: {name}")
            x[name] = codes
        elif name in _NUMERIC:
            x[name] = pd.to_numeric(column).to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            x[name] = column.to_numpy(dtype=np.float64)
    return x


def _to_frame(x: Mapping[str, np.ndarray]) -> pd.DataFrame:
    columns: dict[str, object] = {}
    for name in PROFILE_FIELDS:
        if name in _ENUMS:
            columns[name] = pd.Categorical.from_codes(x[name], categories=[m.value for m in _ENUMS[name]])
        else:
            columns[name] = x[name]
    return pd.DataFrame(columns)
