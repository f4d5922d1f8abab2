"""Page chrome (boilerplate) patterns, loaded once from ``strife/data/boilerplate.txt``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError
from ._dates import DATE, MONTH

__all__ = ["ChromeMatch", "Chrome", "load_chrome", "KINDS"]

KINDS = ("end", "related", "section", "drop", "caption", "byline", "signature")
_PRIORITY = ("signature", "end", "related", "byline", "caption", "drop", "section")

# Lines longer than this are prose, never chrome (the longest chrome line seen, a "Tags:" list, is
# about 200 characters); skipping them keeps matching cheap on long paragraphs.
MAX_CHROME_CHARS = 240


@dataclass(frozen=True, slots=True)
class ChromeMatch:
    kind: str
    author: str | None = None
    date: str | None = None
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class _Pattern:
    kind: str
    regex: re.Pattern
    value: str | None


class Chrome:
    """Classifies one stripped line as chrome (a :class:`ChromeMatch`) or not (``None``)."""

    def __init__(self, patterns: list[_Pattern]):
        # Specific kinds first: "Al-Masdar News" is an outlet signature before it is a section label.
        self.patterns = sorted(patterns, key=lambda p: _PRIORITY.index(p.kind))
        patterns = self.patterns
        # One alternation of all patterns (groups made anonymous) rejects ordinary lines in one C-level
        # match instead of a Python loop over every pattern.
        combined = "|".join(f"(?:{re.sub(r'[(][?]P<[a-z]+>', '(?:', p.regex.pattern)})" for p in patterns)
        self._any = re.compile(combined, re.IGNORECASE) if patterns else None

    def match(self, line: str) -> ChromeMatch | None:
        if not line or len(line) > MAX_CHROME_CHARS or self._any is None or not self._any.fullmatch(line):
            return None
        for p in self.patterns:
            m = p.regex.fullmatch(line)
            if m is None:
                continue
            groups = m.groupdict()
            author = _clean(groups.get("author"))
            outlet = p.value or _clean(groups.get("outlet"))
            return ChromeMatch(p.kind, author=author, date=_clean(groups.get("date")), outlet=outlet)
        return None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip(" \t|,–—-:")
    return value or None


def parse_patterns(text: str, origin: str = "boilerplate.txt") -> list[_Pattern]:
    patterns = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        parts = raw.split("\t")
        if len(parts) < 2 or parts[0] not in KINDS:
            raise ConfigError(f"{origin}:{number}: expected KIND<TAB>REGEX[<TAB>VALUE]", code="K103")
        source = parts[1].replace("{DATE}", DATE).replace("{MONTH}", MONTH)
        try:
            regex = re.compile(source, re.IGNORECASE)
        except re.error as exc:
            raise ConfigError(f"{origin}:{number}: bad regex ({exc})", code="K103") from exc
        value = parts[2].strip() if len(parts) > 2 and parts[2].strip() else None
        patterns.append(_Pattern(parts[0], regex, value))
    return patterns


@lru_cache(maxsize=1)
def load_chrome() -> Chrome:
    try:
        text = resources.files("strife").joinpath("data/boilerplate.txt").read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError("strife/data/boilerplate.txt is missing", code="K103") from exc
    return Chrome(parse_patterns(text))
