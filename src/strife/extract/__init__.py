"""Extract: a :class:`~strife.records.RawDocument` in, articles (and failures) out.

    extract_articles(doc, options=None) -> ExtractResult(articles, failures)

Dispatches on ``doc.media_type``:

    text/plain               segmenter: a dump of concatenated articles split at real headlines,
                             page chrome (data/boilerplate.txt) dropped
    text/html                resiliparse main text; trafilatura for metadata and as fallback
    application/x-ndjson     one article per JSON line (``text`` or ``html`` field)
    text/csv                 one article per row
    application/warc         one article per HTML/text response record
    application/rss+xml,     one article per feed entry (content or summary, link, title, date)
    application/atom+xml

A bad record becomes a :class:`~strife.records.Failure` (stage ``extract``); the good ones go on.
``Article.text`` is built here (paragraphs joined by a blank line), so offsets into it are stable for
the same input bytes.  ``Article.meta`` keeps where the article sat in the decoded document
(``source_start``/``source_end``), the dateline, all authors and the extraction method.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from ..errors import ExtractError, IngestError, StrifeError
from ..ingest._decode import decode_text
from ..ingest._detect import ATOM, CSV, HTML, JSONL, RSS, TEXT, WARC
from ..ingest._options import IngestOptions
from ..records import Article, Failure, RawDocument
from ._chrome import load_chrome
from ._html import html_fragment_text, html_to_article
from ._records import Record, csv_records, feed_records, iso_date, jsonl_records, warc_records
from ._segment import clean_text, infer_published, looks_like_headline, segment_text

__all__ = ["ExtractResult", "extract_articles", "segment_text", "clean_text", "looks_like_headline",
           "load_chrome", "detect_language"]


@dataclass(frozen=True, slots=True)
class ExtractResult:
    articles: list[Article] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


# Share of Arabic-script letters above which an article is Arabic rather than English.
ARABIC_SHARE = 0.5
# Characters looked at for the language guess.
LANGUAGE_SAMPLE = 2000
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f]")


def detect_language(text: str) -> str:
    """"ar" for Arabic-script text, else "en" (strife's models are English)."""
    sample = text[:LANGUAGE_SAMPLE]
    if sample.isascii():
        return "en"
    letters = sum(map(str.isalpha, sample))
    arabic = len(_ARABIC.findall(sample))
    return "ar" if letters and arabic / letters > ARABIC_SHARE else "en"


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def _fail(item: str, exc: StrifeError) -> Failure:
    return Failure(stage="extract", item=item, code=exc.code, message=exc.message, detail=exc.hint or None)


def _doc_date(doc: RawDocument) -> date | None:
    for value in (doc.meta.get("published"), doc.source_date):
        d = iso_date(value) if isinstance(value, str) else None
        if d is not None:
            return d
    return None


def _normalise_newlines(text: str) -> str:
    text = text.lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _decoded(doc: RawDocument) -> str:
    encoding = doc.meta.get("encoding") or doc.meta.get("charset")
    if encoding:
        try:
            return _normalise_newlines(doc.content.decode(encoding))
        except (LookupError, UnicodeDecodeError):
            pass
    return _normalise_newlines(decode_text(doc.content, doc.source)[0])


def extract_articles(doc: RawDocument, options: IngestOptions | None = None) -> ExtractResult:
    """The articles in ``doc`` (see the module docstring); never raises for bad content."""
    options = options or IngestOptions.from_meta(doc.meta)
    try:
        if doc.media_type == WARC:
            return _from_records(doc, warc_records(doc.content, doc.source))
        if doc.media_type in (RSS, ATOM):
            return _from_records(doc, feed_records(doc.content, doc.source))
        text = _decoded(doc)
        if doc.media_type == HTML:
            return _from_html(doc, text)
        if doc.media_type == JSONL:
            return _from_records(doc, jsonl_records(text, doc.source, options))
        if doc.media_type == CSV:
            return _from_records(doc, csv_records(text, doc.source, options))
        if doc.media_type != TEXT:
            return ExtractResult([], [_fail(doc.source, IngestError(
                f"{doc.source}: media type {doc.media_type!r} has no reader", code="I110"))])
        return _from_text(doc, text)
    except StrifeError as exc:
        return ExtractResult([], [_fail(doc.source, exc)])


def _article(doc: RawDocument, position: int, title: str | None, text: str, **kw) -> Article:
    return Article(id=Article.make_id(title, text), document_id=doc.id, position=position, title=title,
                   text=text, language=detect_language(text), **kw)


def _from_text(doc: RawDocument, text: str) -> ExtractResult:
    doc_date = _doc_date(doc)
    result = segment_text(text, document_date=doc_date.isoformat() if doc_date else None)
    url = doc.meta.get("url")
    articles = []
    given = iso_date(doc.meta.get("published")) if doc.meta.get("published") else None
    for position, seg in enumerate(result.segments):
        published, precision = seg.published, seg.published_precision
        # A date the caller gives for a one-article text is that article's date.
        if given is not None and len(result.segments) == 1 and precision != "explicit":
            published, precision = given.isoformat(), "explicit"
        meta = {"source_start": seg.start, "source_end": seg.end, "method": "segmenter"}
        if seg.dated_by != "article":
            meta["dated_by"] = seg.dated_by
        if seg.dateline:
            meta["dateline"] = seg.dateline
        if len(seg.authors) > 1:
            meta["authors"] = list(seg.authors)
        articles.append(_article(doc, position, seg.title, seg.text, url=url,
                                 outlet=seg.outlet or _domain(url), byline=seg.byline, published=published,
                                 published_precision=precision, meta=meta))
    failures = []
    if not articles:
        # No paragraph looked like article body (a one-line text, a list of short lines): keep the
        # non-chrome text as one article rather than lose it.
        body, found = clean_text(text)
        if body.strip():
            explicit = iso_date(found.get("date")) if found.get("date") else given
            articles.append(_single(doc, 0, None, body, url=url, outlet=found.get("outlet"),
                                    byline=found.get("byline"), explicit=explicit, doc_date=doc_date,
                                    meta={"method": "whole-text"}))
        else:
            failures.append(_fail(doc.source, ExtractError(f"{doc.source}: no article text found", code="X101")))
    return ExtractResult(articles, failures)


def _from_html(doc: RawDocument, html: str) -> ExtractResult:
    url = doc.meta.get("url")
    try:
        page = html_to_article(html, url=url)
    except ExtractError as exc:
        return ExtractResult([], [_fail(doc.source, exc)])
    article = _single(doc, 0, page.title, page.text, url=url, outlet=page.outlet, byline=page.byline,
                      explicit=iso_date(page.date), doc_date=_doc_date(doc),
                      meta={"method": page.method, **({"dateline": page.dateline} if page.dateline else {})})
    return ExtractResult([article], [])


def _single(doc: RawDocument, position: int, title: str | None, text: str, *, url: str | None,
            outlet: str | None, byline: str | None, explicit: date | None, doc_date: date | None,
            meta: dict) -> Article:
    published, precision = infer_published(text, explicit, doc_date)
    return _article(doc, position, title, text, url=url, outlet=outlet or _domain(url), byline=byline,
                    published=published, published_precision=precision, meta=meta)


def _from_records(doc: RawDocument, records: Iterable[Record | StrifeError]) -> ExtractResult:
    articles: list[Article] = []
    failures: list[Failure] = []
    doc_date = _doc_date(doc)
    for record in records:
        if isinstance(record, StrifeError):
            failures.append(_fail(record.item or doc.source, record))
            continue
        try:
            article = _record_article(doc, len(articles), record, doc_date)
        except ExtractError as exc:
            failures.append(_fail(record.item, exc))
            continue
        articles.append(article)
    if not articles and not failures:
        failures.append(_fail(doc.source, ExtractError(f"{doc.source}: no article records", code="X101")))
    return ExtractResult(articles, failures)


def _record_article(doc: RawDocument, position: int, record: Record, doc_date: date | None) -> Article:
    title = record.title
    meta: dict = {"record": record.item}
    byline = outlet = None
    explicit = iso_date(record.published)
    if record.crawl_date:
        doc_date = iso_date(record.crawl_date) or doc_date
    if record.html and doc.media_type in (RSS, ATOM):
        text, found = clean_text(html_fragment_text(record.html), title)
        meta["method"] = "feed"
    elif record.html:
        page = html_to_article(record.html, url=record.url)
        title = title or page.title
        text, byline, outlet = page.text, page.byline, page.outlet
        found = {"date": page.date, "dateline": page.dateline}
        meta["method"] = page.method
    else:
        text, found = clean_text(_normalise_newlines(record.text or ""), title)
        byline, outlet = found.get("byline"), found.get("outlet")
        meta["method"] = "record"
    if not text.strip():
        raise ExtractError(f"{record.item}: no article text", code="X101", item=record.item)
    if explicit is None and found.get("date"):
        explicit = iso_date(found["date"])
    if found.get("dateline"):
        meta["dateline"] = found["dateline"]
    return _single(doc, position, title, text, url=record.url or doc.meta.get("url"),
                   outlet=record.outlet or outlet, byline=byline, explicit=explicit, doc_date=doc_date, meta=meta)
