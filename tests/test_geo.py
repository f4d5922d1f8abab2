"""Geocoder: normaliser, matcher, resolution cues, geo_precision, country-only, importers, load time.

The gazetteer index is built once per test session from the packaged data (about 20 s on 2 cores).
"""

from __future__ import annotations

import time

import pytest

from strife.errors import GeoError
from strife.geo import Geocoder, distance_km
from strife.geo import gazetteer as gz
from strife.geo.normalize import name_key, skeleton, token_key, tokenize
from strife.records import Article, Evidence, Mention

from geo_helpers import scene


def _article(text: str) -> Article:
    return Article(id=Article.make_id(None, text), document_id="doc", position=0, title=None, text=text)


def _places(geo, text, doc=None):
    return {p.text: p for p in geo.find_places(_article(text), doc)}


# -- normaliser ---------------------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("Ayn Issa", "‘Ayn ‘Īsá"), ("Ain Issa", "Ayn Isa"), ("Ein Issa", "Ayn Issa"),
    ("al-Jawf", "Al Jawf"), ("ash-Shaykh Maqsud", "Sheikh Maqsoud"),
    ("Tall Abyad", "Tell Abyad"), ("Tal Abyad", "Tall Abyad"),
    ("Deir ez-Zor", "Dayr az-Zor"), ("Dair ez Zor", "Deir ez-Zor"),
    ("Jabal Akrad", "Jebel al-Akrad"), ("Abu Kamal", "Albu Kamal"), ("Al Bukamal", "Abu Kamal"),
    ("Kafr Nabl", "Kfar Nabl"), ("Raqqa", "Raqqah"), ("Mayadeen", "Mayadin"), ("Ma'arrat", "Maarrat"),
    ("Dand Wa Patan", "Dand Patan"), ("Pul-e Alam", "Pul I Alam"), ("Dara-ye Suf", "Dara-i-Suf"),
    ("Qaryatain", "Al Qaryatayn"), ("Baiji", "Bayji"), ("Hussein", "Husayn"), ("Zubair", "Az Zubayr"),
    ("Saint Paul", "St. Paul"),
])
def test_variants_share_a_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a,b", [("Homs", "Hama"), ("Idlib", "Aleppo"), ("Saraqib", "Sarmin"),
                                 ("Dubai", "Dubay"), ("Said", "Sayd")])
def test_different_places_keep_different_keys(a, b):
    assert name_key(a) != name_key(b)


def test_tokenize_keeps_offsets_and_drops_articles():
    text = "Shells fell on al-Bab and Syria's north."
    toks = tokenize(text)
    for t in toks:
        assert text[t.start:t.end] == t.text
    assert [t.key for t in toks if t.text in ("al", "Bab")] == ["", "bab"]
    assert token_key("Syria's") == token_key("Syria") == "syriya"  # (-ia folded to -iya)


def test_skeleton_drops_inner_vowels():
    assert skeleton("idleb") == skeleton("idlib") == "idlb"


# -- matcher ------------------------------------------------------------------------------------

def test_matcher_finds_variant_spellings_with_offsets(geo):
    text = ("Rebels shelled Ain Issa and Kafr Nabl on Monday, while jets struck Deir ez-Zor "
            "and the town of Albu Kamal near the Iraqi border.")
    places = geo.find_places(_article(text), None)
    got = {p.text: p for p in places}
    for p in places:
        assert text[p.start:p.end] == p.text
    assert got["Ain Issa"].location.country == "Syria"
    assert got["Kafr Nabl"].location.name == "Kafranbel"
    assert got["Deir ez-Zor"].location.admin1 is not None
    assert distance_km(got["Albu Kamal"].location.latitude, got["Albu Kamal"].location.longitude, 34.45, 40.92) < 10


def test_matcher_needs_word_boundaries_and_capitals(geo):
    # "Homsi" is not Homs, "homs" in lower case is not a name, "Of" and "Man" are words here
    got = _places(geo, "A homsi trader said the man of the house saw Homs burn. Of course.")
    assert list(got) == ["Homs"]


def test_matcher_ignores_nationality_words_and_person_like_common_words(geo):
    got = _places(geo, "Syrian and Turkish officials met the Police chief in Ankara.")
    assert "Syrian" not in got and "Turkish" not in got and "Police" not in got
    assert got["Ankara"].location.country == "Turkey"


