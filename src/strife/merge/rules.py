"""When do two mentions report the same event?  ACLED's identity rule as pairwise checks.

ACLED: same actors, same place, same day = one event; different actors or places = different
events; a campaign over several days = one event per active day; co-occurring tactics are one event
coded with the higher-ranked sub-event type.  Each check returns a :class:`RuleResult` whose
``detail`` says why, so ``strife explain`` can show which rule each pair satisfied or failed.

The checks, in the order they are tried (the first failure is what ``explain --near`` reports):

    type     same event type, or co-occurring tactics that ACLED merges by rank; remote violence
             fired from afar (air, artillery) never joins remote violence planted on the spot (IED,
             suicide bomb, grenade)
    date     the date windows overlap: same day for precision 1, the week for 2 (7 days back,
             3 ahead: see WEEK_BACK_DAYS), the calendar month for 3
    place    same gazetteer entry, or within PLACE_MAX_KM in the same admin2 (precision 1) /
             admin1 (precision 2); a province-level report (precision 3) matches anything in
             its admin1 -- it is "vague" and joins an event only when that event is the only
             candidate (enforced by the clusterer, see ``strife.merge.cluster``)
    actors   the actor sets (order-insensitive) match: same canonical actor or alias; an
             unidentified armed group may stand for a named armed actor; a report naming fewer
             actors matches one naming more
    detail   what the structured fields cannot see (``_detail_failure``, shared by both paths):
             conflicts -- the first place each text names must appear in the other text (two
             transliterations of one name are one name: ``_alike``); a precise report placing the
             event in one town is not a coarser version of one naming another town; sites or parts
             of town named by each ("Colonia Las Aves", "the locality Fazenda Nova", "Zolote-5",
             "Shakhta imeni Gagarina") must not both be missing from the other, and a spot (village,
             area, market, intersection) named by one report only keeps it apart (SPOT_RULE); the
             districts each text names must overlap; the means of attack each names (bomb, air
             strike, shelling, sniper) must overlap; what each says was hit (a fixed position or a
             moving column) must overlap.
             Positive evidence -- a merge the fields alone do not support (different event types,
             or a generic actor on either side: unidentified groups, civilians, protesters) needs
             the texts to share EVIDENCE_MIN of their specific words (content words less place,
             actor and event vocabulary; each means of attack counts as one word); reports with only
             generic actors must also agree on named associated groups, on the group of people taking
             part (drivers, teachers, ...) and on fatality figures, share GENERIC_MIN_* of those
             words, and not both be closing lines pointing back at their own article's event ("The
             protest was organised by ...": boilerplate).

Measured on the ACLED dev rows (``strife.merge.false_merge_rate``; rows are distinct events by
definition, all merged together; strife's coding of the rows cached once, rules varied):

    rule set                                         Afghanistan (495)   worldwide (2,260)
    round 1                                                0.083              0.052
    + evidence for cross-type / unidentified joins         0.063              0.047
    + means-of-attack conflict                             0.038              0.046
    + evidence whenever a generic actor is involved        0.034              0.033
    + town-level place conflict, GENERIC_MIN_* words       0.034              0.031
    + district conflict, Jaccard floor for generic         0.032              0.030
    + SPOT_RULE                                            0.020              0.025

Round 3 (coding of 26 Nov 00:13 UTC cached; 2,280 worldwide rows with a mention):

    round 2 rules on that coding                           0.0202             0.0272
    + place-name grammar (connectors, noun-first spots,
      "attacked X")                                        0.0202             0.0219
    + boilerplate closing lines (_ANAPHORA)                0.0202             0.0158
    + fixed position vs moving column (_TARGETS)           0.0162             0.0158
    + numbered names, planted vs fired remote violence     0.0162             0.0140
    + groups of people for generic actors (_GROUPS)        0.0162             0.0132
    + fronts, plural spots, a spot each ("Murays front")   0.0162             0.0132
    + "pro-", "anti-", compass words are no evidence       0.0162             0.0123

On the coding of 00:40 UTC (2,288 rows with a mention) the round 2 rules give 0.0297 and these
0.0122.  What remains (worldwide, 28 rows = 14 pairs): 6 pairs that are one incident coded twice
by ACLED (near-identical notes, or an attack and the police's intervention in it); 5 pairs of
protests at one place and day whose notes ACLED words alike (different demands or organisations);
a province-level report joining the only district-level event; a mis-geocoded town; two shoot-outs
with different victims.
Afghanistan (8 rows): ACLED's splitting of one report over several rows (same first sentence).
The opposite error, measured on 32 pairs of differently worded reports of one event
(tests/test_merge_recall.py; 20 before this round, 19 of them merged): 30 merge; the misses are
a village named by one outlet only (SPOT_RULE) and two tolls of one bombing by unidentified
attackers (3 vs 5 dead: the generic toll rule, which is worth 3 rows on the worldwide file).
A rule that split two unattributed, unhedged death tolls that differ was measured and dropped:
0.004 less on the Afghanistan file, nothing on the worldwide one, and it split a same-event pair
(two outlets counting 2 and 3 dead).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Callable

from ..records import Mention

__all__ = [
    "RuleResult",
    "RULES",
    "PLACE_MAX_KM",
    "check_pair",
    "compatible",
    "first_failure",
    "date_window",
    "geo_precision",
    "is_vague",
    "sub_event_rank",
    "distance_km",
    "actor_set",
    "is_unidentified",
    "is_generic_actor",
    "set_same_actor",
    "evidence_share",
    "EVIDENCE_MIN",
    "SPOT_RULE",
]

RULES = ("type", "date", "place", "actors", "detail")

# Two different gazetteer entries count as the same place when they lie within this distance.
# Measured on ../shared data (scratch script, numbers reproducible from the files):
#  - the same place as coded by two gazetteers: for the 358 ACLED precision-1 locations whose name
#    is in GeoNames cities500 (same country), ACLED's and GeoNames' coordinates lie within 1 km for
#    76 %, within 1.5 km for 84 %, within 2 km for 88.5 %, within 3 km for 91 %;
#  - distinct events ACLED keeps apart although they share day, actors and admin2 (557 pairs in the
#    2,834 dev rows): 0 within 0.5 km, 3 within 1 km, 23 (4 %) within 1.5 km, 45 (8 %) within 2 km, 94
#    within 3 km -- almost all of them districts of one city (Beirut-Saifi vs Beirut-Port, 0.6 km).
# 1.5 km keeps 84 % of gazetteer disagreement about one place while merging 4 % of the distinct
# same-key pairs; every further 0.5 km buys ~4 % agreement for ~4 % more false merges.
PLACE_MAX_KM = 1.5

# Precision-2 windows.  ACLED codes the middle of the week when only the week is known (+-3 days);
# a news coder also gives week precision to an undated report, dated by its publication day, and an
# undated event lies in the days BEFORE its report.  The window reaches WEEK_BACK_DAYS back and
# WEEK_AHEAD_DAYS forward, so both readings of a week-level date overlap the day they stand for.
WEEK_BACK_DAYS = 7
WEEK_AHEAD_DAYS = 3

# Event types whose tactics co-occur in one event (an air strike inside a battle is one Battles
# event; shelling that kills civilians is one Explosions event); ACLED codes the higher rank.
_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# A demonstration that turns violent or is met with force is one event, coded by rank.
_DEMONSTRATION_TYPES = frozenset({"Protests", "Riots"})

_GENERIC_PREFIXES = ("unidentified", "civilians", "protesters", "rioters", "prisoners", "refugees", "migrants")
_VICTIM_PREFIXES = ("civilians", "protesters", "rioters", "prisoners", "refugees", "migrants")


@dataclass(frozen=True, slots=True)
class RuleResult:
    rule: str  # one of RULES
    ok: bool
    detail: str


# -- taxonomy ----------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _ranking() -> dict[str, int]:
    """sub_event_type -> rank position (0 = highest), from the coding stage's taxonomy."""
    from ..coding.taxonomy import SUB_EVENT_TYPES  # listed in ACLED's rank order

    return {sub: i for i, sub in enumerate(SUB_EVENT_TYPES)}


