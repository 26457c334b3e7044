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
"""

from __future__ import annotations


class ProfilingError(Exception):
    """Base class of every error this project raises on purpose."""


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
