"""Revisions of the records database, applied in order by Alembic."""
