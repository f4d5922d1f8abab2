"""Words of names that are no places: an organisation named like a small foreign place, a person whose two
names are both places somewhere, a nationality noun spelled like a town; and the other way round, a name only
one town bears, after "in", whatever NER calls it.

Texts are written by the strife team; spaCy's small English model reads them (its labels are what the
rules see).
"""

from __future__ import annotations

from geo_helpers import places


def test_an_organisation_named_like_a_small_place_is_no_place(geo, nlp):
    text = "The Red Cross reported that eight civilians died in Sanaa during the night."
    got = places(geo, text, nlp(text))
    # no Red Cross, North Carolina: it would make the report American and cost Sanaa its place
    assert "Red Cross" not in got and got["Sanaa"].country == "Yemen"
    text = "The International Committee of the Red Cross said its convoy reached Idlib, Syria."
    got = places(geo, text, nlp(text))
    assert "Red Cross" not in got and got["Idlib"].country == "Syria"


def test_a_person_whose_names_are_places_is_no_place(geo):
    """A PERSON entity of two words that both name small towns, of different countries: a name, not a place;
    the same words after "in" name a place (the rule for the small model, which tags villages PERSON)."""
    from strife.geo.geocoder import _entity_rest_not_place

    for text, expected in (("A relief worker, Ricardo Mondragon of Peru, was shot dead in Afghanistan.", True),
                           ("Aid was handed out in Ricardo Mondragon on Sunday.", False)):
        s = text.index("Ricardo")
        ents = [(s, s + len("Ricardo Mondragon"), "PERSON")]
        m = next(x for x in geo._exact_matches(text) if x.text == "Ricardo")
        assert _entity_rest_not_place(ents, m, text, geo) is expected, text


def test_a_nationality_noun_is_no_town(geo, nlp):
    text = "Police in Ramadi detained a Briton on Tuesday."
    got = places(geo, text, nlp(text))
    # the gazetteer holds the name (Britton, a US town, by its doubled-letter key): the nationality noun drops it
    assert any(m.text == "Briton" for m in geo._exact_matches(text))
    assert "Briton" not in got and got["Ramadi"].country == "Iraq"


def test_a_name_only_one_town_bears_is_that_town_after_in(geo, nlp):
    """No country named and NER calls it an organisation: after "in" a name no other place bears is the town."""
    text = "Families in Beslan said the inquiry had failed them."
    doc = nlp(text)
    assert any(ent.text == "Beslan" and ent.label_ not in ("GPE", "LOC") for ent in doc.ents)  # what the rule is for
    assert places(geo, text, doc)["Beslan"].country == "Russia"
