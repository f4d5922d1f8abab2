"""Actor dictionary, loaded labels and parse-based role assignment (strife.coding.actors)."""

from __future__ import annotations

import pytest

from strife.coding.actors import (
    ActorAssignment,
    ActorResolver,
    normalise,
    resolve_name,
    same_actor,
    speaker_context,
)
from strife.records import Evidence

SYRIA_ARMY = "Military Forces of Syria (2000-)"
TURKEY_ARMY = "Military Forces of Turkey (2016-)"
AFGHAN_ARMY = "Military Forces of Afghanistan (2014-)"
HOUTHIS = "Military Forces of Yemen (2016-) Supreme Political Council"
HADI = "Military Forces of Yemen (2012-)"
SAUDI_COALITION = "Operation Restoring Hope"


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver(None)


def _assign(nlp, resolver, text, trigger, *, country, sub_event_type, speaker=None) -> ActorAssignment:
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    return resolver.assign(doc, doc[:], tok, country=country, speaker=speaker, sub_event_type=sub_event_type)


# -- dictionary, no parser needed ---------------------------------------------------------------


def test_normalise_unifies_case_dashes_and_quotes():
    assert normalise("Hay\u2019at Tahrir al\u2010Sham") == normalise("hay'at tahrir al sham")
    assert normalise("  Ansar   Allah ") == "ansar allah"


def test_resolve_aliases_to_acled_names():
    assert resolve_name("Ansar Allah").name == HOUTHIS
    assert resolve_name("the Houthis").name == HOUTHIS
    assert resolve_name("SDF").name == "QSD: Syrian Democratic Forces"
    assert resolve_name("Hashd al-Shaabi").name == "Military Forces of Iraq (2018-) Popular Mobilization Forces"
    assert resolve_name("Operation Inherent Resolve").name == "Global Coalition Against Daesh"
    assert resolve_name("Taliban").inter == 2
    assert resolve_name("nothing armed here") is None


def test_islamic_state_branch_follows_event_country():
    assert resolve_name("Daesh", country="Iraq").name == "Islamic State (Iraq)"
    assert resolve_name("ISIS", country="Syria").name == "Islamic State (Syria)"
    assert resolve_name("ISKP", country="Afghanistan").name == "Islamic State (Afghanistan)"


def test_nationality_adjective_gives_state_forces_with_regime_period():
    assert resolve_name("Afghan troops").name == AFGHAN_ARMY
    assert resolve_name("Turkish soldiers").name == TURKEY_ARMY
    assert resolve_name("Iraqi police").name == "Police Forces of Iraq (2018-)"


def test_speaker_context_from_outlet_and_spokesman():
    assert speaker_context("Al-Masirah TV") == "houthi"
    assert speaker_context("Yahya Saree, spokesman") == "houthi"
    assert speaker_context("SANA") == "syria_gov"
    assert speaker_context("Zabihullah Mujahid") == "taliban"
    assert speaker_context("some blog") is None


def test_context_alias_depends_on_speaker():
    assert resolve_name("Yemeni Armed Forces", speaker="al-Masirah").name == HOUTHIS
    assert resolve_name("the army", country="Yemen", speaker="al-Masirah").name == HOUTHIS
    assert resolve_name("the army", country="Yemen", speaker="Saudi Press Agency").name == HADI
    assert resolve_name("the army", country="Syria").name == SYRIA_ARMY


def test_loaded_labels_resolve_by_speaker_and_country():
    assert resolve_name("mercenaries", country="Yemen", speaker="al-Masirah").name == HADI
    assert resolve_name("aggression warplanes", country="Yemen", speaker="Saba").name == SAUDI_COALITION
    assert resolve_name("the regime", country="Syria").name == SYRIA_ARMY
    assert resolve_name("terrorists", country="Syria", speaker="Anadolu Agency").name == "QSD: Syrian Democratic Forces"
    assert resolve_name("unknown gunmen", country="Iraq").name == "Unidentified Armed Group (Iraq)"


