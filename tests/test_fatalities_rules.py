"""ACLED fatality rules the parser alone gets wrong: split tolls, dates taken for victims, lists of fates."""

from __future__ import annotations

import pytest

from strife.coding.fatalities import split_share


@pytest.mark.parametrize("total,text,share", [
    (78, "Seventy-eight fighters died. Fatalities split between 2 events.", 39),
    (1, "One soldier died somewhere [1 fatality split among 12 events].", 0),  # 11 of the 12 parts get 0
    (10, "The toll, never stated, was put at 10 and divided up between 3 events.", 3),
    (10, "Ten deaths were coded, spread across two locations.", 5),
    (9, "Nine killed. Fatalities divided over two days (5).", 5),  # the stated share wins
    (7, "Seven killed in one raid.", 7),
])
def test_split_share(total, text, share):
    assert split_share(total, text) == share


def _deaths(nlp, text):
    from strife.coding.fatalities import death_reports

    doc = nlp(text)
    return [(r.count.value, r.kind) for s in doc.sents for r in death_reports(s)]


@pytest.mark.nlp
@pytest.mark.parametrize("text,expected", [
    # the parser makes the date the subject: the man found dead is the one victim
    ("Around 14 June 2021, in Soledad, Bolivar, a young farmer was found dead beside a creek.", [(1, "deaths")]),
    # the victim hangs on the town as an apposition
    ("On 3 June 2021, in Recife, Pernambuco, a trader was killed by two men on a scooter.", [(1, "deaths")]),
    # "shot dead X": the one shot, never the shooters
    ("On 3 June 2021, gunmen shot dead a shopkeeper outside his store.", [(1, "deaths")]),
    ("Unknown gunmen shot dead two traffic policemen in Quetta.", [(2, "deaths")]),
    # a participle after its noun ("resulting in 1 soldier killed")
    ("Rebels clashed with troops near the river, resulting in 1 soldier killed and 2 villagers wounded.",
     [(1, "deaths")]),
    # the object shared by two verbs
    ("Militiamen killed and burned the body of a herder near the well.", [(1, "deaths")]),
    # "left N dead and M injured": the number after "and" counts the injured, not more dead
    ("The shooting at the fair on Sunday left 59 dead and over 500 injured.", [(59, "deaths")]),
    ("The bombing in the market left 12 dead and over 50 wounded.", [(12, "deaths")]),
    # "fatally"/"mortally" make a shooting or a wounding a killing
    ("Two guards were fatally shot at the gate on Monday.", [(2, "deaths")]),
    ("A soldier was mortally wounded by a sniper near the bridge.", [(1, "deaths")]),
    # two named victims joined by "and" are two
    ("Officers Daniel Brook, 44, and Peter Lane, 31, were killed while answering a call.", [(2, "deaths")]),
])
def test_victim_fallbacks(nlp, text, expected):
    assert _deaths(nlp, text) == expected


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "On 4 June 2021, 3 rebels were killed, injured or captured in the sweep.",
    "Four guards were killed or wounded in the assault.",
])
def test_fates_joined_by_or_are_no_death_count(nlp, text):
    got = _deaths(nlp, text)
    assert got and all(v == 0 for v, _ in got) and got[0][1] == "mixed"


@pytest.mark.nlp
def test_separate_statements_still_add_up(nlp):
    got = _deaths(nlp, "Three soldiers were killed, and two civilians were injured.")
    assert got == [(3, "deaths")]


@pytest.mark.nlp
@pytest.mark.parametrize("text,expected", [
    # a second verb shares the subject of the first: not a "killed or injured" lump
    ("One guard was stabbed and killed and a visitor was injured.", [(1, "deaths")]),
    # reduced relatives after the toll are their own statements
    ("Troops fired back. 3 people were killed, 1 officer injured by a stone and 9 villagers injured.",
     [(3, "deaths")]),
    # "the killing of N"
    ("Rebels fought the police, which led to the killing of 2 rebels and the wounding of 5 others.", [(2, "deaths")]),
    # tolls listed side by side
    ("The battle ended with 12 rebel fighters and 4 army fatalities.", [(16, "deaths")]),
])
def test_more_toll_shapes(nlp, text, expected):
    assert _deaths(nlp, text) == expected


@pytest.mark.nlp
def test_animals_are_no_fatalities(nlp):
    assert _deaths(nlp, "Raiders burned ten huts and killed 30 cattle before fleeing.") == []
