"""The numbers of the synthetic population's data-generating process, kept apart from the sampling code.

Every number here is documented in ``docs/population.md`` with its source or the word *assumption*. Effects are keyed
by the schema's enums so that a table reads like the documentation; ``training.population`` turns them into arrays.
Outcome effects are on the log hazard of exit to work (per month): positive means a faster exit, so a lower risk of
long-term unemployment.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from models.policy import FollowUpLevel
from models.schema import (
    Benefit,
    County,
    Education,
    Occupation,
    Situation,
    TimeToWorkEstimate,
)

AGE_BANDS: tuple[tuple[int, int, float], ...] = (
    (16, 19, 0.04),
    (20, 24, 0.13),
    (25, 29, 0.16),
    (30, 34, 0.15),
    (35, 39, 0.13),
    (40, 44, 0.11),
    (45, 49, 0.09),
    (50, 54, 0.08),
    (55, 59, 0.06),
    (60, 66, 0.04),
    (67, 75, 0.01),
)
"""Age bands (inclusive) and their shares among new registrations."""

EDUCATION_CUTPOINTS: tuple[float, ...] = (-2.05, -0.71, -0.20, 0.31, 1.13)
"""Probit cut points of the education ladder for a Norwegian background (2/22/18/20/25/13 %)."""

EDUCATION_MAX_BY_AGE: tuple[tuple[int, int], ...] = ((19, 1), (21, 3), (24, 4))
"""(age below, highest education index reachable): nobody of 18 holds a master's degree."""

SITUATION_SHARES: dict[Situation, float] = {
    Situation.HAR_SAGT_OPP: 0.07,
    Situation.HAR_BLITT_SAGT_OPP: 0.20,
    Situation.ER_PERMITTERT: 0.06,
    Situation.ALDRI_HATT_JOBB: 0.06,
    Situation.IKKE_VAERT_I_JOBB_SISTE_2_AAR: 0.08,
    Situation.AKKURAT_FULLFORT_UTDANNING: 0.08,
    Situation.VIL_BYTTE_JOBB: 0.08,
    Situation.USIKKER_JOBBSITUASJON: 0.07,
    Situation.MIDLERTIDIG_JOBB: 0.08,
    Situation.DELTIDSJOBB_VIL_MER: 0.07,
    Situation.NY_JOBB: 0.02,
    Situation.KONKURS: 0.01,
    Situation.ANNET: 0.12,
}

WORKED_6_BY_SITUATION: dict[Situation, float] = {
    Situation.HAR_SAGT_OPP: 0.80,
    Situation.HAR_BLITT_SAGT_OPP: 0.85,
    Situation.ER_PERMITTERT: 0.92,
    Situation.ALDRI_HATT_JOBB: 0.0,
    Situation.IKKE_VAERT_I_JOBB_SISTE_2_AAR: 0.0,
    Situation.AKKURAT_FULLFORT_UTDANNING: 0.15,
    Situation.VIL_BYTTE_JOBB: 0.90,
    Situation.USIKKER_JOBBSITUASJON: 0.75,
    Situation.MIDLERTIDIG_JOBB: 0.70,
    Situation.DELTIDSJOBB_VIL_MER: 0.70,
    Situation.NY_JOBB: 0.70,
    Situation.KONKURS: 0.85,
    Situation.ANNET: 0.40,
}
"""P(worked continuously 6 of the last 12 months | situation)."""

OCCUPATION_SHARES: dict[Occupation, float] = {
    Occupation.MILITAERE: 0.005,
    Occupation.LEDERE: 0.04,
    Occupation.AKADEMISKE_YRKER: 0.12,
    Occupation.HOYSKOLEYRKER: 0.10,
    Occupation.KONTORYRKER: 0.10,
    Occupation.SALG_OG_SERVICE: 0.22,
    Occupation.BONDER_FISKERE: 0.02,
    Occupation.HANDVERKERE: 0.12,
    Occupation.OPERATORER_SJAFORER: 0.09,
    Occupation.RENHOLD_HJELPEARBEIDERE: 0.18,
}
"""Baseline occupation mix of women with upper secondary education; men and other levels shift it."""

