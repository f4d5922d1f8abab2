"""Extraction: HTML, JSONL, CSV, WARC and feeds to articles; bad records fail alone."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from strife.extract import ExtractResult, extract_articles
from strife.ingest import ATOM, RSS, WARC, IngestOptions, read_inputs
from strife.records import Article, RawDocument

DEMO = Path(__file__).resolve().parents[1] / "demo"

PARA1 = ("Gunmen attacked a police checkpoint on the road between Ghazni city and Qarabagh on Tuesday night, "
         "killing four officers and wounding two, the provincial police chief said on Wednesday.")
PARA2 = ("He said the attackers, whom he described as Taliban fighters, took weapons from the checkpoint before "
         "reinforcements arrived. The Taliban did not comment on the attack.")
PARA3 = ("The highway has seen a rise in violence since the start of the year, with several checkpoints overrun "
         "and at least two bridges damaged by explosions.")

PAGE = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Four Police Officers Killed in Ghazni Checkpoint Attack | Afghan Daily Wire</title>
<meta property="og:title" content="Four Police Officers Killed in Ghazni Checkpoint Attack">
<meta property="og:site_name" content="Afghan Daily Wire">
<meta name="author" content="Nadia Rahimi">
<meta property="article:published_time" content="2020-03-18T07:00:00Z">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><article>
<h1>Four Police Officers Killed in Ghazni Checkpoint Attack</h1>
<p>{PARA1}</p>
<p>{PARA2}</p>
<p>{PARA3}</p>
</article></main>
<aside><h2>Related News</h2><ul><li><a href="/x">Snow closes Salang pass</a></li></ul></aside>
<footer>Copyright 2020 Afghan Daily Wire</footer>
</body></html>"""


def _doc(tmp_path: Path, name: str, content: bytes | str, settings, **kw) -> RawDocument:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    (doc,) = list(read_inputs([str(path)], settings, **kw))
    assert isinstance(doc, RawDocument), doc
    return doc


def test_html_main_text_and_metadata(tmp_path, settings):
    result = extract_articles(_doc(tmp_path, "ghazni.html", PAGE, settings))
    assert isinstance(result, ExtractResult) and result.failures == []
    (a,) = result.articles
    assert isinstance(a, Article)
    assert a.title == "Four Police Officers Killed in Ghazni Checkpoint Attack"
    assert a.text == "\n\n".join([PARA1, PARA2, PARA3])
    for chrome in ("Home", "Sport", "Snow closes Salang pass", "Copyright"):
        assert chrome not in a.text
    assert (a.byline, a.outlet) == ("Nadia Rahimi", "Afghan Daily Wire")
    assert (a.published, a.published_precision) == ("2020-03-18", "explicit")
    assert a.id == Article.make_id(a.title, a.text)


def test_truncated_html_keeps_what_is_there(tmp_path, settings):
    cut = PAGE[: PAGE.index(PARA2) + 60]  # the file ends inside the second paragraph
    (a,) = extract_articles(_doc(tmp_path, "cut.html", cut, settings)).articles
    assert a.text.startswith(PARA1)
    assert PARA2[:50] in a.text
    assert a.title == "Four Police Officers Killed in Ghazni Checkpoint Attack"


def test_html_in_divs_uses_a_fallback(tmp_path, settings):
    html = (f"<html><head><title>Ghazni attack</title></head><body><div class='x'><div>{PARA1}</div>"
            f"<div>{PARA2}</div></div></body></html>")
    (a,) = extract_articles(_doc(tmp_path, "divs.html", html, settings)).articles
    assert PARA1 in a.text and PARA2 in a.text


def test_html_without_text_is_X101(tmp_path, settings):
    result = extract_articles(_doc(tmp_path, "empty.html", "<html><head><title>x</title></head><body>"
                                   "<script>var a=1;</script></body></html>", settings))
    assert result.articles == []
    assert [(f.code, f.stage) for f in result.failures] == [("X101", "extract")]


def test_html_date_inferred_from_text_when_no_metadata(tmp_path, settings):
    html = (f"<html><body><article><h1>Ghazni attack</h1><p>{PARA1} The attack on March 17, 2020 was the third "
            f"this month.</p><p>{PARA2}</p></article></body></html>")
    (a,) = extract_articles(_doc(tmp_path, "nodate.html", html, settings)).articles
    assert (a.published, a.published_precision) == ("2020-03-17", "inferred")


