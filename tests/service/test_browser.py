"""The web pages in a real browser: Debian's Chromium (headless) driven by Playwright against the real service.

A counsellor assesses a jobseeker and sees what would change the suggestion, tries to save an override without a
reason (refused on the page, nothing stored), then saves it with one, and prints the explanation (in bokmål and
nynorsk); an auditor finds an override in the overview and opens the case. axe-core checks every page
state they visit against WCAG 2.1 A and AA (required of Norwegian public-sector web solutions). Each test makes the
records it needs, so any one of them runs alone and in any order. Screenshots of each step go to
``test-artifacts/screenshots/`` (git-ignored). ``scripts/browser`` installs Chromium.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from models.errors import InvalidInputError
from models.formatting import NUMBER_FORMATS, format_number, format_value
from models.policy import FollowUpLevel
from models.schema import _EXAMPLE_PROFILE, NORWAY
from models.texts import (
    ALERT_MEANING_TEXTS,
    COUNTERFACTUAL_TEXTS,
    FIELD_LABELS,
    FLAG_TEXTS,
    LEVEL_TEXTS,
    PAGE_TEXTS,
    REASON_TEXTS,
    REPORT_TEXTS,
    Language,
    text,
)
from monitoring.records.kinds import TEXT_HAS_ID
from service.auth import Role, mint_token
from service.schemas import EXAMPLE_NATIONAL_ID
from tests.codes import raw_codes
from tests.conftest import Registry
from tests.processes import ROOT, environment, new_keys, records_database, serving
from tests.service.conftest import assessment_body

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium (run scripts/browser)"
    ),
]

AXE = Axe()
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
OFFICE = "1103"
JUSTIFICATION = "Trenger tolk i samtalene; språkbarrieren er større enn registreringen viser."
REASON = "LANGUAGE_OR_DIGITAL_BARRIERS"
PROFILE = {**_EXAMPLE_PROFILE, "registration_channel": "ASSISTERT"}


class Service:
    def __init__(self, base_url: str, secret: bytes) -> None:
        self.base_url = base_url
        self.secret = secret

    def token(self, role: Role, subject: str = "", approver: bool = False) -> str:
        office = OFFICE if role is Role.COUNSELLOR else None
        return mint_token(
            secret=self.secret,
            role=role,
            subject=subject or f"Z99{role.value[:4]}",
            office=office,
            ttl_minutes=30,
            approver=approver,
        )

    def get(self, path: str, role: Role) -> dict[str, object]:
        response = httpx.get(self.base_url + path, headers={"Authorization": f"Bearer {self.token(role)}"}, timeout=10)
        assert response.status_code == 200, response.text
        return response.json()  # type: ignore[no-any-return]

    def post(self, path: str, role: Role, body: Mapping[str, object]) -> dict[str, object]:
        headers = {"Authorization": f"Bearer {self.token(role)}"}
        response = httpx.post(self.base_url + path, json=body, headers=headers, timeout=30)
        assert response.status_code == 201, response.text
        return response.json()  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Override:
    """The one case in a service's records: an assessment whose suggestion the counsellor overrode with a reason."""

    service: Service
    assessment_id: str
    decision_id: str


@contextlib.contextmanager
def _started(registry: Registry, data_dir: Path, **settings: str) -> Iterator[Service]:
    keys = new_keys()
    with (
        records_database("sqlite", data_dir) as database_url,
        serving(environment(registry, data_dir, database_url, keys, **settings), data_dir / "service.log") as server,
    ):
        server.ready()
        yield Service(server.base_url, keys["PROFILING_TOKEN_SECRET"].encode())


