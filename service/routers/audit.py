"""The auditor's endpoints: the decision log (filtered; JSON pages or a complete CSV) and verifying the records."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from models.errors import RecordNotFoundError
from models.schema import IsoDate
from models.texts import REPORT_TEXTS, Language, text
from monitoring.analysis.alerts import counts_by_kind
from monitoring.analysis.explanations import reconstruct_case
from monitoring.analysis.reference import reference_of
from monitoring.analysis.report import build_report
from monitoring.records.alert_evaluations import NO_EVALUATION, latest_alert_evaluation
from monitoring.records.chain import verify_chain
from monitoring.records.head import PublishedHead, check_head
from monitoring.records.listing import DecisionFilters, csv_chunks, export_decisions, list_decisions
from service.deps import Auditor, AuditorOrDataScientist, IsoDateTime, SessionsDep, SettingsDep, language
from service.presenters import decision_out
from service.problems import answers
from service.schemas import AlertEvaluationOut, AlertOut, ChainBreakOut, ChainOut, DecisionPage, PublishedHeadOut

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


@router.get("/verify", responses=answers(422))
def audit_verify(
    user: Auditor,
    sessions: SessionsDep,
    settings: SettingsDep,
    head_seq: Annotated[int | None, Query(ge=0, le=2**62, description="A published head's seq.")] = None,
    head_hash: Annotated[str | None, Query(pattern="^[0-9a-f]{64}$", description="A published head's hash.")] = None,
    head_time: Annotated[str | None, Query(max_length=64, description="A signed head's time.")] = None,
    head_signature: Annotated[str | None, Query(max_length=256, description="A signed head's signature.")] = None,
) -> ChainOut:
    """Verify every assessment and the whole chain and say where they break; with a published head, whether it holds."""
    given = {"head_seq": head_seq, "head_hash": head_hash, "time": head_time, "signature": head_signature}
    published = PublishedHead.from_json(given) if any(v is not None for v in given.values()) else None
    report = verify_chain(sessions)
    check = None
    if published is not None:
        key = settings.head_verification_key()
        check = check_head(sessions, published, chain_head_seq=report.head_seq, public_key=key)
    return ChainOut(
        ok=report.ok and (check is None or check.ok),
        checked=report.checked,
        events_checked=report.events_checked,
        assessments_checked=report.assessments_checked,
        head_seq=report.head_seq,
        head_hash=report.head_hash,
        breaks=[ChainBreakOut(**dataclasses.asdict(b)) for b in report.breaks],
        published_head=None if check is None else PublishedHeadOut.of(check),
    )


@router.get("/alerts", responses=answers(404))
def audit_alerts(user: Auditor, sessions: SessionsDep) -> AlertEvaluationOut:
    """The latest evaluation of the alerts by `python -m monitoring watch`: when, over which period, which alerts."""
    row = latest_alert_evaluation(sessions)
    if row is None:
        raise RecordNotFoundError(NO_EVALUATION)
    return AlertEvaluationOut(
        evaluated_at=row.evaluated_at,
        since=row.since,
        until=row.until,
        counts=counts_by_kind(row.alerts),
        alerts=[AlertOut.model_validate(alert) for alert in row.alerts],
    )


@router.get("/report", responses={**answers(404), 200: {"content": {"text/html": {}}}})
def audit_report(
    user: AuditorOrDataScientist,
    request: Request,
    sessions: SessionsDep,
    accepted: Annotated[Language, Depends(language)],
    since: IsoDate | None = None,
    until: IsoDate | None = None,
    office: str | None = None,
    verify: bool = True,
    format: Literal["json", "html", "drift"] = "json",
    lang: Annotated[Language | None, Query(description="Language of the HTML; else Accept-Language.")] = None,
) -> Response:
    """The audit report for a period: summary, alerts, charts and every section; ``drift`` is Evidently's page."""
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
        language=lang or accepted,
    )
    if format == "drift":
        if report.drift_html is None:
            raise RecordNotFoundError(text(REPORT_TEXTS, "no_drift_page", lang or accepted))
        return HTMLResponse(report.drift_html)
    if format == "html":
        return HTMLResponse(report.html)
    return Response(json.dumps(report.json, default=str), media_type="application/json")


@router.get("/cases/{assessment_id}", responses=answers(404))
def audit_case(assessment_id: str, user: Auditor, sessions: SessionsDep) -> dict[str, Any]:
    """One case as the counsellor saw it, every decision on it, and whether these records are intact."""
    return reconstruct_case(sessions, assessment_id=assessment_id)


def _day(value: dt.date | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.combine(value, dt.time(), dt.UTC)
