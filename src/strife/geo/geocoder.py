"""Find place names in an article, resolve them to gazetteer entries, and place each event.

    text ──tokenise/normalise──▶ " saraqib | kfranbel | ayn isa ..." ──Aho-Corasick──▶ raw matches
         ──filters (capitals, stop words, persons)──▶ + fuzzy fallback on capitalised NER spans
         ──resolution (article countries, admin cues, rank+population, proximity)──▶ Toponym list

``locate`` then picks, for each mention, the place tied to its trigger: a place syntactically attached
to the trigger through a locative preposition, else the nearest place in the trigger's sentence, else
the article's main place; a country alone gives a "country-only" location without coordinates.
"""

from __future__ import annotations

import math
import re
import threading
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from unidecode import unidecode

from ..records import Article, Evidence, Location, Mention, Toponym, content_id
from ..resources import data_rows
from ..settings import Settings
from .gazetteer import (K_ACLED, K_ADM1, K_ADM2, K_AREA, K_CITY, K_COUNTRY, K_IMPORT, K_SUPP, Gazetteer, load_index)
from .normalize import _MARKS, _TOKEN_RE, name_key, skeleton, token_key

__all__ = ["Geocoder", "distance_km", "outlet_country", "FUZZY_THRESHOLD"]

_DATA = Path(__file__).resolve().parent.parent / "data"

# Fuzzy fallback: rapidfuzz ratio (0-100) between the key of a capitalised span the gazetteer missed and
# the keys of the article's countries.  Measured on ACLED dev notes (`python scripts/geo_eval.py fuzzy
# --limit 3000`: 1,875 global + 1,125 Afghanistan), fuzzy toponyms within 50 km of the coded event at
# threshold 80: 70/97, 85: 65/81, 90: 35/49, 95: 17/21 (the spans between 85 and 90 are 30/32 right, those
# between 80 and 85 5/16).  A fuzzy match must also lie in the region written beside it and within
# FUZZY_NEAR_KM of the article's other places.  "Goebbels"/"Gobles" scores 77 and stays out.
FUZZY_THRESHOLD = 85
# A span whose key no name reaches at FUZZY_THRESHOLD may still be another vowelling of a name of the article's
# countries: the same consonants in the same order ("Menoufia" = Monufia), the only such name in that
# country, of FUZZY_VOWEL_MIN_LEN letters or more and at least this ratio (None turns the tier off;
# `python scripts/geo_eval.py fuzzy`: 1 more toponym, right, on the 3,000 notes above).
FUZZY_VOWEL_RATIO: int | None = 75
FUZZY_VOWEL_MIN_LEN = 6
# The first name of a bracket of admin names ("(Bayt Al Faqiah, Al Hudaydah)") is compared, at this ratio, with
# the names of the province the bracket names.
SLOT_FUZZY_THRESHOLD = 85
# "the town of Binnesh in Idleb province": a name with the consonants of one place of the province written after it
# (at least this many consonants, and this fuzz.ratio), vowels aside; over the one-word names of Syria, Yemen, Iraq
# and Afghanistan 1.4-2.7% share their consonants with another place of their province
SLOT_SKELETON_MIN = 4
SLOT_SKELETON_RATIO = 70
# Keys shorter than this never take part in fuzzy matching: short names match too much by chance.
FUZZY_MIN_LEN = 5  # the index keeps per-country key lists of this length and more (gazetteer._save)
# At most this many spans per article go to the fuzzy matcher (each costs ~1-5 ms per country): a long
# page then spends under a second on it.
FUZZY_MAX_SPANS = 150
# A place this far (km) from the article's unambiguous places gets no proximity bonus; Syria/Yemen
# governorates are 100-300 km across, so 300 km keeps "same region" and drops other countries' namesakes.
PROXIMITY_KM = 300.0
# A one-word match that NER does not call a place is kept only when one of its entries is a country,
# a province, a place in the article's countries or a city of at least this population: on the seed page
# this dropped "Hospital" (Ireland), "Taji"->Taiji (Japan), "Saree" while keeping Saraqib and Kafranbel.
WEAK_MATCH_POP = 100_000
# A one-word place in a country the article gives no evidence for is kept only from this population up:
# in the ACLED Afghanistan dev notes "Sultan" (Libya), "Handa" (Japan), "Nawa" (Syria) and "Chin" (Myanmar)
# were such namesakes; a capital-size city is still more likely meant than a village.  With the local-admin
# rule in find_places, admin1 on the dev notes went 0.911 -> 0.938 (Afghanistan) and 0.785 -> 0.794 (global).
FOREIGN_KEEP_POP = 1_000_000
# A town bearing a name only among its other names loses to a town of its country whose own name it is, unless
# it is this many times that town's size.
OWN_NAME_RATIO = 20
OWN_NAME_SLACK = 0.5
# The confidence of a pick whose best score ties a rival's far away (before closeness to the article's settled
# places breaks the tie).
TIE_CONF = 0.5
# A city NER tags as a place in a story about another country is kept when its name means it: from this
# population, with every other bearer of the name DOMINANT_RATIO times smaller ("Najaf" in a story of U.S.
# forces; "Geneva", Switzerland, against the Genevas of the US).
DOMINANT_POP = 20_000
DOMINANT_RATIO = 10
# A city of BIG_CITY_POP, BIG_CITY_RATIO times the population of the town the article's evidence picked, in a
# country whose article weight is at most BIG_CITY_SLACK below that town's, is what the bare name means
# (Geocoder._pick: "the Mayor of Boston" in a story that names Texas)
BIG_CITY_POP = 250_000
# A one-word name NER leaves untagged still means a dominant city of this size (Geocoder._means_itself)
BARE_KEEP_POP = 500_000
# A word known only as another spelling of a war-zone town this large is that town right after "in", "near" ...
# whatever NER makes of it ("clashes in Kobane")
WAR_ALT_POP = 20_000
# The vote a nationality word gives its country's neighbours (a country named once gets 1, a nationality 0.5)
NEIGHBOUR_VOTE = 0.1
# How far before "district, Province" a place must lie to be held in that province (characters)
SLOT_REACH_CHARS = 80
BIG_CITY_RATIO = 20
BIG_CITY_SLACK = 0.2
# The conflict geography prior (Geocoder._hot_cells): grid cell size in degrees (0.25 = ~28 km; a place
# within one cell of a front-line settlement or an imported ACLED place is "hot") and the bonus there,
# half the weight of a named province (LOCAL +2.0), enough to choose among same-named villages.
HOT_CELL_DEG = 0.25
HOT_BONUS = 0.6
# ... in full within HOT_NEAR_KM of a front-line settlement or imported place, then less with distance, none
# from HOT_REACH_KM (a grid cell and its neighbours reach about that far)
HOT_NEAR_KM = 5.0
HOT_REACH_KM = 30.0
# A front-line name borne by several places counts only those this close (km) to a settlement of the list
# whose name is unique (Geocoder._hot_cells)
FRONT_STRIP_KM = 15.0
# A place written beside a region that does not hold it is still that place when it is its country's only town
# of the name and lies this close (km) to a town of that region: it lies by the region's edge, and regions'
# borders differ between sources (GeoNames puts Qasr al Qarabulli in Tripoli, reports in Al Marqab)
REGION_EDGE_KM = 30.0
# what stands between a place and the district of its bracket: " (", " city (", " village ("
_DISTRICT_BRACKET = re.compile(r"\s*(?:(?:city|town|village|area|district|locality)\s*)?\(\s*", re.I)
# A village (under GUESS_MAX_POP) chosen among same-named ones of a country with a front line on file, with no
# region beside it, is dropped when it lies farther than GUESS_REACH cells (~100 km) from the line.
GUESS_MAX_POP = 20_000
GUESS_REACH = 3
# ... and such a name, when only that country's places bear it, still gives the event its country at this
# confidence (geo_precision null: which village is unknown)
NAMESAKES_CONF = 0.5
# a town within SEAT_KM of a same-named district's point of its region is the district's seat: SEAT_BONUS on
# its score against namesakes of the same region (0.05 = what a 1.6 times larger population adds: it decides
# between namesakes of about one size)
SEAT_KM = 5.0
SEAT_BONUS = 0.05
# ... and a one-country mission's name (geo_missions.tsv) gives an event no place was found for its country
MISSION_CONF = 0.6
# a capitalised word glued to a match (with an article or connector between) makes the name longer than it
_PART_OF_NAME_AFTER = re.compile(r"[ \-](?:(?:al|ar|as|ash|ad|an|at|az|el|wa|de|del|la)[ \-])?"
                                 # (a day or month after the name is no part of it: "in Bonn Tuesday")
                                 r"(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|March|April|"
                                 r"June|July|August|September|October|November|December)\b)[A-Z]")
_PART_OF_NAME_BEFORE = re.compile(r"[A-Z][\w'’]*[ \-](?:(?:al|ar|as|ash|ad|an|at|az|el|wa|de|del|la)[ \-])?$")
# Weight of the article's countries against a candidate's rank and population (log10(pop)/4).  Flat where
# measured: GeoVirus acc_161km 0.679 / 0.681 / 0.683 and ACLED-dev (global, 400 notes) within 25 km
# 0.653 / 0.653 / 0.650 at 0.5 / 0.8 / 1.2.
COUNTRY_CUE = 0.8
# A foreign city opening a longer name ("the Mandalay Bay hotel") is dropped only where the article's other names
# vouch this many times for one country and never for the city's (LGL: at 1, US local news whose towns all have
# namesakes abroad lost Nashville, Texas, Paris TN), and only where the name never stands alone in the article
FOREIGN_NAME_VOTES = 2
# Weight of the outlet's home country (outlets.tsv, or the page's web domain) in the article-country
# count, where one naming of a country counts 1 and a nationality word 0.5: a hint that decides bare
# names ("Tripoli", "Zahle") when the text names no country, and loses to a country the text names.
# ACLED dev (2,337 rows, outlet = the row's first source): Lebanon admin1 0.27 -> 0.57 at 0.5 and at 1.0
# alike; worldwide within 25 km 0.596 -> 0.623.  1.0 with half a vote beside the text's own countries.
OUTLET_PRIOR = 1.0
# Country-code domains that are sold as generic names (".tv", ".io", ".co"), so they say nothing of place.
_GENERIC_TLDS = frozenset("co io tv me fm ai cc ws to nu tk gg im sh ac ag am la ly gl st fo vc md".split())
# "the US dollar", "Syria pound": a currency names no place and says little of the article's country ("pounds"
# stays out: "Israel pounds Gaza")
_CURRENCY_AFTER = re.compile(r"[\s\-]*(?:dollars?|pound|liras?|dinars?|riyals?|rials?|hryvnias?|rubles?|roubles?|"
                             r"euros?|shekels?|afghanis?|currency|exchange rate)\b", re.I)
# "The southern countryside of Idleb" is placed at the median of the province's places lying that way
# from its seat, SIDE_MIN_KM to SIDE_MAX_KM off (outside the seat's own suburbs, inside a governorate of
# Syria/Iraq/Yemen, 100-300 km across); with fewer than 3 such places, SIDE_STEP_KM that way from the seat.
# ACLED dev Syria: villages of "the southern countryside of Idleb" came 28-41 km off at the Idlib seat and
# 12-17 km off at this point; Syria within 25 km 0.556 -> 0.632 (one row, coded at the seat, went 0 -> 26 km).
SIDE_MIN_KM = 8.0
SIDE_MAX_KM = 100.0
SIDE_STEP_KM = 25.0
# Bonus for a candidate that a neighbouring name vouches for: the country after it ("Athens, Greece"), the
# region of the town before it ("Atlanta, Georgia"), a list of one country's regions ("Ohio, Georgia, Utah").
# It must beat a country's 3.0 against a region's 2.0 plus the country cue gap: GeoVirus had "Georgia" the
# country 7 times and "Athens" in Canada 4 times in such spots.
NEIGHBOUR_CUE = 1.5
# A town written before its region ("Queens, New York") this close (km) to the region's same-named seat is a
# part of that city, so the name means the city; farther ("Buffalo, New York", 470 km) the region.
TOWN_SEAT_KM = 25.0
# A city holding this share of its province's town population is what "X, <city>" names when X is unknown
# ("Bakirkoy, Istanbul"); a smaller one leaves the name to the province ("near Bohdanivka, Donetsk")
CITY_REGION_SHARE = 0.5
# ... and so does a town whose province's places lie a median this far (km) from it or nearer: the town
# stands for the unknown village ("near Qapanli, Tartar", a rayon 40 km across, is coded near Tartar)
WIDE_REGION_KM = 40.0
# A town this close (km) to its same-named district's point is what the bare name means.
DISTRICT_TOWN_KM = 30.0
# Fewest names of one country's regions that make a list ("Ohio, Oregon and Texas")
LIST_MIN = 3
# what separates the items of a list of places: "Ohio, Oregon", "Utah and Washington", "Texas, and Ohio",
# also with a count before each item ("twelve in Ontario, eight in Alberta, and one in Quebec")
_LIST_SEP = re.compile(r"\s*(?:,|;|\band\b|,\s*and\b|&)\s*(?:(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|"
                       r"nine|ten|eleven|twelve|\w+teen|\w+ty)(?:\s+[a-z]+)?\s+(?:in|from)\s+(?:the\s+)?)?", re.I)
# Characters before a mention's trigger that still count as "near" when no parse links a place (a sentence).
_LOCATIVE_PREPS = {"in", "near", "at", "on", "outside", "around", "inside", "into", "across", "throughout",
                   "towards", "toward", "to", "from", "of", "within", "between", "along", "by", "off", "over"}
_ADMIN1_WORDS = re.compile(r"^[\s\-]*(province|governorate|region|state|oblast|prefecture|wilaya|department)\b", re.I)
# "Somali region": a people's name before this word is the region named after it
_REGION_WORD_AFTER = re.compile(r"[\s\-]+(?:region|regional\s+state)\b", re.I)
# "Hit district", "Ana city": a word after a name that makes the name a place
_ADMIN_AFTER = re.compile(r"[\s\-]+(?:district|sub-?district|province|governorate|city|town|village|county|"
                          r"municipality|oblast|raion|region)\b", re.I)
_ADMIN2_AFTER_BRACKET = re.compile(r"^\s*\([^()]{1,30}\)\s*(district|county|municipality|sub-?district)\b", re.I)
_ADMIN2_WORDS = re.compile(r"^[\s\-]*(district|county|municipality|raion|rayon|sub-?district|parish|LGA)\b", re.I)
_NEAR_BEFORE = re.compile(
    r"(\bnear|\boutskirts of|\boutside( of)?|\bvicinity of|\baround|\bcountryside of|\bsurroundings of|"
    r"\bsuburbs of|\brural|\b(north|south|east|west|(?:north|south)\s*[-‐–]?\s*(?:east|west))(ern)?\s+"
    r"(part|parts|countryside|outskirts|edge|side|suburbs)?\s*of|\bkm\s+(from|of)|\bkilometres\s+(from|of)|"
    r"\bmiles\s+(from|of)|\barea of|\bregion of|\bdistrict of|\b(area|road)\s+between|"
    r"\bbetween)\s+(the\s+)?((town|village|city|district|area)\s+of\s+)?$", re.I)
# a named quarter of the place after it: "Lalcherra area of ", "in the Badrok area of the city of "
_NAMED_AREA_OF = re.compile(r"\b[A-Z][\w'’\-]+\s+(?:area|neighbou?rhood|quarter|locality|mohalla)\s+of\s+"
                            r"(?:the\s+)?(?:(?:town|city)\s+of\s+)?$")
_NEAR_AFTER = re.compile(r"^(?:\)\s+)?[\s\-']*(s\s+)?(countryside|outskirts|area|surroundings|suburbs|environs|vicinity|"
                         r"district|sub-?district|region|desert|plain|fronts?|frontlines?|axis|LGA|county|"
                         r"municipality|township|tehsil|taluka|woreda|commune)\b", re.I)

# a part of the town itself: "in the eastern part of Al Bab city" (ACLED's precision 1; "east of Mosul" lies
# outside it, and ACLED codes "the east of Hays city" as near it)
_PART_OF_TOWN_BEFORE = re.compile(r"\bthe\s+(?:centre|center|middle|"
                                  r"(?:(?:north|south)[\s\-]?(?:east|west)?|east|west)ern\s+(?:parts?|half|side|"
                                  r"neighbou?rhoods?|districts?)|(?:parts?|half|neighbou?rhoods?|districts?))\s+of\s+"
                                  r"(?:the\s+)?(?:(?:city|town)\s+of\s+)?$", re.I)
# an item of a list of fronts: "shelling on the Harib (Harib, Marib) and Nihm (Nihm, Sanaa) frontlines" (each item
# near its town)
_FRONT_LIST_AFTER = re.compile(r"(?:\s*\([^()\n]{1,60}\))?(?:\s*,?\s*(?:and\s+)?(?:the\s+)?[A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3}"
                               r"\s*\([^()\n]{1,60}\)){1,5}\s*,?\s*(?:fronts?|frontlines?|front\s+lines?|axes)\b")
_BRACKET_SKIP = re.compile(r"^\s*\([^()\n]{1,60}\)")
_CAP_RUN = re.compile(r"\b[A-Z][\w'’‘ʿ]+(?:[ -](?:(?:wa|al|el|as|ash|ad|ar|an|at|az|bin|ibn)[ -])?[A-Z][\w'’‘ʿ]+)+")

# a side of a region or town: "south east", "northern", "central"
_SIDE = r"(?:(?:north|south)(?:[\s\-]?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central)"
# what may stand between a place and the region that follows it: "X, Idlib", "X (Raqqa)",
# "X district, Khost", "X in the southern countryside of Idleb", "X village of Hama province"
_LOCAL_ADMIN = re.compile(r"\s*(?:(?:district|cent(?:er|re)|sub-?district|village|town|city|area|camp|province|"
                          r"governorate|sector|front|frontline|junction|checkpoint|crossing|base|mountain|valley|"
                          # ("Samraong commune in Ou Chrov district")
                          r"commune|township|municipality|tehsil|woreda)\s*)"
                          r"{0,2}"
                          r"(?:,|\(|in|of|on|,\s*in|\(\s*[^(),\n]{1,40},)\s*(?:the\s+)?"
                          # ("Woolwich, south east London": a side of the region or town, not "north of Baghdad")
                          rf"(?:{_SIDE}\s+(?!of\b))?"
                          r"(?:(?:\w+ern\s+)?(?:countryside|province|"
                          r"governorate|district|outskirts|parts?)\s+of\s+)?", re.I)
# ("Baiji, north of Baghdad" says where Baiji lies from the city, not that Baghdad's province holds it)
_SIDE_AFTER = re.compile(rf"\s*,\s*(?:the\s+)?{_SIDE}\s+(?!of\b)", re.I)
# what follows a place that is only the start of a longer name, or the first of two places, before the
# region or town holding them: " al Faraj area in ", " Bahrat area in ", " and Tal Ahmar in the countryside of "
_NAME_WORDS = r"(?:[\s\-]+(?:(?:al|as|ash|ad|ar|an|at|az|el|wa|bin|ibn|e|i|ye)[\s\-]+)?[A-Z][\w'’‘ʿ]*)"
_HELD_IN = re.compile(
    # the rest of a longer name, then a kind word: "Bab al Faraj area in" (not "Ontario Chamber of Commerce",
    # "Dawson County Jail in": an organisation or a building named after the place)
    rf"(?:(?:{_NAME_WORDS}{{1,3}}(?:\s+and\s+[A-Z][\w'’‘ʿ]*{_NAME_WORDS}{{0,2}})?"
    r"\s+(?:area|village|town|city|district|sub-?district|camp|neighbou?rhood|region|base)s?"
    # or a second place: "Maariya and Tal Ahmar in"
    rf"|\s+and\s+[A-Z][\w'’‘ʿ]*{_NAME_WORDS}{{0,2}}(?:\s+(?:area|village|town|city|district|sub-?district|camp|"
    r"neighbou?rhood|region|base)s?)?)"
    r"\s+(?:in|of)\s+"
    r"(?:the\s+)?(?:(?:\w+ern\s+|rural\s+)?(?:countryside|province|governorate|district|outskirts|parts?)\s+of\s+"
    r"(?:the\s+)?)?)")
# what follows a place named as a part of a district the gazetteer lacks (whatever words of that district's name
# it knows), before the province holding both: "Band Sharan of Ab Kamari district, " (Badghis), "-e-Turkmania
# village of Nahri Shahi district, " (Balkh), " Qala district, " ("Dashti Qala district, Takhar")
_OF_DISTRICT = re.compile(
    rf"(?:{_NAME_WORDS}{{0,3}}['’]?(?:\s+(?:area|village|town|neighbou?rhood|camp|base|post))?\s+of\s+[A-Z][\w'’‘ʿ]*"
    rf"{_NAME_WORDS}{{0,3}}|{_NAME_WORDS}{{1,3}})\s+(?:district|sub-?district)(?:\s+cent(?:er|re))?\s*,\s*")


# (also "X (Chikun LGA, Kaduna)": a district the gazetteer does not know, then the province)
# "Al Haqban village (Damt, Ad Dali)", "Al Hawban area (Sabir al Mawadim, Taizz)": a district and its
# province in brackets after a place
_BRACKET_KINDS = (r"(?:(?:area|village|town|city|district|sub-?district|camp|front|frontline|junction|checkpoint|"
                  r"mountain|valley|sector)\s*){0,2}")
_BRACKET_OPEN = re.compile(rf"\s*{_BRACKET_KINDS}[(\[]\s*", re.I)

# between the district and the province in "X (District, Province)", "X (Chikun LGA, Kaduna)"
_BRACKET_SEP = re.compile(r"\s*(?:(?:LGA|district|county|municipality|sub-?district|tehsil|woreda|commune)\s*)?,\s*",
                          re.I)
# ranks and titles written before a person's name; a capitalised word after them (and up to two given
# names) is a surname, not a place
_TITLE_BEFORE = re.compile(
    r"\b(?:Brigadier|General|Gen\.|Colonel|Col\.|Major|Maj\.|Lieutenant|Lt\.|Captain|Capt\.|Commander|"
    r"Sergeant|[Ss]pokesman|[Ss]pokeswoman|[Ss]pokesperson|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sheikh|President|Minister|"
    r"Senator|Sen\.|Pope|King|Queen|Prince|Princess|Judge|Justice|Governor|Gov\.|Rep\.|Congressman|Congresswoman|"
    r"Officer|Sheriff|Detective|Chancellor|Ayatollah|Imam|Emir|Prof\.|Professor|Rev\.|Reverend|Bishop|Cardinal|"
    r"Archbishop|Police\s+Chief)\s+(?:(?:[A-Z]\.|[A-Z][\w'’\-]+)\s+){0,2}$")
_POSSESSIVE = re.compile(r"[’']s?$")
_FOLLOWING_WORD = re.compile(r" [A-Z][\w'’\-]*")
# words that end a place's name rather than a person's ("Virginia Beach", "Lee County"); "Hill", "Park", "Brooks"
# are surnames too
_NOT_SURNAMES = frozenset(
    "beach station island islands springs falls heights valley lake river bay harbour harbor square street road "
    "avenue airport base camp creek junction crossing bridge county city town village township borough parish "
    "centre center".split())
# the capitalised word after a given name: a surname when it names no place and ends the run ("Julian Assange";
# "the Wayne Food Pantry" is a body's name)
_SURNAME_AFTER = re.compile(r"[ ]([A-Z][a-z][a-z'’\-]+)\b(?![ ]*[(,][ ]*[A-Z]|[ ]+[A-Z])")
# words of the names of bodies, buildings and papers, which a town's name may open ("Lawrence Police",
# "Marion High School", "Warren Tribune")
_BODY_WORDS = frozenset(
    "police council department fire board court hall library memorial medical regional public mall times post "
    "herald tribune journal news daily high middle elementary academy institute club church cathedral temple "
    "mosque museum theatre theater stadium arena hotel inn motel bank company corporation sheriff office state "
    "federal national international united new north south east west school university college hospital market "
    "gate park parks recreation area road county district community health city village".split())
# a place name glued to a participle is an attribute of an actor or thing ("Saudi-backed", "US-led",
# "Iran-allied", "Idlib-based"), not where anything happened
_COMPOUND_AFTER = re.compile(r"[-‐–](?:backed|led|allied|aligned|supported|sponsored|funded|affiliated|"
                             r"based|born|made|brokered|controlled|held|run|owned|trained|armed|bound)\b", re.I)

_QUARTER_OF_CITY_AFTER = re.compile(r"\s+(?:area|neighbou?rhood|quarter|district|suburb)\s+of\s+the\s+"
                                    r"(?:capital|city)\b")
# the last word of a newspaper's title named after its city ("the Los Angeles Times", "the Washington Post")
_PAPER_WORDS = (r"Times|Post|Herald|Tribune|Journal|Review-Journal|Gazette|Chronicle|Examiner|Inquirer|"
                r"Dispatch|Courier|Observer|Telegraph|Daily\s+News|Free\s+Press|Star-Tribune")
_COMPANY_AFTER = re.compile(r"\s+(?:Bank|Bancorp|Airways|Airlines|Air\s+Lines|Telecom|Holdings?|Cement|Insurance|"
                            r"Petroleum|Oil\s+Company|Company|Corporation|Corp\.?|Inc\.?|Ltd\.?|Group|FC|Football\s+Club|"
                            r"Stock\s+Exchange|"
                            # a newspaper named after its city ("by Phil Willon, Los Angeles Times"): the paper's
                            # city is no scene
                            + _PAPER_WORDS + r")\b")
# a newspaper's title: the place it opens names no region of the report ("the Washington Post" vouches for no
# place of Washington state)
_PAPER_AFTER = re.compile(r"\s+(?:" + _PAPER_WORDS + r")\b")
_PROVINCE_IN_BRACKET = re.compile(r"[\w'’]\]?\s*\(\s*[^()\n,]{1,40},\s*$")
_BRACKET_CLOSE = re.compile(r"\s*\)")
_CITY_WORD = re.compile(r"\s+(?:city|town)\b", re.I)
_BODY_AFTER = re.compile(r"(?:\s+[A-Z][a-z]+){0,2}\s+(?:Directorate|Rifles|Department|Ministry|Authority|Council|"
                         r"Commission|Committee|Regiment|Battalion|Corps|Chamber|Federation|Association|Hotel)\b")
