"""One audit report for a period and office (obligations: post-market monitoring, human oversight, transparency).

It answers an auditor's questions in one place: did the population drift from what the model was trained on (drift),
does the model treat groups differently (fairness), do counsellors follow, ignore or rubber-stamp it (overrides), does
the suggestion move counsellors who first record their own level (blind-first), how do decisions on a permanent level
fare with the second approver (approvals), what becomes of jobseekers' objections (objections), how well does the model
perform, realised or estimated (performance), and beside today's rule run in shadow (shadow rule), what drives it
(explanations), what the controlled trials of the period found so far (trials), and is the decision log intact (chain).
``report.json`` is for machines, ``report.html`` for people.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session, sessionmaker

from models.texts import Language
from monitoring.analysis.alerts import collect_alerts
from monitoring.analysis.calibration_curves import calibration_section
from monitoring.analysis.documentation import documentation_report
from monitoring.analysis.explanations import global_importance
from monitoring.analysis.fairness import fairness_report
from monitoring.analysis.frames import assessment_frame
from monitoring.analysis.model_events import model_events_report
from monitoring.analysis.overrides import override_report
from monitoring.analysis.oversight import oversight_report
from monitoring.analysis.performance import performance_summary
from monitoring.analysis.report_page import render_report
from monitoring.analysis.shadow_rule import recorded_rule_outcomes, shadow_rule_report
from monitoring.analysis.time_to_decision import days_to_decision, first_decision_times, time_to_decision_section
from monitoring.analysis.trial_frame import trial_section
from monitoring.records.chain import verify_chain


@dataclass(frozen=True)
class AuditReport:
    """``json`` for machines, ``html`` for people (it links Evidently's ``drift_html`` as ``drift.html``, if any)."""

    json: dict[str, Any]
    html: str
    drift_html: str | None = None


def _table(frame: pd.DataFrame) -> str:
    return str(frame.to_html(index=False, na_rep="–", float_format=lambda v: f"{v:.3f}", border=0, classes="table"))


def _parts(tables: dict[str, pd.DataFrame]) -> str:
    return "".join(f"<h3>{html.escape(title)}</h3>{_table(table)}" for title, table in tables.items())


def build_report(
    sessions: sessionmaker[Session],
    *,
    since: dt.datetime | None,
    until: dt.datetime | None,
    office: str | None = None,
    reference: pd.DataFrame | None = None,
    horizon_months: int = 12,
    verify: bool = True,
    language: Language = "nb",
) -> AuditReport:
    """Build the audit report from the records.

    Parameters
    ----------
    sessions
        From :func:`monitoring.records.db.session_factory`.
    since, until
        The period (``created_at`` in ``[since, until)``); open when ``None``.
    office
        Only this office.
    reference
        The champion's reference sample (inputs and scores at training time); without it drift is left out.
    horizon_months
        The horizon whose outcomes count as labels.
    verify
        Whether to verify the whole decision chain (minutes for millions of decisions).
    language
        The language of the HTML page (``nb``, ``nn`` or ``en``); the JSON is the same in every language.
    """
    frame = assessment_frame(sessions, since=since, until=until, office=office, horizon_months=horizon_months)
    scored = frame[frame["risk"].notna()]
    period = {
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "office": office,
    }
    summary = {
        "assessments": len(frame),
        "scored": len(scored),
        "declined_profiling": int((~frame["consent"].astype(bool)).sum()),
        "decided": int(frame["decided_level"].notna().sum()),
        "with_outcome": int(frame["label"].notna().sum()),
        "model_versions": sorted(frame["model_version"].dropna().unique().tolist()),
    }
    sections: dict[str, Any] = {}
    html_parts: dict[str, str] = {}
    drift_html: str | None = None
    if len(scored):
        overrides = override_report(scored)
        fairness = fairness_report(scored)
        performance = performance_summary(scored)
        sections["overrides"], sections["fairness"], sections["performance"] = (
            overrides.json,
            fairness.json,
            performance,
        )
        html_parts["overrides"] = _parts(overrides.tables)
        html_parts["fairness"] = _parts(fairness.tables)
        html_parts["performance"] = "".join(
            f"<h3>{name}</h3>{_table(pd.DataFrame(performance[name]))}"
            for name in ("realised", "estimated")
            if performance.get(name)
        )
        shadow = shadow_rule_report(scored, recorded_rule_outcomes(sessions, since=since, until=until, office=office))
        sections |= shadow.json
        html_parts["shadow_rule"] = _parts(shadow.tables)
        if reference is not None:
            from monitoring.analysis.drift import (
                drift_report,  # Evidently takes seconds to import: only when a report needs it
            )

            drift = drift_report(reference=reference, current=scored)
            sections["drift"], drift_html = drift.json, drift.html
        sections["calibration"] = calibration_section(scored)
    oversight = oversight_report(sessions, since=since, until=until, office=office)
    sections |= oversight.json
    html_parts |= {name: _parts(tables) for name, tables in oversight.tables.items()}
    documentation = documentation_report(sessions, since=since, until=until, office=office)
    sections |= documentation.json
    html_parts["documentation"] = _parts(documentation.tables)
    governance = model_events_report(sessions, since=since, until=until)
    sections |= governance.json
    html_parts["model_events"] = _parts(governance.tables)
    trials = trial_section(sessions, since=since, until=until, office=office)
    sections |= trials.json
    html_parts["trials"] = _parts(trials.tables)
    decided_at = first_decision_times(sessions, frame["id"])
    sections["time_to_decision"] = time_to_decision_section(days_to_decision(frame, decided_at))
    importance = global_importance(sessions, since=since, until=until, office=office)
    sections["explanations"] = {"global_importance": importance.to_dict("records")}
    html_parts["explanations"] = _table(importance.head(40))
    if verify:
        chain = verify_chain(sessions)
        sections["chain"] = {
            "ok": chain.ok,
            "checked": chain.checked,
            "assessments_checked": chain.assessments_checked,
            "head_seq": chain.head_seq,
            "head_hash": chain.head_hash,
            "breaks": [dataclasses.asdict(b) for b in chain.breaks],
        }
    raised = {name: section.get("alerts", []) for name, section in sections.items()}
    breaks = len(sections["chain"]["breaks"]) if verify else None
    alerts = [alert.as_dict() for alert in collect_alerts(raised, assessments=len(frame), chain_breaks=breaks)]
    document = {
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "period": period,
        "summary": summary,
        "alerts": alerts,
        **sections,
    }
    page = render_report(document, html_parts, language=language, drift_page="drift.html" if drift_html else None)
    return AuditReport(json=document, html=page, drift_html=drift_html)
