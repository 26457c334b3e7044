"""The auditor's decision log: every filter, pagination, the complete CSV export (also of a log longer than a page)
and verification of the records, which finds an altered assessment that has no decision.

Runs on SQLite, and on PostgreSQL too when ``PROFILING_TEST_POSTGRES_URL`` is set.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from models.errors import InvalidInputError
from models.schema import _EXAMPLE_PROFILE, JobseekerProfile
from monitoring.records.assessments import AssessmentRow, record_assessment
from monitoring.records.chain import ASSESSMENT_ALTERED
from monitoring.records.decisions import record_decision
from monitoring.records.identity import person_key
from monitoring.records.listing import BAD_BATCH, CSV_CHUNK_CHARS, CSV_COLUMNS, NAIVE_TIME, export_decisions
from monitoring.records.tables import EventRow
from service.app import create_app
from service.auth import Role
from service.schemas import EXAMPLE_NATIONAL_ID
from service.settings import Settings
from tests.conftest import FIRST_CHAMPION_EVENTS, Registry
from tests.processes import BACKENDS, records_database
from tests.service.conftest import OFFICE, OTHER_OFFICE, assessment_body, make_settings

Headers = Callable[..., dict[str, str]]
Decision = dict[str, Any]

OLD_VERSION = "0.9-old"
FORMULA = "=1+1 is text here, not a formula"
PERMANENT_REASON = "Varig nedsatt arbeidsevne etter legeerklæring."
LONG_LOG = 250
ASSESSMENTS = 10
"""Decisions in the long log: more than the default page (100) and than several export batches."""


@pytest.fixture(scope="module", params=BACKENDS)
def settings(
    request: pytest.FixtureRequest, registry: Registry, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Settings]:
    data_dir = tmp_path_factory.mktemp("audit")
    with records_database(request.param, data_dir) as database_url:
        yield make_settings(registry, data_dir, database_url=database_url)


@pytest.fixture(scope="module")
def decisions(client: TestClient, token: Headers, registry: Registry) -> list[Decision]:
    """Seven decisions by two counsellors at two offices, on two model versions; each with its ``model_version``."""
    made: list[Decision] = []

    def assess(subject: str, office: str) -> dict[str, Any]:
        response = client.post(
            "/v1/assessments", json=assessment_body(office=office), headers=token(Role.COUNSELLOR, office, subject)
        )
        assert response.status_code == 201, response.text
        return response.json()  # type: ignore[no-any-return]

    def decide(assessment: dict[str, Any], subject: str, office: str, version: str, **body: object) -> None:
        response = client.post(
            f"/v1/assessments/{assessment['id']}/decision",
            json={"level": assessment["suggested_level"], **body},
            headers=token(Role.COUNSELLOR, office, subject),
        )
        assert response.status_code == 201, response.text
        made.append(response.json() | {"model_version": version})

    override = {"level": "VARIG_TILPASSET_INNSATS", "reason_code": "HEALTH", "justification": PERMANENT_REASON}
    version = registry.version
    a1, a2, a3 = (assess("A1", OFFICE) for _ in range(3))
    decide(a1, "A1", OFFICE, version)
    decide(a2, "A1", OFFICE, version, **override)
    decide(a3, "A1", OFFICE, version, **override)  # a permanent level: it awaits approval
    returned = client.post(
        f"/v1/assessments/{a3['id']}/return",
        json={"decision_id": made[-1]["id"], "reason": "Legeerklæringen mangler i saken."},
        headers=token(Role.COUNSELLOR, OFFICE, "A2", approver=True),
    )
    assert returned.status_code == 201, returned.text
    decide(a3, "A1", OFFICE, version, **override)  # decided again after the return: supersedes the one before
    b1, b2 = (assess("B1", OTHER_OFFICE) for _ in range(2))
    decide(b1, "B1", OTHER_OFFICE, version)
    decide(b2, "B1", OTHER_OFFICE, version, **(override | {"level": "STANDARD_INNSATS", "justification": FORMULA}))

    # An assessment from an older model version, declined (so without a suggestion), written as the service would.
    old = record_assessment(
        client.app.state.sessions,  # type: ignore[attr-defined]
        request_id="audit-test",
        caller="A1",
        person_key=person_key(EXAMPLE_NATIONAL_ID, secret=client.app.state.person_secret),  # type: ignore[attr-defined]
        office=OFFICE,
        counsellor="A1",
        consent=False,
        profile=JobseekerProfile.model_validate(_EXAMPLE_PROFILE),
        model_name=registry.name,
        model_version=OLD_VERSION,
        assessment=None,
        language="nb",
    )
    decide({"id": old.id, "suggested_level": "SITUASJONSBESTEMT_INNSATS"}, "A1", OFFICE, OLD_VERSION)
    seqs = [d["seq"] for d in made]
    assert seqs == sorted(set(seqs)) and len(seqs) == 7  # one chain, in order; the assessments' links in between
    return made


def _listed(client: TestClient, token: Headers, **params: object) -> dict[str, Any]:
    response = client.get("/v1/audit/decisions", params=params, headers=token(Role.AUDITOR))
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def _ids(decisions: list[Decision]) -> list[str]:
    """Ids newest first, as the log lists them."""
    return [d["id"] for d in sorted(decisions, key=lambda d: -d["seq"])]


def test_all_decisions_newest_first(client: TestClient, token: Headers, decisions: list[Decision]) -> None:
    page = _listed(client, token)
    assert page["total"] == 7 and page["limit"] == 100 and page["offset"] == 0
    assert [d["id"] for d in page["items"]] == _ids(decisions)
    listed = {d["id"]: d for d in page["items"]}
    for decision in decisions:
        assert listed[decision["id"]] == {k: v for k, v in decision.items() if k != "model_version"}


FILTERS: list[tuple[dict[str, object], Callable[[Decision], bool]]] = [
    ({"office": OTHER_OFFICE}, lambda d: d["office"] == OTHER_OFFICE),
    ({"office": "9999"}, lambda d: False),
    ({"counsellor": "A1"}, lambda d: d["counsellor"] == "A1"),
    ({"model_version": OLD_VERSION}, lambda d: d["model_version"] == OLD_VERSION),
    ({"level": "VARIG_TILPASSET_INNSATS"}, lambda d: d["decided_level"] == "VARIG_TILPASSET_INNSATS"),
    ({"overrides_only": True}, lambda d: d["follows_suggestion"] is False),
    ({"overrides_only": True, "office": OFFICE}, lambda d: d["follows_suggestion"] is False and d["office"] == OFFICE),
]


@pytest.mark.parametrize(("params", "matches"), FILTERS, ids=[str(params) for params, _ in FILTERS])
def test_each_filter(
    client: TestClient,
    token: Headers,
    decisions: list[Decision],
    params: dict[str, object],
    matches: Callable[[Decision], bool],
) -> None:
    expected = _ids([d for d in decisions if matches(d)])
    page = _listed(client, token, **params)
    assert [d["id"] for d in page["items"]] == expected
    assert page["total"] == len(expected)


def test_the_model_version_filter_splits_the_log(
    client: TestClient, token: Headers, decisions: list[Decision], registry: Registry
) -> None:
    current = _listed(client, token, model_version=registry.version)["total"]
    old = _listed(client, token, model_version=OLD_VERSION)["total"]
    assert (current, old) == (6, 1)


def test_overrides_only_leaves_out_decisions_without_a_suggestion(
    client: TestClient, token: Headers, decisions: list[Decision]
) -> None:
    without = next(d for d in decisions if d["model_version"] == OLD_VERSION)
    assert without["follows_suggestion"] is None and without["suggested_level"] is None
    assert without["id"] not in [d["id"] for d in _listed(client, token, overrides_only=True)["items"]]


def _created(decision: Decision) -> dt.datetime:
    return dt.datetime.fromisoformat(decision["created_at"])


@pytest.mark.parametrize("naive", [False, True], ids=["aware", "naive-is-utc"])
def test_since_and_until(client: TestClient, token: Headers, decisions: list[Decision], naive: bool) -> None:
    middle = _created(decisions[3])
    bound = middle.replace(tzinfo=None) if naive else middle.astimezone(dt.timezone(dt.timedelta(hours=1)))
    since = _listed(client, token, since=bound.isoformat())
    until = _listed(client, token, until=bound.isoformat())
    assert [d["id"] for d in since["items"]] == _ids(decisions[3:])  # since <= created_at
    assert [d["id"] for d in until["items"]] == _ids(decisions[:3])  # created_at < until
    both = _listed(client, token, since=_created(decisions[1]).isoformat(), until=middle.isoformat())
    assert [d["id"] for d in both["items"]] == _ids(decisions[1:3])


def test_pages(client: TestClient, token: Headers, decisions: list[Decision]) -> None:
    pages = [_listed(client, token, limit=3, offset=offset) for offset in (0, 3, 6, 9)]
    assert [len(p["items"]) for p in pages] == [3, 3, 1, 0]
    assert {p["total"] for p in pages} == {7}
    assert [(p["limit"], p["offset"]) for p in pages] == [(3, 0), (3, 3), (3, 6), (3, 9)]
    assert [d["id"] for p in pages for d in p["items"]] == _ids(decisions)
    filtered = _listed(client, token, counsellor="A1", limit=2, offset=2)
    assert filtered["total"] == 5
    assert [d["id"] for d in filtered["items"]] == _ids([d for d in decisions if d["counsellor"] == "A1"])[2:4]


def _csv(client: TestClient, token: Headers, **params: object) -> tuple[str, list[dict[str, str]]]:
    response = client.get("/v1/audit/decisions", params={"format": "csv", **params}, headers=token(Role.AUDITOR))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    return response.text, [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_csv_export(client: TestClient, token: Headers, decisions: list[Decision]) -> None:
    body, rows = _csv(client, token)
    assert body.count("\r\n") == len(decisions) + 1  # a header line and one line per decision
    assert [row["id"] for row in rows] == _ids(decisions)
    by_id = {row["id"]: row for row in rows}
    for decision in decisions:
        row = by_id[decision["id"]]
        assert row["model_version"] == decision["model_version"]
        assert row["decided_level"] == decision["decided_level"] and row["hash"] == decision["hash"]
        assert row["justification"] in {decision["justification"] or "", f"'{decision['justification']}"}
    assert EXAMPLE_NATIONAL_ID not in body
    assert PERMANENT_REASON in body


def test_csv_export_keeps_formulas_inert(client: TestClient, token: Headers, decisions: list[Decision]) -> None:
    _, rows = _csv(client, token, office=OTHER_OFFICE, overrides_only=True)
    assert [row["justification"] for row in rows] == [f"'{FORMULA}"]
    assert _listed(client, token, office=OTHER_OFFICE, overrides_only=True)["items"][0]["justification"] == FORMULA


def test_csv_export_follows_the_filters_not_the_page(
    client: TestClient, token: Headers, decisions: list[Decision]
) -> None:
    _, rows = _csv(client, token, counsellor="B1")
    assert [row["id"] for row in rows] == _ids([d for d in decisions if d["counsellor"] == "B1"])
    _, rows = _csv(client, token, limit=2, offset=1)
    assert [row["id"] for row in rows] == _ids(decisions)


def test_a_clean_chain_verifies(client: TestClient, token: Headers, decisions: list[Decision]) -> None:
    response = client.get("/v1/audit/verify", headers=token(Role.AUDITOR))
    assert response.status_code == 200, response.text
    assessments = len({d["assessment_id"] for d in decisions})  # each chained by one event
    events = assessments + 1 + FIRST_CHAMPION_EVENTS  # and one return, after the service's first champion
    assert response.json() == {
        "ok": True,
        "checked": len(decisions),
        "events_checked": events,
        "assessments_checked": assessments,
        "head_seq": len(decisions) + events,
        "head_hash": decisions[-1]["hash"],
        "breaks": [],
        "published_head": None,
    }
    hashes = [d["hash"] for d in decisions]
    assert len(set(hashes)) == len(hashes)


def _record_declined(sessions: sessionmaker[Session], office: str) -> AssessmentRow:
    """An assessment without consent (no model needed), written as the service would."""
    return record_assessment(
        sessions,
        request_id="audit-long",
        caller="A1",
        person_key="cd" * 32,
        office=office,
        counsellor="A1",
        consent=False,
        profile=JobseekerProfile.model_validate(_EXAMPLE_PROFILE),
        model_name="jobseeker-risk",
        model_version="1",
        assessment=None,
        language="nb",
    )


@dataclass
class LongLog:
    """A service on its own database with ``LONG_LOG`` decisions; a test that appends one adds it here."""

    client: TestClient
    sessions: sessionmaker[Session]
    offices: dict[str, str] = field(default_factory=dict)
    """Each decision's office by id, oldest first."""

    def newest_first(self, office: str | None = None) -> list[str]:
        return [i for i, at in reversed(self.offices.items()) if office in (None, at)]

    def append(self, assessment: AssessmentRow) -> None:
        decision = record_decision(
            self.sessions,
            assessment_id=assessment.id,
            decided_level="SITUASJONSBESTEMT_INNSATS",
            request_id="audit-long",
            caller="A1",
            office=assessment.office,
            counsellor="A1",
        )
        self.offices[decision.id] = decision.office


