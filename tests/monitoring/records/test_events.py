"""Appending events on SQLite and PostgreSQL: what is stored and hashed, payloads checked per kind, events that name
the wrong subject refused, idempotency, and a refusal (by the state, by the caller's check, by a missing assessment)
that writes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from models.errors import ConflictError, InvalidInputError, RecordNotFoundError
from monitoring.records.assessments import AssessmentRow
from monitoring.records.case_state import Case
from monitoring.records.chain import verify_chain
from monitoring.records.events import (
    CHECK_NEEDS_CASE,
    DOCUMENTED_WITH_DECISION,
    IDEMPOTENCY_CONFLICT,
    NAMES_NO_ASSESSMENT,
    NEEDS_ASSESSMENT,
    NOT_APPENDED_BY_HAND,
    append_event,
    record_provisional_level,
)
from monitoring.records.hashing import EVENT_HASHED_FIELDS, content_hash
from monitoring.records.kinds import (
    BAD_KIND,
    MAX_TEXT,
    TEXT_EMPTY,
    TEXT_HAS_ID,
    TEXT_TOO_LONG,
    TEXT_TOO_SHORT,
    checked_payload,
)
from monitoring.records.links import chain_head
from monitoring.records.tables import EventRow
from tests.monitoring.records.cases import AUDITOR, COUNSELLOR, DOCUMENTED, OFFICE, PERMANENT, CaseWalk

AssessmentFactory = Callable[..., AssessmentRow]
MISSING = "3f1c0c9e-0000-4000-8000-000000000000"


def english(key: str, **params: object) -> str:
    """The English message of the error with this key."""
    return str(InvalidInputError(key, **params))


TOO_SHORT = english(TEXT_TOO_SHORT, name="text", minimum=20)


def provisional(sessions: sessionmaker[Session], assessment_id: str, **kw: object) -> EventRow:
    arguments: dict[str, object] = {
        "level": PERMANENT,
        "request_id": "req-p",
        "caller": COUNSELLOR,
        "office": OFFICE,
        "counsellor": COUNSELLOR,
    } | kw
    return record_provisional_level(sessions, assessment_id=assessment_id, **arguments)  # type: ignore[arg-type]


def stored_events(sessions: sessionmaker[Session]) -> list[EventRow]:
    with sessions() as session:
        return list(session.scalars(select(EventRow).order_by(EventRow.seq)))


def head(sessions: sessionmaker[Session]) -> tuple[int, str]:
    with sessions() as session:
        newest = chain_head(session)
    return newest.seq, newest.hash


def test_an_assessment_is_chained_by_its_own_event(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    assessment = make_assessment(request_id="req-a")
    [link] = stored_events(sessions)
    shadow = {"rule_outcome": "ANTATT_BEHOV_FOR_VEILEDNING"}  # today's rule on the example profile, in shadow
    assert (link.seq, link.kind, link.assessment_id, link.payload) == (1, "assessed", assessment.id, shadow)
    assert (link.assessment_hash, link.created_at) == (assessment.content_hash, assessment.created_at)
    assert (link.request_id, link.caller, link.actor, link.office) == ("req-a", "counsellor-1", "Z990001", "0301")


def test_an_unscored_assessment_records_no_rule_outcome(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    make_assessment(consent=False, assessment=None)
    [link] = stored_events(sessions)
    assert link.payload == {}


def test_a_provisional_level_is_stored_hashed_and_chained(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    assessment = make_assessment(blind_first=True)
    at = dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC)
    event = provisional(sessions, assessment.id, at=at)
    [link, stored] = stored_events(sessions)
    assert stored.id == event.id and (stored.seq, stored.prev_hash) == (2, link.hash)
    assert (stored.kind, stored.payload, stored.created_at) == ("provisional_level", {"level": PERMANENT}, at)
    assert stored.assessment_hash == assessment.content_hash and (stored.actor, stored.office) == (COUNSELLOR, OFFICE)
    values = {name: getattr(stored, name) for name in EVENT_HASHED_FIELDS}
    assert stored.hash == event.hash == content_hash(values, EVENT_HASHED_FIELDS)
    report = verify_chain(sessions)
    assert report.ok and (report.events_checked, report.head_seq, report.head_hash) == (2, 2, stored.hash)


@pytest.mark.parametrize(
    ("kind", "payload", "message"),
    [
        ("promotion", {}, english(BAD_KIND)),
        ("provisional_level", {"level": "HIGH"}, "payload.level: "),
        ("provisional_level", {}, "payload.level: "),
        ("provisional_level", {"level": PERMANENT, "note": "x"}, "payload.note: "),
        ("objection", {"decision_id": "d", "channel": "fax", "received_on": "2026-12-01", "text": "t"}, "channel"),
        ("return", {"decision_id": "d", "reason": "   "}, "payload.reason: " + english(TEXT_EMPTY, name="text")),
        ("return", {"decision_id": "d", "reason": "x" * 4_001}, english(TEXT_TOO_LONG, name="text", maximum=MAX_TEXT)),
        ("return", {"decision_id": "d", "reason": " Mangler noe. "}, "payload.reason: " + TOO_SHORT),
        ("review", {"outcome": "upheld", "justification": "Opprettholdt."}, "payload.justification: " + TOO_SHORT),
        ("subject_access", {"person_key": "12345678901", "purpose": "p"}, "payload.person_key: "),
    ],
)
def test_payloads_are_checked_against_their_kind(kind: str, payload: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        checked_payload(kind, payload)
    assert message in str(caught.value)


def test_a_return_or_review_is_held_to_the_callers_minimum_and_to_no_label() -> None:
    """They have no reason code, so only the length counts; the minimum is the caller's (the service's setting)."""
    assert checked_payload("return", {"decision_id": "d", "reason": "Helse"}, min_justification_chars=5)[1] == {
        "decision_id": "d",
        "reason": "Helse",
    }
    review = {"outcome": "upheld", "justification": " Opprettholdt etter samtale. "}
    assert checked_payload("review", review)[1]["justification"] == "Opprettholdt etter samtale."
    with pytest.raises(InvalidInputError, match="at least 6 characters"):
        checked_payload("return", {"decision_id": "d", "reason": "Helse"}, min_justification_chars=6)


def test_free_text_with_an_identity_number_is_refused(national_id: Callable[..., str]) -> None:
    text = f"Brukeren {national_id(dt.date(1985, 3, 14))} ber om innsyn."
    with pytest.raises(InvalidInputError, match=english(TEXT_HAS_ID, name="text")):
        checked_payload("subject_access", {"person_key": "ab" * 32, "purpose": text})


def test_a_checked_payload_is_stored_as_json_values() -> None:
    payload = {"decision_id": "d-1", "channel": "letter", "received_on": dt.date(2026, 12, 1), "text": " Nei. "}
    assert checked_payload("objection", payload)[1] == payload | {"received_on": "2026-12-01", "text": "Nei."}


def test_events_name_the_subject_their_kind_has(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    assessment = make_assessment()
    access = {"person_key": "ab" * 32, "purpose": "Innsynsbegjæring."}
    common = {"caller": AUDITOR, "actor": AUDITOR, "office": None}
    cases: list[tuple[dict[str, object], str]] = [
        ({"kind": "assessed", "payload": {}, "assessment_id": assessment.id}, NOT_APPENDED_BY_HAND),
        ({"kind": "subject_access", "payload": access, "assessment_id": assessment.id}, NAMES_NO_ASSESSMENT),
        ({"kind": "subject_access", "payload": access, "check": lambda case: None}, CHECK_NEEDS_CASE),
        ({"kind": "approval", "payload": {"decision_id": "d"}}, NEEDS_ASSESSMENT),
    ]
    for arguments, message in cases:
        with pytest.raises(InvalidInputError, match=english(message, kind=arguments["kind"])):
            append_event(sessions, **(common | arguments))  # type: ignore[arg-type]
    assert len(stored_events(sessions)) == 1
    event = append_event(sessions, kind="subject_access", payload=access, **common)  # type: ignore[arg-type]
    assert (event.assessment_id, event.assessment_hash, event.office) == (None, None, None)
    assert verify_chain(sessions).ok


def test_a_refused_event_writes_nothing(sessions: sessionmaker[Session], make_assessment: AssessmentFactory) -> None:
    assessment = make_assessment(blind_first=True)
    before = head(sessions)
    seen: list[Case] = []

    def refuse(case: Case) -> None:
        seen.append(case)
        raise PermissionError(case.office)

    with pytest.raises(PermissionError):
        provisional(sessions, assessment.id, check=refuse)
    assert [(case.assessment_id, case.office, case.state) for case in seen] == [(assessment.id, "0301", "undecided")]
    with pytest.raises(RecordNotFoundError):
        provisional(sessions, MISSING)
    with pytest.raises(InvalidInputError, match=r"^payload\.level: "):
        provisional(sessions, assessment.id, level="HIGH")
    assert head(sessions) == before and len(stored_events(sessions)) == 1


def test_a_retry_with_the_same_key_returns_the_first_event(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    assessment = make_assessment(blind_first=True)
    first = provisional(sessions, assessment.id, idempotency_key="k-1")
    CaseWalk(sessions, assessment.id).decide()  # the state has moved on: only the key can answer the retry
    again = provisional(sessions, assessment.id, idempotency_key="k-1", request_id="req-retry")
    assert (again.id, again.hash) == (first.id, first.hash)
    with pytest.raises(ConflictError, match=english(IDEMPOTENCY_CONFLICT)):
        provisional(sessions, assessment.id, idempotency_key="k-1", level="STANDARD_INNSATS")
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(EventRow)) == 2


def test_a_documented_decision_is_followed_by_its_documentation(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    walk = CaseWalk(sessions, make_assessment().id)
    decision = walk.decide(documentation={**DOCUMENTED, "wishes": "  Vil prøve deltid først. "})
    [_, documented] = stored_events(sessions)
    assert documented.kind == "documentation" and (documented.seq, documented.prev_hash) == (
        decision.seq + 1,
        decision.hash,
    )
    assert documented.payload == DOCUMENTED | {"decision_id": decision.id}
    assert (documented.actor, documented.office, documented.created_at) == (COUNSELLOR, OFFICE, decision.created_at)
    assert walk.case.state.value == "awaiting_approval" and verify_chain(sessions).ok


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"factors": []}, "payload.factors"),
        ({"factors": ["HEALTH", "HEALTH"]}, "each factor at most once"),
        ({"factors": ["LUCK"]}, "payload.factors.0"),
        ({"channel": None}, "payload.channel"),
        ({"wishes": "Ring meg på 15899010059."}, english(TEXT_HAS_ID, name="text")),
    ],
)
def test_a_decision_with_bad_documentation_writes_nothing(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory, change: dict[str, object], message: str
) -> None:
    walk = CaseWalk(sessions, make_assessment().id)
    before = head(sessions)
    with pytest.raises(InvalidInputError, match=message.replace(".", r"\.")):
        walk.decide(documentation=DOCUMENTED | change)
    assert head(sessions) == before


def test_documentation_is_appended_only_with_its_decision(
    sessions: sessionmaker[Session], make_assessment: AssessmentFactory
) -> None:
    assessment = make_assessment()
    with pytest.raises(InvalidInputError, match=english(DOCUMENTED_WITH_DECISION)):
        append_event(
            sessions,
            kind="documentation",
            payload=DOCUMENTED | {"decision_id": "x"},
            caller=COUNSELLOR,
            actor=COUNSELLOR,
            office=OFFICE,
            assessment_id=assessment.id,
        )
