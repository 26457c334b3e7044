"""The counsellor's and the auditor's web pages (``/ui``): server-rendered shells that call the JSON API.

The pages hold no data and no rights of their own: the browser sends the signed-in user's bearer token with every API
call, and the API checks it. Every word the pages show, their own included, comes from :mod:`models.texts`.
"""

from __future__ import annotations

import datetime as dt
import types
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from models.formatting import client_rules
from models.groups import GROUP_SEPARATOR, GROUPINGS
from models.policy import SUGGESTABLE_LEVELS, FollowUpLevel, OverrideReason
from models.schema import JobseekerProfile
from models.texts import (
    CASE_STATE_TEXTS,
    CHANNEL_TEXTS,
    CONSIDERED_FACTOR_TEXTS,
    DIRECTION_TEXTS,
    FIELD_LABELS,
    GROUP_LABELS,
    LANGUAGE_NAMES,
    LANGUAGES,
    LEVEL_TEXTS,
    METRIC_LABELS,
    MISSING_VALUE,
    PAGE_TEXTS,
    REASON_TEXTS,
    REPORT_TEXTS,
    RULE_OUTCOME_TEXTS,
    VALUE_LABELS,
    Language,
    in_language,
    text,
)
from monitoring.records.case_state import NEEDS_APPROVAL
from monitoring.records.kinds import MAX_TEXT
from service.deps import language

PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"

FORM_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "personal",
        (
            "age",
            "gender",
            "country_background",
            "years_in_norway",
            "registration_date",
            "registration_channel",
        ),
    ),
    ("education", ("education", "education_passed", "education_recognised")),
    (
        "work",
        (
            "situation",
            "last_occupation",
            "worked_6_of_last_12_months",
            "months_employed_last_36",
            "earlier_spells_last_5_years",
            "benefit",
        ),
    ),
    ("hindrances", ("health_hindrance", "other_hindrance")),
    ("own", ("own_assessment", "time_to_work_estimate", "norwegian_skill")),
    ("market", ("county", "county_unemployment_rate")),
)
"""The profile's fields, grouped and ordered as the registration asks them."""

_PERCENT_FIELDS = frozenset({"county_unemployment_rate"})
_HINTS = {"years_in_norway": "years_in_norway_help", "county_unemployment_rate": "percent_help"}
_MAX_RADIOS = 5  # answers with more options than this get a drop-down list


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class FieldView:
    """One profile field as the form shows it; ``scale`` turns the typed number into the API's (percent → share)."""

    name: str
    label: str
    kind: Literal["bool", "enum", "int", "float", "date"]
    options: tuple[Option, ...] = ()
    optional: bool = False
    minimum: float | None = None
    maximum: float | None = None
    scale: float = 1.0
    hint: str = ""

    @property
    def radios(self) -> bool:
        return self.kind in ("bool", "enum") and len(self.options) <= _MAX_RADIOS


@cache
def _templates() -> Jinja2Templates:
    return Jinja2Templates(directory=TEMPLATES_DIR)


def level_parts(level: str, lang: Language) -> tuple[str, str]:
    """A follow-up level's short name and what it means: its text split at the colon."""
    name, _, meaning = text(LEVEL_TEXTS, level, lang).partition(":")
    meaning = meaning.strip()
    return name, meaning[:1].upper() + meaning[1:]


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    if get_origin(annotation) in (Union, types.UnionType):
        kinds = [a for a in get_args(annotation) if a is not type(None)]
        return kinds[0], len(kinds) < len(get_args(annotation))
    return annotation, False


def field_view(name: str, lang: Language) -> FieldView:
    """The widget, options and limits for one profile field, read off :class:`JobseekerProfile`."""
    info = JobseekerProfile.model_fields[name]
    kind, optional = _unwrap(info.annotation)
    bounds = {key: getattr(m, key) for m in info.metadata for key in ("ge", "le") if hasattr(m, key)}
    label = text(FIELD_LABELS, name, lang)
    hint = text(PAGE_TEXTS, _HINTS[name], lang) if name in _HINTS else ""
    if kind is bool:
        answers = (("true", "JA"), ("false", "NEI"))
        return FieldView(
            name, label, "bool", tuple(Option(value, text(VALUE_LABELS, code, lang)) for value, code in answers)
        )
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        options = tuple(Option(member.value, text(VALUE_LABELS, member.value, lang)) for member in kind)
        if optional:
            options = (Option("", text(VALUE_LABELS, "MANGLER", lang)), *options)
        return FieldView(name, label, "enum", options, optional)
    if kind is dt.date:
        return FieldView(name, label, "date")
    scale = 0.01 if name in _PERCENT_FIELDS else 1.0
    return FieldView(
        name,
        label,
        "int" if kind is int else "float",
        optional=optional,
        minimum=bounds["ge"] / scale if "ge" in bounds else None,
        maximum=bounds["le"] / scale if "le" in bounds else None,
        scale=scale,
        hint=hint,
    )


def form_groups(lang: Language) -> list[tuple[str, list[FieldView]]]:
    """The registration groups with their fields, ready for the form template."""
    return [(group, [field_view(name, lang) for name in names]) for group, names in FORM_GROUPS]


