"""Tokens the role matrix (``tests/service/test_roles.py``) does not try: unsigned (``alg: none``), signed with an
algorithm the service does not accept, for a role that does not exist, without expiry or subject. Each is a 401
problem, and nothing is written. And no token at all: every route of the app refuses it, but the few that are public
on purpose.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import time
from collections.abc import Iterator

import jwt
import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from starlette.routing import Mount

from models.national_id import contains_national_id
from monitoring.records.tables import AssessmentRow
from service.app import create_app
from tests.conftest import Registry
from tests.service.conftest import OFFICE, assessment_body, make_settings

SECRET = "t" * 64  # long enough for HS512 too (the forged HS512 token uses the right secret)
PUBLIC = {
    # probes and scraping
    "GET /healthz",
    "GET /readyz",
    "GET /metrics",
    # the API description: public on purpose, it holds no personal data and integrators need it
    "GET /openapi.json",
    "GET /docs",
    "GET /docs/oauth2-redirect",
    "GET /redoc",
    # the pages are shells without data: the browser sends the signed-in user's token with every API call
    "GET /ui/",
    "GET /ui/cases",
    "GET /ui/print/{assessment_id}",
    "GET /ui/audit",
    "GET /ui/audit/case/{assessment_id}",
    "GET /ui/audit/report",
    "GET /ui/audit/subject-access",
    "GET /ui/static/{path}",
}
"""The routes that answer without a token; every other route of the app refuses a call without one."""


def _claims(**changes: object) -> dict[str, object]:
    now = dt.datetime.now(dt.UTC)
    claims: dict[str, object] = {
        "sub": "Z990001",
        "role": "counsellor",
        "office": OFFICE,
        "iat": now,
        "exp": now + dt.timedelta(minutes=30),
    }
    claims.update(changes)
    return {k: v for k, v in claims.items() if v is not None}


def _unsigned(alg: str) -> str:
    """A token put together by hand, with an empty signature (libraries refuse to make some of these)."""

    def part(value: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    now = int(time.time())
    return f"{part({'alg': alg, 'typ': 'JWT'})}.{part(_claims(iat=now, exp=now + 1800))}."


TOKENS = {
    "alg_none": (jwt.encode(_claims(), None, algorithm="none"), "not valid"),
    "alg_None_by_hand": (_unsigned("None"), "not valid"),
    "alg_HS256_without_signature": (_unsigned("HS256"), "not valid"),
    "hs512_with_the_right_secret": (jwt.encode(_claims(), SECRET, algorithm="HS512"), "not valid"),
    "unknown_role": (jwt.encode(_claims(role="janitor"), SECRET, algorithm="HS256"), "role"),
    "role_as_a_list": (jwt.encode(_claims(role=["counsellor"]), SECRET, algorithm="HS256"), "role"),
    "no_expiry": (jwt.encode(_claims(exp=None), SECRET, algorithm="HS256"), "exp"),
    "no_subject": (jwt.encode(_claims(sub=None), SECRET, algorithm="HS256"), "sub"),
    "not_yet_valid": (
        jwt.encode(_claims(nbf=dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)), SECRET, algorithm="HS256"),
        "not valid",
    ),
}


@pytest.fixture(scope="module")
def client(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    settings = make_settings(registry, tmp_path_factory.mktemp("tokens"), token_secret=SECRET)
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


def test_the_right_token_is_accepted(client: TestClient) -> None:
    """The control: the claims above, signed as the service signs, are let in."""
    token = jwt.encode(_claims(), SECRET, algorithm="HS256")
    assert client.get("/v1/model", headers={"Authorization": f"Bearer {token}"}).status_code == 200


@pytest.mark.parametrize("name", list(TOKENS))
def test_a_forged_or_incomplete_token_is_refused(client: TestClient, name: str) -> None:
    token, words = TOKENS[name]
    headers = {"Authorization": f"Bearer {token}", "Accept-Language": "en"}
    for response in (
        client.get("/v1/model", headers=headers),
        client.post("/v1/assessments", json=assessment_body(), headers=headers),
    ):
        assert response.status_code == 401, response.text
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["www-authenticate"] == "Bearer"
        assert words in response.json()["detail"]
    with client.app.state.sessions() as session:  # type: ignore[attr-defined]
        assert session.scalar(select(func.count()).select_from(AssessmentRow)) == 0


def _routes(app: FastAPI) -> dict[str, str]:
    """Every route of the app, as ``METHOD path``, with a URL to call it by."""
    routes = {}
    for route in iter_route_contexts(app.routes):
        if isinstance(route.original_route, Mount):
            routes[f"GET {route.path}/{{path}}"] = f"{route.path}/ui.css"
            continue
        url = str(route.path).replace("{assessment_id}", "3f1c0c9e-0000-4000-8000-000000000000")
        routes.update({f"{method} {route.path}": url for method in route.methods or () if method != "HEAD"})
    return routes


def test_only_the_public_routes_answer_without_a_token(client: TestClient) -> None:
    routes = _routes(client.app)  # type: ignore[arg-type]
    assert routes.keys() >= PUBLIC
    for route, url in sorted(routes.items()):
        response = client.request(route.split(" ")[0], url)
        if route in PUBLIC:
            assert response.status_code == 200, route
        else:
            assert response.status_code == 401, route
            assert response.headers["www-authenticate"] == "Bearer"


def test_the_public_api_description_holds_only_synthetic_identity_numbers(client: TestClient) -> None:
    """Its examples hold identity numbers, valid ones: synthetic test numbers (month + 40 or + 80), no person's."""
    valid = [n for n in re.findall(r"(?<!\d)\d{11}(?!\d)", client.get("/openapi.json").text) if contains_national_id(n)]
    assert valid
    assert all(int(number[2:4]) > 40 for number in valid)
