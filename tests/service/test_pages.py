"""The web pages as HTML: they render in every language, label every field, option and code, and load nothing from
outside."""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import StrEnum
from html.parser import HTMLParser
from typing import get_args

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from models.groups import GROUPINGS
from models.policy import FollowUpLevel, OverrideReason
from models.schema import PROFILE_FIELDS, JobseekerProfile
from models.texts import (
    FIELD_LABELS,
    LANGUAGE_NAMES,
    LANGUAGES,
    PAGE_TEXTS,
    REASON_TEXTS,
    VALUE_LABELS,
    Language,
    text,
)
from monitoring.analysis.fairness.config import GAP_METRICS
from service.app import create_app
from service.pages import FORM_GROUPS, STATIC_DIR, TEMPLATES_DIR, client_texts, level_parts
from service.settings import Settings
from tests.codes import raw_codes

PAGES = ("/ui/", "/ui/audit", "/ui/audit/case/3f1c0c9e", "/ui/print/3f1c0c9e")
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


class _Html(HTMLParser):
    """Collects the controls, the labels' targets, every URL attribute, the ``<html lang>`` and what a person reads
    (the text outside scripts, and the attributes that are read out)."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[str] = []
        self.labelled: set[str] = set()
        self.urls: list[str] = []
        self.lang = ""
        self.options: dict[str, list[str]] = {}
        self.read: list[str] = []
        self._select = ""
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        self._in_script = tag in ("script", "style")
        self.read.extend(values[key] for key in ("aria-label", "title", "alt", "placeholder") if key in values)
        if tag == "html":
            self.lang = values.get("lang", "")
        if tag in ("input", "select", "textarea") and values.get("type") != "hidden":
            self.controls.append(values.get("id", ""))
        if tag == "label" and "for" in values:
            self.labelled.add(values["for"])
        if tag == "select":
            self._select = values.get("name", "")
        if tag == "option":
            self.options.setdefault(self._select, []).append(values.get("value", ""))
        self.urls.extend(values[key] for key in ("href", "src", "action") if key in values)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if not self._in_script and data.strip():
            self.read.append(data.strip())


def _parsed(html: str) -> _Html:
    parser = _Html()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app without its lifespan: the pages need no model and no database."""
    settings = Settings.model_validate(
        {"data_dir": tmp_path_factory.mktemp("pages"), "token_secret": "x" * 48, "person_key": "y" * 48}
    )
    yield TestClient(create_app(settings))


def test_every_profile_field_is_in_exactly_one_group() -> None:
    grouped = [name for _, names in FORM_GROUPS for name in names]
    assert sorted(grouped) == sorted(PROFILE_FIELDS)


def _codes(name: str) -> list[str]:
    """The codes the schema allows for a field (none for numbers and dates)."""
    annotation = JobseekerProfile.model_fields[name].annotation
    kinds = get_args(annotation) or (annotation,)
    return [member.value for kind in kinds if isinstance(kind, type) and issubclass(kind, StrEnum) for member in kind]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_counsellor_page_labels_every_field_option_level_and_reason(pages: TestClient, lang: Language) -> None:
    response = pages.get("/ui/", params={"lang": lang})
    assert response.status_code == 200
    html = response.text
    assert _parsed(html).lang == lang
    for name in PROFILE_FIELDS:
        assert escape(text(FIELD_LABELS, name, lang)) in html, name
        for code in _codes(name):
            assert f'value="{code}"' in html and escape(text(VALUE_LABELS, code, lang)) in html, (name, code)
    for level in FollowUpLevel:
        name, meaning = level_parts(level.value, lang)
        assert f'id="level-{level.value}"' in html and escape(name) in html and escape(meaning) in html
    for reason in OverrideReason:
        assert f'value="{reason.value}"' in html and escape(text(REASON_TEXTS, reason.value, lang)) in html


def test_optional_items_offer_not_answered_and_declined(pages: TestClient) -> None:
    html = pages.get("/ui/").text
    parsed = _parsed(html)
    assert parsed.options["time_to_work_estimate"][:1] == [""]
    assert "VIL_IKKE_SVARE" in parsed.options["time_to_work_estimate"]
    assert re.search(r'name="norwegian_skill" value="" checked', html)
    assert 'name="norwegian_skill" value="VIL_IKKE_SVARE"' in html
    assert "Ikke besvart" in html and "Vil ikke svare" in html and "(valgfri)" in html


def test_consent_is_an_explicit_choice_without_a_default(pages: TestClient) -> None:
    html = pages.get("/ui/").text
    consent = re.findall(r"<input[^>]*name=\"consent\"[^>]*>", html)
    assert len(consent) == 2 and not any("checked" in tag for tag in consent)


