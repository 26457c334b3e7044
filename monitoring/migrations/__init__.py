"""Alembic migrations of the records database (obligation: record-keeping); run by ``monitoring.db.upgrade``."""
