"""An alert's sentence as a key and its parameters, read in any language (obligation: transparency of post-market
monitoring, AI Act Art. 72 and 13).

A section of the audit report raises each alert as an :class:`AlertMessage`: a key of
:data:`models.texts.ALERT_TEXTS` and the values of its placeholders, as plain JSON values (codes, counts, unrounded
numbers). The report's page writes it in the reader's language (:meth:`AlertMessage.text`), with its codes as labels
(:data:`ALERT_LABELS`) and its numbers by :mod:`models.formatting` (:data:`ALERT_NUMBERS`), through the same rendering
as the domain errors (:func:`models.keyed.keyed_text`); machines and logs read the English ``message``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from models.keyed import keyed_text
from models.texts import (
    ALERT_TEXTS,
    FACTOR_LABELS,
    FIELD_LABELS,
    GROUP_LABELS,
    LEVEL_NAMES,
    VALUE_LABELS,
    Language,
    Text,
)

NOT_A_KEY = "{key!r} is not a key of ALERT_TEXTS"

_GROUPS = VALUE_LABELS | GROUP_LABELS
ALERT_LABELS: dict[str, dict[str, Text]] = {
    "level": LEVEL_NAMES,
    "group": _GROUPS,
    "high_group": _GROUPS,
    "low_group": _GROUPS,
    "grouping": FIELD_LABELS | GROUP_LABELS,
    "columns": FIELD_LABELS | FACTOR_LABELS,
}
"""The parameters of an alert that are codes (a level, a group, a grouping, drifted columns), with their labels."""

_PERCENT = ("rate", "rate_low", "rate_high", "confidence", "share", "share_limit", "mean_risk", "observed_rate")
_DECIMALS = ("gap", "gap_low", "gap_high", "limit", "high_value", "low_value", "auc", "expected_auc", "distance")
ALERT_NUMBERS: dict[str, str] = {
    **dict.fromkeys(_PERCENT, "override_rate"),
    **dict.fromkeys(("reference_share", "current_share"), "override_rate"),
    **dict.fromkeys(_DECIMALS, "fairness_gap"),
    **dict.fromkeys(("difference", "difference_low", "difference_high"), "fairness_gap"),
    "threshold": "risk",
}
"""The parameters of an alert that are numbers, with their rule in :data:`models.formatting.NUMBER_FORMATS`: shares
and rates as percentages, gaps, AUCs and distances with three decimals, a risk threshold as a risk."""


@dataclass(frozen=True)
class AlertMessage:
    """One alert's sentence: a key of :data:`models.texts.ALERT_TEXTS` and its parameters.

    Raises
    ------
    KeyError
        When ``key`` is not a key of ``ALERT_TEXTS`` (a typo would otherwise show the key itself).

    Examples
    --------
    >>> alert = AlertMessage("chain_broken", {"breaks": 2})
    >>> alert.message, alert.text("nn")
    ('The records do not hold in 2 place(s).', 'Registreringane held ikkje på 2 stad(er).')
    """

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.key not in ALERT_TEXTS:
            raise KeyError(NOT_A_KEY.format(key=self.key))

    def text(self, lang: Language) -> str:
        """The sentence in ``lang``, codes as labels and numbers as the language writes them."""
        return keyed_text(ALERT_TEXTS, self.key, self.params, lang, labels=ALERT_LABELS, numbers=ALERT_NUMBERS)

    @property
    def message(self) -> str:
        """The sentence in English, for machines and logs."""
        return self.text("en")

    def as_dict(self) -> dict[str, Any]:
        """The key, the parameters and the English message, as JSON."""
        return {"key": self.key, "params": dict(self.params), "message": self.message}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AlertMessage:
        """The message of :meth:`as_dict`'s form."""
        return cls(str(data["key"]), dict(data.get("params") or {}))
