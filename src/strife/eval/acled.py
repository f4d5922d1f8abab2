"""Evaluation against human ACLED coding: each row's ``notes`` is coded as an article published on
the row's event date, and strife's best-matching mention is compared with the row's fields.

Reads the old (2019-2022: numeric inter codes, dates like ``2-May-20`` or ``21 March 2020``,
``data_id``, ``iso3``) and the current export schemas.
"""

from __future__ import annotations

import csv
import math
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..errors import EvalError
from ..records import Article, Mention
from ..settings import Settings

__all__ = ["GoldRow", "read_rows", "evaluate", "score", "GATE_KEYS"]

# keys the quality gate pins floors for (higher is better, except no_event.rate)
GATE_KEYS = (
    "event_type.accuracy", "event_type.macro_f1", "sub_event_type.accuracy", "sub_event_type.macro_f1",
    "disorder_type.accuracy", "actor1.match", "actor2.match", "fatalities.exact", "fatalities.within_1",
    "date.exact", "no_event.rate",
)
LOWER_IS_BETTER = {"no_event.rate", "merge.false_merge_rate"}


@dataclass(frozen=True, slots=True)
class GoldRow:
    id: str
    event_date: str | None
    event_type: str
    sub_event_type: str
    disorder_type: str | None
    actor1: str
    actor2: str
    inter1: int | None
    inter2: int | None
    country: str
    admin1: str
    location: str
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int
    notes: str
    source: str