OCCUPATION_MALE_SHIFT: dict[Occupation, float] = {
    Occupation.MILITAERE: 0.8,
    Occupation.HOYSKOLEYRKER: -0.2,
    Occupation.KONTORYRKER: -0.4,
    Occupation.SALG_OG_SERVICE: -0.2,
    Occupation.HANDVERKERE: 1.2,
    Occupation.OPERATORER_SJAFORER: 1.0,
}

OCCUPATION_EDUCATION_SHIFT: dict[Education, dict[Occupation, float]] = {
    Education.INGEN_UTDANNING: {
        Occupation.LEDERE: -1.0,
        Occupation.AKADEMISKE_YRKER: -3.0,
        Occupation.HOYSKOLEYRKER: -1.5,
        Occupation.RENHOLD_HJELPEARBEIDERE: 0.8,
    },
    Education.GRUNNSKOLE: {
        Occupation.LEDERE: -1.0,
        Occupation.AKADEMISKE_YRKER: -3.0,
        Occupation.HOYSKOLEYRKER: -1.5,
        Occupation.RENHOLD_HJELPEARBEIDERE: 0.8,
    },
    Education.VIDEREGAENDE_FAGBREV_SVENNEBREV: {Occupation.AKADEMISKE_YRKER: -1.5, Occupation.HANDVERKERE: 1.0},
    Education.HOYERE_UTDANNING_1_TIL_4: {
        Occupation.LEDERE: 0.7,
        Occupation.AKADEMISKE_YRKER: 1.5,
        Occupation.HOYSKOLEYRKER: 0.8,
        Occupation.HANDVERKERE: -1.0,
        Occupation.OPERATORER_SJAFORER: -1.0,
        Occupation.RENHOLD_HJELPEARBEIDERE: -1.5,
    },
    Education.HOYERE_UTDANNING_5_ELLER_MER: {
        Occupation.LEDERE: 0.7,
        Occupation.AKADEMISKE_YRKER: 2.5,
        Occupation.HOYSKOLEYRKER: 0.8,
        Occupation.HANDVERKERE: -1.0,
        Occupation.OPERATORER_SJAFORER: -1.0,
        Occupation.RENHOLD_HJELPEARBEIDERE: -1.5,
    },
}

COUNTY_SHARES: dict[County, float] = {
    County.OSLO: 0.13,
    County.AKERSHUS: 0.13,
    County.OSTFOLD: 0.06,
    County.BUSKERUD: 0.05,
    County.VESTFOLD: 0.05,
    County.TELEMARK: 0.03,
    County.INNLANDET: 0.07,
    County.AGDER: 0.06,
    County.ROGALAND: 0.09,
    County.VESTLAND: 0.12,
    County.MORE_OG_ROMSDAL: 0.05,
    County.TRONDELAG: 0.09,
    County.NORDLAND: 0.045,
    County.TROMS: 0.035,
    County.FINNMARK: 0.015,
}

COUNTY_SHIFT_OUTSIDE_EEA: dict[County, float] = {County.OSLO: 0.7, County.AKERSHUS: 0.25}
"""Log-weight shift of the county mix for a background outside the EU/EEA (more live in and around Oslo)."""

COUNTY_UNEMPLOYMENT_FACTOR: dict[County, float] = {
    County.OSLO: 1.25,
    County.AKERSHUS: 0.90,
    County.OSTFOLD: 1.15,
    County.BUSKERUD: 1.00,
    County.VESTFOLD: 1.05,
    County.TELEMARK: 1.10,
    County.INNLANDET: 0.90,
    County.AGDER: 1.15,
    County.ROGALAND: 0.90,
    County.VESTLAND: 0.85,
    County.MORE_OG_ROMSDAL: 0.85,
    County.TRONDELAG: 0.90,
    County.NORDLAND: 0.90,
    County.TROMS: 0.85,
    County.FINNMARK: 1.05,
}
"""County's registered unemployment relative to the national rate."""

NATIONAL_UNEMPLOYMENT: tuple[tuple[int, int, float], ...] = (
    (2022, 1, 0.030),
    (2022, 7, 0.018),
    (2023, 1, 0.018),
    (2023, 7, 0.017),
    (2024, 1, 0.020),
    (2024, 7, 0.020),
    (2025, 1, 0.022),
    (2025, 7, 0.021),
    (2026, 1, 0.022),
    (2026, 6, 0.021),
)
"""(year, month, registered unemployment rate) knots, linearly interpolated and held flat outside."""

