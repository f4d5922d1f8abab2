"""The store's side of merging: load what a merge needs, apply its plan in one transaction.

    merge_pending(store, run_id=None, now=None) -> counts   merge every unmerged mention
    unmerged_mentions(store)                                 mentions with no event yet
    load_block(conn, mentions) -> (events, event_mentions)   the stored events a batch can reach
    apply_merge_plan(conn, plan, run_id, now)                events, mentions.event_id, event_changes
    event_with_mentions(store, event_id), nearby_mentions(store, mentions)   for `strife explain`
    changed_since(store, ts), deletions(store, since=None)   the living dataset's sync feeds

Crash safety: each country's batch is loaded, planned and applied inside ONE write transaction, so
a run killed at any moment leaves every mention either merged (with its event and change log) or
unmerged; the next run merges what is left and ends where an uninterrupted run would.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, or_, select, update

from ..errors import MergeError
from ..records import Claim, Event, Evidence, Mention, to_dict
from . import schema
from .writes import SELECT_CHUNK, row_to_mention, upsert

if TYPE_CHECKING:
    from ..merge.cluster import MergePlan
    from .db import Store

__all__ = [
    "merge_pending",
    "unmerged_mentions",
    "load_block",
    "apply_merge_plan",
    "event_row",
    "row_to_event",
    "event_with_mentions",
    "nearby_mentions",
    "changed_since",
    "deletions",
    "REACH_DAYS",
]

# How far (days) a stored mention's date can lie from a day it may match: a month-precision
# window spans at most the 31 days of its month, so two overlapping windows have dates <= 31 apart.
REACH_DAYS = 31

M = schema.mentions
E = schema.events
C = schema.event_changes


# -- rows <-> records ---------------------------------------------------------------------------

_EVENT_COLUMNS = [c.name for c in E.columns]


def event_row(e: Event, run_id: str | None, now: int) -> dict[str, Any]:
    row = {f: getattr(e, f) for f in _EVENT_COLUMNS if hasattr(e, f) and f not in ("claims", "evidence")}
    row.update(
        claims=[to_dict(c) for c in e.claims],
        evidence=[to_dict(v) for v in e.evidence],
        civilian_targeting=bool(e.civilian_targeting),
        created_at=now,
        mention_count=len(e.mention_ids),
        deleted=False,
        run_id=run_id,
    )
    return row


def row_to_event(row: Any, mention_ids: Iterable[str] = ()) -> Event:
    claims = []
    for c in row.get("claims") or ():
        c = dict(c)
        c["hedges"] = tuple(c.get("hedges") or ())
        claims.append(Claim(**c))
    evidence = tuple(Evidence(**v) for v in (row.get("evidence") or ()))
    fields = {f: row.get(f) for f in Event.__dataclass_fields__ if f in row}
    fields.update(claims=tuple(claims), evidence=evidence, mention_ids=tuple(sorted(mention_ids)),
                  civilian_targeting=bool(row.get("civilian_targeting")),
                  fatalities=row.get("fatalities") or 0, timestamp=row.get("timestamp") or 0)
    return Event(**fields)


# -- loading ------------------------------------------------------------------------------------

def unmerged_mentions(store: "Store") -> list[Mention]:
    with store.connect() as conn:
        return _mentions_where(conn, M.c.event_id.is_(None))


def _mentions_where(conn: Connection, cond) -> list[Mention]:
    rows = conn.execute(select(M).where(cond).order_by(M.c.id)).mappings().all()
    return [row_to_mention(r) for r in rows]


def _country_cond(country: str | None):
    return M.c.country.is_(None) if country is None else M.c.country == country


def _iso(day: int) -> str:
    return date.fromordinal(max(1, day)).isoformat()


def _events_with_mentions(conn: Connection, event_ids: Sequence[str]) -> tuple[list[Event], dict[str, list[Mention]]]:
    events: list[Event] = []
    ev_mentions: dict[str, list[Mention]] = defaultdict(list)
    ids = sorted(set(event_ids))
    for i in range(0, len(ids), SELECT_CHUNK):
        chunk = ids[i:i + SELECT_CHUNK]
        rows = conn.execute(select(M).where(M.c.event_id.in_(chunk)).order_by(M.c.id)).mappings().all()
        for r in rows:
            ev_mentions[r["event_id"]].append(row_to_mention(r))
        for r in conn.execute(select(E).where(E.c.id.in_(chunk), E.c.deleted == False)  # noqa: E712
                              .order_by(E.c.id)).mappings():
            events.append(row_to_event(r, (m.id for m in ev_mentions.get(r["id"], ()))))
    alive = {e.id for e in events}
    return events, {k: v for k, v in ev_mentions.items() if k in alive}


def load_block(conn: Connection, mentions: Sequence[Mention]) -> tuple[list[Event], dict[str, list[Mention]]]:
    """Every stored event that ``mentions`` (one country) can reach, directly or through a chain of
    compatible mentions, with all their mentions.  Loads by (country, date range), then widens the
    range while the components holding the new mentions reach beyond it."""
    from ..merge.cluster import components
    from ..merge.rules import date_window

    windows = [w for w in (date_window(m) for m in mentions) if w is not None]
    located = [m for m in mentions if m.location is not None and m.location.country]
    if not windows or not located:
        return [], {}
    country = located[0].location.country  # type: ignore[union-attr]
    lo, hi = min(w[0] for w in windows), max(w[1] for w in windows)
    new_ids = {m.id for m in mentions}
    events: list[Event] = []
    ev_mentions: dict[str, list[Mention]] = {}
    while True:
        q = select(M.c.event_id).where(
            M.c.event_id.is_not(None), _country_cond(country),
            M.c.event_date >= _iso(lo - REACH_DAYS), M.c.event_date <= _iso(hi + REACH_DAYS)).distinct()
        ids = sorted(r[0] for r in conn.execute(q))
        events, ev_mentions = _events_with_mentions(conn, ids)
        pool = list(mentions) + [m for ms in ev_mentions.values() for m in ms]
        span = [date_window(m) for comp in components(pool) if any(m.id in new_ids for m in comp)
                for m in comp]
        span = [w for w in span if w is not None]
        a_lo, a_hi = min(w[0] for w in span), max(w[1] for w in span)
        if a_lo >= lo and a_hi <= hi:
            return events, ev_mentions
        lo, hi = min(lo, a_lo), max(hi, a_hi)


# -- applying -----------------------------------------------------------------------------------

def apply_merge_plan(conn: Connection, plan: "MergePlan", run_id: str | None, now: int) -> None:
    """Write a plan inside the caller's transaction: events, mentions.event_id, event_changes."""
    rows = [event_row(e, run_id, now) for e in plan.upserts]
    if rows:
        upsert(conn, E, rows, update_columns=[c for c in rows[0] if c not in ("id", "created_at")])
    by_event: dict[str, list[str]] = defaultdict(list)
    for mid, eid in plan.assignments.items():
        by_event[eid].append(mid)
    for eid in sorted(by_event):
        mids = sorted(by_event[eid])
        for i in range(0, len(mids), SELECT_CHUNK):
            conn.execute(update(M).where(M.c.id.in_(mids[i:i + SELECT_CHUNK])).values(event_id=eid))
    if plan.deleted:
        conn.execute(update(E).where(E.c.id.in_(sorted(plan.deleted)))
                     .values(deleted=True, timestamp=now, mention_count=0, run_id=run_id))
    if plan.changes:
        conn.execute(C.insert(), [{"event_id": ch.event_id, "change": ch.change, "other_id": ch.other_id,
                                   "reason": ch.reason, "at": now, "run_id": run_id} for ch in plan.changes])


