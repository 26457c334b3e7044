"""Plain-language explanations of a stored assessment, for the jobseeker or the counsellor.

Built only from what was recorded with the assessment: the reasons shown (which factors, in which order and
direction), the profile, the SHAP vector (whose keys are the features that model version used) and the model version.
Nothing is scored again and nothing is borrowed from a later champion, so the explanation describes what was shown
even after the champion has changed. The words are in :mod:`models.texts`; their template version is returned with
them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np

from models.explain import Explainer
from models.features import FeatureSpec
from models.registry import load_version
from models.schema import PROTECTED_ATTRIBUTES, JobseekerProfile
from models.texts import EXPLANATION_TEMPLATE_VERSION, EXPLANATION_TEXTS, FIELD_LABELS, VALUE_LABELS, Language, text
from monitoring.records.tables import AssessmentRow
from service.champion import Champion
from service.schemas import ExplanationOut, ModelRef

JOBSEEKER_REASONS_PER_DIRECTION = 3
NO_HORIZON = "a scored assessment is explained with the horizon of the model version that scored it"

_ALL_FEATURES = FeatureSpec.default(protected_as_features=True).features
_FEATURE_ORDER = {feature.name: i for i, feature in enumerate(_ALL_FEATURES)}


def recorded_horizon(row: AssessmentRow, *, champion: Champion, tracking_uri: str, cache_dir: Path) -> int | None:
    """The horizon of the model version that scored ``row``; ``None`` when nothing was scored.

    The record names the model version but not its horizon, so the horizon is read from that version: from the
    loaded champion when it is the same version, else from the registry (once per version; a version never changes).

    Raises
    ------
    ModelUnavailableError
        When the version is not the champion and the registry cannot give it.
    """
    if row.risk is None:
        return None
    loaded = champion.current if champion.ready else None
    if loaded is not None and (loaded.name, loaded.version) == (row.model_name, row.model_version):
        return loaded.model.horizon_months
    return _version_horizon(row.model_name, row.model_version, tracking_uri, cache_dir)


@cache
def _version_horizon(name: str, version: str, tracking_uri: str, cache_dir: Path) -> int:
    return load_version(name=name, version=version, tracking_uri=tracking_uri, cache_dir=cache_dir).model.horizon_months


def _shown(value: object, lang: Language) -> str:
    if value is None:
        return text(VALUE_LABELS, "MANGLER", lang)
    if isinstance(value, bool):
        return text(VALUE_LABELS, "JA" if value else "NEI", lang)
    return text(VALUE_LABELS, str(value), lang)


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


def explain_record(row: AssessmentRow, *, audience: str, lang: Language, horizon_months: int | None) -> ExplanationOut:
    """The explanation of one stored assessment in ``lang`` for ``audience`` (``jobseeker`` or ``counsellor``).

    ``horizon_months`` is the horizon of the model version that scored it (:func:`recorded_horizon`).

    Raises
    ------
    ValueError
        When the assessment was scored and ``horizon_months`` is ``None``.
    """
    shap = row.shap or {}
    used = _used_features(row)
    data_used = [f"{text(FIELD_LABELS, name, lang)}: {_shown(row.profile.get(name), lang)}" for name in used]
    if not any(p in shap for p in PROTECTED_ATTRIBUTES):
        data_used.append(text(EXPLANATION_TEXTS, "not_used", lang))
    raised: list[str] = []
    lowered: list[str] = []
    if row.risk is not None and row.lower is not None and row.upper is not None:
        if horizon_months is None:
            raise ValueError(NO_HORIZON)
        summary = text(EXPLANATION_TEXTS, "summary_scored", lang).format(
            horizon=horizon_months, risk=row.risk, lower=row.lower, upper=row.upper
        )
        reasons = _reason_texts(row, lang)
        raised = [sentence for direction, sentence in reasons if direction == "raises"]
        lowered = [sentence for direction, sentence in reasons if direction == "lowers"]
        if audience == "jobseeker":
            raised = raised[:JOBSEEKER_REASONS_PER_DIRECTION]
            lowered = lowered[:JOBSEEKER_REASONS_PER_DIRECTION]
    else:
        summary = text(EXPLANATION_TEXTS, "summary_declined", lang)
    return ExplanationOut(
        assessment_id=row.id,
        audience="jobseeker" if audience == "jobseeker" else "counsellor",
        language=lang,
        template_version=EXPLANATION_TEMPLATE_VERSION,
        summary=summary,
        data_used=data_used,
        raised=raised,
        lowered=lowered,
        who_decides=text(EXPLANATION_TEXTS, "who_decides", lang),
        how_to_object=text(EXPLANATION_TEXTS, "how_to_object", lang),
        model=ModelRef(name=row.model_name, version=row.model_version),
    )
