"""Request and response bodies of the API (the profile itself is :class:`models.schema.JobseekerProfile`)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_validator,
)

from models.errors import InvalidInputError
from models.national_id import validate_national_id
from models.policy import ConsideredFactor, FollowUpChannel, FollowUpLevel, OverrideReason
from models.schema import _EXAMPLE_PROFILE, IsoDate, JobseekerProfile, WholeNumber
from monitoring.analysis.alerts import AlertKind
from monitoring.records.case_state import CaseState
from monitoring.records.head import HeadCheck, HeadStatus
from monitoring.records.kinds import (
    MAX_TEXT,
    MIN_JUSTIFICATION,
    DecisionPoint,
    ObjectionChannel,
    ReviewOutcome,
    TrialKind,
)

EXAMPLE_NATIONAL_ID = "15899010059"  # a synthetic test number (month + 80), not a real person


def _national_id(value: str) -> str:
    try:
        return validate_national_id(value)
    except InvalidInputError as exc:
        raise ValueError(str(exc)) from exc


# The shape is a schema constraint, so the OpenAPI document states it; the check digits and the date part cannot be
# stated in JSON Schema and stay a validator (with its own message).
NationalId = Annotated[
    str, StringConstraints(min_length=11, max_length=11, pattern=r"^[0-9]{11}$"), AfterValidator(_national_id)
]
Office = Annotated[
    str,
    StringConstraints(min_length=4, max_length=4, pattern=r"^[0-9]{4}$"),
    Field(description="NAV office number (4 digits)."),
]


class AssessmentIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {"national_id": EXAMPLE_NATIONAL_ID, "office": "1103", "consent": True, "profile": _EXAMPLE_PROFILE}
            ]
        },
    )

    national_id: NationalId = Field(
        description="11 digits with valid check digits and date part; never stored or logged, only a keyed hash of it."
    )
    office: Office
    consent: bool = Field(
        strict=True, description="Whether the jobseeker agreed to profiling. If not, nothing is scored."
    )
    trial_consent: bool = Field(
        default=False,
        strict=True,
        description="Whether the jobseeker agreed to take part in controlled trials (only those who did take part).",
    )
    profile: JobseekerProfile


class RangeOut(BaseModel):
    lower: float
    upper: float


class FlagOut(BaseModel):
    code: str
    text: str


class ReasonOut(BaseModel):
    factor: str
    label: str
    direction: Literal["raises", "lowers"]
    contribution: float = Field(description="SHAP contribution on the log-odds scale.")
    text: str


class ModelRef(BaseModel):
    name: str
    version: str


class ScoreOut(BaseModel):
    """The answer of ``POST /v1/admin/score``: a measurement aid for data scientists, not a product feature."""

    risk: float
    range: RangeOut
    model: ModelRef
    recorded: Literal[False] = Field(default=False, description="Always false: nothing about this call is stored.")


REASON_NEEDS_JUSTIFICATION = "reason_needs_justification"
ONE_SUBJECT = "one_subject"
"""Keys of :data:`models.texts.ERROR_DETAILS`."""


class Documentation(BaseModel):
    """How the needs assessment was made: what the counsellor considered, the jobseeker's own wishes and the
    follow-up channel the jobseeker prefers (asked, never assumed from a digital registration).
    """

    model_config = ConfigDict(extra="forbid", regex_engine="python-re")

    factors: list[ConsideredFactor] = Field(
        min_length=1,
        max_length=len(ConsideredFactor),
        description="What was considered; each at most once (the records refuse a repeat with a 422).",
        json_schema_extra={"uniqueItems": True},
    )
    wishes: str | None = Field(
        default=None, max_length=MAX_TEXT, pattern=r"\S", description="In the jobseeker's words; null: none stated."
    )
    channel: FollowUpChannel


class DecisionIn(BaseModel):
    """A counsellor's decision. A reason code needs a justification, and a justification must not be blank.

    A level other than the suggested one needs both. Which level was suggested is in the stored assessment, not in
    the request, so this schema cannot say it: such a decision without a reason gets a 422 naming both fields.
    """

    model_config = ConfigDict(
        extra="forbid",
        # ``\S`` with Python's whitespace, the one the records strip (Rust's, the default, differs on a few controls)
        regex_engine="python-re",
        json_schema_extra={
            # what _required_with_a_reason enforces, stated in the schema
            "if": {"required": ["reason_code"], "properties": {"reason_code": {"not": {"type": "null"}}}},
            "then": {"required": ["justification"], "properties": {"justification": {"type": "string"}}},
            "examples": [
                {"level": "SITUASJONSBESTEMT_INNSATS"},
                {
                    "level": "SPESIELT_TILPASSET_INNSATS",
                    "reason_code": "LANGUAGE_OR_DIGITAL_BARRIERS",
                    "justification": "Trenger tolk og tett oppfølging de første månedene.",
                    "documentation": {
                        "factors": ["LANGUAGE", "WORK_EXPERIENCE"],
                        "wishes": "Vil ha jobb i butikk igjen.",
                        "channel": "IN_PERSON",
                    },
                },
            ],
        },
    )

    level: FollowUpLevel
    reason_code: OverrideReason | None = Field(
        default=None, description="Required when the level is not the suggested one."
    )
    # No minLength: the minimum counts characters after trimming and is a setting (PROFILING_MIN_JUSTIFICATION_CHARS),
    # so a number here would be wrong for some deployment and for leading or trailing spaces; the records refuse it.
    justification: str | None = Field(
        default=None,
        max_length=MAX_TEXT,
        pattern=r"\S",
        validate_default=True,
        description=(
            "Required (not null, not blank) with a reason code, and then it must say why: at least the service's "
            f"minimum of characters (by default {MIN_JUSTIFICATION}, not counting leading and trailing spaces), "
            "and more than the reason's label."
        ),
    )

    documentation: Documentation | None = Field(
        default=None,
        description="How the needs assessment was made; recorded with the decision as a chained documentation record.",
    )

    @field_validator("justification")
    @classmethod
    def _required_with_a_reason(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None and info.data.get("reason_code") is not None:
            error = InvalidInputError(REASON_NEEDS_JUSTIFICATION)
            raise ValueError(str(error)) from error
        return value


class DecisionOut(BaseModel):
    id: str
    seq: int
    assessment_id: str
    created_at: dt.datetime
    office: str
    counsellor: str
    decided_level: str
    suggested_level: str | None
    follows_suggestion: bool | None
    reason_code: str | None
    justification: str | None
    supersedes: str | None
    hash: str
    in_decision_log: bool = True
    documentation: Documentation | None = None


class AssessmentOut(BaseModel):
    id: str
    created_at: dt.datetime
    office: str
    counsellor: str
    scored: bool
    risk: float | None
    range: RangeOut | None
    suggested_level: str | None
    suggested_level_text: str | None
    flags: list[FlagOut]
    reasons: list[ReasonOut]
    model: ModelRef
    policy_version: str | None
    language: str
    message: str
    decisions: list[DecisionOut] = Field(default_factory=list)
    state: CaseState = Field(
        default=CaseState.UNDECIDED, description="Where the case stands, from its chained records."
    )
    blind_first: bool = Field(
        default=False, description="Recorded in blind-first mode: a provisional level comes before the suggestion."
    )
    suggestion_hidden: bool = Field(
        default=False,
        description=(
            "True while a blind-first case has no provisional level: risk, range, suggestion, flags and reasons are "
            "withheld from the counsellor (null or empty), not absent from the record."
        ),
    )


_EXPLANATION_EXAMPLE: dict[str, JsonValue] = {
    "assessment_id": "3f1c0c9e-0000-4000-8000-000000000000",
    "audience": "jobseeker",
    "language": "en",
    "template_version": "2026-12.1",
    "summary": "NAV estimated the probability that you are still without work in 12 months at about 43% (between 35% "
    "and 52%).",
    "suggested_level": "SITUASJONSBESTEMT_INNSATS",
    "suggested_level_text": "Situation-dependent follow-up: needs guidance and follow-up for a period.",
    "flags": [
        {
            "code": "REPEAT_SPELLS",
            "text": "Assess manually: several earlier jobseeker spells; repeat needs are poorly captured by the model.",
        }
    ],
    "data_used": ["Age: 34", "Worked 6 of the last 12 months: No", "Months employed in the last 36: 14"],
    "raised": [
        "Work history: raises the risk (Worked 6 of the last 12 months: No; Months employed in the last 36: 14; "
        "Last occupation: Service and sales workers)."
    ],
    "lowered": ["Age: lowers the risk (Age: 34)."],
    "counterfactuals": [
        {
            "level": "STANDARD_INNSATS",
            "level_name": "Standard follow-up",
            "found": True,
            "changes": [
                {
                    "field": "worked_6_of_last_12_months",
                    "label": "Worked 6 of the last 12 months",
                    "current": "No",
                    "proposed": "Yes",
                }
            ],
            "text": "The model would suggest Standard follow-up if this changed: Worked 6 of the last 12 months from "
            "No to Yes.",
        },
        {
            "level": "SPESIELT_TILPASSET_INNSATS",
            "level_name": "Specially tailored follow-up",
            "found": False,
            "changes": [],
            "text": "Within what was tried, no change to what you can change yourself would make the model suggest "
            "Specially tailored follow-up.",
        },
    ],
    "counterfactual_note": "This shows what the model would suggest if something you can change yourself were "
    "different, for each of the other follow-up levels it can suggest. It is not a promise and gives no right to a "
    "particular follow-up: your counsellor decides. Age, gender, country background, years in Norway, health and "
    "other hindrances, and your own answers about your needs and the time to find work are never part of it.",
    "who_decides": "The estimate is only a suggestion. Your counsellor decides which follow-up you get, after talking "
    "with you, and may set the suggestion aside.",
    "how_to_object": "You can ask to see the data, ask for corrections, and appeal the decision on your follow-up "
    "level to your NAV office within six weeks of receiving it.",
    "model": {"name": "profiling-risk", "version": "3"},
}
"""A jobseeker's explanation (a few of the data used shown), as ``GET /v1/assessments/{id}/explanation`` returns it."""