def client_texts(lang: Language) -> dict[str, Any]:
    """What the pages' scripts need to label what the API returns, in ``lang``."""
    return {
        "lang": lang,
        "ui": in_language(PAGE_TEXTS, lang),
        "levels": {level.value: level_parts(level.value, lang)[0] for level in FollowUpLevel},
        "level_order": [level.value for level in FollowUpLevel],
        "suggestable": [level.value for level in SUGGESTABLE_LEVELS],
        "reasons": {reason.value: text(REASON_TEXTS, reason.value, lang) for reason in OverrideReason},
        "rule_outcomes": in_language(RULE_OUTCOME_TEXTS, lang),
        "directions": {key: text(DIRECTION_TEXTS, key, lang) for key in DIRECTION_TEXTS},
        "formats": client_rules(lang),
        "missing": MISSING_VALUE,
        "groups": {**in_language(VALUE_LABELS, lang), **in_language(GROUP_LABELS, lang)},
        "group_separator": GROUP_SEPARATOR,
        "groupings": {name: " × ".join(_attribute(c, lang) for c in columns) for name, columns in GROUPINGS.items()},
        "metrics": in_language(METRIC_LABELS, lang),
        "states": in_language(CASE_STATE_TEXTS, lang),
        "considered": in_language(CONSIDERED_FACTOR_TEXTS, lang),
        "channels": in_language(CHANNEL_TEXTS, lang),
        "needs_approval": sorted(NEEDS_APPROVAL),
    }


def _attribute(column: str, lang: Language) -> str:
    """A protected attribute's name: a profile field's label, or the age group's."""
    return text(FIELD_LABELS if column in FIELD_LABELS else GROUP_LABELS, column, lang)


def page_language(
    accepted: Annotated[Language, Depends(language)], lang: Annotated[str | None, Query()] = None
) -> Language:
    """``?lang=`` when it names one of the service's languages, else the browser's ``Accept-Language`` (or bokmål)."""
    return next((known for known in LANGUAGES if known == lang), accepted)


PageLanguage = Annotated[Language, Depends(page_language)]

router = APIRouter(prefix="/ui", include_in_schema=False)


def _render(request: Request, template: str, lang: Language, **context: Any) -> HTMLResponse:
    return _templates().TemplateResponse(
        request,
        template,
        {
            "lang": lang,
            "switch": [(other, LANGUAGE_NAMES[other], f"{request.url.path}?lang={other}") for other in LANGUAGES],
            "t": in_language(PAGE_TEXTS, lang),
            "client_texts": client_texts(lang),
            "levels": [(level.value, *level_parts(level.value, lang)) for level in FollowUpLevel],
            "reasons": [(reason.value, text(REASON_TEXTS, reason.value, lang)) for reason in OverrideReason],
            "considered": list(in_language(CONSIDERED_FACTOR_TEXTS, lang).items()),
            "channels": list(in_language(CHANNEL_TEXTS, lang).items()),
            **context,
        },
    )


@router.get("/", response_class=HTMLResponse)
def counsellor_page(request: Request, lang: PageLanguage) -> HTMLResponse:
    """The counsellor's page: sign in, the registration form, the suggestion and the decision."""
    return _render(
        request, "counsellor.html", lang, page="counsellor", groups=form_groups(lang), max_justification=MAX_TEXT
    )


@router.get("/cases", response_class=HTMLResponse)
def cases_page(request: Request, lang: PageLanguage) -> HTMLResponse:
    """The counsellor's cases at their office by state: provisional levels, decisions, approvals, objections."""
    states = list(in_language(CASE_STATE_TEXTS, lang).items())
    return _render(request, "cases.html", lang, page="cases", states=states, max_text=MAX_TEXT)


@router.get("/print/{assessment_id}", response_class=HTMLResponse)
def print_page(request: Request, assessment_id: str, lang: PageLanguage) -> HTMLResponse:
    """A printable explanation of one assessment for the jobseeker."""
    return _render(request, "print.html", lang, page="print", assessment_id=assessment_id)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, lang: PageLanguage) -> HTMLResponse:
    """The auditor's overview: counts, overrides, the suggested × decided matrix, the chain, the decisions."""
    return _render(request, "audit.html", lang, page="audit")


@router.get("/audit/case/{assessment_id}", response_class=HTMLResponse)
def case_page(request: Request, assessment_id: str, lang: PageLanguage) -> HTMLResponse:
    """One case as the counsellor saw it, with every decision on it and the chain status."""
    return _render(request, "case.html", lang, page="case", assessment_id=assessment_id)


@router.get("/audit/report", response_class=HTMLResponse)
def audit_report_page(request: Request, lang: PageLanguage) -> HTMLResponse:
    """The audit report for a period and office, in the page's language, printable."""
    return _render(request, "audit_report.html", lang, page="audit", report=in_language(REPORT_TEXTS, lang))


@router.get("/audit/subject-access", response_class=HTMLResponse)
def subject_access_page(request: Request, lang: PageLanguage) -> HTMLResponse:
    """Subject access: everything held about one person, looked up by identity number, printable."""
    return _render(request, "subject_access.html", lang, page="subject_access", max_text=MAX_TEXT)
