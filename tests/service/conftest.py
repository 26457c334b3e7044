"""An app wired to the session's registered champion and a fresh SQLite records file per test module."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from models.schema import _EXAMPLE_PROFILE
from service.app import create_app
from service.auth import Role, mint_token
from service.schemas import EXAMPLE_NATIONAL_ID
from service.settings import Settings
from tests.conftest import Registry

OFFICE = "1103"
OTHER_OFFICE = "0301"


def make_settings(registry: Registry, data_dir: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "data_dir": data_dir,
        "tracking_uri": registry.tracking_uri,
        "model_name": registry.name,
        "token_secret": "x" * 48,
        "person_key": "y" * 48,
        "champion_poll_seconds": 3600.0,
        **overrides,
    }
    return Settings.model_validate(values)


@pytest.fixture(scope="module")
def settings(registry: Registry, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return make_settings(registry, tmp_path_factory.mktemp("service"))


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    """The app, asked for English answers unless a request says otherwise (the service's own default is bokmål)."""
    english = {"Accept-Language": "en"}
    with TestClient(create_app(settings), raise_server_exceptions=False, headers=english) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def token(settings: Settings) -> Callable[..., dict[str, str]]:
    """Authorization headers for a role (and office)."""

    def headers(
        role: Role, office: str | None = OFFICE, subject: str = "Z990001", minutes: int = 30, approver: bool = False
    ) -> dict[str, str]:
        value = mint_token(
            secret=settings.secret("token_secret"),
            role=role,
            subject=subject,
            office=office if role is Role.COUNSELLOR else None,
            ttl_minutes=minutes,
            approver=approver,
        )
        return {"Authorization": f"Bearer {value}"}

    return headers


def assessment_body(**changes: object) -> dict[str, object]:
    return {
        "national_id": EXAMPLE_NATIONAL_ID,
        "office": OFFICE,
        "consent": True,
        "profile": dict(_EXAMPLE_PROFILE),
        **changes,
    }
