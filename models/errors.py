"""Domain errors of the profiling service.

Every package raises these, never HTTP errors; ``service/`` maps them to status codes in one place.

::

    ProfilingError
    ├── InvalidInputError          bad profile, bad data file, bad identity number
    │   └── InvalidDataFileError   a training/import file that does not fit the schema
    ├── ModelUnavailableError      no champion registered, registry unreachable, bad artifact
    ├── PromotionRefusedError      a candidate failed one or more promotion gates
    ├── RecordNotFoundError        an assessment (or other record) that does not exist
    ├── ConflictError              a write that contradicts an earlier one (e.g. idempotency key reuse)
    ├── StorageUnavailableError    the records database cannot be reached
    ├── ConfigurationError         a setting or secret that cannot work (e.g. a person key secret too short)
    └── InvalidTokenError          (service.auth) a bearer token that is missing, malformed, expired or wrongly signed

An error that a request to the service can raise carries a key of :data:`models.texts.ERROR_DETAILS` and its
parameters, ``ConflictError(ILLEGAL_TRANSITION, kind="approval", state="decided")``, so that the service can write
its detail in the language the request asks for (:meth:`ProfilingError.detail`); ``str(error)`` is the English
sentence, for logs and the command lines. An error only a command line or a misconfigured start can raise may carry
a plain English message instead.
"""

from __future__ import annotations

from models.keyed import keyed_text
from models.texts import (
    CASE_STATE_TEXTS,
    ERROR_DETAILS,
    ERROR_FIELD_NAMES,
    EVENT_KIND_TEXTS,
    LEVEL_NAMES,
    PROMOTION_STATUS_TEXTS,
    ROLE_TEXTS,
    TRIAL_KIND_TEXTS,
    Language,
    Text,
)

LABELLED_PARAMETERS: dict[str, dict[str, Text]] = {
    "state": CASE_STATE_TEXTS,
    "kind": EVENT_KIND_TEXTS,
    "promotion_status": PROMOTION_STATUS_TEXTS,
    "role": ROLE_TEXTS,
    "name": ERROR_FIELD_NAMES,
    "trial_kind": TRIAL_KIND_TEXTS,
    "level": LEVEL_NAMES,
}
"""The parameters of an error detail that are codes, each with the table of its labels: a person reads the label
(a code without one, such as a field's own name, is shown as it is)."""


class ProfilingError(Exception):
    """Base class of every error this project raises on purpose.

    Parameters
    ----------
    message : str
        A key of :data:`models.texts.ERROR_DETAILS`, or (only for an error no request can raise) an English message.
    **params : object
        The placeholders of the keyed text. A parameter named in :data:`LABELLED_PARAMETERS` is a code shown as its
        label; a parameter that is itself a :class:`ProfilingError` is shown as its detail in the same language.

    Raises
    ------
    TypeError
        When parameters come with a message that is not a key (a typo in a key would otherwise pass silently).

    Examples
    --------
    >>> error = ProfilingError("illegal_transition", kind="approval", state="decided")
    >>> print(error)
    approval cannot be recorded: the case's status is "Decided"
    >>> error.detail("nn")
    'godkjenning kan ikkje registrerast: saka har status «Avgjord»'
    >>> ProfilingError("plain English").detail("nb")
    'plain English'
    """

    def __init__(self, message: str, /, **params: object) -> None:
        self.key = message if message in ERROR_DETAILS else None
        if self.key is None and params:
            raise TypeError(f"{message!r} is not a key of ERROR_DETAILS, so it takes no parameters")
        self.params = params
        super().__init__(self.detail("en") if self.key is not None else message)

    def detail(self, lang: Language) -> str:
        """The error's detail in ``lang``: the keyed text with its parameters, or the plain message as it is."""
        if self.key is None:
            return str(self.args[0])
        values = {
            name: value.detail(lang) if isinstance(value, ProfilingError) else value
            for name, value in self.params.items()
        }
        return keyed_text(ERROR_DETAILS, self.key, values, lang, labels=LABELLED_PARAMETERS)


def keyed_cause(error: BaseException | None) -> ProfilingError | None:
    """The keyed :class:`ProfilingError` that ``error`` is or was raised from (``raise ValueError(...) from exc``, as
    validators do for pydantic), or ``None``.

    Examples
    --------
    >>> try:
    ...     try:
    ...         raise InvalidInputError("bad_batch")
    ...     except InvalidInputError as exc:
    ...         raise ValueError(str(exc)) from exc
    ... except ValueError as exc:
    ...     keyed_cause(exc).key
    'bad_batch'
    """
    while error is not None:
        if isinstance(error, ProfilingError) and error.key is not None:
            return error
        error = error.__cause__
    return None


class InvalidInputError(ProfilingError):
    """Input that does not satisfy the model contract."""


class InvalidDataFileError(InvalidInputError):
    """A data file whose columns or values do not fit the profile schema."""


class ModelUnavailableError(ProfilingError):
    """No usable model could be loaded."""


class PromotionRefusedError(ProfilingError):
    """A candidate model did not pass the promotion gates."""


class RecordNotFoundError(ProfilingError):
    """A record that was asked for does not exist."""


class ConflictError(ProfilingError):
    """A write that contradicts an earlier write."""


class ForbiddenError(ProfilingError):
    """The caller may not do this to this record: another office's case, approving without approver rights, or
    approving or reviewing one's own decision (the rule of four eyes).
    """


class StorageUnavailableError(ProfilingError):
    """The records database cannot be reached."""


class ConfigurationError(ProfilingError):
    """A setting or secret that cannot work."""
