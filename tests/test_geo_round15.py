"""Geocoder rules of session 15: what an ACLED import learns from the form of ACLED's location names, and
how far an imported point may move a named area of the supplement.

Texts and rows are written by the strife team.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from strife.geo import gazetteer as gz
from strife.geo.normalize import name_key


def _row(name, admin1="", admin2="", iso2="YE", lat=15.0, lon=44.0):
    return gz.ImportRow(name=name, latitude=lat, longitude=lon, iso2=iso2, admin1=admin1, admin2=admin2,
                        geo_precision=1, source="acled", kind=gz.K_ACLED, ref=f"{iso2}:{name}")


def test_acled_names_give_the_names_reports_use():
    located = {("YE", name_key("Qarn")), ("SO", name_key("Dhaybo"))}
    cases = {
        # a city and a quarter of it: the quarter, when the city is the row's region or another location
        ("Qarn-Bab as Sur", "Qarn", "YE"): ("Bab as Sur",),
        ("Dhaybo-Hawlqaad", "Banadir", "SO"): ("Hawlqaad",),
        # one name with a hyphen ("Ivano-Frankivsk", "Kan-e Ezzat")
        ("Mirzo-Tursun", "Sughd", "TJ"): (),
        ("Kal-e Shurab", "Ghor", "AF"): (),
        # a place and its region
        ("Zuwar Hills - Wadi Region", "Wadi Region", "IQ"): ("Zuwar Hills",),
        # a quarter word, a street number or a date names no place
        ("Qarn-West Zone", "Qarn", "YE"): (),
        ("Qarn - Airbase", "Qarn", "YE"): (),
        ("Qarn-7 July", "Qarn", "YE"): (),
        # the feature word reports leave out, and the facility word
        ("Jabal al Huwaytir", "Lahij", "YE"): ("al Huwaytir",),
        ("Wadi Sanfara", "Erbil", "IQ"): ("Sanfara",),
        ("Bir al Qasabat", "Al Jawf", "YE"): ("al Qasabat",),
        ("Al Mashjar Junction", "Taizz", "YE"): ("Al Mashjar",),
        ("Zahra Military Prison", "Rural Damascus", "SY"): ("Zahra",),
        ("Qarn-Kilu 23", "Qarn", "YE"): ("Kilu 23",),
        # a given name is a man in most reports; a short rest is too common ("Musa")
        ("Bir Hassan", "Beirut", "LB"): (),
        ("Wadi Musa", "Maan", "JO"): (),
    }
    for (name, admin1, iso2), want in cases.items():
        got = gz._acled_alternates(_row(name, admin1, iso2=iso2), located)
        assert got == want, (name, got)


def test_a_learned_name_that_a_town_bears_elsewhere_stays_off_the_point():
    b = gz._Builder()
    town = b.add("Sanfara", 36.0, 44.0, "IQ", "11", "", gz.K_CITY, 3000, "c:1", ["Sanfara"], "cities500")
    rows = [_row("Wadi Sanfara", "Erbil", iso2="IQ", lat=36.6, lon=44.6),  # 85 km from the town
            _row("Jabal al Huwaytir", "Lahij", lat=13.3, lon=44.7)]
    rows = [gz.ImportRow(**{**r.__dict__, "alternates": gz._acled_alternates(r, set())}) for r in rows]
    gz._apply_imports(b, rows, defaultdict(Counter))
    wadi = next(e for e in b.keys[name_key("Wadi Sanfara")] if b.kind[e] == gz.K_ACLED)
    assert b.keys[name_key("Sanfara")] == [town]  # reports of "Sanfara" mean the town
    assert wadi not in b.keys[name_key("Sanfara")]
    assert (b.lat[town], b.lon[town]) == (36.0, 44.0)
    jabal = next(e for e in b.keys[name_key("Jabal al Huwaytir")] if b.kind[e] == gz.K_ACLED)
    assert jabal in b.keys[name_key("Huwaytir")]  # no other bearer: "the Al Huwaytir front" is the mountain


def test_an_imported_point_moves_a_named_area_of_the_supplement_farther_than_a_town():
    b = gz._Builder()
    area = b.add("Zuwar Hills", 35.00, 44.00, "IQ", "18", "", gz.K_SUPP, 0, "supplement:zuwar", ["Zuwar Hills"],
                 "supplement", {"note": "area: middle of the named area"})
    village = b.add("Tall Quds", 35.00, 43.00, "IQ", "18", "", gz.K_SUPP, 0, "supplement:quds", ["Tall Quds"],
                    "supplement", {"note": "approx: strife team"})
    rows = [_row("Zuwar Hills - Sala al-Din", "Sala al-Din", iso2="IQ", lat=35.25, lon=44.05),  # 28 km
            _row("Tall Quds", "Sala al-Din", iso2="IQ", lat=35.25, lon=43.0)]  # 28 km: another village
    rows = [gz.ImportRow(**{**r.__dict__, "alternates": gz._acled_alternates(r, set())}) for r in rows]
    gz._apply_imports(b, rows, defaultdict(Counter))
    assert (b.lat[area], b.lon[area]) == (35.25, 44.05)
    assert (b.lat[village], b.lon[village]) == (35.00, 43.00)


# -- scene rules ------------------------------------------------------------------------------------------

def test_a_scene_between_two_towns_is_the_first_of_them(geo, nlp):
    from geo_helpers import scene

    text = "On 3 June 2021, a landmine hit a vehicle on the road between Saraqib and Sarmin in the eastern countryside of Idleb."
    loc = scene(geo, text, "landmine", nlp)
    assert (loc.name, loc.geo_precision) == ("Saraqib", 2), loc
    text = "On 3 June 2021, a body was found near an orchard between Sarmada and Harim towns in north-western Idleb."
    assert scene(geo, text, "found", nlp).name == "Sarmada"


def test_a_town_ending_a_road_of_the_province_is_finer_than_the_province(geo, nlp):
    from geo_helpers import scene

    text = "On 3 June 2021, Turkish and Russian troops held a joint patrol on the M4 highway in Idleb along the Saraqib - Ariha road."
    loc = scene(geo, text, "patrol", nlp)
    assert (loc.name, loc.geo_precision) == ("Saraqib", 2), loc


def test_with_an_acled_import_a_town_the_report_puts_inside_an_area_is_the_scene(tmp_path, nlp):
    """Builds its own index with a small ACLED import in a private data directory (~20 s)."""
    from geo_helpers import acled_imported, scene

    # (ACLED codes a mountain area at a point, precision 1)
    geo = acled_imported(tmp_path, "Syria,SYR,Idleb,Ariha,,Jabal al-Qurnata,35.70,36.55,1\n"
                                   "Syria,SYR,Idleb,Ariha,,Marayan,35.68,36.50,1\n"
                                   "Yemen,YEM,Lahij,Al Qabbaytah,,Jabal al Huwaytir,13.30,44.70,2\n")
    text = ("On 2 June 2021, regime forces shelled the town of Marayan in Jabal al-Qurnata in the southern "
            "countryside of Idleb. No one was hurt.")
    assert scene(geo, text, "shelled", nlp).name == "Marayan"
    # the name without its feature word, as reports write it
    text = "On 2 June 2021, Houthi forces shelled the Al Huwaytir front (Al Qabbaytah, Lahij)."
    loc = scene(geo, text, "shelled", nlp)
    assert loc.name == "Jabal al Huwaytir" and loc.method == "acled-import", loc


def test_a_town_written_by_its_full_name_is_no_province(geo, nlp):
    from geo_helpers import scene

    text = ("On 3 June 2021, in Tlaxcala de Xicohtencatl, Tlaxcala, taxi drivers demonstrated in front of the "
            "Government Palace and on the Tlaxcala-Apizaco highway toll to ask for support.")
    loc = scene(geo, text, "demonstrated", nlp)
    assert loc.name == "Tlaxcala" and loc.geo_precision == 1, loc


def test_the_seat_of_a_same_named_district_beats_a_namesake_of_its_size_in_the_region(geo, nlp):
    from geo_helpers import scene

    # GeoNames has two El Saltos of about 22,000 people in Jalisco; one is the seat of El Salto municipality
    loc = scene(geo, "On 3 June 2021, in El Salto, Jalisco, armed men kidnapped a former mayor.", "kidnapped", nlp)
    assert loc.name == "El Salto" and abs(loc.latitude - 20.52) < 0.05 and abs(loc.longitude + 103.18) < 0.05, loc


def test_where_people_were_going_is_no_scene(geo, nlp):
    from geo_helpers import scene

    text = "On 3 June 2021, gunmen shot and killed 4 traders as they drove toward Afar region in the Bati woreda."
    assert scene(geo, text, "killed", nlp).name == "Bati"
    text = ("On 3 June 2021, suspected militants stopped a truck carrying cattle in Bourzanga. The gunmen took "
            "the travellers' phones and ordered the driver to head back in the direction of Ouagadougou.")
    assert scene(geo, text, "took", nlp).name == "Bourzanga"


def test_a_village_named_like_a_province_is_no_province(geo, nlp):
    from geo_helpers import scene

    text = ("On 3 June 2021, a farmer died when a landmine left from the war went off in Kandal village of "
            "Samraong commune in Ou Chrov district, Banteay Meanchey province.")
    loc = scene(geo, text, "landmine", nlp)
    assert loc.admin1 != "Kandal" and loc.geo_precision in (1, 2), loc


def test_a_ceasefire_monitors_village_far_from_the_line_is_no_guess(geo, nlp):
    from geo_helpers import scene

    # the gazetteer's only Orikhove lies in Crimea, far from the line the monitors watch
    text = "On 3 June 2021, the OSCE SMM observed 6 explosions involving unknown weapons near Orikhove."
    loc = scene(geo, text, "explosions", nlp)
    assert loc.country == "Ukraine" and loc.geo_precision is None and loc.latitude is None, loc


def test_a_place_the_report_puts_on_the_other_side_of_its_province_is_not_meant(geo, nlp):
    from geo_helpers import scene

    # Kafr Nabl lies in the south of Idlib province: a camp "in the northern countryside" bearing its name is
    # a camp of its displaced people, not the town
    text = "On 3 June 2021, HTS security men detained the manager of Kafr Nabl camp in the northern countryside of Idleb."
    loc = scene(geo, text, "detained", nlp)
    assert loc.admin1 == "Idleb" and loc.geo_precision == 2 and loc.latitude > 36.0, loc
    text = "On 3 June 2021, HTS security men detained the manager of Kafr Nabl camp in the southern countryside of Idleb."
    assert scene(geo, text, "detained", nlp).name == "Kafranbel"


def test_a_facility_moves_no_named_area_it_is_named_after():
    b = gz._Builder()
    island = b.add("Qamar Island", 12.50, 53.90, "YE", "26", "", gz.K_SUPP, 0, "supplement:qamar", ["Qamar Island",
                   "Qamar"], "supplement", {"note": "area: middle of the named area"})
    rows = [_row("Qamar Port", "Suqutra", lat=12.65, lon=54.02)]  # 21 km: the port is a point of the island
    rows = [gz.ImportRow(**{**r.__dict__, "alternates": gz._acled_alternates(r, set())}) for r in rows]
    assert rows[0].alternates == ("Qamar",)
    gz._apply_imports(b, rows, defaultdict(Counter))
    assert (b.lat[island], b.lon[island]) == (12.50, 53.90)
