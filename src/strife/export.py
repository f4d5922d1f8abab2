"""Event exports: ACLED CSV, GeoJSON, JSON lines and Parquet, from plain dicts.

``export_events`` is a pure function over rows shaped like the ``events`` table (``id`` is the event
id; ``sources``, ``claims`` and ``evidence`` are optional extras the query layer adds), so the CLI
and the web API share it and tests need no database.

Value conventions:
- ``acled-csv`` follows ACLED's export: its 31 columns in order, ``event_id_cnty`` = strife's event
  id, inter codes as numbers, ``civilian_targeting`` = "Civilian targeting" or empty, coordinates
  with 4 decimals, missing values empty.
- JSON formats and Parquet keep JSON/Arrow types: numbers as numbers, ``civilian_targeting`` as a
  boolean, missing values null.  Nested extras (claims, evidence, sources) are JSON values in
  GeoJSON/JSONL and JSON text columns in Parquet (their keys vary, a fixed struct would not hold them).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .records import ACLED_COLUMNS

__all__ = ["FORMATS", "ExportCount", "export_events", "acled_row", "json_row", "parquet_schema",
           "EXTRA_COLUMNS"]

FORMATS = ("acled-csv", "geojson", "jsonl", "parquet")

# strife's columns beyond ACLED's, in JSON and Parquet exports
EXTRA_COLUMNS = ("fatalities_low", "fatalities_best", "fatalities_high", "mention_count")
NESTED_COLUMNS = ("claims", "evidence", "sources")

_INT_COLUMNS = frozenset({"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
                          "fatalities", "timestamp", *EXTRA_COLUMNS})
_FLOAT_COLUMNS = frozenset({"latitude", "longitude"})
# ACLED gives coordinates to 4 decimals (about 11 m): more would claim precision no source has.
COORD_DECIMALS = 4

# ACLED's current text inter codes, for rows that carry them instead of numbers.
_INTER_CODES = {
    "state forces": 1, "rebel group": 2, "political militia": 3, "identity militia": 4,
    "rioters": 5, "protesters": 6, "civilians": 7, "external/other forces": 8,
}

# Rows per Parquet row group: bounds memory on large exports.
PARQUET_BATCH = 10_000


class ExportCount(int):
    """Events written (the int value), with ``skipped``: events left out (GeoJSON: no coordinates)."""

    skipped: int

    def __new__(cls, written: int, skipped: int = 0) -> "ExportCount":
        obj = super().__new__(cls, written)
        obj.skipped = skipped
        return obj

    def __repr__(self) -> str:
        return f"ExportCount(written={int(self)}, skipped={self.skipped})"


def export_events(rows: Iterable[Mapping[str, Any]], fmt: str, out: IO[bytes] | str | Path) -> ExportCount:
    """Write ``rows`` to ``out`` (a binary stream or a path) in ``fmt``; returns the count written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    writer = {"acled-csv": _write_csv, "geojson": _write_geojson, "jsonl": _write_jsonl,
              "parquet": _write_parquet}[fmt]
    with _binary(out) as fh:
        return writer(rows, fh)


@contextmanager
def _binary(out: IO[bytes] | str | Path) -> Iterator[IO[bytes]]:
    if isinstance(out, (str, Path)):
        with open(out, "wb") as fh:
            yield fh
    else:
        yield out


# -- one row in each convention ------------------------------------------------------------------

def json_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """ACLED columns then strife's extras, JSON-typed (missing = None)."""
    out: dict[str, Any] = {}
    for col in ACLED_COLUMNS:
        out[col] = _typed(col, row)
    for col in EXTRA_COLUMNS:
        out[col] = _int(row.get(col))
    return out


def acled_row(row: Mapping[str, Any]) -> dict[str, str]:
    """The 31 ACLED columns as CSV text, ACLED's way."""
    typed = json_row(row)
    out: dict[str, str] = {}
    for col in ACLED_COLUMNS:
        value = typed[col]
        if col == "civilian_targeting":
            out[col] = "Civilian targeting" if value else ""
        elif value is None:
            out[col] = ""
        elif col in _FLOAT_COLUMNS:
            out[col] = f"{value:.{COORD_DECIMALS}f}"
        else:
            out[col] = str(value)
    return out


