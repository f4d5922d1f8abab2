"""``strife gazetteer``: build the offline gazetteer, show what is in it, import more places.

Errors are :class:`strife.errors.GeoError` (G1xx); the ``strife`` group prints them as one line.
"""

from __future__ import annotations

import json
import time
from collections import Counter

import click

from ..errors import GeoError
from ..settings import get_settings
from .gazetteer import (KINDS, add_import_rows, build_index, index_path, load_index, read_acled_export,
                        read_geonames_dump, read_place_csv)

__all__ = ["gazetteer"]


@click.group("gazetteer")
def gazetteer():
    """The offline gazetteer (GeoNames, www.geonames.org, CC BY 4.0) used to place events."""


@gazetteer.command("build")
@click.option("--force", is_flag=True, help="Rebuild even when an index exists.")
def build_cmd(force: bool):
    """Build the index into the data directory (done automatically on first use)."""
    settings = get_settings()
    t0 = time.perf_counter()
    path = build_index(settings, force=force)
    click.echo(f"gazetteer index: {path} ({time.perf_counter() - t0:.1f} s)")


@gazetteer.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print the index header as JSON.")
@click.option("--top", default=15, show_default=True, help="How many countries to list.")
def info_cmd(as_json: bool, top: int):
    """Counts of places by source and by country, load time, coordinates policy."""
    settings = get_settings()
    path = index_path(settings)
    if not path.exists():
        raise GeoError(f"no gazetteer index at {path}", code="G101")
    t0 = time.perf_counter()
    gaz = load_index(settings, build=False)
    load_s = time.perf_counter() - t0
    header = dict(gaz.header)
    header["load_seconds"] = round(load_s, 2)
    header["by_kind"] = dict(Counter(KINDS[k] for k in gaz.kind))
    if as_json:
        click.echo(json.dumps(header, indent=2, sort_keys=True))
        return
    click.echo(f"index: {path}")
    click.echo(f"built: {header['built']} in {header['build_seconds']} s; loaded in {load_s:.2f} s")
    click.echo(f"entries: {header['entries']}, names (keys): {header['keys']}")
    click.echo("by source:")
    for src, n in sorted(header["sources"].items(), key=lambda t: -t[1]):
        click.echo(f"  {src:24} {n}")
    click.echo("by kind:")
    for kind, n in sorted(header["by_kind"].items(), key=lambda t: -t[1]):
        click.echo(f"  {kind:24} {n}")
    click.echo(f"by country (top {top}):")
    for cc, n in sorted(header["by_country"].items(), key=lambda t: -t[1])[:top]:
        name = gaz.countries.get(cc, {}).get("name") or cc or "(none)"
        click.echo(f"  {cc or '--':3} {name:28} {n}")
    click.echo(f"admin coordinates: {header['admin_coordinates']}")
    click.echo(f"attribution: {header['attribution']}")


@gazetteer.group("import")
def import_group():
    """Add places to the gazetteer (kept across rebuilds)."""


@import_group.command("geonames")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
def import_geonames(files):
    """GeoNames dumps (allCountries.zip, SY.txt, cities500.txt ...)."""
    settings = get_settings()
    rows = [r for f in files for r in read_geonames_dump(f)]
    path = add_import_rows(settings, rows, "geonames")
    click.echo(f"imported {len(rows)} places from {len(files)} file(s) -> {path}")


@import_group.command("csv")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def import_csv(file):
    """A CSV with name, latitude, longitude, country [, admin1, admin2, admin3, alternates]."""
    settings = get_settings()
    rows = read_place_csv(file)
    path = add_import_rows(settings, rows, "csv")
    click.echo(f"imported {len(rows)} places -> {path}")


@import_group.command("acled")
@click.argument("export", type=click.Path(exists=True, dir_okay=False))
def import_acled(export):
    """The locations of an ACLED export: names, admin names (ACLED's spelling) and coordinates.

    Districts are learned too: one ACLED codes at a single point (its centre) moves there, one named only
    in the admin2 column gets an entry at the middle of its places."""
    settings = get_settings()
    rows = read_acled_export(export)
    path = add_import_rows(settings, rows, "acled")
    click.echo(f"imported {len(rows)} distinct ACLED locations -> {path}")