@pytest.fixture(scope="module")
def service(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    """The counsellor's tests share one service: each checks only the records it makes itself."""
    with _started(registry, tmp_path_factory.mktemp("browser")) as started:
        yield started


@pytest.fixture()
def override(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Override]:
    """A service of its own holding exactly one overridden case, made through the API.

    The auditor's test counts what the records hold, so it gets records no other test writes to.
    """
    with _started(registry, tmp_path_factory.mktemp("audit")) as started:
        assessment = started.post("/v1/assessments", Role.COUNSELLOR, assessment_body(profile=PROFILE))
        other = next(level.value for level in FollowUpLevel if level.value != assessment["suggested_level"])
        decision = started.post(
            f"/v1/assessments/{assessment['id']}/decision",
            Role.COUNSELLOR,
            {"level": other, "reason_code": REASON, "justification": JUSTIFICATION},
        )
        yield Override(started, str(assessment["id"]), str(decision["id"]))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def tab(browser: Browser) -> Iterator[Callable[[Service], Page]]:
    """Opens a fresh tab (its own session storage) that may only talk to the given service: the pages work offline."""
    opened: list[tuple[BrowserContext, str, list[str]]] = []

    def open_on(service: Service) -> Page:
        context = browser.new_context(viewport={"width": 1200, "height": 900}, locale="nb-NO")
        context.set_default_timeout(10_000)
        requested: list[str] = []
        context.on("request", lambda request: requested.append(request.url))
        opened.append((context, service.base_url, requested))
        return context.new_page()

    yield open_on
    for context, base_url, requested in opened:
        context.close()
        assert requested and all(url.startswith((base_url + "/", "blob:")) for url in requested), requested


def _shot(page: Page, name: str) -> None:
    """Keep a screenshot of this page state and fail on any WCAG 2.1 A/AA violation axe-core finds in it, and on any
    code (rather than its label) in the text it shows."""
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    results = AXE.run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, f"{name}: {results.generate_report()}"
    lines = str(page.evaluate("document.body.innerText")).splitlines()
    assert {line: raw_codes(line) for line in lines if raw_codes(line)} == {}, name


NUMBERS = (0.0, 0.021, 0.0215, 0.125, 0.5, 0.99951, 1.0)


def _numbers_read_as_the_service_writes_them(page: Page, lang: Language) -> None:
    """The page writes each number field with the browser's ``Intl`` just as ``models.formatting`` does."""
    fields = list(NUMBER_FORMATS)
    written = page.evaluate(
        "([fields, values]) => fields.map((f) => values.map((v) => UI.number(f, v)))", [fields, NUMBERS]
    )
    assert written == [[format_number(field, value, lang) for value in NUMBERS] for field in fields]


def _would_suggest(lang: Language) -> str:
    """How a counterfactual that was found begins ("The model would suggest"), in ``lang``."""
    return text(COUNTERFACTUAL_TEXTS, "found", lang).partition("{level}")[0].strip()


def _sign_in(page: Page, url: str, token: str) -> None:
    page.goto(url)
    _shot(page, f"00-sign-in-{url.rstrip('/').rsplit('/', 1)[-1]}")
    page.get_by_label("Token").fill(token)
    page.locator("#signin-form button[type=submit]").click()
    expect(page.locator("#app")).to_be_visible()


def _document(page: Page) -> None:
    """The needs assessment's documentation: two factors considered, the jobseeker's wishes, the channel asked for."""
    page.check("#factor-LANGUAGE")
    page.check("#factor-WORK_EXPERIENCE")
    page.fill("#wishes", "Vil tilbake til butikk, gjerne deltid først.")
    page.check("#channel-IN_PERSON")


def _fill_profile(page: Page, profile: Mapping[str, object]) -> None:
    for name, value in profile.items():
        field = page.locator(f'[data-field="{name}"]')
        kind = field.get_attribute("data-kind")
        if field.locator("input[type=radio]").count():
            shown = "" if value is None else str(value).lower() if kind == "bool" else str(value)
            field.locator(f'input[value="{shown}"]').check()
        elif field.locator("select").count():
            page.select_option(f"#f-{name}", "" if value is None else str(value))
        elif value is not None:
            scale = float(field.get_attribute("data-scale") or 1)
            page.fill(f"#f-{name}", str(round(float(str(value)) / scale, 6)) if kind == "float" else str(value))


def test_a_counsellor_assesses_and_overrides_with_a_reason(
    service: Service, tab: Callable[[Service], Page], registry: Registry
) -> None:
    page = tab(service)
    _sign_in(page, f"{service.base_url}/ui/", service.token(Role.COUNSELLOR))
    expect(page.locator("#f-office")).to_have_value(OFFICE)
    expect(page.locator("input[name=consent]:checked")).to_have_count(0)

    page.fill("#f-national_id", EXAMPLE_NATIONAL_ID)
    page.check("#consent-yes")
    _fill_profile(page, PROFILE)
    _shot(page, "01-counsellor-form")
    page.get_by_role("button", name="Vurder").click()

    result = page.locator("#result")
    expect(result).to_be_visible()
    expect(result.locator(".risk-bar")).to_be_visible()
    expect(result.locator(".reasons-chart")).to_be_visible()
    expect(result.locator(".risk-number")).to_contain_text("%")
    expect(result.locator('.flags [data-flag="DIGITAL_BARRIER"]')).to_be_visible()
    expect(result.locator(".model-version")).to_contain_text(registry.version)
    expect(result.get_by_text("Dette er et forslag; du bestemmer.")).to_be_visible()
    flags_first = "(a, b) => !!(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING)"
    assert page.evaluate(f"({flags_first})(document.querySelector('.flags'), document.querySelector('.reasons-chart'))")
    suggested = result.locator("#suggested-level").get_attribute("data-level")
    assert suggested in {level.value for level in FollowUpLevel}
    counterfactual = result.locator('#counterfactuals li[data-found="true"]').first
    expect(counterfactual).to_contain_text(_would_suggest("nb"))
    expect(result.locator(".counterfactual-note")).to_contain_text("ikke et løfte")
    _numbers_read_as_the_service_writes_them(page, "nb")
    _shot(page, "02-counsellor-suggestion")

    other = next(level.value for level in FollowUpLevel if level.value != suggested)
    page.check(f"#level-{other}")
    expect(page.locator("#reason_code")).to_be_visible()
    _document(page)
    page.get_by_role("button", name="Lagre beslutningen").click()
    expect(page.locator("#decision-error")).to_contain_text("Velg en årsak og skriv en begrunnelse")
    expect(page.locator("#reason_code")).to_be_focused()
    assessment_id = result.get_attribute("data-assessment")
    assert assessment_id
    assert service.get(f"/v1/assessments/{assessment_id}", Role.COUNSELLOR)["decisions"] == []
    _shot(page, "03-counsellor-override-refused")

    page.select_option("#reason_code", REASON)
    page.fill("#justification", f"Fødselsnummer {EXAMPLE_NATIONAL_ID} trenger tolk.")
    page.get_by_role("button", name="Lagre beslutningen").click()
    refused = InvalidInputError(TEXT_HAS_ID, name="justification").detail("nb")
    expect(page.locator("#decision-error")).to_have_text(f"{PAGE_TEXTS['api_error'].nb} (422): {refused}")
    assert service.get(f"/v1/assessments/{assessment_id}", Role.COUNSELLOR)["decisions"] == []

    page.fill("#justification", JUSTIFICATION)
    page.get_by_role("button", name="Lagre beslutningen").click()
    receipt = page.locator("#receipt")
    expect(receipt).to_contain_text("Registrert i beslutningsloggen.")
    decision_id = receipt.get_attribute("data-decision")
    decisions = service.get(f"/v1/assessments/{assessment_id}", Role.COUNSELLOR)["decisions"]
    assert isinstance(decisions, list) and [d["id"] for d in decisions] == [decision_id]
    assert decisions[0]["follows_suggestion"] is False and decisions[0]["reason_code"] == REASON
    assert decisions[0]["documentation"] == {
        "factors": ["WORK_EXPERIENCE", "LANGUAGE"],
        "wishes": "Vil tilbake til butikk, gjerne deltid først.",
        "channel": "IN_PERSON",
    }
    expect(receipt).to_contain_text(str(decision_id))
    _shot(page, "04-counsellor-saved")

    with page.context.expect_page() as opened:
        page.locator("#print-link").click()
    printable = opened.value
    expect(printable.locator("#x-summary")).to_contain_text("%")
    expect(printable.locator("#x-level")).to_contain_text("innsats")
    expect(printable.locator("#x-flags")).to_contain_text(FLAG_TEXTS["DIGITAL_BARRIER"].nb)
    expect(printable.locator('#x-counterfactuals li[data-found="true"]').first).to_contain_text(_would_suggest("nb"))
    expect(printable.locator("#x-who")).to_contain_text("veilederen")
    printable.emulate_media(media="print")
    expect(printable.locator("header.top")).to_be_hidden()
    _shot(printable, "05-print-explanation")

    printable.emulate_media(media="screen")
    printable.locator("#switch-nn").click()
    expect(printable.locator("html")).to_have_attribute("lang", "nn")
    expect(printable.locator("#x-who")).to_contain_text("rettleiaren")
    rate = "county_unemployment_rate"
    rate_read = f"{text(FIELD_LABELS, rate, 'nn')}: {format_value(rate, PROFILE[rate], 'nn')}"
    expect(printable.locator("#x-data")).to_contain_text(rate_read)
    expect(printable.locator("#x-counterfactual-note")).to_contain_text("rettleiaren din som bestemmer")
    expect(printable.locator('#x-counterfactuals li[data-found="true"]').first).to_contain_text(_would_suggest("nn"))
    _numbers_read_as_the_service_writes_them(printable, "nn")
    _shot(printable, "05-print-explanation-nynorsk")


def test_an_auditor_finds_the_override_and_opens_the_case(override: Override, tab: Callable[[Service], Page]) -> None:
    service = override.service
    page = tab(service)
    _sign_in(page, f"{service.base_url}/ui/audit", service.token(Role.AUDITOR))
    expect(page.locator("#chain")).to_have_attribute("data-ok", "true")
    expect(page.locator('[data-count="overrides"]')).to_have_text("1")
    _shot(page, "06-audit-overview")

    page.get_by_label("Bare overstyringer").check()
    page.get_by_role("button", name="Vis", exact=True).click()
    row = page.locator(f'#decisions tr[data-decision="{override.decision_id}"]')
    expect(row).to_contain_text(JUSTIFICATION)
    expect(page.locator("#decisions tbody tr")).to_have_count(1)
    # the monitoring report (its first call imports Evidently in the service: seconds)
    expect(page.locator('[data-count="report-assessments"]')).to_have_text("1", timeout=60_000)
    with page.context.expect_page() as opened:
        page.locator("#open-report").click()
    expect(opened.value.locator("h1")).to_have_text(REPORT_TEXTS["title"].nb)
    opened.value.close()
    _shot(page, "07-audit-overrides-only")
    with page.expect_download() as download:
        page.get_by_role("button", name="Last ned CSV").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert exported[0].startswith("seq,id,") and len(exported) == 2 and override.decision_id in exported[1]

    row.get_by_role("link", name="Åpne saken").click()
    page.wait_for_url(f"**/ui/audit/case/{override.assessment_id}**")
    decision = page.locator(f'.decision[data-decision="{override.decision_id}"]')
    expect(decision).to_contain_text(REASON_TEXTS[REASON].nb)
    expect(decision).to_contain_text(JUSTIFICATION)
    expect(page.locator("#chain")).to_have_attribute("data-ok", "true")
    expect(page.locator("#case-integrity")).to_have_attribute("data-ok", "true")
    expect(page.locator("#assessment-view .reasons-chart")).to_be_visible()
    expect(page.locator("#assessment-view .flags")).to_be_visible()
    _shot(page, "08-audit-case")

    page.locator("#switch-en").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".decision").first).to_contain_text(REASON_TEXTS[REASON].en)
    _shot(page, "09-audit-case-english")


