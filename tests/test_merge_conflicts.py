"""Round 3 of the merge rules: details that keep reports of different events apart although they share
place entry, day and actors (the causes of the false merges found on the ACLED dev rows), and the
wordings of one event that must still merge.  Texts written for these tests."""

from __future__ import annotations

from test_merge_support import AFG_ARMY, HADI, TALIBAN, mention, place

from strife.merge import compatible, explain_mentions, false_merge_rate, merge_mentions
from strife.records import replace
from strife.merge.rules import _alike, _place_names, _spots, check_pair, fast_compatible, features

PROT = "Protesters (Yemen)"
UNID = "Unidentified Armed Group (Yemen)"
CIV = "Civilians (Yemen)"


def n_events(*ms) -> int:
    return len(merge_mentions(list(ms)))


def same_decision(a, b) -> bool:
    """The fast path and the explained rules agree on the pair."""
    return fast_compatible(features(a), features(b)) == compatible(a, b)


# -- boilerplate closing lines ------------------------------------------------------------------

def test_closing_lines_that_point_back_at_their_own_event_identify_nothing():
    # three towns' rallies, each report ending with the same line about the organiser, all geocoded to
    # the organiser's city because its name holds the city's name
    tail = "The rally was organised by the Free Marib Youth, who promised more."
    tails = [mention(tail, kind="protest", actor1=PROT, actor2=None, loc=place("Marib"), outlet=f"o{i}",
                     title=f"rally {i}") for i in range(3)]
    assert n_events(*tails) == 3
    assert all(same_decision(a, b) for a in tails for b in tails)
    why = [r for r in check_pair(tails[0], tails[1]) if not r.ok]
    assert why and why[0].rule == "detail" and "refer back" in why[0].detail
    # ACLED-style rows: each row is its own rally; the shared closing line must not merge them
    rows = {f"r{i}": [m] for i, m in enumerate(tails)}
    assert false_merge_rate(rows) == 0.0
    # an opening sentence that describes the rally still merges with another outlet's report of it
    a = mention("Nurses rallied outside the Marib general hospital over unpaid salaries.", kind="protest",
                actor1=PROT, actor2=None, loc=place("Marib"), outlet="One")
    b = mention("Dozens of nurses protested unpaid salaries in front of the general hospital in Marib.",
                kind="protest", actor1=PROT, actor2=None, loc=place("Marib"), outlet="Two")
    assert n_events(a, b) == 1


def test_closing_lines_with_named_actors_still_follow_the_actor_rule():
    a = mention("The attack was claimed by the Houthis, who said the base had fallen.", outlet="One")
    b = mention("The attack was claimed by the Houthis in a statement on their channel.", outlet="Two")
    assert n_events(a, b) == 1


# -- place names ---------------------------------------------------------------------------------

def test_names_with_connectors_and_numbers_are_whole_names():
    assert _place_names("Shelling hit the area of Shakhta imeni Lenina, Donetsk.")[0][0] == "shakhta imeni lenina"
    assert _place_names("Mortar fire near Zolote-4 was recorded.")[0][0] == "zolote_4"
    a = mention("Government troops fired mortars at rebel positions in the area of Shakhta imeni Lenina.",
                outlet="One")
    b = mention("Government troops fired mortars at rebel positions in the area of Shakhta Pivdenna.", outlet="Two")
    assert n_events(a, b) == 2
    c = mention("Mortar rounds landed near Zolote-4 during an exchange of fire.", outlet="One")
    d = mention("Mortar rounds landed near Zolote during an exchange of fire.", outlet="Two")
    assert n_events(c, d) == 2
    assert same_decision(a, b) and same_decision(c, d)


def test_place_named_as_the_object_of_attacked():
    assert _place_names("Rebels attacked Mbau (Beni, North Kivu) at dawn.")[0][0] == "mbau"
    # an actor after "attacked" is no place
    assert not _place_names("Taliban fighters attacked Afghan forces overnight.")
    a = mention("Rebels attacked Mbau (Beni) at dawn; no toll was given.", outlet="One")
    b = mention("Rebels clashed with the army in Oicha (Beni) at dawn; no toll was given.", outlet="Two")
    assert n_events(a, b) == 2


def test_spots_named_noun_first_keep_reports_apart():
    assert "fazenda nova" in _spots("A shoot-out broke out in the locality Fazenda Nova on Monday.")
    assert "camudlas" in _spots("Soldiers clashed with rebels in Barangay Camudlas.")
    # "the village of Andar district" names the district, not a spot
    assert _spots("in the Sardeh village of Andar district") == {"sardeh"}
    spot = mention("Police and gunmen exchanged fire in the locality Fazenda Nova, wounding a suspect.",
                   actor1="Police Forces of Yemen (2016-)", actor2=UNID, loc=place("Marib"), outlet="One")
    none = mention("Police and gunmen exchanged fire in Marib and arrested two suspects.",
                   actor1="Police Forces of Yemen (2016-)", actor2=UNID, loc=place("Marib"), outlet="Two")
    assert n_events(spot, none) == 2


