"""strife's persistence: one store over SQLite or PostgreSQL (see ``strife.store.db``).

    Store.open(db_or_url, settings) -> Store      engine, url, dialect, begin(), upgrade()
    store.save_document(...) -> SaveCounts         one transaction per document, idempotent
    strife.store.migrations                        named migrations, `strife db upgrade`
"""

from .db import Store
from .writes import SaveCounts, row_to_mention

__all__ = ["Store", "SaveCounts", "row_to_mention"]