def sub_event_rank(sub_event_type: str | None) -> int:
    """Position in ACLED's ranking: 0 is the highest; unknown types rank last."""
    return _ranking().get(sub_event_type or "", 999)


# -- dates -------------------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def _parse_day(text: str | None) -> int | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10]).toordinal()
    except ValueError:
        return None


def date_window(m: Mention) -> tuple[int, int] | None:
    """The days (ordinals, inclusive) a mention's date may stand for, from its time precision."""
    day = _parse_day(m.event_date)
    if day is None:
        return None
    precision = m.time_precision or 1
    if precision <= 1:
        return day, day
    if precision == 2:
        return day - WEEK_BACK_DAYS, day + WEEK_AHEAD_DAYS
    d = date.fromordinal(day)
    first = d.replace(day=1)
    nxt = (first + timedelta(days=32)).replace(day=1)
    return first.toordinal(), nxt.toordinal() - 1


def _fmt_window(w: tuple[int, int]) -> str:
    a, b = date.fromordinal(w[0]).isoformat(), date.fromordinal(w[1]).isoformat()
    return a if a == b else f"{a}..{b}"


def date_check(a: Mention, b: Mention) -> RuleResult:
    wa, wb = date_window(a), date_window(b)
    if wa is None or wb is None:
        return RuleResult("date", False, "a report has no date, so it cannot be placed on a day")
    if wa[0] <= wb[1] and wb[0] <= wa[1]:
        if wa == wb and wa[0] == wa[1]:
            return RuleResult("date", True, f"same day {_fmt_window(wa)}")
        return RuleResult("date", True, f"{_fmt_window(wa)} (precision {a.time_precision or 1}) overlaps "
                                        f"{_fmt_window(wb)} (precision {b.time_precision or 1})")
    if wa[0] == wa[1] and wb[0] == wb[1]:
        return RuleResult("date", False, f"different days {_fmt_window(wa)} and {_fmt_window(wb)}: "
                                         "one event per active day")
    return RuleResult("date", False, f"{_fmt_window(wa)} and {_fmt_window(wb)} do not overlap")


# -- places ------------------------------------------------------------------------------------

def geo_precision(m: Mention) -> int | None:
    """1 place, 2 near a place, 3 province, 4 country only; None = no place at all."""
    loc = m.location
    if loc is None or not loc.country:
        return None
    if loc.geo_precision:
        return loc.geo_precision
    if loc.latitude is not None and loc.longitude is not None and loc.admin1:
        return 2
    return 3 if loc.admin1 else 4


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _same_name(x: str | None, y: str | None) -> bool:
    return bool(x and y and x.strip().casefold() == y.strip().casefold())


def place_check(a: Mention, b: Mention) -> RuleResult:
    pa, pb = geo_precision(a), geo_precision(b)
    la, lb = a.location, b.location
    if pa is None or pb is None or la is None or lb is None:
        return RuleResult("place", False, "a report has no place")
    if not _same_name(la.country, lb.country):
        return RuleResult("place", False, f"different countries {la.country} and {lb.country}")
    if pa >= 4 or pb >= 4:
        return RuleResult("place", False, "a report is known only to country level")
    if la.gazetteer_id and la.gazetteer_id == lb.gazetteer_id:
        return RuleResult("place", True, f"same gazetteer entry {la.gazetteer_id} ({la.name})")
    if la.admin1 and lb.admin1 and not _same_name(la.admin1, lb.admin1):
        return RuleResult("place", False, f"different provinces {la.admin1} and {lb.admin1}")
    if pa == 3 or pb == 3:
        if la.admin1 and lb.admin1:
            wide, narrow = (la, lb) if pa == 3 else (lb, la)
            return RuleResult("place", True, f"province-level report ({wide.name or wide.admin1}) covers "
                                             f"{narrow.name or narrow.admin1} in {wide.admin1}; joins only "
                                             "when nothing else conflicts")
        return RuleResult("place", False, "province unknown for a province-level report")
    if pa == 1 and pb == 1 and la.admin2 and lb.admin2 and not _same_name(la.admin2, lb.admin2):
        return RuleResult("place", False, f"different districts {la.admin2} and {lb.admin2} (admin2)")
    if None in (la.latitude, la.longitude, lb.latitude, lb.longitude):
        if _same_name(la.name, lb.name) and _same_name(la.admin1, lb.admin1):
            return RuleResult("place", True, f"same place name {la.name} in {la.admin1}")
        return RuleResult("place", False, "no coordinates to compare")
    d = distance_km(la.latitude, la.longitude, lb.latitude, lb.longitude)  # type: ignore[arg-type]
    where = f" in {la.admin2}" if la.admin2 and _same_name(la.admin2, lb.admin2) else ""
    if d <= PLACE_MAX_KM:
        return RuleResult("place", True, f"{la.name} and {lb.name} {d:.1f} km apart <= {PLACE_MAX_KM} km{where}")
    return RuleResult("place", False, f"{la.name} and {lb.name} {d:.1f} km apart > {PLACE_MAX_KM} km")


# -- actors ------------------------------------------------------------------------------------

def _norm_actor(name: str) -> str:
    return re.sub(r"\s+", " ", name.replace("\u2019", "'")).strip().casefold()


def is_unidentified(name: str | None) -> bool:
    return bool(name) and _norm_actor(name).startswith("unidentified")  # type: ignore[arg-type]


def is_generic_actor(name: str | None) -> bool:
    return bool(name) and _norm_actor(name).startswith(_GENERIC_PREFIXES)  # type: ignore[arg-type]


def _is_victim(name: str) -> bool:
    return _norm_actor(name).startswith(_VICTIM_PREFIXES)


def actor_set(m: Mention) -> tuple[str, ...]:
    return tuple(x for x in (m.actor1, m.actor2) if x and x.strip())


_SAME: Callable[[str, str], bool] | None = None


def _fallback_same(a: str, b: str) -> bool:
    return _norm_actor(a) == _norm_actor(b)


def set_same_actor(fn: Callable[[str, str], bool] | None) -> None:
    """Use ``fn`` to decide whether two actor names mean the same actor (tests pass a stub)."""
    global _SAME
    _SAME = fn
    _same_cached.cache_clear()
    _actor_match.cache_clear()


def _resolver_same() -> Callable[[str, str], bool]:
    global _SAME
    if _SAME is None:
        try:
            from ..coding.actors import ActorResolver

            resolver = ActorResolver.load()
            _SAME = lambda a, b: resolver.same_actor(a, b)  # noqa: E731
        except Exception:  # noqa: BLE001 - no dictionary: normalised string equality
            _SAME = _fallback_same
    return _SAME


