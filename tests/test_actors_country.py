"""The event country behind generic actor names: outlet priors, currency words, front-line sides."""

from __future__ import annotations

import pytest

from strife.coding.actors import acled_country, front_sides, outlet_country
from strife.records import Article

UKR = "Military Forces of Ukraine (2019-)"
NAF = "NAF: United Armed Forces of Novorossiya"


@pytest.mark.parametrize("outlet,country", [
    ("Dawn (Pakistan)", "Pakistan"),  # a country in brackets
    ("Times of India", "India"),  # a country word in the name
    ("Nigerian Eye", "Nigeria"),  # a nationality adjective in the name
    ("Ministry of Defence of Ukraine", "Ukraine"),
    ("El Nashra", "Lebanon"),  # listed in outlets.tsv
    ("el nashra", "Lebanon"),  # case does not matter
    ("Quadratin Michoacan", "Mexico"),  # a listed name followed by an edition
    ("26 September News - Pro-Hadi", "Yemen"),  # the part before " - "
    ("Al Ghad (Jordan)", "Jordan"),  # a country only trusted in brackets
])
def test_outlet_country_known(outlet, country):
    assert outlet_country(outlet) == country


@pytest.mark.parametrize("outlet", ["AP", "Reuters", "Twitter", "Undisclosed Source", "", None, "Radio Free Asia"])
def test_outlet_country_none_for_wires_and_platforms(outlet):
    assert outlet_country(outlet) is None


def test_acled_country_spelling():
    assert acled_country("Democratic Republic of the Congo") == "Democratic Republic of Congo"
    assert acled_country("Palestinian Territory") == "Palestine"
    assert acled_country("Yemen") == "Yemen"
    assert acled_country(None) is None


def test_front_sides_reads_the_settlement_after_near():
    # a settlement the separatists hold: the fire is coded to the government side, and back
    assert front_sides("Ukraine", "Monitors counted 30 blasts near Dolomytne.") == (NAF, UKR)
    assert front_sides("Ukraine", "Monitors counted 3 blasts near Avdiivka.") == (UKR, NAF)
    # the oblast after a comma is not the place
    assert front_sides("Ukraine", "Shots were heard near Pisky, Donetsk.") == (UKR, NAF)


def test_front_sides_needs_a_listed_place_and_country():
    assert front_sides("Ukraine", "Monitors counted 3 blasts near Kharkiv.") is None
    assert front_sides("Syria", "Monitors counted 3 blasts near Avdiivka.") is None
    assert front_sides(None, "near Avdiivka") is None


# ---- through the coder (needs spaCy) ------------------------------------------------------------

@pytest.fixture(scope="module")
def coder():
    from strife.coding import EventCoder
    from strife.settings import get_settings

    return EventCoder(get_settings(use_learned=False))


def _code(coder, nlp, text, outlet=None, published="2020-05-03"):
    article = Article(id=Article.make_id(None, text), document_id="d", position=0, title=None, text=text,
                      published=published, outlet=outlet)
    return coder.code(article, nlp(text), []).mentions


@pytest.mark.nlp
def test_outlet_prior_names_the_protesters_country(coder, nlp):
    text = "On 1 May 2020, demonstrators angry at soaring prices blocked a highway near Zgharta for two hours."
    ms = _code(coder, nlp, text, outlet="El Nashra")
    assert ms and ms[0].actor1 == "Protesters (Lebanon)"
    # with no outlet and no country in the text there is no country to name
    ms = _code(coder, nlp, text)
    assert ms and ms[0].actor1 != "Protesters (Lebanon)"


@pytest.mark.nlp
def test_currency_words_place_nothing(coder, nlp):
    text = ("On 1 May 2020, demonstrators angry at the rising US dollar exchange rate blocked a highway "
            "near Zgharta for two hours.")
    ms = _code(coder, nlp, text, outlet="El Nashra")
    assert ms and ms[0].actor1 == "Protesters (Lebanon)"


@pytest.mark.nlp
def test_front_line_side_of_unattributed_fire(coder, nlp):
    text = "On 1 May 2020, international monitors recorded 12 explosions of unknown origin near Kominternove."
    ms = _code(coder, nlp, text, outlet="OSCE SMM-Ukraine")
    assert ms and ms[0].actor1 == UKR
    text = "On 1 May 2020, international monitors recorded 12 explosions of unknown origin near Popasna."
    ms = _code(coder, nlp, text, outlet="OSCE SMM-Ukraine")
    assert ms and ms[0].actor1 == NAF


@pytest.mark.nlp
def test_named_sides_win_over_the_front_line_table(coder, nlp):
    text = ("On 1 May 2020, the Ukrainian Forces used mortars, rifles and small arms against trenches "
            "held by the Donbass People's Militia near Kominternove.")
    ms = _code(coder, nlp, text, outlet="DPR Armed Forces Press Service")
    assert ms and ms[0].actor1 == UKR and ms[0].actor2 == NAF


@pytest.mark.nlp
def test_agent_of_artillery_fire(coder, nlp):
    text = "On 2 May 2020, heavy artillery fire by an unknown party hit a district of Tripoli. Nobody was hurt."
    ms = _code(coder, nlp, text, outlet="Libya24")
    assert ms and ms[0].actor1 == "Unidentified Armed Group (Libya)"
