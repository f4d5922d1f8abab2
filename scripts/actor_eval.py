"""Measure actor assignment against ACLED's human coding (dev-time; reads ../shared at run time).

For each sampled ACLED dev row, parse ``notes``, take as trigger the first violent verb of the first
sentence (else its root), run ``ActorResolver.assign`` with the row's country and sub-event type,
and compare actor1/actor2 with the gold columns (``same_actor``: canonical name or alias).

    .venv/bin/python scripts/actor_eval.py [--n 500] [--countries Syria,Iraq,Yemen,Afghanistan] [--seed 0]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from strife.coding.actors import ActorResolver  # noqa: E402
from strife.nlp import load_nlp  # noqa: E402
from strife.settings import get_settings  # noqa: E402

# verbs whose subject/object are the event's parties (lemmas)
VIOLENT = {
    "attack", "kill", "clash", "shell", "strike", "fire", "target", "ambush", "bomb", "explode", "detonate",
    "abduct", "kidnap", "arrest", "detain", "protest", "demonstrate", "shoot", "storm", "raid", "capture",
    "seize", "launch", "hit", "injure", "wound", "fight", "engage", "assassinate", "behead", "torture",
    "loot", "burn", "set", "destroy", "gather", "rally", "march", "intercept", "down", "shoot", "repel",
    "repulse", "retake", "recapture", "take", "advance", "bombard", "execute", "stab", "beat", "rape",
    "defuse", "dismantle", "throw", "open", "carry", "conduct", "block", "close",
}


EVENT_NOUNS = {"clash", "clashes", "attack", "airstrike", "airstrikes", "strike", "shelling", "raid", "explosion",
               "ambush", "protest", "demonstration", "fighting", "battle", "battles"}


def pick_trigger(doc):
    sent = next(iter(doc.sents))
    for tok in sent:
        if tok.pos_ == "VERB" and tok.lemma_.lower() in VIOLENT:
            return sent, tok
    for tok in sent:
        if tok.pos_ == "NOUN" and tok.lower_ in EVENT_NOUNS:
            return sent, tok
    return sent, sent.root


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--countries", default="")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--offset", type=int, default=0, help="skip this many shuffled rows (a held-out slice)")
    ap.add_argument("--show", type=int, default=0, help="print this many misses")
    ap.add_argument("--actor2", action="store_true", help="with --show: also print actor2 misses")
    args = ap.parse_args(argv)
    src = Path(args.shared) / "data" / "acled-dev"
    rows = []
    for path in sorted(src.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as fh:
            rows.extend(r for r in csv.DictReader(fh) if (r.get("notes") or "").strip())
    if args.countries:
        keep = {c.strip() for c in args.countries.split(",")}
        rows = [r for r in rows if r["country"] in keep]
    random.Random(args.seed).shuffle(rows)
    rows = rows[args.offset: args.offset + args.n]
    settings = get_settings()
    nlp = load_nlp(settings)
    resolver = ActorResolver(settings)
    c: Counter[str] = Counter()
    misses = []
    t0 = time.perf_counter()
    for doc, row in nlp.pipe(((r["notes"], r) for r in rows), as_tuples=True, batch_size=64):
        span, trig = pick_trigger(doc)
        a = resolver.assign(doc, span, trig, country=row["country"], speaker=None,
                            sub_event_type=row["sub_event_type"])
        g1, g2 = row["actor1"] or None, row["actor2"] or None
        c["rows"] += 1
        m1 = resolver.same_actor(a.actor1, g1)
        m2 = (a.actor2 is None and g2 is None) or resolver.same_actor(a.actor2, g2)
        c["actor1"] += m1
        c["actor1_loose"] += m1 or resolver.same_actor(a.actor1, g1, loose=True)
        if g2:
            c["gold_actor2"] += 1
            c["actor2"] += resolver.same_actor(a.actor2, g2)
        c["actor2_incl_empty"] += m2
        c["both"] += m1 and m2
        # ACLED's order carries no meaning outside violence against civilians
        c["pair_any_order"] += (m1 and m2) or (
            resolver.same_actor(a.actor1, g2) and ((a.actor2 is None and g1 is None) or resolver.same_actor(a.actor2, g1)))
        c["inter1"] += a.inter1 is not None and str(a.inter1) == row["inter1"]
        if not m1 or (args.actor2 and not m2):
            misses.append((row["notes"][:160], trig.text, g1, a.actor1, g2, a.actor2))
    dt = time.perf_counter() - t0
    n = max(c["rows"], 1)
    print(f"rows {c['rows']}  ({dt:.1f} s incl. parsing, {1000 * dt / n:.1f} ms/row)")
    for key in ("actor1", "actor1_loose", "inter1", "actor2_incl_empty", "both", "pair_any_order"):
        print(f"{key:20s} {c[key] / n:.3f}  ({c[key]}/{n})")
    if c["gold_actor2"]:
        print(f"{'actor2 (gold set)':20s} {c['actor2'] / c['gold_actor2']:.3f}  ({c['actor2']}/{c['gold_actor2']})")
    for miss in misses[: args.show]:
        print("MISS", miss)
    return 0


if __name__ == "__main__":
    sys.exit(main())
