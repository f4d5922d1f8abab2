"""Split a plain-text dump of concatenated web articles into articles, and strip page chrome.

A scraped page often holds several articles one after another, with blog chrome between them
("Related News", "Posted by ... on", "Continue here", image-gallery links).  The segmenter works on
paragraphs (lines, or hard-wrapped blocks joined back together) in one pass:

* chrome lines are classified by the patterns in ``data/boilerplate.txt``: ``end``/``related``/
  ``section`` lines close the current article, ``drop``/``caption`` lines vanish, ``byline`` and
  ``signature`` lines become metadata;
* a *headline* is decided by features, not by strings: a short line without a closing period
  (headline shape), followed within a few lines by a body paragraph (only bylines, captions and
  author names may come between), and with evidence of a boundary: it comes after chrome or at the
  start, after two or more blank lines, is followed by a byline, or its body opens with a dateline;
* text before the first headline (a page that starts mid-article), or body text after chrome with no
  headline, becomes an article without a title (``title=None``: we do not invent one);
* inside an article, title-case lines that are not sentences (inline "read also" links, image
  captions, subheads) and repeats of the headline are dropped.

Everything is linear in the input: each paragraph is looked at once, plus a look-ahead of at most
``HEADER_LOOKAHEAD`` paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ._chrome import Chrome, ChromeMatch, load_chrome
from ._dates import DATE, full_dates, latest_date, parse_date, partial_dates

__all__ = ["Segment", "SegmentResult", "segment_text", "clean_text", "Paragraph", "paragraphs",
           "looks_like_headline", "DATELINE_RE", "infer_published"]

# A headline has at most this many words / characters.  The longest real headline on the seed page
# is 19 words / 118 characters; body paragraphs there are 20+ words and end with a period.
HEADLINE_MAX_WORDS = 30
HEADLINE_MAX_CHARS = 200
# A line ending with sentence punctuation and at least this many words is body text ("The Yemeni
# Armed Forces issued the following statement:" has 7).  Shorter ones are captions or labels.
BODY_MIN_WORDS = 6
# A line this long is body text even without final punctuation (a paragraph cut by the scraper).
BODY_MIN_CHARS = 250
# Share of capitalised content words from which a short line counts as title case.  Headlines on
# news blogs measure 0.8-1.0; sentence-case body lines 0.1-0.5.
TITLE_CASE_SHARE = 0.7
# How many paragraphs after a headline candidate may be bylines, captions or names before the body.
# The seed page needs 4 (byline, caption, author line, body).
HEADER_LOOKAHEAD = 6
# Hard-wrapped text: lines of a block are joined when each (but the last) is this long...
WRAP_MIN_CHARS = 40
# ...and no longer than this (wrapped news text is 60-80 columns; web dumps have one line per paragraph).
WRAP_MAX_CHARS = 100
# An author name alone on a line: 2-4 capitalised words, at most this many characters.
NAME_MAX_CHARS = 40

_STOPWORDS = frozenset(
    "a an the of in on at to for and or but nor by with as from into onto over under after before amid "
    "against between through during about near via vs is are was were be its it their his her".split())
_WORD_RE = re.compile(r"[^\W\d_][\w’'.-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_CLAUSE_END = re.compile(r"[,;:.][\"'”’»)\]]*$")
_SPACES = re.compile(r"[\s\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_BULLET = re.compile(r"^[•·●▪■◦*+>–—-]\s")
# "KABUL, March 3 (Reuters) -", "MARIB, Yemen —", "Damascus, SANA –": place, optional details, a dash.
DATELINE_RE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z’'.-]+(?:[ -][A-Za-z’'.-]+){{0,3}})"
    rf"(?:,\s*(?:(?P<date>{DATE})|[A-Z][\w .’'-]{{1,30}}?|\w+ \d{{1,2}}))?"
    rf"(?:\s*\([^)]{{1,30}}\))?\s*[—–-]{{1,2}}\s+(?=\S)")


@dataclass(slots=True)
class Paragraph:
    """A line (or a hard-wrapped block joined back) of the decoded document."""

    text: str
    start: int  # character offsets into the decoded document
    end: int
    blank_before: int
    chrome: ChromeMatch | None = None
    words: int = 0
    body: bool = False
    headline: bool = False  # headline *shape*; whether it is one depends on context
    title_case: float = 0.0
    name_like: bool = False


def _title_case_share(words: list[str]) -> float:
    content = [w for w in words if w.lower() not in _STOPWORDS]
    if not content:
        return 0.0
    return sum(1 for w in content if w[0].isupper()) / len(content)


def _describe(p: Paragraph, chrome: Chrome) -> Paragraph:
    text = p.text
    p.chrome = chrome.match(text)
    words = _WORD_RE.findall(text)
    p.words = len(text.split())
    p.title_case = _title_case_share(words)
    first = text[0]
    ends_sentence = bool(_SENTENCE_END.search(text))
    starts_ok = first.isupper() or first.isdigit() or first in "\"'“‘«"
    p.body = (ends_sentence and p.words >= BODY_MIN_WORDS and not (
        text.rstrip("\"'”’»)").endswith(("?", "!")) and p.title_case >= TITLE_CASE_SHARE)) \
        or len(text) >= BODY_MIN_CHARS
    p.headline = (starts_ok and not p.body and p.words <= HEADLINE_MAX_WORDS and len(text) <= HEADLINE_MAX_CHARS
                  and not _CLAUSE_END.search(text) and not _BULLET.match(text) and bool(words))
    p.name_like = (p.headline and 2 <= p.words <= 4 and len(text) <= NAME_MAX_CHARS and len(words) == p.words
                   and all(w[0].isupper() for w in words) and not any(c.isdigit() or c == ":" for c in text))
    return p


def paragraphs(text: str, chrome: Chrome | None = None) -> list[Paragraph]:
    """The document's paragraphs with their features; blank lines separate blocks."""
    chrome = chrome or load_chrome()
    out: list[Paragraph] = []
    block: list[tuple[int, int, str]] = []  # (start, end, stripped line)
    blanks = 0

    def flush() -> None:
        nonlocal blanks
        if not block:
            return
        lines = [b[2] for b in block]
        wrapped = len(block) > 1 and all(WRAP_MIN_CHARS <= len(s) <= WRAP_MAX_CHARS for s in lines[:-1]) \
            and not any(_BULLET.match(s) for s in lines) and not any(chrome.match(s) for s in lines)
        if wrapped:
            out.append(_describe(Paragraph(" ".join(lines), block[0][0], block[-1][1], blanks), chrome))
        else:
            for i, (s, e, line) in enumerate(block):
                out.append(_describe(Paragraph(line, s, e, blanks if i == 0 else 0), chrome))
        block.clear()
        blanks = 0

    pos, n = 0, len(text)
    while pos < n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        raw = text[pos:nl]
        stripped = raw.strip()
        if stripped and not stripped.isascii():
            # No-break and other Unicode spaces inside a line become one plain space.
            stripped = _SPACES.sub(" ", stripped).strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            block.append((pos + lead, pos + len(raw.rstrip()), stripped))
        else:
            flush()
            blanks += 1
        pos = nl + 1
    flush()
    return out


