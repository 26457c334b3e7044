"""Tampering directly in the database, as an administrator could, and checking what verification says about it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from monitoring.records.chain import ChainBreak, ChainReport, verify_chain, verify_records
from monitoring.records.tables import DecisionRow, EventRow

Link = DecisionRow | EventRow


def tamper(engine: Engine, *statements: tuple[str, dict[str, object]]) -> None:
    with engine.begin() as connection:
        for sql, parameters in statements:
            connection.execute(text(sql), parameters)


@contextmanager
def without_foreign_keys(engine: Engine) -> Iterator[Connection]:
    """A connection on which deletes ignore foreign keys (SQLite: the pragma, which works outside a transaction
    only; PostgreSQL: replica mode, which a superuser may set), committed when the block ends."""
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
            try:
                with connection.begin():
                    yield connection
            finally:
                connection.rollback()
                connection.connection.driver_connection.execute("PRAGMA foreign_keys = ON")  # type: ignore[union-attr]
        else:
            with connection.begin():
                connection.execute(text("SET LOCAL session_replication_role = replica"))
                yield connection


def links(sessions: sessionmaker[Session]) -> list[Link]:
    """Every decision and event, in ``seq`` order."""
    with sessions() as session:
        stored: list[Link] = [*session.scalars(select(DecisionRow)), *session.scalars(select(EventRow))]
    return sorted(stored, key=lambda link: link.seq)


def after(chain: list[Link], link: Link) -> Link:
    """The link that follows ``link``."""
    return chain[[item.id for item in chain].index(link.id) + 1]


def at(link: Link, problem: str) -> ChainBreak:
    """The break verification reports at a link."""
    if isinstance(link, DecisionRow):
        return ChainBreak(link.seq, link.id, problem)
    return ChainBreak(link.seq, "", problem, event_id=link.id, kind=link.kind)


def verified(sessions: sessionmaker[Session], chain: Iterable[Link]) -> ChainReport:
    """``verify_chain``'s report, after checking that ``verify_records`` agrees on the cases it names and finds
    nothing in the others. ``chain`` is every link as it was before the tampering."""
    report = verify_chain(sessions)
    assessment_of = {link.id: link.assessment_id for link in chain}

    def case(chain_break: ChainBreak) -> str | None:
        return chain_break.assessment_id or assessment_of[chain_break.decision_id or chain_break.event_id]

    on_cases = [b for b in report.breaks if case(b) is not None]
    concerned = {case(b) for b in on_cases}
    assert verify_records(sessions, assessment_ids=[c for c in concerned if c is not None]) == on_cases
    untouched = {a for a in assessment_of.values() if a is not None} - concerned
    assert verify_records(sessions, assessment_ids=untouched) == []
    return report
