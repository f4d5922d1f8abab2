"""Geocoder rules of session 17: resolution among namesakes by the article's other places (US counties,
capitals named like a state, a list of world cities), and names that are no place (a former union of states,
a person before "assassination", a foreign hotel's first word).

Texts are written by the strife team.
"""

from __future__ import annotations

import pytest
from geo_helpers import placed_list, places


def _all(geo, text: str, nlp) -> list:
    """(span text, Location) of every placed toponym of ``text``, in order."""
    return placed_list(geo, text, nlp(text))


def test_a_list_of_world_cities_is_no_town_and_its_region(geo, nlp):
    # "Brussels, Berlin" is not a Brussels in the state where a small Berlin lies (Wisconsin has both)
    text = ("The prime minister spoke in Budapest of his quarrels with Brussels. \"We will not take orders from "
            "Brussels, Berlin and Paris,\" he told the rally.")
    got = _all(geo, text, nlp)
    brussels = [loc for name, loc in got if name == "Brussels"]
    assert len(brussels) == 2 and all(loc.country == "Belgium" for loc in brussels), got


@pytest.mark.parametrize("text,name,field,value", [
    # a tie: twelve US states have a Clark County and nothing written beside it says which; Las Vegas does
    ("A guard was shot at a hotel in Las Vegas before the gunman opened fire on the crowd, and Clark County "
     "Sheriff Joe Lombardo later changed the timeline of the attack.", "Clark County", "admin1", "Nevada"),
    # a newspaper's title vouches for no region: Lakewood, Colorado is the largest Lakewood; only the paper's
    # title names Washington, where another lies
    ("The Washington Post reported on Tuesday that a gunman had shot two officers in Lakewood. The "
     "Washington Post said the police had been warned.", "Lakewood", "admin1", "Colorado"),
    # a place of the article's country of unknown size beats a small foreign namesake: GeoNames gives London's
    # Woolwich no population and Woolwich, Maine about 3,000 people
    ("British veterans laid a wreath in London for the soldier, and marchers from Manchester and Leeds "
     "gathered at the barracks in Woolwich, where he had served.", "Woolwich", "country", "United Kingdom"),
])
def test_namesakes_resolved_by_the_articles_places(geo, nlp, text, name, field, value):
    got = places(geo, text, nlp(text))
    assert getattr(got[name], field) == value, got


def test_the_bare_name_of_a_capital_is_the_capital_not_the_state(geo, nlp):
    text = "Lawmakers in Washington voted on the bill on Tuesday, officials said."
    assert places(geo, text, nlp(text))["Washington"].admin1 == "District of Columbia"
    # ... while the state of that name, two states paired, or a newspaper's title keep their senses
    text = "A cow with the disease was first found in the state of Washington in December."
    assert places(geo, text, nlp(text))["Washington"].geo_precision == 3
    text = "Doctors may help the dying under Oregon and Washington laws, the professor said."
    assert places(geo, text, nlp(text))["Washington"].admin1 == "Washington"


def test_a_former_union_of_states_is_no_town_named_union(geo, nlp):
    text = "Historians say the spy had visited the embassies of the Soviet Union and Cuba in Mexico City."
    got = places(geo, text, nlp(text))
    assert "Union" not in got and got["Soviet Union"].geo_precision is None, got
    assert got["Mexico City"].country == "Mexico"


def test_a_name_before_assassination_is_a_person_wherever_it_recurs(geo, nlp):
    # Kennedy is also a small town of California
    text = ("More than fifty years after the Kennedy assassination, the agency still keeps files secret. "
            "None of the released records speaks of a plan for assassinating Kennedy, the historian wrote in "
            "Dallas.")
    got = _all(geo, text, nlp)
    assert [name for name, _loc in got] == ["Dallas"], got


def test_a_foreign_city_opening_a_hotel_name_goes_with_one_place_of_the_report(geo, nlp):
    # the report names one American place only; Mandalay (Myanmar) only opens the hotel's name
    text = ("LAS VEGAS - The coroner has still not said who died in the Mandalay Bay suite on the 32nd floor, "
            "a blogger claimed.")
    got = places(geo, text, nlp(text))
    assert "Mandalay" not in got and got["LAS VEGAS"].country == "United States", got