def test_matcher_speed_on_long_text(geo):
    text = ("Clashes were reported near Saraqib and in the countryside of Idlib, while drones hit "
            "positions around Ayn Issa and Tall Abyad in Raqqa province. ") * 4000
    t0 = time.perf_counter()
    places = geo.find_places(_article(text), None)
    mb_s = len(text.encode()) / 1e6 / (time.perf_counter() - t0)
    print(f"find_places speed on place-dense text: {mb_s:.1f} MB/s on {len(text) / 1e6:.1f} MB")
    assert len(places) >= 5 * 4000


# -- resolution ---------------------------------------------------------------------------------

def test_country_cue_resolves_ambiguous_name(geo):
    # Al Hazm exists twice in Yemen; al-Jawf named beside it picks the governorate capital
    got = _places(geo, "Houthi fighters entered Al Hazm, the capital of al-Jawf governorate in Yemen.")
    loc = got["Al Hazm"].location
    assert abs(loc.latitude - 16.164) < 0.01 and abs(loc.longitude - 44.777) < 0.01
    assert loc.admin1 and "jawf" in loc.admin1.lower()


def test_admin_cue_in_parentheses(geo):
    got = _places(geo, "Gunmen opened fire in Sayda (Raqqa) on Tuesday, a Syrian monitor said.")
    loc = got["Sayda"].location
    assert loc.country == "Syria" and loc.admin1 == "Ar-Raqqa"  # ACLED spelling (data/geo_acled_admin1.tsv)


def test_province_word_gives_region_precision(geo):
    got = _places(geo, "Fighting spread across Homs Governorate, Syria, overnight.")
    loc = next(p.location for t, p in got.items() if t.startswith("Homs"))
    assert loc.geo_precision == 3 and loc.method == "admin"


@pytest.mark.parametrize("sentence,gp", [
    ("Militants attacked an army post in Saraqib, Syria.", 1),
    ("Militants attacked an army post near Saraqib, Syria.", 2),
    ("Militants attacked an army post on the outskirts of Saraqib, Syria.", 2),
    ("Militants shelled the Saraqib countryside in Syria.", 2),
])
def test_geo_precision_rules(geo, sentence, gp):
    assert _places(geo, sentence)["Saraqib"].location.geo_precision == gp


def test_country_only_is_flagged_not_placed(geo):
    got = _places(geo, "Unidentified gunmen killed two farmers in Yemen, officials said.")
    loc = got["Yemen"].location
    assert loc.method == "country-only" and loc.geo_precision is None
    assert loc.latitude is None and loc.longitude is None and loc.name == "Yemen"
    assert loc.iso == 887 and loc.iso3 == "YEM" and loc.region == "Middle East"


def test_world_city_beats_small_namesake(geo):
    got = _places(geo, "Officials in Moscow and Paris condemned the strike.")
    assert got["Moscow"].location.country == "Russia"
    assert got["Paris"].location.country == "France"


# -- locate -------------------------------------------------------------------------------------

def _mention(text, trigger):
    s = text.index(trigger)
    return Mention(id="m", article_id="a", start=0, end=len(text), text=text, event_type="Battles",
                   sub_event_type="Armed clash", disorder_type="Political violence",
                   evidence=(Evidence("event_type", s, s + len(trigger), trigger),))


def test_locate_prefers_place_nearest_trigger_without_parse(geo):
    text = "Officials in Damascus said fighters clashed near Saraqib on Friday."
    art = _article(text)
    places = geo.find_places(art, None)
    (located,) = geo.locate(art, None, [_mention(text, "clashed")], places)
    assert located.location.name == "Saraqib" and located.location.geo_precision == 2


def test_locate_falls_back_to_country_only(geo):
    text = "Gunmen killed a trader in Yemen on Sunday."
    art = _article(text)
    (located,) = geo.locate(art, None, [_mention(text, "killed")], geo.find_places(art, None))
    assert located.location.method == "country-only" and located.location.latitude is None


def test_locate_without_places_leaves_location_empty(geo):
    text = "Gunmen killed a trader on Sunday."
    art = _article(text)
    (located,) = geo.locate(art, None, [_mention(text, "killed")], [])
    assert located.location is None


def test_admin1_uses_acled_spelling_and_drops_generic_words(geo):
    got = _places(geo, "Shells fell on Saraqib in Idlib province and on Marib city in Yemen.")
    assert got["Saraqib"].location.admin1 == "Idleb"
    assert got["Marib"].location.admin1 == "Marib"
    gaz = geo.gaz
    code = next(k for k, v in gaz.adm1_names.items() if v.endswith(" Province") and k[:2] == "TR")
    cc, a1 = code.split(".")
    e = next(i for i in range(len(gaz.cc)) if gaz.cc[i] == cc and gaz.adm1[i] == a1)
    assert not gaz.admin1_name(e).endswith("Province")


