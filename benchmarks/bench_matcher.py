"""Speed of the gazetteer name matcher (multi-pattern matching of place names over news text).

    .venv/bin/python benchmarks/bench_matcher.py [--repeat 3] [--json]

Text: the raw partisan news articles in ../shared/data/raw-news/articles (read at run time, one article
at a time, 2.1 MB), else a text the team wrote, varied from templates so that runs of capitalised words
do not all repeat.  Reported, in MB (10^6 bytes of UTF-8) per second, best of ``--repeat``:

- ``matcher_cold``: ``Gazetteer.match_names`` over every article with an empty run memo and empty
  word-key caches (first pass, as a fresh process sees it);
- ``matcher_warm``: the same pass again (every capitalised run already memoised);
- ``exact_matches``: ``Geocoder._exact_matches`` (the matcher plus the geocoder's match objects), cold;
- ``find_places``: the whole ``Geocoder.find_places`` without spaCy (filters and resolution), cold.

Both wall-clock and process CPU time are given: the team machine is shared, CPU time is the steadier.
The gazetteer index is the one of ``STRIFE_DATA_DIR`` (built from packaged data when missing).
Before ``match_names`` (session 2) the matcher ran at 8.7 MB/s CPU cold on the same articles.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STRIFE_SHARED", ROOT.parent / "shared"))
ARTICLES = SHARED / "data" / "raw-news" / "articles"

# team-written fallback text (no shared text is copied here)
_PLACES = ["Saraqib", "Ayn Issa", "Tall Abyad", "Deir ez-Zor", "Al Hazm", "Marib", "Taiz", "Kirkuk",
           "Mosul", "Abu Kamal", "Kafr Nabl", "Idlib", "Hama", "Aden", "Sanaa", "Ramadi", "Fallujah",
           "Aleppo", "Homs", "Raqqa", "Hodeidah", "Baghdad", "Tikrit", "Sinjar", "Manbij"]
_ACTORS = ["Government forces", "Houthi fighters", "Kurdish units", "Unidentified gunmen", "Local militiamen",
           "Turkish-backed factions", "Security forces", "Protesters", "Tribal fighters", "Rebel groups"]
_TEMPLATES = [
    "{actor} said on {day} that shelling near {p1} had wounded {n} civilians, while residents of {p2} fled north.",
    "In {p1}, {actor_l} exchanged fire with a patrol for about {n} minutes, according to a monitor in {p2}.",
    "A spokesman for the Ministry of Defence told reporters in {p1} that {n} people were detained overnight.",
    "{actor} gathered outside the governor's office in {p1} and demanded the release of {n} detainees.",
    "Drones were seen over the road between {p1} and {p2} before an explosion hit a vehicle, killing {n}.",
    "The United Nations said aid convoys to {p1} were halted after {actor_l} blocked the route from {p2}.",
    "Officials in {p1} reported that {n} homes were burned; the attackers withdrew towards {p2} at dawn.",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def team_text(n_articles: int = 300, seed: int = 5) -> list[str]:
    """Articles of 15-40 sentences built from the templates above (about 2 MB for 300)."""
    rnd = random.Random(seed)
    out = []
    for _ in range(n_articles):
        sents = []
        for _ in range(rnd.randint(15, 40)):
            actor = rnd.choice(_ACTORS)
            sents.append(rnd.choice(_TEMPLATES).format(
                actor=actor, actor_l=actor[0].lower() + actor[1:], day=rnd.choice(_DAYS), n=rnd.randint(2, 90),
                p1=rnd.choice(_PLACES), p2=rnd.choice(_PLACES)))
        out.append(" ".join(sents))
    return out


def load_texts() -> tuple[list[str], str]:
    if ARTICLES.is_dir():
        paths = sorted(ARTICLES.glob("*.txt"))
        if paths:
            return [p.read_text(encoding="utf-8") for p in paths], f"{ARTICLES} ({len(paths)} articles)"
    return team_text(), "team-written template text (shared articles absent)"


def _timed(fn) -> tuple[float, float]:
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def run(repeat: int = 3) -> dict:
    from strife.geo import Geocoder
    from strife.records import Article
    from strife.settings import get_settings

    texts, source = load_texts()
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    geo = Geocoder.load(get_settings())
    gaz = geo.gaz
    articles = [Article(id=f"bench-{i}", document_id="bench", position=i, title=None, text=t)
                for i, t in enumerate(texts)]

    def cold():
        # first sight of every run and every word: the memo of runs and the word-key caches emptied
        from strife.geo import normalize

        normalize.token_key.cache_clear()
        normalize._fold.cache_clear()
        gaz.run_memo.clear()

    stages = {}
    stages.update({
        "matcher_cold": (cold, lambda: [gaz.match_names(t) for t in texts]),
        "matcher_warm": (lambda: [gaz.match_names(t) for t in texts], lambda: [gaz.match_names(t) for t in texts]),
        "exact_matches": (cold, lambda: [geo._exact_matches(t) for t in texts]),
        "find_places": (cold, lambda: [geo.find_places(a, None) for a in articles]),
    })
    result: dict = {"text": source, "megabytes": round(mb, 3)}
    for name, (prepare, body) in stages.items():
        best_w = best_c = float("inf")
        for _ in range(repeat):
            prepare()
            w, c = _timed(body)
            best_w, best_c = min(best_w, w), min(best_c, c)
        result[name] = {"mb_s_wall": round(mb / best_w, 2), "mb_s_cpu": round(mb / best_c, 2)}
    result["matches"] = sum(len(gaz.match_names(t)) for t in texts)
    return result


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    res = run(args.repeat)
    if args.json:
        print(json.dumps(res, indent=2))
        return
    print(f"text: {res['text']}, {res['megabytes']} MB, {res['matches']} matches")
    for k, v in res.items():
        if isinstance(v, dict):
            print(f"{k:>14}: {v['mb_s_wall']:6.2f} MB/s wall  {v['mb_s_cpu']:6.2f} MB/s cpu")


if __name__ == "__main__":
    sys.exit(main())