class ChangeOut(BaseModel):
    field: str = Field(description="The profile field that would change (only fields a person can change).")
    label: str
    current: str = Field(description="The stored value, as it reads to a person.")
    proposed: str = Field(description="The value it would change to.")


class CounterfactualOut(BaseModel):
    level: FollowUpLevel = Field(description="The level the model would suggest after the changes.")
    level_name: str
    found: bool = Field(description="False: no change to changeable fields within the search space leads there.")
    changes: list[ChangeOut] = Field(description="The smallest set of changes; verified by scoring it again.")
    text: str = Field(description="The same in plain language.")


class ExplanationOut(BaseModel):
    """The explanation of a stored assessment; everything in it comes from the record and the model version that
    scored it, so it does not change when the champion does.
    """

    model_config = ConfigDict(json_schema_extra={"examples": [_EXPLANATION_EXAMPLE]})

    assessment_id: str
    audience: Literal["jobseeker", "counsellor"]
    language: str
    template_version: str
    summary: str
    suggested_level: str | None = Field(description="The suggested level as recorded; null when nothing was scored.")
    suggested_level_text: str | None
    flags: list[FlagOut] = Field(description="The recorded flags asking the counsellor to assess manually.")
    data_used: list[str]
    raised: list[str]
    lowered: list[str]
    counterfactuals: list[CounterfactualOut] = Field(
        description="For each other suggestable level: what would have to change for the model to suggest it."
    )
    counterfactual_note: str | None = Field(
        description="What the counterfactuals are and are not (not a promise or an entitlement; the counsellor "
        "decides); null when nothing was scored."
    )
    who_decides: str
    how_to_object: str
    model: ModelRef


