"""How the simulated counsellors document a needs assessment: the factors they considered, the jobseeker's wishes and
the preferred follow-up channel (the demo's decision documentation).

Every share is an assumption of the demo. A share :data:`UNDOCUMENTED_SHARE` of decisions is not documented at all,
as the source documents found of today's practice. Otherwise a factor is considered when the profile points to it
(health with a health hindrance, language with weak Norwegian, digital skills with an assisted registration) and
with a fixed chance each for the rest; the channel is asked for, and in-person follow-up is more often preferred by
those who registered with help.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.policy import ConsideredFactor, FollowUpChannel

UNDOCUMENTED_SHARE = 0.15
"""Share of decisions with no documentation (an assumption)."""
BASE_CHANCE: dict[ConsideredFactor, float] = {
    ConsideredFactor.WORK_EXPERIENCE: 0.9,
    ConsideredFactor.EDUCATION_AND_SKILLS: 0.6,
    ConsideredFactor.CARE_RESPONSIBILITIES: 0.1,
    ConsideredFactor.HOUSING_AND_FINANCES: 0.1,
    ConsideredFactor.LOCAL_LABOUR_MARKET: 0.3,
    ConsideredFactor.EARLIER_FOLLOW_UP: 0.2,
    ConsideredFactor.JOBSEEKER_WISHES: 0.5,
}
"""The chance each factor is considered when the profile does not point to it (an assumption)."""
IN_PERSON_SHARE = {"SELV": 0.25, "ASSISTERT": 0.6}
"""Share preferring in-person follow-up, by registration channel (an assumption)."""
WISHES = (
    "Vil tilbake til samme type arbeid.",
    "Ønsker deltid i starten.",
    "Vil ta mer utdanning.",
    "Ønsker arbeid nær hjemmet.",
)
"""The wishes the demo writes (Norwegian, as a counsellor would)."""


def documentation_columns(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """``considered_factors`` (``;``-separated codes), ``jobseeker_wishes`` and ``follow_up_channel``; all three
    ``None`` for an undocumented decision.

    Parameters
    ----------
    frame : pandas.DataFrame
        Profiles (``health_hindrance``, ``norwegian_skill``, ``registration_channel``).
    rng : numpy.random.Generator
        The demo's random stream.

    Returns
    -------
    pandas.DataFrame
        One row per profile, on ``frame``'s index.
    """
    n = len(frame)
    pointed = {
        ConsideredFactor.HEALTH: frame["health_hindrance"].astype(str).eq("JA").to_numpy(),
        ConsideredFactor.LANGUAGE: frame["norwegian_skill"].astype(str).isin(["DARLIG", "MIDDELS"]).to_numpy(),
        ConsideredFactor.DIGITAL_SKILLS: frame["registration_channel"].astype(str).eq("ASSISTERT").to_numpy(),
    }
    chosen = {
        factor: pointed[factor] if factor in pointed else rng.random(n) < BASE_CHANCE[factor]
        for factor in ConsideredFactor
    }
    fallback = ConsideredFactor.WORK_EXPERIENCE.value  # a documented assessment weighed at least one factor
    factors = [";".join(f.value for f in ConsideredFactor if chosen[f][i]) or fallback for i in range(n)]
    in_person = rng.random(n) < frame["registration_channel"].astype(str).map(IN_PERSON_SHARE).to_numpy(float)
    channel = np.where(in_person, FollowUpChannel.IN_PERSON.value, FollowUpChannel.DIGITAL.value)
    stated = chosen[ConsideredFactor.JOBSEEKER_WISHES]
    drawn = pd.Series(np.asarray(WISHES, dtype=object)[rng.integers(0, len(WISHES), n)], index=frame.index)
    wishes = drawn.where(pd.Series(stated, index=frame.index), None)
    documented = rng.random(n) >= UNDOCUMENTED_SHARE
    columns = {"considered_factors": factors, "jobseeker_wishes": wishes, "follow_up_channel": channel}
    return pd.DataFrame(columns, index=frame.index, dtype=object).where(
        pd.Series(documented, index=frame.index), None, axis=0
    )
