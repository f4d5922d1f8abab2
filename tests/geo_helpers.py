"""Helpers shared by the geocoder tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

from strife.records import Article, Evidence, Mention


def located(geo, text: str, trigger: str, nlp=None, fatalities: int = 0) -> list[Mention]:
    """The mentions ``geo.locate`` makes of one event of ``text`` whose trigger word is ``trigger`` (one per
    place of a scene list), read by ``nlp`` when given, for the rules that need sentences."""
    art = Article(id=Article.make_id(None, text), document_id="doc", position=0, title=None, text=text)
    s = text.index(trigger)
    mention = Mention(id="m1", article_id=art.id, start=0, end=len(text), text=text, event_type="Battles",
                      sub_event_type="Armed clash", disorder_type="Political violence", event_date="2021-06-03",
                      time_precision=1, actor1="Unidentified Armed Group", fatalities=fatalities,
                      evidence=(Evidence("event_type", s, s + len(trigger), trigger),))
    doc = nlp(text) if nlp is not None else None
    return geo.locate(art, doc, [mention], geo.find_places(art, doc))


def scene(geo, text: str, trigger: str, nlp=None):
    """Where ``geo.locate`` puts the one event of ``text`` whose trigger word is ``trigger``."""
    (got,) = located(geo, text, trigger, nlp)
    return got.location


ACLED_HEADER = "country,iso3,admin1,admin2,admin3,location,latitude,longitude,geo_precision\n"


def acled_imported(tmp_path, rows: str):
    """A Geocoder over the packaged index plus an ACLED import of ``rows`` (CSV lines under ACLED_HEADER), built
    in a private data directory under ``tmp_path`` (~20 s), so the session's index stays as shipped."""
    from strife.geo import Geocoder
    from strife.geo import gazetteer as gz
    from strife.settings import get_settings

    settings = get_settings(data_dir=str(tmp_path / "data"))
    acled = tmp_path / "acled.csv"
    acled.write_text(ACLED_HEADER + rows, encoding="utf-8")
    gz.add_import_rows(settings, gz.read_acled_export(acled), "acled")
    return Geocoder.load(settings)


def placed_list(geo, text: str, doc=None) -> list:
    """``geo.find_places`` on ``text`` as ``(span text, Location)`` pairs in order, repeats kept (placed
    toponyms only)."""
    art = Article(id=Article.make_id(None, text), document_id="doc", position=0, title=None, text=text)
    return [(p.text, p.location) for p in geo.find_places(art, doc) if p.location is not None]


def places(geo, text: str, doc=None) -> dict:
    """``geo.find_places`` on ``text`` as ``{span text: Location}`` (placed toponyms only)."""
    return dict(placed_list(geo, text, doc))
