"""The write path (obligation: record-keeping, audit trail, data minimisation).

What the service did is kept here: assessments, decisions and outcomes, append-only, with the hash chain that proves no
decision was changed or removed and a person key that never stores the identity number. ``service/`` calls these
functions on every request; ``training/`` may read them to build a training set and append model events.
"""

from monitoring.records.assessments import get_assessment, record_assessment
from monitoring.records.chain import ChainReport, verify_chain
from monitoring.records.db import make_engine, ping, session_factory, upgrade
from monitoring.records.decisions import decisions_for, record_decision
from monitoring.records.identity import person_key
from monitoring.records.listing import decisions_csv, list_decisions
from monitoring.records.outcomes import record_outcome, record_outcomes

__all__ = [
    "ChainReport",
    "decisions_csv",
    "decisions_for",
    "get_assessment",
    "list_decisions",
    "make_engine",
    "person_key",
    "ping",
    "record_assessment",
    "record_decision",
    "record_outcome",
    "record_outcomes",
    "session_factory",
    "upgrade",
    "verify_chain",
]
