"""The opposite error of false merges: two outlets' reports of ONE event, worded differently, must
merge.  Each pair below was written for these tests: same actors, place and day, different words,
sometimes different figures or event types.  The share merged is printed and held to a floor."""

from __future__ import annotations

import pytest
from test_merge_support import AFG_ARMY, HADI, HOUTHI, TALIBAN, mention, place

from strife.merge import merge_mentions

UNID = "Unidentified Armed Group (Yemen)"
CIV = "Civilians (Yemen)"
HTS = "Hayat Tahrir al-Sham"
SYR = "Military Forces of Syria (2000-)"
PROT = "Protesters (Yemen)"


def _pairs():
    """(label, report A, report B): two reports of one event from different outlets."""
    saraqib, ghazni, andar, marib = place("Saraqib"), place("Ghazni"), place("Andar"), place("Marib")
    return [
        ("battle, partisan tolls differ",
         mention("Houthi units pushed into the western edge of Al Hazm overnight and said 14 loyalist troops fell.",
                 outlet="Saba", fatalities=14, deaths=((14, "Houthi military media"),),
                 claimant="Houthi military media"),
         mention("Government soldiers held their trenches west of Al Hazm, losing three men, an army officer said.",
                 outlet="Aden Daily", fatalities=3, deaths=((3, "army officer"),), claimant="army officer")),
        ("battle, one toll one none",
         mention("Fierce fighting raged around Al Hazm between the army and the Houthis on Sunday.", outlet="Wire A"),
         mention("At least nine fighters died as Houthi forces and government troops battled near Al Hazm.",
                 outlet="Wire B", fatalities=9)),
        ("battle, same toll",
         mention("Five soldiers were killed when Houthi fighters attacked an army position in Al Hazm.",
                 outlet="One", fatalities=5, deaths=((5, None),)),
         mention("An assault by Ansar Allah on a military post at Al Hazm left five government troops dead.",
                 outlet="Two", fatalities=5, deaths=((5, None),))),
        ("battle, toll given as a range",
         mention("Between six and eight soldiers died in Al Hazm after Houthi fighters overran a hill post.",
                 outlet="One", fatalities=6, deaths=((6, None),)),
         mention("Seven troops were killed at a hilltop position near Al Hazm seized by the Houthis.",
                 outlet="Two", fatalities=7, deaths=((7, None),))),
        ("Taliban checkpoint attack",
         mention("Taliban insurgents stormed a checkpoint on the edge of Ghazni city before dawn.",
                 actor1=TALIBAN, actor2=AFG_ARMY, loc=ghazni, outlet="Pajhwok"),
         mention("An army checkpoint outside Ghazni came under a Taliban assault early on Tuesday, officials said.",
                 actor1=TALIBAN, actor2=AFG_ARMY, loc=ghazni, outlet="Tolo")),
        ("Taliban attack, village named by one outlet only",
         mention("Taliban fighters attacked army posts in Andar district, the governor's office said.",
                 actor1=TALIBAN, actor2=AFG_ARMY, loc=andar, outlet="Pajhwok"),
         mention("Clashes erupted after the Taliban hit soldiers in the Sardeh village of Andar district.",
                 actor1=TALIBAN, actor2=AFG_ARMY, loc=andar, outlet="Ariana")),
        ("Taliban attack, actor order swapped",
         mention("Soldiers repulsed a Taliban raid in Andar.", actor1=AFG_ARMY, actor2=TALIBAN, loc=andar,
                 outlet="Ministry"),
         mention("Taliban militants raided an army base in Andar but withdrew after a gunfight.", actor1=TALIBAN,
                 actor2=AFG_ARMY, loc=andar, outlet="Wire")),
        ("Idlib fighting",
         mention("Regime troops and HTS fighters exchanged heavy fire on the outskirts of Saraqib.",
                 actor1=HTS, actor2=SYR, loc=saraqib, outlet="Observatory"),
         mention("Tahrir al-Sham militants clashed with Syrian army units around Saraqib, a monitor reported.",
                 actor1=SYR, actor2=HTS, loc=saraqib, outlet="Monitor")),
        ("Idlib fighting, partisan tolls",
         mention("HTS said it killed a dozen regime soldiers while repelling an advance on Saraqib.",
                 actor1=HTS, actor2=SYR, loc=saraqib, outlet="HTS channel", fatalities=12,
                 deaths=((12, "HTS"),), claimant="HTS"),
         mention("State media said the army beat back terrorists at Saraqib and lost two soldiers.",
                 actor1=SYR, actor2=HTS, loc=saraqib, outlet="SANA", fatalities=2, deaths=((2, "SANA"),),
                 claimant="SANA")),
        ("air strike told twice",
         mention("Coalition warplanes bombed a Houthi camp near Al Hazm, killing four fighters.", kind="airstrike",
                 actor1=HADI, actor2=HOUTHI, outlet="One", fatalities=4),
         mention("Four Houthi fighters died when jets hit their camp at Al Hazm.", kind="airstrike",
                 actor1=HADI, actor2=HOUTHI, outlet="Two", fatalities=4)),
        ("shelling and clash, one event by rank",
         mention("Houthi artillery pounded army lines at Al Hazm during the battle for the town.", kind="shelling",
                 outlet="One"),
         mention("Army lines at Al Hazm were shelled and then assaulted by Houthi fighters in the battle for the town.",
                 outlet="Two")),
        ("takeover and clash, one event by rank",
         mention("Houthi forces seized the Al Hazm government compound after a day of street battles.",
                 kind="takeover", outlet="One"),
         mention("Street battles ended with the government compound in Al Hazm in Houthi hands.", outlet="Two")),
        ("unidentified attackers later named",
         mention("Unknown gunmen ambushed an army patrol on the road out of Al Hazm.", actor1=UNID, outlet="One"),
         mention("Houthi gunmen ambushed an army patrol on the Al Hazm road, a commander said.", outlet="Two")),
        ("killing of a civilian",
         mention("Gunmen on a motorbike shot dead a school teacher in Marib on Monday.", kind="attack",
                 actor1=UNID, actor2=CIV, loc=marib, outlet="One", fatalities=1),
         mention("A teacher was killed by assailants on a motorcycle in Marib city, police said.", kind="attack",
                 actor1=UNID, actor2=CIV, loc=marib, outlet="Two", fatalities=1)),
        ("killing of a civilian, victim named by one",
         mention("A local journalist was shot dead by unknown men outside his home in Marib.", kind="attack",
                 actor1=UNID, actor2=CIV, loc=marib, outlet="One", fatalities=1),
         mention("Unidentified attackers gunned down journalist Saleh Omar at his home in Marib.", kind="attack",
                 actor1=UNID, actor2=CIV, loc=marib, outlet="Two", fatalities=1)),
        ("protest",
         mention("Hundreds of teachers marched in Marib to demand unpaid salaries.", kind="protest", actor1=PROT,
                 actor2=None, loc=marib, outlet="One"),
         mention("Teachers rallied in Marib over months of unpaid salaries, a union said.", kind="protest",
                 actor1=PROT, actor2=None, loc=marib, outlet="Two")),
        ("protest, different crowd sizes",
         mention("About 200 displaced families protested in Marib against cuts to food aid.", kind="protest",
                 actor1=PROT, actor2=None, loc=marib, outlet="One"),
         mention("Displaced residents staged a sit-in in Marib over food aid cuts; organisers spoke of 500.",
                 kind="protest", actor1=PROT, actor2=None, loc=marib, outlet="Two")),
        ("one report names one actor",
         mention("Houthi fighters attacked Al Hazm from the north on Sunday.", actor2=None, outlet="One"),
         mention("The army said it repelled a Houthi attack north of Al Hazm on Sunday.", outlet="Two")),
        ("drone strike, unattributed tolls differ",
         mention("A drone strike on a Houthi vehicle near Al Hazm killed three people.", kind="airstrike",
                 actor1=HADI, actor2=HOUTHI, outlet="One", fatalities=3, deaths=((3, None),)),
         mention("Two Houthi commanders died when a drone hit their car near Al Hazm.", kind="airstrike",
                 actor1=HADI, actor2=HOUTHI, outlet="Two", fatalities=2, deaths=((2, None),))),
        ("battle, later toll grows",
         mention("Four soldiers were killed in a Houthi attack on an army base in Al Hazm.", outlet="Morning",
                 fatalities=4, deaths=((4, None),)),
         mention("The toll from the Houthi raid on the Al Hazm army base has risen to nine, medics said.",
                 outlet="Evening", fatalities=9, deaths=((9, "medics"),), claimant="medics")),
        # -- round 3: cross-outlet wording, partisan vs neutral, tolls, "near X" vs "in X" ----------
        ("near the town vs in the town",
         mention("Houthi fighters and army units traded fire near Al Hazm on Sunday afternoon.", outlet="Wire A",
                 loc=place("Al Hazm", precision=2)),
         mention("Clashes between Hadi's troops and the Houthis broke out in Al Hazm on Sunday.", outlet="Wire B")),
        ("near the district town, toll in one",
         mention("Taliban insurgents hit an army outpost near Andar, and two soldiers lost their lives.",
                 actor1=TALIBAN, actor2=AFG_ARMY, loc=place("Andar", precision=2), outlet="Tolo", fatalities=2,
                 deaths=((2, None),)),
         mention("Afghan troops fought off a Taliban assault on their position in Andar district overnight.",
                 actor1=AFG_ARMY, actor2=TALIBAN, loc=place("Andar"), outlet="Ministry of Defence")),
        ("partisan vs neutral wording",
         mention("The army and popular committees crushed an advance of the aggression's mercenaries at Al Hazm "
                 "and inflicted heavy losses on them.", outlet="Al Masirah", claimant="Houthi military media"),
         mention("Government forces and Houthi rebels fought for hours on the edge of Al Hazm, a tribal source "
                 "told reporters.", outlet="Gulf Wire")),
        ("partisan claim vs official toll",
         mention("Mujahideen of the Islamic Emirate killed 15 puppet soldiers and destroyed an enemy post in "
                 "Andar.", actor1=TALIBAN, actor2=AFG_ARMY, loc=place("Andar"), outlet="Voice of Jihad",
                 fatalities=15, deaths=((15, "Taliban"),), claimant="Taliban"),
         mention("Officials said two soldiers died when Taliban militants attacked a security post in Andar.",
                 actor1=TALIBAN, actor2=AFG_ARMY, loc=place("Andar"), outlet="Pajhwok", fatalities=2,
                 deaths=((2, "officials"),), claimant="officials")),
        ("bombing of a bus, tolls differ",
         mention("Three passengers died when a roadside bomb ripped through a minibus outside Ghazni city.",
                 kind="attack", actor1="Unidentified Armed Group (Afghanistan)", actor2="Civilians (Afghanistan)",
                 loc=place("Ghazni"), outlet="Pajhwok", fatalities=3, deaths=((3, None),)),
         mention("A mine blast tore apart a passenger minibus on the edge of Ghazni, killing five travellers.",
                 kind="attack", actor1="Unidentified Armed Group (Afghanistan)", actor2="Civilians (Afghanistan)",
                 loc=place("Ghazni"), outlet="Ariana", fatalities=5, deaths=((5, None),))),
        ("roadside bomb on an army vehicle, attacker named by one",
         mention("An IED planted by the road in Andar hit an army Humvee and wounded three soldiers.",
                 kind="attack", actor1="Unidentified Armed Group (Afghanistan)", actor2=AFG_ARMY,
                 loc=place("Andar"), outlet="Tolo"),
         mention("The Taliban said their fighters blew up a military vehicle with a mine in Andar district.",
                 kind="attack", actor1=TALIBAN, actor2=AFG_ARMY, loc=place("Andar"), outlet="Voice of Jihad",
                 claimant="Taliban")),
        ("market strike, tolls 8 and 9",
         mention("Jets hit a crowded vegetable market in Saraqib on Tuesday, killing at least nine civilians, "
                 "rescuers said.", kind="airstrike", actor1=SYR, actor2="Civilians (Syria)", loc=saraqib,
                 outlet="Civil defence", fatalities=9, deaths=((9, "rescuers"),)),
         mention("Eight people died in an air raid on the Saraqib market square, a monitor reported.",
                 kind="airstrike", actor1=None, actor2="Civilians (Syria)", loc=saraqib, outlet="Observatory",
                 fatalities=8, deaths=((8, "monitor"),))),
        ("shopkeepers' protest, two outlets",
         mention("Shopkeepers shut their stores and marched through Marib against a new market tax.",
                 kind="protest", actor1=PROT, actor2=None, loc=marib, outlet="One"),
         mention("Traders in Marib closed their shops and protested over a tax on the central market.",
                 kind="protest", actor1=PROT, actor2=None, loc=marib, outlet="Two")),
        ("spelling of the town differs",
         mention("Houthi forces shelled army positions around Ma'rib city on Monday.", kind="shelling", loc=marib,
                 outlet="One", date="2020-03-02"),
         mention("Army positions on the outskirts of Marib came under Houthi artillery fire on Monday.",
                 kind="shelling", loc=marib, outlet="Two", date="2020-03-02")),
        ("arrests at a sit-in",
         mention("Police detained a dozen activists at a sit-in in front of the Marib governorate building.",
                 kind="arrests", actor1="Police Forces of Yemen (2016-)", actor2=None, loc=marib, outlet="One"),
         mention("Twelve activists were arrested by police as they staged a sit-in at the governorate office "
                 "in Marib.", kind="arrests", actor1="Police Forces of Yemen (2016-)", actor2=None, loc=marib,
                 outlet="Two")),
        ("post attack, cars burnt told by one",
         mention("Taliban fighters stormed a police post in Ghazni city and set two police cars ablaze.",
                 actor1=TALIBAN, actor2="Police Forces of Afghanistan (2014-)", loc=ghazni, outlet="Pajhwok"),
         mention("A police checkpoint in Ghazni came under Taliban attack overnight, the governor said.",
                 actor1=TALIBAN, actor2="Police Forces of Afghanistan (2014-)", loc=ghazni, outlet="Tolo")),
        ("ambushed convoy, two wordings",
         mention("The Taliban ambushed a military supply convoy in Andar and burnt three fuel trucks.",
                 actor1=TALIBAN, actor2=AFG_ARMY, loc=andar, outlet="Voice of Jihad", claimant="Taliban"),
         mention("An army supply column was hit by insurgent fire on the Andar road, officials said.",
                 actor1=TALIBAN, actor2=AFG_ARMY, loc=andar, outlet="Pajhwok")),
    ]


