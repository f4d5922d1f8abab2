"""Geoparsing evaluation on LGL / GeoVirus-style XML (gold toponym spans + coordinates).

Every gold toponym with coordinates counts: it is *found* when one of ``Geocoder.find_places``'
toponyms overlaps its span, and *correct* when the found toponym's point lies within 161 km (100 miles,
the field's usual threshold) of the gold point.  A country-level answer is scored at the country's
reference point: Wikipedia's point (``geo_country_points.tsv``, the convention of Wikipedia-linked corpora)
else its centroid (``geo_country_centroids.tsv``), since strife gives countries no coordinates.
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
from ..settings import Settings

__all__ = ["run_geoparse_eval", "read_corpus"]


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
                      use_nlp: bool = True, region_points: bool = True, country_points: bool = True) -> dict:
    """Score the geocoder on a geoparsing corpus; returns acc_161km, median_km, recall, toponyms, docs."""
    from ..geo import Geocoder, distance_km

    docs = read_corpus(path)
    if limit:
        docs = docs[:limit]
    geo = Geocoder.load(settings)
    nlp = None
    if use_nlp:
        from ..nlp import load_nlp

        nlp = load_nlp(settings)
    t0 = time.perf_counter()
    n_gold = found = correct = 0
    errors: list[float] = []
    for i, (text, gold) in enumerate(docs):
        article = Article(id=f"geoparse-{i}", document_id="geoparse", position=i, title=None, text=text)
        doc = nlp(text) if nlp is not None else None
        places = geo.find_places(article, doc)
        for gs, ge, _name, glat, glon in gold:
            n_gold += 1
            hit = next((p for p in places if p.start < ge and gs < p.end and p.location is not None), None)
            if hit is None:
                continue
            loc = hit.location
            lat, lon = loc.latitude, loc.longitude
            if lat is None:
                cc = _iso2(geo, loc.iso3) or ""
                lat, lon = (country_points and _country_points().get(cc)
                            or geo.gaz.countries.get(cc, {}).get("centroid") or (None, None))
            elif loc.geo_precision == 3 and region_points:
                # the corpora put a whole region at its middle; ACLED (and strife) at its seat
                lat, lon = _region_centre(geo, loc.gazetteer_id) or (lat, lon)
            if lat is None:
                continue
            found += 1
            d = distance_km(lat, lon, glat, glon)
            errors.append(d)
            if d <= 161:
                correct += 1
    seconds = time.perf_counter() - t0
    return {
        "acc_161km": round(correct / n_gold, 4) if n_gold else 0.0,
        "median_km": round(statistics.median(errors), 1) if errors else None,
        "recall": round(found / n_gold, 4) if n_gold else 0.0,
        "toponyms": n_gold,
        "docs": len(docs),
        "acc_161km_found": round(correct / found, 4) if found else 0.0,
        "seconds": round(seconds, 1),
    }


@lru_cache(maxsize=1)
def _country_points() -> dict[str, tuple[float, float]]:
    """Wikipedia's country points (data/geo_country_points.tsv), the convention of Wikipedia-linked corpora."""
    out = {}
    with open(Path(__file__).resolve().parent.parent / "data" / "geo_country_points.tsv", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or line.startswith("iso2\t") or not line.strip():
                continue
            cc, la, lo = line.rstrip("\n").split("\t")[:3]
            out[cc] = (float(la), float(lo))
    return out


def _region_centre(geo, gid: str | None):
    gaz = geo.gaz
    cache = getattr(gaz, "_region_by_gid", None)
    if cache is None:
        cache = {gaz.gid[e]: ex.get("centre") for e, ex in gaz.extra.items() if ex.get("centre")}
        gaz._region_by_gid = cache
    return cache.get(gid)


def _iso2(geo, iso3: str | None) -> str | None:
    for cc, info in geo.gaz.countries.items():
        if info.get("iso3") == iso3:
            return cc
    return None