def test_same_actor_accepts_aliases_and_rejects_others():
    assert same_actor("SAA", SYRIA_ARMY)
    assert same_actor(SYRIA_ARMY, "Syrian Arab Army")
    assert same_actor("Houthis", "Ansar Allah")
    assert not same_actor("Taliban", "Islamic State (Afghanistan)")
    assert not same_actor(None, "Taliban")
    assert same_actor("Military Forces of Yemen (2012-) Security Belt Forces", HADI, loose=True)
    assert not same_actor("Military Forces of Yemen (2012-) Security Belt Forces", HADI)


def test_acronyms_need_capitals():
    # "is" the verb must not become the Islamic State
    assert resolve_name("is", country="Syria") is None
    assert resolve_name("IS", country="Syria").name == "Islamic State (Syria)"


# -- roles from the parse ------------------------------------------------------------------------


@pytest.mark.nlp
def test_active_voice_subject_and_object(nlp, resolver):
    a = _assign(nlp, resolver, "Taliban fighters stormed a base of Afghan troops in Kunduz overnight.",
                "stormed", country="Afghanistan", sub_event_type="Armed clash")
    assert (a.actor1, a.inter1) == ("Taliban", 2)
    assert (a.actor2, a.inter2) == (AFGHAN_ARMY, 1)


@pytest.mark.nlp
def test_passive_voice_agent_is_actor1(nlp, resolver):
    text = "On Sunday a police checkpoint in Herat was raided by Taliban gunmen."
    a = _assign(nlp, resolver, text, "raided", country="Afghanistan", sub_event_type="Armed clash")
    assert a.actor1 == "Taliban"
    assert a.actor2 == "Police Forces of Afghanistan (2014-)"
    ev = {e.field: e for e in a.evidence}
    assert isinstance(ev["actor1"], Evidence)
    assert text[ev["actor1"].start:ev["actor1"].end] == ev["actor1"].text
    assert "Taliban" in ev["actor1"].text


@pytest.mark.nlp
def test_clashes_between_two_groups(nlp, resolver):
    a = _assign(nlp, resolver, "Heavy clashes erupted between the SDF and Turkish-backed factions near Tal Tamr.",
                "clashes", country="Syria", sub_event_type="Armed clash")
    assert a.actor1 == "QSD: Syrian Democratic Forces"
    assert a.actor2 == "Operation Peace Spring"


@pytest.mark.nlp
def test_civilian_victims_are_actor2(nlp, resolver):
    a = _assign(nlp, resolver, "Houthi snipers shot and killed two farmers in Hays on Tuesday.",
                "shot", country="Yemen", sub_event_type="Attack")
    assert a.actor1 == HOUTHIS
    assert (a.actor2, a.inter2) == ("Civilians (Yemen)", 7)
    assert a.assoc_actor_2 == "Farmers (Yemen)"


@pytest.mark.nlp
def test_passive_without_agent_is_unidentified_armed_group(nlp, resolver):
    a = _assign(nlp, resolver, "Three villagers were killed near Ghazni city late on Friday.",
                "killed", country="Afghanistan", sub_event_type="Attack")
    assert (a.actor1, a.inter1) == ("Unidentified Armed Group (Afghanistan)", 3)
    assert a.actor2 == "Civilians (Afghanistan)"


@pytest.mark.nlp
def test_houthi_speaker_labels(nlp, resolver):
    text = "The army and popular committees foiled an infiltration by the mercenaries east of Sirwah."
    a = _assign(nlp, resolver, text, "infiltration", country="Yemen", speaker="Al-Masirah", sub_event_type="Armed clash")
    assert a.actor1 == HADI
    assert a.actor2 == HOUTHIS


