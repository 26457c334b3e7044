"""An explanation is built from what was stored with the assessment, never from the champion of the day.

The unit tests explain in-memory records; the last tests serve two registered versions with different horizons and
feature sets, promote one after the other (a request and a second person's approval: the service follows the chain),
and ask for a version the registry does not have.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mlflow
import pandas as pd
import pytest
from fastapi.testclient import TestClient
from mlflow.tracking import MlflowClient

from models.counterfactuals import counterfactuals
from models.policy import SUGGESTABLE_LEVELS
from models.registry import CHAMPION_ALIAS
from models.risk_model import RiskModel
from models.schema import _EXAMPLE_PROFILE, PROFILE_FIELDS, JobseekerProfile
from models.texts import COUNTERFACTUAL_TEXTS, FLAG_TEXTS, LANGUAGES, LEVEL_TEXTS, Language
from monitoring.records.assessments import record_assessment
from monitoring.records.model_events import approve_promotion, chained_champion, champion_moves, request_promotion
from monitoring.records.tables import AssessmentRow
from service.auth import Role
from service.explanations import NO_MODEL, explain_record
from service.settings import Settings
from tests.conftest import Registry, changed
from tests.service.conftest import OFFICE, assessment_body, make_settings
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
        suggested_level=result.level.value,
        flags=[flag.value for flag in result.flags],
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
    explanation = explain_record(row, audience="counsellor", lang="nb", model=small_model)
    assert (explanation.raised, explanation.lowered) == (["A"], ["B", "C"])


def test_in_another_language_the_same_reasons_are_worded_in_it(
    small_model: RiskModel, profile: JobseekerProfile
) -> None:
    row = _row(small_model, profile, "nb")
    for lang in LANGUAGES:
        shown = [dict(vars(reason)) for reason in small_model.assess(profile, lang=lang).reasons]
        explanation = explain_record(row, audience="counsellor", lang=lang, model=small_model)
        assert (explanation.raised, explanation.lowered) == _by_direction(shown)
        assert explanation.raised + explanation.lowered


def test_the_jobseeker_reads_the_first_three_each_way(small_model: RiskModel, profile: JobseekerProfile) -> None:
    row = _row(small_model, profile, "en")
    counsellor = explain_record(row, audience="counsellor", lang="en", model=small_model)
    jobseeker = explain_record(row, audience="jobseeker", lang="en", model=small_model)
    assert (jobseeker.raised, jobseeker.lowered) == (counsellor.raised[:3], counsellor.lowered[:3])


def test_the_summary_names_the_horizon_it_is_given_and_needs_one(
    small_model: RiskModel, profile: JobseekerProfile
) -> None:
    row = _row(small_model, profile, "en")
    longer = dataclasses.replace(small_model, horizon_months=18)
    assert "in 18 months" in explain_record(row, audience="counsellor", lang="en", model=longer).summary
    with pytest.raises(ValueError, match=NO_MODEL):
        explain_record(row, audience="counsellor", lang="en", model=None)
    declined = AssessmentRow(id="a-2", profile=row.profile, language="nb", model_name="risk", model_version="1")
    explanation = explain_record(declined, audience="jobseeker", lang="en", model=None)
    assert "not to be profiled" in explanation.summary and explanation.raised == explanation.lowered == []
    assert explanation.suggested_level is None and explanation.flags == [] and explanation.counterfactuals == []
    assert explanation.counterfactual_note is None


@pytest.mark.parametrize("audience", ["jobseeker", "counsellor"])
def test_the_explanation_shows_the_suggestion_flags_and_counterfactuals_of_the_record(
    small_model: RiskModel, profile: JobseekerProfile, audience: str
) -> None:
    assisted = changed(profile, registration_channel="ASSISTERT")
    row = _row(small_model, assisted, "en")
    assert row.flags and row.suggested_level
    for lang in LANGUAGES:
        explanation = explain_record(row, audience=audience, lang=lang, model=small_model)
        assert explanation.suggested_level == row.suggested_level
        assert explanation.suggested_level_text == getattr(LEVEL_TEXTS[row.suggested_level], lang)
        assert [(f.code, f.text) for f in explanation.flags] == [(c, getattr(FLAG_TEXTS[c], lang)) for c in row.flags]
        assert explanation.counterfactual_note == getattr(COUNTERFACTUAL_TEXTS["note"], lang)
        expected = counterfactuals(assisted, small_model)
        assert [c.level for c in explanation.counterfactuals] == [o.level for o in expected.options]
        assert {c.level for c in explanation.counterfactuals} == set(SUGGESTABLE_LEVELS) - {expected.level}
        for shown, option in zip(explanation.counterfactuals, expected.options, strict=True):
            assert shown.found == (option.changes is not None)
            assert [c.field for c in shown.changes] == [c.field for c in option.changes or ()]
            assert shown.level_name in shown.text and all(c.label in shown.text for c in shown.changes)
    english = explain_record(row, audience=audience, lang="en", model=small_model)
    assert any(c.found for c in english.counterfactuals), "the example profile has a counterfactual"
    found = next(c for c in english.counterfactuals if c.found)
    assert found.text.startswith(f"The model would suggest {found.level_name} if this changed: ")


def test_the_data_used_are_the_features_in_the_stored_shap_vector(
    small_model: RiskModel, profile: JobseekerProfile
) -> None:
    row = _row(small_model, profile, "en")
    without = explain_record(row, audience="counsellor", lang="en", model=small_model).data_used
    assert len(without) == len(small_model.spec.names) + 1 and without[-1].startswith("Gender and country background")
    row.shap = {"gender": 0.0, **dict(reversed((row.shap or {}).items())), "country_background": 0.0}
    with_protected = explain_record(row, audience="counsellor", lang="en", model=small_model).data_used
    assert with_protected == [*without[:-1], "Gender: Woman", "Country background: Outside EU/EEA"]


@dataclass(frozen=True)
class TwoVersions:
    registry: Registry
    first: str
    second: str
    second_model: RiskModel


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
    """The alias in the registry alone: what the (development) service records as its first champion at startup."""
    client = MlflowClient(tracking_uri=registry.tracking_uri, registry_uri=registry.tracking_uri)
    client.set_registered_model_alias(registry.name, CHAMPION_ALIAS, version)


def _promote(client: TestClient, registry: Registry, version: str) -> None:
    """Make ``version`` champion the way the service follows: a request, and a second data scientist's approval."""
    sessions = client.app.state.sessions  # type: ignore[attr-defined]
    moved = {move.payload["version"] for move in champion_moves(sessions, model=registry.name)}
    asked = request_promotion(
        sessions,
        model=registry.name,
        version=version,
        champion=chained_champion(sessions, model=registry.name),
        rollback=version in moved,
        gates=[],  # these versions were registered without training metrics: there is nothing to gate
        loosened=[],
        reason="The explanation test serves the other version.",
        review="",
        caller="cli:D990001",
        actor="D990001",
        tracking_uri=registry.tracking_uri,
    )
    approve_promotion(
        sessions, request_id=asked.id, caller="cli:D990002", actor="D990002", tracking_uri=registry.tracking_uri
    )


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
    return TwoVersions(registry, first_version, second_version, second)


