"""Records as the API shows them: a stored assessment exactly as the counsellor saw it, and its decisions."""

from __future__ import annotations

from fastapi import Response
from pydantic import BaseModel

from models.texts import ASSESSMENT_MESSAGES, FLAG_TEXTS, LEVEL_TEXTS, Language, text
from monitoring.records.tables import AssessmentRow, DecisionRow
from service.schemas import AssessmentOut, DecisionOut, FlagOut, ModelRef, RangeOut, ReasonOut


def json_response(body: BaseModel, *, status_code: int = 200) -> Response:
    """``body`` as JSON, for a route that declares ``response_model=type(body)``.

    FastAPI would otherwise dump the model, validate the dump against the same model again and, on a sync route, do
    that in a second thread-pool hand-off: a tenth of a full assessment's time (``bench/serve.py --profile``).
    """
    return Response(body.model_dump_json(), status_code=status_code, media_type="application/json")


def decision_out(row: DecisionRow) -> DecisionOut:
    return DecisionOut(
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


def suggested_level_text(row: AssessmentRow, lang: Language) -> str | None:
    """The recorded suggestion's level text in ``lang``; ``None`` when nothing was suggested."""
    return text(LEVEL_TEXTS, row.suggested_level, lang) if row.suggested_level else None


def flags_out(row: AssessmentRow, lang: Language) -> list[FlagOut]:
    """The recorded flags with their texts in ``lang``."""
    return [FlagOut(code=f, text=text(FLAG_TEXTS, f, lang)) for f in row.flags or []]


def assessment_out(row: AssessmentRow, decisions: list[DecisionRow], lang: Language) -> AssessmentOut:
    """The stored record; reasons in the words that were shown, flags and level texts in ``lang``."""
    scored = row.risk is not None
    return AssessmentOut(
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
        decisions=[decision_out(d) for d in decisions],
    )