_OUTCOME_EXAMPLE: dict[str, JsonValue] = {
    "assessment_id": "3f1c0c9e-0000-4000-8000-000000000000",
    "horizon_months": 12,
    "employed": True,
    "observed_on": "2027-11-02",
}


_ONE_SUBJECT: list[JsonValue] = [
    {"required": [name], "properties": {name: {"type": "string"}}} for name in ("assessment_id", "national_id")
]
"""``OutcomeIn._one_key`` in JSON Schema: exactly one of the two subjects is given (as a string, not ``null``)."""


class OutcomeIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_OUTCOME_EXAMPLE], "oneOf": _ONE_SUBJECT})

    assessment_id: str | None = Field(default=None, max_length=36)
    national_id: NationalId | None = None
    horizon_months: WholeNumber = Field(ge=1, le=60)
    employed: bool = Field(strict=True, description="In work at the horizon.")
    observed_on: IsoDate

    @model_validator(mode="after")
    def _one_key(self) -> OutcomeIn:
        if (self.assessment_id is None) == (self.national_id is None):
            error = InvalidInputError(ONE_SUBJECT)
            raise ValueError(str(error)) from error
        return self


class OutcomesIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"outcomes": [_OUTCOME_EXAMPLE]}]})

    outcomes: list[OutcomeIn] = Field(min_length=1, max_length=500)  # 500 compact items fit the 64 KiB body limit
    source: str = Field(default="api", max_length=64)


