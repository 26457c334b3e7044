"""Tampering directly in the database (raw SQL, as an administrator could) is found by ``verify_chain``, at the place
where it happened: changed content, removed and reordered decisions, changed assessments (decided or not, with or
without a recomputed hash), removed undecided assessments, assessments written around the service, and a rewritten
row. ``verify_records`` finds the same breaks when given the assessments concerned, and none elsewhere. Each kind of
event has its own tamper tests in ``test_chain_tamper_events.py``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from monitoring.records.assessments import AssessmentRow
from monitoring.records.chain import (
    ASSESSMENT_ALTERED,
    ASSESSMENT_NOT_CHAINED,
    CONTENT_ALTERED,
    GAP_IN_SEQUENCE,
    LINK_BROKEN,
    ChainBreak,
    verify_chain,
    verify_records,
)
from monitoring.records.decisions import record_decision
from monitoring.records.hashing import ASSESSMENT_HASHED_FIELDS, DECISION_HASHED_FIELDS, content_hash
from monitoring.records.tables import DecisionRow, EventRow
from tests.monitoring.records.old_revisions import stored_assessment
from tests.monitoring.records.tampering import Link, after, at, links, tamper, verified, without_foreign_keys

AssessmentFactory = Callable[..., AssessmentRow]


@pytest.fixture()
def chain(sessions: sessionmaker[Session], make_assessment: AssessmentFactory) -> list[DecisionRow]:
    """Ten decisions, each on its own assessment (so no decision supersedes another and any row can be deleted); each
    assessment's link comes just before its decision."""
    rows = []
    for i in range(10):
        assessment = make_assessment()
        rows.append(
            record_decision(
                sessions,
                assessment_id=assessment.id,
                decided_level="SITUASJONSBESTEMT_INNSATS",
                request_id=f"req-{i}",
                caller="counsellor-1",
                office="0301",
                counsellor="Z990001",
            )
        )
    assert verify_chain(sessions).ok
    return rows


@pytest.fixture()
def everything(sessions: sessionmaker[Session], chain: list[DecisionRow]) -> list[Link]:
    return links(sessions)


def link_of(chain: list[Link], assessment_id: str) -> EventRow:
    """The ``assessed`` event that chains an assessment."""
    return next(link for link in chain if isinstance(link, EventRow) and link.assessment_id == assessment_id)


def test_changed_decision_is_content_altered(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow], everything: list[Link]
) -> None:
    tamper(engine, ("UPDATE decisions SET decided_level = 'STANDARD_INNSATS' WHERE id = :id", {"id": chain[3].id}))
    report = verified(sessions, everything)
    assert not report.ok and (report.checked, report.events_checked) == (10, 10)
    assert report.breaks == [at(chain[3], CONTENT_ALTERED)]


def test_deleted_decision_is_a_gap(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow], everything: list[Link]
) -> None:
    tamper(engine, ("DELETE FROM decisions WHERE id = :id", {"id": chain[4].id}))
    report = verified(sessions, everything)
    assert report.checked == 9
    following = after(everything, chain[4])  # the next assessment's link
    assert report.breaks == [at(following, GAP_IN_SEQUENCE), at(following, LINK_BROKEN)]


def test_deleted_first_link_is_found(engine: Engine, sessions: sessionmaker[Session], everything: list[Link]) -> None:
    first = everything[0]
    assert isinstance(first, EventRow) and first.seq == 1 and first.kind == "assessed"
    tamper(engine, ("DELETE FROM events WHERE seq = 1", {}))
    assert verified(sessions, everything).breaks == [
        ChainBreak(0, "", ASSESSMENT_NOT_CHAINED, first.assessment_id),
        at(everything[1], GAP_IN_SEQUENCE),
        at(everything[1], LINK_BROKEN),
    ]


def test_reordered_decisions_are_found(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow], everything: list[Link]
) -> None:
    third, seventh = chain[2], chain[6]
    tamper(
        engine,
        ("UPDATE decisions SET seq = 1000000 WHERE seq = :seq", {"seq": third.seq}),
        ("UPDATE decisions SET seq = :to WHERE seq = :seq", {"to": third.seq, "seq": seventh.seq}),
        ("UPDATE decisions SET seq = :to WHERE seq = 1000000", {"to": seventh.seq}),
    )
    report = verified(sessions, everything)
    assert not report.ok
    found = {(b.seq, b.problem) for b in report.breaks}
    assert found >= {(third.seq, CONTENT_ALTERED), (seventh.seq, CONTENT_ALTERED)}
    assert found >= {(seq, LINK_BROKEN) for seq in (third.seq, third.seq + 1, seventh.seq, seventh.seq + 1)}


def test_changed_assessment_is_found(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow], everything: list[Link]
) -> None:
    assessment_id = chain[1].assessment_id
    tamper(engine, ("UPDATE assessments SET risk = 0.05 WHERE id = :id", {"id": assessment_id}))
    assert verified(sessions, everything).breaks == [
        ChainBreak(0, "", ASSESSMENT_ALTERED, assessment_id),
        at(link_of(everything, assessment_id), ASSESSMENT_ALTERED),
        at(chain[1], ASSESSMENT_ALTERED),
    ]


def test_changed_assessment_hash_is_found(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow], everything: list[Link]
) -> None:
    assessment_id = chain[8].assessment_id
    tamper(
        engine,
        (
            "UPDATE assessments SET office = '9999', content_hash = :h WHERE id = :id",
            {"h": "f" * 64, "id": assessment_id},
        ),
    )
    assert verified(sessions, everything).breaks == [
        ChainBreak(0, "", ASSESSMENT_ALTERED, assessment_id),
        at(link_of(everything, assessment_id), ASSESSMENT_ALTERED),
        at(chain[8], ASSESSMENT_ALTERED),
    ]


