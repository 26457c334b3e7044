"""Records as the API shows them: a stored assessment exactly as the counsellor saw it, and its decisions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import Response
from pydantic import BaseModel

from models.texts import ASSESSMENT_MESSAGES, FLAG_TEXTS, LEVEL_TEXTS, Language, text
from monitoring.records.case_state import Case, CaseState
from monitoring.records.kinds import EventKind
from monitoring.records.tables import AssessmentRow, DecisionRow, EventRow
from service.schemas import AssessmentOut, DecisionOut, Documentation, EventOut, FlagOut, ModelRef, RangeOut, ReasonOut


def json_response(body: BaseModel, *, status_code: int = 200) -> Response:
    """``body`` as JSON, for a route that declares ``response_model=type(body)``.

    FastAPI would otherwise dump the model, validate the dump against the same model again and, on a sync route, do
    that in a second thread-pool hand-off: a tenth of a full assessment's time (``bench/serve.py --profile``).
    """
    return Response(body.model_dump_json(), status_code=status_code, media_type="application/json")


def decision_out(row: DecisionRow, documentation: Mapping[str, Any] | None = None) -> DecisionOut:
    """A decision with its documentation (the ``documentation`` event's payload), when it has one."""
    return DecisionOut(
        documentation=None if documentation is None else Documentation.model_validate(dict(documentation)),
        id=row.id,
        seq=row.seq,
        assessment_id=row.assessment_id,
        created_at=row.created_at,
        office=row.office,
        counsellor=row.counsellor,
        decided_level=row.decided_level,
        suggested_level=row.suggested_level,
        follows_suggestion=row.follows_suggestion,
        reason_code=row.reason_code,
        justification=row.justification,
        supersedes=row.supersedes,
        hash=row.hash,
    )


def event_out(event: EventRow, state: CaseState | None) -> EventOut:
    """A chained event, and the state of its case after it (``None`` for an event on no case)."""
    return EventOut(
        id=event.id,
        seq=event.seq,
        kind=event.kind,
        assessment_id=event.assessment_id,
        created_at=event.created_at,
        actor=event.actor,
        office=event.office,
        payload=event.payload,
        hash=event.hash,
        state=state,
    )


def suggested_level_text(row: AssessmentRow, lang: Language) -> str | None:
    """The recorded suggestion's level text in ``lang``; ``None`` when nothing was suggested."""
    return text(LEVEL_TEXTS, row.suggested_level, lang) if row.suggested_level else None


def flags_out(row: AssessmentRow, lang: Language) -> list[FlagOut]:
    """The recorded flags with their texts in ``lang``."""
    return [FlagOut(code=f, text=text(FLAG_TEXTS, f, lang)) for f in row.flags or []]


def case_out(row: AssessmentRow, case: Case, lang: Language, *, hidden: bool) -> AssessmentOut:
    """The stored record with its case: decisions, state, and (``hidden``) the suggestion withheld."""
    decisions = [record for record in case.records if isinstance(record, DecisionRow)]
    documented = {
        record.payload["decision_id"]: {k: v for k, v in record.payload.items() if k != "decision_id"}
        for record in case.records
        if isinstance(record, EventRow) and record.kind == EventKind.DOCUMENTATION
    }
    return assessment_out(
        row,
        decisions,
        lang,
        state=case.state,
        blind_first=case.blind_first,
        hidden=hidden,
        documented=documented,
    )


def assessment_out(
    row: AssessmentRow,
    decisions: list[DecisionRow],
    lang: Language,
    *,
    state: CaseState = CaseState.UNDECIDED,
    blind_first: bool = False,
    hidden: bool = False,
    documented: Mapping[str, Mapping[str, Any]] | None = None,
) -> AssessmentOut:
    """The stored record; reasons in the words that were shown, flags and level texts in ``lang``.

    ``hidden`` (blind-first, before the provisional level) withholds risk, range, suggestion, flags and reasons;
    ``documented`` holds each decision's documentation by decision id.
    """
    scored = row.risk is not None
    shown = AssessmentOut(
        id=row.id,
        created_at=row.created_at,
        office=row.office,
        counsellor=row.counsellor,
        scored=scored,
        risk=row.risk,
        range=RangeOut(lower=row.lower, upper=row.upper) if row.lower is not None and row.upper is not None else None,
        suggested_level=row.suggested_level,
        suggested_level_text=suggested_level_text(row, lang),
        flags=flags_out(row, lang),
        reasons=[ReasonOut.model_validate(r) for r in row.reasons or []],
        model=ModelRef(name=row.model_name, version=row.model_version),
        policy_version=row.policy_version,
        language=row.language,
        message=text(ASSESSMENT_MESSAGES, "scored" if scored else "not_scored", lang),
        decisions=[decision_out(d, (documented or {}).get(d.id)) for d in decisions],
        state=state,
        blind_first=blind_first,
    )
    if not hidden:
        return shown
    withheld = {"risk": None, "range": None, "suggested_level": None, "suggested_level_text": None}
    message = text(ASSESSMENT_MESSAGES, "blind_first", lang)
    return shown.model_copy(
        update=withheld | {"flags": [], "reasons": [], "message": message, "suggestion_hidden": True}
    )