class OutcomesOut(BaseModel):
    recorded: int = Field(
        description="Outcomes of the batch now on record: stored by this request, or identical to one stored before."
    )


class DecisionPage(BaseModel):
    items: list[DecisionOut]
    total: int
    limit: int
    offset: int


class ChainBreakOut(BaseModel):
    """A link that does not hold (``seq``; a decision by ``decision_id``, an event by ``event_id`` and ``kind``).

    Or an assessment itself: ``seq`` 0 and ``assessment_id``.
    """

    seq: int
    decision_id: str
    problem: str
    assessment_id: str | None = None
    event_id: str = ""
    kind: str = ""


class PublishedHeadOut(BaseModel):
    """A head published earlier (``head_seq``, ``head_hash``) against the chain now."""

    head_seq: int
    head_hash: str
    status: HeadStatus = Field(
        description="holds; truncated (the chain now ends before head_seq); rewritten (another hash, or no link, at "
        "head_seq: a rewrite, or a head of another chain)."
    )
    hash_now: str | None = Field(description="The hash at head_seq now (none when no link is there).")
    signature_checked: bool = Field(description="Whether the head carried a signature, checked with the public key.")

    @classmethod
    def of(cls, check: HeadCheck) -> PublishedHeadOut:
        return cls(
            head_seq=check.head.head_seq,
            head_hash=check.head.head_hash,
            status=check.status,
            hash_now=check.hash_now,
            signature_checked=check.signature_checked,
        )


class ChainOut(BaseModel):
    ok: bool = Field(description="No break, and the published head (when given) holds.")
    checked: int = Field(description="Decisions checked along the chain.")
    events_checked: int = Field(description="Events checked along the chain (each assessment is chained by one).")
    assessments_checked: int = Field(description="Assessments whose content hash was recomputed.")
    head_seq: int = Field(description="The newest link's place; keep it with head_hash outside the database.")
    head_hash: str = Field(description="The newest link's hash: a truncated or rewritten chain changes it.")
    breaks: list[ChainBreakOut]
    published_head: PublishedHeadOut | None = Field(default=None, description="When a published head was given.")


class AlertOut(BaseModel):
    kind: AlertKind = Field(description="What raised the alert: a section of the audit report, the chain or no_rows.")
    section: str
    message: str = Field(description="The alert's sentence in English.")
    key: str | None = Field(
        default=None, description="The sentence's key in models.texts.ALERT_TEXTS (none in evaluations stored before)."
    )
    params: dict[str, JsonValue] = Field(
        default_factory=dict, description="The sentence's parameters: codes, counts and unrounded numbers."
    )


class AlertEvaluationOut(BaseModel):
    """The latest evaluation of the alerts by ``python -m monitoring watch``."""

    evaluated_at: dt.datetime
    since: dt.datetime | None = Field(description="The period evaluated: assessments made from since until until.")
    until: dt.datetime | None
    counts: dict[str, int] = Field(description="Alerts by kind, every kind listed (as on /metrics).")
    alerts: list[AlertOut]


