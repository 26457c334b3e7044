"""The jobseeker profile at registration: the one schema shared by training, serving and monitoring.

Field names and codes follow the registration questionnaire and the registers (see ``shared/domain``). Codes keep the
Norwegian terms counsellors recognise. Optional self-reported items may be missing (``None``: not asked or not
answered) or explicitly declined (``VIL_IKKE_SVARE``); the model works with both and the record keeps which it was.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated
from zoneinfo import ZoneInfo

import numpy as np
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, JsonValue, Strict, field_validator, model_validator

from models.errors import InvalidInputError

NORWAY = ZoneInfo("Europe/Oslo")
CLOCK_TOLERANCE = dt.timedelta(minutes=5)
"""How far a client's clock may run ahead of ours around midnight."""
EARLIEST_REGISTRATION_DATE = dt.date(2000, 1, 1)
"""No registration this service assesses is older (it also keeps dates within what the reports' pandas can hold)."""
NOT_A_DATE = "not_a_date"
FUTURE_DATE = "future_date"
EARLY_DATE = "early_date"
"""Keys of :data:`models.texts.ERROR_DETAILS` (``EARLY_DATE`` with ``earliest``, :data:`EARLIEST_REGISTRATION_DATE`)."""


class Gender(StrEnum):
    """Legal gender from the population register (protected attribute)."""

    KVINNE = "KVINNE"
    MANN = "MANN"


class CountryBackground(StrEnum):
    """Country background from the population register (protected attribute)."""

    NORGE = "NORGE"
    EU_EOS = "EU_EOS"
    UTENFOR_EU_EOS = "UTENFOR_EU_EOS"


class Education(StrEnum):
    """Highest completed education, as the registration asks it (NUS level in the comment)."""

    INGEN_UTDANNING = "INGEN_UTDANNING"  # NUS 0
    GRUNNSKOLE = "GRUNNSKOLE"  # NUS 2
    VIDEREGAENDE_GRUNNUTDANNING = "VIDEREGAENDE_GRUNNUTDANNING"  # NUS 3
    VIDEREGAENDE_FAGBREV_SVENNEBREV = "VIDEREGAENDE_FAGBREV_SVENNEBREV"  # NUS 4
    HOYERE_UTDANNING_1_TIL_4 = "HOYERE_UTDANNING_1_TIL_4"  # NUS 6
    HOYERE_UTDANNING_5_ELLER_MER = "HOYERE_UTDANNING_5_ELLER_MER"  # NUS 7


class YesNoUnknown(StrEnum):
    """A registration answer that may be yes, no or don't know."""

    JA = "JA"
    NEI = "NEI"
    VET_IKKE = "VET_IKKE"


class Situation(StrEnum):
    """The jobseeker's situation at registration (*jobbsituasjon*)."""

    HAR_SAGT_OPP = "HAR_SAGT_OPP"
    HAR_BLITT_SAGT_OPP = "HAR_BLITT_SAGT_OPP"
    ER_PERMITTERT = "ER_PERMITTERT"
    ALDRI_HATT_JOBB = "ALDRI_HATT_JOBB"
    IKKE_VAERT_I_JOBB_SISTE_2_AAR = "IKKE_VAERT_I_JOBB_SISTE_2_AAR"
    AKKURAT_FULLFORT_UTDANNING = "AKKURAT_FULLFORT_UTDANNING"
    VIL_BYTTE_JOBB = "VIL_BYTTE_JOBB"
    USIKKER_JOBBSITUASJON = "USIKKER_JOBBSITUASJON"
    MIDLERTIDIG_JOBB = "MIDLERTIDIG_JOBB"
    DELTIDSJOBB_VIL_MER = "DELTIDSJOBB_VIL_MER"
    NY_JOBB = "NY_JOBB"
    KONKURS = "KONKURS"
    ANNET = "ANNET"


class Occupation(StrEnum):
    """Last occupation, STYRK-08 major group (``INGEN`` when the person never had a job)."""

    MILITAERE = "MILITAERE"  # 0
    LEDERE = "LEDERE"  # 1
    AKADEMISKE_YRKER = "AKADEMISKE_YRKER"  # 2
    HOYSKOLEYRKER = "HOYSKOLEYRKER"  # 3
    KONTORYRKER = "KONTORYRKER"  # 4
    SALG_OG_SERVICE = "SALG_OG_SERVICE"  # 5
    BONDER_FISKERE = "BONDER_FISKERE"  # 6
    HANDVERKERE = "HANDVERKERE"  # 7
    OPERATORER_SJAFORER = "OPERATORER_SJAFORER"  # 8
    RENHOLD_HJELPEARBEIDERE = "RENHOLD_HJELPEARBEIDERE"  # 9
    INGEN = "INGEN"


