"""Event coding: taxonomy, dates, fatalities, modality, statistics, claims.  Texts are our own."""

from __future__ import annotations

from datetime import date

import pytest

from strife.coding import taxonomy
from strife.coding.dates import find_dates, is_future
from strife.coding.fatalities import number_value
from strife.records import Article, Evidence, Mention


# ---- taxonomy (no model needed) ------------------------------------------------------------------

def test_taxonomy_has_25_ranked_sub_types():
    assert len(taxonomy.SUB_EVENT_TYPES) == 25
    assert len(taxonomy.EVENT_TYPES) == 6
    assert taxonomy.SUB_EVENT_TYPES[0] == "Government regains territory"
    assert taxonomy.SUB_EVENT_TYPES[-1] == "Other"
    assert taxonomy.event_type("Air/drone strike") == "Explosions/Remote violence"
    assert taxonomy.event_type("air/drone strike") == "Explosions/Remote violence"


def test_rank_and_higher_follow_acled():
    assert taxonomy.higher("Air/drone strike", "Shelling/artillery/missile attack") == "Air/drone strike"
    assert taxonomy.higher("Shelling/artillery/missile attack", "Armed clash") == "Armed clash"
    assert taxonomy.higher("Abduction/forced disappearance", "Attack") == "Attack"
    assert taxonomy.rank("Armed clash") < taxonomy.rank("Peaceful protest")


def test_disorder_types():
    assert taxonomy.disorder_type("Peaceful protest") == "Demonstrations"
    assert taxonomy.disorder_type("Excessive force against protesters") == "Political violence; Demonstrations"
    assert taxonomy.disorder_type("Mob violence") == "Political violence"
    assert taxonomy.disorder_type("Arrests") == "Strategic developments"


def test_inter_codes_and_interaction():
    assert taxonomy.inter_name(1) == "State forces"
    assert taxonomy.inter_name("7") == "Civilians"
    assert taxonomy.inter_code("Rebel group") == 2
    assert taxonomy.inter_code("0") is None
    assert taxonomy.interaction(2, 1) == 12
    assert taxonomy.interaction(3, 7) == 37
    assert taxonomy.interaction(6, None) == 60
    assert taxonomy.interaction(None, None) is None


# ---- dates ------------------------------------------------------------------------------------------

def _one(text, published):
    found = find_dates(text, published)
    assert found, text
    return found[0]


@pytest.mark.parametrize("text,published,value,precision", [
    ("Fighting broke out on March 29 near the river.", "2020-03-31", date(2020, 3, 29), 1),
    ("On 2 May 2020 a convoy was hit.", None, date(2020, 5, 2), 1),
    ("The raid came in September 2019.", "2020-01-10", date(2019, 9, 15), 3),
    ("Shells fell yesterday on the market.", "2020-04-10", date(2020, 4, 9), 1),
    ("Gunmen struck last night.", "2020-04-10", date(2020, 4, 9), 1),
    ("The militia withdrew on Saturday.", "2020-03-31", date(2020, 3, 28), 1),
    ("He spoke this afternoon Tuesday about it.", "2020-03-31", date(2020, 3, 31), 1),
    ("Convoys crossed the border during the past week.", "2020-03-31", date(2020, 3, 28), 2),
    ("Attacks rose earlier this month in the valley.", "2020-03-31", date(2020, 3, 15), 3),
    ("Troops left at the end of March 2020.", "2020-04-20", date(2020, 3, 31), 3),
    ("Rows like 2-May-20 use ACLED's old style.", None, date(2020, 5, 2), 1),
    ("On December 30, rebels took the hill.", "2021-01-04", date(2020, 12, 30), 1),
])
def test_dates_resolve(text, published, value, precision):
    d = _one(text, published)
    assert d.value == value
    assert d.precision == precision
    assert text[d.start:d.end] == d.text


def test_relative_date_without_publication_is_unresolved():
    d = _one("Gunmen struck yesterday.", None)
    assert d.value is None
    assert is_future(date(2020, 4, 3), date(2020, 4, 1))
    assert not is_future(date(2020, 4, 1), date(2020, 4, 1))
    # one day ahead is the event's own time zone, not a plan: a report stamped late on the 1st (UTC)
    assert not is_future(date(2020, 4, 2), date(2020, 4, 1))


