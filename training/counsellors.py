"""Simulated NAV offices and counsellors, and the follow-up decisions they make on a suggested level.

Offices are nested in counties (4-digit codes that start with the 2024 county number) and counsellors in offices
(NAV-ident style ``Z123456``). The structure is fixed; which office and counsellor a jobseeker meets is drawn.

A counsellor sees the person, so sees what the model cannot: weak language or digital skills, a history of repeat
spells, health. Each counsellor has an individual propensity to override, fixed by the counsellor id and the seed:
some nearly rubber-stamp the suggestion, some override often. Overrides go to a more intensive level for barriers and
to a less intensive one for the jobseeker's wishes or an unavailable measure; the reason code names the cause. A health
hindrance at the top suggestable level leads to the graded permanent level at :data:`PERMANENT_AT_TOP` times the rate
it has below it (an assumption that gives approvers permanent levels to approve). Approvers and reviewers are other
counsellors of the same office (:func:`colleagues`). Blind-first decisions are simulated in
:mod:`training.blind_first`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np
import pandas as pd
from scipy.special import ndtri

from models.policy import SUGGESTABLE_LEVELS, FollowUpLevel, OverrideReason
from models.schema import County, OwnAssessment, YesNoUnknown

OFFICES_PER_COUNTY: dict[County, tuple[int, int]] = {
    County.OSLO: (3, 15),
    County.AKERSHUS: (32, 12),
    County.OSTFOLD: (31, 7),
    County.BUSKERUD: (33, 6),
    County.VESTFOLD: (39, 5),
    County.TELEMARK: (40, 5),
    County.INNLANDET: (34, 10),
    County.AGDER: (42, 8),
    County.ROGALAND: (11, 9),
    County.VESTLAND: (46, 12),
    County.MORE_OG_ROMSDAL: (15, 7),
    County.TRONDELAG: (50, 10),
    County.NORDLAND: (18, 8),
    County.TROMS: (55, 6),
    County.FINNMARK: (56, 4),
}
"""County number (2024 structure) and number of simulated offices."""

LEVELS: tuple[FollowUpLevel, ...] = tuple(FollowUpLevel)

LENGTH_MESSAGE = "suggested_levels must have one entry per row of population"
UNKNOWN_LEVEL_MESSAGE = "suggested_levels may only hold the suggestable levels"
MISSING_COLUMNS_MESSAGE = "population lacks columns needed to simulate decisions"
UNKNOWN_COUNSELLOR_MESSAGE = "counsellor_ids holds idents that are not simulated counsellors"

PERMANENT_AT_TOP = 0.6
"""Relative rate of a health override at the top suggestable level (to the graded permanent level)."""

REQUIRED_COLUMNS: tuple[str, ...] = (
    "counsellor_id",
    "latent_language",
    "latent_digital",
    "latent_employability",
    "health_hindrance",
    "earlier_spells_last_5_years",
    "own_assessment",
)

_REASONS: tuple[OverrideReason, ...] = (
    OverrideReason.LANGUAGE_OR_DIGITAL_BARRIERS,
    OverrideReason.REPEAT_SPELLS,
    OverrideReason.HEALTH,
    OverrideReason.INFORMATION_NOT_IN_DATA,
    OverrideReason.JOBSEEKER_WISHES,
    OverrideReason.MEASURE_NOT_AVAILABLE,
    OverrideReason.OTHER,
)
_JUSTIFICATIONS: dict[OverrideReason, tuple[str, str]] = {
    OverrideReason.LANGUAGE_OR_DIGITAL_BARRIERS: (
        "Svake norskferdigheter gjør at brukeren trenger tettere oppfølging.",
        "Brukeren har lav digital kompetanse og klarer ikke å følge opp selv i digitale kanaler.",
    ),
    OverrideReason.REPEAT_SPELLS: (
        "Brukeren har vært arbeidssøker flere ganger de siste årene.",
        "Gjentatte perioder uten arbeid tilsier mer oppfølging.",
    ),
    OverrideReason.HEALTH: (
        "Helseplager begrenser hvilket arbeid brukeren kan ta.",
        "Brukeren trenger tilrettelegging på grunn av helse.",
    ),
    OverrideReason.INFORMATION_NOT_IN_DATA: (
        "Samtalen viste behov som ikke kommer fram i registreringen.",
        "Brukerens situasjon er mer krevende enn opplysningene tilsier.",
    ),
    OverrideReason.JOBSEEKER_WISHES: (
        "Brukeren ønsker å klare seg selv og er motivert.",
        "Brukeren har konkrete jobbmuligheter og ønsker lite oppfølging.",
    ),
    OverrideReason.MEASURE_NOT_AVAILABLE: (
        "Aktuelt tiltak er ikke tilgjengelig ved kontoret nå.",
        "Det er ikke ledig plass på tiltaket brukeren trenger.",
    ),
    OverrideReason.OTHER: (
        "Samlet vurdering etter samtale med brukeren.",
        "Andre forhold i brukerens situasjon.",
    ),
}
_UP, _DOWN, _EITHER = 1, -1, 0
_DIRECTION = (_UP, _UP, _UP, _UP, _DOWN, _DOWN, _EITHER)
"""Direction of the move for each reason in ``_REASONS``."""
_RATE_SCALE = 0.75
_DECISION_STREAM, _COLLEAGUE_STREAM = 0xC0_5E11, 0xC0_11EA
"""Keep the decisions' and the colleagues' random streams apart from the population's when they use the same seed."""
_PROPENSITY_SD = 0.9