@pytest.fixture(scope="module")
def settings(two_versions: TwoVersions, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The shared service fixtures (``client``, ``token``), served from the two-version registry."""
    return make_settings(two_versions.registry, tmp_path_factory.mktemp("explained"))


@pytest.fixture()
def crowned_first(two_versions: TwoVersions, client: TestClient, token: Headers) -> Iterator[None]:
    yield
    sessions = client.app.state.sessions  # type: ignore[attr-defined]
    if chained_champion(sessions, model=two_versions.registry.name) != two_versions.first:
        _promote(client, two_versions.registry, two_versions.first)
    client.post("/v1/admin/reload", headers=token(Role.DATA_SCIENTIST, office=None))


def _explained_differently(first: RiskModel, second: RiskModel) -> JobseekerProfile:
    """A variant of the example profile whose counterfactuals differ between the two versions."""
    example = JobseekerProfile.model_validate(_EXAMPLE_PROFILE)
    variants = (
        changed(example, months_employed_last_36=months, norwegian_skill=skill, education_recognised=recognised)
        for months in (2, 8, 14, 20, 26)
        for skill in ("DARLIG", "MIDDELS")
        for recognised in ("NEI", "VET_IKKE")
    )
    return next(p for p in variants if counterfactuals(p, first) != counterfactuals(p, second))


def test_an_assessment_is_explained_alike_after_a_champion_with_another_horizon_and_features(
    two_versions: TwoVersions, client: TestClient, token: Headers, crowned_first: None, small_model: RiskModel
) -> None:
    counsellor = token(Role.COUNSELLOR)
    profile = _explained_differently(small_model, two_versions.second_model)
    body = assessment_body(profile=profile.model_dump(mode="json"))
    created = client.post("/v1/assessments", json=body, headers=counsellor).json()
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
    first = counterfactuals(profile, small_model)
    shown = before["jobseeker", "en"]["counterfactuals"]
    assert [(c["level"], c["found"]) for c in shown] == [(o.level, o.changes is not None) for o in first.options]

    _promote(client, two_versions.registry, two_versions.second)
    reloaded = client.post("/v1/admin/reload", headers=token(Role.DATA_SCIENTIST, office=None)).json()
    assert reloaded == {"version": two_versions.second, "changed": True}
    assert explanations(created["id"]) == before

    later = client.post("/v1/assessments", json=body, headers=counsellor).json()
    assert later["model"]["version"] == two_versions.second
    now = explanations(later["id"])["counsellor", "en"]
    assert f"in {SECOND_HORIZON} months" in now["summary"] and "Gender: Woman" in now["data_used"]
    assert now["counterfactuals"] != before["counsellor", "en"]["counterfactuals"]  # so the sameness above is kept


def test_an_assessment_whose_version_cannot_be_loaded_is_not_explained_with_another(
    small_model: RiskModel, client: TestClient, token: Headers, two_versions: TwoVersions
) -> None:
    profile = JobseekerProfile.model_validate(_EXAMPLE_PROFILE)
    row = record_assessment(
        client.app.state.sessions,  # type: ignore[attr-defined]
        request_id="test",
        caller="Z990001",
        person_key="0" * 64,
        office=OFFICE,
        counsellor="Z990001",
        consent=True,
        profile=profile,
        model_name=NAME,
        model_version="999",
        assessment=small_model.assess(profile),
        language="nb",
    )
    answer = client.get(f"/v1/assessments/{row.id}/explanation", headers=token(Role.COUNSELLOR))
    assert answer.status_code == 503, answer.text
    assert "version 999" in answer.json()["detail"]
