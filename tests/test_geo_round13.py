"""Geocoder rules of session 13: "X LGA" is the district; a city's section named by another name is no big town.

Texts are written by the strife team; the gazetteer index is built once per test session.
"""

from __future__ import annotations

from geo_helpers import places


def test_a_name_before_lga_is_the_nigerian_district_not_the_bigger_town_carrying_its_name(geo, nlp):
    # GeoNames has the district Birnin Gwari (Kaduna) and two towns carrying the name, the bigger one
    # (Sofo-Birnin-Gwari) about 47 km from the district's point; "Birnin Gwari LGA" names the district
    text = "Gunmen killed two farmers near a village in Birnin Gwari LGA, Kaduna State, on Sunday."
    got = places(geo, text, nlp(text))
    loc = got["Birnin Gwari"]
    assert (loc.name, loc.method, loc.geo_precision) == ("Birnin Gwari", "admin", 2), loc


def test_an_old_name_of_a_city_section_is_the_village_of_that_name(geo, nlp):
    # "Petrovskoye" is an old name of Voznesenskyi, a section of Donetsk city of 85,000 people, and the Russian
    # spelling of the village Petrivske south of Donetsk: the section's population must not win the name
    text = "Militants fired mortars at army positions in the area of Petrovskoye, Donetsk region, on Friday."
    got = places(geo, text, nlp(text))
    loc = got["Petrovskoye"]
    assert loc.name != "Voznesenskyi" and loc.admin1 == "Donetsk", loc
    assert abs(loc.latitude - 47.71) < 0.1 and abs(loc.longitude - 37.82) < 0.1, loc


def test_a_city_section_named_by_its_own_name_is_still_found(geo, nlp):
    # (a guard for the rule above: Obolon is a section of Kyiv, and here it is named by its own name)
    text = "A drone hit a block of flats in Obolon, a district of Kyiv, overnight."
    got = places(geo, text, nlp(text))
    assert got["Obolon"].name == "Obolon" and got["Obolon"].admin1 == "Kiev City", got["Obolon"]
