"""Geocoder resolution: outlet country prior, currency words, containment ("X in the countryside of Y"),
side-of-province points, bracketed districts, supplement areas and the ACLED admin1 spellings.

Texts are written by the strife team; the gazetteer index is built once per test session.
"""

from __future__ import annotations

import pytest

from strife.geo import distance_km
from strife.geo.geocoder import _finest, _side_of, outlet_country
from strife.records import Article, Evidence, Mention


def _article(text: str, outlet: str | None = None, url: str | None = None) -> Article:
    return Article(id=Article.make_id(None, text), document_id="doc", position=0, title=None, text=text,
                   outlet=outlet, url=url)


def _mention(text: str, trigger: str) -> Mention:
    s = text.index(trigger)
    return Mention(id="m", article_id="a", start=0, end=len(text), text=text, event_type="Battles",
                   sub_event_type="Armed clash", disorder_type="Political violence",
                   evidence=(Evidence("event_type", s, s + len(trigger), trigger),))


def _locate(geo, text: str, trigger: str, outlet: str | None = None, doc=None):
    art = _article(text, outlet)
    places = geo.find_places(art, doc)
    (located,) = geo.locate(art, doc, [_mention(text, trigger)], places)
    return located.location


# -- outlet prior ---------------------------------------------------------------------------------

@pytest.mark.parametrize("outlet,url,cc", [
    ("El Nashra", None, "LB"), ("an-nahar", None, "LB"), ("SOHR; Liveuamap", None, "SY"),
    ("26 September News - Pro-Hadi", None, "YE"), ("Khabar News Agency (Yemen)", None, "YE"),
    (None, "https://www.sana.sy/en/?p=1", "SY"), (None, "http://news.example.iq/a/b", "IQ"),
    (None, "https://rudaw.net/english/x", "IQ"), (None, "https://example.co.uk/story", "GB"),
])
def test_outlet_country_from_name_domain_or_country_code(outlet, url, cc):
    assert outlet_country(outlet, url) == cc


@pytest.mark.parametrize("outlet,url", [("Liveuamap", None), ("Twitter", None), (None, "https://stream.example.tv/x"),
                                        (None, "https://example.com/x"), (None, None)])
def test_outlet_country_is_none_when_nothing_says(outlet, url):
    assert outlet_country(outlet, url) is None


def test_lebanese_outlet_puts_a_bare_tripoli_in_lebanon(geo):
    text = "Demonstrators set tyres alight near the main square in Tripoli on Tuesday evening."
    loc = _locate(geo, text, "set tyres alight", outlet="El Nashra")
    assert loc.country == "Lebanon" and loc.admin1 == "North"


def test_named_country_beats_the_outlet(geo):
    # a Lebanese outlet reporting on Libya: the text's own country decides
    text = "In Libya, rockets struck a residential district of Tripoli, local officials said."
    loc = _locate(geo, text, "struck", outlet="El Nashra")
    assert loc.country == "Libya"


def test_small_town_is_kept_when_the_outlet_gives_its_country(geo):
    text = "Residents blocked the highway at the entrance of Zahle with burning tyres."
    without = {p.text for p in geo.find_places(_article(text))}
    with_outlet = {p.text: p for p in geo.find_places(_article(text, outlet="Murr TV"))}
    assert "Zahle" not in without
    assert with_outlet["Zahle"].location.country == "Lebanon"


def test_currency_names_no_place(geo):
    text = "Protesters angry at the rising US dollar rate burned tyres outside a bank in Sidon."
    got = {p.text: p for p in geo.find_places(_article(text, outlet="An-Nahar"))}
    assert "US" not in got
    assert got["Sidon"].location.country == "Lebanon"


# -- containment and sides --------------------------------------------------------------------

def test_village_before_its_countryside_is_the_scene(geo):
    text = "Government troops pounded the village of Kansafra in the southern countryside of Idleb with rockets."
    loc = _locate(geo, text, "pounded", outlet="SOHR")
    assert loc.name == "Kansafra" and loc.admin1 == "Idleb"
    assert distance_km(loc.latitude, loc.longitude, 35.69, 36.49) < 5


def test_town_in_province_beats_the_province_seat(geo):
    text = "Gunmen shot dead a local official in Kafr Nasij in Daraa overnight."
    loc = _locate(geo, text, "shot dead", outlet="SOHR")
    assert loc.admin1 == "Dar'a" and loc.name != "Dar'a"
    assert loc.geo_precision == 1


def test_place_outside_the_named_region_is_not_taken_as_finer(geo):
    # Manbij lies in Aleppo province: written before "in Raqqa" it is not a place inside Raqqa
    text = "Reports from Manbij in Raqqa told of a raid."
    places = geo.find_places(_article(text, outlet="SOHR"))
    raqqa = next(p for p in places if p.text == "Raqqa")
    assert _finest(raqqa, places, text) is raqqa
    text2 = "Reports from Tabqa in Raqqa told of a raid."
    places2 = geo.find_places(_article(text2, outlet="SOHR"))
    raqqa2 = next(p for p in places2 if p.text == "Raqqa")
    assert _finest(raqqa2, places2, text2).text == "Tabqa"


