"""The REST API (strife.web) and the read layer (strife.store.query), in-process through TestClient.

Data is written straight into the tables with SQLAlchemy Core (``seed_demo``), so these tests need
neither the language model nor the coding stages.  The ``store`` fixture runs each test on SQLite
and, when a server can start, on PostgreSQL.
"""

from __future__ import annotations

import csv
import io
import json
import time

import pytest
from fastapi.testclient import TestClient

from strife.records import ACLED_COLUMNS
from strife.store import query as Q
from strife.store import schema

# -- test data ----------------------------------------------------------------------------------

# Short reports written for these tests (no text from ../shared).
REPORT_A = (
    "Government troops shelled the outskirts of Saraqib on 3 March, killing at least four civilians, "
    "a local monitoring group said. A spokesman for the opposition fighters put the toll at nine."
)
REPORT_B = (
    "Residents of Saraqib said artillery fire from army positions struck a market on Tuesday; "
    "medics reported five dead."
)
HOSTILE_TITLE = '<img src=x onerror="window.__pwned=1">Hostile <b>title</b>'
HOSTILE_TEXT = (
    "Protesters gathered in Sanaa on 5 March. <script>window.__pwned = 1; alert('xss')</script> "
    "Witnesses said police fired tear gas. <img src=x onerror=\"window.__pwned=1\"> "
    "<a href=\"javascript:window.__pwned=1\">more</a>"
)

