"""``read_inputs``: paths, folders and URLs in, raw documents (or failures) out."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import IngestError
from ..records import Failure, RawDocument
from ..settings import Settings
from ._decode import decode_text, looks_binary
from ._detect import CSV, TEXT, WARC, XML_FEED, feed_kind, media_type_for_name, sniff_media_type
from ._fetch import Fetcher, _now
from ._options import IngestOptions

__all__ = ["read_inputs", "read_path", "document_from_text", "csv_columns_missing"]


def _failure(item: str, exc: IngestError) -> Failure:
    return Failure(stage="ingest", item=item, code=exc.code, message=exc.message, detail=exc.hint or None)


def read_inputs(inputs: Iterable[str], settings: Settings, *, fetcher: Fetcher | None = None,
                options: IngestOptions | None = None) -> Iterator[RawDocument | Failure]:
    """Yield one :class:`RawDocument` per readable input and one ingest :class:`Failure` per bad one.

    Folders are walked recursively in sorted order (hidden files and folders are skipped).  URLs go
    through ``fetcher`` (one is made from ``settings`` when none is given).  Nothing raises for one bad
    input.
    """
    options = options or IngestOptions()
    own_fetcher = None
    try:
        for item in inputs:
            item = str(item)
            if item.startswith(("http://", "https://")):
                if fetcher is None:
                    fetcher = own_fetcher = Fetcher(settings)
                try:
                    doc = fetcher.fetch(item)
                    _check_document(doc, options)
                    yield _with_options(doc, options)
                except IngestError as exc:
                    yield _failure(item, exc)
                continue
            path = Path(item).expanduser()
            if not path.exists():
                yield _failure(item, IngestError(f"{item}: no such file or folder", code="I101", item=item))
            elif path.is_dir():
                for child in _walk(path):
                    yield _read_one(child, settings, options)
            else:
                yield _read_one(path, settings, options)
    finally:
        if own_fetcher is not None:
            own_fetcher.close()


def _walk(folder: Path) -> Iterator[Path]:
    for child in sorted(folder.iterdir(), key=lambda p: p.name):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _walk(child)
        elif child.is_file():
            yield child


def _read_one(path: Path, settings: Settings, options: IngestOptions) -> RawDocument | Failure:
    try:
        return read_path(path, settings, options)
    except IngestError as exc:
        return _failure(str(path), exc)
    except OSError as exc:  # permission denied, vanished file, ...
        return _failure(str(path), IngestError(f"{path}: {exc.strerror or exc}", code="I101", item=str(path)))


def read_path(path: Path, settings: Settings, options: IngestOptions | None = None) -> RawDocument:
    """Read one file; raises :class:`IngestError` (I102-I107, I110, I112) for a bad one."""
    options = options or IngestOptions()
    item = str(path)
    stat = path.stat()
    limit = settings.max_input_mb * 1024 * 1024
    # Checked before reading, so a huge file costs nothing.
    if stat.st_size > limit:
        raise IngestError(f"{item}: {stat.st_size / 1048576:.1f} MB is over the {settings.max_input_mb} MB limit",
                          code="I105", item=item)
    if stat.st_size == 0:
        raise IngestError(f"{item}: the file is empty", code="I102", item=item)
    content = path.read_bytes()
    if not content.strip():
        raise IngestError(f"{item}: the file holds only whitespace", code="I102", item=item)
    media_type = media_type_for_name(path.name)
    if media_type == XML_FEED:
        media_type = feed_kind(content)
        if media_type is None:
            raise IngestError(f"{item}: XML but neither an RSS nor an Atom feed", code="I112", item=item)
    elif media_type is None:
        media_type = sniff_media_type(content)
    doc = RawDocument(
        id=RawDocument.make_id(content),
        source=item,
        content=content,
        media_type=media_type,
        fetched_at=_now(),
        source_date=None,  # never the mtime (see IngestOptions.published); _with_options sets the user's date
        meta={"path": str(path.resolve())},
    )
    _check_document(doc, options)
    return _with_options(doc, options)


def _check_document(doc: RawDocument, options: IngestOptions) -> None:
    """Fail early on bytes no reader can use: binary, undecodable, a CSV without its text column."""
    if doc.media_type == WARC:
        return
    binary = looks_binary(doc.content)
    if binary:
        raise IngestError(f"{doc.source}: {binary}", code="I103", item=doc.source)
    text, encoding = decode_text(doc.content, doc.source)
    doc.meta.setdefault("encoding", encoding)
    if doc.media_type == CSV:
        missing = csv_columns_missing(text, options)
        if missing:
            raise IngestError(f"{doc.source}: {missing}", code="I107", item=doc.source)


def csv_columns_missing(text: str, options: IngestOptions) -> str | None:
    """Why a CSV's header cannot be used (no text or html column), or ``None`` when it can."""
    try:
        header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))), [])
    except csv.Error as exc:
        return f"the CSV header cannot be read ({exc})"
    names = [h.strip() for h in header]
    if options.text_column in names or options.html_column in names:
        return None
    shown = ", ".join(names[:8]) or "none"
    return f"no {options.text_column!r} (or {options.html_column!r}) column; columns: {shown}"


def _with_options(doc: RawDocument, options: IngestOptions) -> RawDocument:
    doc.meta["options"] = options.as_meta()
    if doc.source_date is None and options.published:
        doc = dataclasses.replace(doc, source_date=options.published)
    return doc


def document_from_text(text: str, *, source: str = "<text>", published: str | None = None,
                       url: str | None = None, media_type: str = TEXT) -> RawDocument:
    """A document from a string (the Python and web APIs); ``published`` and ``url`` go in ``meta``."""
    content = text.encode("utf-8")
    meta: dict = {"encoding": "utf-8"}
    if published:
        meta["published"] = published
    if url:
        meta["url"] = url
    return RawDocument(
        id=RawDocument.make_id(content),
        source=source,
        content=content,
        media_type=media_type,
        fetched_at=_now(),
        source_date=None,
        meta=meta,
    )
