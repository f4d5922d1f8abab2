"""Geoparsing evaluation (strife.eval.geoparse) on a tiny corpus the team wrote: spans, scoring conventions
(country points shipped / held out / centroids, region middles) and the per-toponym rows."""

from __future__ import annotations

import pytest

from strife.eval.geoparse import read_corpus, region_centre, run_geoparse_eval

# gold points: Toronto (GeoNames), United States and Texas as Wikipedia gives them
_DOCS = [
    ("Officials in Toronto, Canada, said the United States would send samples for testing.",
     [("Toronto", 43.70, -79.42), ("United States", 40.0, -100.0)]),
    ("Farmers across Texas reported sick cattle, and the United States ordered checks.",
     [("Texas", 31.0, -100.0), ("United States", 40.0, -100.0)]),
    ("Nurses in Toronto were asked to wear masks.", [("Toronto", 43.70, -79.42)]),
    ("A lab in Zzyzxqville confirmed nothing.", [("Zzyzxqville", 35.0, -116.0)]),
]


def _xml(tmp_path):
    parts = ["<articles>"]
    for text, gold in _DOCS:
        locs = []
        for name, lat, lon in gold:
            s = text.index(name)
            locs.append(f"<location><name>{name}</name><start>{s}</start><end>{s + len(name)}</end>"
                        f"<lat>{lat}</lat><lon>{lon}</lon></location>")
        parts.append(f"<article><text>{text}</text><locations>{''.join(locs)}</locations></article>")
    parts.append("</articles>")
    path = tmp_path / "mini.xml"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def test_read_corpus_spans(tmp_path):
    docs = read_corpus(_xml(tmp_path))
    assert len(docs) == 4
    text, gold = docs[1]
    assert [text[s:e] for s, e, *_ in gold] == ["Texas", "United States"]


def test_scores_rows_and_country_point_conventions(tmp_path):
    from strife.settings import get_settings

    rows: list = []
    res = run_geoparse_eval(_xml(tmp_path), get_settings(), use_nlp=False, rows=rows)
    assert res["toponyms"] == 6 and res["docs"] == 4 and len(rows) == 6
    by = {(r["doc"], r["name"]): r for r in rows}
    assert by[(3, "Zzyzxqville")]["point"] is None  # not found: counts against recall and accuracy
    assert res["recall"] == pytest.approx(5 / 6, abs=1e-3)
    assert by[(0, "Toronto")]["km"] < 20 and by[(0, "United States")]["method"] == "country-only"
    # the shipped (Wikipedia) point of the US is 40N 100W; its centroid (38N 97W) is 340 km away
    assert by[(0, "United States")]["km"] < 1
    # the US is named in an even and an odd article, so each half gets the other's gold point; the
    # centroid alone misses both
    assert res["acc_161km"] == pytest.approx(res["acc_161km_heldout"])
    assert res["acc_161km_centroids"] == pytest.approx(res["acc_161km"] - 2 / 6, abs=1e-3)
    # Texas is answered as a region and scored at the region's middle, not at its seat
    tx = by[(1, "Texas")]
    assert tx["precision"] == 3 and tx["km"] < 161


def test_part_keeps_one_half(tmp_path):
    from strife.settings import get_settings

    rows: list = []
    res = run_geoparse_eval(_xml(tmp_path), get_settings(), use_nlp=False, part="odd", rows=rows)
    assert res["docs"] == 2 and {r["doc"] for r in rows} == {1, 3}


def test_region_centre_is_inside_the_region(tmp_path):
    from strife.geo import Geocoder, distance_km
    from strife.geo.gazetteer import K_ADM1
    from strife.settings import get_settings

    geo = Geocoder.load(get_settings())
    gaz = geo.gaz
    tx = next(e for e in gaz.entries_for_key("texas") if gaz.kind[e] == K_ADM1 and gaz.cc[e] == "US")
    lat, lon = region_centre(geo, gaz.gid[tx])
    assert distance_km(lat, lon, 31.0, -100.0) < 161  # Texas's middle, not Austin (its seat, 230 km off)
    assert region_centre(geo, "no-such-id") is None
