"""The audit report's first page: the decision log, the alerts and the key figures, in plain words.

Each function reads the report's JSON (:func:`monitoring.analysis.report.build_report`) and returns what the page's
template shows, in the reader's language. The alerts are grouped by kind (the section that raised them, the chain, or
an empty period, as :mod:`monitoring.analysis.alerts` names them); each kind has a sentence of what it means and one
of what to do (:data:`models.texts.ALERT_MEANING_TEXTS`, :data:`models.texts.ALERT_ACTION_TEXTS`), and each alert
is its keyed sentence (:mod:`monitoring.analysis.alert_messages`) written in the reader's language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from models.formatting import format_number
from models.texts import (
    ALERT_ACTION_TEXTS,
    ALERT_KIND_TEXTS,
    ALERT_MEANING_TEXTS,
    REPORT_SECTION_TEXTS,
    REPORT_TEXTS,
    Language,
    in_language,
    text,
)
from monitoring.analysis.alert_messages import AlertMessage

MAX_BREAKS = 50
"""Breaks of the log listed by name in the summary; the JSON holds all of them."""


def alert_groups(alerts: Sequence[Mapping[str, Any]], lang: Language) -> list[dict[str, Any]]:
    """The alerts (:meth:`monitoring.analysis.alerts.Alert.as_dict`) grouped by kind, in order of first appearance:
    title, meaning, what to do, and each alert's sentence in ``lang``.
    """
    groups: dict[str, dict[str, Any]] = {}
    for alert in alerts:
        kind = str(alert["kind"])
        group = groups.setdefault(
            kind,
            {
                "kind": kind,
                "title": _kind_title(kind, lang),
                "meaning": text(ALERT_MEANING_TEXTS, kind, lang) if kind in ALERT_MEANING_TEXTS else "",
                "action": text(ALERT_ACTION_TEXTS, kind, lang) if kind in ALERT_ACTION_TEXTS else "",
                "messages": [],
            },
        )
        group["messages"].append(AlertMessage.from_dict(alert).text(lang))
    return list(groups.values())


def log_status(
    chain: Mapping[str, Any] | None, words: Mapping[str, str], *, case_link: Callable[[str], str]
) -> dict[str, Any]:
    """Whether the decision log holds, the head to keep outside the database, and the first breaks with their cases."""
    if chain is None:
        return {"state": "unverified", "sentence": words["log_not_verified"], "head": None, "breaks": []}
    head = None
    if chain.get("head_hash"):
        head = words["head_keep"].format(seq=chain.get("head_seq"), hash=chain["head_hash"])
    breaks = list(chain.get("breaks") or [])
    if chain.get("ok"):
        sentence = words["log_intact"].format(
            checked=chain.get("checked", 0), assessments=chain.get("assessments_checked", 0)
        )
    else:
        sentence = words["log_broken"].format(breaks=len(breaks))
    shown = [
        {
            "seq": b.get("seq") or "",
            "problem": b.get("problem", ""),
            "case": b.get("assessment_id") or "",
            "href": case_link(str(b["assessment_id"])) if b.get("assessment_id") else None,
        }
        for b in breaks[:MAX_BREAKS]
    ]
    return {
        "state": "ok" if chain.get("ok") else "broken",
        "sentence": sentence,
        "head": head,
        "breaks": shown,
        "breaks_shown": words["breaks_shown"].format(shown=len(shown), total=len(breaks)) if breaks else "",
    }


def key_figures(document: Mapping[str, Any], lang: Language) -> list[tuple[str, str]]:
    """The figures the summary lists: assessments, override rate, calibration gap, AUC and drift, with intervals."""
    words = in_language(REPORT_TEXTS, lang)
    summary = document.get("summary") or {}
    figures = [(words["assessments"], words["assessments_value"].format(**_counts(summary)))]
    overall = ((document.get("overrides") or {}).get("overall") or [None])[0]
    if overall and overall.get("rate") is not None:
        figures.append((words["override_rate"], _interval(overall, "rate", ("low", "high"), words, lang)))
    population: Mapping[str, Any] = next(
        (row for row in (document.get("fairness") or {}).get("groups") or [] if row.get("grouping") == "overall"), {}
    )
    performance = (document.get("performance") or {}).get("overall") or {}
    realised, estimated = performance.get("realised") or {}, performance.get("estimated") or {}
    for key, metric in (("calibration_gap", "calibration_gap"), ("auc_realised", "auc")):
        if population.get(metric) is not None:
            bounds = (f"{metric}_low", f"{metric}_high")
            figures.append((words[key], _interval(population, metric, bounds, words, lang)))
        elif realised.get(metric) is not None:
            figures.append((words[key], format_number("fairness_gap", realised[metric], lang)))
    if estimated.get("expected_auc") is not None:
        figures.append((words["auc_estimated"], format_number("fairness_gap", estimated["expected_auc"], lang)))
    figures.append((words["drift"], _drift(document.get("drift"), words, lang)))
    return figures


def _counts(summary: Mapping[str, Any]) -> dict[str, Any]:
    return {key: summary.get(key, 0) for key in ("assessments", "scored", "decided", "with_outcome")}


def _interval(
    row: Mapping[str, Any], column: str, bounds: tuple[str, str], words: Mapping[str, str], lang: Language
) -> str:
    """``column`` of ``row`` with its interval from the ``bounds`` columns, when the row has them."""
    rule = "override_rate" if column == "rate" else "fairness_gap"
    value = format_number(rule, row[column], lang)
    low, high = row.get(bounds[0]), row.get(bounds[1])
    if low is None or high is None:
        return value
    return words["interval"].format(
        value=value, low=format_number(rule, low, lang), high=format_number(rule, high, lang)
    )


def _drift(drift: Mapping[str, Any] | None, words: Mapping[str, str], lang: Language) -> str:
    if not drift or not drift.get("columns"):
        return words["not_measured"]
    columns = drift["columns"]
    return words["drift_value"].format(
        drifted=sum(1 for c in columns if c.get("drifted")),
        columns=len(columns),
        score=format_number("fairness_gap", drift.get("risk_drift") or 0.0, lang),
        limit=format_number("fairness_gap", (drift.get("thresholds") or {}).get("risk_drift") or 0.0, lang),
    )


def _kind_title(kind: str, lang: Language) -> str:
    for table in (ALERT_KIND_TEXTS, REPORT_SECTION_TEXTS):
        if kind in table:
            return text(table, kind, lang)
    return kind.replace("_", " ")
