#!/usr/bin/env python
"""Dump strife's coding of each ACLED dev row next to the human coding, one JSON object per row
(dev-time diagnostics; reads ../shared at run time, writes only where --out points).

    .venv/bin/python scripts/eval_rows.py EXPORT.csv [--country C] [--limit N] [--out rows.jsonl]

Each line: the row's gold fields, the picked mention's fields (``pred``), the number of mentions,
the distance in km between gold and predicted points, and ok-flags per field as `strife eval` scores
them.  Use it to read errors; `strife eval` stays the scoreboard.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from strife.eval.acled import _actor_match, _article, _code_all, _haversine, _norm_actor, _pick, read_rows  # noqa: E402
from strife.settings import get_settings  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv")
    ap.add_argument("--country")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--out", default="-")
    args = ap.parse_args(argv)
    rows = read_rows(args.csv, country=args.country, limit=args.limit)
    articles = {r.id: _article(r) for r in rows}
    by_article = {a.id: rid for rid, a in articles.items()}
    coded = {}
    for article, mentions in _code_all(list(articles.values()), get_settings(use_learned=False)):
        coded[by_article[article.id]] = mentions
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    for row in rows:
        ms = coded.get(row.id, [])
        m = _pick(ms, row)
        pred = None
        km = None
        if m is not None:
            loc = m.location
            pred = {
                "event_type": m.event_type, "sub_event_type": m.sub_event_type, "actor1": m.actor1,
                "actor2": m.actor2, "assoc_actor_1": m.assoc_actor_1, "assoc_actor_2": m.assoc_actor_2,
                "fatalities": m.fatalities, "event_date": m.event_date, "trigger": m.trigger,
                "text": m.text,
                "location": dataclasses.asdict(loc) if loc is not None else None,
            }
            if loc is not None and loc.latitude is not None and row.latitude is not None:
                km = round(_haversine(row.latitude, row.longitude, loc.latitude, loc.longitude), 1)
        ok = {
            "event_type": bool(m) and m.event_type == row.event_type,
            "sub_event_type": bool(m) and m.sub_event_type == row.sub_event_type,
            "actor1": bool(m) and _actor_match(m.actor1, row.actor1),
            "actor2": bool(m) and _actor_match(m.actor2, row.actor2),
            "fatalities": bool(m) and m.fatalities == row.fatalities,
            "admin1": bool(m and m.location and m.location.admin1)
            and _norm_actor(m.location.admin1) == _norm_actor(row.admin1),
            "within_25km": km is not None and km <= 25,
        }
        gold = dataclasses.asdict(row)
        out.write(json.dumps({"gold": gold, "pred": pred, "n_mentions": len(ms), "km": km, "ok": ok},
                             ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
