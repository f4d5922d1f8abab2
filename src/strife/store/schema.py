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
