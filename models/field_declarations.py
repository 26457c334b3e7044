"""For every profile field: why it is processed (purpose and legal basis) and whether a person can change it.

Data minimisation (GDPR Art. 5(1)(c)) asks that every personal data field be needed for a stated purpose on a stated
legal basis. :data:`FIELD_DECLARATIONS` states both for each field of :class:`~models.schema.JobseekerProfile`, in one
place beside the schema: training refuses a feature without a declaration (:func:`require_declared`), and the model
card lists each feature's purpose and legal basis. The legal bases are what the controller declares; the legal review
recorded before a promotion confirms them.

The same declaration says which fields a person can change, in which direction and how far (a :class:`Change`); the
counterfactuals (:mod:`models.counterfactuals`) propose nothing else. A field without a change is never proposed, for
the reason its :class:`Fixed` names: who the person is (age, gender, country background, years in Norway), health and
other hindrances, the jobseeker's own answers about needs and prospects (telling a person that answering differently
would change the suggestion invites gaming and punishes asking for help), facts of the past, and circumstances that
are not the person's to change or not a fair thing to ask (where to live, an entitlement).

This is a separate module, not part of ``schema.py`` (what a profile *is*) or ``features.py`` (how it is encoded),
because it covers every profile field, features or not, and states why each is there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from models.errors import ConfigurationError
from models.schema import Education, NorwegianSkill, YesNoUnknown

ProfileValue = str | int | float | bool | None
"""A profile field's value as :class:`~models.schema.JobseekerProfile` holds it (codes are ``StrEnum`` members)."""

UNDECLARED = "feature {name!r} has no declared purpose and legal basis"
BLANK_DECLARATION = "a field's purpose and legal basis must not be blank"


class Change(Protocol):
    """How a field's value may change: the values it could take instead, nearest first."""

    def alternatives(self, current: ProfileValue) -> tuple[ProfileValue, ...]:
        """The values ``current`` may change to; the i-th is ``i + 1`` steps away, and none is ``current``."""
        ...

    def describe(self) -> str:
        """The rule in a few words, for the model card."""
        ...


@dataclass(frozen=True)
class StepsUp:
    """A code that can move up an ordered ladder by at most ``max_steps`` rungs; a code off the ladder stays.

    Examples
    --------
    >>> StepsUp(("DARLIG", "MIDDELS", "GODT"), max_steps=2).alternatives("DARLIG")
    ('MIDDELS', 'GODT')
    >>> StepsUp(("DARLIG", "MIDDELS", "GODT"), max_steps=2).alternatives("VIL_IKKE_SVARE")
    ()
    """

    ladder: tuple[str, ...]
    max_steps: int = 1

    def alternatives(self, current: ProfileValue) -> tuple[ProfileValue, ...]:
        if current not in self.ladder:
            return ()
        rung = self.ladder.index(current)
        return self.ladder[rung + 1 : rung + 1 + self.max_steps]

    def describe(self) -> str:
        return f"can move up {' < '.join(self.ladder)}, at most {self.max_steps} step(s)"


@dataclass(frozen=True)
class Becomes:
    """A value that can become ``target`` from one of ``sources`` (e.g. an education becomes recognised).

    Examples
    --------
    >>> Becomes(True, (False,)).alternatives(False)
    (True,)
    >>> Becomes(True, (False,)).alternatives(True)
    ()
    """

    target: ProfileValue
    sources: tuple[ProfileValue, ...]

    def alternatives(self, current: ProfileValue) -> tuple[ProfileValue, ...]:
        return (self.target,) if current in self.sources else ()

    def describe(self) -> str:
        return f"can become {self.target} (from {', '.join(map(str, self.sources))})"


@dataclass(frozen=True)
class GrowsWithTime:
    """A count of months that can only grow, as time passes in work, by one of ``by``, up to ``maximum``.

    Examples
    --------
    >>> GrowsWithTime(by=(3, 6, 12), maximum=36).alternatives(30)
    (33, 36)
    >>> GrowsWithTime(by=(3, 6, 12), maximum=36).alternatives(36)
    ()
    """

    by: tuple[int, ...]
    maximum: int

    def alternatives(self, current: ProfileValue) -> tuple[ProfileValue, ...]:
        if not isinstance(current, int) or current >= self.maximum:
            return ()
        return tuple(dict.fromkeys(min(current + months, self.maximum) for months in self.by))

    def describe(self) -> str:
        return f"can only grow with time, by {' or '.join(map(str, self.by))}, up to {self.maximum}"


