"""The policy as a file: read and check a TOML policy, and resolve it into the :class:`~models.policy.PolicyConfig`
the rules use.

A policy file states either thresholds (``[thresholds]``: ``standard_below``, ``tailored_from``) or capacities
(``[capacities]``: the largest share of registrants per suggestable level), and always the flag parameters
(``[flags]``: ``wide_range``, ``short_residence_years``, ``repeat_spells``); :data:`DEFAULT_POLICY_FILE` is an
annotated example. Reading refuses, naming the file and the key, whatever does not fit: unknown keys, unknown or
permanent levels, both or neither of thresholds and capacities, values out of range. Nothing has a silent default.

Capacities become thresholds only on a population (:func:`resolve_policy` with
:func:`models.capacity.thresholds_for_capacities`): training resolves them on its calibration split, ``set-policy``
on the model version's reference sample. The resolved policy keeps the capacities it came from, and its version is
a hash of that content (:class:`~models.policy.PolicyConfig`).
"""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from models.capacity import SHARE_MESSAGE, SUM_MESSAGE, policy_inputs, thresholds_for_capacities
from models.errors import InvalidInputError
from models.policy import SUGGESTABLE_LEVELS, FollowUpLevel, PolicyConfig

DEFAULT_POLICY_FILE = Path(__file__).with_name("default_policy.toml")
"""Today's thresholds, the policy of ``python -m training train`` unless it is given ``--policy``."""
STATED_FILE = "policy.toml"
"""The policy file as it was given, logged with the model version in MLflow."""
RESOLVED_FILE = "policy.json"
"""The resolved policy (what the rules use, its version, the capacities it came from), logged beside it."""

THRESHOLDS, CAPACITIES, FLAGS = "thresholds", "capacities", "flags"
THRESHOLD_KEYS = ("standard_below", "tailored_from")
FLAG_KEYS = ("wide_range", "short_residence_years", "repeat_spells")
_TAILORED, _SITUATIONAL = FollowUpLevel.SPESIELT_TILPASSET_INNSATS, FollowUpLevel.SITUASJONSBESTEMT_INNSATS
_SUM_TOLERANCE = 1e-9

NOT_READABLE = "{source}: not a readable TOML policy file: {error}"
UNKNOWN_KEYS = "{source}: unknown keys {keys} in {where} (expected: {expected})"
NOT_A_TABLE = "{source}: {table} must be a table ([{table}])"
MISSING_KEYS = "{source}: [{table}] lacks {keys}"
EITHER_OR = "{source}: state either [thresholds] or [capacities], not {what}"
UNKNOWN_LEVELS = "{source}: [capacities] names {levels}, which are not follow-up levels (suggestable: {suggestable})"
PERMANENT_LEVELS = (
    "{source}: [capacities] names {levels}: the permanent levels are never suggested (they need a work-capacity "
    "assessment and a second approver)"
)
CAPACITY_MISSING = "{source}: [capacities] must give {levels} (the rest is STANDARD_INNSATS)"
STANDARD_NOT_REST = (
    "{source}: capacities.STANDARD_INNSATS, when given, must be the rest: 1 minus the other capacities = {rest:.4f}, "
    "not {value!r}"
)
NOT_A_NUMBER = "{source}: {key} must be a number, not {value!r}"
OUT_OF_RANGE = "{source}: {key} = {value!r} must lie in {interval}"
THRESHOLD_ORDER = "{source}: thresholds must satisfy 0 < standard_below < tailored_from < 1 (got {low!r} and {high!r})"
NOT_A_COUNT = "{source}: flags.repeat_spells must be a whole number of at least 1, not {value!r}"
CAPACITY_RANGE = "{source}: " + SHARE_MESSAGE + " (capacities.{level}: {value!r})"
CAPACITY_SUM = "{source}: " + SUM_MESSAGE + " ({total:.4f})"


@dataclass(frozen=True)
class StatedPolicy:
    """A policy as its file states it: thresholds or capacities (exactly one), and the flag parameters."""

    thresholds: tuple[float, float] | None
    """``(standard_below, tailored_from)``, or ``None`` when the file states capacities."""
    capacities: Mapping[str, float] | None
    """The largest share per level (``SPESIELT_TILPASSET_INNSATS`` and ``SITUASJONSBESTEMT_INNSATS``), or ``None``."""
    wide_range: float
    short_residence_years: float
    repeat_spells: int
    text: str = field(default="", compare=False, repr=False)
    """The file's text, logged with the model version as it was given."""

    def to_dict(self) -> dict[str, Any]:
        """Flat, for the training run's parameters: the stated thresholds or capacities, and the flags."""
        stated: dict[str, Any] = (
            dict(zip(THRESHOLD_KEYS, self.thresholds, strict=True))
            if self.thresholds is not None
            else {f"capacity_{level}": share for level, share in (self.capacities or {}).items()}
        )
        flags = {"wide_range": self.wide_range, "short_residence_years": self.short_residence_years}
        return {**stated, **flags, "repeat_spells": self.repeat_spells}


