"""Observed outcomes, posted by the system that knows them (months after the assessment)."""

from __future__ import annotations

from fastapi import APIRouter, Request, status

from monitoring.records.assessments import record_outcome
from monitoring.records.identity import person_key
from service.deps import SessionsDep, System
from service.problems import answers
from service.schemas import OutcomesIn, OutcomesOut

router = APIRouter(prefix="/v1/outcomes", tags=["outcomes"], responses=answers(400, 401, 403, 404, 413, 429, 503))


@router.post("", status_code=status.HTTP_201_CREATED)
def post_outcomes(body: OutcomesIn, request: Request, user: System, sessions: SessionsDep) -> OutcomesOut:
    """Record whether jobseekers were in work at the horizon, by assessment id or identity number."""
    secret = request.app.state.person_secret
    for outcome in body.outcomes:
        record_outcome(
            sessions,
            horizon_months=outcome.horizon_months,
            employed=outcome.employed,
            observed_on=outcome.observed_on,
            source=body.source,
            caller=user.subject,
            assessment_id=outcome.assessment_id,
            person_key=person_key(outcome.national_id, secret=secret) if outcome.national_id else None,
        )
    return OutcomesOut(recorded=len(body.outcomes))