def test_an_embedded_posts_date_stamp_is_no_date_of_the_text():
    text = ("Footage shows the crowd running. https://t.co/xyz — Dana Reyes (@danareyes) October 6, 2017 Police "
            "said on October 3 that the guard was shot.")
    assert [d.text for d in find_dates(text, "2017-10-20")] == ["October 3"]


def test_number_words():
    assert number_value("twelve") == 12
    assert number_value("1,240") == 1240
    assert number_value("two hundred") == 200
    assert number_value("twenty-three") == 23
    assert number_value("several") is None


# ---- the coder (needs spaCy) -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def coder():
    from strife.coding import EventCoder
    from strife.settings import get_settings

    return EventCoder(get_settings(use_learned=False))


def _code(coder, nlp, text, published="2020-03-31", outlet=None):
    article = Article(id=Article.make_id(None, text), document_id="d", position=0, title=None, text=text,
                      published=published, outlet=outlet)
    return article, coder.code(article, nlp(text), [])


@pytest.mark.nlp
def test_attack_on_positions_with_vague_toll_in_next_sentence(coder, nlp):
    text = ("On March 29, fighters of the Hamza Division raided positions held by Kurdish militias close to the "
            "village of Sayda in northern Syria. Pro-Turkish sources said several of the militiamen were killed.")
    article, result = _code(coder, nlp, text)
    assert len(result.mentions) == 1
    m = result.mentions[0]
    assert m.event_type == "Battles" and m.sub_event_type == "Armed clash"
    assert m.event_date == "2020-03-29" and m.time_precision == 1
    # vague number in an active war zone (Syria): ACLED's 10
    assert m.fatalities == 10
    assert m.claimant and "sources" in m.claimant.lower()
    fields = {e.field for e in m.evidence}
    assert {"event_type", "sub_event_type", "event_date", "fatalities", "sentence"} <= fields
    for e in m.evidence:
        assert isinstance(e, Evidence)
        assert article.text[e.start:e.end] == e.text
    assert m.id == Mention.make_id(article.id, text.index("raided"), text.index("raided") + len("raided"), m.sub_event_type)
    assert m.location is None
    assert m.notes.startswith("On 29 March 2020,")


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "The rebels are preparing for a fresh assault on the town.",
    "Commanders hope to capture the airport before the summer.",
    "The militia will attack the garrison tomorrow.",
    "If the army advances, the tribes would fight back.",
    "The spokesman vowed to strike the enemy bases with new missiles.",
    "The troops did not shell the village.",
    "Officials warned that the group plans to bomb the bridge.",
])
def test_plans_threats_negation_are_not_events(coder, nlp, text):
    _, result = _code(coder, nlp, text)
    assert result.mentions == []


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "The air defence units carried out more than 640 operations against enemy drones since the beginning of the war.",
    "Over the past five years the rocket force fired more than 900 ballistic missiles at targets abroad.",
    "The conflict has claimed more than 80,000 lives over four years, monitors estimate.",
])
def test_long_period_tallies_become_statistics(coder, nlp, text):
    _, result = _code(coder, nlp, text)
    assert result.mentions == []
    assert len(result.statistics) == 1
    assert result.statistics[0].value and result.statistics[0].value >= 80


@pytest.mark.nlp
def test_fatality_parts_are_summed_and_injuries_ignored(coder, nlp):
    _, result = _code(coder, nlp, "On 4 April 2020, gunmen ambushed a convoy near Ghazni, killing 2 soldiers and 3 policemen "
                                  "and wounding 6 others.", published="2020-04-05")
    assert result.mentions[0].fatalities == 5
    _, result = _code(coder, nlp, "On 4 April 2020, militants stormed a base in Kunduz; 6 troops were killed by gunfire and "
                                  "4 by mines.", published="2020-04-05")
    assert result.mentions[0].fatalities == 10


@pytest.mark.nlp
def test_killed_or_injured_is_zero_and_no_casualties_is_zero(coder, nlp):
    _, result = _code(coder, nlp, "On 4 April 2020, rockets hit an army post in Marib and eleven soldiers were killed or "
                                  "injured.", published="2020-04-05")
    assert result.mentions[0].fatalities == 0
    assert result.mentions[0].sub_event_type == "Shelling/artillery/missile attack"
    _, result = _code(coder, nlp, "On 4 April 2020, a drone strike hit a depot in Sirte. There were no casualties.",
                      published="2020-04-05")
    assert result.mentions[0].sub_event_type == "Air/drone strike"
    assert result.mentions[0].fatalities == 0


