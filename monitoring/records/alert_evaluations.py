"""Stored evaluations of the monitoring alerts (obligation: post-market monitoring, AI Act Art. 72).

``python -m monitoring watch`` evaluates the alerts on a schedule and keeps each evaluation here: when it ran, the
period it evaluated and the alerts it found, as plain ``{"kind", "section", "message", "key", "params"}`` mappings
(the sentence's key of :data:`models.texts.ALERT_TEXTS` and its parameters, so that a reader can show it in any
language; evaluations stored before the keys have only the English ``message``). The service reads
the latest one for ``GET /v1/audit/alerts`` and ``/metrics``, so every replica shows the same evaluation and none
has to compute it. Evaluations are not chained: they are derived from the chained records and can be computed again.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from monitoring.records.db import storage_errors
from monitoring.records.tables import AlertEvaluationRow

ALERT_FIELDS = ("kind", "section", "message")
"""The fields every stored alert has."""
KEYED_FIELDS = ("key", "params")
"""The fields of an alert's keyed sentence, stored when the alert has them."""
NO_EVALUATION = "no_alert_evaluation"


def record_alert_evaluation(
    sessions: sessionmaker[Session],
    *,
    evaluated_at: dt.datetime,
    since: dt.datetime | None,
    until: dt.datetime | None,
    alerts: Sequence[Mapping[str, Any]],
) -> AlertEvaluationRow:
    """Store one evaluation of the alerts.

    Parameters
    ----------
    sessions : sessionmaker[Session]
        From :func:`monitoring.records.db.session_factory`.
    evaluated_at : datetime
        When the evaluation ran (timezone-aware).
    since, until : datetime or None
        The period evaluated (``created_at`` of the assessments in ``[since, until)``; open when ``None``).
    alerts : sequence of mapping
        Each with the keys of :data:`ALERT_FIELDS` and, if keyed, of :data:`KEYED_FIELDS` (other keys are not stored).

    Returns
    -------
    AlertEvaluationRow
        The stored row.

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    row = AlertEvaluationRow(
        id=str(uuid.uuid4()),
        evaluated_at=evaluated_at,
        since=since,
        until=until,
        alerts=[
            {name: str(alert[name]) for name in ALERT_FIELDS}
            | {name: alert[name] for name in KEYED_FIELDS if name in alert}
            for alert in alerts
        ],
    )
    with storage_errors(), sessions.begin() as session:
        session.add(row)
    return row


def latest_alert_evaluation(sessions: sessionmaker[Session]) -> AlertEvaluationRow | None:
    """The newest stored evaluation (by ``evaluated_at``), or ``None`` when ``watch`` has never run.

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    newest = select(AlertEvaluationRow).order_by(AlertEvaluationRow.evaluated_at.desc()).limit(1)
    with storage_errors(), sessions() as session:
        row = session.scalars(newest).first()
        if row is not None:
            session.expunge(row)
        return row
