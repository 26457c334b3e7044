"""Who may call what: every endpoint against every kind of caller, from one table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import httpx
import jwt
import pytest
from fastapi.testclient import TestClient

from service.auth import ALGORITHM, Role, mint_token
from service.schemas import EXAMPLE_NATIONAL_ID
from service.settings import Settings
from tests.service.conftest import OFFICE, OTHER_OFFICE, assessment_body

Headers = Callable[..., dict[str, str]]
NO_DECISION = "00000000-0000-0000-0000-000000000000"

OK = "ok"  # any 2xx
PASSES = "passes"  # past who-may-call-what: any answer but 401 and 403 (the case's state decides the rest)
CALLERS = (
    "counsellor",
    "counsellor_other_office",
    "auditor",
    "data_scientist",
    "system",
    "no_token",
    "expired_token",
    "wrongly_signed_token",
    "garbage_token",
    "token_without_role",
)
NOT_AUTHENTICATED = (401, 401, 401, 401, 401)  # the last five callers, in the order above

# fmt: off
MATRIX: dict[str, tuple[object, ...]] = {
    #                                        own    other  auditor ds    system  (no, expired, badsig, garbage, no role)
    "POST /v1/assessments":                 (OK,    403,   403,    403,  403,    *NOT_AUTHENTICATED),
    "GET /v1/assessments/{id}":             (OK,    403,   OK,     403,  403,    *NOT_AUTHENTICATED),
    "GET /v1/assessments/{id}/explanation": (OK,    403,   OK,     403,  403,    *NOT_AUTHENTICATED),
    "POST /v1/assessments/{id}/decision":   (OK,    403,   403,    403,  403,    *NOT_AUTHENTICATED),
    "GET /v1/assessments":                  (OK,    OK,    OK,     403,  403,    *NOT_AUTHENTICATED),
    "POST /v1/assessments/{id}/provisional-level": (PASSES, 403, 403, 403, 403,  *NOT_AUTHENTICATED),
    # "own": a counsellor without the approver claim (tests/service/test_cases.py has approvers)
    "POST /v1/assessments/{id}/approval":   (403,   403,   403,    403,  403,    *NOT_AUTHENTICATED),
    "POST /v1/assessments/{id}/return":     (403,   403,   403,    403,  403,    *NOT_AUTHENTICATED),
    "POST /v1/assessments/{id}/objection":  (PASSES, 403,  403,    403,  403,    *NOT_AUTHENTICATED),
    "POST /v1/assessments/{id}/review":     (PASSES, 403,  403,    403,  403,    *NOT_AUTHENTICATED),
    "POST /v1/assessments/{id}/equivalence-draw": (PASSES, 403, 403, 403, 403,  *NOT_AUTHENTICATED),  # no trial
    "POST /v1/trials":                      (403,   403,   403,    OK,   403,    *NOT_AUTHENTICATED),
    "GET /v1/trials":                       (OK,    OK,    OK,     OK,   403,    *NOT_AUTHENTICATED),
    "POST /v1/outcomes":                    (403,   403,   403,    403,  OK,     *NOT_AUTHENTICATED),
    "GET /v1/audit/decisions":              (403,   403,   OK,     403,  403,    *NOT_AUTHENTICATED),
    "GET /v1/audit/verify":                 (403,   403,   OK,     403,  403,    *NOT_AUTHENTICATED),
    "GET /v1/audit/alerts":                 (403,   403,   404,    403,  403,    *NOT_AUTHENTICATED),  # none yet
    "GET /v1/audit/report":                 (403,   403,   OK,     OK,   403,    *NOT_AUTHENTICATED),
    "GET /v1/audit/cases/{id}":             (403,   403,   OK,     403,  403,    *NOT_AUTHENTICATED),
    "POST /v1/audit/subject-access":        (403,   403,   OK,     403,  403,    *NOT_AUTHENTICATED),
    "GET /v1/model":                        (OK,    OK,    OK,     OK,   OK,     *NOT_AUTHENTICATED),
    "GET /v1/model/versions/{version}/documentation": (403, 403, 404, 404, 403, *NOT_AUTHENTICATED),  # no such
    "POST /v1/admin/reload":                (403,   403,   403,    OK,   403,    *NOT_AUTHENTICATED),
    "POST /v1/admin/score":                 (403,   403,   403,    OK,   403,    *NOT_AUTHENTICATED),
    "GET /v1/model/promotions":             (403,   403,   OK,     OK,   403,    *NOT_AUTHENTICATED),
    "POST /v1/model/promotions/{request_id}/approval": (403, 403, 403, 404, 403, *NOT_AUTHENTICATED),  # no request
    "POST /v1/model/promotions/{request_id}/rejection": (403, 403, 403, 404, 403, *NOT_AUTHENTICATED),  # no request
    "GET /healthz":                         (OK,    OK,    OK,     OK,   OK,     OK, OK, OK, OK, OK),
    "GET /readyz":                          (OK,    OK,    OK,     OK,   OK,     OK, OK, OK, OK, OK),
    "GET /metrics":                         (OK,    OK,    OK,     OK,   OK,     OK, OK, OK, OK, OK),
}
# fmt: on
HIDDEN_FROM_OPENAPI = {"POST /v1/admin/score"}  # a measurement aid, left out of the API document on purpose

CELLS = [
    pytest.param(endpoint, caller, expected, id=f"{endpoint}-{caller}")
    for endpoint, row in MATRIX.items()
    for caller, expected in zip(CALLERS, row, strict=True)
]


@pytest.fixture(scope="module")
def callers(settings: Settings) -> dict[str, dict[str, str]]:
    """Authorization headers for every kind of caller in :data:`CALLERS`."""
    secret = settings.secret("token_secret")

    def bearer(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    def minted(role: Role, office: str | None = None, *, key: bytes = secret, minutes: int = 30) -> dict[str, str]:
        return bearer(mint_token(secret=key, role=role, subject="Z990001", office=office, ttl_minutes=minutes))

    now = dt.datetime.now(dt.UTC)
    no_role = jwt.encode({"sub": "Z990001", "office": OFFICE, "exp": now + dt.timedelta(minutes=30)}, secret, ALGORITHM)
    return {
        "counsellor": minted(Role.COUNSELLOR, OFFICE),
        "counsellor_other_office": minted(Role.COUNSELLOR, OTHER_OFFICE),
        "auditor": minted(Role.AUDITOR),
        "data_scientist": minted(Role.DATA_SCIENTIST),
        "system": minted(Role.SYSTEM),
        "no_token": {},
        "expired_token": minted(Role.COUNSELLOR, OFFICE, minutes=-5),
        "wrongly_signed_token": minted(Role.COUNSELLOR, OFFICE, key=b"another secret of enough length!"),
        "garbage_token": bearer("not-a-token"),
        "token_without_role": bearer(no_role),
    }


@pytest.fixture(scope="module")
def assessment(client: TestClient, callers: dict[str, dict[str, str]]) -> dict[str, object]:
    """One assessment made at :data:`OFFICE`, for the endpoints that take an id."""
    response = client.post("/v1/assessments", json=assessment_body(), headers=callers["counsellor"])
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def _call(client: TestClient, endpoint: str, headers: dict[str, str], assessment: dict[str, object]) -> httpx.Response:
    method, template = endpoint.split(" ")
    path = template.replace("{id}", str(assessment["id"]))
    bodies: dict[str, object] = {
        "POST /v1/assessments": assessment_body(),
        "POST /v1/admin/score": assessment_body()["profile"],
        "POST /v1/assessments/{id}/decision": {"level": assessment["suggested_level"]},
        "POST /v1/assessments/{id}/provisional-level": {"level": "STANDARD_INNSATS"},
        "POST /v1/assessments/{id}/approval": {"decision_id": NO_DECISION},
        "POST /v1/assessments/{id}/return": {"decision_id": NO_DECISION, "reason": "Legeerklæringen mangler i saken."},
        "POST /v1/assessments/{id}/objection": {
            "decision_id": NO_DECISION,
            "channel": "letter",
            "received_on": "2026-11-30",
            "text": "Jeg er uenig i vedtaket.",
        },
        "POST /v1/assessments/{id}/review": {
            "outcome": "upheld",
            "justification": "Vedtaket bygger på riktige opplysninger.",
        },
        "POST /v1/audit/subject-access": {"national_id": EXAMPLE_NATIONAL_ID, "purpose": "Innsyn etter brev."},
        "POST /v1/assessments/{id}/equivalence-draw": {
            "trial_id": "no-such-trial",
            "options": ["STANDARD_INNSATS", "SITUASJONSBESTEMT_INNSATS"],
        },
        "POST /v1/trials": {
            "trial_id": "roles-2027",
            "kind": "equivalence",
            "eligible_offices": [OFFICE],
            "starts_on": "2027-01-01",
            "ends_on": "2027-12-31",
            "protocol_reference": "OSF registration 10.17605/OSF.IO/EXAMPLE",
            "target_sample_size": 400,
        },
        "POST /v1/model/promotions/{request_id}/rejection": {"reason": "Not reviewed yet."},
        "POST /v1/outcomes": {
            "outcomes": [
                {"assessment_id": assessment["id"], "horizon_months": 12, "employed": True, "observed_on": "2027-11-02"}
            ]
        },
    }
    return client.request(method, path, json=bodies.get(endpoint), headers=headers)


def test_the_matrix_covers_every_route(client: TestClient) -> None:
    """A new API route must get a row in the table (the HTML pages under ``/ui`` are not in the API document)."""
    paths = client.get("/openapi.json").json()["paths"]
    routes = {
        f"{method.upper()} {path.replace('{assessment_id}', '{id}')}" for path, item in paths.items() for method in item
    }
    assert routes | HIDDEN_FROM_OPENAPI == set(MATRIX)


@pytest.mark.parametrize(("endpoint", "caller", "expected"), CELLS)
def test_role_matrix(
    client: TestClient,
    callers: dict[str, dict[str, str]],
    assessment: dict[str, object],
    endpoint: str,
    caller: str,
    expected: object,
) -> None:
    response = _call(client, endpoint, callers[caller], assessment)
    if expected == OK:
        assert 200 <= response.status_code < 300, response.text
        return
    if expected == PASSES:
        assert response.status_code not in (401, 403), response.text
        return
    assert response.status_code == expected, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == expected
    assert problem["title"] and problem["detail"]
    if expected == 401:
        assert response.headers["www-authenticate"] == "Bearer"


@pytest.mark.parametrize(
    ("caller", "words"),
    [
        ("no_token", "required"),
        ("expired_token", "expired"),
        ("wrongly_signed_token", "signature"),
        ("garbage_token", "not valid"),
        ("token_without_role", "role"),
    ],
)
def test_a_401_says_what_is_wrong_with_the_token(
    client: TestClient, callers: dict[str, dict[str, str]], caller: str, words: str
) -> None:
    response = client.get("/v1/model", headers={**callers[caller], "Accept-Language": "en"})
    assert response.status_code == 401
    assert words in response.json()["detail"]


def test_a_counsellor_token_without_an_office_is_refused(client: TestClient, settings: Settings) -> None:
    token = mint_token(
        secret=settings.secret("token_secret"), role=Role.COUNSELLOR, subject="Z1", office=None, ttl_minutes=5
    )
    response = client.get("/v1/model", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert "office" in response.json()["detail"]


def test_a_counsellor_cannot_assess_for_another_office(client: TestClient, callers: dict[str, dict[str, str]]) -> None:
    response = client.post("/v1/assessments", json=assessment_body(office=OTHER_OFFICE), headers=callers["counsellor"])
    assert response.status_code == 403
    assert OFFICE in response.json()["detail"]
