"""Named schema migrations, applied in order and recorded in ``schema_migrations``.

The same code runs on SQLite and PostgreSQL.  Each migration runs in its own transaction together
with the row that records it, so a crash leaves either the whole migration or none of it (both
dialects have transactional DDL; the store makes SQLite's BEGIN explicit for this).  Two processes
upgrading at once are serialised: PostgreSQL by an advisory lock, SQLite by ``BEGIN IMMEDIATE``;
the second one finds the migration recorded and skips it.

How to change the schema: edit ``strife.store.schema`` and append a migration here that brings an
existing database to the new shape with the ``*_if_missing`` helpers.  ``0001_initial`` creates
the tables from the *current* schema, so on a fresh database the later migrations find nothing to
do; that is why every migration after the first must be written to be a no-op when its change is
already there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from sqlalchemy import Column, Connection, Index, Table, inspect, select
from sqlalchemy.schema import CreateColumn, CreateIndex

from . import schema

if TYPE_CHECKING:
    from .db import Store

__all__ = ["MIGRATIONS", "MigrationStatus", "status", "upgrade", "add_column_if_missing",
           "create_index_if_missing", "rebuild_search_index"]

# Any constant works: it only has to be the same for every strife process on one server.
_PG_LOCK_KEY = 0x57121FE


@dataclass(frozen=True, slots=True)
class MigrationStatus:
    applied: tuple[str, ...]  # in the order they were applied
    pending: tuple[str, ...]  # known to this code, not in the database
    unknown: tuple[str, ...]  # in the database, unknown to this code: the database is newer

    @property
    def up_to_date(self) -> bool:
        return not self.pending and not self.unknown


def _initial(conn: Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t.name != "schema_migrations"]
    schema.metadata.create_all(conn, tables=tables, checkfirst=True)


def _event_search(conn: Connection) -> None:
    """Full-text search over events (``EventFilter.q`` and ``actor``), see ``schema.EVENT_SEARCH_COLUMNS``.

    SQLite: an FTS5 table with external content (the text stays in ``events`` only; the index keyed
    by events.rowid) kept in step by triggers, so every writer (the merge's upsert, bulk imports,
    deletes) updates it in the same transaction without knowing it exists.  PostgreSQL: GIN
    expression indexes on ``to_tsvector('simple', ...)``; the server maintains them itself.
    Also the partial index of deleted events that lets counts skip the live rows.
    """
    create_index_if_missing(conn, next(ix for ix in schema.events.indexes if ix.name == "ix_events_deleted"))
    if conn.dialect.name == "sqlite":
        fresh = not conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE name = ?", (schema.EVENTS_FTS,)).first()
        for ddl in schema.sqlite_search_ddl():
            conn.exec_driver_sql(ddl)
        if fresh:  # index whatever events the database already holds
            conn.exec_driver_sql(f"INSERT INTO {schema.EVENTS_FTS}({schema.EVENTS_FTS}) VALUES ('rebuild')")
    elif conn.dialect.name == "postgresql":
        for ddl in schema.postgresql_search_ddl():
            conn.exec_driver_sql(ddl)


def _run_owner(conn: Connection) -> None:
    """``runs.host`` and ``runs.pid``: lets a later run tell a live run from one killed mid-way."""
    for name in ("host", "pid"):
        add_column_if_missing(conn, schema.runs, schema.runs.c[name])


MIGRATIONS: tuple[tuple[str, Callable[[Connection], None]], ...] = (
    ("0001_initial", _initial),
    ("0002_event_search", _event_search),
    ("0003_run_owner", _run_owner),
)


def rebuild_search_index(store: "Store") -> None:
    """Re-index every event for text search.

    Needed on SQLite only after something changed ``events`` behind the triggers' back (a VACUUM may
    renumber the rowids the FTS index is keyed by, since ``events.id`` is a text key).
    """
    if store.dialect != "sqlite":
        return
    with store.begin() as conn:
        conn.exec_driver_sql(f"INSERT INTO {schema.EVENTS_FTS}({schema.EVENTS_FTS}) VALUES ('rebuild')")


def add_column_if_missing(conn: Connection, table: Table, column: Column) -> bool:
    """ALTER TABLE ... ADD COLUMN unless the column exists.  True when it was added."""
    existing = {c["name"] for c in inspect(conn).get_columns(table.name)}
    if column.name in existing:
        return False
    ddl = str(CreateColumn(column).compile(dialect=conn.dialect))
    name = conn.dialect.identifier_preparer.quote(table.name)
    conn.exec_driver_sql(f"ALTER TABLE {name} ADD COLUMN {ddl}")
    return True


def create_index_if_missing(conn: Connection, index: Index) -> bool:
    existing = {ix["name"] for ix in inspect(conn).get_indexes(index.table.name)}
    if index.name in existing:
        return False
    conn.execute(CreateIndex(index))
    return True


def _ensure_ledger(store: "Store") -> None:
    with store.begin() as conn:
        if store.dialect == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY})")
        schema.schema_migrations.create(conn, checkfirst=True)


def _applied(conn: Connection) -> list[str]:
    if not inspect(conn).has_table(schema.schema_migrations.name):
        return []
    t = schema.schema_migrations
    rows = conn.execute(select(t.c.name).order_by(t.c.applied_at, t.c.name)).scalars()
    return list(rows)


def status(store: "Store") -> MigrationStatus:
    with store.connect() as conn:
        applied = _applied(conn)
    known = [name for name, _ in MIGRATIONS]
    return MigrationStatus(
        applied=tuple(applied),
        pending=tuple(n for n in known if n not in applied),
        unknown=tuple(n for n in applied if n not in known),
    )


def upgrade(store: "Store") -> list[str]:
    """Apply the missing migrations in order, one transaction each.  Returns the names applied."""
    _ensure_ledger(store)
    done: list[str] = []
    t = schema.schema_migrations
    for name, apply in MIGRATIONS:
        with store.begin() as conn:
            if store.dialect == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK_KEY})")
            if conn.execute(select(t.c.name).where(t.c.name == name)).first() is not None:
                continue
            apply(conn)
            conn.execute(t.insert().values(name=name, applied_at=_now()))
        done.append(name)
    return done


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")
