"""The write path (obligation: record-keeping, audit trail, data minimisation).

What the service did is kept here, append-only: assessments, decisions, events (provisional levels, approvals and
returns, objections and reviews, subject-access lookups, trial definitions and draws, model events) and outcomes. Every
assessment, decision and event is a link of one hash chain that proves no record was changed or removed
(:mod:`monitoring.records.chain`), the state of a case follows from its records (:mod:`monitoring.records.case_state`),
and a person key never stores the identity number. ``service/`` calls these functions on every request; ``training/``
may read them to build a training set and append model events.
"""

from monitoring.records.assessments import get_assessment, record_assessment
from monitoring.records.case_state import case_of, check_transition
from monitoring.records.chain import ChainReport, verify_chain
from monitoring.records.db import make_engine, ping, session_factory, upgrade
from monitoring.records.decisions import decisions_for, record_decision
from monitoring.records.events import append_event, record_provisional_level
from monitoring.records.identity import person_key
from monitoring.records.listing import decisions_csv, list_decisions
from monitoring.records.outcomes import record_outcome, record_outcomes

__all__ = [
    "ChainReport",
    "append_event",
    "case_of",
    "check_transition",
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
    "record_provisional_level",
    "session_factory",
    "upgrade",
    "verify_chain",
]
