"""Measure the geocoder on the team's shared development data (reads ../shared at run time).

    python scripts/geo_eval.py eventloc [--limit 1500] [--rows FILE]
        Which place an event verb happened at (Halterman 2019 sentences): accuracy of Geocoder.locate
        against the gold LOCATION span, next to two simple baselines.
    python scripts/geo_eval.py acled [--limit 300] [--import-other]
        ACLED dev notes: find places in each note, place the event (trigger = first violent verb, else
        the root verb), compare with ACLED's admin1, coordinates (within 5/25/100 km) and geo_precision.
        --import-other first imports the OTHER dev file (`strife gazetteer import acled`) into a separate
        data directory: Afghanistan file -> test on the global file, and vice versa.
    python scripts/geo_eval.py geoparse FILE.xml [--limit N] [--part even|odd] [--rows OUT.jsonl]
        acc_161km, median_km, recall and the errors by kind; --part scores one half of the articles (to
        measure anything derived from the corpus on the other half), --rows writes gold vs answer per toponym.
    python scripts/geo_eval.py fuzzy [--limit 400]      (precision of the fuzzy fallback per threshold, and of its vowel tier)
    python scripts/geo_eval.py countrypoints GeoVirus.xml
        Country reference points as a Wikipedia-annotated corpus uses them: for each country strife answers
        country-only, the modal gold point when it lies within 1500 km of the country's centroid (prints TSV).
    python scripts/geo_eval.py admin1map > pairs.tsv
        For every ACLED dev row, the GeoNames admin1 of the nearest gazetteer place in the row's country
        and the row's admin1 spelling: the majority pairs feed src/strife/data/geo_acled_admin1.tsv (names only).

Data directories live under --work (default /tmp/strife-geo-eval); nothing is written elsewhere.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STRIFE_SHARED", ROOT.parent / "shared"))
ACLED_GLOBAL = SHARED / "data" / "acled-dev" / "acled_2020-04-27_to_2020-05-02.csv"
ACLED_AFG = SHARED / "data" / "acled-dev" / "acled_afghanistan_2020-03.csv"
EVENTLOC = SHARED / "data" / "event-location-dev" / "event_location_dev.jsonl.gz"

VIOLENT = re.compile(r"\b(killed|kill|attacked|attack|clashed|clash(?:es)?|shelled|shelling|fired|fire|exploded|"
                     r"explosion|detonated|struck|strike|airstrikes?|bomb(?:ed|ing)?|shot|abducted|kidnapped|"
                     r"arrested|protest(?:ed|ers)?|demonstrat(?:ed|ion)|rall(?:y|ied)|looted|seized|captured|"
                     r"ambushed|targeted|injured|wounded|stormed|burned|torched|raided)\b", re.I)


def _settings(work: Path, name: str):
    from strife.settings import get_settings

    return get_settings(data_dir=str(work / name))


def _article(text: str):
    from strife.records import Article

    return Article(id=Article.make_id(None, text), document_id="eval", position=0, title=None, text=text)


def _mention(text: str, s: int, e: int):
    from strife.records import Evidence, Mention

    return Mention(id="m", article_id="a", start=0, end=len(text), text=text, event_type="x", sub_event_type="x",
                   disorder_type="x", evidence=(Evidence("trigger", s, e, text[s:e]),))


# ---------------------------------------------------------------------------------------------------

def _fix_span(text: str, span: dict | None) -> dict | None:
    """The span with character offsets that hold its text.  About one LOCATION span in seven in this corpus
    carries its token index as both character offsets (start == end); such a span is found again by its
    text, at the occurrence whose word index is closest to its token index."""
    if span is None or text[span["start"]:span["end"]] == span.get("text"):
        return span
    name = span.get("text") or ""
    hits = [m.start() for m in re.finditer(re.escape(name), text)] if name else []
    if not hits:
        return None
    tok = span.get("token_start") or 0
    start = min(hits, key=lambda h: abs(len(text[:h].split()) - tok))
    return {**span, "start": start, "end": start + len(name)}


def eventloc(args) -> dict:
    from strife.geo import Geocoder
    from strife.nlp import load_nlp

    settings = _settings(args.work, "base")
    geo = Geocoder.load(settings)
    nlp = load_nlp(settings)
    items = []
    with gzip.open(EVENTLOC, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            verb = _fix_span(d["text"], next((s for s in d["spans"] if s["label"] == "VERB"), None))
            raw = next((s for s in d["spans"] if s["label"] == "LOCATION"), None)
            loc = _fix_span(d["text"], raw)
            if verb is not None and (raw is None or loc is not None):  # (a span whose text is not there: left out)
                items.append((d["text"], verb, loc))
    random.Random(7).shuffle(items)
    items = items[: args.limit]
    n_loc = n_found_gold = 0
    ok = {"locate": 0, "nearest": 0, "first": 0}
    none_ok = n_none = 0
    t0 = time.perf_counter()
    rows_out = open(args.rows, "w", encoding="utf-8") if args.rows else None
    for text, verb, gold in items:
        art = _article(text)
        doc = nlp(text)
        places = geo.find_places(art, doc)
        # a list of scenes gives one mention per place ("on the X, Y and Z fronts"): the first one counts
        got = geo.locate(art, doc, [_mention(text, verb["start"], verb["end"])], places)[0].location
        below = [p for p in places if p.location and p.location.geo_precision is not None]
        if gold is None:
            n_none += 1
            none_ok += got is None or got.geo_precision is None
            continue
        n_loc += 1
        gs, ge = gold["start"], gold["end"]
        if any(p.start < ge and gs < p.end for p in places):
            n_found_gold += 1
        hit = lambda s, e: s is not None and s < ge and gs < e  # noqa: E731
        located = bool(got and hit(got.start, got.end))
        ok["locate"] += located
        if rows_out is not None:  # one line per sentence, for comparing two geocoders
            rows_out.write(json.dumps({"text": text, "gold": text[gs:ge], "ok": located,
                                       "got": got and text[got.start:got.end], "name": got and got.name}) + "\n")
        if below:
            near = min(below, key=lambda p: (abs(p.start - verb["start"]), p.start))
            ok["nearest"] += hit(near.start, near.end)
            ok["first"] += hit(below[0].start, below[0].end)
    if rows_out is not None:
        rows_out.close()
    res = {
        "sentences": len(items), "with_gold_place": n_loc, "gold_place_found_by_find_places": round(n_found_gold / n_loc, 4),
        "acc_locate": round(ok["locate"] / n_loc, 4), "acc_nearest_place": round(ok["nearest"] / n_loc, 4),
        "acc_first_place": round(ok["first"] / n_loc, 4),
        "acc_locate_when_gold_found": round(ok["locate"] / n_found_gold, 4) if n_found_gold else None,
        "no_gold_place_and_none_or_country": round(none_ok / n_none, 4) if n_none else None,
        "seconds": round(time.perf_counter() - t0, 1),
    }
    return res


# ---------------------------------------------------------------------------------------------------

def _norm_admin(s: str) -> str:
    from strife.geo.normalize import name_key

    return name_key(re.sub(r"\b(province|governorate|region|state|district)\b", "", s or "", flags=re.I))


def _admin_match(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    ka, kb = _norm_admin(a), _norm_admin(b)
    return ka == kb or fuzz.ratio(ka, kb) >= 80 or (len(ka) > 3 and (ka in kb or kb in ka))


def _rows(path: Path, limit: int) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("notes")]
    random.Random(11).shuffle(rows)
    return rows[:limit]


def acled(args) -> dict:
    from strife.geo import Geocoder, distance_km
    from strife.geo.gazetteer import add_import_rows, build_index, read_acled_export
    from strife.nlp import load_nlp

    out = {}
    for test_path, other in ((ACLED_GLOBAL, ACLED_AFG), (ACLED_AFG, ACLED_GLOBAL)):
        name = "base"
        if args.import_other:
            name = f"import-{other.stem}"
            settings = _settings(args.work, name)
            if not (settings.gazetteer_dir / "imports").exists():
                add_import_rows(settings, read_acled_export(other), "acled")
        settings = _settings(args.work, name)
        build_index(settings)
        geo = Geocoder.load(settings)
        nlp = load_nlp(settings)
        rows = _rows(test_path, args.limit)
        n = placed = adm1 = gp = country = 0
        within = {5: 0, 25: 0, 100: 0}
        dists = []
        t0 = time.perf_counter()
        for r in rows:
            text = r["notes"]
            art = _article(text)
            doc = nlp(text)
            places = geo.find_places(art, doc)
            mv = VIOLENT.search(text)
            if mv:
                s, e = mv.span()
            else:
                root = next((t for t in doc if t.dep_ == "ROOT"), doc[0])
                s, e = root.idx, root.idx + len(root.text)
            (m,) = geo.locate(art, doc, [_mention(text, s, e)], places)
            n += 1
            loc = m.location
            if loc is None:
                continue
            country += loc.country == r["country"]
            if loc.latitude is None:
                continue
            placed += 1
            adm1 += _admin_match(loc.admin1, r["admin1"])
            gp += str(loc.geo_precision) == r["geo_precision"]
            d = distance_km(loc.latitude, loc.longitude, float(r["latitude"]), float(r["longitude"]))
            dists.append(d)
            for k in within:
                within[k] += d <= k
        out[f"{test_path.stem} ({name})"] = {
            "rows": n, "placed_below_country": round(placed / n, 4), "country_match": round(country / n, 4),
            "admin1_match": round(adm1 / n, 4), "within_5km": round(within[5] / n, 4),
            "within_25km": round(within[25] / n, 4), "within_100km": round(within[100] / n, 4),
            "geo_precision_match": round(gp / n, 4),
            "median_km_when_placed": round(statistics.median(dists), 1) if dists else None,
            "seconds": round(time.perf_counter() - t0, 1),
        }
    return out


def fuzzy(args) -> dict:
    """How many fuzzy-fallback toponyms land within 50 km of the coded event, per threshold."""
    import strife.geo.geocoder as gc
    from strife.geo import Geocoder, distance_km
    from strife.nlp import load_nlp

    settings = _settings(args.work, "base")
    geo = Geocoder.load(settings)
    nlp = load_nlp(settings)
    rows = _rows(ACLED_GLOBAL, args.limit * 5 // 8) + _rows(ACLED_AFG, args.limit * 3 // 8)
    docs = [(r, nlp(r["notes"])) for r in rows]
    out = {}
    saved = gc.FUZZY_THRESHOLD, gc.FUZZY_VOWEL_RATIO

    def count() -> dict:
        geo._fuzzy_memo.clear()  # memoised per key, not per setting
        n = good = 0
        for r, doc in docs:
            for p in geo.find_places(_article(r["notes"]), doc):
                if p.method == "fuzzy" and p.location and p.location.latitude is not None:
                    n += 1
                    good += distance_km(p.location.latitude, p.location.longitude,
                                        float(r["latitude"]), float(r["longitude"])) < 50
        return {"fuzzy_toponyms": n, "within_50km_of_event": good}

    try:
        gc.FUZZY_VOWEL_RATIO = None  # the ratio tier alone
        for th in (80, 85, 90, 95):
            gc.FUZZY_THRESHOLD = th
            out[th] = count()
        # the vowel tier on top of the shipped threshold, per ratio floor
        gc.FUZZY_THRESHOLD = saved[0]
        for floor in (65, 75, 85):
            gc.FUZZY_VOWEL_RATIO = floor
            out[f"{saved[0]}+vowels{floor}"] = count()
    finally:
        gc.FUZZY_THRESHOLD, gc.FUZZY_VOWEL_RATIO = saved
    return out


def admin1map(args) -> dict:
    from collections import Counter, defaultdict

    from strife.geo.gazetteer import K_ADM1, K_CITY, load_index

    gaz = load_index(_settings(args.work, "base"))
    by_name = {info["name"].lower(): cc for cc, info in gaz.countries.items()}
    pts: dict = defaultdict(list)
    for e in range(len(gaz.lat)):
        if gaz.kind[e] in (K_CITY, K_ADM1) and gaz.adm1[e]:
            pts[gaz.cc[e]].append(e)
    votes: dict = defaultdict(Counter)
    for path in (ACLED_GLOBAL, ACLED_AFG):
        with open(path, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                cc = by_name.get((r.get("country") or "").lower())
                if not cc or not r.get("admin1") or not r.get("latitude"):
                    continue
                la, lo = float(r["latitude"]), float(r["longitude"])
                near = min(pts.get(cc, ()), default=None,
                           key=lambda e: (gaz.lat[e] - la) ** 2 + (gaz.lon[e] - lo) ** 2)
                if near is not None:
                    votes[f"{cc}.{gaz.adm1[near]}"][r["admin1"].strip()] += 1
    for code, c in sorted(votes.items()):
        name, n = c.most_common(1)[0]
        print(f"{code}\t{gaz.adm1_names.get(code, '')}\t{name}\t{n}/{sum(c.values())}", file=sys.stderr)
    return {"codes": len(votes)}


def countrypoints(args) -> dict:
    from strife.eval.geoparse import derive_country_points, read_corpus
    from strife.geo import Geocoder
    from strife.nlp import load_nlp
    from strife.records import Article

    settings = _settings(args.work, "base")
    geo, nlp = Geocoder.load(settings), load_nlp(settings)
    answers = []
    for i, (text, gold) in enumerate(read_corpus(args.file)):
        places = geo.find_places(Article(id=f"c{i}", document_id="c", position=i, title=None, text=text), nlp(text))
        for gs, ge, name, glat, glon in gold:
            hit = next((p for p in places if p.start < ge and gs < p.end and p.location is not None), None)
            answers.append((i, gs, ge, name, glat, glon, hit))
    points = derive_country_points(geo, answers)
    for cc, (la, lo) in sorted(points.items()):
        print(f"{cc}\t{la:g}\t{lo:g}")
    return {"countries": len(points)}


def geoparse(args) -> dict:
    from collections import Counter

    from strife.eval.geoparse import run_geoparse_eval

    rows: list = []
    res = run_geoparse_eval(args.file, _settings(args.work, "base"), limit=args.limit, part=args.part, rows=rows)
    # errors by kind: not found, country-level answers, other answers beyond 161 km
    kinds: Counter = Counter()
    for r in rows:
        if r["point"] is None:
            kinds["not_found"] += 1
        elif r["km"] > 161:
            kinds["wrong_country_level" if r["method"] == "country-only" else
                  "wrong_area" if r["method"] == "area" else "wrong_place"] += 1
    res["errors"] = dict(kinds)
    if args.rows:
        with open(args.rows, "w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return res


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, default=Path("/tmp/strife-geo-eval"))
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("eventloc")
    p.add_argument("--limit", type=int, default=1500)
    p.add_argument("--rows", help="write one JSON line per sentence with a gold place to this file")
    p = sub.add_parser("acled")
    p.add_argument("--limit", type=int, default=300)
    p.add_argument("--import-other", action="store_true")
    p = sub.add_parser("fuzzy")
    p.add_argument("--limit", type=int, default=400)
    sub.add_parser("admin1map")
    p = sub.add_parser("countrypoints")
    p.add_argument("file")
    p = sub.add_parser("geoparse")
    p.add_argument("file")
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--part", choices=("even", "odd"), default=None, help="only the even/odd articles (held-out halves)")
    p.add_argument("--rows", type=Path, default=None, help="write one JSON line per gold toponym here")
    args = ap.parse_args(argv)
    if not SHARED.exists():
        sys.exit(f"{SHARED} is absent: these measurements read the team's shared data")
    result = {"eventloc": eventloc, "acled": acled, "geoparse": geoparse, "fuzzy": fuzzy, "admin1map": admin1map, "countrypoints": countrypoints}[args.cmd](args)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
