"""Today's rule in shadow beside the model (obligations: accuracy monitoring, AI Act Art. 15; human oversight, Art. 14).

Every scored assessment records today's rule-based profiling (:func:`models.rule.profile_rule_outcome`) in its
``assessed`` event, unseen by the counsellor. For the scored cases assessed in a period whose event holds it, this
section answers two questions:

- agreement: how often do the model's suggested level, the rule's level (:data:`models.rule.RULE_LEVELS`) and the
  counsellor's decided level (the latest decision) agree, pair by pair and all three, and where model and rule
  disagree, whom did the counsellor side with? Shares carry Wilson intervals; every combination is counted too.
- once outcomes exist: which of the two ranks and selects people better? The realised AUC of each, with a percentile
  bootstrap interval (:mod:`monitoring.analysis.intervals`), and the paired difference model − rule with its own
  interval (both AUCs on the same resample). The model's score is its risk. The rule's score is its outcome as an
  ordinal of the need it signals, good prospects (0) < need for guidance (1) < hindrances reported (2): an order
  fixed in advance, so nothing is fitted to the outcomes it is measured on (scoring each outcome with its observed
  long-term rate, as :class:`models.rule.RuleBaseline` does in training, would order the three by the same labels).
  Ties count half, so the rule's AUC is that of a ranking in three steps.
  *Precision* is the share still without work at the horizon among the people each puts in its highest-need group:
  above standard follow-up, which for the rule is its highest level (need for guidance or hindrances) and for the
  model a suggestion of situation-dependent or specially tailored follow-up. The group's size and recall (the share
  of the long-term unemployed it holds) stand beside it, since a larger group buys recall with precision.

Outcomes depend on the follow-up people got (selective labels): both scores are judged on outcomes after the
counsellors' decisions, which the model's suggestion influenced and the rule's did not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from models.errors import InvalidInputError
from models.metrics import auc
from models.policy import FollowUpLevel
from models.rule import RULE_LEVELS, RuleOutcome
from models.texts import LEVEL_TEXTS, RULE_OUTCOME_TEXTS, text
from monitoring.analysis.alert_messages import AlertMessage
from monitoring.analysis.frame_checks import label_values, require_columns, risk_values
from monitoring.analysis.frames import in_window
from monitoring.analysis.intervals import bootstrap_interval, wilson_interval
from monitoring.analysis.json_tables import json_records
from monitoring.analysis.levels import LEVELS, level_index
from monitoring.records.db import storage_errors
from monitoring.records.kinds import EventKind
from monitoring.records.tables import AssessmentRow, EventRow

ABOUT = (
    "Today's rule-based profiling runs beside the model on every scored case, unseen by the counsellor: how often "
    "the model's suggestion, the rule's level and the counsellor's decision agree, and, once outcomes exist, the "
    "realised AUC and precision of model and rule side by side. The rule's score is its outcome as an ordinal "
    "(good prospects < need for guidance < hindrances reported); precision is the share still without work at the "
    "horizon among those each puts above standard follow-up."
)
"""The sentence that opens the section."""

RULE_SCORE: dict[str, int] = {
    RuleOutcome.ANTATT_GODE_MULIGHETER: 0,
    RuleOutcome.ANTATT_BEHOV_FOR_VEILEDNING: 1,
    RuleOutcome.OPPGITT_HINDRINGER: 2,
}
"""The rule's score for the AUC: its outcome as an ordinal of the need it signals (fixed, never fitted)."""
RULE_LEVEL_VALUES: dict[str, str] = {outcome.value: level.value for outcome, level in RULE_LEVELS.items()}
UNKNOWN_OUTCOME = "recorded rule outcomes that are not RuleOutcome values"
SCORERS = ("risk_model", "todays_rule")
"""The two scorers of the performance table, as codes the report labels."""
DIFFERING = "decided_cases_where_model_and_rule_differ"
ALERT_KEYS: tuple[str, ...] = ("rule_ranks_better",)
"""The keys of the alerts :func:`shadow_rule_report` raises (:data:`models.texts.ALERT_TEXTS`)."""