@pytest.mark.nlp
def test_dozens_and_word_numbers(coder, nlp):
    _, result = _code(coder, nlp, "On 4 April 2020, dozens of villagers were killed when gunmen raided Tillia in Niger.",
                      published="2020-04-05")
    m = result.mentions[0]
    assert m.fatalities == 12
    assert m.event_type == "Violence against civilians"
    assert m.actor2 and m.actor2.startswith("Civilians") and m.inter2 == 7


@pytest.mark.nlp
def test_future_date_is_dropped(coder, nlp):
    _, result = _code(coder, nlp, "Clashes on 20 April 2020 in Ghazni are feared by elders.", published="2020-04-05")
    assert result.mentions == []
    assert result.dropped.get("future") == 1
    _, result = _code(coder, nlp, "Gunmen will attack Ghazni on 20 April 2020, a commander said.", published="2020-04-05")
    assert result.mentions == []


@pytest.mark.nlp
def test_a_past_act_with_a_date_after_the_report_is_kept_with_that_date(coder, nlp):
    # a past tense tells a thing done: the date or the report's own date slipped, the act did not
    _, result = _code(coder, nlp, "On 20 April 2020, gunmen killed two farmers in Ghazni.", published="2020-04-05")
    (m,) = result.mentions
    assert m.event_date == "2020-04-20" and not result.dropped.get("future")
    _, result = _code(coder, nlp, "On 20 April 2020, two farmers were killed by gunmen in Ghazni.", published="2020-04-05")
    assert len(result.mentions) == 1


@pytest.mark.nlp
def test_undatable_without_publication_date(coder, nlp):
    _, result = _code(coder, nlp, "Yesterday gunmen killed two farmers in Ghazni.", published=None)
    assert result.mentions == []
    assert result.dropped.get("undatable") == 1
    _, result = _code(coder, nlp, "On 3 April 2020 gunmen killed two farmers in Ghazni.", published=None)
    assert len(result.mentions) == 1 and result.mentions[0].event_date == "2020-04-03"


@pytest.mark.nlp
def test_protests_and_riots(coder, nlp):
    _, r = _code(coder, nlp, "On 2 May 2020, hundreds of nurses held a protest in Lahore, Pakistan, demanding unpaid wages.",
                 published="2020-05-02")
    assert r.mentions[0].sub_event_type == "Peaceful protest"
    assert r.mentions[0].actor1 == "Protesters (Pakistan)" and r.mentions[0].inter1 == 6
    assert r.mentions[0].fatalities == 0
    _, r = _code(coder, nlp, "On 2 May 2020, traders demonstrated in Kano against the market closure. Police fired tear "
                             "gas and dispersed the protesters.", published="2020-05-02")
    assert r.mentions[0].sub_event_type == "Protest with intervention"
    _, r = _code(coder, nlp, "On 2 May 2020, demonstrators burned tyres and threw stones at police in Beirut.",
                 published="2020-05-02")
    assert r.mentions[0].event_type == "Riots"
    assert r.mentions[0].sub_event_type == "Violent demonstration"


@pytest.mark.nlp
def test_strategic_developments(coder, nlp):
    _, r = _code(coder, nlp, "On 3 May 2020, army engineers defused a roadside bomb planted near Kandahar.",
                 published="2020-05-03")
    assert r.mentions[0].sub_event_type == "Disrupted weapons use"
    _, r = _code(coder, nlp, "On 3 May 2020, coalition troops handed over the Qayyarah air base to Iraqi forces.",
                 published="2020-05-03")
    assert r.mentions[0].sub_event_type == "Non-violent transfer of territory"


