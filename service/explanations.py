"""Plain-language explanations of a stored assessment, for the jobseeker or the counsellor.

Built only from what was recorded with the assessment: the reasons shown (which factors, in which order and
direction), the suggested level and flags, the profile, the SHAP vector (whose keys are the features that model version
used) and the model version. The counterfactuals (what would change the suggestion) are computed from the stored
profile with that model version, loaded by :func:`recorded_model`; nothing is borrowed from a later champion, so the
explanation describes what was shown even after the champion has changed. When that version cannot be loaded, the
explanation is refused (``ModelUnavailableError``, a 503) rather than made with another version. The words are in
:mod:`models.texts`; their template version is returned with them.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from models.counterfactuals import counterfactuals
from models.explain import Explainer
from models.features import FeatureSpec
from models.formatting import format_number, format_value
from models.registry import load_version
from models.risk_model import RiskModel
from models.schema import PROTECTED_ATTRIBUTES, JobseekerProfile
from models.texts import (
    COUNTERFACTUAL_TEXTS,
    EXPLANATION_TEMPLATE_VERSION,
    EXPLANATION_TEXTS,
    FIELD_LABELS,
    Language,
    text,
)
from monitoring.records.tables import AssessmentRow
from service.champion import Champion
from service.counterfactual_texts import counterfactuals_out
from service.presenters import flags_out, suggested_level_text
from service.schemas import CounterfactualOut, ExplanationOut, ModelRef

JOBSEEKER_REASONS_PER_DIRECTION = 3
NO_MODEL = "a scored assessment is explained with the model version that scored it"
VERSIONS_KEPT = 8
"""Model versions other than the champion kept loaded for explanations (a version never changes; each holds its
boosters in memory)."""

_ALL_FEATURES = FeatureSpec.default(protected_as_features=True).features
_FEATURE_ORDER = {feature.name: i for i, feature in enumerate(_ALL_FEATURES)}


def recorded_model(row: AssessmentRow, *, champion: Champion, tracking_uri: str, cache_dir: Path) -> RiskModel | None:
    """The model version that scored ``row``; ``None`` when nothing was scored.

    The loaded champion when it is that version, else that version from the registry (loaded once and kept; a version
    never changes). Never another version: explaining with a later champion would explain something not shown.

    Raises
    ------
    ModelUnavailableError
        When the version is not the champion and the registry cannot give it.
    """
    if row.risk is None:
        return None
    loaded = champion.current if champion.ready else None
    if loaded is not None and (loaded.name, loaded.version) == (row.model_name, row.model_version):
        return loaded.model
    return _version_model(row.model_name, row.model_version, tracking_uri, cache_dir)


@lru_cache(maxsize=VERSIONS_KEPT)
def _version_model(name: str, version: str, tracking_uri: str, cache_dir: Path) -> RiskModel:
    return load_version(name=name, version=version, tracking_uri=tracking_uri, cache_dir=cache_dir).model


def _used_features(row: AssessmentRow) -> list[str]:
    """The features the model version used (the stored SHAP vector's keys) in the form's order.

    PostgreSQL's JSONB does not keep the keys' order, so the order is the feature list's, not the stored one. With
    nothing scored, the standard feature set.
    """
    if not row.shap:
        return FeatureSpec.default().names
    return sorted(row.shap, key=lambda name: _FEATURE_ORDER.get(name, len(_FEATURE_ORDER)))


def _reason_texts(row: AssessmentRow, lang: Language) -> list[tuple[str, str]]:
    """Each stored reason's direction and sentence, in the order shown to the counsellor.

    In the language they were shown in, the stored sentences. In another, the same factors are worded again from the
    stored profile and SHAP vector (the same values the stored sentences name).
    """
    stored = row.reasons or []
    if lang == row.language or not row.shap:
        return [(reason["direction"], reason["text"]) for reason in stored]
    names = [name for name in _used_features(row) if name in _FEATURE_ORDER]
    spec = FeatureSpec(tuple(_ALL_FEATURES[_FEATURE_ORDER[name]] for name in names))
    encoded = spec.encode_profile(JobseekerProfile.model_validate(row.profile))[0]
    contributions = np.array([row.shap[name] for name in names])
    worded = {r.factor: r.text for r in Explainer(spec).reasons(encoded, contributions, lang=lang, top=len(names))}
    return [(reason["direction"], worded.get(reason["factor"], reason["text"])) for reason in stored]


def _what_would_change(row: AssessmentRow, model: RiskModel, lang: Language) -> list[CounterfactualOut]:
    """The counterfactuals of the stored profile under the model version that scored it."""
    return counterfactuals_out(counterfactuals(JobseekerProfile.model_validate(row.profile), model), lang)


def explain_record(row: AssessmentRow, *, audience: str, lang: Language, model: RiskModel | None) -> ExplanationOut:
    """The explanation of one stored assessment in ``lang`` for ``audience`` (``jobseeker`` or ``counsellor``).

    ``model`` is the model version that scored it (:func:`recorded_model`): the summary names its horizon, and the
    counterfactuals are its own.

    Raises
    ------
    ValueError
        When the assessment was scored and ``model`` is ``None``.
    """
    shap = row.shap or {}
    used = _used_features(row)
    data_used = [
        f"{text(FIELD_LABELS, name, lang)}: {format_value(name, row.profile.get(name), lang)}" for name in used
    ]
    if not any(p in shap for p in PROTECTED_ATTRIBUTES):
        data_used.append(text(EXPLANATION_TEXTS, "not_used", lang))
    raised: list[str] = []
    lowered: list[str] = []
    what_would_change: list[CounterfactualOut] = []
    if row.risk is not None and row.lower is not None and row.upper is not None:
        if model is None:
            raise ValueError(NO_MODEL)
        risk, lower, upper = (format_number("risk", value, lang) for value in (row.risk, row.lower, row.upper))
        summary = text(EXPLANATION_TEXTS, "summary_scored", lang).format(
            horizon=model.horizon_months, risk=risk, lower=lower, upper=upper
        )
        reasons = _reason_texts(row, lang)
        raised = [sentence for direction, sentence in reasons if direction == "raises"]
        lowered = [sentence for direction, sentence in reasons if direction == "lowers"]
        if audience == "jobseeker":
            raised = raised[:JOBSEEKER_REASONS_PER_DIRECTION]
            lowered = lowered[:JOBSEEKER_REASONS_PER_DIRECTION]
        what_would_change = _what_would_change(row, model, lang)
    else:
        summary = text(EXPLANATION_TEXTS, "summary_declined", lang)
    return ExplanationOut(
        assessment_id=row.id,
        audience="jobseeker" if audience == "jobseeker" else "counsellor",
        language=lang,
        template_version=EXPLANATION_TEMPLATE_VERSION,
        summary=summary,
        suggested_level=row.suggested_level,
        suggested_level_text=suggested_level_text(row, lang),
        flags=flags_out(row, lang),
        data_used=data_used,
        raised=raised,
        lowered=lowered,
        counterfactuals=what_would_change,
        counterfactual_note=text(COUNTERFACTUAL_TEXTS, "note", lang) if what_would_change else None,
        who_decides=text(EXPLANATION_TEXTS, "who_decides", lang),
        how_to_object=text(EXPLANATION_TEXTS, "how_to_object", lang),
        model=ModelRef(name=row.model_name, version=row.model_version),
    )
