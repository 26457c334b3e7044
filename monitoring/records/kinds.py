"""The kinds of event in the chain and what each one holds (obligations: audit trail, human oversight, access).

An event's ``payload`` is JSON whose schema depends on its ``kind``. The schemas live here, in code, so that a new
kind (a trial draw, a model event) is a new member of :class:`EventKind` and a payload class, and needs no migration.
A payload is validated before it is hashed and stored; free text in it is held to the rule of a decision's
justification (:func:`checked_text`), because an append-only record cannot be cleaned later. The reason of a return
and the justification of a review are justifications too (:func:`checked_justification`): long enough to say why.

===================  ====================================================  ==========================================
kind                 recorded when                                         payload
===================  ====================================================  ==========================================
assessed             an assessment is written (in the same transaction)    ``blind_first`` when set;
                                                                           ``rule_outcome`` (today's rule, in shadow)
                                                                           when scored; ``trial_consent`` when the
                                                                           jobseeker agreed to take part in trials;
                                                                           ``display_trial`` and ``display_seed`` in a
                                                                           display trial (the arm is ``blind_first``);
                                                                           the event pins the assessment's hash in
                                                                           ``assessment_hash``
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
                     before), with the gates' results; a policy change     ``reason``, ``review``; ``policy_version``
                     (``set-policy``) asks so for a new version holding    when the request changes the policy
                     the same model with the new policy
promotion_approved   a second data scientist approves the request          ``request_id``, ``model``, ``version``,
                     (``self_approved_bootstrap``: a fresh install's       ``self_approved_bootstrap``
                     first champion, approved by the same process)
promotion_rejected   ... or rejects it                                     ``request_id``, ``model``, ``version``,
                                                                           ``reason``
alias_moved          the ``champion`` alias moved after an approval: the   ``model``, ``version``, ``previous``,
                     service serves only versions moved so                 ``request_id``, ``approval_id``
trial_defined        a data scientist defines a controlled trial (on no    ``trial_id``, ``kind``, ``decision_point``,
                     case)                                                 ``eligible_offices``, ``starts_on``,
                                                                           ``ends_on``, ``protocol_reference``,
                                                                           ``target_sample_size``
trial_draw           the counsellor marked two or more levels equally      ``trial_id``, ``options``, ``seed``,
                     suitable and the service drew one (the arm): the      ``drawn``
                     decision then decides the drawn level
===================  ====================================================  ==========================================

Every kind but ``subject_access``, ``trial_defined`` and the model events (:data:`MODEL_EVENTS`) belongs to a case:
it names an assessment. A model event names no assessment and no office.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping, Sequence
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
    model_validator,
)

from models.errors import InvalidInputError, keyed_cause
from models.national_id import contains_national_id
from models.policy import SUGGESTABLE_LEVELS, ConsideredFactor, FollowUpChannel, FollowUpLevel
from models.rule import RuleOutcome
from models.texts import REASON_TEXTS

MAX_TEXT = 4_000
MIN_JUSTIFICATION = 20
"""The fewest characters (after trimming) of a justification, unless the caller says otherwise (a setting)."""

BAD_KIND = "bad_kind"
PAYLOAD_INVALID = "payload_invalid"
TEXT_TOO_LONG = "text_too_long"
TEXT_HAS_ID = "text_has_id"
TEXT_EMPTY = "text_empty"
TEXT_TOO_SHORT = "text_too_short"
TEXT_REPEATS_LABEL = "text_repeats_label"
"""Keys of :data:`models.texts.ERROR_DETAILS`; the texts name the field (``name``)."""
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
    TRIAL_DEFINED = "trial_defined"
    TRIAL_DRAW = "trial_draw"


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
        raise InvalidInputError(TEXT_TOO_LONG, name=name, maximum=MAX_TEXT)
    if contains_national_id(value):
        raise InvalidInputError(TEXT_HAS_ID, name=name)
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
        raise InvalidInputError(TEXT_REPEATS_LABEL, name=name)
    if len(text) < minimum:
        raise InvalidInputError(TEXT_TOO_SHORT, name=name, minimum=minimum)
    return text


def _refused(key: str) -> ValueError:
    """A validator's refusal that carries a keyed error as its cause, so that a 422 gives the reason in the request's
    language (:func:`models.errors.keyed_cause`).
    """
    keyed = InvalidInputError(key)
    refusal = ValueError(str(keyed))
    refusal.__cause__ = keyed
    return refusal


def _text(value: str) -> str:
    try:
        text = checked_text(value, name="text")
    except InvalidInputError as exc:
        raise ValueError(str(exc)) from exc
    if not text:
        empty = InvalidInputError(TEXT_EMPTY, name="text")
        raise ValueError(str(empty)) from empty
    return text


def _justification(value: str, info: ValidationInfo) -> str:
    minimum = (info.context or {}).get(MIN_CHARS, MIN_JUSTIFICATION)
    try:
        return checked_justification(_text(value), name="text", minimum=minimum)
    except InvalidInputError as exc:
        raise ValueError(str(exc)) from exc


def _optional_text(value: str) -> str:
    try:
        return checked_text(value, name="text")
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
TrialId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,39}$")]
"""A trial's short slug: lower-case letters, digits and hyphens, 2 to 40 characters."""
Seed = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
"""The seed material of a draw: 128 random bits from :mod:`secrets`, as 32 lower-case hex digits."""
OfficeCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}$")]