def looks_like_headline(line: str) -> bool:
    """Whether one line has a headline's shape (short, no closing period, not chrome)."""
    line = line.strip()
    if not line:
        return False
    p = _describe(Paragraph(line, 0, len(line), 0), load_chrome())
    return p.headline and p.chrome is None and p.words >= 2


@dataclass(frozen=True, slots=True)
class Segment:
    """One article found in a dump: title, body paragraphs joined by blank lines, metadata."""

    title: str | None
    text: str
    byline: str | None
    outlet: str | None
    published: str | None
    published_precision: str
    start: int  # offsets of the article (headline included) in the decoded document
    end: int
    authors: tuple[str, ...] = ()
    dateline: str | None = None
    dated_by: str = "article"  # "page": the date comes from the other articles of the page


@dataclass(frozen=True, slots=True)
class SegmentResult:
    segments: list[Segment]
    dropped: list[tuple[int, str, str]]  # (offset in the document, why, line)


@dataclass(slots=True)
class _Draft:
    title: str | None
    start: int
    paras: list[Paragraph] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    date: date | None = None
    dateline: str | None = None

    def take(self, c: ChromeMatch) -> None:
        if c.author and c.author not in self.authors:
            self.authors.append(c.author)
        if c.outlet and not self.outlet:
            self.outlet = c.outlet
        if c.date and self.date is None:
            self.date = parse_date(c.date)


def _norm(s: str) -> str:
    return " ".join(s.casefold().split())