PLACES = [  # (country, location, admin1, lat, lon) - real coordinates, rounded
    ("Syria", "Saraqib", "Idleb", 35.8623, 36.8006),
    ("Syria", "Aleppo", "Aleppo", 36.2021, 37.1343),
    ("Iraq", "Mosul", "Ninewa", 36.3350, 43.1189),
    ("Iraq", "Baghdad", "Baghdad", 33.3406, 44.4009),
    ("Yemen", "Sanaa", "Amanat al Asimah", 15.3547, 44.2067),
    ("Yemen", "Marib", "Marib", 15.4629, 45.3253),
]
TYPES = [  # (event_type, sub_event_type, disorder_type)
    ("Battles", "Armed clash", "Political violence"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"),
    ("Violence against civilians", "Attack", "Political violence"),
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Riots", "Violent demonstration", "Demonstrations"),
    ("Strategic developments", "Looting/property destruction", "Strategic developments"),
]
ACTORS = ["Military Forces of Syria (2000-)", "Islamic State (Iraq)", "Houthi Movement (Yemen)",
          "Protesters (Yemen)", "Hayat Tahrir al Sham", "Civilians (Syria)"]


def _span(text: str, needle: str, field: str, article_id: str) -> dict:
    start = text.index(needle)
    return {"field": field, "start": start, "end": start + len(needle), "text": needle, "article_id": article_id}


def _event_row(i: int, **over) -> dict:
    country, location, admin1, lat, lon = PLACES[i % len(PLACES)]
    etype, sub, disorder = TYPES[i % len(TYPES)]
    day = 1 + (i % 20)
    now = int(time.time())
    row = dict(
        id=f"ev{i:04d}", event_date=f"2020-03-{day:02d}", year=2020, time_precision=1, disorder_type=disorder,
        event_type=etype, sub_event_type=sub, actor1=ACTORS[i % len(ACTORS)], assoc_actor_1=None, inter1=1,
        actor2=ACTORS[(i + 1) % len(ACTORS)], assoc_actor_2=None, inter2=7, interaction=17,
        civilian_targeting=etype == "Violence against civilians", iso=None, region="Middle East", country=country,
        admin1=admin1, admin2=None, admin3=None, location=location,
        latitude=lat + (i % 7) * 0.01, longitude=lon + (i % 5) * 0.01, geo_precision=1,
        source="Test Wire", source_scale="National", notes=f"Synthetic report {i} near {location}.",
        fatalities=i % 4, fatalities_low=None, fatalities_best=None, fatalities_high=None, tags=None,
        timestamp=now - 1000 + i, created_at=now - 1000, mention_count=0, claims=[], evidence=[],
        deleted=False, run_id=None,
    )
    row.update(over)
    return row


def seed_demo(store, n: int = 30) -> dict:
    """``n`` synthetic events over 20 days, 6 types and 3 countries, plus two reported in real articles
    (with claims and evidence spans) and one from an article full of HTML/script."""
    now = int(time.time())
    doc = dict(id="d" * 64, source="test", media_type="text/plain", content=b"x", size=1,
               fetched_at="2020-03-06T00:00:00+00:00", source_date=None, meta={}, run_id=None, status="done",
               articles=3)
    arts = [
        dict(id="artA", document_id=doc["id"], position=0, title="Shelling near Saraqib", text=REPORT_A,
             url="https://news.example.org/a", outlet="Example News", byline=None, published="2020-03-04",
             published_precision="explicit", language="en", meta={}, run_id=None),
        dict(id="artB", document_id=doc["id"], position=1, title="Market struck", text=REPORT_B,
             url="https://wire.example.net/b", outlet="Example Wire", byline=None, published="2020-03-04",
             published_precision="explicit", language="en", meta={}, run_id=None),
        dict(id="artH", document_id=doc["id"], position=2, title=HOSTILE_TITLE, text=HOSTILE_TEXT,
             url="javascript:window.__pwned=1", outlet="<script>window.__pwned=1</script>", byline=None,
             published="2020-03-05", published_precision="explicit", language="en", meta={}, run_id=None),
    ]
    ev_a = [_span(REPORT_A, "shelled", "event_type", "artA"), _span(REPORT_A, "Government troops", "actor1", "artA"),
            _span(REPORT_A, "Saraqib", "location", "artA"), _span(REPORT_A, "four civilians", "fatalities", "artA")]
    claims_a = [
        {"kind": "fatalities", "value": 4, "low": 4, "high": None, "claimant": "a local monitoring group",
         "hedges": ["at least"], **{k: v for k, v in _span(REPORT_A, "at least four civilians", "", "artA").items()
                                     if k != "field"}},
        {"kind": "fatalities", "value": 9, "low": None, "high": None, "claimant": "opposition fighters",
         "hedges": [], **{k: v for k, v in _span(REPORT_A, "nine", "", "artA").items() if k != "field"}},
    ]
    ev_b = [_span(REPORT_B, "artillery fire", "event_type", "artB"), _span(REPORT_B, "five dead", "fatalities", "artB")]
    claims_b = [{"kind": "fatalities", "value": 5, "low": None, "high": None, "claimant": "medics", "hedges": [],
                 **{k: v for k, v in _span(REPORT_B, "five dead", "", "artB").items() if k != "field"}}]
    ev_h = [_span(HOSTILE_TEXT, "Protesters gathered", "event_type", "artH"),
            _span(HOSTILE_TEXT, "<script>window.__pwned = 1; alert('xss')</script>", "notes", "artH")]

    def mention(mid, art, text, evidence, claims, event_id, etype, sub, claimant, hedges, fatalities):
        start = art["text"].index(text)
        return dict(id=mid, article_id=art["id"], event_id=event_id, start=start, end=start + len(text), text=text,
                    event_type=etype, sub_event_type=sub, disorder_type="Political violence", event_date="2020-03-03",
                    time_precision=1, actor1="Military Forces of Syria (2000-)", assoc_actor_1=None, inter1=1,
                    actor2="Civilians (Syria)", assoc_actor_2=None, inter2=7, interaction=17, civilian_targeting=True,
                    location="Saraqib", country="Syria", iso=760, region="Middle East", admin1="Idleb", admin2=None,
                    admin3=None, latitude=35.8623, longitude=36.8006, geo_precision=1, geo_method="gazetteer",
                    geo_confidence=0.9, gazetteer_id=None, fatalities=fatalities, claimant=claimant, hedges=hedges,
                    claims=claims, evidence=evidence, trigger=None, confidence=0.8, method="rules",
                    outlet=art["outlet"], notes=None, tags=None, run_id=None)

    shell = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    mentions = [
        mention("mA", arts[0], REPORT_A.split(". ")[0], ev_a, claims_a, "evSaraqib", *shell,
                "a local monitoring group", ["at least"], 4),
        mention("mB", arts[1], REPORT_B, ev_b, claims_b, "evSaraqib", *shell, "medics", [], 5),
        mention("mH", arts[2], "Protesters gathered in Sanaa on 5 March.", ev_h, [], "evHostile", "Protests",
                "Peaceful protest", None, [], 0),
    ]
    events = [_event_row(i) for i in range(n)]
    events.append(_event_row(
        900, id="evSaraqib", event_date="2020-03-03", event_type=shell[0], sub_event_type=shell[1],
        country="Syria", location="Saraqib", admin1="Idleb", latitude=35.8623, longitude=36.8006,
        actor1="Military Forces of Syria (2000-)", actor2="Civilians (Syria)", civilian_targeting=True,
        notes="Army shelling of Saraqib; tolls differ by source.", fatalities=4, fatalities_low=4,
        fatalities_best=5, fatalities_high=9, mention_count=2, claims=claims_a + claims_b, evidence=ev_a,
        source="Example News; Example Wire"))
    events.append(_event_row(
        901, id="evHostile", event_date="2020-03-05", event_type="Protests", sub_event_type="Peaceful protest",
        disorder_type="Demonstrations", country="Yemen", location="Sanaa", admin1="Amanat al Asimah",
        latitude=15.3547, longitude=44.2067, actor1="Protesters (Yemen)", actor2="Police Forces of Yemen",
        notes=HOSTILE_TEXT, fatalities=0, mention_count=1, evidence=ev_h))
    events.append(_event_row(902, id="evDeleted", deleted=True, timestamp=now + 5,
                             notes="Merged into evSaraqib."))
    with store.begin() as conn:
        conn.execute(schema.documents.insert(), [doc])
        conn.execute(schema.articles.insert(), arts)
        conn.execute(schema.mentions.insert(), mentions)
        conn.execute(schema.events.insert(), events)
        conn.execute(schema.event_changes.insert(), [
            dict(event_id="evSaraqib", change="created", other_id=None, reason="new", at=now - 1000, run_id=None),
            dict(event_id="evDeleted", change="merged", other_id="evSaraqib", reason="same place and day",
                 at=now + 5, run_id=None),
        ])
    return {"n": n, "live": n + 2, "now": now}


# -- fixtures -------------------------------------------------------------------------------------

@pytest.fixture()
def demo(store):
    info = seed_demo(store)
    return store, info


@pytest.fixture()
def client(demo, settings):
    from strife.web import create_app

    store, _ = demo
    with TestClient(create_app(settings, store)) as c:
        yield c


def _error(resp, status: int, code: str) -> dict:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert body["error"]["message"] and isinstance(body["error"]["hint"], str)
    return body["error"]


# -- the query layer ------------------------------------------------------------------------------

def test_query_filters(demo):
    store, info = demo
    assert Q.count_events(store, Q.EventFilter()) == info["live"]
    assert Q.count_events(store, Q.EventFilter(include_deleted=True)) == info["live"] + 1
    syria = Q.query_events(store, Q.EventFilter(country=("Syria",)), limit=None)
    assert syria and all(r["country"] == "Syria" for r in syria)
    two = Q.EventFilter(country="Syria|Iraq")
    assert two.country == ("Syria", "Iraq")
    assert Q.count_events(store, two) == sum(1 for r in Q.query_events(store, None, limit=None)
                                             if r["country"] in ("Syria", "Iraq"))
    ranged = Q.query_events(store, Q.EventFilter(since="2020-03-05", until="2020-03-07"), limit=None)
    assert ranged and all("2020-03-05" <= r["event_date"] <= "2020-03-07" for r in ranged)
    actor = Q.query_events(store, Q.EventFilter(actor="houthi"), limit=None)
    assert actor and all("Houthi" in (r["actor1"] or "") + (r["actor2"] or "") for r in actor)
    boxed = Q.query_events(store, Q.EventFilter(bbox=(40, 30, 46, 38)), limit=None)  # Iraq only
    assert boxed and {r["country"] for r in boxed} == {"Iraq"}
    words = Q.query_events(store, Q.EventFilter(q="tolls SARAQIB"), limit=None)
    assert [r["id"] for r in words] == ["evSaraqib"]
    # LIKE wildcards in user input match literally
    assert Q.count_events(store, Q.EventFilter(q="%")) == 0
    changed = Q.changed_since(store, info["now"])
    assert [r["id"] for r in changed] == ["evDeleted"]
    gone = Q.deletions(store)
    assert gone == [{"id": "evDeleted", "deleted_at": info["now"] + 5, "change": "merged",
                     "other_id": "evSaraqib", "reason": "same place and day"}]


def test_query_paging_fields_and_details(demo):
    store, info = demo
    page1 = Q.query_events(store, None, limit=10, offset=0)
    page2 = Q.query_events(store, None, limit=10, offset=10)
    assert len(page1) == 10 and not {r["id"] for r in page1} & {r["id"] for r in page2}
    dates = [r["event_date"] for r in page1 + page2]
    assert dates == sorted(dates, reverse=True)
    slim = Q.query_events(store, None, fields=["event_date", "latitude"], limit=3)
    assert all(set(r) == {"id", "event_date", "latitude"} for r in slim)
    assert "claims" not in page1[0] and "sources" not in page1[0]
    full = Q.query_events(store, Q.EventFilter(q="tolls"), with_details=True)
    assert [s["outlet"] for s in full[0]["sources"]] == ["Example News", "Example Wire"]
    assert len(full[0]["claims"]) == 3
    streamed = list(Q.iter_events(store, None, batch=7))
    assert len(streamed) == info["live"]
    with pytest.raises(Exception) as err:
        Q.query_events(store, None, fields=["nope"])
    assert "W102" in str(err.value)


def test_get_event_article_and_stats(demo):
    store, info = demo
    ev = Q.get_event(store, "evSaraqib")
    assert (ev["fatalities_low"], ev["fatalities_best"], ev["fatalities_high"]) == (4, 5, 9)
    assert [m["outlet"] for m in ev["mentions"]] == ["Example News", "Example Wire"]
    claimants = {c["claimant"]: c["value"] for m in ev["mentions"] for c in m["claims"]}
    assert claimants == {"a local monitoring group": 4, "opposition fighters": 9, "medics": 5}
    assert ev["mentions"][0]["hedges"] == ["at least"]
    assert ev["changes"][0]["change"] == "created"
    assert Q.get_event(store, "missing") is None
    art = Q.get_article(store, "artA")
    assert art["text"] == REPORT_A
    for span in art["spans"]:
        assert art["text"][span["start"]:span["end"]] == span["text"]
    assert {"event_type", "actor1", "mention", "claim:fatalities"} <= {s["field"] for s in art["spans"]}
    st = Q.stats(store, Q.EventFilter())
    assert st["count"] == info["live"]
    assert sum(d["count"] for d in st["by_day"]) == info["live"]
    assert sum(st["by_event_type"].values()) == info["live"]
    assert st["by_country"]["Syria"] == Q.count_events(store, Q.EventFilter(country="Syria"))
    assert st["first_date"] == "2020-03-01" and st["last_date"] == "2020-03-20"


# -- the API -----------------------------------------------------------------------------------

def test_events_endpoint_filters_and_paging(client, demo):
    _, info = demo
    r = client.get("/api/events")
    assert r.status_code == 200
    body = r.json()
    assert body["count"] == info["live"] and body["page"] == 1 and body["limit"] == 100
    assert len(body["events"]) == info["live"]
    r = client.get("/api/events", params={"event_type": "Battles|Riots", "limit": 3, "page": 2})
    body = r.json()
    assert body["count"] == sum(1 for e in client.get("/api/events").json()["events"]
                                if e["event_type"] in ("Battles", "Riots"))
    assert len(body["events"]) == 3 and body["page"] == 2
    assert {e["event_type"] for e in body["events"]} <= {"Battles", "Riots"}
    r = client.get("/api/events", params={"country": "Yemen", "actor": "protesters", "since": "2020-03-01",
                                          "until": "2020-03-31", "bbox": "40,10,50,20", "q": "Sanaa"})
    ids = [e["id"] for e in r.json()["events"]]
    assert "evHostile" in ids
    r = client.get("/api/events", params={"fields": "event_date,country", "limit": 2})
    assert all(set(e) == {"id", "event_date", "country"} for e in r.json()["events"])
    r = client.get("/api/events", params={"sub_event_type": "Armed clash"})
    assert r.json()["count"] and all(e["sub_event_type"] == "Armed clash" for e in r.json()["events"])


def test_events_formats(client, demo):
    r = client.get("/api/events", params={"format": "csv", "limit": 5000})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == list(ACLED_COLUMNS)
    assert len(rows) == demo[1]["live"]
    r = client.get("/api/events", params={"format": "geojson", "country": "Syria"})
    geo = r.json()
    assert geo["type"] == "FeatureCollection" and geo["features"]
    assert all(f["properties"]["country"] == "Syria" for f in geo["features"])
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert 35 < lon < 38 and 35 < lat < 37
    _error(client.get("/api/events", params={"format": "xml"}), 400, "W102")


def test_event_and_article_endpoints(client):
    ev = client.get("/api/events/evSaraqib").json()
    assert ev["id"] == "evSaraqib" and len(ev["mentions"]) == 2
    assert ev["mentions"][0]["article_title"] == "Shelling near Saraqib"
    art = client.get("/api/articles/artH").json()
    # hostile markup is stored and returned as plain text, never altered or interpreted
    assert art["text"] == HOSTILE_TEXT and art["title"] == HOSTILE_TITLE
    _error(client.get("/api/events/nope"), 404, "W101")
    _error(client.get("/api/articles/nope"), 404, "W101")
    _error(client.get("/no/such/path"), 404, "W101")


def test_stats_endpoint(client, demo):
    st = client.get("/api/stats", params={"country": "Iraq"}).json()
    assert set(st["by_country"]) == {"Iraq"}
    assert st["count"] == sum(d["count"] for d in st["by_day"])
    assert client.get("/api/stats").json()["count"] == demo[1]["live"]


def test_export_endpoint(client, demo):
    r = client.get("/api/export", params={"format": "acled-csv", "event_type": "Protests"})
    assert r.status_code == 200
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert rows and all(x["event_type"] == "Protests" for x in rows)
    assert int(r.headers["x-total-count"]) == len(rows)
    geo = client.get("/api/export", params={"format": "geojson"}).json()
    assert len(geo["features"]) == demo[1]["live"]
    saraqib = next(f for f in geo["features"] if f["id"] == "evSaraqib")
    assert {s["outlet"] for s in saraqib["properties"]["sources"]} == {"Example News", "Example Wire"}
    lines = client.get("/api/export", params={"format": "jsonl"}).text.splitlines()
    assert len(lines) == demo[1]["live"] and json.loads(lines[0])["event_id_cnty"]
    r = client.get("/api/export", params={"format": "parquet", "country": "Syria"})
    import pyarrow.parquet as pq

    table = pq.read_table(io.BytesIO(r.content))
    assert table.num_rows == client.get("/api/stats", params={"country": "Syria"}).json()["count"]
    _error(client.get("/api/export", params={"format": "xlsx"}), 400, "W102")


def test_validation_errors_share_one_shape(client):
    _error(client.get("/api/events", params={"limit": 5001}), 400, "W102")
    _error(client.get("/api/events", params={"limit": "ten"}), 400, "W102")
    _error(client.get("/api/events", params={"page": 0}), 400, "W102")
    err = _error(client.get("/api/events", params={"since": "yesterday"}), 400, "W102")
    assert "since" in err["message"]
    _error(client.get("/api/events", params={"bbox": "1,2,3"}), 400, "W102")
    _error(client.get("/api/events", params={"fields": "id,password"}), 400, "W102")
    _error(client.get("/api/events", params={"order": "random()"}), 400, "W102")
    _error(client.delete("/api/events"), 405, "W102")


def test_security_headers_everywhere(client):
    for path in ("/", "/api/events", "/api/events/nope", "/docs", "/static/app.js", "/openapi.json"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "worker-src 'self' blob:" in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_page_and_docs_are_local(client):
    page = client.get("/").text
    assert client.head("/").status_code == 200
    assert "/static/app.js" in page and "/static/vendor/maplibre-gl/maplibre-gl.js" in page
    assert "<script>" not in page and "https://" not in page  # no inline script, no CDN
    for asset in ("/static/vendor/maplibre-gl/maplibre-gl.js", "/static/vendor/world-atlas/countries-50m.json",
                  "/static/vendor/topojson-client/topojson-client.min.js", "/static/app.css", "/static/docs.js"):
        assert client.get(asset).status_code == 200, asset
    docs = client.get("/docs").text
    assert "/static/docs.js" in docs and "https://" not in docs
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/stats", "/api/export",
            "/api/ingest"} <= set(spec["paths"])
    assert client.get("/api/config").json()["max_limit"] == 5000


def test_ingest_requires_a_token(client, demo):
    store, _ = demo
    err = _error(client.post("/api/ingest", json={"text": "x"}), 401, "W103")
    assert "bearer" in err["message"].lower()
    _error(client.post("/api/ingest", json={"text": "x"}, headers={"Authorization": "Bearer wrong"}), 403, "W104")
    token = store.create_token("tester")
    auth = {"Authorization": f"Bearer {token}"}
    _error(client.post("/api/ingest", json={}, headers=auth), 400, "W102")
    _error(client.post("/api/ingest", json={"text": "a", "url": "https://example.org"}, headers=auth), 400, "W102")
    _error(client.post("/api/ingest", json={"text": "a", "published": "May 5"}, headers=auth), 400, "W102")
    _error(client.post("/api/ingest", content=b"[1]", headers={**auth, "Content-Type": "application/json"}),
           400, "W102")
    _error(client.post("/api/ingest", content=b"hello", headers={**auth, "Content-Type": "text/plain"}), 400, "W102")
    _error(client.post("/api/ingest", json={"url": "file:///etc/passwd"}, headers=auth), 400, "I108")
    store.revoke_token("tester")
    _error(client.post("/api/ingest", json={"text": "x"}, headers=auth), 403, "W104")


def test_reads_can_require_a_token(demo, settings):
    from strife.web import create_app

    store, _ = demo
    app = create_app(settings.with_(read_requires_token=True), store)
    with TestClient(app) as c:
        _error(c.get("/api/events"), 401, "W103")
        token = store.create_token("reader")
        assert c.get("/api/events", headers={"Authorization": f"Bearer {token}"}).status_code == 200


@pytest.mark.nlp
def test_ingest_refuses_private_urls(client, demo):
    store, _ = demo
    auth = {"Authorization": f"Bearer {store.create_token('t')}"}
    for url in ("http://127.0.0.1:9/x", "http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data"):
        _error(client.post("/api/ingest", json={"url": url}, headers=auth), 400, "I109")


@pytest.mark.nlp
def test_ingest_text_and_file(client, demo):
    store, _ = demo
    auth = {"Authorization": f"Bearer {store.create_token('t')}"}
    text = ("Islamic State fighters attacked an army checkpoint near Tikrit on 2 May 2020, killing three "
            "soldiers, the Iraqi defence ministry said.")
    r = client.post("/api/ingest", json={"text": text, "published": "2020-05-03", "title": "Checkpoint attack"},
                    headers=auth)
    assert r.status_code in (200, 201), r.text
    body = r.json()
    assert body["documents"] == 1 and body["event_ids"]
    ev = client.get(f"/api/events/{body['event_ids'][0]}").json()
    assert ev["mentions"] and ev["mentions"][0]["article_id"]
    again = client.post("/api/ingest", json={"text": text, "published": "2020-05-03"}, headers=auth).json()
    assert again["documents"] == 0  # the same bytes are stored once
    files = {"file": ("report.txt", b"Police dispersed a protest in Basra on 1 May 2020 with tear gas.", "text/plain")}
    r = client.post("/api/ingest", files=files, data={"published": "2020-05-02"}, headers=auth)
    assert r.status_code in (200, 201), r.text
    assert r.json()["documents"] == 1


def test_counts_follow_new_data(client, demo):
    store, info = demo
    assert client.get("/api/events", params={"limit": 1}).json()["count"] == info["live"]
    assert client.get("/api/stats").json()["count"] == info["live"]
    with store.begin() as conn:  # an import that keeps an old timestamp still shows up
        conn.execute(schema.events.insert(), [_event_row(500, id="evLate", timestamp=1)])
    assert client.get("/api/events", params={"limit": 1}).json()["count"] == info["live"] + 1
    assert client.get("/api/stats").json()["count"] == info["live"] + 1


def test_token_commands(tmp_path):
    from click.testing import CliRunner

    from strife.web.commands import serve, token

    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    made = runner.invoke(token, ["create", "ci-bot", "--db", db])
    assert made.exit_code == 0, made.output
    secret = made.stdout.strip().splitlines()[0]
    assert len(secret) >= 32
    listed = runner.invoke(token, ["list", "--db", db, "--json"])
    rows = json.loads(listed.stdout)
    assert [r["name"] for r in rows] == ["ci-bot"] and not rows[0]["revoked"]
    assert secret not in listed.stdout
    from strife.settings import get_settings
    from strife.store import Store

    with Store.open(db, get_settings(db=db)) as store:
        assert store.check_token(secret)
    assert runner.invoke(token, ["revoke", "ci-bot", "--db", db]).exit_code == 0
    with Store.open(db, get_settings(db=db)) as store:
        assert not store.check_token(secret)
    again = runner.invoke(token, ["revoke", "ci-bot", "--db", db])
    assert again.exit_code == 1 and "[W101]" in again.output
    help_text = runner.invoke(serve, ["--help"]).output
    assert "--host" in help_text and "--port" in help_text and "--db" in help_text


# -- text search (migration 0002_event_search) ---------------------------------------------------

def _search_rows(store) -> None:
    rows = [
        _event_row(900, id="evConvoy", notes="Gunmen ambushed a supply convoy on the al-Shabaab held road.",
                   actor1="Military Forces of Syria (2000-)", actor2="Police Forces of Syria (2000-)",
                   assoc_actor_1="Civilians (Syria); Tribal Militia (Syria)"),
        _event_row(901, id="evCheck", notes="A checkpoint came under mortar fire at dawn.",
                   actor1="Islamic State (Iraq)", actor2=None),
        _event_row(902, id="evGone", notes="A convoy was struck near the checkpoint.", deleted=True),
    ]
    with store.begin() as conn:
        conn.execute(schema.events.insert(), rows)


def _ids(store, **kw) -> set[str]:
    return {r["id"] for r in Q.query_events(store, Q.EventFilter(**kw), limit=None)}


def _slow_count(store, flt) -> int:
    import sqlalchemy as sa

    with store.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(schema.events)
                            .where(*Q._conditions(flt, search=Q._search_mode(store)))).scalar_one()