def test_declined_consent_scores_nothing_and_the_counsellor_decides_alone(
    service: Service, tab: Callable[[Service], Page]
) -> None:
    page = tab(service)
    _sign_in(page, f"{service.base_url}/ui/?lang=en", service.token(Role.COUNSELLOR))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.fill("#f-national_id", EXAMPLE_NATIONAL_ID)
    page.get_by_label("No, the jobseeker declines profiling").check()
    _fill_profile(page, _EXAMPLE_PROFILE)
    page.get_by_role("button", name="Assess").click()
    result = page.locator("#result")
    expect(result).to_contain_text("Nothing was scored: you assess without a suggestion.")
    expect(result.locator(".risk-bar")).to_have_count(0)
    page.locator("#decision-form").get_by_label("Specially tailored follow-up").check()
    expect(page.locator("#reason_code")).to_be_hidden()
    page.get_by_role("button", name="Save the decision").click()
    expect(page.locator("#decision-error")).to_contain_text("Choose at least one factor")
    _document(page)
    page.get_by_role("button", name="Save the decision").click()
    expect(page.locator("#receipt")).to_contain_text("Recorded in the decision log.")
    _numbers_read_as_the_service_writes_them(page, "en")
    _shot(page, "10-counsellor-declined-english")


def test_an_auditor_looks_up_everything_held_about_a_person_and_prints_it(
    override: Override, tab: Callable[[Service], Page]
) -> None:
    service = override.service
    head = service.get("/v1/audit/verify", Role.AUDITOR)["head_seq"]
    page = tab(service)
    _sign_in(page, f"{service.base_url}/ui/audit/subject-access", service.token(Role.AUDITOR))
    _shot(page, "11-subject-access-form")

    page.get_by_role("button", name="Slå opp").click()
    expect(page.locator("#subject-error")).to_contain_text("Fyll ut både fødselsnummer og formål.")
    expect(page.locator("#national_id")).to_be_focused()
    page.get_by_label("Fødselsnummer (11 siffer)").fill(EXAMPLE_NATIONAL_ID[:-1] + "8")
    page.get_by_label("Formål med oppslaget").fill("Innsynsbegjæring fra brukeren, mottatt per brev.")
    page.get_by_role("button", name="Slå opp").click()
    expect(page.locator("#subject-error")).to_contain_text("(422)")
    expect(page.locator("#national_id")).to_have_attribute("aria-invalid", "true")
    assert EXAMPLE_NATIONAL_ID[:-1] not in page.locator("#subject-error").inner_text()
    _shot(page, "12-subject-access-refused")

    page.get_by_label("Fødselsnummer (11 siffer)").fill(EXAMPLE_NATIONAL_ID)
    page.get_by_role("button", name="Slå opp").click()
    held = page.locator(f'.held-case[data-assessment="{override.assessment_id}"]')
    expect(held).to_be_visible()
    expect(page.locator("#subject")).to_have_attribute("data-empty", "false")
    expect(page.locator("#national_id")).to_have_value("")
    decision = held.locator(f'.decision[data-decision="{override.decision_id}"]')
    expect(decision).to_contain_text(REASON_TEXTS[REASON].nb)
    expect(decision).to_contain_text(JUSTIFICATION)
    expect(held.locator(".reasons-chart")).to_be_visible()
    expect(held.locator('[data-kind="assessed"]')).to_contain_text("Vurderingen registrert i kjeden")
    expect(held.locator(".profile")).to_contain_text(f"{FIELD_LABELS['county'].nb}")
    expect(page.locator("#subject-lookup")).to_contain_text("Innsynsbegjæring fra brukeren")
    assert EXAMPLE_NATIONAL_ID not in str(page.evaluate("document.body.innerText"))
    _shot(page, "13-subject-access-held")
    page.emulate_media(media="print")
    expect(page.locator("#lookup")).to_be_hidden()
    expect(page.locator("header.top")).to_be_hidden()
    expect(held).to_be_visible()
    _shot(page, "14-subject-access-print")
    page.emulate_media(media="screen")

    page.get_by_label("Fødselsnummer (11 siffer)").fill("15019010063")  # valid, and nobody is recorded under it
    page.get_by_role("button", name="Slå opp").click()
    expect(page.locator("#subject")).to_have_attribute("data-empty", "true")
    expect(page.locator("#subject-message")).to_contain_text("Ingenting er registrert om denne personen")
    expect(page.locator(".held-case")).to_have_count(0)
    expect(page.locator("#subject-no-outcomes")).to_be_visible()
    _shot(page, "15-subject-access-nothing-held")
    assert service.get("/v1/audit/verify", Role.AUDITOR)["head_seq"] == head + 2  # two lookups; the refused one: none


