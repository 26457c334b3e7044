"""The auditor's subject-access lookup (GDPR Art. 15): everything held about one person, from the identity number.

The number is validated, turned into the person key and forgotten: it is not stored, logged or echoed, and the lookup
is recorded in the chain (who, when, the key, the purpose) before the answer is returned.
"""

from __future__ import annotations

from fastapi import APIRouter, Request

from models.formatting import format_value
from models.schema import PROFILE_FIELDS
from models.texts import FIELD_LABELS, SUBJECT_ACCESS_MESSAGES, Language, text
from monitoring.records.case_state import state_of
from monitoring.records.identity import person_key
from monitoring.records.subject_access import HeldCase, HeldRecords, SubjectAccess, look_up
from monitoring.records.tables import EventRow, OutcomeRow
from service.deps import Auditor, LanguageDep, SessionsDep
from service.presenters import case_out, event_out
from service.problems import answers
from service.schemas import HeldCaseOut, HeldOutcomeOut, ProfileItemOut, SubjectAccessIn, SubjectAccessOut

router = APIRouter(prefix="/v1/audit", tags=["audit"], responses=answers(401, 403, 429, 503))


@router.post("/subject-access", responses=answers(400, 413))
def subject_access(
    body: SubjectAccessIn, user: Auditor, request: Request, sessions: SessionsDep, lang: LanguageDep
) -> SubjectAccessOut:
    """Everything held about one person (assessments, decisions, events, outcomes); the lookup is recorded first."""
    key = person_key(body.national_id, secret=request.app.state.person_secret)
    found = look_up(
        sessions, person_key=key, purpose=body.purpose, auditor=user.subject, request_id=request.state.request_id
    )
    return _answer_out(found, lang)


def _answer_out(found: SubjectAccess, lang: Language) -> SubjectAccessOut:
    """The answer: the lookup's record, then what is held, with a note that says plainly when nothing is."""
    held = found.held
    return SubjectAccessOut(
        lookup=event_out(found.lookup, None),
        person_key=held.person_key,
        empty=held.empty,
        message=_message(held, lang),
        cases=[_case_out(one, lang) for one in held.cases],
        outcomes=[_outcome_out(row) for row in held.outcomes],
    )


def _message(held: HeldRecords, lang: Language) -> str:
    if held.empty:
        return text(SUBJECT_ACCESS_MESSAGES, "nothing_held", lang)
    return text(SUBJECT_ACCESS_MESSAGES, "held", lang).format(cases=len(held.cases), outcomes=len(held.outcomes))


def _case_out(one: HeldCase, lang: Language) -> HeldCaseOut:
    row, records = one.assessment, one.case.records
    return HeldCaseOut(
        consent=row.consent,
        profile=[
            ProfileItemOut(
                field=name,
                label=text(FIELD_LABELS, name, lang),
                value=row.profile.get(name),
                text=format_value(name, row.profile.get(name), lang),
            )
            for name in PROFILE_FIELDS
            if name in row.profile
        ],
        assessment=case_out(row, one.case, lang, hidden=False),  # an auditor sees all that was stored
        events=[
            event_out(record, state_of(records[: at + 1]))
            for at, record in enumerate(records)
            if isinstance(record, EventRow)
        ],
    )


def _outcome_out(row: OutcomeRow) -> HeldOutcomeOut:
    return HeldOutcomeOut(
        id=row.id,
        created_at=row.created_at,
        assessment_id=row.assessment_id,
        horizon_months=row.horizon_months,
        employed=row.employed,
        observed_on=row.observed_on,
        source=row.source,
    )