@pytest.mark.nlp
def test_houthi_aggression_label_in_air_strike(nlp, resolver):
    a = _assign(nlp, resolver, "The aggression warplanes waged three raids on Baqim district.", "waged",
                country="Yemen", speaker="Saba", sub_event_type="Air/drone strike")
    assert (a.actor1, a.inter1) == (SAUDI_COALITION, 8)


@pytest.mark.nlp
def test_syrian_state_speaker_labels(nlp, resolver):
    text = "The army targeted terrorists of HTS with artillery near Kafr Nabl."
    a = _assign(nlp, resolver, text, "targeted", country="Syria", speaker="SANA",
                sub_event_type="Shelling/artillery/missile attack")
    assert a.actor1 == SYRIA_ARMY
    assert a.actor2 == "HTS: Hayat Tahrir al Sham"


@pytest.mark.nlp
def test_same_label_differs_by_speaker(nlp, resolver):
    text = "The army pushed back an assault by the mercenaries near Nihm."
    houthi = _assign(nlp, resolver, text, "assault", country="Yemen", speaker="Al-Masirah",
                     sub_event_type="Armed clash")
    plain = _assign(nlp, resolver, text, "assault", country="Yemen", speaker="Saudi Press Agency",
                    sub_event_type="Armed clash")
    assert houthi.actor2 == HOUTHIS
    assert plain.actor2 != HOUTHIS


@pytest.mark.nlp
def test_nationality_forces_and_abroad_inter_8(nlp, resolver):
    a = _assign(nlp, resolver, "Turkish troops shelled Kurdish militias around Manbij.", "shelled",
                country="Syria", sub_event_type="Shelling/artillery/missile attack")
    assert (a.actor1, a.inter1) == (TURKEY_ARMY, 8)
    assert (a.actor2, a.inter2) == ("QSD: Syrian Democratic Forces", 2)
    home = _assign(nlp, resolver, "Turkish troops detained four suspects in Mardin.", "detained",
                   country="Turkey", sub_event_type="Arrests")
    assert (home.actor1, home.inter1) == (TURKEY_ARMY, 1)


@pytest.mark.nlp
def test_noun_trigger_with_modifier_agent(nlp, resolver):
    a = _assign(nlp, resolver, "Two soldiers died in a Taliban ambush on the road to Maidan Shahr.",
                "ambush", country="Afghanistan", sub_event_type="Armed clash")
    assert a.actor1 == "Taliban"
    assert a.actor2 == AFGHAN_ARMY


@pytest.mark.nlp
def test_protesters_are_actor1_with_group_assoc(nlp, resolver):
    a = _assign(nlp, resolver, "Police dispersed dozens of nurses who protested outside the ministry in Baghdad.",
                "protested", country="Iraq", sub_event_type="Protest with intervention")
    assert a.actor1 == "Protesters (Iraq)"
    assert a.assoc_actor_1 == "Health Workers (Iraq)"
    assert a.actor2 == "Police Forces of Iraq (2018-)"


def test_names_derived_from_acled_forms():
    # "JaS: Levant Front" is known by its acronym and its long name inside Syria
    assert resolve_name("Levant Front", country="Syria").name == "JaS: Levant Front"
    assert resolve_name("military forces of Armenia").name.startswith("Military Forces of Armenia (")


def test_branch_of_a_group_needs_its_country():
    # Islamic State branches exist for Syria, Iraq and Afghanistan; elsewhere the bare name is ambiguous
    assert resolve_name("ISIS", country="Nigeria") is None


@pytest.mark.nlp
def test_anti_prefix_does_not_name_the_group(nlp, resolver):
    a = _assign(nlp, resolver, "Anti-Houthi tribal fighters ambushed a supply truck near Harib.",
                "ambushed", country="Yemen", sub_event_type="Armed clash")
    assert a.actor1 != HOUTHIS