def test_a_town_whose_own_name_it_is_beats_one_bearing_it_among_other_names(geo, nlp):
    # GeoNames lists "Saratoga" among the other names of Sanatoga, Pennsylvania; Saratoga, California bears it
    text = "A film crew from Los Angeles was robbed in Saratoga and again in Hollywood, police in Connecticut said."
    got = places(geo, text, nlp(text))
    assert got["Saratoga"].name == "Saratoga" and got["Saratoga"].admin1 == "California", got
    # ... while a spelling of the same name is no other name: the front line's Mykhailivka stays
    text = "On 30 April 2020, the monitors recorded 40 shots of heavy machine guns near Mykhaylivka."
    got = places(geo, text, nlp(text))
    assert got["Mykhaylivka"].admin1 == "Luhansk", got


def test_a_soldier_of_the_marines_is_no_town_named_marine(geo, nlp):
    text = "The shooting was blamed on a lone former U.S. Marine who had lived in Dallas."
    assert "Marine" not in places(geo, text, nlp(text))
    # the word NER calls a place, with its state, is still the town
    text = "He was born in Marine, Illinois, in 1950."
    assert places(geo, text, nlp(text))["Marine"].admin1 == "Illinois"


def test_a_chiefs_name_and_a_missiles_number_are_no_towns(geo, nlp):
    # Reni is a Ukrainian town, Hwasong a North Korean one
    text = "After repeated protests in Dallas, Police Chief U. Reni Hall said she could not fire the officer."
    got = places(geo, text, nlp(text))
    assert list(got) == ["Dallas"], got
    text = "Pyongyang test fired a new missile, the Hwasong-14, on Tuesday, officials in Seoul said."
    assert "Hwasong" not in places(geo, text, nlp(text))


def test_a_front_just_across_the_border_of_its_bracket_district_is_kept(geo, nlp):
    from geo_helpers import scene

    # the gazetteer puts Qaniyah in Al Bayda, about 25 km from the point of Marib's Mahliyah district
    text = "On 3 June 2021, coalition jets struck the Qaniyah area (Mahliyah, Marib) twice, residents said."
    loc = scene(geo, text, "struck", nlp)
    assert (loc.name, loc.admin1, loc.admin2) == ("Qaniyah", "Marib", "Mahliyah"), loc


def test_what_a_weapon_could_reach_is_no_scene(geo, nlp):
    from geo_helpers import scene

    text = ("On 3 June 2021, the army test fired a new missile from Sohae that officials said was capable of "
            "hitting Guam and perhaps even Honolulu.")
    loc = scene(geo, text, "fired", nlp)
    assert loc is None or loc.country == "North Korea", loc
    text = "On 3 June 2021, militants fired rockets within range of Tel Aviv, wounding two people in Ashkelon."
    assert scene(geo, text, "fired", nlp).name == "Ashkelon"


def test_a_name_with_a_nationality_in_apposition_is_a_person(geo, nlp):
    # Hamdan is also a district of Yemen, found by the fuzzy pass when NER calls the name a person
    text = "Hamdan, a Yemeni, was captured at a roadblock in Afghanistan in November 2001."
    assert "Hamdan" not in places(geo, text, nlp(text))
    # ... while a place noun after the nationality word keeps the place
    text = "Mosul, an Iraqi city, was shelled on Monday."
    assert places(geo, text, nlp(text))["Mosul"].country == "Iraq"


def test_the_city_before_suburb_of_qualifies_the_suburb(geo, nlp):
    from geo_helpers import scene

    text = ("Records show officers had been called three times to the house where a man shot two policemen, in "
            "the Columbus suburb of Westerville.")
    assert scene(geo, text, "shot", nlp).name == "Westerville"
    # ... while "the X district of Y" names X
    text = "On 3 June 2021, a bomb exploded in the Karrada district of Baghdad, killing two."
    assert scene(geo, text, "exploded", nlp).name == "Karrada"