def test_text_search_uses_the_index_with_word_prefixes(store):
    _search_rows(store)
    assert Q._search_mode(store) in ("fts5", "tsvector")
    assert _ids(store, q="convoy") == {"evConvoy"}  # the deleted one stays out
    assert _ids(store, q="conv") == {"evConvoy"}  # a word's start is enough
    assert _ids(store, q="onvoy") == set()  # ... its middle is not (documented change from LIKE)
    assert _ids(store, q="CONVOY syria") == {"evConvoy"}  # words may sit in different columns
    assert _ids(store, q="convoy mortar") == set()  # every word must match
    assert _ids(store, q="al-Shabaab") == {"evConvoy"}  # inner punctuation: the parts in order
    assert _ids(store, q="shabaab-al") == set()
    assert _ids(store, q="checkpoint", include_deleted=True) == {"evCheck", "evGone"}
    assert Q.count_events(store, Q.EventFilter(q="%")) == 0  # no letters: LIKE, wildcard taken literally
    # place and sub-event-type columns are searched too
    assert _ids(store, q="mortar " + _event_row(901)["location"]) == {"evCheck"}
    assert "evCheck" in _ids(store, q="mortar " + _event_row(901)["sub_event_type"].split()[0])


def test_actor_search_is_a_phrase_inside_one_actor_field(store):
    _search_rows(store)
    assert _ids(store, actor="police forces of syr") == {"evConvoy"}
    assert _ids(store, actor="islamic state") >= {"evCheck"}
    assert _ids(store, actor="tribal militia") == {"evConvoy"}  # associated actors
    # "Syria (2000-)" ends actor1 and "Police" starts actor2: no phrase across two fields
    assert "evConvoy" not in _ids(store, actor="2000 police")
    assert _ids(store, actor="slamic") == set()  # a word's middle does not match (documented)
    assert _ids(store, actor="%") == set()  # no word at all: plain LIKE, the wildcard taken literally
    assert _ids(store, actor="(2000-)") >= {"evConvoy"}  # ... and words with punctuation by their words