@pytest.mark.nlp
def test_whole_doc_as_span_and_offsets(nlp, resolver):
    text = "Residents said Iraqi troops fought ISIS remnants in the Makhoul hills on Thursday."
    doc = nlp(text)
    trig = next(t for t in doc if t.text == "fought")
    a = resolver.assign(doc, doc, trig, country="Iraq", speaker=None, sub_event_type="Armed clash")
    assert a.actor1 == "Military Forces of Iraq (2018-)"
    assert a.actor2 == "Islamic State (Iraq)"
    for ev in a.evidence:
        assert text[ev.start:ev.end] == ev.text


@pytest.mark.nlp
def test_killing_civilians_makes_them_actor2(nlp, resolver):
    a = _assign(nlp, resolver, "ISIS militants killed four civilians at a farm east of Khanaqin.", "killed",
                country="Iraq", sub_event_type="Attack")
    assert (a.actor1, a.inter1) == ("Islamic State (Iraq)", 2)
    assert (a.actor2, a.inter2) == ("Civilians (Iraq)", 7)


@pytest.mark.nlp
def test_nearby_group_names_a_loaded_label(nlp, resolver):
    # from Damascus, "terrorists" means the group named beside it
    text = "Army units shelled terrorists from Hurras al-Din in the hills north of Latakia."
    a = _assign(nlp, resolver, text, "shelled", country="Syria", speaker="SANA",
                sub_event_type="Shelling/artillery/missile attack")
    assert a.actor1 == SYRIA_ARMY
    assert a.actor2 == "Hurras al Din"


# -- round 2: country conventions, umbrella groups, no default country ---------------------------


def test_generic_forces_need_the_event_country():
    # no country known: "police" is nobody's police, never a default country's
    assert resolve_name("police") is None
    assert resolve_name("security forces") is None
    assert resolve_name("police", country="India").name == "Police Forces of India (2014-)"
    assert resolve_name("the army", country="Mexico").name == "Military Forces of Mexico (2018-)"


def test_police_borrows_the_military_regime_period():
    # a country listed with only its military in the dictionary still gets a dated police name
    for country in ("Chile", "Lebanon", "France"):
        army = resolve_name("soldiers", country=country).name
        police = resolve_name("riot police", country=country).name
        assert army.startswith(f"Military Forces of {country} (")
        assert police == army.replace("Military", "Police", 1)


def test_houthi_names_resolve_to_the_2020_acled_name():
    assert resolve_name("Ansar Allah", country="Yemen").name == HOUTHIS
    assert resolve_name("the Armed Forces", country="Yemen", speaker="Saba (Sanaa)").name == HOUTHIS
    assert resolve_name("Yemeni Armed Forces", country="Yemen", speaker="al-Masirah").name == HOUTHIS
    assert resolve_name("aggression forces", country="Yemen", speaker="al-Masirah").name == SAUDI_COALITION
    assert resolve_name("the mercenaries", country="Yemen", speaker="al-Masirah").name == HADI


@pytest.mark.nlp
def test_houthis_with_parenthesised_name_retake_a_town(nlp, resolver):
    a = _assign(nlp, resolver, "Last night the Houthis (Ansar Allah) took back the town from Saudi-backed units.",
                "took", country="Yemen", sub_event_type="Non-state actor overtakes territory")
    assert a.actor1 == HOUTHIS


@pytest.mark.nlp
def test_separatist_wing_is_coded_under_its_umbrella(nlp, resolver):
    a = _assign(nlp, resolver, "Ukrainian troops shelled positions held by the Luhansk People's Militia near Zolote.",
                "shelled", country="Ukraine", sub_event_type="Shelling/artillery/missile attack")
    assert a.actor1 == "Military Forces of Ukraine (2019-)"
    assert a.actor2 == "NAF: United Armed Forces of Novorossiya"
    assert a.assoc_actor_2 == "Luhansk People's Militia"


