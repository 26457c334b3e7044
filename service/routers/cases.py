"""The life of a case after its assessment: provisional level, approval and return, objection and review, and lists
of cases (obligations: human oversight, the right to contest).

Each step is one chained event (:mod:`monitoring.records.events`), appended after the case's state allows it
(:mod:`monitoring.records.case_state`: a 409 names the state otherwise) and the caller may record it: the case is
at the caller's office, approving and returning need the approver claim on the counsellor's token
(:mod:`service.auth`), and nobody approves or reviews their own decision (403). A refused request writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Response, status

from models.errors import ForbiddenError
from models.texts import PROBLEM_DETAILS, Language, text
from monitoring.records.assessments import get_assessment
from monitoring.records.case_list import list_cases
from monitoring.records.case_state import Case, CaseState, case_of, check_actor
from monitoring.records.events import append_event, record_provisional_level
from monitoring.records.kinds import EventKind
from monitoring.records.tables import EventRow
from service.auth import Principal, Role
from service.deps import (
    Counsellor,
    CounsellorOrAuditor,
    IdempotencyKey,
    IsoDateTime,
    LanguageDep,
    RecordingDep,
    SessionsDep,
    SettingsDep,
)
from service.presenters import case_out, event_out, json_response
from service.problems import answers
from service.routers.assessments import WRONG_OFFICE, check_office, hidden_from
from service.schemas import (
    ApprovalIn,
    AssessmentOut,
    CaseOut,
    CasePage,
    EventOut,
    ObjectionIn,
    ProvisionalLevelIn,
    ReturnIn,
    ReviewIn,
)
from service.settings import Settings

router = APIRouter(prefix="/v1/assessments", tags=["cases"], responses=answers(401, 403, 429, 503))
_WRITES = answers(400, 404, 409, 413)


def _allowed(user: Principal, kind: EventKind) -> Callable[[Case], None]:
    """The caller's rules, run on the case under the chain lock: the office, then four eyes."""

    def check(case: Case) -> None:
        check_office(case.office, user)
        check_actor(case, kind, user.subject)

    return check


async def _append(
    recording: RecordingDep,
    settings: Settings,
    user: Principal,
    *,
    assessment_id: str,
    kind: EventKind,
    payload: Mapping[str, Any],
    idempotency_key: str | None,
) -> Response:
    def record() -> tuple[EventRow, CaseState]:
        event = append_event(
            recording.sessions,
            kind=kind,
            payload=payload,
            caller=user.subject,
            actor=user.subject,
            office=user.office,
            assessment_id=assessment_id,
            request_id=recording.request_id,
            idempotency_key=idempotency_key,
            check=_allowed(user, kind),
            min_justification_chars=settings.min_justification_chars,
        )
        return event, case_of(recording.sessions, assessment_id=assessment_id).state

    event, state = await recording.hot_path.run(record)
    return json_response(event_out(event, state), status_code=status.HTTP_201_CREATED)


def _approver(user: Principal, lang: Language) -> None:
    if not user.approver:
        raise HTTPException(status.HTTP_403_FORBIDDEN, text(PROBLEM_DETAILS, "approver_needed", lang))


