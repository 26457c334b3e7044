"""Events: every chained fact besides decisions, in the decisions' one sequence; every assessment chained.

Creates ``events`` (see :class:`monitoring.records.tables.EventRow`) and chains the assessments already stored: one
``assessed`` event each (caller ``migration:0003``, made now), oldest assessment first, after the newest decision.
Stored decisions and their hashes are not touched. Old versions of the service take the next ``seq`` from
``decisions`` alone, so no old replica may run against the database once this revision is applied. On PostgreSQL the
upgrade also takes the chain's lock, so that no decision is appended while the assessments are being chained. It
takes about 6 s per 100,000 stored assessments on SQLite and on a local PostgreSQL (measured on a shared 2-core
machine), during which the service cannot write.
Downgrading drops the events and the places they held: decisions appended after the upgrade then show gaps.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from monitoring.records.links import CHAIN_LOCK_ID, INSERT_EVENT, Head, assessed_link, chain_head

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ASSESSED_LINK = "kind = 'assessed'"
WITH_KEY = "idempotency_key IS NOT NULL"
MIGRATION_CALLER = "migration:0003"
BATCH = 5_000

STORED_ASSESSMENTS = sa.text("SELECT id, office, counsellor, content_hash FROM assessments ORDER BY created_at, id")


def _json() -> sa.JSON:
    return sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("assessment_id", sa.String(36), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("request_id", sa.String(128), nullable=True),
        sa.Column("idempotency_key", sa.String(128), nullable=True),
        sa.Column("caller", sa.String(128), nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("office", sa.String(64), nullable=True),
        sa.Column("assessment_hash", sa.String(64), nullable=True),
        sa.Column("payload", _json(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.CheckConstraint("seq >= 1", name=op.f("ck_events_seq_positive")),
        sa.CheckConstraint(
            "(assessment_id IS NULL) = (assessment_hash IS NULL)",
            name=op.f("ck_events_assessment_hash_with_assessment"),
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], name=op.f("fk_events_assessment_id_assessments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("seq", name=op.f("uq_events_seq")),
    )
    op.create_index(op.f("ix_events_assessment_id_seq"), "events", ["assessment_id", "seq"])
    op.create_index(
        op.f("ix_events_caller_idempotency_key"),
        "events",
        ["caller", "idempotency_key"],
        unique=True,
        sqlite_where=sa.text(WITH_KEY),
        postgresql_where=sa.text(WITH_KEY),
    )
    op.create_index(
        "ix_events_one_link_per_assessment",
        "events",
        ["assessment_id"],
        unique=True,
        sqlite_where=sa.text(ASSESSED_LINK),
        postgresql_where=sa.text(ASSESSED_LINK),
    )
    _chain_stored_assessments(op.get_bind())


def _chain_stored_assessments(connection: sa.Connection) -> None:
    """One ``assessed`` event per stored assessment, oldest first, read and written ``BATCH`` at a time."""
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_ID})
    head, now = chain_head(connection), dt.datetime.now(dt.UTC)
    stored = connection.execute(STORED_ASSESSMENTS.execution_options(yield_per=BATCH))
    for batch in stored.partitions():
        links = []
        for assessment in batch:
            links.append(assessed_link(assessment._mapping, head, at=now, caller=MIGRATION_CALLER, request_id=None))
            head = Head(links[-1]["seq"], links[-1]["hash"])
        connection.execute(INSERT_EVENT, links)


def downgrade() -> None:
    op.drop_table("events")