@lru_cache(maxsize=65536)
def _same_cached(a: str, b: str) -> bool:
    return _fallback_same(a, b) or bool(_resolver_same()(a, b))


@lru_cache(maxsize=65536)
def _actor_match(x: str, y: str) -> bool:
    if _same_cached(*sorted((x, y))):
        return True
    # an unidentified armed group may be a named armed actor another report identifies; never victims
    if is_unidentified(x) and not _is_victim(y):
        return True
    return is_unidentified(y) and not _is_victim(x)


# One-sided event types: actor1 is the attacker, so "A shelled B" and "B shelled A" on one day are two
# events (ACLED dev rows: IED by one side and air strikes by the other at one place and day).
_ONE_SIDED_TYPES = frozenset({"Explosions/Remote violence", "Violence against civilians"})


def _ordered(a: Mention, b: Mention) -> bool:
    return a.event_type in _ONE_SIDED_TYPES and b.event_type in _ONE_SIDED_TYPES


def _ordered_match(a1: str | None, a2: str | None, b1: str | None, b2: str | None) -> bool:
    if a1 and b1 and not _actor_match(a1, b1):
        return False
    return not (a2 and b2 and not _actor_match(a2, b2))


def actors_check(a: Mention, b: Mention) -> RuleResult:
    sa, sb = actor_set(a), actor_set(b)
    if not sa or not sb:
        return RuleResult("actors", True, "a report names no actor")
    if _ordered(a, b):
        if _ordered_match(a.actor1, a.actor2, b.actor1, b.actor2):
            return RuleResult("actors", True, f"same attacker and target: {' / '.join(sa)} ~ {' / '.join(sb)}")
        return RuleResult("actors", False, f"one-sided attacks by different sides: {' / '.join(sa)} vs "
                                           f"{' / '.join(sb)}")
    small, large = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    if len(small) == 1:
        hit = next((y for y in large if _actor_match(small[0], y)), None)
        if hit is not None:
            how = "same actor" if _same_cached(*sorted((small[0], hit))) else "unidentified group may be"
            return RuleResult("actors", True, f"{how}: {small[0]} ~ {hit}")
    else:
        for perm in ((large[0], large[1]), (large[1], large[0])):
            if _actor_match(small[0], perm[0]) and _actor_match(small[1], perm[1]):
                return RuleResult("actors", True, f"actors match in any order: {' / '.join(sa)} ~ {' / '.join(sb)}")
    return RuleResult("actors", False, f"different actors: {' / '.join(sa)} vs {' / '.join(sb)}")


# -- details for generic-actor events -----------------------------------------------------------

def reported_fatalities(m: Mention) -> int | None:
    """The mention's own fatality figure when it reports one; None when it reports nothing.

    A mention's ``fatalities`` is 0 both for "no one was killed" and for "no number given"; the
    claims tell them apart: a fatality claim with a value is a report (0 included).
    """
    if any(c.kind == "fatalities" and c.value is not None for c in m.claims):
        return m.fatalities
    return m.fatalities if m.fatalities > 0 else None


def _assoc(value: str | None) -> set[str]:
    return {_norm_actor(p) for p in (value or "").split(";") if p.strip()}


# Words that end a place phrase ("Chaki Wardak district") or introduce one ("in the area of Zolote").
# Administrative nouns are dropped from the name; site nouns ("Donetsk Airport") stay part of it.
# "region" is left out: "the northern Yemeni region" names a country's part, not a place.
_ADMIN_NOUNS = ("district|districts|province|governorate|village|villages|area|areas|city|town|neighborhood|"
                "neighbourhood|county|municipality|countryside|suburb|quarter|directorate|directorates|"
                "subdistrict|sub-district|locality|colonia|settlement|outskirts|state|lga|payam|barangay|partido|"
                "municipio|oblast|raion|rayon|hamlet|commune")
_SITE_NOUNS = ("camp|airport|intersection|roundabout|highway|road|street|zone|market|valley|mountain|mountains|"
               "desert|island|port|border|crossing|bridge|square|junction|prison|hospital|base")
_PLACE_NOUNS = f"{_ADMIN_NOUNS}|{_SITE_NOUNS}"
# Lower-case connectors inside a place name: Arabic articles, Romance "de/del/da", Russian "imeni"
# ("Shakhta imeni Gagarina" is not "Shakhta Trudovskaya": without the connector both read "Shakhta").
_NAME = (r"(?:(?:al|el|ad|ar|as|ash|at|az|an)[-\s])?[A-Z][\w'\u2019]+"
         r"(?:[ -](?:(?:al|el|ad|wa|de|do|da|del|della|di|du|des|dos|das|imeni)[ -])?[A-Z][\w'\u2019]+)*(?:-\d+\b)?")
_PLACE_BEFORE_NOUN = re.compile(rf"({_NAME}(?:\s+(?i:{_SITE_NOUNS}))?)\s+(?i:{_ADMIN_NOUNS})\b|({_NAME}\s+(?i:{_SITE_NOUNS}))\b")
# "shelled Kansafra", "stormed Al Hazm": the object of an attack verb is usually the place hit (or an
# actor, whose words are dropped when comparing: see _places_conflict).
_PLACE_AFTER_VERB = re.compile(rf"\b(?i:shelled|bombed|struck|raided|stormed|captured|seized|recaptured|besieged|"
                               rf"overran|liberated|entered)\s+(?:the\s+)?({_NAME})"
                               # "attacked Napula (Macomia, ...)": the object of "attacked"/"targeted" is a place
                               # only when nothing but punctuation or a locative word follows it; "attacked
                               # Afghan forces" names an actor
                               rf"|\b(?i:attacked|targeted|ambushed)\s+({_NAME})"
                               rf"(?=\s*[,.;(]|\s+(?i:on|in|near|at|district|village|town|city|area)\b)")
# Admin units of other countries that come BEFORE the name ("the partido of Esteban Echeverria",
# "Barangay Camudlas", "the locality Fazendinha"): words of ACLED notes from Argentina, the
# Philippines, Brazil, Mexico, Ukraine.
# Without "of" only the nouns that never end an institution's name ("the police department Chief said").
_NOUNS_BEFORE = ("partido|barangay|locality|municipio|municipality|commune|parish|oblast|raion|rayon|colonia|"
                 "favela|settlement|hamlet|village|neighbou?rhood|department|sector|ward")
_NOUNS_BEFORE_BARE = "partido|barangay|locality|municipio|colonia|favela|hamlet|village|neighbou?rhood"
_PLACE_AFTER_PREP = re.compile(rf"\b(?i:in|near|at|outside|around|(?:{_PLACE_NOUNS}|{_NOUNS_BEFORE}) of|"
                               rf"(?:{_NOUNS_BEFORE_BARE}))\s+(?:the\s+)?({_NAME})")
_NOT_PLACE = frozenset(
    "the and of on in at near al el ad wa de da do january february march april may june july august september "
    "october november december monday tuesday wednesday thursday friday saturday sunday "
    # capitalised words after "at"/"in" that name institutions or forces, not places
    "military police army forces force government security ministry parliament council court headquarters "
    "president minister office coalition national federal state the".split())
