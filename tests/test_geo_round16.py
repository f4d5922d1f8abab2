"""Geocoder rules of session 16: lists of scenes that ACLED codes as one event per place, an area named inside
a larger one before its admin bracket, and a town named by its prison or air base.

Texts and rows are written by the strife team; the villages of the import are made up.
"""

from __future__ import annotations


def _located(geo, text: str, trigger: str, nlp) -> list:
    """(location, fatalities) of every event made of one report with 5 dead (one per place of a scene list)."""
    from geo_helpers import located

    return [(m.location, m.fatalities) for m in located(geo, text, trigger, nlp, fatalities=5)]


def test_two_unknown_villages_of_one_district_are_that_district_once(geo, nlp):
    # the villages are made up: each falls back to the district its bracket names
    text = ("On 3 June 2021, tribal fighters clashed with Houthi forces in Bayt Qunfudh (As Sawma'ah, Al Bayda) "
            "and Dhi Marwan (Mukayras, Al Bayda), in addition to other villages in the west of Mukayras district.")
    got = _located(geo, text, "clashed", nlp)
    assert sorted(loc.name for loc, _ in got) == ["As Sawma'ah", "Mukayras"], got
    assert sorted(f for _, f in got) == [2, 3]
    assert all(loc.geo_precision == 2 for loc, _ in got)


def test_where_a_party_was_making_its_way_to_is_no_scene(geo, nlp):
    from geo_helpers import scene

    # (Qarwan is made up: the event falls to the district of its bracket, not to the town they were heading for)
    text = ("On 3 June 2021, two armed groups clashed in an area thought to lie around Qarwan (Hidaybu, Suqutra), "
            "while the second group was trying to make its way to Hadibu, the island's capital.")
    loc = scene(geo, text, "clashed", nlp)
    assert loc.name == "Hidaybu" and loc.geo_precision == 2, loc


def test_a_town_named_by_its_prison_is_found_through_another_spelling(geo, nlp):
    from geo_helpers import scene

    # GeoNames spells the town Saydnaya / Sednaya; this report writes it Sidnaya
    text = "On 3 June 2021, a detainee from Douma died under torture in the regime's Sidnaya military prison."
    loc = scene(geo, text, "died", nlp)
    assert loc.admin1 == "Rural Damascus" and abs(loc.latitude - 33.69) < 0.05 and abs(loc.longitude - 36.37) < 0.05, loc


def test_a_commune_in_a_district_lies_in_that_district(geo, nlp):
    from geo_helpers import scene

    # the gazetteer's only Samraong is a town of Otar Meanchey; this one is a commune of Ou Chrov district
    text = "On 3 June 2021, a boy was hurt when old ordnance went off beside a school in Samraong commune in Ou Chrov district."
    loc = scene(geo, text, "ordnance", nlp)
    assert (loc.admin1, loc.geo_precision) == ("Banteay Meanchey", 2), loc


def test_with_an_acled_import_listed_villages_are_one_event_each(tmp_path, nlp):
    """Builds its own index with a small ACLED import in a private data directory (~20 s)."""
    from geo_helpers import acled_imported

    geo = acled_imported(tmp_path, "Yemen,YEM,Al Bayda,Mukayras,,Bayt Qunfudh,13.90,45.62,1\n"
                                   "Yemen,YEM,Al Bayda,Mukayras,,Dhi Marwan,13.95,45.70,1\n"
                                   "Yemen,YEM,Ad Dali,Qaatabah,,Hisn Sarhan,13.80,44.65,1\n"
                                   "Yemen,YEM,Ad Dali,Qaatabah,,Shab Qayfan,13.86,44.72,1\n"
                                   "Yemen,YEM,Hadramawt,Al Qatn,,Al Ghurayfah,15.85,48.40,1\n")
    # "took control of X and Y": two places, 10 km apart, the toll split between them
    text = ("On 3 June 2021, Southern Resistance forces took control of Bayt Qunfudh and Dhi Marwan areas "
            "(Mukayras, Al Bayda) after heavy fighting.")
    got = _located(geo, text, "fighting", nlp)
    assert sorted(loc.name for loc, _ in got) == ["Bayt Qunfudh", "Dhi Marwan"], got
    assert sorted(f for _, f in got) == [2, 3]
    # "shelled civilian areas of X [another name] (District, Province) and Y (District, Province)"; the parser
    # ends a sentence at the square bracket, the list still reads from the verb
    text = ("On 3 June 2021, Houthi forces shelled civilian areas of Qarn [Hisn Sarhan] (Qaatabah, Ad Dali) and "
            "Shab Qayfan (Qaatabah, Ad Dali) with no reports of casualties.")
    got = _located(geo, text, "shelled", nlp)
    assert sorted(loc.name for loc, _ in got) == ["Hisn Sarhan", "Shab Qayfan"], got
    # "X area of Y valley (District, Province)": X, which the import knows, not the district
    text = ("On 3 June 2021, gunmen killed a soldier in Al Ghurayfah area of Hadramawt valley (Al Qatn, "
            "Hadramawt) in unclear circumstances.")
    ((loc, _),) = _located(geo, text, "killed", nlp)
    assert loc.name == "Al Ghurayfah" and loc.method == "acled-import", loc
    # "Dhu Marwan" looks like the imported Dhi Marwan of Mukayras district; the report puts it in Az Zahir
    text = ("On 3 June 2021, tribesmen fought Houthi units in Jabal Sirr, Dhu Marwan, and Wadi Qarn areas of Az "
            "Zahir district (Al Bayda).")
    ((loc, _),) = _located(geo, text, "fought", nlp)
    assert (loc.name, loc.geo_precision) == ("Az Zahir", 2), loc


def test_a_foreign_city_opening_a_hotels_name_is_no_place_of_the_report(geo, nlp):
    from geo_helpers import places

    text = ("Las Vegas police said the gunman fired from the 32nd floor of the Mandalay Bay hotel. Guests of the "
            "Mandalay Hotel ran onto the Strip, and the Las Vegas sheriff asked for calm.")
    got = places(geo, text, nlp(text))
    assert "Mandalay" not in got and got["Las Vegas"].country == "United States", got
    # the city itself, where the report is about its country, stays
    text = "Fighting near Mandalay forced hundreds to flee, residents of Mandalay Region said."
    assert places(geo, text, nlp(text))["Mandalay"].country == "Myanmar"
