"""Actors for event coding: who did it (actor1) and to whom (actor2), in ACLED's names.

Three layers, all driven by data in ``strife/data``:

- ``actors.tsv``: canonical ACLED names with aliases, home country, inter code and, for some
  aliases, the speaker context in which they mean that actor ("the army" from a Houthi outlet is
  the Houthi forces).  Rows named with ``{country}`` are generic actors filled with the event
  country ("Civilians (Yemen)").
- ``actor_labels.tsv``: partisan and loaded labels ("mercenaries", "aggression", "terrorists")
  resolved by speaker context, event country and nearby named groups.
- ``nationalities.tsv``: "<Nationality> forces/troops/police" -> the state's forces with the
  regime period found in ``actors.tsv``.
- ``speakers.tsv``: outlets and spokesmen -> a speaker context ("houthi", "syria_gov", ...).

Roles come from the dependency parse around the event trigger, never from word order alone:
the trigger's subject (or the "by" agent of a passive, or the subject of a governing verb) is
actor1; its object, the object of "on/against/with", or the subject of a passive is actor2;
"clashes between X and Y" gives X and Y.

Public API::

    resolver = ActorResolver(settings)            # data loaded once per process
    resolver.assign(doc, span, trigger, country=..., speaker=..., sub_event_type=...) -> ActorAssignment
    resolver.resolve_name(text, country=None, speaker=None) -> ActorRef | None
    resolver.same_actor(a, b) -> bool
    resolver.find_mentions(doc, span, country=..., speaker=..., sub_event_type=...) -> list[ActorMention]

Module-level ``resolve_name`` and ``same_actor`` use a default resolver.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from collections.abc import Iterable
from typing import TYPE_CHECKING

import ahocorasick

from ..records import Evidence
from ..resources import data_rows

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from ..settings import Settings

__all__ = [
    "ActorRef",
    "ActorMention",
    "ActorAssignment",
    "ActorResolver",
    "resolve_name",
    "same_actor",
    "speaker_context",
    "normalise",
    "outlet_country",
    "front_sides",
    "acled_country",
]

# ---------------------------------------------------------------------------------------------
# records


@dataclass(frozen=True, slots=True)
class ActorRef:
    """A resolved actor: ACLED canonical name, inter code (home value) and home country."""

    name: str
    inter: int | None
    country: str | None
    kind: str = ""  # "", generic, group, unidentified, label, nationality, ner


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One place in the text that names an actor (character offsets of the doc)."""

    start: int
    end: int
    text: str
    ref: ActorRef
    source: str  # alias, label, nationality, ner
    tok_start: int
    tok_end: int


@dataclass(frozen=True, slots=True)
class ActorAssignment:
    actor1: str | None = None
    inter1: int | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    inter2: int | None = None
    assoc_actor_2: str | None = None
    evidence: tuple[Evidence, ...] = ()


# ---------------------------------------------------------------------------------------------
# text normalisation (character-aligned so matches map back to doc offsets)

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212_/"
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"}


def _norm_chars(text: str) -> tuple[str, list[int]]:
    """Lower-cased text with dashes as spaces and runs of spaces collapsed, plus each char's source index."""
    out: list[str] = []
    idx: list[int] = []
    for i, ch in enumerate(text):
        c = _QUOTES.get(ch, ch)
        if c in _DASHES or c.isspace():
            if out and out[-1] == " ":
                continue
            c = " "
        else:
            lc = c.lower()
            c = lc if len(lc) == 1 else c
        out.append(c)
        idx.append(i)
    return "".join(out), idx


def normalise(text: str) -> str:
    """The matching key of a name or alias: case-folded, dashes and quote variants unified."""
    return _norm_chars(text.strip())[0].strip()


def _case_key(text: str) -> str:
    """Dash-normalised but case-kept form, for short all-caps acronyms ("IS" is not "is")."""
    return "".join(" " if (c in _DASHES or c.isspace()) else _QUOTES.get(c, c) for c in text.strip())


# Acronyms up to this length must match in capitals: "IS", "SAA", "ANA" are also English words.
_CASE_SENSITIVE_MAX = 5

# ---------------------------------------------------------------------------------------------
# data


@dataclass(frozen=True, slots=True)
class _Row:
    name: str
    country: str | None  # home country (first of the listed ones)
    areas: tuple[str, ...]  # countries where its lower-case aliases apply
    inter: int | None
    years: str
    speaker_context: str
    kind: str
    order: int


@dataclass(frozen=True, slots=True)
class _Label:
    label: str
    speaker_context: str  # "*" any
    country: str  # "*" any
    sub_events: tuple[str, ...]
    resolves_to: tuple[str, ...]
    order: int
    cues: tuple[str, ...] = ()  # "@" rules only: phrases one of which the event text must hold


@dataclass(frozen=True, slots=True)
class _Entry:
    """One alias key in the automaton: a candidate row or a label rule."""

    alias: str
    case_sensitive: bool
    row: _Row | None = None
    label: _Label | None = None
    local: bool = False  # derived from the canonical name: only used inside the actor's own country


_tsv = data_rows


