"""What the model said and why, read back from the records (obligations: transparency, record-keeping).

Global importance is the mean absolute SHAP value per feature and model version over the stored assessments, so it
describes what counsellors were actually shown. A case reconstruction gathers one assessment as it was shown, every
decision on it, and whether exactly these records still hold, checked by
:func:`monitoring.records.chain.verify_records` as the whole chain is.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from monitoring.analysis.frames import in_window
from monitoring.records.assessments import get_assessment
from monitoring.records.chain import (
    ASSESSMENT_ALTERED,
    ASSESSMENT_NOT_CHAINED,
    CONTENT_ALTERED,
    GAP_IN_SEQUENCE,
    LINK_BROKEN,
    ChainBreak,
    verify_records,
)
from monitoring.records.db import storage_errors
from monitoring.records.decisions import decisions_for
from monitoring.records.tables import AssessmentRow

CASE_ASSESSMENT_ALTERED = "assessment altered since it was recorded"
CASE_ASSESSMENT_PROBLEMS = {
    ASSESSMENT_ALTERED: CASE_ASSESSMENT_ALTERED,
    ASSESSMENT_NOT_CHAINED: "assessment not in the chain",
}
"""How a case page words each problem of the assessment itself."""
CASE_LINK_PROBLEMS = {
    CONTENT_ALTERED: "content altered",
    ASSESSMENT_ALTERED: "the assessment differs from the one this record was made on",
    LINK_BROKEN: "link to the previous record broken",
    GAP_IN_SEQUENCE: "the record before it is missing",
}
"""How a case page words each problem of a link: a decision, or an event named by its kind."""


def global_importance(
    sessions: sessionmaker[Session],
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    office: str | None = None,
    max_rows: int = 20_000,
) -> pd.DataFrame:
    """Mean |SHAP| per model version and feature over (at most ``max_rows`` of) the stored assessments.

    Returns
    -------
    pandas.DataFrame
        ``model_version``, ``feature``, ``mean_abs_shap``, ``assessments``; largest first within each version.
    """
    stmt = in_window(
        select(AssessmentRow.model_version, AssessmentRow.shap).where(AssessmentRow.shap.is_not(None)),
        since,
        until,
        office,
    )
    with storage_errors(), sessions() as session:
        rows = session.execute(stmt.order_by(AssessmentRow.created_at.desc()).limit(max_rows)).all()
    if not rows:
        return pd.DataFrame(columns=["model_version", "feature", "mean_abs_shap", "assessments"])
    shap = pd.DataFrame.from_records([r.shap for r in rows]).abs()
    shap["model_version"] = [r.model_version for r in rows]
    grouped = shap.groupby("model_version")
    table = grouped.mean().stack().rename("mean_abs_shap").reset_index()
    table.columns = ["model_version", "feature", "mean_abs_shap"]
    table["assessments"] = table["model_version"].map(grouped.size())
    return table.sort_values(["model_version", "mean_abs_shap"], ascending=[True, False], ignore_index=True)


def _case_problem(chain_break: ChainBreak) -> str:
    if chain_break.assessment_id is not None:
        return CASE_ASSESSMENT_PROBLEMS[chain_break.problem]
    record = "decision" if chain_break.decision_id else chain_break.kind.replace("_", " ")
    return f"{record} {chain_break.seq}: {CASE_LINK_PROBLEMS[chain_break.problem]}"


def reconstruct_case(sessions: sessionmaker[Session], *, assessment_id: str) -> dict[str, Any]:
    """One assessment as it was shown, every decision on it, and the integrity of exactly these records.

    Raises
    ------
    RecordNotFoundError
        When the assessment does not exist.
    """
    assessment = get_assessment(sessions, assessment_id=assessment_id)
    decisions = decisions_for(sessions, assessment_id=assessment_id)
    problems = [_case_problem(b) for b in verify_records(sessions, assessment_ids=[assessment_id])]
    return {
        "assessment": {
            "id": assessment.id,
            "created_at": assessment.created_at.isoformat(),
            "office": assessment.office,
            "counsellor": assessment.counsellor,
            "consent": assessment.consent,
            "model": {"name": assessment.model_name, "version": assessment.model_version},
            "policy_version": assessment.policy_version,
            "profile": assessment.profile,
            "risk": assessment.risk,
            "range": None if assessment.lower is None else [assessment.lower, assessment.upper],
            "suggested_level": assessment.suggested_level,
            "flags": assessment.flags or [],
            "reasons_shown": assessment.reasons or [],
            "language": assessment.language,
        },
        "decisions": [
            {
                "seq": d.seq,
                "id": d.id,
                "created_at": d.created_at.isoformat(),
                "counsellor": d.counsellor,
                "office": d.office,
                "decided_level": d.decided_level,
                "follows_suggestion": d.follows_suggestion,
                "reason_code": d.reason_code,
                "justification": d.justification,
                "supersedes": d.supersedes,
                "hash": d.hash,
            }
            for d in decisions
        ],
        "integrity": {"ok": not problems, "problems": problems},
    }
