"""Date expressions in article text and their resolution against the publication date.

Spans are found here (regular expressions over the text); resolution is deterministic for the
usual forms and falls back to ``dateparser`` (on our span only, with the publication date as
RELATIVE_BASE and PREFER_DATES_FROM="past").  ``time_precision`` follows ACLED: 1 day, 2 week
(middle of it), 3 month (middle, or first/last day for beginning/end of the month).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["DateExpr", "find_dates", "parse_iso", "is_future"]

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
_MON = r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_MON2 = _MON.replace("?P<mon>", "?P<mon2>")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# A day written before a weekday-free month name must not be a count ("3 May" yes, "300 May" no).
_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("acled", re.compile(r"\b(?P<day>[0-3]?\d)-" + _MON + r"-(?P<yy>\d\d)\b", re.I)),
    # "between 30 April and 2 May 2020" -> the first day, a week-level date
    ("range", re.compile(r"\b(?:between\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:" + _MON + r"\s+)?(?:and|-|–|to)\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MON2 + r"(?:,?\s+" + _YEAR + r")?\b", re.I)),
    ("dmy", re.compile(r"\b(?:" + _WD + r",?\s+)?(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MON + r"\b\.?(?:,?\s+" + _YEAR + r")?", re.I)),
    ("mdy", re.compile(r"\b(?:" + _WD + r",?\s+)?" + _MON + r"\.?\s+" + _DAY + r"\b(?:,?\s+" + _YEAR + r")?", re.I)),
    ("my", re.compile(r"\b(?:(?P<part>early|mid|late|the beginning of|beginning of|the start of|start of|the end of|end of|the middle of|middle of)[\s-]+)?" + _MON + r",?\s+" + _YEAR + r"\b", re.I)),
    ("rel_month", re.compile(r"\b(?P<rel>earlier this month|this month|last month|the past month|the previous month|early this month|late last month|earlier in the month|the past (?:two|three|2|3|few) weeks)\b", re.I)),
    ("rel_week", re.compile(r"\b(?P<rel>during the past week|over the past week|in the past week|the past week|last week|this week|earlier this week|the previous week|the past (?:few|several|two|three|2|3) days|recent days|last weekend|this weekend|the weekend|over the weekend|\(week of\))\b|\(week of\)", re.I)),
    ("rel_day", re.compile(r"\b(?P<rel>the day before yesterday|yesterday|today|tonight|last night|overnight|this morning|this afternoon|this evening|earlier today|(?P<n>two|three|four|five|six|2|3|4|5|6) days ago)\b", re.I)),
    ("weekday", re.compile(r"\b(?P<pre>on|last|this|early|late|past)?\s*" + _WD + r"\b", re.I)),
]
_NUM = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True, slots=True)
class DateExpr:
    start: int
    end: int
    text: str
    value: date | None  # None: found but not resolvable (no publication date to anchor it)
    precision: int  # 1 day, 2 week, 3 month

    @property
    def iso(self) -> str | None:
        return self.value.isoformat() if self.value else None


def parse_iso(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


# A report's date is the day where it was stamped (often UTC); the event's day where it happened may
# already be the next one (an attack "on 29 April" in Yemen, UTC+3, reported at 22:00 UTC on the 28th).
FUTURE_GRACE = timedelta(days=1)


def is_future(value: date | None, published: date | None) -> bool:
    """An event date after the report's own date (by more than a time zone can explain): the report
    speaks of something not yet happened."""
    return value is not None and published is not None and value > published + FUTURE_GRACE


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _yearless(month: int, day: int, base: date | None) -> date | None:
    """A day and month without a year: the latest such date on or before the publication date."""
    if base is None:
        return None
    d = _safe(base.year, month, day)
    if d is None:
        return None
    if d > base + timedelta(days=1):  # "On December 30" read in January means last year
        d = _safe(base.year - 1, month, day)
    return d


def _mid_month(year: int, month: int, part: str | None) -> tuple[date, int]:
    part = (part or "").lower()
    last = calendar.monthrange(year, month)[1]
    if "beginning" in part or "start" in part:
        return date(year, month, 1), 3
    if "end" in part:
        return date(year, month, last), 3
    if part == "early":
        return date(year, month, 5), 3
    if part == "late":
        return date(year, month, min(25, last)), 3
    return date(year, month, 15), 3


def _resolve(kind: str, m: re.Match, base: date | None) -> tuple[date | None, int]:
    g = m.groupdict()
    if kind == "iso":
        return _safe(int(g["year"]), int(g["m"]), int(g["day"])), 1
    if kind == "acled":
        return _safe(2000 + int(g["yy"]), _MONTHS[g["mon"].lower()], int(g["day"])), 1
    if kind == "range":
        month = _MONTHS[(g.get("mon") or g["mon2"]).lower()]
        day = int(g["day"])
        value = _safe(int(g["year"]), month, day) if g.get("year") else _yearless(month, day, base)
        return value, 2
    if kind in ("dmy", "mdy"):
        month = _MONTHS[g["mon"].lower()]
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None, 1
        if g.get("year"):
            return _safe(int(g["year"]), month, day), 1
        return _yearless(month, day, base), 1
    if kind == "my":
        return _mid_month(int(g["year"]), _MONTHS[g["mon"].lower()], g.get("part"))
    if base is None:
        return None, 1
    rel = (g.get("rel") or m.group(0)).lower()
    if kind == "rel_day":
        if "before yesterday" in rel:
            return base - timedelta(days=2), 1
        if rel == "yesterday" or rel == "last night":
            return base - timedelta(days=1), 1
        if g.get("n"):
            n = _NUM.get(g["n"].lower()) or int(g["n"])
            return base - timedelta(days=n), 1
        return base, 1
    if kind == "rel_week":
        if "weekend" in rel:
            # the Saturday of the weekend on or before the report
            back = (base.weekday() - 5) % 7
            return base - timedelta(days=back), 2
        if rel in ("last week", "the previous week"):
            monday = base - timedelta(days=base.weekday() + 7)
            return monday + timedelta(days=3), 2
        if rel in ("this week", "earlier this week"):
            return base - timedelta(days=min(base.weekday(), 3) if base.weekday() else 0), 2
        return base - timedelta(days=3), 2  # "the past week/few days": its middle
    if kind == "rel_month":
        if "last month" in rel or "previous month" in rel or "past month" in rel:
            first = base.replace(day=1) - timedelta(days=1)
            if rel.startswith("late"):
                return first.replace(day=min(25, first.day)), 3
            return (first.replace(day=15), 3) if "past month" not in rel else (base - timedelta(days=15), 3)
        if "weeks" in rel:
            return base - timedelta(days=10), 3
        return base.replace(day=min(15, base.day)), 3
    if kind == "weekday":
        wd = _WEEKDAYS[g["wd"].lower()]
        back = (base.weekday() - wd) % 7
        if (g.get("pre") or "").lower() == "last" and back == 0:
            back = 7
        return base - timedelta(days=back), 1
    return None, 1


# the signature of an embedded post: "— Laura Loomer (@LauraLoomer) October 6, 2017" dates the post, not
# anything the text around it tells
_POST_STAMP_BEFORE = re.compile(r"\(@\w{1,30}\)\s*$")


def find_dates(text: str, published: str | None, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """Date expressions in ``text[start:end]``, resolved against ``published`` (YYYY-MM-DD or None); the date
    stamp of an embedded post ("(@handle) October 6, 2017") is none."""
    base = parse_iso(published)
    end = len(text) if end is None else end
    chunk = text[start:end]
    taken: list[tuple[int, int]] = []
    out: list[DateExpr] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(chunk):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "weekday" and not m.group("pre") and m.group("wd")[0].islower():
                continue
            value, precision = _resolve(kind, m, base)
            if value is None and kind in ("dmy", "mdy") and m.group("day") and not 1 <= int(m.group("day")) <= 31:
                continue
            if kind == "my" and m.group("year") is None:
                continue
            taken.append((s, e))
            if _POST_STAMP_BEFORE.search(chunk, max(0, s - 40), s):
                continue
            out.append(DateExpr(start + s, start + e, m.group(0).strip(), value, precision))
    out.sort(key=lambda d: d.start)
    # "this afternoon Tuesday": one expression, the weekday is the day
    merged: list[DateExpr] = []
    for d in out:
        if d.text.lower() == "(week of)":
            # ACLED's "On 1 May 2020 (week of)": the date stands for its week
            if merged and d.start - merged[-1].end <= 2:
                prev = merged[-1]
                merged[-1] = DateExpr(prev.start, d.end, text[prev.start:d.end], prev.value, 2)
            continue
        if merged and d.start - merged[-1].end <= 2 and merged[-1].precision == 1 and d.precision == 1:
            prev = merged[-1]
            value = d.value if d.value is not None else prev.value
            merged[-1] = DateExpr(prev.start, d.end, text[prev.start:d.end], value, 1)
            continue
        merged.append(d)
    return merged


def parse_free(span: str, published: str | None) -> tuple[date | None, int]:
    """A date span our patterns do not know ("two weeks ago"), through dateparser."""
    base = parse_iso(published)
    if base is None:
        return None, 1
    try:
        import dateparser
        from datetime import datetime
    except ImportError:  # pragma: no cover - dateparser is a dependency
        return None, 1
    settings = {"RELATIVE_BASE": datetime(base.year, base.month, base.day), "PREFER_DATES_FROM": "past",
                "REQUIRE_PARTS": []}
    parsed = dateparser.parse(span, settings=settings, languages=["en"])
    if parsed is None:
        return None, 1
    return parsed.date(), 2
