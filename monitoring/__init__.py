"""Records, audit trail and monitoring of the profiling service.

The records layer keeps what the service did (record-keeping), proves that no decision was changed or removed (audit
trail) and never stores an identity number (data minimisation). ``service/`` calls these functions; they raise the
domain errors of :mod:`models.errors`.
"""

from monitoring.chain import ChainReport, verify_chain
from monitoring.db import make_engine, ping, session_factory, upgrade
from monitoring.decisions import decisions_for, record_decision
from monitoring.identity import person_key, validate_national_id
from monitoring.listing import decisions_csv, list_decisions
from monitoring.records import get_assessment, record_assessment, record_outcome

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
    "session_factory",
    "upgrade",
    "validate_national_id",
    "verify_chain",
]
