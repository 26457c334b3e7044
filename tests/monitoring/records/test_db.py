"""Connections to PostgreSQL carry a connect timeout and TCP keepalives, so a silently dropped peer is noticed."""

from __future__ import annotations

import os

import pytest

from monitoring.records.db import PG_CONNECT_ARGS, make_engine

POSTGRES_URL = os.environ.get("PROFILING_TEST_POSTGRES_URL")


@pytest.mark.postgres
@pytest.mark.skipif(POSTGRES_URL is None, reason="PROFILING_TEST_POSTGRES_URL is not set")
def test_postgres_connections_use_keepalives_and_a_connect_timeout() -> None:
    assert POSTGRES_URL is not None
    engine = make_engine(POSTGRES_URL)
    try:
        with engine.connect() as connection:
            dsn = connection.connection.driver_connection.info.dsn  # type: ignore[union-attr]
    finally:
        engine.dispose()
    for name, value in PG_CONNECT_ARGS.items():
        assert f"{name}={value}" in dsn
