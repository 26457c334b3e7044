"""The kinds of event in the chain and what each one holds (obligations: audit trail, human oversight, access).

An event's ``payload`` is JSON whose schema depends on its ``kind``. The schemas live here, in code, so that a new
kind (a trial draw, a model event) is a new member of :class:`EventKind` and a payload class, and needs no migration.
A payload is validated before it is hashed and stored; free text in it is held to the rule of a decision's
justification (:func:`checked_text`), because an append-only record cannot be cleaned later. The reason of a return
and the justification of a review are justifications too (:func:`checked_justification`): long enough to say why.

=================  ====================================================  ==========================================
kind               recorded when                                         payload
=================  ====================================================  ==========================================
assessed           an assessment is written (in the same transaction)    nothing: the event pins the assessment's
                                                                         hash in ``assessment_hash``
provisional_level  blind-first: the counsellor's level, before the       ``level``
                   suggestion is shown
approval           a second person approves a decision on a permanent    ``decision_id``
                   level
return             ... or returns it to the counsellor                   ``decision_id``, ``reason``
objection          the jobseeker objects to a decision                   ``decision_id``, ``channel``,
                                                                         ``received_on``, ``text``
review             another counsellor closes the objection: upheld, or   ``outcome``, ``justification``
                   superseded by a new decision recorded before it
subject_access     an auditor looks up everything held about a person    ``person_key``, ``purpose``
=================  ====================================================  ==========================================

Every kind but ``subject_access`` belongs to a case: it names an assessment.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints, ValidationError, ValidationInfo

from models.errors import InvalidInputError
from models.national_id import contains_national_id
from models.policy import FollowUpLevel
from models.texts import REASON_TEXTS

MAX_TEXT = 4_000
MIN_JUSTIFICATION = 20
"""The fewest characters (after trimming) of a justification, unless the caller says otherwise (a setting)."""

BAD_KIND = "kind is not a kind of event"
TEXT_TOO_LONG = f"{{name}} must be at most {MAX_TEXT} characters"
TEXT_HAS_ID = "{name} must not contain a national identity number"
TEXT_EMPTY = "{name} must not be empty"
TEXT_TOO_SHORT = "{name} must be at least {minimum} characters long, not counting leading and trailing spaces"
TEXT_REPEATS_LABEL = "{name} must say why, not only repeat the reason code's label"
MIN_CHARS = "min_justification_chars"
"""The key of the minimum in the validation context of :func:`checked_payload`."""


class EventKind(StrEnum):
    """What an event records (see the table in the module docstring)."""

    ASSESSED = "assessed"
    PROVISIONAL_LEVEL = "provisional_level"
    APPROVAL = "approval"
    RETURN = "return"
    OBJECTION = "objection"
    REVIEW = "review"
    SUBJECT_ACCESS = "subject_access"


class ObjectionChannel(StrEnum):
    """How the jobseeker's objection reached the office."""

    DIGITAL = "digital"
    LETTER = "letter"
    IN_PERSON = "in_person"
    PHONE = "phone"


class ReviewOutcome(StrEnum):
    """How a review ends: the decision stands, or a new decision by another counsellor replaces it."""

    UPHELD = "upheld"
    SUPERSEDED = "superseded"


def checked_text(value: str, *, name: str) -> str:
    """Free text as it may be stored for good: trimmed, at most :data:`MAX_TEXT` characters, no identity number.

    Parameters
    ----------
    value : str
        The text as given.
    name : str
        The field's name, for the message.

    Returns
    -------
    str
        The text without leading and trailing whitespace.

    Raises
    ------
    InvalidInputError
        When the text is too long or holds a national identity number.

    Examples
    --------
    >>> checked_text("  Needs an interpreter. ", name="reason")
    'Needs an interpreter.'
    """
    if len(value) > MAX_TEXT:
        raise InvalidInputError(TEXT_TOO_LONG.format(name=name))
    if contains_national_id(value):
        raise InvalidInputError(TEXT_HAS_ID.format(name=name))
    return value.strip()


def _plain(text: str) -> str:
    """The text as the label comparison sees it: no case, no whitespace, no trailing punctuation."""
    return "".join(text.casefold().split()).rstrip(string.punctuation + "…")


_LABELS = {code: frozenset(_plain(label) for label in labels) for code, labels in REASON_TEXTS.items()}
"""Each reason code's label in every language, as :func:`_plain` sees it."""


