"""Finds codes (``UPPER_SNAKE`` or a known enum value) in text a person reads: every code must reach them as a label."""

from __future__ import annotations

import re

from models.groups import AGE_GROUPS, UNKNOWN
from models.texts import FLAG_TEXTS, LEVEL_TEXTS, REASON_TEXTS, VALUE_LABELS

CODES = frozenset({*VALUE_LABELS, *LEVEL_TEXTS, *FLAG_TEXTS, *REASON_TEXTS, *AGE_GROUPS, UNKNOWN})
_UPPER_SNAKE = re.compile(r"\b[A-ZÆØÅ][A-ZÆØÅ0-9]*(?:_[A-ZÆØÅ0-9]+)+\b")
_WORD = re.compile(r"[\w-]+")


def raw_codes(sentence: str) -> set[str]:
    """The codes in ``sentence``: whole words only, so the label "Oslo" is no code while "OSLO" is.

    Examples
    --------
    >>> sorted(raw_codes("Fylke: OSLO; Utdanning: HOYERE_UTDANNING_1_TIL_4; Ytelse: Arbeidsavklaringspenger (AAP)"))
    ['HOYERE_UTDANNING_1_TIL_4', 'OSLO']
    """
    return set(_UPPER_SNAKE.findall(sentence)) | {word for word in _WORD.findall(sentence) if word in CODES}
