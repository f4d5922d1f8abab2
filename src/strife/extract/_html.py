"""HTML pages to article text: resiliparse main content, trafilatura metadata and fallback."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..errors import ExtractError
from ._segment import clean_text

__all__ = ["HtmlArticle", "html_to_article", "html_fragment_text"]

# Main text shorter than this (characters) means resiliparse's main-content heuristic missed the
# article (seen on pages whose text sits in <div>s without <article>/<p>); then trafilatura is tried
# and the longer text wins.  A one-paragraph news brief is about 300 characters.
MIN_MAIN_TEXT_CHARS = 250
# trafilatura reads metadata from at most this much HTML: <head> and bylines come first, and its
# tree walk on a 50 MB page would take minutes.
METADATA_MAX_CHARS = 2_000_000

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    title: str | None
    text: str
    byline: str | None
    outlet: str | None
    date: str | None  # YYYY-MM-DD from page metadata or a dateline
    dateline: str | None
    method: str  # resiliparse or trafilatura


def _metadata(html: str, url: str | None) -> dict:
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - declared dependency
        return {}
    try:
        doc = trafilatura.extract_metadata(html[:METADATA_MAX_CHARS], default_url=url, extensive=False)
    except (ValueError, TypeError, AttributeError, LookupError) as exc:  # lxml/htmldate on broken markup
        log.debug("trafilatura metadata failed: %s", exc)
        return {}
    if doc is None:
        return {}
    return {k: getattr(doc, k, None) for k in ("title", "author", "date", "sitename", "hostname")}


def _resiliparse_text(html: str, main_content: bool) -> tuple[str, str | None]:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    tree = HTMLTree.parse(html)
    text = extract_plain_text(tree, main_content=main_content, alt_texts=False, list_bullets=True)
    return text, (tree.title or None)


def html_fragment_text(html: str) -> str:
    """Visible text of an HTML fragment (feed entry content): every element, no main-content guess."""
    text, _ = _resiliparse_text(f"<html><body>{html}</body></html>", main_content=False)
    return text


def html_to_article(html: str, *, url: str | None = None) -> HtmlArticle:
    """The article in one HTML page; raises :class:`ExtractError` X101/X102 when there is none."""
    try:
        text, tree_title = _resiliparse_text(html, main_content=True)
    except (ValueError, RuntimeError, MemoryError) as exc:
        raise ExtractError(f"HTML could not be parsed ({exc})", code="X102") from exc
    meta = _metadata(html, url)
    method = "resiliparse"
    if len(text.strip()) < MIN_MAIN_TEXT_CHARS:
        try:
            import trafilatura

            fallback = trafilatura.extract(html[:METADATA_MAX_CHARS], url=url, favor_recall=True,
                                           include_comments=False, include_tables=False) or ""
        except (ValueError, TypeError, AttributeError, LookupError):
            fallback = ""
        if len(fallback.strip()) > len(text.strip()):
            text, method = fallback, "trafilatura"
    title = (meta.get("title") or tree_title or "").strip() or None
    body, found = clean_text(text, title)
    if not body.strip():
        raise ExtractError("the page holds no readable article text", code="X101")
    date = meta.get("date") or found.get("date")
    return HtmlArticle(
        title=title,
        text=body,
        byline=meta.get("author") or found.get("byline"),
        outlet=meta.get("sitename") or found.get("outlet"),
        date=date[:10] if date else None,
        dateline=found.get("dateline"),
        method=method,
    )
