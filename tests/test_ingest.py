"""Ingest: paths, folders and URLs to raw documents; every bad input becomes a coded failure."""

from __future__ import annotations

import hashlib
import http.server
import os
import socket
import struct
import threading
import time
import zlib
from pathlib import Path

import httpx
import pytest

from strife.extract import extract_articles
from strife.ingest import (ATOM, CSV, HTML, JSONL, RSS, TEXT, WARC, Fetcher, IngestOptions, check_address,
                           decode_text, document_from_text, read_inputs)
from strife.records import Failure, RawDocument

BODY = ("Gunmen on motorcycles opened fire on a checkpoint near Saraqib on Monday, killing two soldiers, "
        "a military source said.\n\nThe attackers escaped toward the west, the source added.\n")
PUBLIC_IP = "93.184.215.14"  # a public address: the private-host guard lets it through without DNS


def _read(paths, settings, **kw):
    return list(read_inputs([str(p) for p in paths], settings, **kw))


def _one(paths, settings, **kw):
    (out,) = _read(paths, settings, **kw)
    return out


def _png() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"\x00\xff\x00\x00"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# --- files and folders ------------------------------------------------------------------------------

def test_text_file_becomes_a_document(tmp_path, settings):
    path = tmp_path / "report.txt"
    path.write_text(BODY, encoding="utf-8")
    stamp = time.mktime((2020, 3, 30, 12, 0, 0, 0, 0, -1))
    os.utime(path, (stamp, stamp))
    doc = _one([path], settings)
    assert isinstance(doc, RawDocument)
    assert doc.id == hashlib.sha256(path.read_bytes()).hexdigest()
    assert doc.content == path.read_bytes()
    assert doc.media_type == TEXT
    assert doc.source == str(path)
    assert doc.source_date is None  # the mtime (2020-03-30 here) is not a publication date
    assert doc.meta["options"]["text_column"] == "text"
    dated = _one([path], settings, options=IngestOptions(published="2020-04-02"))
    assert dated.source_date == "2020-04-02"  # the user's `--published`


def test_rereading_gives_the_same_ids(tmp_path, settings):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.html").write_text(f"<html><body><p>{BODY}</p></body></html>", encoding="utf-8")
    first = [(d.id, [a.id for a in extract_articles(d).articles]) for d in _read([tmp_path], settings)]
    second = [(d.id, [a.id for a in extract_articles(d).articles]) for d in _read([tmp_path], settings)]
    assert first == second and len(first) == 2


