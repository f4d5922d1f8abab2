"""Segmentation of plain-text dumps: real headlines, chrome dropped, dates and outlets per article."""

from __future__ import annotations

import pytest

from strife.extract import extract_articles, load_chrome, looks_like_headline, segment_text
from strife.ingest import document_from_text, read_inputs

from conftest import shared_path

# A dump written for this test in the style of a scraped news blog: it starts mid-article and has
# every kind of chrome the segmenter knows (related blocks with link lists, bylines of each form, a
# photo caption, a repeated headline, an inline "read also" link, a subhead, section label, tags,
# statement end, outlet signature, gallery links, share widgets).
DUMP = """\
fighters loyal to the government pushed into two villages south of Kafr Nabl overnight, a field commander said, adding that the assault had been prepared for weeks.

The commander said drones had watched the villages for days before the attack began, and that the defenders withdrew after a short exchange of fire.


Related News

Aid Convoy Reaches Atmeh Camp
Winter Storm Floods Tents Near Sarmada

Shelling Kills Family of Five in Ariha

April 2, 2020 Samir Nasser

Rescuers search the rubble of a house in Ariha (Photo: civil defence)

Artillery shells fired from government lines hit a house in Ariha late on Wednesday, killing a man, his wife and their three children, rescuers said.

Shelling Kills Family of Five in Ariha

Neighbours said the family had returned to the town only days earlier after months in a tent camp near the border.

Read also: Monitors Count New Truce Violations

A Town Emptied Twice

Ariha lies on the M4 road and has changed hands twice since the winter offensive began, local officials said.

Continue reading »

Drone Attack Targets Airbase Near Baghdad

Posted by Iraq Desk on April 3, 2020

Two drones laden with explosives struck near the runway of an airbase north of Baghdad on Friday night, causing a fire but no casualties, the security media cell said.

Nobody claimed the attack. Similar strikes have been blamed on armed factions opposed to the foreign troop presence in Iraq.

Iraq News

Kabul Police Disperse Crowd Outside Ministry

By Farid Ahmadi | April 5, 2020

KABUL, April 5 (News Desk) - Police fired into the air to break up a crowd of several hundred people outside the ministry of labour in Kabul on Sunday, witnesses said.

The protesters, mostly day labourers, said they had lost their income because of the lockdown and demanded food aid from the government.

Tags: Afghanistan, Kabul, protest

Sanaa Rally Marks Anniversary of the War

Translated by Staff

Thousands of people gathered in Sanaa on Thursday, April 9, to mark the anniversary of the war, chanting against the coalition and waving flags, organisers said.

Speakers at the rally warned that the movement would answer any new air raid on the capital.

End of statement



Al-Masdar News

Government forces took control of a hill overlooking Kabani on April 10, 2020 after a night of fighting with militants, a military source said. Two soldiers were wounded.

Click to see the full-size image
Click to view the full size photo

Share this:

%d bloggers like this:
"""

CHROME = [
    "Related News", "Aid Convoy Reaches Atmeh Camp", "Winter Storm Floods Tents Near Sarmada",
    "April 2, 2020 Samir Nasser", "Rescuers search the rubble of a house in Ariha (Photo: civil defence)",
    "Read also: Monitors Count New Truce Violations", "A Town Emptied Twice", "Continue reading »",
    "Posted by Iraq Desk on April 3, 2020", "Iraq News", "By Farid Ahmadi | April 5, 2020",
    "Tags: Afghanistan, Kabul, protest", "Translated by Staff", "End of statement", "Al-Masdar News",
    "Click to see the full-size image", "Click to view the full size photo", "Share this:",
    "%d bloggers like this:",
]


def _articles(text: str = DUMP, **kw):
    result = extract_articles(document_from_text(text, **kw))
    assert result.failures == []
    return result.articles


def test_dump_is_split_at_real_headlines():
    arts = _articles()
    assert [a.title for a in arts] == [
        None,
        "Shelling Kills Family of Five in Ariha",
        "Drone Attack Targets Airbase Near Baghdad",
        "Kabul Police Disperse Crowd Outside Ministry",
        "Sanaa Rally Marks Anniversary of the War",
        None,
    ]
    assert arts[0].text.startswith("fighters loyal to the government")
    assert arts[1].text.startswith("Artillery shells fired")
    assert arts[2].text.startswith("Two drones laden")
    assert arts[3].text.startswith("KABUL, April 5")
    assert arts[4].text.startswith("Thousands of people gathered")
    assert arts[5].text.startswith("Government forces took control")
    assert [a.position for a in arts] == list(range(6))


def test_chrome_appears_in_no_article_text():
    arts = _articles()
    for a in arts:
        paragraphs = a.text.split("\n\n")
        for line in CHROME:
            assert line not in paragraphs, (a.title, line)
            assert line not in a.text, (a.title, line)
        # the headline is metadata, not text (it was repeated once inside the Ariha article)
        if a.title:
            assert a.title not in a.text