# a place standing for who acts, not where: "Washington's new ambassador", "Baghdad's forces", "backed by Syria",
# "identified by Turkey as"; and a clock: "12:30 Moscow time"
_ACTOR_AFTER = re.compile(r"[’']s\s+(?:new\s+|former\s+|top\s+|own\s+)?(?:government|forces|troops|army|military|"
                          r"ambassador|envoy|embassy|regime|administration|leadership|officials?|authorities|allies|"
                          r"ally|diplomats?|president|prime\s+minister|foreign\s+minister|spokes(?:man|woman|person))\b",
                          re.I)
_AGENT_BEFORE = re.compile(r"\b(?:backed|supported|funded|armed|sponsored|identified|accused|claimed|condemned|"
                           r"recogni[sz]ed|sanctioned|announced|reported)\s+by\s+(?:the\s+)?$", re.I)
_ACCORDING_BEFORE = re.compile(r"\b[Aa]ccording\s+to\s+$")
# where someone lives or a unit is based, not where the event is: "Moussa Ranimat, 28, of Kafr Tsurif near Hebron,
# detonated a bomb in Tel Aviv", "a brigade based in the Baltic port city of Szczecin was ambushed near Karbala"
# ("pilgrims from Punjab staged a protest ... in Nanded": where people come from)
_HOME_BEFORE = re.compile(r"(?:,\s*\d{1,3}\s*,\s*of|\bbased\s+(?:in|at)"
                          r"(?:\s+the)?(?:\s+[a-z]+){0,4}(?:\s+of)?"
                          r"|\b(?:migrants?|labou?rers|workers|pilgrims|refugees|students|returnees|travell?ers|"
                          r"nationals|evacuees|deportees|tourists)\s+(?:hailing\s+|coming\s+|originally\s+)?from)"
                          r"\s+(?:the\s+)?$", re.I)
_CLOCK_AFTER = re.compile(r"\s+(?:standard\s+|summer\s+|local\s+)?time\b", re.I)
# a place named as a point of reference for another: "80 km west of", "just south of", "200 miles from"
_AGE_AFTER = re.compile(r",\s*(?:aged\s+)?\d{1,3}\s*,\s*(?:was|is|had|has|who|a|an|said|told|died)\b")
_REFERENCE_BEFORE = re.compile(
    r"(?:\b\d[\d,.]*\s*(?:km|kms|kilomet(?:er|re)s?|mi|miles?)\s*(?:\([^()]{1,20}\)\s*)?"
    r"(?:(?:north|south|east|west|(?:north|south)[- ]?(?:east|west))(?:ern)?\s+)?(?:of|from)"
    r"|,\s*(?:just\s+|some\s+|about\s+)?(?:north|south|east|west|(?:north|south)[- ]?(?:east|west))\s+of)"
    r"\s+(?:the\s+)?(?:(?:capital|city|town|province)\s+(?:of\s+)?)?$", re.I)
# "the Damascus suburb of Douma": the city before "suburb of" qualifies the suburb after it ("the Mansour district
# of Baghdad" is the other way round, so only "suburb" is read so)
_SUBURB_OF_AFTER = re.compile(r"\s+suburbs?\s+of\s+(?:the\s+)?[A-Z]")
_DIRECTIONS = frozenset("north south east west northern southern eastern western central northeast northwest "
                        "southeast southwest upper lower middle northeastern northwestern southeastern "
                        "southwestern".split())

# A capitalised run is tried fuzzily only right after a locative word ("near Khob Wa Ashaaf").
_NEXT_NAME_WORD = re.compile(r" [A-Z][a-z]")
_TOWN_REGION = re.compile(r"\b([A-Z][a-z'’‘ʿ\-]{4,}),\s+(?=[A-Z][a-z])")
# a name written just before "in [the southern countryside of] <Province>": "the town of Binnesh in Idleb province"
# the district a list of places lies in, written after it: "..., X and Y areas of Az Zahir district"
_AREAS_OF_DISTRICT = re.compile(r"[^.;()\n]{0,80}?\b(?:areas?|villages?|parts?)\s+of\s+"
                                r"([A-Z][\w'’\-]*(?:\s+[A-Z][\w'’\-]*){0,3})\s+district\b")
# a town's name on the prison or air base named after it: "in the regime's Sidnaya military prison"
_NAMED_FACILITY = re.compile(r"\b([A-Z][a-z'’‘ʿ\-]{3,})\s+(?i:(?:(?:military|central|civil|international)\s+)?"
                             r"(?:prison|airport|air\s?base|barracks))\b")
_BEFORE_REGION = re.compile(r"\b([A-Z][\w'’‘ʿ\-]{3,})(?:\s+(?:town|village|area|city|camp))?\s+in\s+(?:the\s+)?"
                            r"(?:(?:\w+ern|rural)\s+)?(?:(?:countryside|province|governorate|outskirts|suburbs)\s+of\s+)?$")
_ADMIN_SLOT = re.compile(r"\(([A-Z][\w'’‘ʿ\-]+(?: [A-Za-z][\w'’‘ʿ\-]+){0,3}),\s+([A-Z][\w'’‘ʿ\- ]{2,40})\)")
_LOCATIVE_CUE = re.compile(r"\b(in|near|at|outside|around|of|from|village|town|city|district|province|"
                           r"governorate|area|camp)\s+(the\s+)?$", re.I)

_KIND_METHOD = {K_CITY: "gazetteer", K_SUPP: "supplement", K_ACLED: "acled-import", K_IMPORT: "import",
                K_ADM1: "admin", K_ADM2: "admin", K_COUNTRY: "country-only"}


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine, mean Earth radius 6371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


# "the North Zone of", "the city's West Zone": a zone of the city named next (geo_city_zones.tsv)
_ZONE_OF_BEFORE = re.compile(r"\b(North|South|East|West|Central|Centre|Center)(?:ern)?\s+Zone\s+of\s+(?:the\s+city\s+of\s+)?$",
                             re.I)
_ZONE_WORDS = {"north": "North", "south": "South", "east": "East", "west": "West", "central": "Central",
               "centre": "Central", "center": "Central"}