def _date(text: str) -> str | None:
    text = (text or "").strip()
    for fmt in ("%Y-%m-%d", "%d-%b-%y", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%m/%d/%Y"):
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _float(text: str) -> float | None:
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def _int(text: str) -> int | None:
    from ..coding.taxonomy import inter_code

    try:
        return inter_code(text)
    except (TypeError, ValueError):
        return None


def read_rows(path: str | Path, country: str | None = None, limit: int | None = None) -> list[GoldRow]:
    """ACLED export rows with a non-empty ``notes`` (old or current schema)."""
    path = Path(path)
    if not path.is_file():
        raise EvalError(f"{path} does not exist", code="E101")
    rows: list[GoldRow] = []
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        cols = set(reader.fieldnames or ())
        if not {"notes", "event_type", "sub_event_type"} <= cols:
            raise EvalError(f"{path} has no notes/event_type/sub_event_type columns", code="E101")
        for i, r in enumerate(reader):
            notes = (r.get("notes") or "").strip()
            if not notes:
                continue
            if country and (r.get("country") or "").lower() != country.lower():
                continue
            rid = r.get("event_id_cnty") or r.get("data_id") or str(i)
            try:
                fat = int(float(r.get("fatalities") or 0))
            except ValueError:
                fat = 0
            rows.append(GoldRow(
                id=rid,
                event_date=_date(r.get("event_date", "")),
                event_type=(r.get("event_type") or "").strip(),
                sub_event_type=(r.get("sub_event_type") or "").strip(),
                disorder_type=(r.get("disorder_type") or "").strip() or None,
                actor1=(r.get("actor1") or "").strip(),
                actor2=(r.get("actor2") or "").strip(),
                inter1=_int(r.get("inter1") or ""),
                inter2=_int(r.get("inter2") or ""),
                country=(r.get("country") or "").strip(),
                admin1=(r.get("admin1") or "").strip(),
                location=(r.get("location") or "").strip(),
                latitude=_float(r.get("latitude")),
                longitude=_float(r.get("longitude")),
                geo_precision=_int(r.get("geo_precision") or ""),
                fatalities=fat,
                notes=notes,
                source=(r.get("source") or "").strip(),
            ))
            if limit and len(rows) >= limit:
                break
    if not rows:
        raise EvalError(f"{path}: no rows with notes" + (f" for {country}" if country else ""), code="E101")
    return rows


def _article(row: GoldRow) -> Article:
    title = None
    return Article(
        id=Article.make_id(title, row.notes) + "-" + row.id,
        document_id=f"acled-eval:{row.id}",
        position=0,
        title=title,
        text=row.notes,
        outlet=(row.source.split(";")[0].strip() or None),
        published=row.event_date,
        published_precision="explicit" if row.event_date else "unknown",
    )


def _code_all(articles: list[Article], settings: Settings) -> Iterator[tuple[Article, list[Mention]]]:
    """(article, located mentions): through the runner's pipeline when present, else stage by stage."""
    try:
        from ..pipeline import Pipeline

        pipe = Pipeline(settings)
        if hasattr(pipe, "code_articles"):
            failures: list = []
            done = set()
            for coded in pipe.code_articles(articles, failures):
                article = coded.article if hasattr(coded, "article") else coded[0]
                mentions = coded.mentions if hasattr(coded, "mentions") else list(coded[1].mentions)
                done.add(article.id)
                yield article, list(mentions)
            for a in articles:
                if a.id not in done:
                    yield a, []
            return
    except ImportError:
        pass
    from ..coding import EventCoder
    from ..nlp import parse

    coder = EventCoder(settings)
    for article, doc in parse(articles, settings):
        yield article, list(coder.code(article, doc, []).mentions)


def _norm_actor(name: str | None) -> str:
    return re.sub(r"\s+", " ", (name or "").strip().lower())


def _actor_match(pred: str | None, gold: str) -> bool:
    p, g = _norm_actor(pred), _norm_actor(gold)
    if not g:
        return not p
    if p == g:
        return True
    # "Military Forces of Syria (2000-)" vs "Military Forces of Syria (2000-) Military Intelligence":
    # the unit suffix is finer than the rules aim for; the force and period must agree
    return bool(p) and (g.startswith(p) and g[len(p):len(p) + 1] == " ")


def _haversine(lat1, lon1, lat2, lon2) -> float:
    try:
        from ..geo import distance_km

        return float(distance_km(lat1, lon1, lat2, lon2))
    except ImportError:
        pass
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def _pick(mentions: list[Mention], row: GoldRow) -> Mention | None:
    """The mention that matches the row best (a note may hold several events)."""
    if not mentions:
        return None

    def s(m: Mention) -> tuple:
        # among mentions coded alike (one report split by place: "on the Nihm, Sirwah and Taizz fronts"),
        # the one nearest the row's place; the coded fields decide first
        loc = m.location
        near = (-_haversine(loc.latitude, loc.longitude, row.latitude, row.longitude)
                if loc is not None and loc.latitude is not None and row.latitude is not None else -1e9)
        return (m.sub_event_type == row.sub_event_type, m.event_type == row.event_type,
                m.event_date == row.event_date, _actor_match(m.actor1, row.actor1), near, -mentions.index(m))

    return max(mentions, key=s)


def _f1(pairs: list[tuple[str, str]]) -> float:
    labels = {g for g, _ in pairs}
    f1s = []
    for lab in labels:
        tp = sum(1 for g, p in pairs if g == lab and p == lab)
        fp = sum(1 for g, p in pairs if g != lab and p == lab)
        fn = sum(1 for g, p in pairs if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / len(f1s) if f1s else 0.0


def score(rows: list[GoldRow], coded: dict[str, list[Mention]]) -> dict:
    """Metrics for rows against their coded mentions (``coded``: row id -> mentions)."""
    from ..coding import taxonomy

    n = len(rows)
    et_pairs, sub_pairs = [], []
    dis_ok = a1 = a2 = f_exact = f_within = d_exact = none = 0
    geo_rows = coded_rows = w5 = w25 = w100 = adm = gp = ctry = 0
    confusion: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        mentions = coded.get(row.id, [])
        m = _pick(mentions, row)
        pred_sub = m.sub_event_type if m else "(none)"
        pred_et = m.event_type if m else "(none)"
        et_pairs.append((row.event_type, pred_et))
        sub_pairs.append((row.sub_event_type, pred_sub))
        confusion[row.sub_event_type][pred_sub] += 1
        gold_dis = row.disorder_type or (taxonomy.disorder_type(row.sub_event_type)
                                         if taxonomy.is_sub_event_type(row.sub_event_type) else None)
        if m is None:
            none += 1
            if row.latitude is not None:
                geo_rows += 1  # (a row strife coded no event for counts as a miss of every location key)
            continue
        dis_ok += m.disorder_type == gold_dis
        a1 += _actor_match(m.actor1, row.actor1)
        a2 += _actor_match(m.actor2, row.actor2)
        f_exact += m.fatalities == row.fatalities
        f_within += abs(m.fatalities - row.fatalities) <= 1
        d_exact += m.event_date == row.event_date
        if row.latitude is not None and row.longitude is not None:
            geo_rows += 1
            coded_rows += 1
            loc = m.location
            # (a country-level answer counts here: the event kept its country, though no point)
            ctry += loc is not None and bool(loc.country) and _norm_actor(loc.country) == _norm_actor(row.country)
            if loc is not None and loc.latitude is not None and loc.longitude is not None:
                km = _haversine(row.latitude, row.longitude, loc.latitude, loc.longitude)
                w5 += km <= 5
                w25 += km <= 25
                w100 += km <= 100
                adm += bool(loc.admin1) and _norm_actor(loc.admin1) == _norm_actor(row.admin1)
                gp += loc.geo_precision == row.geo_precision
    out = {
        "rows": n,
        "event_type.accuracy": sum(g == p for g, p in et_pairs) / n,
        "event_type.macro_f1": _f1(et_pairs),
        "sub_event_type.accuracy": sum(g == p for g, p in sub_pairs) / n,
        "sub_event_type.macro_f1": _f1(sub_pairs),
        "disorder_type.accuracy": dis_ok / n,
        "actor1.match": a1 / n,
        "actor2.match": a2 / n,
        "fatalities.exact": f_exact / n,
        "fatalities.within_1": f_within / n,
        "date.exact": d_exact / n,
        "no_event.rate": none / n,
        "mentions_per_row": sum(len(coded.get(r.id, [])) for r in rows) / n,
    }
    if geo_rows:
        out.update({
            "location.within_5km": w5 / geo_rows,
            "location.within_25km": w25 / geo_rows,
            "location.within_100km": w100 / geo_rows,
            "admin1.match": adm / geo_rows,
            "country.match": ctry / geo_rows,
            "geo_precision.match": gp / geo_rows,
        })
    if coded_rows:
        # the geocoder alone: the same counts over the rows strife coded an event for (a row it coded no event
        # for is a miss of event detection, not of geocoding); the keys above stay the end-to-end scores
        out.update({
            "location.coded_rows": coded_rows,
            "location.coded.within_5km": w5 / coded_rows,
            "location.coded.within_25km": w25 / coded_rows,
            "location.coded.within_100km": w100 / coded_rows,
            "admin1.coded.match": adm / coded_rows,
        })
    out["confusion"] = {g: dict(c) for g, c in sorted(confusion.items())}
    return out


def evaluate(csv_path: str | Path, settings: Settings, country: str | None = None, limit: int | None = None) -> dict:
    """Code every row's notes and score the result against the row's human coding."""
    rows = read_rows(csv_path, country=country, limit=limit)
    articles = {}
    for row in rows:
        articles[row.id] = _article(row)
    by_article = {a.id: rid for rid, a in articles.items()}
    coded: dict[str, list[Mention]] = {}
    t0 = time.perf_counter()
    for article, mentions in _code_all(list(articles.values()), settings):
        coded[by_article[article.id]] = mentions
    elapsed = time.perf_counter() - t0
    out = score(rows, coded)
    try:
        from ..merge import false_merge_rate, plan_merge  # noqa: F401

        out["merge.false_merge_rate"] = float(false_merge_rate(coded))
    except ImportError:
        pass
    except Exception as exc:  # noqa: BLE001 - a merge problem must not hide the coding scores
        out["merge.error"] = f"{type(exc).__name__}: {exc}"
    out["seconds"] = round(elapsed, 2)
    out["rows_per_second"] = round(len(rows) / elapsed, 1) if elapsed > 0 else None
    out["file"] = str(csv_path)
    if country:
        out["country"] = country
    return out
