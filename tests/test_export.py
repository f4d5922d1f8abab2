"""Exports read back with the csv module, json and pyarrow."""

from __future__ import annotations

import csv
import io
import json

import pytest
import sqlalchemy as sa

from strife.export import EXTRA_COLUMNS, ExportCount, acled_row, export_events
from strife.records import ACLED_COLUMNS
from strife.store import schema


def event_rows() -> list[dict]:
    """Three events as the events table holds them (one without coordinates)."""
    return [
        {"id": "ev-aleppo-1", "event_date": "2026-02-24", "year": 2026, "time_precision": 1,
         "disorder_type": "Political violence", "event_type": "Battles", "sub_event_type": "Armed clash",
         "actor1": "Military Forces of Syria (2024-)", "assoc_actor_1": None, "inter1": 1,
         "actor2": "Opposition fighters", "assoc_actor_2": "", "inter2": 2, "interaction": 12,
         "civilian_targeting": False, "iso": 760, "region": "Middle East", "country": "Syria",
         "admin1": "Aleppo", "admin2": "Jebel Saman", "admin3": None, "location": "Aleppo - Salaheddine",
         "latitude": 36.1864567, "longitude": 37.1330123, "geo_precision": 1,
         "source": "Test Wire; Valley Monitor", "source_scale": "National-International",
         "notes": "On 24 February 2026, troops and fighters, who said \"no\", traded fire; 4 killed.",
         "fatalities": 4, "fatalities_low": 4, "fatalities_best": 5, "fatalities_high": 7, "tags": None,
         "timestamp": 1772000000, "created_at": 1771000000, "mention_count": 2, "deleted": False,
         "claims": [{"kind": "fatalities", "value": 7, "claimant": "rebel spokesman"}],
         "evidence": [{"field": "event_type", "start": 0, "end": 20, "text": "traded fire"}],
         "sources": [{"outlet": "Test Wire", "url": "https://example.org/a", "article_id": "a1"},
                     {"outlet": "Valley Monitor", "url": None, "article_id": "a2"}]},
        {"id": "ev-idlib-2", "event_date": "2026-02-25", "year": None, "time_precision": 2,
         "disorder_type": "Political violence", "event_type": "Violence against civilians",
         "sub_event_type": "Attack", "actor1": "Unidentified Armed Group (Syria)", "inter1": 3,
         "actor2": "Civilians (Syria)", "inter2": 7, "interaction": 37, "civilian_targeting": True,
         "iso": 760, "region": "Middle East", "country": "Syria", "admin1": "Idlib", "location": "Saraqib",
         "latitude": 35.8647, "longitude": 36.8006, "geo_precision": 2, "source": "Test Wire",
         "source_scale": "National", "notes": "Gunmen shot a farmer, ñ unicode é.", "fatalities": 1,
         "timestamp": 1772000100, "mention_count": 1},
        {"id": "ev-nowhere-3", "event_date": "2026-03-01", "year": 2026, "time_precision": 3,
         "disorder_type": "Strategic developments", "event_type": "Strategic developments",
         "sub_event_type": "Arrests", "actor1": "Police Forces of Syria (2024-)", "inter1": "State forces",
         "country": "Syria", "iso": 760, "latitude": None, "longitude": None, "fatalities": None,
         "timestamp": 1772000200, "sources": json.dumps(["Coast Radio"])},
    ]