def merge_pending(store: "Store", run_id: str | None = None, now: int | None = None) -> dict[str, int]:
    """Merge every mention that has no event yet; one transaction per country.  Returns counts of
    changes (created, updated, deleted, split, merged) and of mentions assigned."""
    import time

    from ..merge.cluster import plan_merge

    now = int(time.time()) if now is None else int(now)
    pending = unmerged_mentions(store)
    groups: dict[str | None, list[Mention]] = defaultdict(list)
    for m in pending:
        groups[m.location.country if m.location is not None else None].append(m)
    totals: dict[str, int] = defaultdict(int)
    for country in sorted(groups, key=lambda c: (c is None, c or "")):
        with store.begin() as conn:
            # re-read inside the transaction: another writer may have merged some meanwhile
            batch = _mentions_where(conn, and_(M.c.event_id.is_(None), _country_cond(country)))
            if not batch:
                continue
            events, ev_mentions = load_block(conn, batch)
            plan = plan_merge(batch, events, ev_mentions, now)
            apply_merge_plan(conn, plan, run_id, now)
        for k, v in plan.counts().items():
            totals[k] += v
    return dict(totals)


# -- explain support ----------------------------------------------------------------------------

def event_with_mentions(store: "Store", event_id: str) -> tuple[Event, list[Mention]]:
    with store.connect() as conn:
        row = conn.execute(select(E).where(E.c.id == event_id)).mappings().first()
        if row is None:
            raise MergeError(f"no event {event_id!r}", code="M102")
        ms = _mentions_where(conn, M.c.event_id == event_id)
    return row_to_event(row, (m.id for m in ms)), ms


def nearby_mentions(store: "Store", mentions: Sequence[Mention]) -> list[tuple[Mention, str | None]]:
    """Stored mentions of the same country whose dates lie within reach of ``mentions``, with the
    event each belongs to (``mentions`` themselves left out)."""
    from ..merge.rules import date_window

    windows = [w for w in (date_window(m) for m in mentions) if w is not None]
    countries = sorted({m.location.country for m in mentions if m.location is not None and m.location.country})
    if not windows or not countries:
        return []
    lo, hi = min(w[0] for w in windows), max(w[1] for w in windows)
    own = {m.id for m in mentions}
    cond = and_(or_(*[M.c.country == c for c in countries]),
                M.c.event_date >= _iso(lo - REACH_DAYS), M.c.event_date <= _iso(hi + REACH_DAYS))
    with store.connect() as conn:
        rows = conn.execute(select(M).where(cond).order_by(M.c.id)).mappings().all()
    return [(row_to_mention(r), r["event_id"]) for r in rows if r["id"] not in own]


# -- the living dataset's feeds -----------------------------------------------------------------

def changed_since(store: "Store", ts: int) -> list[dict[str, Any]]:
    """Changes logged at or after ``ts`` (unix time), oldest first: event_id, change, other_id,
    reason, at.  (``strife.store.query.changed_since`` gives the changed events' rows.)"""
    with store.connect() as conn:
        rows = conn.execute(select(C.c.event_id, C.c.change, C.c.other_id, C.c.reason, C.c.at)
                            .where(C.c.at >= int(ts)).order_by(C.c.at, C.c.id)).mappings().all()
    return [dict(r) for r in rows]


def deletions(store: "Store", since: int | None = None) -> list[dict[str, Any]]:
    """Deleted event ids with when, why and the event that replaced them."""
    from .query import deletions as _deletions

    return _deletions(store, since=since)
