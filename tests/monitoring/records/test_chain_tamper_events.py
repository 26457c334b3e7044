"""Each kind of event, edited, deleted or reordered directly in the database, is found by ``verify_chain`` at the
place where it happened, and by ``verify_records`` on the case it belongs to. The chain holds one case walked through
every arrow of its life (provisional level, decision, return, decision, approval, objection, the reviewer's decision,
review), a subject-access lookup, a model's promotion requested, approved and moved, and another rejected, and records
after them, so that nothing tampered with is the head."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, update
from sqlalchemy.orm import Session, sessionmaker

from models.schema import NORWAY
from monitoring.records.assessments import AssessmentRow
from monitoring.records.chain import (
    ASSESSMENT_NOT_CHAINED,
    CONTENT_ALTERED,
    GAP_IN_SEQUENCE,
    LINK_BROKEN,
    ChainBreak,
    verify_chain,
)
from monitoring.records.kinds import MODEL_EVENTS, EventKind
from monitoring.records.tables import EventRow
from monitoring.records.trials import define_trial, draw
from tests.monitoring.records.cases import DOCUMENTED, SUGGESTED, CaseWalk, subject_access
from tests.monitoring.records.model_walk import ModelWalk, offline_registry
from tests.monitoring.records.tampering import Link, after, at, links, tamper, verified

AssessmentFactory = Callable[..., AssessmentRow]
STANDARD = "STANDARD_INNSATS"
TODAY = dt.datetime.now(NORWAY).date()
TRIAL = {
    "trial_id": "eq-tamper",
    "kind": "equivalence",
    "eligible_offices": ["0301"],
    "starts_on": TODAY - dt.timedelta(days=1),
    "ends_on": TODAY + dt.timedelta(days=1),
    "protocol_reference": "OSF-REG 2027/14",
    "target_sample_size": 400,
}

EDITS: dict[str, tuple[str, object]] = {
    "assessed": ("actor", "Z000000"),
    "provisional_level": ("payload", {"level": SUGGESTED}),
    "approval": ("payload", {"decision_id": "00000000-0000-0000-0000-000000000000"}),
    "return": ("payload", {"decision_id": "", "reason": "Godkjent likevel etter ny samtale."}),
    "objection": ("payload", {"decision_id": "", "channel": "digital", "received_on": "2026-12-01", "text": "Nei."}),
    "review": ("payload", {"outcome": "upheld", "justification": "Opprettholdt etter ny vurdering."}),
    "subject_access": ("payload", {"person_key": "ef" * 32, "purpose": "Kontroll."}),
    "documentation": ("payload", {"decision_id": "", "factors": ["HEALTH"], "wishes": None, "channel": "DIGITAL"}),
    "promotion_requested": ("actor", "D990002"),
    "promotion_approved": ("actor", "D990001"),
    "promotion_rejected": ("payload", {"request_id": "x", "model": "m", "version": "1", "reason": "Changed."}),
    "alias_moved": (
        "payload",
        {"model": "jobseeker-risk", "version": "1", "previous": None, "request_id": "x", "approval_id": "y"},
    ),
    "trial_defined": ("payload", {**TRIAL, "target_sample_size": 40}),
    "trial_draw": ("actor", "Z990009"),
}
"""A change to each kind of event: a column, and its new value."""


@dataclass(frozen=True)
class Walked:
    events: dict[str, EventRow]
    """One event of each kind."""
    chain: list[Link]
    """Every link, in ``seq`` order."""


@pytest.fixture()
def walked(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory, person: str, monkeypatch: pytest.MonkeyPatch
) -> Walked:
    walk = CaseWalk(sessions, make_assessment(blind_first=True).id)
    walk.provisional()
    walk.decide(documentation=DOCUMENTED)
    walk.return_()
    walk.decide()
    walk.approve()
    walk.object_()
    walk.decide(SUGGESTED, by="Z990003")
    walk.review("superseded")
    access = subject_access(sessions, person)
    offline_registry(monkeypatch)
    model = ModelWalk(sessions)
    model.approve(model.request("1").id)
    model.reject(model.request("2", champion="1").id)
    define_trial(sessions, **TRIAL, actor="D990001", caller="D990001")
    drawn = make_assessment(trial_consent=True).id
    draw(
        sessions,
        assessment_id=drawn,
        trial_id=TRIAL["trial_id"],
        options=[SUGGESTED, STANDARD],
        actor="Z1",
        office="0301",
    )
    later = CaseWalk(sessions, make_assessment().id)
    later.decide(SUGGESTED)
    events = {record.kind: record for record in walk.records if isinstance(record, EventRow)}
    events |= {"subject_access": access, "assessed": links(sessions)[0]}  # type: ignore[dict-item]
    events |= {
        link.kind: link
        for link in links(sessions)
        if isinstance(link, EventRow) and link.kind in {*MODEL_EVENTS, "documentation", "trial_defined", "trial_draw"}
    }
    assert set(events) == set(EventKind) and verify_chain(sessions).ok
    return Walked(events, links(sessions))


@pytest.mark.parametrize("kind", list(EventKind))
def test_an_edited_event_is_content_altered(
    engine: Engine, sessions: sessionmaker[Session], walked: Walked, kind: str
) -> None:
    event = walked.events[kind]
    column, value = EDITS[kind]
    with engine.begin() as connection:  # a statement, not raw SQL: JSON columns need each backend's own encoding
        connection.execute(update(EventRow).where(EventRow.id == event.id).values({column: value}))
    report = verified(sessions, walked.chain)
    assert report.breaks == [at(event, CONTENT_ALTERED)]
    assert report.events_checked == sum(isinstance(link, EventRow) for link in walked.chain)


def test_an_edited_shadow_rule_outcome_is_content_altered(
    engine: Engine, sessions: sessionmaker[Session], walked: Walked
) -> None:
    """Today's rule, recorded in shadow in the ``assessed`` event, cannot be changed unseen."""
    event = walked.events["assessed"]
    assert event.payload["rule_outcome"] == "ANTATT_BEHOV_FOR_VEILEDNING"
    edited = event.payload | {"rule_outcome": "ANTATT_GODE_MULIGHETER"}
    with engine.begin() as connection:
        connection.execute(update(EventRow).where(EventRow.id == event.id).values(payload=edited))
    assert verified(sessions, walked.chain).breaks == [at(event, CONTENT_ALTERED)]


