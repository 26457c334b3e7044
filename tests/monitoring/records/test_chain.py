"""The decision chain: canonical JSON, a valid chain of 50 (whole and case by case), and concurrent appends from
threads, from two engines (like two service replicas) and from two processes, which must still form one gap-free
chain."""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
import threading
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from monitoring.records.assessments import AssessmentRow
from monitoring.records.chain import GENESIS_HASH, canonical_json, verify_chain, verify_records
from monitoring.records.db import make_engine, session_factory
from monitoring.records.decisions import record_decision
from monitoring.records.tables import DecisionRow

AssessmentFactory = Callable[..., AssessmentRow]
LEVEL = "SITUASJONSBESTEMT_INNSATS"


def append(sessions: sessionmaker[Session], assessment_id: str, n: int, who: str) -> None:
    for i in range(n):
        record_decision(
            sessions,
            assessment_id=assessment_id,
            decided_level=LEVEL,
            request_id=f"{who}-{i}",
            caller=who,
            office="0301",
            counsellor=who,
        )


def assert_one_gap_free_chain(sessions: sessionmaker[Session], expected: int) -> None:
    with sessions() as session:
        seqs = session.scalars(select(DecisionRow.seq).order_by(DecisionRow.seq)).all()
    assert seqs == list(range(1, expected + 1))
    report = verify_chain(sessions)
    assert report.ok, report.breaks[:5]
    assert report.checked == expected


def test_canonical_json() -> None:
    assert (
        canonical_json({"b": [1, 2.5, None], "a": "æøå", "c": True}) == '{"a":"æøå","b":[1,2.5,null],"c":true}'.encode()
    )
    assert canonical_json({"x": 0.1 + 0.2}) == b'{"x":0.30000000000000004}'
    assert canonical_json({"x": -0.0}) == canonical_json({"x": 0.0})
    moment = dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert canonical_json([moment, dt.date(2026, 11, 2)]) == b'["2026-11-02T09:00:00.000000+00:00","2026-11-02"]'
    for bad in (float("nan"), float("inf"), dt.datetime(2026, 1, 1)):
        with pytest.raises(ValueError):
            canonical_json([bad])


def test_empty_chain_is_valid(sessions: sessionmaker[Session]) -> None:
    report = verify_chain(sessions)
    assert report.ok and report.checked == 0 and report.head_seq == 0 and report.head_hash == GENESIS_HASH
    assert report.assessments_checked == 0


def test_fifty_decisions_form_a_valid_chain(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    assessments = [make_assessment() for _ in range(5)]
    for i in range(50):
        append(sessions, assessments[i % 5].id, 1, f"c{i}")
    with sessions() as session:
        rows = session.scalars(select(DecisionRow).order_by(DecisionRow.seq)).all()
    assert rows[0].seq == 1 and rows[0].prev_hash == GENESIS_HASH
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(rows))
    assert len({row.hash for row in rows}) == 50
    report = verify_chain(sessions, batch_size=7)
    assert report.ok and report.checked == 50 and report.breaks == [] and report.assessments_checked == 5
    assert (report.head_seq, report.head_hash) == (50, rows[-1].hash)
    for assessment in assessments:  # each one's decisions link to decisions on the others
        assert verify_records(sessions, assessment_ids=[assessment.id]) == []


def test_concurrent_appends_from_eight_threads(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    assessments = [make_assessment() for _ in range(4)]
    threads = [
        threading.Thread(target=append, args=(sessions, assessments[t % 4].id, 15, f"thread-{t}")) for t in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert_one_gap_free_chain(sessions, 8 * 15)


def test_concurrent_appends_from_two_engines(
    database_url: str, engine: Engine, make_assessment: AssessmentFactory
) -> None:
    assessment = make_assessment()
    replicas = [make_engine(database_url) for _ in range(2)]
    threads = [
        threading.Thread(target=append, args=(session_factory(replica), assessment.id, 10, f"replica-{r}-{t}"))
        for r, replica in enumerate(replicas)
        for t in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for replica in replicas:
        replica.dispose()
    assert_one_gap_free_chain(session_factory(engine), 2 * 3 * 10)


def _append_in_process(url: str, assessment_id: str, who: str, barrier: multiprocessing.synchronize.Barrier) -> None:
    engine = make_engine(url)
    barrier.wait()
    append(session_factory(engine), assessment_id, 20, who)
    engine.dispose()


def test_concurrent_appends_from_two_processes(
    database_url: str, engine: Engine, make_assessment: AssessmentFactory
) -> None:
    assessment_id = make_assessment().id
    engine.dispose()
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(2)
    workers = [
        context.Process(target=_append_in_process, args=(database_url, assessment_id, f"process-{p}", barrier))
        for p in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [worker.exitcode for worker in workers] == [0, 0]
    assert_one_gap_free_chain(session_factory(engine), 40)
