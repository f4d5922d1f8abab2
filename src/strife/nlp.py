"""The spaCy layer: one model per process, batched parsing with ids carried beside texts."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .errors import ConfigError, NLPError
from .records import Article
from .settings import Settings

__all__ = ["load_nlp", "parse"]

_lock = threading.Lock()


@lru_cache(maxsize=4)
def _load(model: str):
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(f"spaCy model {model!r} is not installed", code="K102") from exc
    # Long pages are fine: we never use the parser on more than one article at a time.
    nlp.max_length = max(nlp.max_length, 5_000_000)
    return nlp


def load_nlp(settings: Settings):
    """The spaCy pipeline named by ``settings.spacy_model``, loaded once per process."""
    with _lock:
        return _load(settings.spacy_model)


def parse(articles: Iterable[Article], settings: Settings) -> Iterator[tuple[Article, object]]:
    """Yield ``(article, doc)`` pairs; texts go through ``nlp.pipe`` in batches, ids ride along."""
    nlp = load_nlp(settings)
    pairs = ((a.text, a) for a in articles)
    try:
        for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=settings.batch_size):
            yield article, doc
    except ValueError as exc:  # spaCy raises ValueError for texts it cannot take
        raise NLPError(str(exc), code="N101") from exc
