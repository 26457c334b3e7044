"""Simulated counsellors in blind-first offices: a provisional level of their own, then a decision once the suggestion
is shown.

Blind-first asks the counsellor for a provisional level before the score and the suggestion are shown (AI Act
Art. 14(4)(b), automation bias; ``shared/domain/oversight-and-evaluation.md``). The provisional level is the
counsellor's own view (:func:`provisional_levels`): the policy applied to the counsellor's own reading of the risk,
``p_opt`` with normal noise of :data:`OWN_VIEW_SD` on the logit scale, and then the decision the counsellor would make
on that level (:func:`training.counsellors.simulate_decisions`: the same propensity, the same reasons for what the
registration does not show). Once the suggestion is shown (:func:`blind_first_decisions`), a counsellor whose
provisional level differs from it moves one step toward it with probability :data:`MOVE_TOWARD_SUGGESTION`
(anchoring) and keeps the provisional level otherwise. So among the cases whose provisional level differs from the
suggestion, the share that moved toward it estimates :data:`MOVE_TOWARD_SUGGESTION`: the audit report's blind-first
section recovers it from the records.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.special import expit, logit

from models.policy import SUGGESTABLE_LEVELS, FollowUpLevel, OverrideReason, PolicyConfig, suggest
from training.counsellors import LENGTH_MESSAGE, MISSING_COLUMNS_MESSAGE, UNKNOWN_LEVEL_MESSAGE, simulate_decisions

MOVE_TOWARD_SUGGESTION = 0.4
"""The probability that a counsellor whose provisional level differs from the suggestion moves one step toward it once
it is shown (an assumption)."""
OWN_VIEW_SD = 0.5
"""The spread, on the logit scale, of the counsellor's own reading of the risk around ``p_opt`` (an assumption)."""

READING_COLUMNS: tuple[str, ...] = (
    "p_opt",
    "health_hindrance",
    "other_hindrance",
    "benefit",
    "norwegian_skill",
    "years_in_norway",
    "registration_channel",
    "earlier_spells_last_5_years",
)
"""What the counsellor's own reading needs besides the columns of ``simulate_decisions``."""
MOVE_MESSAGE = "move_toward must lie in [0, 1]"
PROVISIONAL_MESSAGE = "provisional must be the output of provisional_levels, one row per suggested level"

_LEVELS = tuple(str(level) for level in FollowUpLevel)
_UNEXPLAINED: dict[int, tuple[OverrideReason, tuple[str, str]]] = {
    1: (
        OverrideReason.INFORMATION_NOT_IN_DATA,
        (
            "Etter samtalen vurderer jeg behovet for oppfølging som større enn forslaget.",
            "Samtalen viste at brukeren trenger mer støtte enn registreringen tilsier.",
        ),
    ),
    -1: (
        OverrideReason.OTHER,
        (
            "Etter samtalen vurderer jeg at brukeren trenger mindre oppfølging enn forslaget.",
            "Brukeren har bedre forutsetninger for arbeid enn registreringen viser.",
        ),
    ),
}
"""Reason and texts of a departure from the suggestion that the counsellor's own departure does not explain, by
direction (1: more intensive)."""
_OWN_VIEW_STREAM, _REVEAL_STREAM = 0x0E_71E3, 0x2E_7EA1
"""Keep these random streams apart from the population's and the decisions' when they use the same seed."""


def provisional_levels(population: pd.DataFrame, *, seed: int = 0) -> pd.DataFrame:
    """The level each counsellor records before seeing the suggestion: their own view.

    Parameters
    ----------
    population : pandas.DataFrame
        Output of ``training.population.simulate_population`` (the columns of ``simulate_decisions`` and
        :data:`READING_COLUMNS`).
    seed : int, default 0
        Seed of the reading; the decision on it uses the seed of ``simulate_decisions`` (the same propensities).

    Returns
    -------
    pandas.DataFrame
        Aligned with ``population``: ``reading_level`` (the policy's level for the counsellor's reading of the risk),
        ``provisional_level``, and the ``override_reason`` and ``justification`` of the departure from the reading
        (None without one).

    Raises
    ------
    ValueError
        If ``population`` lacks a needed column.
    """
    missing = [column for column in READING_COLUMNS if column not in population.columns]
    if missing:
        raise ValueError(f"{MISSING_COLUMNS_MESSAGE}: {missing}")
    rng = np.random.default_rng([_OWN_VIEW_STREAM, seed])
    risk = np.clip(population["p_opt"].to_numpy(dtype=np.float64), 1e-9, 1 - 1e-9)
    readings = expit(logit(risk) + OWN_VIEW_SD * rng.standard_normal(len(risk)))
    config = PolicyConfig()
    reading = [
        str(suggest(row, risk=r, lower=r, upper=r, config=config).level)
        for row, r in zip(population.itertuples(), readings, strict=True)
    ]
    own = simulate_decisions(population, reading, seed=seed)
    return pd.DataFrame(
        {
            "reading_level": reading,
            "provisional_level": own["decided_level"],
            "override_reason": own["override_reason"],
            "justification": own["justification"],
        },
        index=population.index,
    )


