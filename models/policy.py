"""From a risk estimate to a *suggested* follow-up level and flags for manual assessment.

The policy only ever suggests. The two permanent levels need a work-capacity assessment and a second approver, so
they are never suggested: the policy raises the flag ``WORK_CAPACITY_ASSESSMENT`` instead. Thresholds are
configuration; their version is stored with every model and every assessment.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

import numpy as np
import pandas as pd

from models.errors import ConfigurationError
from models.schema import Benefit, NorwegianSkill, RegistrationChannel, YesNoUnknown

VERSION_PREFIX = "policy-"
"""How a policy version computed from its content begins (hand-written versions before did not)."""


class ProfileLike(Protocol):
    """What the policy reads of a profile: a ``JobseekerProfile`` or a row of a profile DataFrame
    (``DataFrame.itertuples()``), whose codes are plain strings.
    """

    @property
    def health_hindrance(self) -> str: ...
    @property
    def other_hindrance(self) -> str: ...
    @property
    def benefit(self) -> str: ...
    @property
    def norwegian_skill(self) -> str | None: ...
    @property
    def years_in_norway(self) -> float | None: ...
    @property
    def registration_channel(self) -> str: ...
    @property
    def earlier_spells_last_5_years(self) -> int: ...


class FollowUpLevel(StrEnum):
    """The follow-up levels (*innsatsgrupper*) decided under § 14 a of the NAV Act."""

    STANDARD_INNSATS = "STANDARD_INNSATS"
    SITUASJONSBESTEMT_INNSATS = "SITUASJONSBESTEMT_INNSATS"
    SPESIELT_TILPASSET_INNSATS = "SPESIELT_TILPASSET_INNSATS"
    GRADERT_VARIG_TILPASSET_INNSATS = "GRADERT_VARIG_TILPASSET_INNSATS"
    VARIG_TILPASSET_INNSATS = "VARIG_TILPASSET_INNSATS"


SUGGESTABLE_LEVELS: tuple[FollowUpLevel, ...] = (
    FollowUpLevel.STANDARD_INNSATS,
    FollowUpLevel.SITUASJONSBESTEMT_INNSATS,
    FollowUpLevel.SPESIELT_TILPASSET_INNSATS,
)


class OverrideReason(StrEnum):
    """Why a counsellor decided a level other than the suggested one."""

    LANGUAGE_OR_DIGITAL_BARRIERS = "LANGUAGE_OR_DIGITAL_BARRIERS"
    REPEAT_SPELLS = "REPEAT_SPELLS"
    HEALTH = "HEALTH"
    JOBSEEKER_WISHES = "JOBSEEKER_WISHES"
    INFORMATION_NOT_IN_DATA = "INFORMATION_NOT_IN_DATA"
    MEASURE_NOT_AVAILABLE = "MEASURE_NOT_AVAILABLE"
    OTHER = "OTHER"


class ConsideredFactor(StrEnum):
    """What a counsellor weighed in a needs assessment (the documented list; several may apply).

    The source documents found that needs assessments are not documented, so no better model can be trained on them
    and no one can check them; each decision records which of these the counsellor considered.
    """

    WORK_EXPERIENCE = "WORK_EXPERIENCE"
    EDUCATION_AND_SKILLS = "EDUCATION_AND_SKILLS"
    HEALTH = "HEALTH"
    LANGUAGE = "LANGUAGE"
    DIGITAL_SKILLS = "DIGITAL_SKILLS"
    CARE_RESPONSIBILITIES = "CARE_RESPONSIBILITIES"
    HOUSING_AND_FINANCES = "HOUSING_AND_FINANCES"
    LOCAL_LABOUR_MARKET = "LOCAL_LABOUR_MARKET"
    EARLIER_FOLLOW_UP = "EARLIER_FOLLOW_UP"
    JOBSEEKER_WISHES = "JOBSEEKER_WISHES"


class FollowUpChannel(StrEnum):
    """How the jobseeker prefers to be followed up: asked, never assumed from a digital registration."""

    DIGITAL = "DIGITAL"
    IN_PERSON = "IN_PERSON"


class Flag(StrEnum):
    """Something the model cannot see into: each one asks the counsellor to assess manually."""

    WORK_CAPACITY_ASSESSMENT = "WORK_CAPACITY_ASSESSMENT"
    LANGUAGE_BARRIER = "LANGUAGE_BARRIER"
    DIGITAL_BARRIER = "DIGITAL_BARRIER"
    REPEAT_SPELLS = "REPEAT_SPELLS"
    WIDE_RANGE = "WIDE_RANGE"


@dataclass(frozen=True)
class PolicyConfig:
    """Versioned thresholds of the policy (stated in a policy file: :mod:`models.policy_file`).

    ``standard_below``: a risk below this suggests standard follow-up (when no hindrance is reported).
    ``tailored_from``: a risk at or above this, with a reported health hindrance or work assessment allowance, suggests
    specially tailored follow-up. ``wide_range``: an uncertainty range wider than this raises ``WIDE_RANGE``.
    ``short_residence_years``: residence shorter than this without a self-report of good Norwegian raises
    ``LANGUAGE_BARRIER``. ``repeat_spells``: this many earlier spells raise ``REPEAT_SPELLS``. ``capacities``: the
    share of registrants per level the thresholds were derived from (:mod:`models.capacity`), ``None`` when the
    thresholds were stated as such.

    ``version`` is :data:`VERSION_PREFIX` and the first 12 hex digits of the SHA-256 of the canonical content (every
    field above as sorted JSON), so it changes whenever the content does and never otherwise. Versions written by
    hand before (``2026-11.1``) stay in the records that hold them.

    Examples
    --------
    >>> PolicyConfig().version == PolicyConfig(standard_below=0.3, repeat_spells=2).version
    True
    >>> PolicyConfig().version == PolicyConfig(standard_below=0.31).version
    False
    """

    standard_below: float = 0.30
    tailored_from: float = 0.55
    wide_range: float = 0.20
    short_residence_years: float = 3.0
    repeat_spells: int = 2
    capacities: Mapping[str, float] | None = field(default=None, hash=False)
    version: str = field(init=False)

    def __post_init__(self) -> None:
        if not 0 < self.standard_below < self.tailored_from < 1:
            raise ConfigurationError("thresholds must satisfy 0 < standard_below < tailored_from < 1")
        if not 0 < self.wide_range < 1:
            raise ConfigurationError("wide_range must lie in (0, 1)")
        for name in ("standard_below", "tailored_from", "wide_range", "short_residence_years"):
            object.__setattr__(self, name, float(getattr(self, name)))  # 3 and 3.0 are one content, one version
        object.__setattr__(self, "repeat_spells", int(self.repeat_spells))
        if self.capacities is not None:
            object.__setattr__(self, "capacities", {str(k): float(v) for k, v in sorted(self.capacities.items())})
        canonical = json.dumps(self.content(), sort_keys=True, separators=(",", ":"))
        object.__setattr__(self, "version", VERSION_PREFIX + hashlib.sha256(canonical.encode()).hexdigest()[:12])

    def content(self) -> dict[str, Any]:
        """What the rules use and the capacities it came from: everything the version is a hash of."""
        return {
            "standard_below": self.standard_below,
            "tailored_from": self.tailored_from,
            "wide_range": self.wide_range,
            "short_residence_years": self.short_residence_years,
            "repeat_spells": self.repeat_spells,
            "capacities": None if self.capacities is None else dict(self.capacities),
        }

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, **self.content()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PolicyConfig:
        """The policy :meth:`to_dict` wrote; a stored hash version must match the content.

        Raises
        ------
        ConfigurationError
            When the stored version is a content hash that does not match the content (the policy was changed after
            it was saved). A hand-written version of a model saved before versions were hashes gives way to the hash.
        """
        content = {k: v for k, v in data.items() if k != "version"}
        config = cls(**content)
        stored = data.get("version")
        if isinstance(stored, str) and stored.startswith(VERSION_PREFIX) and stored != config.version:
            raise ConfigurationError(
                f"the stored policy version {stored} does not match its content ({config.version}): the policy was "
                "changed after it was saved"
            )
        return config


@dataclass(frozen=True)
class Suggestion:
    """A suggested level and the flags that ask for manual assessment."""

    level: FollowUpLevel
    flags: tuple[Flag, ...]
    policy_version: str


def flags_for(profile: ProfileLike, *, lower: float, upper: float, config: PolicyConfig) -> tuple[Flag, ...]:
    """The manual-assessment flags for one profile and its uncertainty range."""
    flags: list[Flag] = []
    if (
        profile.health_hindrance != YesNoUnknown.NEI
        or profile.other_hindrance != YesNoUnknown.NEI
        or profile.benefit == Benefit.ARBEIDSAVKLARINGSPENGER
    ):
        flags.append(Flag.WORK_CAPACITY_ASSESSMENT)
    years = profile.years_in_norway
    short_residence = years is not None and not math.isnan(years) and years < config.short_residence_years
    if profile.norwegian_skill == NorwegianSkill.DARLIG or (
        short_residence and profile.norwegian_skill != NorwegianSkill.GODT
    ):
        flags.append(Flag.LANGUAGE_BARRIER)
    if profile.registration_channel == RegistrationChannel.ASSISTERT:
        flags.append(Flag.DIGITAL_BARRIER)
    if profile.earlier_spells_last_5_years >= config.repeat_spells:
        flags.append(Flag.REPEAT_SPELLS)
    if upper - lower > config.wide_range:
        flags.append(Flag.WIDE_RANGE)
    return tuple(flags)


def suggest_level(
    risk: float, *, reduced_work_capacity: bool, hindrance_reported: bool, config: PolicyConfig
) -> FollowUpLevel:
    """Map a risk to one of the three suggestable levels.

    Examples
    --------
    >>> cfg = PolicyConfig(standard_below=0.3, tailored_from=0.55)
    >>> suggest_level(0.1, reduced_work_capacity=False, hindrance_reported=False, config=cfg).value
    'STANDARD_INNSATS'
    >>> suggest_level(0.1, reduced_work_capacity=False, hindrance_reported=True, config=cfg).value
    'SITUASJONSBESTEMT_INNSATS'
    >>> suggest_level(0.7, reduced_work_capacity=False, hindrance_reported=False, config=cfg).value
    'SITUASJONSBESTEMT_INNSATS'
    >>> suggest_level(0.7, reduced_work_capacity=True, hindrance_reported=True, config=cfg).value
    'SPESIELT_TILPASSET_INNSATS'
    """
    if risk < config.standard_below and not hindrance_reported:
        return FollowUpLevel.STANDARD_INNSATS
    if risk >= config.tailored_from and reduced_work_capacity:
        return FollowUpLevel.SPESIELT_TILPASSET_INNSATS
    return FollowUpLevel.SITUASJONSBESTEMT_INNSATS


def suggest(profile: ProfileLike, *, risk: float, lower: float, upper: float, config: PolicyConfig) -> Suggestion:
    """The suggested level and flags for one assessed profile."""
    reduced_capacity = profile.health_hindrance == YesNoUnknown.JA or profile.benefit == Benefit.ARBEIDSAVKLARINGSPENGER
    hindrance = profile.health_hindrance != YesNoUnknown.NEI or profile.other_hindrance != YesNoUnknown.NEI
    level = suggest_level(risk, reduced_work_capacity=reduced_capacity, hindrance_reported=hindrance, config=config)
    return Suggestion(level, flags_for(profile, lower=lower, upper=upper, config=config), config.version)


@dataclass(frozen=True)
class SuggestionColumns:
    """:func:`suggest` for many profiles at once, as columns."""

    levels: np.ndarray
    """The suggested level's value per profile (strings, ``(n,)``)."""
    flags: np.ndarray
    """Whether each flag is raised, ``(n, len(Flag))`` booleans, the columns in the order of :class:`Flag`."""
    policy_version: str


