"""Driving one case through the records API, one arrow of the life of a case at a time, as the routes will."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy.orm import Session, sessionmaker

from monitoring.records.case_state import Case, case_of
from monitoring.records.decisions import record_decision
from monitoring.records.events import CaseCheck, append_event, record_provisional_level
from monitoring.records.tables import DecisionRow, EventRow

SUGGESTED = "SITUASJONSBESTEMT_INNSATS"  # what the records tests' model output suggests
PERMANENT = "VARIG_TILPASSET_INNSATS"
REASON = "Varig nedsatt arbeidsevne etter legeerklæring og arbeidsutprøving."
OFFICE = "0301"
COUNSELLOR, APPROVER, REVIEWER, AUDITOR = "Z990001", "Z990002", "Z990003", "A990001"

NO_DECISION = "00000000-0000-0000-0000-000000000000"
DOCUMENTED = {"factors": ["HEALTH", "WORK_EXPERIENCE"], "wishes": "Vil prøve deltid først.", "channel": "IN_PERSON"}

_Record = TypeVar("_Record", DecisionRow, EventRow)


@dataclass
class CaseWalk:
    """One assessment's case; each method appends one record on it and keeps it in ``records``."""

    sessions: sessionmaker[Session]
    assessment_id: str
    records: list[DecisionRow | EventRow] = field(default_factory=list)

    @property
    def case(self) -> Case:
        return case_of(self.sessions, assessment_id=self.assessment_id)

    def _kept(self, record: _Record) -> _Record:
        self.records.append(record)
        return record

    def provisional(self, level: str = PERMANENT, check: CaseCheck | None = None) -> EventRow:
        return self._kept(
            record_provisional_level(
                self.sessions,
                assessment_id=self.assessment_id,
                level=level,
                request_id="walk",
                caller=COUNSELLOR,
                office=OFFICE,
                counsellor=COUNSELLOR,
                check=check,
            )
        )

    def decide(
        self,
        level: str = PERMANENT,
        by: str = COUNSELLOR,
        check: CaseCheck | None = None,
        documentation: dict[str, object] | None = None,
    ) -> DecisionRow:
        override = {} if level == SUGGESTED else {"reason_code": "HEALTH", "justification": REASON}
        return self._kept(
            record_decision(
                self.sessions,
                assessment_id=self.assessment_id,
                decided_level=level,
                request_id="walk",
                caller=by,
                office=OFFICE,
                counsellor=by,
                check=check,
                documentation=documentation,
                **override,  # type: ignore[arg-type]
            )
        )

    def event(self, kind: str, payload: dict[str, object], by: str, check: CaseCheck | None = None) -> EventRow:
        return self._kept(
            append_event(
                self.sessions,
                kind=kind,
                payload=payload,
                caller=by,
                actor=by,
                office=OFFICE,
                assessment_id=self.assessment_id,
                request_id="walk",
                check=check,
            )
        )

    def current_decision(self) -> str:
        """The id an approval, return or objection names: the newest decision's (a made-up one before any)."""
        decision = self.case.decision
        return NO_DECISION if decision is None else decision.id

    def return_(self, reason: str = "Mangler vurdering av arbeidsevne.") -> EventRow:
        return self.event("return", {"decision_id": self.current_decision(), "reason": reason}, APPROVER)

    def approve(self) -> EventRow:
        return self.event("approval", {"decision_id": self.current_decision()}, APPROVER)

    def object_(self) -> EventRow:
        payload = {
            "decision_id": self.current_decision(),
            "channel": "letter",
            "received_on": dt.date(2026, 12, 1),
            "text": "Jeg mener jeg kan jobbe med litt tilrettelegging.",
        }
        return self.event("objection", payload, COUNSELLOR)

    def review(self, outcome: str) -> EventRow:
        payload = {"outcome": outcome, "justification": "Ny vurdering etter samtale med bruker og lege."}
        return self.event("review", payload, REVIEWER)


def subject_access(sessions: sessionmaker[Session], person_key: str) -> EventRow:
    return append_event(
        sessions,
        kind="subject_access",
        payload={"person_key": person_key, "purpose": "Innsynsbegjæring fra bruker, mottatt per brev."},
        caller=AUDITOR,
        actor=AUDITOR,
        office=None,
    )
