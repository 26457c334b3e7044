"""Demo data for a fresh install: two years of registrations with a scenario change, the simulated counsellors'
decision for every level the model could suggest, and the rest of each case's life.

The monitoring package replays this file through the champion (``python -m monitoring demo``); it may not import the
counsellor simulation, so the simulation's answer to each possible suggestion is precomputed here, one column per
suggestable level: ``decided_if_<LEVEL>``, ``reason_if_<LEVEL>``, ``justification_if_<LEVEL>``. In the offices that
run blind-first (a share :data:`BLIND_FIRST_SHARE` of them) those columns hold the decision after the reveal
(:mod:`training.blind_first`) and ``provisional_level`` holds the level recorded before it (None elsewhere).
Outcomes depend on the decided level (``LEVEL_EFFECTS`` in :mod:`training.population_params`): ``label_if_<LEVEL>``,
one column per follow-up level, holds the label had that level been decided (``label`` is the reference level's).

The columns of the rest of a case (:data:`models.demo_file.CASE_COLUMNS`) hold what happens if the case gets there,
whatever the decision turns out to be; every share and delay is an assumption of the demo:

- a decision on a permanent level is approved by ``approver_id``, another counsellor of the office, after
  ``approval_days``; a share :data:`RETURN_SHARE` is first returned with ``return_reason`` and decided again (the same
  level, the same reason) after ``redecision_days``, and then approved after ``approval_days`` more;
- a share :data:`OBJECTION_SHARE` of jobseekers object to the decision once it counts, ``objection_days`` later (within
  the three weeks of forvaltningsloven § 29) through ``objection_channel``, asking for one step more (``objection_step``
  1) or less (-1) follow-up; ``reviewer_id``, a third counsellor of the office, reviews it ``review_days`` after it was
  received: upheld, or (a share :data:`SUPERSEDED_SHARE`) superseded by a new decision one step the way the jobseeker
  asked, with ``review_reason``;
- the first decision is documented (:data:`models.demo_file.DOCUMENTATION_COLUMNS`, :mod:`training.documentation`);
- nothing happens after ``extract_date``: approvals are pending and objections open at the end, as in a live service.

The demo runs one equivalence trial (:data:`models.demo_file.DEMO_TRIAL`) in a share :data:`TRIAL_OFFICE_SHARE` of
the offices (:data:`models.demo_file.TRIAL_COLUMNS`): a share :data:`TRIAL_CONSENT_SHARE` of the jobseekers who agree
to profiling also agree to take part, and in a share :data:`EQUIVALENT_SHARE` of cases the counsellor judges two levels
equally suitable and asks for a draw; the drawn level is decided.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from models.policy import SUGGESTABLE_LEVELS, FollowUpLevel, OverrideReason
from training.blind_first import blind_first_decisions, provisional_levels
from training.counsellors import colleagues, simulate_decisions
from training.documentation import documentation_columns
from training.population import SCENARIO_MESSAGE, SCENARIOS, label_under, simulate_population

DEMO_START = dt.date(2024, 11, 1)
DEMO_SWITCH = dt.date(2026, 3, 1)
DEMO_END = dt.date(2026, 10, 31)
DEMO_EXTRACT = dt.date(2026, 11, 27)
DECLINE_SHARE = 0.03
"""Share of jobseekers who decline profiling (an assumption)."""
BLIND_FIRST_SHARE = 0.25
"""Share of offices that run blind-first (an assumption)."""
RETURN_SHARE = 0.2
"""Share of decisions on a permanent level that the approver returns once (an assumption)."""
OBJECTION_SHARE = 0.04
"""Share of jobseekers who object to their decision (an assumption)."""
SUPERSEDED_SHARE = 0.3
"""Share of reviews that supersede the decision objected to (an assumption)."""
MEAN_DAYS = {"approval_days": 2.0, "redecision_days": 3.0, "review_days": 14.0}
"""Mean of each delay (gamma distributed with shape 2), in days (an assumption)."""
_RETURN_REASONS = (
    "Arbeidsevnevurderingen må dokumenteres med legeerklæring før varig tilpasset innsats.",
    "Begrunnelsen må vise hvorfor arbeidsrettede tiltak ikke er aktuelle nå.",
)
_OBJECTIONS = {
    1: "Jeg trenger mer hjelp enn det jeg har fått tilbud om.",
    -1: "Jeg mener jeg kan klare meg med mindre oppfølging.",
}
_REVIEWS = {
    "upheld": "Vedtaket står etter ny gjennomgang av saken og klagen.",
    "superseded": "Klagen er tatt til følge etter ny samtale med brukeren.",
}
_CHANNELS = ("digital", "letter", "in_person", "phone")
_CHANNEL_WEIGHTS = (0.6, 0.15, 0.15, 0.1)
_CASE_STREAM = 0xCA_5E
TRIAL_OFFICE_SHARE = 0.3
"""The share of offices that take part in the demo's equivalence trial."""
TRIAL_CONSENT_SHARE = 0.8
"""The share of jobseekers (of those who agree to profiling) who agree to take part in trials."""
EQUIVALENT_SHARE = 0.5
"""The share of cases in which the counsellor judges two levels equally suitable."""
_TRIAL_STREAM = 0x7_81A1


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
        The population columns, ``consent``, the counsellors' decision columns for every suggestable level, the label
        under every follow-up level, and :data:`models.demo_file.CASE_COLUMNS`.
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
    rng = np.random.default_rng([_CASE_STREAM, seed])
    offices = frame["office"].cat.categories
    blind = frame["office"].isin(offices[rng.random(len(offices)) < BLIND_FIRST_SHARE]).to_numpy()
    provisional = provisional_levels(frame, seed=seed)
    for level in SUGGESTABLE_LEVELS:
        suggested = np.full(len(frame), level.value)
        decisions = simulate_decisions(frame, suggested, seed=seed)
        decisions.loc[blind] = blind_first_decisions(provisional, suggested, seed=seed)[blind]
        frame[f"decided_if_{level.value}"] = decisions["decided_level"].astype(str)
        frame[f"reason_if_{level.value}"] = decisions["override_reason"]
        frame[f"justification_if_{level.value}"] = decisions["justification"]
    frame["provisional_level"] = provisional["provisional_level"].where(blind, None)
    for decided in FollowUpLevel:
        frame[f"label_if_{decided.value}"] = label_under(frame, decided)
    return pd.concat(
        [frame, _case_life(frame, rng, seed), documentation_columns(frame, rng), _trial_columns(frame, seed)], axis=1
    )


