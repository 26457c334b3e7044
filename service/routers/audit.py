"""The auditor's endpoints: the decision log (filtered, paginated, CSV) and verification of the decision chain."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from monitoring.chain import verify_chain
from monitoring.listing import decisions_csv, list_decisions
from service.deps import Auditor, SessionsDep
from service.presenters import decision_out
from service.schemas import ChainBreakOut, ChainOut, DecisionPage

router = APIRouter(prefix="/v1/audit", tags=["audit"])


@router.get("/decisions", response_model=DecisionPage, responses={200: {"content": {"text/csv": {}}}})
def audit_decisions(
    user: Auditor,
    sessions: SessionsDep,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    office: str | None = None,
    counsellor: str | None = None,
    model_version: str | None = None,
    level: str | None = None,
    overrides_only: bool = False,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
    format: Literal["json", "csv"] = "json",
) -> DecisionPage | Response:
    """Decisions by period, office, counsellor, model version, level; overrides only; as JSON pages or CSV."""
    rows, total = list_decisions(
        sessions,
        since=_utc(since),
        until=_utc(until),
        office=office,
        counsellor=counsellor,
        model_version=model_version,
        level=level,
        overrides_only=overrides_only,
        limit=limit,
        offset=offset,
    )
    if format == "csv":
        return Response(
            decisions_csv(rows),
            media_type="text/csv",
            headers={"Content-Disposition": 'attachment; filename="decisions.csv"'},
        )
    return DecisionPage(items=[decision_out(r.decision) for r in rows], total=total, limit=limit, offset=offset)


@router.get("/verify")
def audit_verify(user: Auditor, sessions: SessionsDep) -> ChainOut:
    """Verify the whole decision chain and say where it breaks, if it does."""
    report = verify_chain(sessions)
    return ChainOut(
        ok=report.ok,
        checked=report.checked,
        breaks=[ChainBreakOut(seq=b.seq, decision_id=b.decision_id, problem=b.problem) for b in report.breaks],
    )


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.UTC)
