"""The observed fields of synthetic jobseekers, drawn in order with realistic dependencies between them.

Each field depends only on fields drawn before it; ``docs/population.md`` documents every number, and the larger tables
live in ``training.population_params``. Categories are drawn as integer codes in the order of the schema's enums;
optional items are -1 when missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

import numpy as np
from scipy.special import expit

from models.schema import (
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
)
from training import population_params as pp

JA, NEI, VET_IKKE = 0, 1, 2
"""The codes of ``YesNoUnknown``."""


def enum_code(member: StrEnum) -> int:
    """The integer code of an enum member: its position in the enum.

    Parameters
    ----------
    member : enum.StrEnum
        A member of one of the schema's enums.

    Returns
    -------
    int
        The member's position in its enum.

    Examples
    --------
    >>> enum_code(Gender.KVINNE), enum_code(Gender.MANN)
    (0, 1)
    """
    return tuple(type(member)).index(member)


def effect_table(effects: Mapping[Any, float], members: Iterable[Any]) -> np.ndarray:
    """An effect per member, in the given order, for indexing by integer codes.

    Parameters
    ----------
    effects : Mapping
        Effect of some members; the others get 0.
    members : Iterable
        The members in code order.

    Returns
    -------
    numpy.ndarray
        One float per member.

    Examples
    --------
    >>> effect_table({"b": 0.5}, ["a", "b"]).tolist()
    [0.0, 0.5]
    """
    return np.asarray([effects.get(member, 0.0) for member in members], dtype=np.float64)


def _categorical(rng: np.random.Generator, logits: np.ndarray) -> np.ndarray:
    """One draw per row from the softmax of ``logits`` (rows × categories)."""
    weights = np.exp(logits - logits.max(axis=1, keepdims=True))
    cumulative = np.cumsum(weights, axis=1)
    threshold = rng.random(len(logits)) * cumulative[:, -1]
    return np.asarray(np.minimum((cumulative < threshold[:, None]).sum(axis=1), logits.shape[1] - 1), dtype=np.int64)


def _shares(rng: np.random.Generator, shares: Sequence[float] | np.ndarray, n: int) -> np.ndarray:
    return _categorical(rng, np.broadcast_to(np.log(np.asarray(shares, dtype=np.float64)), (n, len(shares))))


def draw_profile(
    rng: np.random.Generator, n: int, inputs: pp.InputParams, start: dt.date, end: dt.date
) -> dict[str, np.ndarray]:
    """Draw the observed fields as integer codes (optional items: -1 when missing) and numbers.

    Parameters
    ----------
    rng : numpy.random.Generator
        The generator of the population being drawn.
    n : int
        Number of jobseekers.
    inputs : training.population_params.InputParams
        The scenario's mixes and shifts of the observed fields.
    start, end : datetime.date
        First and last registration date.

    Returns
    -------
    dict of str to numpy.ndarray
        One array per ``JobseekerProfile`` field, ``n`` long.
    """
    x: dict[str, np.ndarray] = {"country_background": _shares(rng, inputs.background_shares, n)}
    x["gender"] = (rng.random(n) < 0.53).astype(np.int64) * enum_code(Gender.MANN)
    bands = np.asarray(pp.AGE_BANDS)
    band = _shares(rng, bands[:, 2], n)
    age = bands[band, 0] + np.floor(rng.random(n) * (bands[band, 1] - bands[band, 0] + 1))
    x["age"] = age.astype(np.int64)
    x.update(_draw_residence(rng, x["country_background"], age, inputs))
    x.update(_draw_education(rng, x["country_background"], age, x["years_in_norway"]))
    x.update(_draw_work(rng, x, inputs))
    x.update(_draw_self_reports(rng, x, inputs))
    x.update(_draw_place_and_time(rng, x["country_background"], inputs, start, end))
    return x


def _draw_residence(
    rng: np.random.Generator, background: np.ndarray, age: np.ndarray, inputs: pp.InputParams
) -> dict[str, np.ndarray]:
    years = rng.gamma(1.3, np.where(background == 1, inputs.years_mean[0], inputs.years_mean[1]) / 1.3)
    recent = (background == enum_code(CountryBackground.UTENFOR_EU_EOS)) & (
        rng.random(len(age)) < inputs.recent_arrival_share
    )
    years = np.where(recent, 3.0 * rng.random(len(age)), years)
    return {"years_in_norway": np.where(background > 0, np.minimum(np.round(years, 1), age), np.nan)}


def _draw_education(
    rng: np.random.Generator, background: np.ndarray, age: np.ndarray, years: np.ndarray
) -> dict[str, np.ndarray]:
    z = rng.standard_normal(len(age))
    outside = background == enum_code(CountryBackground.UTENFOR_EU_EOS)
    latent = np.where(outside, 1.4 * z - 0.35, z) + 0.15 * ((age >= 25) & (age < 45))
    education = np.searchsorted(np.asarray(pp.EDUCATION_CUTPOINTS), latent)
    for below, highest in pp.EDUCATION_MAX_BY_AGE:
        education = np.where(age < below, np.minimum(education, highest), education)
    u = rng.random(len(age))
    not_passed = 0.05 + 0.05 * (education <= 2)
    passed = np.where(u < not_passed, NEI, np.where(u < not_passed + 0.02, VET_IKKE, JA))
    recognised_p = np.where(background > 0, expit(-0.5 + 0.25 * np.nan_to_num(years) + 1.0 * (background == 1)), 0.97)
    u = rng.random(len(age))
    recognised = np.where(u < recognised_p, JA, np.where(u < (1 + recognised_p) / 2, NEI, VET_IKKE))
    none = education == 0
    return {
        "education": education,
        "education_passed": np.where(none, NEI, passed),
        "education_recognised": np.where(none, NEI, recognised),
    }


def _draw_work(rng: np.random.Generator, x: dict[str, np.ndarray], inputs: pp.InputParams) -> dict[str, np.ndarray]:
    n, age, years = len(x["age"]), x["age"], x["years_in_norway"]
    short_residence = np.nan_to_num(years, nan=99.0) < 3
    logits = np.tile(np.log(effect_table(pp.SITUATION_SHARES, Situation)), (n, 1))
    logits[:, enum_code(Situation.AKKURAT_FULLFORT_UTDANNING)] += 1.2 * (age < 25) - 1.5 * (age >= 50)
    logits[:, enum_code(Situation.ALDRI_HATT_JOBB)] += 1.0 * (age < 25) + 1.2 * short_residence
    logits[:, enum_code(Situation.IKKE_VAERT_I_JOBB_SISTE_2_AAR)] += 0.6 * (age >= 50)
    logits += effect_table(inputs.situation_shift, Situation)
    situation = _categorical(rng, logits)
    never, not_2y = (
        situation == enum_code(Situation.ALDRI_HATT_JOBB),
        situation == enum_code(Situation.IKKE_VAERT_I_JOBB_SISTE_2_AAR),
    )
    worked6 = rng.random(n) < effect_table(pp.WORKED_6_BY_SITUATION, Situation)[situation]
    high, low = rng.beta(3.0, 1.6, n), rng.beta(1.0, 3.0, n)
    months = np.where(worked6, 6 + rng.binomial(30, high), rng.binomial(36, low))
    months = np.where(never, 0, np.where(not_2y, rng.binomial(12, low), months))
    u = rng.random(n)
    health_p = expit(-3.0 + 0.045 * (age - 16) + 0.8 * not_2y)
    health = np.where(u < health_p, JA, np.where(u < health_p + 0.03, VET_IKKE, NEI))
    u = rng.random(n)
    other_p = 0.06 + 0.05 * (never | not_2y)
    other = np.where(u < other_p, JA, np.where(u < other_p + 0.03, VET_IKKE, NEI))
    jobs = tuple(Occupation)[:-1]
    occupation_logits = np.log(effect_table(pp.OCCUPATION_SHARES, jobs)) + np.outer(
        x["gender"] == enum_code(Gender.MANN), effect_table(pp.OCCUPATION_MALE_SHIFT, jobs)
    )
    occupation_logits += np.stack([effect_table(pp.OCCUPATION_EDUCATION_SHIFT.get(e, {}), jobs) for e in Education])[
        x["education"]
    ]
    occupation = np.where(never, enum_code(Occupation.INGEN), _categorical(rng, occupation_logits))
    temporary = np.isin(situation, [enum_code(Situation.MIDLERTIDIG_JOBB), enum_code(Situation.ER_PERMITTERT)])
    spell_rate = np.exp(
        -0.4 + 0.35 * (x["education"] <= 1) + 0.3 * ((age >= 20) & (age < 30)) - 0.5 * (age < 20) + 0.4 * temporary
    ) * np.exp(0.25 * (other == JA))
    spells = np.minimum(rng.poisson(spell_rate * rng.gamma(1.2, 1 / 1.2, n)), 20)
    dismissed = np.isin(
        situation, [enum_code(s) for s in (Situation.HAR_BLITT_SAGT_OPP, Situation.ER_PERMITTERT, Situation.KONKURS)]
    )
    benefit_logits = np.zeros((n, len(Benefit)))
    benefit_logits[:, enum_code(Benefit.DAGPENGER)] = np.where(
        months >= 6,
        -1.0
        + 2.5 * dismissed
        + 0.5 * (situation == enum_code(Situation.HAR_SAGT_OPP))
        + 0.5 * worked6
        + inputs.dagpenger_shift,
        -np.inf,
    )
    benefit_logits[:, enum_code(Benefit.ARBEIDSAVKLARINGSPENGER)] = -3.5 + 2.5 * (health == JA)
    benefit_logits[:, enum_code(Benefit.OKONOMISK_SOSIALHJELP)] = -2.5 + 1.5 * (never | not_2y) + 0.8 * short_residence
    benefit_logits[:, enum_code(Benefit.ANNEN)] = -2.5
    return {
        "situation": situation,
        "worked_6_of_last_12_months": worked6,
        "months_employed_last_36": months.astype(np.int64),
        "health_hindrance": health,
        "other_hindrance": other,
        "last_occupation": occupation,
        "earlier_spells_last_5_years": spells.astype(np.int64),
        "benefit": _categorical(rng, benefit_logits),
    }


def _draw_self_reports(
    rng: np.random.Generator, x: dict[str, np.ndarray], inputs: pp.InputParams
) -> dict[str, np.ndarray]:
    n, age, years, situation = len(x["age"]), x["age"], x["years_in_norway"], x["situation"]
    foreign = ~np.isnan(years)
    short_residence = np.nan_to_num(years, nan=99.0) < 3
    no_recent_work = np.isin(
        situation, [enum_code(Situation.ALDRI_HATT_JOBB), enum_code(Situation.IKKE_VAERT_I_JOBB_SISTE_2_AAR)]
    )
    logits = np.tile([0.8, 0.5, 0.0, -0.8, 0.2], (n, 1))
    logits[:, 0] += 0.6 * x["worked_6_of_last_12_months"] + 1.0 * (situation == enum_code(Situation.ER_PERMITTERT))
    logits[:, 3] += 1.2 * (x["health_hindrance"] == JA) + 0.8 * no_recent_work + 0.6 * (age >= 55)
    answer = _categorical(rng, logits)
    u = rng.random(n)
    declined = enum_code(TimeToWorkEstimate.VIL_IKKE_SVARE)
    time_to_work = np.where(u < 0.30, -1, np.where(u < 0.33, declined, answer))
    klare_p = expit(
        0.3
        + 0.6 * x["worked_6_of_last_12_months"]
        + 0.3 * (x["education"] >= 4)
        - 1.2 * (x["health_hindrance"] == JA)
        - 0.6 * (x["other_hindrance"] == JA)
        - 0.6 * no_recent_work
    )
    own = np.where(
        rng.random(n) < klare_p, enum_code(OwnAssessment.KLARE_SEG_SELV), enum_code(OwnAssessment.ONSKER_OPPFOLGING)
    )
    z = -0.6 + 0.6 * np.log1p(np.nan_to_num(years)) - 0.3 * (x["country_background"] == 1) + rng.standard_normal(n)
    skill = np.where(z > 1.0, 0, np.where(z > -0.3, 1, 2))
    u = rng.random(n)
    skill = np.where(foreign, np.where(u < 0.15, -1, np.where(u < 0.19, 3, skill)), np.where(u < 0.95, -1, 0))
    assisted_p = expit(
        -3.0
        + 0.02 * (age - 40)
        + 1.2 * (skill == enum_code(NorwegianSkill.DARLIG))
        + (0.8 + inputs.assisted_shift) * short_residence
        + 0.5 * (x["health_hindrance"] == JA)
    )
    return {
        "time_to_work_estimate": time_to_work,
        "own_assessment": own,
        "norwegian_skill": skill,
        "registration_channel": (rng.random(n) < assisted_p).astype(np.int64)
        * enum_code(RegistrationChannel.ASSISTERT),
    }


def _draw_place_and_time(
    rng: np.random.Generator, background: np.ndarray, inputs: pp.InputParams, start: dt.date, end: dt.date
) -> dict[str, np.ndarray]:
    n = len(background)
    logits = np.log(effect_table(pp.COUNTY_SHARES, County)) + np.outer(
        background == enum_code(CountryBackground.UTENFOR_EU_EOS), effect_table(pp.COUNTY_SHIFT_OUTSIDE_EEA, County)
    )
    county = _categorical(rng, logits)
    days = np.arange(np.datetime64(start, "D"), np.datetime64(end, "D") + 1)
    month_of_day = days.astype("datetime64[M]").astype(np.int64) % 12
    cumulative = np.cumsum(np.asarray(pp.REGISTRATION_MONTH_WEIGHT)[month_of_day])
    day = np.minimum(np.searchsorted(cumulative, rng.random(n) * cumulative[-1]), len(days) - 1)
    registered = days[day]
    month = registered.astype("datetime64[M]").astype(np.int64)
    knots = np.asarray(pp.NATIONAL_UNEMPLOYMENT)
    knot_months = (knots[:, 0] - 1970) * 12 + knots[:, 1] - 1
    national = np.interp(month, knot_months, knots[:, 2])
    national += pp.UNEMPLOYMENT_SEASONAL_AMPLITUDE * np.cos(2 * np.pi * (month % 12) / 12)
    rate = national * effect_table(pp.COUNTY_UNEMPLOYMENT_FACTOR, County)[county] + inputs.unemployment_shift
    return {
        "county": county,
        "county_unemployment_rate": np.round(np.clip(rate, 0.0, 0.3), 4),
        "registration_date": registered.astype("datetime64[ns]"),
    }
