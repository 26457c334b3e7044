"""The counsellor's endpoints: assess a jobseeker, read the record back, explain it, record a decision.

In blind-first mode (``PROFILING_BLIND_FIRST``) the assessment is recorded as always but its answer, and every read
of it by a counsellor, withholds risk, range, suggestion, flags and reasons until the counsellor has recorded a
provisional level (:mod:`service.routers.cases`); the explanation and a decision are refused (409) until then.

Also ``POST /v1/admin/score``, a predict-only measurement aid for data scientists (see :func:`score_only`).
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request, Response, status

from models.errors import ForbiddenError
from models.risk_model import Assessment
from models.schema import JobseekerProfile
from monitoring.records.assessments import get_assessment, record_assessment
from monitoring.records.case_state import (
    DECISION,
    Case,
    CaseState,
    case_of,
    check_actor,
    check_revealable,
    check_transition,
)
from monitoring.records.decisions import record_decision
from monitoring.records.identity import person_key
from monitoring.records.tables import AssessmentRow, DecisionRow
from monitoring.records.trials import ActiveTrials
from service.auth import Principal, Role
from service.deps import (
    ChampionDep,
    Counsellor,
    CounsellorOrAuditor,
    DataScientist,
    IdempotencyKey,
    LanguageDep,
    RecordingDep,
    SessionsDep,
    SettingsDep,
)
from service.explanations import explain_record, recorded_model
from service.presenters import assessment_out, case_out, decision_out, json_response
from service.problems import answers
from service.schemas import (
    AssessmentIn,
    AssessmentOut,
    DecisionIn,
    DecisionOut,
    ExplanationOut,
    ModelRef,
    RangeOut,
    ScoreOut,
)

ANOTHER_OFFICE = "another_office"
WRONG_OFFICE = "wrong_office"
"""Keys of :data:`models.texts.ERROR_DETAILS`."""

_assessments = APIRouter(prefix="/v1/assessments", tags=["assessments"], responses=answers(401, 403, 429, 503))
_admin = APIRouter(prefix="/v1/admin", tags=["model"])


def _readable(row: AssessmentRow, principal: Principal) -> AssessmentRow:
    check_office(row.office, principal)
    return row


def check_office(office: str, principal: Principal) -> None:
    """Refuse a counsellor a case of another office (auditors read every office)."""
    if principal.role is Role.COUNSELLOR and office != principal.office:
        raise ForbiddenError(ANOTHER_OFFICE)


def hidden_from(case: Case, principal: Principal) -> bool:
    """Whether ``principal`` may not see the case's suggestion yet: a counsellor, before a blind-first case's
    provisional level. Auditors see every record as stored.
    """
    return principal.role is Role.COUNSELLOR and case.suggestion_hidden


@_assessments.post(
    "", status_code=status.HTTP_201_CREATED, response_model=AssessmentOut, responses=answers(400, 409, 413)
)
async def create_assessment(
    body: AssessmentIn,
    request: Request,
    user: Counsellor,
    champion: ChampionDep,
    recording: RecordingDep,
    settings: SettingsDep,
    lang: LanguageDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Assess a newly registered jobseeker: risk, range, suggested level, flags and reasons (a suggestion only).

    In blind-first mode the answer withholds them (``suggestion_hidden``) until a provisional level is recorded. In
    a display trial at the office, a jobseeker who consented to profiling and to trials gets a blind-first or a
    shown arm drawn at random, recorded with the assessment.
    """
    if body.office != user.office:
        raise ForbiddenError(WRONG_OFFICE, token_office=user.office, office=body.office)
    secret: bytes = request.app.state.person_secret
    trials: ActiveTrials = request.app.state.trials

    def assess_and_record() -> tuple[AssessmentRow, Assessment | None, bool]:
        display = trials.display_draw(office=body.office) if body.consent and body.trial_consent else None
        blind = display.blind_first if display else body.consent and settings.blind_first_at(body.office)
        result = champion.model.assess(body.profile, lang=lang) if body.consent else None
        row = record_assessment(
            recording.sessions,
            request_id=recording.request_id,
            caller=user.subject,
            person_key=person_key(body.national_id, secret=secret),
            office=body.office,
            counsellor=user.subject,
            consent=body.consent,
            profile=body.profile,
            model_name=champion.name,
            model_version=champion.version,
            assessment=result,
            language=lang,
            idempotency_key=idempotency_key,
            blind_first=blind,
            trial_consent=body.trial_consent,
            display_trial=display.trial_id if display else None,
            display_seed=display.seed if display else None,
        )
        if row.request_id != recording.request_id:  # a retry: the first request's arm, not this one's
            blind = case_of(recording.sessions, assessment_id=row.id).blind_first
        return row, result, blind

    row, result, blind = await recording.hot_path.run(assess_and_record)
    metrics = request.app.state.metrics
    if result is None:
        metrics.declined.inc()
    else:
        metrics.suggestions.labels(result.level.value).inc()
    out = assessment_out(row, [], lang, state=CaseState.UNDECIDED, blind_first=blind, hidden=blind)
    return json_response(out, status_code=status.HTTP_201_CREATED)


