"""Privacy: after a full demo run no identity number appears in clear anywhere the system writes.

The run: 300 demo registrations replayed through the champion into a SQLite records file (``load_demo``), the real
service started on the same records (debug logging on), assessing the example jobseeker and some of the demo
jobseekers, recording decisions and outcomes by identity number, and being sent a malformed number; then the audit
report written to files. The test then greps every file of the data directory (records, write-ahead log, model
cache, ...), the service's log, the in-process log of the demo and report, and the report files for every identity
number it used.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import httpx
import pytest

from models.policy import FollowUpLevel
from models.registry import load_champion
from models.schema import _EXAMPLE_PROFILE
from monitoring.analysis.reference import reference_of
from monitoring.analysis.report import build_report
from monitoring.demo import load_demo
from monitoring.records.db import make_engine, session_factory, upgrade
from service.auth import Role
from service.schemas import EXAMPLE_NATIONAL_ID
from tests.conftest import Registry
from tests.processes import environment, new_keys, serving
from tests.reliability.harness import OFFICE, bearer, counsellor
from training.demo import demo_population

DEMO_ROWS = 300
JUSTIFICATION = "Personvern-test: trenger tolk og tett oppfølging."
MALFORMED = EXAMPLE_NATIONAL_ID[:-1] + str((int(EXAMPLE_NATIONAL_ID[-1]) + 1) % 10)  # wrong check digit


def _spaced(number: str) -> str:
    return f"{number[:6]} {number[6:]}"


@pytest.mark.slow
def test_no_identity_number_in_clear_after_a_full_demo_run(
    registry: Registry, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    keys = new_keys()
    data_dir, report_dir = tmp_path / "data", tmp_path / "report"
    database_url = f"sqlite:///{data_dir / 'records.db'}"
    population = demo_population(DEMO_ROWS, seed=3)
    demo_ids = [str(number) for number in population["national_id"]]
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        sessions = session_factory(engine)
        champion = load_champion(name=registry.name, tracking_uri=registry.tracking_uri, cache_dir=registry.cache_dir)
        with caplog.at_level(logging.DEBUG):
            summary = load_demo(
                sessions, population=population, champion=champion, person_secret=keys["PROFILING_PERSON_KEY"].encode()
            )
        assert summary.assessments == DEMO_ROWS

        env = environment(registry, data_dir, database_url, keys, PROFILING_LOG_LEVEL="DEBUG")
        log = tmp_path / "service.log"
        served = [EXAMPLE_NATIONAL_ID, *demo_ids[:5]]
        with serving(env, log) as server, httpx.Client(base_url=server.base_url, timeout=60) as http:
            server.ready()
            headers = counsellor(keys, "Z123456")
            for number in served:
                body = {"national_id": number, "office": OFFICE, "consent": True, "profile": _EXAMPLE_PROFILE}
                # a client that puts the number in its request id: the id is logged and stored, so it is replaced
                traced = headers | {"X-Request-ID": f"registration-{number}"}
                created = http.post("/v1/assessments", json=body, headers=traced)
                assert number not in created.headers["x-request-id"]
                assert created.status_code == 201, created.text
                assessment = created.json()
                other = next(level.value for level in FollowUpLevel if level.value != assessment["suggested_level"])
                decision = {"level": other, "reason_code": "OTHER", "justification": JUSTIFICATION}
                decided = http.post(f"/v1/assessments/{assessment['id']}/decision", json=decision, headers=headers)
                assert decided.status_code == 201, decided.text
            outcomes = {
                "outcomes": [
                    {"national_id": n, "horizon_months": 12, "employed": True, "observed_on": "2027-11-02"}
                    for n in served
                ]
            }
            posted = http.post("/v1/outcomes", json=outcomes, headers=bearer(keys, Role.SYSTEM, "aa-register"))
            assert posted.status_code == 201, posted.text
            body = {"national_id": MALFORMED, "office": OFFICE, "consent": True, "profile": _EXAMPLE_PROFILE}
            refused = http.post("/v1/assessments", json=body, headers=headers)
            assert refused.status_code == 422 and MALFORMED not in refused.text
            # an identity number where it does not belong: a query parameter and the request id
            audit = http.get(
                "/v1/audit/decisions",
                params={"counsellor": EXAMPLE_NATIONAL_ID},
                headers=bearer(keys, Role.AUDITOR, "A1") | {"X-Request-ID": EXAMPLE_NATIONAL_ID},
            )
            assert audit.status_code == 200 and EXAMPLE_NATIONAL_ID not in audit.text
        logged = log.read_text()

        with caplog.at_level(logging.DEBUG):
            report = build_report(sessions, since=None, until=None, reference=reference_of(champion), horizon_months=12)
        report_dir.mkdir()
        (report_dir / "report.html").write_text(report.html)
        (report_dir / "report.json").write_text(json.dumps(report.json, default=str))
    finally:
        engine.dispose()

    assert report.json["summary"]["assessments"] == DEMO_ROWS + len(served)
    assert logged.count('"message": "request"') >= 2 * len(served)  # the access log is there
    files = {str(path.relative_to(tmp_path)): path.read_bytes() for path in data_dir.rglob("*") if path.is_file()}
    assert "data/records.db" in files
    assert any(JUSTIFICATION.encode() in content for content in files.values())  # the scan sees what is in clear
    texts = {
        "service log": logged,
        "demo and report log": caplog.text,
        "report.html": (report_dir / "report.html").read_text(),
        "report.json": (report_dir / "report.json").read_text(),
    }
    numbers = [*demo_ids, *served, MALFORMED]
    found = [
        (where, number)
        for number in numbers
        for form in (number, _spaced(number))
        for where, text in texts.items()
        if form in text
    ]
    found += [
        (name, number)
        for number in numbers
        for form in (number, _spaced(number))
        for name, content in files.items()
        if form.encode() in content
    ]
    assert found == []
    print(f"\nprivacy: {len(set(numbers))} identity numbers, {len(files)} data files, 2 logs, 2 reports: none found")
