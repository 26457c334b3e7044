"""What a person reads from the API: a value reads the same wherever it appears, codes reach them only as labels, and
``Accept-Language: nn`` is answered in nynorsk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from models.explain import Explainer
from models.formatting import format_number
from models.risk_model import RiskModel
from models.schema import JobseekerProfile
from models.texts import EXPLANATION_TEXTS, FIELD_LABELS, LANGUAGES, Language, text
from models.validation import profiles_of
from service.auth import Role
from service.explanations import explain_record
from service.presenters import assessment_out
from tests.codes import raw_codes
from tests.service.conftest import OFFICE, assessment_body
from tests.service.test_stored_explanations import _row

Headers = Callable[..., dict[str, str]]

RATE = {"nb": "2,1\u00a0%", "nn": "2,1\u00a0%", "en": "2.1%"}
"""The example profile's county unemployment rate, 0.021, in each language."""
MACHINE_KEYS = frozenset(
    {"id", "assessment_id", "audience", "language", "template_version", "suggested_level", "code", "level", "field"}
    | {"factor", "direction", "model", "policy_version", "office", "counsellor", "created_at", "decisions"}
)
"""Keys of the API's answers that hold codes or identifiers for programs; every other string is read by a person."""


def _read(answer: Any) -> Iterator[str]:
    """Every string a person reads in an API answer (a dumped model)."""
    if isinstance(answer, str):
        yield answer
    elif isinstance(answer, list):
        for item in answer:
            yield from _read(item)
    elif isinstance(answer, dict):
        for key, value in answer.items():
            if key not in MACHINE_KEYS:
                yield from _read(value)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_value_reads_the_same_in_the_reasons_the_data_used_and_the_summary(
    small_model: RiskModel, profile: JobseekerProfile, lang: Language
) -> None:
    row = _row(small_model, profile, lang)
    explanation = explain_record(row, audience="counsellor", lang=lang, model=small_model)
    spec = small_model.spec
    contributions = np.array([(row.shap or {})[name] for name in spec.names])
    every_factor = Explainer(spec).reasons(
        spec.encode_profile(profile)[0], contributions, lang=lang, top=len(spec.names)
    )
    described = [part for reason in every_factor for part in reason.values.split("; ")]
    assert len(described) == len(spec.names)
    assert set(described) <= set(explanation.data_used)
    assert f"{text(FIELD_LABELS, 'county_unemployment_rate', lang)}: {RATE[lang]}" in described
    assert row.risk is not None and f" {format_number('risk', row.risk, lang)} " in explanation.summary


def test_no_code_reaches_a_person_in_an_assessment_or_its_explanation(
    small_model: RiskModel, population: pd.DataFrame
) -> None:
    profiles = profiles_of(population.sample(40, random_state=3))
    found: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        for profile in profiles:
            row = _row(small_model, profile, lang)
            row.created_at, row.office, row.counsellor = dt.datetime.now(dt.UTC), OFFICE, "Z990001"
            answers = [
                assessment_out(row, [], lang).model_dump(),
                explain_record(row, audience="jobseeker", lang=lang, model=small_model).model_dump(),
            ]
            read = [sentence for answer in answers for sentence in _read(answer)]
            assert len(read) > 20
            found.update({sentence: raw_codes(sentence) for sentence in read if raw_codes(sentence)})
    assert found == {}


def test_nynorsk_is_asked_for_with_accept_language(client: TestClient, token: Headers) -> None:
    headers = {**token(Role.COUNSELLOR), "Accept-Language": "nn-NO,nn;q=0.9,nb;q=0.8,en;q=0.5"}
    created = client.post("/v1/assessments", json=assessment_body(), headers=headers)
    assert created.status_code == 201, created.text
    assessment = created.json()
    assert assessment["language"] == "nn" and assessment["message"] == "Dette er eit forslag; du bestemmer."
    url = f"/v1/assessments/{assessment['id']}/explanation"
    explanation = client.get(url, params={"audience": "jobseeker"}, headers=headers).json()
    assert explanation["language"] == "nn"
    assert explanation["who_decides"] == text(EXPLANATION_TEXTS, "who_decides", "nn")
    assert f"{text(FIELD_LABELS, 'county_unemployment_rate', 'nn')}: {RATE['nn']}" in explanation["data_used"]
    in_bokmal = client.get(url, headers={**token(Role.COUNSELLOR), "Accept-Language": "no"}).json()
    assert in_bokmal["language"] == "nb" and in_bokmal["who_decides"] == text(EXPLANATION_TEXTS, "who_decides", "nb")
