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
from models.policy import FollowUpLevel, OverrideReason
from models.schema import _EXAMPLE_PROFILE, IsoDate, JobseekerProfile, WholeNumber

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


REASON_NEEDS_JUSTIFICATION = "a reason_code needs a justification"


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
                },
            ],
        },
    )

    level: FollowUpLevel
    reason_code: OverrideReason | None = Field(
        default=None, description="Required when the level is not the suggested one."
    )
    justification: str | None = Field(
        default=None,
        max_length=2000,
        pattern=r"\S",
        validate_default=True,
        description="Required (not null, not blank) with a reason code.",
    )

    @field_validator("justification")
    @classmethod
    def _required_with_a_reason(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None and info.data.get("reason_code") is not None:
            raise ValueError(REASON_NEEDS_JUSTIFICATION)
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


class ExplanationOut(BaseModel):
    assessment_id: str
    audience: Literal["jobseeker", "counsellor"]
    language: str
    template_version: str
    summary: str
    data_used: list[str]
    raised: list[str]
    lowered: list[str]
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
            raise ValueError("give exactly one of assessment_id and national_id")
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
    """A decision that does not hold (``seq``, ``decision_id``), or an assessment (``seq`` 0, ``assessment_id``)."""

    seq: int
    decision_id: str
    problem: str
    assessment_id: str | None = None


class ChainOut(BaseModel):
    ok: bool
    checked: int = Field(description="Decisions checked along the chain.")
    assessments_checked: int = Field(description="Assessments whose content hash was recomputed.")
    breaks: list[ChainBreakOut]


class ModelOut(BaseModel):
    name: str
    version: str
    source: Literal["registry", "cache"]
    horizon_months: int
    policy: dict[str, object]
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