class _Tables:
    def __init__(self) -> None:
        self.rows: list[_Row] = []
        self.by_name: dict[str, _Row] = {}  # normalised canonical name -> first row
        self.entries: dict[str, list[_Entry]] = {}  # normalised alias -> candidates
        self.alias_of: dict[str, set[str]] = {}  # canonical -> normalised aliases (context-free rows)
        for order, parts in enumerate(_tsv("actors.tsv")):
            parts = parts + [""] * (7 - len(parts))
            name, aliases, country, inter, years, ctx, kind = (p.strip() for p in parts[:7])
            if not name:
                continue
            areas = tuple(c.strip() for c in country.split("|") if c.strip())
            row = _Row(name=name, country=areas[0] if areas else None, areas=areas,
                       inter=int(inter) if inter.isdigit() else None, years=years,
                       speaker_context=ctx, kind=kind, order=order)
            self.rows.append(row)
            self.by_name.setdefault(normalise(name), row)
            keys = [a for a in aliases.split("|") if a.strip()]
            if "{" not in name:
                keys.append(name)
            for alias in keys + [a[:-1] for a in keys if _pluralish(a)]:
                self._add(alias, _Entry(alias=alias.strip(), case_sensitive=_is_acronym(alias), row=row))
                if not ctx:
                    self.alias_of.setdefault(name, set()).add(normalise(alias))
            if "{" not in name and not ctx:
                for alias in _derived_aliases(name):
                    self._add(alias, _Entry(alias=alias, case_sensitive=_is_acronym(alias), row=row, local=True))
        self.areas_by_name: dict[str, tuple[str, ...]] = {}
        for row in self.rows:
            self.areas_by_name[row.name] = self.areas_by_name.get(row.name, ()) + row.areas
        self.labels: list[_Label] = []
        self.defaults: dict[str, list[_Label]] = {}
        for order, parts in enumerate(_tsv("actor_labels.tsv")):
            parts = parts + [""] * (6 - len(parts))
            label, ctx, country, subs, target, cues = (p.strip() for p in parts[:6])
            if not label or not target:
                continue
            lab = _Label(label=label, speaker_context=ctx or "*", country=country or "*",
                         sub_events=tuple(s.strip() for s in subs.split(",") if s.strip()),
                         resolves_to=tuple(t.strip() for t in target.split("|") if t.strip()), order=order,
                         cues=tuple(normalise(c) for c in cues.split("|") if c.strip()))
            if label.startswith("@"):
                # "@unidentified": a country's convention for an unnamed perpetrator, not a surface form
                self.defaults.setdefault(label, []).append(lab)
                continue
            self.labels.append(lab)
            self._add(label, _Entry(alias=label, case_sensitive=False, label=lab))
        self.speakers: list[tuple[re.Pattern[str], str]] = []
        for parts in _tsv("speakers.tsv"):
            if len(parts) >= 2 and parts[0].strip():
                pat = re.compile(r"(?<![\w])" + re.escape(normalise(parts[0])) + r"(?![\w])")
                self.speakers.append((pat, parts[1].strip()))
        self.contexts = {ctx for _, ctx in self.speakers}
        self.nationalities: dict[str, str] = {}
        for parts in _tsv("nationalities.tsv"):
            if len(parts) >= 2:
                self.nationalities[parts[0].strip()] = parts[1].strip()
        self.automaton = ahocorasick.Automaton()
        for key, cands in self.entries.items():
            self.automaton.add_word(key, (key, tuple(cands)))
        self.automaton.make_automaton()
        # "Military Forces of X" -> the row with X's regime period, e.g. "Military Forces of Syria (2000-)"
        self.state_names: dict[str, str] = {}
        pat = re.compile(r"^((?:Military|Police) Forces of (?:the )?.+?|Government of (?:the )?.+?) \((\d{4})-(\d{4})?\)$")
        best: dict[str, tuple[int, str]] = {}
        for row in self.rows:
            m = pat.match(row.name)
            if m:
                base = re.sub(r" of the ", " of ", m.group(1))
                start = int(m.group(2))
                # the open-ended, latest period is the current regime
                score = start + (10_000 if m.group(3) is None else 0)
                if base not in best or score > best[base][0]:
                    best[base] = (score, row.name)
        self.state_names = {k: v for k, (_, v) in best.items()}
        # ACLED dates a state's police and military by the same regime period: a country with only one
        # of them listed lends its period to the other ("Police Forces of Chile (2018-)")
        for base, full in list(self.state_names.items()):
            m = re.match(r"^(Military|Police) Forces of (.+)$", base)
            if m:
                other = f"{'Police' if m.group(1) == 'Military' else 'Military'} Forces of {m.group(2)}"
                if other not in self.state_names:
                    # the full name keeps its "the" ("Military Forces of the United States (2017-)"),
                    # the key does not: take the period from the full name's end, not by the key's length
                    pm = pat.match(full)
                    kind = "Police" if m.group(1) == "Military" else "Military"
                    self.state_names[other] = kind + pm.group(1)[len(m.group(1)):] + full[len(pm.group(1)):]
        adj = sorted(self.nationalities, key=len, reverse=True)
        self.nationality_re = re.compile(
            r"(?<![\w-])(" + "|".join(re.escape(a) for a in adj) + r")"
            r"(?i:\s+(?:government|army|military|security|special|border|regime|national|armed|air|naval|"
            r"occupation|defen[cs]e|elite|ground|allied|state))*"
            r"\s+(?i:(army|forces|troops|soldiers|soldier|military|police|policemen|police officers|gendarmerie|"
            r"security forces|warplanes|warplane|jets|jet|fighter jets|aircraft|drones?|artillery|navy|"
            r"air force|commandos|border guards|intelligence|servicemen|convoys?|patrols?|helicopters?|"
            r"guards|tanks|units|personnel|positions|columns?|vehicles|(?:air|drone|artillery|missile)\s+strikes?|airstrikes?|"
            r"shelling|bombardment|raids?|offensive|operation))\b"
        )
        # "military forces of Armenia", "the armed forces of Ukraine"
        self.countries = set(self.nationalities.values())
        countries = sorted(self.countries, key=len, reverse=True)
        self.forces_of_re = re.compile(
            r"(?i:\b(military|armed|police|security|defen[cs]e)\s+forces\s+of\s+(?:the\s+)?)("
            + "|".join(re.escape(c) for c in countries) + r")\b"
        )

    def _add(self, alias: str, entry: _Entry) -> None:
        key = normalise(alias)
        if key:
            self.entries.setdefault(key, []).append(entry)


_GENERIC_STEMS = {"civilians", "protesters", "rioters", "unidentified armed group", "labour group", "women",
                  "unidentified tribal militia", "militia", "government", "health workers", "teachers",
                  "students", "journalists", "farmers", "prisoners", "refugees/idps", "aid workers", "judges",
                  "lawyers", "fishermen", "settlers", "muslim group", "christian group", "hindu group",
                  "private security forces", "unidentified communal militia", "unidentified tribal group"}


def _derived_aliases(name: str) -> list[str]:
    """Surface forms implied by an ACLED name: "JaS: Levant Front" -> JaS, Levant Front;
    "Al Muaili Tribal Militia (Yemen)" -> Al Muaili Tribal Militia; a state unit -> the unit."""
    out: list[str] = []
    m = re.match(r"^([^:]{2,12}): (.+)$", name)
    if m:
        out += [m.group(1), m.group(2)]
    m = re.match(r"^(.+?) \(([^()]+)\)$", name)
    if m and not re.match(r"\d{4}", m.group(2)) and normalise(m.group(1)) not in _GENERIC_STEMS:
        out.append(m.group(1))
    m = re.match(r"^(?:Military|Police) Forces of .+? \(\d{4}-\d{0,4}\) (.+)$", name)
    if m and " " in m.group(1):
        out.append(m.group(1))
    m = re.match(r"^(.+?) - .+$", name)
    if m:
        out.append(m.group(1))
    return [a for a in out if len(a) > 1]


def _pluralish(alias: str) -> bool:
    """A multi-word alias ending in a plain plural ("IS militants"): its singular is a name too."""
    words = alias.split()
    return len(words) > 1 and words[-1].endswith("s") and not words[-1].endswith(("ss", "'s")) \
        and words[-1].islower() and len(words[-1]) > 3


def _is_acronym(alias: str) -> bool:
    core = alias.strip().replace(".", "")
    return len(core) <= _CASE_SENSITIVE_MAX and (core.isupper() or sum(c.isupper() for c in core) >= 2)


_tables_lock = threading.Lock()


@lru_cache(maxsize=1)
def _load_tables() -> _Tables:
    return _Tables()


def _tables() -> _Tables:
    with _tables_lock:
        return _load_tables()


# ---------------------------------------------------------------------------------------------
# vocabulary the role rules need (closed-class grammar words, not domain knowledge)

_PATIENT_PREPS = {"on", "against", "at", "upon", "targeting", "toward", "towards", "into", "onto", "over"}
_COUNTER_PREPS = {"with"}
_PAIR_PREPS = {"between", "among", "amongst"}
_AGENT_PREPS = {"by", "from"}
# verbs whose subject is the side that was attacked
_DEFENSIVE_VERBS = {"repel", "repulse", "thwart", "foil", "fend", "respond", "retaliate", "resist", "defend",
                    "counter", "push", "beat", "drive"}
