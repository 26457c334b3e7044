"""The oversight sections on hand-built cases: blind-first transitions, approvals and objections, counted exactly.

Runs on SQLite, and on PostgreSQL too when ``PROFILING_TEST_POSTGRES_URL`` is set.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pytest
from sqlalchemy.orm import Session, sessionmaker

from models.policy import FollowUpLevel
from models.risk_model import Assessment
from monitoring.analysis.intervals import wilson_interval
from monitoring.analysis.oversight import ABOUT, ALL_OFFICES, oversight_report
from monitoring.records.assessments import AssessmentRow
from monitoring.records.decisions import record_decision
from monitoring.records.events import append_event, record_provisional_level
from monitoring.records.tables import DecisionRow

AssessmentFactory = Callable[..., AssessmentRow]
ModelOutput = Callable[..., Assessment]

STANDARD, SITUATION, SPECIAL = "STANDARD_INNSATS", "SITUASJONSBESTEMT_INNSATS", "SPESIELT_TILPASSET_INNSATS"
GRADED, PERMANENT = "GRADERT_VARIG_TILPASSET_INNSATS", "VARIG_TILPASSET_INNSATS"
A, B = "0301", "4601"
COUNSELLOR, APPROVER, REVIEWER = "Z990001", "Z990002", "Z990003"
REASON = "Varig nedsatt arbeidsevne etter legeerklæring og arbeidsutprøving."
T0 = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
SINCE = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def day(days: float) -> dt.datetime:
    return T0 + dt.timedelta(days=days)


@dataclass
class Cases:
    """Writes cases through the records API, each record at a given time."""

    sessions: sessionmaker[Session]
    make_assessment: AssessmentFactory
    model_output: ModelOutput

    def assess(self, office: str, suggested: str = SITUATION, *, blind: bool = False, at: dt.datetime = T0) -> str:
        output = self.model_output(level=FollowUpLevel(suggested))
        return self.make_assessment(office=office, assessment=output, blind_first=blind, at=at).id

    def provisional(self, case: str, level: str, office: str, at: dt.datetime = T0) -> None:
        record_provisional_level(
            self.sessions,
            assessment_id=case,
            level=level,
            request_id="p",
            caller=COUNSELLOR,
            office=office,
            counsellor=COUNSELLOR,
            at=at + dt.timedelta(minutes=1),
        )

    def decide(
        self, case: str, level: str, office: str, *, at: dt.datetime, by: str = COUNSELLOR, override: bool = True
    ) -> DecisionRow:
        reason = {"reason_code": "HEALTH", "justification": REASON} if override else {}
        return record_decision(
            self.sessions,
            assessment_id=case,
            decided_level=level,
            request_id="d",
            caller=by,
            office=office,
            counsellor=by,
            at=at,
            **reason,  # type: ignore[arg-type]
        )

    def event(self, case: str, kind: str, payload: dict[str, object], office: str, *, by: str, at: dt.datetime) -> None:
        append_event(
            self.sessions,
            kind=kind,
            payload=payload,
            caller=by,
            actor=by,
            office=office,
            assessment_id=case,
            at=at,
        )

    def object_(self, case: str, decision: DecisionRow, office: str, received: dt.datetime) -> None:
        payload = {
            "decision_id": decision.id,
            "channel": "letter",
            "received_on": received.date(),
            "text": "Jeg mener jeg kan jobbe med litt tilrettelegging.",
        }
        self.event(case, "objection", payload, office, by=COUNSELLOR, at=received)

    def review(self, case: str, outcome: str, office: str, at: dt.datetime) -> None:
        payload = {"outcome": outcome, "justification": "Ny vurdering etter samtale med bruker og lege."}
        self.event(case, "review", payload, office, by=REVIEWER, at=at)


@pytest.fixture()
def cases(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory, model_output: ModelOutput
) -> sessionmaker[Session]:
    """Eleven cases in two offices (see each block), and one blind-first case assessed before the period."""
    w = Cases(sessions, make_assessment, model_output)
    # Blind-first, office A: moved toward the suggestion; kept a level below it; agreed with it from the start.
    for provisional, final in ((STANDARD, SITUATION), (STANDARD, STANDARD), (SITUATION, SITUATION)):
        case = w.assess(A, blind=True)
        w.provisional(case, provisional, A)
        w.decide(case, final, A, at=day(0.01), override=final != SITUATION)
    # Blind-first, office B: agreed with the suggestion, then a permanent level, returned, decided again and approved
    # 3 days later; two steps below the suggestion, then one step toward it; a provisional level not decided yet.
    case = w.assess(B, SPECIAL, blind=True)
    w.provisional(case, SPECIAL, B)
    returned = w.decide(case, PERMANENT, B, at=day(0.01))
    w.event(
        case,
        "return",
        {"decision_id": returned.id, "reason": "Mangler vurdering av arbeidsevne."},
        B,
        by=APPROVER,
        at=day(1),
    )
    again = w.decide(case, GRADED, B, at=day(2))
    w.event(case, "approval", {"decision_id": again.id}, B, by=APPROVER, at=day(5))
    case = w.assess(B, SPECIAL, blind=True)
    w.provisional(case, STANDARD, B)
    w.decide(case, SITUATION, B, at=day(0.01))
    w.provisional(w.assess(B, blind=True), SITUATION, B)
    # Office A: a permanent level approved 1.5 days after, then objected to and upheld 20 days after it was received;
    # a permanent level awaiting approval.
    case = w.assess(A)
    graded = w.decide(case, GRADED, A, at=day(1))
    w.event(case, "approval", {"decision_id": graded.id}, A, by=APPROVER, at=day(2.5))
    w.object_(case, graded, A, received=day(10))
    w.review(case, "upheld", A, at=day(30.2))
    w.decide(w.assess(A), PERMANENT, A, at=day(3))
    # Objections: upheld in office A 10 days after; superseded in office B 4 days after; open in office B.
    case = w.assess(A)
    decision = w.decide(case, SITUATION, A, at=day(1), override=False)
    w.object_(case, decision, A, received=day(4))
    w.review(case, "upheld", A, at=day(14.5))
    case = w.assess(B)
    decision = w.decide(case, SITUATION, B, at=day(1), override=False)
    w.object_(case, decision, B, received=day(3))
    w.decide(case, STANDARD, B, by=REVIEWER, at=day(6.9))
    w.review(case, "superseded", B, at=day(7))
    case = w.assess(B)
    w.object_(case, w.decide(case, SITUATION, B, at=day(1), override=False), B, received=day(3))
    # Before the period: a blind-first case that changed its level.
    case = w.assess(A, blind=True, at=day(-30))
    w.provisional(case, STANDARD, A, at=day(-30))
    w.decide(case, SITUATION, A, at=day(-29), override=False)
    return sessions


def rows_by_office(table: pd.DataFrame) -> dict[str, dict[str, object]]:
    return {str(row["office"]): row for row in table.to_dict("records")}


def test_blind_first_transitions_and_moves_toward_the_suggestion(cases: sessionmaker[Session]) -> None:
    result = oversight_report(cases, since=SINCE)
    rows = rows_by_office(result.blind_first)
    assert list(rows) == [ALL_OFFICES, A, B]
    expected = {
        ALL_OFFICES: {"transitions": 5, "changed": 3, "disagreed": 3, "moved_toward": 2},
        A: {"transitions": 3, "changed": 1, "disagreed": 2, "moved_toward": 1},
        B: {"transitions": 2, "changed": 2, "disagreed": 1, "moved_toward": 1},
    }
    for office, counts in expected.items():
        assert {key: rows[office][key] for key in counts} == counts
        assert rows[office]["changed_share"] == counts["changed"] / counts["transitions"]
        assert rows[office]["toward_share"] == counts["moved_toward"] / counts["disagreed"]
        low, high = wilson_interval(counts["moved_toward"], counts["disagreed"])
        assert (rows[office]["toward_low"], rows[office]["toward_high"]) == pytest.approx((low, high))
    matrix = result.transitions
    assert int(matrix.to_numpy().sum()) == 5
    assert matrix.loc[STANDARD, SITUATION] == 2 and matrix.loc[SPECIAL, PERMANENT] == 1
    assert matrix.loc[STANDARD, STANDARD] == 1 and matrix.loc[SITUATION, SITUATION] == 1


def test_approvals_count_each_decision_on_a_permanent_level(cases: sessionmaker[Session]) -> None:
    rows = rows_by_office(oversight_report(cases, since=SINCE).approvals)
    columns = ("needing_approval", "approved", "returned", "pending", "median_days_to_approval")
    assert {office: tuple(row[c] for c in columns) for office, row in rows.items()} == {
        ALL_OFFICES: (4, 2, 1, 1, pytest.approx(2.25)),
        A: (2, 1, 0, 1, pytest.approx(1.5)),
        B: (2, 1, 1, 0, pytest.approx(3.0)),
    }


def test_objections_count_outcomes_and_days_to_review(cases: sessionmaker[Session]) -> None:
    rows = rows_by_office(oversight_report(cases, since=SINCE).objections)
    columns = ("objections", "upheld", "superseded", "open", "median_days_to_review")
    assert {office: tuple(row[c] for c in columns) for office, row in rows.items()} == {
        ALL_OFFICES: (4, 2, 1, 1, 10.0),
        A: (2, 2, 0, 0, 15.0),
        B: (2, 0, 1, 1, 4.0),
    }


def test_period_and_office_select_cases_by_their_assessment(cases: sessionmaker[Session]) -> None:
    everything = rows_by_office(oversight_report(cases).blind_first)
    assert everything[ALL_OFFICES]["transitions"] == 6 and everything[A]["changed"] == 2
    office_a = oversight_report(cases, since=SINCE, office=A)
    for table in (office_a.blind_first, office_a.approvals, office_a.objections):
        assert list(table["office"]) == [ALL_OFFICES, A]
        overall, office = table.iloc[0].drop("office"), table.iloc[1].drop("office")
        assert overall.equals(office)
    later = oversight_report(cases, since=day(1))
    assert [len(table) for table in (later.blind_first, later.approvals, later.objections)] == [1, 1, 1]
    assert later.blind_first.iloc[0]["transitions"] == 0


def test_json_opens_each_section_with_its_sentence(cases: sessionmaker[Session]) -> None:
    document = oversight_report(cases, since=SINCE).json
    assert set(document) == {"blind_first", "approvals", "objections"}
    for name, section in document.items():
        assert section["about"] == ABOUT[name] and section["about"].endswith(".")
        assert section["overall"]["office"] == ALL_OFFICES
        assert [row["office"] for row in section["by_office"]] == [A, B]
    assert document["blind_first"]["overall"]["moved_toward"] == 2
    assert {"provisional": SPECIAL, "final": PERMANENT, "n": 1} in document["blind_first"]["transitions"]
    assert sum(cell["n"] for cell in document["blind_first"]["transitions"]) == 5
    assert document["objections"]["overall"]["open"] == 1
    json.dumps(document, allow_nan=False)


def test_no_records_give_zero_counts_and_no_shares(sessions: sessionmaker[Session]) -> None:
    result = oversight_report(sessions)
    assert result.json["blind_first"]["overall"] == {
        "office": ALL_OFFICES,
        "transitions": 0,
        "changed": 0,
        "changed_share": None,
        "disagreed": 0,
        "moved_toward": 0,
        "toward_share": None,
        "toward_low": None,
        "toward_high": None,
    }
    assert result.json["approvals"]["overall"]["needing_approval"] == 0
    assert result.json["objections"]["overall"]["objections"] == 0
    assert result.json["objections"]["overall"]["median_days_to_review"] is None
    assert not np.asarray(result.transitions).any()