# Articles and particles kept inside a place name: without them "La Plata" would be found inside
# "Mar del Plata" (dev rows: two pot-banging protests in one province merged on that).  A leading
# "al"/"el"/"la" stays part of the name; any other leading particle is dropped.
_PARTICLES = frozenset("al el ad ar as ash at az an la le les los las del della di du de da do dos das wa".split())
_NAME_START_PARTICLES = frozenset("al el ad ar as ash az an la le les los las".split())
_STOP = frozenset(
    "the and for with from that this was were are has have had been its their his her they them said says "
    "also after before during into over under against between about while when where which who whom would "
    "could will than then there other some more most many several one two three four five six seven eight "
    "nine ten not but all any per via who's reported report reports according "
    # prefixes of allegiance ("pro-Houthi", "anti-Houthi") and compass words of a country's regions
    # ("western Yemen"): ACLED notes of one front use them for every event (dev rows, Hays: three
    # events of one day linked by "anti" and "western" alone)
    "pro anti western eastern northern southern central".split())

# Reports whose only actors are generic (unidentified groups, civilians, protesters) share
# place, day and actors with unrelated events every day, so they must also describe the same thing:
# their specific words (see EVIDENCE_MIN) must overlap by GENERIC_MIN_OVERLAP (overlap coefficient),
# GENERIC_MIN_JACCARD (Jaccard) and at least GENERIC_MIN_SHARED words.  Dev rows (worldwide file):
# Jaccard 0.3 / 0.4 / 0.5 gave 0.0310 / 0.0283 / 0.0283 and lost one same-event test pair at 0.5;
# 3 shared words instead of 2 gave 0.0265 but lost two one-sentence killing reports (2 words each).
GENERIC_MIN_OVERLAP = 0.5
GENERIC_MIN_SHARED = 2
GENERIC_MIN_JACCARD = 0.3
# A spot within a town (village, area, market, intersection) named by one report and absent from
# the other keeps them apart: ACLED codes separate attacks in one district by their village.  Dev
# rows: Afghanistan 0.032 -> 0.020, worldwide 0.030 -> 0.025; costs one of the 20 same-event test
# pairs (a village named by one outlet only).  Gating it on low text overlap kept that pair split
# anyway and gave back half the gain, so it applies whenever the other report names no spot.
SPOT_RULE = True


_FINE = re.compile(r"\b(?:village|villages|neighborhood|neighbourhood|colonia|area|areas|suburb|quarter|locality|"
                   r"barangay|hamlet|favela|"
                   r"settlement|subdistrict|sub-district|district|districts|camp|market|street|road|highway|square|"
                   r"junction|airport|bridge|crossing|base|prison|hospital|checkpoint|intersection|roundabout)\b", re.I)


@lru_cache(maxsize=65536)
def _place_names(text: str) -> tuple[tuple[str, bool], ...]:
    """Place names the text mentions, in order, each flagged when it names a site or a part of a town
    ("Chaki Wardak district" -> ("chaki wardak", True); "in Sarmin" -> ("sarmin", False))."""
    found: list[tuple[int, str, bool]] = []
    for rx in (_PLACE_BEFORE_NOUN, _PLACE_AFTER_PREP, _PLACE_AFTER_VERB):
        for m in rx.finditer(text):
            group = next(g for g in range(1, (rx.groups or 0) + 1) if m.group(g))
            words = []
            for w in re.split(r"[\s\-]+", _NUMBERED.sub("_", m.group(group).replace("\u2019", "'")).casefold()):
                w = re.sub(r"'s$", "", w).strip("'")
                if w in _PARTICLES or (len(w) > 2 and w not in _NOT_PLACE
                                       and not re.fullmatch(rf"(?:{_ADMIN_NOUNS})", w)):
                    words.append(w)
            while words and words[0] in _PARTICLES and words[0] not in _NAME_START_PARTICLES:
                words.pop(0)
            if words and not all(w in _PARTICLES for w in words):
                found.append((m.start(group), " ".join(words), bool(_FINE.search(m.group(0)))))
    # at one position the longer name wins ("Martyrs square" over "Martyrs")
    first: dict[int, tuple[str, bool]] = {}
    for pos, name, fine in found:
        if pos not in first or len(name) > len(first[pos][0]):
            first[pos] = (name, fine or first.get(pos, ("", False))[1])
    return tuple(first[pos] for pos in sorted(first))


# "Zolote-5" is a settlement of its own, not Zolote: a number glued to a name stays part of it.
_NUMBERED = re.compile(r"(?<=[^\W\d_])-(?=\d+\b)")


def _norm_text(text: str) -> str:
    return " " + " ".join(re.split(r"[^\w']+", _NUMBERED.sub("_", text.replace("\u2019", "'")).casefold())) + " "


@lru_cache(maxsize=65536)
def _words(text: str | None) -> frozenset[str]:
    return frozenset(w for w in re.split(r"[^\w']+", (text or "").replace("\u2019", "'").casefold()) if len(w) > 2)


@lru_cache(maxsize=65536)
def _names_words(names: tuple[str | None, ...]) -> frozenset[str]:
    return frozenset().union(*(_words(n) for n in names if n))


def _known_words(m: Mention) -> set[str]:
    """Words of what is already compared: the resolved place, its admin units, the actors, and the
    country's adjective ("afghan", "yemeni": the country's first four letters start them)."""
    loc = m.location
    names = [loc.name, loc.admin1, loc.admin2, loc.admin3, loc.country] if loc else []
    names += list(actor_set(m))
    out = set(_names_words(tuple(names)))
    country = (loc.country or "").casefold() if loc else ""
    if len(country) >= 4:
        out |= {w for w in _words(m.text) if w.startswith(country[:4])}
    return out


def _actor_words(m: Mention) -> set[str]:
    return set(_names_words(actor_set(m)))


def _content_words(m: Mention) -> frozenset[str]:
    return frozenset(w for w in _words(m.text) if w not in _STOP and not w.isdigit())


# Words any report of any conflict event uses: sharing them is no evidence of one event.  Written
# by hand from the verbs and nouns of the event-type definitions (ACLED.md) and the tests' texts.
_EVENT_VOCAB = frozenset(
    "killed kill kills killing dead death deaths died die dies wounded wounding injured injuring injuries "
    "injures hurt casualties fatalities fatality toll attack attacks attacked attacking assault assaulted "
    "clash clashes clashed clashing fighting fight fought fights battle battles firefight exchange exchanged "
    "fire fired firing opened shot shooting shoot gunfire forces force militants militant fighters fighter "
    "troops armed group groups gunmen gunman men man people persons person sources source security official "
    "officials local locals residents spokesman statement claimed claims claim told confirmed reportedly "
    "least around about nearly some unknown unidentified suspected alleged allegedly "
    "area areas district village town city province region near outskirts "
    "monday tuesday wednesday thursday friday saturday sunday today yesterday morning evening night day days "
    "week january february march april may june july august september october november december "
    "2019 2020 2021 2022 2023 2024 2025 2026 took place took launched carried conducted left "
    "protest protests protested protesters protesting demonstration demonstrations demonstrated demonstrators "
    "rally rallied gathered gathering staged held demanding demanded demand against "
    "attackers assailants gunned down dead".split())

