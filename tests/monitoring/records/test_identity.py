"""The keyed person hash stored instead of the identity number."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from models.errors import ConfigurationError, InvalidInputError
from monitoring.records.identity import person_key

SECRET = b"0123456789abcdef-test-secret"

MakeNumber = Callable[..., str]


def test_person_key_is_a_deterministic_keyed_hash(national_id: MakeNumber) -> None:
    number = national_id(dt.date(1990, 3, 1))
    key = person_key(number, secret=SECRET)
    assert key == person_key(number, secret=SECRET)
    assert len(key) == 64 and int(key, 16) >= 0
    assert number not in key
    assert key != person_key(number, secret=b"another-secret-of-16-bytes")
    assert key != person_key(national_id(dt.date(1990, 3, 2)), secret=SECRET)


def test_person_key_validates_the_number_and_the_secret(national_id: MakeNumber) -> None:
    with pytest.raises(InvalidInputError):
        number = national_id(dt.date(1990, 3, 1))
        person_key(number[:10] + str((int(number[10]) + 1) % 10), secret=SECRET)
    with pytest.raises(ConfigurationError, match="16 bytes"):
        person_key(national_id(dt.date(1990, 3, 1)), secret=b"short")