_LEVEL_VALUES = np.array([level.value for level in SUGGESTABLE_LEVELS], dtype=object)


def suggest_columns(
    profiles: pd.DataFrame, *, risk: np.ndarray, lower: np.ndarray, upper: np.ndarray, config: PolicyConfig
) -> SuggestionColumns:
    """The suggested levels and flags of validated profiles, by the rules of :func:`suggest`, with NumPy.

    The rules are written twice, once per form: :func:`suggest` on one profile takes about 4 µs, and one code for both
    forms (run on NumPy scalars) took 9 µs in the service and twice as long on the rows of a DataFrame (``pyfunc``), so
    they stay separate and ``tests/models/test_policy.py`` holds them equal on profiles that meet every limit exactly.

    Parameters
    ----------
    profiles
        One profile per row, as :func:`models.validation.validate_frame` returns them (missing items as NaN/None).
    risk, lower, upper
        Each profile's risk and range, ``(n,)``.
    config
        The policy's thresholds.

    Examples
    --------
    >>> frame = pd.DataFrame({"health_hindrance": ["NEI", "JA"], "other_hindrance": ["NEI", "NEI"],
    ...     "benefit": ["INGEN", "INGEN"], "norwegian_skill": [None, "GODT"], "years_in_norway": [float("nan"), 1.0],
    ...     "registration_channel": ["DIGITAL", "DIGITAL"], "earlier_spells_last_5_years": [0, 0]})
    >>> risk = np.array([0.1, 0.7])
    >>> out = suggest_columns(frame, risk=risk, lower=risk, upper=risk, config=PolicyConfig())
    >>> out.levels.tolist(), out.flags.sum(axis=1).tolist()
    (['STANDARD_INNSATS', 'SPESIELT_TILPASSET_INNSATS'], [0, 1])
    """
    health, other = profiles["health_hindrance"].to_numpy(), profiles["other_hindrance"].to_numpy()
    aap = profiles["benefit"].to_numpy() == Benefit.ARBEIDSAVKLARINGSPENGER
    skill = profiles["norwegian_skill"].to_numpy()
    hindrance = (health != YesNoUnknown.NEI) | (other != YesNoUnknown.NEI)
    standard = (risk < config.standard_below) & ~hindrance
    tailored = (risk >= config.tailored_from) & ((health == YesNoUnknown.JA) | aap)
    short_residence = profiles["years_in_norway"].to_numpy(dtype=np.float64) < config.short_residence_years  # NaN: no
    flags = {
        Flag.WORK_CAPACITY_ASSESSMENT: hindrance | aap,
        Flag.LANGUAGE_BARRIER: (skill == NorwegianSkill.DARLIG) | (short_residence & (skill != NorwegianSkill.GODT)),
        Flag.DIGITAL_BARRIER: profiles["registration_channel"].to_numpy() == RegistrationChannel.ASSISTERT,
        Flag.REPEAT_SPELLS: profiles["earlier_spells_last_5_years"].to_numpy() >= config.repeat_spells,
        Flag.WIDE_RANGE: upper - lower > config.wide_range,
    }
    # standard and tailored exclude each other (standard_below < tailored_from): 0 standard, 1 situational, 2 tailored
    index = 1 - standard.astype(np.intp) + tailored
    return SuggestionColumns(_LEVEL_VALUES[index], np.column_stack([flags[flag] for flag in Flag]), config.version)