class PolicyOut(BaseModel):
    """The policy the served version applies (``models/policy_file.py``): what every assessment names as its policy."""

    version: str = Field(description="A hash of the content below: it changes whenever the content does.")
    standard_below: float = Field(description="A risk below this suggests standard follow-up (without hindrance).")
    tailored_from: float = Field(description="From this risk, with reduced work capacity: specially tailored.")
    wide_range: float = Field(description="An uncertainty range wider than this raises WIDE_RANGE.")
    short_residence_years: float = Field(description="Shorter residence without good Norwegian: LANGUAGE_BARRIER.")
    repeat_spells: int = Field(description="This many earlier spells raise REPEAT_SPELLS.")
    capacities: dict[str, float] | None = Field(
        description="The largest share of registrants per level the thresholds were derived from; null when the "
        "thresholds were stated as such."
    )


class ModelOut(BaseModel):
    name: str
    version: str
    source: Literal["registry", "cache"]
    horizon_months: int
    policy: PolicyOut
    gate_limits: dict[str, float] = Field(
        description="The limits the promotion gates apply (models/gates.py, PROFILING_GATE_* variables)."
    )
    model_card: str
    processing_regime: str = (
        "Automated processing in interplay with a counsellor: the model suggests, the counsellor decides."
    )


class ReloadOut(BaseModel):
    version: str
    changed: bool


class SubjectAccessIn(BaseModel):
    """An auditor's subject-access lookup (GDPR Art. 15): whose records, and why."""

    model_config = ConfigDict(
        extra="forbid",
        regex_engine="python-re",  # ``\S`` with Python's whitespace, the one the records strip
        json_schema_extra={
            "examples": [
                {
                    "national_id": EXAMPLE_NATIONAL_ID,
                    "purpose": "Innsynsbegjæring fra brukeren, mottatt per brev 2. desember (sak 2026/1234).",
                }
            ]
        },
    )

    national_id: NationalId = Field(
        description="11 digits with valid check digits and date part; never stored or logged: only its keyed hash is "
        "looked up, and recorded with the lookup."
    )
    purpose: str = Field(
        max_length=MAX_TEXT,
        pattern=r"\S",
        description="Why the lookup is made (a request from the person, a case reference); recorded with the lookup. "
        "Not blank, and without an identity number.",
    )


class ProfileItemOut(BaseModel):
    field: str
    label: str
    value: JsonValue = Field(description="As stored: a code, a number, a boolean, an ISO date or null.")
    text: str = Field(description="The value as it reads to a person.")


class HeldCaseOut(BaseModel):
    consent: bool
    profile: list[ProfileItemOut] = Field(description="The inputs of the assessment, in the registration's order.")
    assessment: AssessmentOut = Field(
        description="As stored (the reasons as shown, even where blind-first hid them at first), with the decisions "
        "and the state of the case."
    )
    events: list[EventOut] = Field(
        description="Every event on the case in seq order, each with the state after it (decisions are in assessment)."
    )


class HeldOutcomeOut(BaseModel):
    id: str
    created_at: dt.datetime
    assessment_id: str | None
    horizon_months: int
    employed: bool
    observed_on: dt.date
    source: str


class SubjectAccessOut(BaseModel):
    """Everything held about one person, and the lookup's own record (appended before this answer was given)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "lookup": {
                        "id": "7d0e6b1a-0000-4000-8000-000000000000",
                        "seq": 42,
                        "kind": "subject_access",
                        "assessment_id": None,
                        "created_at": "2026-12-03T09:15:00Z",
                        "actor": "A990001",
                        "office": None,
                        "payload": {
                            "person_key": "3c" * 32,
                            "purpose": "Innsynsbegjæring fra brukeren, mottatt per brev 2. desember (sak 2026/1234).",
                        },
                        "hash": "9f" * 32,
                        "state": None,
                    },
                    "person_key": "3c" * 32,
                    "empty": True,
                    "message": "Nothing is held about this person: no assessments, decisions, events or outcomes. "
                    "The lookup is recorded.",
                    "cases": [],
                    "outcomes": [],
                }
            ]
        }
    )

    lookup: EventOut = Field(description="This lookup's own subject_access event: who, when, the key, the purpose.")
    person_key: str = Field(description="The keyed hash the records know the person by.")
    empty: bool = Field(description="True when nothing at all is held about the person.")
    message: str
    cases: list[HeldCaseOut] = Field(description="Each assessment and its case, in the order they were recorded.")
    outcomes: list[HeldOutcomeOut] = Field(description="Outcomes on the person's assessments or on the person.")


_WHY = (
    "It must say why: at least the service's minimum of characters (by default "
    f"{MIN_JUSTIFICATION}, not counting leading and trailing spaces)."
)


class ProvisionalLevelIn(BaseModel):
    """Blind-first: the counsellor's own level, recorded before the suggestion is shown."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"level": "STANDARD_INNSATS"}]})

    level: FollowUpLevel


