"""The pseudonymous person key (obligation: data minimisation).

The records never hold an identity number (*fødselsnummer* or D-number). The service validates the number once
(:mod:`models.national_id`), turns it into a keyed hash (HMAC-SHA256 with a secret kept outside the database) and
forgets it.
"""

from __future__ import annotations

import hashlib
import hmac

from models.errors import ConfigurationError
from models.national_id import validate_national_id

KEY_TOO_SHORT = "person key secret: must be at least 16 bytes"

MIN_SECRET_BYTES = 16


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
    models.errors.InvalidInputError
        When the number is malformed (see :func:`models.national_id.validate_national_id`).
    ConfigurationError
        When the secret is shorter than 16 bytes.
    """
    if len(secret) < MIN_SECRET_BYTES:
        raise ConfigurationError(KEY_TOO_SHORT)
    digits = validate_national_id(national_id)
    return hmac.new(secret, digits.encode("ascii"), hashlib.sha256).hexdigest()
