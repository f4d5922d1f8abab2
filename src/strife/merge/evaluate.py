"""How often merging joins reports that are different events (measured on ACLED rows)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..records import Mention
from .build import representative
from .cluster import cluster_mentions
from .rules import check_pair

__all__ = ["false_merge_rate", "false_merges", "false_merge_pairs", "FalseMergePair"]

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


@dataclass(frozen=True, slots=True)
class FalseMergePair:
    """Two rows merged into one event, for reading by hand: each row's best mention, the other row's
    mention that shares its event, and why the rules let them meet (one line per rule)."""

    row: str
    other: str
    row_mention: Mention
    other_mention: Mention
    event_size: int
    rules: tuple[str, ...]

    def to_text(self, width: int = 160) -> str:
        def side(tag: str, row: str, m: Mention) -> list[str]:
            loc = m.location
            where = f"{loc.name} / {loc.admin2 or '-'} gp{loc.geo_precision} {loc.gazetteer_id}" if loc else "-"
            return [f"  {tag} {row}: {m.event_type} / {m.sub_event_type} | {m.actor1} | {m.actor2} | {where} | "
                    f"{m.event_date} | fatalities {m.fatalities}",
                    "      " + " ".join(m.text.split())[:width]]

        return "\n".join([f"{self.row} + {self.other} (event of {self.event_size} report(s))",
                          *side("A", self.row, self.row_mention), *side("B", self.other, self.other_mention),
                          *(f"      {r}" for r in self.rules)])


def false_merge_pairs(row_mentions: Mapping[str, Sequence[Mention]]) -> list[FalseMergePair]:
    """Every falsely merged pair of rows (each pair once, sorted), with the mentions that met.

    Same partition and exemptions as :func:`false_merges`: a dev tool to group the false merges by
    cause (``python -m strife.merge.evaluate FILE.csv``)."""
    flagged = false_merges(row_mentions)
    if not flagged:
        return []
    rows_of: dict[str, set[str]] = defaultdict(set)
    pool: dict[str, Mention] = {}
    for row, ms in row_mentions.items():
        for m in ms:
            rows_of[m.id].add(row)
            pool.setdefault(m.id, m)
    cluster_of: dict[str, list[Mention]] = {}
    for cluster in cluster_mentions(list(pool.values())):
        for m in cluster:
            cluster_of[m.id] = cluster
    out: list[FalseMergePair] = []
    seen: set[tuple[str, str]] = set()
    for row, others in sorted(flagged.items()):
        best = representative(row_mentions[row])
        cluster = cluster_of[best.id]
        for other in others:
            key = tuple(sorted((row, other)))
            if key in seen:
                continue
            seen.add(key)  # type: ignore[arg-type]
            mate = next(m for m in cluster if other in rows_of[m.id])
            rules = tuple(f"{r.rule}: {r.detail}" for r in check_pair(best, mate))
            out.append(FalseMergePair(row, other, best, mate, len(cluster), rules))
    return out


def _main(argv: Sequence[str] | None = None) -> int:
    """``python -m strife.merge.evaluate FILE.csv [--country C] [--limit N]``: code the rows of an ACLED
    export and print every falsely merged pair (dev tool; the score itself is ``strife eval``)."""
    import argparse

    from ..eval.acled import _article, _code_all, read_rows
    from ..settings import get_settings

    ap = argparse.ArgumentParser(prog="python -m strife.merge.evaluate")
    ap.add_argument("csv")
    ap.add_argument("--country")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args(argv)
    rows = read_rows(args.csv, country=args.country, limit=args.limit)
    articles = {r.id: _article(r) for r in rows}
    by_article = {a.id: rid for rid, a in articles.items()}
    coded = {by_article[a.id]: ms for a, ms in _code_all(list(articles.values()), get_settings())}
    pairs = false_merge_pairs(coded)
    for p in pairs:
        print(p.to_text())
    print(f"false_merge_rate {false_merge_rate(coded):.4f}: {len(false_merges(coded))} row(s), {len(pairs)} pair(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main())