def test_bylines_outlets_and_dates():
    arts = _articles(text=DUMP)
    first, ariha, drone, kabul, sanaa, masdar = arts
    assert (ariha.byline, ariha.published, ariha.published_precision) == ("Samir Nasser", "2020-04-02", "explicit")
    assert (drone.byline, drone.published, drone.published_precision) == ("Iraq Desk", "2020-04-03", "explicit")
    assert (kabul.byline, kabul.published, kabul.published_precision) == ("Farid Ahmadi", "2020-04-05", "explicit")
    assert kabul.meta["dateline"].startswith("KABUL, April 5")
    assert sanaa.byline == "Staff"
    # "Thursday, April 9" has no year: the dump's explicit dates give it one
    assert (sanaa.published, sanaa.published_precision) == ("2020-04-09", "inferred")
    assert (masdar.outlet, masdar.published, masdar.published_precision) == ("Al-Masdar News", "2020-04-10", "inferred")
    # no date of its own: the page's latest explicit date
    assert (first.published, first.published_precision) == ("2020-04-05", "inferred")
    assert first.meta["dated_by"] == "page" and "dated_by" not in ariha.meta
    # a one-article text with no date at all stays unknown
    (alone,) = _articles("Gunmen attacked a checkpoint near Hawija, killing two soldiers, a source said.")
    assert (alone.published, alone.published_precision) == (None, "unknown")


def test_document_date_is_the_fallback():
    undated = "Clashes Near Hawija\n\nGunmen attacked a checkpoint near Hawija, killing two soldiers, a source said.\n"
    seg = segment_text(undated, document_date="2020-04-12")
    assert (seg.segments[0].published, seg.segments[0].published_precision) == ("2020-04-12", "document")
    # an inferred date never comes after the document date
    seg = segment_text(DUMP, document_date="2020-04-09")
    assert seg.segments[-1].published == "2020-04-05"  # the April 10 in its text is later: page date
    assert seg.segments[-1].dated_by == "page"


def test_offsets_point_back_into_the_document():
    arts = _articles()
    for a in arts:
        start, end = a.meta["source_start"], a.meta["source_end"]
        piece = DUMP[start:end]
        assert a.text.split("\n\n")[-1] in piece
        if a.title:
            assert piece.startswith(a.title)
    seg = segment_text(DUMP)
    for start, why, line in seg.dropped:
        assert DUMP[start:start + len(line)] == line, why


def test_same_bytes_same_articles():
    one = [(a.id, a.text) for a in _articles()]
    two = [(a.id, a.text) for a in _articles()]
    assert one == two
    assert len({i for i, _ in one}) == len(one)


def test_headline_needs_evidence_of_a_boundary():
    body1 = "Militants attacked a checkpoint near Hawija on Monday, killing two soldiers, a security source said."
    body2 = "The army sent reinforcements to the area and began a search operation in nearby villages."
    head = "Army Launches Sweep South of Kirkuk"
    # one blank line and nothing else: a subhead inside one article (dropped from the text)
    arts = _articles(f"{head}\n\n{body1}\n\nSearch Widens to Nearby Villages\n\n{body2}\n")
    assert len(arts) == 1 and arts[0].title == head
    assert "Search Widens" not in arts[0].text and body2 in arts[0].text
    # two blank lines before a headline-shaped line: a new article
    arts = _articles(f"{head}\n\n{body1}\n\n\nSearch Widens to Nearby Villages\n\n{body2}\n")
    assert [a.title for a in arts] == [head, "Search Widens to Nearby Villages"]
    # a dateline opening the next paragraph is evidence too
    arts = _articles(f"{head}\n\n{body1}\n\nBomb Hits Market in Tuz Khurmatu\n\nTUZ KHURMATU, Iraq - {body2}\n")
    assert [a.title for a in arts] == [head, "Bomb Hits Market in Tuz Khurmatu"]


def test_sentence_case_headline_after_chrome():
    text = ("Related News\n\nArmed group says it shot down a drone over Hodeidah\n\n"
            "A spokesman for the group said its air defences hit the aircraft on Sunday evening over the city.\n")
    arts = _articles(text)
    assert [a.title for a in arts] == ["Armed group says it shot down a drone over Hodeidah"]


def test_hard_wrapped_paragraphs_are_joined():
    text = ("Clashes Reported in Daraa Countryside\n\n"
            "Gunmen attacked a checkpoint held by government forces in the western\n"
            "countryside of Daraa on Saturday night, killing one soldier, local\n"
            "activists said on Sunday.\n\n"
            "The attackers fled toward the town of Tafas after the exchange of fire.\n")
    arts = _articles(text)
    assert len(arts) == 1
    assert arts[0].text.split("\n\n")[0].startswith("Gunmen attacked a checkpoint held by government forces in the western countryside")


