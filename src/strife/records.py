"""Typed records passed between pipeline stages.

    RawDocument ──extract──▶ Article ──code──▶ Mention (+ Location) ──merge──▶ Event
                     │                 │
                     └── Failure ◀─────┘   (dead-letter: stage, item, code, message)

Every record is a frozen dataclass with slots.  Ids are content hashes (see
:func:`content_id`), so running the same input twice produces the same ids and
the store can upsert idempotently.  Text positions are character offsets into
``Article.text``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

__all__ = [
    "content_id",
    "RawDocument",
    "Article",
    "Span",
    "Evidence",
    "Claim",
    "Location",
    "Toponym",
    "Statistic",
    "Mention",
    "Event",
    "Failure",
    "to_dict",
    "replace",
]


def content_id(kind: str, *parts: Any, length: int = 32) -> str:
    """A stable id: sha256 over the kind and the parts, hex, truncated.

    ``None`` and the empty string hash differently, so optional parts can be passed as they are.
    """
    h = hashlib.sha256(kind.encode())
    for part in parts:
        h.update(b"\x1f")
        if part is None:
            h.update(b"\x00")
        elif isinstance(part, bytes):
            h.update(part)
        else:
            h.update(str(part).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:length]


def to_dict(record: Any) -> dict[str, Any]:
    """A JSON-ready dict of a record (tuples become lists, bytes are left out)."""
    out = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, bytes):
            continue
        out[f.name] = _plain(value)
    return out


def _plain(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return to_dict(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Bytes exactly as read or fetched.  ``id`` is the sha256 of ``content`` (full hex)."""

    id: str
    source: str  # path or URL as given by the user (or "<text>" for the API)
    content: bytes
    media_type: str  # text/plain, text/html, application/x-ndjson, text/csv, application/warc, application/rss+xml
    fetched_at: str  # ISO 8601 UTC time of reading
    source_date: str | None = None  # HTTP Last-Modified / feed date / `--published`, YYYY-MM-DD (never a file mtime)
    meta: dict[str, Any] = field(default_factory=dict)  # reader options (csv column names, url, ...)

    @staticmethod
    def make_id(content: bytes) -> str:
        return hashlib.sha256(content).hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: clean text with stable offsets, plus metadata."""

    id: str  # content_id("article", title, text)
    document_id: str
    position: int  # order of the article inside its document
    title: str | None
    text: str
    url: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: str | None = None  # YYYY-MM-DD
    # how ``published`` was known: explicit (metadata/dateline), inferred (from the text),
    # document (file, HTTP or feed date), unknown
    published_precision: str = "unknown"
    language: str = "en"
    meta: dict[str, Any] = field(default_factory=dict)

    @staticmethod
    def make_id(title: str | None, text: str) -> str:
        return content_id("article", title or "", text)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Evidence:
    """The characters of an article that justify one coded field."""

    field: str  # e.g. "event_type", "actor1", "event_date", "location", "fatalities", "claimant"
    start: int
    end: int
    text: str
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One claimed number (or assertion) and who claims it."""

    kind: str  # "fatalities", "injured", "captured", ...
    value: int | None
    low: int | None = None
    high: int | None = None
    claimant: str | None = None
    hedges: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None
    text: str | None = None
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class Location:
    name: str | None
    country: str | None
    iso: int | None = None  # ISO 3166 numeric
    iso3: str | None = None
    region: str | None = None  # ACLED region, e.g. "Middle East"
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None  # 1 place, 2 near/part of region, 3 region; None = not found below country
    method: str = "none"  # gazetteer, fuzzy, admin, ner, acled-import, ...
    confidence: float = 0.0
    gazetteer_id: str | None = None
    start: int | None = None  # evidence span in the article
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place name found in an article, resolved (``location``) or not."""

    start: int
    end: int
    text: str
    location: Location | None = None
    candidates: int = 0  # how many gazetteer entries matched the name
    method: str = "gazetteer"  # gazetteer, fuzzy, ner


@dataclass(frozen=True, slots=True)
class Statistic:
    """An aggregate claim ("more than 5278 offensives over five years"): kept, never an event."""

    id: str
    article_id: str
    start: int
    end: int
    text: str
    kind: str | None = None
    value: int | None = None
    period: str | None = None
    claimant: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One report of one event inside one article, coded in ACLED's terms."""

    id: str  # content_id("mention", article_id, trigger start, trigger end, sub_event_type)
    article_id: str
    start: int  # the sentence(s) holding the event
    end: int
    text: str
    event_type: str
    sub_event_type: str
    disorder_type: str
    event_date: str | None = None  # YYYY-MM-DD
    time_precision: int | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: bool = False
    location: Location | None = None
    fatalities: int = 0
    claims: tuple[Claim, ...] = ()
    claimant: str | None = None
    hedges: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    trigger: str | None = None
    confidence: float = 0.5
    method: str = "rules"
    outlet: str | None = None
    notes: str | None = None
    tags: str | None = None

    @staticmethod
    def make_id(article_id: str, start: int, end: int, sub_event_type: str) -> str:
        return content_id("mention", article_id, start, end, sub_event_type)


@dataclass(frozen=True, slots=True)
class Event:
    """One real event: the merge of all its mentions, in ACLED's columns and more."""

    id: str
    event_date: str | None
    year: int | None
    time_precision: int | None
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    civilian_targeting: bool = False
    iso: int | None = None
    region: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    source: str | None = None
    source_scale: str | None = None
    notes: str | None = None
    fatalities: int = 0
    fatalities_low: int | None = None
    fatalities_best: int | None = None
    fatalities_high: int | None = None
    tags: str | None = None
    timestamp: int = 0  # unix time of last change
    mention_ids: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Failure:
    """A dead-letter record: an item that could not pass a stage."""

    stage: str  # ingest, extract, nlp, code, geo, merge, store
    item: str  # path, URL, document id or article id
    code: str  # e.g. "I104"
    message: str
    detail: str | None = None


# Convenience for callers that want a modified copy.
replace = replace

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
