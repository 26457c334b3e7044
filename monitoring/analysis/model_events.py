"""The model's life for the audit report: every promotion request, approval, rejection and alias move in a period
(obligations: audit trail, human oversight of the model).

Read from the chain (:mod:`monitoring.records.model_events`), one row per event in chain order. The flags an auditor
looks for are columns of their own: ``rollback`` (a former champion asked for again), ``loosened`` (gate limits set
looser than their defaults for a request), ``self_approved_bootstrap`` (a fresh install's first champion, approved by
the process that asked, which no second person saw).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session, sessionmaker

from monitoring.analysis.alert_messages import AlertMessage
from monitoring.analysis.json_tables import json_records
from monitoring.records.kinds import EventKind
from monitoring.records.model_events import model_events as chained_model_events

ABOUT = (
    "Every promotion request, approval, rejection and move of the champion alias in the period, from the chain: who "
    "asked, who approved, which gate limits were loosened, and which versions went back into use (rollbacks)."
)
"""The sentence that opens the section."""
SELF_APPROVED = "self_approved_champion"
LOOSENED = "loosened_limits"
ALERT_KEYS: tuple[str, ...] = (SELF_APPROVED, LOOSENED)
"""The keys of the alerts of the section (:data:`models.texts.ALERT_TEXTS`)."""

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


@dataclass(frozen=True)
class ModelEventsResult:
    """The model events of a period (:func:`model_events`) and what an auditor should look at."""

    events: pd.DataFrame

    @property
    def alerts(self) -> list[AlertMessage]:
        """A self-approved bootstrap approval (no second person) and a request with loosened limits, one each."""
        bootstraps = self.events[self.events["self_approved_bootstrap"]]
        requests = self.events[(self.events["kind"] == EventKind.PROMOTION_REQUESTED) & (self.events["loosened"] != "")]
        return [
            AlertMessage(SELF_APPROVED, {"model": str(row["model"]), "version": str(row["version"])})
            for row in bootstraps.to_dict("records")
        ] + [
            AlertMessage(LOOSENED, {name: str(row[name]) for name in ("request_id", "model", "version", "loosened")})
            for row in requests.to_dict("records")
        ]

    @property
    def json(self) -> dict[str, Any]:
        counts = self.events["kind"].value_counts()
        return {
            "model_events": {
                "about": ABOUT,
                "counts": {str(kind): int(counts.get(kind, 0)) for kind in _COUNTED},
                "events": json_records(self.events.assign(created_at=self.events["created_at"].astype(str))),
                "alerts": [alert.as_dict() for alert in self.alerts],
            }
        }

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        return {"model events": self.events}


_COUNTED = (
    EventKind.PROMOTION_REQUESTED,
    EventKind.PROMOTION_APPROVED,
    EventKind.PROMOTION_REJECTED,
    EventKind.ALIAS_MOVED,
)


def model_events_report(
    sessions: sessionmaker[Session], *, since: dt.datetime | None = None, until: dt.datetime | None = None
) -> ModelEventsResult:
    """The model events of ``[since, until)`` for the audit report (not by office: a model serves every office).

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    return ModelEventsResult(model_events(sessions, since=since, until=until))
