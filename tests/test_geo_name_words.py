"""Words of names that are no places: an organisation named like a small foreign place, a person whose two
names are both places somewhere, a nationality noun spelled like a town; and the other way round, a name only
one town bears, after "in", whatever NER calls it.

Texts are written by the strife team; spaCy's small English model reads them (its labels are what the
rules see).
"""

from __future__ import annotations

from geo_helpers import places


def test_an_organisation_named_like_a_small_place_is_no_place(geo, nlp):
    text = "The Red Cross said twelve people were killed in Sanaa on Monday."
    got = places(geo, text, nlp(text))
    # no Red Cross, North Carolina: it would make the report American and cost Sanaa its place
    assert "Red Cross" not in got and got["Sanaa"].country == "Yemen"
    text = "The International Committee of the Red Cross said its convoy reached Idlib, Syria."
    got = places(geo, text, nlp(text))
    assert "Red Cross" not in got and got["Idlib"].country == "Syria"


def test_a_person_whose_names_are_places_is_no_place(geo, nlp):
    text = "A relief worker, Ricardo Munguia of El Salvador, was shot dead in southern Afghanistan."
    got = places(geo, text, nlp(text))
    assert "Ricardo" not in got and "Munguia" not in got
    assert got["Afghanistan"].country == "Afghanistan"


def test_a_nationality_noun_is_no_town(geo, nlp):
    text = "A 30-year-old Briton was detained by police in Ramadi."
    got = places(geo, text, nlp(text))
    assert "Briton" not in got and got["Ramadi"].country == "Iraq"


def test_a_name_only_one_town_bears_is_that_town_after_in(geo, nlp):
    """No country named and NER calls it an organisation: after "in" a name no other place bears is the town."""
    text = "North Ossetians this week demonstrated in Beslan, calling for the governor to resign."
    doc = nlp(text)
    assert any(ent.text == "Beslan" and ent.label_ not in ("GPE", "LOC") for ent in doc.ents)  # what the rule is for
    assert places(geo, text, doc)["Beslan"].country == "Russia"
