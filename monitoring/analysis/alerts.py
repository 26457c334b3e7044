"""Alerts as data, computed without a report, and their scheduled evaluation (obligations: post-market monitoring,
AI Act Art. 72; human oversight, Art. 14).

Each section of the audit report raises its alerts as keyed sentences (:class:`~monitoring.analysis.alert_messages.
AlertMessage`: drift, fairness, overrides, performance, shadow rule, model events, trials); the chain and an empty
period raise theirs. Here each alert becomes an :class:`Alert` with a stable ``kind`` (:class:`AlertKind`: the section
that raised it, ``chain`` or ``no_rows``), the section, and the sentence's key and parameters, so that a machine can
count them by kind and a person can read them in any language. :func:`collect_alerts` turns what the sections raised
into alerts, for the report and for :func:`evaluate_alerts`, which runs only the sections that raise alerts, with the
sections' own functions, and builds no HTML. :func:`watch_once` evaluates a period that ends now and stores the result
(:mod:`monitoring.records.alert_evaluations`), where the service reads it for ``GET /v1/audit/alerts`` and ``/metrics``.

Limit: a kind names the section, not the rule inside it (too many and too few overrides are both ``overrides``); the
sentence's key says which.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConfigurationError
from models.texts import Language
from monitoring.analysis.alert_messages import AlertMessage
from monitoring.analysis.fairness import fairness_report
from monitoring.analysis.frames import assessment_frame
from monitoring.analysis.model_events import model_events_report
from monitoring.analysis.overrides import override_report
from monitoring.analysis.performance import performance_summary
from monitoring.analysis.shadow_rule import recorded_rule_outcomes, shadow_rule_report
from monitoring.analysis.trial_frame import trial_section
from monitoring.records.alert_evaluations import record_alert_evaluation
from monitoring.records.chain import verify_chain
from monitoring.records.tables import AlertEvaluationRow

NO_ROWS = "no_rows"
CHAIN_BROKEN = "chain_broken"
ALERT_KEYS: tuple[str, ...] = (NO_ROWS, CHAIN_BROKEN)
"""The keys of the alerts raised here, beside the sections' (:data:`models.texts.ALERT_TEXTS`)."""
UNKNOWN_SECTION = "section {section!r} raises alerts but has no alert kind: add it to AlertKind and ALERT_KIND_TEXTS"


class AlertKind(StrEnum):
    """What raised an alert: a section of the report, the chain, or an empty period. Labels: ``ALERT_KIND_TEXTS``."""

    DRIFT = "drift"
    FAIRNESS = "fairness"
    OVERRIDES = "overrides"
    PERFORMANCE = "performance"
    SHADOW_RULE = "shadow_rule"
    MODEL_EVENTS = "model_events"
    TRIALS = "trials"
    CHAIN = "chain"
    NO_ROWS = "no_rows"


