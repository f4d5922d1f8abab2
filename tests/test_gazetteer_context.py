"""Resolution cues around a match: a country named right after a place is not a region cue."""

from __future__ import annotations

import pytest

from strife.records import Article


def _places(geo, text):
    art = Article(id=Article.make_id(None, text), document_id="doc", position=0, title=None, text=text)
    return {p.text: p.location for p in geo.find_places(art, None)}


def test_place_comma_country_keeps_the_place(geo):
    # towns named Canada, Iraq or Jordan exist, yet "X, Canada" names a country: X must not be dropped as
    # a namesake lying outside that "region"
    got = _places(geo, "The touring exhibition opened in Toronto, Canada, then travelled to Baghdad, Iraq, "
                       "and finally to Amman, Jordan.")
    assert got["Toronto"].country == "Canada" and got["Toronto"].latitude == pytest.approx(43.7, abs=0.2)
    assert got["Baghdad"].country == "Iraq" and got["Amman"].country == "Jordan"
    assert got["Canada"].method == "country-only"


def test_place_comma_region_still_filters_namesakes(geo):
    # the region cue itself still works: Sayda beside Raqqa resolves inside Raqqa province
    got = _places(geo, "Gunmen opened fire in Sayda (Raqqa) on Tuesday, a Syrian monitor said.")
    assert got["Sayda"].country == "Syria"


def test_macro_region_from_compass_provinces(geo):
    # "Darfur" is no province (North/South/West/Central/East Darfur are): the builder adds it whole
    got = _places(geo, "Aid agencies said families fleeing Darfur had reached camps near the border with Chad.")
    loc = got["Darfur"]
    assert loc.country == "Sudan" and loc.geo_precision == 3
    assert 10 < loc.latitude < 15 and 22 < loc.longitude < 27  # between the Darfur states, not Khartoum


def test_macro_regions_skip_names_taken_or_generic(geo):
    from strife.geo.gazetteer import K_ADM1

    gaz = geo.gaz
    macro = {gaz.name[e] for e in range(len(gaz)) if gaz.gid[e].startswith("macro:")}
    assert {"Darfur", "Kordofan", "Kivu", "Java", "Sumatra", "Sulawesi"} <= macro
    # Lower/Middle Juba: Juba is South Sudan's capital; Upper/Lower River and Eastern/Western Cape are
    # generic words; Western/South Australia and Upper/Lower Austria are countries
    assert not macro & {"Juba", "River", "Cape", "Australia", "Austria"}
    juba = _places(geo, "Officials in Juba, South Sudan, met rebel envoys.")["Juba"]
    assert juba.country == "South Sudan"
    assert all(gaz.kind[e] == K_ADM1 and gaz.adm1[e] == "" for e in range(len(gaz)) if gaz.gid[e].startswith("macro:"))