def test_blind_first_then_a_second_approver_then_an_objection_and_its_review(
    registry: Registry, tmp_path_factory: pytest.TempPathFactory, tab: Callable[[Service], Page]
) -> None:
    """The life of a case in the pages: a provisional level before the suggestion, a permanent level approved by a
    second person from the approver's queue, and an objection reviewed by another counsellor."""
    permanent = FollowUpLevel.VARIG_TILPASSET_INNSATS.value
    with _started(registry, tmp_path_factory.mktemp("oversight"), PROFILING_BLIND_FIRST=OFFICE) as service:
        page = tab(service)
        _sign_in(page, f"{service.base_url}/ui/", service.token(Role.COUNSELLOR, "Z100001"))
        page.fill("#f-national_id", EXAMPLE_NATIONAL_ID)
        page.check("#consent-yes")
        _fill_profile(page, PROFILE)
        page.get_by_role("button", name="Vurder").click()
        result = page.locator("#result")
        expect(result.locator("#suggestion-hidden")).to_be_visible()
        expect(result.locator("#suggested-level")).to_have_count(0)
        expect(page.locator("#decision-form")).to_be_hidden()
        _shot(page, "20-blind-first-provisional")

        page.check(f"#provisional-{permanent}")
        page.get_by_role("button", name="Lagre og vis forslaget").click()
        expect(result.locator("#suggested-level")).to_be_visible()
        suggested = result.locator("#suggested-level").get_attribute("data-level")
        page.check(f"#level-{permanent}")
        if suggested != permanent:
            page.select_option("#reason_code", "HEALTH")
            page.fill("#justification", JUSTIFICATION)
        _document(page)
        page.get_by_role("button", name="Lagre beslutningen").click()
        expect(page.locator("#approval-note")).to_be_visible()
        _shot(page, "21-blind-first-decided-awaiting-approval")
        assessment_id = str(result.get_attribute("data-assessment"))

        queue = tab(service)
        _sign_in(queue, f"{service.base_url}/ui/cases", service.token(Role.COUNSELLOR, "Z100002", approver=True))
        queue.select_option("#state", "awaiting_approval")
        queue.get_by_role("button", name="Vis", exact=True).click()
        row = queue.locator(f'tr[data-assessment="{assessment_id}"]')
        expect(row).to_be_visible()
        _shot(queue, "22-approver-queue")
        row.locator("button.open-case").click()
        expect(queue.locator("#case-state")).to_contain_text("Venter på godkjenning")
        _shot(queue, "23-approver-case")
        queue.locator("#approve").click()
        expect(queue.locator("#case-status")).to_contain_text("Besluttet")

        queue.fill("#objection-text", "Jeg mener jeg kan komme i arbeid med litt hjelp.")
        queue.select_option("#objection-channel", "letter")
        _shot(queue, "24-objection")
        queue.locator("#objection-form-submit").click()
        expect(queue.locator("#case-status")).to_contain_text("Klage til behandling")
        queue.select_option("#review-outcome", "upheld")
        queue.fill("#review-justification", "Vedtaket bygger på riktige og fullstendige opplysninger.")
        _shot(queue, "25-review")
        queue.locator("#review-form-submit").click()
        expect(queue.locator("#case-status")).to_contain_text("Besluttet")
        _shot(queue, "26-reviewed")
        case = service.get(f"/v1/assessments/{assessment_id}", Role.AUDITOR)
        assert case["state"] == "decided" and len(case["decisions"]) == 1  # type: ignore[arg-type]


