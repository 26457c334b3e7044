"""Alembic migrations of the records database (obligation: record-keeping); run by ``monitoring.records.db.upgrade``."""
