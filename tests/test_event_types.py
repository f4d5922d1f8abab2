"""Event and sub-event typing rules added in the event-coding round: who fought whom, what a weapon word
means in its phrase, what a later sentence adds, and what is only background.  Texts are our own."""

from __future__ import annotations

import pytest

from strife.records import Article

pytestmark = pytest.mark.nlp


@pytest.fixture(scope="module")
def coder():
    from strife.coding import EventCoder
    from strife.settings import get_settings

    return EventCoder(get_settings(use_learned=False))


def _code(coder, nlp, text, published="2021-07-01"):
    article = Article(id=Article.make_id(None, text), document_id="d", position=0, title=None, text=text,
                      published=published)
    return coder.code(article, nlp(text), [])


def _subs(coder, nlp, text):
    return [m.sub_event_type for m in _code(coder, nlp, text).mentions]


# ---- who is on each side ------------------------------------------------------------------------

def test_demonstrators_who_clash_with_police_riot(coder, nlp):
    subs = _subs(coder, nlp, "On 5 June 2021, villagers protested, chanted slogans and clashed with police in Tral town.")
    assert subs == ["Violent demonstration"]


def test_fight_between_police_and_traders_is_mob_violence(coder, nlp):
    subs = _subs(coder, nlp, "On 6 June 2021, a clash broke out between police and market traders in Hyderabad city.")
    assert subs == ["Mob violence"]


def test_gunmen_against_police_stay_an_armed_clash(coder, nlp):
    subs = _subs(coder, nlp, "On 6 June 2021, three armed men clashed with police officers in Uruapan. One man died.")
    assert subs == ["Armed clash"]


def test_two_communities_fighting_are_an_armed_clash(coder, nlp):
    text = ("On 7 June 2021, a group of ethnic Dinka herders clashed with members of the Nuer community near "
            "Rumbek. Three people were wounded.")
    assert _subs(coder, nlp, text) == ["Armed clash"]


def test_militants_attacking_a_village_attack_civilians(coder, nlp):
    text = "On 18 June 2021, suspected insurgents attacked the village of Nangade in Cabo Delgado. Nobody was hurt."
    assert _subs(coder, nlp, text) == ["Attack"]


def test_police_beating_a_shopkeeper_is_an_attack(coder, nlp):
    text = "On 19 June 2021, police officers beat up a shopkeeper in Monrovia for not wearing a mask."
    assert _subs(coder, nlp, text) == ["Attack"]


def test_attacking_a_base_is_a_clash(coder, nlp):
    text = "On 4 June 2021, insurgents attacked an army base in Khost province. No casualties were reported."
    assert _subs(coder, nlp, text) == ["Armed clash"]


def test_victim_with_gang_ties_makes_a_clash(coder, nlp):
    base = "On 20 June 2021, a man was shot dead by two gunmen on a motorbike in Manaus."
    assert _subs(coder, nlp, base) == ["Attack"]
    assert _subs(coder, nlp, base + " The victim was involved in a gang.") == ["Armed clash"]
    # a record for some other crime does not make the victim a gang member
    assert _subs(coder, nlp, base + " The victim had a criminal record for theft.") == ["Attack"]


# ---- what the weapon words mean in their phrase ----------------------------------------------------

def test_armoured_vehicles_fired_at_range_are_shelling(coder, nlp):
    text = "On 9 June 2021, government troops fired IFVs at rebel positions near Avdiivka."
    assert _subs(coder, nlp, text) == ["Shelling/artillery/missile attack"]


def test_remote_controlled_ied(coder, nlp):
    text = "On 10 June 2021, an RCIED hit an army convoy near Afgooye, killing three soldiers."
    assert _subs(coder, nlp, text) == ["Remote explosive/landmine/IED"]


def test_helicopter_gunships_are_air_strikes(coder, nlp):
    text = "On 11 June 2021, attacks by helicopter gunships were carried out against insurgents near Macomia."
    assert _subs(coder, nlp, text) == ["Air/drone strike"]


def test_an_explosion_alone_is_a_remote_explosive(coder, nlp):
    text = "On 25 June 2021, an explosion of unknown origin took place in a market in Al-Bab."
    assert _subs(coder, nlp, text) == ["Remote explosive/landmine/IED"]


def test_leftover_war_ordnance_is_other(coder, nlp):
    text = ("On 14 June 2021, a farmer was injured when a leftover rocket from the civil war exploded in his "
            "field near Battambang.")
    assert _subs(coder, nlp, text) == ["Other"]