def test_jsonl_bad_line_fails_alone(tmp_path, settings):
    lines = [
        json.dumps({"title": "Clash in Saraqib", "text": PARA1, "url": "https://www.levant-wire.example/1",
                    "published": "2020-03-02"}),
        '{"title": "broken", "text": "no closing brace"',
        json.dumps({"title": "Page", "html": f"<html><body><article><p>{PARA2}</p></article></body></html>",
                    "outlet": "Kabul Wire"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no text at all"}),
        "",
    ]
    result = extract_articles(_doc(tmp_path, "wire.jsonl", "\n".join(lines), settings))
    assert [a.title for a in result.articles] == ["Clash in Saraqib", "Page"]
    first, second = result.articles
    assert first.text == PARA1 and first.url == "https://www.levant-wire.example/1"
    assert first.outlet == "levant-wire.example"
    assert (first.published, first.published_precision) == ("2020-03-02", "explicit")
    assert second.text == PARA2 and second.outlet == "Kabul Wire"
    assert [(f.code, f.item.rsplit("#", 1)[1], f.stage) for f in result.failures] == [
        ("I106", "line 2", "extract"), ("I106", "line 4", "extract"), ("I106", "line 5", "extract")]


def test_jsonl_custom_fields(tmp_path, settings):
    line = json.dumps({"headline": "Clash", "body": PARA1, "date": "March 2, 2020", "link": "http://a.example/x"})
    options = IngestOptions(text_column="body", title_column="headline", date_column="date", url_column="link")
    doc = _doc(tmp_path, "custom.jsonl", line, settings, options=options)
    (a,) = extract_articles(doc).articles  # options travel in doc.meta
    assert (a.title, a.text, a.published, a.url) == ("Clash", PARA1, "2020-03-02", "http://a.example/x")


def test_csv_rows_are_articles(tmp_path, settings):
    import csv

    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["title", "text", "url", "published", "outlet"])
    writer.writerow(["Checkpoint attack", PARA1 + "\n\n" + PARA2, "https://x.example/a", "2020-03-18", "Wire"])
    writer.writerow(["Empty", "", "", "", ""])
    writer.writerow(["Highway violence", PARA3, "", "", ""])
    result = extract_articles(_doc(tmp_path, "rows.csv", buf.getvalue(), settings))
    assert [a.title for a in result.articles] == ["Checkpoint attack", "Highway violence"]
    assert result.articles[0].text == PARA1 + "\n\n" + PARA2
    assert result.articles[0].outlet == "Wire" and result.articles[0].published == "2020-03-18"
    assert [(f.code, f.item.rsplit("#", 1)[1]) for f in result.failures] == [("X101", "row 3")]


def test_csv_missing_column_at_extract_is_I107(settings):
    doc = RawDocument(id="x", source="rows.csv", content=b"a,b\n1,2\n", media_type="text/csv",
                      fetched_at="2020-01-01T00:00:00+00:00")
    result = extract_articles(doc)
    assert result.articles == [] and [f.code for f in result.failures] == ["I107"]


def _warc(gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)

    def response(uri, ctype, body, status="200 OK"):
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                           warc_headers_dict={"WARC-Date": "2020-03-19T10:00:00Z"})
        writer.write_record(record)

    response("https://news.example.org/ghazni", "text/html; charset=utf-8", PAGE.encode())
    response("https://news.example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n....")
    response("https://news.example.org/brief.txt", "text/plain", (PARA3 + "\n").encode())
    response("https://news.example.org/gone", "text/html", b"<html>gone</html>", status="404 Not Found")
    return out.getvalue()