def checked_justification(
    value: str, *, name: str, minimum: int = MIN_JUSTIFICATION, reason_code: str | None = None
) -> str:
    """Free text that says why (:func:`checked_text`, and more): at least ``minimum`` characters after trimming and,
    with a reason code, more than that reason's label in any language (a label alone gives no reason).

    Parameters
    ----------
    value : str
        The text as given.
    name : str
        The field's name, for the message.
    minimum : int, default :data:`MIN_JUSTIFICATION`
        The fewest characters after trimming.
    reason_code : str or None
        The :class:`~models.policy.OverrideReason` value the text justifies; ``None`` when there is none (a return,
        a review), and then only the length counts.

    Returns
    -------
    str
        The text without leading and trailing whitespace.

    Raises
    ------
    InvalidInputError
        When :func:`checked_text` refuses the text, when it only repeats the reason's label, or when it is too short.

    Examples
    --------
    >>> checked_justification(" Trenger tolk i samtalene. ", name="justification", reason_code="HEALTH")
    'Trenger tolk i samtalene.'
    >>> checked_justification("Repeat  spells.", name="justification", minimum=5, reason_code="REPEAT_SPELLS")
    Traceback (most recent call last):
    ...
    models.errors.InvalidInputError: justification must say why, not only repeat the reason code's label
    """
    text = checked_text(value, name=name)
    if reason_code is not None and _plain(text) in _LABELS.get(reason_code, frozenset()):
        raise InvalidInputError(TEXT_REPEATS_LABEL.format(name=name))
    if len(text) < minimum:
        raise InvalidInputError(TEXT_TOO_SHORT.format(name=name, minimum=minimum))
    return text


def _text(value: str) -> str:
    try:
        text = checked_text(value, name="the text")
    except InvalidInputError as exc:
        raise ValueError(str(exc)) from exc
    if not text:
        raise ValueError(TEXT_EMPTY.format(name="the text"))
    return text


def _justification(value: str, info: ValidationInfo) -> str:
    minimum = (info.context or {}).get(MIN_CHARS, MIN_JUSTIFICATION)
    try:
        return checked_justification(_text(value), name="the text", minimum=minimum)
    except InvalidInputError as exc:
        raise ValueError(str(exc)) from exc


FreeText = Annotated[str, AfterValidator(_text)]
Justification = Annotated[str, AfterValidator(_justification)]
"""Free text that must say why: at least the minimum of :func:`checked_payload`'s context."""
RecordId = Annotated[str, StringConstraints(min_length=1, max_length=36)]
PersonKey = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Assessed(_Payload):
    """Nothing: the event's ``assessment_hash`` is the fact."""


class ProvisionalLevel(_Payload):
    level: FollowUpLevel


class Approval(_Payload):
    decision_id: RecordId


class Return(_Payload):
    decision_id: RecordId
    reason: Justification


class Objection(_Payload):
    decision_id: RecordId
    channel: ObjectionChannel
    received_on: dt.date
    text: FreeText


class Review(_Payload):
    outcome: ReviewOutcome
    justification: Justification


class SubjectAccess(_Payload):
    person_key: PersonKey
    purpose: FreeText


PAYLOADS: dict[EventKind, type[_Payload]] = {
    EventKind.ASSESSED: Assessed,
    EventKind.PROVISIONAL_LEVEL: ProvisionalLevel,
    EventKind.APPROVAL: Approval,
    EventKind.RETURN: Return,
    EventKind.OBJECTION: Objection,
    EventKind.REVIEW: Review,
    EventKind.SUBJECT_ACCESS: SubjectAccess,
}
NOT_ON_A_CASE = frozenset({EventKind.SUBJECT_ACCESS})
"""Kinds that name no assessment; every other kind names one."""


def checked_payload(
    kind: str, payload: Mapping[str, Any], *, min_justification_chars: int = MIN_JUSTIFICATION
) -> tuple[EventKind, dict[str, Any]]:
    """The kind and its payload as they are stored: validated against the kind's schema, as JSON values.

    Parameters
    ----------
    kind : str
        An :class:`EventKind` value.
    payload : Mapping[str, Any]
        What the event records; exactly the fields of the kind's schema.
    min_justification_chars : int, default :data:`MIN_JUSTIFICATION`
        The fewest characters (after trimming) of a justification: a return's ``reason``, a review's
        ``justification``.

    Returns
    -------
    tuple[EventKind, dict[str, Any]]
        The kind, and the payload with enums as their values, dates in ISO format and text trimmed.

    Raises
    ------
    InvalidInputError
        For an unknown kind, or naming the first field of the payload that does not fit (``payload.<field>``).

    Examples
    --------
    >>> checked_payload("provisional_level", {"level": "STANDARD_INNSATS"})
    (<EventKind.PROVISIONAL_LEVEL: 'provisional_level'>, {'level': 'STANDARD_INNSATS'})
    """
    if kind not in set(EventKind):
        raise InvalidInputError(BAD_KIND)
    event_kind = EventKind(kind)
    try:
        checked = PAYLOADS[event_kind].model_validate(payload, context={MIN_CHARS: min_justification_chars})
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in ("payload", *error["loc"]))
        reason = str(error.get("ctx", {}).get("error", error["msg"]))
        raise InvalidInputError(f"{where}: {reason}") from exc
    return event_kind, checked.model_dump(mode="json")