@pytest.mark.parametrize("kind", list(EventKind))
def test_a_deleted_event_is_a_gap(engine: Engine, sessions: sessionmaker[Session], walked: Walked, kind: str) -> None:
    event = walked.events[kind]
    tamper(engine, ("DELETE FROM events WHERE id = :id", {"id": event.id}))
    following = after(walked.chain, event)
    unchained = [ChainBreak(0, "", ASSESSMENT_NOT_CHAINED, event.assessment_id)] if kind == "assessed" else []
    assert verified(sessions, walked.chain).breaks == [
        *unchained,
        at(following, GAP_IN_SEQUENCE),
        at(following, LINK_BROKEN),
    ]


@pytest.mark.parametrize("kind", list(EventKind))
def test_a_reordered_event_is_found(engine: Engine, sessions: sessionmaker[Session], walked: Walked, kind: str) -> None:
    """The event swaps places with the link after it, a decision or another event."""
    event = walked.events[kind]
    following = after(walked.chain, event)
    table = "events" if isinstance(following, EventRow) else "decisions"
    tamper(
        engine,
        ("UPDATE events SET seq = 1000000 WHERE id = :id", {"id": event.id}),
        (f"UPDATE {table} SET seq = :seq WHERE id = :id", {"seq": event.seq, "id": following.id}),
        ("UPDATE events SET seq = :seq WHERE id = :id", {"seq": following.seq, "id": event.id}),
    )
    found = {(b.seq, b.problem) for b in verified(sessions, walked.chain).breaks}
    assert found >= {(event.seq, CONTENT_ALTERED), (following.seq, CONTENT_ALTERED)}
    assert found >= {(event.seq, LINK_BROKEN), (following.seq, LINK_BROKEN), (following.seq + 1, LINK_BROKEN)}
