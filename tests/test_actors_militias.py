"""Identity militias named after their tribe, clan, village or ethnic group (generated ACLED-style names)."""

from __future__ import annotations

import pytest

from strife.coding.actors import ActorResolver, _generated_militias, _tables


def _names(text, country):
    return [(text[s:e], ref.name) for s, e, ref in _generated_militias(text, country, _tables())]


def test_tribal_militias_listed_together_are_each_named():
    text = "Fighting broke out between Al Sharif and Bani Hushaysh tribesmen over a well."
    got = _names(text, "Yemen")
    assert [n for _, n in got] == ["Al Sharif Tribal Militia (Yemen)", "Bani Hushaysh Tribal Militia (Yemen)"]
    assert got[0][0] == "Al Sharif"


def test_clan_and_ethnic_militias():
    got = _names("Abgaal clan militia ambushed a convoy; Murle raiders took cattle.", "Somalia")
    assert ("Abgaal clan militia", "Abgaal Clan Militia (Somalia)") in got
    assert ("Murle raiders", "Murle Ethnic Militia (Somalia)") in got


def test_communal_militias_from_villages():
    got = _names("Communal militias from Kpandai and Bimbila raided a settlement.", "Ghana")
    assert [n for _, n in got] == ["Kpandai Communal Militia (Ghana)", "Bimbila Communal Militia (Ghana)"]


@pytest.mark.parametrize("text", [
    "Local tribesmen closed the road.",  # no name
    "Yemeni tribesmen closed the road.",  # a nationality is no tribe
    "On Friday, tribesmen closed the road.",
    "Armed herders crossed the river.",  # no listed ethnic group
])
def test_no_militia_without_a_name(text):
    assert _names(text, "Yemen") == []


def test_a_weekday_before_the_name_is_dropped():
    assert _names("On Friday Shammar tribesmen blocked the highway.", "Iraq") == [
        ("Shammar tribesmen", "Shammar Tribal Militia (Iraq)")]


@pytest.mark.nlp
def test_militias_take_roles(nlp):
    resolver = ActorResolver(None)
    text = "Al Sharif tribesmen clashed with Bani Hushaysh tribesmen near the market, killing two."
    doc = nlp(text)
    trigger = next(t for t in doc if t.lower_ == "clashed")
    got = resolver.assign(doc, doc[:], trigger, country="Yemen", sub_event_type="Armed clash")
    assert got.actor1 == "Al Sharif Tribal Militia (Yemen)"
    assert got.actor2 == "Bani Hushaysh Tribal Militia (Yemen)"
    assert got.inter1 == 4 and got.inter2 == 4