def test_folders_are_walked_recursively_in_sorted_order(tmp_path, settings):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(BODY + "z", encoding="utf-8")
    (tmp_path / "b" / "a.txt").write_text(BODY + "a", encoding="utf-8")
    (tmp_path / "a.txt").write_text(BODY + "top", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(BODY, encoding="utf-8")
    docs = _read([tmp_path], settings)
    assert [Path(d.source).relative_to(tmp_path).as_posix() for d in docs] == ["a.txt", "b/a.txt", "b/z.txt"]


@pytest.mark.parametrize("name,content,expected", [
    ("page.html", b"<html><body><p>Shelling in Ariha.</p></body></html>", HTML),
    ("page.htm", b"<p>Shelling in Ariha.</p>", HTML),
    ("lines.jsonl", b'{"text": "Shelling in Ariha."}\n', JSONL),
    ("lines.ndjson", b'{"text": "Shelling in Ariha."}\n', JSONL),
    ("rows.csv", b"title,text\nA,Shelling in Ariha.\n", CSV),
    ("feed.rss", b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', RSS),
    ("feed.atom", b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', ATOM),
    ("feed.xml", b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', ATOM),
    ("news.xml", b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', RSS),
    ("crawl.warc", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n\r\n", WARC),
    # no extension: sniffed
    ("noext1", b"<!DOCTYPE html><html><body>x</body></html>", HTML),
    ("noext2", b'{"text": "Shelling in Ariha."}\n{"text": "More."}\n', JSONL),
    ("noext3", b'<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', RSS),
    ("noext4", b"WARC/1.1\r\nWARC-Type: warcinfo\r\n\r\n", WARC),
    ("noext5", b"Shelling in Ariha killed two people.\n", TEXT),
    ("notes.md", b"Shelling in Ariha killed two people.\n", TEXT),
])
def test_media_type_by_extension_and_sniffing(tmp_path, settings, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    doc = _one([path], settings)
    assert isinstance(doc, RawDocument), doc
    assert doc.media_type == expected


# --- bad input: one coded failure each, and the other inputs go on --------------------------------

def test_missing_path_is_I101(tmp_path, settings):
    good = tmp_path / "good.txt"
    good.write_text(BODY, encoding="utf-8")
    out = _read([tmp_path / "nope.txt", good], settings)
    assert isinstance(out[0], Failure) and out[0].code == "I101" and out[0].stage == "ingest"
    assert isinstance(out[1], RawDocument)


def test_empty_files_are_I102(tmp_path, settings):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n\t ")
    out = _read([tmp_path], settings)
    assert [(type(o).__name__, o.code) for o in out] == [("Failure", "I102"), ("Failure", "I102")]
    assert out[0].item.endswith("blank.txt")


@pytest.mark.parametrize("name,content", [
    ("image.png", None),
    ("nul.txt", b"Shelling in Ariha\x00\x00\x01\x02\x00\x00 killed \x00\x00\x03 two\x00\x00\x00"),
    ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
    ("random.bin", bytes(range(1, 32)) * 40),
])
def test_binary_files_are_I103(tmp_path, settings, name, content):
    path = tmp_path / name
    path.write_bytes(content if content is not None else _png())
    out = _one([path], settings)
    assert isinstance(out, Failure) and out.code == "I103", out


@pytest.mark.parametrize("encoding,text", [
    ("cp1256", "قالت مصادر محلية إن غارة جوية استهدفت سوقا شعبيا في مدينة مأرب يوم الاثنين، ما أدى إلى مقتل "
               "خمسة مدنيين وإصابة آخرين. وأضافت المصادر أن الطائرات حلقت فوق المدينة لساعات."),
    ("latin-1", "Le café de la place à Kirkouk a été touché; trois blessés selon la défense civile. "
                "Déclaration du préfet à la presse."),
    ("cp1252", "Fighters in Maarat al-Numan — so-called “rebels” — fired on the café, the mayor’s office said."),
    ("utf-16", "Clashes in Saraqib: “two dead” — الجيش السوري says."),  # Python's utf-16 writes a BOM
    ("utf-8-sig", "Clashes in Saraqib: “two dead”, officials said."),
    ("utf-16-le", "Clashes in Saraqib killed two soldiers on Monday, a source said."),  # no BOM
])
def test_legacy_encodings_are_decoded_not_failed(tmp_path, settings, encoding, text):
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode(encoding))
    doc = _one([path], settings)
    assert isinstance(doc, RawDocument), doc
    result = extract_articles(doc)
    assert result.failures == []
    assert " ".join(a.text for a in result.articles) == text
    if encoding == "cp1256":
        assert result.articles[0].language == "ar"


def test_undecodable_bytes_are_I104(tmp_path, settings):
    path = tmp_path / "garbled.txt"
    path.write_bytes(("Saraqib الجيش".encode() + b"\xff\xfe\xfd\xc0\xc1") * 100)
    out = _one([path], settings)
    assert isinstance(out, Failure) and out.code == "I104"
    with pytest.raises(Exception) as info:
        decode_text(bytes(range(128, 256)) * 8)
    assert getattr(info.value, "code", None) == "I104"


def test_too_large_is_I105_without_reading(tmp_path, settings):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:  # a sparse 60 MB file: costs no disk and no reading
        fh.truncate(60 * 1024 * 1024)
    small = settings.with_(max_input_mb=50)
    t0 = time.perf_counter()
    out = _one([path], small)
    assert isinstance(out, Failure) and out.code == "I105"
    assert "60.0 MB" in out.message
    assert time.perf_counter() - t0 < 1.0


def test_csv_without_text_column_is_I107(tmp_path, settings):
    path = tmp_path / "rows.csv"
    path.write_text("headline,body\nA,Shelling in Ariha killed two.\n", encoding="utf-8")
    out = _one([path], settings)
    assert isinstance(out, Failure) and out.code == "I107" and "body" in out.message
    doc = _one([path], settings, options=IngestOptions(text_column="body"))
    assert isinstance(doc, RawDocument)
    assert [a.text for a in extract_articles(doc).articles] == ["Shelling in Ariha killed two."]


def test_xml_that_is_not_a_feed_is_I112(tmp_path, settings):
    path = tmp_path / "data.xml"
    path.write_text('<?xml version="1.0"?><catalog><book/></catalog>', encoding="utf-8")
    out = _one([path], settings)
    assert isinstance(out, Failure) and out.code == "I112"


# --- document_from_text -----------------------------------------------------------------------------

def test_document_from_text():
    doc = document_from_text(BODY, published="2020-03-30", url="https://example.org/a")
    assert doc.id == hashlib.sha256(BODY.encode()).hexdigest()
    assert (doc.source, doc.media_type) == ("<text>", TEXT)
    assert doc.meta["published"] == "2020-03-30" and doc.meta["url"] == "https://example.org/a"
    assert document_from_text(BODY).id == doc.id


# --- URLs through a mock transport -------------------------------------------------------------------

def _mock(routes: dict[str, httpx.Response | Exception]):
    def handler(request: httpx.Request) -> httpx.Response:
        answer = routes.get(str(request.url))
        if answer is None:
            return httpx.Response(404, text="not here")
        if isinstance(answer, Exception):
            raise answer
        return answer
    return httpx.MockTransport(handler)


def test_fetch_with_mock_transport(settings):
    url = f"http://{PUBLIC_IP}/news/airstrike.html"
    html = f"<html><body><article><p>{BODY}</p></article></body></html>"
    transport = _mock({url: httpx.Response(200, text=html, headers={
        "Content-Type": "text/html; charset=utf-8", "Last-Modified": "Mon, 30 Mar 2020 08:00:00 GMT"})})
    with Fetcher(settings, transport=transport) as fetcher:
        doc = _one([url], settings, fetcher=fetcher)
    assert isinstance(doc, RawDocument)
    assert (doc.media_type, doc.source, doc.source_date) == (HTML, url, "2020-03-30")
    assert doc.meta["url"] == url and doc.meta["charset"] == "utf-8"
    assert doc.id == hashlib.sha256(html.encode()).hexdigest()
    articles = extract_articles(doc).articles
    assert articles and "checkpoint near Saraqib" in articles[0].text
    assert articles[0].url == url


def test_feed_url_is_a_feed_document(settings):
    url = f"http://{PUBLIC_IP}/feed"
    rss = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Clash in Ghazni</title>'
           '<link>http://example.org/1</link><description>Police and Taliban fighters clashed in Ghazni on '
           'Monday, officials said.</description></item></channel></rss>')
    transport = _mock({url: httpx.Response(200, text=rss, headers={"Content-Type": "application/rss+xml"})})
    doc = _one([url], settings, fetcher=Fetcher(settings, transport=transport))
    assert doc.media_type == RSS
    assert [a.title for a in extract_articles(doc).articles] == ["Clash in Ghazni"]


def test_http_error_status_is_I113(settings):
    url = f"http://{PUBLIC_IP}/gone"
    transport = _mock({url: httpx.Response(410, text="gone")})
    out = _read([url, f"http://{PUBLIC_IP}/missing"], settings, fetcher=Fetcher(settings, transport=transport))
    assert [(o.code, o.stage) for o in out] == [("I113", "ingest"), ("I113", "ingest")]
    assert "410" in out[0].message and "404" in out[1].message


def test_unreachable_url_is_I108(settings):
    url = f"http://{PUBLIC_IP}/slow"
    transport = _mock({url: httpx.ConnectError("connection refused")})
    out = _one([url], settings, fetcher=Fetcher(settings, transport=transport))
    assert isinstance(out, Failure) and out.code == "I108"
    fetcher = Fetcher(settings, transport=_mock({}), resolver=lambda host: (_ for _ in ()).throw(
        socket.gaierror("Name or service not known")))
    out = _one(["http://no-such-host.invalid/x"], settings, fetcher=fetcher)
    assert out.code == "I108"


def test_too_large_response_is_I105(settings):
    url = f"http://{PUBLIC_IP}/big.txt"
    transport = _mock({url: httpx.Response(200, content=b"x" * (2 * 1024 * 1024 + 10))})
    small = settings.with_(max_input_mb=2)
    out = _one([url], small, fetcher=Fetcher(small, transport=transport))
    assert isinstance(out, Failure) and out.code == "I105"


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/admin", "http://10.1.2.3/", "http://192.168.0.10/", "http://169.254.169.254/latest/meta-data",
    "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://172.16.5.4:8080/feed",
])
def test_private_addresses_are_refused_I109(settings, url):
    transport = _mock({})  # would answer 404 if the request were sent
    out = _one([url], settings, fetcher=Fetcher(settings, transport=transport))
    assert isinstance(out, Failure) and out.code == "I109", out


def test_host_names_are_resolved_before_the_check(settings):
    fetcher = Fetcher(settings, transport=_mock({}), resolver=lambda host: ["93.184.215.14", "10.0.0.7"])
    out = _one(["http://mixed.example.org/"], settings, fetcher=fetcher)
    assert out.code == "I109" and "10.0.0.7" in out.message
    out = _one(["http://localhost:9/"], settings, fetcher=Fetcher(settings, transport=_mock({})))
    assert out.code == "I109"


def test_redirect_to_a_private_address_is_refused(settings):
    start = f"http://{PUBLIC_IP}/r"
    transport = _mock({start: httpx.Response(302, headers={"Location": "http://127.0.0.1/secret"})})
    out = _one([start], settings, fetcher=Fetcher(settings, transport=transport))
    assert out.code == "I109"


def test_check_address():
    assert check_address("8.8.8.8") is None
    assert check_address("127.0.0.1") == "loopback"
    assert check_address("fe80::1") == "link-local"


# --- a real local HTTP server ---------------------------------------------------------------------

@pytest.fixture()
def local_server(tmp_path):
    (tmp_path / "page.html").write_text(
        f"<html><head><title>Checkpoint attack near Saraqib</title></head><body><article><p>{BODY}</p>"
        "</article></body></html>", encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(tmp_path), **kw)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_local_server_needs_allow_private_urls(local_server, settings):
    out = _one([f"{local_server}/page.html"], settings)
    assert isinstance(out, Failure) and out.code == "I109"
    allowed = settings.with_(allow_private_urls=True)
    docs = _read([f"{local_server}/page.html", f"{local_server}/missing.html"], allowed)
    assert isinstance(docs[0], RawDocument) and docs[0].media_type == HTML
    assert docs[0].source_date is not None  # from Last-Modified
    assert isinstance(docs[1], Failure) and docs[1].code == "I113"
    (article,) = extract_articles(docs[0]).articles
    assert article.title == "Checkpoint attack near Saraqib"


def test_closed_local_port_is_I108(settings):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    allowed = settings.with_(allow_private_urls=True, http_timeout=2.0)
    out = _one([f"http://127.0.0.1:{port}/x"], allowed)
    assert isinstance(out, Failure) and out.code == "I108"