@dataclass(frozen=True)
class Alert:
    """One alert: its ``kind``, the ``section`` of the report it belongs to, and its sentence (a key and parameters).

    Examples
    --------
    >>> alert = Alert(AlertKind.CHAIN, "chain", AlertMessage(CHAIN_BROKEN, {"breaks": 2}))
    >>> alert.line, alert.as_dict()["key"], alert.text("nb")
    ('chain: The records do not hold in 2 place(s).', 'chain_broken', 'Registreringene holder ikke på 2 sted(er).')
    """

    kind: AlertKind
    section: str
    sentence: AlertMessage

    @property
    def message(self) -> str:
        """The sentence in English, for machines and logs."""
        return self.sentence.message

    def text(self, lang: Language) -> str:
        """The sentence in ``lang``."""
        return self.sentence.text(lang)

    @property
    def line(self) -> str:
        """The alert as one English line: ``section: message`` (an empty period's message alone)."""
        return self.message if self.kind is AlertKind.NO_ROWS else f"{self.section}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        """The alert as JSON, for the report and storage: ``kind``, ``section``, ``key``, ``params``, ``message``."""
        return {"kind": self.kind.value, "section": self.section, **self.sentence.as_dict()}


Raised = AlertMessage | Mapping[str, Any]
"""An alert as a section raises it, or in its JSON form (:meth:`AlertMessage.as_dict`)."""


def collect_alerts(
    raised: Mapping[str, Sequence[Raised]], *, assessments: int, chain_breaks: int | None
) -> list[Alert]:
    """The alerts of the sections, then of an empty period, then of the chain.

    Parameters
    ----------
    raised : mapping of str to sequence of AlertMessage or mapping
        Each section's alerts, by the section's name in the report (sections without alerts may be left out or map to
        an empty list).
    assessments : int
        Assessments in the period; none raises :data:`NO_ROWS`.
    chain_breaks : int or None
        Places where the chain does not hold; ``None`` when it was not verified.

    Returns
    -------
    list of Alert
        In the order of ``raised``, then the empty period, then the chain.

    Raises
    ------
    ConfigurationError
        When a section that has no :class:`AlertKind` raises an alert.

    Examples
    --------
    >>> drift = AlertMessage("risk_drift", {"method": "wasserstein", "distance": 0.2, "limit": 0.1})
    >>> [a.line for a in collect_alerts({"drift": [drift], "chain": []}, assessments=0, chain_breaks=2)]
    ['drift: Predicted risk has drifted: wasserstein distance 0.2 (limit 0.1).', 'No assessments in this period.', \
'chain: The records do not hold in 2 place(s).']
    """
    kinds = {kind.value: kind for kind in AlertKind}
    alerts: list[Alert] = []
    for section, messages in raised.items():
        if messages and section not in kinds:
            raise ConfigurationError(UNKNOWN_SECTION.format(section=section))
        alerts.extend(Alert(kinds[section], section, _sentence(message)) for message in messages)
    if not assessments:
        alerts.append(Alert(AlertKind.NO_ROWS, "summary", AlertMessage(NO_ROWS)))
    if chain_breaks:
        alerts.append(
            Alert(AlertKind.CHAIN, AlertKind.CHAIN.value, AlertMessage(CHAIN_BROKEN, {"breaks": chain_breaks}))
        )
    return alerts


def _sentence(raised: Raised) -> AlertMessage:
    return raised if isinstance(raised, AlertMessage) else AlertMessage.from_dict(raised)


def evaluate_alerts(
    sessions: sessionmaker[Session],
    *,
    since: dt.datetime | None,
    until: dt.datetime | None,
    office: str | None = None,
    reference: pd.DataFrame | None = None,
    horizon_months: int = 12,
    verify: bool = True,
) -> list[Alert]:
    """The alerts the audit report would show for the same arguments, without building the report.

    Parameters are those of :func:`monitoring.analysis.report.build_report`.

    Returns
    -------
    list of Alert
        In the report's order.

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    frame = assessment_frame(sessions, since=since, until=until, office=office, horizon_months=horizon_months)
    scored = frame[frame["risk"].notna()]
    raised: dict[str, Sequence[Raised]] = {}
    if len(scored):
        raised[AlertKind.OVERRIDES] = override_report(scored).alerts
        raised[AlertKind.FAIRNESS] = fairness_report(scored).alerts
        raised[AlertKind.PERFORMANCE] = performance_summary(scored)["alerts"]
        rule_outcomes = recorded_rule_outcomes(sessions, since=since, until=until, office=office)
        raised[AlertKind.SHADOW_RULE] = shadow_rule_report(scored, rule_outcomes).alerts
        if reference is not None:
            from monitoring.analysis.drift import drift_report  # Evidently takes seconds to import

            raised[AlertKind.DRIFT] = drift_report(reference=reference, current=scored).alerts
    raised[AlertKind.MODEL_EVENTS] = model_events_report(sessions, since=since, until=until).alerts
    raised[AlertKind.TRIALS] = trial_section(sessions, since=since, until=until, office=office).alerts
    breaks = len(verify_chain(sessions).breaks) if verify else None
    return collect_alerts(raised, assessments=len(frame), chain_breaks=breaks)


def watch_once(
    sessions: sessionmaker[Session],
    *,
    now: dt.datetime,
    window: dt.timedelta,
    reference: pd.DataFrame | None = None,
    horizon_months: int = 12,
    verify: bool = True,
) -> AlertEvaluationRow:
    """Evaluate the alerts over the ``window`` that ends at ``now`` and store the evaluation.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    now : datetime
        The end of the period (exclusive) and the evaluation's time; timezone-aware.
    window : timedelta
        The length of the period, e.g. the last 30 days of assessments.
    reference, horizon_months, verify
        As for :func:`evaluate_alerts`.

    Returns
    -------
    AlertEvaluationRow
        The stored evaluation.

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    since = now - window
    alerts = evaluate_alerts(
        sessions, since=since, until=now, reference=reference, horizon_months=horizon_months, verify=verify
    )
    return record_alert_evaluation(
        sessions, evaluated_at=now, since=since, until=now, alerts=[alert.as_dict() for alert in alerts]
    )


def counts_by_kind(alerts: Sequence[Mapping[str, Any]]) -> dict[str, int]:
    """How many alerts of each :class:`AlertKind` (every kind, zero when none), e.g. for one gauge series per kind.

    Examples
    --------
    >>> counts_by_kind([{"kind": "drift"}, {"kind": "drift"}])["drift"], counts_by_kind([])["chain"]
    (2, 0)
    """
    counts = dict.fromkeys((kind.value for kind in AlertKind), 0)
    for alert in alerts:
        counts[alert["kind"]] = counts.get(alert["kind"], 0) + 1
    return counts
