"""The event coder: sentences in, ACLED-coded mentions (and aggregate statistics) out.

Per sentence: trigger words from ``triggers.tsv`` are matched on spaCy lemmas; each is checked
against the dependency parse for modality (future, hypothetical, intended, threatened, negated);
surviving triggers are resolved to one sub-event type by ACLED's tactic ranking; counts over long
periods or many places become :class:`Statistic` records, never events.  A sentence that only
adds detail (a death toll, a claimant) continues the event of the sentence before it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from ..records import Article, Claim, Evidence, Mention, Statistic, Toponym, content_id
from ..settings import Settings
from . import taxonomy
from .dates import DateExpr, find_dates, is_future, parse_iso
from .fatalities import LEGAL as _LEGAL, VAGUE, WAR_ZONE_VAGUE, DeathReport, death_reports
from .lexicon import GENERIC, Trigger, load_lexicon, token_keys
from .screen import screen

__all__ = ["EventCoder", "CodingResult"]

# A count of this many events (operations, strikes, missiles) in one sentence without a day is a
# tally, not a report of one event: the largest one-day counts in the ACLED dev notes are OSCE
# explosion counts, which always come with a day.
TALLY_MIN = 10
# No single event in ACLED's 2020 exports has 1000 or more deaths; such numbers are war tolls.
TOLL_MIN = 1000
# A sentence naming this many places without a date lists a campaign, not one event.
PLACES_AGGREGATE = 3

# Words that make an action a habit rather than one event: "repeated clashes", "routinely beat" (with no day given)
_HABITUAL_ADJ = frozenset("repeated frequent recurring recurrent constant regular countless numerous continual "
                          "routine habitual persistent".split())
_HABITUAL_ADV = frozenset("repeatedly frequently regularly routinely often constantly habitually continually "
                          "persistently".split())
_PERIOD = re.compile(
    r"\b(?:since\s+(?:the\s+(?:beginning|start|outbreak)|(?:19|20)\d\d|\w+\s+(?:19|20)\d\d)|over\s+the\s+(?:past|last)\s+[\w\s-]{0,20}?(?:years?|months|decades?)|"
    r"(?:in|during|throughout)\s+(?:19|20)\d\d\b(?!\s*-\d)|so\s+far|to\s+date|until\s+(?:the\s+moment|now|today)|"
    r"\w+\s+years\s+of\s+(?:war|aggression|conflict|fighting|steadfastness)|"
    r"(?:this|last|past)\s+year|the\s+(?:beginning|start)\s+of\s+the\s+(?:war|aggression|conflict))", re.I)
# words that make a count cover a span of time ("since January", "this month", "so far")
_SPAN_WORDS = re.compile(r"\b(?:since|so\s+far|to\s+date|until|till|throughout|years?|months?|weeks?|decades?)\b", re.I)
_TALLY_NOUNS = {"operation", "offensive", "strike", "airstrike", "attack", "raid", "missile", "sortie", "drone",
                "mission", "rocket", "explosion", "violation", "shell", "clash", "bombing", "ballistic", "incident",
                "attempt", "infiltration", "sniping", "ambush", "raid"}
# dependency relations through which a governing word's modality reaches the trigger
# ("hopes to capture", "preparing for confrontations", "plan an attack"); subjects stop the climb
_CLIMB = {"xcomp", "ccomp", "dobj", "obj", "pobj", "prep", "pcomp", "acl", "advcl", "conj", "attr", "oprd", "compound"}
_EVENT_HEADS = {"attack", "blast", "explosion", "strike", "bombing", "incident", "raid", "explode", "operation", "assault",
                "clash", "fire", "ambush", "shelling", "detonation", "device", "victim", "casualty", "protest",
                "demonstration", "rally", "march", "sit", "strike", "action", "movement", "campaign", "riot"}
_CROWD_ACTS = {"beat", "attack", "assault", "lynch", "stone", "clash", "fight", "hit", "thrash", "torch", "burn", "storm",
               "pelt", "vandalize", "vandalise", "chase", "kill", "injure", "hack", "stab", "set", "raid", "loot", "scuffle"}
_NAME_ENTS = {"ORG", "PERSON", "WORK_OF_ART", "LAW", "PRODUCT", "EVENT"}
# words before a date that make it the bound of a period ("until March 14"), not the day of an event
# a locative word before a place, up to three words between: "in Tijuana", "near a mosque in", "a suburb of"
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|at|near|outside|inside|around|across|into|towards?|from|of)\s+"
                              r"(?:the\s+)?(?:[\w’'\-]+\s+){0,3}$", re.I)
_PERIOD_BOUND = re.compile(r"\b(?:until|till|since|by|through|from)\s*$", re.I)
_QUOTES = "\"“”«»"
_VICTIM_DEPS = ("dobj", "nsubjpass", "pobj", "obj")
_DEMO_TYPES = ("Excessive force against protesters", "Protest with intervention", "Peaceful protest",
               "Violent demonstration")
_TERRITORY = ("Government regains territory", "Non-state actor overtakes territory")
# developments a speaker can claim without them being a dated act (capabilities, deployments, bases);
# arrests, seizures and lootings told by police or officials are acts and stay events
_CLAIMABLE = ("Change to group/activity", "Headquarters or base established")
# court words: an act named as the matter of a charge, trial or verdict is reported elsewhere, if at all
# verbs after which an infinitive trigger still reports an act (an attempt is coded like the act)
_ATTEMPT = {"try", "attempt", "manage", "continue", "begin", "start", "fail", "resume", "proceed", "go", "force", "rush"}
# intervention words that demonstrators use too ("blocked the road", "prevented trucks"): they count only
# with forces as their subject
_SOFT_INTERVENE = {"block", "prevent", "stop", "obstruct", "remove", "interfere"}
# prepositions that make an act the cause or matter of the sentence's event ("arrested for attacking",
# "a base set up due to attacks"); "during"/"after" are left out: "killed during clashes" reports the clashes
_CAUSE_WORDS = ("against", "over", "for", "because", "since", "about", "due")
# cue classes a later sentence may add to the event before it: who the victim was decides the type
_VICTIM_CONTEXT = {"gangvictim"}
# modifiers that make a "bomb" or "grenade" a crowd-control device
_NONLETHAL = {"gas", "teargas", "tear", "smoke", "stun", "sound", "flash", "paint", "noise"}
# what a crowd does when a demonstration turns violent
_RIOT_VERBS = {"burn", "torch", "vandalize", "vandalise", "smash", "loot", "storm", "ransack", "pelt", "stone", "hurl",
               "attack", "beat", "assault", "damage", "destroy", "set"}
# verbs whose bare participle after a noun is passive ("four people killed", "26 arrested")
_DONE_TO = {"kill", "injure", "wound", "shoot", "beat", "stab", "murder", "behead", "execute", "torture", "abduct",
            "kidnap", "arrest", "detain", "hurt", "lynch"}
# crowd words that name a single person when singular ("a man", "a youth")
_ONE_PERSON = {"man", "woman", "person", "youth", "resident", "villager", "local", "student", "worker", "driver",
               "farmer", "trader", "vendor", "passenger", "migrant", "citizen", "inmate", "prisoner", "neighbour",
               "neighbor", "relative", "member", "supporter", "inhabitant"}
# words for state forces: a fight between them and a group of unorganised people is a riot, not a battle
_STATE_FORCES = {(w,) for w in ("police", "policeman", "policemen", "officer", "soldier", "troops", "troop", "army",
                                "military", "security", "gendarme", "gendarmerie", "guard", "constable", "personnel",
                                "force", "agent", "jawan", "trooper")}
# markers of a community side in a fight (with a NORP name): two such sides are communal militias
_COMMUNAL = {"community", "ethnic", "clan", "tribe", "tribal", "communal", "section", "sub-clan"}
_BATTLE_SUBS = tuple(s for s in taxonomy.SUB_EVENT_TYPES if taxonomy.event_type(s) == "Battles")
# override triggers that take hold of things (weapons, goods) rather than stop a weapon in use
_TAKE = {"seize", "confiscate", "recover", "find", "discover", "uncover", "capture"}
# words that place an undated development in the news, not in a place's history
_RECENT = {"recently", "new", "newly", "now", "today", "yesterday", "tonight", "latest", "just", "fresh"}


def _told_as_past(head) -> bool:
    """Whether a trigger's verb tells a past act: "abducted", "was killed" (not "will attack", "clashes")."""
    if head.tag_ == "VBD":
        return True
    return head.tag_ == "VBN" and any(c.dep_ in ("auxpass", "aux") and c.lower_ in ("was", "were", "had", "has",
                                                                                  "have") for c in head.children)


@dataclass(frozen=True, slots=True)
class CodingResult:
    mentions: list[Mention]
    statistics: list[Statistic]
    # items dropped on purpose, by reason (future, undatable, unreal, tally ...): nothing is silently lost
    dropped: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class _Hit:
    trigger: Trigger
    start: int  # token indices in the doc
    end: int
    head: object  # the spaCy token that carries the trigger's grammar

    @property
    def sub(self) -> str:
        return self.trigger.sub_event


@dataclass(slots=True)
class _Sent:
    span: object
    index: int
    paragraph: int
    classes: set[str]
    hits: list[_Hit]
    deaths: list[DeathReport]
    dates: list[DateExpr]
    places: list[Toponym]


@dataclass(slots=True)
class _Draft:
    sents: list[_Sent]
    hits: list[_Hit]
    # cue classes of later sentences of the paragraph that only describe the event's people
    # ("The victim had charges against him for drug trafficking.")
    context: set[str] = field(default_factory=set)

    @property
    def first(self) -> _Sent:
        return self.sents[0]


def _grams(span, n: int) -> set[tuple[str, ...]]:
    keys = [token_keys(t) for t in span]
    out: set[tuple[str, ...]] = set()
    for i in range(len(keys)):
        for k in range(1, n + 1):
            if i + k > len(keys):
                break
            combos: list[tuple[str, ...]] = [()]
            for j in range(i, i + k):
                combos = [c + (w,) for c in combos for w in keys[j][:2]]
            out.update(combos)
    return out


