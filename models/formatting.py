"""How a value reads to a person: one rule per field, in every language.

The reasons (:mod:`models.explain`), the explanations and the pages show values through this module, so the same value
reads the same everywhere (a county's unemployment rate read 0.021 on the printable explanation and 2.1 % in the
reasons). A code reads as its label (:data:`models.texts.VALUE_LABELS`), a yes/no field as yes or no, a date as the
language writes dates, a number by its field's rule in :data:`NUMBER_FORMATS`.

Numbers are written as the browsers' ``Intl.NumberFormat`` writes them for :data:`LOCALES`: rounded half away from
zero to at most the rule's decimals, no thousands grouping, a decimal comma and a no-break space before the percent
sign in Norwegian. The pages format the numbers they compute or chart themselves (the risk bar, override rates) with
``Intl`` and the same rules, which :func:`client_rules` hands them; ``tests/service/test_browser.py`` compares the two.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, NamedTuple

from models.features import MISSING, FeatureSpec
from models.schema import JobseekerProfile
from models.texts import MISSING_VALUE, VALUE_LABELS, Language, text

LOCALES: dict[Language, tuple[str, ...]] = {"nb": ("nb-NO",), "nn": ("nn-NO", "nb-NO"), "en": ("en-GB",)}
"""The pages' locales for ``Intl``, best first. Chromium's ICU has no nynorsk data
(``Intl.NumberFormat.supportedLocalesOf(["nn-NO"])`` is empty there) and nynorsk writes numbers and dates as bokmål."""


class NumberFormat(NamedTuple):
    """A number as a percentage of 1 or as it is, with at most ``decimals`` decimals (trailing zeros dropped)."""

    percent: bool
    decimals: int


NUMBER_FORMATS: dict[str, NumberFormat] = {
    "risk": NumberFormat(percent=True, decimals=0),
    "county_unemployment_rate": NumberFormat(percent=True, decimals=1),
    "override_rate": NumberFormat(percent=True, decimals=1),
    "fairness_gap": NumberFormat(percent=False, decimals=3),
}
"""The rule of each numeric field or quantity that is not a plain number; ``risk`` covers its range and the policy's
thresholds too."""

PLAIN_NUMBER = NumberFormat(percent=False, decimals=1)
"""Every other number: age, months, spells, years in Norway."""

_DECIMAL_MARK: dict[Language, str] = {"nb": ",", "nn": ",", "en": "."}
_PERCENT_SIGN: dict[Language, str] = {"nb": "\u00a0%", "nn": "\u00a0%", "en": "%"}
_DATE: dict[Language, str] = {"nb": "%d.%m.%Y", "nn": "%d.%m.%Y", "en": "%d/%m/%Y"}

_FIELDS = JobseekerProfile.model_fields
_YES_NO = frozenset(name for name, info in _FIELDS.items() if info.annotation is bool)
_DATES = frozenset(name for name, info in _FIELDS.items() if info.annotation is dt.date)
_UNANSWERED = frozenset(
    feature.name
    for feature in FeatureSpec.default(protected_as_features=True).features
    if feature.categories is not None and MISSING in feature.categories
)
"""Optional items: missing there means not answered (the model's own category for it), elsewhere not applicable."""


def format_number(field: str, value: float, lang: Language) -> str:
    r"""``value`` written by ``field``'s rule in ``lang``.

    Rounding works on the shortest decimal that round-trips the float, as ``Intl`` does, so 0.0215 is 2.2 %, not the
    2.1 % that the float 2.1499999... would give.

    Examples
    --------
    >>> format_number("county_unemployment_rate", 0.021, "nb")
    '2,1\xa0%'
    >>> format_number("county_unemployment_rate", 0.021, "en")
    '2.1%'
    >>> format_number("risk", 0.125, "en"), format_number("age", 34, "nn")
    ('13%', '34')
    """
    rule = NUMBER_FORMATS.get(field, PLAIN_NUMBER)
    number = Decimal(repr(float(value)))
    if rule.percent:
        number = number.scaleb(2)
    written = f"{number.quantize(Decimal(1).scaleb(-rule.decimals), rounding=ROUND_HALF_UP):f}"
    if "." in written:
        written = written.rstrip("0").rstrip(".")
    written = written.replace(".", _DECIMAL_MARK[lang])
    return f"{written}{_PERCENT_SIGN[lang]}" if rule.percent else written


def format_value(field: str, value: str | float | dt.date | None, lang: Language) -> str:
    """How ``value`` of profile field ``field`` reads in ``lang``.

    ``value`` is what a profile holds (a code, a boolean, a date or its ISO text, a number, ``None``) or what an
    encoded feature row decodes to (a yes/no field is then 1.0 or 0.0).

    Examples
    --------
    >>> format_value("county", "MORE_OG_ROMSDAL", "nn")
    'Møre og Romsdal'
    >>> format_value("worked_6_of_last_12_months", 1.0, "en")
    'Yes'
    >>> format_value("registration_date", "2026-01-15", "nb")
    '15.01.2026'
    >>> format_value("norwegian_skill", None, "nn"), format_value("years_in_norway", None, "nn")
    ('Ikkje svart på', '–')
    """
    if value is None:
        return text(VALUE_LABELS, MISSING, lang) if field in _UNANSWERED else MISSING_VALUE
    if field in _YES_NO:
        return text(VALUE_LABELS, "JA" if value else "NEI", lang)
    if field in _DATES and not isinstance(value, dt.date):
        value = dt.date.fromisoformat(str(value))
    if isinstance(value, dt.date):
        return value.strftime(_DATE[lang])
    if isinstance(value, str):
        return text(VALUE_LABELS, value, lang)
    return format_number(field, value, lang)


def client_rules(lang: Language) -> dict[str, Any]:
    """The locales and number rules the pages' scripts format with, in ``lang``."""
    return {
        "locales": list(LOCALES[lang]),
        "numbers": {field: rule._asdict() for field, rule in NUMBER_FORMATS.items()},
    }
