"""Every text exists in every language, with the same placeholders, and every code the schema knows has its text."""

from __future__ import annotations

import re
import string
from enum import StrEnum
from typing import get_args

import pytest

from models import texts
from models.explain import FACTORS
from models.groups import AGE_GROUPS, GROUP_COLUMNS, UNKNOWN
from models.policy import ConsideredFactor, Flag, FollowUpChannel, FollowUpLevel, OverrideReason
from models.schema import PROFILE_FIELDS, JobseekerProfile
from models.texts import (
    CASE_STATE_TEXTS,
    CHANNEL_TEXTS,
    CONSIDERED_FACTOR_TEXTS,
    FACTOR_LABELS,
    FIELD_LABELS,
    FLAG_TEXTS,
    GROUP_LABELS,
    LANGUAGE_NAMES,
    LANGUAGES,
    LEVEL_TEXTS,
    REASON_TEXTS,
    VALUE_LABELS,
    Language,
    Text,
    in_language,
    text,
)
from monitoring.records.case_state import CaseState

TABLES = {name: value for name, value in vars(texts).items() if name.isupper() and isinstance(value, dict)}
ENTRIES = [
    pytest.param(entry, id=f"{table}[{key}]")
    for table, values in TABLES.items()
    if table != "LANGUAGE_NAMES"
    for key, entry in values.items()
]


def _placeholders(sentence: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(sentence) if field is not None}


def test_the_languages_are_the_texts_fields_and_each_has_a_name() -> None:
    assert LANGUAGES == get_args(Language) == Text._fields == ("nb", "nn", "en")
    assert set(LANGUAGE_NAMES) == set(LANGUAGES)


def test_a_text_without_one_of_the_languages_cannot_be_written() -> None:
    """So a table with an entry that lacks a language fails at import, and every test of this module with it."""
    with pytest.raises(TypeError, match="missing 1 required"):
        Text("Ja", "Yes")  # type: ignore[call-arg]


def test_the_tables_are_found() -> None:
    assert {"FIELD_LABELS", "EXPLANATION_TEXTS", "PAGE_TEXTS", "ASSESSMENT_MESSAGES"} <= set(TABLES)


@pytest.mark.parametrize("entry", ENTRIES)
def test_every_text_is_written_in_every_language_with_the_same_placeholders(entry: Text) -> None:
    assert isinstance(entry, Text)
    sentences = {lang: text({"key": entry}, "key", lang) for lang in LANGUAGES}
    assert all(sentence.strip() for sentence in sentences.values()), sentences
    assert len({frozenset(_placeholders(sentence)) for sentence in sentences.values()}) == 1, sentences


def _words(sentence: str) -> list[str]:
    return re.sub(r"\{\w+\}", "", sentence).split()


def test_a_sentence_in_nynorsk_is_not_the_bokmal_one_copied() -> None:
    entries = [entry for name, table in TABLES.items() if name != "LANGUAGE_NAMES" for entry in table.values()]
    sentences = [entry for entry in entries if len(_words(entry.nb)) >= 6]
    assert len(sentences) > 40
    assert [entry for entry in sentences if entry.nn == entry.nb] == []


def _codes(kind: object) -> list[str]:
    kinds = get_args(kind) or (kind,)
    return [m.value for k in kinds if isinstance(k, type) and issubclass(k, StrEnum) for m in k]


@pytest.mark.parametrize(
    ("table", "keys"),
    [
        (FIELD_LABELS, list(PROFILE_FIELDS)),
        (FACTOR_LABELS, list(FACTORS)),
        (VALUE_LABELS, [c for f in JobseekerProfile.model_fields.values() for c in _codes(f.annotation)]),
        (LEVEL_TEXTS, [level.value for level in FollowUpLevel]),
        (FLAG_TEXTS, [flag.value for flag in Flag]),
        (REASON_TEXTS, [reason.value for reason in OverrideReason]),
        ({**FIELD_LABELS, **GROUP_LABELS}, list(GROUP_COLUMNS)),
        (GROUP_LABELS, [*AGE_GROUPS, UNKNOWN]),
        (CASE_STATE_TEXTS, [state.value for state in CaseState]),
        (CONSIDERED_FACTOR_TEXTS, [factor.value for factor in ConsideredFactor]),
        (CHANNEL_TEXTS, [channel.value for channel in FollowUpChannel]),
    ],
    ids=[
        "fields",
        "factors",
        "values",
        "levels",
        "flags",
        "reasons",
        "protected-attributes",
        "age-groups",
        "states",
        "considered",
        "channels",
    ],
)
def test_every_code_has_a_text(table: dict[str, Text], keys: list[str]) -> None:
    assert set(keys) - set(table) == set()


def test_a_text_in_each_language_and_the_key_when_there_is_none() -> None:
    assert [text(VALUE_LABELS, "VET_IKKE", lang) for lang in LANGUAGES] == ["Vet ikke", "Veit ikkje", "Don't know"]
    assert text(VALUE_LABELS, "NO_SUCH_CODE", "en") == "NO_SUCH_CODE"
    assert in_language(REASON_TEXTS, "en")["HEALTH"] == "Health"
