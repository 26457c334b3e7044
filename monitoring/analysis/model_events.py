"""The model's life for the audit report: every promotion request, approval, rejection and alias move in a period
(obligations: audit trail, human oversight of the model).

Read from the chain (:mod:`monitoring.records.model_events`), one row per event in chain order. The flags an auditor
looks for are columns of their own: ``rollback`` (a former champion asked for again), ``loosened`` (gate limits set
looser than their defaults for a request), ``self_approved_bootstrap`` (a fresh install's first champion, approved by
the process that asked, which no second person saw).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy.orm import Session, sessionmaker

from monitoring.records.model_events import model_events as chained_model_events

COLUMNS = (
    "seq",
    "created_at",
    "kind",
    "model",
    "version",
    "actor",
    "caller",
    "request_id",
    "previous",
    "rollback",
    "loosened",
    "self_approved_bootstrap",
    "reason",
)


def model_events(
    sessions: sessionmaker[Session], *, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> pd.DataFrame:
    """Model events created in ``[since, until)`` (each bound optional, timezone-aware), in chain order.

    Returns
    -------
    pandas.DataFrame
        :data:`COLUMNS`: ``request_id`` is the event's own id for a request; ``loosened`` names each loosened limit
        with its value (``"max_ece=0.05"``, empty when none); ``previous`` is the champion an alias move replaced;
        ``reason`` is a request's reason or a rejection's.

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    rows = []
    for event in chained_model_events(sessions, since=since, until=until):
        payload = event.payload
        rows.append(
            {
                "seq": event.seq,
                "created_at": event.created_at,
                "kind": event.kind,
                "model": payload["model"],
                "version": payload["version"],
                "actor": event.actor,
                "caller": event.caller,
                "request_id": payload.get("request_id", event.id),
                "previous": payload.get("previous"),
                "rollback": bool(payload.get("rollback", False)),
                "loosened": ", ".join(f"{item['limit']}={item['value']}" for item in payload.get("loosened", ())),
                "self_approved_bootstrap": bool(payload.get("self_approved_bootstrap", False)),
                "reason": payload.get("reason"),
            }
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))
