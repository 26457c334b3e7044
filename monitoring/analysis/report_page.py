"""The audit report as a page people read (obligation: transparency of post-market monitoring and human oversight).

:func:`render_report` turns the report's JSON (:func:`monitoring.analysis.report.build_report`) into one self-contained
HTML file in bokmål, nynorsk or English. The summary comes first and answers in plain words: is the decision log
intact and which head to keep; which alerts fired, what each kind means and what to do; the key figures with their
intervals. Then every section, in a fixed order and any section it does not know after them, each opening with its
sentence of what it shows, its charts (:mod:`monitoring.analysis.report_charts`) and its tables collapsed under them.
Every word comes from :mod:`models.texts`; codes read as labels (:mod:`monitoring.analysis.report_labels`).

The tables are rendered from the JSON, not from the sections' pandas HTML, so that they can be labelled; a section
that has HTML but no tables in its JSON shows that HTML instead. Wide tables are split into column blocks that repeat
their key columns, so that no table is wider than a printed page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from matplotlib.figure import Figure

from models.texts import (
    ALERT_ACTION_TEXTS,
    ALERT_KIND_TEXTS,
    ALERT_MEANING_TEXTS,
    REPORT_ABOUT_TEXTS,
    REPORT_SECTION_TEXTS,
    REPORT_TABLE_TITLES,
    REPORT_TEXTS,
    Language,
    in_language,
    text,
)
from monitoring.analysis import report_charts as charts
from monitoring.analysis.report_labels import cell_text, column_label, label
from monitoring.analysis.report_summary import alert_groups, key_figures, log_status

SECTION_ORDER: tuple[str, ...] = (
    "overrides",
    "fairness",
    "calibration",
    "performance",
    "drift",
    "shadow_rule",
    "trials",
    "blind_first",
    "approvals",
    "objections",
    "documentation",
    "time_to_decision",
    "model_events",
    "explanations",
)
"""The sections in the order they are shown; any other section of the JSON follows them."""
NOT_SECTIONS = frozenset({"generated_at", "period", "summary", "alerts", "chain"})
SKIPPED_KEYS = frozenset({"about", "alerts", "config", "definitions", "limits", "thresholds"})
"""Keys of a section that are no table: its sentence, its alerts (in the summary) and its settings."""
OPEN_ROWS = 12
"""Tables with at most this many rows are shown open; longer ones are collapsed under their chart."""
MAX_COLUMNS = 8
"""Columns of one table block; wider tables are split into blocks that repeat their key columns."""
CASE_PAGE = "/ui/audit/case/{id}?lang={lang}"

Chart = Callable[[Mapping[str, Any], Mapping[str, str], Callable[[str], str]], Figure | None]


def _funnel(section: Mapping[str, Any], words: Mapping[str, str], name: Callable[[str], str]) -> Figure | None:
    offices, overall = section.get("by_office") or [], section.get("overall") or []
    return charts.funnel_plot(offices, overall[0], words) if offices and overall else None


CHARTS: dict[str, tuple[tuple[str, Chart], ...]] = {
    "overrides": (("funnel", _funnel),),
    "fairness": (("forest", lambda s, w, n: charts.forest_plot(s["groups"], w, n) if s.get("groups") else None),),
    "calibration": (
        ("calibration", lambda s, w, n: charts.calibration_plot(s["curves"], w, n) if s.get("curves") else None),
    ),
    "performance": (
        (
            "performance",
            lambda s, w, n: (
                charts.performance_plot(s.get("realised") or [], s.get("estimated") or [], w)
                if s.get("realised") or s.get("estimated")
                else None
            ),
        ),
    ),
    "drift": (("drift_chart", lambda s, w, n: charts.drift_plot(s["columns"], w, n) if s.get("columns") else None),),
    "explanations": (
        (
            "shap",
            lambda s, w, n: charts.shap_plot(s["global_importance"], w, n) if s.get("global_importance") else None,
        ),
    ),
    "time_to_decision": (
        (
            "time_to_decision",
            lambda s, w, n: charts.time_to_decision_plot(s["histogram"], w) if s.get("overall") else None,
        ),
    ),
}
"""The charts of each section: the key of their accessible name in ``REPORT_TEXTS`` and the function that draws them."""


@cache
def _template() -> jinja2.Template:
    source = (Path(__file__).parent / "templates" / "audit_report.html").read_text(encoding="utf-8")
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined).from_string(source)


def render_report(
    document: Mapping[str, Any],
    parts: Mapping[str, str],
    *,
    language: Language = "nb",
    drift_page: str | None = None,
) -> str:
    """The report as one HTML page in ``language``.

    Parameters
    ----------
    document
        The report's JSON (``report.json``).
    parts
        HTML of each section from the sections themselves, shown only for a section whose JSON holds no table.
    language
        ``nb``, ``nn`` or ``en``.
    drift_page
        Where Evidently's drift page is (a relative link), or ``None`` when there is none.
    """
    words = in_language(REPORT_TEXTS, language)
    names = [n for n in SECTION_ORDER if n in document] + [
        n for n in document if n not in NOT_SECTIONS and n not in SECTION_ORDER and isinstance(document[n], Mapping)
    ]
    names += [n for n in parts if n not in names and n not in NOT_SECTIONS]
    return _template().render(
        lang=language,
        w=words,
        period=_period(document.get("period") or {}, words),
        generated=words["generated"].format(at=document.get("generated_at", "")),
        log=log_status(document.get("chain"), words, case_link=lambda i: CASE_PAGE.format(id=i, lang=language)),
        alerts=alert_groups(document.get("alerts") or [], language),
        figures=key_figures(document, language),
        versions=(document.get("summary") or {}).get("model_versions") or [],
        sections=[_section(name, document.get(name) or {}, parts.get(name, ""), language) for name in names],
        drift_page=drift_page,
        meanings=in_language(ALERT_MEANING_TEXTS, language),
        actions=in_language(ALERT_ACTION_TEXTS, language),
        kinds=in_language(ALERT_KIND_TEXTS, language),
    )


def _period(period: Mapping[str, Any], words: Mapping[str, str]) -> str:
    line = words["period"].format(
        since=period.get("since") or words["start"], until=period.get("until") or words["now"]
    )
    office = words["office"].format(office=period["office"]) if period.get("office") else words["all_offices"]
    return f"{line}. {office}."


def _section(name: str, section: Mapping[str, Any], html: str, lang: Language) -> dict[str, Any]:
    words = in_language(REPORT_TEXTS, lang)
    about = text(REPORT_ABOUT_TEXTS, name, lang) if name in REPORT_ABOUT_TEXTS else section.get("about")
    drawn = []
    for key, draw in CHARTS.get(name, ()):
        with charts.style():
            figure = draw(section, words, lambda code: label(code, lang))
        if figure is not None:
            drawn.append({"label": words[key], "svg": charts.svg(figure)})
    tables = [_table(key, value, lang) for key, value in section.items() if key not in SKIPPED_KEYS]
    tables = [table for table in tables if table]
    facts = [
        (column_label(key, lang), cell_text(key, value, lang))
        for key, value in section.items()
        if key not in SKIPPED_KEYS and (value is None or isinstance(value, bool | int | float | str))
    ]
    return {
        "id": f"section-{name}",
        "name": name,
        "title": text(REPORT_SECTION_TEXTS, name, lang) if name in REPORT_SECTION_TEXTS else column_label(name, lang),
        "about": about if isinstance(about, str) else None,
        "charts": drawn,
        "facts": facts,
        "tables": tables,
        "html": "" if tables else html,
    }


def _records(value: Any) -> list[Mapping[str, Any]] | None:
    """A JSON value as table rows: a list of records, one record, or a record of records (one row each)."""
    if isinstance(value, list) and value and all(isinstance(row, Mapping) for row in value):
        return value
    if isinstance(value, Mapping) and value:
        if all(isinstance(v, Mapping) or v is None for v in value.values()):
            return [{"": key, **row} for key, row in value.items() if isinstance(row, Mapping)] or None
        if all(not isinstance(v, list | Mapping) for v in value.values()):
            return [value]
    return None


def _table(key: str, value: Any, lang: Language) -> dict[str, Any] | None:
    rows = _records(value)
    if not rows:
        return None
    columns = list(dict.fromkeys(column for row in rows for column in row))
    keys = [c for c in columns[:2] if all(isinstance(row.get(c), str | None) for row in rows)][: MAX_COLUMNS // 2]
    rest = [c for c in columns if c not in keys]
    width = MAX_COLUMNS - len(keys)
    blocks = [keys + rest[i : i + width] for i in range(0, max(len(rest), 1), width)]
    title = text(REPORT_TABLE_TITLES, key, lang) if key in REPORT_TABLE_TITLES else column_label(key, lang)
    return {
        "title": title,
        "summary": text(REPORT_TEXTS, "table_rows", lang).format(title=title, rows=len(rows)),
        "open": len(rows) <= OPEN_ROWS,
        "blocks": [
            {
                "header": [column_label(c, lang) if c else "" for c in block],
                "rows": [[_cell(c, row.get(c), lang) for c in block] for row in rows],
            }
            for block in blocks
        ],
    }


def _cell(column: str, value: Any, lang: Language) -> dict[str, Any]:
    """A cell's text, whether it is a number (aligned right), and the case page it links to, if any."""
    if column == "" and isinstance(value, str) and value in REPORT_TABLE_TITLES:
        return {"text": text(REPORT_TABLE_TITLES, value, lang), "number": False, "href": None}
    return {
        "text": cell_text(column, value, lang),
        "number": isinstance(value, int | float) and not isinstance(value, bool),
        "href": CASE_PAGE.format(id=value, lang=lang) if column == "assessment_id" and value else None,
    }
