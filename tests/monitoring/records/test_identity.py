"""Identity numbers: validation (ordinary, D-numbers, synthetic test numbers), messages that never echo the number,
the keyed person hash, and finding numbers in free text."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

import pytest

from models.errors import InvalidInputError
from monitoring.records.identity import (
    BAD_CHECK_DIGITS,
    BAD_DATE,
    NOT_ELEVEN_DIGITS,
    contains_national_id,
    person_key,
    redact_national_ids,
    validate_national_id,
)

SECRET = b"0123456789abcdef-test-secret"


MakeNumber = Callable[..., str]


def random_dates(n: int, seed: int) -> list[dt.date]:
    rng = random.Random(seed)
    start = dt.date(1940, 1, 1).toordinal()
    return [dt.date.fromordinal(rng.randrange(start, start + 36_500)) for _ in range(n)]


@pytest.mark.parametrize("born", random_dates(200, seed=1))
def test_valid_numbers_are_accepted(born: dt.date, national_id: MakeNumber) -> None:
    number = national_id(born, start=born.toordinal() % 900)
    assert validate_national_id(number) == number


@pytest.mark.parametrize("born", random_dates(50, seed=2))
def test_d_numbers_are_accepted(born: dt.date, national_id: MakeNumber) -> None:
    number = national_id(born, day_offset=40)
    assert int(number[0]) >= 4
    assert validate_national_id(number) == number


@pytest.mark.parametrize("month_offset", [40, 80])
@pytest.mark.parametrize("born", random_dates(25, seed=3))
def test_synthetic_test_numbers_are_accepted(born: dt.date, month_offset: int, national_id: MakeNumber) -> None:
    assert validate_national_id(national_id(born, month_offset=month_offset))
    assert validate_national_id(national_id(born, day_offset=40, month_offset=month_offset))


def test_leap_day_and_surrounding_whitespace(national_id: MakeNumber) -> None:
    number = national_id(dt.date(2000, 2, 29))
    assert validate_national_id(f"  {number}\n") == number


def corrupt_check_digit(number: str) -> str:
    return number[:10] + str((int(number[10]) + 1) % 10)


@pytest.mark.parametrize(
    ("make_bad", "message"),
    [
        (lambda n: corrupt_check_digit(n), BAD_CHECK_DIGITS),
        (lambda n: n[:9] + str((int(n[9]) + 3) % 10) + n[10], BAD_CHECK_DIGITS),
        (lambda n: n[:10], NOT_ELEVEN_DIGITS),
        (lambda n: n + "0", NOT_ELEVEN_DIGITS),
        (lambda n: n[:5] + "A" + n[6:], NOT_ELEVEN_DIGITS),
        (lambda n: n[:6] + " " + n[6:], NOT_ELEVEN_DIGITS),
        (lambda n: n[:3] + "\u0663" + n[4:], NOT_ELEVEN_DIGITS),
        (lambda n: "", NOT_ELEVEN_DIGITS),
    ],
)
def test_malformed_numbers_are_rejected_without_echo(
    make_bad: Callable[[str], str], message: str, national_id: MakeNumber
) -> None:
    bad = make_bad(national_id(dt.date(1985, 7, 14)))
    with pytest.raises(InvalidInputError) as caught:
        validate_national_id(bad)
    assert str(caught.value) == message
    assert not bad or bad not in str(caught.value)
    assert not any(bad and bad in repr(arg) for arg in caught.value.args)


@pytest.mark.parametrize(
    "date_part",
    [
        "320185",
        "000185",
        "310485",
        "290201",
        "300200",
        "011385",
        "010085",
        "720185",
        "710485",
        "014085",
        "015385",
        "019385",
    ],
)
def test_impossible_dates_are_rejected(date_part: str, check_digits: Callable[[str], str | None]) -> None:
    for individual in range(1000):
        nine = f"{date_part}{individual:03d}"
        control = check_digits(nine)
        if control is not None:
            number = nine + control
            break
    with pytest.raises(InvalidInputError, match=BAD_DATE) as caught:
        validate_national_id(number)
    assert number not in str(caught.value)


def test_not_a_string_is_rejected() -> None:
    with pytest.raises(InvalidInputError, match=NOT_ELEVEN_DIGITS):
        validate_national_id(12345678901)  # type: ignore[arg-type]


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
        person_key(corrupt_check_digit(national_id(dt.date(1990, 3, 1))), secret=SECRET)
    with pytest.raises(ValueError, match="16 bytes"):
        person_key(national_id(dt.date(1990, 3, 1)), secret=b"short")


def test_numbers_in_free_text_are_found_and_redacted(national_id: MakeNumber) -> None:
    number = national_id(dt.date(1977, 12, 24))
    spaced = f"{number[:6]} {number[6:]}"
    text = f"Spoke with {number} and {spaced}; phone 22334455, case 12345678901."
    assert contains_national_id(text)
    assert not contains_national_id("phone 22334455, case 12345678901, amount 1000000000000")
    redacted = redact_national_ids(text)
    assert number not in redacted and spaced not in redacted
    assert redacted.count("[redacted]") == 2
    assert "12345678901" in redacted and "22334455" in redacted