def test_acled_csv_round_trip(tmp_path):
    out = tmp_path / "events.csv"
    n = export_events(event_rows(), "acled-csv", out)
    assert n == 3 and isinstance(n, ExportCount)
    with open(out, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
        rows = list(reader)
    a, b, c = rows
    assert a["event_id_cnty"] == "ev-aleppo-1"
    assert (a["inter1"], a["inter2"], a["interaction"]) == ("1", "2", "12")
    assert a["civilian_targeting"] == "" and b["civilian_targeting"] == "Civilian targeting"
    assert a["latitude"] == "36.1865" and a["longitude"] == "37.1330"
    assert a["notes"] == event_rows()[0]["notes"]  # quotes and commas survive
    assert a["assoc_actor_1"] == "" and a["assoc_actor_2"] == "" and a["tags"] == ""
    assert b["year"] == "2026"  # filled from the date when missing
    assert b["notes"].endswith("ñ unicode é.")
    assert c["inter1"] == "1"  # ACLED's text inter code becomes its number
    assert c["latitude"] == "" and c["fatalities"] == "0" and c["source"] == "Coast Radio"
    assert a["timestamp"] == "1772000000" and a["iso"] == "760"


def test_csv_leaves_the_callers_stream_open():
    buf = io.BytesIO()
    export_events(event_rows()[:1], "acled-csv", buf)
    buf.write(b"")  # still open
    lines = buf.getvalue().decode("utf-8").splitlines()
    assert lines[0].split(",") == list(ACLED_COLUMNS) and len(lines) == 2


def test_geojson_round_trip():
    buf = io.BytesIO()
    n = export_events(event_rows(), "geojson", buf)
    assert int(n) == 2 and n.skipped == 1  # the event without coordinates is left out and counted
    doc = json.loads(buf.getvalue())
    assert doc["type"] == "FeatureCollection"
    assert [f["id"] for f in doc["features"]] == ["ev-aleppo-1", "ev-idlib-2"]
    first = doc["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [37.133, 36.1865]}
    props = first["properties"]
    assert set(ACLED_COLUMNS) <= set(props) and set(EXTRA_COLUMNS) <= set(props)
    assert (props["fatalities_low"], props["fatalities_best"], props["fatalities_high"]) == (4, 5, 7)
    assert props["inter1"] == 1 and props["civilian_targeting"] is False
    assert [s["outlet"] for s in props["sources"]] == ["Test Wire", "Valley Monitor"]
    second = doc["features"][1]["properties"]
    assert second["civilian_targeting"] is True and second["sources"] == ["Test Wire"]
    assert second["fatalities_low"] is None


def test_geojson_with_no_located_events_is_valid():
    buf = io.BytesIO()
    n = export_events(event_rows()[2:], "geojson", buf)
    assert (int(n), n.skipped) == (0, 1)
    assert json.loads(buf.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_jsonl_round_trip():
    buf = io.BytesIO()
    assert export_events(iter(event_rows()), "jsonl", buf) == 3  # any iterable, consumed once
    lines = [json.loads(line) for line in buf.getvalue().decode("utf-8").splitlines()]
    assert [r["event_id_cnty"] for r in lines] == ["ev-aleppo-1", "ev-idlib-2", "ev-nowhere-3"]
    assert lines[0]["evidence"][0]["field"] == "event_type"
    assert lines[0]["claims"][0]["claimant"] == "rebel spokesman"
    assert lines[1]["sources"] == ["Test Wire"] and lines[1]["evidence"] == []
    assert lines[2]["sources"] == ["Coast Radio"] and lines[2]["latitude"] is None
    assert lines[0]["latitude"] == 36.1865
    assert list(lines[0])[:31] == list(ACLED_COLUMNS)


def test_parquet_round_trip(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa

    out = tmp_path / "events.parquet"
    assert export_events(event_rows(), "parquet", out) == 3
    table = pq.read_table(out)
    assert table.column_names[:31] == list(ACLED_COLUMNS)
    types = dict(zip(table.column_names, table.schema.types))
    assert types["fatalities"] == pa.int64() and types["inter1"] == pa.int64()
    assert types["latitude"] == pa.float64() and types["civilian_targeting"] == pa.bool_()
    assert types["event_date"] == pa.string() and types["fatalities_best"] == pa.int64()
    rows = table.to_pylist()
    assert [r["event_id_cnty"] for r in rows] == ["ev-aleppo-1", "ev-idlib-2", "ev-nowhere-3"]
    assert rows[0]["fatalities_high"] == 7 and rows[1]["civilian_targeting"] is True
    assert rows[2]["latitude"] is None and rows[2]["inter1"] == 1
    assert json.loads(rows[0]["sources"])[1]["outlet"] == "Valley Monitor"


def test_parquet_empty_export_has_the_schema(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "none.parquet"
    assert export_events([], "parquet", out) == 0
    table = pq.read_table(out)
    assert table.num_rows == 0 and table.column_names[:31] == list(ACLED_COLUMNS)


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="acled-csv"):
        export_events(event_rows(), "xlsx", tmp_path / "x")


def test_rows_read_from_the_events_table_export(store):
    """Rows as SQLAlchemy returns them from either database export the same way."""
    keep = {c.name for c in schema.events.columns}
    with store.begin() as conn:
        for row in event_rows():
            values = {k: v for k, v in row.items() if k in keep}
            values["created_at"] = values.get("created_at") or 1
            values["inter1"] = values["inter1"] if isinstance(values.get("inter1"), int) else 1
            values["fatalities"] = values.get("fatalities") or 0
            conn.execute(schema.events.insert().values(**values))
    with store.connect() as conn:
        rows = [dict(r) for r in conn.execute(sa.select(schema.events).order_by(schema.events.c.id)).mappings()]
    buf = io.BytesIO()
    assert export_events(rows, "acled-csv", buf) == 3
    exported = list(csv.DictReader(io.StringIO(buf.getvalue().decode("utf-8"))))
    assert [r["event_id_cnty"] for r in exported] == ["ev-aleppo-1", "ev-idlib-2", "ev-nowhere-3"]
    assert exported[1]["civilian_targeting"] == "Civilian targeting"
    assert exported[0] == acled_row(event_rows()[0])
    buf = io.BytesIO()
    n = export_events(rows, "geojson", buf)
    assert (int(n), n.skipped) == (2, 1)
    assert json.loads(buf.getvalue())["features"][0]["properties"]["claims"][0]["value"] == 7
