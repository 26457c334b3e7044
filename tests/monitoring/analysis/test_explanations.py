"""A case reconstruction: one assessment as shown, its decisions, and whether exactly these records hold, checked by
the chain's own verification (tampering with raw SQL, as an administrator could).

Runs on SQLite, and on PostgreSQL too when ``PROFILING_TEST_POSTGRES_URL`` is set.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from models.errors import RecordNotFoundError
from monitoring.analysis.explanations import CASE_ASSESSMENT_ALTERED, reconstruct_case
from monitoring.records.assessments import AssessmentRow
from monitoring.records.decisions import record_decision
from monitoring.records.tables import DecisionRow

AssessmentFactory = Callable[..., AssessmentRow]


def decide(
    sessions: sessionmaker[Session], assessment_id: str, level: str = "SITUASJONSBESTEMT_INNSATS"
) -> DecisionRow:
    return record_decision(
        sessions,
        assessment_id=assessment_id,
        decided_level=level,
        request_id="req",
        caller="counsellor-1",
        office="0301",
        counsellor="Z990001",
    )


@pytest.fixture()
def case(sessions: sessionmaker[Session], make_assessment: AssessmentFactory) -> tuple[str, list[DecisionRow]]:
    """An assessment decided twice (``rows[1]``, ``rows[3]``) between decisions on two others (``rows[0]``, ``rows[4]``;
    ``rows[2]`` alone); the three assessments' own links come first, ``mine`` first of all (seq 1)."""
    mine, other, third = make_assessment(), make_assessment(), make_assessment()
    rows = [decide(sessions, assessment.id) for assessment in (other, mine, third, mine, other)]
    return mine.id, rows


def tamper(engine: Engine, sql: str, **parameters: object) -> None:
    with engine.begin() as connection:
        connection.execute(text(sql), parameters)


def test_an_intact_case(sessions: sessionmaker[Session], case: tuple[str, list[DecisionRow]]) -> None:
    assessment_id, rows = case
    reconstructed = reconstruct_case(sessions, assessment_id=assessment_id)
    assert reconstructed["integrity"] == {"ok": True, "problems": []}
    assert reconstructed["assessment"]["id"] == assessment_id
    assert [d["seq"] for d in reconstructed["decisions"]] == [rows[1].seq, rows[3].seq]
    assert reconstructed["decisions"][1]["supersedes"] == rows[1].id


def test_an_altered_assessment(
    engine: Engine, sessions: sessionmaker[Session], case: tuple[str, list[DecisionRow]]
) -> None:
    assessment_id, rows = case
    tamper(engine, "UPDATE assessments SET risk = 0.01 WHERE id = :id", id=assessment_id)
    assert reconstruct_case(sessions, assessment_id=assessment_id)["integrity"] == {
        "ok": False,
        "problems": [
            CASE_ASSESSMENT_ALTERED,
            "assessed 1: the assessment differs from the one this record was made on",
            f"decision {rows[1].seq}: the assessment differs from the one this record was made on",
            f"decision {rows[3].seq}: the assessment differs from the one this record was made on",
        ],
    }


def test_an_altered_assessment_without_decisions(
    engine: Engine, sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    assessment_id = make_assessment().id
    assert reconstruct_case(sessions, assessment_id=assessment_id)["integrity"]["ok"]
    tamper(engine, "UPDATE assessments SET suggested_level = 'STANDARD_INNSATS' WHERE id = :id", id=assessment_id)
    integrity = reconstruct_case(sessions, assessment_id=assessment_id)["integrity"]
    assert integrity["ok"] is False
    assert integrity["problems"][0] == CASE_ASSESSMENT_ALTERED
    assert integrity["problems"][1].endswith(": the assessment differs from the one this record was made on")


def test_an_altered_decision(
    engine: Engine, sessions: sessionmaker[Session], case: tuple[str, list[DecisionRow]]
) -> None:
    assessment_id, rows = case
    tamper(engine, "UPDATE decisions SET decided_level = 'STANDARD_INNSATS' WHERE seq = :seq", seq=rows[3].seq)
    integrity = reconstruct_case(sessions, assessment_id=assessment_id)["integrity"]
    assert integrity == {"ok": False, "problems": [f"decision {rows[3].seq}: content altered"]}


def test_a_removed_decision_before_the_case_is_seen_in_the_link(
    engine: Engine, sessions: sessionmaker[Session], case: tuple[str, list[DecisionRow]]
) -> None:
    assessment_id, rows = case
    tamper(engine, "DELETE FROM decisions WHERE seq = :seq", seq=rows[2].seq)  # on the third assessment
    integrity = reconstruct_case(sessions, assessment_id=assessment_id)["integrity"]
    assert integrity == {
        "ok": False,
        "problems": [
            f"decision {rows[3].seq}: the record before it is missing",
            f"decision {rows[3].seq}: link to the previous record broken",
        ],
    }


def test_a_missing_case(sessions: sessionmaker[Session]) -> None:
    with pytest.raises(RecordNotFoundError):
        reconstruct_case(sessions, assessment_id="no-such-assessment")