def test_side_of_province_moves_the_point_that_way(geo):
    plain = _locate(geo, "Artillery shelled positions in Idleb on Monday.", "shelled", outlet="SOHR")
    south = _locate(geo, "Artillery shelled positions in the southern countryside of Idleb on Monday.",
                    "shelled", outlet="SOHR")
    assert south.admin1 == plain.admin1 == "Idleb"
    assert south.latitude < plain.latitude - 0.1  # at least ~11 km further south
    assert south.geo_precision == 2
    north = _locate(geo, "Artillery shelled positions in the northern countryside of Idleb on Monday.",
                    "shelled", outlet="SOHR")
    assert north.latitude > plain.latitude


@pytest.mark.parametrize("before,bearing", [
    ("shelling in the southern countryside of ", 180.0), ("raids across the north-eastern outskirts of ", 45.0),
    ("fighting in western ", 270.0), ("in north - eastern countryside of ", 45.0),
    ("the south east countryside of ", 135.0), ("a blast in the city of ", None), ("troops entered ", None),
    ("police raided homes in East ", None), ("in the Southern countryside of ", 180.0),
])
def test_side_words(before, bearing):
    assert _side_of(before, "") == bearing


def test_bracketed_district_and_province_reject_a_namesake_elsewhere(geo):
    # "Habban" (Shabwah) is a near-spelling of the village; the brackets say it lies in Ad Dali
    text = "Houthi gunmen abducted three men from Al Haqban village (Damt, Ad Dali) at dawn."
    loc = _locate(geo, text, "abducted", outlet="Yemen Data Project")
    assert loc.admin1 == "Ad Dali"


# -- supplement areas and spellings -------------------------------------------------------------

def test_named_front_area_is_a_part_of_region_location(geo):
    text = "Rebels destroyed an army bulldozer on the Jabal al-Zawiya front with a guided missile."
    loc = _locate(geo, text, "destroyed", outlet="SOHR")
    assert loc.name == "Jabal al-Zawiya" and loc.geo_precision == 2 and loc.admin1 == "Idleb"


def test_iraqi_kurdistan_areas_resolve(geo):
    text = "Turkish jets bombed suspected PKK hideouts in the Haftanin region of Duhok."
    loc = _locate(geo, text, "bombed", outlet="Rudaw")
    assert loc.name == "Haftanin" and loc.admin1 == "Dahuk"
    assert distance_km(loc.latitude, loc.longitude, 37.14, 42.68) < 40  # east of Zakho


def test_halabja_is_coded_under_sulaymaniyah(geo):
    got = {p.text: p for p in geo.find_places(_article("Nurses marched in Halabja over unpaid wages."))}
    assert got["Halabja"].location.admin1 == "Sulaymaniyah"


def test_lebanese_suburbs_from_the_supplement(geo):
    text = "Rioters hurled stones at soldiers in Bar Elias and blocked the road at Saadnayel."
    got = {p.text: p.location for p in geo.find_places(_article(text, outlet="El Nashra"))}
    assert got["Bar Elias"].admin1 == "Bekaa" and got["Saadnayel"].admin1 == "Bekaa"
    assert distance_km(got["Bar Elias"].latitude, got["Bar Elias"].longitude,
                       got["Saadnayel"].latitude, got["Saadnayel"].longitude) < 10


def test_in_country_namesake_beats_a_larger_foreign_one(geo):
    # GeoNames knows no population for the Syrian town; a Syrian monitor's report still means it
    got = {p.text: p.location for p in geo.find_places(_article("Gunmen killed a man in Ras al Ain on Monday.",
                                                                 outlet="SOHR"))}
    assert got["Ras al Ain"].country == "Syria" and got["Ras al Ain"].admin1 == "Al-Hasakeh"


@pytest.mark.parametrize("outlet,cc", [("Dawn (Pakistan)", "PK"), ("Times of India", "IN"),
                                       ("Nyasa Times (Malawi)", "MW"), ("The New York Times", None)])
def test_outlet_name_that_names_its_country(geo, outlet, cc):
    assert outlet_country(outlet, None, geo.gaz.countries) == cc


def test_common_word_followed_by_district_is_a_place(geo):
    text = "Gunmen attacked a checkpoint in Hit district of Anbar, killing a soldier."
    got = {p.text: p.location for p in geo.find_places(_article(text, outlet="Al Sumaria TV"))}
    assert "Hit" in got and got["Hit"].admin1 == "Anbar"


