"""The database schema: SQLAlchemy Core tables, one definition for SQLite and PostgreSQL.

Changes to this file go with a new named migration in ``strife.store.migrations``.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    true,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("started_at", String(40), nullable=False),
    Column("finished_at", String(40)),
    Column("status", String(20), nullable=False),  # running, ok, partial, failed, interrupted
    Column("command", Text),
    Column("inputs", JSON),
    Column("documents", Integer, default=0),
    Column("articles", Integer, default=0),
    Column("mentions", Integer, default=0),
    Column("events", Integer, default=0),
    Column("failures", Integer, default=0),
    Column("timings", JSON),
    # which process runs it: a run left 'running' by a process that no longer exists (kill -9, power
    # loss) is marked 'interrupted' by the next run on the same host (migration 0003_run_owner)
    Column("host", String(255)),
    Column("pid", Integer),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of content
    Column("source", Text, nullable=False),
    Column("media_type", String(80), nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("fetched_at", String(40), nullable=False),
    Column("source_date", String(10)),
    Column("meta", JSON),
    Column("run_id", String(64)),
    # 'done' once its articles and mentions are stored in the same transaction
    Column("status", String(20), nullable=False, default="done"),
    Column("articles", Integer, default=0),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id"), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("byline", Text),
    Column("published", String(10), index=True),
    Column("published_precision", String(20)),
    Column("language", String(10)),
    Column("meta", JSON),
    Column("run_id", String(64)),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id"), nullable=False, index=True),
    Column("event_id", String(64), index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("event_type", String(60), nullable=False),
    Column("sub_event_type", String(80), nullable=False),
    Column("disorder_type", String(80)),
    Column("event_date", String(10), index=True),
    Column("time_precision", Integer),
    Column("actor1", Text),
    Column("assoc_actor_1", Text),
    Column("inter1", Integer),
    Column("actor2", Text),
    Column("assoc_actor_2", Text),
    Column("inter2", Integer),
    Column("interaction", Integer),
    Column("civilian_targeting", Boolean, default=False),
    Column("location", Text),
    Column("country", String(80), index=True),
    Column("iso", Integer),
    Column("region", String(60)),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("admin3", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("geo_method", String(40)),
    Column("geo_confidence", Float),
    Column("gazetteer_id", String(64)),
    Column("fatalities", Integer, default=0),
    Column("claimant", Text),
    Column("hedges", JSON),
    Column("claims", JSON),
    Column("evidence", JSON),
    Column("trigger", Text),
    Column("confidence", Float),
    Column("method", String(40)),
    Column("outlet", Text),
    Column("notes", Text),
    Column("tags", Text),
    Column("run_id", String(64)),
)

events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("event_date", String(10)),
    Column("year", Integer),
    Column("time_precision", Integer),
    Column("disorder_type", String(80)),
    Column("event_type", String(60), nullable=False),
    Column("sub_event_type", String(80), nullable=False),
    Column("actor1", Text),
    Column("assoc_actor_1", Text),
    Column("inter1", Integer),
    Column("actor2", Text),
    Column("assoc_actor_2", Text),
    Column("inter2", Integer),
    Column("interaction", Integer),
    Column("civilian_targeting", Boolean, default=False),
    Column("iso", Integer),
    Column("region", String(60)),
    Column("country", String(80)),
    Column("admin1", Text),
    Column("admin2", Text),
    Column("admin3", Text),
    Column("location", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("source", Text),
    Column("source_scale", Text),
    Column("notes", Text),
    Column("fatalities", Integer, default=0),
    Column("fatalities_low", Integer),
    Column("fatalities_best", Integer),
    Column("fatalities_high", Integer),
    Column("tags", Text),
    Column("timestamp", BigInteger, nullable=False),  # unix time of last change
    Column("created_at", BigInteger, nullable=False),
    Column("mention_count", Integer, default=0),
    Column("claims", JSON),  # every claimed number with its claimant
    Column("evidence", JSON),  # evidence spans per coded field (from the representative mention)
    Column("deleted", Boolean, default=False, nullable=False),
    Column("run_id", String(64)),
    Index("ix_events_date", "event_date"),
    Index("ix_events_country_date", "country", "event_date"),
    Index("ix_events_type_date", "event_type", "event_date"),
    Index("ix_events_timestamp", "timestamp"),
    Index("ix_events_latlon", "latitude", "longitude"),
)

# The deleted events, few next to the live ones: counts subtract them instead of scanning every live
# row for ``deleted = false`` (query.count_events), and ``deletions()`` reads them in timestamp order.
Index("ix_events_deleted", events.c.timestamp,
      sqlite_where=events.c.deleted == true(), postgresql_where=events.c.deleted == true())

# The change log behind `strife events --changed-since` and the deletions list.
event_changes = Table(
    "event_changes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(64), nullable=False, index=True),
    Column("change", String(20), nullable=False),  # created, updated, deleted, split, merged
    Column("other_id", String(64)),  # for merged/split: the other event
    Column("reason", Text),
    Column("at", BigInteger, nullable=False, index=True),
    Column("run_id", String(64)),
)

failures = Table(
    "failures",
    metadata,
    Column("id", String(64), primary_key=True),  # content_id(stage, item, code): re-runs do not double
    Column("run_id", String(64), index=True),
    Column("stage", String(20), nullable=False),
    Column("item", Text, nullable=False),
    Column("code", String(10), nullable=False),
    Column("message", Text, nullable=False),
    Column("detail", Text),
    Column("created_at", String(40), nullable=False),
)

# Aggregates such as "more than 5278 offensives over five years": kept as statistics, never events.
statistics = Table(
    "statistics",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(40)),
    Column("value", BigInteger),
    Column("period", Text),
    Column("claimant", Text),
    Column("run_id", String(64)),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(40), nullable=False),
    Column("revoked", Boolean, default=False, nullable=False),
)

# -- full-text search over events (migration 0002_event_search) ----------------------------------
# Not SQLAlchemy tables: an FTS5 virtual table and GIN expression indexes have no portable Core
# form, so their DDL lives here as text, next to the table it indexes.

# Searched by EventFilter.q (every word, in any of these) and EventFilter.actor (the actor columns).
EVENT_SEARCH_COLUMNS = ("notes", "location", "admin1", "admin2", "country", "sub_event_type",
                        "actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
EVENT_ACTOR_COLUMNS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
EVENTS_FTS = "events_fts"
# Diacritics kept: PostgreSQL's 'simple' configuration keeps them too, so both dialects match alike.
SQLITE_FTS_TOKENIZER = "unicode61 remove_diacritics 0"


# PostgreSQL's parser reads "Shelling/artillery/missile" as one file-path token and "a.b@c.d" as
# an e-mail; FTS5 and strife's query side split words at any punctuation.  Blanking punctuation
# first makes all three cut text into the same words (ASCII ranges spelled out: independent of the
# server's locale).
_PG_PUNCT = "'[!-/:-@\\[-`{-~\u2018\u2019\u201c\u201d\u2013\u2014]+'"


def _pg_words(expr: str) -> str:
    return f"regexp_replace({expr}, {_PG_PUNCT}, ' ', 'g')"


def pg_tsvector(columns: tuple[str, ...]) -> str:
    """The indexed text-search document over ``columns`` of events.  Queries must use this exact
    expression for PostgreSQL to use the index (``||`` and an explicit regconfig: immutable)."""
    joined = " || ' ' || ".join(f"coalesce({c}, '')" for c in columns)
    return f"to_tsvector('simple'::regconfig, {_pg_words(joined)})"


PG_SEARCH_DOC = pg_tsvector(EVENT_SEARCH_COLUMNS)
# One weight label per actor column (A..D, PostgreSQL's four), so a phrase query can be held to one.
PG_ACTOR_WEIGHTS = ("A", "B", "C", "D")
PG_ACTOR_DOC = " || ".join(f"setweight({pg_tsvector((c,))}, '{w}')"
                           for c, w in zip(EVENT_ACTOR_COLUMNS, PG_ACTOR_WEIGHTS))


def sqlite_search_ddl() -> list[str]:
    """The FTS5 table over events (external content, keyed by events.rowid) and its sync triggers;
    every statement is IF NOT EXISTS."""
    cols = ", ".join(EVENT_SEARCH_COLUMNS)
    new = ", ".join(f"new.{c}" for c in EVENT_SEARCH_COLUMNS)
    old = ", ".join(f"old.{c}" for c in EVENT_SEARCH_COLUMNS)
    fts = EVENTS_FTS
    insert_new = f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.rowid, {new});"
    delete_old = f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.rowid, {old});"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({cols}, content='events', "
        f"content_rowid='rowid', tokenize='{SQLITE_FTS_TOKENIZER}')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON events BEGIN {insert_new} END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON events BEGIN {delete_old} END",
        # only when a searched column is written: marking events deleted leaves the index alone
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {cols} ON events BEGIN {delete_old} {insert_new} END",
    ]


def postgresql_search_ddl() -> list[str]:
    return [
        f"CREATE INDEX IF NOT EXISTS ix_events_search ON events USING gin (({PG_SEARCH_DOC}))",
        f"CREATE INDEX IF NOT EXISTS ix_events_actor_search ON events USING gin (({PG_ACTOR_DOC}))",
    ]