def test_hyphenated_attribute_is_not_a_scene(geo):
    text = "In Yemen, fighters retook a town from Saudi-backed troops as a US-led convoy withdrew."
    art = _article(text)
    places = geo.find_places(art, None)
    assert any(p.text == "Saudi" for p in places)  # still a country cue / toponym for geoparsing
    (located,) = geo.locate(art, None, [_mention(text, "retook")], places)
    assert located.location.name == "Yemen"


def test_surname_after_rank_is_not_a_place_anywhere_in_the_article(geo):
    text = ("Army spokesman Brigadier General Yehya Saree spoke in Sanaa on Monday. "
            "Later Saree claimed that drones hit an airbase.")
    got = [p.text for p in geo.find_places(_article(text), None)]
    assert "Saree" not in got and "Sanaa" in got


@pytest.mark.nlp
def test_locate_uses_previous_sentence_when_trigger_sentence_has_none(geo, nlp):
    text = ("Rebels posted footage filmed inside Al Hazm, the main town of al-Jawf province in Yemen. "
            "They seized the town last week from Saudi-backed fighters.")
    art = _article(text)
    doc = nlp(text)
    (located,) = geo.locate(art, doc, [_mention(text, "seized")], geo.find_places(art, doc))
    assert located.location.name == "Al Hazm" and located.location.country == "Yemen"


def test_distance_km():
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.1)
    assert distance_km(35.86, 36.81, 35.86, 36.81) == 0


# -- importers and index ------------------------------------------------------------------------

def test_index_load_time_reported(geo):
    from strife.settings import get_settings

    gz._CACHE.clear()
    t0 = time.perf_counter()
    gaz = gz.load_index(get_settings())
    print(f"gazetteer index load: {time.perf_counter() - t0:.2f} s, {len(gaz)} entries")
    assert len(gaz) > 200_000 and gaz.header["attribution"].startswith("GeoNames")


def test_import_readers(tmp_path):
    csv_file = tmp_path / "places.csv"
    csv_file.write_text("name,lat,lon,country,admin1,alternates\n"
                        "Qaryat Zaytuna,35.1,36.2,Syria,Hama,Zaytouna Village\n"
                        "Nowhere,,,Syria,,\n", encoding="utf-8")
    rows = gz.read_place_csv(csv_file)
    assert [(r.name, r.iso2, r.admin1, r.alternates) for r in rows] == [
        ("Qaryat Zaytuna", "SY", "Hama", ("Zaytouna Village",))]

    dump = tmp_path / "SY.txt"
    dump.write_text("9990001\tKhirbat Tajriba\tKhirbat Tajriba\tKhirbet Tajribe,Xirbat\t35.5\t36.9\tP\tPPL\tSY\t\t12"
                    "\t\t\t\t120\t\t300\tAsia/Damascus\t2024-01-01\n", encoding="utf-8")
    (row,) = gz.read_geonames_dump(dump)
    assert row.name == "Khirbat Tajriba" and row.population == 120 and "Khirbet Tajribe" in row.alternates

    acled = tmp_path / "acled.csv"
    acled.write_text("event_id_cnty,country,iso3,admin1,admin2,admin3,location,latitude,longitude,geo_precision\n"
                     "SYR1,Syria,SYR,Idleb,Ariha,Ariha,Tal Testiya,35.70,36.55,1\n"
                     "SYR2,Syria,SYR,Idleb,Ariha,Ariha,Tal Testiya,35.70,36.55,1\n"
                     "SYR3,Syria,SYR,Idleb,Ariha,Ariha,Tal Testiya Junction,35.71,36.56,1\n"
                     "SYR4,Syria,SYR,Idleb,Ariha,Ariha,Kafr Testa Junction,35.72,36.57,1\n", encoding="utf-8")
    rows = gz.read_acled_export(acled)
    places = [r for r in rows if not r.ref.startswith(gz.DISTRICT_REF)]
    assert len(places) == 3 and places[0].admin1 == "Idleb" and places[0].geo_precision == 1
    assert places[2].alternates == ("Kafr Testa",)  # reports write it without the facility word ...
    assert places[1].alternates == ()  # ... unless that is another location of the export, with its own point
    # the admin2 column names a district too (dropped at build time where GeoNames knows it)
    assert [(r.name, r.geo_precision) for r in rows if r not in places] == [("Ariha", 2)]

    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(GeoError) as err:
        gz.read_acled_export(bad)
    assert err.value.code == "G103"