def test_a_counsellor_marks_two_levels_equally_suitable_and_decides_the_drawn_one(
    registry: Registry, tmp_path_factory: pytest.TempPathFactory, tab: Callable[[Service], Page]
) -> None:
    """An equivalence trial at the office: the jobseeker consents, the counsellor ticks two levels as equally
    suitable, the page shows the level drawn and why, with that level chosen in the decision form, and it is decided."""
    standard, situation = FollowUpLevel.STANDARD_INNSATS.value, FollowUpLevel.SITUASJONSBESTEMT_INNSATS.value
    today = dt.datetime.now(NORWAY).date()
    trial = {
        "trial_id": "equivalence-browser",
        "kind": "equivalence",
        "eligible_offices": [OFFICE],
        "starts_on": (today - dt.timedelta(days=30)).isoformat(),
        "ends_on": (today + dt.timedelta(days=30)).isoformat(),
        "protocol_reference": "OSF registration 10.17605/OSF.IO/EXAMPLE",
        "target_sample_size": 400,
    }
    with _started(registry, tmp_path_factory.mktemp("trial")) as service:
        service.post("/v1/trials", Role.DATA_SCIENTIST, trial)
        page = tab(service)
        _sign_in(page, f"{service.base_url}/ui/?lang=en", service.token(Role.COUNSELLOR))
        expect(page.locator("#trial-consent-group")).to_be_visible()
        page.fill("#f-national_id", EXAMPLE_NATIONAL_ID)
        page.check("#consent-yes")
        page.check("#trial-consent-yes")
        _fill_profile(page, PROFILE)
        _shot(page, "30-trial-consent")
        page.get_by_role("button", name="Assess").click()
        offer = page.locator("#equivalence-form")
        expect(offer).to_be_visible()
        page.check(f"#equivalent-{standard}")
        page.get_by_role("button", name="Draw among the levels I ticked").click()
        expect(page.locator("#equivalence-error")).to_contain_text("Tick at least two levels.")
        _shot(page, "31-equivalence-one-ticked")

        page.check(f"#equivalent-{situation}")
        page.get_by_role("button", name="Draw among the levels I ticked").click()
        drawn = page.locator("#drawn")
        expect(drawn).to_contain_text("equally suitable for this person")
        level = str(drawn.get_attribute("data-level"))
        assert level in (standard, situation)
        expect(drawn).to_contain_text(text(LEVEL_TEXTS, level, "en").partition(":")[0])
        expect(page.locator(f"#level-{level}")).to_be_checked()
        _shot(page, "32-equivalence-drawn")

        suggested = page.locator("#suggested-level").get_attribute("data-level")
        if suggested != level:
            page.select_option("#reason_code", "OTHER")
            page.fill("#justification", JUSTIFICATION)
        _document(page)
        page.get_by_role("button", name="Save the decision").click()
        expect(page.locator("#receipt")).to_contain_text("Recorded in the decision log.")
        _shot(page, "33-equivalence-decided")
        assessment_id = str(page.locator("#result").get_attribute("data-assessment"))
        case = service.get(f"/v1/assessments/{assessment_id}", Role.AUDITOR)
        assert [d["decided_level"] for d in case["decisions"]] == [level]  # type: ignore[attr-defined]