def _trial_columns(frame: pd.DataFrame, seed: int) -> pd.DataFrame:
    """:data:`models.demo_file.TRIAL_COLUMNS`, from a stream of their own (the other columns stay as they were)."""
    rng = np.random.default_rng([_TRIAL_STREAM, seed])
    offices = frame["office"].astype("category").cat.categories
    in_trial = offices[rng.random(len(offices)) < TRIAL_OFFICE_SHARE]
    return pd.DataFrame(
        {
            "trial_consent": frame["consent"].to_numpy() & (rng.random(len(frame)) < TRIAL_CONSENT_SHARE),
            "trial_office": frame["office"].isin(in_trial).to_numpy(),
            "marks_equivalent": rng.random(len(frame)) < EQUIVALENT_SHARE,
        },
        index=frame.index,
    )


def _case_life(frame: pd.DataFrame, rng: np.random.Generator, seed: int) -> pd.DataFrame:
    """The case columns after ``provisional_level`` (see the module docstring)."""
    n = len(frame)
    approver, reviewer = colleagues(frame["counsellor_id"], seed=seed)
    days = {name: rng.gamma(2.0, mean / 2.0, n) for name, mean in MEAN_DAYS.items()}
    returned = rng.random(n) < RETURN_SHARE
    objects = rng.random(n) < OBJECTION_SHARE
    step = np.where(rng.random(n) < 0.5, 1, -1)
    superseded = rng.random(n) < SUPERSEDED_SHARE
    outcome = np.where(superseded, "superseded", "upheld").astype(object)
    reason = np.asarray(_RETURN_REASONS, dtype=object)[rng.integers(0, 2, n)]
    reason[~returned] = None
    channel = rng.choice(np.asarray(_CHANNELS, dtype=object), n, p=_CHANNEL_WEIGHTS)
    channel[~objects] = None
    return pd.DataFrame(
        {
            "approver_id": approver,
            "approval_days": days["approval_days"],
            "return_reason": reason,
            "redecision_days": days["redecision_days"],
            "reviewer_id": reviewer,
            "objection_channel": channel,
            "objection_days": rng.integers(1, 22, n),
            "objection_text": np.asarray([_OBJECTIONS[s] for s in step], dtype=object),
            "objection_step": step,
            "review_outcome": outcome,
            "review_days": days["review_days"],
            "review_justification": np.asarray([_REVIEWS[o] for o in outcome], dtype=object),
            "review_reason": str(OverrideReason.JOBSEEKER_WISHES),
            "extract_date": pd.Timestamp(DEMO_EXTRACT),
        },
        index=frame.index,
    )