def _merged(a, b) -> bool:
    return len(merge_mentions([a, b])) == 1


# What the rules give on these pairs: 30 of 32; the misses are the village named by one outlet only
# (strife.merge.rules.SPOT_RULE keeps a report naming a spot apart from one naming none) and the bus
# bombing whose two outlets count 3 and 5 dead (reports with only generic actors must agree on the
# toll: that rule keeps 3 rows of distinct killings apart on the worldwide dev file).
RECALL_FLOOR = 0.9


def test_same_event_pairs_mostly_merge(capsys):
    pairs = _pairs()
    assert len(pairs) >= 30
    merged = [label for label, a, b in pairs if _merged(a, b)]
    missed = [label for label, a, b in pairs if label not in merged]
    share = len(merged) / len(pairs)
    with capsys.disabled():
        print(f"\n[merge recall] {len(merged)}/{len(pairs)} same-event pairs merged ({share:.2f}); missed: {missed}")
    assert share >= RECALL_FLOOR, missed


@pytest.mark.parametrize("label", ["battle, partisan tolls differ", "Taliban checkpoint attack", "Idlib fighting",
                                   "killing of a civilian", "protest", "unidentified attackers later named",
                                   "takeover and clash, one event by rank", "near the town vs in the town",
                                   "partisan vs neutral wording", "partisan claim vs official toll",
                                   "market strike, tolls 8 and 9", "spelling of the town differs",
                                   "roadside bomb on an army vehicle, attacker named by one"])
def test_key_same_event_pairs_merge(label):
    a, b = next((a, b) for lab, a, b in _pairs() if lab == label)
    assert _merged(a, b)
