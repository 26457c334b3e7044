"""Override monitoring (obligation: human oversight; detecting automation bias).

Counsellors decide; the model only suggests. How often and how they depart from the suggestion shows whether oversight
works: many overrides mean the model is not useful, almost none mean the suggestion may be rubber-stamped (automation
bias). Source requirements §8.6 item 18 asks for override rates per office and counsellor with uncertainty, *not*
presented as performance rankings (trust reform): tables here are sorted by office or counsellor id, never by rate,
counsellors with few decisions are not shown individually, and alerts ask to look at the support and the model, not to
judge a person.

Only rows with both a suggestion and a decision count. An override is a decided level that differs from the suggested
one (:func:`monitoring.analysis.levels.decisions_on_suggestions`). Every rate carries a Wilson interval.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from models.errors import ConfigurationError
from models.groups import GROUP_COLUMNS, UNKNOWN, group_attributes, split_small_groups
from models.policy import SUGGESTABLE_LEVELS
from monitoring.analysis.alert_messages import AlertMessage
from monitoring.analysis.frame_checks import require_columns
from monitoring.analysis.intervals import wilson_interval
from monitoring.analysis.json_tables import json_records
from monitoring.analysis.levels import LEVELS, decisions_on_suggestions, level_index

REQUIRED_COLUMNS: tuple[str, ...] = (
    "office",
    "counsellor",
    "model_version",
    "suggested_level",
    "decided_level",
    "reason_code",
    "age",
    "gender",
    "country_background",
)
NO_REASON = "MISSING"
"""Reason code shown for an override recorded without one (a data-quality signal: a reason is required)."""
RATE_COLUMNS: tuple[str, ...] = ("n", "overrides", "rate", "low", "high")
ALERT_KEYS: tuple[str, ...] = (
    *(f"{many}_overrides_{scope}" for many in ("too_many", "too_few") for scope in ("overall", "office", "counsellor")),
    "overrides_without_reason",
)
"""The keys of the alerts this report raises (:data:`models.texts.ALERT_TEXTS`)."""


@dataclass(frozen=True)
class OverrideConfig:
    """Sizes and alert limits of the override report.

    Parameters
    ----------
    min_counsellor_decisions : int, default 30
        Counsellors with fewer decisions are not shown individually (only counted); offices and counsellors below it
        raise no alerts.
    min_group_size : int, default 100
        Protected groups with fewer decisions are suppressed (listed with their size only).
    too_many : float, default 0.5
        Alert when more than this share of suggestions is overridden: the model is not useful there.
    too_few : float, default 0.02
        Alert when fewer than this share is overridden with at least ``min_counsellor_decisions`` decisions:
        possible rubber-stamping (automation bias).
    confidence : float, default 0.95
        Coverage of the Wilson intervals.

    Raises
    ------
    ConfigurationError
        If a size is below 1, the limits are out of order or outside [0, 1], or ``confidence`` is outside (0, 1).
    """

    min_counsellor_decisions: int = 30
    min_group_size: int = 100
    too_many: float = 0.5
    too_few: float = 0.02
    confidence: float = 0.95

    def __post_init__(self) -> None:
        if self.min_counsellor_decisions < 1 or self.min_group_size < 1:
            raise ConfigurationError("min_counsellor_decisions and min_group_size must be at least 1")
        if not 0 <= self.too_few < self.too_many <= 1:
            raise ConfigurationError("limits must satisfy 0 <= too_few < too_many <= 1")
        if not 0 < self.confidence < 1:
            raise ConfigurationError("confidence must lie in (0, 1)")


@dataclass(frozen=True)
class OverrideResult:
    """The override report. Rate tables have ``n`` (decisions), ``overrides``, ``rate``, ``low`` and ``high``.

    Attributes
    ----------
    config : OverrideConfig
        The configuration used.
    decisions : int
        Rows with both a suggestion and a decision.
    overall : pandas.DataFrame
        One row: the overall rate.
    matrix : pandas.DataFrame
        Counts of suggested (rows) × decided (columns, all five levels in ``FollowUpLevel`` order) levels.
    by_office, by_counsellor, by_model_version : pandas.DataFrame
        Rates sorted by id (never by rate). ``by_counsellor`` leaves out counsellors below the minimum.
    by_reason : pandas.DataFrame
        Per reason code: ``overrides`` with it, ``share`` of all overrides, ``low``, ``high``.
    by_group : pandas.DataFrame
        Rates by gender, age group and country background (``grouping``, ``group``).
    suppressed_groups : pandas.DataFrame
        Protected groups below ``min_group_size``: ``grouping`` and ``group`` only, no count.
    direction : pandas.DataFrame
        Overrides to a more and to a less intensive level: ``overrides``, ``share`` of all overrides, ``low``,
        ``high``.
    hidden_counsellors : int
        Counsellors below ``min_counsellor_decisions``, not shown individually.
    hidden_decisions : int
        Their decisions (they count in every other table).
    alerts : tuple of AlertMessage
        The alerts, as keyed sentences.
    """

    config: OverrideConfig
    decisions: int
    overall: pd.DataFrame
    matrix: pd.DataFrame
    by_office: pd.DataFrame
    by_counsellor: pd.DataFrame
    by_reason: pd.DataFrame
    by_model_version: pd.DataFrame
    by_group: pd.DataFrame
    suppressed_groups: pd.DataFrame
    direction: pd.DataFrame
    hidden_counsellors: int
    hidden_decisions: int
    alerts: tuple[AlertMessage, ...]

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The report's tables for an HTML page, keyed by a short title."""
        return {
            "overall": self.overall,
            "matrix": self.matrix.reset_index(),
            "by_office": self.by_office,
            "by_counsellor": self.by_counsellor,
            "by_reason": self.by_reason,
            "by_model_version": self.by_model_version,
            "by_group": self.by_group,
            "suppressed_groups": self.suppressed_groups,
            "direction": self.direction,
        }

    @property
    def json(self) -> dict[str, Any]:
        """Everything in the report as a JSON-serialisable dict (NaN as null)."""
        return {
            "config": asdict(self.config),
            "decisions": self.decisions,
            "hidden_counsellors": self.hidden_counsellors,
            "hidden_decisions": self.hidden_decisions,
            **{name: json_records(table) for name, table in self.tables.items()},
            "alerts": [alert.as_dict() for alert in self.alerts],
        }


