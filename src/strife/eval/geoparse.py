"""Geoparsing evaluation on LGL / GeoVirus-style XML (gold toponym spans + coordinates).

Every gold toponym with coordinates counts: it is *found* when one of ``Geocoder.find_places``'
toponyms overlaps its span, and *correct* when the found toponym's point lies within 161 km (100 miles,
the field's usual threshold) of the gold point.  A country-level answer is scored at the country's
reference point: Wikipedia's point (``geo_country_points.tsv``, the convention of Wikipedia-linked corpora,
derived from GeoVirus's gold: ``acc_161km_heldout`` gives the honest figure) else its centroid
(``geo_country_centroids.tsv``), since strife gives countries no coordinates; a region-level answer at the
region's middle (``region_centre``: Natural Earth's point for the region's shape, else the middle of its
places), since strife places a region at its seat.
Unfound gold toponyms count as errors in ``acc_161km`` and against ``recall``; ``median_km`` is over
the found ones (the AUC-style mean error of the literature is left out).
"""

from __future__ import annotations

import statistics
import time
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree as ET

from ..errors import EvalError
from ..records import Article
from ..resources import data_rows
from ..settings import Settings

__all__ = ["run_geoparse_eval", "read_corpus", "derive_country_points", "region_centre"]


def _num(el, tag):
    x = el.find(tag)
    if x is None or x.text is None or not x.text.strip():
        return None
    try:
        return float(x.text)
    except ValueError:
        return None


def read_corpus(path: str | Path) -> list[tuple[str, list[tuple[int, int, str, float, float]]]]:
    """(text, [(start, end, name, lat, lon), ...]) per article, for both corpus layouts."""
    try:
        root = ET.parse(str(path)).getroot()
    except (OSError, ET.ParseError) as exc:
        raise EvalError(f"cannot read {path}: {exc}", code="E102") from exc
    docs = []
    for art in root.iter("article"):
        text_el = art.find("text")
        if text_el is None or text_el.text is None:
            continue
        gold = []
        for loc in list(art.iter("location")) + list(art.iter("toponym")):
            start, end = _num(loc, "start"), _num(loc, "end")
            src = loc.find("gaztag") if loc.find("gaztag") is not None else loc
            lat, lon = _num(src, "lat"), _num(src, "lon")
            if start is None or end is None or lat is None or lon is None:
                continue
            name_el = loc.find("name") if loc.find("name") is not None else loc.find("phrase")
            gold.append((int(start), int(end), (name_el.text or "") if name_el is not None else "", lat, lon))
        docs.append((text_el.text, gold))
    if not docs:
        raise EvalError(f"{path} holds no <article><text> elements", code="E102")
    return docs


