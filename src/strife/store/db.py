"""The store: one SQLAlchemy engine over a SQLite file or a PostgreSQL database.

``Store.open`` turns a path or URL into a ready store.  SQLite files run in WAL mode so one writer
and many readers (the web server, ``strife events``) work side by side; every transaction the store
opens with :meth:`Store.begin` is ``BEGIN IMMEDIATE`` on SQLite, so two writers queue on the
busy timeout instead of failing half-way with "database is locked".

Schema versions are named migrations (``strife.store.migrations``).  A SQLite store is brought up
to date when it is opened (a laptop user needs no extra step); a PostgreSQL store is shared, so it is
only upgraded by ``strife db upgrade`` (or ``Store.open(..., auto_upgrade=True)``) and otherwise
refuses with S102.  A store written by a newer strife is refused with S103 either way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

from ..errors import StoreError
from ..settings import Settings, database_url, get_settings

if TYPE_CHECKING:
    from ..records import Article, Failure, Mention, RawDocument, Statistic
    from . import migrations as _migrations
    from .writes import SaveCounts

__all__ = ["Store", "SUPPORTED_DIALECTS"]

SUPPORTED_DIALECTS = ("sqlite", "postgresql")

# How long a SQLite writer waits for another writer before giving up.  A document's transaction
# takes well under a second; 30 s leaves room for a merge transaction over a large batch.
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Seconds to wait for a PostgreSQL server before S101: a local server answers in milliseconds,
# a remote one within a few seconds; longer only delays the error message.
PG_CONNECT_TIMEOUT_S = 10


class Store:
    """A database holding strife's documents, articles, mentions, events and runs.

    Stable attributes: ``engine`` (SQLAlchemy Engine), ``url`` (as opened, password included),
    ``dialect`` ("sqlite" or "postgresql"), ``settings``.
    """

    def __init__(self, engine: Engine, url: str, settings: Settings):
        self.engine = engine
        self.url = url
        self.dialect: str = engine.dialect.name
        self.settings = settings

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, db: str | None = None, settings: Settings | None = None, *,
             auto_upgrade: bool | None = None, check_schema: bool = True) -> "Store":
        """Open ``db`` (a file path or SQLAlchemy URL; ``None`` = ``settings.db_url``).

        ``auto_upgrade=None`` means: apply missing migrations for SQLite, require
        ``strife db upgrade`` (S102) for PostgreSQL.  ``check_schema=False`` skips the version
        check entirely (``strife db status`` / ``upgrade`` use it).
        """
        settings = settings or get_settings()
        url = database_url(db) if db else settings.db_url
        engine = _create_engine(url)
        store = cls(engine, url, settings)
        store._ping()
        if check_schema:
            store._check_schema(auto_upgrade)
        return store

    def _ping(self) -> None:
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
                if self.dialect == "sqlite":
                    # "file is not a database" only shows on the first real read
                    conn.exec_driver_sql("SELECT count(*) FROM sqlite_master")
        except sa_exc.SQLAlchemyError as exc:
            self.engine.dispose()
            raise StoreError(f"cannot open {self.display_url}: {_first_line(exc)}", code="S101") from exc

    def _check_schema(self, auto_upgrade: bool | None) -> None:
        from . import migrations

        state = migrations.status(self)
        if state.unknown:
            self.engine.dispose()
            raise StoreError(
                f"{self.display_url} has migrations this strife does not know: {', '.join(state.unknown)}",
                code="S103")
        if not state.pending:
            return
        if auto_upgrade is None:
            auto_upgrade = self.dialect == "sqlite" or bool(getattr(self.settings, "auto_upgrade", False))
        if auto_upgrade:
            migrations.upgrade(self)
        else:
            self.engine.dispose()
            raise StoreError(
                f"{self.display_url} lacks migrations {', '.join(state.pending)}", code="S102",
                hint="run `strife db upgrade --db URL` with this database URL")

    # -- connections -----------------------------------------------------------------------

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A connection inside one write transaction: committed on exit, rolled back on error."""
        with self._unavailable_is_s101(), self.engine.connect() as conn:
            if self.dialect == "sqlite":
                conn.execution_options(strife_immediate=True)
            with conn.begin():
                yield conn

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A connection for reads (a deferred transaction on SQLite, never blocks writers)."""
        with self._unavailable_is_s101(), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _unavailable_is_s101(self) -> Iterator[None]:
        # A server gone away or a lock held past the busy timeout is an operational state the user
        # can fix, not a bug: it becomes a coded error.  Integrity and programming errors stay raw.
        try:
            yield
        except sa_exc.OperationalError as exc:
            raise StoreError(f"database {self.display_url} unavailable: {_first_line(exc)}", code="S101") from exc

    @property
    def display_url(self) -> str:
        """The URL without its password, for messages and logs."""
        return make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.display_url!r})"

    # -- migrations ------------------------------------------------------------------------

    def upgrade(self) -> list[str]:
        """Apply missing migrations; returns the names applied (empty when up to date)."""
        from . import migrations

        return migrations.upgrade(self)

    def migration_status(self) -> "_migrations.MigrationStatus":
        from . import migrations

        return migrations.status(self)

    # -- writes (see strife.store.writes) --------------------------------------------------

    def begin_run(self, command: str, inputs: Iterable[str] | None = None) -> str:
        from . import writes

        return writes.begin_run(self, command, inputs)

    def finish_run(self, run_id: str, status: str, counts: Mapping[str, int] | Any | None = None,
                   timings: Mapping[str, float] | None = None) -> None:
        from . import writes

        writes.finish_run(self, run_id, status, counts, timings)

    def has_document(self, doc_id: str) -> bool:
        from . import writes

        return writes.has_document(self, doc_id)

    def save_document(self, run_id: str | None, doc: "RawDocument", articles: Iterable["Article"] = (),
                      mentions: Iterable["Mention"] = (), statistics: Iterable["Statistic"] = (),
                      failures: Iterable["Failure"] = ()) -> "SaveCounts":
        from . import writes

        return writes.save_document(self, run_id, doc, articles, mentions, statistics, failures)

    def record_failure(self, run_id: str | None, failure: "Failure") -> bool:
        from . import writes

        return writes.record_failure(self, run_id, failure)

    def create_token(self, name: str) -> str:
        from . import writes

        return writes.create_token(self, name)

    def check_token(self, token: str) -> bool:
        from . import writes

        return writes.check_token(self, token)

    def revoke_token(self, name_or_id: str) -> int:
        from . import writes

        return writes.revoke_token(self, name_or_id)

    def list_tokens(self) -> list[dict[str, Any]]:
        from . import writes

        return writes.list_tokens(self)

    def load_mentions(self, ids: Iterable[str] | None = None, where: Any = None) -> list["Mention"]:
        from . import writes

        return writes.load_mentions(self, ids, where)


def _create_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except sa_exc.ArgumentError as exc:
        raise StoreError(f"cannot parse database URL {url!r}", code="S104") from exc
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED_DIALECTS:
        raise StoreError(f"unsupported database {backend!r} in {parsed.render_as_string(hide_password=True)}",
                         code="S104")
    try:
        if backend == "sqlite":
            engine = _sqlite_engine(parsed)
        else:
            connect_args = {} if "connect_timeout" in parsed.query else {"connect_timeout": PG_CONNECT_TIMEOUT_S}
            engine = create_engine(parsed, pool_pre_ping=True, connect_args=connect_args,
                                   json_serializer=_json_dumps)
    except (sa_exc.ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use {parsed.render_as_string(hide_password=True)}: {_first_line(exc)}",
                         code="S104") from exc
    return engine


def _sqlite_engine(parsed) -> Engine:
    busy_ms = SQLITE_BUSY_TIMEOUT_MS  # read at open time, so a test can shorten it
    database = parsed.database
    memory = not database or database == ":memory:" or database.startswith("file::memory:")
    if memory:
        # one shared connection, or every pool checkout would see a different empty database
        engine = create_engine(parsed, poolclass=StaticPool, connect_args={"check_same_thread": False},
                               json_serializer=_json_dumps)
    else:
        try:
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for {database}: {exc}", code="S101") from exc
        engine = create_engine(parsed, connect_args={"timeout": busy_ms / 1000},
                               json_serializer=_json_dumps)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions start: the module's
        # implicit BEGIN skips DDL, which would make migrations non-atomic.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={busy_ms}")
        _set_wal(cur, busy_ms)
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        immediate = conn.get_execution_options().get("strife_immediate")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _set_wal(cur, busy_ms: int) -> None:
    """Switch to WAL, retrying: SQLite may answer "database is locked" at once, without its busy
    handler, while another connection opens or changes the journal mode of a new file (seen when
    four processes opened one fresh database together)."""
    import sqlite3
    import time

    deadline = time.monotonic() + busy_ms / 1000
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _json_dumps(value: Any) -> str:
    # reader metadata may carry paths or dates: store their text rather than fail the document
    return json.dumps(value, ensure_ascii=False, default=str)


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip().splitlines()
    return text[0] if text else type(orig).__name__
