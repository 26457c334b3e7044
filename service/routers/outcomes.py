"""Observed outcomes, posted by the system that knows them (months after the assessment)."""

from __future__ import annotations

from fastapi import APIRouter, Request, status

from monitoring.records.identity import person_key
from monitoring.records.outcomes import Outcome, record_outcomes
from service.deps import IdempotencyKey, SessionsDep, System
from service.problems import answers
from service.schemas import OutcomesIn, OutcomesOut

router = APIRouter(prefix="/v1/outcomes", tags=["outcomes"], responses=answers(400, 401, 403, 404, 413, 429, 503))


@router.post("", status_code=status.HTTP_201_CREATED, responses=answers(409))
def post_outcomes(
    body: OutcomesIn, request: Request, user: System, sessions: SessionsDep, idempotency_key: IdempotencyKey = None
) -> OutcomesOut:
    """Record whether jobseekers were in work at the horizon, by assessment id or identity number: all or nothing."""
    secret: bytes = request.app.state.person_secret
    outcomes = [
        Outcome(
            horizon_months=item.horizon_months,
            employed=item.employed,
            observed_on=item.observed_on,
            assessment_id=item.assessment_id,
            person_key=person_key(item.national_id, secret=secret) if item.national_id else None,
        )
        for item in body.outcomes
    ]
    rows = record_outcomes(sessions, outcomes, source=body.source, caller=user.subject, idempotency_key=idempotency_key)
    return OutcomesOut(recorded=len(rows))