UNEMPLOYMENT_SEASONAL_AMPLITUDE = 0.001
"""Winter peak, summer trough of the registered unemployment rate."""

REGISTRATION_MONTH_WEIGHT: tuple[float, ...] = (1.25, 1.0, 1.0, 1.0, 1.0, 1.0, 0.7, 1.15, 1.0, 1.0, 1.0, 0.85)
"""Relative daily registration intensity by calendar month (January peak, July trough)."""

WEIBULL_SHAPE = 0.9
"""Shape k of the Weibull duration until exit to work (k < 1: the exit rate falls with time)."""

QUADRATURE_NODES = 40
"""Gauss–Hermite nodes for the expectation over the unobserved part of the log hazard."""

REFERENCE_LEVEL = FollowUpLevel.STANDARD_INNSATS
"""The follow-up level under which ``simulate_population`` draws the time to work and the label (its effect is 0)."""

LEVEL_EFFECTS: dict[FollowUpLevel, float] = {
    FollowUpLevel.STANDARD_INNSATS: 0.0,
    FollowUpLevel.SITUASJONSBESTEMT_INNSATS: 0.15,
    FollowUpLevel.SPESIELT_TILPASSET_INNSATS: 0.25,
    FollowUpLevel.GRADERT_VARIG_TILPASSET_INNSATS: 0.1,
    FollowUpLevel.VARIG_TILPASSET_INNSATS: -0.2,
}
"""The true effect of the *decided* follow-up level: a shift ``b`` of the log hazard itself (proportional hazards, the
hazard times ``exp(b)``), the same for everyone, so ``η`` moves by ``b / WEIBULL_SHAPE`` and the time to work scales by
``exp(-b / WEIBULL_SHAPE)``. Assumption: closer follow-up speeds the exit to work a little; permanent adapted
follow-up, aimed away from ordinary work, slows it (lock-in)."""


@dataclass(frozen=True)
class InputParams:
    """How a scenario draws the observed fields (the input distribution)."""

    background_shares: tuple[float, float, float] = (0.67, 0.10, 0.23)
    """NORGE, EU_EOS, UTENFOR_EU_EOS among new registrations."""
    years_mean: tuple[float, float] = (7.0, 9.0)
    """Mean years of residence for EU_EOS and UTENFOR_EU_EOS (gamma with shape 1.3)."""
    recent_arrival_share: float = 0.0
    """Extra share of UTENFOR_EU_EOS who arrived 0-3 years ago (refugee inflow)."""
    situation_shift: dict[Situation, float] = field(default_factory=dict)
    unemployment_shift: float = 0.0
    dagpenger_shift: float = 0.0
    assisted_shift: float = 0.0


@dataclass(frozen=True)
class LatentParams:
    """The latent factors' Gaussian distribution given the observed fields, and their loadings on the log hazard."""

    language_norway: tuple[float, float] = (0.6, 0.35)
    """Mean and standard deviation of latent language for a Norwegian background (no years of residence)."""
    language_intercept: float = -1.0
    language_per_log_year: float = 0.35
    language_per_education: float = 0.08
    language_skill_shift: tuple[float, float, float, float, float] = (0.7, 0.0, -0.7, -0.3, -0.2)
    """GODT, MIDDELS, DARLIG, VIL_IKKE_SVARE, missing."""
    language_sd: tuple[float, float] = (0.45, 0.8)
    """Standard deviation with a self-report, and when it is missing or declined."""
    digital_intercept: float = 0.3
    digital_per_age_year: float = -0.03
    digital_per_education: float = 0.1
    digital_assisted: float = -0.25
    digital_short_residence: float = -0.2
    digital_sd: float = 0.8
    employability_per_log_spell: float = -0.25
    employability_other_hindrance: tuple[float, float, float] = (-0.3, 0.0, -0.2)
    """JA, NEI, VET_IKKE."""
    employability_sd: float = 0.9
    loadings: tuple[float, float, float] = (0.45, 0.2, 0.5)
    """Effect on the log hazard of one unit of latent language, digital competence and employability."""
    noise_sd: float = 0.8


