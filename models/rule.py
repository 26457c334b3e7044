"""Today's rule-based profiling (*profilertTil*), the baseline every model must beat.

A rule, not a model: reported hindrances → ``OPPGITT_HINDRINGER``; else age within bounds, worked 6 of the last 12
months and an education above "none" that is passed and recognised (primary school alone counts) →
``ANTATT_GODE_MULIGHETER``; else ``ANTATT_BEHOV_FOR_VEILEDNING``. To compare it with a probability model, each
outcome is scored with the long-term rate observed for it in the training data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

import numpy as np
import pandas as pd

from models.policy import FollowUpLevel


class RuleOutcome(StrEnum):
    ANTATT_GODE_MULIGHETER = "ANTATT_GODE_MULIGHETER"
    ANTATT_BEHOV_FOR_VEILEDNING = "ANTATT_BEHOV_FOR_VEILEDNING"
    OPPGITT_HINDRINGER = "OPPGITT_HINDRINGER"


RULE_LEVELS: dict[RuleOutcome, FollowUpLevel] = {
    RuleOutcome.ANTATT_GODE_MULIGHETER: FollowUpLevel.STANDARD_INNSATS,
    RuleOutcome.ANTATT_BEHOV_FOR_VEILEDNING: FollowUpLevel.SITUASJONSBESTEMT_INNSATS,
    # A work-capacity assessment is needed before a level is set; until then, situation-dependent follow-up.
    RuleOutcome.OPPGITT_HINDRINGER: FollowUpLevel.SITUASJONSBESTEMT_INNSATS,
}


def rule_outcome(frame: pd.DataFrame, *, min_age: int = 18, max_age: int = 59) -> np.ndarray:
    """Today's rule for every row of a validated profile frame.

    Parameters
    ----------
    frame
        Validated profiles (see :func:`models.validation.validate_frame`).
    min_age, max_age
        The age bounds for "good prospects" (30–59 in the first version, 18–59 later, 18–66 since April 2026).

    Examples
    --------
    >>> import pandas as pd
    >>> row = dict(health_hindrance="NEI", other_hindrance="NEI", age=40, worked_6_of_last_12_months=True,
    ...            education="GRUNNSKOLE", education_passed="NEI", education_recognised="VET_IKKE")
    >>> rule_outcome(pd.DataFrame([row])).tolist()
    ['ANTATT_GODE_MULIGHETER']
    """
    hindrance = (frame["health_hindrance"] != "NEI") | (frame["other_hindrance"] != "NEI")
    primary = frame["education"] == "GRUNNSKOLE"
    education_ok = (frame["education"] != "INGEN_UTDANNING") & (
        primary | ((frame["education_passed"] == "JA") & (frame["education_recognised"] == "JA"))
    )
    good = frame["age"].between(min_age, max_age) & frame["worked_6_of_last_12_months"].astype(bool) & education_ok
    return np.where(
        hindrance,
        RuleOutcome.OPPGITT_HINDRINGER.value,
        np.where(good, RuleOutcome.ANTATT_GODE_MULIGHETER.value, RuleOutcome.ANTATT_BEHOV_FOR_VEILEDNING.value),
    )


class RuleProfile(Protocol):
    """What the rule reads of a profile: a ``JobseekerProfile`` or a row of a profile DataFrame
    (``DataFrame.itertuples()``), whose codes are plain strings.
    """

    @property
    def health_hindrance(self) -> str: ...
    @property
    def other_hindrance(self) -> str: ...
    @property
    def age(self) -> int: ...
    @property
    def worked_6_of_last_12_months(self) -> bool: ...
    @property
    def education(self) -> str: ...
    @property
    def education_passed(self) -> str: ...
    @property
    def education_recognised(self) -> str: ...


def profile_rule_outcome(profile: RuleProfile, *, min_age: int = 18, max_age: int = 59) -> RuleOutcome:
    """Today's rule for one profile, by the rules of :func:`rule_outcome`.

    The service records it beside every scored assessment (never shown as a suggestion). The rule is written twice,
    once per form, as :func:`models.policy.suggest` is: the frame form took 0.9 ms on a one-row DataFrame built from
    a ``JobseekerProfile``, this one 0.4 µs (``timeit``, best of 5), and ``tests/models/test_rule_single_row.py`` holds
    the two equal on profiles at every limit.

    Parameters
    ----------
    profile
        A validated profile (``JobseekerProfile``) or a row of a validated profile frame.
    min_age, max_age
        The age bounds for "good prospects", inclusive, as in :func:`rule_outcome`.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> row = SimpleNamespace(health_hindrance="NEI", other_hindrance="NEI", age=40, worked_6_of_last_12_months=True,
    ...                       education="GRUNNSKOLE", education_passed="NEI", education_recognised="VET_IKKE")
    >>> profile_rule_outcome(row).value
    'ANTATT_GODE_MULIGHETER'
    """
    if profile.health_hindrance != "NEI" or profile.other_hindrance != "NEI":
        return RuleOutcome.OPPGITT_HINDRINGER
    education = profile.education
    education_ok = education != "INGEN_UTDANNING" and (
        education == "GRUNNSKOLE" or (profile.education_passed == "JA" and profile.education_recognised == "JA")
    )
    if min_age <= profile.age <= max_age and bool(profile.worked_6_of_last_12_months) and education_ok:
        return RuleOutcome.ANTATT_GODE_MULIGHETER
    return RuleOutcome.ANTATT_BEHOV_FOR_VEILEDNING


@dataclass
class RuleBaseline:
    """Today's rule, scored with each outcome's long-term rate in the data it was fitted on."""

    min_age: int = 18
    max_age: int = 59
    rates: dict[str, float] = field(default_factory=dict)

    def fit(self, frame: pd.DataFrame, label: np.ndarray) -> RuleBaseline:
        outcome = rule_outcome(frame, min_age=self.min_age, max_age=self.max_age)
        self.rates = {
            o.value: float(np.mean(label[outcome == o.value])) for o in RuleOutcome if (outcome == o.value).any()
        }
        return self

    def score_frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        outcome = rule_outcome(frame, min_age=self.min_age, max_age=self.max_age)
        risk = pd.Series(outcome).map(self.rates).fillna(float(np.mean(list(self.rates.values())))).to_numpy()
        levels = [RULE_LEVELS[RuleOutcome(o)].value for o in outcome]
        return pd.DataFrame(
            {"risk": risk, "lower": risk, "upper": risk, "suggested_level": levels, "rule_outcome": outcome},
            index=frame.index,
        )
