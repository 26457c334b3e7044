"""Norwegian national identity numbers and the pseudonymous person key (obligation: data minimisation).

The records never hold an identity number (*fødselsnummer* or D-number). The service validates the number once,
turns it into a keyed hash (HMAC-SHA256 with a secret kept outside the database) and forgets it. Error messages
never repeat the number, and free text can be checked for numbers before it is stored.
"""

from __future__ import annotations

import calendar
import hashlib
import hmac
import re

from models.errors import InvalidInputError

NOT_ELEVEN_DIGITS = "national identity number: must be exactly 11 digits"
BAD_CHECK_DIGITS = "national identity number: check digits do not match"
BAD_DATE = "national identity number: the date part is not a valid date"
KEY_TOO_SHORT = "person key secret: must be at least 16 bytes"

MIN_SECRET_BYTES = 16
_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
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
    first = _check_digit(digits[:9], _WEIGHTS_1)
    second = _check_digit(digits[:10], _WEIGHTS_2)
    if first is None or second is None or digits[9:] != f"{first}{second}":
        raise InvalidInputError(BAD_CHECK_DIGITS)
    if not _valid_date(digits):
        raise InvalidInputError(BAD_DATE)
    return digits


def person_key(national_id: str, *, secret: bytes) -> str:
    """The pseudonymous key stored instead of the identity number: HMAC-SHA256 of the validated number.

    Parameters
    ----------
    national_id : str
        A national identity number, D-number or synthetic test number.
    secret : bytes
        The keying secret (``PROFILING_PERSON_KEY``), at least 16 bytes. Without it the key cannot be linked back
        to a person, even by trying every possible number.

    Returns
    -------
    str
        64 lower-case hex digits; the same for the same number and secret.

    Raises
    ------
    InvalidInputError
        When the number is malformed (see :func:`validate_national_id`).
    ValueError
        When the secret is shorter than 16 bytes.
    """
    if len(secret) < MIN_SECRET_BYTES:
        raise ValueError(KEY_TOO_SHORT)
    digits = validate_national_id(national_id)
    return hmac.new(secret, digits.encode("ascii"), hashlib.sha256).hexdigest()


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
