"""Geocoder rules of session 11.

Texts are written by the strife team; the gazetteer index is built once per test session.
"""

from __future__ import annotations

from geo_helpers import scene


def test_a_bare_town_named_like_its_province_yields_to_the_place_the_sentence_names(geo, nlp):
    # "Hasakah" alone stands for the province; the checkpoint inside it is where the convoy was
    text = "A column of 20 trucks entered Hasakah through the Tal Tamr checkpoint on Tuesday."
    loc = scene(geo, text, "entered", nlp)
    assert "Tamr" in loc.name and loc.admin1 == "Al-Hasakeh", loc


def test_a_town_called_a_city_stays_the_scene(geo, nlp):
    text = "A column of 20 trucks entered Hasakah city after passing the Tal Tamr checkpoint on Tuesday."
    loc = scene(geo, text, "entered", nlp)
    assert "Hasak" in loc.name and loc.geo_precision == 1, loc
