"""Bytes to text: binary sniffing, BOMs, UTF-8, then charset detection.

Legacy encodings are decoded, not failed: Arabic news saved as cp1256, Western pages in latin-1 /
cp1252, UTF-16 with (or without) a BOM.  Only bytes that no encoding explains fail, with I104.
"""

from __future__ import annotations

import codecs

from ..errors import IngestError

__all__ = ["decode_text", "looks_binary", "BINARY_MAGIC"]

# File signatures of formats strife never reads as text (checked on the first bytes).
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"\x7fELF", "executable"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x1f\x8b", "gzip archive"),
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: its BOM starts with the UTF-16 LE BOM
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Bytes sniffed for binary content and UTF-16 without a BOM.
SNIFF_BYTES = 8192
# Share of C0 control characters (other than tab, newlines, form feed, escape) above which bytes are
# not text.  Text files in any 8-bit encoding have none; random binary data has about 11 %.
MAX_CONTROL_SHARE = 0.05
# UTF-16 without a BOM: ASCII-range text puts a NUL in every other byte.  Real UTF-16 English text
# measured 48-50 % NULs on one parity and none on the other; binary files spread NULs on both.
UTF16_PARITY_SHARE = 0.3

# When charset detection finds several encodings equally plausible (same chaos), prefer the ones news
# in English and Arabic is most often saved in.  cp1252 covers latin-1's printable characters.
_PREFERRED = ("utf_8", "cp1252", "latin_1", "iso8859_15", "cp1256", "iso8859_6", "cp1251", "koi8_r",
              "cp1250", "iso8859_2", "gb18030", "big5", "shift_jis", "euc_kr")
# Chaos (charset_normalizer's mess ratio) difference within which candidates count as tied.
CHAOS_TIE = 0.01

_CONTROL = frozenset(range(0, 32)) - {9, 10, 11, 12, 13, 27}


def _utf16_without_bom(head: bytes) -> str | None:
    if len(head) < 4:
        return None
    even = head[0::2].count(0) / max(1, len(head[0::2]))
    odd = head[1::2].count(0) / max(1, len(head[1::2]))
    if odd > UTF16_PARITY_SHARE and even < 0.02:
        return "utf-16-le"
    if even > UTF16_PARITY_SHARE and odd < 0.02:
        return "utf-16-be"
    return None


def looks_binary(content: bytes) -> str | None:
    """Why ``content`` is not text (a short reason), or ``None`` when it may be text."""
    head = content[:SNIFF_BYTES]
    for magic, what in BINARY_MAGIC:
        if head.startswith(magic):
            return what
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    if 0 in head:
        if _utf16_without_bom(head):
            return None
        return "contains NUL bytes"
    if head:
        controls = sum(1 for b in head if b in _CONTROL)
        if controls / len(head) > MAX_CONTROL_SHARE:
            return "mostly control characters"
    return None


def decode_text(content: bytes, item: str = "") -> tuple[str, str]:
    """``(text, encoding)``; raises :class:`IngestError` I104 when no encoding explains the bytes."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            try:
                return content.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise IngestError(f"{item or 'input'}: has a {encoding} BOM but is not {encoding} ({exc.reason})",
                                  code="I104", item=item) from exc
    no_bom16 = _utf16_without_bom(content[:SNIFF_BYTES])
    if no_bom16:
        try:
            return content.decode(no_bom16), no_bom16
        except UnicodeDecodeError:
            pass
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(content))
    if not matches:
        raise IngestError(f"{item or 'input'}: not UTF-8 and no known encoding explains the bytes",
                          code="I104", item=item)
    best = matches[0]
    tied = {m.encoding: m for m in matches if m.chaos <= best.chaos + CHAOS_TIE}
    for name in _PREFERRED:
        if name in tied:
            best = tied[name]
            break
    return str(best), best.encoding
