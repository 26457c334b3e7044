"""Migration 0003 on SQLite and PostgreSQL: the assessments already stored are chained, oldest first, after the
newest decision (across more than one batch), the stored decisions keep their hashes, and from then on a stored
assessment is protected like a new one; one altered before the migration is still found by its own hash."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from monitoring.records.chain import ASSESSMENT_ALTERED, GAP_IN_SEQUENCE, LINK_BROKEN, ChainBreak, verify_chain
from monitoring.records.db import make_engine, session_factory, upgrade
from monitoring.records.tables import DecisionRow, EventRow
from tests.monitoring.records.cases import SUGGESTED, CaseWalk
from tests.monitoring.records.old_revisions import migrate_to, stored_assessments, stored_decision
from tests.monitoring.records.tampering import after, at, links, tamper

BATCH = 5_000  # the migration's batch size
START = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)


def decisions(sessions: sessionmaker[Session]) -> list[tuple[int, str, str]]:
    with sessions() as session:
        return [(d.seq, d.id, d.hash) for d in session.scalars(select(DecisionRow).order_by(DecisionRow.seq))]


def test_stored_assessments_are_chained_after_the_newest_decision(database_url: str, person: str) -> None:
    engine = make_engine(database_url)
    migrate_to(engine, "0002")
    times = [START + dt.timedelta(seconds=(7 * i) % (BATCH + 3)) for i in range(BATCH + 3)]  # stored out of order
    assessments = stored_assessments(engine, times, person_key=person)
    oldest_first = sorted(assessments, key=lambda a: (a["created_at"], a["id"]))
    stored_decision(engine, oldest_first[1], at=START + dt.timedelta(days=1))
    stored_decision(engine, oldest_first[0], at=START + dt.timedelta(days=2))
    sessions = session_factory(engine)
    before = decisions(sessions)

    upgrade(engine)
    assert decisions(sessions) == before
    chain = links(sessions)
    chained = [link for link in chain if isinstance(link, EventRow)]
    assert [link.seq for link in chained] == list(range(3, BATCH + 6))
    assert [link.assessment_id for link in chained] == [a["id"] for a in oldest_first]
    assert [link.assessment_hash for link in chained] == [a["content_hash"] for a in oldest_first]
    assert {(link.kind, link.caller, link.actor, link.request_id) for link in chained} == {
        ("assessed", "migration:0003", "Z990001", None)
    }
    assert chained[0].prev_hash == before[-1][2]
    report = verify_chain(sessions, batch_size=999)
    assert report.ok and (report.checked, report.events_checked, report.assessments_checked) == (
        2,
        BATCH + 3,
        BATCH + 3,
    )
    assert (report.head_seq, report.head_hash) == (BATCH + 5, chained[-1].hash)

    CaseWalk(sessions, oldest_first[2]["id"]).decide(SUGGESTED)  # new records follow on
    undecided = chained[-2]
    tamper(
        engine,
        ("DELETE FROM events WHERE id = :id", {"id": undecided.id}),
        ("DELETE FROM assessments WHERE id = :id", {"id": undecided.assessment_id}),
    )
    following = after(chain, undecided)
    assert verify_chain(sessions).breaks == [at(following, GAP_IN_SEQUENCE), at(following, LINK_BROKEN)]
    engine.dispose()


def test_an_assessment_altered_before_the_migration_is_found_by_its_own_hash(database_url: str, person: str) -> None:
    engine = make_engine(database_url)
    migrate_to(engine, "0002")
    altered = stored_assessments(engine, [START, START + dt.timedelta(hours=1)], person_key=person)[0]  # one intact
    tamper(engine, ("UPDATE assessments SET office = '9999' WHERE id = :id", {"id": altered["id"]}))
    upgrade(engine)
    sessions = session_factory(engine)
    link = links(sessions)[0]
    assert link.assessment_id == altered["id"]
    assert verify_chain(sessions).breaks == [
        ChainBreak(0, "", ASSESSMENT_ALTERED, altered["id"]),
        at(link, ASSESSMENT_ALTERED),
    ]
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM events")).scalar_one() == 2
    engine.dispose()