@pytest.fixture(scope="module")
def long_log(settings: Settings, registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LongLog]:
    """``LONG_LOG`` decisions on ``ASSESSMENTS`` assessments at two offices, on the backend of ``settings``."""
    data_dir = tmp_path_factory.mktemp("audit-long")
    backend = "postgres" if settings.database_url.startswith("postgresql") else "sqlite"
    with records_database(backend, data_dir) as database_url:
        app = create_app(make_settings(registry, data_dir, database_url=database_url))
        with TestClient(app, raise_server_exceptions=False) as client:
            log = LongLog(client, app.state.sessions)
            assessments = [_record_declined(log.sessions, (OFFICE, OTHER_OFFICE)[i % 2]) for i in range(ASSESSMENTS)]
            for i in range(LONG_LOG):
                log.append(assessments[i % ASSESSMENTS])
            yield log


def test_csv_export_holds_every_decision_beyond_a_page(long_log: LongLog, token: Headers) -> None:
    body, rows = _csv(long_log.client, token)
    assert len(body) > CSV_CHUNK_CHARS  # streamed in more than one piece
    assert [row["id"] for row in rows] == long_log.newest_first()
    _, rows = _csv(long_log.client, token, office=OTHER_OFFICE)
    assert [row["id"] for row in rows] == long_log.newest_first(OTHER_OFFICE)
    page = _listed(long_log.client, token)  # the JSON is still paged
    assert (page["total"], len(page["items"])) == (len(long_log.offices), 100)


