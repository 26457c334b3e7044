"""The state of a case on SQLite and PostgreSQL: cases walked through every arrow of the life of a case (the chain
verifies after them), and every illegal transition refused with a conflict that names the state, writing nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConflictError, ForbiddenError
from monitoring.records.assessments import AssessmentRow
from monitoring.records.case_state import (
    BLIND_UNDECIDED,
    DECISION,
    ILLEGAL_TRANSITION,
    NOT_BLIND,
    NOT_THE_CURRENT_DECISION,
    SUPERSEDED_WITHOUT_DECISION,
    UPHELD_AFTER_DECISION,
    Case,
    CaseState,
    check_actor,
    check_revealable,
    check_transition,
    state_of,
)
from monitoring.records.chain import verify_chain, verify_records
from monitoring.records.links import chain_head
from monitoring.records.tables import DecisionRow, EventRow
from tests.monitoring.records.cases import APPROVER, COUNSELLOR, PERMANENT, REVIEWER, SUGGESTED, CaseWalk

AssessmentFactory = Callable[..., AssessmentRow]
WalkFactory = Callable[[], CaseWalk]


@pytest.fixture()
def new_case(sessions: sessionmaker[Session], make_assessment: AssessmentFactory) -> WalkFactory:
    return lambda: CaseWalk(sessions, make_assessment().id)


@pytest.fixture()
def blind_case(sessions: sessionmaker[Session], make_assessment: AssessmentFactory) -> WalkFactory:
    return lambda: CaseWalk(sessions, make_assessment(blind_first=True).id)


def test_one_case_through_every_arrow(sessions: sessionmaker[Session], blind_case: WalkFactory) -> None:
    walk = blind_case()
    steps: list[tuple[Callable[[], object], CaseState]] = [
        (lambda: None, CaseState.UNDECIDED),
        (walk.provisional, CaseState.PROVISIONAL),
        (walk.decide, CaseState.AWAITING_APPROVAL),  # a permanent level
        (walk.return_, CaseState.RETURNED),
        (walk.decide, CaseState.AWAITING_APPROVAL),
        (walk.approve, CaseState.DECIDED),
        (walk.object_, CaseState.UNDER_REVIEW),
        (lambda: walk.decide(SUGGESTED, by=REVIEWER), CaseState.UNDER_REVIEW),
        (lambda: walk.review("superseded"), CaseState.DECIDED),
    ]
    for step, expected in steps:
        step()
        case = walk.case
        assert case.state == expected, step
        assert isinstance(case.records[0], EventRow) and case.records[0].kind == "assessed"
        assert [record.id for record in case.records[1:]] == [record.id for record in walk.records]
    decision = walk.case.decision
    assert decision is not None and decision.counsellor == REVIEWER
    report = verify_chain(sessions)
    assert report.ok and (report.checked, report.events_checked, report.head_seq) == (3, 6, 9)
    assert verify_records(sessions, assessment_ids=[walk.assessment_id]) == []


def test_an_objection_upheld_and_one_superseded_by_a_permanent_level(
    sessions: sessionmaker[Session], new_case: WalkFactory
) -> None:
    upheld, superseded = new_case(), new_case()
    for walk in (upheld, superseded):
        walk.decide(SUGGESTED)
        walk.object_()
    upheld.review("upheld")
    superseded.decide(PERMANENT, by=REVIEWER)
    superseded.review("superseded")
    assert (upheld.case.state, superseded.case.state) == (CaseState.DECIDED, CaseState.AWAITING_APPROVAL)
    superseded.approve()
    assert superseded.case.state == CaseState.DECIDED and verify_chain(sessions).ok


def refused(sessions: sessionmaker[Session], expected: ConflictError, append: Callable[[], object]) -> None:
    """``append`` raises the ``expected`` conflict (its key and parameters), and the chain is as it was."""
    with sessions() as session:
        before = chain_head(session)
    with pytest.raises(ConflictError) as caught:
        append()
    assert (caught.value.key, caught.value.params) == (expected.key, expected.params)
    with sessions() as session:
        assert chain_head(session) == before


def illegal(kind: str, state: CaseState) -> ConflictError:
    return ConflictError(ILLEGAL_TRANSITION, kind=kind, state=state.value)


def test_illegal_transitions_are_refused_naming_the_state(
    sessions: sessionmaker[Session], blind_case: WalkFactory
) -> None:
    walk = blind_case()
    undecided = CaseState.UNDECIDED
    assert walk.case.suggestion_hidden
    refused(
        sessions,
        ConflictError(BLIND_UNDECIDED, kind=DECISION, state="undecided"),
        lambda: walk.decide(check=lambda case: check_transition(case, DECISION)),
    )
    refused(sessions, illegal("objection", undecided), walk.object_)
    refused(sessions, illegal("approval", undecided), walk.approve)
    refused(sessions, illegal("return", undecided), walk.return_)
    refused(sessions, illegal("review", undecided), lambda: walk.review("upheld"))
    walk.provisional()
    refused(sessions, illegal("provisional_level", CaseState.PROVISIONAL), walk.provisional)
    first = walk.decide()
    awaiting = CaseState.AWAITING_APPROVAL
    refused(sessions, illegal("objection", awaiting), walk.object_)
    refused(sessions, illegal("provisional_level", awaiting), walk.provisional)
    walk.return_()
    walk.decide()
    stale = {"decision_id": first.id}
    refused(
        sessions,
        ConflictError(NOT_THE_CURRENT_DECISION, kind="approval", state=awaiting.value),
        lambda: walk.event("approval", stale, APPROVER),
    )
    walk.approve()
    decided = CaseState.DECIDED
    refused(sessions, illegal("approval", decided), walk.approve)
    refused(sessions, illegal("review", decided), lambda: walk.review("upheld"))
    walk.object_()
    superseding = ConflictError(SUPERSEDED_WITHOUT_DECISION, state="under_review")
    refused(sessions, superseding, lambda: walk.review("superseded"))
    walk.decide(SUGGESTED, by=REVIEWER)
    refused(sessions, ConflictError(UPHELD_AFTER_DECISION, state="under_review"), lambda: walk.review("upheld"))
    assert walk.case.state == CaseState.UNDER_REVIEW and verify_chain(sessions).ok


def test_blind_first_hides_the_suggestion_until_the_provisional_level(
    sessions: sessionmaker[Session], new_case: WalkFactory, blind_case: WalkFactory
) -> None:
    seen = new_case()
    refused(sessions, ConflictError(NOT_BLIND, state="undecided"), seen.provisional)
    check_revealable(seen.case)
    blind = blind_case()
    with pytest.raises(ConflictError, match='status is "Undecided"'):
        check_revealable(blind.case)
    blind.provisional()
    assert not blind.case.suggestion_hidden
    check_revealable(blind.case)


def test_deciding_a_decided_case_is_refused_by_the_decisions_check(
    sessions: sessionmaker[Session], new_case: WalkFactory
) -> None:
    walk = new_case()

    def decidable(case: Case) -> None:
        check_transition(case, DECISION)

    walk.decide(SUGGESTED, check=decidable)
    refused(sessions, illegal(DECISION, CaseState.DECIDED), lambda: walk.decide(check=decidable))
    other = new_case()
    other.decide(PERMANENT, check=decidable)
    refused(sessions, illegal(DECISION, CaseState.AWAITING_APPROVAL), lambda: other.decide(check=decidable))
    other.decide(SUGGESTED)  # without the check a new decision supersedes, as before
    assert other.case.state == CaseState.DECIDED


def test_the_decider_never_approves_and_never_reviews_an_objection_to_their_decision(
    sessions: sessionmaker[Session], new_case: WalkFactory
) -> None:
    """Four eyes: :func:`check_actor` refuses, with the case read under the lock, and nothing is written."""
    walk = new_case()
    decision = walk.decide()
    payload = {"decision_id": decision.id}

    def by(actor: str, kind: str) -> Callable[[Case], None]:
        return lambda case: check_actor(case, kind, actor)

    with pytest.raises(ForbiddenError, match="the approver is never the decider"):
        walk.event("approval", payload, COUNSELLOR, check=by(COUNSELLOR, "approval"))
    with pytest.raises(ForbiddenError, match="the approver is never the decider"):
        walk.event(
            "return",
            payload | {"reason": "Mangler vurdering av arbeidsevne."},
            COUNSELLOR,
            check=by(COUNSELLOR, "return"),
        )
    assert walk.case.state == CaseState.AWAITING_APPROVAL
    walk.event("approval", payload, APPROVER, check=by(APPROVER, "approval"))
    walk.object_()
    with pytest.raises(ForbiddenError, match="another counsellor reviews"):
        walk.decide(SUGGESTED, by=COUNSELLOR, check=by(COUNSELLOR, DECISION))
    with pytest.raises(ForbiddenError, match="another counsellor reviews"):
        walk.event(
            "review",
            {"outcome": "upheld", "justification": "Vedtaket bygger på riktige opplysninger."},
            COUNSELLOR,
            check=by(COUNSELLOR, "review"),
        )
    walk.event(
        "review",
        {"outcome": "upheld", "justification": "Vedtaket bygger på riktige opplysninger."},
        REVIEWER,
        check=by(REVIEWER, "review"),
    )
    assert walk.case.state == CaseState.DECIDED and verify_chain(sessions).ok


def test_older_records_still_fold_into_a_state() -> None:
    """Before the rules, a new decision could supersede one awaiting approval: the newest decision decides."""
    superseded = [DecisionRow(seq=2, decided_level=PERMANENT), DecisionRow(seq=3, decided_level=SUGGESTED)]
    assert state_of(superseded) == CaseState.DECIDED
    assert state_of([EventRow(kind="assessed"), EventRow(kind="subject_access")]) == CaseState.UNDECIDED