class _Segmenter:
    def __init__(self, paras: list[Paragraph]):
        self.paras = paras
        self.drafts: list[_Draft] = []
        self.dropped: list[tuple[int, str, str]] = []

    def drop(self, p: Paragraph, why: str) -> None:
        self.dropped.append((p.start, why, p.text))

    def next_content_is_body(self, i: int) -> bool:
        for q in self.paras[i + 1:i + 1 + HEADER_LOOKAHEAD]:
            if q.chrome is not None:
                if q.chrome.kind in ("byline", "signature", "drop", "caption"):
                    continue
                return False
            if q.body:
                return True
            if not q.name_like:
                return False
        return False

    def is_headline(self, i: int, between: bool) -> bool:
        p = self.paras[i]
        if not p.headline or p.chrome is not None or p.words < 2 or (p.name_like and p.words <= 3):
            return False
        evidence = between or p.blank_before >= 2
        seen_byline = False
        key = _norm(p.text)
        for q in self.paras[i + 1:i + 1 + HEADER_LOOKAHEAD]:
            if q.chrome is not None:
                kind = q.chrome.kind
                if kind in ("byline", "signature"):
                    seen_byline = True
                    continue
                if kind in ("drop", "caption"):
                    continue
                return False
            if _norm(q.text) == key:
                continue
            if q.body:
                return evidence or seen_byline or bool(DATELINE_RE.match(q.text))
            if q.name_like:
                seen_byline = True
                continue
            if q.headline and not seen_byline:
                return False  # a later line is the better headline (link lists before an article)
        return False

    def run(self) -> None:
        paras = self.paras
        current: _Draft | None = None
        pending: list[ChromeMatch] = []

        def close() -> None:
            nonlocal current
            if current is not None:
                if current.paras:
                    self.drafts.append(current)
                elif current.title:
                    self.dropped.append((current.start, "headline without body", current.title))
            current = None

        def open_(title: str | None, start: int) -> _Draft:
            nonlocal pending
            draft = _Draft(title, start)
            for c in pending:
                draft.take(c)
            pending = []
            return draft

        for i, p in enumerate(paras):
            c = p.chrome
            if c is not None:
                if c.kind in ("end", "related", "section"):
                    self.drop(p, c.kind)
                    close()
                elif c.kind in ("drop", "caption"):
                    self.drop(p, c.kind)
                elif current is not None and current.paras and self.next_content_is_body(i):
                    # A byline after body text starts the next article (its headline is missing).
                    close()
                    current = open_(None, p.start)
                    current.take(c)
                    self.drop(p, c.kind)
                elif current is not None:
                    current.take(c)
                    self.drop(p, c.kind)
                else:
                    pending.append(c)
                    self.drop(p, c.kind)
                continue
            if current is not None and not current.paras:  # between a headline and its body
                if current.title and _norm(p.text) == _norm(current.title):
                    self.drop(p, "repeated headline")
                elif p.body:
                    self._add_body(current, p)
                elif p.name_like:
                    current.authors.append(p.text)
                    self.drop(p, "author")
                else:
                    self.drop(p, "caption")
                continue
            if p.headline and self.is_headline(i, between=current is None):
                close()
                current = open_(p.text, p.start)
                continue
            if current is None:
                if p.body:
                    current = open_(None, p.start)
                    self._add_body(current, p)
                elif p.name_like and self.next_content_is_body(i):
                    pending.append(ChromeMatch("byline", author=p.text))
                    self.drop(p, "author")
                else:
                    self.drop(p, "between articles")
                continue
            if current.title and _norm(p.text) == _norm(current.title):
                self.drop(p, "repeated headline")
            elif p.headline and p.title_case >= TITLE_CASE_SHARE:
                self.drop(p, "inline title")
            else:
                current.paras.append(p)
        close()

    def _add_body(self, draft: _Draft, p: Paragraph) -> None:
        if not draft.paras:
            m = DATELINE_RE.match(p.text)
            if m:
                draft.dateline = m.group(0).strip()
                if m.group("date") and draft.date is None:
                    draft.date = parse_date(m.group("date"))
        draft.paras.append(p)


def _year_context(*candidates: int | None) -> int | None:
    for year in candidates:
        if year:
            return year
    return None


