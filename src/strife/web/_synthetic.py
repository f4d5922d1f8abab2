"""Synthetic events for load tests and benchmarks (no article text, no real reports).

``synthetic_events(n)`` yields ``events`` rows spread over 2 years, 6 event types and a dozen
countries with plausible coordinates; ``bulk_insert_events(store, rows)`` writes them in large
batches.  Deterministic for a given seed, so benchmark figures are comparable run to run.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

from ..store import schema

__all__ = ["synthetic_events", "bulk_insert_events", "COUNTRIES", "TYPES"]

# (country, a city in it, latitude, longitude): public facts, used as cluster centres.
COUNTRIES = [
    ("Syria", "Aleppo", 36.20, 37.13), ("Syria", "Idlib", 35.93, 36.63), ("Iraq", "Mosul", 36.34, 43.12),
    ("Iraq", "Baghdad", 33.34, 44.40), ("Yemen", "Taizz", 13.58, 44.02), ("Yemen", "Marib", 15.46, 45.33),
    ("Afghanistan", "Kandahar", 31.61, 65.71), ("Afghanistan", "Kunduz", 36.73, 68.86),
    ("Libya", "Tripoli", 32.89, 13.19), ("Somalia", "Mogadishu", 2.04, 45.34), ("Ukraine", "Donetsk", 48.02, 37.80),
    ("Nigeria", "Maiduguri", 11.85, 13.16), ("Mali", "Mopti", 14.49, -4.20), ("Myanmar", "Sittwe", 20.15, 92.90),
]
TYPES = [
    ("Battles", "Armed clash", "Political violence"),
    ("Explosions/Remote violence", "Air/drone strike", "Political violence"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"),
    ("Violence against civilians", "Attack", "Political violence"),
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Riots", "Mob violence", "Demonstrations"),
    ("Strategic developments", "Arrests", "Strategic developments"),
]
ACTORS = ["Military Forces of {c}", "Police Forces of {c}", "Unidentified Armed Group ({c})", "Civilians ({c})",
          "Protesters ({c})", "Rioters ({c})", "Islamic State", "Communal Militia ({c})"]
WORDS = ["checkpoint", "convoy", "village", "market", "district", "road", "airstrike", "clashes", "curfew",
         "raid", "ambush", "shelling", "gathering", "detention", "outskirts", "bridge"]

_BATCH = 5000


def synthetic_events(n: int, *, seed: int = 7, start: date = date(2019, 1, 1), days: int = 730) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    now = int(time.time())
    for i in range(n):
        country, city, lat, lon = rng.choice(COUNTRIES)
        etype, sub, disorder = rng.choice(TYPES)
        day = start + timedelta(days=rng.randrange(days))
        a1 = rng.choice(ACTORS).format(c=country)
        a2 = rng.choice(ACTORS).format(c=country)
        fatalities = rng.choice((0, 0, 0, 1, 2, 3, 5, 8, 13, 40))
        words = " ".join(rng.sample(WORDS, 3))
        yield {
            "id": f"syn{seed}-{i:07d}", "event_date": day.isoformat(), "year": day.year, "time_precision": 1,
            "disorder_type": disorder, "event_type": etype, "sub_event_type": sub,
            "actor1": a1, "assoc_actor_1": None, "inter1": 1, "actor2": a2, "assoc_actor_2": None, "inter2": 7,
            "interaction": 17, "civilian_targeting": etype == "Violence against civilians", "iso": None,
            "region": None, "country": country, "admin1": city, "admin2": None, "admin3": None,
            "location": f"{city} area {i % 50}", "latitude": round(lat + rng.gauss(0, 0.6), 4),
            "longitude": round(lon + rng.gauss(0, 0.6), 4), "geo_precision": rng.choice((1, 1, 2, 3)),
            "source": "Synthetic Wire", "source_scale": "National",
            "notes": f"Synthetic event {i}: {words} near {city}.", "fatalities": fatalities,
            "fatalities_low": fatalities, "fatalities_best": fatalities, "fatalities_high": fatalities * 2 or None,
            "tags": None, "timestamp": now - rng.randrange(86400 * 30), "created_at": now - 86400 * 31,
            "mention_count": 1, "claims": [], "evidence": [], "deleted": False, "run_id": None,
        }


def bulk_insert_events(store, rows: Iterable[dict[str, Any]]) -> int:
    """Insert rows into ``events`` in batches, one transaction; returns the number inserted."""
    n = 0
    batch: list[dict[str, Any]] = []
    with store.begin() as conn:
        for row in rows:
            batch.append(row)
            if len(batch) >= _BATCH:
                conn.execute(schema.events.insert(), batch)
                n += len(batch)
                batch = []
        if batch:
            conn.execute(schema.events.insert(), batch)
            n += len(batch)
    return n
