#!/usr/bin/env python
"""Measure the post-coding screen (strife.coding.screen) on ACLED notes and on real pages
(dev-time diagnostics; reads ../shared at run time, writes only where --db/--out point).

    .venv/bin/python scripts/screen_eval.py acled EXPORT.csv [--country C] [--limit N] [--show N]
    .venv/bin/python scripts/screen_eval.py pages DIR --db /tmp/x.db [--off]

``acled``: codes the rows' notes as `strife eval` does and counts the mentions the screen would drop,
above all the picked ones (each a false negative: ACLED notes are all real events), and the no_event
rate before and after.  ``pages``: runs `strife run DIR --db X` with the screen wired into the coder
(``--off``: without it, for the baseline) and prints each kept and dropped mention to judge by hand.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from strife.coding import coder as coder_mod  # noqa: E402
from strife.coding.screen import why_not_event  # noqa: E402

DROPS: dict[str, tuple[str, str]] = {}  # mention id -> (reason, sentence) of what the screen dropped


def install(apply: bool) -> None:
    """Wrap EventCoder.code as the lead will wire it: record the screen's verdicts; drop when ``apply``."""
    original = coder_mod.EventCoder.code

    def code(self, article, doc, places):
        result = original(self, article, doc, places)
        kept = []
        dropped = dict(result.dropped)
        for m in result.mentions:
            reason = why_not_event(article, doc, m)
            if reason:
                DROPS[m.id] = (reason, m.text)
                dropped[f"screen_{reason}"] = dropped.get(f"screen_{reason}", 0) + 1
            if not reason or not apply:
                kept.append(m)
        return coder_mod.CodingResult(kept, result.statistics, dropped)

    coder_mod.EventCoder.code = code


def acled(args) -> int:
    from strife.eval.acled import _article, _code_all, _pick, read_rows
    from strife.settings import get_settings

    install(apply=False)
    rows = read_rows(args.csv, country=args.country, limit=args.limit)
    articles = {r.id: _article(r) for r in rows}
    by_article = {a.id: rid for rid, a in articles.items()}
    coded = {by_article[a.id]: ms for a, ms in _code_all(list(articles.values()), get_settings(use_learned=False))}
    n = len(rows)
    none_before = none_after = picked_dropped = all_dropped = 0
    reasons: Counter[str] = Counter()
    shown = 0
    for row in rows:
        ms = coded.get(row.id, [])
        kept = [m for m in ms if m.id not in DROPS]
        all_dropped += len(ms) - len(kept)
        for m in ms:
            if m.id in DROPS:
                reasons[DROPS[m.id][0]] += 1
        none_before += not ms
        none_after += not kept
        pick = _pick(ms, row)
        for m in ms:
            if m.id in DROPS and (pick is None or m.id != pick.id) and args.others:
                print(f"  other dropped [{DROPS[m.id][0]}] trigger={m.trigger!r} | {m.text[:200]!r}")
        if pick is not None and pick.id in DROPS:
            picked_dropped += 1
            if shown < args.show:
                shown += 1
                print(f"  PICKED DROPPED [{DROPS[pick.id][0]}] {row.sub_event_type} | trigger={pick.trigger!r} | "
                      f"{pick.text[:220]!r}")
    out = {
        "rows": n, "no_event_before": round(none_before / n, 4), "no_event_after": round(none_after / n, 4),
        "no_event_delta": round((none_after - none_before) / n, 4), "picked_dropped": picked_dropped,
        "mentions_dropped": all_dropped, "reasons": dict(reasons),
    }
    print(json.dumps(out))
    return 0


def pages(args) -> int:
    from strife.cli import main as cli

    install(apply=not args.off)
    Path(args.db).unlink(missing_ok=True)
    try:
        cli.main(["run", args.dir, "--db", args.db, "--json"], standalone_mode=False)
    except SystemExit:
        pass
    con = sqlite3.connect(args.db)
    kept = con.execute("select sub_event_type, event_date, trigger, text from mentions").fetchall()
    print(f"\n== kept {len(kept)}")
    for sub, day, trig, text in kept:
        print(f"  KEPT {sub} {day} trigger={trig!r} | {' '.join(text.split())[:240]}")
    print(f"== screened {len(DROPS)}")
    for reason, text in DROPS.values():
        print(f"  DROP [{reason}] | {' '.join(text.split())[:240]}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="mode", required=True)
    a = sub.add_parser("acled")
    a.add_argument("csv")
    a.add_argument("--country")
    a.add_argument("--limit", type=int)
    a.add_argument("--show", type=int, default=30, help="print this many dropped picked mentions")
    a.add_argument("--others", action="store_true", help="also print dropped mentions that were not picked")
    p = sub.add_parser("pages")
    p.add_argument("dir")
    p.add_argument("--db", required=True)
    p.add_argument("--off", action="store_true", help="record verdicts but keep every mention (baseline)")
    args = ap.parse_args(argv)
    return acled(args) if args.mode == "acled" else pages(args)


if __name__ == "__main__":
    sys.exit(main())
