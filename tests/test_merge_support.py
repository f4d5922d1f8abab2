"""Builders for the merge tests (no tests here): Mention records made by hand, texts written for the tests."""

from __future__ import annotations

from strife.records import Article, Claim, Evidence, Location, Mention, RawDocument

HOUTHI = "Military Forces of Yemen (2016-) Supreme Political Council"
HADI = "Military Forces of Yemen (2012-)"
TALIBAN = "Taliban"
AFG_ARMY = "Military Forces of Afghanistan (2014-)"

TYPES = {
    "clash": ("Battles", "Armed clash", "Political violence"),
    "takeover": ("Battles", "Non-state actor overtakes territory", "Political violence"),
    "airstrike": ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"),
    "attack": ("Violence against civilians", "Attack", "Political violence"),
    "protest": ("Protests", "Peaceful protest", "Demonstrations"),
    "arrests": ("Strategic developments", "Arrests", "Strategic developments"),
}

# (admin1, admin2, lat, lon, gazetteer id)
PLACES = {
    "Al Hazm": ("Al Jawf", "Al Hazm", 16.1641, 44.7769, "gn:74185"),
    "Al Ghayl": ("Al Jawf", "Al Ghayl", 16.0539, 45.2331, "gn:74001"),
    "Marib": ("Marib", "Marib City", 15.4625, 45.3253, "gn:71137"),
    "Saraqib": ("Idlib", "Idleb", 35.8644, 36.8006, "gn:163806"),
    "Saraqib East": ("Idlib", "Idleb", 35.8700, 36.8100, "gn:900001"),  # 1.0 km from Saraqib
    "Sarmin": ("Idlib", "Idleb", 35.9037, 36.7258, "gn:163450"),  # 8 km away, same district
    "Ghazni": ("Ghazni", "Ghazni", 33.5535, 68.4269, "gn:1141269"),
    "Andar": ("Ghazni", "Andar", 33.4000, 68.5000, "gn:1148000"),
}
COUNTRY_OF = {"Al Jawf": "Yemen", "Marib": "Yemen", "Idlib": "Syria", "Ghazni": "Afghanistan"}


def place(name: str, precision: int = 1) -> Location:
    admin1, admin2, lat, lon, gid = PLACES[name]
    return Location(name=name, country=COUNTRY_OF[admin1], admin1=admin1, admin2=admin2, latitude=lat,
                    longitude=lon, geo_precision=precision, method="gazetteer", confidence=0.9, gazetteer_id=gid)


def province(admin1: str, lat: float, lon: float) -> Location:
    """A province-level location (geo_precision 3), coded at the provincial capital like ACLED."""
    return Location(name=admin1, country=COUNTRY_OF[admin1], admin1=admin1, latitude=lat, longitude=lon,
                    geo_precision=3, method="admin", confidence=0.6, gazetteer_id=f"adm1:{admin1}")


def article(text: str, title: str, outlet: str | None = None) -> Article:
    return Article(id=Article.make_id(title, text), document_id=RawDocument.make_id(text.encode()), position=0,
                   title=title, text=text, outlet=outlet, published="2020-03-05", published_precision="explicit")


def mention(text: str, *, kind: str = "clash", date: str | None = "2020-03-01", tp: int = 1,
            actor1: str | None = HOUTHI, actor2: str | None = HADI, loc: Location | None = None,
            fatalities: int = 0, deaths: tuple[tuple[int, str | None], ...] = (), outlet: str | None = "Outlet A",
            confidence: float = 0.7, claimant: str | None = None, title: str = "report",
            assoc1: str | None = None) -> Mention:
    """One mention, alone in its own article (the article is built from ``text`` and ``title``)."""
    event_type, sub, disorder = TYPES[kind]
    art = article(text, title + (outlet or ""), outlet)
    claims = tuple(Claim("fatalities", n, claimant=who, start=0, end=len(text), text=text, article_id=art.id)
                   for n, who in deaths)
    evidence = (Evidence("event_type", 0, min(len(text), 20), text[:20], art.id),
                Evidence("location", 0, min(len(text), 10), text[:10], art.id))
    return Mention(id=Mention.make_id(art.id, 0, len(text), sub), article_id=art.id, start=0, end=len(text),
                   text=text, event_type=event_type, sub_event_type=sub, disorder_type=disorder, event_date=date,
                   time_precision=tp, actor1=actor1, actor2=actor2, assoc_actor_1=assoc1,
                   location=loc if loc is not None else place("Al Hazm"), fatalities=fatalities, claims=claims,
                   claimant=claimant, evidence=evidence, confidence=confidence, outlet=outlet,
                   notes=f"{date}: {text}")