@pytest.mark.nlp
def test_hedges_and_claimant(coder, nlp):
    _, r = _code(coder, nlp, "On 3 May 2020, according to the Syrian Observatory, regime warplanes reportedly bombed "
                             "Kafranbel, killing four civilians.", published="2020-05-03")
    m = r.mentions[0]
    assert m.sub_event_type == "Air/drone strike"
    assert m.fatalities == 4
    assert "Syrian Observatory" in (m.claimant or "")
    assert "reportedly" in m.hedges
    assert [c.value for c in m.claims] == [4]


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "Four convoys with battle tanks rolled towards the front, officials said.",
    "Some states run laboratories that spread viruses and kill people, the preacher claimed.",
    "The parliament voted to expel the foreign troops, whose role had changed from training soldiers to killing commanders.",
    "The brigade, which fought the militants for years, is now a police unit.",
    "The National Front for Liberation issued a statement about its plans.",
])
def test_speeches_names_and_generalities_are_not_violent_events(coder, nlp, text):
    _, result = _code(coder, nlp, text)
    violent = [m for m in result.mentions if m.event_type != "Strategic developments"]
    assert violent == []


@pytest.mark.nlp
def test_two_events_in_one_article(coder, nlp):
    text = ("On 5 April 2020, rebels ambushed an army patrol near Kidal, Mali, killing three soldiers.\n\n"
            "On 6 April 2020, hundreds of students marched through Bamako, Mali, demanding the reopening of schools.")
    _, r = _code(coder, nlp, text, published="2020-04-07")
    subs = [(m.event_date, m.sub_event_type, m.fatalities) for m in r.mentions]
    assert subs == [("2020-04-05", "Armed clash", 3), ("2020-04-06", "Peaceful protest", 0)]
    assert r.mentions[0].start < r.mentions[1].start


@pytest.mark.nlp
def test_recent_capture_without_date_uses_report_date(coder, nlp):
    _, r = _code(coder, nlp, "The rebels have recently recaptured the town of Ghat from government forces in Libya.",
                 published="2020-03-30")
    assert len(r.mentions) == 1
    m = r.mentions[0]
    assert m.event_type == "Battles" and "territory" in m.sub_event_type
    assert m.event_date == "2020-03-30" and m.time_precision == 2


@pytest.mark.nlp
@pytest.mark.shared
@pytest.mark.slow
def test_seed_page_events_and_non_events():
    """The team's sample page: the Sayda attack, al-Jawf and the K1 base are found; tallies and speeches are not events."""
    from conftest import shared_path

    from strife.extract import extract_articles
    from strife.ingest import document_from_text
    from strife.pipeline import Pipeline
    from strife.settings import get_settings

    text = shared_path("samples", "seed-page.txt").read_text("utf-8")
    articles = extract_articles(document_from_text(text, published="2020-03-31")).articles
    coded = list(Pipeline(get_settings(use_learned=False)).code_articles(articles))
    mentions = [m for c in coded for m in c.mentions]
    stats = [s for c in coded for s in c.statistics]
    sayda = [m for m in mentions if "Sayda" in m.text and m.event_type == "Battles"]
    assert sayda and sayda[0].event_date == "2020-03-29" and sayda[0].fatalities == 10
    assert "pro-turkish" in (sayda[0].claimant or "").lower()
    assert any(m.sub_event_type in ("Government regains territory", "Non-state actor overtakes territory")
               and ("Jawf" in m.text or "recaptured" in m.text) for m in mentions)
    assert any(m.sub_event_type == "Non-violent transfer of territory" and "K1" in m.text for m in mentions)
    violent = [m for m in mentions if m.event_type != "Strategic developments"]
    for marker in ("5278", "91,000", "257882", "laboratories", "vowed", "threatened", "plotting", "will be tasked"):
        assert not any(marker in m.text for m in violent), marker
    values = {s.value for s in stats}
    assert {5278, 91000} <= values
    # background history and a spokesman's capability claim, neither with a date of its own, are not events
    assert not any(m.sub_event_type == "Headquarters or base established" and "established the camp" in m.text
                   for m in mentions)
    assert not any(m.event_type == "Strategic developments" and "air defense systems" in m.text for m in mentions)


@pytest.mark.nlp
def test_strategic_developments_follow_rank_not_text_order(coder, nlp):
    _, r = _code(coder, nlp, "On 4 May 2020, riot police deployed to the main market of Kisumu and arrested six traders.",
                 published="2020-05-04")
    assert [m.sub_event_type for m in r.mentions] == ["Arrests"]