def read_policy(path: Path) -> StatedPolicy:
    """Read and check a policy file.

    Raises
    ------
    InvalidInputError
        When the file cannot be read or does not fit, naming the file and the key.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInputError(NOT_READABLE.format(source=path, error=exc)) from exc
    return parse_policy(text, source=str(path))


def default_policy() -> StatedPolicy:
    """The policy of :data:`DEFAULT_POLICY_FILE`."""
    return read_policy(DEFAULT_POLICY_FILE)


def parse_policy(text: str, *, source: str) -> StatedPolicy:
    r"""Check the text of a policy file; ``source`` names it in messages.

    Raises
    ------
    InvalidInputError
        For text that is not TOML, unknown keys, unknown or permanent levels, both or neither of thresholds and
        capacities, missing keys and values out of range.

    Examples
    --------
    >>> stated = parse_policy(
    ...     "[capacities]\nSPESIELT_TILPASSET_INNSATS = 0.15\nSITUASJONSBESTEMT_INNSATS = 0.45\n"
    ...     "[flags]\nwide_range = 0.2\nshort_residence_years = 3\nrepeat_spells = 2\n", source="example")
    >>> dict(stated.capacities), stated.thresholds
    ({'SITUASJONSBESTEMT_INNSATS': 0.45, 'SPESIELT_TILPASSET_INNSATS': 0.15}, None)
    >>> parse_policy("[flags]\nwide_range = 0.2\nshort_residence_years = 3\nrepeat_spells = 2\n", source="x")
    Traceback (most recent call last):
    ...
    models.errors.InvalidInputError: x: state either [thresholds] or [capacities], not neither
    """
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInputError(NOT_READABLE.format(source=source, error=exc)) from exc
    _known(document, (THRESHOLDS, CAPACITIES, FLAGS), where="the file", source=source)
    stated = [table for table in (THRESHOLDS, CAPACITIES) if table in document]
    if len(stated) != 1:
        raise InvalidInputError(EITHER_OR.format(source=source, what="both" if stated else "neither"))
    flags = _table(document, FLAGS, FLAG_KEYS, source=source)
    wide_range = _number(flags, "wide_range", name=FLAGS, source=source)
    residence = _number(flags, "short_residence_years", name=FLAGS, source=source)
    if not 0 < wide_range < 1:
        raise InvalidInputError(
            OUT_OF_RANGE.format(source=source, key="flags.wide_range", value=wide_range, interval="(0, 1)")
        )
    if residence <= 0:
        raise InvalidInputError(
            OUT_OF_RANGE.format(source=source, key="flags.short_residence_years", value=residence, interval="(0, ∞)")
        )
    spells = flags["repeat_spells"]
    if isinstance(spells, bool) or not isinstance(spells, int) or spells < 1:
        raise InvalidInputError(NOT_A_COUNT.format(source=source, value=spells))
    thresholds = _thresholds(document, source=source) if THRESHOLDS in document else None
    capacities = _capacities(document, source=source) if CAPACITIES in document else None
    return StatedPolicy(thresholds, capacities, wide_range, residence, spells, text=text)


def resolve_policy(stated: StatedPolicy, *, profiles: pd.DataFrame, risk: np.ndarray) -> PolicyConfig:
    """The policy the rules use: the stated thresholds, or thresholds derived from the capacities on a population.

    Parameters
    ----------
    stated : StatedPolicy
        What the file says.
    profiles : pandas.DataFrame
        The reference population's validated profiles (only read when the policy states capacities).
    risk : numpy.ndarray
        Their calibrated risks, ``(n,)``.

    Raises
    ------
    InvalidInputError
        When the capacities cannot work on this population (:func:`models.capacity.thresholds_for_capacities`).
    """
    if stated.thresholds is not None:
        standard_below, tailored_from = stated.thresholds
        capacities = None
    else:
        capacities = dict(stated.capacities or {})
        hindrance, reduced = policy_inputs(profiles)
        standard_below, tailored_from = thresholds_for_capacities(
            risk,
            hindrance=hindrance,
            reduced_capacity=reduced,
            tailored=capacities[_TAILORED],
            situational=capacities[_SITUATIONAL],
        )
    return PolicyConfig(
        standard_below=standard_below,
        tailored_from=tailored_from,
        wide_range=stated.wide_range,
        short_residence_years=stated.short_residence_years,
        repeat_spells=stated.repeat_spells,
        capacities=capacities,
    )


def write_policy(directory: Path, *, given: StatedPolicy | PolicyConfig, resolved: PolicyConfig) -> None:
    """Write :data:`RESOLVED_FILE` and, when ``given`` came from a file, the file as :data:`STATED_FILE`.

    ``given`` is what training was given: a file's statement, or a resolved policy passed directly (no file).
    """
    (directory / RESOLVED_FILE).write_text(json.dumps(resolved.to_dict(), indent=2) + "\n")
    if isinstance(given, StatedPolicy):
        (directory / STATED_FILE).write_text(given.text)


def _known(table: Mapping[str, Any], expected: tuple[str, ...], *, where: str, source: str) -> None:
    unknown = sorted(set(table) - set(expected))
    if unknown:
        raise InvalidInputError(
            UNKNOWN_KEYS.format(source=source, keys=", ".join(unknown), where=where, expected=", ".join(expected))
        )


def _table(document: Mapping[str, Any], name: str, keys: tuple[str, ...], *, source: str) -> Mapping[str, Any]:
    table = document.get(name)
    if not isinstance(table, dict):
        raise InvalidInputError(NOT_A_TABLE.format(source=source, table=name))
    _known(table, keys, where=f"[{name}]", source=source)
    missing = [key for key in keys if key not in table]
    if missing:
        raise InvalidInputError(MISSING_KEYS.format(source=source, table=name, keys=", ".join(missing)))
    return table


def _number(table: Mapping[str, Any], key: str, *, name: str, source: str) -> float:
    """``[name].key`` as a finite number (a TOML boolean is not one)."""
    raw = table[key]
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise InvalidInputError(NOT_A_NUMBER.format(source=source, key=f"{name}.{key}", value=raw))
    return float(raw)


def _thresholds(document: Mapping[str, Any], *, source: str) -> tuple[float, float]:
    table = _table(document, THRESHOLDS, THRESHOLD_KEYS, source=source)
    low, high = (_number(table, key, name=THRESHOLDS, source=source) for key in THRESHOLD_KEYS)
    if not 0 < low < high < 1:
        raise InvalidInputError(THRESHOLD_ORDER.format(source=source, low=low, high=high))
    return low, high


def _capacities(document: Mapping[str, Any], *, source: str) -> dict[str, float]:
    table = document[CAPACITIES]
    if not isinstance(table, dict):
        raise InvalidInputError(NOT_A_TABLE.format(source=source, table=CAPACITIES))
    levels = set(FollowUpLevel)
    unknown = sorted(key for key in table if key not in levels)
    if unknown:
        suggestable = ", ".join(level.value for level in SUGGESTABLE_LEVELS)
        raise InvalidInputError(
            UNKNOWN_LEVELS.format(source=source, levels=", ".join(unknown), suggestable=suggestable)
        )
    permanent = sorted(key for key in table if FollowUpLevel(key) not in SUGGESTABLE_LEVELS)
    if permanent:
        raise InvalidInputError(PERMANENT_LEVELS.format(source=source, levels=", ".join(permanent)))
    if _TAILORED not in table or _SITUATIONAL not in table:
        raise InvalidInputError(CAPACITY_MISSING.format(source=source, levels=f"{_TAILORED} and {_SITUATIONAL}"))
    shares = {str(level): _number(table, level, name=CAPACITIES, source=source) for level in table}
    for level, share in shares.items():
        if not 0 < share < 1:
            raise InvalidInputError(CAPACITY_RANGE.format(source=source, level=level, value=share))
    if sum(shares.values()) > 1 + _SUM_TOLERANCE:
        raise InvalidInputError(CAPACITY_SUM.format(source=source, total=sum(shares.values())))
    rest = 1 - shares[_TAILORED] - shares[_SITUATIONAL]
    standard = shares.pop(FollowUpLevel.STANDARD_INNSATS, None)
    if standard is not None and abs(standard - rest) > _SUM_TOLERANCE:
        raise InvalidInputError(STANDARD_NOT_REST.format(source=source, rest=rest, value=standard))
    return dict(sorted(shares.items()))
