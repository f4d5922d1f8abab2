"""How often merging joins reports that are different events (measured on ACLED rows)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..records import Mention
from .build import representative
from .cluster import cluster_mentions

__all__ = ["false_merge_rate", "false_merges"]

_DIGITS = re.compile(r"\d+")


def false_merges(row_mentions: Mapping[str, Sequence[Mention]]) -> dict[str, list[str]]:
    """For each falsely merged row, the other rows whose mentions share its best mention's event.

    Every ACLED row is a distinct event by definition.  All rows' mentions are merged together;
    a row's *best* mention is its most confident one (ties: smaller id).  The row is falsely merged
    when the event holding its best mention also holds a mention of another row, unless the two
    rows have the same notes: detected as sharing an article id, or as having the same set of
    mention texts once digits are removed -- ACLED splits one report over several locations or
    days as rows whose notes differ only in a number ("Fatalities split across 4 events (1)"), and
    no text-based merger can tell those apart.
    """
    rows_of: dict[str, set[str]] = defaultdict(set)
    pool: dict[str, Mention] = {}
    articles: dict[str, set[str]] = {}
    texts: dict[str, frozenset[str]] = {}
    for row, ms in row_mentions.items():
        articles[row] = {m.article_id for m in ms}
        texts[row] = frozenset(_DIGITS.sub("", m.text) for m in ms)
        for m in ms:
            rows_of[m.id].add(row)
            pool.setdefault(m.id, m)
    cluster_of: dict[str, int] = {}
    for ci, cluster in enumerate(cluster_mentions(list(pool.values()))):
        for m in cluster:
            cluster_of[m.id] = ci
    members: dict[int, set[str]] = defaultdict(set)
    for mid, ci in cluster_of.items():
        members[ci] |= rows_of[mid]
    out: dict[str, list[str]] = {}
    for row, ms in sorted(row_mentions.items()):
        if not ms:
            continue
        best = representative(ms)
        others = sorted(o for o in members[cluster_of[best.id]] if o != row
                        and not (articles[o] & articles[row]) and texts[o] != texts[row])
        if others:
            out[row] = others
    return out


def false_merge_rate(row_mentions: Mapping[str, Sequence[Mention]]) -> float:
    """Falsely merged rows / rows with at least one mention (see :func:`false_merges`).

    Rows that produced no mention cannot be merged and are left out of the denominator, so the
    rate is not diluted by what coding missed.  0.0 when no row has a mention.
    """
    rows = [r for r, ms in row_mentions.items() if ms]
    if not rows:
        return 0.0
    return len(false_merges(row_mentions)) / len(rows)