def test_shots_into_the_air_are_other(coder, nlp):
    text = "On 22 June 2021, border guards fired shots into the air near the village of Kastanies."
    assert _subs(coder, nlp, text) == ["Other"]


def test_tear_gas_bombs_are_not_explosives(coder, nlp):
    text = ("On 23 June 2021, residents protested in Guarulhos after a teenager was detained. Police used tear "
            "gas bombs to break up the crowd.")
    subs = _subs(coder, nlp, text)
    assert subs == ["Protest with intervention"]


def test_grenade_answered_with_gunfire_is_a_clash(coder, nlp):
    text = ("On 12 June 2021, militants threw a hand grenade at a police checkpoint in Mogadishu. The officers "
            "reacted with gunfire.")
    assert _subs(coder, nlp, text) == ["Armed clash"]


def test_an_encounter_with_militants_is_a_clash(coder, nlp):
    text = "On 8 June 2021, security forces had an encounter with militants in Shopian district. Two militants were killed."
    assert _subs(coder, nlp, text) == ["Armed clash"]


def test_an_encounter_with_officials_is_not_a_clash(coder, nlp):
    text = "On 8 June 2021, thirty of the detained migrants had earlier encounters with immigration officials."
    assert "Armed clash" not in _subs(coder, nlp, text)


# ---- ranking against what was found, taken or caused -----------------------------------------------

def test_weapons_seized_after_a_shootout_do_not_hide_it(coder, nlp):
    text = ("On 13 June 2021, a shootout broke out between police and a gang in Niteroi. One suspect died. "
            "Police seized two rifles and ammunition.")
    assert _subs(coder, nlp, text) == ["Armed clash"]


def test_weapons_seized_alone_are_disrupted_weapons_use(coder, nlp):
    text = "On 13 June 2021, soldiers seized two rifles and a box of ammunition from a car in Gao."
    assert _subs(coder, nlp, text) == ["Disrupted weapons use"]


def test_a_raid_that_only_arrested_is_an_arrest(coder, nlp):
    text = "On 26 June 2021, intelligence officers raided homes in Kafr Batna and arrested twelve young men."
    assert _subs(coder, nlp, text) == ["Arrests"]


def test_attacks_named_as_the_reason_are_background(coder, nlp):
    text = "On 17 June 2021, peacekeepers set up a new base in Djugu because of repeated attacks on villages."
    assert _subs(coder, nlp, text) == ["Headquarters or base established"]


def test_negated_coordinate_nouns(coder, nlp):
    text = "On 15 June 2021, soldiers searched houses in Gharibah. No arrests or clashes were reported."
    assert "Armed clash" not in _subs(coder, nlp, text)
    assert "Arrests" not in _subs(coder, nlp, text)


def test_looted_as_a_label_is_not_a_looting(coder, nlp):
    text = ("On 3 June 2021, protesters gathered outside the central bank in Beirut and demanded the return of "
            "looted public money.")
    assert _subs(coder, nlp, text) == ["Peaceful protest"]


def test_stolen_as_a_label_is_not_a_looting(coder, nlp):
    text = "On 3 June 2021, customs officers stopped a man driving a stolen truck at the Nogales crossing."
    assert "Looting/property destruction" not in _subs(coder, nlp, text)


# ---- what a later sentence adds -------------------------------------------------------------------

def test_monitors_count_right_after_a_dated_report_is_part_of_it(coder, nlp):
    text = ("On 16 June 2021, rebel forces fired 120mm mortars at government positions near Zolote. Monitors "
            "observed 45 explosions and bursts of small arms fire near the town.")
    result = _code(coder, nlp, text)
    assert [m.sub_event_type for m in result.mentions] == ["Armed clash"]
    assert not result.statistics


def test_counts_over_a_period_stay_statistics(coder, nlp):
    text = ("On 16 June 2021, rebel forces fired mortars at government positions near Zolote. Since January, "
            "monitors have observed 4500 explosions in the region.")
    result = _code(coder, nlp, text)
    assert [m.sub_event_type for m in result.mentions] == ["Shelling/artillery/missile attack"]
    assert len(result.statistics) == 1


def test_arrests_after_a_protest_are_an_intervention(coder, nlp):
    text = ("On 24 June 2021, farmers staged a protest in Ludhiana against the new crop prices. 30 arrested.")
    assert _subs(coder, nlp, text) == ["Protest with intervention"]


def test_force_used_on_demonstrators_is_an_intervention(coder, nlp):
    text = "On 24 June 2021, police used force against residents protesting in Anantnag over water shortages."
    assert _subs(coder, nlp, text) == ["Protest with intervention"]


