"""Identity numbers: validation (ordinary, D-numbers, synthetic test numbers), messages that never echo the number,
finding numbers in free text, and the vectorised check digits the synthetic population uses."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

import numpy as np
import pytest

from models.errors import InvalidInputError
from models.national_id import (
    BAD_CHECK_DIGITS,
    BAD_DATE,
    NOT_ELEVEN_DIGITS,
    append_check_digits,
    contains_national_id,
    redact_national_ids,
    validate_national_id,
)

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
    assert caught.value.key == message
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
    with pytest.raises(InvalidInputError, match=str(InvalidInputError(BAD_DATE))) as caught:
        validate_national_id(number)
    assert number not in str(caught.value)


def test_not_a_string_is_rejected() -> None:
    with pytest.raises(InvalidInputError, match=str(InvalidInputError(NOT_ELEVEN_DIGITS))):
        validate_national_id(12345678901)  # type: ignore[arg-type]


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


def test_vectorised_check_digits_agree_with_validation() -> None:
    rng = np.random.default_rng(7)
    days = rng.integers(1, 29, 2_000)
    months = rng.integers(1, 13, 2_000) + 80
    stems = ((days * 100 + months) * 100 + rng.integers(0, 100, 2_000)) * 1000 + rng.integers(0, 1000, 2_000)
    numbers = append_check_digits(stems)
    assert (numbers == -1).any() and (numbers > 0).any()
    for stem, number in zip(stems, numbers, strict=True):
        if number == -1:
            with pytest.raises(InvalidInputError, match=str(InvalidInputError(BAD_CHECK_DIGITS))):
                validate_national_id(f"{stem:09d}00")
            assert all(_fails(f"{stem:09d}{tail:02d}") for tail in range(100))
        else:
            assert validate_national_id(f"{number:011d}") == f"{number:011d}"


def _fails(number: str) -> bool:
    try:
        validate_national_id(number)
    except InvalidInputError:
        return True
    return False
