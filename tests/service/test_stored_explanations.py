"""An explanation is built from what was stored with the assessment, never from the champion of the day.

The unit tests explain in-memory records; the last test serves two registered versions with different horizons and
feature sets and moves the ``champion`` alias between them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mlflow
import pandas as pd
import pytest
from fastapi.testclient import TestClient
from mlflow.tracking import MlflowClient

from models.registry import CHAMPION_ALIAS
from models.risk_model import RiskModel
from models.schema import PROFILE_FIELDS, JobseekerProfile
from models.texts import LANGUAGES, Language
from monitoring.records.tables import AssessmentRow
from service.auth import Role
from service.explanations import NO_HORIZON, explain_record
from service.settings import Settings
from tests.conftest import Registry
from tests.service.conftest import assessment_body, make_settings
from training.tracking import log_and_register, start_experiment
from training.train import TrainConfig, fit_risk_model

Headers = Callable[..., dict[str, str]]
NAME = "explained-risk"
FIRST_HORIZON, SECOND_HORIZON = 12, 6


def _row(model: RiskModel, profile: JobseekerProfile, lang: Language) -> AssessmentRow:
    """An assessment as the service stores it, shown in ``lang``."""
    result = model.assess(profile, lang=lang)
    return AssessmentRow(
        id="a-1",
        profile=profile.model_dump(mode="json"),
        risk=result.risk,
        lower=result.lower,
        upper=result.upper,
        shap=dict(result.contributions),
        reasons=[dict(vars(reason)) for reason in result.reasons],
        language=lang,
        model_name="risk",
        model_version="1",
    )


def _by_direction(reasons: list[dict[str, object]]) -> tuple[list[object], list[object]]:
    return (
        [r["text"] for r in reasons if r["direction"] == "raises"],
        [r["text"] for r in reasons if r["direction"] == "lowers"],
    )


def test_the_reasons_are_the_stored_ones_in_the_order_shown(small_model: RiskModel, profile: JobseekerProfile) -> None:
    row = _row(small_model, profile, "nb")
    shown = (("health", "lowers", "B"), ("age", "raises", "A"), ("benefit", "lowers", "C"))
    row.reasons = [{**(row.reasons or [])[0], "factor": f, "direction": d, "text": t} for f, d, t in shown]
    explanation = explain_record(row, audience="counsellor", lang="nb", horizon_months=FIRST_HORIZON)
    assert (explanation.raised, explanation.lowered) == (["A"], ["B", "C"])


def test_in_another_language_the_same_reasons_are_worded_in_it(
    small_model: RiskModel, profile: JobseekerProfile
) -> None:
    row = _row(small_model, profile, "nb")
    for lang in LANGUAGES:
        shown = [dict(vars(reason)) for reason in small_model.assess(profile, lang=lang).reasons]
        explanation = explain_record(row, audience="counsellor", lang=lang, horizon_months=FIRST_HORIZON)
        assert (explanation.raised, explanation.lowered) == _by_direction(shown)
        assert explanation.raised + explanation.lowered


def test_the_jobseeker_reads_the_first_three_each_way(small_model: RiskModel, profile: JobseekerProfile) -> None:
    row = _row(small_model, profile, "en")
    counsellor = explain_record(row, audience="counsellor", lang="en", horizon_months=FIRST_HORIZON)
    jobseeker = explain_record(row, audience="jobseeker", lang="en", horizon_months=FIRST_HORIZON)
    assert (jobseeker.raised, jobseeker.lowered) == (counsellor.raised[:3], counsellor.lowered[:3])


def test_the_summary_names_the_horizon_it_is_given_and_needs_one(
    small_model: RiskModel, profile: JobseekerProfile
) -> None:
    row = _row(small_model, profile, "en")
    assert "in 18 months" in explain_record(row, audience="counsellor", lang="en", horizon_months=18).summary
    with pytest.raises(ValueError, match=NO_HORIZON):
        explain_record(row, audience="counsellor", lang="en", horizon_months=None)
    declined = AssessmentRow(id="a-2", profile=row.profile, language="nb", model_name="risk", model_version="1")
    explanation = explain_record(declined, audience="jobseeker", lang="en", horizon_months=None)
    assert "not to be profiled" in explanation.summary and explanation.raised == explanation.lowered == []


def test_the_data_used_are_the_features_in_the_stored_shap_vector(
    small_model: RiskModel, profile: JobseekerProfile
) -> None:
    row = _row(small_model, profile, "en")
    without = explain_record(row, audience="counsellor", lang="en", horizon_months=FIRST_HORIZON).data_used
    assert len(without) == len(small_model.spec.names) + 1 and without[-1].startswith("Gender and country background")
    row.shap = {"gender": 0.0, **dict(reversed((row.shap or {}).items())), "country_background": 0.0}
    with_protected = explain_record(row, audience="counsellor", lang="en", horizon_months=FIRST_HORIZON).data_used
    assert with_protected == [*without[:-1], "Gender: Woman", "Country background: Outside EU/EEA"]


@dataclass(frozen=True)
class TwoVersions:
    registry: Registry
    first: str
    second: str


def _register(model: RiskModel, *, experiment_id: str, test: pd.DataFrame, where: Path) -> str:
    bundle, artifacts = where / "bundle", where / "artifacts"
    artifacts.mkdir(parents=True)
    model.save(bundle)
    example = test[[*model.spec.names, *(c for c in PROFILE_FIELDS if c not in model.spec.names)]].head(3)
    _, version = log_and_register(
        experiment_id=experiment_id,
        name=NAME,
        bundle_dir=bundle,
        artifacts_dir=artifacts,
        params={},
        metrics={},
        tags={},
        input_example=example,
        output_example=model.score_frame(example),
    )
    return version


def _crown(registry: Registry, version: str) -> None:
    client = MlflowClient(tracking_uri=registry.tracking_uri, registry_uri=registry.tracking_uri)
    client.set_registered_model_alias(registry.name, CHAMPION_ALIAS, version)


@pytest.fixture(scope="module")
def two_versions(
    small_model: RiskModel,
    splits: tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame],
    tmp_path_factory: pytest.TempPathFactory,
) -> TwoVersions:
    """Version 1: the small model (12 months, no protected features); version 2: 6 months, with them."""
    train, calibration, test = splits
    config = TrainConfig(members=2, max_trees=60, protected_as_features=True, horizon_months=SECOND_HORIZON)
    second = fit_risk_model(train, calibration, config=config, metadata={})
    assert small_model.horizon_months == FIRST_HORIZON and set(second.spec.names) > set(small_model.spec.names)
    data_dir = tmp_path_factory.mktemp("two-versions")
    uri = f"sqlite:///{data_dir / 'mlflow.db'}"
    previous = mlflow.get_tracking_uri()
    try:
        experiment_id = start_experiment(tracking_uri=uri, artifact_root=data_dir / "mlartifacts")
        first_version, second_version = (
            _register(model, experiment_id=experiment_id, test=test, where=data_dir / f"run-{i}")
            for i, model in enumerate((small_model, second))
        )
    finally:
        mlflow.set_tracking_uri(previous)
    registry = Registry(uri, data_dir / "model-cache", NAME, first_version, data_dir)
    _crown(registry, first_version)
    return TwoVersions(registry, first_version, second_version)


@pytest.fixture(scope="module")
def settings(two_versions: TwoVersions, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The shared service fixtures (``client``, ``token``), served from the two-version registry."""
    return make_settings(two_versions.registry, tmp_path_factory.mktemp("explained"))