@pytest.mark.parametrize("path", PAGES)
def test_every_control_has_a_label_and_every_url_is_local(pages: TestClient, path: str) -> None:
    response = pages.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    parsed = _parsed(response.text)
    assert parsed.lang == "nb"
    assert set(parsed.controls) <= parsed.labelled, set(parsed.controls) - parsed.labelled
    for url in parsed.urls:
        assert url.startswith(("/", "#")) and not url.startswith("//"), url
        if url.startswith("/ui/static/"):
            assert pages.get(url).status_code == 200, url


def test_static_files_load_nothing_from_outside() -> None:
    files = [p for p in STATIC_DIR.iterdir() if p.is_file()]
    assert {p.suffix for p in files} == {".css", ".js"}
    for path in files:
        content = path.read_text(encoding="utf-8").replace(SVG_NAMESPACE, "")
        assert not re.search(r"https?://|@import|//[a-z0-9.-]+\.[a-z]{2,}/", content), path.name


@pytest.mark.parametrize(
    ("query", "accept", "lang"),
    [
        ("en", None, "en"),
        ("nn", None, "nn"),
        ("nn", "en-GB,en", "nn"),
        (None, "en-GB,en", "en"),
        (None, "nn-NO", "nn"),
        (None, "nn", "nn"),
        (None, "de,nn;q=0.8,nb;q=0.5", "nn"),
        (None, "no", "nb"),
        (None, "nb-NO,nn;q=0.9,en;q=0.8", "nb"),
        ("xx", None, "nb"),
        (None, None, "nb"),
    ],
)
def test_the_language_by_query_or_accept_language_and_bokmal_otherwise(
    pages: TestClient, query: str | None, accept: str | None, lang: Language
) -> None:
    params = {"lang": query} if query else {}
    headers = {"Accept-Language": accept} if accept else {}
    html = pages.get("/ui/audit", params=params, headers=headers).text
    assert _parsed(html).lang == lang
    assert f"<h1>{escape(text(PAGE_TEXTS, 'audit_title', lang))}</h1>" in html


def test_nynorsk_pages_are_in_nynorsk(pages: TestClient) -> None:
    assert "Revisjon: avgjerder og overstyringar" in pages.get("/ui/audit", params={"lang": "nn"}).text
    assert "Forklaring til deg som arbeidssøkjar" in pages.get("/ui/print/abc", params={"lang": "nn"}).text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_switch_keeps_the_page_and_offers_every_other_language(pages: TestClient, lang: Language) -> None:
    html = pages.get("/ui/audit/case/abc", params={"lang": lang}).text
    for other in LANGUAGES:
        link = f'<a href="/ui/audit/case/abc?lang={other}" hreflang="{other}" lang="{other}" id="switch-{other}">'
        assert (f"{link}{LANGUAGE_NAMES[other]}</a>" in html) is (other != lang), other
    assert f'<span aria-current="true" lang="{lang}">{LANGUAGE_NAMES[lang]}</span>' in html


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_no_code_reaches_a_person_on_a_page(pages: TestClient, path: str, lang: Language) -> None:
    read = _parsed(pages.get(path, params={"lang": lang}).text).read
    assert len(read) > 10
    assert {sentence: raw_codes(sentence) for sentence in read if raw_codes(sentence)} == {}


def test_every_page_text_the_templates_and_scripts_ask_for_exists() -> None:
    sources = [*TEMPLATES_DIR.glob("*.html"), *STATIC_DIR.glob("*.js")]
    asked = {key for path in sources for key in re.findall(r"\bt\.(\w+)", path.read_text(encoding="utf-8"))}
    asked |= {f"group_{group}" for group, _ in FORM_GROUPS}
    assert len(asked) > 100 and asked - set(PAGE_TEXTS) == set()


def test_the_scripts_get_every_label_they_show(pages: TestClient) -> None:
    texts = client_texts("en")
    assert texts["level_order"] == [level.value for level in FollowUpLevel]
    assert set(texts["reasons"]) == {reason.value for reason in OverrideReason}
    assert (
        set(texts["groupings"]) == set(GROUPINGS) and texts["groupings"]["gender_x_age_group"] == "Gender × Age group"
    )
    for metric in GAP_METRICS:
        level = metric.removeprefix("share_")
        assert (
            level in texts["levels"] and "share" in texts["metrics"] if level != metric else metric in texts["metrics"]
        )
    assert all(not raw_codes(label) for kind in ("groups", "groupings", "metrics") for label in texts[kind].values())
    assert texts["ui"]["in_log"] == "Recorded in the decision log."
    assert '"in_log": "Registrert i beslutningsloggen."' in pages.get("/ui/").text


def test_pages_are_not_part_of_the_api_schema(pages: TestClient) -> None:
    assert not any(path.startswith("/ui") for path in pages.get("/openapi.json").json()["paths"])


def test_the_stylesheet_has_print_rules_and_a_visible_focus() -> None:
    css = (STATIC_DIR / "ui.css").read_text(encoding="utf-8")
    assert "@media print" in css and ":focus-visible" in css