def blind_first_decisions(
    provisional: pd.DataFrame,
    suggested_levels: Sequence[str] | np.ndarray,
    *,
    seed: int = 0,
    move_toward: float = MOVE_TOWARD_SUGGESTION,
) -> pd.DataFrame:
    """The decision once the suggestion is shown, from the provisional level.

    Where the provisional level differs from the suggestion, the counsellor moves one step toward the suggestion with
    probability ``move_toward`` and keeps the provisional level otherwise. A decision that departs from the suggestion
    gives the reason of the counsellor's own departure from the reading when that points the same way, and otherwise
    "information not in the data" (more intensive) or "other" (less intensive). The draws do not depend on the
    suggestion: one row's decisions for different suggestions come from one counsellor's behaviour.

    Parameters
    ----------
    provisional : pandas.DataFrame
        Output of :func:`provisional_levels`.
    suggested_levels : sequence of str
        The suggested ``FollowUpLevel`` value for each row.
    seed : int, default 0
        Seed of the moves and of the choice of texts.
    move_toward : float, default :data:`MOVE_TOWARD_SUGGESTION`
        Probability of the step toward a suggestion that differs from the provisional level.

    Returns
    -------
    pandas.DataFrame
        Aligned with ``provisional``, with the columns of ``simulate_decisions``: ``decided_level``,
        ``follows_suggestion``, ``override_reason`` and ``justification``.

    Raises
    ------
    ValueError
        If ``provisional`` is not a frame of provisional levels, ``suggested_levels`` has the wrong length or holds a
        level that is never suggested, or ``move_toward`` is outside [0, 1].
    """
    if not 0 <= move_toward <= 1:
        raise ValueError(MOVE_MESSAGE)
    suggested = np.asarray(suggested_levels, dtype=object)
    if suggested.ndim != 1 or len(suggested) != len(provisional):
        raise ValueError(f"{LENGTH_MESSAGE}: got {len(suggested)} for {len(provisional)} rows")
    level = _positions(suggested, tuple(str(value) for value in SUGGESTABLE_LEVELS), UNKNOWN_LEVEL_MESSAGE)
    if not {"reading_level", "provisional_level", "override_reason", "justification"} <= set(provisional.columns):
        raise ValueError(PROVISIONAL_MESSAGE)
    own = _positions(provisional["provisional_level"].to_numpy(), _LEVELS, PROVISIONAL_MESSAGE)
    own_side = np.sign(own - _positions(provisional["reading_level"].to_numpy(), _LEVELS, PROVISIONAL_MESSAGE))
    rng = np.random.default_rng([_REVEAL_STREAM, seed])
    moves = rng.random(len(level)) < move_toward
    variant = rng.integers(0, 2, len(level))
    decided = np.where(moves, own + np.sign(level - own), own)
    side = np.sign(decided - level)
    explained = (side != 0) & (own_side == side)
    reason = provisional["override_reason"].to_numpy(dtype=object).copy()
    text = provisional["justification"].to_numpy(dtype=object).copy()
    for direction, (code, texts) in _UNEXPLAINED.items():
        rows = (side == direction) & ~explained
        reason[rows] = str(code)
        text[rows] = np.asarray(texts, dtype=object)[variant[rows]]
    departs = side != 0
    return pd.DataFrame(
        {
            "decided_level": np.asarray(_LEVELS, dtype=object)[decided],
            "follows_suggestion": ~departs,
            "override_reason": np.where(departs, reason, None),
            "justification": np.where(departs, text, None),
        },
        index=provisional.index,
    )


def _positions(values: np.ndarray, levels: tuple[str, ...], message: str) -> np.ndarray:
    """Each value's position in ``levels`` (the suggestable levels are the first of all levels)."""
    positions = np.asarray(pd.Categorical(values, categories=list(levels)).codes, dtype=np.int64)
    if (positions < 0).any():
        raise ValueError(f"{message}: {list(levels)}")
    return positions