def override_report(frame: pd.DataFrame, *, config: OverrideConfig = OverrideConfig()) -> OverrideResult:
    """Override rates overall and by level, office, counsellor, reason, model version and protected group.

    Offices and counsellors are listed in order of their id, not ranked by rate: a rate reflects the jobseekers a
    counsellor meets as much as the counsellor, and overriding is part of the job, not an error.

    Parameters
    ----------
    frame : pandas.DataFrame
        A decision frame with ``office``, ``counsellor``, ``model_version``, ``suggested_level``, ``decided_level``,
        ``reason_code``, ``age``, ``gender`` and ``country_background``.
    config : OverrideConfig, optional
        Sizes and alert limits.

    Returns
    -------
    OverrideResult
        The tables, alerts, and their JSON and table forms.

    Raises
    ------
    InvalidInputError
        If columns are missing or a level is not a ``FollowUpLevel`` value.
    """
    require_columns(frame, REQUIRED_COLUMNS, purpose="override monitoring")
    decided, overridden = decisions_on_suggestions(frame)
    rows = frame.loc[decided]
    overrides = overridden[decided]
    suggested, chosen = level_index(rows["suggested_level"]), level_index(rows["decided_level"])
    overall = _rates(pd.Series("all", index=rows.index), overrides, "scope", config)
    by_office = _rates(rows["office"], overrides, "office", config)
    counsellors = _rates(rows["counsellor"], overrides, "counsellor", config)
    shown = counsellors["n"] >= config.min_counsellor_decisions
    by_counsellor = counsellors[shown].reset_index(drop=True)
    attributes = group_attributes(rows)
    by_group, suppressed_groups = split_small_groups(
        pd.concat(
            [_rates(attributes[c], overrides, "group", config).assign(grouping=c) for c in GROUP_COLUMNS],
            ignore_index=True,
        )[["grouping", "group", *RATE_COLUMNS]],
        min_size=config.min_group_size,
    )
    by_reason = _shares(_reasons(rows["reason_code"][overrides]), "reason_code", config)
    more = np.where(chosen[overrides] > suggested[overrides], "more_intensive", "less_intensive")
    without_reason = int(by_reason.loc[by_reason["reason_code"] == NO_REASON, "overrides"].sum())
    return OverrideResult(
        config=config,
        decisions=int(decided.sum()),
        overall=overall,
        matrix=_matrix(suggested, chosen),
        by_office=by_office,
        by_counsellor=by_counsellor,
        by_reason=by_reason,
        by_model_version=_rates(rows["model_version"], overrides, "model_version", config),
        by_group=by_group,
        suppressed_groups=suppressed_groups,
        direction=_shares(pd.Series(more, dtype=object), "direction", config),
        hidden_counsellors=int((~shown).sum()),
        hidden_decisions=int(counsellors.loc[~shown, "n"].sum()),
        alerts=(*_rate_alerts(overall, by_office, by_counsellor, config), *_reason_alerts(without_reason)),
    )