REPORT_CASES = 110
"""Decisions in the report test: enough for one published group in the fairness section (its minimum size is 100)."""


def _reported_cases(service: Service) -> list[str]:
    """``REPORT_CASES`` assessed and decided cases at one office, every fifth overridden with a reason."""
    ids = []
    for n in range(REPORT_CASES):
        assessment = service.post("/v1/assessments", Role.COUNSELLOR, assessment_body(profile=PROFILE))
        level = str(assessment["suggested_level"])
        if n % 5 == 0:
            level = next(lv.value for lv in FollowUpLevel if lv.value != level)
        decision = {"level": level, "reason_code": REASON, "justification": JUSTIFICATION} if n % 5 == 0 else {}
        service.post(f"/v1/assessments/{assessment['id']}/decision", Role.COUNSELLOR, decision or {"level": level})
        ids.append(str(assessment["id"]))
    return ids


def test_an_auditor_reads_the_report_follows_a_case_and_prints_it(
    registry: Registry, tmp_path_factory: pytest.TempPathFactory, tab: Callable[[Service], Page]
) -> None:
    """The report in the auditor's page: summary first, a funnel and a forest plot, the altered case it names opens
    on the case page, and it prints to a PDF of a few pages with no table wider than the page."""
    data_dir = tmp_path_factory.mktemp("report")
    with _started(registry, data_dir) as service:
        altered = _reported_cases(service)[3]
        with sqlite3.connect(data_dir / "records.db") as records:  # the log must name this case: alter its risk
            records.execute("UPDATE assessments SET risk = 0.01 WHERE id = ?", (altered,))
        page = tab(service)
        _sign_in(page, f"{service.base_url}/ui/audit/report", service.token(Role.AUDITOR))
        summary = page.locator("#audit-report #report-summary")
        expect(summary).to_contain_text(REPORT_TEXTS["summary"].nb, timeout=90_000)
        expect(page.locator("#report-log")).to_have_attribute("data-state", "broken")
        expect(summary).to_contain_text(ALERT_MEANING_TEXTS["chain"].nb)
        expect(page.get_by_role("img", name=REPORT_TEXTS["funnel"].nb)).to_be_visible()
        expect(page.get_by_role("img", name=REPORT_TEXTS["forest"].nb)).to_be_visible()
        _shot(page, "15-audit-report")

        page.emulate_media(media="print")
        expect(page.locator("#report-filters")).to_be_hidden()
        page.evaluate("document.querySelectorAll('#audit-report details').forEach((d) => { d.open = true; })")
        too_wide = page.evaluate(
            """() => [...document.querySelectorAll('#audit-report table')]
                 .filter((t) => t.scrollWidth > t.parentElement.clientWidth + 1).length"""
        )
        assert too_wide == 0
        page.evaluate("document.querySelectorAll('#audit-report details').forEach((d) => { d.open = false; })")
        pdf = page.pdf(format="A4", margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"})
        pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
        assert 2 <= pages <= 25, pages
        page.emulate_media(media="screen")

        page.locator(f'#report-log a.case-link[href*="{altered}"]').first.click()
        page.wait_for_url(f"**/ui/audit/case/{altered}**")
        expect(page.locator("#case-integrity")).to_have_attribute("data-ok", "false")
        _shot(page, "16-audit-report-case")