def test_counts_from_the_index_match_a_scan(store):
    _search_rows(store)
    with store.begin() as conn:
        conn.execute(schema.events.insert(), [_event_row(i, deleted=i % 7 == 0) for i in range(40)])
    for kw in ({}, {"q": "synthetic"}, {"q": "convoy"}, {"actor": "syria"}, {"q": "checkpoint", "actor": "state"},
               {"q": "checkpoint", "include_deleted": True}, {"include_deleted": True}, {"q": "convoy", "country": "Syria"},
               {"q": "nothingmatches"}, {"country": "Syria"}, {"event_type": "Battles|Riots"},
               {"bbox": (35, 30, 46, 38)}, {"country": "Iraq", "since": "2020-03-02", "until": "2020-03-09"}):
        flt = Q.EventFilter(**kw)
        assert Q.count_events(store, flt) == _slow_count(store, flt) == len(
            Q.query_events(store, flt, limit=None)), kw
    # a page walking the date index (many matches) and one fetching matches by id agree
    flt = Q.EventFilter(q="synthetic")
    box = Q.EventFilter(bbox=(35, 30, 46, 38))
    everything = [r["id"] for r in Q.query_events(store, flt, limit=None)]
    whole_box = [r["id"] for r in Q.query_events(store, box, limit=None)]
    old = Q._MIN_SCAN_MATCHES, Q._SCAN_ROWS_PER_ROW
    try:
        Q._MIN_SCAN_MATCHES, Q._SCAN_ROWS_PER_ROW = 1, 0
        assert Q._many_matches(store, flt, Q._search_mode(store), 8) == (store.dialect == "sqlite")
        assert Q._big_box(store, box, Q._search_mode(store), 8) == (store.dialect == "sqlite")
        walked = [r["id"] for r in Q.query_events(store, flt, limit=5, offset=3)]
        walked_box = [r["id"] for r in Q.query_events(store, box, limit=5, offset=3)]
    finally:
        Q._MIN_SCAN_MATCHES, Q._SCAN_ROWS_PER_ROW = old
    assert walked == everything[3:8] == [r["id"] for r in Q.query_events(store, flt, limit=5, offset=3)]
    assert len(whole_box) > 8
    assert walked_box == whole_box[3:8] == [r["id"] for r in Q.query_events(store, box, limit=5, offset=3)]


