"""The one chain: canonical JSON, a valid chain of 50 decisions among their assessments' links (whole and case by
case), and concurrent appends of assessments, decisions and events from threads, from two engines (like two service
replicas) and from two processes, which must still form one gap-free chain."""

from __future__ import annotations

import datetime as dt
import itertools
import multiprocessing
import threading
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from models.schema import JobseekerProfile
from monitoring.records.assessments import AssessmentRow, record_assessment
from monitoring.records.chain import verify_chain, verify_records
from monitoring.records.db import make_engine, session_factory
from monitoring.records.decisions import record_decision
from monitoring.records.events import append_event
from monitoring.records.hashing import GENESIS_HASH, canonical_json
from monitoring.records.tables import DecisionRow, EventRow

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


def assess_and_decide(sessions: sessionmaker[Session], make_assessment: AssessmentFactory, n: int, who: str) -> None:
    """Each round: an assessment (with its link), a decision on it and a subject-access event: every kind of writer."""
    for i in range(n):
        assessment = make_assessment(request_id=f"{who}-{i}")
        append(sessions, assessment.id, 1, who)
        append_event(
            sessions,
            kind="subject_access",
            payload={"person_key": "cd" * 32, "purpose": f"Request from the jobseeker, round {i}."},
            caller=who,
            actor=who,
            office="0301",
        )


def assert_one_gap_free_chain(sessions: sessionmaker[Session], decisions: int, events: int) -> None:
    """Decisions and events take every place from 1 once, and the chain verifies."""
    with sessions() as session:
        seqs = [*session.scalars(select(DecisionRow.seq)), *session.scalars(select(EventRow.seq))]
    assert sorted(seqs) == list(range(1, decisions + events + 1))
    report = verify_chain(sessions)
    assert report.ok, report.breaks[:5]
    assert (report.checked, report.events_checked, report.head_seq) == (decisions, events, decisions + events)


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
    assert report.assessments_checked == report.events_checked == 0


def test_fifty_decisions_form_a_valid_chain(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    assessments = [make_assessment() for _ in range(5)]
    for i in range(50):
        append(sessions, assessments[i % 5].id, 1, f"c{i}")
    with sessions() as session:
        links = sorted([*session.scalars(select(DecisionRow)), *session.scalars(select(EventRow))], key=lambda r: r.seq)
    assert [link.seq for link in links] == list(range(1, 56))  # five assessments' links, then fifty decisions
    assert {link.kind for link in links[:5] if isinstance(link, EventRow)} == {"assessed"}
    assert links[0].prev_hash == GENESIS_HASH
    assert all(later.prev_hash == earlier.hash for earlier, later in itertools.pairwise(links))
    assert len({link.hash for link in links}) == 55
    report = verify_chain(sessions, batch_size=7)
    assert report.ok and report.breaks == []
    assert (report.checked, report.events_checked, report.assessments_checked) == (50, 5, 5)
    assert (report.head_seq, report.head_hash) == (55, links[-1].hash)
    for assessment in assessments:  # each one's decisions link to decisions on the others
        assert verify_records(sessions, assessment_ids=[assessment.id]) == []


def test_concurrent_appends_from_eight_threads(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    assessments = [make_assessment() for _ in range(4)]
    threads = [
        threading.Thread(target=append, args=(sessions, assessments[t % 4].id, 15, f"thread-{t}")) for t in range(4)
    ] + [threading.Thread(target=assess_and_decide, args=(sessions, make_assessment, 5, f"t-{t}")) for t in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert_one_gap_free_chain(sessions, decisions=4 * 15 + 4 * 5, events=4 + 4 * 5 * 2)


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
    assert_one_gap_free_chain(session_factory(engine), decisions=2 * 3 * 10, events=1)


def _append_in_process(
    url: str, assessment_id: str, who: str, barrier: multiprocessing.synchronize.Barrier, profile: JobseekerProfile
) -> None:
    engine = make_engine(url)
    sessions = session_factory(engine)
    barrier.wait()
    append(sessions, assessment_id, 10, who)

    def make_assessment(**overrides: object) -> AssessmentRow:
        arguments: dict[str, object] = {
            "request_id": who,
            "caller": who,
            "person_key": "ab" * 32,
            "office": "0301",
            "counsellor": who,
            "consent": False,
            "profile": profile,
            "model_name": "m",
            "model_version": "1",
            "assessment": None,
            "language": "nb",
        }
        return record_assessment(sessions, **(arguments | overrides))  # type: ignore[arg-type]

    assess_and_decide(sessions, make_assessment, 5, who)
    engine.dispose()


def test_concurrent_appends_from_two_processes(
    database_url: str, engine: Engine, make_assessment: AssessmentFactory, example_profile: JobseekerProfile
) -> None:
    assessment_id = make_assessment().id
    engine.dispose()
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(2)
    workers = [
        context.Process(
            target=_append_in_process, args=(database_url, assessment_id, f"process-{p}", barrier, example_profile)
        )
        for p in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [worker.exitcode for worker in workers] == [0, 0]
    assert_one_gap_free_chain(session_factory(engine), decisions=2 * (10 + 5), events=1 + 2 * 5 * 2)