_STANDARD = LEVELS.index(FollowUpLevel.STANDARD_INNSATS.value)
_COMBINATION_COLUMNS = ["suggested_level", "rule_outcome", "rule_level", "decided_level", "n", "share"]
_PERFORMANCE_COLUMNS = [
    "scorer",
    "n",
    "auc",
    "auc_low",
    "auc_high",
    "selected",
    "selected_share",
    "precision",
    "precision_low",
    "precision_high",
    "recall",
    "recall_low",
    "recall_high",
]


@dataclass(frozen=True)
class ShadowRuleResult:
    """The shadow rule's section.

    Attributes
    ----------
    counts : dict
        ``scored`` (cases with a risk), ``with_rule_outcome`` (of those, with the rule's outcome recorded), ``decided``
        (of those, with a decision) and ``with_outcome`` (of those, with a known outcome).
    agreement : pandas.DataFrame
        One row per comparison (a code: ``model_equals_rule``, ``counsellor_equals_model``, ...): ``comparison``,
        ``among`` (a code for the cases it counts), ``n``, ``agree``, ``share`` with its Wilson interval ``low``,
        ``high``.
    combinations : pandas.DataFrame
        Every combination of suggested level, rule outcome (with ``rule_level``) and decided level that occurs among
        the decided cases: ``n`` and ``share`` of the decided cases.
    performance : pandas.DataFrame
        One row per scorer (:data:`SCORERS`) over the cases with a known outcome (empty without any): ``auc`` with
        ``auc_low``, ``auc_high``; ``selected`` (put above standard follow-up) and ``selected_share``; ``precision``
        and ``recall`` with their Wilson intervals.
    auc_difference : dict or None
        ``auc_difference``, AUC(model) − AUC(rule) on the same cases, with ``auc_difference_low`` and
        ``auc_difference_high`` (``None`` without outcomes).
    alerts : list of AlertMessage
        Raised when the rule ranks the outcomes better than the model, beyond doubt (the difference's interval lies
        below zero).
    """

    counts: dict[str, int]
    agreement: pd.DataFrame
    combinations: pd.DataFrame
    performance: pd.DataFrame
    auc_difference: dict[str, float] | None
    alerts: list[AlertMessage]

    @property
    def json(self) -> dict[str, Any]:
        """The section for ``report.json``: codes as they are recorded."""
        return {
            "shadow_rule": {
                "about": ABOUT,
                "counts": self.counts,
                "agreement": json_records(self.agreement),
                "combinations": json_records(self.combinations),
                "model_and_rule": json_records(self.performance),
                "auc_difference": self.auc_difference,
                "alerts": [alert.as_dict() for alert in self.alerts],
            }
        }

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The section's tables for an HTML page, keyed by a short title; codes shown by their English labels."""
        levels = {code: text(LEVEL_TEXTS, code, "en").split(":")[0] for code in LEVELS}
        outcomes = {code: text(RULE_OUTCOME_TEXTS, code, "en") for code in RULE_SCORE}
        combinations = self.combinations.replace(
            {name: levels for name in ("suggested_level", "rule_level", "decided_level")} | {"rule_outcome": outcomes}
        )
        tables = {"agreement": self.agreement, "model × rule × counsellor": combinations}
        if len(self.performance):
            tables["realised performance, model and rule"] = self.performance
        return tables


