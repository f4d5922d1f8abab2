"""Why an event's reports were merged, and (``near``) why nearby reports were kept apart."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING

from ..records import Event, Mention
from .cluster import canonical_order
from .rules import RULES, RuleResult, check_pair, first_failure, is_vague

if TYPE_CHECKING:
    from ..store.db import Store

__all__ = ["PairExplanation", "KeptApart", "Explanation", "explain", "explain_mentions"]

# Up to this many reports every pair is shown; above it each report is shown against the
# representative only (n^2 pairs of a 50-report event would bury the answer).
MAX_ALL_PAIRS = 12


@dataclass(frozen=True, slots=True)
class PairExplanation:
    a: str
    b: str
    results: tuple[RuleResult, ...]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)


@dataclass(frozen=True, slots=True)
class KeptApart:
    mention_id: str
    event_id: str | None  # the event the nearby report belongs to
    rule: str  # the first failing rule, or "unique" (fits, but could belong to another event too)
    detail: str
    against: str | None = None  # the member report it failed against


@dataclass(frozen=True, slots=True)
class Explanation:
    event_id: str
    mention_ids: tuple[str, ...]
    pairs: tuple[PairExplanation, ...]
    kept_apart: tuple[KeptApart, ...] = ()

    def to_text(self) -> str:
        lines = [f"event {self.event_id}: {len(self.mention_ids)} report(s)"]
        if len(self.mention_ids) == 1:
            lines.append("  a single report: nothing was merged")
        for p in self.pairs:
            lines.append(f"  {p.a} + {p.b}: {'merged' if p.ok else 'NOT compatible'}")
            for r in p.results:
                lines.append(f"    {'ok ' if r.ok else 'NO '} {r.rule:<7} {r.detail}")
        if self.kept_apart:
            lines.append(f"nearby reports kept apart: {len(self.kept_apart)}")
            for k in self.kept_apart:
                lines.append(f"  {k.mention_id} (event {k.event_id or '-'}): {k.rule}: {k.detail}")
        return "\n".join(lines)


def explain_mentions(event_id: str, mentions: Sequence[Mention],
                     nearby: Iterable[tuple[Mention, str | None]] = ()) -> Explanation:
    """The explanation for one event from its mentions (pure; ``nearby`` = (mention, its event))."""
    ms = sorted(mentions, key=canonical_order)
    if len(ms) <= MAX_ALL_PAIRS:
        pairs = list(combinations(ms, 2))
    else:
        pairs = [(ms[0], m) for m in ms[1:]]
    explained = tuple(PairExplanation(a.id, b.id, tuple(check_pair(a, b))) for a, b in pairs)
    own = {m.id for m in ms}
    apart = []
    for n, n_event in sorted(nearby, key=lambda p: p[0].id):
        if n.id in own:
            continue
        worst: tuple[int, RuleResult, str] | None = None
        for m in ms:
            r = first_failure(n, m)
            if r is not None and (worst is None or RULES.index(r.rule) < worst[0]):
                worst = (RULES.index(r.rule), r, m.id)
        if worst is not None:
            apart.append(KeptApart(n.id, n_event, worst[1].rule, worst[1].detail, worst[2]))
        elif is_vague(n):
            apart.append(KeptApart(n.id, n_event, "unique", "fits every report here, but a vague report "
                                   "(province, week/month or unidentified actor) joins an event only when "
                                   "no other event fits too"))
        else:
            apart.append(KeptApart(n.id, n_event, "unique", "fits here too, but fits its own event better "
                                   "(same gazetteer entry or nearer)"))
    return Explanation(event_id, tuple(sorted(own)), explained, tuple(apart))


def explain(event_id: str, store: "Store", near: bool = False) -> Explanation:
    """Why the stored event ``event_id`` holds its mentions; with ``near``, why nearby ones do not."""
    from ..store import merging

    _event, ms = merging.event_with_mentions(store, event_id)
    nearby = merging.nearby_mentions(store, ms) if near else []
    return explain_mentions(event_id, ms, nearby)


def explain_event(event: Event, mentions: Sequence[Mention],
                  nearby: Iterable[tuple[Mention, str | None]] = ()) -> Explanation:
    """Same as :func:`explain_mentions` for an in-memory Event."""
    return explain_mentions(event.id, [m for m in mentions if m.id in set(event.mention_ids)] or mentions, nearby)
