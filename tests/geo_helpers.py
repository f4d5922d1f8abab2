"""Helpers shared by the geocoder tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

from strife.records import Article, Evidence, Mention


def scene(geo, text: str, trigger: str, nlp=None):
    """Where ``geo.locate`` puts one event of ``text`` whose trigger word is ``trigger`` (read by ``nlp`` when
    given, for the rules that need sentences)."""
    art = Article(id=Article.make_id(None, text), document_id="doc", position=0, title=None, text=text)
    s = text.index(trigger)
    mention = Mention(id="m1", article_id=art.id, start=0, end=len(text), text=text, event_type="Battles",
                      sub_event_type="Armed clash", disorder_type="Political violence", event_date="2021-06-03",
                      time_precision=1, actor1="Unidentified Armed Group",
                      evidence=(Evidence("event_type", s, s + len(trigger), trigger),))
    doc = nlp(text) if nlp is not None else None
    (got,) = geo.locate(art, doc, [mention], geo.find_places(art, doc))
    return got.location


def places(geo, text: str, doc=None) -> dict:
    """``geo.find_places`` on ``text`` as ``{span text: Location}`` (placed toponyms only)."""
    art = Article(id=Article.make_id(None, text), document_id="doc", position=0, title=None, text=text)
    return {p.text: p.location for p in geo.find_places(art, doc) if p.location is not None}
