"""One way to show a value: each field's rule, in every language (the browser test compares the pages' ``Intl``)."""

from __future__ import annotations

import datetime as dt

import pytest

from models.formatting import LOCALES, NUMBER_FORMATS, client_rules, format_number, format_value
from models.schema import _EXAMPLE_PROFILE, PROFILE_FIELDS, JobseekerProfile
from models.texts import LANGUAGES, MISSING_VALUE, VALUE_LABELS, Language, text
from tests.codes import raw_codes


@pytest.mark.parametrize(
    ("field", "value", "nb", "en"),
    [
        ("county_unemployment_rate", 0.021, "2,1\u00a0%", "2.1%"),
        ("county_unemployment_rate", 0.02, "2\u00a0%", "2%"),
        ("county_unemployment_rate", 0.0215, "2,2\u00a0%", "2.2%"),  # half away from zero on the decimal, as Intl
        ("risk", 0.125, "13\u00a0%", "13%"),
        ("risk", 0.0049, "0\u00a0%", "0%"),
        ("risk", 1.0, "100\u00a0%", "100%"),
        ("fairness_gap", 0.1235, "0,124", "0.124"),
        ("years_in_norway", 4.5, "4,5", "4.5"),
        ("age", 34, "34", "34"),
        ("months_employed_last_36", 12345, "12345", "12345"),
    ],
)
def test_a_number_by_its_fields_rule(field: str, value: float, nb: str, en: str) -> None:
    assert [format_number(field, value, lang) for lang in LANGUAGES] == [nb, nb, en]


def test_a_profile_reads_without_a_code_or_a_raw_number_in_every_language() -> None:
    profile = JobseekerProfile.model_validate(_EXAMPLE_PROFILE).model_dump()
    for lang in LANGUAGES:
        shown = {field: format_value(field, profile[field], lang) for field in PROFILE_FIELDS}
        assert len(shown) == len(PROFILE_FIELDS)
        assert {field: value for field, value in shown.items() if raw_codes(value)} == {}
        assert shown["county_unemployment_rate"] != "0.021"
        assert shown["worked_6_of_last_12_months"] == text(VALUE_LABELS, "NEI", lang)


@pytest.mark.parametrize(("lang", "written"), [("nb", "02.11.2026"), ("nn", "02.11.2026"), ("en", "02/11/2026")])
def test_a_date_from_a_profile_or_its_json(lang: Language, written: str) -> None:
    assert format_value("registration_date", dt.date(2026, 11, 2), lang) == written
    assert format_value("registration_date", "2026-11-02", lang) == written


def test_missing_is_not_answered_for_an_optional_item_and_a_dash_otherwise() -> None:
    for lang in LANGUAGES:
        assert format_value("time_to_work_estimate", None, lang) == text(VALUE_LABELS, "MANGLER", lang)
        assert format_value("norwegian_skill", None, lang) == format_value("norwegian_skill", "MANGLER", lang)
        assert format_value("years_in_norway", None, lang) == MISSING_VALUE


def test_the_pages_get_the_same_rules_and_a_locale_their_browsers_have() -> None:
    for lang in LANGUAGES:
        rules = client_rules(lang)
        assert rules["locales"] == list(LOCALES[lang]) and rules["locales"][-1] in ("nb-NO", "en-GB")
        assert rules["numbers"] == {field: rule._asdict() for field, rule in NUMBER_FORMATS.items()}
