"""Geocoder rules of the eighth round: a province chosen as the scene gives way to a finer place inside it
named in the same sentence, and the first name of a "(District, Province)" bracket is matched against that
province's names when its spelling differs ("Bayt Al Faqiah" = Bayt al Faqih).

Texts are written by the strife team; the gazetteer index is built once per test session.
"""

from __future__ import annotations

from geo_helpers import places, scene


def test_a_finer_place_in_the_same_province_is_the_scene(geo, nlp):
    text = ("Police forces in Hadramawt governorate reportedly detained a smuggler who was travelling to a "
            "market in Shibam district.")
    loc = scene(geo, text, "detained", nlp)
    assert (loc.name, loc.admin1, loc.geo_precision) == ("Shibam", "Hadramawt", 2)


def test_a_place_of_another_province_does_not_refine_the_scene(geo, nlp):
    text = ("Police forces in Hadramawt governorate reportedly detained a smuggler who had come from a "
            "market in Ataq.")
    loc = scene(geo, text, "detained", nlp)
    assert loc.admin1 == "Hadramawt"


def test_a_district_spelled_otherwise_in_a_bracket_is_found_in_its_province(geo):
    got = places(geo, "Two mines went off beside a farm track (Bayt Al Faqiah, Al Hudaydah) on Monday.")
    loc = got["Bayt Al Faqiah"]
    assert (loc.country, loc.admin1, loc.method) == ("Yemen", "Al Hudaydah", "fuzzy")
    got = places(geo, "Gunmen ambushed a patrol on a valley road (Al Mahad, Abyan) at dawn.")
    loc = got["Al Mahad"]
    assert (loc.admin1, loc.geo_precision) == ("Abyan", 2)


def test_a_bracket_spelling_near_no_name_of_its_province_stays_unplaced(geo):
    got = places(geo, "Gunmen ambushed a patrol on a valley road (Qarn Ghazal, Abyan) at dawn.")
    assert "Qarn Ghazal" not in got


def test_round8_villages_are_placed_in_their_province(geo):
    got = places(geo, "Warplanes struck Deir Sunbul and Babisqa in Idlib province on Sunday.")
    assert got["Deir Sunbul"].admin1 == "Idleb" and got["Deir Sunbul"].geo_precision == 1
    assert got["Babisqa"].admin1 == "Idleb"
    got = places(geo, "Shelling hit Maardes in the northern countryside of Hama.")
    assert (got["Maardes"].country, got["Maardes"].admin1) == ("Syria", "Hama")


def test_a_war_zone_village_named_like_a_person_needs_its_country(geo, nlp):
    # a supplement village is a place in a report with no country when NER calls it one or a locative word
    # stands before it; a first name in a local American story is no Syrian village
    from strife.geo.gazetteer import K_SUPP
    gaz = geo.gaz
    (e,) = [x for x in gaz.entries_for_key("arna") if gaz.kind[x] == K_SUPP]
    assert gaz.cc[e] == "SY"
    text = "Neighbours said Arnah Hughes had been helping at the food bank in Springfield for years."
    got = places(geo, text, nlp(text))
    assert all(loc.country != "Syria" for loc in got.values())
    got = places(geo, "Regime artillery shelled the village of Arnah on the slopes of Mount Hermon.")
    assert got["Arnah"].country == "Syria"


def test_a_place_in_a_region_written_as_its_province_is_the_scene(geo, nlp):
    # "Dahuk" is both the governorate (ACLED's spelling) and an alternate name of its seat, Dihok; after
    # "region of" it is the governorate, and the area named before it is the scene
    text = ("Turkish commandos carried out a raid in Metina (Mateen) region of Dahuk, northern Iraq, "
            "capturing three fighters.")
    loc = scene(geo, text, "capturing", nlp)
    assert (loc.name, loc.admin1) == ("Metina", "Dahuk")


def test_an_aircraft_or_weapon_named_after_a_town_is_no_place(geo, nlp):
    text = "Gunmen fired at a U.S. Chinook helicopter and two Apache helicopters near the airfield."
    got = places(geo, text, nlp(text))
    assert "Chinook" not in got and "Apache" not in got
    text = "Protesters marched through Apache, Oklahoma, on Saturday."
    got = places(geo, text, nlp(text))
    assert got["Apache"].admin1 == "Oklahoma"


def test_secretary_and_supreme_are_words(geo, nlp):
    text = "U.S. troops left on Monday, the Defense Secretary told the Supreme Court."
    got = places(geo, text, nlp(text))
    assert "Supreme" not in got and "Secretary" not in got


def test_a_district_centre_is_found_by_its_other_spelling(geo):
    """Round 10 of the district centres: the 7th column of geo_district_seats.tsv lists other spellings."""
    from strife.geo.gazetteer import _district_seats

    row = _district_seats()["YE.20.1415"]  # GeoNames' "Wald Rabi'"
    assert "Walad Rabi'" in row["alternates"]
    loc = places(geo, "Airstrikes hit a farm in Walad Rabi' district, Al Bayda, on Monday.")["Walad Rabi"]
    assert (loc.latitude, loc.longitude, loc.geo_precision, loc.admin1) == (row["lat"], row["lon"], 2, "Al Bayda")
