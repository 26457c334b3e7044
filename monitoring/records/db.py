"""The records database: engine, migrations, sessions and readiness (obligation: record-keeping).

SQLite is the default store (one file under the data directory), PostgreSQL the production one. Both run the same
Alembic migrations. Writes that must be serialised (the decision chain, migrations) take a database-wide lock: on
SQLite the write transaction starts with ``BEGIN IMMEDIATE``, on PostgreSQL it takes a transaction-level advisory
lock. Connection failures surface as :class:`~models.errors.StorageUnavailableError` so the service can answer 503.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

import orjson
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session, sessionmaker

from models.errors import StorageUnavailableError

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
VERSION_TABLE = "profiling_alembic_version"
"""Alembic's version table, named so that it cannot collide with MLflow's ``alembic_version`` in a shared database."""

SQLITE_BUSY_TIMEOUT_MS = 10_000
PG_CONNECT_TIMEOUT_S = 5
PG_CONNECT_ARGS: dict[str, Any] = {
    "connect_timeout": PG_CONNECT_TIMEOUT_S,
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}
"""libpq options: give up connecting after 5 s, and notice within about a minute that a pooled connection's peer is
gone without a word (a failed-over server, a firewall that dropped the flow), instead of waiting for the kernel's
two hours. ``pool_pre_ping`` only checks connections as they are taken from the pool, not during a statement."""
MIGRATION_LOCK_ID = 7_305_961_420_001
"""PostgreSQL advisory lock key that serialises migrations across processes."""

BEGIN_MODE_OPTION = "profiling_sqlite_begin"
"""Connection execution option: ``"IMMEDIATE"`` makes the next SQLite transaction take the write lock at BEGIN."""

STORAGE_UNAVAILABLE = "storage_unavailable"  # a key of models.texts.ERROR_DETAILS


def _dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


_JSON_CODEC: dict[str, Any] = {"json_serializer": _dumps, "json_deserializer": orjson.loads, "hide_parameters": True}
"""JSON columns through orjson (reading a million stored profiles is several times faster than with ``json``), and
statement parameters kept out of error messages and logs (they may hold justifications and person keys)."""


def make_engine(url: str) -> Engine:
    """Create the engine for the records database.

    Parameters
    ----------
    url : str
        A SQLAlchemy URL: ``sqlite:///path/to/file.db`` or ``postgresql://...`` (rewritten to the psycopg 3
        driver, ``postgresql+psycopg://...``).

    Returns
    -------
    Engine
        For SQLite: the parent directory of the file exists, every connection has a busy timeout (set before WAL
        mode is switched on), ``synchronous=NORMAL`` and foreign keys on, and transactions are begun by SQLAlchemy
        (so that ``BEGIN IMMEDIATE`` is possible). For PostgreSQL: ``pool_pre_ping``, a connect timeout and TCP
        keepalives (:data:`PG_CONNECT_ARGS`).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_pre_ping=True, connect_args=PG_CONNECT_ARGS, **_JSON_CODEC)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return create_engine(parsed, pool_pre_ping=True, **_JSON_CODEC)


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    """``PRAGMA journal_mode = WAL``, retried until the busy timeout.

    When several processes open a fresh database at once (uvicorn's workers starting together), the switch needs the
    database to itself, and SQLite may answer "database is locked" at once instead of waiting in its busy handler.
    """
    deadline = time.monotonic() + SQLITE_BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _sqlite_engine(url: URL) -> Engine:
    if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **_JSON_CODEC)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # sqlite3 must not emit BEGIN itself: SQLAlchemy does, in _on_begin, so the lock mode can be chosen.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            _switch_to_wal(cursor)
            cursor.execute("PRAGMA synchronous = NORMAL")
            cursor.execute("PRAGMA foreign_keys = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if connection.get_execution_options().get(BEGIN_MODE_OPTION) == "IMMEDIATE":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    return engine


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """The session factory every record function takes.

    Parameters
    ----------
    engine : Engine
        From :func:`make_engine`.

    Returns
    -------
    sessionmaker[Session]
        Sessions that do not expire objects on commit, so returned rows stay readable after their transaction.
    """
    return sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)


def ping(engine: Engine) -> None:
    """Check that the records database answers (the readiness probe).

    Parameters
    ----------
    engine : Engine
        From :func:`make_engine`.

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    with storage_errors(), engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def upgrade(engine: Engine) -> None:
    """Migrate the records database to the newest schema; a no-op when it is already there.

    Safe when several processes start at once: the migration runs in one transaction that first takes a lock
    (``BEGIN IMMEDIATE`` on SQLite, ``pg_advisory_xact_lock`` on PostgreSQL), so later processes wait and then find
    the schema current.

    Parameters
    ----------
    engine : Engine
        From :func:`make_engine`.

    Raises
    ------
    StorageUnavailableError
        When the database cannot be reached.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with storage_errors(), engine.connect() as connection:
        connection = connection.execution_options(**{BEGIN_MODE_OPTION: "IMMEDIATE"})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_ID})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    logger.info("records database at the newest schema", extra={"backend": engine.dialect.name})


@contextmanager
def write_transaction(sessions: sessionmaker[Session], *, lock: int | None = None) -> Iterator[Session]:
    """A session in one short write transaction that holds the database's write lock from its first statement.

    On SQLite the transaction starts with ``BEGIN IMMEDIATE`` (waiting up to the busy timeout for other writers);
    on PostgreSQL it is an ordinary transaction that first takes the advisory lock ``lock`` when one is given, so
    writers that read before they write (the decision chain, outcomes) see each other's rows. The transaction commits
    when the block ends and rolls back on an exception.
    """
    with _writer_lock(sessions), sessions() as session, session.begin():
        connection = session.connection(execution_options={BEGIN_MODE_OPTION: "IMMEDIATE"})
        if lock is not None and connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock})
        yield session


_SQLITE_WRITERS: dict[str, threading.Lock] = {}
_SQLITE_WRITERS_GUARD = threading.Lock()


def _writer_lock(sessions: sessionmaker[Session]) -> AbstractContextManager[Any]:
    """On SQLite, writers of one process queue on a lock instead of sleeping in SQLite's busy handler (which
    stretches the latency tail under load); other processes still wait through the busy timeout.
    """
    engine = sessions.kw.get("bind")
    if not isinstance(engine, Engine) or engine.dialect.name != "sqlite":
        return nullcontext()
    with _SQLITE_WRITERS_GUARD:
        return _SQLITE_WRITERS.setdefault(str(engine.url), threading.Lock())


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turn connection failures into :class:`~models.errors.StorageUnavailableError` (integrity errors pass)."""
    try:
        yield
    except IntegrityError:
        raise
    except (OperationalError, InterfaceError, PoolTimeoutError) as exc:
        raise StorageUnavailableError(STORAGE_UNAVAILABLE) from exc
    except DBAPIError as exc:
        if exc.connection_invalidated:
            raise StorageUnavailableError(STORAGE_UNAVAILABLE) from exc
        raise