@pytest.mark.nlp
def test_trigger_inside_a_weapon_list_takes_the_verb_roles(nlp, resolver):
    text = "The Ukrainian Forces fired mortars, grenade launchers and small arms at DPR forces near Spartak."
    doc = nlp(text)
    arms = [t for t in doc if t.text == "arms"][0]
    a = resolver.assign(doc, doc[:], arms, country="Ukraine", sub_event_type="Armed clash")
    assert a.actor1 == "Military Forces of Ukraine (2019-)"
    assert a.actor2 == "NAF: United Armed Forces of Novorossiya"


@pytest.mark.nlp
def test_observer_is_not_a_party_and_unattributed_fire_follows_convention(nlp, resolver):
    a = _assign(nlp, resolver, "Monitors of the OSCE recorded some 40 explosions near Horlivka during the night.",
                "explosions", country="Ukraine", sub_event_type="Armed clash")
    assert a.actor1 == "Military Forces of Ukraine (2019-)"
    assert a.actor2 == "NAF: United Armed Forces of Novorossiya"
    # elsewhere no such convention: an unnamed side stays unidentified
    b = _assign(nlp, resolver, "Monitors recorded some 40 explosions near the border during the night.",
                "explosions", country="Georgia", sub_event_type="Armed clash")
    assert b.actor1 == "Unidentified Armed Group (Georgia)"


@pytest.mark.nlp
def test_mexican_gang_needs_organised_crime_marks(nlp, resolver):
    marked = _assign(nlp, resolver, "Two men were found shot dead near Culiacan. Both had their hands tied and a "
                     "note signed by a cartel lay beside them.", "shot", country="Mexico", sub_event_type="Attack")
    assert marked.actor1 == "Unidentified Gang (Mexico)"
    assert marked.actor2 == "Civilians (Mexico)"
    plain = _assign(nlp, resolver, "Armed men shot a shopkeeper in Celaya.", "shot", country="Mexico",
                    sub_event_type="Attack")
    assert plain.actor1 == "Unidentified Armed Group (Mexico)"
    brazil = _assign(nlp, resolver, "A driver was shot dead by armed men in Mossoro.", "shot", country="Brazil",
                     sub_event_type="Attack")
    assert brazil.actor1 == "Unidentified Gang and/or Police Militia"


@pytest.mark.nlp
def test_force_named_in_the_previous_sentence(nlp, resolver):
    doc = nlp("The Military Police entered the favela in Niteroi on a patrol. A gunfight began and a suspect died.")
    sent2 = list(doc.sents)[1]
    trig = next(t for t in sent2 if t.text == "gunfight")
    a = resolver.assign(doc, sent2, trig, country="Brazil", sub_event_type="Armed clash")
    assert a.actor1 == "Military Forces of Brazil (2019-) Military Police"


@pytest.mark.nlp
def test_forces_of_an_unrecognised_state(nlp, resolver):
    a = _assign(nlp, resolver, "Military forces of Artsakh fired on the positions of the military forces of "
                "Azerbaijan near Tartar.", "fired", country="Azerbaijan", sub_event_type="Armed clash")
    assert a.actor1 == "Military Forces of Artsakh (2007-)"
    assert a.actor2 == "Military Forces of Azerbaijan (2003-)"


def test_regional_jihadist_names():
    assert resolve_name("Boko Haram/ISWAP", country="Niger").name.startswith("Islamic State (West Africa) and/or")
    assert resolve_name("insurgents", country="Mozambique").name == "Islamist Militia (Mozambique)"
    assert resolve_name("ISGS", country="Burkina Faso").name == "Islamic State (Greater Sahara)"


def test_borrowed_regime_period_keeps_the_countrys_article():
    """Police take the military's period: "the United States" must stay whole (no "Statesates")."""
    from strife.coding.actors import _Tables

    names = _Tables().state_names
    assert names["Police Forces of United States"] == "Police Forces of the United States (2017-)"
    assert all("Statesates" not in v and v.endswith(")") for v in names.values())