class EventCoder:
    """Codes one parsed article at a time; lexicons, taxonomy and the actor dictionary load once."""

    def __init__(self, settings: Settings | None = None):
        from ..settings import get_settings

        self.settings = settings or get_settings()
        self.lex = load_lexicon()
        self._actors = None
        self._actors_loaded = False
        self._learned = None
        self._learned_loaded = False
        self._countries = _country_cues()
        # nouns that count things, not people (their numbers are never death tolls)
        self._things = self.lex.cues["goods"] | self.lex.cues["weapon"] | self.lex.cues["property"] | {
            (w,) for w in ("pill", "tablet", "dose", "round", "bullet", "kilo", "kilogram", "gram", "ton", "tonne",
                           "dollar", "peso", "rupee", "euro", "hectare", "acre", "litre", "liter", "gallon", "sachet",
                           "package", "cartridge", "shell", "meter", "metre", "kilometre", "kilometer", "km", "mile")}

    # -- heavy helpers, loaded on first use ----------------------------------------------------
    @property
    def actors(self):
        if not self._actors_loaded:
            self._actors_loaded = True
            from .actors import ActorResolver

            self._actors = ActorResolver.load(self.settings) if hasattr(ActorResolver, "load") else ActorResolver(self.settings)
        return self._actors

    @property
    def learned(self):
        if not self._learned_loaded:
            self._learned_loaded = True
            if self.settings.use_learned:
                from .learned import load_model

                self._learned = load_model(self.settings)
        return self._learned

    # -- the public entry point ------------------------------------------------------------------
    def code(self, article: Article, doc, places: list[Toponym]) -> CodingResult:
        dropped: Counter[str] = Counter()
        text = article.text
        all_dates = find_dates(text, article.published)
        sents = self._sentences(article, doc, places, all_dates, dropped)
        statistics: list[Statistic] = []
        drafts: list[_Draft] = []
        open_draft: _Draft | None = None
        last_event_index = -10
        for s in sents:
            hits = s.hits
            if hits:
                follows = open_draft is not None and s.index - open_draft.sents[-1].index == 1 \
                    and s.paragraph == open_draft.sents[-1].paragraph
                stat = self._aggregate(article, s, follows_event=follows)
                if stat is not None:
                    statistics.append(stat)
                    dropped["aggregate"] += 1
                    open_draft = None
                    continue
                para_start = text.rfind("\n", 0, s.span.start_char) + 1
                dated_before = any(para_start <= d.start < s.span.start_char and d.value is not None for d in all_dates)
                if not self._anchored(s, dated_before):
                    dropped["unanchored"] += 1
                    if not s.deaths:
                        continue
                    hits = []  # "Two of the victims died.": no event of its own, but the toll of the last one
            if hits and open_draft is not None and not s.dates and s.index - open_draft.sents[-1].index == 1 \
                    and s.paragraph == open_draft.sents[-1].paragraph and any(h.sub == "*protest" for h in open_draft.hits):
                # "Clashes with the police broke out.": right after a demonstration, a scuffle is the demonstrators'
                hits = s.hits = [_Hit(_as_riot(h.trigger), h.start, h.end, h.head)
                                 if h.sub == "Armed clash" and h.head.lemma_.lower() in ("clash", "scuffle", "confrontation")
                                 else h for h in hits]
            if hits:
                if open_draft is not None and self._continues(open_draft, s):
                    open_draft.sents.append(s)
                    open_draft.hits.extend(hits)
                else:
                    open_draft = _Draft([s], list(hits))
                    drafts.append(open_draft)
                last_event_index = s.index
            elif open_draft is not None and s.paragraph == open_draft.sents[-1].paragraph and (
                    (s.index - last_event_index == 1 and (s.deaths or s.classes & {"intervene", "riotact"}))
                    or any(r.kind == "coded" for r in s.deaths)
                    # what the police did to a demonstration may come a few sentences later
                    or (s.index - last_event_index <= 3 and "intervene" in s.classes
                        and any(h.sub == "*protest" for h in open_draft.hits))):
                if self._aggregate(article, s) is None:
                    open_draft.sents.append(s)
            else:
                if open_draft is not None and s.paragraph == open_draft.sents[-1].paragraph and any(
                        t.lemma_.lower() == "victim" for t in s.span):
                    open_draft.context |= s.classes & _VICTIM_CONTEXT
                # a tally without an event word ("carried out 640 operations since 2015") is still a claim worth keeping
                stat = self._aggregate(article, s, counted_only=True)
                if stat is not None:
                    statistics.append(stat)
        mentions: list[Mention] = []
        seen: set[str] = set()
        for d in drafts:
            m = self._mention(article, doc, d, places, all_dates, dropped)
            if m is not None and m.id not in seen:
                seen.add(m.id)
                mentions.append(m)
        # precision screen: back-references, history, disasters, court talk, routine arrests ... (screen.py)
        kept, screened = screen(article, doc, mentions)
        dropped.update(screened)
        return CodingResult(kept, statistics, dict(dropped))

    # -- sentences and triggers ----------------------------------------------------------------------
    def _sentences(self, article, doc, places, all_dates, dropped) -> list[_Sent]:
        text = article.text
        out = []
        paragraph = 0
        prev_end = 0
        for i, span in enumerate(doc.sents):
            if "\n" in text[prev_end:span.start_char] or "\n" in span.text.strip():
                paragraph += 1
            prev_end = span.end_char
            grams = _grams(span, self.lex.max_cue_len)
            classes = self.lex.cue_classes(grams)
            hits = self._hits(span, classes)
            dates = [d for d in all_dates if span.start_char <= d.start < span.end_char
                     and not _PERIOD_BOUND.search(text[max(span.start_char, d.start - 8):d.start])]
            real = []
            for h in hits:
                reason = self._unreal(h, span)
                if reason:
                    dropped[reason] += 1
                else:
                    real.append(h)
            sp = [p for p in places if span.start_char <= p.start < span.end_char]
            deaths = death_reports(span)
            out.append(_Sent(span, i, paragraph, classes, real, deaths, dates, sp))
        return out

    def _hits(self, span, classes: set[str]) -> list[_Hit]:
        hits: list[_Hit] = []
        toks = list(span)
        keys = [token_keys(t) for t in toks]
        for i, tok in enumerate(toks):
            cands = []
            for k in keys[i]:
                cands.extend(self.lex.triggers.get(k, ()))
            for trig in dict.fromkeys(cands):
                n = len(trig.pattern)
                if i + n > len(toks):
                    continue
                if not all(w == "*" or w in keys[i + j] for j, w in enumerate(trig.pattern)):
                    continue
                if trig.pos and tok.pos_ not in trig.pos:
                    continue
                if any(c not in classes for c in trig.need) or any(c in classes for c in trig.forbid):
                    continue
                if trig.obj and not self._object_in(tok, toks[i:i + n], trig.obj):
                    continue
                last = toks[i + n - 1]
                if last.dep_ == "compound" and last.head.lemma_.lower() not in _EVENT_HEADS \
                        and not last.head.lower_.endswith("ing"):
                    continue  # "battle tanks", "attack helicopters": a kind of thing, not an event
                if taxonomy.is_sub_event_type(trig.sub_event) and taxonomy.event_type(trig.sub_event) == "Explosions/Remote violence" \
                        and any(c.dep_ in ("compound", "amod") and c.lemma_.lower() in _NONLETHAL for c in toks[i + n - 1].children):
                    continue  # "tear gas bombs", "stun grenades": crowd control, not explosives
                if tok.ent_type_ in ("DATE", "TIME") and tok.pos_ == "PROPN":
                    continue  # "March 19": the month, not a march
                if (tok.ent_type_ in _NAME_ENTS or (tok.pos_ == "PROPN" and tok.ent_type_ not in ("", "DATE"))) and not (
                        n == 1 and tok.text.isupper() and trig.strong and taxonomy.is_sub_event_type(trig.sub_event)
                        and taxonomy.event_type(trig.sub_event) == "Explosions/Remote violence"):
                    # (an upper-case weapon acronym the tagger took for a name, "RCIED", "ATGM", is still the weapon)
                    continue  # "National Front for Liberation", "Operation Strike"
                if trig.sub_event == "*protest" and tok.pos_ == "VERB" and tok.lemma_.lower() in ("demonstrate", "rally") \
                        and any(c.dep_ in ("dobj", "obj") or (c.dep_ == "advmod" and c.lemma_.lower() in ("little", "much", "how"))
                                for c in tok.children):
                    continue  # "demonstrated little grit", "rallied support": showing or gathering, not protesting
                if trig.sub_event in ("*kill", "*attack") and tok.pos_ == "VERB" and tok.lemma_.lower() in ("kill", "shoot") \
                        and not self._living_object(tok):
                    continue  # "the Left killed comedy", "they shot a video": not done to people
                if trig.sub_event == "*protest" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children):
                    continue  # "struck down with the disease"
                if trig.strong and tok.tag_ == "VBG" and tok.dep_ in ("pcomp", "pobj") and tok.head.lemma_.lower() in (
                        "from", "to", "in", "of", "for", "about"):
                    trig = _weak(trig)  # "changed from assisting ... to bombing": a description
                head = tok
                if n > 1:
                    verbs = [t for t in toks[i:i + n] if t.pos_ == "VERB"]
                    head = verbs[0] if verbs else toks[i + n - 1]
                hits.append(_Hit(trig, tok.i, tok.i + n, head))
        # a longer pattern over the same words says more ("suicide car bomb" over "car bomb")
        keep = []
        for h in hits:
            if any(o is not h and o.start <= h.start and h.end <= o.end and (o.end - o.start) > (h.end - h.start)
                   for o in hits):
                continue
            keep.append(h)
        return keep

    def _living_object(self, tok) -> bool:
        """False when the verb's direct object is a thing ("killed the deal", "shot a video"); True otherwise,
        also when it has no object ("were killed") or the object may be people ("killed 12", "shot him")."""
        objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        if not objs:
            return True
        people = self.lex.cues["person"] | self.lex.cues["civilian"] | self.lex.cues["armed"] | self.lex.cues["crowdagent"]
        for o in objs:
            if o.pos_ in ("PRON", "PROPN", "NUM") or o.ent_type_ in ("PERSON", "NORP", "ORG", "GPE", "CARDINAL") \
                    or any(c.dep_ == "nummod" or c.like_num for c in o.children) or o.lower_.endswith(("ers", "ists", "ians")):
                return True
            if o.lemma_.lower() in ("number", "dozen", "score", "several", "many", "some", "other", "all", "most", "rest",
                                    "each", "both", "few", "hundred", "thousand", "one", "none", "any"):
                return True
            of = [x for p in o.children if p.dep_ == "prep" and p.lower_ == "of" for x in p.children]
            if any({(k,) for k in token_keys(x)} & (people | self.lex.cues["weapon"] | self.lex.cues["remote"])
                   for x in [o, *o.children, *of]):
                return True
        return False

    def _object_in(self, tok, words, classes: tuple[str, ...]) -> bool:
        """Whether the object of the trigger verb (or of its particle/preposition) is of the classes."""
        cues = set().union(*(self.lex.cues[c] for c in classes))
        heads = [tok] + [w for w in words if w.i != tok.i]
        objs = []
        for h in heads:
            for c in h.children:
                if c.dep_ in ("dobj", "obj", "nsubjpass", "attr"):
                    objs.append(c)
                elif c.dep_ in ("prep", "prt"):
                    objs.extend(x for x in c.children if x.dep_ == "pobj")
        more = [c for o in objs for c in o.conjuncts]
        for o in objs + more:
            keys = {(k,) for k in token_keys(o)}
            if keys & cues:
                return True
            for p in o.children:  # "control of the town", "areas of the district"
                if p.dep_ == "prep":
                    for x in p.children:
                        if x.dep_ == "pobj" and {(k,) for k in token_keys(x)} & cues:
                            return True
        return False

    def _unreal(self, hit: _Hit, span) -> str | None:
        """Why the trigger does not report a real, past event (None when it does)."""
        mod = self.lex.modality
        tok = hit.head
        # inside a quotation: speeches and statements, not reports (a dated report still counts)
        before = span.doc.text[span.start_char:tok.idx]
        if sum(before.count(q) for q in "\"“”") % 2 == 1 and sum(before.count(q) for q in "“") > sum(before.count(q) for q in "”") or \
                (before.count('"') % 2 == 1):
            return "quoted"
        if tok.tag_ == "VB" and tok.pos_ == "VERB":
            # "used to attack", "called upon to kill": a purpose or duty, not a done act ("tried to storm" is)
            # ("burned tyres to protest" is a protest: the purpose names what the act was)
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and hit.sub not in ("*protest", "*riot") \
                    and tok.head.lemma_.lower() not in _ATTEMPT:
                return "infinitive"
            root = tok
            while root.dep_ == "conj" and root.head.i != root.i:
                root = root.head
            if root.dep_ == "ROOT" and root.tag_ == "VB" and not any(
                    c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in root.children):
                return "imperative"  # "Come and kill him": an exhortation
        if tok.dep_ == "amod" and tok.tag_ == "VBN" and tok.lemma_.lower() == "fire" and not self._object_in(
                tok.head, [tok.head], ("weapon",)):
            return "descriptive"  # "the fired agent": a state of a person, not a shooting
        if hit.sub == "Looting/property destruction" and tok.dep_ == "amod" and tok.tag_ == "VBN":
            return "descriptive"  # "demanded the return of looted funds": a grievance's label, not a looting
        if tok.lemma_.lower() == "fire" and any(c.dep_ == "auxpass" for c in tok.children) and not any(
                c.dep_ in ("prep", "agent") and c.lower_ in ("at", "on", "upon", "towards", "into")
                and not any(x.ent_type_ in ("DATE", "TIME") for x in c.children) for c in tok.children) \
                and not {(k,) for t in span for k in token_keys(t)} & (self.lex.cues["weapon"] | {("shot",), ("round",), ("bullet",)}):
            return "dismissal"  # "he was fired (from the bureau)": sacked, not shot at
        if tok.lemma_.lower() == "fire" and any(c.dep_ in ("dobj", "obj") and (c.ent_type_ == "PERSON" or (
                c.pos_ == "PROPN" and not c.ent_type_)) for c in tok.children) and not any(
                c.dep_ == "prep" and c.lower_ in ("at", "on", "upon", "towards", "into")
                and not any(x.ent_type_ in ("DATE", "TIME") for x in c.children) for c in tok.children) \
                and not {(k,) for t in span for k in token_keys(t)} & (self.lex.cues["weapon"] | {("shot",), ("round",), ("bullet",), ("mm",)}):
            return "dismissal"  # "the department fired Officer X": one fires at people, not fires them
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("NOUN", "PROPN"):
            for c in tok.head.children:
                if c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in mod["aux"]:
                    return "future_or_hypothetical"
                if c.dep_ == "neg":
                    return "negated"
                if c.dep_ == "mark" and c.lemma_.lower() in mod["condition"]:
                    return "conditional"  # "it is unclear if clashes took place"
        if tok.pos_ == "NOUN" and tok.dep_ == "conj" and any(
                c.dep_ == "det" and c.lower_ in ("no", "neither") for c in tok.head.children):
            return "negated"  # "no arrests or clashes were reported"
        node = tok
        depth = 0
        via = None
        while node is not None and depth < 8:
            lemma = node.lemma_.lower()
            for c in node.children:
                cl = c.lemma_.lower()
                if c.dep_ in ("aux", "auxpass") and (cl in mod["aux"] or c.lower_ in mod["aux"]):
                    return "future_or_hypothetical"
                if c.dep_ == "neg" or (c.dep_ == "det" and cl in ("no",) and node.i == tok.i):
                    return "negated"
                if c.dep_ == "mark" and cl in mod["condition"]:
                    return "conditional"
                if c.dep_ == "aux" and c.lower_ == "to" and node.i == tok.i and node.dep_ in ("xcomp",) and \
                        node.head.lemma_.lower() in ("be",):
                    return "intended"  # "is to attack"
            # (a coordinated verb is a further act, not governed: "stopped and looted a boat", "threatened and
            # beat the driver")
            governs = node.i != tok.i and via != "conj"
            if governs and any(k in mod["intent"] for k in token_keys(node)) and lemma not in ("agree",):
                return "intended"
            if governs and any(k in mod["threat"] for k in token_keys(node)):
                return "threatened"
            if governs and any(k in mod["speculate"] for k in token_keys(node)):
                return "speculative"
            if node.i != tok.i and lemma in _LEGAL and via != "conj" and not any(
                    c.lower_ in ("baton", "lathi", "cane") for c in node.children):
                # "charged in the shooting", "acquitted of murder": a court case about an act (a coordinate
                # verb is the next act, not the charge's matter: "police baton charged them and they pelted")
                return "legal"
            if node.i != tok.i and lemma in self.lex.speech:
                break  # "X said that Y attacked": the report is real; the speech's own modality is not ours
            if node.dep_ == "ROOT" or node.head.i == node.i or node.dep_ not in _CLIMB:
                break
            via = node.dep_
            node = node.head
            depth += 1
        # "is preparing for confrontations", "will be tasked with": a governing intent noun/verb to the left
        return None

    # -- sentence-level decisions -----------------------------------------------------------------
    def _anchored(self, s: _Sent, dated_before: bool = False) -> bool:
        """A report names a date, a place below country level or a count; a bare noun or a present-tense
        generality ("viruses that kill people") does not report an event."""
        if s.dates:
            return True
        strong = [h for h in s.hits if h.trigger.strong and not self._generic_tense(h)]
        if not strong:
            s.hits = []
        if strong and any(h.head.tag_ in ("VBD", "VBN") or (h.head.pos_ == "NOUN" and dated_before) for h in strong):
            return True
        # a bare event noun ("the assassination", "this massacre") with no date, place or count names an
        # event in passing (history, commentary), not a report of one
        local = [p for p in s.places if p.location is None or (p.location.name and p.location.name != p.location.country)]
        # "the JFK assassination", "the massacre", "his murder": a definite noun points back at an event
        # known from elsewhere; a place nearby does not make the mention a report ("an attack in Kabul" does)
        strong = [h for h in strong if not (h.head.pos_ == "NOUN" and any(
            (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")) or c.dep_ == "poss"
            or (c.dep_ == "compound" and c.pos_ == "PROPN") for c in h.head.children))]
        if local and (strong or any(e.label_ in ("GPE", "LOC", "FAC") for e in s.span.ents)):
            return bool(strong) or any(not d.count.vague and d.count.value > 0 for d in s.deaths)
        return bool(strong) and any(not d.count.vague and d.count.value > 0 for d in s.deaths)

    @staticmethod
    def _generic_tense(h: _Hit) -> bool:
        """Present simple/progressive without a perfect: habitual or ongoing talk, not a dated report."""
        tok = h.head
        chain = [tok] + [a for a in list(tok.ancestors)[:2] if tok.dep_ in ("xcomp", "conj", "relcl")]
        for t in chain:
            if t.tag_ in ("VBP", "VBZ") and not any(c.lemma_.lower() == "have" for c in t.children):
                return True
        if tok.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBP", "VBZ") for c in tok.children) \
                and not any(c.lemma_.lower() == "have" for c in tok.children):
            return True  # "the church is being destroyed", "people are killed every day": present passive
        if tok.dep_ == "relcl":
            return True  # "the forces that fought ISIS": background, not the report
        return False

    def _continues(self, draft: _Draft, s: _Sent) -> bool:
        last = draft.sents[-1]
        if s.paragraph != last.paragraph:
            return False
        if any(h.sub == "*protest" for h in draft.hits) and "intervene" in s.classes and s.index - last.index <= 3 \
                and all(h.sub in ("Arrests", "*attack", "*kill", "*riot", "Change to group/activity", "Other") for h in s.hits) and not s.dates:
            return True  # "Police dispersed the group and arrested five": the intervention in that demonstration
        if s.index - last.index > 1:
            return False
        own_day = [d for d in s.dates if d.precision == 1]
        first_day = [d for d in draft.first.dates if d.precision == 1]
        if own_day and first_day and own_day[0].value != first_day[0].value:
            return False
        if own_day and not first_day:
            return False
        subs = {h.sub for h in s.hits}
        if all(not h.trigger.strong or h.sub in GENERIC for h in s.hits):
            return True
        if all(h.sub == "Disrupted weapons use" and h.head.lemma_.lower() in _TAKE for h in s.hits) and any(
                _family(h.sub) == "violence" for h in draft.hits):
            return True  # "... a shootout broke out. Police seized two rifles.": the fight's aftermath, same actors
        if any(h.sub == "*protest" for h in draft.hits) and (
                "protester" in s.classes or any(t.lower_ in ("they", "them", "participants") for t in s.span)) \
                and not any(h.sub == "*protest" for h in s.hits):
            return True  # what happened to the demonstrators ("one protester was arrested") is part of it
        old = {_family(h.sub) for h in draft.hits}
        return bool({_family(x) for x in subs} & old)

    def _aggregate(self, article: Article, s: _Sent, counted_only: bool = False,
                   follows_event: bool = False) -> Statistic | None:
        text = s.span.text
        day = [d for d in s.dates if d.precision == 1]
        value = None
        kind = None
        period = None
        m = _PERIOD.search(text)
        if m and not day:
            period = m.group(0)
        elif not day:
            # "repeated clashes with Brussels", "police routinely beat detainees": a habit, not one event
            habit = next((c for h in s.hits for c in h.head.children
                          if (c.dep_ == "amod" and c.lower_ in _HABITUAL_ADJ)
                          or (c.dep_ == "advmod" and c.lower_ in _HABITUAL_ADV)), None)
            if habit is not None:
                period = habit.text
        big_tally = None
        for tok in s.span:
            if tok.like_num and tok.head.lemma_.lower() in _TALLY_NOUNS and tok.dep_ in ("nummod", "quantmod"):
                from .fatalities import number_value

                v = number_value(tok.text)
                if v is not None and v >= TALLY_MIN and (big_tally is None or v > big_tally):
                    big_tally = v
                    kind = tok.head.lemma_.lower()
        toll = max((d.count.value for d in s.deaths), default=0)
        if s.deaths:
            from .fatalities import number_value

            # "10,000 soldiers were killed or injured": a war toll even when deaths are not split out
            # (only numbers of people: "seized 47500 pills" next to a killing is no toll)
            nums = [number_value(t.text) for t in s.span if t.like_num and t.ent_type_ != "DATE"
                    and not re.fullmatch(r"(?:19|20)\d\d", t.text)
                    and not any(d.start <= t.idx < d.end for d in s.dates)
                    and not {(k,) for k in token_keys(t.head)} & self._things]
            toll = max([toll] + [v for v in nums if v is not None])
        vague_big = any(t.lower_ in ("thousands", "millions") for t in s.span) and bool(s.deaths)
        if counted_only and not ((big_tally is not None and period) or toll >= TOLL_MIN):
            return None
        if big_tally is not None and not day and follows_event and not period and toll < TOLL_MIN \
                and not _SPAN_WORDS.search(text):
            # "On 2 May, X fired mortars at Y. Monitors observed 66 explosions near Z.": a count right
            # after a dated report, with no period of its own, counts that day's event
            return None
        if big_tally is not None and not day:
            value = big_tally
        elif toll >= TOLL_MIN or vague_big:
            value, kind = (toll or None), "fatalities"
        elif period:
            kind = kind or (s.hits[0].sub if s.hits else None)
            nums = [t for t in s.span if t.like_num]
            if nums:
                from .fatalities import number_value

                vals = [v for v in (number_value(t.text) for t in nums) if v is not None]
                value = max(vals) if vals else None
        elif not s.dates and len({p.text.lower() for p in s.places} | {e.text.lower() for e in s.span.ents if e.label_ == "GPE"}) >= PLACES_AGGREGATE \
                and all(not h.trigger.strong for h in s.hits):
            kind = s.hits[0].sub if s.hits else None
            period = "several places"
        else:
            return None
        start, end = s.span.start_char, s.span.end_char
        return Statistic(
            id=content_id("statistic", article.id, start, end),
            article_id=article.id,
            start=start,
            end=end,
            text=article.text[start:end],
            kind=kind if isinstance(kind, str) else None,
            value=value,
            period=period,
            claimant=self._claimant(s.span, s.hits[0].head if s.hits else None)[0],
        )

    # -- one mention -----------------------------------------------------------------------------------
    def _mention(self, article, doc, d: _Draft, places, all_dates, dropped) -> Mention | None:
        classes = set().union(*(s.classes for s in d.sents)) | d.context
        deaths = [r for s in d.sents for r in s.deaths]
        sub, main = self._classify(d.hits, classes, deaths, d.sents)
        if sub is None:
            dropped["unclassified"] += 1
            return None
        first = d.first
        # the date: the nearest expression in the event's sentence, else earlier in its paragraph, else the report date
        published = parse_iso(article.published)
        dexpr = _nearest(first.dates, main.head.idx) if first.dates else None
        if dexpr is None:
            prior = [x for x in all_dates if x.end <= first.span.start_char and x.value is not None]
            # only the latest earlier date, and only inside the same paragraph
            if prior and "\n" not in article.text[prior[-1].end:first.span.start_char]:
                dexpr = prior[-1]
        if dexpr is not None and dexpr.value is not None:
            event_date, precision = dexpr.value, dexpr.precision
        elif published is not None:
            event_date, precision = published, 2
        else:
            dropped["undatable"] += 1
            return None
        if is_future(event_date, published) and not _told_as_past(main.head):
            # (a verb in the past tense tells a thing done, whatever date it carries: "On 29 May, militants
            # abducted a man" in a report of 2 May is a slip of the date, not a plan)
            dropped["future"] += 1
            return None
        if taxonomy.event_type(sub) == "Strategic developments" and not first.dates:
            reason = self._background_development(sub, main, first, dexpr)
            if reason:
                dropped[reason] += 1
                return None
        if (dexpr is None or dexpr.value is None) and not self._tells_where(article.text, d.sents, places):
            # the report's own date stands in for a sentence's only where the sentence tells where it
            # happened: "A grenade went off outside a subway station in a suburb of Stockholm" is news of the
            # day; "Also the Left killed comedy", "Cain killed his brother, Abel" (a town's name in Maryland),
            # "fought to a draw in Afghanistan" name no time and no place finer than a country
            dropped["undated_unplaced"] += 1
            return None

        start = first.span.start_char
        end = d.sents[-1].span.end_char
        trig_start = doc[main.start].idx
        trig_end = doc[main.end - 1].idx + len(doc[main.end - 1])
        country = self._country(article, doc, first, places)
        claimant, claimant_span = self._claimant(first.span, main.head)
        for s in d.sents[1:]:
            if claimant is None:
                h = next((x.head for x in s.hits), None) or s.span.root
                claimant, claimant_span = self._claimant(s.span, h)
        hedges = self._hedges(article.text[start:end])
        speaker = claimant or article.outlet

        # actors
        actor1 = actor2 = assoc1 = assoc2 = None
        inter1 = inter2 = None
        evidence: list[Evidence] = []
        span = doc.char_span(start, end, alignment_mode="expand") or first.span
        # the parties are named where the event is first told: when the deciding trigger comes in a later
        # sentence ("X fired mortars at Y. Monitors observed shots in both directions"), roles are read
        # around the first sentence's trigger (not for demonstrations: the force that intervened is told later)
        anchor = main
        if not (first.span.start <= main.start < first.span.end) and taxonomy.event_type(sub) in (
                "Battles", "Explosions/Remote violence"):
            anchor = next((h for h in d.hits if first.span.start <= h.start < first.span.end), main)
        anchor_tok = anchor.head
        while anchor_tok.dep_ == "pobj" and anchor_tok.head.lower_ == "of" and anchor.start <= anchor_tok.head.head.i < anchor.end:
            anchor_tok = anchor_tok.head.head  # "an exchange of fire": the roles hang from "exchange"
        try:
            assignment = self.actors.assign(doc, span, anchor_tok, country=country, speaker=speaker, sub_event_type=sub)
        except ImportError:
            assignment = None
        if assignment is not None:
            actor1, inter1, assoc1 = assignment.actor1, assignment.inter1, assignment.assoc_actor_1
            actor2, inter2, assoc2 = assignment.actor2, assignment.inter2, assignment.assoc_actor_2
            evidence.extend(assignment.evidence)
        target = self._target_kind([h for h in d.hits if h.sub in ("*attack", "*kill")], classes)
        sub = self._refine(sub, main, inter1, inter2, actor1, actor2, target, gang="gangvictim" in classes)
        method = "rules"
        if main.sub in ("*attack", "*kill") and self.learned is not None:
            # the rules know it was violence but not whose against whom: let the trained typer settle it
            from .learned import AMBIGUOUS, MIN_PROBA

            guess, proba = self.learned.predict(article.text[start:end])
            if guess in AMBIGUOUS and proba >= MIN_PROBA and guess != sub:
                sub, method = guess, "rules+learned"
        ev_type = taxonomy.event_type(sub)
        generic_country = country or "International"
        if inter1 == 7 and ev_type not in ("Protests", "Riots"):
            # ACLED: civilian victims are always actor2, whichever side the sentence names first
            # ("civilians were killed when warplanes struck ...").
            from dataclasses import replace as _replace

            actor1, actor2, inter1, inter2, assoc1, assoc2 = actor2, actor1, inter2, inter1, assoc2, assoc1
            swap = {"actor1": "actor2", "actor2": "actor1"}
            evidence = [_replace(e, field=swap.get(e.field, e.field)) for e in evidence]
        if ev_type == "Violence against civilians" and (inter2 != 7 or not actor2):
            actor2, inter2 = f"Civilians ({generic_country})", 7
        if sub == "Excessive force against protesters" and not actor2:
            actor2, inter2 = f"Protesters ({generic_country})", 6
        if ev_type == "Protests" and sub != "Excessive force against protesters" and (inter1 != 6 or not actor1):
            if actor1 and inter1 not in (6, None) and not actor2:
                actor2, inter2 = actor1, inter1
            actor1, inter1 = f"Protesters ({generic_country})", 6
        if ev_type == "Riots" and not actor1:
            actor1, inter1 = f"Rioters ({generic_country})", 5
        if actor2 == actor1:
            actor2, inter2, assoc2 = None, None, None if actor2 is None else assoc2

        # fatalities
        war = country in self.settings.war_zones if country else False
        significant = ev_type in ("Battles", "Explosions/Remote violence")
        fatalities, claims = self._fatalities(article, deaths, war and significant, sub, claimant, hedges, d.sents)

        evidence.append(Evidence("event_type", trig_start, trig_end, article.text[trig_start:trig_end], article.id))
        evidence.append(Evidence("sub_event_type", trig_start, trig_end, article.text[trig_start:trig_end], article.id))
        evidence.append(Evidence("sentence", start, end, article.text[start:end], article.id))
        if dexpr is not None:
            evidence.append(Evidence("event_date", dexpr.start, dexpr.end, dexpr.text, article.id))
        if claims:
            c = min(claims, key=lambda c: (c.value if c.value is not None else 10**9))
            if c.start is not None:
                evidence.append(Evidence("fatalities", c.start, c.end, article.text[c.start:c.end], article.id))
        if claimant_span is not None:
            evidence.append(Evidence("claimant", claimant_span[0], claimant_span[1],
                                     article.text[claimant_span[0]:claimant_span[1]], article.id))
        if claimant is None and article.outlet:
            claimant = article.outlet

        disorder = taxonomy.disorder_type(sub)
        mention_id = Mention.make_id(article.id, trig_start, trig_end, sub)
        confidence = 0.75 if main.trigger.strong else 0.55
        if hedges:
            confidence -= 0.1
        place = _nearest_place(first.places, main.head.idx)
        notes = make_notes(event_date, precision, sub, actor1, actor2, fatalities, place, claimant, hedges)
        return Mention(
            id=mention_id,
            article_id=article.id,
            start=start,
            end=end,
            text=article.text[start:end],
            event_type=ev_type,
            sub_event_type=sub,
            disorder_type=disorder,
            event_date=event_date.isoformat(),
            time_precision=precision,
            actor1=actor1,
            assoc_actor_1=assoc1,
            inter1=inter1,
            actor2=actor2,
            assoc_actor_2=assoc2,
            inter2=inter2,
            interaction=taxonomy.interaction(inter1, inter2),
            civilian_targeting=(inter2 == 7 or ev_type == "Violence against civilians"),
            location=None,
            fatalities=fatalities,
            claims=tuple(claims),
            claimant=claimant,
            hedges=tuple(hedges),
            evidence=tuple(evidence),
            trigger=article.text[trig_start:trig_end],
            confidence=round(max(0.05, min(confidence, 0.95)), 2),
            method=method,
            outlet=article.outlet,
            notes=notes,
        )

    # -- classification ----------------------------------------------------------------------------
    def _classify(self, hits: list[_Hit], classes: set[str], deaths: list[DeathReport],
                  sents: list | None = None) -> tuple[str | None, _Hit | None]:
        """One sub-event type for the event's triggers, by ACLED's tactic ranking and context."""
        if not hits:
            return None, None
        over = [h for h in hits if h.trigger.override]
        if over and any(((h.trigger.strong and h.sub in ("*attack", "*kill")) or h.sub in _BATTLE_SUBS)
                        and h.head.lemma_.lower() not in ("storm", "raid") for h in hits if not h.trigger.override):
            # "a shoot-out broke out ... police seized a pistol": what was taken after a fight is its aftermath;
            # the fight ranks first (a defused or intercepted weapon still cancels the blast it names; storming
            # a building to take goods is a looting)
            taken = [h for h in over if h.head.lemma_.lower() in _TAKE]
            over = [h for h in over if h not in taken]
            hits = [h for h in hits if h not in taken]
        if over:
            return over[0].sub, over[0]
        fore = [h for h in hits if not self._background(h, _CAUSE_WORDS)]
        if len(fore) < len(hits) and any(h.trigger.strong for h in fore):
            # "arrested for attacking", "a base set up due to continued attacks", "a militant who was armed
            # with a grenade": an act named as cause, grievance or description is not the reported one
            hits = fore
        if any(h.trigger.strong and h.sub not in GENERIC for h in hits):
            # a noun in passing ("as battles continue") does not outweigh the reported act of its sentence
            # (a fight told in the first sentence stays when a later one adds "seven were arrested")
            told = {h.head.sent.start for h in hits if h.trigger.strong and h.sub not in GENERIC}
            hits = [h for h in hits if h.trigger.strong or h.sub in GENERIC or h.head.sent.start not in told]
        specific = [h for h in hits if h.sub not in GENERIC]
        protest = [h for h in hits if h.sub == "*protest"]
        riot = [h for h in hits if h.sub == "*riot"]
        generic = [h for h in hits if h.sub in ("*attack", "*kill")]
        killed = any(r.count.value > 0 and r.kind == "deaths" for r in deaths) or any(
            h.sub == "*kill" and h.head.lemma_.lower() in ("kill", "dead", "die", "murder") for h in hits)

        def best(hs):
            return min(hs, key=lambda h: (taxonomy.rank(h.sub), h.start))

        # the weapon an attack was made with names its tactic: "ambushed, with heavy weapons, a vehicle" is a
        # shelling; "killed a civilian using small arms fire" is the killing (whose target decides), not a battle
        for g in [g for g in generic if g.trigger.strong]:
            kind = self._instrument(g)
            if kind and not any(taxonomy.event_type(h.sub) in ("Battles", "Explosions/Remote violence") for h in specific):
                specific.append(_Hit(replace(g.trigger, sub_event=kind, strong=True), g.start, g.end, g.head))
                break
        tools = [h for h in specific if h.sub == "Armed clash" and h.head.lemma_.lower() in ("small", "arm")
                 and any(a.lower_ in ("using", "with") and a.dep_ in ("prep", "acl", "advcl", "xcomp") for a in h.head.ancestors)]
        if tools and generic and any(g.trigger.strong for g in generic):
            specific = [h for h in specific if h not in tools]
        battles_expl = [h for h in specific if taxonomy.event_type(h.sub) in ("Battles", "Explosions/Remote violence")]
        crowd_violence = [h for h in generic if self._crowd_agent(h)]
        crowd_clash = [h for h in specific if h.sub == "Armed clash" and h.head.lemma_.lower() in ("clash", "fight")
                       and self._crowd_agent(h)]
        crowd_damage = [h for h in specific if h.sub == "Looting/property destruction" and h.head.pos_ == "VERB"
                        and self._crowd_agent(h)]
        if crowd_damage and not protest:
            # "villagers torched the dealer's house": a crowd destroying property riots (ACLED's looting and
            # destruction type is for organised actors)
            crowd_violence += crowd_damage
            specific = [h for h in specific if h not in crowd_damage]
        if crowd_clash:
            crowd_violence += crowd_clash
            specific = [h for h in specific if h not in crowd_clash]
            battles_expl = [h for h in battles_expl if h not in crowd_clash]
        if protest:
            anchor = protest[0]
            # violence named as the protest's grievance ("against the detention ... during recent riots",
            # "youths who clashed") is background, not the demonstrators' act
            riot = [h for h in riot if not self._background(h)]
            crowd_violence = [h for h in crowd_violence if not self._background(h)]
            # "when they started to storm the house": after a demonstration, "they" are the demonstrators
            crowd_violence += [h for h in generic if h not in crowd_violence and h.head.pos_ == "VERB"
                               and h.head.lemma_.lower() in _CROWD_ACTS and not self._background(h)
                               and any(a.lower_ == "they" or {(k,) for k in token_keys(a)} & self.lex.cues["protester"]
                                       for a in self._doers(h.head))]
            generic = [h for h in generic if not self._background(h)]
            on_protesters = [h for h in generic if not self._crowd_agent(h) and self._target_kind([h], classes) == "protester"]
            if on_protesters and (killed or any(h.head.lemma_.lower() in ("shoot", "fire", "open", "kill") for h in on_protesters)):
                return "Excessive force against protesters", on_protesters[0]
            damage = [h for h in specific if h.sub == "Looting/property destruction" and not self._background(h)]
            if not (riot or crowd_violence or damage) and sents and len(sents) > 1 and self._crowd_acts(sents[1:]):
                # "Prisoners demonstrated ... The inmates burnt official documents.": a later sentence of the
                # same report says what the demonstrators did
                return "Violent demonstration", anchor
            if riot or crowd_violence or damage:
                # demonstrators burning, smashing or looting: the demonstration turned violent
                return "Violent demonstration", (riot or crowd_violence or damage)[0]
            if battles_expl:
                return best(battles_expl).sub, best(battles_expl)
            spans = [s.span for s in sents] if sents else [hits[0].head.sent]
            if any(self._intervened(sp, classes) for sp in spans) or on_protesters:
                return "Protest with intervention", anchor
            return "Peaceful protest", anchor
        if battles_expl:
            b = best(battles_expl)
            if b.sub == "Shelling/artillery/missile attack" and "exchange" in classes:
                # fire traded both ways ("exchanged artillery fire", "in both directions", "fired back"): both
                # sides fought, an armed clash (one-sided fire, heavy machine guns included, stays shelling: ACLED
                # dev export, 2020-04-27..05-02)
                return "Armed clash", b
            return b.sub, b
        mob = [h for h in specific if h.sub == "Mob violence"]
        if riot and not mob and not crowd_violence and all(self._one_person(h) for h in riot):
            return "Attack", riot[0]  # "a man threw stones at a nurse": one assailant is not a riot
        if riot or mob or crowd_violence:
            h = (mob or riot or crowd_violence)[0]
            if mob or (crowd_violence and not riot):
                return "Mob violence", h
            # demonstrators' violence (burning tyres, stones at police) is a violent demonstration;
            # a crowd turning on people with no demonstration is mob violence
            if "protester" in classes or "protestcontext" in classes or any(
                    x.head.lemma_.lower() in ("burn", "burning") for x in riot):
                return "Violent demonstration", h
            return "Mob violence", h
        vac = [h for h in specific if taxonomy.event_type(h.sub) == "Violence against civilians"]
        abduction = [h for h in vac if h.sub == "Abduction/forced disappearance"]
        others_vac = [h for h in vac if h.sub != "Abduction/forced disappearance"]
        if others_vac:
            return best(others_vac).sub, best(others_vac)
        if abduction and not killed:
            return abduction[0].sub, abduction[0]
        if generic:
            h = next((g for g in generic if g.trigger.strong), generic[0])
            target = self._target_kind(generic, classes)
            raids = [g for g in generic if g.trigger.strong]
            if specific and raids and all(g.head.lemma_.lower() == "raid" for g in raids):
                # a raid that only arrested, seized or damaged is coded by what it did
                b = best(specific)
                return b.sub, b
            if "gangvictim" in classes and target != "protester":
                return "Armed clash", h  # violence among criminal groups: both sides armed
            if target in ("civilian", "protester"):
                return "Attack", h
            if target == "armed":
                return "Armed clash", h
            if abduction:
                return "Attack", h
            if specific and not any(g.trigger.strong for g in generic):
                b = best(specific)
                return b.sub, b
            if "civilian" in classes and target is None and not any(g.head.lemma_.lower() in ("clash", "fight") for g in generic):
                return "Attack", h  # a person was hurt and no armed opponent is named
            if "armed" in classes and not self._armed_opponent(generic):
                return "Attack", h  # the only armed party named is the one doing the violence
            return ("Armed clash", h) if "armed" in classes else ("Attack", h)
        if vac:
            return best(vac).sub, best(vac)
        if specific:
            # strategic developments co-occurring in one event: ACLED's rank decides, text order breaks ties
            b = best(specific)
            return b.sub, b
        return None, None

    def _background_development(self, sub: str, main: _Hit, first: _Sent, dexpr) -> str | None:
        """Why an undated strategic development is context, not an event (None when it is an event).

        A development with no date of its own that a speaker states ("the spokesman revealed that new
        systems have been deployed") is a claim of capability in a speech summary, and a base "established"
        with neither a date nor a word of recency is the place's history.  Battles and attacks are not
        held to this: their reports are dated by the article around them."""
        node = main.head
        for _ in range(8 if sub in _CLAIMABLE else 0):
            if node.head.i == node.i:
                break
            node = node.head
            if node.lemma_.lower() in self.lex.speech:
                return "reported_development"
        if sub == "Headquarters or base established" and dexpr is None:
            keys = {k for t in first.span for k in token_keys(t)}
            if not keys & _RECENT:
                return "background_development"
        return None

    @staticmethod
    def _background(h: _Hit, words=("against", "over", "for", "after", "following", "because", "during", "since",
                                     "about")) -> bool:
        tok = h.head
        rel = [a for a in [tok, *tok.ancestors] if a.dep_ == "relcl"]
        # "the bank, where rioters hurled rocks": a where/when clause tells what happened there and then
        # ("police detained residents who were taking part in a protest": what they were doing then is the scene)
        # ("detained five people who gathered in the square": the people seized at the scene of their gathering)
        if rel and not any(c.lower_ in ("where", "when") and c.dep_ == "advmod" for c in rel[0].children) and not (
                rel[0].tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in rel[0].children)) and not (
                h.sub == "*protest" and rel[0].head.dep_ in ("dobj", "nsubjpass")
                and rel[0].head.head.lemma_.lower() in ("detain", "arrest", "disperse", "prevent", "stop", "beat")
                and not any(a.lemma_.lower() in ("accuse", "suspect", "charge", "allege") or any(
                    c.dep_ == "aux" and c.lemma_ == "have" for c in a.children) for a in _path_up(tok, rel[0]))):
            return True
        return any(a.lower_ in words and a.dep_ in ("prep", "mark", "pcomp") for a in tok.ancestors)

    def _intervened(self, sent, classes: set[str]) -> bool:
        """Whether forces acted on the demonstration (dispersed, arrested, tear gas), not merely named an arrest."""
        if "intervene" not in classes:
            return False
        cues = self.lex.cues["intervene"]
        armed = self.lex.cues["armed"]
        protester = self.lex.cues["protester"] | {(w,) for w in (
            "them", "crowd", "they", "participant", "gathering", "people", "activist", "organizer", "organiser",
            "march", "rally", "protest", "demonstration", "path", "procession", "some", "several", "dozens")}
        doc = sent.doc
        for tok in doc[sent.start:sent.end]:
            keys = {(k,) for k in token_keys(tok)}
            if tok.i + 1 < len(doc):
                keys |= {(k, k2) for k in token_keys(tok) for k2 in token_keys(doc[tok.i + 1])}
            if not keys & cues:
                continue
            if any(c.lower_ in ("after", "because") and c.dep_ == "mark" for c in tok.children) or any(
                    a.lower_ in ("after", "following", "because", "against", "over") and a.dep_ in ("mark", "prep")
                    for a in tok.ancestors):
                continue  # "protested after police stopped them at the border": the grievance, not the response
            if tok.pos_ != "VERB":
                if tok.lower_ in ("tear", "teargas", "baton", "lathicharge", "water", "rubber", "pepper", "stun"):
                    return True
                continue
            if tok.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in tok.children) and any(
                    {(k,) for k in token_keys(x)} & armed for d in self._doers(tok) for x in d.subtree):
                return True  # "Police reached the spot and controlled the situation"
            for c in tok.children:
                ck = {(k,) for k in token_keys(c)}
                if c.dep_ in ("nsubj", "agent") and (ck & armed or any({(k,) for k in token_keys(x)} & armed for x in c.subtree)):
                    return True
                if tok.lemma_.lower() in _SOFT_INTERVENE:
                    subj = [x for x in tok.children if x.dep_ == "nsubj"] or (
                        [x for x in tok.head.children if x.dep_ == "nsubj"] if tok.dep_ == "conj" else [])
                    if subj and not any({(k,) for x in subj[0].subtree for k in token_keys(x)} & armed for _ in [0]):
                        continue  # "drivers blocked the road to stop people": only forces blocking a march intervene
                # ("26 arrested": a reduced passive's subject is the one acted on)
                if (c.dep_ in ("dobj", "nsubjpass") or (c.dep_ == "nsubj" and tok.tag_ == "VBN")) and (
                        c.like_num or ck & protester or any(
                        {(k,) for k in token_keys(x)} & protester for x in c.subtree)):
                    return True
        return False

    @staticmethod
    def _doers(tok) -> list:
        """The grammatical doers of a verb: its subject or passive agent, through coordinated and
        controlled verbs ("locals demonstrated, shouted slogans and clashed", "they started to storm")."""
        agents = [c for c in tok.children if c.dep_ == "nsubj"]
        if tok.tag_ == "VBN" and tok.lemma_.lower() in _DONE_TO and not any(c.dep_ in ("aux", "dobj") for c in tok.children):
            agents = []  # "four people killed": a reduced passive's subject is the victim
        for c in tok.children:
            if c.dep_ == "agent":
                agents.extend(x for x in c.children if x.dep_ == "pobj")
        node = tok
        while not agents and node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
            node = node.head
            agents = [c for c in node.children if c.dep_ == "nsubj"]
        return agents

    def _instrument(self, h: _Hit) -> str | None:
        """The tactic named by what a violent act was done with ("with heavy weapons", "using mortars")."""
        for c in h.head.children:
            if not (c.dep_ in ("prep", "advcl", "acl", "xcomp") and c.lower_ in ("with", "using")):
                continue
            words = [x for x in c.subtree if x.i != c.i]
            keys = {(k,) for x in words for k in token_keys(x)}
            pairs = {(a, b) for x, y in zip(words, words[1:]) for a in token_keys(x) for b in token_keys(y)}
            if (keys | pairs) & self.lex.cues["aircraft"]:
                return "Air/drone strike"
            if (keys | pairs) & self.lex.cues["remote"] and not ({("small",), ("machete",), ("knife",)} & keys):
                return "Shelling/artillery/missile attack"
        return None

    def _crowd_acts(self, sents) -> bool:
        """Whether a sentence has a crowd (demonstrators, inmates, "they") burning, smashing or attacking."""
        crowd = self.lex.cues["crowdagent"] | self.lex.cues["protester"] | {("they",)}
        for s in sents:
            for tok in s.span:
                if tok.pos_ != "VERB" or tok.lemma_.lower() not in _RIOT_VERBS:
                    continue
                objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
                if any(o.lemma_.lower() in ("effigy", "flag", "poster", "picture", "photo", "portrait", "candle")
                       for o in objs):
                    continue  # burning an effigy or a flag is a symbolic act of a peaceful protest
                if any(c.dep_ in ("dobj", "obj", "nsubjpass") and {(k,) for k in token_keys(c)} & self.lex.cues["protester"]
                       for c in tok.children):
                    continue  # "the protesters were attacked by supporters": done to the demonstration, not by it
                if any({(k,) for k in token_keys(d)} & crowd for d in self._doers(tok)):
                    return True
        return False

    def _one_person(self, h: _Hit) -> bool:
        """Whether the act's only doer is one person ("a man", "a youth")."""
        doers = self._doers(h.head)
        return len(doers) == 1 and not doers[0].conjuncts and doers[0].tag_ == "NN" \
            and doers[0].lemma_.lower() in _ONE_PERSON \
            and any(c.dep_ == "det" and c.lower_ in ("a", "an", "one") for c in doers[0].children)

    def _armed_opponent(self, hits: list[_Hit]) -> bool:
        """Whether the sentences name an armed party besides the doers of the violence ("militants attacked
        soldiers", "killed during a police raid"), or the doer is unknown and an armed party is named."""
        armed = self.lex.cues["armed"]
        for h in hits:
            doers = self._doers(h.head)
            if not doers:
                return True
            mine = {t.i for d in doers for t in d.subtree}
            for t in h.head.sent:
                if t.i not in mine and {(k,) for k in token_keys(t)} & armed:
                    return True
        return False

    def _crowd_agent(self, h: _Hit) -> bool:
        """Whether the doer of a violent act is a crowd of people (villagers, a group of men), not an armed group."""
        tok = h.head
        agents = self._doers(tok)
        sides = []
        for c in tok.children:  # "a clash between two groups"
            if c.dep_ == "prep" and c.lower_ in ("between", "among"):
                sides.extend(x for x in c.children if x.dep_ == "pobj")
        if not agents and tok.pos_ == "NOUN" and tok.dep_ in ("nsubj",) and tok.head.lemma_.lower() in ("break", "erupt", "occur", "take"):
            for c in tok.head.children:
                if c.dep_ == "prep" and c.lower_ in ("between", "among"):
                    sides.extend(x for x in c.children if x.dep_ == "pobj")
        if tok.lemma_.lower() in ("clash", "fight", "scuffle") and tok.pos_ == "VERB":
            # "police officers fought with market vendors": both sides are named, subject and "with"
            sides += agents + [x for c in tok.children if c.dep_ == "prep" and c.lower_ == "with"
                               for x in c.children if x.dep_ == "pobj"]
        agents.extend(sides)
        if tok.lemma_.lower() not in _CROWD_ACTS:
            return False  # guns and bombs are an armed group's means, not a crowd's
        crowd = self.lex.cues["crowdagent"]
        armed = self.lex.cues["armed"]
        if sides:
            # "a clash between police and shopkeepers": forces on one side, unorganised people on the other
            # (a named group or a gang on the other side makes it a fight between armed sides)
            parts = list(dict.fromkeys(sides + [x for s in sides for x in s.conjuncts]))
            forces = [p for p in parts if {(k,) for k in token_keys(p)} & _STATE_FORCES]
            if sum(1 for p in parts if p not in forces and any(
                    x.ent_type_ == "NORP" or x.lemma_.lower() in _COMMUNAL for x in p.subtree)) >= 2:
                return False  # "Kanuri individuals clashed with members of the Glavda community": communal militias
            people = [p for p in parts if p.pos_ == "NOUN" and not any(
                          {(k,) for k in token_keys(x)} & (armed | self.lex.cues["weapon"]) or x.lemma_.lower() == "armed"
                          for x in p.subtree)
                      and not any(x.ent_type_ in ("ORG", "NORP", "PERSON") or x.pos_ == "PROPN" for x in p.subtree
                                  if x.i != p.i and x not in parts and x.dep_ not in ("prep", "pobj"))]
            if forces and people and not any(p.ent_type_ in ("ORG", "NORP") or p.pos_ == "PROPN" for p in parts):
                return True
        for a in agents:
            named = [c for c in a.children if c.dep_ in ("compound", "amod") and (c.ent_type_ in ("ORG", "NORP")
                                                                                 or c.pos_ == "PROPN")]
            if a.lemma_.lower() in ("member", "supporter", "worker", "cadre", "activist"):
                named += [x for p in a.children if p.dep_ == "prep" and p.lower_ == "of"
                          for x in p.subtree if x.ent_type_ in ("ORG", "NORP", "PERSON")]
            if named:
                return False  # "members of Ahrar al-Sharqiyah", "BJP workers": a named organisation
            words = [a] + [x for p in a.children if p.dep_ == "prep" and p.lower_ == "of" for x in p.children]
            if any(c.dep_ in ("compound", "amod") and c.ent_type_ == "ORG" for w in words[1:]
                   if w.lemma_.lower() in ("member", "supporter", "worker", "cadre", "activist") for c in w.children):
                return False  # "a group of BJP workers"
            if a.tag_ == "NN" and a.lemma_.lower() in _ONE_PERSON and any(
                    c.dep_ == "det" and c.lower_ in ("a", "an", "one", "the") for c in a.children):
                return False  # "a man threw stones at a nurse": one person is not a crowd
            sub_keys = {(k,) for t in a.subtree for k in token_keys(t)}
            if sub_keys & armed or ("armed",) in sub_keys or ("unknown",) in sub_keys or ("unidentified",) in sub_keys:
                return False
            if any({(k,) for k in token_keys(w)} & crowd for w in words):
                return True
        return False

    def _target_kind(self, hits: list[_Hit], classes: set[str]) -> str | None:
        """'armed' or 'civilian': who the violence was aimed at, from the trigger's objects."""
        cues = self.lex.cues
        armed = cues["armed"]
        civ = cues["civilian"]
        votes = Counter()
        for h in hits:
            tok = h.head
            targets = [c for c in tok.children if c.dep_ in _VICTIM_DEPS]
            for prep in tok.children:
                if prep.dep_ in ("prep", "agent") and prep.lower_ in ("on", "at", "against", "with", "between", "targeting"):
                    targets.extend(c for c in prep.children if c.dep_ == "pobj")
            if tok.dep_ in ("acl", "amod", "relcl") and tok.head.pos_ in ("NOUN", "PROPN"):
                targets.append(tok.head)
            if tok.dep_ in ("oprd", "acomp") and tok.head.pos_ in ("VERB", "AUX"):
                # "a member of the militia was found dead": the one found is the victim
                targets.extend(c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass"))
            if tok.pos_ == "NOUN":
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ in ("on", "against", "at", "with", "between"):
                        targets.extend(x for x in c.children if x.dep_ == "pobj")
            more = []
            for t in targets:
                more.extend(t.conjuncts)
                more.extend(x for x in t.children if x.dep_ in ("compound", "amod", "prep"))
                for p in t.children:
                    if p.dep_ == "prep" and p.lower_ == "of":
                        more.extend(x for x in p.children if x.dep_ == "pobj")
            off = {t.i for t in targets if _off_duty(t) and any(
                {(k,) for k in token_keys(x)} & armed for x in [t, *t.children] if x.i == t.i or x.dep_ == "compound")}
            for t in targets + more:
                keys = {(k,) for k in token_keys(t)}
                if t.i in off:
                    votes["civilian"] += 3  # "a civilian school guard", "a retired army colonel", "an off-duty policeman"
                    continue
                if t.head.i in off and t.dep_ in ("compound", "amod"):
                    continue
                if keys & cues["protester"]:
                    votes["protester"] += 2 if t in targets else 1
                elif keys & armed:
                    votes["armed"] += 2 if t in targets else 1
                elif keys & civ:
                    votes["civilian"] += 2 if t in targets else 1
        if votes:
            return votes.most_common(1)[0][0]
        return None

    def _refine(self, sub: str, main: _Hit, inter1, inter2, actor1, actor2, target: str | None = None,
                gang: bool = False) -> str:
        """Actor codes settle what words alone cannot: who took territory; clash or one-sided attack."""
        if sub in _TERRITORY and inter1:
            return "Government regains territory" if inter1 == 1 else "Non-state actor overtakes territory"
        doers = self._doers(main.head) if sub == "Arrests" else []
        if sub == "Arrests" and inter1 in (2, 3, 4) and doers and not any(
                t.lemma_.lower() in ("police", "policeman", "enforcement", "army", "military", "soldier", "troops")
                for d in doers for t in d.subtree):
            # ACLED: arrests are made by states; a rebel or militia detaining someone abducts them
            return "Abduction/forced disappearance"
        if main.sub in ("*attack", "*kill"):
            armed = {1, 2, 3, 4, 8}
            if sub == "Armed clash" and inter2 == 7 and target != "armed" and not gang:
                return "Attack"
            # (beating or torturing someone is done to a held, unarmed person, whoever they belong to)
            if sub == "Attack" and inter1 in armed and inter2 in armed and actor1 != actor2 and target is None \
                    and main.head.lemma_.lower() not in ("beat", "torture", "stab", "whip", "flog", "slap"):
                return "Armed clash"
        return sub

    # -- fatalities, claims, claimants ----------------------------------------------------------------
    def _fatalities(self, article, deaths: list[DeathReport], war_significant: bool, sub: str,
                    claimant: str | None, hedges: list[str], sents: list | None = None) -> tuple[int, list[Claim]]:
        """ACLED's fatality number for the event and every claimed number behind it."""
        from .fatalities import split_share

        claims: list[Claim] = []
        values: list[int] = []
        for r in deaths:
            value = r.count.value
            if r.count.vague:
                value = WAR_ZONE_VAGUE if war_significant else VAGUE
            values.append(value)
            claims.append(Claim("fatalities", value, low=value, high=value, claimant=claimant, hedges=tuple(hedges),
                                start=r.count.start, end=r.count.end, text=r.count.text, article_id=article.id))
        coded = [r for r in deaths if r.kind == "coded"]
        if coded:
            text = " ".join(s.span.text for s in sents) if sents else ""
            return split_share(coded[-1].count.value, text), claims  # "coded as 10 and split between 3 events"
        if taxonomy.event_type(sub) == "Protests" and sub != "Excessive force against protesters":
            return 0, claims  # a protest has no deaths by definition; deaths nearby are context
        # per sentence: the parts add up; numbers beat vague words
        by_sent: dict[int, list[tuple[DeathReport, int]]] = {}
        for r, v in zip(deaths, values):
            if r.kind in ("deaths", "mixed", "zero"):
                by_sent.setdefault(self._sent_of(sents, r.count.start), []).append((r, v))
        totals: list[tuple[int, bool, str]] = []
        for si, items in sorted(by_sent.items()):
            real = [(r, v) for r, v in items if r.kind == "deaths"]
            if any(not r.count.vague for r, _ in real):
                real = [(r, v) for r, v in real if not r.count.vague]
            # "found dead ... the bodies showed": bodies restate victims already counted
            named = [(r, v) for r, v in real if not r.count.text.lower().startswith(("bod", "corps"))]
            if named and len(real) > 1:
                real = named
            total = sum(v for _, v in real)
            stext = sents[si].span.text.lower() if sents and 0 <= si < len(sents) else ""
            totals.append((total, bool(real) and all(r.count.vague for r, _ in real), stext))
        if not totals:
            total = 0
        else:
            # across sentences a later number restates or refines the toll ("1 fatality."), unless it
            # says it adds to it ("also", "another")
            numbered = [t for t in totals if t[0] and not t[1]] or totals
            total = numbered[0][0]
            for value, vague, stext in numbered[1:]:
                if re.search(r"\b(?:also|another|additional|other|others|more)\b", stext):
                    total += value
                else:
                    total = max(total, value)
        text = " ".join(s.span.text for s in sents) if sents else ""
        total = split_share(total, text)
        if sub == "Suicide bomb" and total and not re.search(r"bomber\s+(?:survived|was\s+(?:arrested|caught|captured))", text, re.I):
            total += 1  # ACLED counts the bomber among the dead
        return total, claims

    @staticmethod
    def _sent_of(sents, char: int) -> int:
        if not sents:
            return 0
        for i, s in enumerate(sents):
            if s.span.start_char <= char < s.span.end_char:
                return i
        return 0

    def _claimant(self, span, head) -> tuple[str | None, tuple[int, int] | None]:
        """Who makes the report: "according to X", "X said/claimed that ...", "X sources"."""
        text = span.text
        m = re.search(r"\baccording to ((?:the )?[^,.;]{2,80}?)(?=,|\.|;| that | who |$)", text, re.I)
        if m:
            s = span.start_char + m.start(1)
            return m.group(1).strip(), (s, s + len(m.group(1).strip()))
        node = head
        while node is not None:
            if node.lemma_.lower() in self.lex.speech and node.i != head.i:
                subj = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
                if subj:
                    toks = list(subj[0].subtree)
                    s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
                    name = span.doc.text[s:e]
                    if subj[0].lower_ not in ("it", "he", "she", "they", "which", "who"):
                        return name, (s, e)
            if node.head.i == node.i:
                break
            node = node.head
        for t in span:
            if t.lower_ in ("sources", "source") and t.dep_ in ("nsubj", "pobj", "nsubjpass"):
                toks = list(t.subtree)
                s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
                return span.doc.text[s:e], (s, e)
        return None, None

    def _hedges(self, text: str) -> list[str]:
        low = text.lower()
        return [h for h in self.lex.hedges if re.search(r"\b" + re.escape(h) + r"\b", low)]

    @staticmethod
    def _tells_where(text: str, sents, places: list[Toponym]) -> bool:
        """Whether the sentences name a place below country level as a place: a placed toponym that NER calls
        a place or that a locative word introduces ("in Tijuana", "a suburb of Stockholm"); with no
        geocoder's places (the coder on its own), any place entity."""
        if not places:
            return any(e.label_ in ("GPE", "LOC", "FAC") for s in sents for e in s.span.ents)
        for s in sents:
            ents = {(e.start_char, e.end_char): e.label_ for e in s.span.ents}
            for p in s.places:
                if p.location is None or p.location.geo_precision is None:
                    continue
                label = next((lab for (a, b), lab in ents.items() if a <= p.start and p.end <= b), None)
                if label in ("GPE", "LOC", "FAC") or _LOCATIVE_BEFORE.search(text, max(s.span.start_char, p.start - 40),
                                                                            p.start):
                    return True
        return False

    def _country(self, article, doc, first: _Sent, places: list[Toponym]) -> str | None:
        """The event's country: its sentence's places, then the article's, then country words, then the
        outlet's home country (a weak prior: a national outlet mostly reports its own country)."""
        from .actors import acled_country, outlet_country

        # "the US dollar rate", "the Lebanese pound": a currency places nothing
        money = [(m.start(), m.end()) for m in _CURRENCY.finditer(article.text)]
        prior = outlet_country(article.outlet)
        for group in (first.places, places):
            found = [p for p in group if p.location is not None and p.location.country
                     and not any(s <= p.start < e for s, e in money)]
            if not found:
                continue
            votes = Counter(acled_country(p.location.country) for p in found)
            if prior:
                # a name the gazetteer knows in several countries ("Tripoli", "Sidon") or matched only
                # loosely does not outvote a national outlet's own country
                votes = Counter(acled_country(p.location.country) for p in found
                                if (p.method != "fuzzy" and p.candidates <= 1)
                                or acled_country(p.location.country) == prior) or Counter({prior: 1})
            return votes.most_common(1)[0][0]
        for scope in (first.span.text, article.text[:3000]):
            scope = _CURRENCY.sub(" ", scope)
            found = Counter()
            for word, country in self._countries:
                n = len(re.findall(r"\b" + re.escape(word) + r"\b", scope))
                if n:
                    found[country] += n
            if found:
                return acled_country(found.most_common(1)[0][0])
        return outlet_country(article.outlet)


# "the US dollar exchange rate" says nothing about where an event is (Lebanese protests against it
# came out as United States protests on the dev file: about 70 rows).
_CURRENCY = re.compile(r"\b[A-Z][\w.]*\s+(?:dollars?|pounds?|lira|liras|euros?|rials?|riyals?|dinars?|rupees?|"
                       r"pesos?|rubles?|roubles?|yuan|hryvnias?|afghanis?)\b")


def _path_up(tok, top) -> list:
    """The tokens from ``tok`` up its heads to ``top`` (both included; all ancestors if ``top`` is not one)."""
    out = [tok]
    for a in tok.ancestors:
        out.append(a)
        if a.i == top.i:
            break
    return out


def _off_duty(tok) -> bool:
    """Whether an armed-sounding person is named as out of service: civilian, former, retired, off duty."""
    mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("amod", "compound")}
    if mods & {"former", "retired", "ex", "off-duty"}:
        return True
    if "civilian" in mods and tok.lemma_.lower() not in ("police", "patrol", "policeman", "force", "defence", "defense"):
        return True  # ("civilian police" is a force's name)
    words = [x.lower_ for x in tok.subtree]
    return any(a == "off" and b in ("duty", "-") for a, b in zip(words, words[1:]))