def recorded_rule_outcomes(
    sessions: sessionmaker[Session],
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    office: str | None = None,
) -> pd.Series:
    """The rule's outcome recorded in the ``assessed`` event of each assessment in ``[since, until)`` (and at
    ``office``), by assessment id; assessments whose event holds none are left out.

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    outcome = EventRow.payload["rule_outcome"].as_string()
    query = in_window(
        select(EventRow.assessment_id, outcome)
        .join(AssessmentRow, AssessmentRow.id == EventRow.assessment_id)
        .where(EventRow.kind == EventKind.ASSESSED.value, outcome.is_not(None)),
        since,
        until,
        office,
    )
    with storage_errors(), sessions() as session:
        rows = session.execute(query).all()
    return pd.Series(
        [row[1] for row in rows], index=pd.Index([row[0] for row in rows], name="id"), name="rule_outcome", dtype=object
    )


def shadow_rule_report(
    frame: pd.DataFrame,
    rule_outcomes: pd.Series,
    *,
    confidence: float = 0.95,
    rounds: int = 200,
    max_rows: int = 2000,
    seed: int = 0,
) -> ShadowRuleResult:
    """Agreement of model, rule and counsellor, and the realised performance of model and rule.

    Parameters
    ----------
    frame : pandas.DataFrame
        An assessment frame (:func:`monitoring.analysis.frames.assessment_frame`) with ``id``, ``risk``,
        ``suggested_level``, ``decided_level`` and ``label``; only scored rows (with a risk) count.
    rule_outcomes : pandas.Series
        :func:`recorded_rule_outcomes`: the rule's outcome by assessment id.
    confidence : float, default 0.95
        Coverage of every interval.
    rounds, max_rows, seed
        Of the AUC bootstrap (:func:`monitoring.analysis.intervals.bootstrap_interval`).

    Returns
    -------
    ShadowRuleResult

    Raises
    ------
    InvalidInputError
        If a column is missing, a risk, label or level is not valid, a rule outcome is not a ``RuleOutcome`` value,
        or ``confidence`` is not in (0, 1).
    """
    require_columns(frame, ["id", "risk", "suggested_level", "decided_level", "label"], purpose="the shadow rule")
    scored = frame[frame["risk"].notna()]
    rows = scored.assign(rule_outcome=scored["id"].map(rule_outcomes))
    rows = rows[rows["rule_outcome"].notna()]
    unknown = sorted(set(rows["rule_outcome"]) - set(RULE_SCORE))
    if unknown:
        raise InvalidInputError(f"{UNKNOWN_OUTCOME}: {unknown[:5]}")
    rows = rows.assign(rule_level=rows["rule_outcome"].map(RULE_LEVEL_VALUES))
    for column in ("suggested_level", "decided_level"):
        level_index(rows[column])  # refuses a level that is not a FollowUpLevel value
    label = label_values(rows["label"])
    decided = rows[rows["decided_level"].notna()]
    known = rows[~np.isnan(label)]
    performance, difference = _performance(known, confidence=confidence, rounds=rounds, max_rows=max_rows, seed=seed)
    return ShadowRuleResult(
        counts={
            "scored": len(scored),
            "with_rule_outcome": len(rows),
            "decided": len(decided),
            "with_outcome": len(known),
        },
        agreement=_agreement(rows, decided, confidence),
        combinations=_combinations(decided),
        performance=performance,
        auc_difference=difference,
        alerts=_alerts(difference, len(known)),
    )


def _agreement(rows: pd.DataFrame, decided: pd.DataFrame, confidence: float) -> pd.DataFrame:
    model, rule = rows["suggested_level"], rows["rule_level"]
    d_model, d_rule, d_counsellor = decided["suggested_level"], decided["rule_level"], decided["decided_level"]
    split = d_model != d_rule
    comparisons: list[tuple[str, str, pd.Series]] = [
        ("model_equals_rule", "scored_cases", model == rule),
        ("counsellor_equals_model", "decided_cases", d_counsellor == d_model),
        ("counsellor_equals_rule", "decided_cases", d_counsellor == d_rule),
        ("all_three_agree", "decided_cases", (d_counsellor == d_model) & ~split),
        ("counsellor_equals_model", DIFFERING, (d_counsellor == d_model)[split]),
        ("counsellor_equals_rule", DIFFERING, (d_counsellor == d_rule)[split]),
        ("counsellor_equals_neither", DIFFERING, ((d_counsellor != d_model) & (d_counsellor != d_rule))[split]),
    ]
    table = pd.DataFrame(
        [(name, among, len(agree), int(agree.sum())) for name, among, agree in comparisons],
        columns=["comparison", "among", "n", "agree"],
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        table["share"] = table["agree"] / table["n"].where(table["n"] > 0)
    table["low"], table["high"] = wilson_interval(
        table["agree"].to_numpy(), table["n"].to_numpy(), confidence=confidence
    )
    return table


def _combinations(decided: pd.DataFrame) -> pd.DataFrame:
    if decided.empty:
        return pd.DataFrame(columns=_COMBINATION_COLUMNS)
    keys = ["suggested_level", "rule_outcome", "rule_level", "decided_level"]
    table = decided.groupby(keys, sort=False).size().rename("n").reset_index()
    table["share"] = table["n"] / len(decided)
    order = [level_index(table[name]) for name in ("suggested_level", "rule_level", "decided_level")]
    outcome_order = table["rule_outcome"].map(RULE_SCORE).to_numpy()
    ranked = np.lexsort((order[2], outcome_order, order[0]))
    return table.iloc[ranked].reset_index(drop=True)[_COMBINATION_COLUMNS]


def _performance(
    known: pd.DataFrame, *, confidence: float, rounds: int, max_rows: int, seed: int
) -> tuple[pd.DataFrame, dict[str, float] | None]:
    if known.empty:
        return pd.DataFrame(columns=_PERFORMANCE_COLUMNS), None
    label = label_values(known["label"])
    risk = risk_values(known["risk"], missing_allowed=False)
    rule_score = known["rule_outcome"].map(RULE_SCORE).to_numpy(dtype=np.float64)
    above_standard = {
        SCORERS[0]: level_index(known["suggested_level"]) > _STANDARD,
        SCORERS[1]: level_index(known["rule_level"]) > _STANDARD,
    }
    scores = dict(zip(SCORERS, (risk, rule_score), strict=True))
    interval = partial(bootstrap_interval, rounds=rounds, max_rows=max_rows, seed=seed, confidence=confidence)
    rows = []
    for scorer, score in scores.items():
        estimate = float(auc(label, score))
        auc_low, auc_high = interval(label, score, statistic=auc, estimate=estimate)
        selected = above_standard[scorer]
        hits, positives = int(label[selected].sum()), int(label.sum())
        precision_low, precision_high = wilson_interval(hits, int(selected.sum()), confidence=confidence)
        recall_low, recall_high = wilson_interval(hits, positives, confidence=confidence)
        rows.append(
            [
                scorer,
                len(label),
                estimate,
                auc_low,
                auc_high,
                int(selected.sum()),
                float(selected.mean()),
                hits / selected.sum() if selected.any() else float("nan"),
                precision_low,
                precision_high,
                hits / positives if positives else float("nan"),
                recall_low,
                recall_high,
            ]
        )
    estimate = float(auc(label, risk) - auc(label, rule_score))
    low, high = interval(label, risk, rule_score, statistic=lambda y, r, s: auc(y, r) - auc(y, s), estimate=estimate)
    difference = {"auc_difference": estimate, "auc_difference_low": low, "auc_difference_high": high}
    return pd.DataFrame(rows, columns=_PERFORMANCE_COLUMNS), difference


def _alerts(difference: dict[str, float] | None, n: int) -> list[AlertMessage]:
    if difference is None or not difference["auc_difference_high"] < 0:
        return []
    estimate, low, high = difference.values()
    interval = {"difference": estimate, "difference_low": low, "difference_high": high}
    return [AlertMessage("rule_ranks_better", interval | {"n": n})]
