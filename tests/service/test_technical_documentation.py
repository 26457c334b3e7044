"""A model version's technical documentation (AI Act Annex IV, in outline), generated from the card, run and chain."""

from __future__ import annotations

import re
from collections.abc import Callable

from fastapi.testclient import TestClient
from mlflow import MlflowClient

from models.errors import RecordNotFoundError
from monitoring.analysis.technical_documentation import NO_VERSION
from service.auth import Role
from tests.conftest import Registry

Headers = Callable[..., dict[str, str]]
ANNEX_IV_SECTIONS = 9


def test_the_documentation_is_built_from_the_run_the_card_and_the_chain(
    client: TestClient, token: Headers, registry: Registry
) -> None:
    response = client.get(f"/v1/model/versions/{registry.version}/documentation", headers=token(Role.AUDITOR))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/markdown")
    document = response.text
    assert document.startswith(f"# Technical documentation: {registry.name} version {registry.version}")
    numbered = re.findall(r"^## (\d)\. ", document, flags=re.MULTILINE)
    assert numbered == [str(n) for n in range(1, ANNEX_IV_SECTIONS + 1)]

    client_ = MlflowClient(tracking_uri=registry.tracking_uri)
    run = client_.get_run(client_.get_model_version(registry.name, registry.version).run_id or "")
    assert f"the MLflow run `{run.info.run_id}`" in document
    assert f"| model_auc | {run.data.metrics['model_auc']:.4f} |" in document
    assert "### Intended use" in document and "### Limitations" in document and "### Policy" in document
    assert "legal basis" in document
    # the service adopted the registry's champion at start (development): its request and move are in section 6
    lifecycle = document.split("## 6. ")[1].split("## 7. ")[0]
    assert "alias_moved" in lifecycle and "promotion_approved" in lifecycle
    assert "self-approved bootstrap" in document.split("#### Promotion gates")[1]


def test_an_unknown_version_is_not_found_and_counsellors_may_not_read_it(
    client: TestClient, token: Headers, registry: Registry
) -> None:
    missing = client.get("/v1/model/versions/999/documentation", headers=token(Role.DATA_SCIENTIST))
    assert missing.status_code == 404
    assert missing.json()["detail"] == str(RecordNotFoundError(NO_VERSION, name=registry.name, version="999"))
    forbidden = client.get(f"/v1/model/versions/{registry.version}/documentation", headers=token(Role.COUNSELLOR))
    assert forbidden.status_code == 403