def test_a_crowd_turning_violent_is_a_riot(coder, nlp):
    text = ("On 2 June 2021, several residents who ignored the curfew turned violent and were dispersed by police "
            "with tear gas in Ferentari.")
    subs = _subs(coder, nlp, text)
    assert subs and all(s in ("Mob violence", "Violent demonstration") for s in subs)


def test_demonstrators_storming_a_house_riot(coder, nlp):
    text = ("On 1 June 2021, demonstrators gathered outside the house of a former minister in Tripoli. When they "
            "started to storm the house, guards fired shots into the air.")
    assert _subs(coder, nlp, text) == ["Violent demonstration"]


def test_body_parts_found_are_an_attack(coder, nlp):
    text = "On 21 June 2021, a human head was found near a road in Celaya."
    assert _subs(coder, nlp, text) == ["Attack"]


# ---- who the victim and the doer are ---------------------------------------------------------------

def test_out_of_service_forces_are_civilian_victims(coder, nlp):
    text = "On 2 June 2021, gunmen shot dead a retired army colonel outside his home in Celaya."
    assert _subs(coder, nlp, text) == ["Attack"]
    text = "On 2 June 2021, gunmen opened fire on a civilian police patrol near the market in Jarablus."
    assert _subs(coder, nlp, text) == ["Armed clash"]


def test_a_suspect_killed_in_a_police_raid_is_an_attack(coder, nlp):
    text = "On 3 June 2021, a robbery suspect was killed during a police raid in Barangay Malanday, Marikina."
    assert _subs(coder, nlp, text) == ["Attack"]


def test_a_party_group_is_not_a_mob(coder, nlp):
    text = "On 4 June 2021, a group of BJP workers assaulted a Congress activist in Agartala town."
    assert _subs(coder, nlp, text) == ["Attack"]
    text = "On 4 June 2021, a group of villagers assaulted a health worker in Sitapur town."
    assert _subs(coder, nlp, text) == ["Mob violence"]


def test_one_stone_thrower_is_not_a_riot(coder, nlp):
    text = "On 5 June 2021, a man threw stones at a nurse in Zamora, accusing her of spreading the virus."
    assert _subs(coder, nlp, text) == ["Attack"]


def test_rpg_shot_at_a_vehicle_is_shelling(coder, nlp):
    text = "On 9 June 2021, insurgents shot an RPG at an army tank in Nahri Saraj district. Nobody was hurt."
    assert _subs(coder, nlp, text) == ["Shelling/artillery/missile attack"]


def test_prison_riot_without_a_demonstration_is_mob_violence(coder, nlp):
    text = "On 2 June 2021, inmates rioted in the central prison of Manaus and held four guards hostage."
    assert _subs(coder, nlp, text) == ["Mob violence"]
    text = "On 2 June 2021, protesters demanding water rioted in Karachi and burned tyres on the main road."
    assert _subs(coder, nlp, text) == ["Violent demonstration"]


def test_a_crowd_burning_property_riots(coder, nlp):
    text = "On 1 June 2021, angry residents burned two police vehicles in Bafoussam after a road accident."
    subs = _subs(coder, nlp, text)
    assert subs and all(s in ("Mob violence", "Violent demonstration") for s in subs)
    text = "On 1 June 2021, militants burned two trucks on the road to Djibo."
    assert _subs(coder, nlp, text) == ["Looting/property destruction"]


def test_observed_heavy_weapon_shots_are_shelling(coder, nlp):
    text = "On 30 June 2021, monitors observed 57 shots involving heavy machine guns near Mykhaylivka."
    assert _subs(coder, nlp, text) == ["Shelling/artillery/missile attack"]


def test_killing_or_shooting_things_is_not_violence(coder, nlp):
    assert _subs(coder, nlp, "On 3 June 2021, the senator killed the bill in committee.") == []
    assert _subs(coder, nlp, "On 3 June 2021, rebels shot a video in the town of Idlib.") == []
    text = "On 3 June 2021, soldiers killed an unknown number of insurgents near Gorom-Gorom."
    assert _subs(coder, nlp, text) == ["Armed clash"]


def test_engaged_needs_a_fight_or_an_armed_object(coder, nlp):
    text = "On 1 June 2021, soldiers engaged in a fire fight with separatists in Ntarikon village."
    assert _subs(coder, nlp, text) == ["Armed clash"]
    text = "On 1 June 2021, the agency was engaged in a number of covert programmes in Kandahar province."
    assert "Armed clash" not in _subs(coder, nlp, text)


