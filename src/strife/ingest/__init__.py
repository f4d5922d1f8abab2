"""Ingest: paths, folders, URLs and feeds in; :class:`~strife.records.RawDocument` (or ``Failure``) out.

    read_inputs(inputs, settings, fetcher=None, options=None)  -> Iterator[RawDocument | Failure]
    Fetcher(settings, transport=None).fetch(url)                -> RawDocument
    document_from_text(text, source="<text>", published=None, url=None) -> RawDocument
    IngestOptions(text_column="text", ...)                      CSV / JSONL field names

Bytes are kept exactly as read; ``RawDocument.id`` is their sha256, so re-reading gives the same id.
Decoding (BOMs, UTF-8, charset detection) happens here only to fail early; extraction decodes again.
"""

from ._decode import decode_text, looks_binary
from ._detect import ATOM, CSV, HTML, JSONL, RSS, TEXT, WARC, media_type_for_name, sniff_media_type
from ._fetch import Fetcher, check_address
from ._options import IngestOptions
from ._read import document_from_text, read_inputs, read_path

__all__ = [
    "read_inputs",
    "read_path",
    "Fetcher",
    "check_address",
    "document_from_text",
    "IngestOptions",
    "decode_text",
    "looks_binary",
    "media_type_for_name",
    "sniff_media_type",
    "TEXT", "HTML", "JSONL", "CSV", "WARC", "RSS", "ATOM",
]
