"""One Event from the mentions that report it: every report kept, fields chosen by ACLED's rules.

Field choice (deterministic; ties go to the smaller mention id):
- event_type / sub_event_type / disorder_type / civilian_targeting: the highest-ranked sub-event
  type among the mentions (ACLED codes co-occurring tactics by the higher rank).
- actors (actor1/2, assoc actors, inter codes, interaction): the mention naming the most specific
  actors (named before unidentified or missing), then the highest rank, then the most confident.
- place: the most precise location (lowest geo_precision), then the most confident geocoding.
- date: the most precise date (lowest time_precision), then the most confident mention.
- notes and evidence: the representative mention, the most confident one; evidence for the
  location and date comes from the mentions that gave them (each Evidence names its article).
- claims: every Claim of every mention, claimant filled from the mention when the claim has none.
- fatalities: ACLED's rule, the LOWEST REPORTED figure.  A mention reports a figure when it carries
  a fatality claim with a value (0 included: "no one was killed") or a positive ``fatalities``; a
  mention with 0 and no fatality claim said nothing about deaths and does not pull the figure to 0.
  fatalities_low = the smallest figure among reports and claims (their low bounds included),
  fatalities_high = the largest (high bounds included), fatalities_best = the figure the most
  reports give when one figure is given more often than any other, else the lower median of the
  reports' figures (a figure someone actually reported).  All three are None when no one reports.
- source: the distinct outlets, sorted, joined with "; ".  source_scale: see :func:`source_scale`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from statistics import median_low

from ..records import Claim, Event, Evidence, Mention, replace
from .rules import actor_set, geo_precision, is_generic_actor, is_unidentified, reported_fatalities, sub_event_rank

__all__ = ["build_event", "source_scale", "SCALE_ORDER", "representative", "fatalities_summary"]

# ACLED writes two scales as "A-B" in this order (every pair in the dev exports follows it, e.g.
# "Local partner-National", "Other-New media", "New media-Subnational", "National-International").
SCALE_ORDER = ("Local partner", "Other", "New media", "Subnational", "National", "Regional", "International")

# Outlets that are social media or user channels are "New media" in ACLED's terms.
_NEW_MEDIA = re.compile(r"(twitter|x\.com|telegram|t\.me|facebook|youtube|instagram|tiktok|whatsapp|"
                        r"social media|blog|vk\.com)", re.I)


def source_scale(outlets: Sequence[str], scales: dict[str, str] | None = None) -> str | None:
    """ACLED-style source scale of a set of outlets.

    Each outlet's scale comes from ``scales`` (outlet -> scale, when the caller knows the outlet's
    type), else "New media" for social-media outlets, else "Other" (ACLED's bucket for outlets of
    unknown or partisan standing).  One scale is written as is; several as the lowest and highest
    in :data:`SCALE_ORDER` joined with "-" (ACLED only ever writes pairs).
    """
    found = set()
    for outlet in outlets:
        scale = (scales or {}).get(outlet)
        if scale not in SCALE_ORDER:
            scale = "New media" if _NEW_MEDIA.search(outlet) else "Other"
        found.add(scale)
    if not found:
        return None
    ordered = sorted(found, key=SCALE_ORDER.index)
    return ordered[0] if len(ordered) == 1 else f"{ordered[0]}-{ordered[-1]}"


def _specific_actors(m: Mention) -> int:
    return sum(1 for a in actor_set(m) if not is_unidentified(a) and not is_generic_actor(a))


def representative(mentions: Sequence[Mention]) -> Mention:
    """The most confident mention (ties: higher-ranked type, then smaller id)."""
    return min(mentions, key=lambda m: (-m.confidence, sub_event_rank(m.sub_event_type), m.id))


def fatalities_summary(mentions: Sequence[Mention]) -> tuple[int, int | None, int | None, int | None]:
    """(fatalities, low, best, high) by the rules in the module docstring."""
    figures = [f for f in (reported_fatalities(m) for m in mentions) if f is not None]
    bounds = list(figures)
    for m in mentions:
        for c in m.claims:
            if c.kind != "fatalities":
                continue
            bounds.extend(v for v in (c.value, c.low, c.high) if v is not None)
    if not figures and not bounds:
        return 0, None, None, None
    if not figures:  # claims without a coded figure: keep the range, ACLED figure stays 0
        return 0, min(bounds), median_low(sorted(bounds)), max(bounds)
    counts = Counter(figures).most_common()
    if len(counts) == 1 or counts[0][1] > counts[1][1]:
        best = counts[0][0]
    else:
        best = median_low(sorted(figures))
    return min(figures), min(bounds), best, max(bounds)


def _claims(mentions: Sequence[Mention]) -> tuple[Claim, ...]:
    out: list[Claim] = []
    seen = set()
    for m in mentions:
        for c in m.claims:
            c2 = replace(c, claimant=c.claimant or m.claimant or m.outlet, article_id=c.article_id or m.article_id)
            key = (c2.article_id, c2.kind, c2.value, c2.low, c2.high, c2.claimant, c2.start, c2.end)
            if key not in seen:
                seen.add(key)
                out.append(c2)
    return tuple(out)


def _evidence(rep: Mention, loc_m: Mention, date_m: Mention) -> tuple[Evidence, ...]:
    def fill(ev: Evidence, m: Mention) -> Evidence:
        return ev if ev.article_id else replace(ev, article_id=m.article_id)

    out = [fill(e, rep) for e in rep.evidence
           if not (e.field == "location" and loc_m is not rep) and not (e.field == "event_date" and date_m is not rep)]
    if loc_m is not rep:
        out.extend(fill(e, loc_m) for e in loc_m.evidence if e.field == "location")
    if date_m is not rep:
        out.extend(fill(e, date_m) for e in date_m.evidence if e.field == "event_date")
    return tuple(out)


def _join_unique(values) -> str | None:
    parts = sorted({p.strip() for v in values if v for p in v.split(";") if p.strip()})
    return "; ".join(parts) or None


def build_event(event_id: str, mentions: Sequence[Mention], timestamp: int = 0,
                scales: dict[str, str] | None = None) -> Event:
    """The Event for one cluster of mentions (order of ``mentions`` does not matter)."""
    if not mentions:
        raise ValueError("an event needs at least one mention")
    ms = sorted(mentions, key=lambda m: m.id)
    type_m = min(ms, key=lambda m: (sub_event_rank(m.sub_event_type), -m.confidence, m.id))
    actor_m = min(ms, key=lambda m: (-_specific_actors(m), -len(actor_set(m)), sub_event_rank(m.sub_event_type),
                                     -m.confidence, m.id))
    located = [m for m in ms if geo_precision(m) is not None]
    loc_m = min(located, key=lambda m: (geo_precision(m), -(m.location.confidence if m.location else 0), m.id)) \
        if located else type_m
    dated = [m for m in ms if m.event_date]
    date_m = min(dated, key=lambda m: (m.time_precision or 1, -m.confidence, m.event_date, m.id)) if dated else type_m
    rep = representative(ms)
    loc = loc_m.location if located else None
    fatalities, low, best, high = fatalities_summary(ms)
    outlets = sorted({m.outlet.strip() for m in ms if m.outlet and m.outlet.strip()})
    year = int(date_m.event_date[:4]) if date_m.event_date and date_m.event_date[:4].isdigit() else None
    return Event(
        id=event_id,
        event_date=date_m.event_date,
        year=year,
        time_precision=(date_m.time_precision or 1) if date_m.event_date else None,
        disorder_type=type_m.disorder_type,
        event_type=type_m.event_type,
        sub_event_type=type_m.sub_event_type,
        actor1=actor_m.actor1,
        assoc_actor_1=actor_m.assoc_actor_1,
        inter1=actor_m.inter1,
        actor2=actor_m.actor2,
        assoc_actor_2=actor_m.assoc_actor_2,
        inter2=actor_m.inter2,
        interaction=actor_m.interaction,
        civilian_targeting=bool(type_m.civilian_targeting),
        iso=loc.iso if loc else None,
        region=loc.region if loc else None,
        country=loc.country if loc else None,
        admin1=loc.admin1 if loc else None,
        admin2=loc.admin2 if loc else None,
        admin3=loc.admin3 if loc else None,
        location=loc.name if loc else None,
        latitude=loc.latitude if loc else None,
        longitude=loc.longitude if loc else None,
        geo_precision=loc.geo_precision if loc else None,
        source="; ".join(outlets) or None,
        source_scale=source_scale(outlets, scales),
        notes=rep.notes or rep.text,
        fatalities=fatalities,
        fatalities_low=low,
        fatalities_best=best,
        fatalities_high=high,
        tags=_join_unique(m.tags for m in ms),
        timestamp=timestamp,
        mention_ids=tuple(m.id for m in ms),
        claims=_claims(ms),
        evidence=_evidence(rep, loc_m, date_m),
    )
