"""Demo data for a fresh install: two years of registrations with a scenario change, and the simulated
counsellors' decision for every level the model could suggest.

The monitoring package replays this file through the champion (``python -m monitoring demo``); it may not import the
counsellor simulation, so the simulation's answer to each possible suggestion is precomputed here, one column per
suggestable level: ``decided_if_<LEVEL>``, ``reason_if_<LEVEL>``, ``justification_if_<LEVEL>``.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from models.policy import SUGGESTABLE_LEVELS
from training.counsellors import simulate_decisions
from training.population import SCENARIO_MESSAGE, SCENARIOS, simulate_population

DEMO_START = dt.date(2024, 11, 1)
DEMO_SWITCH = dt.date(2026, 3, 1)
DEMO_END = dt.date(2026, 10, 31)
DEMO_EXTRACT = dt.date(2026, 11, 27)
DECLINE_SHARE = 0.03
"""Share of jobseekers who decline profiling (an assumption)."""


def demo_population(rows: int, *, seed: int = 0, switch_to: str = "refugee_inflow") -> pd.DataFrame:
    """Registrations from ``DEMO_START`` to ``DEMO_END``: baseline until ``DEMO_SWITCH``, then ``switch_to``.

    Outcomes (``label``) are known for registrations at least 12 months before ``DEMO_EXTRACT``.

    Parameters
    ----------
    rows
        How many registrations in all.
    seed
        Random seed.
    switch_to
        The scenario after the switch.

    Returns
    -------
    pandas.DataFrame
        The population columns, ``consent``, and the counsellors' decision columns for every suggestable level.
    """
    if switch_to not in SCENARIOS:
        raise ValueError(SCENARIO_MESSAGE)
    before = round(rows * (DEMO_SWITCH - DEMO_START).days / (DEMO_END - DEMO_START).days)
    parts = [
        simulate_population(
            before, seed=seed, start=DEMO_START, end=DEMO_SWITCH - dt.timedelta(days=1), extract_date=DEMO_EXTRACT
        ),
        simulate_population(
            rows - before, scenario=switch_to, seed=seed + 1, start=DEMO_SWITCH, end=DEMO_END, extract_date=DEMO_EXTRACT
        ),
    ]
    frame = pd.concat(parts, ignore_index=True).sort_values("registration_date", kind="stable", ignore_index=True)
    frame["scenario"] = np.where(frame["registration_date"] < pd.Timestamp(DEMO_SWITCH), "baseline", switch_to)
    frame["consent"] = np.random.default_rng(seed).uniform(size=len(frame)) >= DECLINE_SHARE
    for level in SUGGESTABLE_LEVELS:
        decisions = simulate_decisions(frame, np.full(len(frame), level.value), seed=seed)
        frame[f"decided_if_{level.value}"] = decisions["decided_level"].astype(str)
        frame[f"reason_if_{level.value}"] = decisions["override_reason"]
        frame[f"justification_if_{level.value}"] = decisions["justification"]
    return frame