@dataclass(frozen=True)
class OutcomeParams:
    """Main effects (and three smooth interactions) of the observed fields on the log hazard of exit to work."""

    intercept: float = -2.2
    age_over_40: float = -0.025
    age_under_30: float = -0.02
    education: tuple[float, ...] = (-0.45, -0.3, -0.1, 0.05, 0.15, 0.2)
    education_not_passed: float = -0.15
    education_not_recognised: float = -0.15
    situation: dict[Situation, float] = field(
        default_factory=lambda: {
            Situation.HAR_SAGT_OPP: 0.1,
            Situation.ER_PERMITTERT: 0.9,
            Situation.ALDRI_HATT_JOBB: -0.4,
            Situation.IKKE_VAERT_I_JOBB_SISTE_2_AAR: -0.6,
            Situation.AKKURAT_FULLFORT_UTDANNING: 0.1,
            Situation.VIL_BYTTE_JOBB: 0.2,
            Situation.MIDLERTIDIG_JOBB: 0.1,
            Situation.NY_JOBB: 0.8,
            Situation.ANNET: -0.2,
        }
    )
    worked_6: float = 0.35
    per_month_employed: float = 0.02
    per_log_spell: float = -0.35
    unemployment: float = -15.0
    unemployment_low_education: float = -10.0
    """Interaction: extra sensitivity to the local rate for no or primary education only."""
    health: tuple[float, float, float] = (-0.7, 0.0, -0.3)
    """JA, NEI, VET_IKKE."""
    health_per_age_year_over_40: float = -0.01
    """Interaction: a health hindrance weighs more with age."""
    other: tuple[float, float, float] = (-0.35, 0.0, -0.15)
    benefit: dict[Benefit, float] = field(
        default_factory=lambda: {
            Benefit.ARBEIDSAVKLARINGSPENGER: -0.6,
            Benefit.OKONOMISK_SOSIALHJELP: -0.35,
            Benefit.ANNEN: -0.1,
        }
    )
    time_to_work: dict[TimeToWorkEstimate | None, float] = field(
        default_factory=lambda: {
            TimeToWorkEstimate.UNDER_3_MANEDER: 0.35,
            TimeToWorkEstimate.MELLOM_3_OG_6_MANEDER: 0.1,
            TimeToWorkEstimate.MELLOM_6_OG_12_MANEDER: -0.15,
            TimeToWorkEstimate.OVER_12_MANEDER: -0.5,
            TimeToWorkEstimate.VET_IKKE: -0.1,
            TimeToWorkEstimate.VIL_IKKE_SVARE: -0.1,
        }
    )
    klare_seg_selv: float = 0.25
    occupation: dict[Occupation, float] = field(
        default_factory=lambda: {
            Occupation.LEDERE: 0.1,
            Occupation.AKADEMISKE_YRKER: 0.1,
            Occupation.HOYSKOLEYRKER: 0.1,
            Occupation.KONTORYRKER: -0.05,
            Occupation.HANDVERKERE: 0.1,
            Occupation.RENHOLD_HJELPEARBEIDERE: -0.1,
            Occupation.INGEN: -0.1,
        }
    )


BASELINE_OUTCOME = OutcomeParams()

RULE_CHANGE_OUTCOME = replace(
    BASELINE_OUTCOME,
    age_under_30=0.03,
    worked_6=0.05,
    per_month_employed=0.004,
    time_to_work={key: 2.0 * value for key, value in BASELINE_OUTCOME.time_to_work.items()},
)
"""Concept drift: recent work barely matters, youth speeds exit, the self-estimate matters twice as much."""

SCENARIO_INPUTS: dict[str, InputParams] = {
    "baseline": InputParams(),
    "downturn": InputParams(
        situation_shift={Situation.HAR_BLITT_SAGT_OPP: 0.6, Situation.ER_PERMITTERT: 1.3, Situation.KONKURS: 0.7},
        unemployment_shift=0.025,
        dagpenger_shift=0.5,
    ),
    "refugee_inflow": InputParams(background_shares=(0.45, 0.08, 0.47), recent_arrival_share=0.6, assisted_shift=0.5),
    "rule_change": InputParams(),
}

SCENARIO_OUTCOMES: dict[str, OutcomeParams] = {
    "baseline": BASELINE_OUTCOME,
    "downturn": BASELINE_OUTCOME,
    "refugee_inflow": BASELINE_OUTCOME,
    "rule_change": RULE_CHANGE_OUTCOME,
}

LATENT = LatentParams()