def test_search_index_follows_updates_and_deletes(store):
    from strife.store.writes import upsert

    _search_rows(store)
    with store.begin() as conn:  # the merge's write: INSERT ... ON CONFLICT DO UPDATE
        upsert(conn, schema.events, [_event_row(901, id="evCheck", notes="Curfew declared after the raid.",
                                                actor1="Islamic State (Iraq)", actor2=None)],
               update_columns=["notes", "timestamp"])
    assert _ids(store, q="curfew") == {"evCheck"} and _ids(store, q="mortar") == set()
    with store.begin() as conn:
        conn.execute(schema.events.update().where(schema.events.c.id == "evCheck").values(deleted=True))
    assert _ids(store, q="curfew") == set() and Q.count_events(store, Q.EventFilter(q="curfew")) == 0
    assert Q.count_events(store, Q.EventFilter(q="curfew", include_deleted=True)) == 1
    with store.begin() as conn:
        conn.execute(schema.events.delete().where(schema.events.c.id.in_(["evCheck", "evConvoy"])))
    assert Q.count_events(store, Q.EventFilter(q="curfew", include_deleted=True)) == 0
    assert _ids(store, q="convoy", include_deleted=True) == {"evGone"}
    if store.dialect == "sqlite":  # the external-content index is consistent with its table
        with store.connect() as conn:
            conn.exec_driver_sql(f"INSERT INTO {schema.EVENTS_FTS}({schema.EVENTS_FTS}, rank) "
                                 "VALUES ('integrity-check', 1)")