class Benefit(StrEnum):
    """Benefit the person receives at registration."""

    INGEN = "INGEN"
    DAGPENGER = "DAGPENGER"
    ARBEIDSAVKLARINGSPENGER = "ARBEIDSAVKLARINGSPENGER"
    OKONOMISK_SOSIALHJELP = "OKONOMISK_SOSIALHJELP"
    ANNEN = "ANNEN"


class TimeToWorkEstimate(StrEnum):
    """The jobseeker's own estimate of how long it will take to find work (optional item)."""

    UNDER_3_MANEDER = "UNDER_3_MANEDER"
    MELLOM_3_OG_6_MANEDER = "MELLOM_3_OG_6_MANEDER"
    MELLOM_6_OG_12_MANEDER = "MELLOM_6_OG_12_MANEDER"
    OVER_12_MANEDER = "OVER_12_MANEDER"
    VET_IKKE = "VET_IKKE"
    VIL_IKKE_SVARE = "VIL_IKKE_SVARE"


class OwnAssessment(StrEnum):
    """The jobseeker's own assessment of their need for follow-up."""

    KLARE_SEG_SELV = "KLARE_SEG_SELV"
    ONSKER_OPPFOLGING = "ONSKER_OPPFOLGING"


class NorwegianSkill(StrEnum):
    """Self-reported Norwegian skill (optional item)."""

    GODT = "GODT"
    MIDDELS = "MIDDELS"
    DARLIG = "DARLIG"
    VIL_IKKE_SVARE = "VIL_IKKE_SVARE"


class RegistrationChannel(StrEnum):
    """Whether the person registered on their own or was assisted (by NAV or a third party)."""

    SELV = "SELV"
    ASSISTERT = "ASSISTERT"


class County(StrEnum):
    """County of residence (the 2024 county structure)."""

    OSLO = "OSLO"
    AKERSHUS = "AKERSHUS"
    OSTFOLD = "OSTFOLD"
    BUSKERUD = "BUSKERUD"
    VESTFOLD = "VESTFOLD"
    TELEMARK = "TELEMARK"
    INNLANDET = "INNLANDET"
    AGDER = "AGDER"
    ROGALAND = "ROGALAND"
    VESTLAND = "VESTLAND"
    MORE_OG_ROMSDAL = "MORE_OG_ROMSDAL"
    TRONDELAG = "TRONDELAG"
    NORDLAND = "NORDLAND"
    TROMS = "TROMS"
    FINNMARK = "FINNMARK"


_EXAMPLE_PROFILE: dict[str, JsonValue] = {
    "age": 34,
    "gender": "KVINNE",
    "country_background": "UTENFOR_EU_EOS",
    "years_in_norway": 4.5,
    "education": "VIDEREGAENDE_GRUNNUTDANNING",
    "education_passed": "JA",
    "education_recognised": "VET_IKKE",
    "situation": "HAR_BLITT_SAGT_OPP",
    "last_occupation": "SALG_OG_SERVICE",
    "worked_6_of_last_12_months": False,
    "months_employed_last_36": 14,
    "earlier_spells_last_5_years": 2,
    "benefit": "DAGPENGER",
    "health_hindrance": "NEI",
    "other_hindrance": "NEI",
    "time_to_work_estimate": "MELLOM_6_OG_12_MANEDER",
    "own_assessment": "ONSKER_OPPFOLGING",
    "norwegian_skill": "MIDDELS",
    "registration_channel": "SELV",
    "county": "ROGALAND",
    "county_unemployment_rate": 0.021,
    "registration_date": "2026-11-02",
}


def _integral_float_to_int(value: object) -> object:
    return int(value) if isinstance(value, float) and value.is_integer() else value


WholeNumber = Annotated[int, Strict(), BeforeValidator(_integral_float_to_int)]
"""An integer as JSON Schema counts one: ``34`` or ``34.0``, but not ``"34"`` or ``true`` (which lax pydantic takes)."""


def no_unix_time(value: object) -> object:
    """Refuse a number, or a string of one, where a date is due: lax pydantic reads it as a Unix time, and JSON
    Schema's ``format: date`` (or ``date-time``) allows neither.

    Raises
    ------
    ValueError
        For an ``int``, a ``float`` or a string that :class:`float` reads, raised from the keyed
        :class:`~models.errors.InvalidInputError` (:data:`NOT_A_DATE`) so that the service words it in the request's
        language.
    """
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return value
    elif not isinstance(value, int | float):
        return value
    error = InvalidInputError(NOT_A_DATE)
    raise ValueError(str(error)) from error


IsoDate = Annotated[dt.date, BeforeValidator(no_unix_time)]
"""A date as JSON Schema's ``format: date`` has it: ``"2026-11-02"`` (or a :class:`datetime.date`), not ``0``."""