def run_geoparse_eval(path: str | Path, settings: Settings, limit: int | None = None, *,
                      use_nlp: bool = True, region_points: bool = True, country_points: bool = True,
                      part: str | None = None, rows: list | None = None) -> dict:
    """Score the geocoder on a geoparsing corpus; returns acc_161km, median_km, recall, toponyms, docs.

    Country-level answers are scored three ways: ``acc_161km`` at the shipped Wikipedia points (with
    ``country_points``; derived from GeoVirus, so in-sample there), ``acc_161km_heldout`` at points
    derived from the *other* half of this corpus (even articles scored with the odd ones' points and
    the reverse: how well derived points carry to unseen articles), ``acc_161km_centroids`` at the
    countries' centroids only (no corpus-derived fact at all).

    ``part`` "even"/"odd" keeps the articles of even/odd position; ``rows``, when a list, receives one
    dict per gold toponym (gold, answer, scored point, distance)."""
    from ..geo import Geocoder, distance_km

    docs = read_corpus(path)
    if part is not None:
        if part not in ("even", "odd"):
            raise EvalError(f"unknown corpus part {part!r}", code="E102", hint="use even or odd")
        docs = [(i, d) for i, d in enumerate(docs) if i % 2 == (part == "odd")]
    else:
        docs = list(enumerate(docs))
    if limit:
        docs = docs[:limit]
    geo = Geocoder.load(settings)
    nlp = None
    if use_nlp:
        from ..nlp import load_nlp

        nlp = load_nlp(settings)
    t0 = time.perf_counter()
    answers = []  # (doc, start, end, name, glat, glon, toponym or None)
    for i, (text, gold) in docs:
        article = Article(id=f"geoparse-{i}", document_id="geoparse", position=i, title=None, text=text)
        doc = nlp(text) if nlp is not None else None
        places = geo.find_places(article, doc)
        for gs, ge, name, glat, glon in gold:
            hit = next((p for p in places if p.start < ge and gs < p.end and p.location is not None), None)
            answers.append((i, gs, ge, name, glat, glon, hit))
    seconds = time.perf_counter() - t0
    shipped = _country_points() if country_points else {}
    heldout = {0: derive_country_points(geo, [a for a in answers if a[0] % 2 == 1]),
               1: derive_country_points(geo, [a for a in answers if a[0] % 2 == 0])}

    def score(points_for) -> tuple[int, int, list[float], list]:
        found = correct = 0
        errors: list[float] = []
        scored = []
        for i, gs, ge, name, glat, glon, hit in answers:
            lat = lon = d = None
            if hit is not None:
                loc = hit.location
                lat, lon = loc.latitude, loc.longitude
                if lat is None:
                    cc = _iso2(geo, loc.iso3) or ""
                    lat, lon = (points_for(i).get(cc) or geo.gaz.countries.get(cc, {}).get("centroid")
                                or (None, None))
                elif loc.geo_precision == 3 and region_points:
                    # the corpora put a whole region at its middle; ACLED (and strife) at its seat (a
                    # part of a region, "East Texas", comes with precision 2 and keeps its own point)
                    lat, lon = region_centre(geo, loc.gazetteer_id) or (lat, lon)
            if lat is not None:
                found += 1
                d = distance_km(lat, lon, glat, glon)
                errors.append(d)
                correct += d <= 161
            scored.append((lat, lon, d))
        return found, correct, errors, scored

    n_gold = len(answers)
    found, correct, errors, scored = score(lambda i: shipped)
    _f, correct_heldout, _e, _s = score(lambda i: heldout[i % 2])
    _f, correct_centroids, _e, _s = score(lambda i: {})
    if rows is not None:
        for (i, gs, ge, name, glat, glon, hit), (lat, lon, d) in zip(answers, scored):
            loc = hit.location if hit is not None else None
            rows.append({"doc": i, "start": gs, "end": ge, "name": name, "gold": [glat, glon],
                         "found": hit.text if hit is not None else None,
                         "method": loc.method if loc else None, "place": loc.name if loc else None,
                         "country": loc.country if loc else None, "gid": loc.gazetteer_id if loc else None,
                         "precision": loc.geo_precision if loc else None,
                         "point": [lat, lon] if lat is not None else None,
                         "km": round(d, 1) if d is not None else None})
    return {
        "acc_161km": round(correct / n_gold, 4) if n_gold else 0.0,
        "acc_161km_heldout": round(correct_heldout / n_gold, 4) if n_gold else 0.0,
        "acc_161km_centroids": round(correct_centroids / n_gold, 4) if n_gold else 0.0,
        "median_km": round(statistics.median(errors), 1) if errors else None,
        "recall": round(found / n_gold, 4) if n_gold else 0.0,
        "toponyms": n_gold,
        "docs": len(docs),
        "acc_161km_found": round(correct / found, 4) if found else 0.0,
        "seconds": round(seconds, 1),
    }


# Country points derived from a corpus: the modal gold point of a country's country-level answers, kept
# only within this distance (km) of the country's centroid (a farther mode is a namesake the geocoder got
# wrong, "Georgia" the US state, not the country's point).  The shipped geo_country_points.tsv was made so.
DERIVED_POINT_MAX_KM = 1500.0