# Reports whose link rests on text rather than fields (different event types merged as co-occurring
# tactics; a generic actor on either side) must share at least this share (overlap coefficient:
# shared / smaller set) and this many of their specific words -- content words less place and actor
# words and _EVENT_VOCAB.  Dev rows: requiring it took the worldwide rate from 0.046 to 0.033 and
# Afghanistan from 0.083 to 0.063 (with the means rule); the 20 same-event test pairs all pass at
# 0.25 / 2 (one-sentence reports of one event share 2-4 such words: "teacher", "motorcycle").
EVIDENCE_MIN = 0.25
EVIDENCE_MIN_SHARED = 2


# One spelling for words reports use interchangeably (written by hand).
_SYNONYMS = {"motorbike": "motorcycle", "motorbikes": "motorcycle", "motorcycles": "motorcycle", "bike": "motorcycle",
             "car": "vehicle", "cars": "vehicle", "truck": "vehicle", "vehicles": "vehicle", "lorry": "vehicle",
             "policemen": "police", "policeman": "police", "officers": "officer", "soldier": "soldiers",
             "troops": "soldiers", "children": "child", "kids": "child", "boy": "child", "girl": "child",
             "women": "woman", "teachers": "teacher", "students": "student", "workers": "worker",
             "salaries": "salary", "wages": "salary", "pay": "salary", "houses": "house", "homes": "house",
             "home": "house", "residence": "house", "checkpoints": "checkpoint", "bases": "base", "posts": "post",
             "civilian": "civilians", "journalists": "journalist", "reporter": "journalist",
             "traders": "trader", "merchant": "trader", "merchants": "trader", "shopkeeper": "trader",
             "shopkeepers": "trader", "vendors": "trader", "vendor": "trader",
             "humvee": "vehicle", "humvees": "vehicle", "van": "vehicle", "vans": "vehicle", "minibus": "vehicle",
             "bus": "vehicle", "buses": "vehicle", "pickup": "vehicle", "jeep": "vehicle", "tanker": "vehicle",
             "shops": "shop", "stores": "shop", "store": "shop", "shut": "close", "closed": "close",
             "closing": "close", "shutdown": "close", "jets": "air", "warplanes": "air",
             "mosques": "mosque", "schools": "school", "farms": "farm", "farmers": "farmer", "fields": "field",
             "nurse": "nurses", "doctor": "doctors"}


# "front": ACLED codes each front of a war line as its own place ("the Al Fajir front" and "the Murays
# front" of one district on one day are two events: dev rows, Yemen); written lower-case only, as
# "Nusra Front" or "Polisario Front" name armed groups.  Plurals name several spots at once ("Al Maqani
# and Ash Shuaynah villages").
_SUBPLACE = re.compile(rf"({_NAME})\s+(?i:village|neighbou?rhood|colonia|area|suburb|quarter|market|street|road|"
                       rf"square|camp|checkpoint|bridge|hospital|base|prison|airport|junction|mosque|school|intersection|"
                       rf"roundabout)s?\b|({_NAME})\s+(?:front|axis)\b")


# The same spots named noun first ("the locality Fazendinha", "the village of Sardeh", "Barangay Camudlas").
_SUBPLACE_AFTER = re.compile(rf"\b(?i:locality|barangay|village|neighbou?rhood|colonia|favela|hamlet|quarter|suburb|"
                             rf"area|camp)(?:\s+of)?\s+(?:the\s+)?({_NAME})\b"
                             rf"(?!\s+(?:\([^)]*\)\s+)?(?i:{_ADMIN_NOUNS})\b)")


