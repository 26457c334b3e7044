"""Each outcome is stored once, and a keyed batch of outcomes remembers its Idempotency-Key.

One outcome per assessment and horizon; one per person key, horizon and observation date when it names no assessment.
Retries stored before this revision left exact copies (same subject, horizon, date and answer): they are removed,
keeping the first. Outcomes that contradict each other cannot be resolved here: the upgrade stops and names them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WITHOUT_ASSESSMENT = "assessment_id IS NULL"

REMOVE_COPIES = """
DELETE FROM outcomes WHERE id IN (
    SELECT id FROM (
        SELECT id, ROW_NUMBER() OVER (
            PARTITION BY assessment_id, person_key, horizon_months, observed_on, employed ORDER BY created_at, id
        ) AS copy_number
        FROM outcomes
    ) AS numbered
    WHERE copy_number > 1
)
"""

CONTRADICTIONS = """
SELECT count(*) FROM (
    SELECT assessment_id FROM outcomes WHERE assessment_id IS NOT NULL
    GROUP BY assessment_id, horizon_months HAVING count(*) > 1
    UNION ALL
    SELECT person_key FROM outcomes WHERE assessment_id IS NULL
    GROUP BY person_key, horizon_months, observed_on HAVING count(*) > 1
) AS contradicting
"""

CONTRADICTING_OUTCOMES = (
    "{count} outcome(s) contradict another one for the same assessment and horizon (or person key, horizon and date);"
    " keep one of each and run the upgrade again"
)


def upgrade() -> None:
    op.execute(REMOVE_COPIES)
    contradicting = op.get_bind().execute(sa.text(CONTRADICTIONS)).scalar_one()
    if contradicting:
        raise RuntimeError(CONTRADICTING_OUTCOMES.format(count=contradicting))
    op.drop_index(op.f("ix_outcomes_assessment_id"), table_name="outcomes")
    op.create_index(
        op.f("ix_outcomes_assessment_id_horizon_months"), "outcomes", ["assessment_id", "horizon_months"], unique=True
    )
    op.create_index(
        op.f("ix_outcomes_person_key_horizon_months_observed_on"),
        "outcomes",
        ["person_key", "horizon_months", "observed_on"],
        unique=True,
        sqlite_where=sa.text(WITHOUT_ASSESSMENT),
        postgresql_where=sa.text(WITHOUT_ASSESSMENT),
    )
    op.create_table(
        "outcome_requests",
        sa.Column("caller", sa.String(128), nullable=False),
        sa.Column("idempotency_key", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("caller", "idempotency_key", name=op.f("pk_outcome_requests")),
    )


def downgrade() -> None:
    op.drop_table("outcome_requests")
    op.drop_index(op.f("ix_outcomes_person_key_horizon_months_observed_on"), table_name="outcomes")
    op.drop_index(op.f("ix_outcomes_assessment_id_horizon_months"), table_name="outcomes")
    op.create_index(op.f("ix_outcomes_assessment_id"), "outcomes", ["assessment_id"])
