"""Mentions -> events: blocking, clustering, stable ids and the change log (pure, no database).

How a batch is merged (``plan_merge``):

1. Blocking.  Two mentions can only match when they share the country, the province (or one of
   them has none) and at least one day of their date windows; two precise places must moreover
   share a gazetteer entry or lie within PLACE_MAX_KM (neighbouring grid cells).  Mentions are
   indexed by those keys and only mentions sharing one are compared: near-linear in practice.
2. Components.  Compatible pairs (every rule of ``strife.merge.rules``) link mentions; the
   connected components that hold a new mention are (re)clustered, all others are left alone.
3. Clustering, a function of the component's SET of mentions (so ingesting articles one by one or
   all at once gives the same partition): mentions are visited in a canonical order -- precise
   reports first (place, then date), then by confidence and id -- and each joins the cluster it is
   compatible with as a whole (every member: complete linkage, so A~B, B~C never drags in an A!~C).
   A precise mention compatible with several clusters joins the best one (same gazetteer entry,
   then nearest); a vague one (province-level place, week/month date, unidentified actor) joins
   only when exactly one cluster fits, else it stays an event of its own: "only when nothing else
   conflicts".
4. Stable ids.  Each existing event keeps its id for the cluster holding most of its mentions
   (largest overlap first; on a tie, the cluster holding its most precise report).  Other clusters get
   ``content_id("event", smallest mention id)``.  An existing event left without a cluster is
   deleted ("deleted", pointing at the event that absorbed most of its mentions; that one logs
   "merged"); one whose mentions went partly elsewhere logs "split" towards each new home.
   Trade-off: the partition never depends on arrival order, but an id is fixed when the event is
   first created, so if a later report has a smaller mention id than every earlier one, the id
   differs from the one an all-at-once run would mint.  Renaming a published id would break every
   copy that synced it, so stability wins; ids are equal whenever the first-seen mention of each
   event has its smallest id and no event split on the way (always true for re-runs).  A new id
   that equals a deleted event's id brings that event back (upserted, not deleted, "created").
5. Events are rebuilt (``strife.merge.build``) and compared with the stored ones; only events
   whose content changed are upserted with ``timestamp = now`` ("created" / "updated").  Re-running
   the same input changes no id and no timestamp.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..errors import MergeError
from ..records import Event, Mention, content_id, to_dict
from .build import build_event
from .rules import PLACE_MAX_KM, date_window, distance_km, fast_compatible, features, geo_precision, is_vague

__all__ = ["Change", "MergePlan", "plan_merge", "merge_mentions", "components", "cluster_mentions",
           "canonical_order"]

CHANGE_KINDS = ("created", "updated", "deleted", "split", "merged")


@dataclass(frozen=True, slots=True)
class Change:
    event_id: str
    change: str  # created, updated, deleted, split, merged
    other_id: str | None = None
    reason: str | None = None


@dataclass(slots=True)
class MergePlan:
    """What merging decided: events to write, mention -> event moves, the change log, deletions."""

    upserts: list[Event] = field(default_factory=list)
    assignments: dict[str, str] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        c = Counter(ch.change for ch in self.changes)
        return {k: c.get(k, 0) for k in CHANGE_KINDS} | {"mentions": len(self.assignments)}


# -- blocking and components --------------------------------------------------------------------

# Grid for precise places: two places within PLACE_MAX_KM fall in the same or adjacent cells as
# long as a cell is at least that wide, which 0.05 degrees is up to 70 degrees of latitude
# (0.05 * 111.32 km * cos 70 = 1.9 km); places further north or south are compared like vague ones.
CELL_DEG = 0.05
_CELL_MAX_LAT = 70.0
assert CELL_DEG * 111.32 * math.cos(math.radians(_CELL_MAX_LAT)) >= PLACE_MAX_KM


def _block(m: Mention) -> tuple[str, str | None, list[int], tuple[int, int] | None] | None:
    """(country, admin1, days, grid cell) a mention can match in; None when it matches nothing."""
    w = date_window(m)
    p = geo_precision(m)
    loc = m.location
    if w is None or p is None or loc is None:
        return None
    cell = None
    if p <= 2 and loc.latitude is not None and loc.longitude is not None and abs(loc.latitude) <= _CELL_MAX_LAT:
        cell = (math.floor(loc.latitude / CELL_DEG), math.floor(loc.longitude / CELL_DEG))
    return (loc.country or "").casefold(), (loc.admin1 or "").casefold() or None, list(range(w[0], w[1] + 1)), cell


def _edges(ms: Sequence[Mention]) -> dict[int, set[int]]:
    """Adjacency (by index) of compatible pairs.  Blocking: only mentions sharing a country and a day
    are compared, and among those two precise places only when they share a gazetteer entry or lie
    in neighbouring grid cells; vague places are compared with everything in their province."""
    blocks = [_block(m) for m in ms]
    feats = [features(m) if b is not None else None for m, b in zip(ms, blocks)]
    in_admin1: dict[tuple, list[int]] = defaultdict(list)  # every mention, by (country, admin1, day)
    vague_in_admin1: dict[tuple, list[int]] = defaultdict(list)  # those without a grid cell
    wild: dict[tuple, list[int]] = defaultdict(list)  # (country, day) -> mentions without admin1
    by_day: dict[tuple, list[int]] = defaultdict(list)  # (country, day) -> every mention
    by_gid: dict[tuple, list[int]] = defaultdict(list)
    by_cell: dict[tuple, list[int]] = defaultdict(list)
    for i, b in enumerate(blocks):
        if b is None:
            continue
        country, admin1, days, cell = b
        gid = ms[i].location.gazetteer_id  # type: ignore[union-attr]
        for d in days:
            in_admin1[(country, admin1, d)].append(i)
            by_day[(country, d)].append(i)
            if admin1 is None:
                wild[(country, d)].append(i)
            if cell is None:
                vague_in_admin1[(country, admin1, d)].append(i)
            else:
                by_cell[(country, cell, d)].append(i)
            if gid:
                by_gid[(country, gid, d)].append(i)
    adj: dict[int, set[int]] = defaultdict(set)
    for i, b in enumerate(blocks):
        if b is None:
            continue
        country, admin1, days, cell = b
        gid = ms[i].location.gazetteer_id  # type: ignore[union-attr]
        cands: set[int] = set()
        for d in days:
            if admin1 is None:
                pools = [by_day[(country, d)]]
            elif cell is None:
                pools = [in_admin1[(country, admin1, d)], wild.get((country, d), [])]
            else:
                pools = [vague_in_admin1.get((country, admin1, d), []), wild.get((country, d), [])]
                if gid:
                    pools.append(by_gid[(country, gid, d)])
                pools.extend(by_cell.get((country, (cell[0] + dy, cell[1] + dx), d), [])
                             for dy in (-1, 0, 1) for dx in (-1, 0, 1))
            for pool in pools:
                cands.update(j for j in pool if j > i)
        for j in sorted(cands):
            if fast_compatible(feats[i], feats[j]):  # type: ignore[arg-type]
                adj[i].add(j)
                adj[j].add(i)
    return adj


def components(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Connected components of the compatibility graph (each sorted by id; singletons included)."""
    ms = sorted({m.id: m for m in mentions}.values(), key=lambda m: m.id)
    adj = _edges(ms)
    return [[ms[i] for i in comp] for comp in _components(len(ms), adj)]