def test_transliterations_of_one_name_do_not_conflict():
    assert _alike("ma'rib", "marib")
    assert _alike("maarrat al nu'man", "maarat al numan")
    assert not _alike("marib", "sirwah")
    a = mention("Houthi gunners shelled the outskirts of Ma'rib city on Sunday.", kind="shelling", loc=place("Marib"))
    b = mention("Houthi artillery hit the edge of Marib on Sunday, the army said.", kind="shelling",
                loc=place("Marib"), outlet="Two")
    assert n_events(a, b) == 1


# -- what was hit, and how ----------------------------------------------------------------------

def test_a_fixed_position_and_a_convoy_are_different_attacks():
    post = mention("Taliban fighters overran an army outpost in Andar, killing four soldiers.", actor1=TALIBAN,
                   actor2=AFG_ARMY, loc=place("Andar"), outlet="One")
    convoy = mention("Taliban fighters ambushed an army convoy in Andar, burning two trucks.", actor1=TALIBAN,
                     actor2=AFG_ARMY, loc=place("Andar"), outlet="Two")
    both = mention("The Taliban attacked a checkpoint in Andar and then the convoy sent to relieve it.",
                   actor1=TALIBAN, actor2=AFG_ARMY, loc=place("Andar"), outlet="Three")
    assert n_events(post, convoy) == 2
    assert n_events(post, both) == 1 and n_events(convoy, both) == 1
    exp = explain_mentions("e", [post], [(convoy, "other")])
    assert exp.kept_apart[0].rule == "detail" and "targets" in exp.kept_apart[0].detail
    assert same_decision(post, convoy) and same_decision(post, both)


def test_planted_bombs_and_air_strikes_are_different_attacks_but_strikes_and_shelling_co_occur():
    ied = mention("A bomb planted by the road outside Al Hazm wrecked an army vehicle.", kind="airstrike",
                  outlet="One")
    ied = replace(ied, sub_event_type="Remote explosive/landmine/IED")
    air = mention("Jets struck Houthi vehicles outside Al Hazm after a roadside bomb hit an army car.",
                  kind="airstrike", outlet="Two")
    shell = mention("Artillery and jets pounded Houthi vehicles outside Al Hazm.", kind="shelling", outlet="Three")
    assert n_events(ied, air) == 2
    assert check_pair(ied, air)[0].rule == "type" and not check_pair(ied, air)[0].ok
    assert n_events(air, shell) == 1
    assert same_decision(ied, air) and same_decision(air, shell)


def test_means_of_attack_count_as_shared_words_however_worded():
    a = mention("Warplanes struck a crowded vegetable market in Al Hazm, killing seven civilians.",
                kind="airstrike", actor1=HADI, actor2=CIV, outlet="One", fatalities=7)
    b = mention("Seven people died when an air raid hit the Al Hazm market, a monitor said.", kind="airstrike",
                actor1=None, actor2=CIV, outlet="Two", fatalities=7)
    assert n_events(a, b) == 1


# -- generic actors: who took part ----------------------------------------------------------------

def test_different_groups_protesting_at_one_place_are_different_events():
    drivers = mention("Taxi drivers blocked a main road in Marib demanding fuel at fixed prices.", kind="protest",
                      actor1=PROT, actor2=None, loc=place("Marib"), outlet="One")
    teachers = mention("Teachers blocked a main road in Marib demanding fuel at fixed prices and pay.",
                       kind="protest", actor1=PROT, actor2=None, loc=place("Marib"), outlet="Two")
    assert n_events(drivers, teachers) == 2
    exp = explain_mentions("e", [drivers], [(teachers, "other")])
    assert "different groups" in exp.kept_apart[0].detail
    # one group in other words
    transport = mention("Transport workers shut a main road in Marib over the fixed price of fuel.",
                        kind="protest", actor1=PROT, actor2=None, loc=place("Marib"), outlet="Three")
    assert n_events(drivers, transport) == 1
    assert same_decision(drivers, teachers) and same_decision(drivers, transport)


def test_fronts_and_plural_spots_are_sub_areas():
    assert "fajr" in _spots("Houthi fighters attacked loyalist trenches on the Al Fajr front at night.")
    assert "wadi dhahab" in _spots("Shells fell on the Bani Hamid and Wadi Dhahab villages.")
    # a capitalised "Front" names an armed group, not a sub-area
    assert not _spots("Fighters of the Nusra Front shelled the town.")
    a = mention("Houthi fighters attacked loyalist trenches on the Al Fajr front, then pulled back.", outlet="One")
    b = mention("Loyalist troops answered Houthi fire on the Bab Ghalaq front without losses.", outlet="Two")
    assert n_events(a, b) == 2
    village = mention("Houthi units pushed into Al Hazm from the Bani Hamid and Wadi Dhahab villages.", outlet="One")
    town = mention("Houthi units pushed into Al Hazm overnight, the army said.", outlet="Two")
    assert n_events(village, town) == 2
    assert same_decision(a, b) and same_decision(village, town)
    exp = explain_mentions("e", [a], [(b, "other")])
    assert "different spots" in exp.kept_apart[0].detail