def recompute(engine: Engine, sessions: sessionmaker[Session], assessment_id: str) -> None:
    """Move an assessment to another office and give it the hash of its new content."""
    with sessions() as session:
        row = session.get_one(AssessmentRow, assessment_id)
    content = {name: getattr(row, name) for name in ASSESSMENT_HASHED_FIELDS} | {"office": "9999"}
    tamper(
        engine,
        (
            "UPDATE assessments SET office = '9999', content_hash = :h WHERE id = :id",
            {"h": content_hash(content, ASSESSMENT_HASHED_FIELDS), "id": assessment_id},
        ),
    )


def test_changed_assessment_with_recomputed_hash_is_found_by_its_links(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow], everything: list[Link]
) -> None:
    assessment_id = chain[8].assessment_id
    recompute(engine, sessions, assessment_id)
    assert verified(sessions, everything).breaks == [
        at(link_of(everything, assessment_id), ASSESSMENT_ALTERED),
        at(chain[8], ASSESSMENT_ALTERED),
    ]


@pytest.mark.parametrize("field", ["risk", "profile", "reasons"])
def test_changed_assessment_without_decision_is_found(
    engine: Engine,
    sessions: sessionmaker[Session],
    chain: list[DecisionRow],
    make_assessment: AssessmentFactory,
    field: str,
) -> None:
    undecided = [make_assessment() for _ in range(3)]
    assert verify_chain(sessions).ok
    target = undecided[1]
    changed = {
        "risk": 0.05,
        "profile": target.profile | {"months_employed_last_36": 30},
        "reasons": [reason | {"text": "Nothing to see here."} for reason in target.reasons or []],
    }[field]
    everything = links(sessions)
    with engine.begin() as connection:  # a statement, not raw SQL: JSON columns need each backend's own encoding
        connection.execute(update(AssessmentRow).where(AssessmentRow.id == target.id).values({field: changed}))
    report = verified(sessions, everything)
    assert not report.ok and (report.checked, report.assessments_checked) == (10, 13)
    assert report.breaks == [
        ChainBreak(0, "", ASSESSMENT_ALTERED, target.id),
        at(link_of(everything, target.id), ASSESSMENT_ALTERED),
    ]
    assert verify_records(sessions, assessment_ids=[undecided[0].id, undecided[2].id]) == []


def test_undecided_assessment_rewritten_with_recomputed_hash_is_found_by_its_link(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow], make_assessment: AssessmentFactory
) -> None:
    undecided = make_assessment()
    make_assessment()  # so that the undecided one's link is not the head
    everything = links(sessions)
    recompute(engine, sessions, undecided.id)
    assert verified(sessions, everything).breaks == [at(link_of(everything, undecided.id), ASSESSMENT_ALTERED)]


def test_undecided_assessment_deleted_with_its_link_is_a_gap(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow], make_assessment: AssessmentFactory
) -> None:
    undecided = make_assessment()
    make_assessment()
    everything = links(sessions)
    link = link_of(everything, undecided.id)
    tamper(
        engine,
        ("DELETE FROM events WHERE id = :id", {"id": link.id}),
        ("DELETE FROM assessments WHERE id = :id", {"id": undecided.id}),
    )
    report = verified(sessions, everything)
    assert report.assessments_checked == 11
    following = after(everything, link)
    assert report.breaks == [at(following, GAP_IN_SEQUENCE), at(following, LINK_BROKEN)]


def test_undecided_assessment_deleted_past_the_foreign_key_is_found_by_its_link(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow], make_assessment: AssessmentFactory
) -> None:
    undecided = make_assessment()
    everything = links(sessions)
    with without_foreign_keys(engine) as connection:
        connection.execute(text("DELETE FROM assessments WHERE id = :id"), {"id": undecided.id})
    report = verified(sessions, everything)
    assert report.breaks == [at(link_of(everything, undecided.id), ASSESSMENT_ALTERED)]
    assert verify_records(sessions, assessment_ids=[undecided.id]) == report.breaks


def test_assessment_written_around_the_service_is_named(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow], person: str
) -> None:
    smuggled = stored_assessment(engine, at=dt.datetime.now(dt.UTC), person_key=person)
    report = verified(sessions, links(sessions))
    assert report.breaks == [ChainBreak(0, "", ASSESSMENT_NOT_CHAINED, smuggled["id"])]


def test_rewritten_row_breaks_the_next_link(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow], everything: list[Link]
) -> None:
    with sessions() as session:
        row = session.scalars(select(DecisionRow).where(DecisionRow.id == chain[5].id)).one()
    content = {name: getattr(row, name) for name in DECISION_HASHED_FIELDS} | {"decided_level": "STANDARD_INNSATS"}
    tamper(
        engine,
        (
            "UPDATE decisions SET decided_level = 'STANDARD_INNSATS', hash = :h WHERE id = :id",
            {"h": content_hash(content, DECISION_HASHED_FIELDS), "id": row.id},
        ),
    )
    assert verified(sessions, everything).breaks == [at(after(everything, chain[5]), LINK_BROKEN)]


def test_deleted_head_is_only_visible_in_the_head_hash(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow], everything: list[Link]
) -> None:
    before = verify_chain(sessions)
    assert (before.head_seq, before.head_hash) == (everything[-1].seq, everything[-1].hash) == (20, chain[-1].hash)
    tamper(engine, ("DELETE FROM decisions WHERE id = :id", {"id": chain[-1].id}))
    after_deletion = verify_chain(sessions)
    assert after_deletion.ok and (after_deletion.head_seq, after_deletion.head_hash) == (19, everything[-2].hash)
