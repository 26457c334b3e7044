"""Records, audit trail and monitoring of the profiling service, in two rooms.

- :mod:`monitoring.records` is the write path: every request's record (assessments, decisions, outcomes), the hash
  chain that proves none was changed or removed, the pseudonymous person key, the tables and their migrations.
- :mod:`monitoring.analysis` reads the records for people: drift, fairness, overrides, performance, explanations and
  the audit report. It may import :mod:`monitoring.records`; the records never import the analysis.

Both raise the domain errors of :mod:`models.errors`.
"""
