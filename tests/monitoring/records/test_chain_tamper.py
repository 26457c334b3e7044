"""Tampering directly in the database (raw SQL, as an administrator could) is found by ``verify_chain``, at the place
where it happened: changed content, removed and reordered decisions, changed assessments (decided or not), and a
rewritten row. ``verify_records`` finds the same breaks when given the assessments concerned, and none elsewhere."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest
from sqlalchemy import Engine, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from monitoring.records.assessments import AssessmentRow
from monitoring.records.chain import (
    ASSESSMENT_ALTERED,
    ASSESSMENT_HASHED_FIELDS,
    CONTENT_ALTERED,
    DECISION_HASHED_FIELDS,
    GAP_IN_SEQUENCE,
    LINK_BROKEN,
    ChainBreak,
    ChainReport,
    content_hash,
    verify_chain,
    verify_records,
)
from monitoring.records.decisions import record_decision
from monitoring.records.tables import DecisionRow

AssessmentFactory = Callable[..., AssessmentRow]


@pytest.fixture()
def chain(sessions: sessionmaker[Session], make_assessment: AssessmentFactory) -> list[DecisionRow]:
    """Ten decisions, each on its own assessment (so no decision supersedes another and any row can be deleted)."""
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


def tamper(engine: Engine, *statements: tuple[str, dict[str, object]]) -> None:
    with engine.begin() as connection:
        for sql, parameters in statements:
            connection.execute(text(sql), parameters)


def verified(sessions: sessionmaker[Session], chain: Iterable[DecisionRow]) -> ChainReport:
    """``verify_chain``'s report, after checking that ``verify_records`` agrees on the records it names."""
    report = verify_chain(sessions)
    assessment_of = {row.id: row.assessment_id for row in chain}
    concerned = {b.assessment_id or assessment_of[b.decision_id] for b in report.breaks}
    assert verify_records(sessions, assessment_ids=concerned) == report.breaks
    untouched = set(assessment_of.values()) - concerned
    assert verify_records(sessions, assessment_ids=untouched) == []
    return report


def test_changed_decision_is_content_altered(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow]
) -> None:
    tamper(engine, ("UPDATE decisions SET decided_level = 'STANDARD_INNSATS' WHERE seq = 4", {}))
    report = verified(sessions, chain)
    assert not report.ok and report.checked == 10
    assert report.breaks == [ChainBreak(4, chain[3].id, CONTENT_ALTERED)]


def test_deleted_decision_is_a_gap(engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow]) -> None:
    tamper(engine, ("DELETE FROM decisions WHERE seq = 5", {}))
    report = verified(sessions, chain)
    assert report.checked == 9
    assert report.breaks == [ChainBreak(6, chain[5].id, GAP_IN_SEQUENCE), ChainBreak(6, chain[5].id, LINK_BROKEN)]


def test_deleted_first_decision_is_found(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow]
) -> None:
    tamper(engine, ("DELETE FROM decisions WHERE seq = 1", {}))
    assert {b.problem for b in verified(sessions, chain).breaks if b.seq == 2} == {GAP_IN_SEQUENCE, LINK_BROKEN}


def test_reordered_decisions_are_found(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow]
) -> None:
    tamper(
        engine,
        ("UPDATE decisions SET seq = 1000000 WHERE seq = 3", {}),
        ("UPDATE decisions SET seq = 3 WHERE seq = 7", {}),
        ("UPDATE decisions SET seq = 7 WHERE seq = 1000000", {}),
    )
    report = verified(sessions, chain)
    assert not report.ok
    assert {(b.seq, b.problem) for b in report.breaks} >= {(3, CONTENT_ALTERED), (7, CONTENT_ALTERED)}
    assert {(b.seq, b.problem) for b in report.breaks} >= {(3, LINK_BROKEN), (4, LINK_BROKEN), (8, LINK_BROKEN)}


def test_changed_assessment_is_found(engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow]) -> None:
    assessment_id = chain[1].assessment_id
    tamper(engine, ("UPDATE assessments SET risk = 0.05 WHERE id = :id", {"id": assessment_id}))
    assert verified(sessions, chain).breaks == [
        ChainBreak(0, "", ASSESSMENT_ALTERED, assessment_id),
        ChainBreak(2, chain[1].id, ASSESSMENT_ALTERED),
    ]


def test_changed_assessment_hash_is_found(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow]
) -> None:
    assessment_id = chain[8].assessment_id
    tamper(
        engine,
        (
            "UPDATE assessments SET office = '9999', content_hash = :h WHERE id = :id",
            {"h": "f" * 64, "id": assessment_id},
        ),
    )
    assert verified(sessions, chain).breaks == [
        ChainBreak(0, "", ASSESSMENT_ALTERED, assessment_id),
        ChainBreak(9, chain[8].id, ASSESSMENT_ALTERED),
    ]


def test_changed_assessment_with_recomputed_hash_is_found_by_its_decision(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow]
) -> None:
    assessment_id = chain[8].assessment_id
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
    assert verified(sessions, chain).breaks == [ChainBreak(9, chain[8].id, ASSESSMENT_ALTERED)]


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
    with engine.begin() as connection:  # a statement, not raw SQL: JSON columns need each backend's own encoding
        connection.execute(update(AssessmentRow).where(AssessmentRow.id == target.id).values({field: changed}))
    report = verify_chain(sessions)
    assert not report.ok and (report.checked, report.assessments_checked) == (10, 13)
    assert report.breaks == [ChainBreak(0, "", ASSESSMENT_ALTERED, target.id)]
    assert verify_records(sessions, assessment_ids=[target.id]) == report.breaks
    assert verify_records(sessions, assessment_ids=[undecided[0].id, undecided[2].id]) == []


def test_rewritten_row_breaks_the_next_link(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow]
) -> None:
    with sessions() as session:
        row = session.scalars(select(DecisionRow).where(DecisionRow.seq == 6)).one()
    content = {name: getattr(row, name) for name in DECISION_HASHED_FIELDS} | {"decided_level": "STANDARD_INNSATS"}
    tamper(
        engine,
        (
            "UPDATE decisions SET decided_level = 'STANDARD_INNSATS', hash = :h WHERE seq = 6",
            {"h": content_hash(content, DECISION_HASHED_FIELDS)},
        ),
    )
    assert verified(sessions, chain).breaks == [ChainBreak(7, chain[6].id, LINK_BROKEN)]


def test_rewritten_head_is_only_visible_in_the_head_hash(
    engine: Engine, sessions: sessionmaker[Session], chain: list[DecisionRow]
) -> None:
    before = verify_chain(sessions)
    tamper(engine, ("DELETE FROM decisions WHERE seq = 10", {}))
    after = verify_chain(sessions)
    assert after.ok and (after.head_seq, after.head_hash) != (before.head_seq, before.head_hash)
    assert (after.head_seq, after.head_hash) == (9, chain[8].hash)