def test_search_migration_indexes_old_rows_and_is_idempotent(store):
    import sqlalchemy as sa

    from strife.store import migrations

    # a database from before 0002: events but no search index
    with store.begin() as conn:
        if store.dialect == "sqlite":
            for name in ("ai", "ad", "au"):
                conn.exec_driver_sql(f"DROP TRIGGER {schema.EVENTS_FTS}_{name}")
            conn.exec_driver_sql(f"DROP TABLE {schema.EVENTS_FTS}")
        else:
            conn.exec_driver_sql("DROP INDEX ix_events_search")
            conn.exec_driver_sql("DROP INDEX ix_events_actor_search")
        conn.exec_driver_sql("DROP INDEX ix_events_deleted")
        conn.execute(schema.schema_migrations.delete().where(schema.schema_migrations.c.name == "0002_event_search"))
    Q._FTS_READY.pop(store.engine, None)
    _search_rows(store)
    if store.dialect == "sqlite":  # without the index, search falls back to LIKE and still works
        assert Q._search_mode(store) is None and _ids(store, q="convoy") == {"evConvoy"}
    assert store.upgrade() == ["0002_event_search"]
    assert Q._search_mode(store) in ("fts5", "tsvector")
    assert _ids(store, q="convoy") == {"evConvoy"} and _ids(store, actor="islamic state") == {"evCheck"}
    with store.begin() as conn:  # applying it again over its own result changes nothing
        dict(migrations.MIGRATIONS)["0002_event_search"](conn)
        indexes = {ix["name"] for ix in sa.inspect(conn).get_indexes("events")}
    assert "ix_events_deleted" in indexes
    if store.dialect == "postgresql":
        assert {"ix_events_search", "ix_events_actor_search"} <= indexes
    assert _ids(store, q="convoy") == {"evConvoy"}
    migrations.rebuild_search_index(store)
    assert Q.count_events(store, Q.EventFilter(q="checkpoint", include_deleted=True)) == 2