def segment_text(text: str, *, document_date: str | None = None, chrome: Chrome | None = None) -> SegmentResult:
    """Split ``text`` into articles (see the module docstring).

    ``document_date`` (YYYY-MM-DD: file, HTTP or caller date) is the fallback publication date, and
    the latest date an article can be inferred to have.
    """
    seg = _Segmenter(paragraphs(text, chrome))
    seg.run()
    doc_date = date.fromisoformat(document_date) if document_date else None
    explicit_years = sorted({d.date.year for d in seg.drafts if d.date is not None})
    dump_year = explicit_years[-1] if explicit_years else None
    dated = []
    for d in seg.drafts:
        body = "\n\n".join(p.text for p in d.paras)
        dated.append((d, body, *_publication(d, body, doc_date, dump_year), "article"))
    # An article with no date of its own takes the page's: articles scraped onto one page were
    # published close together, and a file's mtime is often years after.  Explicit dates first.
    page_dates = [pub for _, _, pub, prec, _ in dated if prec == "explicit"] or \
                 [pub for _, _, pub, prec, _ in dated if prec == "inferred"]
    page_date = max(page_dates) if page_dates and len(dated) > 1 else None
    out: list[Segment] = []
    for d, body, published, precision, source in dated:
        if page_date and precision in ("document", "unknown"):
            published, precision, source = page_date, "inferred", "page"
        elif page_date and precision == "inferred" and _soon_after(published, page_date):
            # A date the text mentions is only a lower bound on publication ("strikes until March
            # 14" in a piece published weeks later); the page's own date is the better estimate.
            published, source = page_date, "page"
        byline = d.authors[0] if d.authors else None
        out.append(Segment(
            title=d.title, text=body, byline=byline, outlet=d.outlet, published=published,
            published_precision=precision, start=d.start, end=d.paras[-1].end, authors=tuple(d.authors),
            dateline=d.dateline, dated_by=source))
    return SegmentResult(out, seg.dropped)


# How far the page's date may lie after an article's latest mentioned date for the page's date to
# be taken instead: the seed page's undated pieces mention dates 1 to 16 days before its byline date.
PAGE_DATE_MAX_GAP_DAYS = 45


def _soon_after(published: str | None, page_date: str) -> bool:
    if not published:
        return False
    gap = (date.fromisoformat(page_date) - date.fromisoformat(published)).days
    return 0 < gap <= PAGE_DATE_MAX_GAP_DAYS


def _publication(d: _Draft, body: str, doc_date: date | None, dump_year: int | None) -> tuple[str | None, str]:
    return infer_published(body, d.date, doc_date, dump_year)


def infer_published(body: str, explicit: date | None, doc_date: date | None,
                    year_hint: int | None = None) -> tuple[str | None, str]:
    """``(YYYY-MM-DD or None, precision)`` for one article.

    explicit (byline, dateline or metadata) > inferred: the latest full date in the text, else the
    latest "Month D" completed with a year from the text, ``year_hint`` (the dump's explicit dates)
    or the document date > document: the file, HTTP or caller date > unknown.  Inferred dates never
    come after the document date.
    """
    if explicit is not None:
        return explicit.isoformat(), "explicit"
    found = full_dates(body)
    best = latest_date(found, doc_date)
    if best is None:
        own_year = max((dt.year for _, _, dt in found), default=None)
        year = _year_context(own_year, year_hint, doc_date.year if doc_date else None)
        if year:
            best = latest_date(partial_dates(body, year), doc_date)
    if best is not None:
        return best.isoformat(), "inferred"
    if doc_date is not None:
        return doc_date.isoformat(), "document"
    return None, "unknown"


def clean_text(text: str, title: str | None = None) -> tuple[str, dict]:
    """Chrome-free text of ONE article (HTML main text, a JSONL/CSV field): no segmentation.

    Chrome lines and repeats of the title are removed; an ``end``/``related`` line after body text
    cuts off the rest (link lists, comments).  Returns the text and found metadata
    (``byline``, ``outlet``, ``date``, ``dateline``).
    """
    paras = paragraphs(text)
    meta: dict = {}
    kept: list[str] = []
    key = _norm(title) if title else None
    for p in paras:
        c = p.chrome
        if c is not None:
            if c.kind in ("end", "related") and kept:
                break
            if c.author and "byline" not in meta:
                meta["byline"] = c.author
            if c.outlet and "outlet" not in meta:
                meta["outlet"] = c.outlet
            if c.date and "date" not in meta:
                parsed = parse_date(c.date)
                if parsed:
                    meta["date"] = parsed.isoformat()
            continue
        if key is not None and _norm(p.text) == key:
            continue
        if not kept:
            m = DATELINE_RE.match(p.text)
            if m:
                meta["dateline"] = m.group(0).strip()
                if m.group("date") and "date" not in meta:
                    parsed = parse_date(m.group("date"))
                    if parsed:
                        meta["date"] = parsed.isoformat()
        kept.append(p.text)
    return "\n\n".join(kept), meta
