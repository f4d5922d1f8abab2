"""Candidate ranking in the geocoder: country acronyms that spell common words ("U.S."), admin1
abbreviations (geo_abbreviations.tsv), the country written after a name ("Athens, Greece"), the region
of the town before a name ("Atlanta, Georgia"), lists of one country's regions, a country against the
cities that carry its name as an alternate ("Mexico"), and one sense per article.

Texts are written by the strife team; the gazetteer index is built once per test session.
"""

from __future__ import annotations

from strife.geo import distance_km
from strife.geo.geocoder import _abbreviations
from strife.records import Article


def _article(text: str) -> Article:
    return Article(id=Article.make_id(None, text), document_id="doc", position=0, title=None, text=text)


def _places(geo, text: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for p in geo.find_places(_article(text)):
        if p.location is not None:
            out.setdefault(p.text, []).append(p.location)
    return out


def test_abbreviation_file_names_geonames_regions():
    abbr = _abbreviations()
    assert abbr["NSW"] == "geonames:2155400"
    assert all(gid.startswith("geonames:") and gid[9:].isdigit() for gid in abbr.values())


def test_dotted_and_bare_us_are_found_as_the_country(geo):
    text = ("Officials of the U.S. Department of Health met in Chicago on Monday. "
            "The US Army laboratory in Maryland sent samples to Atlanta for testing.")
    got = _places(geo, text)
    assert got["U.S."][0].method == "country-only" and got["U.S."][0].iso == 840
    assert got["US"][0].country == "United States"


def test_lower_case_us_is_no_place(geo):
    got = _places(geo, "Nobody told us about the flooding near Lagos until the rains stopped.")
    assert "us" not in got


def test_state_abbreviation_names_the_australian_region(geo):
    text = "Racing was halted across NSW after the horse virus reached stables outside Sydney, Australia."
    got = _places(geo, text)
    (nsw,) = got["NSW"]
    assert nsw.admin1 == "New South Wales" and nsw.geo_precision == 3


def test_country_after_a_name_picks_that_country_and_holds_for_the_article(geo):
    text = ("The Canadian singer landed in Athens, Greece, for a charity tour on Friday. "
            "Later she spoke to reporters at a hotel in central Athens.")
    got = _places(geo, text)
    assert len(got["Athens"]) == 2
    for loc in got["Athens"]:
        assert loc.country == "Greece"
        assert distance_km(loc.latitude, loc.longitude, 37.98, 23.73) < 30


def test_region_after_a_town_is_the_us_state(geo):
    text = "Samples went to the disease centre in Atlanta, Georgia, where the strain was confirmed."
    (loc,) = _places(geo, text)["Georgia"]
    assert loc.country == "United States" and loc.geo_precision == 3


def test_region_after_a_town_is_not_moved_to_the_same_named_city(geo):
    text = "A nine-year-old boy from Buffalo, New York, died of the infection last week."
    (loc,) = _places(geo, text)["New York"]
    assert loc.geo_precision == 3 and loc.admin1 == "New York"


def test_listed_regions_stay_regions_of_one_country(geo):
    text = "Cases were reported in Arizona, Colorado, Georgia, Ohio, Oregon, Utah and Washington this spring."
    got = _places(geo, text)
    for name in ("Georgia", "Oregon", "Washington"):
        (loc,) = got[name]
        assert loc.country == "United States", name
        assert loc.geo_precision == 3, name


def test_list_of_countries_keeps_each_country(geo):
    text = "Vaccination teams worked in Ghana, Niger, Nigeria and Togo during the campaign."
    got = _places(geo, text)
    assert got["Niger"][0].method == "country-only" and got["Niger"][0].country == "Niger"


def test_a_country_name_beats_its_capital_carrying_it_as_alternate(geo):
    text = "The outbreak started in Mexico and then reached Texas and California within a week."
    (loc,) = _places(geo, text)["Mexico"]
    assert loc.method == "country-only" and loc.country == "Mexico"


def test_city_and_district_pair_is_no_list_of_regions(geo):
    text = "Health officers in Washington, D.C. traced the cases to a school cafeteria."
    got = _places(geo, text)
    (loc,) = got["Washington"]
    assert loc.geo_precision == 1
    assert distance_km(loc.latitude, loc.longitude, 38.9, -77.04) < 25
    assert got["D.C."][0].admin1 == "District of Columbia"


def test_region_list_of_three_pulls_an_ambiguous_name_to_the_region(geo):
    text = "Floods hit Queensland, Victoria and Tasmania as the storm moved south."
    (loc,) = _places(geo, text)["Victoria"]
    assert loc.country == "Australia" and loc.geo_precision == 3
