"""Alert evaluations: each run of ``python -m monitoring watch`` keeps when it ran, the period and the alerts it found.

Creates ``alert_evaluations`` (see :class:`monitoring.records.tables.AlertEvaluationRow`). Nothing stored is touched;
downgrading drops the evaluations, which ``watch`` can compute again from the records.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alert_evaluations",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("evaluated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=True),
        sa.Column("until", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "alerts",
            sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_alert_evaluations")),
    )
    op.create_index(op.f("ix_alert_evaluations_evaluated_at"), "alert_evaluations", ["evaluated_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_alert_evaluations_evaluated_at"), table_name="alert_evaluations")
    op.drop_table("alert_evaluations")
