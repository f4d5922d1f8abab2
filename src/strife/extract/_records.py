"""Record-oriented inputs: JSONL lines, CSV rows, WARC response records, feed entries."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..errors import ExtractError, IngestError
from ..ingest._options import IngestOptions
from ..ingest._read import csv_columns_missing

__all__ = ["Record", "jsonl_records", "csv_records", "warc_records", "feed_records"]

# Python's csv module refuses fields over 128 KiB by default; one article can be longer.
CSV_FIELD_LIMIT = 64 * 1024 * 1024
if csv.field_size_limit() < CSV_FIELD_LIMIT:
    csv.field_size_limit(min(CSV_FIELD_LIMIT, sys.maxsize))


@dataclass(frozen=True, slots=True)
class Record:
    """One article-sized record of a container document, before extraction."""

    item: str  # "<source>#line 3", "<source>#row 2", a WARC target URI, a feed entry link
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None  # as given by the record; normalised later
    outlet: str | None = None
    crawl_date: str | None = None  # WARC-Date: a document-level date for the record


def _str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    return None


def jsonl_records(text: str, source: str, options: IngestOptions) -> Iterator[Record | IngestError]:
    """One record per JSON line; a line that is not a JSON object yields an I106 error in its place."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        item = f"{source}#line {number}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield IngestError(f"{item}: not JSON ({exc})", code="I106", item=item)
            continue
        if not isinstance(obj, dict):
            yield IngestError(f"{item}: a JSON {type(obj).__name__}, not an object", code="I106", item=item)
            continue
        text_value = _str(obj.get(options.text_column))
        html_value = _str(obj.get(options.html_column))
        if not text_value and not html_value:
            yield IngestError(f"{item}: no {options.text_column!r} or {options.html_column!r} field",
                              code="I106", item=item)
            continue
        yield Record(item=item, text=text_value, html=html_value, title=_str(obj.get(options.title_column)),
                     url=_str(obj.get(options.url_column)), published=_str(obj.get(options.date_column)),
                     outlet=_str(obj.get(options.outlet_column)))


def csv_records(text: str, source: str, options: IngestOptions) -> Iterator[Record | IngestError]:
    """One record per CSV row; a CSV without a text (or html) column is one I107 error."""
    text = text.lstrip("\ufeff")
    missing = csv_columns_missing(text, options)
    if missing:
        yield IngestError(f"{source}: {missing}", code="I107", item=source)
        return
    reader = csv.DictReader(io.StringIO(text))
    reader.fieldnames = [f.strip() for f in reader.fieldnames or []]
    try:
        for number, row in enumerate(reader, start=2):
            item = f"{source}#row {number}"
            text_value = _str(row.get(options.text_column))
            html_value = _str(row.get(options.html_column))
            if not text_value and not html_value:
                yield ExtractError(f"{item}: the text column is empty", code="X101", item=item)
                continue
            yield Record(item=item, text=text_value, html=html_value, title=_str(row.get(options.title_column)),
                         url=_str(row.get(options.url_column)), published=_str(row.get(options.date_column)),
                         outlet=_str(row.get(options.outlet_column)))
    except csv.Error as exc:
        yield IngestError(f"{source}: CSV broken near row {reader.line_num} ({exc})", code="I107", item=source)


def warc_records(content: bytes, source: str) -> Iterator[Record | IngestError]:
    """HTML and plain-text WARC response records (gzip or not); other records are skipped."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    if not (content.startswith(b"WARC/") or content.startswith(b"\x1f\x8b")):
        yield IngestError(f"{source}: does not start with a WARC header", code="I111", item=source)
        return
    seen = 0
    try:
        for record in ArchiveIterator(io.BytesIO(content), record_types=WarcRecordType.response, parse_http=True,
                                      fsspec_args=False):
            seen += 1
            uri = record.headers.get("WARC-Target-URI") or f"{source}#record {seen}"
            ctype = (record.http_headers.get("Content-Type") if record.http_headers else None) or ""
            status = record.http_headers.status_code if record.http_headers else None
            body = record.reader.read()
            if status is not None and status >= 400:
                yield IngestError(f"{uri}: archived HTTP {status}", code="I113", item=uri)
                continue
            kind = ctype.split(";", 1)[0].strip().lower()
            if kind not in ("text/html", "application/xhtml+xml", "text/plain", ""):
                continue  # images, scripts, styles: not articles
            charset = None
            if "charset=" in ctype.lower():
                charset = ctype.lower().split("charset=", 1)[1].split(";", 1)[0].strip().strip('"')
            text = _decode(body, charset, uri)
            if isinstance(text, IngestError):
                yield text
                continue
            when = record.record_date.date().isoformat() if record.record_date else None
            if kind == "text/plain":
                yield Record(item=uri, text=text, url=uri, crawl_date=when)
            else:
                yield Record(item=uri, html=text, url=uri, crawl_date=when)
    except (OSError, ValueError) as exc:
        yield IngestError(f"{source}: WARC unreadable after {seen} records ({exc})", code="I111", item=source)
        return
    if seen == 0:
        yield IngestError(f"{source}: no WARC response records", code="I111", item=source)


def _decode(body: bytes, charset: str | None, item: str) -> str | IngestError:
    from ..ingest._decode import decode_text

    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode_text(body, item)[0]
    except IngestError as exc:
        return exc


def _struct_date(value: Any) -> str | None:
    if not value:
        return None
    try:
        return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    except (AttributeError, ValueError):
        return None


def feed_records(content: bytes, source: str) -> Iterator[Record | IngestError]:
    """One record per RSS/Atom entry: content (or summary) as HTML, link, title, published."""
    import feedparser

    parsed = feedparser.parse(content)
    entries = [e for e in parsed.get("entries") or []
               if any(e.get(k) for k in ("title", "link", "summary", "description", "content"))]
    if not entries:
        why = parsed.get("bozo_exception")
        yield IngestError(f"{source}: no feed entries" + (f" ({why})" if why else ""), code="I112", item=source)
        return
    feed = parsed.get("feed") or {}
    outlet = _str(feed.get("title"))
    for number, entry in enumerate(entries, start=1):
        link = _str(entry.get("link"))
        item = link or f"{source}#entry {number}"
        html = None
        for part in entry.get("content") or []:
            if _str(part.get("value")):
                html = part["value"]
                break
        html = html or _str(entry.get("summary")) or _str(entry.get("description"))
        title = _str(entry.get("title"))
        if not html:
            yield ExtractError(f"{item}: the feed entry has no content or summary", code="X101", item=item)
            continue
        published = _struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
        yield Record(item=item, html=html, title=title, url=link, published=published, outlet=outlet)


def iso_date(value: str | None) -> date | None:
    """A record's date field (ISO, RFC 2822, written out) as a date."""
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    from ._dates import parse_date

    return parse_date(value)