FACTOR_REPEATED = "factor_repeated"
TRIAL_FEW_OPTIONS = "trial_few_options"
TRIAL_REPEATED_OPTION = "trial_repeated_option"
TRIAL_PERMANENT_OPTION = "trial_permanent_option"
TRIAL_UNSORTED_OPTIONS = "options are stored sorted"
TRIAL_NOT_THE_DRAW = "drawn must be the option the seed draws: options[int(seed, 16) % len(options)]"
TRIAL_ENDS_BEFORE_START = "trial_ends_before_start"
TRIAL_NO_OFFICES = "trial_no_offices"
TRIAL_REPEATED_OFFICE = "trial_repeated_office"
DISPLAY_NEEDS_SEED = "display_trial and display_seed are recorded together"
DISPLAY_NEEDS_CONSENT = "a display trial enrols only a jobseeker who consented to trials (trial_consent)"
DISPLAY_NOT_THE_ARM = "blind_first must follow the display trial's arm, drawn from display_seed"
DISPLAY_ARMS = ("blind_first", "shown")
"""A display trial's arms, in the order :func:`display_arm` draws from."""


def drawn_from(options: Sequence[str], seed: str) -> str:
    """The option a seed draws: ``options[int(seed, 16) % len(options)]``, so anyone can redo a draw from its record.

    Examples
    --------
    >>> drawn_from(["SITUASJONSBESTEMT_INNSATS", "STANDARD_INNSATS"], "0" * 31 + "3")
    'STANDARD_INNSATS'
    """
    return options[int(seed, 16) % len(options)]


def display_arm(seed: str) -> str:
    """A display trial's arm for a case, 50:50 from its seed: ``blind_first`` (the counsellor records a provisional
    level before the suggestion is shown) or ``shown`` (the suggestion at once).

    Examples
    --------
    >>> display_arm("0" * 32), display_arm("0" * 31 + "1")
    ('blind_first', 'shown')
    """
    return drawn_from(DISPLAY_ARMS, seed)


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Assessed(_Payload):
    """The event's ``assessment_hash`` is the fact; ``blind_first`` says the suggestion waits for a provisional level
    (absent, and so false, in the events of assessments recorded without it). ``rule_outcome`` is today's rule on the
    profile of a scored assessment, run in shadow: recorded, never shown to the counsellor (absent in the events of
    unscored assessments and of those recorded before the rule ran in shadow). ``trial_consent`` (true only when
    given) says the jobseeker agreed to take part in controlled trials; ``display_trial`` and ``display_seed`` enrol
    the case in a display trial, whose arm (:func:`display_arm`) ``blind_first`` follows.
    """

    blind_first: bool = False
    rule_outcome: RuleOutcome | None = None
    trial_consent: bool = False
    display_trial: TrialId | None = None
    display_seed: Seed | None = None

    @model_validator(mode="after")
    def _display_enrolment(self) -> Assessed:
        if (self.display_trial is None) != (self.display_seed is None):
            raise ValueError(DISPLAY_NEEDS_SEED)
        if self.display_trial is not None and not self.trial_consent:
            raise ValueError(DISPLAY_NEEDS_CONSENT)
        if self.display_seed is not None and self.blind_first != (display_arm(self.display_seed) == DISPLAY_ARMS[0]):
            raise ValueError(DISPLAY_NOT_THE_ARM)
        return self


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
            raise _refused(FACTOR_REPEATED)
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
    policy_version: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None
    """The new policy's version when the request changes the policy (``set-policy``), else null or absent."""


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