@cache
def _structure() -> tuple[tuple[str, ...], np.ndarray, np.ndarray, np.ndarray, tuple[str, ...]]:
    """The fixed offices: codes, draw weights, county index and number of counsellors of each; every counsellor's id.

    Office ``k``'s counsellors are the ids ``first[k] .. first[k] + per_office[k] - 1``, with ``first`` the cumulative
    sum of ``per_office`` before ``k``.
    """
    offices: list[str] = []
    office_weights: list[float] = []
    office_county: list[int] = []
    for county_index, county in enumerate(County):
        number, count = OFFICES_PER_COUNTY[county]
        for j in range(count):
            offices.append(f"{number * 100 + j + 1:04d}")
            office_weights.append(1.0 / np.sqrt(j + 1.0))
            office_county.append(county_index)
    per_office = 4 + (np.asarray([int(code) for code in offices]) * 37) % 9
    idents = tuple(f"Z{(g * 7919 + 104729) % 900000 + 100000}" for g in range(int(per_office.sum())))
    return tuple(offices), np.asarray(office_weights), np.asarray(office_county), per_office, idents


def assign_offices(county_codes: np.ndarray, rng: np.random.Generator) -> tuple[pd.Categorical, pd.Categorical]:
    """Draw an office in the jobseeker's county and a counsellor in that office.

    Parameters
    ----------
    county_codes : numpy.ndarray
        Integer codes of the county, in the order of ``models.schema.County``.
    rng : numpy.random.Generator
        The generator of the population being drawn.

    Returns
    -------
    tuple of pandas.Categorical
        The 4-digit office code and the counsellor's NAV ident, one per row.
    """
    offices, weights, owner, per_office, idents = _structure()
    office = np.empty(len(county_codes), dtype=np.int64)
    for county_index in range(len(OFFICES_PER_COUNTY)):
        rows = np.flatnonzero(county_codes == county_index)
        candidates = np.flatnonzero(owner == county_index)
        share = weights[candidates] / weights[candidates].sum()
        office[rows] = candidates[np.minimum(np.searchsorted(np.cumsum(share), rng.random(len(rows))), len(share) - 1)]
    first = np.concatenate([[0], np.cumsum(per_office)[:-1]])
    counsellor = first[office] + np.floor(rng.random(len(office)) * per_office[office]).astype(np.int64)
    return pd.Categorical.from_codes(office, categories=offices), pd.Categorical.from_codes(counsellor, idents)


