"""The rest of a demo case after its assessment, replayed into the records (obligation: none; it gives the report's
oversight sections something to show on a fresh install).

A :class:`DemoCase` appends what the demo file (``python -m training demo-population``, whose module documents the
simulation) says happens next, each record at the time it would happen: the provisional level in a blind-first office
(:meth:`DemoCase.event`), then (:meth:`DemoCase.replay`) the counsellor's decision; for a permanent
level the approver's approval, or a return and a new decision first; the jobseeker's objection and another
counsellor's review, upholding the decision or superseding it with a new one (one step of follow-up the way the
jobseeker asked). A record due at or after the file's extract date is not appended, and the case stops there, so the
last weeks hold pending approvals and open objections, as a live service would.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from models.policy import FollowUpLevel
from monitoring.records.case_state import NEEDS_APPROVAL
from monitoring.records.decisions import record_decision
from monitoring.records.events import append_event
from monitoring.records.kinds import EventKind
from monitoring.records.tables import DecisionRow

DEMO_CALLER = "demo-loader"
_LEVELS = tuple(str(level) for level in FollowUpLevel)
_OBJECTION_HOUR, _BEFORE_REVIEW = dt.time(10), dt.timedelta(hours=1)


@dataclass
class DemoCase:
    """One registration's case after its assessment, appended record by record at the time each would happen; a record
    due at or after ``cutoff`` (the file's extract date) is not appended, and the case stops there.
    """

    sessions: sessionmaker[Session]
    row: dict[str, Any]
    tag: str
    assessment_id: str
    suggested: str | None
    cutoff: dt.datetime
    counts: Counter[str] = field(default_factory=Counter)
    decisions: int = 0

    def replay(self, level: str, reason: object, justification: object, *, at: dt.datetime) -> None:
        """The counsellor's decision at ``at``, with its reason and justification, and what follows it."""
        decision = self.decide(
            level, reason, justification, by=str(self.row["counsellor_id"]), at=at, documentation=self.documentation()
        )
        counted = self.approved(decision, at, returned=self.row["return_reason"] is not None)
        if counted is not None and self.row["objection_channel"] is not None:
            self.objection(*counted)

    def documentation(self) -> dict[str, Any] | None:
        """The counsellor's documentation of the first decision, from the demo row; ``None`` when undocumented."""
        factors = self.row["considered_factors"]
        if factors is None:
            return None
        wishes = self.row["jobseeker_wishes"]
        return {"factors": str(factors).split(";"), "wishes": wishes, "channel": self.row["follow_up_channel"]}

    def decide(
        self,
        level: str,
        reason: object,
        justification: object,
        *,
        by: str,
        at: dt.datetime,
        documentation: dict[str, Any] | None = None,
    ) -> DecisionRow:
        """A decision; the reason and the justification count only when it departs from the suggestion."""
        follows = self.suggested is None or level == self.suggested
        self.decisions += 1
        self.counts["decisions"] += 1
        self.counts["events"] += documentation is not None  # its documentation record is an event
        return record_decision(
            self.sessions,
            assessment_id=self.assessment_id,
            decided_level=level,
            request_id=f"{self.tag}-d{self.decisions}",
            caller=DEMO_CALLER,
            office=str(self.row["office"]),
            counsellor=by,
            reason_code=None if follows or reason is None else str(reason),
            justification=None if follows or justification is None else str(justification),
            at=at,
            documentation=documentation,
        )

    def event(self, kind: EventKind, payload: dict[str, Any], *, by: str, at: dt.datetime) -> bool:
        """Append an event on the case unless it is due at or after the cutoff; whether it was appended."""
        if at >= self.cutoff:
            return False
        self.counts["events"] += 1
        append_event(
            self.sessions,
            kind=kind,
            payload=payload,
            caller=DEMO_CALLER,
            actor=by,
            office=str(self.row["office"]),
            assessment_id=self.assessment_id,
            request_id=f"{self.tag}-{kind.value}",
            at=at,
        )
        return True

    def approved(
        self, decision: DecisionRow, at: dt.datetime, *, returned: bool
    ) -> tuple[DecisionRow, dt.datetime] | None:
        """The decision that counts and when it came to count: at once, or after the approver's approval (and a return
        and a new decision first, when ``returned``); ``None`` while it still awaits approval at the cutoff.
        """
        if decision.decided_level not in NEEDS_APPROVAL:
            return decision, at
        approver, wait = str(self.row["approver_id"]), dt.timedelta(days=float(self.row["approval_days"]))
        if returned:
            at += wait
            if not self.event(
                EventKind.RETURN, {"decision_id": decision.id, "reason": self.row["return_reason"]}, by=approver, at=at
            ):
                return None
            at += dt.timedelta(days=float(self.row["redecision_days"]))
            if at >= self.cutoff:
                return None
            decision = self.decide(
                decision.decided_level, decision.reason_code, decision.justification, by=decision.counsellor, at=at
            )
        at += wait
        if not self.event(EventKind.APPROVAL, {"decision_id": decision.id}, by=approver, at=at):
            return None
        return decision, at

    def objection(self, decision: DecisionRow, at: dt.datetime) -> None:
        """The jobseeker's objection to the decision that counts since ``at``, and its review."""
        received = (at + dt.timedelta(days=int(self.row["objection_days"]))).date()
        objected = dt.datetime.combine(received, _OBJECTION_HOUR, dt.UTC)
        payload = {
            "decision_id": decision.id,
            "channel": self.row["objection_channel"],
            "received_on": received,
            "text": self.row["objection_text"],
        }
        if not self.event(EventKind.OBJECTION, payload, by=str(self.row["counsellor_id"]), at=objected):
            return
        reviewed = objected + dt.timedelta(days=float(self.row["review_days"]))
        if reviewed >= self.cutoff:
            return
        reviewer, outcome = str(self.row["reviewer_id"]), str(self.row["review_outcome"])
        justification = self.row["review_justification"]
        if outcome == "superseded":
            level = _stepped(decision.decided_level, int(self.row["objection_step"]))
            decision = self.decide(
                level, self.row["review_reason"], justification, by=reviewer, at=reviewed - _BEFORE_REVIEW
            )
        self.event(EventKind.REVIEW, {"outcome": outcome, "justification": justification}, by=reviewer, at=reviewed)
        if outcome == "superseded":
            self.approved(decision, reviewed, returned=False)


def _stepped(level: str, step: int) -> str:
    """One step of follow-up more (``step`` 1) or less (-1); the other way at either end of the levels."""
    index = _LEVELS.index(level)
    return _LEVELS[index + step if 0 <= index + step < len(_LEVELS) else index - step]
