"""Today's rule-based profiling (*profilertTil*), the baseline every model must beat.

A rule, not a model: reported hindrances → ``OPPGITT_HINDRINGER``; else age within bounds, worked 6 of the last 12
months and an education above "none" that is passed and recognised (primary school alone counts) →
``ANTATT_GODE_MULIGHETER``; else ``ANTATT_BEHOV_FOR_VEILEDNING``. To compare it with a probability model, each
outcome is scored with the long-term rate observed for it in the training data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

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
