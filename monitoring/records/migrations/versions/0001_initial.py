"""The records tables: assessments, decisions (hash chain) and outcomes.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.JSON:
    return sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")


def _timestamp() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("created_at", _timestamp(), nullable=False),
        sa.Column("request_id", sa.String(128), nullable=False),
        sa.Column("idempotency_key", sa.String(128), nullable=True),
        sa.Column("caller", sa.String(128), nullable=False),
        sa.Column("person_key", sa.String(64), nullable=False),
        sa.Column("office", sa.String(64), nullable=False),
        sa.Column("counsellor", sa.String(128), nullable=False),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("model_name", sa.String(128), nullable=False),
        sa.Column("model_version", sa.String(64), nullable=False),
        sa.Column("policy_version", sa.String(64), nullable=True),
        sa.Column("profile", _json(), nullable=False),
        sa.Column("risk", sa.Double(), nullable=True),
        sa.Column("lower", sa.Double(), nullable=True),
        sa.Column("upper", sa.Double(), nullable=True),
        sa.Column("suggested_level", sa.String(64), nullable=True),
        sa.Column("flags", _json(), nullable=True),
        sa.Column("base_value", sa.Double(), nullable=True),
        sa.Column("shap", _json(), nullable=True),
        sa.Column("reasons", _json(), nullable=True),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.CheckConstraint(
            "consent OR (risk IS NULL AND lower IS NULL AND upper IS NULL AND suggested_level IS NULL"
            " AND flags IS NULL AND base_value IS NULL AND shap IS NULL AND reasons IS NULL)",
            name=op.f("ck_assessments_no_score_without_consent"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
        sa.UniqueConstraint("caller", "idempotency_key", name=op.f("uq_assessments_caller_idempotency_key")),
    )
    op.create_index(op.f("ix_assessments_created_at"), "assessments", ["created_at"])
    op.create_index(op.f("ix_assessments_office_created_at"), "assessments", ["office", "created_at"])
    op.create_index(op.f("ix_assessments_person_key"), "assessments", ["person_key"])

    op.create_table(
        "decisions",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("assessment_id", sa.String(36), nullable=False),
        sa.Column("created_at", _timestamp(), nullable=False),
        sa.Column("request_id", sa.String(128), nullable=False),
        sa.Column("idempotency_key", sa.String(128), nullable=True),
        sa.Column("caller", sa.String(128), nullable=False),
        sa.Column("office", sa.String(64), nullable=False),
        sa.Column("counsellor", sa.String(128), nullable=False),
        sa.Column("decided_level", sa.String(64), nullable=False),
        sa.Column("suggested_level", sa.String(64), nullable=True),
        sa.Column("follows_suggestion", sa.Boolean(), nullable=True),
        sa.Column("reason_code", sa.String(64), nullable=True),
        sa.Column("justification", sa.Text(), nullable=True),
        sa.Column("supersedes", sa.String(36), nullable=True),
        sa.Column("assessment_hash", sa.String(64), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.CheckConstraint("seq >= 1", name=op.f("ck_decisions_seq_positive")),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], name=op.f("fk_decisions_assessment_id_assessments")
        ),
        sa.ForeignKeyConstraint(["supersedes"], ["decisions.id"], name=op.f("fk_decisions_supersedes_decisions")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
        sa.UniqueConstraint("caller", "idempotency_key", name=op.f("uq_decisions_caller_idempotency_key")),
        sa.UniqueConstraint("seq", name=op.f("uq_decisions_seq")),
    )
    op.create_index(op.f("ix_decisions_assessment_id_seq"), "decisions", ["assessment_id", "seq"])
    op.create_index(op.f("ix_decisions_created_at"), "decisions", ["created_at"])
    op.create_index(op.f("ix_decisions_office_created_at"), "decisions", ["office", "created_at"])

    op.create_table(
        "outcomes",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("created_at", _timestamp(), nullable=False),
        sa.Column("assessment_id", sa.String(36), nullable=True),
        sa.Column("person_key", sa.String(64), nullable=True),
        sa.Column("horizon_months", sa.Integer(), nullable=False),
        sa.Column("employed", sa.Boolean(), nullable=False),
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.Column("source", sa.String(64), nullable=False),
        sa.Column("caller", sa.String(128), nullable=False),
        sa.CheckConstraint("assessment_id IS NOT NULL OR person_key IS NOT NULL", name=op.f("ck_outcomes_has_subject")),
        sa.CheckConstraint("horizon_months >= 1", name=op.f("ck_outcomes_horizon_positive")),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], name=op.f("fk_outcomes_assessment_id_assessments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcomes")),
    )
    op.create_index(op.f("ix_outcomes_assessment_id"), "outcomes", ["assessment_id"])
    op.create_index(op.f("ix_outcomes_person_key"), "outcomes", ["person_key"])


def downgrade() -> None:
    op.drop_table("outcomes")
    op.drop_table("decisions")
    op.drop_table("assessments")