_BATTLE_TYPES = {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}
_PLACE_PREPS = {"in", "near", "at", "outside", "inside", "around", "across", "across", "from", "to", "into"}
_CIVILIAN_TYPES = {"Attack", "Sexual violence", "Abduction/forced disappearance"}
_PROTEST_TYPES = {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
_RIOT_TYPES = {"Violent demonstration", "Mob violence"}
# sub-event types where ACLED codes an unnamed perpetrator as "Unidentified Armed Group (Country)"
_UNIDENTIFIED_TYPES = _CIVILIAN_TYPES | {
    "Armed clash", "Remote explosive/landmine/IED", "Grenade", "Suicide bomb",
    "Shelling/artillery/missile attack", "Looting/property destruction",
}
# nouns that name an event (so "a Taliban attack", "an attack by X on Y" carry roles like a verb)
_EVENT_NOUNS = {
    "attack", "attacks", "assault", "strike", "strikes", "airstrike", "airstrikes", "air-strike", "raid", "raids",
    "ambush", "shelling", "bombing", "bombardment", "clash", "clashes", "fighting", "battle", "offensive",
    "operation", "operations", "fire", "gunfire", "explosion", "blast", "killing", "killings", "abduction",
    "kidnapping", "arrest", "arrests", "shootout", "firefight", "skirmish", "skirmishes", "confrontation",
    "confrontations", "assassination", "massacre", "incursion", "infiltration", "advance", "protest",
    "protests", "demonstration", "rally", "sit-in", "march", "riot", "violence",
}
_MAX_CLIMB = 8
_REMOTE_TYPES = {"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
                 "Suicide bomb", "Chemical weapon"}
# verbs that put their object on the receiving end of the event noun they modify ("strikes targeting X")
_TARGET_VERBS = {"target", "hit", "strike", "aim", "pound", "bomb"}
# characters after the event span searched for a country convention's cues: two short report sentences
# (ACLED notes put the "hands tied"/"message left" detail one or two sentences after the killing)
_CUE_WINDOW = 300


@dataclass(slots=True)
class _Role:
    mention: ActorMention
    role: str  # agent, patient, pair1, pair2, other
    distance: int
    conj: bool  # reached its role through a conjunction ("X and Y attacked")
    direct: bool  # a dependent of the trigger itself, not of a verb around it
    by: bool = False  # named in a "by X" phrase: the clearest agent there is
    verb: str = ""  # lemma of the verb or event noun the role hangs from


# ---------------------------------------------------------------------------------------------


class ActorResolver:
    """Actor dictionary, labels and role rules; loads its data once per process."""

    def __init__(self, settings: "Settings | None" = None) -> None:
        self.settings = settings
        self._t = _tables()

    @classmethod
    def load(cls, settings: "Settings | None" = None) -> "ActorResolver":
        return _default_resolver()

    # -- context ---------------------------------------------------------------------------
    def speaker_context(self, speaker: str | None) -> str | None:
        """The speaker context key ("houthi", "syria_gov", ...) of an outlet, claimant or actor name."""
        if not speaker:
            return None
        key = normalise(speaker)
        if key in self._t.contexts:
            return key
        for pat, ctx in self._t.speakers:
            if pat.search(key):
                return ctx
        return None

    # -- names -----------------------------------------------------------------------------
    def resolve_name(self, text: str, *, country: str | None = None, speaker: str | None = None,
                     sub_event_type: str | None = None) -> ActorRef | None:
        """The actor a whole name or phrase means (exact canonical name, alias, label or nationality)."""
        if not text or not text.strip():
            return None
        key = normalise(text)
        row = self._t.by_name.get(key)
        if row is not None and "{" not in row.name:
            return self._ref(row, country)
        ctx = self.speaker_context(speaker)
        for k in (key, re.sub(r"^(the|a|an) ", "", key)):
            cands = self._t.entries.get(k)
            if cands:
                ref = self._choose(cands, text.strip(), country, ctx, sub_event_type, nearby=())
                if ref is not None:
                    return ref
        m = self._t.nationality_re.search(text) or self._t.forces_of_re.search(text)
        if m:
            return self._nationality_ref(m)
        return None

    def same_actor(self, a: str | None, b: str | None, *, loose: bool = False) -> bool:
        """True when ``a`` and ``b`` name the same actor (canonical name or an alias of it).

        ``loose`` also accepts a unit of the same force ("Military Forces of Yemen (2012-) Security Belt
        Forces" vs "Military Forces of Yemen (2012-)").
        """
        if not a or not b:
            return False
        na, nb = normalise(a), normalise(b)
        if na == nb:
            return True
        ra = self._canonical(a)
        rb = self._canonical(b)
        if ra is not None and rb is not None:
            if normalise(ra) == normalise(rb):
                return True
            if loose:
                return _unit_base(ra) == _unit_base(rb)
        if ra is not None and nb in self._t.alias_of.get(ra, ()):
            return True
        if rb is not None and na in self._t.alias_of.get(rb, ()):
            return True
        return bool(loose and _unit_base(a) == _unit_base(b))

    def _canonical(self, text: str) -> str | None:
        row = self._t.by_name.get(normalise(text))
        if row is not None:
            return row.name
        ref = self.resolve_name(text)
        return ref.name if ref is not None and "{" not in ref.name else None

    # -- mentions --------------------------------------------------------------------------
    def find_mentions(self, doc: "Doc", span: "Span", *, country: str | None = None,
                      speaker: str | None = None, sub_event_type: str | None = None) -> list[ActorMention]:
        """Every actor named in ``span``, left to right, longest match first; offsets are doc chars."""
        ctx = self.speaker_context(speaker)
        base = getattr(span, "start_char", 0)  # a whole Doc works too
        text = span.text
        norm, idx = _norm_chars(text)
        raw: list[tuple[int, int, str, tuple[_Entry, ...], ActorRef | None]] = []
        for end_n, (key, cands) in self._t.automaton.iter(norm):
            start_n = end_n - len(key) + 1
            if start_n > 0 and norm[start_n - 1].isalnum():
                continue
            if end_n + 1 < len(norm) and norm[end_n + 1].isalnum():
                continue
            if norm[max(0, start_n - 5):start_n] == "anti ":
                continue  # "anti-Houthi forces" are not the Houthis
            s, e = idx[start_n], idx[end_n] + 1
            if self._viable(cands, text[s:e], country, ctx, sub_event_type):
                raw.append((s, e, text[s:e], cands, None))
        # "<Nationality> ... forces" competes with the aliases: "US military forces" beats "military forces"
        for m in [*self._t.nationality_re.finditer(text), *self._t.forces_of_re.finditer(text)]:
            if text[max(0, m.start() - 5):m.start()].lower() in ("anti-", "anti "):
                continue
            ref = self._nationality_in_context(m, country, ctx)
            if ref is not None:
                raw.append((m.start(), m.end(), m.group(0), (), ref))
        # "Al Awad tribesmen", "Tiv militia": groups ACLED names after their tribe, clan or ethnic group
        if country:
            for s, e, ref in _generated_militias(text, country, self._t):
                raw.append((s, e, text[s:e], (), ref))
        # longest first, dictionary before nationality pattern at equal length; no overlaps
        chosen = []
        taken: list[tuple[int, int]] = []
        for r in sorted(raw, key=lambda r: (-(r[1] - r[0]), r[4] is not None, r[0])):
            if any(r[0] < e and s < r[1] for s, e in taken):
                continue
            chosen.append(r)
            taken.append((r[0], r[1]))
        chosen.sort(key=lambda r: r[0])
        mentions: list[ActorMention] = []
        pending_labels = []
        for s, e, surface, cands, natref in chosen:
            if natref is not None:
                mentions.append(self._mention(doc, base + s, base + e, natref, "nationality"))
                continue
            if all(c.label is not None for c in cands):
                pending_labels.append((s, e, surface, cands))
                continue
            ref = self._choose(cands, surface, country, ctx, sub_event_type, nearby=())
            if ref is not None:
                mentions.append(self._mention(doc, base + s, base + e, ref, "alias"))
        # loaded labels last: "@nearby" looks at the named groups found above
        named = [mm for mm in mentions if mm.ref.kind == "" and (mm.ref.inter or 0) in (2, 3, 4)]
        for s, e, surface, cands in pending_labels:
            near = sorted(named, key=lambda mm: abs(mm.start - (base + s)))
            ref = self._choose(cands, surface, country, ctx, sub_event_type, nearby=near)
            if ref is not None:
                mentions.append(self._mention(doc, base + s, base + e, ref, "label"))
        # spaCy entities as a last resort: organisations nobody listed
        for ent in getattr(span, "ents", ()):
            if ent.label_ not in ("ORG", "GPE"):
                continue
            s, e = ent.start_char - base, ent.end_char - base
            if any(s < te and ts < e for ts, te in taken):
                continue
            if ent.label_ == "GPE":
                # a state named as the doer ("Turkey and Russia conducted a patrol") means its forces
                if ent.text in self._t.countries:
                    base_name = f"Military Forces of {ent.text}"
                    ref = ActorRef(name=self._t.state_names.get(base_name, base_name), inter=1, country=ent.text,
                                   kind="state")
                    mentions.append(self._mention(doc, ent.start_char, ent.end_char, ref, "ner"))
                continue
            ref = ActorRef(name=re.sub(r"^(?i:the)\s+", "", ent.text.strip()), inter=None, country=country, kind="ner")
            mentions.append(self._mention(doc, ent.start_char, ent.end_char, ref, "ner"))
        mentions.sort(key=lambda mm: mm.start)
        return mentions

    def _viable(self, cands: Iterable[_Entry], surface: str, country: str | None, ctx: str | None,
                sub_event_type: str | None) -> bool:
        """Whether some candidate can apply here, so a longer dead match does not hide a shorter live one."""
        for c in cands:
            if c.case_sensitive and _case_key(surface) != _case_key(c.alias):
                continue
            if c.row is not None and self._score_row(c, surface, country, ctx) is not None:
                return True
            if c.label is not None and self._score_label(c.label, country, ctx, sub_event_type, [_ANY]) is not None:
                return True
        return False

    def _mention(self, doc: "Doc", start: int, end: int, ref: ActorRef, source: str) -> ActorMention:
        sp = doc.char_span(start, end, alignment_mode="expand")
        ts, te = (sp.start, sp.end) if sp is not None else (0, 0)
        return ActorMention(start=start, end=end, text=doc.text[start:end], ref=ref, source=source,
                            tok_start=ts, tok_end=te)

    # -- choosing among candidates ---------------------------------------------------------
    def _choose(self, cands: Iterable[_Entry], surface: str, country: str | None, ctx: str | None,
                sub_event_type: str | None, nearby: Iterable[ActorMention]) -> ActorRef | None:
        best: tuple[tuple[int, int], ActorRef] | None = None
        ambiguous = False
        nearby = list(nearby)
        for c in cands:
            if c.case_sensitive and _case_key(surface) != _case_key(c.alias):
                continue
            if c.row is not None:
                scored = self._score_row(c, surface, country, ctx)
                if scored is None:
                    continue
                score, ref = scored
            else:
                scored = self._score_label(c.label, country, ctx, sub_event_type, nearby)  # type: ignore[arg-type]
                if scored is None:
                    continue
                score, ref = scored
            key = (score, -(c.row.order if c.row else c.label.order))  # type: ignore[union-attr]
            if best is None or key > best[0]:
                if best is not None and key[0] == best[0][0] and score < 2 and _branch(ref.name) == _branch(best[1].name):
                    ambiguous = True
                else:
                    ambiguous = False
                best = (key, ref)
            elif key[0] == best[0][0] and score < 2 and _branch(ref.name) == _branch(best[1].name) \
                    and ref.name != best[1].name:
                ambiguous = True
        if best is not None and best[0][0] < 2 and ambiguous:
            # several country branches of one group ("Islamic State (Syria)", "(Iraq)") and none is here
            return None
        return best[1] if best else None

    def _score_row(self, c: _Entry, surface: str, country: str | None, ctx: str | None):
        row = c.row
        assert row is not None
        score = 0
        if row.speaker_context:
            if ctx != row.speaker_context:
                # a context alias said without a known speaker still means the local force
                if ctx is not None or not (country and country in row.areas):
                    return None
                score -= 1
            else:
                score += 4
        if "{" in row.name:
            if not country:
                return None
            score += 1
        elif country and country in row.areas:
            score += 2
        elif c.local or not any(ch.isupper() for ch in c.alias):
            # lower-case aliases ("security forces", "the army") only mean the force of the event country;
            # with no country known they name nobody (never a default country's police)
            return None
        return score, self._ref(row, country)

    def _score_label(self, lab: _Label, country: str | None, ctx: str | None, sub_event_type: str | None,
                     nearby: list[ActorMention]):
        score = 0
        if lab.speaker_context != "*":
            if lab.speaker_context != ctx:
                return None
            score += 4
        if lab.country != "*":
            if lab.country != country:
                return None
            score += 2
        if lab.sub_events:
            if sub_event_type not in lab.sub_events:
                return None
            score += 1
        for target in lab.resolves_to:
            if target == "@nearby":
                if nearby:
                    return score, nearby[0].ref
                continue
            name = target.replace("{country}", country) if "{country}" in target and country else target
            if "{" in name:
                continue
            row = self._t.by_name.get(normalise(name))
            if row is not None:
                return score, self._ref(row, country)
            return score, ActorRef(name=name, inter=None, country=country, kind="label")
        return None

    def _ref(self, row: _Row, country: str | None) -> ActorRef:
        if "{country}" in row.name:
            name = row.name.replace("{country}", country or "")
            # state templates take the regime period from the data ("Military Forces of Syria (2000-)")
            name = self._t.state_names.get(name, name)
            return ActorRef(name=name, inter=row.inter, country=country, kind=row.kind)
        return ActorRef(name=row.name, inter=row.inter, country=row.country, kind=row.kind)

    def _nationality_in_context(self, m: re.Match[str], country: str | None, ctx: str | None) -> ActorRef | None:
        """A nationality phrase, read as "<adjective> forces" first: in Yemen "Saudi aircraft" are the
        coalition, in Afghanistan "US military forces" are NATO."""
        ref = self._nationality_ref(m)
        if ref is None or m.re is self._t.forces_of_re or ref.name.startswith("Police"):
            return ref
        cands = self._t.entries.get(normalise(m.group(1) + " forces"))
        if cands and country:
            alt = self._choose(cands, m.group(1) + " forces", country, ctx, None, nearby=())
            if alt is not None and country in self._row_areas(alt.name):
                return alt
        return ref

    def _row_areas(self, name: str) -> tuple[str, ...]:
        return self._t.areas_by_name.get(name, ())

    def _nationality_ref(self, m: re.Match[str]) -> ActorRef | None:
        if m.re is self._t.forces_of_re:
            country: str | None = m.group(2)
        else:
            country = self._t.nationalities.get(m.group(1))
        if not country:
            return None
        noun = m.group(1 if m.re is self._t.forces_of_re else 2).lower()
        force = "Police" if noun.startswith(("police", "border guard")) else "Military"
        base = f"{force} Forces of {country}"
        name = self._t.state_names.get(base, base)
        return ActorRef(name=name, inter=1, country=country, kind="nationality")

    # -- roles -----------------------------------------------------------------------------
    def assign(self, doc: "Doc", span: "Span", trigger: "Token | None", *, country: str | None,
               speaker: str | None = None, sub_event_type: str) -> ActorAssignment:
        """actor1/actor2 (with inter codes, assoc actors and evidence) of the event at ``trigger``."""
        mentions = self.find_mentions(doc, span, country=country, speaker=speaker, sub_event_type=sub_event_type)
        cluster = _predicate_cluster(trigger) if trigger is not None else set()
        roles = [self._role(doc, m, trigger, cluster) for m in mentions]
        # a bare spaCy organisation only counts as the grammatical agent (as a target it is mostly a
        # place the tagger mislabelled); "civilian" as a modifier ("civilian areas") names no victim
        roles = [r for r in roles if (r.mention.source != "ner" or r.role == "agent")
                 and not (_is_civilian(r.mention.ref) and _modifier_only(doc, r.mention))
                 and not _reporter(doc, r.mention, trigger)]
        # "Coalition Forces warplanes": the named modifier says whose warplanes they are
        named_heads = {_span_head(doc, r.mention.tok_start, r.mention.tok_end).head.i
                       for r in roles if r.mention.ref.kind in ("", "nationality", "label")}
        roles = [r for r in roles if not (r.mention.ref.kind == "generic" and r.mention.ref.inter == 1 and
                                          any(r.mention.tok_start <= i < r.mention.tok_end for i in named_heads))]
        # dictionary names before bare spaCy entities; then the trigger's own dependents, nearest first
        rank = lambda r: (r.mention.source == "ner", not r.by, not r.direct, r.conj, r.distance)  # noqa: E731
        agents = sorted((r for r in roles if r.role in ("agent", "pair1")), key=rank)
        if any(r.by for r in agents):
            # "artillery fire by an unknown party": the weapon word names no side once the agent is named
            agents = [r for r in agents if not (r.direct and r.distance == 0 and r.mention.ref.kind == "generic")]
        patients = sorted((r for r in roles if r.role in ("patient", "pair2")), key=rank)
        others = [r for r in roles if r.role == "other"]
        victim_type = sub_event_type in _CIVILIAN_TYPES

        a1: _Role | None = agents[0] if agents else None
        a2: _Role | None = None
        if sub_event_type in _RIOT_TYPES:
            # rioters are actor1: people named as the agents of a riot are the rioters
            crowd = [r for r in agents + others if _is_crowd(r.mention.ref) or _is_civilian(r.mention.ref)]
            crowd.sort(key=lambda r: (r.role not in ("agent", "pair1"), r.distance))
            if crowd:
                a1 = crowd[0]
                agents = [r for r in agents if r is a1]
        if sub_event_type in _PROTEST_TYPES:
            # protesters are actor1 whatever the grammar says ("police dispersed protesters");
            # the force that intervened is actor2
            crowd = [r for r in agents + patients + others if _is_crowd(r.mention.ref)]
            crowd.sort(key=lambda r: (r.role not in ("agent", "pair1"), r.distance))
            a1 = crowd[0] if crowd else None
            armed = [r for r in agents + patients + others if _is_armed(r.mention.ref) and r.mention.source != "ner"]
            armed.sort(key=lambda r: (r.role == "other", r.distance))
            if armed and sub_event_type != "Peaceful protest":
                a2 = armed[0]
            agents = [r for r in agents if r is a1]
            patients = [r for r in patients if r is a2]
        if victim_type:
            # civilians are always actor2 in violence against civilians
            civ = [r for r in patients + agents + others if _is_civilian(r.mention.ref)]
            if a1 is not None and _is_civilian(a1.mention.ref):
                a1 = next((r for r in agents if not _is_civilian(r.mention.ref)), None)
            a2 = next((r for r in patients if _is_civilian(r.mention.ref)), None) or (civ[0] if civ else None)
        if a2 is None and sub_event_type not in _PROTEST_TYPES:
            a2 = next((r for r in patients if a1 is None or r.mention.ref.name != a1.mention.ref.name), None)
            if a2 is None and a1 is not None:
                # the same force on both sides ("a soldier shot three other soldiers") when the grammar says so
                a2 = next((r for r in patients if r.mention is not a1.mention and not r.conj
                           and a1.role == "agent" and r.role == "patient"), None)
        if a2 is None and a1 is not None and not victim_type and sub_event_type not in _PROTEST_TYPES:
            # "X repelled an attack by Y": Y is the trigger's agent, X the subject of the governing verb
            a2 = next((r for r in agents if r is not a1 and not r.conj and r.mention.ref.name != a1.mention.ref.name
                       and _is_armed(r.mention.ref)), None)
        if a1 is None and a2 is not None and sub_event_type in _BATTLE_TYPES:
            # "soldiers were killed in clashes with X": the counterpart named in the clash is the other side
            a1 = next((r for r in patients if r is not a2 and r.mention.ref.name != a2.mention.ref.name
                       and _is_armed(r.mention.ref)), None)
        if a1 is None:
            # no syntactic agent: the nearest armed actor not already the target
            used = {a2.mention.ref.name} if a2 else set()
            pool = [r for r in others + agents if r.mention.ref.name not in used and _is_armed(r.mention.ref)]
            pool.sort(key=lambda r: r.distance)
            if pool:
                a1 = pool[0]
        if a1 is None and sub_event_type not in _PROTEST_TYPES | _RIOT_TYPES | _CIVILIAN_TYPES:
            # "Police raided the area. A shoot-out broke out": the force is named one sentence earlier
            used = {a2.mention.ref.name} if a2 else set()
            a1 = next((r for r in self._previous_sentence(doc, span, country, speaker, sub_event_type)
                       if r.mention.ref.name not in used and r.mention.source != "ner"
                       and _is_armed(r.mention.ref) and r.mention.ref.kind != "unidentified"), None)
        if a2 is None and a1 is not None and sub_event_type not in _PROTEST_TYPES | _RIOT_TYPES:
            pool = [r for r in others if r.mention.ref.name != a1.mention.ref.name and _is_armed(r.mention.ref)
                    and r.mention.source != "ner"]
            pool.sort(key=lambda r: r.distance)
            if pool and sub_event_type in _BATTLE_TYPES:
                a2 = pool[0]
            elif pool and sub_event_type in _REMOTE_TYPES and pool[0].direct \
                    and pool[0].mention.start > a1.mention.start and pool[0].mention.ref.kind != "generic":
                # "the army shelled IS positions" parsed askew: a named group hanging from the strike is its target
                a2 = pool[0]

        if (a1 is not None and a2 is not None and not victim_type and a1.role == "agent" and not a1.by
                and a1.verb in _DEFENSIVE_VERBS and _is_armed(a2.mention.ref) and a2.mention.start < a1.mention.start):
            # ACLED names the attacker first when the report does: "Y were killed when X repulsed their
            # attack" -> Y, X; "X thwarted a Y incursion" stays X, Y (26 Yemen rows of the dev file)
            a1, a2 = a2, a1

        actor1 = actor2 = None
        inter1 = inter2 = None
        assoc1: list[str] = []
        assoc2: list[str] = []
        evidence: list[Evidence] = []

        def place(r: _Role, field: str) -> tuple[str, int | None, list[str]]:
            ref = r.mention.ref
            evidence.append(Evidence(field=field, start=r.mention.start, end=r.mention.end, text=r.mention.text))
            if ref.kind.startswith("assoc:"):
                # a wing ACLED codes under its umbrella ("Donbass People's Militia" -> NAF, as assoc)
                parent = self._t.by_name.get(normalise(ref.kind[6:]))
                if parent is not None:
                    main = self._ref(parent, country)
                    return main.name, self._inter(main, country), [ref.name]
            if ref.kind == "group":
                main = self._generic("Protesters" if sub_event_type in _PROTEST_TYPES else
                                     "Rioters" if sub_event_type in _RIOT_TYPES and field == "actor1" else
                                     "Civilians", country)
                if main is not None:
                    return main.name, main.inter, [ref.name]
            if sub_event_type in _PROTEST_TYPES and field == "actor1" and not ref.name.startswith("Protesters"):
                main = self._generic("Protesters", country)
                if main is not None:
                    return main.name, main.inter, [ref.name]
            if sub_event_type in _RIOT_TYPES and field == "actor1" and ref.inter in (6, 7):
                main = self._generic("Rioters", country)
                if main is not None:
                    return main.name, main.inter, ([] if ref.name.startswith(("Civilians", "Protesters")) else [ref.name])
            return ref.name, self._inter(ref, country), []

        if a1 is not None:
            actor1, inter1, assoc1 = place(a1, "actor1")
        if a2 is not None:
            actor2, inter2, assoc2 = place(a2, "actor2")

        # allies named with actor1 ("Turkish forces and SNA factions") and co-victims become assoc actors
        for r in agents[1:]:
            if r is a1 or r.mention.ref.name in (actor1, actor2):
                continue
            if r.conj and actor1 is not None:
                name = r.mention.ref.name
                if name not in assoc1:
                    assoc1.append(name)
                    evidence.append(Evidence(field="assoc_actor_1", start=r.mention.start, end=r.mention.end,
                                             text=r.mention.text))
        for r in patients:
            if r is a2 or r.mention.ref.name in (actor1, actor2):
                continue
            if actor2 is not None and (r.conj or r.mention.ref.kind == "group") and r.role != "pair2":
                if r.mention.ref.name not in assoc2 and (r.mention.ref.kind == "group" or
                                                         not _is_civilian(r.mention.ref)):
                    assoc2.append(r.mention.ref.name)
                    evidence.append(Evidence(field="assoc_actor_2", start=r.mention.start, end=r.mention.end,
                                             text=r.mention.text))

        # a country's convention for an unnamed perpetrator ("Unidentified Gang (Mexico)")
        # the cues may sit in the sentences after the event one ("... found dead. His hands were tied.")
        cue_end = getattr(span, "end_char", len(doc.text)) + _CUE_WINDOW
        convention = self._default("@unidentified", country, sub_event_type,
                                   doc.text[getattr(span, "start_char", 0):cue_end])
        if convention is not None and (actor1 is None or (a1 is not None and a1.mention.ref.kind == "unidentified")):
            defaulted = actor1 is None
            actor1, inter1 = convention.name, convention.inter
            if defaulted and actor2 is None:
                other = self._default("@unidentified2", country, sub_event_type,
                                      doc.text[getattr(span, "start_char", 0):cue_end])
                if other is not None and other.name != actor1:
                    actor2, inter2 = other.name, other.inter
        # generic defaults where ACLED would code one
        if actor1 is None:
            default = None
            if sub_event_type in _PROTEST_TYPES:
                default = self._generic("Protesters", country)
            elif sub_event_type in _RIOT_TYPES:
                default = self._generic("Rioters", country)
            elif sub_event_type in _UNIDENTIFIED_TYPES:
                default = self._generic("Unidentified Armed Group", country)
            if default is not None:
                actor1, inter1 = default.name, default.inter
        if victim_type and actor2 is None:
            civ = self._generic("Civilians", country)
            if civ is not None:
                actor2, inter2 = civ.name, civ.inter
        order = self._order(country, sub_event_type)
        if order and actor1 and actor2 and (inter1 in (1, 8)) != (inter2 in (1, 8)) \
                and (order == "state_first") == (inter2 in (1, 8)):
            # the country's coding convention puts state forces first (or last) in a clash
            actor1, actor2, inter1, inter2, assoc1, assoc2 = actor2, actor1, inter2, inter1, assoc2, assoc1
            flip = {"actor1": "actor2", "actor2": "actor1", "assoc_actor_1": "assoc_actor_2",
                    "assoc_actor_2": "assoc_actor_1"}
            evidence = [Evidence(field=flip.get(e.field, e.field), start=e.start, end=e.end, text=e.text,
                                 article_id=e.article_id) for e in evidence]
        return ActorAssignment(
            actor1=actor1, inter1=inter1, assoc_actor_1="; ".join(assoc1) or None,
            actor2=actor2, inter2=inter2, assoc_actor_2="; ".join(assoc2) or None,
            evidence=tuple(evidence),
        )

    def _previous_sentence(self, doc: "Doc", span: "Span", country: str | None, speaker: str | None,
                           sub_event_type: str | None) -> list[_Role]:
        start = getattr(span, "start", 0)
        if start <= 0:
            return []
        prev = doc[start - 1].sent
        if prev.end > start:
            return []
        found = self.find_mentions(doc, prev, country=country, speaker=speaker, sub_event_type=sub_event_type)
        return [_Role(m, "other", 99, False, False) for m in found if not _reporter(doc, m, None)]

    def _default(self, key: str, country: str | None, sub_event_type: str | None, text: str = "") -> ActorRef | None:
        if not country:
            return None
        norm = normalise(text)
        for lab in self._t.defaults.get(key, ()):
            if lab.cues and not any(c in norm for c in lab.cues):
                continue
            if lab.resolves_to and lab.resolves_to[0].startswith("@front"):
                if (lab.country not in ("*", country)) or (lab.sub_events and sub_event_type not in lab.sub_events):
                    continue
                # "fire near <settlement>" with no side named: the side facing the settlement's holder
                sides = front_sides(country, text)
                if sides is None:
                    continue
                name = sides[1] if lab.resolves_to[0] == "@front" else sides[0]
                row = self._t.by_name.get(normalise(name))
                return self._ref(row, country) if row is not None else ActorRef(name, None, country, "label")
            scored = self._score_label(lab, country, None, sub_event_type, [])
            if scored is not None:
                return scored[1]
        return None

    def _order(self, country: str | None, sub_event_type: str | None) -> str | None:
        """"state_first" / "state_second" where a country's clashes are coded in a fixed order."""
        if not country:
            return None
        for lab in self._t.defaults.get("@order", ()):
            if lab.country in ("*", country) and (not lab.sub_events or sub_event_type in lab.sub_events):
                return lab.resolves_to[0] if lab.resolves_to else None
        return None

    def _generic(self, prefix: str, country: str | None) -> ActorRef | None:
        if not country:
            return None
        row = self._t.by_name.get(normalise(prefix + " ({country})"))
        if row is None:
            return None
        return self._ref(row, country)

    @staticmethod
    def _inter(ref: ActorRef, country: str | None) -> int | None:
        # ACLED: a state's forces operating outside their own country are External/Other forces
        if ref.inter == 1 and country and ref.country and ref.country != country:
            return 8
        return ref.inter

    def _role(self, doc: "Doc", m: ActorMention, trigger: "Token | None", cluster: set[int]) -> _Role:
        if trigger is None or m.tok_end <= m.tok_start:
            return _Role(m, "other", 99, False, False)
        head = _span_head(doc, m.tok_start, m.tok_end)
        distance = abs(head.i - trigger.i)
        if m.tok_start <= trigger.i < m.tok_end:
            # the name holds the trigger ("a Turkish drone strike"): it names who struck
            return _Role(m, "agent", 0, False, True)
        conj = False
        t = head
        for _ in range(_MAX_CLIMB):
            if t.dep_ == "conj":
                conj = True
            if m.source == "ner" and t.dep_ == "prep" and t.lower_ in _PLACE_PREPS:
                break  # "a checkpoint in Herat": a place the tagger took for an organisation
            parent = t.head
            if parent.i == t.i:
                break
            if parent.i in cluster:
                role = _role_of(t, parent, conj)
                if t.dep_ == "nsubjpass" and trigger.dep_ == "xcomp" and trigger.head.i == parent.i:
                    role = "agent"  # "X were reported to have targeted Y": X is the subject of the trigger
                by = t.dep_ == "agent" or (t.dep_ == "prep" and t.lower_ == "by")
                return _Role(m, role or "other", distance, conj, parent.i == trigger.i, by, parent.lemma_.lower())
            if parent.lower_ in _EVENT_NOUNS and parent.pos_ in ("NOUN", "PROPN") and _attached(parent, cluster):
                # "killed in a Taliban attack": the role relative to the event noun
                role = _role_of(t, parent, conj)
                if role is not None:
                    by = t.dep_ == "agent" or (t.dep_ == "prep" and t.lower_ == "by")
                    return _Role(m, role, distance, conj, False, by, parent.lemma_.lower())
            t = parent
        return _Role(m, "other", distance, conj, False)


# how a noun or verb trigger hangs from the verb that governs it ("launched an attack",
# "clashes broke out", "shelled ..., killing")
_UP_DEPS = {"xcomp", "conj", "advcl", "dobj", "nsubj", "nsubjpass", "pobj"}


def _predicate_cluster(trigger: "Token") -> set[int]:
    """The trigger, the verb that governs it and verbs coordinated with or subordinate to it."""
    out = {trigger.i}
    t = trigger
    if trigger.dep_ == "compound" and trigger.head.pos_ == "NOUN" and trigger.head.i > trigger.i:
        # "artillery fire by an unknown party": the phrase's head noun carries the roles
        out.add(trigger.head.i)
        trigger = t = trigger.head
    for _ in range(8):  # long weapon lists chain their conjuncts
        if t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN") and t.head.pos_ in ("NOUN", "PROPN"):
            # a trigger listed among nouns ("fired mortars and small arms"): the list's head carries the role
            t = t.head
            continue
        if t.dep_ == "npadvmod" and t.pos_ == "NOUN" and t.head.pos_ == "VERB" and t.i > t.head.i:
            # a weapon list the parser broke off the verb ("fired mortars, grenade launchers and small arms")
            out.add(t.head.i)
            t = t.head
            continue
        if t.dep_ not in _UP_DEPS or t.head.i == t.i:
            break
        if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and t.pos_ not in ("NOUN", "PROPN"):
            break
        h = t.head
        if t.dep_ == "pobj":
            if h.dep_ != "prep" or h.head.i == h.i:
                break
            h = h.head
        if h.pos_ in ("VERB", "AUX"):
            out.add(h.i)
            t = h
            continue
        break
    for i in list(out):
        for c in trigger.doc[i].children:
            if c.dep_ in ("conj", "xcomp", "advcl") and c.pos_ == "VERB":
                out.add(c.i)
    return out


# verbs whose subject tells of the event rather than takes part ("the OSCE observed 40 explosions")
# ("X claimed/said it attacked" keeps X: a claimant is mostly the actor itself)
_REPORT_VERBS = {"observe", "report", "record", "monitor", "document", "count", "register", "verify", "witness"}


def _reporter(doc: "Doc", m: ActorMention, trigger: "Token | None") -> bool:
    if m.tok_end <= m.tok_start:
        return False
    head = _span_head(doc, m.tok_start, m.tok_end)
    for _ in range(4):  # "monitors of the OSCE observed": climb to the subject phrase
        if head.dep_ not in ("pobj", "prep", "compound", "appos", "amod", "nmod") or head.head.i == head.i:
            break
        head = head.head
    verb = head.head
    return (head.dep_ in ("nsubj", "agent") and verb.lemma_.lower() in _REPORT_VERBS
            and (trigger is None or verb.i != trigger.i))


def _modifier_only(doc: "Doc", m: ActorMention) -> bool:
    head = _span_head(doc, m.tok_start, m.tok_end)
    return head.dep_ in ("amod", "compound") and head.tag_ in ("JJ", "NN")


def _attached(noun: "Token", cluster: set[int]) -> bool:
    h = noun.head
    return h.i in cluster or (h.dep_ == "prep" and h.head.i in cluster)


def _role_of(child: "Token", head: "Token", conj: bool) -> str | None:
    dep = child.dep_
    verbal = head.pos_ in ("VERB", "AUX")
    if dep == "prep":
        word = child.lower_
        if word in _PAIR_PREPS:
            return "pair2" if conj else "pair1"
        if word in _AGENT_PREPS:
            return "agent"
        if word in _PATIENT_PREPS or word in _COUNTER_PREPS:
            return "patient"
        if word == "of" and not verbal:
            return "patient"
        return None
    if dep in ("acl", "relcl") and child.lemma_.lower() in _TARGET_VERBS and not verbal:
        return "patient"  # "airstrikes targeting IS militants"
    if dep == "agent":
        return "agent"
    if dep in ("nsubj", "csubj"):
        return "agent" if verbal else None
    if dep == "nsubjpass" and verbal and any(c.dep_ == "auxpass" for c in head.children) and not any(
            c.dep_ == "auxpass" and c.lemma_.lower() in ("be", "get") and not c.text.isupper() for c in head.children):
        return "agent"  # "Boko Haram/IS claimed ...": the parser took "IS" for a passive auxiliary
    if dep in ("nsubjpass", "csubjpass", "dobj", "dative", "attr", "oprd"):
        return "patient"
    if not verbal and dep in ("compound", "amod", "nmod", "poss", "npadvmod"):
        return "agent"
    return None


def _span_head(doc: "Doc", start: int, end: int) -> "Token":
    for tok in doc[start:end]:
        if not (start <= tok.head.i < end) or tok.head.i == tok.i:
            return tok
    return doc[end - 1]


def _is_civilian(ref: ActorRef) -> bool:
    return ref.inter == 7 or ref.name.startswith("Civilians") or ref.kind == "group"


def _is_crowd(ref: ActorRef) -> bool:
    return ref.inter in (5, 6) or ref.kind == "group"


def _is_armed(ref: ActorRef) -> bool:
    return ref.inter in (1, 2, 3, 4, 8) and ref.kind != "group" or ref.kind == "ner"


def _branch(name: str) -> str:
    return re.sub(r"\s*\([^()]*\)$", "", name)


def _unit_base(name: str) -> str:
    m = re.match(r"^(.*?\(\d{4}-\d{0,4}\))", name)
    return normalise(m.group(1) if m else name)


_ANY = ActorMention(0, 0, "", ActorRef("?", None, None), "nearby", 0, 0)

# ---------------------------------------------------------------------------------------------
# module-level conveniences


@lru_cache(maxsize=1)
def _default_resolver() -> ActorResolver:
    return ActorResolver(None)


def resolve_name(text: str, *, country: str | None = None, speaker: str | None = None) -> ActorRef | None:
    """The canonical actor a name, alias or label means (see :meth:`ActorResolver.resolve_name`)."""
    return _default_resolver().resolve_name(text, country=country, speaker=speaker)


def same_actor(a: str | None, b: str | None, *, loose: bool = False) -> bool:
    """True when two names are the same actor (canonical or an alias of it); for eval matching."""
    return _default_resolver().same_actor(a, b, loose=loose)


def speaker_context(speaker: str | None) -> str | None:
    return _default_resolver().speaker_context(speaker)


# ---------------------------------------------------------------------------------------------
# an outlet's home country: a weak prior for the event country when the text names none

# GeoNames spellings -> ACLED's country names (actor names carry ACLED's spelling)
_ACLED_COUNTRY = {
    "Democratic Republic of the Congo": "Democratic Republic of Congo",
    "Republic of the Congo": "Republic of Congo",
    "Palestinian Territory": "Palestine",
    "Czechia": "Czech Republic",
    "Timor Leste": "East Timor",
    "Eswatini": "eSwatini",
    "Cabo Verde": "Cape Verde",
}
# GeoNames entries that are no country ACLED codes, or whose names are common words in outlet names
_NOT_COUNTRIES = {"Bonaire, Saint Eustatius and Saba", "Serbia and Montenegro", "Netherlands Antilles",
                  "Antarctica", "Country", "Jersey", "Georgia", "Chad", "Niger", "Guinea", "Jordan"}
# ... of which these are countries all the same when an outlet's name gives them in brackets
_PAREN_ONLY = {"Georgia", "Chad", "Niger", "Guinea", "Jordan"}


def acled_country(name: str | None) -> str | None:
    """A country name in ACLED's spelling ("Democratic Republic of the Congo" -> "... of Congo")."""
    if not name:
        return name
    name = name.strip()
    return _ACLED_COUNTRY.get(name, name)


@lru_cache(maxsize=1)
def _outlet_tables() -> tuple[dict[str, str], re.Pattern[str], dict[str, str]]:
    table: dict[str, str] = {}
    for parts in _tsv("outlets.tsv"):
        if len(parts) >= 2 and parts[0].strip() and parts[1].strip():
            for name in parts[0].split("|"):
                if name.strip():
                    table[normalise(name)] = parts[1].strip()
    words: dict[str, str] = {}
    for adj, country in _tables().nationalities.items():
        if not adj.endswith("'s"):
            words[adj] = country
    try:
        info = resources.files("strife").joinpath("data", "geonames", "countryInfo.txt").read_text("utf-8")
    except (FileNotFoundError, OSError):
        info = ""
    for line in info.splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 5 or not cols[4].strip():
            continue
        name = cols[4].strip()
        if name not in _NOT_COUNTRIES:
            words[name] = acled_country(name) or name
    pat = re.compile(r"(?<![A-Za-z])(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
                     + r")(?![a-z])")
    return table, pat, words


def outlet_country(outlet: str | None) -> str | None:
    """The home country of a news outlet or press service, or None when it has none (wire agencies,
    platforms) or is unknown.  "Dawn (Pakistan)", "Times of India", "OSCE SMM-Ukraine" name theirs;
    the rest come from ``outlets.tsv`` (whole name, or a listed name followed by more words)."""
    if not outlet or not outlet.strip():
        return None
    table, pat, words = _outlet_tables()
    text = outlet.strip()
    m = re.search(r"\(([^()]+)\)\s*$", text)
    if m and (m.group(1).strip() in words or m.group(1).strip() in _PAREN_ONLY):
        return words.get(m.group(1).strip(), m.group(1).strip())
    key = normalise(text)
    for k in (key, normalise(text.split(" - ")[0]), normalise(re.sub(r"\s*\([^()]*\)\s*$", "", text))):
        if k in table:
            return table[k]
    m = pat.search(text)
    if m:
        return words[m.group(1)]
    best = max((k for k in table if key.startswith(k + " ")), key=len, default=None)
    return table[best] if best else None


# ---------------------------------------------------------------------------------------------
# front lines: who holds a settlement that a monitor reports fire near (front_lines.tsv)


@lru_cache(maxsize=1)
def _front_tables() -> dict[str, tuple[re.Pattern[str], dict[str, tuple[str, str]]]]:
    by_country: dict[str, dict[str, tuple[str, str]]] = {}
    for parts in _tsv("front_lines.tsv"):
        if len(parts) >= 4 and parts[0].strip():
            by_country.setdefault(parts[1].strip(), {})[parts[0].strip()] = (parts[2].strip(), parts[3].strip())
    out = {}
    for country, places in by_country.items():
        names = sorted(places, key=len, reverse=True)
        pat = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
        out[country] = (pat, places)
    return out


def front_sides(country: str | None, text: str) -> tuple[str, str] | None:
    """(holder, opponent) of the front-line settlement an event text places itself at, or None.

    The settlement after "near"/"in" wins; a name right after a comma is the region ("near Vodyane,
    Donetsk"), not the place."""
    table = _front_tables().get(country or "")
    if table is None or not text:
        return None
    pat, places = table
    found = [m for m in pat.finditer(text) if not re.search(r",\s*$", text[max(0, m.start() - 3):m.start()])]
    if not found:
        return None
    near = [m for m in found if re.search(r"\b(?:near|in|of|at|outside|around)\s+(?:the\s+)?$",
                                          text[max(0, m.start() - 12):m.start()])]
    return places[(near or found)[0].group(1)]


# ---------------------------------------------------------------------------------------------
# identity militias named by their tribe, clan or ethnic group: "<Name> Tribal/Clan/Ethnic Militia (<Country>)"

_NAME_PART = r"(?:(?:Al|al|El|el|Bani|Beni|Banu|Ba|ba|Abu|Ould|Awlad|Ahl|Ait|Wad|Bin|bin)\s+)?[A-Z][a-z'\u2019-]{2,}"
_NAME = _NAME_PART + r"(?:\s+(?:(?:al|Al|ba|Ba|bin|Bani|Abu)\s+)*[A-Z][a-z'\u2019-]{2,}){0,3}"
_TRIBAL_NOUNS = (r"(?:tribesmen|tribal\s+(?:militias?|militiamen|fighters|gunmen|members|men)|tribe(?:'s)?\s+"
                 r"(?:militias?|fighters|gunmen|members)|tribes)")
_CLAN_NOUNS = r"(?:clansmen|clan\s+(?:militias?|militiamen|fighters|gunmen|members|men))"
_MILITIA_RE = re.compile(
    r"(?<![\w-])(" + _NAME + r"(?:\s*,\s*" + _NAME + r")*(?:,?\s+and\s+" + _NAME + r")?)"
    r"\s+(" + _TRIBAL_NOUNS + "|" + _CLAN_NOUNS + r")\b")
_COMMUNAL_RE = re.compile(r"\b(?i:communal\s+(?:militias?|militiamen|youths|vigilantes)\s+(?:from|of)\s+(?:the\s+)?)"
                         r"(" + _NAME + r"(?:\s*,\s*" + _NAME + r")*(?:,?\s+and\s+" + _NAME + r")?)")
_ETHNIC_NOUNS = (r"(?:ethnic\s+militias?|militias?|militiamen|militia\s+members|gunmen|armed\s+(?:men|youths?|herders)|"
                 r"herders|herdsmen|herdsman|pastoralists|fighters|youths|raiders|attackers|assailants)")
# capitalised words that open a phrase but name no tribe or clan
_NOT_NAMES = {"the", "local", "rival", "armed", "two", "three", "several", "some", "many", "unidentified", "unknown",
              "pro", "anti", "sunni", "shia", "shiite", "arab", "bedouin", "kurdish", "houthi", "government",
              "tribal", "clan", "other", "both", "these", "those", "their", "his", "her", "its", "hundreds", "dozens",
              "on", "in", "at", "after", "when", "while", "during", "militia", "militiamen", "members", "fighters",
              "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
              "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}


@lru_cache(maxsize=1)
def _ethnic_re() -> re.Pattern[str] | None:
    names = [p[0].strip() for p in _tsv("ethnic_groups.tsv") if p and p[0].strip()]
    if not names:
        return None
    alt = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(r"(?<![\w-])((?:" + alt + r")(?:\s*,\s*(?:" + alt + r"))*(?:,?\s+and\s+(?:" + alt + r"))?)"
                      r"(?:\s+(?:armed|ethnic|community))?\s+" + _ETHNIC_NOUNS + r"\b")


def _generated_militias(text: str, country: str, tables: "_Tables") -> list[tuple[int, int, ActorRef]]:
    """(start, end, ref) for each tribe, clan or ethnic militia named in ``text``; a list of names
    ("Al Tilan and Al Dahshal tribal militias") gives one mention per name, over the name itself."""
    out: list[tuple[int, int, ActorRef]] = []
    blocked = {n.lower() for n in tables.nationalities} | {c.lower() for c in tables.countries}

    def emit(group_start: int, names: str, kind: str, noun_end: int, last: bool) -> None:
        parts = [p for p in re.split(r"\s*,\s*|,?\s+and\s+", names) if p.strip()]
        pos = group_start
        for i, name in enumerate(parts):
            start = text.index(name, pos)
            pos = start + len(name)
            words = name.split()
            while words and words[0].lower() in _NOT_NAMES:
                start += len(words[0]) + 1
                words = words[1:]
            name = " ".join(words)
            if not name or name.lower() in blocked or name.lower() in _NOT_NAMES or name.lower() in tables.by_name:
                continue
            ref = ActorRef(name=f"{name} {kind} Militia ({country})", inter=4, country=country, kind="")
            # the last name takes the noun with it; the others are their own mentions
            end = noun_end if (i == len(parts) - 1 and last) else start + len(name)
            out.append((start, end, ref))

    for m in _MILITIA_RE.finditer(text):
        noun = m.group(2).lower()
        kind = "Clan" if noun.startswith("clan") else "Tribal"
        emit(m.start(1), m.group(1), kind, m.end(), True)
    for m in _COMMUNAL_RE.finditer(text):
        # "communal militias from Yagaba and Kubori": each village's militia
        emit(m.start(1), m.group(1), "Communal", m.start(1) + len(m.group(1)), False)
    ere = _ethnic_re()
    if ere is not None:
        for m in ere.finditer(text):
            if any(s <= m.start() < e for s, e, _ in out):
                continue
            emit(m.start(1), m.group(1), "Ethnic", m.end(), True)
    return out