@pytest.mark.nlp
def test_an_undated_act_takes_the_report_date_only_where_it_names_a_place(coder, nlp):
    # figures of speech and old stories told without a date or a place are no news of the day
    for text in ("And then the guards beat him until he confessed.", "Later the mob attacked her and stabbed two others."):
        _, r = _code(coder, nlp, text, published="2021-06-03")
        assert not r.mentions and r.dropped.get("undated_unplaced"), text
    _, r = _code(coder, nlp, "A man died when a grenade went off outside a metro station in a suburb of Gothenburg.",
                 published="2021-06-03")
    assert [(m.sub_event_type, m.event_date, m.time_precision) for m in r.mentions] == [("Grenade", "2021-06-03", 2)]


@pytest.mark.nlp
def test_through_the_pipeline_an_undated_act_needs_a_place_finer_than_a_country():
    from strife.pipeline import Pipeline
    from strife.settings import get_settings

    texts = ["Ever since, the army has fought to a draw in Afghanistan and bombed weaker states.",
             "It is the old tale of how his son Cain killed his brother, Abel.",
             "Residents in Tijuana protested against the arrival of the migrants, demanding they leave the city."]
    articles = [Article(id=Article.make_id(None, t), document_id=f"d{i}", position=0, title=None, text=t,
                        published="2021-06-03", published_precision="explicit") for i, t in enumerate(texts)]
    coded = {c.article.text: c for c in Pipeline(get_settings(use_learned=False)).code_articles(articles)}
    # ("Afghanistan" is a country; "Abel" is a town's name in Maryland, here a person)
    assert not coded[texts[0]].mentions and coded[texts[0]].places
    assert not coded[texts[1]].mentions
    (m,) = coded[texts[2]].mentions
    assert (m.sub_event_type, m.event_date, m.time_precision) == ("Peaceful protest", "2021-06-03", 2)
    assert m.location.name == "Tijuana"


@pytest.mark.nlp
def test_undated_claimed_or_historical_developments_are_not_events(coder, nlp):
    text = ("The military spokesman held a briefing in the capital. He revealed that modern radar units have been "
            "deployed along the front, while more are under development.")
    _, r = _code(coder, nlp, text, published="2020-05-04")
    assert not r.mentions and r.dropped.get("reported_development")
    text = "Regarding the desert camp, foreign troops established the outpost near the border crossing with Jordan."
    _, r = _code(coder, nlp, text, published="2020-05-04")
    assert not r.mentions and r.dropped.get("background_development")
    # the same acts with a date of their own are events
    _, r = _code(coder, nlp, "On 2 May 2020, the army deployed two battalions to the outskirts of Marib city.",
                 published="2020-05-04")
    assert [m.sub_event_type for m in r.mentions] == ["Change to group/activity"]
    _, r = _code(coder, nlp, "On 2 May 2020, foreign troops established a new outpost near the Tanf crossing.",
                 published="2020-05-04")
    assert [m.sub_event_type for m in r.mentions] == ["Headquarters or base established"]


@pytest.mark.nlp
def test_seizures_of_goods_are_property_events_even_with_arrests(coder, nlp):
    text = "On 3 May 2020, federal agents seized two tons of cocaine from a lorry near Manaus. Three men were arrested."
    _, r = _code(coder, nlp, text, published="2020-05-03")
    assert [m.sub_event_type for m in r.mentions] == ["Looting/property destruction"]
    text = "As reported on 3 May 2020, members of a local cartel delivered food parcels to families in Tula."
    _, r = _code(coder, nlp, text, published="2020-05-03")
    assert [m.sub_event_type for m in r.mentions] == ["Change to group/activity"]


@pytest.mark.nlp
def test_closing_fatality_summary_restates_the_toll(coder, nlp):
    _, r = _code(coder, nlp, "On 3 May 2020, in Tula, two gunmen shot a shopkeeper dead outside his store. 1 fatality",
                 published="2020-05-03")
    assert r.mentions[0].fatalities == 1
    text = ("On 3 May 2020, in Niteroi, a gunfight broke out when police stopped a car. A suspect was hit and died "
            "while another one fled.")
    _, r = _code(coder, nlp, text, published="2020-05-03")
    assert r.mentions[0].fatalities == 1
    text = ("On 3 May 2020, in Tonala, armed men attacked three farm workers. Two of the victims died and the "
            "third was hurt.")
    _, r = _code(coder, nlp, text, published="2020-05-03")
    assert r.mentions[0].fatalities == 2


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "The agency's deputy director was fired by the attorney general after the leak.",
    "Come to the square and kill him.",
    "An old interview with the senator was used to attack him during his campaign.",
    "The assassination of the president remains the great unsolved mystery of the century.",
    "The governor has demonstrated little courage since the scandal broke.",
    "The city police department fired Officer Jane Roe on Monday after the inquiry.",
    "On 2 May 2020, the jury acquitted the farmer of murder in the death of his neighbour in Tula.",
    "Neighbours lit candles at the spot where the murder of the journalist took place years ago, near Puebla.",
])
def test_commentary_is_not_an_event(coder, nlp, text):
    _, r = _code(coder, nlp, text, published="2020-05-03")
    assert not r.mentions, [m.sub_event_type for m in r.mentions]


