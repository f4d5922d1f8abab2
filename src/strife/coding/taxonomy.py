"""ACLED's event taxonomy as data: types, sub-types in rank order, disorder types, inter codes.

The facts live in ``strife/data/taxonomy.json``; this module only looks them up.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError

__all__ = [
    "SUB_EVENT_TYPES",
    "EVENT_TYPES",
    "event_type",
    "disorder_type",
    "rank",
    "higher",
    "is_sub_event_type",
    "inter_name",
    "inter_code",
    "interaction",
]


@lru_cache(maxsize=1)
def _data() -> dict:
    try:
        text = resources.files("strife").joinpath("data", "taxonomy.json").read_text("utf-8")
    except FileNotFoundError as exc:  # pragma: no cover - broken install
        raise ConfigError("taxonomy.json is missing", code="K103") from exc
    return json.loads(text)


def _subs() -> list[dict]:
    return _data()["sub_event_types"]


SUB_EVENT_TYPES: tuple[str, ...] = tuple(s["name"] for s in _subs())
EVENT_TYPES: tuple[str, ...] = tuple(_data()["event_types"])
_BY_NAME = {s["name"]: s for s in _subs()}
_BY_LOWER = {s["name"].lower(): s["name"] for s in _subs()}
_INTER = {int(k): v for k, v in _data()["inter_codes"].items()}
_INTER_BY_NAME = {v.lower(): k for k, v in _INTER.items()}


def canonical(sub_event_type: str) -> str:
    """The sub-event type spelled as in the taxonomy (case-insensitive); KeyError when unknown."""
    return _BY_LOWER[sub_event_type.strip().lower()]


def is_sub_event_type(name: str) -> bool:
    return name.strip().lower() in _BY_LOWER


def event_type(sub_event_type: str) -> str:
    return _BY_NAME[canonical(sub_event_type)]["event_type"]


def disorder_type(sub_event_type: str) -> str:
    return _BY_NAME[canonical(sub_event_type)]["disorder_type"]


def rank(sub_event_type: str) -> int:
    """0 is the highest rank (Government regains territory); larger is lower."""
    return SUB_EVENT_TYPES.index(canonical(sub_event_type))


def higher(a: str, b: str) -> str:
    """The sub-event type that wins when both tactics occur in one event (ACLED's rank order)."""
    return a if rank(a) <= rank(b) else b


def inter_name(code: int | str | None) -> str | None:
    """Old numeric inter code -> current text name ("1" -> "State forces"); text passes through."""
    if code is None or code == "":
        return None
    if isinstance(code, str) and not code.strip().isdigit():
        return code.strip() if code.strip().lower() in _INTER_BY_NAME else None
    return _INTER.get(int(code))


def inter_code(value: int | str | None) -> int | None:
    """Current text name or numeric code -> numeric code (0/empty -> None)."""
    if value is None:
        return None
    if isinstance(value, int):
        return value or None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text) or None
    return _INTER_BY_NAME.get(text.lower())


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: both codes, smaller first (12, 37); one-sided events are code*10."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]
