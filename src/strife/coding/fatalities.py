"""Fatality counts by ACLED's rules, read from the dependency parse.

- only reported deaths; "killed or injured" / "casualties" with no split: 0;
- a vague plural ("several", "many", "a number of"): 3 (10 when a major attack hits a place at
  war); "dozens" 12, "hundreds" 100, "tens" 10;
- parts are summed ("2 soldiers and 3 civilians were killed"; "6 killed by fire and 3 by IEDs");
- conflicting claims by different claimants: the lowest; every claim is kept as a ``Claim``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Count", "number_value", "DeathReport", "death_reports", "VAGUE", "WAR_ZONE_VAGUE"]

VAGUE = 3  # ACLED: "several", "many", plural "fatalities" without a number
WAR_ZONE_VAGUE = 10  # ACLED: the same, when a major attack hits a place at war

_WORDS = {
    "zero": 0, "no": 0, "none": 0, "a": 1, "an": 1, "one": 1, "single": 1, "lone": 1, "two": 2, "both": 2, "pair": 2,
    "couple": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "dozen": 12,
}
# ACLED's fixed readings of vague quantities (ACLED.md, Fatalities)
_FIXED = {"dozens": 12, "hundreds": 100, "tens": 10, "scores": 20, "thousands": 1000}
_VAGUE_WORDS = {"several", "many", "few", "some", "numerous", "multiple", "various", "number", "unspecified",
                "unknown", "countless", "more", "other", "plural"}
DEATH_LEMMAS = {"drown", "kill", "die", "dead", "death", "murder", "assassinate", "execute", "behead", "lynch", "slay",
                "massacre", "fatality", "martyr", "martyrdom", "life", "body", "corpse", "slaughter", "perish"}
_ILLNESS = {"coronavirus", "covid", "covid-19", "virus", "disease", "illness", "natural", "cancer", "hunger",
            "starvation", "pandemic", "epidemic", "cholera", "heart", "accident", "drowning", "infection"}
# court words: deaths named as the matter of a charge, trial or verdict ("charged with killing", "17 counts
# of murder") are a case about an act, not a report of its toll
LEGAL = {"charge", "convict", "conviction", "acquit", "acquittal", "indict", "indictment", "count", "trial", "verdict",
         "guilty", "prosecute", "prosecution", "plead", "sentence"}
# heads of "for/over/against the death of ...": what a protest is about
_GRIEVANCE = {"justice", "demand", "protest", "demonstrate", "demonstration", "rally", "march", "anger", "outrage",
              "condemn", "denounce", "compensation", "investigation", "accountability"}
_HURT = {"injure", "wound", "injury", "hurt"}
# verbs that "fatally"/"mortally" make a killing
_FATALLY_VERBS = {"shoot", "wound", "stab", "injure", "beat", "hit", "strike", "hurt", "burn", "gun"}
_INJURY = {"injure", "wound", "injury", "hurt", "detain", "capture", "arrest", "abduct", "kidnap", "missing"}
# ACLED's own notes state the coded number, sometimes misspelt ("Unclear fatalites coded as 10")
_CODED = re.compile(r"fatal\w{0,6}\s+(?:were\s+|was\s+|are\s+|is\s+|have\s+been\s+)?coded\s+as\s+(\d+)", re.I)
# a verbless tally closing a report ("... the village. 2 fatalities and 1 injured."): the reporter's own
# summary of the toll, restating (not adding to) the deaths told before it
_SUMMARY = re.compile(r"(?:^|(?<=[.;\]])\s*)(\d+)\s+fatalit(?:y|ies)\b(?=\s*(?:$|[.;,(\[]|and\s+\d+\s+(?:injur|wound)))", re.I)
_ZERO = re.compile(
    r"\b(?:no|neither|nor|without)\s+(?:reported\s+|reports?\s+(?:of|on)\s+)?(?:casualties|fatalities|deaths|one\s+(?:was|were)\s+(?:killed|hurt|injured)|"
    r"injuries\s+or\s+fatalities|fatalities\s+(?:or|nor)\s+injuries|fatalities\s+were\s+reported|loss(?:es)?\s+of\s+life|lives\s+lost|killed)\b", re.I)


def number_value(text: str) -> int | None:
    """"12" -> 12; "twelve" -> 12; "1,240" -> 1240; "two hundred" -> 200; else None."""
    t = text.strip().lower().replace(",", "")
    if t.isdigit():
        return int(t)
    try:
        return int(float(t))
    except ValueError:
        pass
    parts = re.split(r"[\s-]+", t)
    total, current = 0, 0
    for p in parts:
        if p in ("and",):
            continue
        if p not in _WORDS:
            return None
        v = _WORDS[p]
        if v in (100, 1000):
            current = max(current, 1) * v
            if v == 1000:
                total, current = total + current, 0
        else:
            current += v
    return total + current


@dataclass(frozen=True, slots=True)
class Count:
    value: int
    vague: bool  # no number given: the ACLED vague rule decides (3 or 10)
    start: int
    end: int
    text: str


def _token_count(tok) -> int | None:
    if tok.lower_ in _FIXED:
        return _FIXED[tok.lower_]
    if tok.like_num or tok.lower_ in _WORDS:
        v = number_value(tok.text)
        if v is None and tok.lower_ in _WORDS:
            v = _WORDS[tok.lower_]
        return v
    return None


def noun_count(noun) -> Count | None:
    """How many the noun phrase headed by ``noun`` names ("12 Taliban militants" -> 12)."""
    doc = noun.doc
    if noun.lower_ in _FIXED:
        return Count(_FIXED[noun.lower_], False, noun.idx, noun.idx + len(noun), noun.text)
    if noun.like_num:  # "3 were killed", "killing 4"
        v = _token_count(noun)
        if v is not None:
            # "2 million" etc. are never one event's toll but keep the number (statistics decide)
            return Count(v, False, noun.idx, noun.idx + len(noun), noun.text)
    nums = [c for c in noun.children if c.dep_ in ("nummod", "quantmod") or (c.dep_ == "det" and c.lower_ in _WORDS)]
    for comp in noun.children:  # "5 IS militants": the number hangs on the compound
        if comp.dep_ == "compound" and comp.i < noun.i:
            nums.extend(c for c in comp.children if c.dep_ == "nummod" and c.i < comp.i)
    for c in nums:
        if c.lower_ in ("no", "zero", "none"):
            return Count(0, False, c.idx, noun.idx + len(noun), doc.text[c.idx:noun.idx + len(noun)])
        # a number may be split over tokens ("two hundred"): take the subtree of the numeral
        toks = [t for t in c.subtree if t.like_num or t.lower_ in _WORDS or t.lower_ in _FIXED]
        vals = [_token_count(t) for t in toks]
        vals = [v for v in vals if v is not None]
        if not vals:
            continue
        span_text = doc.text[min(t.idx for t in toks):max(t.idx + len(t) for t in toks)]
        v = number_value(span_text)
        if v is None:
            v = min(vals)  # "5-7 policemen": ACLED takes the lowest reported number
        if c.dep_ == "det" and c.lower_ in ("a", "an") and noun.tag_ in ("NNS", "NNPS"):
            continue  # "a number of fighters", "a few"
        return Count(v, False, c.idx, noun.idx + len(noun), doc.text[c.idx:noun.idx + len(noun)])
    # "dozens of civilians": the quantity is the head, the people hang below "of"
    for c in noun.children:
        if c.lower_ in _VAGUE_WORDS and c.dep_ in ("amod", "det", "advmod", "nummod"):
            return Count(VAGUE, True, c.idx, noun.idx + len(noun), doc.text[c.idx:noun.idx + len(noun)])
    if noun.lower_ in _VAGUE_WORDS or noun.lower_ == "number":
        return Count(VAGUE, True, noun.idx, noun.idx + len(noun), noun.text)
    if noun.tag_ in ("NNS", "NNPS") or noun.lower_ in ("people", "fighters", "forces", "troops", "police"):
        # "56 BH/IS fighters": a number opening the noun phrase whose link the parser lost to a slash or name
        first = noun.left_edge
        if first.i < noun.i and first.like_num and first.ent_type_ not in ("DATE", "TIME", "PERCENT", "MONEY") \
                and not re.fullmatch(r"(?:19|20)\d\d", first.text):
            v = _token_count(first)
            if v is not None:
                return Count(v, False, first.idx, noun.idx + len(noun), doc.text[first.idx:noun.idx + len(noun)])
        return Count(VAGUE, True, noun.idx, noun.idx + len(noun), noun.text)
    if noun.pos_ in ("NOUN", "PROPN", "PRON"):
        if noun.lower_ in ("they", "them", "those", "these", "others"):
            return Count(VAGUE, True, noun.idx, noun.idx + len(noun), noun.text)
        if noun.lower_ in ("who", "which", "that"):
            return None
        return Count(1, False, noun.idx, noun.idx + len(noun), noun.text)
    return None


def _victims(tok, lemma: str | None = None) -> list:
    """The noun(s) naming who died, for a death word ``tok``."""
    lemma = lemma or tok.lemma_.lower()
    out = []
    if lemma in ("kill", "murder", "assassinate", "execute", "behead", "lynch", "slay", "massacre", "slaughter", "martyr"):
        for c in tok.children:
            if c.dep_ in ("dobj", "nsubjpass", "obj"):
                out.append(c)
        subj = [c for c in out if c.dep_ == "nsubjpass"]
        if len(subj) > 1:
            # two subjects is a misparse ("in Recife, Pernambuco, a trader was killed"): the one next to the verb
            out = [c for c in out if c.dep_ != "nsubjpass" or c is subj[-1]]
        if not out and tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN", "NUM"):
            out.append(tok.head)  # "3 people killed in ..." read as a reduced relative clause
        if not out:
            for c in tok.children:
                # "Two soldiers killed": a headline-style passive without "were"
                if c.dep_ == "nsubj" and (c.like_num or c.lower_ in _FIXED or any(
                        x.dep_ == "nummod" for x in c.children)):
                    out.append(c)
        if not out and tok.dep_ == "conj" and tok.head.lemma_.lower() not in _HURT:
            out.extend(_victims(tok.head, "kill"))
    elif lemma in ("die", "perish", "drown"):
        out = [c for c in tok.children if c.dep_ in ("nsubj",)]
        if not out and tok.dep_ == "conj":  # "a suspect was shot and died": the subject is on the first verb
            out = [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    elif lemma == "dead":
        if tok.dep_ in ("amod",) and tok.head.pos_ in ("NOUN", "PROPN"):
            out = [tok.head]
        elif tok.dep_ in ("oprd", "acomp", "ccomp", "xcomp", "advcl", "conj"):
            h = tok.head
            out = [c for c in h.children if c.dep_ in ("dobj", "nsubjpass") and c.i != tok.i]
            if not out and h.lemma_.lower() not in ("shoot", "beat", "stab", "hack", "leave"):
                out = [c for c in h.children if c.dep_ == "nsubj" and c.i != tok.i]  # "two men lay dead"
        objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        if objs:
            out += objs  # "gunmen shot dead a civilian": the one shot, never the gunmen
        else:
            out += [c for c in tok.children if c.dep_ in ("nummod", "npadvmod", "nsubj") and (c.like_num or c.pos_ in ("NOUN",))]
        if not out and tok.i > 0 and tok.doc[tok.i - 1].like_num:
            out = [tok.doc[tok.i - 1]]
        if tok.pos_ == "NOUN" or (not out and tok.dep_ in ("ROOT", "nsubj", "dobj", "conj")):
            out = out or [tok]
    elif lemma in ("death", "fatality", "life", "body", "corpse"):
        out = [tok]
        h = tok.head
        if lemma in ("death", "fatality") and tok.dep_ == "conj" and h.pos_ == "NOUN" and h.i < tok.i \
                and h.lemma_.lower() not in _INJURY and any(c.dep_ == "nummod" for c in h.children):
            out.insert(0, h)  # "25 ADF fighters and 6 military fatalities": both numbers are deaths
    elif lemma == "killing":
        # "the killing of 1 militant"
        out = [x for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for x in p.children if x.dep_ == "pobj"]
    out = [v for v in out if v.lemma_.lower() not in _ANIMALS]  # "killed 15 livestock"
    # a date or a place is never who died: the parser took "Around 27 April, in X, a man was found dead"
    # with "April" as the subject
    out = [v for v in out if v.ent_type_ not in _NOT_VICTIM_ENTS]
    if not out and lemma in _KILL_WORDS:
        if lemma == "dead" or tok.lemma_.lower() == "shoot":
            # "shot dead an IDP civilian": the object of the shooting
            out = [c for c in tok.children if c.dep_ in ("dobj", "obj") and c.ent_type_ not in _NOT_VICTIM_ENTS]
        if not out and tok.dep_ != "conj":
            # "killed and mutilated the body of a man": the object shared with the coordinated verb
            for c in tok.children:
                if c.dep_ == "conj" and c.pos_ == "VERB":
                    objs = [x for x in c.children if x.dep_ in ("dobj", "obj")]
                    for o in objs:
                        inner = [y for p in o.children if p.dep_ == "prep" and p.lower_ == "of" for y in p.children
                                 if y.dep_ == "pobj"] if o.lemma_.lower() in ("body", "corpse") else []
                        out.extend(inner or [o])
        if not out:
            # "a drug trafficker was killed", "resulting in 1 soldier killed": the noun right before the
            # participle (and its auxiliaries) when the parser hung it elsewhere
            verb = tok.head if lemma == "dead" and tok.dep_ in ("oprd", "acomp", "xcomp") else tok
            left = _left_noun(verb)
            if left is not None:
                out = [left]
    # conjoined victims: "2 soldiers and 3 civilians"
    more = []
    for v in out:
        for c in v.conjuncts:
            # "2 soldiers and 3 civilians" adds up; "a scholar and teacher" is one person described twice
            if c.i > v.i and c.pos_ in ("NOUN", "PROPN", "NUM") and (c.like_num or any(
                    x.dep_ in ("nummod", "det") for x in c.children) or c.lower_ in _FIXED):
                more.append(c)
    seen = {v.i for v in out}
    return out + [c for c in more if c.i not in seen and not seen.add(c.i)]


_ANIMALS = {"livestock", "cattle", "cow", "goat", "sheep", "camel", "animal", "dog", "horse", "donkey",
            "chicken", "pig", "ox", "bull"}
_NOT_VICTIM_ENTS = {"DATE", "TIME", "GPE", "LOC", "FAC", "MONEY", "PERCENT"}
_KILL_WORDS = {"kill", "murder", "assassinate", "execute", "behead", "lynch", "slay", "massacre", "slaughter", "dead"}


def _left_noun(verb):
    """The noun just before a participle and its auxiliaries ("a man was found"), or None."""
    doc = verb.doc
    j = verb.i - 1
    while j >= verb.sent.start and doc[j].dep_ in ("auxpass", "aux", "advmod", "neg"):
        j -= 1
    if j < verb.sent.start or j == verb.i - 1 and verb.tag_ != "VBN":
        return None  # an active verb's left neighbour is its subject, the killer
    t = doc[j]
    if t.pos_ in ("NOUN", "PROPN", "PRON") and t.ent_type_ not in _NOT_VICTIM_ENTS and t.lower_ not in ("who", "which", "that"):
        return t
    return None


def _injury_pair(tok) -> bool:
    """"killed or injured", "killed, detained or injured", "killing and injuring N": one group, no split of deaths."""
    if any(c.dep_ == "preconj" for c in tok.children) or (tok.i > 0 and tok.doc[tok.i - 1].lower_ == "either"):
        return True
    # "killed, injured or captured" read with the parser's help or not: a list of fates joined by "or"
    doc = tok.doc
    words, j, disjunct = [], tok.i + 1, False
    while j + 1 < len(doc) and doc[j].lower_ in (",", "or", "and/or") and doc[j + 1].pos_ in ("VERB", "ADJ", "NOUN"):
        disjunct = disjunct or doc[j].lower_ != ","
        words.append(doc[j + 1])
        j += 2
    if disjunct and any(w.lemma_.lower() in _INJURY for w in words):
        return True
    hurt = [c for c in tok.conjuncts if c.lemma_.lower() in _HURT]
    if not hurt:
        return False

    def own(x, depth: int = 0, inherit: bool = True) -> bool:
        # its own subject or object; a reduced relative ("1 soldier injured") has its noun; the second verb of
        # "was shot and killed" shares the first one's subject; "the killing of 1 militant" has its "of"
        if any(ch.dep_ in ("nsubj", "nsubjpass", "dobj") for ch in x.children):
            return True
        if x.dep_ in ("acl", "amod", "relcl") and x.head.pos_ in ("NOUN", "PROPN", "NUM"):
            return True
        if x.pos_ == "NOUN" and any(ch.dep_ == "prep" and ch.lower_ == "of" for ch in x.children):
            return True
        return (inherit and depth < 3 and x.dep_ == "conj" and x.head.lemma_.lower() not in _HURT | DEATH_LEMMAS
                and x.head.i != x.i and own(x.head, depth + 1))

    # "one man died and two were injured", "killing 2 and wounding 6": separate statements
    # ("were killed and wounded": the wounding shares the killing's subject, so it is one lump)
    return any(not (own(c, inherit=False) and own(tok)) for c in hurt)


@dataclass(frozen=True, slots=True)
class DeathReport:
    count: Count
    token_i: int  # the death word
    kind: str  # "deaths" | "zero" | "coded" | "mixed" (killed-or-injured: 0)


def death_reports(sent, lemmas: list[str] | None = None) -> list[DeathReport]:
    """Every statement of deaths in a spaCy sentence span."""
    doc = sent.doc
    out: list[DeathReport] = []
    text = sent.text
    for m in list(_CODED.finditer(text)) + list(_SUMMARY.finditer(text)):
        s = sent.start_char + m.start()
        out.append(DeathReport(Count(int(m.group(1)), False, s, sent.start_char + m.end(), m.group(0)), -1, "coded"))
    zero_spans = []
    for m in _ZERO.finditer(text):
        s = sent.start_char + m.start()
        zero_spans.append((s, sent.start_char + m.end()))
        out.append(DeathReport(Count(0, False, s, sent.start_char + m.end(), m.group(0)), -1, "zero"))
    seen_victims: set[int] = set()
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma == "shoot" and any(c.lower_ == "dead" for c in tok.children):
            lemma = "kill"
        if lemma in _FATALLY_VERBS and any(c.lower_ in ("fatally", "mortally") for c in tok.children):
            lemma = "kill"  # "two officers were fatally shot", "mortally wounded"
        if tok.pos_ == "NOUN" and tok.lower_ in ("killing", "killings") and any(
                c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            lemma = "killing"  # "led to the killing of 1 militant"
        if lemma not in DEATH_LEMMAS and lemma != "killing":
            continue
        if any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in _ANIMALS for c in tok.children):
            continue  # "killed 15 livestock"
        if any(s <= tok.idx < e for s, e in zero_spans):
            continue
        if lemma == "life" and not any(a.lemma_.lower() in ("claim", "lose", "take", "cost") for a in [tok.head]):
            continue
        if lemma in ("body", "corpse") and not any(w in text.lower() for w in ("found", "recovered", "discovered")):
            continue
        if lemma == "dead" and tok.head.lemma_.lower() == "shoot":
            continue  # counted on the verb
        if lemma == "death" and tok.head.lemma_.lower() in ("sentence", "threat"):
            continue
        if any(a.lemma_.lower() in LEGAL and not (a.lemma_.lower() == "count" and lemma in ("death", "fatality"))
               for a in list(tok.ancestors)[:3]):
            continue  # ("the death count" is a toll)
        if lemma in ("death", "killing", "murder") and tok.head.dep_ == "prep" and tok.head.head.lemma_.lower() in _GRIEVANCE:
            continue  # "demanding justice for the death of ...": the grievance of a protest, not its toll
        if lemma in ("death", "fatality", "die") and any(
                t.lower_ in _ILLNESS for t in list(tok.children) + list(tok.subtree) + [tok.head]):
            continue  # deaths from illness are not conflict deaths
        if any(c.dep_ == "neg" for c in tok.children):
            out.append(DeathReport(Count(0, False, tok.idx, tok.idx + len(tok), tok.text), tok.i, "zero"))
            continue
        if lemma in ("death", "fatality") and tok.head.pos_ == "ADP" and tok.head.head.lemma_.lower() == "number" and any(
                c.dep_ == "neg" or c.lower_ in ("unknown", "unclear", "unidentified") for c in tok.head.head.head.children):
            continue
        if any(c.dep_ == "neg" for c in tok.head.children) and lemma in ("death", "fatality"):
            continue  # "the number of fatalities could not be identified"
        mixed = _injury_pair(tok)
        victims = [v for v in _victims(tok, lemma) if v.i not in seen_victims]
        # "officers Anthony Morelli, 54, and Eric Joering, 39, were killed": each named person joined to a named
        # victim is one more
        victims += [c for v in list(victims) if v.pos_ == "PROPN" and v.ent_type_ == "PERSON"
                    for c in v.children if c.dep_ == "conj" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON"
                    and c.i not in seen_victims]
        counts = []
        for v in victims:
            seen_victims.add(v.i)
            if v.lower_ in ("no", "none", "nobody") or any(c.lower_ in ("no",) and c.dep_ == "det" for c in v.children):
                counts.append(Count(0, False, v.idx, v.idx + len(v), v.text))
                continue
            target = v
            # "dozens of people", "a number of fighters": the count is the head, people are below "of"
            c = noun_count(target)
            if c is not None:
                counts.append(c)
        if not counts:
            if lemma in ("kill", "die", "dead", "murder", "assassinate", "execute", "behead", "lynch", "massacre"):
                counts = [Count(VAGUE, True, tok.idx, tok.idx + len(tok), tok.text)]
            else:
                continue
        if any(not c.vague for c in counts):
            counts = [c for c in counts if not c.vague]  # "seven soldiers and alleged mercenaries": the number
        total = sum(c.value for c in counts)
        vague = all(c.vague for c in counts)
        start = min([c.start for c in counts] + [tok.idx])
        end = max([c.end for c in counts] + [tok.idx + len(tok)])
        count = Count(0 if mixed else total, vague and not mixed, start, end, doc.text[start:end])
        out.append(DeathReport(count, tok.i, "mixed" if mixed else "deaths"))
        # "6 killed by fire and 3 by IEDs": a bare number conjoined to the death verb
        for c in tok.children:
            if c.dep_ == "conj" and c.like_num and c.i not in seen_victims and not (
                    c.i + 1 < len(doc) and (doc[c.i + 1].lemma_.lower() in _INJURY
                                            or doc[c.i + 1].lower_ in ("injured", "wounded", "hurt"))):
                # ("left 59 dead and over 500 injured": the number after "and" counts the injured)
                v = _token_count(c)
                if v is not None and not mixed:
                    seen_victims.add(c.i)
                    out.append(DeathReport(Count(v, False, c.idx, c.idx + len(c), c.text), tok.i, "deaths"))
    return out


# "fatalities split between 2 events", "[1 fatality split among 12 events]", "coded as 10 and split up between
# 3 events", "spread across two locations"
SPLIT = re.compile(
    r"(?:split|divided|spread)\s+(?:up\s+|evenly\s+)?(?:between|across|over|among|amongst|into)\s+(?:the\s+)?"
    r"(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?:separate\s+)?(?:events|days|locations|places|frontlines|fronts|areas|villages|districts|incidents)"
    r"(?:\s*\((\d+)\))?", re.I)


def split_share(total: int, text: str) -> int:
    """A toll over several days/events is divided across them (ACLED).  ACLED gives the remainder to the
    first of them, which one report cannot tell apart from the rest: every part but one gets the even share,
    so that is the likeliest value for any one of them ("1 fatality split among 12 events" -> 0)."""
    m = SPLIT.search(text)
    if not m:
        return total
    if m.group(2):
        return int(m.group(2))  # the share is stated
    n = number_value(m.group(1)) or 1
    return total // n