def derive_country_points(geo, answers) -> dict[str, tuple[float, float]]:
    """iso2 -> the corpus' point for the country, from ``(doc, start, end, name, lat, lon, toponym)``."""
    from collections import Counter, defaultdict

    from ..geo import distance_km

    votes: dict = defaultdict(Counter)
    for _i, _s, _e, _name, glat, glon, hit in answers:
        if hit is not None and hit.location.method == "country-only":
            cc = _iso2(geo, hit.location.iso3)
            if cc:
                votes[cc][(round(glat, 4), round(glon, 4))] += 1
    out = {}
    for cc, c in votes.items():
        point = c.most_common(1)[0][0]
        cen = geo.gaz.countries.get(cc, {}).get("centroid")
        if cen and distance_km(*point, *cen) <= DERIVED_POINT_MAX_KM:
            out[cc] = point
    return out


# A region's reference point is the middle of the box holding its cities500 places, the 1% most extreme
# on each side left out (places with a wrong admin code: a "Jiangsu" town at 111 E).  Wikipedia and
# GeoNames put a region near its geographic middle; the populated places' middle (the previous 5-95%
# box) pulls large, thinly settled regions towards their cities.  Admin1 answers within 161 km, box
# trimmed 5% / 1% / 0%: GeoVirus 285 / 304 / 314 of 374, LGL 490 / 490 / 468 of 544.
REGION_TRIM = 0.01


def region_centre(geo, gid: str | None) -> tuple[float, float] | None:
    """The middle of an admin1 region (by its gazetteer id) for scoring a region-level answer: the middle of
    its shape (``data/geo_admin1_points.tsv``, from Natural Earth), else the middle of its places' box.
    Natural Earth's codes follow older subdivisions in some countries (its "PH.03" is a province of
    Mindanao, GeoNames' the region of Central Luzon): a shape point outside the box of the region's own
    places is such a mismatch, and the box's middle is used."""
    gaz = geo.gaz
    cache = getattr(gaz, "_region_centres", None)
    if cache is None:
        from ..geo.gazetteer import K_ADM1, K_CITY

        shapes = _admin1_points()
        members: dict = {}
        kinds, ccs, adm1s = gaz.kind, gaz.cc, gaz.adm1
        for e in range(len(gaz)):
            if kinds[e] == K_CITY and adm1s[e]:
                members.setdefault((ccs[e], adm1s[e]), []).append(e)
        cache = {}
        for e in range(len(gaz)):
            if kinds[e] == K_ADM1 and adm1s[e]:  # a macro-region ("Darfur") already stands at its middle
                pt = shapes.get(f"{ccs[e]}.{adm1s[e]}")
                m = members.get((ccs[e], adm1s[e]))
                if pt is not None and (not m or _inside_box(pt, [gaz.lat[x] for x in m], [gaz.lon[x] for x in m])):
                    cache[gaz.gid[e]] = pt
                elif m:
                    cache[gaz.gid[e]] = _trimmed_box_middle([gaz.lat[x] for x in m], [gaz.lon[x] for x in m])
        gaz._region_centres = cache
    return cache.get(gid)


@lru_cache(maxsize=1)
def _admin1_points() -> dict[str, tuple[float, float]]:
    """GeoNames admin1 code ("AU.04") -> the middle of the region's shape (data/geo_admin1_points.tsv)."""
    return {r[0]: (float(r[2]), float(r[3])) for r in data_rows("geo_admin1_points.tsv")}


def _inside_box(pt: tuple[float, float], lats: list[float], lons: list[float], pad: float = 0.5) -> bool:
    return min(lats) - pad <= pt[0] <= max(lats) + pad and min(lons) - pad <= pt[1] <= max(lons) + pad


def _trimmed_box_middle(lats: list[float], lons: list[float]) -> tuple[float, float]:
    lats, lons = sorted(lats), sorted(lons)
    n = len(lats)
    lo, hi = int(n * REGION_TRIM), n - 1 - int(n * REGION_TRIM)
    return round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4)


@lru_cache(maxsize=1)
def _country_points() -> dict[str, tuple[float, float]]:
    """Wikipedia's country points (data/geo_country_points.tsv), the convention of Wikipedia-linked corpora."""
    return {r[0]: (float(r[1]), float(r[2])) for r in data_rows("geo_country_points.tsv")}


def _iso2(geo, iso3: str | None) -> str | None:
    for cc, info in geo.gaz.countries.items():
        if info.get("iso3") == iso3:
            return cc
    return None
