"""The tables of the records database (obligations: record-keeping, audit trail, data minimisation).

Append-only tables: ``assessments`` (what the model said, with the inputs and the explanation shown), ``decisions``
(what the counsellor decided) and ``events`` (every other fact of a case or a model: an assessment's link into the
chain, provisional levels, approvals and returns, objections and reviews, subject-access lookups; a JSON payload
whose schema per kind lives in :mod:`monitoring.records.kinds`, so a new kind needs no migration). Decisions and events
are the links of one hash chain and share one global sequence ``seq`` (see :mod:`monitoring.records.chain`).
``outcomes`` says whether the jobseeker was in work at a horizon, and ``outcome_requests`` holds the
``Idempotency-Key`` of each keyed batch of outcomes; ``alert_evaluations`` keeps each scheduled evaluation of the
monitoring alerts (not chained: derived from the records). No table holds an identity number: people appear only as
keyed hashes (``person_key``). An assessment made without the jobseeker's consent to profiling holds no score, and an
outcome is stored once (one per assessment and horizon; one per person, horizon and observation date when it names no
assessment); constraints enforce both in the database too. The Alembic migrations in ``migrations/`` create exactly
these tables.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Dialect,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

WITHOUT_ASSESSMENT = "assessment_id IS NULL"
"""Outcomes that name only a person key (a partial index's condition)."""

WITH_KEY = "idempotency_key IS NOT NULL"
"""Events sent with an ``Idempotency-Key`` (a partial index's condition)."""
ASSESSED_LINK = "kind = 'assessed'"
"""The link that chains an assessment (a partial index's condition: one per assessment)."""

NO_SCORE_WITHOUT_CONSENT = (
    "consent OR (risk IS NULL AND lower IS NULL AND upper IS NULL AND suggested_level IS NULL AND flags IS NULL"
    " AND base_value IS NULL AND shap IS NULL AND reasons IS NULL)"
)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC timestamp on every backend (SQLite stores naive UTC, PostgreSQL ``timestamptz``)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def json_type() -> JSON:
    """JSON on SQLite, JSONB on PostgreSQL; Python ``None`` is SQL NULL, never the JSON literal ``null``."""
    return JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class AssessmentRow(Base):
    """One assessment as the counsellor saw it: inputs, model version, score, suggestion and explanation."""

    __tablename__ = "assessments"
    __table_args__ = (
        UniqueConstraint("caller", "idempotency_key"),
        CheckConstraint(NO_SCORE_WITHOUT_CONSENT, name="no_score_without_consent"),
        Index(None, "created_at"),
        Index(None, "person_key"),
        Index(None, "office", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    request_id: Mapped[str] = mapped_column(String(128))
    idempotency_key: Mapped[str | None] = mapped_column(String(128))
    caller: Mapped[str] = mapped_column(String(128))
    person_key: Mapped[str] = mapped_column(String(64))
    office: Mapped[str] = mapped_column(String(64))
    counsellor: Mapped[str] = mapped_column(String(128))
    consent: Mapped[bool] = mapped_column(Boolean)
    model_name: Mapped[str] = mapped_column(String(128))
    model_version: Mapped[str] = mapped_column(String(64))
    policy_version: Mapped[str | None] = mapped_column(String(64))
    profile: Mapped[dict[str, Any]] = mapped_column(json_type())
    risk: Mapped[float | None] = mapped_column(Double)
    lower: Mapped[float | None] = mapped_column(Double)
    upper: Mapped[float | None] = mapped_column(Double)
    suggested_level: Mapped[str | None] = mapped_column(String(64))
    flags: Mapped[list[str] | None] = mapped_column(json_type())
    base_value: Mapped[float | None] = mapped_column(Double)
    shap: Mapped[dict[str, float] | None] = mapped_column(json_type())
    reasons: Mapped[list[dict[str, Any]] | None] = mapped_column(json_type())
    language: Mapped[str] = mapped_column(String(8))
    content_hash: Mapped[str] = mapped_column(String(64))


class DecisionRow(Base):
    """One counsellor decision: a link of the global hash chain, in the sequence it shares with events."""

    __tablename__ = "decisions"
    __table_args__ = (
        UniqueConstraint("seq"),
        UniqueConstraint("caller", "idempotency_key"),
        CheckConstraint("seq >= 1", name="seq_positive"),
        Index(None, "assessment_id", "seq"),
        Index(None, "created_at"),
        Index(None, "office", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, autoincrement=False)
    assessment_id: Mapped[str] = mapped_column(ForeignKey("assessments.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    request_id: Mapped[str] = mapped_column(String(128))
    idempotency_key: Mapped[str | None] = mapped_column(String(128))
    caller: Mapped[str] = mapped_column(String(128))
    office: Mapped[str] = mapped_column(String(64))
    counsellor: Mapped[str] = mapped_column(String(128))
    decided_level: Mapped[str] = mapped_column(String(64))
    suggested_level: Mapped[str | None] = mapped_column(String(64))
    follows_suggestion: Mapped[bool | None] = mapped_column(Boolean)
    reason_code: Mapped[str | None] = mapped_column(String(64))
    justification: Mapped[str | None] = mapped_column(Text)
    supersedes: Mapped[str | None] = mapped_column(ForeignKey("decisions.id"))
    assessment_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class EventRow(Base):
    """One fact of a case or of a model: a link of the global hash chain, in the sequence it shares with decisions.

    ``kind`` names what happened and ``payload`` holds what that kind records (validated in code, per kind). An event
    on a case names its assessment and pins the assessment's ``content_hash`` in ``assessment_hash``.
    """

    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("seq"),
        CheckConstraint("seq >= 1", name="seq_positive"),
        CheckConstraint("(assessment_id IS NULL) = (assessment_hash IS NULL)", name="assessment_hash_with_assessment"),
        Index(  # partial: the ``assessed`` event of every assessment carries no key, and skips this index
            None,
            "caller",
            "idempotency_key",
            unique=True,
            sqlite_where=text(WITH_KEY),
            postgresql_where=text(WITH_KEY),
        ),
        Index(None, "assessment_id", "seq"),
        Index(
            "ix_events_one_link_per_assessment",
            "assessment_id",
            unique=True,
            sqlite_where=text(ASSESSED_LINK),
            postgresql_where=text(ASSESSED_LINK),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(32))
    assessment_id: Mapped[str | None] = mapped_column(ForeignKey("assessments.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    request_id: Mapped[str | None] = mapped_column(String(128))
    idempotency_key: Mapped[str | None] = mapped_column(String(128))
    caller: Mapped[str] = mapped_column(String(128))
    actor: Mapped[str] = mapped_column(String(128))
    office: Mapped[str | None] = mapped_column(String(64))
    assessment_hash: Mapped[str | None] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(json_type())
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class OutcomeRow(Base):
    """Whether a jobseeker was in work at a horizon, joined to an assessment or to a person key."""

    __tablename__ = "outcomes"
    __table_args__ = (
        CheckConstraint("assessment_id IS NOT NULL OR person_key IS NOT NULL", name="has_subject"),
        CheckConstraint("horizon_months >= 1", name="horizon_positive"),
        Index(None, "assessment_id", "horizon_months", unique=True),
        Index(
            None,
            "person_key",
            "horizon_months",
            "observed_on",
            unique=True,
            sqlite_where=text(WITHOUT_ASSESSMENT),
            postgresql_where=text(WITHOUT_ASSESSMENT),
        ),
        Index(None, "person_key"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    assessment_id: Mapped[str | None] = mapped_column(ForeignKey("assessments.id"))
    person_key: Mapped[str | None] = mapped_column(String(64))
    horizon_months: Mapped[int] = mapped_column(Integer)
    employed: Mapped[bool] = mapped_column(Boolean)
    observed_on: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(64))
    caller: Mapped[str] = mapped_column(String(128))


class OutcomeRequestRow(Base):
    """The ``Idempotency-Key`` of a batch of outcomes and the hash of what it asked, so a retry cannot write twice."""

    __tablename__ = "outcome_requests"

    caller: Mapped[str] = mapped_column(String(128), primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(128), primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    request_hash: Mapped[str] = mapped_column(String(64))


class AlertEvaluationRow(Base):
    """One scheduled evaluation of the monitoring alerts (``python -m monitoring watch``): when, over which period, and
    the alerts it found (``[{"kind", "section", "message", "key", "params"}, ...]``, :mod:`.alert_evaluations`).

    Not a link of the chain: the alerts are derived from the chained records and can be recomputed from them at any
    time; a broken chain must still be able to record the alert that says so.
    """

    __tablename__ = "alert_evaluations"
    __table_args__ = (Index(None, "evaluated_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    evaluated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    since: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    alerts: Mapped[list[dict[str, Any]]] = mapped_column(json_type())
