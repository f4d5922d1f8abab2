"""strife: raw conflict news in, a geocoded, source-attributed, de-duplicated event dataset out.

Public API::

    import strife
    events = strife.code_text(text, published="2020-03-30")
    pipeline = strife.Pipeline(strife.get_settings())
"""

from .errors import StrifeError
from .records import Article, Event, Failure, Location, Mention, RawDocument
from .settings import Settings, get_settings

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "code_text",
    "Pipeline",
    "Settings",
    "get_settings",
    "StrifeError",
    "RawDocument",
    "Article",
    "Mention",
    "Location",
    "Event",
    "Failure",
]


def __getattr__(name):  # heavy imports only when used
    if name in ("Pipeline", "code_text"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