class TrialKind(StrEnum):
    """What a trial randomises: the level among options judged equally suitable, or how the suggestion is shown."""

    EQUIVALENCE = "equivalence"
    DISPLAY = "display"


class DecisionPoint(StrEnum):
    """The decision a trial is about."""

    FOLLOW_UP_LEVEL = "follow_up_level"


class TrialDefined(_Payload):
    """A controlled trial as its data scientist defined it: period inclusive, offices eligible, protocol registered."""

    trial_id: TrialId
    kind: TrialKind
    decision_point: DecisionPoint
    eligible_offices: tuple[OfficeCode, ...]
    starts_on: dt.date
    ends_on: dt.date
    protocol_reference: FreeText
    target_sample_size: Annotated[int, Field(ge=2, le=10_000_000)]

    @field_validator("eligible_offices")
    @classmethod
    def _offices(cls, offices: tuple[str, ...]) -> tuple[str, ...]:
        if not offices:
            raise _refused(TRIAL_NO_OFFICES)
        if len(set(offices)) != len(offices):
            raise _refused(TRIAL_REPEATED_OFFICE)
        return offices

    @model_validator(mode="after")
    def _period(self) -> TrialDefined:
        if self.ends_on < self.starts_on:
            raise _refused(TRIAL_ENDS_BEFORE_START)
        return self


class TrialDraw(_Payload):
    """An equivalence draw: the options the counsellor marked equally suitable (sorted), the seed, the level drawn."""

    trial_id: TrialId
    options: tuple[FollowUpLevel, ...]
    seed: Seed
    drawn: FollowUpLevel

    @field_validator("options")
    @classmethod
    def _options(cls, options: tuple[FollowUpLevel, ...]) -> tuple[FollowUpLevel, ...]:
        if len(options) < 2:
            raise _refused(TRIAL_FEW_OPTIONS)
        if len(set(options)) != len(options):
            raise _refused(TRIAL_REPEATED_OPTION)
        if any(option not in SUGGESTABLE_LEVELS for option in options):
            raise _refused(TRIAL_PERMANENT_OPTION)
        if list(options) != sorted(options):
            raise ValueError(TRIAL_UNSORTED_OPTIONS)
        return options

    @model_validator(mode="after")
    def _drawn(self) -> TrialDraw:
        if self.drawn != drawn_from(self.options, self.seed):
            raise ValueError(TRIAL_NOT_THE_DRAW)
        return self


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
    EventKind.TRIAL_DEFINED: TrialDefined,
    EventKind.TRIAL_DRAW: TrialDraw,
}
MODEL_EVENTS = frozenset(
    {EventKind.PROMOTION_REQUESTED, EventKind.PROMOTION_APPROVED, EventKind.PROMOTION_REJECTED, EventKind.ALIAS_MOVED}
)
"""Kinds that record the life of a model: promotion requests, their approval or rejection, and alias moves."""
NOT_ON_A_CASE = frozenset({EventKind.SUBJECT_ACCESS, EventKind.TRIAL_DEFINED, *MODEL_EVENTS})
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
        cause = error.get("ctx", {}).get("error")
        reason = keyed_cause(cause) or str(cause or error["msg"])
        raise InvalidInputError(PAYLOAD_INVALID, where=where, reason=reason) from exc
    return event_kind, checked.model_dump(mode="json")