def _components(n: int, adj: dict[int, set[int]]) -> list[list[int]]:
    seen = [False] * n
    out = []
    for s in range(n):
        if seen[s]:
            continue
        seen[s] = True
        stack, comp = [s], []
        while stack:
            i = stack.pop()
            comp.append(i)
            for j in adj.get(i, ()):
                if not seen[j]:
                    seen[j] = True
                    stack.append(j)
        out.append(sorted(comp))
    return out


# -- clustering ---------------------------------------------------------------------------------

def canonical_order(m: Mention) -> tuple:
    """Precise reports first, so vague ones find the events they could belong to."""
    gp = geo_precision(m)
    return (is_vague(m), gp if gp is not None else 9, m.time_precision or 1, -m.confidence, m.id)


def _score(m: Mention, anchor: Mention) -> tuple:
    la, lb = m.location, anchor.location
    same = bool(la and lb and la.gazetteer_id and la.gazetteer_id == lb.gazetteer_id)
    d = 0.0
    if la and lb and None not in (la.latitude, la.longitude, lb.latitude, lb.longitude):
        d = distance_km(la.latitude, la.longitude, lb.latitude, lb.longitude)  # type: ignore[arg-type]
    return (not same, d)


def _cluster_component(comp: list[int], ms: Sequence[Mention], adj: dict[int, set[int]]) -> list[list[int]]:
    order = sorted(comp, key=lambda i: canonical_order(ms[i]))
    clusters: list[list[int]] = []
    home: dict[int, int] = {}
    for i in order:
        near = adj.get(i, set())
        cands = sorted({home[j] for j in near if j in home})
        fits = [c for c in cands if all(j in near for j in clusters[c])]
        if len(fits) == 1 or (fits and not is_vague(ms[i])):
            best = min(fits, key=lambda c: (_score(ms[i], ms[clusters[c][0]]), c))
            clusters[best].append(i)
            home[i] = best
        else:  # none fits, or a vague report that could belong to several events
            home[i] = len(clusters)
            clusters.append([i])
    return clusters