def _weak(trig: Trigger) -> Trigger:
    from dataclasses import replace

    return replace(trig, strong=False)


def _as_riot(trig: Trigger) -> Trigger:
    from dataclasses import replace

    return replace(trig, sub_event="*riot")


def _family(sub: str) -> str:
    if sub in ("*attack", "*kill"):
        return "violence"
    if sub in ("*protest", "*riot"):
        return "Protests"
    et = taxonomy.event_type(sub)
    return {"Riots": "Protests", "Battles": "violence", "Violence against civilians": "violence",
            "Explosions/Remote violence": "violence"}.get(et, et)


def _nearest(dates: list[DateExpr], idx: int) -> DateExpr | None:
    usable = [d for d in dates if d.value is not None]
    if not usable:
        return dates[0] if dates else None
    before = [d for d in usable if d.start <= idx]
    if before:
        return before[-1] if idx - before[-1].end < 200 else min(usable, key=lambda d: abs(d.start - idx))
    return min(usable, key=lambda d: abs(d.start - idx))


def _nearest_place(places: list[Toponym], idx: int) -> Toponym | None:
    if not places:
        return None
    return min(places, key=lambda p: abs(p.start - idx))


_VERB_PHRASE = {
    "Battles": "clashed with",
    "Violence against civilians": "attacked",
    "Explosions/Remote violence": "struck",
    "Protests": "demonstrated",
    "Riots": "rioted",
    "Strategic developments": "was involved in",
}