@_assessments.get("/{assessment_id}", responses=answers(404))
def read_assessment(
    assessment_id: str, user: CounsellorOrAuditor, sessions: SessionsDep, lang: LanguageDep
) -> AssessmentOut:
    """The assessment as it was shown, with every decision on it and the case's state (blind-first: withheld from a
    counsellor until the provisional level).
    """
    row = _readable(get_assessment(sessions, assessment_id=assessment_id), user)
    case = case_of(sessions, assessment_id=assessment_id)
    return case_out(row, case, lang, hidden=hidden_from(case, user))


@_assessments.get("/{assessment_id}/explanation", responses=answers(404))
def explain_assessment(
    assessment_id: str,
    request: Request,
    user: CounsellorOrAuditor,
    sessions: SessionsDep,
    settings: SettingsDep,
    lang: LanguageDep,
    audience: Literal["jobseeker", "counsellor"] = "counsellor",
) -> ExplanationOut:
    """Explain in plain language: suggestion, flags, reasons, what would change the suggestion, who decides.

    A blind-first case's explanation waits for the counsellor's provisional level (409 naming the state).
    """
    row = _readable(get_assessment(sessions, assessment_id=assessment_id), user)
    if user.role is Role.COUNSELLOR:
        check_revealable(case_of(sessions, assessment_id=assessment_id))
    model = recorded_model(
        row,
        champion=request.app.state.champion,
        tracking_uri=settings.tracking_uri,
        cache_dir=settings.model_cache_dir,
    )
    return explain_record(row, audience=audience, lang=lang, model=model)


@_assessments.post(
    "/{assessment_id}/decision",
    status_code=status.HTTP_201_CREATED,
    response_model=DecisionOut,
    responses=answers(400, 404, 409, 413),
)
async def decide(
    assessment_id: str,
    body: DecisionIn,
    request: Request,
    user: Counsellor,
    recording: RecordingDep,
    settings: SettingsDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Record the counsellor's decision; a level other than the suggested one needs a reason and a justification.

    A decision on a permanent level awaits a second person's approval before it counts. A case is decided once:
    deciding a decided case, or one awaiting approval, is a 409 naming its state; a decided case changes through an
    objection and its review (:mod:`service.routers.cases`), whose new decision another counsellor makes.
    """

    def decidable(case: Case) -> None:
        check_transition(case, DECISION, {"decided_level": body.level.value})  # after a trial draw, the drawn level
        check_actor(case, DECISION, user.subject)

    def record() -> DecisionRow:
        return record_decision(
            recording.sessions,
            assessment_id=assessment_id,
            decided_level=body.level.value,
            request_id=recording.request_id,
            caller=user.subject,
            office=user.office or "",
            counsellor=user.subject,
            reason_code=body.reason_code.value if body.reason_code else None,
            justification=body.justification,
            idempotency_key=idempotency_key,
            check_office=lambda office: check_office(office, user),
            check=decidable,
            min_justification_chars=settings.min_justification_chars,
            documentation=body.documentation.model_dump(mode="json") if body.documentation else None,
        )

    row = await recording.hot_path.run(record)
    request.app.state.metrics.decisions.labels(row.decided_level, str(row.follows_suggestion).lower()).inc()
    documented = body.documentation.model_dump(mode="json") if body.documentation else None
    return json_response(decision_out(row, documented), status_code=status.HTTP_201_CREATED)


@_admin.post("/score", response_model=ScoreOut, include_in_schema=False)
async def score_only(body: JobseekerProfile, user: DataScientist, champion: ChampionDep) -> Response:
    """Predict-only, for measuring the service (``bench/serve.py``); NOT a product feature.

    Validates the profile and returns the champion's risk and range like MLflow's ``/invocations`` does: no SHAP, no
    reasons, no suggestion, and nothing is written (``recorded`` is always false). It takes a profile, not a person
    (no identity number, no office), and only data scientists may call it, so it cannot become an unrecorded way of
    profiling a jobseeker: counsellors assess through ``POST /v1/assessments``, which always writes the record.
    Left out of the OpenAPI document on purpose (it is not part of the API integrators build on). It runs on the
    event loop: a few hundred microseconds of model work and no I/O, so a thread hand-off would cost more than it
    saves.
    """
    model = champion.model
    risk, lower, upper = model.score_matrix(model.spec.encode_profile(body))
    return json_response(
        ScoreOut(
            risk=float(risk[0]),
            range=RangeOut(lower=float(lower[0]), upper=float(upper[0])),
            model=ModelRef(name=champion.name, version=champion.version),
        )
    )


router = APIRouter()
"""Everything above, as one router for the app."""
router.include_router(_assessments)
router.include_router(_admin)
