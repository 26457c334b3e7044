"""The simulated documentation of needs assessments: the share left undocumented, factors the profile points to, and
the channel asked for (more in-person among those who registered with help)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.policy import ConsideredFactor, FollowUpChannel
from monitoring.analysis.intervals import wilson_interval
from training.documentation import IN_PERSON_SHARE, UNDOCUMENTED_SHARE, documentation_columns
from training.population import simulate_population


def test_documentation_follows_the_profile_and_the_stated_shares() -> None:
    population = simulate_population(20_000, seed=3)
    columns = documentation_columns(population, np.random.default_rng(7))
    assert list(columns.columns) == ["considered_factors", "jobseeker_wishes", "follow_up_channel"]
    documented = columns["follow_up_channel"].notna()
    assert (columns.loc[~documented].isna().all(axis=None)) and columns.loc[
        documented, "considered_factors"
    ].notna().all()
    low, high = wilson_interval(int((~documented).sum()), len(columns), confidence=0.999)
    assert low <= UNDOCUMENTED_SHARE <= high
    factors = columns.loc[documented, "considered_factors"].str.split(";")
    assert all(set(f) <= {c.value for c in ConsideredFactor} for f in factors)
    health = population.loc[documented, "health_hindrance"].eq("JA")
    assert (
        factors[health].map(lambda f: "HEALTH" in f).all() and not factors[~health].map(lambda f: "HEALTH" in f).any()
    )
    channel = pd.DataFrame({"registered": population["registration_channel"], "channel": columns["follow_up_channel"]})
    for registered, share in IN_PERSON_SHARE.items():
        chosen = channel.loc[documented & channel["registered"].eq(registered), "channel"]
        low, high = wilson_interval(int(chosen.eq(FollowUpChannel.IN_PERSON).sum()), len(chosen), confidence=0.999)
        assert low <= share <= high, registered