def make_notes(event_date: date, precision: int, sub: str, actor1: str | None, actor2: str | None,
               fatalities: int, place: Toponym | None, claimant: str | None, hedges: list[str]) -> str:
    """An ACLED-style one-sentence summary of the coded fields."""
    when = f"{event_date.day} {event_date.strftime('%B %Y')}"
    lead = {1: "On", 2: "Around", 3: "In"}.get(precision or 1, "On")
    if precision == 3:
        when = event_date.strftime("%B %Y")
    a1 = actor1 or "unidentified actors"
    ev = taxonomy.event_type(sub)
    if ev in ("Protests", "Riots"):
        what = f"{a1} took part in a {sub.lower()}"
        if actor2:
            what += f" involving {actor2}"
    elif ev == "Strategic developments":
        what = f"{a1}: {sub.lower()}" + (f" involving {actor2}" if actor2 else "")
    else:
        verb = _VERB_PHRASE[ev]
        what = f"{a1} {verb} {actor2}" if actor2 else f"{a1} carried out a {sub.lower()}"
        if ev == "Explosions/Remote violence" and actor2:
            what = f"{a1} carried out a {sub.lower()} against {actor2}"
    where = ""
    if place is not None:
        admin = place.location.admin1 if place.location is not None else None
        where = f" near {place.text}" + (f" ({admin})" if admin and admin != place.text else "")
    out = f"{lead} {when}, {what}{where}."
    if fatalities:
        out += f" {fatalities} reported fatalit{'y' if fatalities == 1 else 'ies'}."
    if claimant:
        out += f" [claimed by {claimant}" + (f"; {', '.join(hedges)}" if hedges else "") + "]"
    return out


def _country_cues() -> list[tuple[str, str]]:
    """Country names and nationality adjectives -> country, from shipped data files."""
    from importlib import resources

    out: list[tuple[str, str]] = []
    try:
        text = resources.files("strife").joinpath("data", "nationalities.tsv").read_text("utf-8")
        for line in text.splitlines()[1:]:
            if line.startswith("#") or "\t" not in line:
                continue
            adj, country = line.split("\t")[:2]
            if adj != "adjective":
                out.append((adj.strip(), country.strip()))
    except FileNotFoundError:
        pass
    try:
        text = resources.files("strife").joinpath("data", "geonames", "countryInfo.txt").read_text("utf-8")
        for line in text.splitlines():
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) > 4 and cols[4]:
                out.append((cols[4], cols[4]))
    except FileNotFoundError:
        pass
    return out
