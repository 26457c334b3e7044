"""The audit report's page: summary first, every alert in it in the reader's language, codes as labels, any section."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from models.keyed import keyed_text
from models.texts import (
    ALERT_ACTION_TEXTS,
    ALERT_KIND_TEXTS,
    ALERT_MEANING_TEXTS,
    ALERT_TEXTS,
    LANGUAGES,
    REPORT_ABOUT_TEXTS,
    REPORT_SECTION_TEXTS,
    REPORT_TEXTS,
    Language,
)
from monitoring.analysis.alert_messages import ALERT_LABELS, ALERT_NUMBERS
from monitoring.analysis.overrides import OverrideConfig
from monitoring.analysis.report import build_report
from monitoring.analysis.report_page import MAX_COLUMNS, render_report
from monitoring.records.assessments import AssessmentRow
from monitoring.records.decisions import record_decision
from tests.codes import raw_codes

AssessmentFactory = Callable[..., AssessmentRow]


class _Text(HTMLParser):
    """The text a person reads in an HTML fragment, and the ``data-kind`` and the sentence of each alert item."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.kinds: list[str] = []
        self.sentences: list[str] = []
        self._in_alert = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li" and dict(attrs).get("data-kind"):
            self.kinds.append(str(dict(attrs)["data-kind"]))
            self.sentences.append("")
            self._in_alert = True

    def handle_endtag(self, tag: str) -> None:
        self._in_alert = self._in_alert and tag != "li"

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        if self._in_alert:
            self.sentences[-1] += data


def _read(fragment: str) -> _Text:
    parser = _Text()
    parser.feed(fragment)
    return parser


def _summary(page: str) -> str:
    match = re.search(r'<section id="report-summary".*?</section>\s*<nav', page, flags=re.S)
    assert match, "the summary comes first, before the contents"
    assert page.index('id="report-summary"') < page.index('class="report-section"')
    return match.group(0)


@pytest.fixture()
def rubber_stamped_and_tampered(sessions: sessionmaker[Session], make_assessment: AssessmentFactory) -> None:
    """Enough decisions that all follow the suggestion to raise the too-few-overrides alerts, then one altered risk."""
    for _ in range(OverrideConfig().min_counsellor_decisions + 5):
        row = make_assessment()
        record_decision(
            sessions,
            assessment_id=row.id,
            decided_level=row.suggested_level,
            request_id=f"decide-{row.id}",
            caller="counsellor-1",
            office=row.office,
            counsellor=row.counsellor,
        )
    with sessions.begin() as session:
        session.execute(text("UPDATE assessments SET risk = 0.01 WHERE id = :id"), {"id": row.id})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_alert_of_the_report_is_in_the_summary_in_the_chosen_language(
    sessions: sessionmaker[Session], rubber_stamped_and_tampered: None, lang: Language
) -> None:
    report = build_report(sessions, since=None, until=None, language=lang)
    kinds = [alert["kind"] for alert in report.json["alerts"]]
    assert {"overrides", "chain"} <= set(kinds)
    summary = _read(_summary(report.html))
    shown = " ".join(" ".join(summary.parts).split())
    assert summary.kinds == kinds
    assert summary.sentences == [
        keyed_text(ALERT_TEXTS, alert["key"], alert["params"], lang, labels=ALERT_LABELS, numbers=ALERT_NUMBERS)
        for alert in report.json["alerts"]
    ]
    for alert in report.json["alerts"]:
        for table in (ALERT_KIND_TEXTS, ALERT_MEANING_TEXTS, ALERT_ACTION_TEXTS):
            assert " ".join(getattr(table[alert["kind"]], lang).split()) in shown
        assert alert["message"] == keyed_text(
            ALERT_TEXTS, alert["key"], alert["params"], "en", labels=ALERT_LABELS, numbers=ALERT_NUMBERS
        )
    english = [alert["message"] for alert in report.json["alerts"]]
    assert (summary.sentences == english) == (lang == "en"), "a Norwegian page shows no English sentence"
    assert not re.search(r"<li data-kind=[^>]* lang=", report.html), "an alert reads in the page's language"
    assert getattr(REPORT_TEXTS["summary"], lang) in shown
    assert f'<html lang="{lang}">' in report.html


def test_the_summary_names_the_broken_log_its_head_and_links_the_altered_case(
    sessions: sessionmaker[Session], rubber_stamped_and_tampered: None
) -> None:
    report = build_report(sessions, since=None, until=None, language="en")
    chain = report.json["chain"]
    assert not chain["ok"]
    summary = _summary(report.html)
    assert 'data-state="broken"' in summary and chain["head_hash"] in summary
    altered = {b["assessment_id"] for b in chain["breaks"] if b["assessment_id"]}
    links = set(re.findall(r'href="/ui/audit/case/([0-9a-f-]+)\?lang=en"', summary))
    assert links and links == altered


def test_every_kind_of_alert_says_what_it_means_and_what_to_do() -> None:
    assert set(ALERT_MEANING_TEXTS) == set(ALERT_KIND_TEXTS) == set(ALERT_ACTION_TEXTS)
    assert set(REPORT_ABOUT_TEXTS) <= set(REPORT_SECTION_TEXTS)


def _document(**sections: object) -> dict[str, object]:
    return {"generated_at": "2026-12-01T00:00:00+00:00", "period": {}, "summary": {}, "alerts": [], **sections}


def test_a_section_the_renderer_does_not_know_renders_with_its_name_and_its_tables() -> None:
    page = render_report(
        _document(new_section={"about": "What it shows.", "rows": [{"office": "0301", "n": 3, "share": 0.5}]}),
        {},
        language="nn",
    )
    assert '<h2 id="section-new_section-title">new section</h2>' in page
    assert "What it shows." in page and "0301" in page and "50\u00a0%" in page


def test_a_section_without_tables_in_its_json_shows_its_own_html() -> None:
    page = render_report(_document(), {"trials": "<p>a trial's own table</p>"}, language="en")
    assert "<p>a trial's own table</p>" in page and REPORT_SECTION_TEXTS["trials"].en in page


def test_wide_tables_are_split_into_blocks_that_repeat_their_keys_and_codes_read_as_labels() -> None:
    levels = ["STANDARD_INNSATS", "SITUASJONSBESTEMT_INNSATS", "SPESIELT_TILPASSET_INNSATS"]
    groups = [
        {"grouping": "gender", "group": "KVINNE", **{f"share_{level}": 0.3 for level in levels}, "n": 200}
        | {f"m{i}": float(i) for i in range(12)}
    ]
    page = render_report(_document(fairness={"groups": groups, "alerts": []}), {}, language="nb")
    tables = re.findall(r"<table>.*?</table>", page, flags=re.S)
    assert len(tables) == 3
    for table in tables:
        header = re.findall(r'<th scope="col">(.*?)</th>', table)
        assert len(header) <= MAX_COLUMNS and header[:2] == ["Inndeling", "Gruppe"]
    shown = _read(page)
    assert {line: raw_codes(line) for line in shown.parts if raw_codes(line)} == {}
    assert "Kvinne" in shown.parts and "Andel foreslått Standard innsats" in shown.parts