class JobseekerProfile(BaseModel):
    """What the registration and the registers say about a jobseeker at registration.

    ``gender`` and ``country_background`` are protected attributes: recorded for monitoring, not model features
    unless configuration says so.

    Numbers and yes/no facts are strict, as the JSON Schema types them: ``0`` is not ``false``, ``"34"`` is not 34
    (see :data:`WholeNumber`), ``0`` is not a date (see :data:`IsoDate`). Codes are not strict: the API validates
    decoded JSON as Python objects, where strict mode would refuse a code given as a string (and a date too).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, json_schema_extra={"examples": [_EXAMPLE_PROFILE]})

    age: WholeNumber = Field(ge=16, le=75, description="Age in whole years at registration.")
    gender: Gender
    country_background: CountryBackground
    years_in_norway: float | None = Field(
        default=None,
        strict=True,
        ge=0,
        le=75,
        description="Years of residence in Norway; only for a background outside Norway.",
    )
    education: Education
    education_passed: YesNoUnknown
    education_recognised: YesNoUnknown = Field(description="Whether the education is recognised in Norway.")
    situation: Situation
    last_occupation: Occupation
    worked_6_of_last_12_months: bool = Field(
        strict=True, description="From the employer register (periods merged, 3-day margin)."
    )
    months_employed_last_36: WholeNumber = Field(ge=0, le=36)
    earlier_spells_last_5_years: WholeNumber = Field(
        ge=0, le=20, description="Earlier jobseeker spells in the last 5 years."
    )
    benefit: Benefit
    health_hindrance: YesNoUnknown
    other_hindrance: YesNoUnknown
    time_to_work_estimate: TimeToWorkEstimate | None = Field(default=None, description="Optional self-report.")
    own_assessment: OwnAssessment
    norwegian_skill: NorwegianSkill | None = Field(default=None, description="Optional self-report.")
    registration_channel: RegistrationChannel
    county: County
    county_unemployment_rate: float = Field(
        strict=True, ge=0, le=0.3, description="Registered unemployment rate in the county."
    )
    registration_date: IsoDate

    @field_validator("registration_date")
    @classmethod
    def _within_the_service_period(cls, value: dt.date) -> dt.date:
        if value > latest_registration_date():
            error = InvalidInputError(FUTURE_DATE)
        elif value < EARLIEST_REGISTRATION_DATE:
            error = InvalidInputError(EARLY_DATE, earliest=EARLIEST_REGISTRATION_DATE)
        else:
            return value
        raise ValueError(str(error)) from error

    @model_validator(mode="after")
    def _consistent(self) -> JobseekerProfile:
        for rule, broken in consistency_violations(
            country_background=np.asarray(self.country_background.value),
            years_in_norway=np.asarray(np.nan if self.years_in_norway is None else self.years_in_norway),
            age=np.asarray(self.age),
            months_employed_last_36=np.asarray(self.months_employed_last_36),
            worked_6_of_last_12_months=np.asarray(self.worked_6_of_last_12_months),
        ).items():
            if broken.any():
                error = InvalidInputError(rule)
                raise ValueError(str(error)) from error
        return self


def latest_registration_date() -> dt.date:
    """The latest registration date a profile may carry: today in Norway, where registrations are dated.

    Norway's date runs up to two hours ahead of UTC's, and :data:`CLOCK_TOLERANCE` more allows for a client's clock.
    """
    return (dt.datetime.now(NORWAY) + CLOCK_TOLERANCE).date()


def consistency_violations(
    *,
    country_background: np.ndarray,
    years_in_norway: np.ndarray,
    age: np.ndarray,
    months_employed_last_36: np.ndarray,
    worked_6_of_last_12_months: np.ndarray,
) -> dict[str, np.ndarray]:
    """The rules that tie fields together, as boolean masks of broken rows (scalars or whole columns alike), by the
    rule's key (:data:`CROSS_FIELD_RULES`).
    """
    norwegian = country_background == CountryBackground.NORGE.value
    no_years = np.isnan(years_in_norway)
    return {
        CROSS_FIELD_RULES[0]: norwegian & ~no_years,
        CROSS_FIELD_RULES[1]: ~norwegian & no_years,
        CROSS_FIELD_RULES[2]: ~no_years & (np.nan_to_num(years_in_norway) > age),
        CROSS_FIELD_RULES[3]: (months_employed_last_36 < 6) & worked_6_of_last_12_months.astype(bool),
    }


CROSS_FIELD_RULES: tuple[str, ...] = (
    "years_in_norway_for_norge",
    "years_in_norway_needed",
    "years_in_norway_above_age",
    "worked_without_months",
)
"""The rules across fields, as keys of :data:`models.texts.ERROR_DETAILS`."""

PROTECTED_ATTRIBUTES: tuple[str, ...] = ("gender", "country_background")
"""Profile fields that are recorded for fairness monitoring and are not features by default."""

PROFILE_FIELDS: tuple[str, ...] = tuple(JobseekerProfile.model_fields)