def test_acled_import_adds_places_and_admin_spelling(tmp_path):
    """Builds its own index in a private data directory (~20 s), so the session's index stays as shipped."""
    from strife.settings import get_settings

    settings = get_settings(data_dir=str(tmp_path / "data"))
    acled = tmp_path / "acled.csv"
    acled.write_text("country,iso3,admin1,admin2,admin3,location,latitude,longitude,geo_precision\n"
                     "Syria,SYR,Idleb,Ariha,Ariha,Tal Zarqunia,35.81,36.61,1\n"
                     # district-level events of Nirkh coded at the district centre, under another name
                     "Afghanistan,AFG,Wardak,Nirkh,,Kan-e Ezzat,34.36,68.80,2\n"
                     "Afghanistan,AFG,Wardak,Nirkh,,Kan-e Ezzat,34.36,68.80,2\n"
                     # a district only its villages are coded in
                     "Afghanistan,AFG,Logar,Kharwar,,Qala Zarghun,33.60,68.90,1\n"
                     "Afghanistan,AFG,Logar,Kharwar,,Deh Sabz Bala,33.70,69.00,1\n"
                     # a district centre whose nearest packaged place lies in the next province (Zabul)
                     "Afghanistan,AFG,Kandahar,Maruf,,Maruf,31.5666,67.05,2\n"
                     # a gas field
                     "Syria,SYR,Deir-ez-Zor,Deir-ez-Zor,,Qwzrt Gas Field,35.30,40.35,2\n", encoding="utf-8")
    rows = gz.read_acled_export(acled)
    centre = next(r for r in rows if r.name == "Kan-e Ezzat")
    assert "Nirkh" in centre.alternates
    assert any(r.name == "Kharwar" and r.geo_precision == 2 for r in rows)
    gz.add_import_rows(settings, rows, "acled")
    geo = Geocoder.load(settings)
    got = _places(geo, "Drones struck Tal Zarqunia and Saraqib in Syria.")
    loc = got["Tal Zarqunia"].location
    assert loc.method == "acled-import" and loc.admin1 == "Idleb"
    # the ACLED spelling of the province now names other Idlib places too
    assert got["Saraqib"].location.admin1 == "Idleb"
    got = _places(geo, "Taliban fighters attacked checkpoints in Nirkh district, Wardak, and in Kharwar district, Logar.")
    nirkh, kharwar = got["Nirkh"].location, got["Kharwar"].location
    assert distance_km(nirkh.latitude, nirkh.longitude, 34.36, 68.80) < 1 and nirkh.geo_precision == 2
    assert kharwar.geo_precision == 2 and distance_km(kharwar.latitude, kharwar.longitude, 33.65, 68.95) < 10
    # the row's own admin1 names the region, so "Maruf ..., Kandahar" is inside what the text says; whichever
    # entry answers (the import's row, or the packaged district it moved to ACLED's point), the point is ACLED's
    got = _places(geo, "A sniper shot two soldiers outside Maruf district center, Kandahar.")
    maruf = got["Maruf"].location
    assert maruf.admin1 == "Kandahar" and distance_km(maruf.latitude, maruf.longitude, 31.5666, 67.05) < 1
    # the gas field "in Deir-ez-Zor" (the province, not its city) is the scene
    text = "On 3 June 2021, gunmen shot and killed a man near Qwzrt gas field in Deir-ez-Zor."
    assert scene(geo, text, "killed").name == "Qwzrt Gas Field"