def _typed(col: str, row: Mapping[str, Any]) -> Any:
    if col == "event_id_cnty":
        return row.get("event_id_cnty") or row.get("id")
    if col == "year":
        year = _int(row.get("year"))
        date = row.get("event_date")
        if year is None and isinstance(date, str) and len(date) >= 4 and date[:4].isdigit():
            year = int(date[:4])
        return year
    if col == "fatalities":
        return _int(row.get("fatalities")) or 0
    if col == "civilian_targeting":
        return _civilian(row.get("civilian_targeting"))
    if col == "source":
        return row.get("source") or _source_names(row.get("sources")) or None
    value = row.get(col)
    if col in ("inter1", "inter2") and isinstance(value, str) and not value.strip().isdigit():
        return _INTER_CODES.get(value.strip().lower())
    if col in _INT_COLUMNS:
        return _int(value)
    if col in _FLOAT_COLUMNS:
        return round(float(value), COORD_DECIMALS) if value not in (None, "") else None
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else str(value)


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    return int(float(value)) if isinstance(value, str) else int(value)


def _civilian(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("civilian targeting", "true", "1", "yes")
    return bool(value)


def _nested(value: Any) -> Any:
    # JSON columns come back parsed from SQLAlchemy, but a raw SQL row may hold the text
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    if isinstance(value, tuple):
        return list(value)
    return value


def _sources(row: Mapping[str, Any]) -> list[Any]:
    value = _nested(row.get("sources"))
    if isinstance(value, list):
        return value
    source = row.get("source")
    return [s.strip() for s in source.split(";") if s.strip()] if isinstance(source, str) else []


def _source_names(sources: Any) -> str | None:
    sources = _nested(sources)
    if not isinstance(sources, list):
        return None
    names = []
    for s in sources:
        name = s if isinstance(s, str) else (s.get("outlet") or s.get("source") or s.get("name")
                                              if isinstance(s, Mapping) else None)
        if name and name not in names:
            names.append(name)
    return "; ".join(names) or None


def _full_json(row: Mapping[str, Any]) -> dict[str, Any]:
    out = json_row(row)
    out["claims"] = _nested(row.get("claims")) or []
    out["evidence"] = _nested(row.get("evidence")) or []
    out["sources"] = _sources(row)
    return out


# -- writers ------------------------------------------------------------------------------------------

def _write_csv(rows: Iterable[Mapping[str, Any]], fh: IO[bytes]) -> ExportCount:
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=True)
    try:
        writer = csv.DictWriter(text, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
        writer.writeheader()
        n = 0
        for row in rows:
            writer.writerow(acled_row(row))
            n += 1
        text.flush()
    finally:
        text.detach()  # leave the caller's stream open
    return ExportCount(n)


def _write_jsonl(rows: Iterable[Mapping[str, Any]], fh: IO[bytes]) -> ExportCount:
    n = 0
    for row in rows:
        fh.write(json.dumps(_full_json(row), ensure_ascii=False, default=str).encode("utf-8") + b"\n")
        n += 1
    fh.flush()
    return ExportCount(n)


def _write_geojson(rows: Iterable[Mapping[str, Any]], fh: IO[bytes]) -> ExportCount:
    # streamed feature by feature so a large export never sits in memory whole
    fh.write(b'{"type": "FeatureCollection", "features": [')
    n = skipped = 0
    for row in rows:
        props = _full_json(row)
        lat, lon = props["latitude"], props["longitude"]
        if lat is None or lon is None:
            skipped += 1
            continue
        feature = {"type": "Feature", "id": props["event_id_cnty"],
                   "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}
        fh.write((b",\n" if n else b"\n") + json.dumps(feature, ensure_ascii=False, default=str).encode("utf-8"))
        n += 1
    fh.write(b"\n]}\n")
    fh.flush()
    return ExportCount(n, skipped)


def parquet_schema():
    import pyarrow as pa

    fields = []
    for col in (*ACLED_COLUMNS, *EXTRA_COLUMNS):
        if col in _INT_COLUMNS:
            fields.append(pa.field(col, pa.int64()))
        elif col in _FLOAT_COLUMNS:
            fields.append(pa.field(col, pa.float64()))
        elif col == "civilian_targeting":
            fields.append(pa.field(col, pa.bool_()))
        else:
            fields.append(pa.field(col, pa.string()))
    for col in NESTED_COLUMNS:
        fields.append(pa.field(col, pa.string()))  # JSON text
    return pa.schema(fields)


def _write_parquet(rows: Iterable[Mapping[str, Any]], fh: IO[bytes]) -> ExportCount:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    names = schema.names
    n = 0
    with pq.ParquetWriter(fh, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            full = _full_json(row)
            for col in NESTED_COLUMNS:
                full[col] = json.dumps(full[col], ensure_ascii=False, default=str)
            batch.append(full)
            n += 1
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema).select(names))
                batch = []
        if batch or n == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    return ExportCount(n)