@lru_cache(maxsize=1)
def _missions() -> tuple[re.Pattern, dict[str, str]]:
    """(a pattern matching the missions' names as written, name in lower case -> ISO country code)."""
    rows = {name.strip(): cc.strip() for name, cc, *_ in _tsv("geo_missions.tsv")}
    names = sorted(rows, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")
    return pattern, {n.lower(): cc for n, cc in rows.items()}


@lru_cache(maxsize=1)
def _city_zones() -> dict[tuple[str, str, str], tuple[str, tuple[float, float]]]:
    """(country code, city key, zone) -> (the city's name, the zone's point), from geo_city_zones.tsv."""
    out = {}
    for city, cc, zone, lat, lon, *_ in _tsv("geo_city_zones.tsv", 6):
        if city == "city":
            continue
        out[(cc, name_key(city), zone)] = (city, (float(lat), float(lon)))
    return out


def _read_list(name: str) -> set[str]:
    out = set()
    with open(_DATA / name, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                out.add(line.split("\t")[0])
    return out


def _tsv(name: str, columns: int = 2) -> Iterator[list[str]]:
    """The rows of a data table with a first cell and a second (strife.resources.data_rows), each padded to
    ``columns`` cells."""
    for r in data_rows(name):
        if len(r) >= 2 and r[0].strip():
            yield r + [""] * (columns - len(r))


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    out = {}
    for adj, iso2, *rest in _tsv("geo_demonyms.tsv", 3):
        if rest and rest[0] == "noun":
            continue
        out[adj.lower()] = iso2
        out[adj.lower() + "s"] = iso2
    # the coder's nationality table (data/nationalities.tsv, ACLED country names) adds the rest ("Swiss",
    # "Czech"); its country names and possessives ("US", "Syria's") are places, not adjectives
    from .gazetteer import _country_lookup

    lookup = _country_lookup()
    for adj, country, *_ in _tsv("nationalities.tsv"):
        iso2 = lookup.get(name_key(country))
        if iso2 and adj.replace(" ", "").isalpha() and name_key(adj) not in lookup and adj.lower() not in out:
            out[adj.lower()] = iso2
            out[adj.lower() + "s"] = iso2
    return out


@lru_cache(maxsize=1)
def _outlets() -> tuple[dict[str, str], dict[str, str]]:
    """Outlet name (lower case) -> iso2 and web domain -> iso2, from src/strife/data/outlets.tsv (the table
    the event coder reads too; its countries are ACLED's names)."""
    from .gazetteer import _country_lookup

    lookup = _country_lookup()
    names: dict[str, str] = {}
    domains: dict[str, str] = {}
    for outlets, country, domain_list, *_ in _tsv("outlets.tsv", 3):
        iso2 = lookup.get(name_key(country)) if country.strip() else None
        if iso2 is None:
            continue
        for n in outlets.split("|"):
            if n.strip():
                names[_outlet_key(n)] = iso2
        for d in domain_list.split("|"):
            if d.strip():
                domains[d.strip().lower()] = iso2
    return names, domains


def _outlet_key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().lower()


def outlet_country(outlet: str | None, url: str | None, countries: dict | None = None) -> str | None:
    """The home country (iso2) of an article's outlet: its name, its web domain, else the domain's
    country-code suffix ("sana.sy" -> SY); None when nothing says."""
    names, domains = _outlets()
    by_name = {info["name"].lower(): cc for cc, info in (countries or {}).items() if info.get("name")}
    for part in (outlet or "").split(";"):
        key = _outlet_key(part)
        if not key:
            continue
        for k in (key, key.split(" - ")[0].strip(), re.sub(r"\s*\(.*?\)\s*", " ", key).strip()):
            if k in names:
                return names[k]
        # "Dawn (Pakistan)", "Times of India", "OSCE SMM-Ukraine": the name says it
        for w in re.findall(r"[a-z]+(?:\s+[a-z]+)?", key.replace("-", " ")):
            for cand in (w, w.split(" ")[0]):
                if cand in by_name:
                    return by_name[cand]
                if cand in _demonyms():
                    return _demonyms()[cand]
        break  # the first outlet is the reporting one
    if url:
        host = re.sub(r"^[a-z][a-z0-9+.\-]*://", "", url.strip().lower()).split("/")[0].split(":")[0]
        host = host[4:] if host.startswith("www.") else host
        for d, cc in domains.items():
            if host == d or host.endswith("." + d):
                return cc
        tld = host.rsplit(".", 1)[-1] if "." in host else ""
        if len(tld) == 2 and tld not in _GENERIC_TLDS:
            cc = "GB" if tld == "uk" else tld.upper()
            if countries is None or cc in countries:
                return cc
    return None


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    """Abbreviation -> gazetteer id of the admin1 region it names (src/strife/data/geo_abbreviations.tsv and,
    read only after "Town, ", geo_state_abbreviations.tsv)."""
    return {**{r[0]: "geonames:" + r[1].strip() for r in _tsv("geo_abbreviations.tsv")}, **_after_town_abbreviations()}


@lru_cache(maxsize=1)
def _after_town_abbreviations() -> dict[str, str]:
    """The abbreviations read only after "Town, " (geo_state_abbreviations.tsv) -> gazetteer id."""
    return {r[0]: "geonames:" + r[1].strip() for r in _tsv("geo_state_abbreviations.tsv")}


@lru_cache(maxsize=1)
def _nationality_nouns() -> frozenset[str]:
    """Nationality nouns of ``geo_demonyms.tsv`` ("Briton", "Britons"): no place, no country cue."""
    rows = [adj.lower() for adj, _iso2, *rest in _tsv("geo_demonyms.tsv", 3) if rest and rest[0] == "noun"]
    return frozenset(rows + [w + "s" for w in rows])


_LOWER_WORD = re.compile(r"(?<=[a-z,;] )([a-z]{3,})\b")


def _lower_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case mid-sentence (after a lower-case word or a comma)."""
    return frozenset(_LOWER_WORD.findall(text))


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    words = {token_key(w) for w in _read_list("geo_stopwords.txt")}
    words.discard("")
    return frozenset(words)


@dataclass(slots=True)
class _Match:
    start: int
    end: int
    text: str
    entries: tuple[int, ...]
    method: str
    ntok: int
    label: str | None = None  # NER's label when an entity spans exactly this match ("GPE" for "Cairo")
    standin: bool = False  # right after a place name the gazetteer does not know ("near Bohdanivka, Donetsk")
    named_as_place: bool = False  # after "the town of", "the village of" ("the town of Zhukovskiy")
    bare: bool = False  # no NER entity overlaps it


class Geocoder:
    """Gazetteer matching and resolution; one instance per process (see :meth:`load`)."""

    _instances: dict[str, "Geocoder"] = {}
    _lock = threading.Lock()

    def __init__(self, settings: Settings):
        self.settings = settings
        self.gaz: Gazetteer = load_index(settings)
        self._country_keys: dict[str, tuple[list[str], list[int]]] = {}
        self._vowel_keys: dict[str, dict[str, list[int]]] = {}
        self._fuzzy_memo: dict[tuple, tuple] = {}
        self._slot_keys: dict[tuple[str, str], tuple[list[str], list[int]]] = {}
        self._stop = _stopwords()
        self._given = frozenset(w.lower() for w in _read_list("geo_given_names.txt"))
        self._demonyms = _demonyms()
        self._war = {cc for cc, info in self.gaz.countries.items() if info["name"] in settings.war_zones}
        self._by_adm1: dict[tuple[str, str], list[int]] | None = None
        self._side_memo: dict[tuple, tuple[float, float]] = {}
        self._abbr_re, self._abbr_entries = self._load_abbreviations()
        # front-line and imported points by grid cell (country, lat cell, lon cell), filled by _hot_cells
        self._hot_points: dict[tuple[str, int, int], list[tuple[float, float]]] = {}
        self._hot = self._hot_cells()
        # countries with a front line on file (front_lines.tsv) or imported ACLED places
        self._hot_countries = frozenset(cc for cc, _la, _lo in self._hot)

    def _hot_cells(self) -> frozenset[tuple[str, int, int]]:
        """Grid cells (country, HOT_CELL_DEG) where the conflicts the user follows are fought: the places of
        the user's ACLED imports and the front-line settlements of data/front_lines.tsv, each with its
        neighbouring cells.  An ambiguous name ("Vesele": nine villages in Ukraine) leans to the namesake
        there; explicit cues (a region beside the name, the article's other places) still weigh more."""
        gaz = self.gaz
        pts: list[int] = [e for e in range(len(gaz.name)) if gaz.kind[e] == K_ACLED]
        by_country: dict[str, list[str]] = {}
        for place, country, *_ in _tsv("front_lines.tsv"):
            by_country.setdefault(country, []).append(place)
        for country, places in by_country.items():
            cc = next((c for c, info in gaz.countries.items() if info.get("name") == country), None)
            if cc is None:
                continue
            found = [[e for e in gaz.entries_for_key(name_key(p)) if gaz.cc[e] == cc
                      and gaz.kind[e] in (K_CITY, K_SUPP)] for p in places]
            # a name the supplement places is the front-line bearer the team placed (geo_supplement.tsv: "each
            # row is the front-line bearer of its name"), not its namesakes behind the line
            found = [[e for e in es if gaz.kind[e] == K_SUPP] or es for es in found]
            # a name's namesakes far from the line stay out: only regions that hold a tenth of the table
            regions = Counter(a for es in found for a in {gaz.adm1[x] for x in es})
            keep = {a for a, n in regions.items() if n * 10 >= len(places)}
            found = [[e for e in es if gaz.adm1[e] in keep] for es in found]
            # and of a name borne by several places there, only those near a settlement whose name is
            # unique there (the line is a strip: "Vasylivka" also names villages 60 km behind it)
            core = [es[0] for es in found if len(es) == 1]
            pts.extend(e for es in found for e in es if len(es) == 1 or any(
                distance_km(gaz.lat[e], gaz.lon[e], gaz.lat[c], gaz.lon[c]) <= FRONT_STRIP_KM
                for c in core if c != e))
        cells = set()
        for e in pts:
            la, lo = int(math.floor(gaz.lat[e] / HOT_CELL_DEG)), int(math.floor(gaz.lon[e] / HOT_CELL_DEG))
            cells.update((gaz.cc[e], la + i, lo + j) for i in (-1, 0, 1) for j in (-1, 0, 1))
            self._hot_points.setdefault((gaz.cc[e], la, lo), []).append((gaz.lat[e], gaz.lon[e]))
        return frozenset(cells)

    def _hot_bonus(self, e: int) -> float:
        """HOT_BONUS on a conflict place itself, falling to nothing HOT_REACH_KM from the nearest one: among
        same-named villages near the line, the one on it ("Vesele" by Donetsk airport, not the larger Vesele
        40 km behind the line)."""
        gaz = self.gaz
        la, lo = int(math.floor(gaz.lat[e] / HOT_CELL_DEG)), int(math.floor(gaz.lon[e] / HOT_CELL_DEG))
        d = min((distance_km(gaz.lat[e], gaz.lon[e], pla, plo)
                 for i in (-1, 0, 1) for j in (-1, 0, 1)
                 for pla, plo in self._hot_points.get((gaz.cc[e], la + i, lo + j), ())), default=None)
        if d is None:
            return 0.0
        return HOT_BONUS * max(0.0, 1.0 - max(0.0, d - HOT_NEAR_KM) / (HOT_REACH_KM - HOT_NEAR_KM))

    def _near_front(self, e: int) -> bool:
        """Whether entry ``e`` lies within GUESS_REACH cells of a hot cell of its country (about 100 km)."""
        gaz = self.gaz
        la, lo = int(math.floor(gaz.lat[e] / HOT_CELL_DEG)), int(math.floor(gaz.lon[e] / HOT_CELL_DEG))
        return any((gaz.cc[e], la + i, lo + j) in self._hot
                   for i in range(-GUESS_REACH, GUESS_REACH + 1) for j in range(-GUESS_REACH, GUESS_REACH + 1))

    def _load_abbreviations(self):
        """A regex over the region abbreviations the gazetteer knows, and abbreviation -> entries."""
        wanted = _abbreviations()
        by_gid: dict[str, int] = {}
        ids = set(wanted.values())
        for e, gid in enumerate(self.gaz.gid):
            if gid in ids and self.gaz.kind[e] == K_ADM1:
                by_gid[gid] = e
        entries = {a: (by_gid[g],) for a, g in wanted.items() if g in by_gid}
        if not entries:
            return None, {}
        alts = "|".join(re.escape(a) for a in sorted(entries, key=len, reverse=True))
        return re.compile(rf"(?<![\w.])(?:{alts})(?![\w])"), entries

    def _abbreviation_matches(self, text: str) -> list[_Match]:
        if self._abbr_re is None:
            return []
        after_town = _after_town_abbreviations()
        return [_Match(g.start(), g.end(), g.group(), self._abbr_entries[g.group()], "gazetteer", 1)
                for g in self._abbr_re.finditer(text)
                if g.group() not in after_town or _TOWN_COMMA_BEFORE.search(text, max(0, g.start() - 40), g.start())]

    @classmethod
    def load(cls, settings: Settings) -> "Geocoder":
        key = str(settings.gazetteer_dir)
        with cls._lock:
            inst = cls._instances.get(key)
            if inst is None or inst.gaz is not load_index(settings):
                inst = cls(settings)
                cls._instances[key] = inst
            return inst

    # ------------------------------------------------------------------------------------------
    # matching

    def _exact_matches(self, text: str) -> list[_Match]:
        # Gazetteer.match_names: only runs of capitalised words (with the lower-case articles and
        # connectors names contain) are searched, each run's matches memoised (benchmarks/bench_matcher.py)
        return [_Match(s, e, text[s:e], entries, "gazetteer", ntok)
                for s, e, entries, ntok in self.gaz.match_names(text)]

    def _country_index(self, cc: str) -> tuple[list[str], list[int]]:
        got = self._country_keys.get(cc)
        if got is None:
            kids = list(self.gaz.country_keys.get(cc, ()))
            got = self._country_keys[cc] = ([self.gaz.key_list[i] for i in kids], kids)
        return got

    def _fuzzy(self, span_text: str, countries: list[str]) -> tuple[int, ...]:
        key = _span_key(span_text)
        memo_key = (key, tuple(countries))
        got = self._fuzzy_memo.get(memo_key)
        if got is None:
            got = self._fuzzy_memo[memo_key] = self._fuzzy_uncached(key, countries)
        return got

    def _fuzzy_uncached(self, key: str, countries: list[str]) -> tuple[int, ...]:
        if len(key) < FUZZY_MIN_LEN:
            return ()
        best, best_score, best_cc = None, 0.0, None
        for cc in countries:
            keys, kids = self._country_index(cc)
            for hit in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_THRESHOLD, limit=5):
                if hit[1] > best_score and _fuzzy_alike(key, hit[0]) and not self._country_key(kids[hit[2]]):
                    best, best_score, best_cc = kids[hit[2]], hit[1], cc
                    break
        if best is None and FUZZY_VOWEL_RATIO is not None and len(key) >= FUZZY_VOWEL_MIN_LEN:
            # the same consonants with other vowels ("Menoufia" = Monufia, Minufiya): transliterations of
            # Arabic and Persian disagree most on vowels; taken only when one name of a country fits
            shape = _vowel_shape(key)
            for cc in countries:
                kids = self._vowel_index(cc).get(shape, ())
                places = {frozenset(e for e in self.gaz.entries_for_key(self.gaz.key_list[k]) if self.gaz.cc[e] == cc)
                          for k in kids}
                if len(places) == 1:
                    score, kid = max((fuzz.ratio(key, self.gaz.key_list[k]), k) for k in kids)
                    if score >= FUZZY_VOWEL_RATIO and _fuzzy_alike(key, self.gaz.key_list[kid]):
                        best, best_cc = kid, cc
                        break
        if best is None:
            return ()
        gaz = self.gaz
        return tuple(e for e in gaz.key_entries[gaz.key_offsets[best]:gaz.key_offsets[best + 1]] if gaz.cc[e] == best_cc)

    def _slot_region(self, text: str, countries: list[str]) -> tuple[str, str] | None:
        """The (country, admin1 code) a bracket's second name stands for, when it is a province of one of the
        article's countries ("Al Hudaydah", "Abyan"), else None."""
        gaz = self.gaz
        key = _span_key(text)
        got = {(gaz.cc[x], gaz.adm1[x]) for x in gaz.entries_for_key(key)
               if gaz.kind[x] == K_ADM1 and gaz.cc[x] in countries}
        return got.pop() if len(got) == 1 else None

    def _slot_fuzzy(self, span_text: str, cc: str, adm1: str) -> tuple[int, ...]:
        """Another spelling of a district or town of one province (SLOT_FUZZY_THRESHOLD): "Bayt Al Faqiah" =
        Bayt al Faqih, "Al Mahad" = Al Mahfad.  Within one province a near spelling is rarely another place, so
        the generic-first-word test of the country-wide tier is not applied (a suffixed name still is)."""
        key = _span_key(span_text)
        if len(key.replace(" ", "")) < FUZZY_MIN_LEN:
            return ()
        got = self._province_keys(cc, adm1)
        hits = process.extract(key, got[0], scorer=fuzz.ratio, score_cutoff=SLOT_FUZZY_THRESHOLD, limit=2)
        if not hits or (len(hits) > 1 and hits[1][1] == hits[0][1]):
            return ()  # none, or two names as near: no guess
        if _suffix_extended(key, hits[0][0]):
            return ()
        gaz = self.gaz
        kid = got[1][hits[0][2]]
        return tuple(x for x in gaz.key_entries[gaz.key_offsets[kid]:gaz.key_offsets[kid + 1]]
                     if gaz.cc[x] == cc and gaz.adm1[x] == adm1)

    def _province_keys(self, cc: str, adm1: str) -> tuple[list[str], list[int]]:
        """The keys (and key ids) of the towns, supplement places and districts of one province (memoised)."""
        got = self._slot_keys.get((cc, adm1))
        if got is None:
            gaz = self.gaz
            keys, kids = self._country_index(cc)
            got = self._slot_keys[(cc, adm1)] = ([], [])
            for k, kid in zip(keys, kids):
                if any(gaz.adm1[x] == adm1 and gaz.kind[x] in (K_CITY, K_SUPP, K_ADM2)
                       for x in gaz.key_entries[gaz.key_offsets[kid]:gaz.key_offsets[kid + 1]]):
                    got[0].append(k)
                    got[1].append(kid)
        return got

    def _slot_skeleton(self, span_text: str, cc: str, adm1: str) -> tuple[int, ...]:
        """Another vowelling of a one-word name of one province: the same consonants (``skeleton``, at least
        SLOT_SKELETON_MIN), one place of the province bearing them, and fuzz.ratio >= SLOT_SKELETON_RATIO
        ("Binnesh" = Binnish)."""
        key = _span_key(span_text)
        if " " in key or len(key) < FUZZY_MIN_LEN:
            return ()
        sk = skeleton(key)
        if len(sk) < SLOT_SKELETON_MIN:
            return ()
        gaz = self.gaz
        keys, kids = self._province_keys(cc, adm1)
        hits = [(k, kid) for k, kid in zip(keys, kids) if " " not in k and skeleton(k) == sk
                and fuzz.ratio(key, k) >= SLOT_SKELETON_RATIO and not _suffix_extended(key, k)]
        entries = {x for _k, kid in hits for x in gaz.key_entries[gaz.key_offsets[kid]:gaz.key_offsets[kid + 1]]
                   if gaz.cc[x] == cc and gaz.adm1[x] == adm1 and gaz.kind[x] in (K_CITY, K_SUPP, K_ADM2)}
        if len({(round(gaz.lat[x], 2), round(gaz.lon[x], 2)) for x in entries}) != 1:
            return ()  # none, or several places: no guess
        return tuple(sorted(entries))

    def _country_key(self, kid: int) -> bool:
        """Whether a key names a country (a village spelled near "Suriya" is no Syria, nor Spain's Suria)."""
        gaz = self.gaz
        return any(gaz.kind[e] == K_COUNTRY for e in gaz.key_entries[gaz.key_offsets[kid]:gaz.key_offsets[kid + 1]])

    def _vowel_index(self, cc: str) -> dict[str, list[int]]:
        got = self._vowel_keys.get(cc)
        if got is None:
            got = self._vowel_keys[cc] = {}
            keys, kids = self._country_index(cc)
            for k, kid in zip(keys, kids):
                if len(k) >= FUZZY_VOWEL_MIN_LEN:
                    got.setdefault(_vowel_shape(k), []).append(kid)
        return got

    def _person_names(self, ents, kept: list[_Match], text: str) -> tuple[list[tuple[int, int]], set[str]]:
        """Spans of the PERSON entities that are a person's full name, and the keys of their surnames.

        An entity of two or three capitalised words that opens with a common given name (``geo_given_names.txt``)
        and follows no locative word is a name, even where every word is also a small town ("Lee Rigby",
        "Clarence Thomas", "Stephen Paddock's").  One match over the whole entity ("Kafr Nabl" tagged PERSON), a
        place word ("Virginia Beach", "Lee County"), a country, province, big city or a war zone's place keeps
        the entity's places."""
        gaz = self.gaz
        spans: list[tuple[int, int]] = []
        surnames: set[str] = set()
        by_start = {m.start: m for m in kept}
        for es, ee, label in ents:
            if label != "PERSON" or _LOCATIVE_BEFORE.search(text, max(0, es - 20), es) or _named_as_place(text, es):
                continue
            words = [w for w in _TOKEN_RE.finditer(text, es, ee) if token_key(w.group())]
            if not 2 <= len(words) <= 3 or "," in text[es:ee] or any(
                    not w.group()[:1].isupper() or not _POSSESSIVE.sub("", w.group()).isalpha() for w in words):
                continue
            if any(w.group().lower() in _ADMIN_NOUNS or w.group().lower() in _NOT_SURNAMES
                   or (w.group().isupper() and len(w.group()) > 1) for w in words) or _open_bracket_before(text, es):
                continue  # "Kankara LGA", "Greer Station", "(Saraqib Idlib)": a place's name, not a person's
            if _POSSESSIVE.sub("", words[0].group()).lower() not in self._given:
                continue
            found = [by_start.get(w.start()) for w in words]
            if any(f is not None and f.end > w.end() + 2 for f, w in zip(found, words)):
                continue  # a longer name runs over the words ("Kafr Nabl")
            if any(f is not None and any(gaz.kind[e] in (K_COUNTRY, K_AREA) or gaz.cc[e] in self._war
                                         or (((gaz.kind[e] == K_ADM1 and token_key(f.text) == name_key(gaz.name[e]))
                                              or (gaz.pop[e] >= FOREIGN_KEEP_POP
                                                  and name_key(gaz.name[e]) == token_key(f.text)))
                                             and i > 0)
                                         for e in f.entries) for i, f in enumerate(found)):
                continue  # a country, province or big city, or a war zone's place, is no name word here (the
                # given name itself may be a province or a city elsewhere: "Michael Hayden" is no parish of the
                # Isle of Man, "Florence Nightingale" no Italian city; a big city counts by its own name, not an
                # old one: Mesa, Arizona was once "Hayden"; and so does a province: "Quentin Lamar Smith" is no
                # Smith's Parish of Bermuda)
            spans.append((es, ee))
            # (the surname alone elsewhere is the person, and so is the given name: "Rigby said", "Julian has")
            surnames.update(token_key(f.text) for f in (found[0], found[-1]) if f is not None)
        # a given name the gazetteer holds as a small town, right before a capitalised word that names no place
        # and is no word of a place's or a body's name: "the Julian Assange case" (no entity needed); the given
        # name alone elsewhere in the article ("Julian has been vindicated") is that person too
        for m in kept:
            if m.ntok != 1 or m.text.lower() not in self._given or any(
                    gaz.kind[e] in (K_COUNTRY, K_ADM1, K_AREA) or gaz.cc[e] in self._war
                    or gaz.pop[e] >= WEAK_MATCH_POP for e in m.entries):
                continue
            g = _SURNAME_AFTER.match(text, m.end)
            if g is None or g.start(1) in by_start or g.group(1).lower() in _NOT_SURNAMES \
                    or g.group(1).lower() in _ADMIN_NOUNS or g.group(1).lower() in _BODY_WORDS \
                    or _LOCATIVE_BEFORE.search(text, max(0, m.start - 20), m.start) or _named_as_place(text, m.start):
                continue
            spans.append((m.start, g.end(1)))
            surnames.add(token_key(m.text))
        return spans, surnames

    def _region_elsewhere(self, m: _Match, countries: set[str]) -> bool:
        """Whether ``m`` also names a region of a country other than ``countries`` ("Georgia", "Niger")."""
        gaz = self.gaz
        return any(gaz.kind[e] == K_ADM1 and gaz.cc[e] not in countries for e in m.entries)

    def _nationality_after(self, text: str, end: int) -> bool:
        """Whether a person's nationality stands in apposition right after ``end`` (", a Yemeni,")."""
        g = _NATIONAL_AFTER.match(text, end)
        return g is not None and g.group(1).lower() in self._demonyms

    def _foreign_to(self, m: _Match, kept: list[_Match], text: str) -> bool:
        """Whether ``m``'s name never stands alone in the article (every time a capitalised word follows it: "the
        Mandalay Bay hotel", "Mandalay Bay Resort") and the article's other names vouch for a country
        FOREIGN_NAME_VOTES times, never for one of ``m``'s."""
        key = token_key(m.text)
        for x in kept:
            if x is m or token_key(x.text) == key:
                nxt = _FOLLOWING_WORD.match(text, x.end)
                if nxt is None:
                    return False  # the name also stands alone: the place itself is meant
        votes: Counter = Counter()
        others = [x for x in kept if token_key(x.text) != key]
        self._article_countries_quick(others, text, strong_only=True, counts=votes)
        gaz = self.gaz
        return (bool(votes) and votes.most_common(1)[0][1] >= FOREIGN_NAME_VOTES
                and not any(votes[gaz.cc[e]] for e in m.entries))

    def _candidates(self, article: Article, doc) -> list[_Match]:
        text = article.text
        # region abbreviations ("NSW") first, so that on equal spans they win over the gazetteer's words
        abbr = self._abbreviation_matches(text)
        abbr_spans = {(m.start, m.end) for m in abbr}
        raw = abbr + self._exact_matches(text)
        # leftmost-longest, non-overlapping ("Deir ez-Zor" over "Zor")
        raw.sort(key=lambda m: (m.start, -m.end))
        kept: list[_Match] = []
        last_end = -1
        for m in raw:
            if m.start >= last_end:
                kept.append(m)
                last_end = m.end
            elif kept and (m.start, m.end) == (kept[-1].start, kept[-1].end) and (m.start, m.end) not in abbr_spans:
                # the same words under two keys ("Dawlat Abad" as written and glued, Dowlatabad): all their places
                kept[-1].entries = tuple(dict.fromkeys(kept[-1].entries + m.entries))
        for m in kept:  # "Syria's" -> "Syria", "Damascus'" -> "Damascus"
            g = re.search(rf"[{_MARKS}]s?$", m.text)
            # (a possessive is followed by what is owned, not by a comma: "St. John's, Antigua" is a name)
            if g and len(m.text) - len(g.group()) >= 3 and not _COMMA_AFTER.match(text, m.end):
                m.end -= len(g.group())
                m.text = text[m.start:m.end]
        ents = []
        if doc is not None:
            ents = [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
        home = outlet_country(article.outlet, article.url, self.gaz.countries)
        kept = [m for m in kept if not _CURRENCY_AFTER.match(text, m.end)]
        countries = set(self._article_countries_quick(kept, text, strong_only=True))
        kept_at = {m.start: m for m in kept}
        if home:
            countries.add(home)
        gaz = self.gaz
        # surnames: a word right after a rank or title ("Brigadier General Yehya Saree") names a person
        # wherever it recurs in the article ("..., Saree said")
        persons = {token_key(m.text) for m in kept
                   if m.ntok == 1 and _TITLE_BEFORE.search(text, max(0, m.start - 80), m.start)}
        # ... and so does a name NER calls a person before a noun that takes one ("the Kennedy assassination",
        # "the Obama administration"): "assassinating Kennedy" elsewhere is that person too
        persons.update(token_key(m.text) for m in kept
                       if m.ntok == 1 and _PERSON_NOUN_AFTER.match(text, m.end)
                       and _covering(ents, m.start, m.end)[0] == "PERSON"
                       and not any(gaz.kind[e] in (K_ADM1, K_AREA) for e in m.entries))
        # ... and so does the surname of a person NER names in full ("Matt Gonzalez", "Anita Hill"): "Gonzalez
        # said", "Hill claims" elsewhere in the article are that person, not Gonzalez, Texas
        name_spans, surnames = self._person_names(ents, kept, text)
        # the article's own common words: a one-word town name it also writes in lower case ("the Faith" in a
        # story that speaks of faith, "the Church" beside "church", "Freedom Outpost" beside "freedom")
        lower_words = _lower_words(text)
        # (where a longer name or a region starts: "Hodeidah Red Sea port city" is two places)
        starts = {m.start for m in kept if m.ntok > 1 or any(
            gaz.kind[e] in (K_COUNTRY, K_ADM1, K_AREA) for e in m.entries)}
        out = []
        for m in kept:
            if (m.text.lower() in self._demonyms or m.text.lower() in _nationality_nouns()) and not any(
                    gaz.kind[e] == K_COUNTRY for e in m.entries) and not (
                        # "the Somali region", "Afar Region": Ethiopia's regions named after a people
                        _REGION_WORD_AFTER.match(text, m.end) and any(gaz.kind[e] == K_ADM1 for e in m.entries)):
                continue
            if m.ntok == 1 and persons and token_key(m.text) in persons and not any(
                    gaz.kind[e] == K_COUNTRY for e in m.entries):
                continue
            if name_spans and any(s <= m.start and m.end <= e for s, e in name_spans):
                continue  # a word of a person's full name ("Lee Rigby", "Stephen Paddock's")
            if m.ntok == 1 and surnames and token_key(m.text) in surnames and not any(
                    gaz.kind[e] in (K_COUNTRY, K_ADM1) for e in m.entries) \
                    and not _LOCATIVE_BEFORE.search(text, max(0, m.start - 20), m.start) \
                    and not _PREP_BEFORE.search(text, max(0, m.start - 12), m.start) \
                    and not _ADMIN_AFTER.match(text, m.end) and not _bracketed(text, m):
                continue
            if m.ntok == 1 and _WHO_AFTER.match(text, m.end) and not any(
                    gaz.kind[e] in (K_COUNTRY, K_ADM1, K_AREA) for e in m.entries) \
                    and not _PREP_BEFORE.search(text, max(0, m.start - 8), m.start):
                continue  # "Castro, who slammed the moves": a person ("residents of Saraqib, who fled" stay)
            if m.ntok == 1 and _AGE_AFTER.match(text, m.end) and not any(
                    gaz.kind[e] in (K_COUNTRY, K_ADM1, K_AREA) for e in m.entries):
                continue  # "Millan, 41, was shot": a person and their age
            if m.ntok == 1 and self._nationality_after(text, m.end) and not any(gaz.kind[e] in (K_COUNTRY, K_ADM1, K_AREA) for e in m.entries):
                continue  # "Hamdan, a Yemeni, was captured": a person and their nationality ("Mosul, an Iraqi
                # city" names a place: a place noun after the nationality word keeps it)
            if m.ntok == 1 and _ACCORDING_BEFORE.search(text, max(0, m.start - 20), m.start) \
                    and text[m.end:m.end + 1] == ",":
                continue  # "According to Adan, Philippine navy ships...": a source (a person, a government)
            if all(w.lower() in _DIRECTIONS for w in _TOKEN_RE.findall(m.text)) and not any(
                    gaz.kind[e] == K_AREA for e in m.entries):
                continue  # "North East", "Southern": directions, whatever region GeoNames calls so ("South
                # West England" is no Cameroonian South-West); the "Middle East" stays
            if _EZAFE_BEFORE.search(text, max(0, m.start - 6), m.start):
                continue  # the end of a Persian compound name ("Takht-e-Pol"), not a place of its own
            if (m.ntok == 1 and _NEXT_NAME_WORD.match(text, m.end) and not _ADMIN_AFTER.match(text, m.end)
                    and all(gaz.kind[e] in (K_CITY, K_SUPP, K_ADM2) and gaz.pop[e] < WEAK_MATCH_POP
                            and name_key(gaz.name[e]) != token_key(m.text) for e in m.entries)):
                continue  # the first word of a longer name the gazetteer lacks, which places bear only among
                # their other names: "near Sierra Vieja" is no Sierra Papacal (nor a Sierra County)
            if (m.ntok == 1 and _NEXT_NAME_WORD.match(text, m.end) and not _ADMIN_AFTER.match(text, m.end)
                    and not any(gaz.cc[e] in self._war or gaz.kind[e] in (K_COUNTRY, K_AREA) for e in m.entries)
                    and not _LOCATIVE_BEFORE.search(text, max(0, m.start - 20), m.start)
                    and not _named_as_place(text, m.start)
                    and self._foreign_to(m, kept, text)):
                continue  # a foreign city opening a longer name the gazetteer lacks, in a report about other
                # countries: "the Mandalay Bay hotel" in Las Vegas, "the Luxor Hotel" ("in Mandalay" stays)
            if m.text[:4] in ("The ", "the ") and all(
                    gaz.kind[e] in (K_CITY, K_SUPP, K_ADM2) and gaz.pop[e] < WEAK_MATCH_POP
                    and _own_form(gaz.name[e]).lower() != _own_form(m.text).lower() for e in m.entries):
                continue  # "wrote for The Post": a small town's other name beginning with "The" (Evergreen,
                # Colorado) is a newspaper, a body or a nickname here ("The Hague", "The Dalles" are their own names)
            if _MATERIEL_AFTER.match(text, m.end) and all(
                    gaz.kind[e] in (K_CITY, K_SUPP, K_ADM2) and gaz.pop[e] < WEAK_MATCH_POP for e in m.entries):
                continue  # "a Chinook helicopter" is no Chinook, Montana
            if m.ntok == 1 and _MODEL_NUMBER_AFTER.match(text, m.end) and all(
                    gaz.kind[e] in (K_CITY, K_SUPP) and gaz.cc[e] not in self._war for e in m.entries):
                continue  # a weapon or model named after a town ("Hwasong-14"), not the town (a war zone's
                # numbered settlements stay: "near Zolote-4" is by Zolote)
            if m.ntok == 1 and _NUMBER_AFTER.match(text, m.end) and all(gaz.kind[e] == K_CITY for e in m.entries):
                continue  # a numbered zone or sector of a town ("in Zona 12", "Sector 7"), not a town named Zona
            if _INSTITUTION_AFTER.match(text, m.end) and not any(
                    gaz.kind[e] not in (K_CITY, K_SUPP) or gaz.pop[e] >= WEAK_MATCH_POP or gaz.cc[e] in self._war
                    for e in m.entries) and not set(self._article_countries_quick(
                        [x for x in kept if x is not m], text, strong_only=True)).intersection(
                        gaz.cc[e] for e in m.entries):
                continue  # the namesake of a building named after someone: "the Queen Elizabeth University
                # Hospital" is no Queen Elizabeth, Alberta (a town of the report's country keeps its hospital)
            label, inner = _covering(ents, m.start, m.end)
            if label == "ORG" and inner and m.ntok > 1 and _ARTICLE_BEFORE.search(text, max(0, m.start - 5), m.start) \
                    and any(es < m.start and m.end == ee for es, ee, _lb in ents) and all(
                        gaz.kind[e] == K_CITY and gaz.pop[e] < WEAK_MATCH_POP for e in m.entries) \
                    and not set(self._article_countries_quick([x for x in kept if x is not m], text,
                                                              strong_only=True)).intersection(gaz.cc[e] for e in m.entries):
                continue  # "the X" ending an organisation's name, X a small foreign town: "the Red Cross" is no
                # Red Cross, North Carolina, and must not make the report American ("the Boone County
                # Sheriff's Office" keeps its county)
            if _VERSE_AFTER.match(text, m.end) and not any(gaz.kind[e] == K_COUNTRY for e in m.entries):
                continue  # a book of the Bible cited by chapter and verse ("Gal. 2:11", "1 Kings 18:38")
            if label == "LANGUAGE" and not any(gaz.kind[e] == K_COUNTRY for e in m.entries):
                continue  # a language ("English" is no English, Indiana)
            g = _SAINT.match(m.text)
            if g and label == "PERSON" and g.group(1).lower() in self._given and not (
                    _LOCATIVE_BEFORE.search(text, max(0, m.start - 20), m.start)
                    or _ADMIN_AFTER.match(text, m.end) or _bracketed(text, m)):
                continue  # a saint NER calls a person ("what Saint Thomas called", "required of Saint Paul");
                # "in St. Paul" and "St. Paul, Minnesota" stay the city
            if _VILLAGE_AFTER.match(text, m.end):
                # "in Kandal village, Samraong commune": a village named like a province or a country is neither
                # (a district keeps its name: its centre is often the village of that name)
                m.entries = tuple(e for e in m.entries if gaz.kind[e] not in (K_COUNTRY, K_ADM1, K_AREA))
                if not m.entries:
                    continue
            m.label = None if inner else label
            m.bare = label is None
            m.named_as_place = _named_as_place(text, m.start)
            acronym = False
            if (m.start, m.end) in abbr_spans:
                acronym = True  # a region's abbreviation from geo_abbreviations.tsv ("NSW")
            elif m.ntok == 1 and m.text.isupper() and len(m.text) <= 5:
                # an acronym names a place only when it is a country's ("US", "UAE", "DRC")
                m.entries = tuple(e for e in m.entries if gaz.kind[e] == K_COUNTRY)
                if not m.entries:
                    continue
                # a country's acronym is no common word, whatever its letters spell: "the U.S. Army",
                # "US Centers for Disease Control" (ORG), where the stop word "us" dropped it
                acronym = len(m.text.replace(".", "")) >= 2
            if acronym and not (inner and label == "PERSON"):
                out.append(m)
                continue
            if inner and label == "PERSON" and _entity_rest_not_place(ents, m, text, self):
                continue  # a word of a person's name ("Vladimir Putin"); "Kirkuk K1 base" (ORG) stays
            if inner and label in _NAME_LABELS and _glued_word_before(ents, m, text, gaz) and not any(
                    gaz.kind[e] in (K_COUNTRY, K_AREA) for e in m.entries):
                # a place word inside an organisation's or a building's name, after another name word:
                # "Sri Krishna Rice Mill", "Ahrar al-Sham", "Saraya al-Quds"; "Kabul University" stays, and so
                # do countries ("Health Canada" still says which country the story is about)
                continue
            # right after "in", "near", "at" ... (a word of five letters or more)
            locative = m.ntok == 1 and len(token_key(m.text)) >= 5 and bool(
                _LOCATIVE_BEFORE.search(text, max(0, m.start - 20), m.start))
            if m.ntok == 1 and token_key(m.text) not in gaz.main_keys and not any(
                    gaz.cc[e] in countries or gaz.kind[e] in (K_COUNTRY, K_ADM1)
                    or (gaz.cc[e] in self._war and label in ("GPE", "LOC", "FAC") and not inner)
                    or self._known_spelling(e, m, text, locative, starts)
                    for e in m.entries) and not _ADMIN_AFTER.match(text, m.end) and not _bracketed(text, m) \
                    and not m.named_as_place:
                # one word known only as some foreign place's alternate name ("Saree" -> Surrey); in the war
                # zones a place NER tags as one may go by another spelling ("clashes in Kobane"), and a word
                # followed by "district", "city", "village" is a place ("Dahod district" = Dohad)
                continue
            if m.ntok == 1 and (label not in ("GPE", "LOC", "FAC") or inner):
                key = token_key(m.text)
                if key in self._stop and not _ADMIN_AFTER.match(text, m.end) and not _bracketed(text, m) \
                        and not m.named_as_place:
                    continue  # a common word ("Hit", "Ana"), unless a district or town word follows it or it
                    # stands in a bracket of admin names ("Gaskinde (Pobe-Mengao, Soum)") or "the city of" names it
                if m.text.lower() in lower_words and not _ADMIN_AFTER.match(text, m.end) \
                        and not _bracketed(text, m) and not m.named_as_place \
                        and not self._region_comma_after(m, kept_at, text) \
                        and not _LOCATIVE_BEFORE.search(text, max(0, m.start - 20), m.start) and not any(
                            gaz.kind[e] in (K_COUNTRY, K_ADM1) or gaz.pop[e] >= WEAK_MATCH_POP for e in m.entries):
                    continue  # a word the article also writes in lower case is that word here, not a small town
                    # ("defend the Faith" beside "their faith"); "in Reading" or "Mobile, Alabama" stay places
                main = key in gaz.main_keys
                # a supplement village needs its country's evidence like any small town ("Yalda",
                # "Barzan" are also given names)
                strong = _ADMIN_AFTER.match(text, m.end) is not None or _bracketed(text, m) or m.named_as_place or any(
                    gaz.kind[e] in (K_COUNTRY, K_ADM1, K_ACLED, K_IMPORT, K_AREA)
                    or (gaz.kind[e] == K_SUPP and (gaz.cc[e] in countries or (gaz.cc[e] in self._war and (
                        label in ("GPE", "LOC", "FAC") or locative))))
                    or (main and (gaz.cc[e] in countries or gaz.cc[e] in self._war
                                  or gaz.pop[e] >= WEAK_MATCH_POP))
                    # (another spelling of a place of the report's country, right after "in", "near", "at":
                    # "gathered in Rashayya" = Rashaya)
                    or (gaz.cc[e] in countries and gaz.kind[e] == K_CITY and locative)
                    or self._known_spelling(e, m, text, locative, starts)
                    for e in m.entries) or (locative and self._only_bearer(m, key) is not None) \
                    or self._region_bracket_after(m, kept_at, text)
                if not strong:
                    continue
            out.append(m)
        # fuzzy fallback on NER place-like spans the gazetteer missed
        # with no country evidence at all, the war zones the user follows are the likely ones
        ranked = self._article_countries_quick(out, text)
        if home and home not in ranked[:2]:
            ranked.insert(min(1, len(ranked)), home)
        evidence = bool(ranked)
        ranked = ranked or sorted(self._war)
        if ranked:
            # a word written just before a province of the report's countries, after a locative word: "the town
            # of Binnesh in Idleb province", matched by its consonants against that province's names (an exact
            # match of the word in another country only, Belgium's "Bensh", gives way)
            before_region = {}
            for o in out:
                region = next(((gaz.cc[x], gaz.adm1[x]) for x in o.entries
                               if gaz.kind[x] == K_ADM1 and gaz.cc[x] in ranked[:3]), None)
                g = _BEFORE_REGION.search(text, max(0, o.start - 90), o.start) if region is not None else None
                if g is not None and _LOCATIVE_CUE.search(text, max(0, g.start(1) - 30), g.start(1)):
                    before_region[(g.start(1), g.end(1))] = region
            if before_region:
                out = [m for m in out if not ((m.start, m.end) in before_region and all(
                    gaz.cc[x] != before_region[(m.start, m.end)][0] for x in m.entries))]
            covered = _Intervals((m.start, m.end) for m in out)
            spans = [(s, e, label) for s, e, label in ents if label in ("GPE", "LOC", "FAC", "PERSON")]
            # capitalised runs of two or more words ("Khob Wa Asha'af") that no entity covers
            spans += [(r.start(), r.end(), "RUN") for r in _CAP_RUN.finditer(text)
                      if _LOCATIVE_CUE.search(text, max(0, r.start() - 30), r.start())]
            # and a word written as "Town, Region" after a locative word, whatever NER makes of it ("in the
            # area of Staromykhaylivka, Donetsk", tagged ORG)
            spans += [(r.start(1), r.end(1), "RUN") for r in _TOWN_REGION.finditer(text)
                      if _LOCATIVE_CUE.search(text, max(0, r.start() - 30), r.start())]
            spans += [(r.start(1), r.end(1), "RUN") for r in _NAMED_FACILITY.finditer(text)]
            # and the first name of a bracket of admin names, "(Bayt Al Faqiah, Al Hudaydah)": a district or
            # town of the province the bracket names next, matched against that province's names only
            slots = {}
            for r in _ADMIN_SLOT.finditer(text):
                region = self._slot_region(r.group(2), ranked[:3])
                if region is not None:
                    slots[(r.start(1), r.end(1))] = region
                    spans.append((r.start(1), r.end(1), "SLOT"))
            spans += [(s, e, "SLOT") for s, e in before_region]
            spans = spans[:FUZZY_MAX_SPANS]
            # (with no country evidence, every war zone: "a detainee from Douma ... in Sidnaya prison")
            war = [cc for cc in (ranked[:3] if evidence else ranked) if cc in self._war]
            for s, e, label in spans:
                if covered.overlaps(s, e):
                    continue
                span = text[s:e]
                if not span[:1].isupper() or span.lower() in self._demonyms:
                    continue
                if label in ("PERSON", "RUN") and (_AGE_AFTER.match(text, e) or _WHO_AFTER.match(text, e)
                                                   or self._nationality_after(text, e)):
                    continue  # a person with an age, a relative clause or a nationality after the name
                # NER's places may be anywhere in the article's countries; person names and bare
                # capitalised runs only in the war zones, where villages get tagged PERSON
                entries = () if label == "SLOT" else self._fuzzy(
                    span, ranked[:3] if label in ("GPE", "LOC", "FAC") else war)
                if not entries and (s, e) in slots:
                    entries = self._slot_fuzzy(span, *slots[(s, e)])
                if not entries and (s, e) in before_region:
                    entries = self._slot_skeleton(span, *before_region[(s, e)])
                if entries and _VILLAGE_AFTER.match(text, e):  # (a village is no province: see find_places)
                    entries = tuple(x for x in entries if self.gaz.kind[x] not in (K_COUNTRY, K_ADM1, K_AREA))
                if entries:
                    out.append(_Match(s, e, span, entries, "fuzzy", len(span.split()),
                                      named_as_place=_named_as_place(text, s)))
                    covered.add(s, e)
        out.sort(key=lambda m: m.start)
        # extend "al-"/"Al " in front of a match into the span
        for m in out:
            pre = text[max(0, m.start - 5):m.start]
            g = re.search(r"(?:^|[^\w])((?:[aAeE][lL]|[aA][sdrntz]h?|[aA][sdrntz])[-‐'’ ])$", pre)
            # (an assimilated article repeats the name's first letter: "As Sawadiyah", "Ad Dali", "Ash Shihr";
            # "An Australia", "At Kabul" start with English words)
            art = g.group(1).lower() if g else ""
            if g and (g.group(1)[-1] != " " or g.group(1)[0].isupper()) and (
                    art[:2] in ("al", "el") or text[m.start:m.start + 1].lower() == art[1]):
                m.start -= len(g.group(1))
                m.text = text[m.start:m.end]
                m.named_as_place = _named_as_place(text, m.start)
        return out

    def _article_countries_quick(self, matches: list[_Match], text: str, strong_only: bool = False,
                                 counts: Counter | None = None) -> list[str]:
        c = Counter() if counts is None else counts
        gaz = self.gaz
        for m in matches:
            ccs = {gaz.cc[e] for e in m.entries}
            kinds = {gaz.kind[e] for e in m.entries}
            if K_COUNTRY in kinds:
                if not (m.text.isupper() and len(m.text) <= 5 and not any(gaz.kind[e] == K_COUNTRY for e in m.entries)):
                    c.update(gaz.cc[e] for e in m.entries if gaz.kind[e] == K_COUNTRY)
            elif len(ccs) == 1 and (not strong_only or m.ntok > 1 or gaz.kind[m.entries[0]] != K_CITY
                                    or gaz.pop[m.entries[0]] >= WEAK_MATCH_POP
                                    # (a town named like its province: "Gafsa", "Kirkuk")
                                    or any(gaz.kind[e] == K_ADM1 for e in m.entries)):
                c.update(ccs)
        for w in re.findall(r"[A-Z][a-z]+", text):
            cc = self._demonyms.get(w.lower())
            if cc:
                c[cc] += 1
        return [cc for cc, _ in c.most_common()]

    # ------------------------------------------------------------------------------------------
    # resolution

    def find_places(self, article: Article, doc=None) -> list[Toponym]:
        """Place names in ``article.text`` (character offsets), each resolved to a Location."""
        matches = self._candidates(article, doc)
        if not matches:
            return []
        text = article.text
        gaz = self.gaz
        # article countries: countries named, nationality words, places that exist in one country only
        cw: Counter = Counter()
        self_votes: Counter = Counter()  # (name key, country) -> the votes a name gave its own country
        for m in matches:
            kinds = [gaz.kind[e] for e in m.entries]
            if K_COUNTRY in kinds:
                own = {gaz.cc[e] for e in m.entries if gaz.kind[e] == K_COUNTRY}
                if not self._region_elsewhere(m, own):
                    # ("Georgia", also a US state, vouches for neither: the article's other places decide)
                    cw.update(own)
            else:
                ccs = {gaz.cc[e] for e in m.entries if gaz.kind[e] != K_AREA}
                # only unambiguous names say which country the article is about, and a lone small
                # place ("Kala") is too weak to vouch for its own country
                if len(ccs) == 1 and (m.ntok > 1 or any(gaz.kind[e] != K_CITY or gaz.pop[e] >= WEAK_MATCH_POP
                                                        for e in m.entries)):
                    cw[next(iter(ccs))] += 1
                    self_votes[(token_key(m.text), next(iter(ccs)))] += 1
                elif len(ccs) > 1 and _ADMIN1_WORDS.match(text[m.end:m.end + 20]):
                    # the only region of the name, called one ("Al Mahrah governorate", though an Ivorian town
                    # is Mahra) says its country as an unambiguous name would
                    regions = [e for e in m.entries if gaz.kind[e] == K_ADM1]
                    if len(regions) == 1:
                        cw[gaz.cc[regions[0]]] += 1
                        self_votes[(token_key(m.text), gaz.cc[regions[0]])] += 1
        named = bool(cw)
        actors: set[str] = set()
        for w in re.findall(r"\b[A-Z][a-z]+\b", text):
            cc = self._demonyms.get(w.lower())
            if cc:
                cw[cc] += 0.5
                actors.add(cc)
        for cc in actors:
            # a nationality word says who acts, and forces act across borders: "Israeli troops ... in Jenin",
            # "Turkish drones struck Kobane" make the neighbours possible scenes (a small vote, no lead)
            for nb in (gaz.countries.get(cc) or {}).get("neighbours", ()):
                if nb not in cw:
                    cw[nb] = NEIGHBOUR_VOTE
        home = outlet_country(article.outlet, article.url, gaz.countries)
        if home:
            # a full vote when the text names no country or place of one (nationality words say who, not
            # where: "Palestinians and Syrians also took part" in a Lebanese paper's report on Tripoli), half
            # of one beside the text's own countries
            cw[home] += OUTLET_PRIOR * (0.5 if named else 1.0)
        top = max(cw.values()) if cw else 1.0
        # the article's country: the one with most votes, none on a tie
        lead = max(cw, key=cw.get) if cw and sum(1 for v in cw.values() if v == top) == 1 else None
        # half for being named at all, half by share of the leader: a country named once still counts,
        # the article's own country counts most, yet a world city's population can beat it (Moscow)
        cweight = {cc: 0.5 * min(1.0, v) + 0.5 * v / top for cc, v in cw.items()}
        # admin1 regions named in the article (a province name, or a place that is both city and province)
        # (a name that is both a province and its town vouches for itself, "Sofia", "San Juan", except
        # against the article's countries: "Tripoli" is a Libyan district, yet in a Lebanese report the city)
        adm1_named: dict[tuple[str, str], set[str]] = {}
        for m in matches:
            if _PAPER_AFTER.match(text, m.end):
                continue
            for e in m.entries:
                if gaz.kind[e] == K_ADM1:
                    adm1_named.setdefault((gaz.cc[e], gaz.adm1[e]), set()).add(token_key(m.text))
        # first pass: unambiguous anchor points for proximity
        anchor_count: Counter = Counter()
        for m in matches:
            if m.method == "fuzzy":
                continue  # a likeness is no evidence of where the other names are ("Dariyal" for a Dariya)
            pts = {(round(gaz.lat[e], 1), round(gaz.lon[e], 1)) for e in m.entries
                   if gaz.kind[e] not in (K_COUNTRY, K_AREA)}
            if len(pts) == 1:
                anchor_count[next(iter(pts))] += 1
        anchors = list(anchor_count.items())
        out = []
        anchored: list[Toponym] = []  # places the article locates by a region written beside them
        memo: dict = {}
        settled: dict[str, int] = {}  # name -> the entry that a neighbouring name's cue chose for it
        entry_of: dict[int, int] = {}  # id(toponym) -> its gazetteer entry
        regions_of: dict[int, int] = {}  # id(toponym) -> how many provinces its name's entries lie in
        picks = []
        paireds: list[frozenset[str]] = []  # per match: what _paired_regions said (the tie-break picks again)
        for i, m in enumerate(matches):
            local = self._local_admin(matches, i, text)
            after = text[m.end:m.end + 45]
            cues = self._neighbour_cues(matches, i, text)
            # (the memo also keys on what _pick reads of the text: the words after the name, a bracket before it)
            paired = self._paired_regions(matches, i, text)
            mk = (m.entries, m.method, frozenset(local), bool(_ADMIN1_WORDS.match(after)),
                  _state_of_before(text, m.start),
                  bool(_ADMIN2_WORDS.match(after) or _ADMIN2_AFTER_BRACKET.match(after)),
                  _open_bracket_before(text, m.start), unidecode(m.text).lower(), cues, _repeated_before(text, m),
                  paired)
            if mk not in memo:
                memo[mk] = self._pick(m, cweight, adm1_named, anchors, local, text, cues, paired)
            picks.append((local, cues, *memo[mk]))
            paireds.append(paired)
            if memo[mk][0] is not None and (local or any(cues)):
                settled.setdefault(unidecode(m.text).lower(), memo[mk][0])
        tied = [i for i, p in enumerate(picks) if p[2] is not None and p[3] == TIE_CONF]
        if tied:
            # a tie between namesakes far apart ("Clark County" of twelve states, all alike) goes to the one
            # nearest the places the article settles without a tie (Las Vegas, Nevada): closeness to the
            # article's other places decides what no written cue did
            firm = Counter((round(gaz.lat[p[2]], 1), round(gaz.lon[p[2]], 1)) for p in picks
                           if p[2] is not None and p[3] > TIE_CONF and gaz.kind[p[2]] not in (K_COUNTRY, K_AREA))
            if firm:
                for i in tied:
                    local, cues, best, conf = picks[i]
                    again, conf2 = self._pick(matches[i], cweight, adm1_named, anchors, local, text, cues,
                                              paireds[i], firm=tuple(firm))
                    if again is not None and again != best:
                        picks[i] = (local, cues, again, conf2)
        for i, m in enumerate(matches):
            local, cues, best, conf = picks[i]
            sense_key = unidecode(m.text).lower()
            if not (best is not None and (local or any(cues))) and sense_key in settled \
                    and settled[sense_key] in m.entries:
                # one sense per article: "Athens, Greece" settles every bare "Athens" of the article, before it
                # too ("a march in Woolwich" before "ending in Woolwich, south east London")
                best = settled[sense_key]
            g = _UNKNOWN_BEFORE.search(text, max(0, m.start - 70), m.start)
            # (a fuzzy match before it is no known place: "near Qapanli, Tartar" still codes Tartar as a stand-in)
            m.standin = bool(g) and (i == 0 or matches[i - 1].end <= g.start() or matches[i - 1].method == "fuzzy")
            loc = self._location(best, m, text, conf) if best is not None else None
            if loc is not None and self._other_district(matches, i, best, text):
                # "coded at Am Taffah (Mukayras, Al Bayda)": the bracket names the place's district, and the
                # entry found lies in another district of that province (a namesake, or a partial match); the
                # bracket's district is the better answer
                continue
            if loc is not None and ((gaz.cc[best], gaz.adm1[best]) in local or gaz.cc[best] in cues[0]
                                    or (gaz.kind[best] == K_ADM2 and gaz.adm2[best] in cues[4])
                                    or (gaz.kind[best] == K_ADM1 and (gaz.cc[best], gaz.adm1[best]) in cues[1])):
                # "Hammond, Indiana", "Athens, Greece", "Ipswich, Suffolk": a region or country written beside
                # it vouches for the place (or the town before it for the region), whatever the article's countries
                out.append(Toponym(m.start, m.end, m.text, loc, len(m.entries), m.method))
                entry_of[id(out[-1])] = best
                regions_of[id(out[-1])] = len({(gaz.cc[e], gaz.adm1[e]) for e in m.entries})
                if local and loc.latitude is not None:
                    anchored.append(out[-1])
                continue
            if (loc is not None and m.ntok == 1 and gaz.cc[best] not in cweight and gaz.pop[best] < BARE_KEEP_POP
                    and not (gaz.kind[best] == K_ADM1 and (_after_district(text, m.start)
                                                           or _state_of_before(text, m.start)))
                    and (world := self._world_city(m, best)) is not None):
                # a small namesake near the article's places ("Belgrade" of Belgium beside The Hague) against a
                # world city of that name that dwarfs every other bearer: the name means the world city
                best = world
                loc = self._location(best, m, text, conf)
            if (loc is not None and m.ntok == 1 and gaz.cc[best] not in cweight
                    and (cweight or (gaz.cc[best] not in self._war and not (
                        # a report that names no country: a place NER calls one, written under its own name,
                        # stays ("workers of a mill outside Shush protested"), and so does "the town of X"
                        (m.label in ("GPE", "LOC") and unidecode(gaz.name[best]).lower() == unidecode(m.text).lower())
                        or m.named_as_place
                        # ... and so does an item of a bracket of admin names: "Gaskinde (Pobe-Mengao, Soum)"
                        or _bracketed(text, m)
                        # ... and a name only one town bears, after "in", "near", "at" ("a rally in Beslan")
                        or (_LOCATIVE_BEFORE.search(text, max(0, m.start - 20), m.start)
                            and self._only_bearer(m, token_key(m.text)) == best))))
                    and ((gaz.kind[best] in (K_CITY, K_ADM2, K_SUPP) and gaz.pop[best] < WEAK_MATCH_POP)
                         or (gaz.kind[best] in (K_CITY, K_ADM2, K_ADM1) and cweight
                             and len({gaz.cc[e] for e in m.entries}) > 1
                             and not self._means_itself(m, best, text)))):
                continue  # a foreign namesake of a word in an article about elsewhere ("Kara" in a CAR report);
                # a place NER calls a place stays when it is what the name means: a world city ("a laboratory
                # in Cairo" in a US story) or a name's only sizeable bearer ("captured in Najaf")
            if (loc is not None and m.ntok == 1 and gaz.kind[best] not in (K_COUNTRY, K_AREA)
                    and gaz.pop[best] < FOREIGN_KEEP_POP
                    and lead is not None and gaz.cc[best] != lead
                    and cw[gaz.cc[best]] <= self_votes[(token_key(m.text), gaz.cc[best])]
                    and not self._means_itself(m, best, text)):
                # "Mafraq" (a Jordanian province) in a Yemeni report ("Mafraq ar Ruwayk area"): a one-word name
                # whose country nothing but the name itself vouches for, where the report is about elsewhere
                continue
            if (loc is not None and m.ntok == 1 and cweight and gaz.cc[best] not in cweight
                    and ((gaz.kind[best] in (K_CITY, K_ADM2, K_SUPP) and gaz.pop[best] < FOREIGN_KEEP_POP)
                         or gaz.kind[best] == K_ADM1)
                    and not self._means_itself(m, best, text)):
                continue  # "Sultan" -> Libya, "Handa" -> Japan in an Afghan report: no evidence for that country
            if m.method == "fuzzy" and loc is not None and self._district_named_otherwise(m, best, text):
                continue  # "a hill, Adh Dharwah and a wadi, areas of Az Zahir district": no Dhirwah
                # of Mukayras district
            # "X district, P" where X is the country's one district so named and P (same country) holds no X
            slip = bool(local) and loc is not None and self._district_elsewhere(m, best, local, text)
            # (a side of a region after the comma picks among namesakes but drops none: "the coastal city of
            # Jbeil, northern Beirut" means north of Beirut)
            sided = bool(_SIDE_AFTER.match(text, m.end))
            edge = None
            if (loc is not None and local and gaz.kind[best] != K_COUNTRY
                    and not sided
                    # (a region is held by no other region, but one of another country is no region here:
                    # "the Chin Zai area in Takhar" is not Myanmar's Chin State)
                    and (gaz.kind[best] != K_ADM1 or gaz.cc[best] not in {cc for cc, _a in local})
                    and (gaz.cc[best], gaz.adm1[best]) not in local
                    and (m.method == "fuzzy" or not _in_list(matches, i, text))
                    # (the one district of the country so named, the word "district" after it: the report errs in
                    # its province, not in the finer name: "villages of Zhari district, Helmand" are Kandahar's)
                    and not slip
                    # (regions of several countries the article is not about, all named like the word beside it,
                    # say nothing of a place in a country it is about, by more than the name's own vote: "Panama
                    # City (Bella Vista)" in a Panamanian paper names a part of the city, not a Bella Vista
                    # region of Paraguay; "Dashti Qala district, Takhar" does hold the Dashti it names)
                    and not (cw[gaz.cc[best]] > self_votes[(token_key(m.text), gaz.cc[best])]
                             and len({cc for cc, _a in local}) > 1
                             and not any(cc in cweight for cc, _a in local))
                    # (a city of WEAK_MATCH_POP that no other bearer of the name rivals is that city; the report
                    # errs in its region: "Mariupol, Zaporizhia")
                    and not (gaz.kind[best] == K_CITY and gaz.pop[best] >= WEAK_MATCH_POP and m.method != "fuzzy"
                             and name_key(gaz.name[best]) == name_key(m.text)
                             and not _PART_OF_NAME_BEFORE.search(text, max(0, m.start - 30), m.start)
                             and not _PART_OF_NAME_AFTER.match(text, m.end)
                             # (a bracket of district and state is the coder's own: "Ilorin (Borgu LGA, Niger)" is
                             # another Ilorin, "Shangaani district (Shangaani, Banadir)" no town of Zimbabwe)
                             and not _BRACKET_NEXT.match(text, m.end) and all(
                        gaz.pop[e] * DOMINANT_RATIO <= gaz.pop[best] for e in m.entries
                        if e != best and gaz.kind[e] in (K_CITY, K_SUPP)))
                    # (the country's only place of the name, within REGION_EDGE_KM of the region named: the place
                    # lies by the region's edge, and the report's region is kept as its admin1 below)
                    and not (edge := self._by_the_region(matches, i, best, local, text))):
                # "Bohdanivka, Donetsk" when no Bohdanivka in the gazetteer lies in Donetsk: a namesake
                # elsewhere is wrong; leave the event to the region named beside it (an item of a list of
                # regions may lie elsewhere, unless only a fuzzy match found it: "Indanan, Sulu" is no Pindangan)
                continue
            if edge is not None and loc is not None:
                loc = replace(loc, admin1=edge)  # the report's region: the place lies by its edge
                district = self._bracket_district(matches, i, local, text)
                if district is not None:
                    loc = replace(loc, admin2=district)  # ... and the district its bracket names
            if (loc is not None and not local and not any(cues) and gaz.cc[best] in self._hot_countries
                    and gaz.kind[best] in (K_CITY, K_SUPP) and gaz.pop[best] < GUESS_MAX_POP
                    and not self._near_front(best)
                    and (sum(1 for e in m.entries if gaz.cc[e] == gaz.cc[best] and gaz.kind[e] in (K_CITY, K_SUPP)) > 1
                         # (or a report from the front line itself: "near Kruta Balka" beside "the contact line"
                         # is not the Kruta Balka of Poltava, the only one the gazetteer has)
                         or bool(_FRONT_CUE.search(text))
                         # (or a village that only another spelling names: "Sanzharivka" is an old name of a
                         # Poltavka 165 km from the Sanzharivka by the line)
                         or token_key(gaz.name[best]) != token_key(m.text))):
                # a guess among same-named villages of a country at war, none of them near its front line
                # ("near Vesele" in a monitor's report: the gazetteer lacks the Vesele by the line, and a Vesele
                # 500 km away would be a wrong point on the map; no point is better)
                if {gaz.cc[e] for e in m.entries if gaz.kind[e] not in (K_COUNTRY, K_AREA)} == {gaz.cc[best]}:
                    # ... but every bearer of the name lies in that country: the event keeps its country, with
                    # no point and geo_precision null (flagged for review), not an empty location
                    out.append(Toponym(m.start, m.end, m.text, self._country_location(gaz.cc[best], m),
                                       len(m.entries), m.method))
                continue
            out.append(Toponym(m.start, m.end, m.text, loc, len(m.entries), m.method))
            entry_of[id(out[-1])] = best
            regions_of[id(out[-1])] = len({(gaz.cc[e], gaz.adm1[e]) for e in m.entries})
            if slip:
                regions_of[id(out[-1])] = 1  # the country's one district of the name: no namesake to prefer
            if local and loc is not None and loc.latitude is not None:
                anchored.append(out[-1])
        if not anchored:
            # (a fuzzy match vouches for no other place, nor for itself)
            anchored = [t for t in out if t.location is not None and t.location.geo_precision in (1, 2)
                        and not _sublocality(t, text) and t.method != "fuzzy"]
        if not anchored:
            # only a region placed ("in Benito Juarez, Nuevo Leon" when the gazetteer lacks that Benito Juarez):
            # the neighbourhoods of the report ("Colonia Vistas del Rio") lie in it, not in Uruguay or Brazil
            anchored = [t for t in out if t.location is not None and t.location.geo_precision == 3
                        and t.location.latitude is not None and not _sublocality(t, text) and t.method != "fuzzy"]
        if anchored:
            # "a body was left in Colonia Buena Vista" after "in Tijuana, Baja California": a neighbourhood of
            # the town the report placed itself in (by a region beside it, else any other place it names);
            # a same-named one 2,500 km away is another place
            # (a fuzzy match is held to the same test at FUZZY_NEAR_KM: "Al-msabha village on the outskirts of
            # Tarhuna" is no Sabha 600 km away)
            def near_anchor(t: Toponym) -> bool:
                if t in anchored or t.location is None or t.location.latitude is None:
                    return True
                # (a region is no part of a town: "Ohio community health centers")
                reach = (SUBLOCALITY_KM if t.location.geo_precision != 3 and _sublocality(t, text)
                         else FUZZY_NEAR_KM if t.method == "fuzzy" else None)
                return reach is None or any(
                    distance_km(t.location.latitude, t.location.longitude, a.location.latitude, a.location.longitude)
                    <= (reach if a.location.geo_precision != 3 else max(reach, REGION_REACH_KM)) for a in anchored)

            out = [t for t in out if near_anchor(t)]
        # "a post at Chaharmaghzak, a village of the Dara area, in Sufi Bala district, Samangan": the province
        # written after a district holds the places just before it; a district or town of another province (Panjshir's
        # Darah) whose name other provinces also bear is the wrong namesake, unless another province stands
        # between ("X district, Kunduz and Y district, Baghlan")
        slots = [t for t in out if t.location is not None and t.location.geo_precision == 3 and t.location.admin1
                 and _after_district(text, t.start)]
        if slots:
            def outside_slot(t: Toponym) -> bool:
                loc = t.location
                if loc is None or loc.geo_precision not in (1, 2) or not loc.admin1 or regions_of.get(id(t), 0) < 2:
                    return False  # (a name only one province holds is that place: the report errs, not the name)
                slot = next((q for q in slots if 0 <= q.start - t.end <= SLOT_REACH_CHARS), None)
                if slot is None or slot.location.country != loc.country or slot.location.admin1 == loc.admin1:
                    return False
                return not any(q.location is not None and q.location.geo_precision == 3 and t.end <= q.start < slot.start
                               for q in out)

            out = [t for t in out if not outside_slot(t)]
        # "Panama City (Bella Vista)", "Mogadishu-Shangaani district (Shangaani, Banadir)": a bracket after a city
        # of WEAK_MATCH_POP names a part of it; a town of that name far away is another place
        heads = {t.end: t for t in out if t.location is not None and t.location.geo_precision == 1
                 and gaz.pop[entry_of[id(t)]] >= WEAK_MATCH_POP}
        if heads:
            def part_elsewhere(t: Toponym) -> bool:
                head = _qualified_head(t, heads, text)
                loc = t.location
                if head is None or head is t or loc is None or loc.geo_precision not in (1, 2) or loc.latitude is None:
                    return False
                return distance_km(loc.latitude, loc.longitude,
                                   head.location.latitude, head.location.longitude) > SUBLOCALITY_KM

            out = [t for t in out if not part_elsewhere(t)]
        # "in Jaro, Iloilo City, Iloilo", "in Caracoli, Malambo, Atlantico department", "in Ugah, near Lafia
        # (Nasarawa)": the place written after a comma holds the one before it, so a namesake in another province
        # far away is another place (the gazetteer lacks the right one); a list ("in Aden, Mukalla and Sanaa")
        # holds nothing
        starts = {t.start: t for t in out if t.location is not None and t.location.latitude is not None}

        def held_elsewhere(t: Toponym) -> bool:
            loc = t.location
            if loc is None or loc.geo_precision not in (1, 2) or not loc.admin1 or loc.latitude is None:
                return False
            if _open_bracket_before(text, t.start):
                return False  # "(Toba Tek Singh, Sindh)": a district bracket whose province errs keeps its district
            g = _CONTAINER_GAP.match(text, t.end)
            q = starts.get(g.end()) if g is not None else None
            if q is None or q is t:
                return False
            ql = q.location
            if ql.country != loc.country or ql.geo_precision is None or not ql.admin1 or ql.admin1 == loc.admin1:
                return False
            if _LIST_AFTER.match(text, q.end) or _LIST_BEFORE.search(text, max(0, t.start - 60), t.start):
                return False
            if ql.geo_precision == 1 and ql.method != "admin":
                # a town as the container must be placed by its own region ("Iloilo City, Iloilo", "Lafia
                # (Nasarawa)"): "near Boston, Wagner said" names a man, not Boston's town
                g2 = _CONTAINER_GAP.match(text, q.end) or _BRACKET_OPEN.match(text, q.end)
                r = starts.get(g2.end()) if g2 is not None else None
                if r is None or r.location.admin1 != ql.admin1 or r.location.country != ql.country:
                    return False
            return distance_km(loc.latitude, loc.longitude, ql.latitude, ql.longitude) > CONTAINER_FAR_KM

        out = [t for t in out if not held_elsewhere(t)]
        return _drop_foreign_venues(out, text)

    def _district_named_otherwise(self, m: _Match, best: int, text: str) -> bool:
        """Whether the sentence goes on to say which district holds the place ("X, Y and Z areas of W
        district") and ``best`` lies in another one."""
        g = _AREAS_OF_DISTRICT.match(text, m.end)
        own = self.gaz.admin2_name(best)
        return g is not None and bool(own) and name_key(g.group(1)) != name_key(own)

    def _other_district(self, matches: list[_Match], i: int, best: int, text: str) -> bool:
        """Whether matches[i] is followed by "(District, Province)" whose district holds none of the name's
        entries while ``best`` lies in another district of the same province."""
        gaz = self.gaz
        if i + 2 >= len(matches) or gaz.kind[best] not in (K_CITY, K_ADM2) or not gaz.adm2[best]:
            return False
        m, d, p = matches[i], matches[i + 1], matches[i + 2]
        if not (_BRACKET_OPEN.fullmatch(text, m.end, d.start) and "(" in text[m.end:d.start]
                and _BRACKET_SEP.fullmatch(text, d.end, p.start)):
            return False
        ds = [e for e in d.entries if gaz.kind[e] == K_ADM2 and gaz.cc[e] == gaz.cc[best] and gaz.adm1[e] == gaz.adm1[best]]
        districts = {gaz.adm2[e] for e in ds}
        if not districts or gaz.adm2[best] in districts or any(gaz.adm2[e] in districts for e in m.entries):
            return False
        # (GeoNames' districts are not always the ones reports name, after a redrawing: "Oicha (Beni, Nord-Kivu)",
        # "Talhar town (Badin, Sindh)" are right where they are, close to the named district's seat)
        return all(distance_km(gaz.lat[best], gaz.lon[best], gaz.lat[e], gaz.lon[e]) > DISTRICT_TOWN_KM for e in ds)

    def _district_elsewhere(self, m: _Match, best: int, local: set[tuple[str, str]], text: str) -> bool:
        """Whether ``best`` is a district named "X district" whose name no district of another province of its
        country bears, while the province written beside it (``local``, same country) holds no entry of the name."""
        gaz = self.gaz

        def district(e: int) -> bool:
            return gaz.kind[e] == K_ADM2 or (gaz.kind[e] in (K_ACLED, K_IMPORT)
                                             and bool((gaz.extra.get(e) or {}).get("district")))

        cc = gaz.cc[best]
        if m.method == "fuzzy" or not district(best) or not _ADMIN2_WORDS.match(text[m.end:m.end + 30]):
            return False
        if not any(c == cc for c, _a in local) or any((gaz.cc[e], gaz.adm1[e]) in local for e in m.entries):
            return False
        return all(gaz.adm1[e] == gaz.adm1[best] for e in m.entries if gaz.cc[e] == cc and district(e))

    def _means_itself(self, m: _Match, best: int, text: str) -> bool:
        """Whether a one-word name is ``best`` whatever the article's countries: the province of an admin
        bracket, a province written after a district, a region whose name nothing else bears; or NER calls it a place, or leaves it untagged when
        it is a city of BARE_KEEP_POP ("patrolling the war-riven Monrovia"), and ``best`` dominates the name's
        bearers."""
        gaz = self.gaz
        if _province_item(text, m):
            return True  # the province of a bracket of admin names, whoever else the report names:
            # "positions in Tinadjamba (N'tillit, Gao)" in a report of French airstrikes
        if gaz.kind[best] == K_ADM1 and _after_district(text, m.start):
            return True  # a province after its district: "Dashti Qala district, Takhar"
        if gaz.kind[best] == K_ADM1 and name_key(gaz.name[best]) == name_key(m.text) and all(
                gaz.cc[e] == gaz.cc[best] and gaz.adm1[e] == gaz.adm1[best] for e in m.entries):
            return True  # a region whose name nothing else bears: "an observatory in Massachusetts"
        if gaz.kind[best] == K_ADM1 and _ADMIN1_WORDS.match(text[m.end:m.end + 20]) and not any(
                gaz.kind[e] == K_ADM1 and e != best for e in m.entries):
            return True  # the only region of the name, called one: "police in Al Mahrah governorate" beside a
            # "Saudi officer" (not the Ivorian town Mahra)
        return (m.label in ("GPE", "LOC") or (m.bare and gaz.pop[best] >= BARE_KEEP_POP)) \
            and self._dominant(m, best, text)

    def _only_bearer(self, m: _Match, key: str) -> int | None:
        """The one town whose own name ``key`` is, when no other place bears it even as another name
        ("a rally in Beslan"); after "in", "near", "at" such a name is that town wherever it lies."""
        gaz = self.gaz
        if len(m.entries) != 1:
            return None
        e = m.entries[0]
        return e if gaz.kind[e] == K_CITY and name_key(gaz.name[e]) == key else None

    def _region_comma_after(self, m: _Match, kept_at: dict[int, _Match], text: str) -> bool:
        """Whether ``m`` is written "Town, Region" with a province or district of one of its places' countries
        ("Faith, North Carolina")."""
        g = _COMMA_AFTER.match(text, m.end)
        return g is not None and self._region_of_country_at(m, kept_at.get(g.end()))

    def _region_bracket_after(self, m: _Match, kept_at: dict[int, _Match], text: str) -> bool:
        """Whether a bracket right after ``m`` opens with a province or district of a country one of ``m``'s
        places is in: "citizens from Redeyef (Gafsa)" is Tunisia's Redeyef."""
        g = _BRACKET_OPEN.match(text, m.end)
        if g is None or not g.group().lstrip().startswith(("(", "[")):
            return False
        return self._region_of_country_at(m, kept_at.get(g.end()))

    def _region_of_country_at(self, m: _Match, o: _Match | None) -> bool:
        """Whether the match ``o`` names a province or district of a country one of ``m``'s places is in."""
        if o is None:
            return False
        gaz = self.gaz
        ccs = {gaz.cc[e] for e in m.entries}
        return any(gaz.kind[e] in (K_ADM1, K_ADM2) and gaz.cc[e] in ccs for e in o.entries)

    def _known_spelling(self, e: int, m: _Match, text: str, locative: bool, starts=frozenset()) -> bool:
        """Whether town ``e`` is what ``m`` means though ``m`` spells one of its other names and NER may call
        it anything: a city of FOREIGN_KEEP_POP ("patrolled Katmandu"; "Madinat al Salah", a longer name, is no
        Medina) or a war-zone town of WAR_ALT_POP right after "in", "near", "at" ("clashes in Kobane")."""
        gaz = self.gaz
        if gaz.kind[e] != K_CITY:
            return False
        if gaz.pop[e] >= FOREIGN_KEEP_POP:
            # (unless a space, no connector, parts it from a longer place name or a region: "Hodeidah Red Sea
            # port city"; "Madinat al Salah" is one name)
            after = _PART_OF_NAME_AFTER.match(text, m.end)
            return after is None or (after.end() - m.end == 2 and after.end() - 1 in starts)
        return locative and gaz.cc[e] in self._war and gaz.pop[e] >= WAR_ALT_POP

    def _world_city(self, m: _Match, best: int) -> int | None:
        """The city of BARE_KEEP_POP whose own name ``m`` is, DOMINANT_RATIO times as large as any other bearer
        (``best`` included), when ``best`` is not it; else None."""
        gaz = self.gaz
        key = token_key(m.text)
        big = max((e for e in m.entries if gaz.kind[e] == K_CITY and gaz.pop[e] >= BARE_KEEP_POP
                   and name_key(gaz.name[e]) == key), key=lambda e: gaz.pop[e], default=None)
        if big is None or big == best:
            return None
        others = [gaz.pop[e] for e in m.entries if e != big and gaz.kind[e] in (K_CITY, K_SUPP)
                  and distance_km(gaz.lat[e], gaz.lon[e], gaz.lat[big], gaz.lon[big]) > 25]
        return big if all(p * DOMINANT_RATIO <= gaz.pop[big] for p in others) else None

    def _dominant(self, m: _Match, best: int, text: str) -> bool:
        """Whether ``best`` is what the name means wherever it is written: a city of FOREIGN_KEEP_POP, or one of
        DOMINANT_POP whose own name this is, DOMINANT_RATIO times the population of any other bearer."""
        gaz = self.gaz
        before = _PART_OF_NAME_BEFORE.search(text, max(0, m.start - 30), m.start)
        if _PART_OF_NAME_AFTER.match(text, m.end) or (
                before and before.group().split()[0].lower() not in _FUNCTION_WORDS):
            return False  # "Mafraq ar Ruwayk": the name is longer than the match ("In Basra" is not)
        if gaz.pop[best] >= FOREIGN_KEEP_POP:
            return True
        if gaz.pop[best] < DOMINANT_POP or name_key(gaz.name[best]) != name_key(m.text):
            return False  # (its own name in any spelling the keys join: "Basra" for Basrah)
        others = [gaz.pop[e] for e in m.entries if e != best and gaz.kind[e] != K_ADM1
                  and distance_km(gaz.lat[e], gaz.lon[e], gaz.lat[best], gaz.lon[best]) > 25]
        return all(p * DOMINANT_RATIO <= gaz.pop[best] for p in others)

    def _local_admin(self, matches: list[_Match], i: int, text: str) -> set[tuple[str, str]]:
        """Admin1 regions given right beside a place: "X, Idlib", "X (Raqqa)", "X in Homs province",
        "in the southern countryside of Idleb ... X" handled by the article-level cue."""
        gaz = self.gaz
        m = matches[i]
        out = set()
        own_adm1 = _region_list(gaz, matches, i, text)
        for j in (i + 1, i - 1):
            if not 0 <= j < len(matches):
                continue
            o = matches[j]
            if any(gaz.kind[e] == K_COUNTRY for e in o.entries):
                continue  # "Toronto, Canada", "Baghdad, Iraq": a country, though towns are named Canada/Iraq
            between = text[m.end:o.start] if j > i else text[o.end:m.start]
            if j > i and own_adm1 and any(gaz.kind[e] == K_ADM1 and gaz.cc[e] in own_adm1 for e in o.entries):
                continue  # "Ohio, Oregon, Texas": a list of a country's regions, none inside the next
            if j > i and _LOCAL_ADMIN.fullmatch(between):
                # a province, a town ("X, Idlib", "Deh-e Now area of Mohammad Agha"); in brackets only a
                # province or a town named like it: a town in brackets after a district is often the
                # district's other name ("Spin Boldak (Takhtah Pul) district")
                # ("Salem city (Salem, TN)", "Kaya (Kaya, Sanmatenga)": the district named like the town)
                loose = not ("(" in between or "[" in between) or token_key(o.text) == token_key(m.text)
                # ("Benito Juarez, Nuevo Leon": the state, not the villages named Nuevo Leon in the country's
                # other states; a namesake state abroad leaves the towns be: "Kaya (Kaya, Sanmatenga)")
                states = {gaz.cc[e]: gaz.adm1[e] for e in o.entries if gaz.kind[e] == K_ADM1}
                # ("Brussels, Berlin and Paris" lists cities: a name a big city bears as its own means that
                # city, so its small namesakes, Berlin of Wisconsin, vouch for no Brussels of Wisconsin)
                big = {e for e in o.entries if gaz.kind[e] == K_CITY and gaz.pop[e] >= BIG_CITY_POP
                       and _own_form(gaz.name[e]) == _own_form(o.text)}
                out.update((gaz.cc[e], gaz.adm1[e]) for e in o.entries if gaz.kind[e] in (K_ADM1, K_ADM2) or (
                    gaz.kind[e] == K_CITY and (loose or _named_like(gaz.name[e], gaz.admin1_name(e) or ""))
                    and (not big or e in big)
                    and states.get(gaz.cc[e], gaz.adm1[e]) == gaz.adm1[e]))
                if j + 1 < len(matches) and _BRACKET_OPEN.fullmatch(between):
                    g = matches[j + 1]
                    if _BRACKET_SEP.fullmatch(text, o.end, g.start) and not any(gaz.kind[e] == K_COUNTRY
                                                                                for e in g.entries):
                        # "X (District, Province)": the district's own entries may lie anywhere; the
                        # province after it says where, and in which country the district's namesakes count:
                        # in "Shangaani (Shangaani, Banadir)" Zimbabwe's Shangani vouches for no Shangaani (a
                        # district of another province of that country still does: "Buni Yadi (Gujba LGA,
                        # Borno)" names Yobe's Gujba)
                        within = {gaz.cc[e] for e in g.entries if gaz.kind[e] in (K_ADM1, K_ADM2, K_CITY)}
                        if within:
                            out = {r for r in out if r[0] in within}
                        out.update((gaz.cc[e], gaz.adm1[e]) for e in g.entries if gaz.kind[e] in (K_ADM1, K_CITY))
            elif j > i and _HELD_IN.fullmatch(between):
                # "the Bab al Faraj area in Al-Hasakeh countryside", "Al-Saba Bahrat area in Idleb city",
                # "Maariya and Tal Ahmar in Dar'a countryside": the match is the start of a longer name the
                # gazetteer lacks (or the first of two places), and the region or town after holds it
                out.update((gaz.cc[e], gaz.adm1[e]) for e in o.entries
                           if gaz.kind[e] in (K_ADM1, K_ADM2, K_CITY) and gaz.adm1[e])
        g = _OF_DISTRICT.match(text, m.end)
        if g is not None:
            o = next((x for x in matches[i + 1:] if x.start >= g.end()), None)
            if o is not None and o.start == g.end():
                out.update((gaz.cc[e], gaz.adm1[e]) for e in o.entries if gaz.kind[e] == K_ADM1)
        return out

    def _neighbour_cues(self, matches: list[_Match], i: int, text: str):
        """What the places written right beside matches[i] say of it: the country after it ("Athens,
        Greece"), the admin1 regions of the town before it ("Atlanta, Georgia") and the countries whose
        regions are listed with it ("Colorado, Georgia, Idaho")."""
        gaz = self.gaz
        m = matches[i]
        country_after: set[str] = set()
        town_before: set[tuple[str, str]] = set()
        town_points: set[tuple[float, float]] = set()
        town_districts: set[str] = set()
        if i + 1 < len(matches):
            o = matches[i + 1]
            between = text[m.end:o.start]
            in_list = i > 0 and any(gaz.kind[e] == K_COUNTRY for e in m.entries) and bool(
                _LIST_SEP.fullmatch(text, matches[i - 1].end, m.start))
            if (re.fullmatch(r"\s*[,(]\s*", between) and not in_list
                    and any(gaz.kind[e] == K_COUNTRY for e in o.entries)):
                # ("Ghana, Niger, Nigeria": a list of countries, where Niger is not in Nigeria)
                country_after = {gaz.cc[e] for e in o.entries if gaz.kind[e] == K_COUNTRY}
        if i > 0:
            o = matches[i - 1]
            if re.fullmatch(r"\s*,\s*", text[o.end:m.start]) and not any(gaz.kind[e] == K_COUNTRY
                                                                          for e in o.entries):
                towns = [e for e in o.entries if gaz.kind[e] in _PLACE_KINDS and gaz.adm1[e]]
                town_before.update((gaz.cc[e], gaz.adm1[e]) for e in towns)
                town_points.update((round(gaz.lat[e], 2), round(gaz.lon[e], 2)) for e in towns)
                town_districts.update(gaz.adm2[e] for e in towns if gaz.adm2[e])
        regions = {(gaz.cc[e], gaz.adm1[e]) for e in m.entries if gaz.kind[e] == K_ADM1}
        # ("Bakirkoy, Istanbul": a quarter of a city that is most of its province; "El Alto, La Paz")
        # and a town that stands for any village of a small region ("near Qapanli, Tartar" is coded near Tartar)
        regions -= {(gaz.cc[e], gaz.adm1[e]) for e in m.entries if gaz.kind[e] == K_CITY and (
                    gaz.pop[e] >= 50_000 and self._holds_its_region(e) or not self._wide_region(e))}
        if regions and _UNKNOWN_TOWN_BEFORE.search(text, max(0, m.start - 60), m.start):
            comma = text.rfind(",", 0, m.start)
            o = matches[i - 1] if i > 0 and matches[i - 1].end == comma else None
            if o is None or all(gaz.kind[e] in _PLACE_KINDS and gaz.pop[e] < GUESS_MAX_POP
                                and (gaz.cc[e], gaz.adm1[e]) not in regions for e in o.entries):
                # "near Bohdanivka, Donetsk", "near Orikhove, Luhansk": a village the gazetteer lacks there
                # (or knows only elsewhere), then its region; the region, not its same-named city, is what
                # the name after the comma means ("in Kabul, Kandahar and Herat" lists cities)
                town_before.update(regions)
        listed = _region_list(gaz, matches, i, text)
        own = {gaz.cc[e] for e in m.entries if gaz.kind[e] == K_COUNTRY}
        if own and self._region_elsewhere(m, own):
            # ("Egypt and Niger", "Niger, Mali": a country named like another country's region, listed with
            # countries, is the country)
            for j in (i - 1, i + 1):
                if 0 <= j < len(matches):
                    a, b = (matches[j], m) if j < i else (m, matches[j])
                    if _LIST_SEP.fullmatch(text, a.end, b.start) and any(
                            gaz.kind[e] == K_COUNTRY for e in matches[j].entries) and not any(
                            gaz.kind[e] == K_ADM1 for e in matches[j].entries):
                        listed = listed | own
        return (frozenset(country_after), frozenset(town_before), frozenset(listed), frozenset(town_points),
                frozenset(town_districts))

    def _paired_regions(self, matches: list[_Match], i: int, text: str) -> frozenset[str]:
        """The countries of which a list neighbour of matches[i] is a region and no big city ("Oregon and
        Washington laws" pairs two states; "New York and Washington" a city with the capital)."""
        gaz = self.gaz
        out = set()
        for j in (i - 1, i + 1):
            if not 0 <= j < len(matches):
                continue
            a, b = (matches[j], matches[i]) if j < i else (matches[i], matches[j])
            if not _LIST_SEP.fullmatch(text, a.end, b.start):
                continue
            o = matches[j]
            if any(gaz.kind[e] == K_CITY and gaz.pop[e] >= BIG_CITY_POP for e in o.entries):
                continue
            out.update(gaz.cc[e] for e in o.entries if gaz.kind[e] == K_ADM1 and _own_form(gaz.name[e]) == _own_form(o.text))
        return frozenset(out)

    def _pick(self, m: _Match, cweight, adm1_named, anchors, local, text, cues=(frozenset(),) * 5,
              paired: frozenset[str] = frozenset(), firm: tuple = ()):
        gaz = self.gaz
        country_after, town_before, listed, town_points, town_districts = cues
        written = _own_form(m.text)

        def own_name(e: int) -> bool:  # the entry's own name is the text's (not an alternate name)
            return _own_form(gaz.name[e]) == written

        after = text[m.end:m.end + 45]
        # ("Idlib province", or "the state of Washington")
        admin1_word = bool(_ADMIN1_WORDS.match(after)) or _state_of_before(text, m.start)
        city_word = bool(_CITY_WORD.match(after))  # "Cankuzo city center", "in Amara city": the town, not its province
        # the second name of a bracket of admin names is a province or district: "Gaskinde (Pobe-Mengao, Soum)"
        # is Burkina Faso's Soum province, not a village of Senegal
        province_slot = bool(_PROVINCE_IN_BRACKET.search(text, max(0, m.start - 45), m.start)
                             and _BRACKET_CLOSE.match(text, m.end))
        # a province written after its district: "Panjwaye district, Kandahar" (not Kandahar city)
        after_district = _after_district(text, m.start)
        # "Nad Ali (Marja) district": the district's other name in brackets before the word
        admin2_word = bool(_ADMIN2_WORDS.match(after)) or bool(_ADMIN2_AFTER_BRACKET.match(after))
        # districts of the name: a town at the point of a district it names is that district's seat ("El Salto,
        # Jalisco" is the seat of El Salto municipality, not the other El Salto of Jalisco, the same size)
        districts = [e for e in m.entries if gaz.kind[e] == K_ADM2]
        scored = []
        for e in m.entries:
            k = gaz.kind[e]
            cc = gaz.cc[e]
            if k == K_COUNTRY:
                s = 3.0
            elif k == K_AREA:
                s = 3.0
            elif k == K_ADM1:
                s = 2.0 + (1.5 if admin1_word or after_district else 0.0) - (1.5 if city_word else 0.0) + (
                    1.0 if province_slot else 0.0)
            elif k == K_ADM2:
                s = 0.6 + (1.5 if admin2_word else 0.0) + (1.0 if province_slot else 0.0)
            elif k == K_CITY:
                s = 0.2 + math.log10(gaz.pop[e] + 1) / 4
                if not own_name(e) and (gaz.extra.get(e) or {}).get("section"):
                    s = 0.2  # a city's section named by another name: its people are no town's ("Petrovskoye")
                elif any(gaz.cc[d] == cc and gaz.adm1[d] == gaz.adm1[e]
                         and distance_km(gaz.lat[d], gaz.lon[d], gaz.lat[e], gaz.lon[e]) <= SEAT_KM for d in districts
                         ) and any(o != e and gaz.kind[o] == K_CITY and gaz.cc[o] == cc and gaz.adm1[o] == gaz.adm1[e]
                                   for o in m.entries):
                    s += SEAT_BONUS  # (between namesakes of one region only: "Manhattan" is no seat's name)
            elif k == K_SUPP:
                s = 1.0
            else:
                s = 1.1  # the user's imports
                if admin2_word and (gaz.extra.get(e) or {}).get("district"):
                    s += 1.5  # a district learned from an ACLED export's admin2 column
            s += COUNTRY_CUE * cweight.get(cc, 0.0)
            if cc in self._war:
                s += 0.2
            if (cc, gaz.adm1[e]) in local:
                s += 2.0
            elif k != K_ADM1 and _vouched(adm1_named.get((cc, gaz.adm1[e])), m.text, not cweight or cc in cweight):
                s += 0.8
            if anchors and k not in (K_COUNTRY, K_AREA):
                total = sum(w for _, w in anchors)
                near = sum(w for (la, lo), w in anchors if distance_km(la, lo, gaz.lat[e], gaz.lon[e]) < PROXIMITY_KM)
                s += 0.8 * near / total
            if own_name(e):
                s += 0.2
            if self._hot and k not in (K_COUNTRY, K_AREA, K_ADM1):
                s += self._hot_bonus(e)
            if cc in country_after and k != K_COUNTRY:
                s += NEIGHBOUR_CUE  # "Athens, Greece": the country written after the name says whose
            if k == K_COUNTRY and cc in listed:
                s += NEIGHBOUR_CUE  # "Egypt and Niger": listed with countries
            if k == K_ADM1 and (cc, gaz.adm1[e]) in town_before:
                s += NEIGHBOUR_CUE  # "Atlanta, Georgia": the region holding the town written before it
            elif k == K_ADM1 and cc in listed:
                s += NEIGHBOUR_CUE  # "Colorado, Georgia, Idaho": one country's regions listed together
            elif k == K_ADM2 and gaz.adm2[e] in town_districts:
                s += NEIGHBOUR_CUE  # "Ipswich, Suffolk": the district holding the town written before it
            scored.append((s, e))
        if not scored:
            return None, 0.0
        scored.sort(key=lambda t: (-t[0], gaz.kind[t[1]] != K_CITY, t[1]))
        if m.ntok > 1 and cweight and gaz.cc[scored[0][1]] not in cweight \
                and gaz.kind[scored[0][1]] not in (K_COUNTRY, K_AREA) and gaz.pop[scored[0][1]] < FOREIGN_KEEP_POP:
            # a namesake in a country the article gives no evidence for loses to the one in its countries
            # unless it is a world city: "Ras al Ain" in a Syrian report is Syria's (population unknown to
            # GeoNames), not Rosh HaAyin (Israel, 73,000).  (One-word names are left to the foreign-namesake
            # filters in find_places, which drop such a word rather than move it: "Colonia" is no place.)
            inside = [t for t in scored if gaz.cc[t[1]] in cweight and gaz.kind[t[1]] not in (K_COUNTRY, K_AREA)]
            if inside:
                scored.remove(inside[0])
                scored.insert(0, inside[0])
        best_s, best = scored[0]
        leads = [cc for cc, w in cweight.items() if w >= max(cweight.values())] if cweight else []
        if (m.ntok == 1 and len(leads) == 1 and gaz.cc[best] != leads[0] and gaz.kind[best] == K_CITY
                and gaz.pop[best] < WEAK_MATCH_POP and (gaz.cc[best], gaz.adm1[best]) not in local and not any(cues)):
            # a place of the article's own country whose population GeoNames does not know (0) against a small
            # foreign namesake that won on its known size: "the barracks in Woolwich" in a British story is
            # London's Woolwich, not Woolwich, Maine (2,900 people)
            home = next((t for t in scored if gaz.cc[t[1]] == leads[0] and gaz.kind[t[1]] in (K_CITY, K_SUPP)
                         and gaz.pop[t[1]] == 0 and own_name(t[1])), None)
            if home is not None:
                best_s, best = home
        if gaz.kind[best] == K_CITY and not own_name(best) and name_key(gaz.name[best]) != token_key(m.text) \
                and (gaz.cc[best], gaz.adm1[best]) not in local and not any(cues):
            # a town whose own name this is beats one of its country that bears it only among other names
            # (GeoNames gives Rogers Park, Chicago the other name "Rogersville"; a spelling of the same name,
            # "Mykhailivka" for "Mykhaylivka", is no other name), unless that one is
            # OWN_NAME_RATIO times its size ("Bombay" is Mumbai) or the article's places back it by more than
            # OWN_NAME_SLACK (a region named in the report, places near it)
            own = next((t for t in scored if gaz.kind[t[1]] == K_CITY and gaz.cc[t[1]] == gaz.cc[best]
                        and own_name(t[1]) and gaz.pop[t[1]] * OWN_NAME_RATIO >= gaz.pop[best]
                        and t[0] >= best_s - OWN_NAME_SLACK), None)
            if own is not None:
                best_s, best = own
        if gaz.kind[best] == K_CITY and (gaz.cc[best], gaz.adm1[best]) not in local and not any(cues) and not any(
                distance_km(la, lo, gaz.lat[best], gaz.lon[best]) < PROXIMITY_KM for (la, lo), _w in anchors):
            # a town that won only on a region named somewhere in the article, with no other place of the
            # article near it, yields to a city of the same name BIG_CITY_RATIO times its size in a country the
            # article backs as much: "the Mayor of Boston" in a story that also names New York is not Boston,
            # New York (8,000 people); a region written beside the name ("Boston, Virginia") still decides
            big = next((e for _s, e in scored if gaz.kind[e] == K_CITY and gaz.pop[e] >= BIG_CITY_POP
                        and gaz.pop[e] >= BIG_CITY_RATIO * max(gaz.pop[best], 1)
                        and cweight.get(gaz.cc[e], 0.0) >= cweight.get(gaz.cc[best], 0.0) - BIG_CITY_SLACK
                        and own_name(e)), None)
            if big is not None:
                best_s, best = next(t for t in scored if t[1] == big)
        if gaz.kind[best] == K_CITY and gaz.pop[best] < WEAK_MATCH_POP and (gaz.cc[best], gaz.adm1[best]) not in local \
                and not any(cues):
            # a small town that won on the article's evidence loses to the region whose own name this is,
            # unless it is that region's seat: "the media in New York City and Florida" names the state, not
            # Florida, New York (2,900 people)
            region = next((e for _s, e in scored if gaz.kind[e] == K_ADM1 and gaz.cc[e] == gaz.cc[best]
                           and own_name(e)
                           and distance_km(gaz.lat[e], gaz.lon[e], gaz.lat[best], gaz.lon[best]) > 25), None)
            if region is not None:
                best_s, best = next(t for t in scored if t[1] == region)
        if (gaz.kind[best] not in (K_COUNTRY, K_AREA) and not admin1_word and not admin2_word
                and not _ADMIN_AFTER.match(text, m.end)
                and not own_name(best)):
            # "Mexico" is the country, not Mexico City or the State of Mexico that carry the name as an
            # alternate: their proximity and self-vouching bonuses must not outweigh the country itself
            # (a city whose own name it is, "Djibouti", "Luxembourg", keeps it)
            own = next((e for e in m.entries if gaz.kind[e] == K_COUNTRY and gaz.cc[e] == gaz.cc[best]), None)
            if own is not None:
                best_s, best = next(t for t in scored if t[1] == own)
        if (gaz.kind[best] in (K_CITY, K_SUPP) and not own_name(best) and not city_word
                and gaz.pop[best] < FOREIGN_KEEP_POP and not _ADMIN_AFTER.match(text, m.end)):
            # "Bihar police": the state whose own name this is, not a town that bears it among its other names
            # (Bihar Sharif), as "Mexico" is the country; a capital named like its province still takes the
            # bare name back below, and a world city keeps its exonym ("Kiev" is Kyiv, not Kiev oblast)
            region = next((e for _s, e in scored if gaz.kind[e] == K_ADM1 and gaz.cc[e] == gaz.cc[best]
                           and own_name(e)), None)
            if region is not None:
                best_s, best = next(t for t in scored if t[1] == region)
        if gaz.kind[best] == K_ADM1 and not admin1_word and gaz.cc[best] not in listed:
            # (an item of a list of regions is the region: "eight in Alberta, and one in Quebec")
            # a province and its same-named seat: the bare name means the town ("shelling in Idlib" is
            # coded at Idlib, as ACLED does), "Idlib province" the province
            # (or a city of a million of that name, the region's seat or not: "a Buenos Aires hospital" is in
            # the city, not in the province around it; "Ramos Mejia (Buenos Aires)" and "in the northeast of
            # Sanaa" name the region)
            region_sense = _bracketed(text, m) or _open_bracket_before(text, m.start) \
                or bool(_REGION_PART_BEFORE.search(text, max(0, m.start - 40), m.start))
            seat = next((e for s2, e in scored if gaz.kind[e] == K_CITY and gaz.cc[e] == gaz.cc[best]
                         and ((gaz.adm1[e] == gaz.adm1[best] and gaz.pop[e] >= 50_000
                               and distance_km(gaz.lat[e], gaz.lon[e], gaz.lat[best], gaz.lon[best]) < 25)
                              or (gaz.pop[e] >= FOREIGN_KEEP_POP and not region_sense
                                  and own_name(e)))),
                        None)
            if seat is not None and (gaz.cc[best], gaz.adm1[best]) in town_before and not any(
                    distance_km(la, lo, gaz.lat[seat], gaz.lon[seat]) < TOWN_SEAT_KM for la, lo in town_points):
                # "Buffalo, New York" names the region holding the town, not its seat far away;
                # "Queens, New York" the city it is a part of
                seat = None
            if seat is not None and after_district:
                seat = None
            if seat is not None and _repeated_before(text, m):
                seat = None  # "Rio de Janeiro, Rio de Janeiro": the city, then the state named like it
            if seat is None and not region_sense and not after_district and (gaz.cc[best], gaz.adm1[best]) not in local:
                # a big city of another country whose own name this is, in a country the article backs at least
                # as much: "police in Manchester" is England's city, not Jamaica's parish
                seat = next((e for s2, e in scored if gaz.kind[e] == K_CITY and gaz.cc[e] != gaz.cc[best]
                             and gaz.pop[e] >= BIG_CITY_POP and own_name(e)
                             and cweight.get(gaz.cc[e], 0.0) >= cweight.get(gaz.cc[best], 0.0)), None)
                if seat is None and (gaz.cc[best], gaz.adm1[best]) not in town_before and gaz.cc[best] not in paired:
                    # the country's capital named like one of its regions: "talks in Washington" is the capital,
                    # not Washington state ("Washington state", "Washington (state)", "Asia, Lima" with a town of
                    # the region before it still name the region)
                    capital = (gaz.countries.get(gaz.cc[best]) or {}).get("capital")
                    seat = next((e for s2, e in scored if gaz.kind[e] == K_CITY and gaz.cc[e] == gaz.cc[best]
                                 and gaz.pop[e] >= BIG_CITY_POP and own_name(e) and capital
                                 and _own_form(capital) == _own_form(gaz.name[e])), None)
            if seat is not None:
                best = seat
        if gaz.kind[best] == K_ADM2 and not admin2_word and not _open_bracket_before(text, m.start):
            # a district and its same-named town: the bare name, or "X city", means the town, as ACLED codes
            # it ("in southern Ras al Ain city"); "X district", or "(X, Province)" after a place, the district
            town = next((e for s2, e in scored if gaz.kind[e] in (K_CITY, K_SUPP, K_ACLED, K_IMPORT)
                         and gaz.cc[e] == gaz.cc[best] and gaz.adm1[e] == gaz.adm1[best]
                         and distance_km(gaz.lat[e], gaz.lon[e], gaz.lat[best], gaz.lon[best]) < DISTRICT_TOWN_KM),
                        None)
            if town is not None:
                best = town
        if len(scored) == 1:
            return best, 0.95 if m.method == "gazetteer" else 0.7
        # entries of the same place (city, its district and province share a point) do not compete
        rivals = [s for s, e in scored[1:] if distance_km(gaz.lat[e], gaz.lon[e], gaz.lat[best], gaz.lon[best]) > 25]
        if not rivals:
            return best, 0.9 if m.method == "gazetteer" else 0.65
        margin = best_s - rivals[0]
        if margin == 0 and firm:
            # a tie between places (no country or world region among them) goes to the one nearest the points
            # the article settled without a tie
            tied = [e for s2, e in scored if s2 == best_s]
            if best in tied and all(gaz.kind[e] not in (K_COUNTRY, K_AREA) for e in tied):
                def closeness(e: int) -> float:
                    return min(distance_km(la, lo, gaz.lat[e], gaz.lon[e]) for la, lo in firm)
                nearest = min(tied, key=closeness)
                if closeness(nearest) < PROXIMITY_KM:
                    best = nearest
        return best, round(min(0.95, TIE_CONF + margin / 4), 3)

    def _location(self, e: int, m: _Match, text: str, conf: float) -> Location:
        gaz = self.gaz
        k = gaz.kind[e]
        cc = gaz.cc[e]
        info = gaz.countries.get(cc, {})
        country = info.get("name")
        if k == K_AREA:
            return Location(name=_display(gaz.name[e]), country=None, latitude=round(gaz.lat[e], 4),
                            longitude=round(gaz.lon[e], 4), geo_precision=None, method="area",
                            confidence=round(conf, 3), gazetteer_id=gaz.gid[e], start=m.start, end=m.end)
        if k == K_COUNTRY:
            return Location(name=country, country=country, iso=info.get("iso"), iso3=info.get("iso3"),
                            region=info.get("region"), geo_precision=None, method="country-only",
                            confidence=round(conf, 3), gazetteer_id=gaz.gid[e], start=m.start, end=m.end)
        before = text[max(0, m.start - 60):m.start]
        after = text[m.end:m.end + 25]
        # (the words after a bracket of admin names too: "the Taizz (Salh, Taizz) frontlines")
        near_after = _NEAR_AFTER.match(_BRACKET_SKIP.sub("", text[m.end:m.end + 90], 1)) or _FRONT_LIST_AFTER.match(
            text, m.end)
        if k == K_ADM1:
            gp = 3
        elif (k == K_ADM2 or _NEAR_BEFORE.search(before) or near_after
              or m.standin
              or (k in (K_ACLED, K_IMPORT) and (gaz.extra.get(e) or {}).get("district"))
              or (k == K_SUPP and str((gaz.extra.get(e) or {}).get("note", "")).startswith("area"))):
            gp = 2  # a district, a place's surroundings, a town standing for a village the gazetteer lacks
            # ("near Bohdanivka, Donetsk": ACLED's "near a town"), or an area of the supplement (a plain, a range).
            # (A town in a bracket after an unknown village, "Kibungere (Nyabihanga, Mwaro)", stays 1: coding it 2
            # matched ACLED's precision on 0.690 of the dev rows against 0.731, since ACLED's rows name the
            # village itself; see the closing note of session 3.)
        else:
            gp = 1
        if (gp == 2 and k in (K_CITY, K_SUPP, K_ACLED, K_IMPORT)
                and (_NAMED_AREA_OF.search(before) or _PART_OF_TOWN_BEFORE.search(before))
                and not near_after and not m.standin):
            # "the Lalcherra area of Khowai town", "the Signboard area of Narayanganj city": a named quarter of
            # the town is the town itself (ACLED's precision 1); "in the area of X" is still near X
            gp = 1
        name = _display(gaz.name[e])
        admin1 = gaz.admin1_name(e)
        admin2 = gaz.admin2_name(e) if k != K_ADM1 else None
        admin3 = (gaz.extra.get(e) or {}).get("admin3") or None
        method = "fuzzy" if m.method == "fuzzy" else _KIND_METHOD.get(k, "gazetteer")
        lat, lon = gaz.lat[e], gaz.lon[e]
        if k == K_ADM1 or (k == K_CITY and admin1 and _named_like(gaz.name[e], admin1)):
            side = _side_of(before, after)
            if side is not None:
                # "the southern countryside of Idleb": the middle of the province's places on that side
                lat, lon = self._side_point(e, side)
                gp = 2
        if k in (K_CITY, K_SUPP, K_ACLED, K_IMPORT) and (z := _ZONE_OF_BEFORE.search(before)) is not None:
            # "in the North Zone of Rio de Janeiro": the zone, as ACLED codes it ("Rio de Janeiro-North Zone")
            zone = _ZONE_WORDS[z.group(1).lower()]
            point = _city_zones().get((cc, name_key(gaz.name[e]), zone))
            if point is not None:
                name, (lat, lon), gp = f"{point[0]}-{zone} Zone", point[1], 1
        return Location(name=name, country=country, iso=info.get("iso"), iso3=info.get("iso3"),
                        region=info.get("region"), admin1=admin1, admin2=admin2, admin3=admin3,
                        latitude=round(lat, 4), longitude=round(lon, 4), geo_precision=gp,
                        method=method, confidence=round(conf, 3), gazetteer_id=gaz.gid[e],
                        start=m.start, end=m.end)

    def _mission_country(self, text: str) -> Location | None:
        """A country-level location from the first one-country mission the text names (geo_missions.tsv)."""
        g = _missions()[0].search(text)
        if g is None:
            return None
        cc = _missions()[1][g.group(0).lower()]
        if cc not in self.gaz.countries:
            return None
        return self._country_location(cc, _Match(g.start(), g.end(), g.group(0), (), "mission", 1), MISSION_CONF)

    def _country_location(self, cc: str, m: _Match, conf: float = NAMESAKES_CONF) -> Location:
        """Country ``cc`` as a location without a point (geo_precision null), read from ``m``'s span: a name only
        that country's places bear, none of them sure, or a mission working there."""
        info = self.gaz.countries.get(cc, {})
        gid = next((self.gaz.gid[e] for e in self.gaz.entries_for_key(name_key(info.get("name") or ""))
                    if self.gaz.kind[e] == K_COUNTRY and self.gaz.cc[e] == cc), None)
        return Location(name=info.get("name"), country=info.get("name"), iso=info.get("iso"),
                        iso3=info.get("iso3"), region=info.get("region"), geo_precision=None,
                        method="country-only", confidence=conf, gazetteer_id=gid,
                        start=m.start, end=m.end)

    def _by_the_region(self, matches: list[_Match], i: int, best: int, local: set[tuple[str, str]],
                       text: str) -> str | None:
        """The admin1 name of a region of ``local`` that ``best`` lies within REGION_EDGE_KM of (a town of it),
        when ``best`` is its country's only town of the name and no district of that region is written in a
        bracket after it ("Tudun Wada (Kaduna North LGA, Kaduna)": the district found is the answer, not a
        namesake across the border); else None."""
        gaz = self.gaz
        m = matches[i]
        cc = gaz.cc[best]
        if gaz.kind[best] not in (K_CITY, K_SUPP) or sum(
                1 for e in m.entries if gaz.cc[e] == cc and gaz.kind[e] in (K_CITY, K_SUPP)) != 1:
            return None
        # (by its own name, beside one region of its country: another name of a town across the border, or a
        # region named twice over, "Rampur district" of two states, says too little)
        if name_key(gaz.name[best]) != name_key(m.text) or len({a for c, a in local if c == cc}) != 1:
            return None
        nxt = _district_bracket_after(matches, i, text)
        la, lo = gaz.lat[best], gaz.lon[best]
        named = [e for e in (nxt.entries if nxt is not None else ())
                 if gaz.kind[e] in (K_ADM2, K_CITY, K_SUPP) and (gaz.cc[e], gaz.adm1[e]) in local]
        if named and not any(distance_km(la, lo, gaz.lat[e], gaz.lon[e]) <= DISTRICT_TOWN_KM for e in named):
            # (unless the place lies within DISTRICT_TOWN_KM of that district's point: a front on the border,
            # "Qaniyah area (Mahliyah, Marib)", whose point the gazetteer puts just across it)
            return None
        for c, a in sorted(local):
            if c != cc:
                continue
            near = next((x for x in self._members(c, a)
                         if distance_km(la, lo, gaz.lat[x], gaz.lon[x]) <= REGION_EDGE_KM), None)
            if near is not None:
                return gaz.admin1_name(near)
        return None

    def _bracket_district(self, matches: list[_Match], i: int, local: set[tuple[str, str]], text: str) -> str | None:
        """The name of the district a "(District, Province)" bracket right after matches[i] names, when it is a
        district of a region of ``local``; else None."""
        gaz = self.gaz
        nxt = _district_bracket_after(matches, i, text)
        if nxt is None:
            return None
        d = next((e for e in nxt.entries if gaz.kind[e] == K_ADM2 and (gaz.cc[e], gaz.adm1[e]) in local), None)
        return gaz.admin2_name(d) if d is not None else None

    def _members(self, cc: str, adm1: str) -> list[int]:
        """The towns and supplement places of a province."""
        if self._by_adm1 is None:
            gaz = self.gaz
            by: dict[tuple[str, str], list[int]] = {}
            for i in range(len(gaz.name)):
                if gaz.kind[i] in (K_CITY, K_SUPP) and gaz.adm1[i]:
                    by.setdefault((gaz.cc[i], gaz.adm1[i]), []).append(i)
            self._by_adm1 = by
        return self._by_adm1.get((cc, adm1), [])

    def _holds_its_region(self, e: int) -> bool:
        """Whether city ``e`` holds at least CITY_REGION_SHARE of its province's town population (Istanbul,
        Ankara, Izmir; not Donetsk or Luhansk), so that "X, <city>" names a part of the city."""
        gaz = self.gaz
        total = sum(gaz.pop[i] for i in self._members(gaz.cc[e], gaz.adm1[e]))
        return total > 0 and gaz.pop[e] >= CITY_REGION_SHARE * total

    @lru_cache(maxsize=4096)
    def _wide_region(self, e: int) -> bool:
        """Whether the places of city ``e``'s province lie a median WIDE_REGION_KM or more from it, so that
        the city cannot stand for an unknown village of the province (Donetsk oblast, not Tartar rayon)."""
        gaz = self.gaz
        d = sorted(distance_km(gaz.lat[e], gaz.lon[e], gaz.lat[i], gaz.lon[i])
                   for i in self._members(gaz.cc[e], gaz.adm1[e]))
        return bool(d) and d[len(d) // 2] >= WIDE_REGION_KM

    def _side_point(self, e: int, side: float) -> tuple[float, float]:
        """The middle (median) of the places of entry ``e``'s province lying towards compass bearing
        ``side`` from ``e`` (within 50 degrees, SIDE_MIN_KM to SIDE_MAX_KM away); else a point SIDE_STEP_KM
        that way."""
        gaz = self.gaz
        key = (gaz.cc[e], gaz.adm1[e], side)
        got = self._side_memo.get(key)
        if got is not None:
            return got
        lat0, lon0 = gaz.lat[e], gaz.lon[e]
        lats, lons = [], []
        for i in self._members(gaz.cc[e], gaz.adm1[e]):
            d = distance_km(lat0, lon0, gaz.lat[i], gaz.lon[i])
            if SIDE_MIN_KM <= d <= SIDE_MAX_KM and abs((_bearing(lat0, lon0, gaz.lat[i], gaz.lon[i]) - side + 180)
                                                       % 360 - 180) <= 50:
                lats.append(gaz.lat[i])
                lons.append(gaz.lon[i])
        if len(lats) >= 3:
            lats.sort()
            lons.sort()
            got = (lats[len(lats) // 2], lons[len(lons) // 2])
        else:
            rad = math.radians(side)
            got = (lat0 + SIDE_STEP_KM / 111.2 * math.cos(rad),
                   lon0 + SIDE_STEP_KM / (111.2 * max(0.2, math.cos(math.radians(lat0)))) * math.sin(rad))
        self._side_memo[key] = got
        return got

    # ------------------------------------------------------------------------------------------
    # event location

    def locate(self, article: Article, doc, mentions: list[Mention], places: list[Toponym]) -> list[Mention]:
        """The mentions with ``location`` set to where each event happened."""
        # "Saudi jets", "Afghan forces": a nationality word cues the article's country but names no scene
        placed = [p for p in places if p.location is not None and p.location.method != "area"
                  and not (p.location.method == "country-only" and p.text.lower() in self._demonyms)
                  # "Saudi-backed forces", "US-led coalition", "Kabul-based": an attribute, not a scene
                  and not _COMPOUND_AFTER.match(article.text, p.end)
                  # "the windows of Byblos Bank in Bar Elias": a company named after a place, not the scene
                  and not _COMPANY_AFTER.match(article.text, p.end)
                  # "the Portail de Leogane area of the capital": a quarter named after a town, not the town
                  and not _QUARTER_OF_CITY_AFTER.match(article.text, p.end)]
        # "employees of the Missan Electricity Directorate protested in Amara city", "troopers of the Tripura State
        # Rifles": a place in the name of the body that acts is who, not where, while another place is named
        # ("the Mount Lebanon Hotel in downtown Baghdad")
        named_body = [p for p in placed if _BODY_AFTER.match(article.text, p.end)]
        if named_body and any(p not in named_body and p.location.geo_precision is not None for p in placed):
            placed = [p for p in placed if p not in named_body]
        # "the head of Kafrsajna camp in the northern countryside of Idleb": a place the report puts on one side of
        # its province that lies on the other is not the place meant (a camp named after its people's village, a
        # namesake); the side of the province stands for it
        placed = [p for p in placed if not _off_side(p, placed, article.text)]
        # ... and so is a place standing for a government or a home base, or a clock, while any other place
        # (a country too) is named: "killed 14 people in Iraq as Washington's new ambassador vowed"
        actors = [p for p in placed if _ACTOR_AFTER.match(article.text, p.end) or _CLOCK_AFTER.match(article.text, p.end)
                  or _AGENT_BEFORE.search(article.text, max(0, p.start - 40), p.start)
                  or _HOME_BEFORE.search(article.text, max(0, p.start - 60), p.start)]
        if actors and any(p not in actors for p in placed):
            placed = [p for p in placed if p not in actors]
        # what a weapon could reach is never where anything happened ("a missile capable of hitting Alaska and
        # perhaps even San Francisco", "within range of Tel Aviv")
        placed = [p for p in placed if not _IN_RANGE_BEFORE.search(article.text, max(0, p.start - 90), p.start)]
        main = _main_place(placed)
        # "the Marib-Al Jawf road", "the Gujarat-Madhya Pradesh border": the ends of a road or border
        # named by its towns or regions are no scene while the report names another place; nor is a point of
        # reference ("Habbaniyah, 80 km west of Baghdad", "Hilla, just south of Baghdad")
        unreferenced = [p for p in placed if not _REFERENCE_BEFORE.search(article.text, max(0, p.start - 40), p.start)
                        # ... nor the city whose suburb is named next ("the Columbus suburb of Westerville")
                        and not _SUBURB_OF_AFTER.match(article.text, p.end)]
        # ... nor is where people were going ("forced the truck to return in the direction of Ouagadougou", "as
        # they drove toward Afar region in the Bati woreda")
        scenes = [p for p in unreferenced if not _road_end(p, article.text)
                  and not _DESTINATION_BEFORE.search(article.text, max(0, p.start - 50), p.start)]
        # "Kot Diji town (Khairpur, Sindh)": the district and province in the bracket qualify the place before
        # it, which is the scene when the gazetteer knows it
        heads = {p.end: p for p in placed if p.location.geo_precision is not None}
        head_of = {id(p): h for p in placed for h in [_qualified_head(p, heads, article.text)] if h is not None}
        # (a mission that works in one country names the event's country when no place is found: "the OSCE SMM
        # observed explosions near X", X a village the gazetteer lacks; no point, flagged)
        mission = self._mission_country(article.text)
        out = []
        for mention in mentions:
            trig = _trigger_span(mention)
            chosen = _coded_at(placed, article.text, mention)
            if chosen is None and len(scenes) < len(placed):
                chosen = self._choose(article, doc, mention, trig, scenes)
            if chosen is None:
                chosen = self._choose(article, doc, mention, trig, placed)
            if chosen is None:
                chosen = main
            lead = _fronted_place(doc, trig, placed, article.text)
            if (lead is not None and chosen is not None and chosen is not lead
                    and (chosen.location.country != lead.location.country
                         or chosen.location.admin1 != lead.location.admin1
                         # ... nor a town far from the town it opens with ("in Guadalajara, Jalisco, a body was
                         # found in Colonia 5 de Mayo" is no La Colonia 50 km away)
                         or (_level(lead.location) == 1 and lead.location.latitude is not None
                             and chosen.location.latitude is not None and chosen.location.geo_precision in (1, 2)
                             and distance_km(lead.location.latitude, lead.location.longitude,
                                             chosen.location.latitude, chosen.location.longitude) > FRONTED_NEAR_KM))):
                # "On 30 April, in Andahuaylas, Apurimac, residents protested ... to return to their homes in Lima":
                # the place a sentence opens with is its scene; a place of another province is no finer one
                chosen = lead
            if chosen is not None and id(chosen) in head_of and (
                    _level(head_of[id(chosen)].location) <= _level(chosen.location)
                    # (a town named like its province is the town when the report calls it one: "Hodeidah Red
                    # Sea port city (Al Hali, Al Hudaydah)")
                    or _TOWN_WORD.search(article.text, head_of[id(chosen)].end, chosen.start)):
                chosen = head_of[id(chosen)]
            if chosen is not None:
                chosen = _qualified_next(chosen, placed, article.text)
                items = _scene_list(chosen, placed, article.text, doc, trig)
                if items:
                    out.extend(_split(mention, items))
                    continue
                chosen = _finest(chosen, placed, article.text)
                # (a town ending a road of the province is finer than the province: "a patrol on the M4 highway
                # in Idleb along the Nayrab - Tarnaba road")
                chosen = _finer_in_sentence(chosen, unreferenced, doc, trig, article.text)
            if chosen is None:
                out.append(mention if mission is None else _located(
                    mention, mission, Toponym(mission.start, mission.end, article.text[mission.start:mission.end],
                                              mission, 0, "mission")))
                continue
            loc = chosen.location
            if loc.geo_precision == 1 and _road_end(chosen, article.text):
                # "blocked the Rashayya-Masnaa road": a scene on the road between towns, near the one chosen
                loc = replace(loc, geo_precision=2)
            out.append(_located(mention, loc, chosen))
        return out

    def _choose(self, article, doc, mention: Mention, trig: tuple[int, int], placed: list[Toponym]):
        inside = [p for p in placed if p.start >= mention.start and p.end <= mention.end]
        if doc is not None:
            sent = _sentence_of(doc, trig[0])
            if sent is not None:
                s_start, s_end = sent.start_char, sent.end_char
                in_sent = [p for p in placed if p.start >= s_start and p.end <= s_end]
                if in_sent:
                    linked = _syntactic(doc, sent, trig, in_sent)
                    if linked is not None:
                        return linked
                    inside = in_sent + [p for p in inside if p not in in_sent]
                elif sent.start > 0:
                    # "... video from the city of Al Hazm. They have recaptured the city": a sentence with
                    # no place continues the previous sentence's, if it is in the same paragraph
                    prev = doc[sent.start - 1].sent
                    if "\n\n" not in article.text[prev.start_char:s_start + 1]:
                        before = [p for p in placed if p.start >= prev.start_char and p.end <= prev.end_char
                                  and p.location.geo_precision is not None]
                        if before:
                            return min(before, key=lambda p: (p.location.geo_precision, p.start))
        below = [p for p in inside if p.location.geo_precision is not None]
        if not below:
            return None  # the article's main place, else its country (locate's fallback)
        return min(below, key=lambda p: (_gap(p, trig), p.start))


class _Intervals:
    """Non-overlapping character intervals with a fast overlap test."""

    def __init__(self, pairs=()):
        self.items = sorted(pairs)
        self.starts = [s for s, _ in self.items]

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_left(self.starts, e)  # intervals starting before e
        return any(self.items[j][1] > s for j in range(max(0, i - 3), i))

    def add(self, s: int, e: int) -> None:
        i = bisect_left(self.starts, s)
        self.items.insert(i, (s, e))
        self.starts.insert(i, s)


# what stands between a place and the region holding it: "Kafr Nassij in Dar'a", "Hajin in the eastern
# countryside of Deir-ez-Zor", "Al Hawban (Sabir al Mawadim, Taizz)", "the town of Maarrata in Aleppo province"
_CONTAINED_BY = re.compile(
    r"\s*\)?\s*(?:(?:district(?:\s+cent(?:er|re))?|sub-?district|LGA|county|municipality|tehsil|woreda|commune|"
    r"village|town|city|area|camp|region|neighbou?rhood|"
    r"crossing|base|front|frontline|junction|checkpoint|road|airport|mountains?|(?:(?:gas|oil)\s+)?fields?|"
    r"dam|bridge|port|prison|hospital|station)\s*)?(?:,|\(|\bin\b|\bof\b|,\s*in\b|"
    # ("Musawa (Musawa LGA, Katsina)": a district in the bracket before the province)
    r"\(\s*[^(),\n]{1,40},)\s*(?:the\s+)?"
    r"(?:(?:(?:north|south|east|west|(?:north|south)\s*[-‐–]?\s*(?:east|west))(?:ern)?\s+|rural\s+)?"
    r"(?:countryside|province|governorate|district|outskirts|parts?|desert|suburbs)\s+of\s+(?:the\s+)?)?", re.I)
# the longest stretch of text that may lie between a place and its region
_CONTAINED_MAX = 60


_SIDES = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0, "south": 180.0,
          "southwest": 225.0, "west": 270.0, "northwest": 315.0}
_SIDE_WORD = r"(north|south|east|west|(?:north|south)\s*[-‐–]?\s*(?:east|west))(?:ern)?"
# "in the southern countryside of Idleb", "the eastern outskirts of", "in northern Aleppo", "southern Idlib countryside"
_SIDE_BEFORE = re.compile(rf"\b{_SIDE_WORD}\s+(?:(?:countryside|outskirts|parts?|part|suburbs|areas?|desert|"
                          rf"villages|towns|region|reaches|edge)\s+of\s+(?:the\s+)?(?:city\s+of\s+)?"
                          rf"|(?:rural\s+)?)$", re.I)


def _side_of(before: str, after: str) -> float | None:
    """The compass bearing of "the southern countryside of X" / "southern X countryside", else None."""
    g = _SIDE_BEFORE.search(before)
    if g is None:
        return None
    if g.group(1)[0].isupper() and not g.group(0).rstrip().endswith("of"):
        return None  # "East Jerusalem", "North Sinai": a capitalised side word is part of a name
    return _SIDES.get(re.sub(r"[\s\-‐–]", "", g.group(1).lower()))


# how far from the middle of a province's side (km), and how far round from that side (degrees), a place must
# lie to be on another side of the province than the report puts it
OFF_SIDE_KM = 40.0
OFF_SIDE_DEG = 120.0


def _district_bracket_after(matches: list, i: int, text: str):
    """The match that opens a "(District, Province)" bracket right after matches[i], or None."""
    nxt = matches[i + 1] if i + 1 < len(matches) else None
    if nxt is not None and _DISTRICT_BRACKET.fullmatch(text, matches[i].end, nxt.start) \
            and _BRACKET_SEP.match(text, nxt.end):
        return nxt
    return None


def _off_side(p: Toponym, placed: list, text: str) -> bool:
    """Whether the report puts town ``p`` on a side of its province ("X in the northern countryside of Idleb")
    that it does not lie on: more than OFF_SIDE_KM from the middle of that side, in a direction more than
    OFF_SIDE_DEG from it."""
    loc = p.location
    if loc is None or loc.latitude is None or loc.geo_precision != 1:
        return False
    region = next((r for r in placed if r.start >= p.end and r.start - p.end <= _CONTAINED_MAX), None)
    if (region is None or region.location is None or region.location.latitude is None
            or region.location.admin1 != loc.admin1 or region.location.country != loc.country
            or _level(region.location) < 3 or not _CONTAINED_BY.fullmatch(text, p.end, region.start)):
        return False
    side = _side_of(text[max(0, region.start - 60):region.start], text[region.end:region.end + 30])
    if side is None:
        return False
    la, lo = region.location.latitude, region.location.longitude  # the middle of that side (see _side_point)
    turn = abs((_bearing(la, lo, loc.latitude, loc.longitude) - side + 180) % 360 - 180)
    return distance_km(la, lo, loc.latitude, loc.longitude) > OFF_SIDE_KM and turn > OFF_SIDE_DEG


def _bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(x, y)) % 360


_ABBREVIATED = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
_ABBREVIATION = re.compile(r"\b(st|ste|ft|mt)\b\.?\s*")


@lru_cache(maxsize=1 << 16)
def _own_form(name: str) -> str:
    """A name as own names compare: ASCII, lower case, abbreviated words written out ("St. Paul" -> "saint paul")."""
    return _ABBREVIATION.sub(lambda g: _ABBREVIATED[g.group(1)] + " ", unidecode(name).lower())


def _fuzzy_alike(key: str, other: str) -> bool:
    """Whether a fuzzy hit is another spelling of ``key``, not another name: the rest of the name after a shared
    generic first word must be alike too ("Jabal Salab" is no Jabal Sabr), and a name extended by a suffix is
    another name ("Sukkariyah" is no Sukkari, an Arabic nisba makes a new place name)."""
    a, b = key.split(" ", 1), other.split(" ", 1)
    if len(a) == 2 and len(b) == 2 and a[0] == b[0] and a[0] in _PLACE_PREFIXES:
        if fuzz.ratio(a[1], b[1]) < FUZZY_THRESHOLD:
            return False
    return not _suffix_extended(key.replace("y", "i"), other.replace("y", "i"))


def _span_key(text: str) -> str:
    """The gazetteer key of a span of words (each word's key, empty ones dropped)."""
    return " ".join(k for k in (token_key(w) for w in _TOKEN_RE.findall(text)) if k)


def _suffix_extended(key: str, other: str) -> bool:
    """Whether one key is the other extended by a suffix of two letters or more ("sukkariyah" / "sukkari")."""
    short, long_ = sorted((key.replace(" ", ""), other.replace(" ", "")), key=len)
    return long_.startswith(short) and len(long_) - len(short) >= 2


def _named_like(name: str, admin1: str) -> bool:
    """Whether a town is named like its province ("Idlib" in "Idleb", "Ar Raqqah" in "Ar-Raqqa")."""
    return fuzz.ratio(token_key(name).replace(" ", ""), token_key(admin1).replace(" ", "")) >= 80


_ROAD_WORDS = r"(?:road|highway|motorway|route|expressway|corridor|border|boundary|frontier)\b"
# ("the Agra-Mumbai national highway", "the Mumbai-Barwani stretch of the highway")
_ROAD_AFTER = re.compile(rf"\s*[-–]\s*(?:[A-Z][\w'’]*\s+){{0,3}}?(?:[A-Z][\w'’]*)\s+"
                         rf"(?:(?:national|state|main|old|new|coastal|international)\s+)?(?:{_ROAD_WORDS}|stretch\b)")
_ROAD_BEFORE = re.compile(r"[-–]\s*$")
# a street, bypass or market named after a town ("a protest outside the Geo office on Murree road in Rawalpindi",
# "near the Jalandhar bypass in Ludhiana", "Maharajganj Bazaar (market) in Agartala"): that town is not the scene
_STREET_AFTER = re.compile(r"\s+(?:[Rr]oad|[Ss]treet|[Aa]venue|[Bb]ypass|[Cc]howk|[Bb]azaa?r|[Mm]arket|[Ss]quare)"
                           r"(?:\s*\([^()\n]{1,20}\))?\s+(?:in|of|at|near)\s+(?:the\s+)?[A-Z]")
_ROAD_WORD_AFTER = re.compile(rf"\s+(?:(?:national|state|main|old|new|coastal|international)\s+)?(?:{_ROAD_WORDS}|stretch\b)")
_ROAD_LINKING = re.compile(r"\b(?:road|highway|motorway|route|expressway|railway)s?\s+(?:that\s+|which\s+)?"
                           r"(?:connect(?:s|ing)?|link(?:s|ing)?|between|from)\s+(?:the\s+)?"
                           r"(?:[A-Z][\w'’\-]*\s+(?:(?:al|as|ad|wa|of)\s+)?){0,4}(?:(?:and|to|with)\s+(?:the\s+)?)?$")
# "in Kandal village": a village named like a province (lower case: "Kandal Village" may be a name of its own)
_VILLAGE_AFTER = re.compile(r"\s+(?:village|hamlet)\b")
# "return in the direction of Ouagadougou", "as they drove toward Afar region": where people were going
_DESTINATION_BEFORE = re.compile(
    r"\b(?:in\s+the\s+direction\s+of|(?:drove|driving|drive|travell?(?:ed|ing)|travels?|heading|headed|"
    r"(?:on|make|makes|made|making)\s+(?:their|his|her|its)\s+way|en\s+route|bound|returning|return|fled|fleeing|sailing|flying)\s+"
    r"(?:back\s+)?(?:to|towards?|for))\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$", re.I)
# what a weapon could reach: "capable of hitting Alaska and perhaps even ", "within striking range of "
_IN_RANGE_BEFORE = re.compile(
    r"(?:\b(?:capable\s+of|able\s+to|could|can|would|might|designed\s+to)\s+(?:hit(?:ting)?|reach(?:ing)?|"
    r"strik(?:e|ing)|target(?:ing)?)|\bwithin\s+(?:striking\s+)?range\s+of)\s+"
    r"(?:(?:the\s+)?[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*)*\s*(?:,\s*|\s+and\s+|\s+or\s+)"
    r"(?:(?:perhaps|possibly|even|as\s+far\s+as)\s+)*)*(?:(?:perhaps|possibly|even|as\s+far\s+as|the)\s+)*$")
# "found killed on the road to al-Hasakeh city": the town a road leads to is a direction, not the scene
_ROAD_TOWARD = re.compile(r"\b(?:road|highway|motorway|route)\s+(?:leading\s+|heading\s+)?(?:to|towards?)\s+(?:the\s+)?"
                          r"(?:(?:city|town|village)\s+of\s+)?$")


# ("Salim [Al Fajir] (Qaatabah, Ad Dali)": the name ACLED codes in square brackets; "Al Jabaliyah area in western
# Yemen (At Tuhayat, Al Hudaydah)": the country between; "Hodeidah Red Sea port city (Al Hali, Al Hudaydah)": a
# description of the town)
_QUALIFIED_HEAD = re.compile(rf"[\w'’]\]?\s*(?:(?-i:[A-Z][a-z]+\s+){{1,2}}(?=port\s+(?:city|town)\b))?(?:port\s+)?"
                             rf"{_BRACKET_KINDS}(?:in\s+(?:{_SIDE_WORD}\s+)?[A-Z][\w'’]+\s*)?"
                             # ("Al Ajlaniyah area of Hadramawt valley (Al Qatn, Hadramawt)": the area, in a
                             # larger named one)
                             rf"(?:(?<=area\s)of\s+(?:the\s+)?(?-i:[A-Z][\w'’\-]*\s+){{1,3}}"
                             rf"(?:valley|plain|desert|countryside|region|city)?\s*)?"
                             rf"\(\s*(?:[^()\n,]{{1,40}},\s*)?$", re.I)


_TOWN_WORD = re.compile(r"\b(?:city|town|village|port)\b", re.I)
_CITY_OF_BEFORE = re.compile(r"\b(?:city|town|centre|center)\s+of\s+(?:the\s+)?$", re.I)


def _qualified_head(p: Toponym, heads: dict, text: str) -> Toponym | None:
    """The placed place before the bracket of admin names ``p`` stands in ("Kot Diji town (Khairpur, Sindh)"),
    or None."""
    if not _bracketed(text, p):
        return None
    g = _QUALIFIED_HEAD.search(text, max(0, p.start - 70), p.start)
    if g is None:
        return None
    # (the place before the bracket ends where the match starts, at its last word character, or after a kind
    # word that is part of its name: "Panama City (Bella Vista)")
    bracket = text.index("(", g.start()) if "(" in text[g.start():p.start] else g.end()
    return next((heads[e] for e in range(g.start() + 1, bracket + 1) if e in heads), None)


# a region or city qualifying the place after it: "the West Bank town of Bethlehem", "Dagestan's regional capital
# Makhachkala", "Baghdad's Shiite enclave of Sadr City", "Kashmir's Kargil area"
_QUALIFIES_NEXT = re.compile(
    r"(?:[’']s)?\s+(?:(?:[a-z][\w\-]*|[A-Z][a-z]+)\s+){0,3}?(?:city|town|village|area|district|region|province|"
    r"capital|enclave|neighbou?rhood|suburb|camp|port|resort|stronghold|governorate|county)\s+(?:of\s+)?(?:the\s+)?"
    r"|[’']s\s+(?:the\s+)?")


_SETTLEMENT_OF = re.compile(r"\b(?:city|town|village|capital|enclave|neighbou?rhood|suburb|camp|port|resort|"
                            r"stronghold)\s+(?:of\s+)?(?:the\s+)?$")
# words that go with a place's name rather than a person's ("Greer Station", "Tennessee Colony", "Hill City
# Central"): beside a match they do not make it a name
_PLACE_PART_WORDS = frozenset(
    "station harbour harbor central colony county park creek river lake valley beach bay port island islands "
    "heights hills hill springs falls junction crossing bridge square street road avenue airport base camp north "
    "south east west upper lower new old great little miss mr mrs ms saint st fort mount city town village center "
    "centre township borough parish district region high school university college market gate".split())
_THE_BEFORE = re.compile(r"\bthe\s+(?:[a-z][\w\-]*\s+){0,2}$", re.I)


def _qualified_next(chosen: Toponym, placed: list[Toponym], text: str) -> Toponym:
    """The place right after ``chosen`` that ``chosen`` only qualifies ("the West Bank town of Bethlehem"), when
    it is finer; else ``chosen``."""
    nxt = min((p for p in placed if p.start > chosen.end and p.location is not None
               and p.location.geo_precision is not None), key=lambda p: p.start, default=None)
    if nxt is None or not _QUALIFIES_NEXT.fullmatch(text, chosen.end, nxt.start):
        return chosen
    if text[chosen.end:chosen.end + 2] not in ("'s", "’s") and not (
            _THE_BEFORE.search(text, max(0, chosen.start - 30), chosen.start)
            and _SETTLEMENT_OF.search(text, chosen.end, nxt.start)):
        # "Miguel Hidalgo area of Mexico City", "the Haftanin region of Duhok": the first lies in the second
        return chosen
    loc = chosen.location
    if loc is None or loc.geo_precision is None or _level(nxt.location) < _level(loc):
        return nxt
    return chosen


def _road_end(p: Toponym, text: str) -> bool:
    """Whether a place is an end of a road or border named by its towns or regions: "Marib" and "Al Jawf"
    in "the Marib-Al Jawf road", "a desert road connecting Hadhramawt and Al Jawf governorates"."""
    if _ROAD_AFTER.match(text, p.end) or _STREET_AFTER.match(text, p.end):
        return True
    if _ROAD_LINKING.search(text, max(0, p.start - 90), p.start) or _ROAD_TOWARD.search(
            text, max(0, p.start - 50), p.start):
        return True
    return bool(_ROAD_BEFORE.search(text, max(0, p.start - 3), p.start) and _ROAD_WORD_AFTER.match(text, p.end))


# "fighting around Jadafar, coded as Wadi Halhalan (Al Hazm, Al Jawf)": a coder's note saying where the event is
# placed (ACLED's notes do; users feed them back to compare codings)
_CODED_AT = re.compile(r"\bcoded\s+(?:as|at|in|to)\s+(?:the\s+)?")


def _coded_at(placed: list[Toponym], text: str, mention: Mention) -> Toponym | None:
    for g in _CODED_AT.finditer(text, mention.start, mention.end):
        nxt = [p for p in placed if g.end() <= p.start <= g.end() + 40 and p.location.geo_precision is not None]
        if nxt:
            first = min(nxt, key=lambda p: p.start)
            if not re.search(r"[.;]", text[g.end():first.start]):
                return first
    return None


# A district whose point lies closer than this (km) to a town is the town's own district, no finer scene
TOWN_DISTRICT_KM = 15.0
# A place of the opening town's province farther than this (km) from it is no part of the scene it opens with
FRONTED_NEAR_KM = 30.0
# a sentence opening with its scene: "On 30 April 2020, in X, Y, ...", "In X, ...", "Around 2 May (as reported), in X, ..."
_FRONTED_IN = re.compile(r"\s*(?:(?:On|Around|Between|By|During|Since|Overnight|Late|Early|From|Over|Throughout)\b"
                         r"[^,.;\n]{0,60},\s*)?[Ii]n\s+(?:the\s+)?(?:(?:city|town|village|district|province|"
                         r"governorate|department|state|region|municipality)\s+of\s+)?")


_FRONTED_END = re.compile(r"\s*[,(]")


def _fronted_place(doc, trig: tuple[int, int], placed: list[Toponym], text: str) -> Toponym | None:
    """The place the trigger's sentence opens with, followed by a comma (see _FRONTED_IN), or None."""
    if doc is None:
        return None
    sent = _sentence_of(doc, trig[0])
    if sent is None:
        return None
    g = _FRONTED_IN.match(text, sent.start_char)
    if g is None or g.end() > trig[0]:
        return None
    p = next((p for p in placed if p.start == g.end()), None)
    if p is None or p.end >= trig[0] or p.location is None or p.location.geo_precision is None:
        return None
    # the opening phrase ends at a comma after the place and its regions ("in Saravena, Arauca department,")
    if not _FRONTED_END.match(text, p.end):
        return None
    return p


def _level(loc: Location) -> float:
    """How coarse a location is as a container: 3 a province (or its seat named like it: "Dar'a",
    "Idlib", "Ar Raqqah"), 2 a district or an area, 1.5 a town's surroundings ("near X", "(X, Seno)"),
    1 a place."""
    if loc.geo_precision == 3 or (loc.name and loc.admin1 and _named_like(loc.name, loc.admin1)):
        return 3
    if loc.method == "admin":
        return 2
    if loc.geo_precision == 2:
        return 2 if loc.method == "supplement" else 1.5  # (an area of the supplement: a plain, a range)
    return 1


def _finest(chosen: Toponym, placed: list[Toponym], text: str) -> Toponym:
    """The finest place written just before ``chosen`` and inside it: an event placed at a region ("in
    the eastern countryside of Deir-ez-Zor") happened at the village the report names in that region
    ("the village of Hajin in ...")."""
    seen = 0
    while seen < 4 and chosen.location is not None and chosen.location.latitude is not None:
        seen += 1
        before = [p for p in placed if p.end <= chosen.start and chosen.start - p.end <= _CONTAINED_MAX
                  and p.location is not None and p.location.latitude is not None]
        if not before:
            break
        q = max(before, key=lambda p: p.end)
        loc, region = q.location, chosen.location
        if (loc.country != region.country or not loc.admin1 or loc.admin1 != region.admin1
                or loc.gazetteer_id == region.gazetteer_id
                or not _CONTAINED_BY.fullmatch(text, q.end, chosen.start)):
            break
        # (a city written as its province is spelled stands for the province: "region of Dahuk" = Duhok
        # governorate, whose seat GeoNames calls Dihok)
        if _level(loc) >= (3 if region.admin1 and _named_like(chosen.text, region.admin1) else _level(region)) and not (
                # "the town of Kansafra in Jabal al-Zawiya": a town the report puts in a place is inside it,
                # whatever precision an import gave the outer name
                _level(region) == 1 and _level(loc) == 1 and _PLACE_OF_BEFORE.search(text, max(0, q.start - 20), q.start)
                and re.fullmatch(r"\s+in\s+", text[q.end:chosen.start])
                and distance_km(loc.latitude, loc.longitude, region.latitude, region.longitude) <= FRONTED_NEAR_KM):
            break
        chosen = _list_head(q, placed, text)
    loc = chosen.location
    if loc is not None and loc.geo_precision == 3:
        # "Jabal Salab in the northeast of Sanaa (Nihm, Sanaa)", "Al Alam camp (Marib, Marib)": the district
        # that the bracket after a province names is closer to the scene than the province
        g = _BRACKET_OPEN.match(text, chosen.end)
        if g is not None:
            inner = next((p for p in placed if p.start >= g.end() and p.start - g.end() <= 2), None)
            if (inner is not None and inner.location is not None and inner.location.admin1 == loc.admin1
                    and inner.location.country == loc.country and inner.location.geo_precision in (1, 2)):
                chosen = inner
    return chosen


# what joins the places of a list: "between Harim and Sarmada towns", "Mori, Ash Shawati, and Nawjid camps",
# "Maariya and Tal Ahmar in Dar'a countryside", "the Nayrab - Tarnaba road"
_LIST_JOIN = re.compile(r"\s*(?:(?:village|town|city|area)s?\s*)?(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*|[-‐–]\s*)"
                        r"(?:the\s+)?(?:(?:villages?|towns?|areas?)\s+of\s+)?", re.I)
# "the town of Kansafra in ...": the report calls the name a town or village
_PLACE_OF_BEFORE = re.compile(r"\b(?:town|village|hamlet)\s+of\s+$", re.I)


def _list_head(q: Toponym, placed: list[Toponym], text: str) -> Toponym:
    """The first known place of the list that ``q`` ends, in ``q``'s region ("between Harim and Sarmada towns
    in Idleb": Harim, as ACLED codes a scene between two places and the first of a list).  Names the gazetteer
    lacks break no list: "Lakmat al Qalah and Ath Thawkab areas" is Ath Thawkab."""
    cur, loc = q, q.location
    while True:
        prev = [p for p in placed if p.end <= cur.start and cur.start - p.end <= 24
                and p.location is not None and p.location.latitude is not None]
        if not prev:
            return cur
        p = max(prev, key=lambda p: p.end)
        if (not _LIST_JOIN.fullmatch(text, p.end, cur.start) or p.location.country != loc.country
                or p.location.admin1 != loc.admin1 or _level(p.location) > max(_level(loc), 2)):
            return cur
        cur = p


def _finer_in_sentence(chosen: Toponym, scenes: list[Toponym], doc, trig: tuple[int, int], text: str = "") -> Toponym:
    """A province chosen as the scene yields to a finer place inside it that the same sentence names
    ("police in Hadramawt governorate detained a smuggler travelling to a market in Shibam district"): the
    event happened somewhere in the province, and the report says where.  So does a bare town named like its
    province ("convoys entered Hasakah through the Yarubiyah crossing"), which stands for the province unless
    the report calls it a town."""
    loc = chosen.location
    if doc is None or loc is None or not loc.admin1:
        return chosen
    town = loc.geo_precision != 3
    if town and not (
            loc.geo_precision == 1 and _named_like(loc.name or "", loc.admin1)
            # ("in Tlaxcala de Xicohtencatl, Tlaxcala": the town's full name is no province's)
            and _named_like(chosen.text, loc.admin1)
            and not _CITY_WORD.match(text, chosen.end) and not _CITY_OF_BEFORE.search(text, max(0, chosen.start - 20), chosen.start)):
        return chosen
    sent = _sentence_of(doc, trig[0])
    if sent is None:
        return chosen
    finer = [p for p in scenes if p is not chosen and sent.start_char <= p.start and p.end <= sent.end_char
             and p.location is not None and p.location.geo_precision in (1, 2)
             and p.location.country == loc.country and p.location.admin1 == loc.admin1
             and p.location.gazetteer_id != loc.gazetteer_id
             # (the town's own district is no finer than the town: "Sousse (Sousse Medina)")
             and not (town and p.location.method == "admin" and loc.latitude is not None
                      and distance_km(loc.latitude, loc.longitude, p.location.latitude, p.location.longitude)
                      < TOWN_DISTRICT_KM)]
    if not finer:
        return chosen
    return min(finer, key=lambda p: (_gap(p, trig), p.start))


# ACLED codes one event per place: "fighting on the Nihm (Nihm, Sanaa), Sirwah (Sirwah, Marib) and Qaniyah
# fronts", "shelling in the Al Jawf, Ad Dali and Taizz governorates" are three events each, the fatalities
# split between them (10 -> 4, 3, 3).  A scene list is two or more places written as a list right after a
# locative word; each item is a name with an optional bracket "(District, Province)" and an optional kind
# word ("front", "area", "governorates").  "between Marib and Al Bayda", "from X and Y" hold no locative word
# before the list, so they are two ends, not two scenes; "near X and Y" is one spot between two.  An item
# whose name is unknown is placed at the first district its bracket names.  (ACLED dev: 24 notes, 56 rows.)
# Places of a list closer than this (km) are one scene of one event.
SCENE_MIN_KM = 8.0
_SCENE_PREP = re.compile(r"\b(?:in|on|at|across|over|targeting|targeted|shelled|struck|hit|bombed|"
                         r"stormed|attacked|control\s+(?:of|over)|took\s+over|captured|seized|recaptured|retook)\s+"
                         r"(?:the\s+)?"
                         # ("shelled civilian areas of X and Y")
                         r"(?:(?:civilian|residential|populated|inhabited)\s+(?:areas|neighbou?rhoods)\s+of\s+)?",
                         re.I)
_SCENE_KIND = (r"(?:(?:front|frontline|area|village|town|city|district|sub-?district|governorate|province|"
               r"region|axis|neighbou?rhood|camp|position|checkpoint|junction|mountain|valley|site)(?:s|es)?\b)")
_SCENE_NAME_WORD = r"(?:[A-Z][\w'’‘ʿ\-]*|(?:al|as|ash|ad|ar|an|at|az|el|wa|bin|ibn|of)(?=\s+[A-Z]))"
_SCENE_ITEM = re.compile(
    # ("various locations in Hajjah governorate": an item that is a region's unnamed places)
    r"(?:(?:various|several|multiple|many|some|other|different)\s+(?:locations|areas|places|parts|positions|sites|"
    r"villages|towns|districts|fronts)\s+(?:in|of|across|throughout)\s+(?:the\s+)?"
    rf"(?:{_SIDE_WORD}\s+(?:parts?\s+)?of\s+(?:the\s+)?)?)?"
    rf"(?P<name>{_SCENE_NAME_WORD}(?:[ \-]{_SCENE_NAME_WORD}){{0,5}})?"
    # ("Salim [Al Fajir] (Qaatabah, Ad Dali)": another name, then the admin bracket)
    rf"(?:\s+{_SCENE_KIND})?(?P<bracket>\s*[(\[][^()\[\]\n]{{1,80}}[)\]](?:\s*[(\[][^()\[\]\n]{{1,80}}[)\]])?)?"
    rf"(?:\s+{_SCENE_KIND})?")
_SCENE_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+|in\s+addition\s+to\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)"
                        r"(?:(?:in|on|at)\s+)?(?:the\s+)?")


def _scene_list(chosen: Toponym, placed: list[Toponym], text: str, doc, trig) -> list[Toponym]:
    """The places of a list the event's place stands in (see _SCENE_PREP), one per item, or []."""
    lo = max(0, chosen.start - 200)
    if doc is not None:
        sent = _sentence_of(doc, chosen.start)
        # (the parser may end a sentence inside a name's bracket: "areas of Salim [Al Fajir] (...)")
        while sent is not None and sent.start_char > lo and text[:sent.start_char].rstrip()[-1:] not in ".!?":
            before = _sentence_of(doc, len(text[:sent.start_char].rstrip()) - 1)
            if before is None or before.start_char >= sent.start_char:
                break
            sent = before
        if sent is not None:
            lo = max(lo, sent.start_char)
    hi = min(len(text), chosen.end + 400)
    for prep in reversed(list(_SCENE_PREP.finditer(text, lo, chosen.end))):
        items = _parse_scene_items(text, prep.end(), hi, placed)
        if items is None:
            continue
        spans, locs = items
        if not any(s <= chosen.start < e for s, e in spans):
            continue
        if len(locs) < 2:
            return []
        return locs
    return []


def _parse_scene_items(text: str, pos: int, hi: int, placed: list[Toponym]):
    spans, locs, joined = [], [], False
    while pos < hi:
        m = _SCENE_ITEM.match(text, pos, hi)
        if m is None or m.end() == pos or not (m.group("name") or m.group("bracket")):
            break
        name_s, name_e = m.span("name") if m.group("name") else (m.start(), m.start())
        b_s, b_e = m.span("bracket") if m.group("bracket") else (m.end(), m.end())
        head = [p for p in placed if name_s <= p.start and p.end <= name_e and p.location.geo_precision is not None]
        inner = [p for p in placed if b_s <= p.start and p.end <= b_e and p.location.geo_precision is not None]
        if head:
            loc = head[0]
        elif inner and (m.group("name") or "").strip():
            loc = inner[0]  # "Al Wahbiyah (As Sawadiyah, Al Bayda)": an unknown village, placed at its district
        else:
            break
        spans.append((m.start(), m.end()))
        locs.append(loc)
        sep = _SCENE_SEP.match(text, m.end(), hi)
        if sep is None:
            break
        joined = joined or bool(re.search(r"\b(?:and|well|addition)\b", sep.group()))
        pos = sep.end()
    if not locs:
        return None
    if not joined:
        # "Barangay Tuburan, Tulunan, Cotabato", "Bamenda, Mezam": commas alone chain a place to the places
        # holding it; a list of scenes ends in "and"
        return spans, locs[:1]
    # two unknown villages of one district are that district once ("Al Amir (As Sawmaah, Al Bayda), Dhirwah
    # (Mukayras, Al Bayda) and other locations of Mukayras district": two scenes)
    seen: set = set()
    locs = [p for p in locs if (p.location.name, p.location.latitude, p.location.longitude) not in seen
            and not seen.add((p.location.name, p.location.latitude, p.location.longitude))]
    if len(locs) < 2:
        return spans, locs
    # a list names distinct places of one country, none holding another ("Saraqib, Idlib" is a place
    # and its province; "Idlib, Syria" a place and its country)
    pts = []
    for p in locs:
        loc = p.location
        if loc.country != locs[0].location.country or loc.latitude is None:
            return None
        pts.append((loc.latitude, loc.longitude))
    for i in range(len(locs)):
        for j in range(len(locs)):
            if i != j and distance_km(*pts[i], *pts[j]) < SCENE_MIN_KM:
                return None  # "near Chautipan and San Vicente villages": neighbours, one scene
            a, b = locs[i].location, locs[j].location
            if i != j and _level(b) == 3 and _level(a) < 3 and a.admin1 and a.admin1 == b.admin1:
                return None
    return spans, locs


def _split(mention: Mention, places: list[Toponym]) -> list[Mention]:
    """One mention per place of a scene list, fatalities split as ACLED does (10 over 3: 4, 3, 3)."""
    from ..coding.coder import make_notes  # (coding builds on geo: imported when first needed)
    from ..coding.fatalities import SPLIT, number_value

    k = len(places)
    total = mention.fatalities or 0
    stated = SPLIT.search(mention.text or "")
    if stated:
        # an ACLED note that says how its toll was split ("coded as 10 and split up between 3 events"): the
        # coder already gave each event its share; with the stated count, deal the claimed total out again
        claimed = [c.value for c in mention.claims if c.kind == "fatalities" and c.value is not None]
        n = number_value(stated.group(1)) or 0
        total = max(claimed) if n == k and claimed and not stated.group(2) else total * k
    base, extra = divmod(total, k)
    out = []
    for i, p in enumerate(places):
        deaths = base + (1 if i < extra else 0)
        notes = mention.notes
        if mention.event_date:
            try:
                notes = make_notes(date.fromisoformat(mention.event_date), mention.time_precision or 1,
                                   mention.sub_event_type, mention.actor1, mention.actor2, deaths, p,
                                   mention.claimant, list(mention.hedges))
            except ValueError:
                pass
        notes = (notes or "") + f" One of {k} places reported together; fatalities split between them."
        out.append(replace(_located(mention, p.location, p), id=content_id("mention-at", mention.id, p.start),
                           fatalities=deaths, notes=notes.strip()))
    return out


def _located(mention: Mention, loc: Location, place: Toponym) -> Mention:
    """``mention`` placed at ``loc``, read from ``place``, whose name is the "location" evidence (the quote a
    user checks the place against)."""
    evidence = tuple(e for e in mention.evidence if e.field != "location")
    if place.text and place.end > place.start:
        evidence += (Evidence("location", place.start, place.end, place.text, mention.article_id),)
    return replace(mention, location=loc, evidence=evidence)


def _region_list(gaz, matches, i: int, text: str) -> set[str]:
    """The countries of which matches[i] and its list neighbours are all admin1 regions, when it stands
    in a list of at least LIST_MIN such names ("Arizona, Colorado, Georgia, Idaho"); a pair ("Washington,
    D.C.") is no list."""
    def regions(m):
        return {gaz.cc[e] for e in m.entries if gaz.kind[e] == K_ADM1}

    common = regions(matches[i])
    n = 1
    for step in (-1, 1):
        j = i
        while common and 0 <= j + step < len(matches):
            a, b = (matches[j + step], matches[j]) if step < 0 else (matches[j], matches[j + step])
            if not _LIST_SEP.fullmatch(text, a.end, b.start):
                break
            got = common & regions(matches[j + step])
            if not got:
                break
            common, n, j = got, n + 1, j + step
    return common if n >= LIST_MIN else set()


def _vouched(names: set[str] | None, text: str, own_ok: bool) -> bool:
    """Whether an admin1 region is named in the article by another name than ``text`` (or by ``text``
    itself, when ``own_ok``)."""
    if not names:
        return False
    return own_ok or bool(names - {token_key(text)})


def _in_list(matches, i: int, text: str) -> bool:
    """Whether matches[i] and the region after it are items of a list ("Raqqa, Deir ez-Zor and Hasakah")."""
    m = matches[i]
    if re.search(r"[A-Z][\w'’\-]*\s*,\s*$", text[max(0, m.start - 40):m.start]):
        return True
    if i + 1 < len(matches):
        o = matches[i + 1]
        if _BRACKET_OPEN.fullmatch(text, m.end, o.start):
            return False  # "X (District, Province)" names where X is, not a list
        return bool(re.match(r"\s*(?:,|\band\b|&)\s*(?:the\s+)?[A-Z]", text[o.end:o.end + 20]))
    return False


def _gap(p: Toponym, trig: tuple[int, int]) -> int:
    if p.end <= trig[0]:
        return trig[0] - p.end
    if p.start >= trig[1]:
        return p.start - trig[1]
    return 0


def _trigger_span(mention: Mention) -> tuple[int, int]:
    for ev in mention.evidence:
        if ev.field in ("trigger", "event_type") and mention.start <= ev.start <= mention.end:
            return ev.start, ev.end
    return mention.start, mention.start


# a word after a place's name that makes the two the name of a building or resort ("the Mandalay Bay hotel",
# "Mandalay Hotel", "the Kabul Serena Hotel")
_VENUE_AFTER = re.compile(r"\s*(?:Bay|Hotel|Resort|Casino|Arena|Stadium|Mall|Plaza|Tower|Towers|Theat(?:er|re)|"
                          r"Restaurant|Suites|Motel|Inn)\b")
# A report names its own country at least this many times (in places) before a foreign name opening a venue's
# name is dropped.
VENUE_HOME_PLACES = 1


def _drop_foreign_venues(out: list[Toponym], text: str) -> list[Toponym]:
    """Without the places of another country that the report only names as the start of a venue's name: in a
    report on Las Vegas, "Mandalay Bay" (a hotel) is not Myanmar's Mandalay.  The country the report names most
    (venue names aside) must be another, named at least VENUE_HOME_PLACES times; the name's country has no
    other place in the report; and most mentions of the name open a venue's name ("at Mandalay there was a
    shooter" in a story that writes "Mandalay Bay" elsewhere goes too)."""
    by_country = Counter(t.location.country for t in out if t.location is not None and t.location.country
                         and not _VENUE_AFTER.match(text, t.end))
    if not by_country:
        return out
    home, n = by_country.most_common(1)[0]
    if n < VENUE_HOME_PLACES:
        return out
    names: dict[str, list[Toponym]] = {}
    for t in out:
        if t.location is not None and t.location.country and t.location.country != home:
            names.setdefault(token_key(t.text), []).append(t)
    drop: set[int] = set()
    for key, ts in names.items():
        countries = {t.location.country for t in ts}
        # (the name's country has no other place in the report)
        if any(t.location is not None and t.location.country in countries and token_key(t.text) != key for t in out):
            continue
        venues = sum(1 for t in ts if _VENUE_AFTER.match(text, t.end))
        if venues and venues * 2 >= len(ts):
            drop.update(id(t) for t in ts)
    return [t for t in out if id(t) not in drop] if drop else out


def _sentence_of(doc, char: int):
    for sent in doc.sents:
        if sent.start_char <= char < sent.end_char:
            return sent
    return None


def _token_at(doc, char: int):
    for tok in doc:
        if tok.idx <= char < tok.idx + len(tok.text):
            return tok
    return None


def _syntactic(doc, sent, trig: tuple[int, int], places: list[Toponym]):
    """A place reached from the trigger through a locative preposition chain (or as its subject/object)."""
    t = _token_at(doc, trig[0])
    if t is None:
        return None
    # the trigger's clause head: a noun trigger ("clashes in X") or a verb ("shelled X")
    heads = {t.i}
    if t.dep_ in ("amod", "compound") and t.head.i != t.i:
        heads.add(t.head.i)
    best, best_rank = None, 99
    below = [p for p in places if p.location.geo_precision is not None] or places
    for p in below:
        tok = _token_at(doc, p.end - 1)
        if tok is None:
            continue
        # climb from the place to the trigger: place -(pobj)- prep -(prep)- ... - trigger
        rank, cur, steps, via_prep, aside = None, tok, 0, False, 0
        while steps < 6 and cur.head.i != cur.i:
            if cur.dep_ == "pobj" and cur.head.lower_ in _LOCATIVE_PREPS:
                via_prep = True
                if cur.head.lower_ == "from":
                    aside += 3  # "fighters from Deir-ez-Zor", "fired from X": an origin, less often the scene
            if cur.dep_ in ("relcl", "acl") and steps > 0:
                aside += 4  # "... whose fighters are from X": the place describes a noun, not the event
            nxt = cur.head
            steps += 1
            if nxt.i in heads:
                if via_prep:
                    rank = steps + aside
                elif cur.dep_ in ("dobj", "nsubjpass", "nsubj", "attr", "npadvmod", "appos", "compound"):
                    rank = steps + 3 + aside
                break
            cur = nxt
        if rank is not None and rank < best_rank:
            best, best_rank = p, rank
    return best


def _main_place(placed: list[Toponym]):
    """The article's main place: the most named place below country level, earliest on ties."""
    below = [p for p in placed if p.location.geo_precision is not None]
    if not below:
        countries = [p for p in placed if p.location.method == "country-only"]
        if not countries:
            return None
        c = Counter(p.location.name for p in countries)
        name = c.most_common(1)[0][0]
        return next(p for p in countries if p.location.name == name)
    c = Counter(p.location.gazetteer_id for p in below)
    gid, _ = c.most_common(1)[0]
    return next(p for p in below if p.location.gazetteer_id == gid)


_ARTICLE_BEFORE = re.compile(r"\bthe\s+$", re.I)


def _covering(ents, s: int, e: int) -> tuple[str | None, bool]:
    """The label of the entity holding [s, e) and whether the entity is longer than the match."""
    for es, ee, label in ents:
        if es <= s and e <= ee:
            return label, (es < s or e < ee)
        if es < e and s < ee:  # partial overlap: the entity cuts the match
            return label, True
    return None, False


_ADMIN_NOUNS = frozenset("lga district province county governorate state region municipality village town city "
                         "division zone tehsil woreda commune department oblast raion prefecture".split())


def _entity_rest_not_place(ents, m: _Match, text: str, geo: "Geocoder") -> bool:
    """True when the entity around the match holds other capitalised words that are not places
    ("Vladimir Putin", "Red Crescent") or a word right beside it that no place of the match's countries
    bears ("Ricardo Mondragon"), so the match is part of a name; "Saraqib, Kafranbel" tagged PERSON stays,
    since its other words are places too."""
    for es, ee, label in ents:
        if es < m.end and m.start < ee:
            rest = (text[min(es, m.start):m.start] + " , " + text[m.end:max(ee, m.end)]).strip(" ,-")
            # (an admin word is no name word: "Kankara LGA" tagged PERSON is the district)
            words = [w for w in _TOKEN_RE.finditer(rest)
                     if w.group()[:1].isupper() and _POSSESSIVE.sub("", w.group()).isalpha() and token_key(w.group())
                     and w.group().lower() not in _ADMIN_NOUNS]
            if not words:
                return False
            after, before = text[m.end:ee], text[es:m.start]
            own = {geo.gaz.cc[e] for e in m.entries}
            for w in (words if not _LOCATIVE_BEFORE.search(text, max(0, es - 20), es) else ()):
                if (after.startswith(" " + w.group()) or before.endswith(w.group() + " ")) \
                        and w.group().lower() not in _PLACE_PART_WORDS:
                    # a word right beside the match that names no place of the match's countries is the next
                    # word of a name ("Ricardo Mondragon": Mondragon is a Basque town, Ricardo a Texan one); after
                    # "in", "near" the name is a place's ("a meeting in Shewa Robit")
                    if not any(geo.gaz.cc[e] in own for f in geo._exact_matches(w.group()) for e in f.entries):
                        return True
            found = geo._exact_matches(rest)
            return any(not any(f.start <= w.start() and w.end() <= f.end for f in found) for w in words)
    return False


# "near Bohdanivka, Donetsk", "in the area of Mineralne, Donetsk": a place name after a locative word and a comma
# right before a match (checked to be no match itself); "Barangay X, Town" and "X College, Town" name parts of the
# town, coded at the town itself
_UNKNOWN_BEFORE = re.compile(r"\b(?:near|around|outside|vicinity\s+of|area\s+of|outskirts\s+of|village\s+of|"
                             r"town\s+of|in|at)\s+(?:the\s+)?(?!(?:Barangay|Brgy|Colonia|Barrio|Sitio|Purok)\b)"
                             r"[A-Z][\w'’\-]+(?:\s+(?:[A-Z][\w'’\-]+|al|el|de|wa))*(?<!Hospital)(?<!College)"
                             r"(?<!University)(?<!School)(?<!Prison)(?<!Market)(?<!Mosque)(?<!Church)(?<!Office)"
                             r"\s*,\s*$")
# "X (Dori, Seno)", "X (Tapoa)": the names in a short bracket after a place are its district and province
_BRACKET_BEFORE = re.compile(r"[\w'’]\]?\s*\(\s*(?:[^()\n,]{1,40},\s*)?$")
_BRACKET_AFTER = re.compile(r"\s*(?:,[^()\n]{1,40})?\)")


_OPEN_BRACKET_BEFORE = re.compile(r"[(\[]\s*$")


def _open_bracket_before(text: str, start: int) -> bool:
    """Whether the name at ``start`` opens a bracket: "(Nihm, Sanaa)", "[Jabal Libnat]"."""
    return _OPEN_BRACKET_BEFORE.search(text, max(0, start - 3), start) is not None


def _bracketed(text: str, m: "_Match") -> bool:
    """Whether ``m`` is an item of a short bracket after a name: "Bouloye (Dori, Seno)"."""
    return bool(_BRACKET_BEFORE.search(text, max(0, m.start - 48), m.start) and _BRACKET_AFTER.match(text, m.end))


# a bracket right after a name, or after its unit word: "Ilorin (Borgu LGA, Niger)", "X district (X, Banadir)"
_BRACKET_NEXT = re.compile(r"\s*(?:(?:district|sub-?district|county|LGA|municipality|province|governorate|region|"
                           r"city|town|village)\s*)?\(", re.I)


def _repeated_before(text: str, m: "_Match") -> bool:
    """Whether the same name stands right before ``m``, with a comma: "Sao Paulo, Sao Paulo"."""
    return text[max(0, m.start - len(m.text) - 2):m.start] == m.text + ", "


def _province_item(text: str, m: "_Match") -> bool:
    """Whether ``m`` is the last item of such a bracket, after a comma: "Seno" in "Bouloye (Dori, Seno)"."""
    return _bracketed(text, m) and text[max(0, m.start - 2):m.start] == ", " and text[m.end:m.end + 1] == ")"


# A neighbourhood, street or sector ("Colonia Buena Vista", "Nova Primavera neighborhood") farther than this (km)
# from every place the article locates by a region beside it ("in Tijuana, Baja California") is a namesake.
SUBLOCALITY_KM = 60.0
# ... or farther than this from the point of the region the report names, when it names no town
REGION_REACH_KM = 300.0
# A place written before ", Y" (Y a place or region of the same country, another province) farther than this
# from Y is a namesake, not the place the report means (see find_places)
CONTAINER_FAR_KM = 150.0
_CONTAINER_GAP = re.compile(r",\s*(?:(?:near|outside|close\s+to)\s+)?(?:the\s+)?")
# a list of places: "Aden, Mukalla and Sanaa", "Aden, Mukalla, Taiz or Ibb" (after the second item) ...
_LIST_AFTER = re.compile(r"(?:\s*,\s*[A-Z][^,;:()\n]{0,40}?)*\s*,?\s+(?:and|or|&)\s")
# ... or the list's earlier item before the first ("in Sanaa, Aden, Mukalla")
_LIST_BEFORE = re.compile(r"[A-Z][\w'’\-]*\s*,\s*$")
# A fuzzy match farther than this from every other (non-fuzzy) place of the article is a chance likeness
# ("Al-msabha village on the outskirts of Tarhuna" is no Sabha 600 km away; "Al Marazah area east of the
# Marib-Al Jawf road" no Markhazah 230 km off in Ad Dali).  300 km would keep one more GeoVirus toponym
# (El Fasher, 195 km from Nyala) and let that Markhazah through: precision first.
FUZZY_NEAR_KM = 150.0
_SUBLOCALITY_NAME = re.compile(r"(?:colonia|col\.|barrio|bairro|fraccionamiento|barangay|brgy\.?|sitio|purok|"
                               r"kampung|mahalle|mohalla)\b", re.I)
# (the sub-locality word may open a longer name the place ends: "Colonia Vistas del Rio", "Kazanci Yokusu street")
# (the words are matched in any case, the name's words must be capitalised: "the main avenue of Sao Paulo" is
# the city, "Avenida Paulista" no town of its own)
_SUBLOCALITY_BEFORE = re.compile(r"\b(?i:colonia|barrio|bairro|fraccionamiento|barangay|brgy\.?|sitio|purok|"
                                 r"neighbou?rhood(?:\s+of)?|sector|street|avenue|calle|rua|quarter|suburb(?:\s+of)?|"
                                 r"locality)"
                                 r"\s+(?:(?i:the)\s+)?(?:[A-Z][\w'’]*\s+(?:(?:de|del|la|las|los|da|do|dos)\s+){0,2}){0,3}$")
_SUBLOCALITY_LIST_AFTER = re.compile(r"(?:\s+[A-Z][\w'’]*)*(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+)[A-Z][\w'’]*(?:\s+[A-Z][\w'’]*)*)"
                                     r"{1,6}\s+(?:neighbou?rhoods|districts\s+of|quarters|suburbs)\b")
_SUBLOCALITY_AFTER = re.compile(r"(?:\s+[A-Z][\w'’]*)?\s+(?:neighbou?rhoods?|street|avenue|road|sector|quarter|colony|"
                                r"community|favela|township|district\s+of)\b")


def _sublocality(t: Toponym, text: str) -> bool:
    """Whether a place is named as a part of a town: "Colonia X", "X neighborhood", "X street", "Andarai,
    Cordovil and Vila Isabel neighborhoods"."""
    return bool(_SUBLOCALITY_NAME.match(t.text) or _SUBLOCALITY_BEFORE.search(text, max(0, t.start - 30), t.start)
                or _SUBLOCALITY_AFTER.match(text, t.end) or _SUBLOCALITY_LIST_AFTER.match(text, t.end))


_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside|around|into|(?:(?:north|south)[\s\-]?)?(?:east|west)\s+of|"
                              r"(?:north|south)\s+of|outskirts\s+of)\s+"
                              # (a side of the place between: "in southern Kobane", "near north-western Hama")
                              r"(?:(?:north|south)?[\s\-]?(?:east|west)?ern\s+|central\s+)?"
                              # (an Arabic article the match leaves out: "in Al Miknasi", "near al-Bab")
                              r"(?:(?:[Aa]l|[Ee]l|[Aa]sh|[Aa][sdrntz])[\s\-])?$")
# "the town of Zhukovskiy": a word after this names a place, whatever else it may spell
_ADMIN_BEFORE = re.compile(r"\b(?:town|city|village|district|province|municipality|governorate)\s+of\s+(?:the\s+)?$", re.I)


def _named_as_place(text: str, start: int) -> bool:
    return bool(_ADMIN_BEFORE.search(text, max(0, start - 25), start))
_NUMBER_AFTER = re.compile(r" \d{1,3}\b(?![.,]\d)")
# a model's number glued to a name: "the Hwasong-14 missile", "a Shahed-136 drone" (no town of that name)
_MODEL_NUMBER_AFTER = re.compile(r"-\d{1,4}\b(?![.,:/]\d)")
# a report written from a front line ("both directions of the frontline", "the contact line")
# words of a report from a front line: the line itself, or the ceasefire monitors who watch it ("the OSCE SMM
# observed explosions near Orikhove" is no report from the Orikhove of Crimea, the only one the gazetteer has)
_FRONT_CUE = re.compile(r"\b(?:front[- ]?lines?|contact line|line of contact|line of control|SMM|"
                        r"Special Monitoring Mission|ceasefire violations?)\b", re.I)
# a capitalised word and a comma: where "Neb.", "Miss.", "Ill." stand for states ("LEXINGTON, Neb.")
_TOWN_COMMA_BEFORE = re.compile(r"[A-Z][\w'’.\-]*,\s*$")
# an unknown place after a locative word, then a comma: "near Bohdanivka, " "in the area of Yasne, "
_UNKNOWN_TOWN_BEFORE = re.compile(r"\b(?:near|in|at|around|outside|of|from|towards?)\s+"
                                  r"[A-Z][a-z'’\-]+(?:[ \-][A-Z][a-z'’\-]+){0,2},\s*$")
_PLACE_KINDS = (K_CITY, K_SUPP, K_ACLED, K_IMPORT)
# ", who" after a name: a person's ("Castro, who spoke for three hours")
_WHO_AFTER = re.compile(r",\s+who\b")
# ", a Yemeni,", ", an Afghan national": a person's nationality in apposition (not ", an Iraqi city")
_NATIONAL_AFTER = re.compile(r",\s+an?\s+([A-Z][a-z]+)(?:\s*,|\s+(?:national|citizen|man|woman|boy|girl|teenager|"
                             r"student|journalist|doctor|worker|soldier|officer|fighter|militant|refugee|migrant|"
                             r"activist|businessman|resident)\b)")
# a chapter and verse after a book's name ("Gal. 2:11", "Matthew 5:10"), not a clock time ("12:30 pm")
_VERSE_AFTER = re.compile(r"\.?\s+\d{1,3}:\d{1,3}(?!\d|\s*[ap]\.?m\b)", re.I)
_COMMA_AFTER = re.compile(r",\s*")
# a saint's name: "Saint Thomas", "St. Paul", "St Peter"
_SAINT = re.compile(r"(?:Saint|St\.?)\s+([A-Z][a-z]+)$")
_PREP_BEFORE = re.compile(r"\b(?:of|in|from|at|near|to|into|around)\s+(?:the\s+)?$", re.I)
# a district word and a comma before a province's name: "Dashti Qala district, Takhar"
_PROVINCE_SLOT = re.compile(r"\b(?:district|sub-?district|LGA|county|municipality|tehsil|woreda|commune)"
                            r"(?:\s+cent(?:er|re))?\s*,\s*$", re.I)


def _after_district(text: str, start: int) -> bool:
    """Whether the name at ``start`` is written after a district and a comma ("Dashti Qala district, Takhar"),
    the slot of its province."""
    return _PROVINCE_SLOT.search(text, max(0, start - 30), start) is not None


# "in the northeast of X", "the southern part of X", "eastern rural X": X as a region, not a town
_REGION_PART_BEFORE = re.compile(r"(?:\bthe\s+(?:(?:north|south)(?:east|west)?|east|west|centre|center|middle|"
                                 r"\w+ern(?:\s+part)?|parts?)\s+of|\w+ern\s+rural|\brural)\s+(?:the\s+)?$", re.I)
# nouns that take a person's name before them ("the Kennedy assassination", "the Obama administration")
_PERSON_NOUN_AFTER = re.compile(r"(?:[’']s)?\s+(?:assassination|administration|presidency|impeachment|dynasty)\b")
# "the state of Washington", "the province of Buenos Aires": the region, not its capital or seat
_STATE_OF_BEFORE = re.compile(r"\b(?:state|province|governorate|region|department|oblast)\s+of\s+$", re.I)


def _state_of_before(text: str, start: int) -> bool:
    return bool(_STATE_OF_BEFORE.search(text, max(0, start - 30), start))


# capitalised words of an institution's name after a match ("Queen Elizabeth University Hospital")
_INSTITUTION_AFTER = re.compile(r"(?:\s+[A-Z][\w'’]+){0,2}?\s+(?:University|Hospital|College|School|Institute|"
                                r"Academy|Stadium|Hotel|Foundation|Infirmary|Clinic|Memorial|Library|Museum|"
                                r"[Ff]estival)\b")
# a weapon or aircraft model, not the town it is named after: "a U.S. Chinook helicopter", "an AH-64 Apache
# helicopter", "Tomahawk cruise missiles"
_MATERIEL_AFTER = re.compile(r"\s+(?:attack\s+|cruise\s+|transport\s+)?(?:helicopters?|gunships?|missiles?|"
                             r"rockets?|drones?|tanks?|rifles?|launchers?|warplanes?|fighter\s+jets?)\b", re.I)
_EZAFE_BEFORE = re.compile(r"[A-Za-z][-‐](?:e|i|ye|yi)[-‐]$")
_NAME_LABELS = frozenset({"ORG", "FAC", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
# words that begin place names ("Wadi X", "Camp X", "Greater X"): a match after them is the place itself
_PLACE_PREFIXES = frozenset(token_key(w) for w in (
    "wadi jabal mount lake camp port fort greater upper lower old new north south east west northern "
    "southern eastern western central saint san santa tal deir kafr ain bir ras khan qasr bab bayt umm abu bani "
    "beni sheikh sidi hay hayy city town village district province governorate region").split())
_FUNCTION_WORDS = frozenset("the a an this that these those in at on of for from by to and or with metro metropolitan "
                            "greater downtown".split())
_GLUED_BEFORE = re.compile(r"([A-Z][\w'’]*)[ \-](?:(?:al|as|ash|ad|ar|an|at|az|el)[ \-])?$")


def _glued_word_before(ents, m: "_Match", text: str, gaz) -> bool:
    """Whether the entity holding ``m`` has a capitalised non-place word right before it ("Sri Krishna");
    not a function word ("The Minnesota House"), a place prefix ("Metro Nashville") or a sizeable place
    ("Decatur McLean County")."""
    for es, ee, _label in ents:
        if es <= m.start and m.end <= ee:
            g = _GLUED_BEFORE.search(text, es, m.start)
            if g is None:
                return False
            word = g.group(1)
            if word.isupper() and len(word) > 1:
                return False  # an organisation's acronym before its branch's place: "CDC Atlanta"
            key = token_key(word)
            if not key or key in _PLACE_PREFIXES or word.lower() in _FUNCTION_WORDS:
                return False
            return not any(gaz.pop[e] >= DOMINANT_POP or gaz.kind[e] in (K_COUNTRY, K_ADM1)
                           for e in gaz.entries_for_key(key))
    return False


_VOWELS = re.compile(r"[aeiouy]+")


def _vowel_shape(key: str) -> str:
    """A key with every run of vowels as one mark: "menufia", "monufia", "minufiya" -> "m*n*f*"."""
    return _VOWELS.sub("*", key)


def _display(name: str) -> str:
    s = unidecode(name)
    return re.sub(r"['`]", "", s) if s[:1] in "'`" or " '" in s else s
