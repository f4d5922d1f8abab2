"""Geocoder rules of session 12: people's names are no places, ambiguous country names.

Texts are written by the strife team; the gazetteer index is built once per test session.
"""

from __future__ import annotations

from geo_helpers import places, scene

from strife.records import Article


def test_a_full_name_in_the_possessive_is_no_place(geo, nlp):
    # Stephen is a small town in Minnesota; "Stephen Hallworth's car" is a man's car
    text = "Police in Duluth, Minnesota, said they searched Stephen Hallworth's car after the robbery on Monday."
    got = places(geo, text, nlp(text))
    assert "Stephen" not in got, got
    assert got["Duluth"].admin1 == "Minnesota", got


def test_a_given_name_and_a_town_surname_are_a_person_and_so_is_the_surname_alone(geo, nlp):
    # Lee (New Hampshire) and Rigby (Idaho) are both small US towns; "Lee Rigby" opens with a given name, so it is
    # a person, and "Rigby" alone later in the story (tagged GPE by the small model) is the same person
    text = ("Friends in Boise, Idaho, held a vigil for Lee Rigby on Sunday. "
            "Rigby had worked at the local hospital for ten years.")
    got = places(geo, text, nlp(text))
    assert "Lee" not in got and "Rigby" not in got, got
    assert got["Boise"].admin1 == "Idaho", got


def test_a_surname_after_a_locative_word_stays_a_place(geo, nlp):
    text = ("Officers said Matt Rigby had driven from Boise to a farm in Rigby, Idaho, where he was arrested. "
            "Rigby said he had done nothing wrong.")
    got = places(geo, text, nlp(text))
    assert [loc.admin1 for name, loc in got.items() if name == "Rigby"] == ["Idaho"], got


def test_the_name_after_a_church_title_is_a_person(geo, nlp):
    # Francis is a small town in Utah
    text = "Pope Francis sent a letter to Catholics in Salt Lake City, Utah, on Tuesday. Francis said the church would listen."
    got = places(geo, text, nlp(text))
    assert "Francis" not in got, got
    assert got["Salt Lake City"].admin1 == "Utah", got


def test_georgia_is_the_us_state_where_the_story_is_about_georgian_towns(geo, nlp):
    # "Georgia" names a country and a US state: its own mentions vouch for neither, the towns decide
    text = ("Lawmakers in Atlanta debated a bill on Tuesday that would stop Georgia cities such as Macon, Valdosta "
            "and Savannah from limiting new homes. The bill passed the Georgia House by 20 votes.")
    got = places(geo, text, nlp(text))
    assert got["Georgia"].country == "United States" and got["Georgia"].admin1 == "Georgia", got["Georgia"]


def test_georgia_is_the_country_in_a_story_about_the_caucasus(geo, nlp):
    # (a guard for the rule above: the country's own evidence still decides)
    text = "Protesters marched through Tbilisi on Friday, and the government of Georgia promised new elections."
    got = places(geo, text, nlp(text))
    assert got["Georgia"].country == "Georgia", got["Georgia"]


def test_a_country_named_like_a_region_is_the_country_in_a_list_of_countries(geo, nlp):
    # Niger is also a Nigerian state; listed with Egypt it is the country (its own mentions no longer vouch for
    # it, so without the list cue Nigeria's mention would make it the state)
    text = ("Health officials said polio had been wiped out in Egypt and Niger last year. "
            "Nigeria still reports new cases in the north.")
    got = places(geo, text, nlp(text))
    assert got["Niger"].country == "Niger" and got["Niger"].geo_precision is None, got["Niger"]


def test_an_event_in_georgia_us_is_placed_in_the_state(geo, nlp):
    text = ("Two deputies were shot on Saturday in Valdosta, Georgia, while serving a warrant, the sheriff of "
            "Lowndes County said.")
    loc = scene(geo, text, "shot", nlp)
    assert loc.country == "United States" and loc.admin1 == "Georgia", loc


def test_a_given_name_before_a_surname_that_names_no_place_is_a_person_and_so_is_the_given_name_alone(geo, nlp):
    # Julian is a small town in California; "Julian Quennevald" is a man's name, and "Julian" alone later is the
    # same man; "in Julian, California" is still the town
    text = ("Lawyers for Julian Quennevald met the court in Sacramento on Monday. Julian has been cleared of every "
            "charge, his friends in Julian, California, said.")
    art = Article(id="a", document_id="d", position=0, title=None, text=text)
    got = [(p.start, p.text) for p in geo.find_places(art, nlp(text)) if p.location is not None]
    julians = [k for k in got if k[1] == "Julian"]
    assert julians == [(text.index("in Julian") + 3, "Julian")], got


def test_a_given_name_before_an_unknown_capitalised_word_is_a_name_without_any_entity(geo):
    text = "Friends of Julian Quennevald gathered in Sacramento. Julian thanked them, and the Wayne Food Pantry gave bread."
    spans, names = geo._person_names([], geo._exact_matches(text), text)
    assert [text[s:e] for s, e in spans] == ["Julian Quennevald"], spans
    assert "julian" in names and "wayne" not in names, names


def test_a_foreign_city_that_only_opens_a_longer_name_is_no_place(geo, nlp):
    # Mandalay (Myanmar) is only ever the first word of the hotel's name in a story about Nevada
    text = ("A security guard at the Mandalay Bay hotel was shot on the 32nd floor, police in Henderson, Nevada, "
            "said. Guests of the Mandalay Bay fled to the car park, and the governor of Nevada flew to Reno.")
    got = places(geo, text, nlp(text))
    assert "Mandalay" not in got, got
    # ... while "in Mandalay" is the city
    text = "Soldiers fired on protesters in Mandalay on Saturday, witnesses said."
    got = places(geo, text, nlp(text))
    assert got["Mandalay"].country == "Myanmar", got


def test_the_city_of_a_newspaper_is_no_scene(geo, nlp):
    text = ("A lorry exploded outside a naval depot on Wednesday, killing its driver, the Los Angeles Times "
            "reported.")
    loc = scene(geo, text, "exploded", nlp)
    assert loc is None or loc.name != "Los Angeles", loc


def test_a_town_named_like_a_common_word_is_the_town_after_the_city_of(geo, nlp):
    # "Hit" is a stop word (a common English word), but "the city of Hit" names the Anbar town
    text = "A nurse at the hospital in the city of Hit said it had taken in four wounded men."
    got = places(geo, text, nlp(text))
    assert got["Hit"].country == "Iraq" and got["Hit"].admin1 == "Anbar", got
    text = "The vote was a big hit with the crowd in Ramadi."
    assert "hit" not in places(geo, text, nlp(text))


def test_a_side_word_between_the_locative_and_the_name_keeps_the_cue(geo, nlp):
    # "Kobane" is only another spelling of Ayn al Arab; "in southern Kobane" is still "in" it (NER calls it ORG)
    text = "Three fighters were killed in southern Kobane on Sunday during an attack by the militants."
    got = places(geo, text, nlp(text))
    assert got["Kobane"].country == "Syria", got
