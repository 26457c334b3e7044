"""The kinds of event in the chain and what each one holds (obligations: audit trail, human oversight, access).

An event's ``payload`` is JSON whose schema depends on its ``kind``. The schemas live here, in code, so that a new
kind (a trial draw, a model event) is a new member of :class:`EventKind` and a payload class, and needs no migration.
A payload is validated before it is hashed and stored; free text in it is held to the rule of a decision's
justification (:func:`checked_text`), because an append-only record cannot be cleaned later. The reason of a return
and the justification of a review are justifications too (:func:`checked_justification`): long enough to say why.

===================  ====================================================  ==========================================
kind                 recorded when                                         payload
===================  ====================================================  ==========================================
assessed             an assessment is written (in the same transaction)    ``blind_first`` when set; the event pins
                                                                           the assessment's hash in ``assessment_hash``
provisional_level    blind-first: the counsellor's level, before the       ``level``
                     suggestion is shown
approval             a second person approves a decision on a permanent    ``decision_id``
                     level
return               ... or returns it to the counsellor                   ``decision_id``, ``reason``
objection            the jobseeker objects to a decision                   ``decision_id``, ``channel``,
                                                                           ``received_on``, ``text``
review               another counsellor closes the objection: upheld, or   ``outcome``, ``justification``
                     superseded by a new decision recorded before it
subject_access       an auditor looks up everything held about a person    ``person_key``, ``purpose``
documentation        with a decision (in the same transaction): what the   ``decision_id``, ``factors``, ``wishes``,
                     counsellor considered, the jobseeker's wishes and     ``channel``
                     preferred follow-up channel
promotion_requested  a data scientist asks for a model version to become   ``model``, ``version``, ``champion``,
                     ``champion`` (a rollback when it was champion         ``rollback``, ``gates``, ``loosened``,
                     before), with the gates' results                      ``reason``, ``review``
promotion_approved   a second data scientist approves the request          ``request_id``, ``model``, ``version``,
                     (``self_approved_bootstrap``: a fresh install's       ``self_approved_bootstrap``
                     first champion, approved by the same process)
promotion_rejected   ... or rejects it                                     ``request_id``, ``model``, ``version``,
                                                                           ``reason``
alias_moved          the ``champion`` alias moved after an approval: the   ``model``, ``version``, ``previous``,
                     service serves only versions moved so                 ``request_id``, ``approval_id``
===================  ====================================================  ==========================================

Every kind but ``subject_access`` and the model events (:data:`MODEL_EVENTS`) belongs to a case: it names an
assessment. A model event names no assessment and no office.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from models.errors import InvalidInputError
from models.national_id import contains_national_id
from models.policy import ConsideredFactor, FollowUpChannel, FollowUpLevel
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
    DOCUMENTATION = "documentation"
    PROMOTION_REQUESTED = "promotion_requested"
    PROMOTION_APPROVED = "promotion_approved"
    PROMOTION_REJECTED = "promotion_rejected"
    ALIAS_MOVED = "alias_moved"


class ObjectionChannel(StrEnum):
    """How the jobseeker's objection reached the office."""

    DIGITAL = "digital"
    LETTER = "letter"
    IN_PERSON = "in_person"
    PHONE = "phone"


class GateStatus(StrEnum):
    """What a promotion gate said: ``not applicable`` when it could not be evaluated (it does not stop a promotion)."""

    PASSED = "pass"
    FAILED = "fail"
    NOT_APPLICABLE = "not applicable"


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


def _optional_text(value: str) -> str:
    try:
        return checked_text(value, name="the text")
    except InvalidInputError as exc:
        raise ValueError(str(exc)) from exc


FreeText = Annotated[str, AfterValidator(_text)]
OptionalText = Annotated[str, AfterValidator(_optional_text)]
"""Free text that may be empty (a review reference not given)."""
Justification = Annotated[str, AfterValidator(_justification)]
"""Free text that must say why: at least the minimum of :func:`checked_payload`'s context."""
RecordId = Annotated[str, StringConstraints(min_length=1, max_length=36)]
PersonKey = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
ModelName = Annotated[str, StringConstraints(min_length=1, max_length=128)]
ModelVersion = Annotated[str, StringConstraints(pattern=r"^[1-9][0-9]{0,9}$")]


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Assessed(_Payload):
    """The event's ``assessment_hash`` is the fact; ``blind_first`` says the suggestion waits for a provisional level
    (absent, and so false, in the events of assessments recorded without it).
    """

    blind_first: bool = False


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


class Documentation(_Payload):
    """What the needs assessment weighed: one or more factors, the jobseeker's own wishes (``None``: none stated),
    and the follow-up channel the jobseeker prefers (asked, never assumed).
    """

    decision_id: RecordId
    factors: Annotated[list[ConsideredFactor], Field(min_length=1, max_length=len(ConsideredFactor))]
    wishes: FreeText | None = None
    channel: FollowUpChannel

    @field_validator("factors")
    @classmethod
    def _once_each(cls, factors: list[ConsideredFactor]) -> list[ConsideredFactor]:
        if len(set(factors)) != len(factors):
            raise ValueError("each factor at most once")
        return factors


class SubjectAccess(_Payload):
    person_key: PersonKey
    purpose: FreeText


class Gate(_Payload):
    """One promotion gate's result, as the requester saw it (``value`` is ``None`` when not applicable)."""

    gate: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    status: GateStatus
    value: float | None
    limit: float
    note: OptionalText = ""


class LoosenedLimit(_Payload):
    """A gate limit set looser than its default in ``models/gates.py``, and where it was set."""

    limit: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    value: float
    default: float
    source: Annotated[str, StringConstraints(min_length=1, max_length=128)]


class PromotionRequested(_Payload):
    model: ModelName
    version: ModelVersion
    champion: ModelVersion | None
    rollback: bool
    gates: tuple[Gate, ...]
    loosened: tuple[LoosenedLimit, ...]
    reason: FreeText
    review: OptionalText


class PromotionApproved(_Payload):
    request_id: RecordId
    model: ModelName
    version: ModelVersion
    self_approved_bootstrap: bool = False


class PromotionRejected(_Payload):
    request_id: RecordId
    model: ModelName
    version: ModelVersion
    reason: FreeText


class AliasMoved(_Payload):
    model: ModelName
    version: ModelVersion
    previous: ModelVersion | None
    request_id: RecordId
    approval_id: RecordId


PAYLOADS: dict[EventKind, type[_Payload]] = {
    EventKind.ASSESSED: Assessed,
    EventKind.DOCUMENTATION: Documentation,
    EventKind.PROVISIONAL_LEVEL: ProvisionalLevel,
    EventKind.APPROVAL: Approval,
    EventKind.RETURN: Return,
    EventKind.OBJECTION: Objection,
    EventKind.REVIEW: Review,
    EventKind.SUBJECT_ACCESS: SubjectAccess,
    EventKind.PROMOTION_REQUESTED: PromotionRequested,
    EventKind.PROMOTION_APPROVED: PromotionApproved,
    EventKind.PROMOTION_REJECTED: PromotionRejected,
    EventKind.ALIAS_MOVED: AliasMoved,
}
MODEL_EVENTS = frozenset(
    {EventKind.PROMOTION_REQUESTED, EventKind.PROMOTION_APPROVED, EventKind.PROMOTION_REJECTED, EventKind.ALIAS_MOVED}
)
"""Kinds that record the life of a model: promotion requests, their approval or rejection, and alias moves."""
NOT_ON_A_CASE = frozenset({EventKind.SUBJECT_ACCESS, *MODEL_EVENTS})
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
