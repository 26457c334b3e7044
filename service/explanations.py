"""Plain-language explanations of a stored assessment, for the jobseeker or the counsellor.

Built from what was stored when the assessment was made (the profile and its SHAP vector), never by scoring again, so
the explanation describes what was actually shown even after the champion has changed. The texts are a versioned
template: what counts as a good enough explanation is not settled, so ``TEMPLATE_VERSION`` is returned with them.
"""

from __future__ import annotations

import numpy as np

from models.explain import Explainer
from models.features import FeatureSpec
from models.schema import PROTECTED_ATTRIBUTES, JobseekerProfile
from models.texts import FIELD_LABELS, VALUE_LABELS, Language, text
from monitoring.records.tables import AssessmentRow
from service.schemas import ExplanationOut, ModelRef

TEMPLATE_VERSION = "2026-11.1"

_TEXTS: dict[str, dict[Language, str]] = {
    "summary_scored": {
        "nb": "NAV har beregnet at sannsynligheten for at du fortsatt er uten arbeid om {horizon} måneder er omtrent "
        "{risk:.0%} (mellom {lower:.0%} og {upper:.0%}).",
        "en": "NAV estimated the probability that you are still without work in {horizon} months at about {risk:.0%} "
        "(between {lower:.0%} and {upper:.0%}).",
    },
    "summary_declined": {
        "nb": "Du valgte å ikke bli profilert. Ingen beregning er gjort; veilederen vurderer behovet ditt sammen med "
        "deg.",
        "en": "You chose not to be profiled. Nothing was estimated; your counsellor assesses your needs with you.",
    },
    "who_decides": {
        "nb": "Beregningen er bare et forslag. Det er veilederen din som bestemmer hvilken oppfølging du får, etter en "
        "samtale med deg, og veilederen kan se bort fra forslaget.",
        "en": "The estimate is only a suggestion. Your counsellor decides which follow-up you get, after talking with "
        "you, and may set the suggestion aside.",
    },
    "how_to_object": {
        "nb": "Du kan be om innsyn i opplysningene, be om retting og klage på vedtaket om oppfølging (innsatsgruppe) "
        "til NAV-kontoret ditt innen seks uker etter at du fikk vedtaket.",
        "en": "You can ask to see the data, ask for corrections, and appeal the decision on your follow-up level to "
        "your NAV office within six weeks of receiving it.",
    },
    "not_used": {
        "nb": "Kjønn og landbakgrunn er registrert for å kontrollere at verktøyet er rettferdig, men brukes ikke i "
        "beregningen.",
        "en": "Gender and country background are recorded to check that the tool is fair, but are not used in the "
        "estimate.",
    },
}


def _shown(value: object, lang: Language) -> str:
    if value is None:
        return text(VALUE_LABELS, "MANGLER", lang)
    if isinstance(value, bool):
        return text(VALUE_LABELS, "JA" if value else "NEI", lang)
    return text(VALUE_LABELS, str(value), lang)


def explain_record(row: AssessmentRow, *, audience: str, lang: Language, horizon_months: int) -> ExplanationOut:
    """The explanation of one stored assessment in ``lang`` for ``audience`` (``jobseeker`` or ``counsellor``)."""
    profile = JobseekerProfile.model_validate(row.profile)
    shap = row.shap or {}
    spec = FeatureSpec.default(protected_as_features=any(p in shap for p in PROTECTED_ATTRIBUTES))
    data_used = [f"{text(FIELD_LABELS, name, lang)}: {_shown(row.profile.get(name), lang)}" for name in spec.names]
    if not any(p in shap for p in PROTECTED_ATTRIBUTES):
        data_used.append(_TEXTS["not_used"][lang])
    raised: list[str] = []
    lowered: list[str] = []
    if row.risk is not None and row.lower is not None and row.upper is not None:
        summary = _TEXTS["summary_scored"][lang].format(
            horizon=horizon_months, risk=row.risk, lower=row.lower, upper=row.upper
        )
        contributions = np.array([shap.get(name, 0.0) for name in spec.names])
        reasons = Explainer(spec).reasons(
            spec.encode_profile(profile)[0], contributions, lang=lang, top=len(spec.names)
        )
        raised = [r.text for r in reasons if r.direction == "raises"]
        lowered = [r.text for r in reasons if r.direction == "lowers"]
        if audience == "jobseeker":
            raised, lowered = raised[:3], lowered[:3]
    else:
        summary = _TEXTS["summary_declined"][lang]
    return ExplanationOut(
        assessment_id=row.id,
        audience="jobseeker" if audience == "jobseeker" else "counsellor",
        language=lang,
        template_version=TEMPLATE_VERSION,
        summary=summary,
        data_used=data_used,
        raised=raised,
        lowered=lowered,
        who_decides=_TEXTS["who_decides"][lang],
        how_to_object=_TEXTS["how_to_object"][lang],
        model=ModelRef(name=row.model_name, version=row.model_version),
    )
