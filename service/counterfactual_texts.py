"""Counterfactuals as a person reads them: which fields would change, from what to what, and one sentence per level.

Values read as everywhere else (:func:`models.formatting.format_value`), levels by the short names the pages use
(:func:`service.pages.level_parts`), and the sentences are :data:`models.texts.COUNTERFACTUAL_TEXTS`.
"""

from __future__ import annotations

from models.counterfactuals import Counterfactual, Counterfactuals
from models.formatting import format_value
from models.texts import COUNTERFACTUAL_TEXTS, FIELD_LABELS, Language, text
from service.pages import level_parts
from service.schemas import ChangeOut, CounterfactualOut


def counterfactuals_out(result: Counterfactuals, lang: Language) -> list[CounterfactualOut]:
    """One entry for each other suggestable level, in ``lang``."""
    return [_counterfactual_out(option, lang) for option in result.options]


def _counterfactual_out(option: Counterfactual, lang: Language) -> CounterfactualOut:
    name = level_parts(option.level.value, lang)[0]
    if option.changes is None:
        sentence = text(COUNTERFACTUAL_TEXTS, "none_found", lang).format(level=name)
        return CounterfactualOut(level=option.level, level_name=name, found=False, changes=[], text=sentence)
    changes = [
        ChangeOut(
            field=change.field,
            label=text(FIELD_LABELS, change.field, lang),
            current=format_value(change.field, change.current, lang),
            proposed=format_value(change.field, change.proposed, lang),
        )
        for change in option.changes
    ]
    listed = "; ".join(
        text(COUNTERFACTUAL_TEXTS, "change", lang).format(field=c.label, proposed=c.proposed, current=c.current)
        for c in changes
    )
    sentence = text(COUNTERFACTUAL_TEXTS, "found", lang).format(level=name, changes=listed)
    return CounterfactualOut(level=option.level, level_name=name, found=True, changes=changes, text=sentence)