def test_arrests_by_a_rebel_group_are_abductions(coder, nlp):
    text = "On 1 June 2021, HTS fighters arrested the manager of a displacement camp near Sarmada in Idleb."
    assert _subs(coder, nlp, text) == ["Abduction/forced disappearance"]
    text = "On 1 June 2021, police arrested the manager of a displacement camp near Sarmada in Idleb."
    assert _subs(coder, nlp, text) == ["Arrests"]


def test_clashes_under_if_are_not_reported(coder, nlp):
    text = "On 1 June 2021, soldiers searched the police station in Hat. It is unclear if clashes took place."
    assert "Armed clash" not in _subs(coder, nlp, text)


def test_baton_charges(coder, nlp):
    text = "On 29 June 2021, police baton charged vendors at the main bazaar in Agartala for breaking the curfew."
    assert _subs(coder, nlp, text) == ["Attack"]
    text = ("On 29 June 2021, students protested outside the university in Patna. Police baton charged the "
            "protesters.")
    assert _subs(coder, nlp, text) == ["Protest with intervention"]


def test_police_hitting_people(coder, nlp):
    text = "On 29 June 2021, provincial police hit several women of the Peruti community in Misiones."
    assert _subs(coder, nlp, text) == ["Attack"]


def test_seized_goods_are_no_death_toll(coder, nlp):
    text = "On 29 June 2021, border guards shot two men dead near Maungdaw and seized 47500 pills."
    result = _code(coder, nlp, text)
    assert [m.sub_event_type for m in result.mentions] == ["Attack"]
    assert not result.statistics


def test_what_demonstrators_did_next_makes_it_violent(coder, nlp):
    text = ("On 27 June 2021, inmates demonstrated at the prison in Sapele over the ban on visits. The inmates "
            "burnt official files.")
    assert _subs(coder, nlp, text) == ["Violent demonstration"]
    text = ("On 27 June 2021, nurses protested outside the ministry in Brasilia. The protesters were attacked by "
            "supporters of the president and police had to intervene.")
    assert _subs(coder, nlp, text) == ["Protest with intervention"]
    text = "On 27 June 2021, students protested in Dhaka. They burned an effigy of the minister."
    assert _subs(coder, nlp, text) == ["Peaceful protest"]


def test_the_weapon_used_names_the_tactic(coder, nlp):
    text = "On 1 June 2021, rebel fighters ambushed, with heavy weapons, an army truck near Al Kanais."
    assert _subs(coder, nlp, text) == ["Shelling/artillery/missile attack"]
    text = "On 1 June 2021, militiamen shot and killed a farmer near Al-Shamsani using small arms fire."
    assert _subs(coder, nlp, text) == ["Attack"]
    text = "On 1 June 2021, government forces fired small arms at rebel positions near Marinka."
    assert _subs(coder, nlp, text) == ["Armed clash"]


def test_a_brawl_stopped_by_police_stays_a_riot(coder, nlp):
    text = ("On 1 June 2021, police intervened in a fight between dozens of people in Blaj. Seven people were "
            "arrested for fighting.")
    subs = _subs(coder, nlp, text)
    assert "Mob violence" in subs and "Arrests" not in subs


def test_a_dismantled_drug_lab_with_arrests_is_property_destruction(coder, nlp):
    text = "On 28 June 2021, federal police dismantled a drug lab in Alto Alegre. Two men were arrested."
    assert _subs(coder, nlp, text) == ["Looting/property destruction"]


def test_police_action_named_as_the_grievance_is_no_intervention(coder, nlp):
    text = ("On 30 June 2021, stranded workers held a protest on the highway near Barwani after police stopped "
            "them at the state border.")
    assert _subs(coder, nlp, text) == ["Peaceful protest"]


def test_coordinated_verbs_are_acts_not_intentions(coder, nlp):
    text = "On 29 June 2021, militants stopped and looted a passenger boat off Quiterajo."
    assert _subs(coder, nlp, text) == ["Looting/property destruction"]
    text = "On 29 June 2021, insurgents plan to loot the market in Mocimboa."
    assert _subs(coder, nlp, text) == []


def test_people_detained_where_they_gathered_make_an_intervention(coder, nlp):
    text = ("On 1 June 2021, police detained five people who gathered in a square in Ankara to mark "
            "Workers' Day.")
    assert _subs(coder, nlp, text) == ["Protest with intervention"]
    text = ("On 1 June 2021, police arrested 30 youths in Bondhere who were accused of having taken part in a "
            "protest the week before.")
    assert _subs(coder, nlp, text) == ["Arrests"]