def colleagues(counsellor_ids: pd.Series, *, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two other counsellors of each counsellor's office, different from each other: an approver and a reviewer.

    Parameters
    ----------
    counsellor_ids : pandas.Series
        NAV idents drawn by :func:`assign_offices`.
    seed : int, default 0
        Seed of the draw.

    Returns
    -------
    tuple of numpy.ndarray
        The approver's and the reviewer's ident for each row (every office has at least four counsellors).

    Raises
    ------
    ValueError
        If an ident is not one of the simulated counsellors.
    """
    _, _, _, per_office, idents = _structure()
    position = pd.Index(idents).get_indexer(counsellor_ids.astype(str))
    if (position < 0).any():
        raise ValueError(f"{UNKNOWN_COUNSELLOR_MESSAGE}: {sorted(set(counsellor_ids[position < 0].astype(str)))[:5]}")
    first = np.repeat(np.concatenate([[0], np.cumsum(per_office)[:-1]]), per_office)[position]
    size = np.repeat(per_office, per_office)[position]
    rng = np.random.default_rng([_COLLEAGUE_STREAM, seed])
    approver = np.floor(rng.random(len(position)) * (size - 1)).astype(np.int64)
    reviewer = np.floor(rng.random(len(position)) * (size - 2)).astype(np.int64)
    reviewer += reviewer >= approver
    ids = np.asarray(idents, dtype=object)
    offset = position - first + 1  # counting on from the counsellor, the counsellor is never drawn
    return ids[first + (offset + approver) % size], ids[first + (offset + reviewer) % size]


def simulate_decisions(
    population: pd.DataFrame, suggested_levels: Sequence[str] | np.ndarray, *, seed: int = 0
) -> pd.DataFrame:
    """Simulate the counsellors' follow-up decisions on the suggested levels.

    Parameters
    ----------
    population : pandas.DataFrame
        Output of ``training.population.simulate_population`` (needs the latent factors and ``counsellor_id``).
    suggested_levels : sequence of str
        The suggested ``FollowUpLevel`` value for each row of ``population``.
    seed : int, default 0
        Seed of the decisions and of each counsellor's propensity to override.

    Returns
    -------
    pandas.DataFrame
        Aligned with ``population``: ``decided_level``, ``follows_suggestion``, ``override_reason`` (None when
        the suggestion is followed) and ``justification`` (Norwegian free text, None when followed).

    Raises
    ------
    ValueError
        If ``suggested_levels`` has the wrong length or holds a level that is never suggested, or if
        ``population`` lacks a needed column.
    """
    missing = [column for column in REQUIRED_COLUMNS if column not in population.columns]
    if missing:
        raise ValueError(f"{MISSING_COLUMNS_MESSAGE}: {missing}")
    suggested = np.asarray(suggested_levels, dtype=object)
    if suggested.ndim != 1 or len(suggested) != len(population):
        raise ValueError(f"{LENGTH_MESSAGE}: got {len(suggested)} for {len(population)} rows")
    level = pd.Categorical(suggested, categories=[str(value) for value in SUGGESTABLE_LEVELS]).codes.astype(np.int64)
    if (level < 0).any():
        raise ValueError(f"{UNKNOWN_LEVEL_MESSAGE}: {[str(value) for value in SUGGESTABLE_LEVELS]}")
    rng = np.random.default_rng([_DECISION_STREAM, seed])
    rates = _reason_rates(population, level) * _propensity(population["counsellor_id"], seed)[:, None]
    total = rates.sum(axis=1)
    overrides = rng.random(len(level)) < -np.expm1(-total)
    share = np.cumsum(rates, axis=1) / np.where(total > 0, total, 1.0)[:, None]
    reason = np.minimum((rng.random(len(level))[:, None] > share).sum(axis=1), len(_REASONS) - 1)
    either = np.where(level == 0, _UP, np.where(level == 2, _DOWN, np.where(rng.random(len(level)) < 0.5, _UP, _DOWN)))
    direction = np.asarray(_DIRECTION)[reason]
    decided = np.where(overrides, level + np.where(direction == _EITHER, either, direction), level)
    variant = rng.integers(0, 2, len(level))
    texts = np.asarray([_JUSTIFICATIONS[r][v] for r in _REASONS for v in (0, 1)], dtype=object)
    return pd.DataFrame(
        {
            "decided_level": np.asarray([str(value) for value in LEVELS], dtype=object)[decided],
            "follows_suggestion": ~overrides,
            "override_reason": np.where(overrides, np.asarray([str(r) for r in _REASONS], dtype=object)[reason], None),
            "justification": np.where(overrides, texts[2 * reason + variant], None),
        },
        index=population.index,
    )


def _reason_rates(population: pd.DataFrame, level: np.ndarray) -> np.ndarray:
    """Override rates per row (columns in the order of ``_REASONS``) before the counsellor's propensity.

    Upward reasons cannot apply at the top suggestable level, except a health hindrance, which then rarely leads to
    the graded permanent level; downward reasons cannot apply at the standard level.
    """
    below_top = level < 2
    above_bottom = level > 0
    barrier = (population["latent_language"].to_numpy() < -0.6) | (population["latent_digital"].to_numpy() < -1.2)
    repeat = population["earlier_spells_last_5_years"].to_numpy() >= 3
    health = np.asarray(population["health_hindrance"] == YesNoUnknown.JA.value)
    unseen = population["latent_employability"].to_numpy() < -1.2
    wishes = np.asarray(population["own_assessment"] == OwnAssessment.KLARE_SEG_SELV.value)
    columns = (
        0.9 * barrier * below_top,
        0.5 * repeat * below_top,
        0.8 * health * np.where(below_top, 1.0, PERMANENT_AT_TOP),
        (0.03 + 0.4 * unseen) * below_top,
        0.25 * wishes * above_bottom,
        0.02 * above_bottom,
        np.full(len(level), 0.03),
    )
    return _RATE_SCALE * np.column_stack(columns)


def _propensity(counsellor_id: pd.Series, seed: int) -> np.ndarray:
    """Each counsellor's multiplier of the override rates: log-normal, fixed by the counsellor id and the seed."""
    number = counsellor_id.astype(str).str[1:].astype(np.uint64).to_numpy()
    mixed = _splitmix64(number ^ _splitmix64(np.full(1, seed, dtype=np.uint64)))
    uniform = ((mixed >> np.uint64(11)).astype(np.float64) + 0.5) / float(2**53)
    return np.asarray(np.exp(_PROPENSITY_SD * ndtri(uniform) - 0.5 * _PROPENSITY_SD**2), dtype=np.float64)


def _splitmix64(values: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser: a fixed, well-mixing hash of unsigned 64-bit integers."""
    with np.errstate(over="ignore"):
        z = values + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))
