"""Norwegian national identity numbers: the input contract's rule (obligation: data minimisation).

A *fødselsnummer*, D-number or synthetic test number is 11 digits whose first six are a date and whose last two are
mod-11 check digits. This is the one implementation of that rule: the service validates what it receives with
:func:`validate_national_id`, the synthetic population draws its numbers with :func:`append_check_digits`, and the
records check free text with :func:`contains_national_id` before storing it. Error messages never repeat the number.
"""

from __future__ import annotations

import calendar
import re

import numpy as np

from models.errors import InvalidInputError

NOT_ELEVEN_DIGITS = "national_id_not_eleven_digits"
BAD_CHECK_DIGITS = "national_id_bad_check_digits"
BAD_DATE = "national_id_bad_date"
"""Keys of :data:`models.texts.ERROR_DETAILS`."""

CHECK_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
"""Weights of the first check digit over digits 1–9."""
CHECK_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
"""Weights of the second check digit over digits 1–10."""
_D_NUMBER_DAY_OFFSET = 40
_SYNTHETIC_MONTH_OFFSETS = (0, 40, 80)
_CANDIDATE = re.compile(r"(?<!\d)\d{6}[ ]?\d{5}(?!\d)")


def _check_digit(digits: str, weights: tuple[int, ...]) -> int | None:
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    if remainder == 1:
        return None
    return 0 if remainder == 0 else 11 - remainder


def _valid_date(digits: str) -> bool:
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    if day > _D_NUMBER_DAY_OFFSET:
        day -= _D_NUMBER_DAY_OFFSET
    month = next((month - off for off in reversed(_SYNTHETIC_MONTH_OFFSETS) if month > off), month)
    if not 1 <= month <= 12:
        return False
    # Any two-digit year divisible by 4 is a leap year in some century the number could belong to (2000 is one).
    return 1 <= day <= calendar.monthrange(2000 + year, month)[1]


def validate_national_id(value: str) -> str:
    """Check a national identity number (fødselsnummer), D-number or synthetic test number.

    Accepts 11 digits whose two mod-11 check digits match and whose first six digits are a date: day + 40 for a
    D-number, month + 40 (NAV) or month + 80 (Skatteetaten) for synthetic test numbers. The century is not checked
    against the individual number, only that the day exists in the month (29 February in years divisible by 4).

    Parameters
    ----------
    value : str
        The number, 11 ASCII digits (surrounding whitespace is ignored).

    Returns
    -------
    str
        The number as 11 digits.

    Raises
    ------
    InvalidInputError
        When the number is malformed; the message never contains the number.

    Examples
    --------
    >>> validate_national_id("01010000047")
    Traceback (most recent call last):
    ...
    models.errors.InvalidInputError: national identity number: check digits do not match
    """
    digits = value.strip() if isinstance(value, str) else ""
    if len(digits) != 11 or not (digits.isascii() and digits.isdigit()):
        raise InvalidInputError(NOT_ELEVEN_DIGITS)
    first = _check_digit(digits[:9], CHECK_WEIGHTS_1)
    second = _check_digit(digits[:10], CHECK_WEIGHTS_2)
    if first is None or second is None or digits[9:] != f"{first}{second}":
        raise InvalidInputError(BAD_CHECK_DIGITS)
    if not _valid_date(digits):
        raise InvalidInputError(BAD_DATE)
    return digits


def _is_national_id(candidate: str) -> bool:
    try:
        validate_national_id(candidate.replace(" ", ""))
    except InvalidInputError:
        return False
    return True


def contains_national_id(text: str) -> bool:
    """Whether free text holds something that validates as an identity number (11 digits, or 6 + space + 5).

    Parameters
    ----------
    text : str
        Free text, e.g. a counsellor's justification.

    Returns
    -------
    bool
        True when at least one valid number occurs in the text.
    """
    return any(_is_national_id(match.group()) for match in _CANDIDATE.finditer(text))


def redact_national_ids(text: str) -> str:
    """Replace every valid identity number in free text with ``[redacted]``.

    Parameters
    ----------
    text : str
        Free text.

    Returns
    -------
    str
        The text without identity numbers.

    Examples
    --------
    >>> redact_national_ids("no number here: 12345678901")
    'no number here: 12345678901'
    """
    return _CANDIDATE.sub(lambda m: "[redacted]" if _is_national_id(m.group()) else m.group(), text)


def append_check_digits(stems: np.ndarray) -> np.ndarray:
    """Append the two mod-11 check digits to 9-digit stems, vectorised; -1 where a check digit would be 10.

    Parameters
    ----------
    stems : numpy.ndarray
        Non-negative integers below 10**9 (the date and the individual number).

    Returns
    -------
    numpy.ndarray
        The 11-digit numbers as integers, or -1 where no valid number has this stem.

    Examples
    --------
    >>> int(append_check_digits(np.array([150190100]))[0])
    15019010063
    """
    digits = (stems[:, None] // 10 ** np.arange(8, -1, -1)) % 10
    weights_1 = np.array(CHECK_WEIGHTS_1)
    weights_2 = np.array(CHECK_WEIGHTS_2)
    first = (11 - digits @ weights_1 % 11) % 11
    second = (11 - (digits @ weights_2[:9] + weights_2[9] * first) % 11) % 11
    return np.where((first == 10) | (second == 10), -1, stems * 100 + first * 10 + second)