def _rates(keys: pd.Series, overrides: np.ndarray, name: str, config: OverrideConfig) -> pd.DataFrame:
    """Decisions, overrides and the override rate with its Wilson interval per key, sorted by key."""
    codes, uniques = pd.factorize(keys, sort=True)
    labels = np.append(np.asarray(uniques, dtype=str).astype(object), UNKNOWN)
    codes = np.where(codes < 0, len(uniques), codes)
    n = np.bincount(codes, minlength=len(labels))
    count = np.bincount(codes, weights=overrides, minlength=len(labels)).astype(np.int64)
    present = n > 0
    table = pd.DataFrame({name: labels[present], "n": n[present], "overrides": count[present]})
    table["rate"] = table["overrides"] / table["n"]
    table["low"], table["high"] = wilson_interval(
        table["overrides"].to_numpy(), table["n"].to_numpy(), confidence=config.confidence
    )
    return table


def _shares(values: pd.Series, name: str, config: OverrideConfig) -> pd.DataFrame:
    """Counts of each value among the overrides, their share and its Wilson interval, sorted by value."""
    counts = values.value_counts().sort_index()
    total = int(counts.sum())
    table = pd.DataFrame({name: counts.index.astype(str), "overrides": counts.to_numpy(dtype=np.int64)})
    table["share"] = table["overrides"] / total if total else np.nan
    table["low"], table["high"] = wilson_interval(
        table["overrides"].to_numpy(), np.full(len(table), total), confidence=config.confidence
    )
    return table


def _reasons(codes: pd.Series) -> pd.Series:
    return codes.astype(object).where(codes.notna(), NO_REASON).astype(str)


def _matrix(suggested: np.ndarray, decided: np.ndarray) -> pd.DataFrame:
    """Suggested × decided counts: the suggestable levels (and any other suggested one) by all five levels."""
    counts = np.zeros((len(LEVELS), len(LEVELS)), dtype=np.int64)
    np.add.at(counts, (suggested, decided), 1)
    suggestable = [LEVELS.index(str(level)) for level in SUGGESTABLE_LEVELS]
    rows = [i for i in range(len(LEVELS)) if i in suggestable or counts[i].any()]
    matrix = pd.DataFrame(counts[rows], index=[LEVELS[i] for i in rows], columns=list(LEVELS))
    matrix.index.name, matrix.columns.name = "suggested", "decided"
    return matrix


def _rate_alerts(
    overall: pd.DataFrame, by_office: pd.DataFrame, by_counsellor: pd.DataFrame, config: OverrideConfig
) -> list[AlertMessage]:
    """Too many and too few overrides overall, per office and per shown counsellor (with enough decisions)."""
    alerts: list[AlertMessage] = []
    for scope, table in (("overall", overall), ("office", by_office), ("counsellor", by_counsellor)):
        enough = table["n"] >= config.min_counsellor_decisions
        for direction, limit, beyond in (
            ("too_many", config.too_many, table["rate"] > config.too_many),
            ("too_few", config.too_few, table["rate"] < config.too_few),
        ):
            alerts.extend(
                AlertMessage(f"{direction}_overrides_{scope}", _counts(row, scope, limit, config))
                for row in table[enough & beyond].to_dict("records")
            )
    return alerts


def _reason_alerts(without_reason: int) -> list[AlertMessage]:
    return [AlertMessage("overrides_without_reason", {"count": without_reason})] if without_reason else []


def _counts(row: dict[str, Any], scope: str, limit: float, config: OverrideConfig) -> dict[str, Any]:
    where = {} if scope == "overall" else {scope: str(row[scope])}
    return where | {
        "overrides": int(row["overrides"]),
        "n": int(row["n"]),
        "rate": float(row["rate"]),
        "confidence": config.confidence,
        "rate_low": float(row["low"]),
        "rate_high": float(row["high"]),
        "share_limit": limit,
    }