@pytest.mark.parametrize("batch_size", [1, 48, 50, 1_000])
def test_the_export_reads_every_batch(long_log: LongLog, batch_size: int) -> None:
    everything = export_decisions(long_log.sessions, batch_size=batch_size)
    assert [listed.decision.id for listed in everything] == long_log.newest_first()
    at_one_office = export_decisions(long_log.sessions, batch_size=batch_size, office=OFFICE)
    assert [listed.decision.id for listed in at_one_office] == long_log.newest_first(OFFICE)


def test_the_export_refuses_bad_arguments_before_it_streams(long_log: LongLog) -> None:
    with pytest.raises(InvalidInputError, match=str(InvalidInputError(BAD_BATCH))):
        export_decisions(long_log.sessions, batch_size=0)
    with pytest.raises(InvalidInputError, match=str(InvalidInputError(NAIVE_TIME))):
        export_decisions(long_log.sessions, since=dt.datetime(2026, 1, 1))  # raised by the call, not by iterating


def test_the_export_ends_at_the_head_it_started_from(long_log: LongLog) -> None:
    before = long_log.newest_first()
    exported = export_decisions(long_log.sessions, batch_size=40)
    first = next(exported)
    with long_log.sessions() as session:
        long_log.append(session.get_one(AssessmentRow, first.decision.assessment_id))
    assert [first.decision.id, *(listed.decision.id for listed in exported)] == before