def test_towns_naming_a_road_are_not_the_scene(geo):
    text = "Pro-government troops clashed with Houthi fighters east of the Marib-Al Jawf road (Majzar, Marib)."
    loc = _locate(geo, text, "clashed", outlet="Yemen Data Project")
    assert loc.admin1 == "Marib" and loc.name != "Ma'rib" and loc.geo_precision == 2


@pytest.mark.parametrize("text, trigger, admin1", [
    # the match ("Bab") is only the start of a longer name the gazetteer lacks; the region after holds it
    ("On 3 May, a mortar shell landed in the Bab al Nasr area in Al-Hasakeh countryside.", "landed", "Al-Hasakeh"),
    # two places, the first matching a foreign namesake, both held by the region after them
    ("Jets struck positions near Maariya and Tal Sabt in Dar'a countryside.", "struck", "Dar'a"),
])
def test_region_after_a_longer_name_holds_it(geo, text, trigger, admin1):
    loc = _locate(geo, text, trigger)
    assert loc is not None and loc.country == "Syria"
    assert loc.admin1 == admin1


def test_a_city_after_a_lower_case_street_word_is_the_city(geo):
    # "the main avenue of X": X is the city, not a street's neighbourhood to be held near the other places
    text = "Protesters marched along the main avenue of Sao Paulo while the president flew to Manaus."
    names = {p.text: p.location for p in geo.find_places(_article(text), None)}
    assert "Sao Paulo" in names and names["Sao Paulo"].country == "Brazil"


def test_a_numbered_old_name_is_no_alternate(geo):
    # "Governorate Number One" (an old name of Aden) must not turn the phrase into a place
    text = "He called the mayor public enemy Number One in a speech in Denver."
    assert [p.text for p in geo.find_places(_article(text), None)] == ["Denver"]


def test_bracketed_district_overrules_a_namesake_in_another_district(geo):
    # "Taffah" matches a town of At Taffah district; the bracket says the place is in Mukayras district
    loc = _locate(geo, "Militants clashed with troops at Am Taffah (Mukayras, Al Bayda) on Monday.", "clashed")
    assert loc.admin1 == "Al Bayda" and (loc.admin2 or loc.name) == "Mukayras"
    # a town close to the seat of the district its report names stays, whatever GeoNames links it to
    loc = _locate(geo, "Police and militiamen clashed in Oicha (Beni, Nord-Kivu) on Monday.", "clashed")
    assert loc.name in ("Oicha", "Hyosha")


def test_a_coders_coded_at_names_the_events_place(geo):
    # a coder's note ("coded at X (District, Province)") says where the event is placed; a foreign
    # namesake of the front's name is dropped by the bracket's province
    text = ("On 3 May 2021, government fighters repelled an assault on the city's western edge (coded at "
            "Bir Bashah front (Al Mudhaffar, Taizz) by our coder); several died.")
    loc = _locate(geo, text, "repelled")
    # (the front itself since the team placed Bir Basha; before, its district Al Mudhaffar)
    assert loc.country == "Yemen" and loc.admin1 == "Taizz" and loc.name == "Bir Basha"


@pytest.mark.parametrize("text, admin1", [
    # a state after the town: its namesake villages in the country's other states do not vouch for anything
    ("On 3 May 2021, gunmen shot a shopkeeper in Acatlan, Hidalgo.", "Hidalgo"),
    ("On 3 May 2021, gunmen shot a shopkeeper in Emiliano Zapata, Hidalgo.", "Hidalgo"),
    # the town is unknown in that state: the state, and the neighbourhood named after it stays there
    ("On 3 May 2021, in Benito Juarez, Nuevo Leon, gunmen shot a shopkeeper in Colonia Arboledas de los "
     "Naranjos.", "Nuevo Leon"),
])
def test_town_comma_state_picks_the_state(geo, text, admin1):
    loc = _locate(geo, text, "shot")
    assert loc.country == "Mexico" and loc.admin1 == admin1


@pytest.mark.parametrize("text, trigger, country", [
    # a report naming no country: a place NER calls one, under its own name, is kept
    ("On 27 April 2021, workers of a sugar mill located outside Shush protested against unpaid salaries.",
     "protested", "Iran"),
    # "the town of X": X is a place, though only an alternate spelling names it
    ("On 30 April 2021, residents protested in the town of Zhukovskiy against a new road.", "protested", "Russia"),
    # "Zona 12" is a numbered zone of the city, not a town named Zona that would hold the city
    ("In Guatemala City, in Zona 12, gunmen attacked a security guard.", "attacked", "Guatemala"),
])
@pytest.mark.nlp
def test_places_a_report_names_plainly_are_kept(geo, nlp, text, trigger, country):
    loc = _locate(geo, text, trigger, doc=nlp(text))
    assert loc is not None and loc.country == country and loc.geo_precision in (1, 2)