class ApprovalIn(BaseModel):
    """A second person's approval of a decision on a permanent level (*beslutter*)."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"decision_id": "0b9e2c1e-1f7a-4f5e-9a51-3d1c2b7e8f90"}]}
    )

    decision_id: str = Field(min_length=1, max_length=36, description="The case's current decision.")


class ReturnIn(ApprovalIn):
    """The decision goes back to the counsellor, with the reason; the counsellor decides again."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "decision_id": "0b9e2c1e-1f7a-4f5e-9a51-3d1c2b7e8f90",
                    "reason": "Arbeidsevnevurderingen mangler dokumentasjon fra lege.",
                }
            ]
        },
    )

    reason: str = Field(min_length=1, max_length=MAX_TEXT, description=f"Why it is returned. {_WHY}")


class ObjectionIn(BaseModel):
    """The jobseeker objects to a decision; the case goes under review by another counsellor."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "decision_id": "0b9e2c1e-1f7a-4f5e-9a51-3d1c2b7e8f90",
                    "channel": "letter",
                    "received_on": "2026-11-30",
                    "text": "Jeg mener jeg trenger mer oppfølging enn jeg har fått.",
                }
            ]
        },
    )

    decision_id: str = Field(min_length=1, max_length=36, description="The decision objected to (the current one).")
    channel: ObjectionChannel = Field(description="How the objection reached the office.")
    received_on: IsoDate = Field(description="The day the office received it.")
    text: str = Field(min_length=1, max_length=MAX_TEXT, pattern=r"\S", description="What the jobseeker says.")


class ReviewIn(BaseModel):
    """Another counsellor closes the objection: the decision is upheld, or superseded by a new decision recorded on
    the case (``POST …/decision``) before this review.
    """

    model_config = ConfigDict(
        extra="forbid",
        regex_engine="python-re",
        json_schema_extra={
            "examples": [
                {"outcome": "upheld", "justification": "Vedtaket bygger på riktige og fullstendige opplysninger."}
            ]
        },
    )

    outcome: ReviewOutcome
    justification: str = Field(min_length=1, max_length=MAX_TEXT, description=f"Why. {_WHY}")


class EventOut(BaseModel):
    """One chained event on a case, and the state the case is in after it."""

    id: str
    seq: int
    kind: str
    assessment_id: str | None
    created_at: dt.datetime
    actor: str
    office: str | None
    payload: dict[str, JsonValue]
    hash: str
    state: CaseState | None = Field(description="The case's state after the event; null for an event on no case.")


class CaseOut(BaseModel):
    """One case in a list: its assessment, where it stands, and its current decision."""

    assessment_id: str
    created_at: dt.datetime
    office: str
    counsellor: str
    state: CaseState
    blind_first: bool
    decided_level: str | None = Field(description="The current decision's level; null when undecided.")
    decided_by: str | None
    updated_at: dt.datetime = Field(description="When the newest record on the case was made.")


class CasePage(BaseModel):
    items: list[CaseOut]
    total: int
    limit: int
    offset: int


class GovernedModelOut(ModelOut):
    """``/v1/model``: the champion, and whether its version is checked against the approved moves in the chain."""

    chain_checked: bool = Field(description="Whether the version served is the one the chain's newest move names.")
    ignored_alias: str | None = Field(
        description="The version MLflow's champion alias names when the chain names another: moved around the four "
        "eyes, not served, and worth an alert. Null when they agree."
    )


class GateOut(BaseModel):
    gate: str
    status: Literal["pass", "fail", "not applicable"]
    value: float | None
    limit: float
    note: str


class LoosenedLimitOut(BaseModel):
    limit: str
    value: float
    default: float = Field(description="The limit's default in models/gates.py.")
    source: str = Field(description="Where it was set: the command line or a PROFILING_GATE_* variable.")


class PromotionRequestOut(BaseModel):
    """A request for a model version to become champion (a rollback when it was champion before), and its decision."""

    id: str
    requested_at: dt.datetime
    requested_by: str
    model: str
    version: str
    champion: str | None = Field(description="The champion when it was asked.")
    rollback: bool
    gates: list[GateOut]
    loosened: list[LoosenedLimitOut] = Field(description="Gate limits set looser than their defaults for it.")
    reason: str
    review: str
    status: Literal["pending", "approved", "rejected"]
    decided_by: str | None
    decided_at: dt.datetime | None
    rejection_reason: str | None
    self_approved_bootstrap: bool = Field(description="A fresh install's first champion, approved by the requester.")
    policy_version: str | None = Field(
        default=None, description="The new policy's version when the request changes the policy (set-policy)."
    )


class PromotionRejectionIn(BaseModel):
    """Why a promotion request is rejected."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"reason": "The ECE limit was loosened without a review reference."}]},
    )

    reason: str = Field(min_length=1, max_length=MAX_TEXT)