def test_an_altered_assessment_without_decision_fails_verification(long_log: LongLog, token: Headers) -> None:
    undecided = _record_declined(long_log.sessions, OFFICE)
    with long_log.sessions() as session:
        link = session.scalars(select(EventRow).where(EventRow.assessment_id == undecided.id)).one()
    auditor = token(Role.AUDITOR)
    decisions = len(long_log.offices)
    counts = {
        "checked": decisions,
        "events_checked": FIRST_CHAMPION_EVENTS + ASSESSMENTS + 1,  # the service's first champion, then the cases
        "assessments_checked": ASSESSMENTS + 1,
        "head_seq": FIRST_CHAMPION_EVENTS + decisions + ASSESSMENTS + 1,
        "head_hash": link.hash,  # the undecided assessment's link is the newest
        "published_head": None,
    }
    assert long_log.client.get("/v1/audit/verify", headers=auditor).json() == {"ok": True, **counts, "breaks": []}
    moved = text("UPDATE assessments SET office = :office WHERE id = :id")
    with long_log.sessions.begin() as session:
        session.execute(moved, {"office": "9999", "id": undecided.id})
    try:
        response = long_log.client.get("/v1/audit/verify", headers=auditor)
        assert response.status_code == 200, response.text
        in_the_assessment = {"seq": 0, "decision_id": "", "problem": ASSESSMENT_ALTERED, "assessment_id": undecided.id}
        in_its_link = {"seq": link.seq, "decision_id": "", "problem": ASSESSMENT_ALTERED, "assessment_id": None}
        assert response.json() == {
            "ok": False,
            **counts,
            "breaks": [
                in_the_assessment | {"event_id": "", "kind": ""},
                in_its_link | {"event_id": link.id, "kind": "assessed"},
            ],
        }
    finally:
        with long_log.sessions.begin() as session:
            session.execute(moved, {"office": OFFICE, "id": undecided.id})
