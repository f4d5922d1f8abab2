"""Seed ``src/strife/data/actors.tsv`` with the actor NAMES found in the ACLED dev exports.

Dev-time only.  Reads ``../shared/data/acled-dev/*.csv`` and collects every actor1 / actor2 /
assoc_actor name with its inter code and country.  Only facts leave the CSVs: names, inter codes,
countries.  No notes text, no rows.

Rows already in actors.tsv keep their hand-written aliases and speaker context; names new to the
dev data are appended.  Hand-added rows (names not in the dev data) are kept as they are.

    .venv/bin/python scripts/seed_actors.py [--shared ../shared] [--out src/strife/data/actors.tsv]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ("name", "aliases", "country", "inter", "years", "speaker_context", "kind")

HEADER = """\
# strife actor dictionary.
# Sources of the facts:
#  - actor names, inter codes and countries: every actor1/actor2/assoc_actor name in the ACLED dev exports
#    (../shared/data/acled-dev, events of March 2020 in Afghanistan and 27 Apr - 2 May 2020 worldwide),
#    collected by scripts/seed_actors.py (names and codes only; no ACLED rows or notes are stored here).
#  - aliases and speaker contexts: written by the strife team from public knowledge of the groups
#    (common English names, acronyms, names used by the parties' own media).
#  - the hand-written rows at the top name some groups absent from the dev exports (Kataib Hezbollah,
#    Hurras al Din, NLF, Giants Brigades, Peshmerga) in ACLED's style; check them against a current
#    ACLED actor list before relying on the exact spelling.
#  - the code also derives aliases from each name: "JaS: Levant Front" -> JaS, Levant Front;
#    "X (Country)" -> X; a state unit -> the unit name (derived aliases apply only in the actor's country).
# Columns (tab-separated):
#   name             ACLED-style canonical name; {country} is filled with the event country for generic actors
#   aliases          |-separated surface forms (matched case-insensitively; hyphens and quotes normalised)
#   country          the actor's home country (state forces: the state; used for the abroad -> inter 8 rule);
#                    more countries after | are where its lower-case aliases also apply
#   inter            ACLED inter code 1-8 (state forces=1, rebels=2, political militias=3, identity
#                    militias=4, rioters=5, protesters=6, civilians=7, external or other forces=8)
#   years            regime period or active years, e.g. 2014-
#   speaker_context  if set, the aliases of this row only apply when the speaker is in that context
#                    (see speakers.tsv); several rows may share a name
#   kind             '' normal; generic (templated by country); group (a social group: coded as an assoc of
#                    Civilians/Protesters/Rioters); unidentified
# Rows are read top to bottom; at equal fit the earlier row wins.
"""


def regime_years(name: str) -> str:
    m = re.search(r"\((\d{4}-\d{0,4})\)", name)
    return m.group(1) if m else ""


STATE_RE = re.compile(r"^(?:Former )?(?:Military|Police) Forces of (?:the )?(.+?)(?: \(\d{4}-\d{0,4}\).*)?$")
GOV_RE = re.compile(r"^Government of (?:the )?(.+?) \(\d{4}-")
GENERIC_RE = re.compile(r"^(.+) \(([A-Z][A-Za-z .'-]+)\)$")


def home_country(name: str, seen: Counter) -> str:
    m = STATE_RE.match(name) or GOV_RE.match(name)
    if m:
        return m.group(1)
    m = GENERIC_RE.match(name)
    # "Civilians (Yemen)" names its country; "Mayi Mayi Militia (Simba)" names a faction: only a bracket
    # that is one of the countries the actor was seen in counts
    if m and not re.match(r"\d{4}", m.group(2)) and (not seen or m.group(2) in seen):
        return m.group(2)
    return seen.most_common(1)[0][0] if seen else ""


def collect(paths: list[Path]):
    inters: dict[str, Counter] = defaultdict(Counter)
    countries: dict[str, Counter] = defaultdict(Counter)
    assoc_inters: dict[str, Counter] = defaultdict(Counter)
    for path in paths:
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                country = row.get("country") or ""
                for actor, assoc, inter in (("actor1", "assoc_actor_1", "inter1"), ("actor2", "assoc_actor_2", "inter2")):
                    name = (row.get(actor) or "").strip()
                    code = (row.get(inter) or "").strip()
                    if name:
                        inters[name][code] += 1
                        countries[name][country] += 1
                    for a in (row.get(assoc) or "").split(";"):
                        a = a.strip()
                        if a:
                            countries[a][country] += 1
                            if code and code != "0":
                                assoc_inters[a][code] += 1
    out = {}
    for name in sorted(n for n in countries if n.count("(") == n.count(")")):
        codes = inters.get(name) or assoc_inters.get(name) or Counter()
        home = home_country(name, countries[name])
        inter = ""
        if name.startswith(("Military Forces of", "Police Forces of", "Government of")):
            inter = "1"  # home inter; abroad it becomes 8 at coding time
        elif codes:
            inter = codes.most_common(1)[0][0]
        out[name] = {"name": name, "aliases": "", "country": home, "inter": inter,
                     "years": regime_years(name), "speaker_context": "", "kind": ""}
    return out


def read_existing(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    rows = []
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    for ln in lines[1:]:
        parts = ln.split("\t") + [""] * len(COLUMNS)
        rows.append(dict(zip(COLUMNS, parts)))
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--out", default=str(ROOT / "src" / "strife" / "data" / "actors.tsv"))
    args = ap.parse_args(argv)
    src = Path(args.shared) / "data" / "acled-dev"
    paths = sorted(src.glob("*.csv"))
    if not paths:
        print(f"no CSV files under {src}", file=sys.stderr)
        return 1
    seeded = collect(paths)
    out = Path(args.out)
    existing = read_existing(out)
    known = {r["name"] for r in existing}
    rows = list(existing)
    added = 0
    for name, row in seeded.items():
        if name not in known:
            rows.append(row)
            added += 1
    with out.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        fh.write("\t".join(COLUMNS) + "\n")
        for r in rows:
            fh.write("\t".join(r.get(c, "") for c in COLUMNS) + "\n")
    print(f"{out}: {len(rows)} rows ({added} new from {len(paths)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
