"""Decision frames built from a simulated population, shared by the fairness and override tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.policy import PolicyConfig, suggest_level
from training.counsellors import simulate_decisions


def decision_frame(population: pd.DataFrame, *, seed: int = 0) -> pd.DataFrame:
    """A decision frame from a simulated population: risk = p_opt, the policy's levels, simulated counsellors."""
    config = PolicyConfig()
    suggested = np.asarray(
        [
            str(
                suggest_level(
                    row.p_opt,
                    reduced_work_capacity=row.health_hindrance == "JA" or row.benefit == "ARBEIDSAVKLARINGSPENGER",
                    hindrance_reported=row.health_hindrance != "NEI" or row.other_hindrance != "NEI",
                    config=config,
                )
            )
            for row in population.itertuples()
        ],
        dtype=object,
    )
    decisions = simulate_decisions(population, suggested, seed=seed)
    frame = population[["age", "gender", "country_background"]].copy()
    frame["office"] = population["office"].astype(str)
    frame["counsellor"] = population["counsellor_id"].astype(str)
    frame["model_version"] = np.where(np.arange(len(frame)) % 4 == 0, "3", "4")
    frame["created_at"] = pd.to_datetime(population["registration_date"])
    frame["risk"] = population["p_opt"]
    frame["suggested_level"] = suggested
    frame["decided_level"] = decisions["decided_level"]
    frame["follows_suggestion"] = decisions["follows_suggestion"]
    frame["reason_code"] = decisions["override_reason"]
    frame["label"] = population["label"]
    return frame