class Fixed(StrEnum):
    """Why a field is never proposed as a change."""

    WHO_THE_PERSON_IS = "who the person is"
    HEALTH_OR_HINDRANCE = "health or another hindrance"
    OWN_ANSWER = "the jobseeker's own answer about needs or prospects"
    PAST = "a fact of the past"
    CIRCUMSTANCE = "not the person's to change, or not a fair thing to ask"


@dataclass(frozen=True)
class FieldDeclaration:
    """Why a profile field is processed, and whether (and how) a person can change it.

    Exactly one of ``change`` and ``fixed`` is given: a field is either changeable by a declared rule or never
    proposed, for a stated reason.

    Raises
    ------
    ConfigurationError
        When the purpose or the legal basis is blank, or not exactly one of ``change`` and ``fixed`` is given.
    """

    purpose: str
    legal_basis: str
    change: Change | None = None
    fixed: Fixed | None = None

    def __post_init__(self) -> None:
        if not (self.purpose.strip() and self.legal_basis.strip()):
            raise ConfigurationError(BLANK_DECLARATION)
        if (self.change is None) == (self.fixed is None):
            raise ConfigurationError("a field is either changeable (change) or never proposed (fixed), not both")

    def describe_change(self) -> str:
        """The change rule, or why there is none, for the model card."""
        return self.change.describe() if self.change is not None else f"never proposed: {self.fixed}"


_TASK = (
    "GDPR Art. 6(1)(e) and 6(3): NAV Act § 14 a (assessing the need for assistance to get or keep work) and § 4 a "
    "(processing of personal data)"
)
_OPTIONAL = f"{_TASK}; an optional item the jobseeker may leave unanswered or decline"
_HEALTH = f"GDPR Art. 9(2)(b) (a special category: health) with {_TASK}"
_FAIRNESS = (
    "GDPR Art. 6(1)(e) with the Equality and Anti-Discrimination Act § 24 (public authorities' duty to prevent "
    "discrimination): recorded to monitor the tool's fairness; a feature only when configuration says so"
)