@pytest.mark.nlp
def test_deaths_named_in_a_charge_are_not_the_toll(coder, nlp):
    # (militants: a routine arrest for a crime is screened out, see tests/test_screen.py)
    _, r = _code(coder, nlp, "On 2 May 2020, police in Kano arrested two Boko Haram militants charged with killing "
                 "a trader.", published="2020-05-03")
    assert [(m.sub_event_type, m.fatalities) for m in r.mentions] == [("Arrests", 0)]


@pytest.mark.nlp
def test_exchange_of_fire_is_a_clash_not_shelling(coder, nlp):
    _, r = _code(coder, nlp, "On 2 May 2020, the two armies exchanged artillery fire along the Sirwah front.",
                 published="2020-05-03")
    assert [m.sub_event_type for m in r.mentions] == ["Armed clash"]
    _, r = _code(coder, nlp, "On 2 May 2020, rebel forces fired mortars at army positions near Sirwah.",
                 published="2020-05-03")
    assert [m.sub_event_type for m in r.mentions] == ["Shelling/artillery/missile attack"]


@pytest.mark.nlp
def test_civilian_victims_are_never_actor1_in_the_demo_corpus():
    """ACLED: civilian victims are always actor2 (the demo's market strike names them first)."""
    from pathlib import Path

    from strife.extract import extract_articles
    from strife.ingest import read_inputs
    from strife.pipeline import Pipeline
    from strife.settings import get_settings

    settings = get_settings()
    demo = Path(__file__).resolve().parents[1] / "demo"
    articles = [a for doc in read_inputs([str(demo)], settings) for a in extract_articles(doc).articles]
    mentions = [m for coded in Pipeline(settings).code_articles(articles) for m in coded.mentions]
    strikes = [m for m in mentions if m.sub_event_type == "Air/drone strike" and m.fatalities]
    assert strikes
    for m in mentions:
        if m.event_type not in ("Protests", "Riots"):
            assert m.inter1 != 7 and not (m.actor1 or "").startswith("Civilians"), (m.text, m.actor1)


@pytest.mark.nlp
def test_a_force_turning_back_anothers_patrol_is_a_strategic_development(coder, nlp):
    _, result = _code(coder, nlp, "On 3 May 2021, Russian military police prevented an American patrol from "
                      "entering the town of Tal Tamr.", published="2021-05-04")
    (m,) = result.mentions
    assert (m.event_type, m.sub_event_type) == ("Strategic developments", "Other")
    # a road blocked by a crowd is a protest matter, not a force stopping a patrol
    _, result = _code(coder, nlp, "On 3 May 2021, farmers blocked the road to the market in Tal Tamr to demand "
                      "water.", published="2021-05-04")
    assert all(m.sub_event_type != "Other" for m in result.mentions)


@pytest.mark.nlp
@pytest.mark.parametrize("text", [
    "The minister has weathered repeated clashes with Brussels over the budget, aides say.",
    "Guards routinely beat detainees at the prison in Tadmur, former inmates told the commission.",
])
def test_a_habit_with_no_day_is_no_event(coder, nlp, text):
    _article, r = _code(coder, nlp, text)
    assert not r.mentions and r.dropped.get("aggregate") == 1, (r.mentions, r.dropped)


@pytest.mark.nlp
def test_a_repeated_act_on_a_given_day_is_still_an_event(coder, nlp):
    _article, r = _code(coder, nlp, "On 3 March, militants repeatedly shelled the town of Kafr Nabl, killing two.")
    assert len(r.mentions) == 1 and r.mentions[0].fatalities == 2