def test_allegiance_prefixes_and_compass_words_are_no_evidence():
    # a shelling and a ground incursion in one district on one day, sharing only "pro-", "anti-" and
    # "western": two events
    shelling = mention("Pro-Houthi gunners fired mortars at homes of anti-Houthi families in western Al Hazm.",
                       kind="shelling", actor2=None, outlet="One")
    raid = mention("Anti-Houthi units pushed a pro-Houthi incursion back in western Al Hazm.", outlet="Two")
    assert n_events(shelling, raid) == 2
    assert same_decision(shelling, raid)


def test_false_merge_pairs_lists_each_pair_once_with_the_rules_that_let_it_through():
    from strife.merge import false_merge_pairs

    a = mention("Houthi fighters pushed into Al Hazm from the north overnight.", outlet="x", title="r1")
    b = mention("The army said it held Al Hazm against a Houthi push from the north.", outlet="y", title="r2")
    c = mention("Houthi fighters shelled army lines in Al Ghayl.", kind="shelling", loc=place("Al Ghayl"),
                outlet="z", title="r3")
    pairs = false_merge_pairs({"r1": [a], "r2": [b], "r3": [c]})
    assert [(p.row, p.other) for p in pairs] == [("r1", "r2")]
    p = pairs[0]
    assert p.event_size == 2 and {p.row_mention.id, p.other_mention.id} == {a.id, b.id}
    assert [r.split(":")[0] for r in p.rules] == ["type", "date", "place", "actors", "detail"]
    text = p.to_text()
    assert "r1 + r2" in text and "Al Hazm" in text
    assert false_merge_pairs({"r1": [a], "r3": [c]}) == []


# -- a site named by a sentence that does not name its town -------------------------------------

def test_a_site_in_a_sentence_that_does_not_name_its_town_is_no_other_town():
    from strife.merge.rules import detail_check

    saraqib = place("Saraqib")
    # the second sentence's town came from the article around it: "the Grand Hotel" is a site of Saraqib
    a = mention("Gunmen opened fire on a crowd in Saraqib, killing four people.", kind="attack", actor1=UNID,
                actor2=CIV, loc=saraqib)
    b = mention("Witnesses at the Grand Hotel said the gunmen opened fire on the crowd and killed four people.",
                kind="attack", actor1=UNID, actor2=CIV, loc=saraqib, outlet="Outlet B")
    assert "different places" not in detail_check(a, b).detail
    assert same_decision(a, b)
    # two sentences that each name their town, the second a village the gazetteer missed (it fell back to the
    # same town), stay apart
    c = mention("Gunmen opened fire on a crowd in Kafr Ruma, killing four people near Saraqib.", kind="attack",
                actor1=UNID, actor2=CIV, loc=saraqib, outlet="Outlet C")
    d = mention("Gunmen opened fire on a crowd near Kafr Batikh in Saraqib district, killing four people.",
                kind="attack", actor1=UNID, actor2=CIV, loc=saraqib, outlet="Outlet D")
    assert "different places" in detail_check(c, d).detail, detail_check(c, d)


def test_a_mass_casualty_toll_told_alike_joins_reports_worded_apart():
    saraqib = place("Saraqib")
    police = "Police Forces of Syria (2000-)"
    # one shooting at one town on one day: the toll grew from 58 to 60 as the dead were counted, and one outlet
    # names the police as the ones who spoke, the other an unknown gunman
    a = mention("A gunman fired from a rooftop on a crowded concert, killing 58 people, police said.",
                kind="attack", actor1=police, actor2=CIV, loc=saraqib, fatalities=58)
    b = mention("Sixty people lost their lives when shots rained down on the festival from a tower.",
                kind="attack", actor1=UNID, actor2=CIV, loc=saraqib, fatalities=60, outlet="Outlet B")
    assert n_events(a, b) == 1
    assert same_decision(a, b)
    # small tolls must still match where the actors are generic: two killings of one and two people
    c = mention("Gunmen killed a shopkeeper in the town.", kind="attack", actor1=UNID, actor2=CIV, loc=saraqib,
                fatalities=1)
    d = mention("Gunmen killed two farmers in the town.", kind="attack", actor1=UNID, actor2=CIV, loc=saraqib,
                fatalities=2, outlet="Outlet B")
    assert n_events(c, d) == 2
