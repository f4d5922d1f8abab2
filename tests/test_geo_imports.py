"""GeoNames dump imports: filters while reading, streamed writes, dump places treated like cities500's.

The texts and dump rows are the team's own (made-up villages; real GeoNames ids only where a row must
meet a packaged place)."""

from __future__ import annotations

import zipfile
from collections import Counter

import pytest

from strife.errors import GeoError
from strife.geo import Geocoder
from strife.geo import gazetteer as gz
from strife.settings import get_settings

from geo_helpers import places

SARAQIB_ID = "164816"  # GeoNames id of Saraqib, which the packaged cities500 holds


def _row(gid, name, alts, lat, lon, fclass, cc, adm1="", adm2="", pop=0):
    return (f"{gid}\t{name}\t{name}\t{alts}\t{lat}\t{lon}\t{fclass}\tPPL\t{cc}\t\t{adm1}\t{adm2}\t\t\t{pop}"
            f"\t\t300\tAsia/Damascus\t2024-01-01\n")


@pytest.fixture()
def dump(tmp_path):
    path = tmp_path / "SYIQ.txt"
    path.write_text(
        _row(SARAQIB_ID, "Saraqib", "Saraqeb al-Kubra", 35.86447, 36.80591, "P", "SY", "12")
        + _row("9990002", "Khirbat Zuwayqat", "Khirbet Zwaiqat", 35.95, 36.60, "P", "SY", "12", "169388", 300)
        + _row("9990003", "Quietude", "", 50.64, 4.67, "P", "BE", "BRU", "", 200)
        + _row("9990004", "Tall Qirmiz", "", 36.30, 43.10, "P", "IQ", "15")
        + _row("9990005", "Tariq Zuwayqat", "", 35.96, 36.61, "R", "SY", "12"),
        encoding="utf-8")
    return path


def test_geonames_reader_filters_while_reading(dump):
    rows = gz.read_geonames_dump(dump)
    assert [r.name for r in rows] == ["Saraqib", "Khirbat Zuwayqat", "Quietude", "Tall Qirmiz"]  # no road (R)
    village = rows[1]
    assert (village.admin1_code, village.admin2_code, village.kind) == ("12", "169388", gz.K_CITY)
    assert [r.name for r in gz.read_geonames_dump(dump, countries=["iq"])] == ["Tall Qirmiz"]
    assert [r.name for r in gz.read_geonames_dump(dump, feature_classes="R")] == ["Tariq Zuwayqat"]
    # the official downloads are zipped, with a readme beside the dump
    zipped = dump.with_suffix(".zip")
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.writestr("readme.txt", "GeoNames dump")
        zf.write(dump, "SY.txt")
    assert [r.name for r in gz.read_geonames_dump(zipped, countries=["SY"])] == [
        "Saraqib", "Khirbat Zuwayqat"]


def test_geonames_import_is_streamed_and_all_or_nothing(tmp_path, dump):
    settings = get_settings(data_dir=str(tmp_path / "data"))
    broken = tmp_path / "broken.txt"
    broken.write_text(dump.read_text(encoding="utf-8") + "9990009\tHalf a row\n", encoding="utf-8")
    with pytest.raises(GeoError) as err:
        gz.add_import_rows(settings, gz.iter_geonames_dump(broken), "geonames")
    assert err.value.code == "G103" and "line 6" in str(err.value)
    folder = tmp_path / "data" / "gazetteer" / "imports"
    assert not folder.exists() or not any(folder.iterdir())  # neither a half file nor a .part is left
    with pytest.raises(GeoError) as err:
        gz.add_import_rows(settings, gz.iter_geonames_dump(dump, countries=["YE"]), "geonames")
    assert "no usable places" in str(err.value)


