"""Dates written in article text: find spans with our own patterns, then normalise them.

``dateparser`` is used only to normalise a span already found here (numeric or unusual forms);
it never searches text itself (its ``search_dates`` finds dates in words like "may" and "march").
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["MONTH", "DATE", "FULL_DATE_RE", "PARTIAL_DATE_RE", "parse_date", "full_dates", "partial_dates",
           "latest_date"]

MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_ORD = r"(?:st|nd|rd|th)?"
DATE = (rf"(?:{_WEEKDAY}(?:{MONTH}\s+\d{{1,2}}{_ORD},?\s+\d{{4}}|\d{{1,2}}{_ORD}\s+(?:of\s+)?{MONTH},?\s+\d{{4}}"
        rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{4}}))")

FULL_DATE_RE = re.compile(rf"\b{DATE}(?!\d)", re.IGNORECASE)
# "March 29", "29 March" without a year.  Capitalised month names only: "may" is a verb.
_CAP_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
              r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
PARTIAL_DATE_RE = re.compile(rf"\b(?:{_CAP_MONTH}\s+\d{{1,2}}{_ORD}|\d{{1,2}}{_ORD}\s+(?:of\s+)?{_CAP_MONTH})\b(?![,\s]*\d{{4}})"
                             rf"(?!\s*(?:,\s*)?\d)")

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_WORD = re.compile(r"[a-z]+|\d+", re.IGNORECASE)
# Years a news date can have; outside this a match is a number, not a date.
MIN_YEAR, MAX_YEAR = 1990, 2100


def _make(y: int, m: int, d: int) -> date | None:
    if not (MIN_YEAR <= y <= MAX_YEAR):
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(span: str, year: int | None = None) -> date | None:
    """A date from a span found by our patterns; ``year`` completes a span without one."""
    s = span.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]))
    tokens = _WORD.findall(s.lower())
    month = next((_MONTHS[t[:3]] for t in tokens if t[:3] in _MONTHS and not t.endswith("day")), None)
    numbers = [int(t) for t in tokens if t.isdigit()]
    if month is not None:
        day = next((n for n in numbers if n <= 31), None)
        yr = next((n for n in numbers if n > 31), year)
        if day is not None and yr is not None:
            return _make(yr, month, day)
        return None
    return _dateparser(s)


def _dateparser(span: str) -> date | None:
    try:
        import dateparser
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    parsed = dateparser.parse(span, languages=["en", "ar", "fr"],
                              settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first",
                                        "REQUIRE_PARTS": ["day", "month", "year"]})
    if parsed is None:
        return None
    return _make(parsed.year, parsed.month, parsed.day)


def full_dates(text: str) -> list[tuple[int, int, date]]:
    """``(start, end, date)`` of every date with day, month and year in ``text``."""
    out = []
    for m in FULL_DATE_RE.finditer(text):
        d = parse_date(m.group(0))
        if d is not None:
            out.append((m.start(), m.end(), d))
    return out


def partial_dates(text: str, year: int) -> list[tuple[int, int, date]]:
    """Dates written without a year ("on March 29"), completed with ``year``."""
    out = []
    for m in PARTIAL_DATE_RE.finditer(text):
        d = parse_date(m.group(0), year)
        if d is not None:
            out.append((m.start(), m.end(), d))
    return out


def latest_date(found: list[tuple[int, int, date]], not_after: date | None = None) -> date | None:
    """The latest date found, ignoring dates after ``not_after`` (an article cannot report its future)."""
    dates = [d for _, _, d in found if not_after is None or d <= not_after]
    return max(dates) if dates else None
