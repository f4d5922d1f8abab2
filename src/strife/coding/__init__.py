"""Event coding: ACLED-coded mentions (and aggregate statistics) from parsed articles.

    EventCoder(settings).code(article, doc, places) -> CodingResult(mentions, statistics)

See :mod:`strife.coding.coder` for the method and :mod:`strife.coding.taxonomy` for the taxonomy.
"""

from __future__ import annotations

from .coder import CodingResult, EventCoder, make_notes

__all__ = ["EventCoder", "CodingResult", "make_notes"]