@pytest.fixture()
def crowned_first(two_versions: TwoVersions, client: TestClient, token: Headers) -> Iterator[None]:
    yield
    _crown(two_versions.registry, two_versions.first)
    client.post("/v1/admin/reload", headers=token(Role.DATA_SCIENTIST, office=None))


def test_an_assessment_is_explained_alike_after_a_champion_with_another_horizon_and_features(
    two_versions: TwoVersions, client: TestClient, token: Headers, crowned_first: None
) -> None:
    counsellor = token(Role.COUNSELLOR)
    created = client.post("/v1/assessments", json=assessment_body(), headers=counsellor).json()
    assert created["model"]["version"] == two_versions.first

    def explanations(assessment_id: str) -> dict[tuple[str, str], dict[str, Any]]:
        url = f"/v1/assessments/{assessment_id}/explanation"
        return {
            (audience, lang): client.get(
                url, params={"audience": audience}, headers={**counsellor, "Accept-Language": lang}
            ).json()
            for audience in ("jobseeker", "counsellor")
            for lang in LANGUAGES
        }

    before = explanations(created["id"])
    assert f"in {FIRST_HORIZON} months" in before["counsellor", "en"]["summary"]

    _crown(two_versions.registry, two_versions.second)
    reloaded = client.post("/v1/admin/reload", headers=token(Role.DATA_SCIENTIST, office=None)).json()
    assert reloaded == {"version": two_versions.second, "changed": True}
    assert explanations(created["id"]) == before

    later = client.post("/v1/assessments", json=assessment_body(), headers=counsellor).json()
    assert later["model"]["version"] == two_versions.second
    now = explanations(later["id"])["counsellor", "en"]
    assert f"in {SECOND_HORIZON} months" in now["summary"] and "Gender: Woman" in now["data_used"]
