"""The auditor's endpoints: the decision log (filtered; JSON pages or a complete CSV) and verifying the records."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from models.schema import IsoDate
from monitoring.analysis.explanations import reconstruct_case
from monitoring.analysis.reference import reference_of
from monitoring.analysis.report import build_report
from monitoring.records.chain import verify_chain
from monitoring.records.listing import DecisionFilters, csv_chunks, export_decisions, list_decisions
from service.deps import Auditor, AuditorOrDataScientist, IsoDateTime, SessionsDep
from service.presenters import decision_out
from service.problems import answers
from service.schemas import ChainBreakOut, ChainOut, DecisionPage

router = APIRouter(prefix="/v1/audit", tags=["audit"], responses=answers(401, 403, 429, 503))


@router.get("/decisions", response_model=DecisionPage, responses={200: {"content": {"text/csv": {}}}})
def audit_decisions(
    user: Auditor,
    sessions: SessionsDep,
    since: IsoDateTime | None = None,
    until: IsoDateTime | None = None,
    office: str | None = None,
    counsellor: str | None = None,
    model_version: str | None = None,
    level: str | None = None,
    overrides_only: bool = False,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 100,
    offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
    format: Literal["json", "csv"] = "json",
) -> DecisionPage | Response:
    """Decisions by period, office, counsellor, model version, level; overrides only; as JSON pages or CSV.

    ``limit`` and ``offset`` page the JSON; the CSV holds every matching decision, streamed as it is read.
    """
    filters: DecisionFilters = {
        "since": since,
        "until": until,
        "office": office,
        "counsellor": counsellor,
        "model_version": model_version,
        "level": level,
        "overrides_only": overrides_only,
    }
    if format == "csv":
        return StreamingResponse(
            csv_chunks(export_decisions(sessions, **filters)),
            media_type="text/csv",
            headers={"Content-Disposition": 'attachment; filename="decisions.csv"'},
        )
    rows, total = list_decisions(sessions, limit=limit, offset=offset, **filters)
    return DecisionPage(
        items=[decision_out(r.decision, r.documentation) for r in rows], total=total, limit=limit, offset=offset
    )


@router.get("/verify")
def audit_verify(user: Auditor, sessions: SessionsDep) -> ChainOut:
    """Verify every assessment and the whole chain of decisions and events, and say where they break, if they do."""
    report = verify_chain(sessions)
    return ChainOut(
        ok=report.ok,
        checked=report.checked,
        events_checked=report.events_checked,
        assessments_checked=report.assessments_checked,
        head_seq=report.head_seq,
        head_hash=report.head_hash,
        breaks=[ChainBreakOut(**dataclasses.asdict(b)) for b in report.breaks],
    )


@router.get("/report", responses={200: {"content": {"text/html": {}}}})
def audit_report(
    user: AuditorOrDataScientist,
    request: Request,
    sessions: SessionsDep,
    since: IsoDate | None = None,
    until: IsoDate | None = None,
    office: str | None = None,
    verify: bool = True,
    format: Literal["json", "html"] = "json",
) -> Response:
    """The audit report for a period: drift, fairness, overrides, performance, explanations and chain status."""
    champion = request.app.state.champion
    loaded = champion.current if champion.ready else None
    report = build_report(
        sessions,
        since=_day(since),
        until=_day(until),
        office=office,
        reference=reference_of(loaded) if loaded else None,
        horizon_months=loaded.model.horizon_months if loaded else 12,
        verify=verify,
    )
    if format == "html":
        return HTMLResponse(report.html)
    return Response(json.dumps(report.json, default=str), media_type="application/json")


@router.get("/cases/{assessment_id}", responses=answers(404))
def audit_case(assessment_id: str, user: Auditor, sessions: SessionsDep) -> dict[str, Any]:
    """One case as the counsellor saw it, every decision on it, and whether these records are intact."""
    return reconstruct_case(sessions, assessment_id=assessment_id)


def _day(value: dt.date | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.combine(value, dt.time(), dt.UTC)
