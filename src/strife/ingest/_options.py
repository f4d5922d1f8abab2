"""Reader options shared by ingest and extract (the CLI builds one from its flags)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

__all__ = ["IngestOptions"]


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """Column (or JSON field) names used by the CSV and JSONL readers."""

    text_column: str = "text"
    title_column: str = "title"
    url_column: str = "url"
    date_column: str = "published"
    outlet_column: str = "outlet"
    html_column: str = "html"
    # The publication date (YYYY-MM-DD) of inputs that carry none of their own (`strife run
    # --published`).  A file's modification time is NOT used: a copied or unzipped corpus gets
    # today's mtime, and relative dates ("on Saturday") resolved against it invent events years off.
    published: str | None = None

    def as_meta(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_meta(cls, meta: dict[str, Any] | None) -> "IngestOptions":
        """The options stored in a document's ``meta`` by :func:`read_inputs` (defaults if none)."""
        stored = (meta or {}).get("options") or {}
        known = {k: v for k, v in stored.items() if k in cls.__dataclass_fields__ and isinstance(v, str)}
        return cls(**known)