@router.post(
    "/{assessment_id}/provisional-level",
    status_code=status.HTTP_201_CREATED,
    response_model=AssessmentOut,
    responses=_WRITES,
)
async def record_provisional(
    assessment_id: str,
    body: ProvisionalLevelIn,
    user: Counsellor,
    recording: RecordingDep,
    lang: LanguageDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Blind-first: record your own level before you see the suggestion; the answer is the assessment, revealed."""

    def record() -> AssessmentOut:
        record_provisional_level(
            recording.sessions,
            assessment_id=assessment_id,
            level=body.level.value,
            request_id=recording.request_id,
            caller=user.subject,
            office=user.office or "",
            counsellor=user.subject,
            idempotency_key=idempotency_key,
            check=lambda case: check_office(case.office, user),
        )
        case = case_of(recording.sessions, assessment_id=assessment_id)
        row = get_assessment(recording.sessions, assessment_id=assessment_id)
        return case_out(row, case, lang, hidden=hidden_from(case, user))

    return json_response(await recording.hot_path.run(record), status_code=status.HTTP_201_CREATED)


@router.post(
    "/{assessment_id}/approval", status_code=status.HTTP_201_CREATED, response_model=EventOut, responses=_WRITES
)
async def approve(
    assessment_id: str,
    body: ApprovalIn,
    user: Counsellor,
    recording: RecordingDep,
    settings: SettingsDep,
    lang: LanguageDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Approve a decision on a permanent level (approver claim; never the decider's own): it now counts."""
    _approver(user, lang)
    return await _append(
        recording,
        settings,
        user,
        assessment_id=assessment_id,
        kind=EventKind.APPROVAL,
        payload=body.model_dump(),
        idempotency_key=idempotency_key,
    )


@router.post("/{assessment_id}/return", status_code=status.HTTP_201_CREATED, response_model=EventOut, responses=_WRITES)
async def return_decision(
    assessment_id: str,
    body: ReturnIn,
    user: Counsellor,
    recording: RecordingDep,
    settings: SettingsDep,
    lang: LanguageDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Return a decision on a permanent level to the counsellor with the reason (approver claim; not one's own)."""
    _approver(user, lang)
    return await _append(
        recording,
        settings,
        user,
        assessment_id=assessment_id,
        kind=EventKind.RETURN,
        payload=body.model_dump(),
        idempotency_key=idempotency_key,
    )


@router.post(
    "/{assessment_id}/objection", status_code=status.HTTP_201_CREATED, response_model=EventOut, responses=_WRITES
)
async def record_objection(
    assessment_id: str,
    body: ObjectionIn,
    user: Counsellor,
    recording: RecordingDep,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Record that the jobseeker objects to the current decision: the case goes under review."""
    return await _append(
        recording,
        settings,
        user,
        assessment_id=assessment_id,
        kind=EventKind.OBJECTION,
        payload=body.model_dump(mode="json"),
        idempotency_key=idempotency_key,
    )


@router.post("/{assessment_id}/review", status_code=status.HTTP_201_CREATED, response_model=EventOut, responses=_WRITES)
async def record_review(
    assessment_id: str,
    body: ReviewIn,
    user: Counsellor,
    recording: RecordingDep,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Close an objection (another counsellor than the decider): upheld, or superseded by the new decision you
    recorded on the case first.
    """
    return await _append(
        recording,
        settings,
        user,
        assessment_id=assessment_id,
        kind=EventKind.REVIEW,
        payload=body.model_dump(mode="json"),
        idempotency_key=idempotency_key,
    )


@router.get("", response_model=CasePage, responses=answers(422))
def cases(
    user: CounsellorOrAuditor,
    sessions: SessionsDep,
    status_: Annotated[list[CaseState] | None, Query(alias="status")] = None,
    since: IsoDateTime | None = None,
    until: IsoDateTime | None = None,
    office: Annotated[str | None, Query(pattern=r"^[0-9]{4}$")] = None,
    limit: Annotated[int, Query(ge=1, le=1_000)] = 50,
    offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
) -> CasePage:
    """Cases by state and period, newest first: a counsellor's own office (an approver's queue is
    ``status=awaiting_approval``), or any office for auditors (``status=undecided&status=provisional``: assessments
    that never got a decision).
    """
    if user.role is Role.COUNSELLOR:
        if office is not None and office != user.office:
            raise ForbiddenError(WRONG_OFFICE, token_office=user.office, office=office)
        office = user.office
    items, total = list_cases(
        sessions, office=office, states=status_, since=since, until=until, limit=limit, offset=offset
    )
    return CasePage(
        items=[CaseOut.model_validate(item, from_attributes=True) for item in items],
        total=total,
        limit=limit,
        offset=offset,
    )
