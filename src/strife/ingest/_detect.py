"""Which reader a document needs: by file extension first, then by sniffing the bytes."""

from __future__ import annotations

import json
import zlib

__all__ = [
    "TEXT", "HTML", "JSONL", "CSV", "WARC", "RSS", "ATOM", "FEED_TYPES",
    "media_type_for_name", "sniff_media_type", "media_type_for_content_type", "is_feed",
]

TEXT = "text/plain"
HTML = "text/html"
JSONL = "application/x-ndjson"
CSV = "text/csv"
WARC = "application/warc"
RSS = "application/rss+xml"
ATOM = "application/atom+xml"
FEED_TYPES = (RSS, ATOM)
XML_FEED = "feed"  # placeholder: an .xml file is a feed, sniffed as RSS or Atom

_EXTENSIONS = {
    ".txt": TEXT, ".text": TEXT,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML,
    ".jsonl": JSONL, ".ndjson": JSONL,
    ".csv": CSV,
    ".warc": WARC, ".warc.gz": WARC,
    ".rss": RSS, ".atom": ATOM, ".xml": XML_FEED,
}

# Bytes looked at when sniffing.
SNIFF_BYTES = 4096


def media_type_for_name(name: str) -> str | None:
    """The media type a file name's extension says, or ``None`` when it says nothing we read."""
    lower = name.lower().rsplit("/", 1)[-1]
    if lower.endswith(".warc.gz"):
        return WARC
    dot = lower.rfind(".")
    if dot <= 0:
        return None
    return _EXTENSIONS.get(lower[dot:])


def is_feed(media_type: str) -> bool:
    return media_type in FEED_TYPES


def _head_text(content: bytes) -> str:
    head = content[:SNIFF_BYTES]
    for bom in (b"\xef\xbb\xbf",):
        if head.startswith(bom):
            head = head[len(bom):]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return head.decode("utf-16", errors="ignore").lstrip().lower()
        except UnicodeDecodeError:  # pragma: no cover - errors="ignore"
            return ""
    return head.decode("utf-8", errors="ignore").lstrip().lower()


def feed_kind(content: bytes) -> str | None:
    """RSS or ATOM when the bytes look like a feed."""
    head = _head_text(content)
    if "<rss" in head or "<rdf:rdf" in head:
        return RSS
    if "<feed" in head:
        return ATOM
    return None


def sniff_media_type(content: bytes) -> str:
    """Guess from the bytes: WARC, feed, HTML, JSONL, else plain text."""
    if content.startswith(b"WARC/"):
        return WARC
    if content.startswith(b"\x1f\x8b"):
        try:
            start = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(content[:SNIFF_BYTES], 16)
        except zlib.error:
            start = b""
        if start.startswith(b"WARC/"):
            return WARC
    head = _head_text(content)
    if head.startswith("<?xml") or head.startswith("<rss") or head.startswith("<feed"):
        kind = feed_kind(content)
        if kind:
            return kind
    if head.startswith("<!doctype html") or head.startswith("<html") or "<body" in head or "<p>" in head:
        return HTML
    first = head.split("\n", 1)[0].strip()
    if first.startswith("{"):
        line = content.split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(line), dict):
                return JSONL
        except (ValueError, UnicodeDecodeError):
            pass
    return TEXT


def media_type_for_content_type(content_type: str | None, url: str, content: bytes) -> str:
    """Media type of a fetched body: the server's Content-Type, the URL's extension, then sniffing."""
    ctype = (content_type or "").split(";", 1)[0].strip().lower()
    if ctype in ("application/rss+xml", "application/rdf+xml"):
        return RSS
    if ctype == "application/atom+xml":
        return ATOM
    if ctype in ("application/xml", "text/xml"):
        return feed_kind(content) or sniff_media_type(content)
    if ctype in ("application/x-ndjson", "application/jsonl", "application/jsonlines"):
        return JSONL
    if ctype == "text/csv":
        return CSV
    if ctype == "application/warc":
        return WARC
    by_name = media_type_for_name(url.split("?", 1)[0].split("#", 1)[0])
    if by_name and by_name != XML_FEED:
        return by_name
    if ctype in ("text/html", "application/xhtml+xml"):
        return HTML
    return sniff_media_type(content)