def cluster_mentions(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """The partition of ``mentions`` into events (each cluster sorted by id; clusters by first id)."""
    ms = sorted({m.id: m for m in mentions}.values(), key=lambda m: m.id)
    adj = _edges(ms)
    out = []
    for comp in _components(len(ms), adj):
        for c in _cluster_component(comp, ms, adj):
            out.append(sorted((ms[i] for i in c), key=lambda m: m.id))
    out.sort(key=lambda c: c[0].id)
    return out


# -- the plan -----------------------------------------------------------------------------------

def _same_content(a: Event, b: Event) -> bool:
    da, db = to_dict(a), to_dict(b)
    da.pop("timestamp", None)
    db.pop("timestamp", None)
    return da == db


def _new_id(cluster: list[str], taken: set[str]) -> str:
    first = min(cluster)
    eid = content_id("event", first)
    n = 1
    while eid in taken:
        eid = content_id("event", first, n)
        n += 1
    return eid


def plan_merge(mentions: list[Mention], existing: list[Event], existing_mentions: dict[str, list[Mention]],
               now: int) -> MergePlan:
    """Merge new ``mentions`` into ``existing`` events (with their mentions); pure and deterministic.

    ``existing`` must hold every stored event that a new mention could reach, directly or through a
    chain of compatible mentions (``strife.store.merging`` loads that closure); events outside it
    are untouched.  Mentions already attached to an existing event are not new.
    """
    try:
        return _plan(mentions, existing, existing_mentions, now)
    except MergeError:
        raise
    except Exception as exc:  # a bug must surface as a coded error, not a half-written plan
        raise MergeError(f"merging failed: {type(exc).__name__}: {exc}", code="M101") from exc


def _plan(mentions, existing, existing_mentions, now) -> MergePlan:
    plan = MergePlan()
    old_events = {e.id: e for e in existing}
    owner: dict[str, str] = {}
    pool: dict[str, Mention] = {}
    for eid in sorted(existing_mentions):
        if eid not in old_events:
            continue
        for m in existing_mentions[eid]:
            owner.setdefault(m.id, eid)
            pool.setdefault(m.id, m)
    new_ids = set()
    for m in mentions:
        if m.id not in owner:
            pool.setdefault(m.id, m)
            new_ids.add(m.id)
    if not new_ids:
        return plan
    ms = sorted(pool.values(), key=lambda m: m.id)
    adj = _edges(ms)
    clusters: list[list[str]] = []
    for comp in _components(len(ms), adj):
        if not any(ms[i].id in new_ids for i in comp):
            continue
        for c in _cluster_component(comp, ms, adj):
            clusters.append(sorted(ms[i].id for i in c))
    clusters.sort(key=lambda c: c[0])

    # stable ids: an existing event keeps its id for the cluster holding most of its mentions
    # (ties: the cluster holding the event's most precise report, first in canonical order)
    overlap = Counter((owner[mid], ci) for ci, c in enumerate(clusters) for mid in c if mid in owner)
    lead: dict[tuple[str, int], tuple] = {}
    for ci, c in enumerate(clusters):
        for mid in c:
            if mid in owner:
                key = (owner[mid], ci)
                rank = canonical_order(pool[mid])
                if key not in lead or rank < lead[key]:
                    lead[key] = rank
    cluster_id: dict[int, str] = {}
    kept: set[str] = set()
    for (eid, ci), _n in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0][0], lead[kv[0]], kv[0][1])):
        if ci in cluster_id or eid in kept:
            continue
        cluster_id[ci] = eid
        kept.add(eid)
    taken = set(old_events) | set(owner.values())
    for ci, c in enumerate(clusters):
        if ci not in cluster_id:
            cluster_id[ci] = _new_id(c, taken)
            taken.add(cluster_id[ci])

    # where did each affected old event's mentions go?
    moved: dict[str, Counter] = defaultdict(Counter)
    for ci, c in enumerate(clusters):
        for mid in c:
            if mid in owner:
                moved[owner[mid]][cluster_id[ci]] += 1

    for ci, c in enumerate(clusters):
        eid = cluster_id[ci]
        cms = [pool[mid] for mid in c]
        for mid in c:
            if owner.get(mid) != eid:
                plan.assignments[mid] = eid
        old = old_events.get(eid)
        event = build_event(eid, cms, timestamp=now)
        if old is None:
            plan.upserts.append(event)
            plan.changes.append(Change(eid, "created", None, f"{len(c)} report(s)"))
        elif not _same_content(event, old):
            plan.upserts.append(event)
            before = set(old.mention_ids)
            added, lost = len(set(c) - before), len(before - set(c))
            why = ", ".join(x for x in (f"{added} report(s) added" if added else "",
                                         f"{lost} report(s) moved out" if lost else "") if x) or "fields re-derived"
            plan.changes.append(Change(eid, "updated", None, why))

    for old_id in sorted(moved):
        homes = moved[old_id]
        if old_id in kept:
            for other, n in sorted(homes.items()):
                if other != old_id:
                    plan.changes.append(Change(old_id, "split", other, f"{n} report(s) now belong to {other}"))
        else:
            target = min(homes, key=lambda e: (-homes[e], e))
            plan.deleted.append(old_id)
            plan.changes.append(Change(old_id, "deleted", target, f"duplicate: its reports belong to {target}"))
            plan.changes.append(Change(target, "merged", old_id, f"absorbed the reports of {old_id}"))
    plan.upserts.sort(key=lambda e: e.id)
    return plan


def merge_mentions(mentions: Iterable[Mention], now: int = 0) -> list[Event]:
    """In-memory merge (no database): the events of ``mentions``, sorted by date then id."""
    plan = plan_merge(list(mentions), [], {}, now)
    return sorted(plan.upserts, key=lambda e: (e.event_date or "", e.id))
