"""How the audit report's codes, column names and numbers read to a person, in the reader's language.

The sections write their JSON with codes (``SITUASJONSBESTEMT_INNSATS``, ``KVINNE & under_30``, ``share_<level>``)
and column names (``median_days_to_review``); the report shows every one of them as its label from
:mod:`models.texts`, and every number by the rules of :mod:`models.formatting`. A code no table labels is shown as it
is, so a section added later still renders.
"""

from __future__ import annotations

from functools import cache

from models.formatting import format_number
from models.groups import GROUP_SEPARATOR
from models.texts import (
    ALERT_KIND_TEXTS,
    CHANNEL_TEXTS,
    CONSIDERED_FACTOR_TEXTS,
    FACTOR_LABELS,
    FIELD_LABELS,
    FLAG_TEXTS,
    GROUP_LABELS,
    LEVEL_TEXTS,
    METRIC_LABELS,
    REASON_TEXTS,
    REPORT_CODE_TEXTS,
    REPORT_COLUMN_LABELS,
    REPORT_TEXTS,
    RULE_OUTCOME_TEXTS,
    VALUE_LABELS,
    Language,
    in_language,
)

_PERCENT = frozenset(
    {
        "rate",
        "share",
        "low",
        "high",
        "mean_risk",
        "observed_rate",
        "expected_rate",
        "override_rate",
        "tpr",
        "fpr",
        "share_of_documented",
    }
)
"""Columns that hold a proportion (also every ``*_share`` and ``share_*`` column and their interval bounds)."""


@cache
def code_labels(lang: Language) -> dict[str, str]:
    """Every code the report may show, with its label in ``lang`` (a level by its name, without its meaning)."""
    labels: dict[str, str] = {}
    for table in (
        FIELD_LABELS,
        FACTOR_LABELS,
        CONSIDERED_FACTOR_TEXTS,
        CHANNEL_TEXTS,
        RULE_OUTCOME_TEXTS,
        FLAG_TEXTS,
        REASON_TEXTS,
        VALUE_LABELS,
        GROUP_LABELS,
        METRIC_LABELS,
        ALERT_KIND_TEXTS,
        REPORT_CODE_TEXTS,
    ):
        labels |= in_language(table, lang)
    labels |= {code: label.split(":")[0] for code, label in in_language(LEVEL_TEXTS, lang).items()}
    return labels


def label(code: str, lang: Language) -> str:
    """A code's label: a group (``KVINNE & under_30``) part by part, ``share_<level>`` with its level's name.

    Examples
    --------
    >>> label("KVINNE & under_30", "en"), label("share_STANDARD_INNSATS", "nn"), label("0301", "nb")
    ('Woman & Under 30', 'Del føreslått Standard innsats', '0301')
    """
    labels = code_labels(lang)
    if code in labels:
        return labels[code]
    if GROUP_SEPARATOR in code:
        return GROUP_SEPARATOR.join(label(part, lang) for part in code.split(GROUP_SEPARATOR))
    if code.startswith("share_") and code[len("share_") :] in LEVEL_TEXTS:
        return labels["share"].format(level=labels[code[len("share_") :]])
    return code


def column_label(column: str, lang: Language) -> str:
    """A column's heading: its own label, or its metric's label with the bound (``auc_low``), or the code's label."""
    if column in REPORT_COLUMN_LABELS:
        return str(getattr(REPORT_COLUMN_LABELS[column], lang))
    base, _, bound = column.rpartition("_")
    if bound in ("low", "high") and base:
        return f"{column_label(base, lang)}, {column_label(bound, lang).lower()}"
    named = label(column, lang)
    return named if named != column else column.replace("_", " ")


def is_percent(column: str) -> bool:
    """Whether a column holds a proportion, shown as a percentage."""
    base = column.removesuffix("_low").removesuffix("_high")
    return base in _PERCENT or base.endswith("_share") or base.startswith("share_")


def cell_text(column: str, value: object, lang: Language) -> str:
    """A table cell: a number by its column's kind, a yes/no, a code by its label, a missing value as a dash."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(getattr(REPORT_TEXTS["yes" if value else "no"], lang))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if is_percent(column):
            return format_number("override_rate", value, lang)
        return format_number("median" if "days" in column else "fairness_gap", value, lang)
    return label(str(value), lang)