_TRIAL_ID = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,39}$", description="A short slug: a-z, 0-9 and hyphens.")


class TrialIn(BaseModel):
    """A controlled trial, defined by a data scientist (its definition never changes: a new one gets a new id)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "trial_id": "equivalence-2027",
                    "kind": "equivalence",
                    "decision_point": "follow_up_level",
                    "eligible_offices": ["1103", "0301"],
                    "starts_on": "2027-01-01",
                    "ends_on": "2027-12-31",
                    "protocol_reference": "OSF registration 10.17605/OSF.IO/EXAMPLE",
                    "target_sample_size": 400,
                }
            ]
        },
    )

    trial_id: str = _TRIAL_ID
    kind: TrialKind = Field(description="equivalence: draw among levels marked equally suitable; display: blind-first")
    decision_point: DecisionPoint = DecisionPoint.FOLLOW_UP_LEVEL
    eligible_offices: list[Office] = Field(min_length=1, max_length=1_000, json_schema_extra={"uniqueItems": True})
    starts_on: IsoDate = Field(description="The first day of the period (a Norwegian date).")
    ends_on: IsoDate = Field(description="The last day of the period, included; not before starts_on.")
    protocol_reference: str = Field(min_length=1, max_length=MAX_TEXT, pattern=r"\S")
    target_sample_size: int = Field(ge=2, le=10_000_000, description="Enrolments the protocol's power analysis asks.")


class TrialOut(BaseModel):
    trial_id: str
    kind: TrialKind
    decision_point: DecisionPoint
    eligible_offices: list[str]
    starts_on: dt.date
    ends_on: dt.date
    protocol_reference: str
    target_sample_size: int
    defined_by: str
    defined_at: dt.datetime
    active: bool = Field(description="Whether today (in Norway) is within the period.")


class EquivalenceDrawIn(BaseModel):
    """The levels the counsellor judges equally suitable for this person: the service draws one of them."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"trial_id": "equivalence-2027", "options": ["STANDARD_INNSATS", "SITUASJONSBESTEMT_INNSATS"]}]
        },
    )

    trial_id: str = _TRIAL_ID
    options: list[FollowUpLevel] = Field(
        min_length=2,
        max_length=len(FollowUpLevel),
        json_schema_extra={"uniqueItems": True},
        description="Two or more suggestable levels (never a permanent one), each once.",
    )


class EquivalenceDrawOut(BaseModel):
    """A draw as recorded: redo it with ``options[int(seed, 16) % len(options)]``."""

    id: str
    seq: int
    assessment_id: str
    trial_id: str
    options: list[str] = Field(description="The levels marked equally suitable, sorted.")
    seed: str = Field(description="128 random bits, hex.")
    drawn: str
    drawn_text: str = Field(description="The drawn level and why it was drawn, in plain language.")
    drawn_at: dt.datetime
    actor: str
    hash: str