FIELD_DECLARATIONS: dict[str, FieldDeclaration] = {
    "age": FieldDeclaration(
        "Chances of finding work differ with age; also the age groups of the fairness checks.",
        _TASK,
        fixed=Fixed.WHO_THE_PERSON_IS,
    ),
    "gender": FieldDeclaration(
        "Fairness monitoring by gender (not a model feature by default).", _FAIRNESS, fixed=Fixed.WHO_THE_PERSON_IS
    ),
    "country_background": FieldDeclaration(
        "Fairness monitoring by country background (not a model feature by default); decides whether years in "
        "Norway apply.",
        _FAIRNESS,
        fixed=Fixed.WHO_THE_PERSON_IS,
    ),
    "years_in_norway": FieldDeclaration(
        "Time in Norway bears on language and networks in the labour market; a short residence raises the "
        "language-barrier flag.",
        _TASK,
        fixed=Fixed.WHO_THE_PERSON_IS,
    ),
    "education": FieldDeclaration(
        "Education is one of the strongest predictors of finding work, and a need NAV can help with.",
        _TASK,
        change=StepsUp(tuple(Education), max_steps=1),
    ),
    "education_passed": FieldDeclaration(
        "Whether the highest education was completed and passed (today's rule uses it too).",
        _TASK,
        change=Becomes(YesNoUnknown.JA, (YesNoUnknown.NEI, YesNoUnknown.VET_IKKE)),
    ),
    "education_recognised": FieldDeclaration(
        "An education not recognised in Norway counts for less in the labour market; recognition can be applied for.",
        _TASK,
        change=Becomes(YesNoUnknown.JA, (YesNoUnknown.NEI, YesNoUnknown.VET_IKKE)),
    ),
    "situation": FieldDeclaration(
        "The situation at registration (dismissed, laid off, never worked …) predicts the time to work.",
        _TASK,
        fixed=Fixed.PAST,
    ),
    "last_occupation": FieldDeclaration(
        "Demand differs between occupations; the last occupation is where the person is most likely to find work.",
        _TASK,
        fixed=Fixed.PAST,
    ),
    "worked_6_of_last_12_months": FieldDeclaration(
        "Recent work (from the employer register) is a strong predictor; today's rule uses it too.",
        _TASK,
        change=Becomes(True, (False,)),
    ),
    "months_employed_last_36": FieldDeclaration(
        "Work history over three years (from the employer register).",
        _TASK,
        change=GrowsWithTime(by=(3, 6, 12), maximum=36),
    ),
    "earlier_spells_last_5_years": FieldDeclaration(
        "Repeat spells as a jobseeker predict long spells; many raise the repeat-spells flag.",
        _TASK,
        fixed=Fixed.PAST,
    ),
    "benefit": FieldDeclaration(
        "The benefit received says something about the situation (e.g. work assessment allowance, reduced work "
        "capacity) and is part of the policy's rule for tailored follow-up.",
        _TASK,
        fixed=Fixed.CIRCUMSTANCE,
    ),
    "health_hindrance": FieldDeclaration(
        "Health problems that hinder work call for a work-capacity assessment and tailored follow-up.",
        _HEALTH,
        fixed=Fixed.HEALTH_OR_HINDRANCE,
    ),
    "other_hindrance": FieldDeclaration(
        "Other circumstances that hinder work (e.g. care duties) call for manual assessment.",
        _TASK,
        fixed=Fixed.HEALTH_OR_HINDRANCE,
    ),
    "time_to_work_estimate": FieldDeclaration(
        "The jobseeker's own estimate of the time to work, a predictor proposed in Meld. St. 33 (2023–2024).",
        _OPTIONAL,
        fixed=Fixed.OWN_ANSWER,
    ),
    "own_assessment": FieldDeclaration(
        "The jobseeker's own view of the need for follow-up, which the counsellor's assessment starts from.",
        _TASK,
        fixed=Fixed.OWN_ANSWER,
    ),
    "norwegian_skill": FieldDeclaration(
        "Weak Norwegian is a barrier the registration data otherwise misses; it raises the language-barrier flag. "
        "Skills can improve (e.g. with a language course).",
        _OPTIONAL,
        change=StepsUp((NorwegianSkill.DARLIG, NorwegianSkill.MIDDELS, NorwegianSkill.GODT), max_steps=2),
    ),
    "registration_channel": FieldDeclaration(
        "Whether the person needed help to register, a sign of digital barriers (raises the digital-barrier flag).",
        _TASK,
        fixed=Fixed.PAST,
    ),
    "county": FieldDeclaration(
        "Where the person lives, for the local labour market and the regional fairness checks.",
        _TASK,
        fixed=Fixed.CIRCUMSTANCE,
    ),
    "county_unemployment_rate": FieldDeclaration(
        "The local labour market (public statistics for the county of residence).",
        _TASK,
        fixed=Fixed.CIRCUMSTANCE,
    ),
    "registration_date": FieldDeclaration(
        "Orders the data in time (training splits, outcome horizons, monitoring periods); not a model feature.",
        _TASK,
        fixed=Fixed.PAST,
    ),
}
"""One declaration for each field of :data:`~models.schema.PROFILE_FIELDS`, in the schema's order."""

CHANGEABLE_FIELDS: tuple[str, ...] = tuple(name for name, d in FIELD_DECLARATIONS.items() if d.change is not None)
"""The fields a counterfactual may change, in the schema's order."""


def require_declared(names: Iterable[str], *, declarations: dict[str, FieldDeclaration] = FIELD_DECLARATIONS) -> None:
    """Refuse a feature set with a feature that has no declared purpose and legal basis.

    Parameters
    ----------
    names
        The feature names a model is about to be trained on.
    declarations
        The declarations to check against.

    Raises
    ------
    ConfigurationError
        Naming the first undeclared feature (:data:`UNDECLARED`).

    Examples
    --------
    >>> require_declared(["age", "education"])
    >>> require_declared(["age", "shoe_size"])
    Traceback (most recent call last):
    ...
    models.errors.ConfigurationError: feature 'shoe_size' has no declared purpose and legal basis
    """
    for name in names:
        if name not in declarations:
            raise ConfigurationError(UNDECLARED.format(name=name))
