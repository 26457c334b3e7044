"""One audit report for a period and office (obligations: post-market monitoring, human oversight, transparency).

It answers an auditor's questions in one place: did the population drift from what the model was trained on (drift),
does the model treat groups differently (fairness), do counsellors follow, ignore or rubber-stamp it (overrides), does
the suggestion move counsellors who first record their own level (blind-first), how do decisions on a permanent level
fare with the second approver (approvals), what becomes of jobseekers' objections (objections), how well does the model
perform, realised or estimated (performance), what drives it (explanations), and is the decision log intact (chain).
``report.json`` is for machines, ``report.html`` for people.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd
from sqlalchemy.orm import Session, sessionmaker

from monitoring.analysis.documentation import documentation_report
from monitoring.analysis.explanations import global_importance
from monitoring.analysis.fairness import fairness_report
from monitoring.analysis.frames import assessment_frame
from monitoring.analysis.overrides import override_report
from monitoring.analysis.oversight import oversight_report
from monitoring.analysis.performance import performance_summary
from monitoring.records.chain import verify_chain

NO_ROWS = "no assessments in this period"


@dataclass(frozen=True)
class AuditReport:
    json: dict[str, Any]
    html: str


def _template() -> jinja2.Template:
    source = (Path(__file__).parent / "templates" / "report.html").read_text()
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(source)


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
        if reference is not None:
            from monitoring.analysis.drift import (
                drift_report,  # Evidently takes seconds to import: only when a report needs it
            )

            drift = drift_report(reference=reference, current=scored)
            sections["drift"] = drift.json
            html_parts["drift"] = f'<iframe title="Evidently drift report" srcdoc="{html.escape(drift.html)}"></iframe>'
    oversight = oversight_report(sessions, since=since, until=until, office=office)
    sections |= oversight.json
    html_parts |= {name: _parts(tables) for name, tables in oversight.tables.items()}
    documentation = documentation_report(sessions, since=since, until=until, office=office)
    sections |= documentation.json
    html_parts["documentation"] = _parts(documentation.tables)
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
    alerts = [f"{name}: {alert}" for name, section in sections.items() for alert in section.get("alerts", [])]
    if not len(frame):
        alerts.append(NO_ROWS)
    if verify and not sections["chain"]["ok"]:
        alerts.append(f"chain: the records do not hold in {len(sections['chain']['breaks'])} place(s)")
    document = {
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "period": period,
        "summary": summary,
        "alerts": alerts,
        **sections,
    }
    page = _template().render(report=document, parts=html_parts)
    return AuditReport(json=document, html=page)