def test_cli_info_json(geo):
    import json

    from click.testing import CliRunner

    from strife.geo.commands import gazetteer

    result = CliRunner().invoke(gazetteer, ["info", "--json"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    assert info["sources"]["geonames-cities500"] > 200_000 and info["by_kind"]["country"] > 200
    assert "load_seconds" in info


def test_country_points_stay_inside_their_countries_neighbourhood(geo):
    from strife.eval.geoparse import _country_points

    pts = _country_points()
    assert len(pts) > 50
    for cc, (la, lo) in pts.items():
        cen = geo.gaz.countries[cc]["centroid"]
        assert distance_km(la, lo, *cen) <= 1500, cc


def test_an_index_built_from_other_packaged_data_is_not_used(tmp_path):
    """An upgrade that corrects a place must not leave the user on the old index (a rebuild is due)."""
    import pickle

    from strife.errors import GeoError
    from strife.geo import gazetteer as gz
    from strife.settings import get_settings

    settings = get_settings(data_dir=str(tmp_path))
    path = gz.index_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        pickle.dump({"header": {"format": gz.FORMAT_VERSION, "data": "built-from-older-data"}}, fh)
    with pytest.raises(GeoError) as err:
        gz.load_index(settings, build=False)
    assert err.value.code == "G102" and "data changed" in str(err.value)
    assert gz.data_fingerprint() == gz.data_fingerprint() != "built-from-older-data"


def test_an_acled_import_moves_same_named_districts_and_towns_to_its_point():
    """After `strife gazetteer import acled`, a district ACLED codes at its own point lands there."""
    from collections import Counter, defaultdict

    from strife.geo import gazetteer as gz

    b = gz._Builder()
    district = b.add("Maywand", 31.65, 65.05, "AF", "23", "", gz.K_ADM2, 0, "adm2:1", ["Maywand"], "geonames-admin2")
    namesake = b.add("Maywand", 35.0, 69.0, "AF", "01", "", gz.K_ADM2, 0, "adm2:2", ["Maywand"], "geonames-admin2")
    town = b.add("Kishk", 31.70, 65.00, "AF", "23", "", gz.K_CITY, 900, "c:1", ["Kishk"], "cities500")
    rows = [gz.ImportRow(name="Maywand", latitude=31.76, longitude=65.13, iso2="AF", admin1="Kandahar",
                         geo_precision=2, source="acled", kind=gz.K_ACLED),
            gz.ImportRow(name="Kishk", latitude=31.72, longitude=65.02, iso2="AF", source="acled", kind=gz.K_ACLED)]
    gz._apply_imports(b, rows, defaultdict(Counter))
    assert (b.lat[district], b.lon[district]) == (31.76, 65.13)  # 14 km: ACLED's point for the district
    assert (b.lat[namesake], b.lon[namesake]) == (35.0, 69.0)  # another district of that name, far away
    assert (b.lat[town], b.lon[town]) == (31.72, 65.02)
    assert b.extra[district]["coordinates"] == "acled import"


def test_a_districts_name_stays_off_acleds_centre_when_a_town_has_it():
    """ACLED codes a district's "near" events at one place (its centre); the district's name goes to that
    place unless a town of that name lies elsewhere, which is what reports of the name mean."""
    from collections import Counter, defaultdict

    from strife.geo import gazetteer as gz
    from strife.geo.normalize import name_key

    b = gz._Builder()
    town = b.add("Tall Xyz", 36.70, 38.95, "SY", "04", "", gz.K_CITY, 14000, "c:1", ["Tall Xyz"], "cities500")
    district = b.add("Tall Xyz District", 36.70, 38.95, "SY", "04", "", gz.K_ADM2, 0, "adm2:1",
                     ["Tall Xyz District", "Tall Xyz"], "geonames-admin2")
    rows = [gz.ImportRow(name="Ayn Xyz", latitude=36.40, longitude=38.87, iso2="SY", admin1="Ar-Raqqa",
                         admin2="Tall Xyz", alternates=("Tall Xyz",), geo_precision=2, source="acled",
                         kind=gz.K_ACLED),
            gz.ImportRow(name="Wadi Xyz", latitude=34.0, longitude=64.0, iso2="AF", admin1="Helmand",
                         admin2="Nahr Xyz", alternates=("Nahr Xyz",), geo_precision=2, source="acled",
                         kind=gz.K_ACLED)]
    gz._apply_imports(b, rows, defaultdict(Counter))
    centre = [e for e in b.keys[name_key("Ayn Xyz")] if b.kind[e] == gz.K_ACLED][0]
    assert centre not in b.keys[name_key("Tall Xyz")]  # the town is 35 km away: "Tall Xyz" means the town
    assert town in b.keys[name_key("Tall Xyz")]
    assert (b.lat[district], b.lon[district]) == (36.40, 38.87)  # the district still moves to ACLED's point
    other = [e for e in b.keys[name_key("Wadi Xyz")] if b.kind[e] == gz.K_ACLED][0]
    assert other in b.keys[name_key("Nahr Xyz")]  # no town of that name: the centre carries the district's name


def test_short_names_of_the_two_congos(geo):
    got = _places(geo, "Aid reached the DRC on Monday, then Congo-Brazzaville.")
    assert got["DRC"].location.country == "Democratic Republic of Congo"
    assert got["Congo-Brazzaville"].location.country == "Republic of Congo"
