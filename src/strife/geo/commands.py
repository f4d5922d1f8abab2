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
from .gazetteer import (GEONAMES_CLASSES, KINDS, add_import_rows, build_index, index_path, iter_geonames_dump,
                        load_index, read_acled_export, read_place_csv)

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
@click.option("--country", "countries", multiple=True, metavar="CC",
              help="Keep only this country's rows (ISO2 code; repeatable). Cuts allCountries to what you need.")
@click.option("--feature-classes", default=GEONAMES_CLASSES, show_default=True,
              help="GeoNames feature classes to keep (P populated places, A admin, S spots, T mountains, "
                   "L areas, H water, V forests).")
def import_geonames(files, countries, feature_classes):
    """GeoNames dumps (allCountries.zip, SY.txt, cities500.txt ...).

    Places the packaged cities500 already holds (same GeoNames id) only add their other names.  A dump's
    place needs the same evidence in a text as a packaged one (its country, a locative), so importing a
    whole country's villages does not turn common words into places.  The dump is streamed, but the
    index rebuild holds every place in memory: about 0.7 GB and 40 s more per million places than the
    packaged index's 0.9 GB and 20 s (one core), so allCountries needs about 8 GB; --country cuts it."""
    settings = get_settings()
    bad = [c for c in countries if len(c) != 2 or not c.isalpha()]
    if bad:
        raise GeoError(f"--country takes ISO2 codes (SY, YE, IQ), not {', '.join(bad)}", code="G103")
    if not feature_classes or set(feature_classes.upper()) - set(GEONAMES_CLASSES):
        raise GeoError(f"--feature-classes takes letters of {GEONAMES_CLASSES}", code="G103")
    rows = (r for f in files for r in iter_geonames_dump(f, countries=countries or None,
                                                          feature_classes=feature_classes.upper()))
    path, n = add_import_rows(settings, rows, "geonames")
    click.echo(f"imported {n} places from {len(files)} file(s) -> {path}")


@import_group.command("csv")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--country", metavar="COUNTRY", help="The country of every row, for a list without a country column.")
def import_csv(file, country):
    """A place list: CSV with name, latitude, longitude, country [, admin1, admin2, admin3, alternates].

    Humanitarian place lists (HDX common operational datasets: admin4Name_en / ADM4_EN, their alias
    columns, admin0-3 names, latitude/longitude or POINT_X/POINT_Y) are read as they are.  Rows without
    coordinates or a known country are skipped and counted."""
    settings = get_settings()
    skipped: Counter = Counter()
    path, n = add_import_rows(settings, read_place_csv(file, country=country, skipped=skipped), "csv")
    click.echo(f"imported {n} places -> {path}")
    if skipped:
        click.echo("skipped " + ", ".join(f"{v} rows {k}" for k, v in sorted(skipped.items())))


@import_group.command("acled")
@click.argument("export", type=click.Path(exists=True, dir_okay=False))
def import_acled(export):
    """The locations of an ACLED export: names, admin names (ACLED's spelling) and coordinates.

    Districts are learned too: one ACLED codes at a single point (its centre) moves there, one named only
    in the admin2 column gets an entry at the middle of its places.  So are the shorter names reports use,
    read off ACLED's own: "Aden-Kraytar" is also Kraytar, "Jabal al Kirsh" al Kirsh, "Al Udayn Junction"
    Al Udayn (none that a town elsewhere in the country bears).  Packaged places of the same name move to
    ACLED's point (towns within 15 km, named areas within 50 km, districts within 100 km)."""
    settings = get_settings()
    path, n = add_import_rows(settings, read_acled_export(export), "acled")
    click.echo(f"imported {n} distinct ACLED locations -> {path}")