@pytest.mark.parametrize("gz", [False, True])
def test_warc_response_records(tmp_path, settings, gz):
    doc = _doc(tmp_path, "crawl.warc.gz" if gz else "crawl.warc", _warc(gz), settings)
    assert doc.media_type == WARC
    result = extract_articles(doc)
    assert [a.url for a in result.articles] == ["https://news.example.org/ghazni", "https://news.example.org/brief.txt"]
    page, brief = result.articles
    assert page.title == "Four Police Officers Killed in Ghazni Checkpoint Attack" and page.text.startswith(PARA1)
    assert brief.text == PARA3
    # no date in the text: the crawl date is the document date
    assert (brief.published, brief.published_precision) == ("2020-03-19", "document")
    assert [(f.code, f.item) for f in result.failures] == [("I113", "https://news.example.org/gone")]


def test_bad_warc_is_I111(settings):
    doc = RawDocument(id="x", source="bad.warc", content=b"this is not a warc file at all",
                      media_type=WARC, fetched_at="2020-01-01T00:00:00+00:00")
    assert [f.code for f in extract_articles(doc).failures] == ["I111"]
    doc = RawDocument(id="y", source="bad.warc.gz", content=gzip.compress(b"WARC/1.0\r\nbroken"),
                      media_type=WARC, fetched_at="2020-01-01T00:00:00+00:00")
    assert [f.code for f in extract_articles(doc).failures] == ["I111"]


RSS_FEED = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Frontline Wire</title><link>https://frontline.example.org</link>
<item><title>Checkpoint attack in Ghazni</title><link>https://frontline.example.org/1</link>
<pubDate>Wed, 18 Mar 2020 06:00:00 GMT</pubDate>
<description>&lt;p&gt;{PARA1}&lt;/p&gt;&lt;p&gt;{PARA2}&lt;/p&gt;</description></item>
<item><title>Highway violence rises</title><link>https://frontline.example.org/2</link>
<description>{PARA3}</description></item>
<item><title>Title only</title><link>https://frontline.example.org/3</link></item>
</channel></rss>"""

ATOM_FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Yemen Desk</title><id>urn:x</id><updated>2020-03-20T00:00:00Z</updated>
<entry><title>Strike near Marib</title><link href="https://yemen.example.org/strike"/><id>urn:1</id>
<published>2020-03-20T08:00:00Z</published><updated>2020-03-20T08:00:00Z</updated>
<content type="html">&lt;p&gt;{PARA3}&lt;/p&gt;</content></entry>
</feed>"""


def test_rss_feed_entries_are_articles(tmp_path, settings):
    doc = _doc(tmp_path, "wire.rss", RSS_FEED, settings)
    assert doc.media_type == RSS
    result = extract_articles(doc)
    assert [a.title for a in result.articles] == ["Checkpoint attack in Ghazni", "Highway violence rises"]
    first, second = result.articles
    assert first.text == PARA1 + "\n\n" + PARA2
    assert (first.url, first.outlet) == ("https://frontline.example.org/1", "Frontline Wire")
    assert (first.published, first.published_precision) == ("2020-03-18", "explicit")
    assert second.text == PARA3 and second.published_precision in ("document", "unknown")
    assert [(f.code, f.item) for f in result.failures] == [("X101", "https://frontline.example.org/3")]


def test_atom_feed_entries_are_articles(tmp_path, settings):
    doc = _doc(tmp_path, "desk.xml", ATOM_FEED, settings)
    assert doc.media_type == ATOM
    (a,) = extract_articles(doc).articles
    assert (a.title, a.text, a.url, a.published, a.outlet) == (
        "Strike near Marib", PARA3, "https://yemen.example.org/strike", "2020-03-20", "Yemen Desk")


def test_broken_feed_is_I112(tmp_path, settings):
    doc = RawDocument(id="z", source="x.rss", content=b"<rss><channel><item>", media_type=RSS,
                      fetched_at="2020-01-01T00:00:00+00:00")
    assert [f.code for f in extract_articles(doc).failures] == ["I112"]


def test_demo_corpus(settings):
    docs = list(read_inputs([str(DEMO)], settings))
    assert all(isinstance(d, RawDocument) for d in docs)
    articles = [a for d in docs for a in extract_articles(d).articles]
    assert 5 <= len(articles) <= 9
    assert {d.media_type for d in docs} >= {"text/plain", "text/html", "application/x-ndjson"}
    assert all(a.published and a.published.startswith("2020-") for a in articles)
    assert sum(1 for a in articles if a.title) >= 5