def test_geonames_import_places_villages_like_cities500(tmp_path, dump):
    """Builds its own index in a private data directory (~20 s)."""
    settings = get_settings(data_dir=str(tmp_path / "data"))
    path, n = gz.add_import_rows(settings, gz.iter_geonames_dump(dump, countries=["SY", "BE"]), "geonames")
    assert n == 3 and path.exists()
    gaz = gz.load_index(settings)
    # the packaged Saraqib learns the dump's other name instead of getting a twin entry
    assert sum(1 for g in gaz.gid if g == f"geonames:{SARAQIB_ID}") == 1
    assert gaz.header["sources"]["geonames-import-merged"] == 1
    geo = Geocoder.load(settings)
    got = places(geo, "Shells fell on Saraqeb al-Kubra and on Khirbat Zuwayqat in Idlib, Syria, on Monday.")
    assert got["Saraqeb al-Kubra"].gazetteer_id == f"geonames:{SARAQIB_ID}"
    village = got["Khirbat Zuwayqat"]
    assert (village.latitude, village.longitude) == (35.95, 36.60)
    assert village.admin1 == "Idleb" and village.admin2 and "Idlib" in village.admin2
    # a one-word dump place needs evidence like a packaged one (its country named, a locative), so a whole
    # country's villages do not turn capitalised words into places
    assert "Quietude" in places(geo, "Gunmen opened fire in Quietude, a village in Belgium.")
    assert "Quietude" not in places(geo, "Quietude returned to the market after the rally ended.")


def test_place_csv_reads_humanitarian_lists(tmp_path):
    """An HDX-style list (made-up rows): the finest admin level names the place, its alias columns are
    alternates, the coarser levels its admin names; the country comes from --country when no column has it."""
    hdx = tmp_path / "syr_pplp.csv"
    hdx.write_text(
        "admin1Name_en,admin1Pcode,admin2Name_en,admin3Name_en,admin4Name_en,admin4Name_ar,admin4RefName_en,"
        "admin4AltName1_en,admin4Pcode,POINT_X,POINT_Y\n"
        "Idleb,SY07,Ariha,Ariha,Khirbat Zuwayqat,,Khirbet Zwaiqat,Zuwayqat; Zwaiqat,C9001,36.60,35.95\n"
        "Idleb,SY07,Ariha,Ariha,Tall Sarraj,,,,C9002,,\n"
        "Idleb,SY07,Ariha,Ariha,Kafr Batta,,,,C9003,412345.0,3978123.0\n", encoding="utf-8")
    skipped: Counter = Counter()
    (row,) = gz.read_place_csv(hdx, country="Syria", skipped=skipped)
    assert (row.name, row.iso2, row.latitude, row.longitude) == ("Khirbat Zuwayqat", "SY", 35.95, 36.60)
    assert (row.admin1, row.admin2, row.admin3) == ("Idleb", "Ariha", "Ariha")
    assert row.alternates == ("Khirbet Zwaiqat", "Zuwayqat", "Zwaiqat")
    # a row without coordinates and one in projected metres are counted, not imported
    assert skipped == {"without usable coordinates (degrees)": 2}
    with pytest.raises(GeoError) as err:  # no country column and no --country
        gz.read_place_csv(hdx)
    assert err.value.code == "G103" and "--country" in str(err.value)

    plain = tmp_path / "places.csv"
    plain.write_text("Name,Lat,Lng,ISO3\nQaryat Zaytuna,35.1,36.2,SYR\nAtlantis,1,1,XXX\n", encoding="utf-8")
    skipped.clear()
    assert [(r.name, r.iso2) for r in gz.read_place_csv(plain, skipped=skipped)] == [("Qaryat Zaytuna", "SY")]
    assert skipped == {"of an unknown country": 1}


def test_cli_csv_import_reports_skipped_rows(tmp_path, monkeypatch):
    """The command line import on a one-country list, through a private data directory (~20 s)."""
    from click.testing import CliRunner

    from strife.cli import main

    monkeypatch.setenv("STRIFE_DATA_DIR", str(tmp_path / "data"))
    plain = tmp_path / "places.csv"
    plain.write_text("name,latitude,longitude\nKhirbat Zuwayqat,35.95,36.60\nTall Sarraj,,\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["gazetteer", "import", "csv", str(plain), "--country", "SY"])
    assert res.exit_code == 0, res.output
    assert "imported 1 places" in res.output and "skipped 1 rows without usable coordinates" in res.output
    res = CliRunner().invoke(main, ["gazetteer", "import", "csv", str(plain), "--country", "Atlantis"])
    assert res.exit_code != 0 and "G103" in res.output and "unknown country" in res.output