def test_another_spelling_after_in_names_a_place_of_the_reports_country(geo):
    # a Lebanese outlet: "Rashayya" is another spelling of Rashaya (Rachaiya el Ouadi), written after "in"
    loc = _locate(geo, "Supporters of the party gathered in Rashayya on Friday.", "gathered", outlet="El Nashra")
    assert loc is not None and loc.country == "Lebanon" and loc.admin1 == "Bekaa"


def test_nationality_words_do_not_outvote_the_outlets_country(geo):
    # a Lebanese paper: "Tripoli" is Lebanon's, whoever else took part
    text = ("Rioters threw stones at soldiers in Tripoli on Tuesday. Palestinians and Syrians also took part in "
            "the protest.")
    loc = _locate(geo, text, "threw", outlet="An-Nahar")
    assert loc.country == "Lebanon"


def test_a_company_named_after_a_place_is_not_the_scene(geo):
    text = "Rioters smashed the windows of Byblos Bank in Bar Elias on Tuesday."
    loc = _locate(geo, text, "smashed", outlet="El Nashra")
    assert loc.name == "Bar Elias" and loc.admin1 == "Bekaa"


@pytest.mark.parametrize("text, trigger, name, admin1", [
    # the place before a "(District LGA, State)" bracket is the scene, not the state after it
    ("On 3 May 2021, gunmen attacked Musawa (Musawa LGA, Katsina) and abducted a farmer.", "abducted",
     "Musawa", "Katsina"),
    # an unknown village: its LGA (NER may tag "Kankara LGA" as a person; the admin word says otherwise)
    ("On 3 May 2021, gunmen attacked Xyzzamai (Kankara LGA, Katsina) and killed a farmer.", "killed",
     "Kankara", "Katsina"),
    # "X municipality, State": the municipality, not the state's seat
    ("On 3 May 2021, gunmen killed a trader in Celaya municipality, Guanajuato.", "killed", "Celaya", "Guanajuato"),
])
@pytest.mark.nlp
def test_a_district_word_between_place_and_region(geo, nlp, text, trigger, name, admin1):
    loc = _locate(geo, text, trigger, doc=nlp(text))
    assert loc.name == name and loc.admin1 == admin1


def test_indian_state_abbreviations_name_their_states(geo):
    text = "On 1 May 2021, villagers protested in Xyzzpur village (Bankura, WB) against a quarantine centre."
    names = {p.text: p.location for p in geo.find_places(_article(text), None)}
    assert names["WB"].admin1 == "West Bengal" and names["WB"].geo_precision == 3


@pytest.mark.parametrize("text, trigger, name", [
    ("On 2 May 2021, journalists protested outside a newspaper office on Murree road in Rawalpindi.", "protested",
     "Rawalpindi"),
    ("On 2 May 2021, party workers protested near the Jalandhar bypass in Ludhiana.", "protested", "Ludhiana"),
])
def test_a_street_named_after_a_town_is_not_the_scene(geo, text, trigger, name):
    assert _locate(geo, text, trigger).name == name


@pytest.mark.nlp
def test_the_place_before_its_admin_bracket_is_the_scene(geo, nlp):
    text = ("On 30 April 2021, a clash took place between two groups in Kot Diji town (Khairpur, Sindh), over "
            "ownership of farmland.")
    loc = _locate(geo, text, "clash", doc=nlp(text))
    assert loc.name == "Kot Diji" and loc.admin1 == "Sindh"


def test_a_common_word_in_an_admin_bracket_is_a_place(geo):
    # "Hat" is an English word and a Yemeni district; in "(Hat, Al Mahrah)" it is the district
    loc = _locate(geo, "Soldiers stormed the police station (Hat, Al Mahrah) on Tuesday.", "stormed")
    assert loc.admin1 == "Al Mahrah" and loc.geo_precision == 2


@pytest.mark.parametrize("text, trigger, admin1", [
    # the ends of a national highway are not the scene
    ("On 2 May 2021, migrant workers blocked traffic on the Agra-Mumbai national highway at Xyzzan village "
     "(Barwani, Madhya Pradesh).", "blocked", "Madhya Pradesh"),
    # "AJK" names Azad Kashmir
    ("On 1 May 2021, troops exchanged fire across the LoC at Xyzz sector (Haveli district, AJK).", "exchanged",
     "Azad Jammu and Kashmir"),
    # towns elsewhere in Brazil share these neighbourhoods' names; the list ends in "neighborhoods"
    ("On 2 May 2021, in the North Zone of Rio de Janeiro, Rio de Janeiro, shoot-outs took place in Andarai, "
     "Cordovil and Vila Isabel neighborhoods.", "shoot-outs", "Rio de Janeiro"),
])
def test_the_events_region(geo, text, trigger, admin1):
    assert _locate(geo, text, trigger).admin1 == admin1