@lru_cache(maxsize=65536)
def _specific_words(text: str) -> frozenset[str]:
    """Content words that describe what happened (victims, weapons, objects, the spot within a
    town): words written capitalised inside a sentence are names, mostly of towns and districts that
    the place rule already compared, so they count only when they name a spot ("the Old Market")."""
    names = {w.casefold() for w in re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][\w']+", text)}
    spots = {w.casefold() for rx in (_SUBPLACE, _SUBPLACE_AFTER) for m in rx.finditer(text)
             for w in re.split(r"[\s\-]+", _first_group(m))}
    words = {w for w in re.split(r"[^\w']+", text.replace("\u2019", "'").casefold())
             if len(w) > 2 and w not in _STOP and not w.isdigit()}
    # the means of attack count as one word each, however worded ("warplanes" and "an air raid" are
    # both "air": the demo's two reports of one market strike shared only "market" without this)
    means = {w for w in re.split(r"\W+", " ".join(m.group(0) for m in _TACTICS_RX.finditer(text)).casefold()) if w}
    out = {_SYNONYMS.get(w, w) for w in words
           if w not in _EVENT_VOCAB and w not in means and (w not in names or w in spots or w in _SYNONYMS)}
    return frozenset(out | {f"means:{k}" for k in _tactics(text)})


# A sentence that opens by pointing back at an event its article told before ("The protest was initiated
# by ...", "This rally was called by ...") adds a detail to that event; it does not describe one.  ACLED
# notes close many reports of one campaign with the same such line (dev rows: 21 Serbian balcony protests
# in 21 towns, each ending "The protest was initiated by <group>", the group's name geocoded to Belgrade
# for all of them), and press releases do the same.  Two such lines with only generic actors (anyone
# protests anywhere) identify nothing, whatever words they share.
_ANAPHORA = re.compile(r"\s*(?:(?:the|this|that|these|those|such)\s+(?:same\s+|latest\s+|second\s+|last\s+)?"
                       r"(?:protests?|demonstrations?|rall(?:y|ies)|marche?s?|sit-ins?|gatherings?|strikes?|"
                       r"counter-?protests?|events?|actions?|incidents?|riots?|blockades?|demonstrators|"
                       r"protesters|participants|organi[sz]ers|crowds?)\b"
                       r"|(?:this|it)\s+(?:is|was|occurred|happened|took place|came|comes|follows|followed)\b)", re.I)


# Means of attack named in a report.  Two reports that each name a means, none in common, tell of
# different attacks ("a roadside bomb hit the convoy" vs "a sniper shot a soldier": dev rows, one
# district and day, two events).
_TACTICS = {
    "explosive": re.compile(r"\b(?:bomb|bombs|ied|ieds|landmine|landmines|mine|mines|explosive|explosives|"
                            r"blast|grenade|grenades|suicide|car bomb|booby)\b", re.I),
    "air": re.compile(r"\b(?:air ?strikes?|air ?raids?|drones?|jets?|warplanes?|aircraft|helicopters?|"
                      r"bombers?)\b", re.I),
    "artillery": re.compile(r"\b(?:shell|shells|shelling|shelled|artillery|mortars?|rockets?|missiles?|"
                            r"rpgs?|projectiles?)\b", re.I),
    "sniper": re.compile(r"\b(?:snipers?|sniper fire)\b", re.I),
}


def _kind_finder(rx: re.Pattern):
    """text -> the names of ``rx``'s groups that occur in it, cached: one regex pass for all kinds (the
    merge reads every report's text once per run: see the 20,000-report test)."""
    @lru_cache(maxsize=65536)
    def kinds(text: str) -> frozenset[str]:
        return frozenset(m.lastgroup for m in rx.finditer(text) if m.lastgroup)

    return kinds


_TACTICS_RX = re.compile("|".join(f"(?P<{k}>{rx.pattern})" for k, rx in _TACTICS.items()), re.I)
_tactics = _kind_finder(_TACTICS_RX)


# What an attack hit, in two kinds that one attack does not confuse: a fixed position (post, checkpoint,
# base) and a moving column (convoy, patrol, vehicle).  Reports naming only one kind each, different
# kinds, tell of different attacks (dev rows, Afghanistan: a Taliban attack on an army post and one on
# a convoy with its reinforcements, one area, one day, two events).  A report of an attack on a post
# and then on the convoy sent to relieve it names both kinds and matches either.
_TARGETS = {
    "position": re.compile(r"\b(?:posts?|outposts?|check ?points?|check-points?|bases?|positions?|barracks|"
                           r"trenches|front ?lines?|garrisons?)\b", re.I),
    # vehicles alone are left out: a report of an attack on a post often adds the cars burnt at it
    "column": re.compile(r"\b(?:convoys?|patrols?|reinforcements?|columns?)\b", re.I),
}


_targets = _kind_finder(re.compile("|".join(f"(?P<{k}>{rx.pattern})" for k, rx in _TARGETS.items()), re.I))


# Who took part, for reports whose actors are generic (protesters, rioters, civilians): ACLED codes one
# event per group that protests at a place on a day (taxi drivers and the workers of a movement in one
# city on one day are two events: dev rows, Mexico), while two outlets reporting one protest name the
# same group, if in other words (the classes below hold the words outlets use for one group).
_GROUPS = {
    "teachers": r"teachers?|educators?|lecturers?|professors?",
    "students": r"students?|pupils?|schoolchildren",
    "health": r"doctors?|nurses?|medics?|physicians?|paramedics?|health(?:care)? workers?",
    "drivers": r"drivers?|taxis?|motorists?|truckers?|transporters?|transport|riders?",
    "traders": r"traders?|merchants?|shopkeepers?|vendors?|sellers?|businessmen|businesspeople",
    "farmers": r"farmers?|peasants?|herders?|pastoralists?|growers?|fishermen|fishers?",
    "workers": r"workers?|employees?|labou?rers?|miners?|unionists?|trade unions?",
    "lawyers": r"lawyers?|judges?|magistrates?|attorneys?",
    "journalists": r"journalists?|reporters?",
    "prisoners": r"prisoners?|inmates?|detainees?",
    "pensioners": r"pensioners?|retirees?|veterans?",
    "displaced": r"idps?|refugees?|displaced|migrants?",
}
_groups = _kind_finder(re.compile("|".join(rf"(?P<{k}>\b(?:{v})\b)" for k, v in _GROUPS.items()), re.I))


_DISTRICT = re.compile(rf"({_NAME})\s+(?i:district|county|lga|township|municipality|directorate|sub-district|"
                       rf"subdistrict|tehsil|payam|commune)\b")


def _first_group(m: re.Match) -> str:
    return next(g for g in m.groups() if g)


def _named(pattern: re.Pattern, text: str) -> frozenset[str]:
    """The names ``pattern``'s first group captures in ``text``, casefolded, particles and short
    words left out as in ``_place_names``."""
    out = set()
    for m in pattern.finditer(text):
        words = [w for w in re.split(r"[\s\-]+", _NUMBERED.sub("_", _first_group(m).replace("\u2019", "'")).casefold())
                 if len(w) > 2 and w not in _NOT_PLACE]
        if words:
            out.add(" ".join(words))
    return frozenset(out)


@lru_cache(maxsize=65536)
def _spots(text: str) -> frozenset[str]:
    """Spots within a town or district a text names ("the Azizabad area" -> "azizabad")."""
    return _named(_SUBPLACE, text) | _named(_SUBPLACE_AFTER, text)


@lru_cache(maxsize=65536)
def _districts(text: str) -> frozenset[str]:
    """Districts a text names ("in Charbolak district" -> "charbolak")."""
    return _named(_DISTRICT, text)


def _inside(x: str, y: str) -> bool:
    """One place name holds the other ("al hazm" in "al hazm market")."""
    return f" {x} " in f" {y} " or f" {y} " in f" {x} "


@lru_cache(maxsize=65536)
def _skeleton(name: str) -> str:
    """A spelling-blind key of a place name: apostrophes and doubled letters dropped, q read as k,
    vowels dropped after each word's first letter ("Ma'rib" = "Marib", "Maarrat al-Nu'man" =
    "Maarat al-Numan": transliterations of one Arabic name by two outlets)."""
    out = []
    for w in re.split(r"[\s\-]+", name.casefold().replace("'", "").replace("\u2019", "")):
        w = re.sub(r"(.)\1+", r"\1", w.replace("q", "k"))
        if w:
            out.append(w[0] + re.sub(r"[aeiouy]", "", w[1:]))
    return " ".join(out)


def _alike(x: str, y: str) -> bool:
    """Two spellings of one place name (see :func:`_skeleton`)."""
    return x == y or _skeleton(x) == _skeleton(y)


def _places_conflict(na: tuple[tuple[str, bool], ...], nb: tuple[tuple[str, bool], ...], ta: str,
                     tb: str, actor_words: set[str] | frozenset[str] = frozenset(), town_a: bool = False,
                     town_b: bool = False) -> tuple[str, str] | None:
    """Different places: the first place each text names (where reports put the event) is absent
    from the other text, or each text names a site or part of town ("Colonia Las Aves", "Chaki
    Wardak district") that the other text never mentions.

    A coarser report is no conflict as long as the finer one also names the coarser place ("in
    Helmand" vs "in Nad Ali district, Helmand"); two transliterations of one name do not
    (:func:`_alike`), other spellings do (the price of reading text rather than gazetteer ids)."""
    if actor_words:
        na = tuple(x for x in na if not set(x[0].split()) <= actor_words)
        nb = tuple(x for x in nb if not set(x[0].split()) <= actor_words)
    pa, pb = (na[0][0] if na else None), (nb[0][0] if nb else None)
    if pa and pb and f" {pa} " not in tb and f" {pb} " not in ta and not _alike(pa, pb):
        return pa, pb
    # a precise report that puts the event in a town ("in Sikasso") is no coarser version of one
    # that puts it in another town ("in Bougouni, Sikasso"), though it names the other's province
    if pa and pb and not _alike(pa, pb) and not na[0][1] and not nb[0][1]:  # two town-level names, no site
        if town_a and not na[0][1] and f" {pb} " not in ta and not _inside(pb, pa):
            return pa, pb
        if town_b and not nb[0][1] and f" {pa} " not in tb and not _inside(pa, pb):
            return pa, pb
    fa = [n for n, fine in na if fine and f" {n} " not in tb]
    fb = [n for n, fine in nb if fine and f" {n} " not in ta]
    if fa and fb:
        return fa[0], fb[0]
    return None


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def detail_check(a: Mention, b: Mention) -> RuleResult:
    failure = _detail_failure(features(a), features(b))
    if failure is not None:
        return RuleResult("detail", False, failure)
    return RuleResult("detail", True, _detail_success(features(a), features(b)))


def _detail_success(a: "Features", b: "Features") -> str:
    known = a.known | b.known
    if a.generic_only and b.generic_only:
        return (f"generic actors; groups and tolls agree, {_overlap(a.content - known, b.content - known):.2f} "
                "of the words shared")
    if _needs_evidence(a, b):
        return (f"the reports share {evidence_share(a, b):.2f} of their specific words (>= {EVIDENCE_MIN}); "
                "no conflicting place names or tolls")
    return "named actors identify the event; no conflicting place names or tolls"


def _needs_evidence(a: "Features", b: "Features") -> bool:
    """A merge that the structured fields alone do not support: different event types (co-occurring
    tactics), or a generic actor on either side (an unidentified group, civilians, protesters: they
    are everywhere every day, so matching them identifies nothing).  A report naming no actor at all
    is vague and joins only a unique candidate (``strife.merge.cluster``), so it needs no words."""
    if a.event_type != b.event_type:
        return True
    return bool(a.actors and b.actors) and (a.generic_any or b.generic_any)


def evidence_share(a: "Features", b: "Features") -> float:
    """Overlap coefficient of the specific words of two reports (place and actor words removed)."""
    known = a.known | b.known
    sa, sb = a.specific - known, b.specific - known
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


def _shared_specific(a: "Features", b: "Features") -> int:
    known = a.known | b.known
    return len((a.specific - known) & (b.specific - known))


# Two reports of MASS_TOLL dead or more at one place on one day whose tolls differ by at most MASS_TOLL_SLACK of
# the larger are one event (a toll updated as the dead are counted: 58, then 59); smaller tolls must match
# where the actors are generic (distinct killings of 1 and 2 in one town on one day are common).
MASS_TOLL = 10
MASS_TOLL_SLACK = 0.1


def _same_mass_toll(x: int | None, y: int | None) -> bool:
    return (x is not None and y is not None and min(x, y) >= MASS_TOLL
            and abs(x - y) <= MASS_TOLL_SLACK * max(x, y))


def _detail_failure(a: "Features", b: "Features") -> str | None:
    """Why two otherwise compatible reports are not one event, or None (shared by both paths)."""
    known = a.known | b.known
    # (two reports at one town, one of whose sentences does not name it (the town came from the article around
    # it): what that sentence calls a place, "at the Bellagio" in a Las Vegas story, is a site, not another town)
    site = (a.precision == 1 and b.precision == 1 and bool(a.name) and (a.name, a.admin1) == (b.name, b.admin1)
            and not (a.names_own_place and b.names_own_place))
    clash = _places_conflict(a.place_names, b.place_names, a.text_with_place, b.text_with_place,
                             a.actor_words | b.actor_words, a.precision == 1 and not site, b.precision == 1 and not site)
    if clash is not None:
        return f"the reports name different places ({clash[0]} vs {clash[1]}), neither found in the other report"
    if SPOT_RULE:
        for x, y in ((a, b), (b, a)):
            if x.spots and not y.spots and not any(f" {p} " in y.text for p in x.spots):
                return f"one report names a spot ({', '.join(sorted(x.spots))}) the other never mentions"
    # each names a spot (a front, a village, a market) that the other never mentions: two sub-areas
    if (a.spots and b.spots and not any(f" {p} " in b.text for p in a.spots)
            and not any(f" {p} " in a.text for p in b.spots)):
        return (f"the reports name different spots ({', '.join(sorted(a.spots))} vs "
                f"{', '.join(sorted(b.spots))}), neither found in the other report")
    if a.districts and b.districts and not a.districts & b.districts:
        da = ", ".join(sorted(a.districts - a.actor_words))
        db = ", ".join(sorted(b.districts - b.actor_words))
        if da and db:
            return f"the reports name different districts ({da} vs {db})"
    if a.targets and b.targets and not a.targets & b.targets:
        return (f"different targets ({', '.join(sorted(a.targets))} vs {', '.join(sorted(b.targets))}): "
                "a fixed position and a moving column are hit in different attacks")
    if _same_mass_toll(a.reported, b.reported) and not (a.tactics and b.tactics and not a.tactics & b.tactics):
        # MASS_TOLL dead or more at one place on one day, told alike: one mass-casualty event, however differently
        # its reports word it or name its perpetrator ("the gunman", "police said")
        return None
    if a.generic_only and b.generic_only:
        if a.anaphoric and b.anaphoric:
            return ("only generic actors, and both reports only refer back to an event told earlier in their own "
                    "articles ('The protest was ...'): a closing line repeated under many reports, not a description")
        for side, xa, xb in (("assoc_actor_1", a.assoc1, b.assoc1), ("assoc_actor_2", a.assoc2, b.assoc2)):
            if xa and xb and not xa & xb and not any(_same_cached(*sorted((x, y))) for x in xa for y in xb):
                return f"only generic actors, and the groups differ ({side}: {sorted(xa)} vs {sorted(xb)})"
        if a.groups and b.groups and not a.groups & b.groups:
            return (f"only generic actors, and the reports name different groups of people "
                    f"({', '.join(sorted(a.groups))} vs {', '.join(sorted(b.groups))})")
        if a.reported is not None and b.reported is not None and a.reported != b.reported \
                and not _same_mass_toll(a.reported, b.reported):
            return f"only generic actors, and the death tolls differ ({a.reported} vs {b.reported})"
        share, shared = evidence_share(a, b), _shared_specific(a, b)
        jac = _overlap(a.specific - known, b.specific - known)
        if share < GENERIC_MIN_OVERLAP or shared < GENERIC_MIN_SHARED or jac < GENERIC_MIN_JACCARD:
            return (f"only generic actors, and the reports share {shared} specific word(s), {share:.2f} of the "
                    f"shorter report's (need {GENERIC_MIN_SHARED} and {GENERIC_MIN_OVERLAP}): too little to tell "
                    "one event from another")
        return None
    if a.tactics and b.tactics and not a.tactics & b.tactics:
        return f"different means of attack ({', '.join(sorted(a.tactics))} vs {', '.join(sorted(b.tactics))})"
    if _needs_evidence(a, b):
        share = evidence_share(a, b)
        if share < EVIDENCE_MIN or _shared_specific(a, b) < EVIDENCE_MIN_SHARED:
            why = ("different event types" if a.event_type != b.event_type
                   else "an unidentified group stands for a named actor")
            return (f"{why}, and the reports share {_shared_specific(a, b)} of their specific words, {share:.2f} of "
                    f"the shorter report's (need {EVIDENCE_MIN_SHARED} and {EVIDENCE_MIN})")
    return None


# -- types -------------------------------------------------------------------------------------

# Remote violence comes in two deliveries that one attack does not mix: fired from afar (aircraft,
# artillery: co-occur in one bombardment, coded by rank) and planted or carried to the target (IED,
# suicide bomb, grenade).  An IED by one side and air strikes by the other at one town on one day are
# two events (dev rows, Egypt: an IED on an army vehicle and the army's air strikes in reply).
_STANDOFF = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
_PLANTED = frozenset({"Remote explosive/landmine/IED", "Suicide bomb", "Grenade"})


def _delivery_clash(sa: str | None, sb: str | None) -> bool:
    return (sa in _STANDOFF and sb in _PLANTED) or (sa in _PLANTED and sb in _STANDOFF)


def type_check(a: Mention, b: Mention) -> RuleResult:
    ta, tb = a.event_type, b.event_type
    if ta == tb:
        if ta == "Strategic developments" and a.sub_event_type != b.sub_event_type:
            return RuleResult("type", False, f"different strategic developments ({a.sub_event_type} vs "
                                             f"{b.sub_event_type})")
        if _delivery_clash(a.sub_event_type, b.sub_event_type):
            return RuleResult("type", False, f"remote violence fired from afar and planted on the spot are different "
                                             f"attacks ({a.sub_event_type} vs {b.sub_event_type})")
        if a.sub_event_type == b.sub_event_type:
            return RuleResult("type", True, f"same type {ta} / {a.sub_event_type}")
        return RuleResult("type", True, f"same event type {ta}; {_higher(a, b)} ranks higher")
    if (ta in _VIOLENT_TYPES and tb in _VIOLENT_TYPES) or (ta in _DEMONSTRATION_TYPES and tb in _DEMONSTRATION_TYPES):
        return RuleResult("type", True, f"co-occurring tactics {a.sub_event_type} + {b.sub_event_type}: "
                                        f"coded as the higher-ranked {_higher(a, b)}")
    return RuleResult("type", False, f"incompatible types {ta} and {tb}")


def _higher(a: Mention, b: Mention) -> str:
    return min((a.sub_event_type, b.sub_event_type), key=lambda s: (sub_event_rank(s), s))


# -- all together ------------------------------------------------------------------------------

_CHECKS = (type_check, date_check, place_check, actors_check, detail_check)


def check_pair(a: Mention, b: Mention) -> list[RuleResult]:
    """Every rule's result for the pair (for explanations)."""
    return [check(a, b) for check in _CHECKS]


def first_failure(a: Mention, b: Mention) -> RuleResult | None:
    for check in _CHECKS:
        r = check(a, b)
        if not r.ok:
            return r
    return None


def compatible(a: Mention, b: Mention) -> bool:
    """True when every rule holds (checks stop at the first failure)."""
    return first_failure(a, b) is None


# -- the fast path used by clustering: same decisions, no messages ------------------------------

@dataclass(frozen=True, slots=True)
class Features:
    """What the rules read from a mention, computed once (the clusterer compares many pairs)."""

    event_type: str
    sub_event_type: str
    window: tuple[int, int] | None
    precision: int | None  # geo precision
    country: str
    admin1: str
    admin2: str
    lat: float | None
    lon: float | None
    gazetteer_id: str | None
    name: str
    actors: tuple[str, ...]
    actor1: str | None
    actor2: str | None
    generic_only: bool
    assoc1: frozenset[str]
    assoc2: frozenset[str]
    reported: int | None
    place_names: tuple[tuple[str, bool], ...]
    text: str
    actor_words: frozenset[str]
    known: frozenset[str]
    content: frozenset[str]
    specific: frozenset[str]
    unidentified: bool
    generic_any: bool
    districts: frozenset[str]
    spots: frozenset[str]
    tactics: frozenset[str]
    anaphoric: bool = False
    targets: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    # the text with the name of the place the geocoder put the report at: that place counts as named by it,
    # though its sentence may not repeat it ("at the Bellagio" in a report of a Las Vegas story)
    text_with_place: str = ""
    names_own_place: bool = True  # whether the sentence itself names that place


def features(m: Mention) -> Features:
    loc = m.location
    cf = (lambda x: (x or "").strip().casefold())
    actors = actor_set(m)
    text = _norm_text(m.text)
    return Features(
        m.event_type, m.sub_event_type, date_window(m), geo_precision(m),
        cf(loc.country if loc else None), cf(loc.admin1 if loc else None), cf(loc.admin2 if loc else None),
        loc.latitude if loc else None, loc.longitude if loc else None, loc.gazetteer_id if loc else None,
        cf(loc.name if loc else None), actors, m.actor1 if m.actor1 and m.actor1.strip() else None,
        m.actor2 if m.actor2 and m.actor2.strip() else None, not any(not is_generic_actor(x) for x in actors),
        frozenset(_assoc(m.assoc_actor_1)), frozenset(_assoc(m.assoc_actor_2)), reported_fatalities(m),
        _place_names(m.text), text, frozenset(_actor_words(m)), frozenset(_known_words(m)),
        _content_words(m), _specific_words(m.text), any(is_unidentified(x) for x in actors),
        any(is_generic_actor(x) for x in actors), _districts(m.text), _spots(m.text),
        _tactics(m.text), bool(_ANAPHORA.match(m.text)), _targets(m.text), _groups(m.text),
        *_with_place(text, cf(loc.name if loc else None)))


def _with_place(text: str, name: str) -> tuple[str, bool]:
    """(the normalised text followed by the report's place name, whether the text names that place itself)."""
    if not name:
        return text, True
    own = _norm_text(name)
    return text + own[1:], own in text


def fast_compatible(a: Features, b: Features) -> bool:
    """Exactly ``compatible`` on the mentions the features came from (a test holds them equal)."""
    # type
    if a.event_type == b.event_type:
        if a.event_type == "Strategic developments" and a.sub_event_type != b.sub_event_type:
            return False
        if _delivery_clash(a.sub_event_type, b.sub_event_type):
            return False
    elif not ((a.event_type in _VIOLENT_TYPES and b.event_type in _VIOLENT_TYPES)
              or (a.event_type in _DEMONSTRATION_TYPES and b.event_type in _DEMONSTRATION_TYPES)):
        return False
    # date
    wa, wb = a.window, b.window
    if wa is None or wb is None or wa[0] > wb[1] or wb[0] > wa[1]:
        return False
    # place
    pa, pb = a.precision, b.precision
    if pa is None or pb is None or not a.country or a.country != b.country:
        return False
    if pa >= 4 or pb >= 4:
        return False
    if not (a.gazetteer_id and a.gazetteer_id == b.gazetteer_id):
        if a.admin1 and b.admin1 and a.admin1 != b.admin1:
            return False
        if pa == 3 or pb == 3:
            if not (a.admin1 and b.admin1):
                return False
        else:
            if pa == 1 and pb == 1 and a.admin2 and b.admin2 and a.admin2 != b.admin2:
                return False
            if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
                if not (a.name and a.name == b.name and a.admin1 and a.admin1 == b.admin1):
                    return False
            elif distance_km(a.lat, a.lon, b.lat, b.lon) > PLACE_MAX_KM:
                return False
    # actors
    sa, sb = a.actors, b.actors
    if sa and sb and a.event_type in _ONE_SIDED_TYPES and b.event_type in _ONE_SIDED_TYPES:
        if not _ordered_match(a.actor1, a.actor2, b.actor1, b.actor2):
            return False
    elif sa and sb:
        small, large = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
        if len(small) == 1:
            if not any(_actor_match(small[0], y) for y in large):
                return False
        elif not ((_actor_match(small[0], large[0]) and _actor_match(small[1], large[1]))
                  or (_actor_match(small[0], large[1]) and _actor_match(small[1], large[0]))):
            return False
    # detail
    return _detail_failure(a, b) is None


def is_vague(m: Mention) -> bool:
    """A report too imprecise to choose between events: it joins one only when that one is the only
    candidate.  Province-level place, week- or month-level date, an unidentified actor, or no actor."""
    p = geo_precision(m)
    if p is None or p >= 3 or (m.time_precision or 1) >= 2:
        return True
    actors = actor_set(m)
    return not actors or any(is_unidentified(x) for x in actors)