def test_caller_date_for_one_article_text():
    arts = _articles("Clashes erupted in Saraqib on Monday, a monitor said, leaving three fighters dead.",
                     published="2020-03-02", url="https://www.example-news.org/a/1")
    assert (arts[0].published, arts[0].published_precision) == ("2020-03-02", "explicit")
    assert arts[0].url == "https://www.example-news.org/a/1"
    assert arts[0].outlet == "example-news.org"


def test_looks_like_headline():
    assert looks_like_headline("Turkey Sends More Armour Into Idlib")
    assert looks_like_headline("Who Fired the Rockets at Kirkuk Airbase?")
    assert not looks_like_headline("The army said five soldiers were killed in the attack on Monday.")
    assert not looks_like_headline("Related News")
    assert not looks_like_headline("• Seizing two villages,")


def test_chrome_patterns_have_kinds():
    chrome = load_chrome()
    assert chrome.match("Related Videos").kind == "related"
    assert chrome.match("Continue here").kind == "end"
    assert chrome.match("Posted by Desk on").author == "Desk"
    assert chrome.match("South Front").outlet == "South Front"
    assert chrome.match("Syria News").kind == "section"
    assert chrome.match("The army said five soldiers were killed in the attack on Monday.") is None


@pytest.mark.slow
def test_large_dump_is_linear():
    import time

    unit = DUMP.encode()
    small = (unit * 40).decode()
    big = (unit * 400).decode()
    # CPU time of this process (wall time on a shared CI machine measures the neighbours), best of
    # three for each size: a single run can be stretched by a page-fault or GC hiccup (measured here:
    # 0.86 ms per article at 40, 200, 400 and 800 copies)
    def best(text: str) -> tuple[float, int]:
        times, n = [], 0
        for _ in range(3):
            t0 = time.process_time()
            n = len(segment_text(text).segments)
            times.append(time.process_time() - t0)
        return min(times), n

    t_small, n_small = best(small)
    t_big, n_big = best(big)
    assert n_big == 10 * n_small
    # ten times the text must not take much more than ten times as long (quadratic would be 100x)
    assert t_big < 25 * max(t_small, 0.01)


# Headline beginnings of the articles on the seed page (a few words each, facts not prose).
SEED_TITLE_STARTS = ["COVID-19: UN Revisits", "US Forces Use Rukban", "Iraq’s Hezb Allah", "Five Years of War",
                     "Sayyed Abdul Malik", "Yemen’s Armed Forces Score", "Armed Forces spokesman Announces"]
SEED_CHROME = ["Related News", "Related Videos", "Continue here", "Click to see the full-size image",
               "%d bloggers like this:", "Translated by Staff", "Syria News", "South Front", "End of statement"]


@pytest.mark.shared
def test_seed_page_is_split_at_its_headlines(settings):
    path = shared_path("samples", "seed-page.txt")
    (doc,) = list(read_inputs([str(path)], settings))
    result = extract_articles(doc)
    arts = result.articles
    page = doc.content.decode("utf-8").replace("\xa0", " ")
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    assert len(arts) >= 7
    # chrome: the lines named here, plus every line the boilerplate patterns classify
    chrome = load_chrome()
    chrome_lines = {line for line in lines if chrome.match(line)}
    for name in SEED_CHROME:
        assert name in chrome_lines
    chrome_lines |= {line for line in lines if line.startswith("Posted by") or line.startswith("March 30, 2020")}
    titles = [a.title for a in arts if a.title]
    for a in arts:
        paragraphs = set(a.text.split("\n\n"))
        assert not paragraphs & chrome_lines, a.title
        assert not paragraphs & set(titles), a.title  # headline lines appear in no article text
    # every expected headline starts exactly one title, and every title is a headline line of the page
    for start in SEED_TITLE_STARTS:
        assert sum(1 for t in titles if t.startswith(start)) == 1, start
    for a in arts:
        body_start = a.text.split("\n\n")[0]
        assert body_start in lines
        if a.title:
            assert a.title in lines and looks_like_headline(a.title)
            # the article begins at its headline: its body comes after it, within a few lines
            gap = lines.index(body_start) - lines.index(a.title)
            assert 1 <= gap <= 4, a.title
    # the page starts mid-article: that article has no headline (none is invented)
    assert arts[0].title is None and page.startswith(arts[0].text[:200])


def test_short_text_without_body_is_still_one_article():
    arts = _articles("Two killed in Saraqib clash")
    assert [(a.title, a.text) for a in arts] == [(None, "Two killed in Saraqib clash")]
    result = extract_articles(document_from_text("Related News\n\nShare this:\n"))
    assert result.articles == [] and [f.code for f in result.failures] == ["X101"]
