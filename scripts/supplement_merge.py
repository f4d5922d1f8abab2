"""Filter a list of team-placed places before it is appended to src/strife/data/geo_supplement.tsv.

Usage: python scripts/supplement_merge.py OUT.tsv IN.tsv [IN.tsv ...] [--cities500 PATH]

Each input line has the supplement's 8 tab-separated columns (name, |-separated alternates, latitude, longitude,
iso2, GeoNames admin1 code, admin2 name, source), no header.  A name (or alternate) is dropped, with a line saying
why, when it is:
- shorter than 3 letters once normalised (``name_key``), or a stop word of ``geo_stopwords.txt``;
- the name of a GeoNames district (admin2) of the same country: the district entry already stands for it;
- borne by a cities500 place of the same country more than 15 km away (outside Ukraine, where many villages
  share a name), or by a supplement row of the same country more than 15 km away;
- already given to another row of the same batch.
A row whose first name is a district is dropped whole, and so is a row whose first kept name the gazetteer already
has within 15 km (the same place).  Names made of numbers must be removed by hand before: name keys drop digits.
Rounds 8 and 9 of the supplement went through these rules (see the file's header).  Reads GeoNames data only
(cities500 rows from ../shared/data/geonames by default, the packaged admin2Codes.txt); writes OUT.tsv.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

from strife.geo.normalize import name_key, token_key

DATA = Path(__file__).resolve().parent.parent / "src" / "strife" / "data"
SAME_PLACE_KM = 15.0


def _km(a: float, b: float, c: float, d: float) -> float:
    a, b, c, d = map(math.radians, (a, b, c, d))
    h = math.sin((c - a) / 2) ** 2 + math.cos(a) * math.cos(c) * math.sin((d - b) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as fh:
        return [line.rstrip("\n").split("\t") for line in fh if line.strip() and not line.startswith("#")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--cities500", default=str(Path(__file__).resolve().parent.parent.parent / "shared" / "data" /
                                               "geonames" / "cities500_conflict_countries.tsv"))
    args = ap.parse_args(argv)

    stop = {w.strip().lower() for w in open(DATA / "geo_stopwords.txt", encoding="utf-8")
            if w.strip() and not w.startswith("#")}
    places: dict[str, list[tuple[str, float, float]]] = defaultdict(list)  # key -> (cc, lat, lon)
    with open(args.cities500, encoding="utf-8") as fh:
        for r in csv.reader(fh, delimiter="\t"):
            if len(r) > 8 and r[0] != "geonameid":
                for n in {r[1], *(x for x in r[8].split(",") if x)}:
                    places[name_key(n)].append((r[4], float(r[2]), float(r[3])))
    supplement: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for r in _rows(DATA / "geo_supplement.tsv")[1:]:
        for n in [r[0], *(x for x in r[1].split("|") if x)]:
            supplement[name_key(n)].append((r[4], float(r[2]), float(r[3])))
    districts: dict[str, set[str]] = defaultdict(set)
    for r in _rows(DATA / "geonames" / "admin2Codes.txt"):
        for n in r[1:3]:
            words = [w for w in n.split() if w.lower() not in ("district", "qada", "qada'", "nahiya", "governorate")]
            districts[name_key(" ".join(words))].add(r[0][:2])

    out, seen, dropped = [], {}, Counter()
    for path in args.inputs:
        for r in _rows(Path(path)):
            if len(r) != 8:
                dropped["not 8 columns"] += 1
                continue
            name, alts, lat, lon, cc = r[0], r[1], float(r[2]), float(r[3]), r[4]
            if cc in districts.get(name_key(name), ()):
                print(f"district name, row dropped: {cc} {name}")
                dropped["district"] += 1
                continue
            kept = []
            for n in [name, *(x for x in alts.split("|") if x)]:
                k = name_key(n)
                far = [p for p in places.get(k, []) + supplement.get(k, [])
                       if p[0] == cc and _km(lat, lon, p[1], p[2]) > SAME_PLACE_KM]
                why = ("short" if len(k.replace(" ", "")) < 3 else
                       "stop word" if k in stop or token_key(n) in stop else
                       "district name" if cc in districts.get(k, ()) else
                       "another place's name" if far and (cc != "UA" or supplement.get(k)) else
                       "taken in this batch" if k in seen and seen[k] != name else None)
                if why:
                    print(f"{why}: {cc} {name} / {n}")
                else:
                    kept.append(n)
            if not kept:
                dropped["no name left"] += 1
                continue
            k0 = name_key(kept[0])
            if any(p[0] == cc and _km(lat, lon, p[1], p[2]) <= SAME_PLACE_KM
                   for p in places.get(k0, []) + supplement.get(k0, [])):
                print(f"already known: {cc} {name}")
                dropped["already known"] += 1
                continue
            for n in kept:
                seen[name_key(n)] = name
            out.append([kept[0], "|".join(dict.fromkeys(kept[1:])), f"{lat:.4f}", f"{lon:.4f}", cc, *r[5:8]])
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.writelines("\t".join(r) + "\n" for r in out)
    print(f"kept {len(out)} rows {dict(Counter(r[4] for r in out))}; dropped {dict(dropped)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
