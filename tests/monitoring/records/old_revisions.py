"""Databases as older revisions left them: migrated to a given revision, with records written as the service then
wrote them (assessments without an ``assessed`` event, decisions chained among themselves)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, insert, select

from monitoring.records.db import BEGIN_MODE_OPTION, MIGRATIONS_DIR
from monitoring.records.hashing import ASSESSMENT_HASHED_FIELDS, DECISION_HASHED_FIELDS, GENESIS_HASH, content_hash
from monitoring.records.tables import AssessmentRow, DecisionRow


def migrate_to(engine: Engine, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as connection:
        connection = connection.execution_options(**{BEGIN_MODE_OPTION: "IMMEDIATE"})
        with connection.begin():
            config.attributes["connection"] = connection
            command.upgrade(config, revision)


def stored_assessments(engine: Engine, times: list[dt.datetime], *, person_key: str) -> list[dict[str, Any]]:
    """Assessments without consent, inserted alone (no ``assessed`` event), with their content hashes."""
    rows = []
    for at in times:
        content: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "created_at": at,
            "request_id": "old",
            "idempotency_key": None,
            "caller": "counsellor-1",
            "person_key": person_key,
            "office": "0301",
            "counsellor": "Z990001",
            "consent": False,
            "model_name": "jobseeker-risk",
            "model_version": "2",
            "profile": {"age": 40},
            "language": "nb",
        } | dict.fromkeys(
            ("policy_version", "risk", "lower", "upper", "suggested_level", "flags", "base_value", "shap", "reasons")
        )
        content["content_hash"] = content_hash(content, ASSESSMENT_HASHED_FIELDS)
        rows.append(content)
    with engine.begin() as connection:
        connection.execute(insert(AssessmentRow), rows)
    return rows


def stored_assessment(engine: Engine, *, at: dt.datetime, person_key: str) -> dict[str, Any]:
    return stored_assessments(engine, [at], person_key=person_key)[0]


def stored_decision(engine: Engine, assessment: dict[str, Any], *, at: dt.datetime) -> dict[str, Any]:
    """A decision chained after the newest decision, as revisions before 0003 appended them (events unknown)."""
    with engine.begin() as connection:
        head = connection.execute(select(DecisionRow.seq, DecisionRow.hash).order_by(DecisionRow.seq.desc())).first()
        decision: dict[str, Any] = {
            "seq": 1 if head is None else head.seq + 1,
            "id": str(uuid.uuid4()),
            "assessment_id": assessment["id"],
            "created_at": at,
            "request_id": "old",
            "idempotency_key": None,
            "caller": "counsellor-1",
            "office": assessment["office"],
            "counsellor": "Z990001",
            "decided_level": "SITUASJONSBESTEMT_INNSATS",
            "suggested_level": None,
            "follows_suggestion": None,
            "reason_code": None,
            "justification": None,
            "supersedes": None,
            "assessment_hash": assessment["content_hash"],
            "prev_hash": GENESIS_HASH if head is None else head.hash,
        }
        decision["hash"] = content_hash(decision, DECISION_HASHED_FIELDS)
        connection.execute(insert(DecisionRow), decision)
    return decision
