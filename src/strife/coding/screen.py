"""The post-coding screen: drops coded mentions that are not events ACLED would code.

Opinion and politics pages mention violence all the time without reporting it: they refer back to an
event ("investigators have yet to find a motive for the attack"), ask ("how many are killed in a year?"),
tell of plans that were foiled, of court business ("plea agreement", "withdrew allegations"), of threats,
natural disasters and diseases ("the outbreak killed four"), of history, of speech ("the tweet attacks
the attorney general"), and of routine police work (immigration and crime arrests).  The coder reads one
sentence at a time for a trigger; this screen reads the parse around the mention's trigger and says why
a mention is not an event.  Every rule is grammatical (a dependency relation between the trigger and a
word of a small class) with the word classes in ``data/screen.tsv``, so that the ACLED notes, which are
all real events told plainly, pass through (measured with ``scripts/screen_eval.py``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError
from ..records import Article, Mention

__all__ = ["screen", "why_not_event", "load_screen_lexicon"]

# An event told as more than this many years before the page was published is history (the 1964 Gulf of
# Tonkin incident, a 2009 shooting recalled in a 2016 indictment), not news: ACLED codes events from the
# reports of their time.  Four years back (a 2014 rally in a 2018 profile) is kept as a dated event.
HISTORY_YEARS = 5
# A year inside the trigger's own clause this many years before the mention's date means the trigger is a
# different, older event than the one the date was taken for ("who killed 13 soldiers in 2009").
PAST_YEARS = 2
# How far up the parse a trigger noun is followed to its governing word ("a motive for the attack",
# "an article ... about the massacre"): three steps cover a prepositional phrase inside an object.
CLIMB = 4

# Sentences either side of an arrest read for the offence: the Kansas City immigration page tells each
# arrest in one sentence and the offence in the next.
ARREST_WINDOW = 1

_DAY_NAME = re.compile(r"^\d{1,2}/\d{1,2}$")
# words spaCy may tag as a named EVENT that are reports, not names ("the attack", "the clashes")
_EVENT_WORDS = {"attack", "clash", "explosion", "protest", "strike", "bombing", "fighting", "battle", "shooting"}
_DECADE = re.compile(r"^(1[0-9]|20)[0-9]0s$")
_AGO = re.compile(r"\b(?:decades|centuries|generations|(\w+|\d+)\s+years)\s+(?:ago|earlier|before)\b", re.I)
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "few": 3, "several": 3, "many": 10, "some": 3, "dozen": 12, "fifteen": 15, "twenty": 20,
          "thirty": 30, "forty": 40, "fifty": 50}
_YEAR = re.compile(r"^(1[0-9]{3}|20[0-9]{2})$")
_TEXT_YEAR = re.compile(r"(?<!\bby )(?<!\buntil )(?<!\btill )(?<!\bbefore )(?<!\bthrough )\b(19[0-9]{2}|20[0-9]{2})\b", re.I)
_PATH = {"pobj", "prep", "dobj", "obj", "compound", "conj", "appos", "nmod", "poss", "pcomp"}
_SUBJ = ("nsubj", "nsubjpass", "csubj")
# ACLED interaction codes of rebels, political militias and identity militias
_ARMED_GROUPS = (2, 3, 4)
_DEMONSTRATION = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters",
                  "Violent demonstration")


@lru_cache(maxsize=1)
def load_screen_lexicon() -> dict[str, frozenset[str]]:
    """The word classes of ``data/screen.tsv`` (kind -> lemmas)."""
    try:
        text = resources.files("strife").joinpath("data", "screen.tsv").read_text("utf-8")
    except FileNotFoundError as exc:  # pragma: no cover - broken install
        raise ConfigError("screen.tsv is missing from the package", code="K103") from exc
    out: dict[str, set[str]] = defaultdict(set)
    header = False
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header:
            header = True
            continue
        kind, _, lemma = line.partition("\t")
        out[kind.strip()].add(lemma.strip().lower())
    return {k: frozenset(v) for k, v in out.items()}


def screen(article: Article, doc, mentions: list[Mention]) -> tuple[list[Mention], Counter]:
    """The mentions that report events, and the drop reasons (``screen_<rule>``) of the others."""
    kept: list[Mention] = []
    dropped: Counter[str] = Counter()
    for m in mentions:
        reason = why_not_event(article, doc, m)
        if reason:
            dropped[f"screen_{reason}"] += 1
        else:
            kept.append(m)
    return kept, dropped


def why_not_event(article: Article, doc, mention: Mention) -> str | None:
    """Why one mention is not an event ACLED would code, or None when it is one."""
    lex = load_screen_lexicon()
    tok = _trigger_token(doc, mention)
    if tok is None:
        return None
    sent = tok.sent
    for rule in (_question, _historical, _natural, _meta, _legal, _unreal, _denied, _threat, _foiled, _routine_arrest,
                 _figurative, _dismissal, _petty_theft, _generic, _lexical, _outcome_list):
        reason = rule(article, mention, tok, sent, lex)
        if reason:
            return reason
    return None


# -- locating the trigger ---------------------------------------------------------------------------
def _trigger_token(doc, mention: Mention):
    span = None
    for e in mention.evidence:
        if e.field == "event_type":
            span = doc.char_span(e.start, e.end, alignment_mode="expand")
            break
    if span is None and mention.trigger:
        idx = doc.text.find(mention.trigger, mention.start, mention.end)
        if idx >= 0:
            span = doc.char_span(idx, idx + len(mention.trigger), alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX")]
    return verbs[0] if verbs else span.root


def _lemma(t) -> str:
    return t.lemma_.lower()


def _keys(t) -> set[str]:
    low = t.lower_
    keys = {t.lemma_.lower(), low}
    if low.endswith("s") and len(low) > 3:
        keys.add(low[:-1])
    return keys


def _in(t, words: frozenset[str]) -> bool:
    return bool(_keys(t) & words)


def _clause(t):
    """The verb heading the clause a token is in (the token itself when it is a verb)."""
    node = t
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX") or node.dep_ == "ROOT":
            return node
        node = node.head
    return node


def _subjects(verb):
    """Subjects of a verb, including one shared from the verb it is coordinated with."""
    node = verb
    for _ in range(4):
        subs = [c for c in node.children if c.dep_ in _SUBJ]
        if subs:
            return subs
        if node.dep_ in ("conj", "xcomp", "advcl", "ccomp", "oprd") and node.head.i != node.i:
            node = node.head
        else:
            break
    return []


def _objects(verb) -> list:
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    for c in verb.children:
        if c.dep_ in ("prep", "prt"):
            objs.extend(x for x in c.children if x.dep_ == "pobj")
    return objs + [c for o in objs for c in o.conjuncts]


def _ancestors(tok, steps: int = CLIMB, deps=_PATH):
    """Words governing ``tok`` through noun-phrase and object relations, nearest first."""
    node = tok
    for _ in range(steps):
        if node.dep_ not in deps or node.head.i == node.i:
            return
        node = node.head
        yield node


# -- the rules ------------------------------------------------------------------------------------
_OUTCOME = r"(?:killed|dead|detained|captured|arrested|taken prisoner|injured|wounded)"
# "hundreds were either killed, detained or injured": one list of what befell the other side, with
# "or" (or its common misspelling "of") joining the last item; ACLED reads it as a casualty summary
_OUTCOME_LIST = re.compile(rf"\b{_OUTCOME}(?:\s*,\s*{_OUTCOME})*\s*,?\s+(?:and/or|or|of)\s+{_OUTCOME}\b", re.I)


def _outcome_list(article, m, tok, sent, lex):
    """An arrest read out of "killed, detained or injured" is the fate of a fight's losers, told as a
    summary: no arrest event of its own (the fight, when reported, is coded from its own words)."""
    if m.sub_event_type not in ("Arrests", "Abduction/forced disappearance"):
        return None
    for hit in _OUTCOME_LIST.finditer(sent.text):
        start = sent.start_char + hit.start()
        # "arrested or detained" is still an arrest: the list must also hold a casualty
        if start <= tok.idx < sent.start_char + hit.end() and re.search(
                r"\b(?:killed|dead|injured|wounded)\b", hit.group(0), re.I):
            return "outcome_list"
    return None


def _question(article, m, tok, sent, lex):
    tail = sent.text.rstrip().rstrip("\"'”’)]»")
    if tail.endswith("?"):
        return "question"  # ACLED notes never ask; pages ask rhetorically ("how many are killed a year?")
    return None


def _count(word: str) -> int:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return _SMALL.get(word, 0)


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _now_year(article, doc) -> int | None:
    """The year the page was written: its publication date, else the latest year it mentions."""
    published = _iso(article.published)
    if published:
        return published.year
    # targets ("by 2030", "until 2050") are not the time of writing
    years = [int(y) for y in _TEXT_YEAR.findall(doc.text)]
    return max(years) if years else None


# words that put a sentence in the news of the day, not in a story told from the past
_RECENT = re.compile(r"\b(?:today|tonight|yesterday|this (?:week|month|year|morning|evening)|last (?:night|week|month)|"
                     r"on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
                     r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|recently|now)\b", re.I)
# a time told as a past century ("in the 19th century", "the twelfth-century Muslim historian"), not a thing
# that dates from one ("a 12th-century minaret") and not this century
_CENTURY_WORD = (r"(?<!twenty[\s\-])(?<!twenty)\b(?:(?:1?\d|20)(?:st|nd|rd|th)|first|second|third|fourth|fifth|"
                 r"sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
                 r"seventeenth|eighteenth|nineteenth|twentieth)[\s\-]+century")
_PAST_CENTURY = re.compile(rf"\bin\s+the\s+(?:(?:early|late|mid)[\s\-]+)?{_CENTURY_WORD}\b|{_CENTURY_WORD}"
                           rf"(?:\s+[A-Z]\w+){{0,2}}\s+(?:historian|chronicler|writer|scholar|poet|account|chronicle|"
                           rf"source)s?\b", re.I)
# sentences of the same paragraph read before an undated one
TOLD_BEFORE = 3


def _told_before(sent, within_paragraph: bool = True) -> list:
    """Up to TOLD_BEFORE sentences before ``sent`` in its paragraph (no blank line between, or the paragraph before
    ends with a colon that opens ``sent``'s quotation: "The historian wrote how they advanced:"); with
    ``within_paragraph`` false, across blank lines too."""
    doc = sent.doc
    out = []
    start = sent.start
    while len(out) < TOLD_BEFORE and start > 0:
        prev = doc[start - 1].sent
        body = prev.text.rstrip()
        if within_paragraph and (not body.strip() or "\n\n" in body.strip() or (
                "\n\n" in doc.text[prev.start_char + len(body):sent.start_char] and not body.endswith(":"))):
            break  # a blank line (or a whitespace "sentence") ends the paragraph, unless a colon opens a quotation
        out.append(prev)
        start = prev.start
        sent = prev
    return out


def _years_in(span) -> list[int]:
    """The years (and decades, "1990s") a span names as dates."""
    return [int(t.text[:4]) for t in span if (_YEAR.match(t.text) or _DECADE.match(t.text))
            and t.ent_type_ in ("DATE", "")]


# a book of the Bible cited by chapter and verse: "(Matthew 5:10)", "1 Kings 18:38-40", "Gal. 2:11"
# (a clock time after a capitalised word is none: "At 10:30", "Around 12:45 pm", "Sunday 9:15")
_SCRIPTURE = re.compile(r"\b(?:[1-3]\s?)?(?!(?:At|Around|About|By|From|Until|Till|Since|Before|After|On|In|To|"
                        r"Between|And|Or|The|Approximately|Roughly|Nearly|Some|Monday|Tuesday|Wednesday|Thursday|"
                        r"Friday|Saturday|Sunday|Time|Score|Ratio|Odds)\b)"
                        r"[A-Z][a-z]{1,12}\.?\s+\d{1,3}:\d{1,3}(?:\s*[-–]\s*\d{1,3})?\b(?!\s*[ap]\.?m\b)")


def _scripture(sent) -> bool:
    """Whether ``sent`` tells scripture: it cites chapter and verse, or the next sentence opens with such a
    citation in brackets, or an undated sentence comes at most TOLD_BEFORE sentences after one that does."""
    if _SCRIPTURE.search(sent.text):
        return True
    doc = sent.doc
    if sent.end < len(doc):
        nxt = doc[sent.end].sent
        if nxt.text.lstrip().startswith("(") and _SCRIPTURE.match(nxt.text.lstrip()[1:]):
            return True
    if any(t.ent_type_ in ("DATE", "TIME") for t in sent):
        return False
    # (across blank lines: pages set verses a line each, and extraction makes each line a paragraph)
    return any(_SCRIPTURE.search(x.text) for x in _told_before(sent, within_paragraph=False))


def _historical(article, m, tok, sent, lex):
    if _scripture(sent):
        return "scripture"  # "the false prophets were killed (1 Kings 18:38-40)"
    when = _iso(m.event_date)
    now = _now_year(article, tok.doc)
    if when and now and when.year <= now - HISTORY_YEARS:
        return "historical"
    # "In 1013, Berbers took Cordoba and began massacring": every year the sentence names is long past
    years = _years_in(sent)
    if years and now and max(years) <= now - HISTORY_YEARS:
        return "historical"
    # "In 1013, Berbers took Cordoba ... Many had been killed.": an undated sentence goes on with the story the
    # paragraph is telling, when the years just before it are all long past and nothing in them is recent
    if now and not years and not any(t.ent_type_ in ("DATE", "TIME") for t in sent) \
            and not _RECENT.search(sent.text):
        told = _told_before(sent)
        if told:
            ys = [y for x in told for y in _years_in(x)]
            if not any(_RECENT.search(x.text) for x in told) and (
                    (ys and max(ys) <= now - HISTORY_YEARS)
                    or (not ys and any(_PAST_CENTURY.search(x.text) for x in told))):
                return "historical"
    if _PAST_CENTURY.search(sent.text) and not _RECENT.search(sent.text):
        return "historical"  # "in the twelfth century the Almohads killed ..."; a "12th-century minaret" stays
    # "at a party decades ago", "twenty years ago"
    ago = _AGO.search(sent.text)
    if ago and (ago.group(1) is None or _count(ago.group(1)) >= HISTORY_YEARS):
        return "historical"
    ref = when or _iso(article.published)
    if ref is None:
        return None
    clause = _clause(tok)
    for t in sent:
        if _YEAR.match(t.text) and t.ent_type_ in ("DATE", "") and t.i != tok.i:
            year = int(t.text)
            if year <= ref.year - PAST_YEARS and (_clause(t).i == clause.i or t.head.i == tok.i
                                                   or any(a.i == tok.i for a in t.ancestors)):
                return "historical"
    return None


def _natural(article, m, tok, sent, lex):
    if m.sub_event_type in _DEMONSTRATION:
        return None  # people protest during an outbreak and about a flood; only violence can have a natural agent
    nat = lex["natural"]

    def natural(t) -> bool:
        # the subject itself or its name words ("Hurricane Maria", "the Ebola outbreak"), not words deeper in
        # it ("officers enforcing coronavirus rules")
        return _in(t, nat) or any(_in(x, nat) for x in t.children if x.dep_ in ("compound", "amod", "appos"))

    clause = _clause(tok)
    subs = _subjects(clause)
    # "homes destroyed" hangs off a noun: the agent is the subject of the verb that noun depends on
    node = clause
    for _ in range(3):
        if subs or node.dep_ in ("ROOT",) or node.head.i == node.i:
            break
        node = _clause(node.head)
        subs = _subjects(node)
    if any(natural(s) for s in subs):
        return "natural"
    # "destroyed by the hurricane", "killed in the earthquake"
    for c in clause.children:
        if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in", "from"):
            if any(x.dep_ == "pobj" and _in(x, nat) for x in c.children):
                return "natural"
    # "After the hurricane ..., it left homes destroyed": a pronoun subject standing for the disaster
    if any(s.lower_ in ("it", "which", "that") for s in subs):
        if any(_in(t, nat) and (t.dep_ == "nsubj" or (t.dep_ == "compound" and t.head.dep_ == "nsubj")) for t in sent):
            return "natural"
    return None


def _meta(article, m, tok, sent, lex):
    if tok.pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ in ("in", "during") and any(
            x.dep_ == "pobj" and x.ent_type_ in ("EVENT", "WORK_OF_ART") and x.pos_ == "PROPN"
            and any(d.dep_ == "det" and d.lower_ == "the" for d in x.children)
            and _lemma(x) not in _EVENT_WORDS for x in c.children)
            for c in tok.children):
        return "reference"  # "killed in the Holocaust": a named, known event, not a report
    if tok.pos_ not in ("NOUN", "PROPN") and not (tok.tag_ == "VBG" and tok.dep_ in ("pobj", "dobj", "compound", "pcomp")):
        return None
    prev = tok
    for node in _ancestors(tok):
        if node.pos_ in ("NOUN", "PROPN") and _lemma(node) in lex["meta_noun"]:
            return "reference"  # "a motive for the attack", "a report on the shooting"
        if node.pos_ == "VERB" and _lemma(node) in lex["meta_verb"] and prev.dep_ in ("dobj", "obj", "prep", "nsubjpass"):
            return "reference"  # "posted an article ... about the massacre" reaches "article" first
        prev = node
    if tok.dep_ == "nsubjpass" and _lemma(tok.head) in lex["meta_verb"]:
        return "reference"  # "the attack was investigated"
    if any(c.dep_ in ("compound", "nummod", "nmod", "amod") and _DAY_NAME.match(c.text) for c in tok.children):
        return "reference"  # "the 9/11 attacks": an event known by its day is history being recalled
    if any(c.dep_ == "det" and c.lower_ in ("the", "that", "this", "these", "those") for c in tok.children) \
            and tok.dep_ in ("pobj", "pcomp"):
        prep = tok.head
        if prep.lower_ in ("following", "after", "since"):
            return "reference"  # "following the mass shooting": the event is the time of something else
        if prep.lower_ in ("in", "during") and prep.head.pos_ == "VERB" and prep.head.dep_ in ("acl", "relcl") \
                and prep.head.head.pos_ in ("NOUN", "PROPN"):
            return "reference"  # "a victim killed in the massacre", "rounds used in the attack"
    # "the narrative surrounding the Las Vegas shooting", "notified police of the Campos shooting": an event
    # named by its place or victim, not the subject of its own clause and with no day of its own, is one
    # already known.  (Without the name, "the clash" is how a note goes on about its own event: measured on
    # the ACLED notes, dropping those raised the no_event rate by 0.005.)
    if tok.pos_ == "NOUN" and tok.dep_ not in _SUBJ and any(c.dep_ == "det" and c.lower_ in ("the", "that", "this")
                                                             for c in tok.children) \
            and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children):
        clause = _clause(tok)
        if not any(t.ent_type_ in ("DATE", "TIME") for t in clause.subtree) and clause.i != tok.i:
            return "reference"
    return None


def _legal(article, m, tok, sent, lex):
    # "plea agreement", "confidentiality deal": court business named with an event word
    if any(c.dep_ in ("compound", "amod") and _in(c, lex["legal_noun"]) for c in tok.children):
        return "legal"
    # "withdrew allegations", "dropped the lawsuit"
    if tok.pos_ == "VERB":
        objs = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
        if objs and all(_in(o, lex["legal_object"]) for o in objs):
            return "legal"
    # "stand trial for the murder", "the case over the shooting"
    for node in _ancestors(tok):
        if node.pos_ in ("NOUN", "PROPN") and _in(node, lex["legal_noun"]):
            return "legal"
    # "is alleged to have beaten her": the content of an allegation
    node = _clause(tok)
    for _ in range(3):
        if node.dep_ in ("xcomp", "ccomp") and node.head.i != node.i:
            node = node.head
            told = tok.doc.char_span(m.start, m.end, alignment_mode="expand") or sent
            if _lemma(node) in lex["legal_verb"] and (_lemma(node) != "allege" or any(
                    _in(t, lex["legal_noun"]) for t in told)):
                # "alleged to have stabbed" is also how monitors hedge a report: only court words make it a case
                return "legal"
        else:
            break
    # "..., according to court documents": the act is told by a filing
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            for x in t.doc[t.i + 1].children:
                if x.dep_ == "pobj" and (_in(x, lex["legal_noun"]) or _in(x, lex["legal_source"]) and any(
                        c.dep_ in ("compound", "amod") and _in(c, lex["legal_noun"]) for c in x.children)):
                    return "legal"
    # "a complaint says ...": the sentence reports a court filing ("complaint", "court documents")
    root = sent.root
    if _lemma(root) in ("say", "state", "allege", "show", "claim", "assert", "contend") and tok.i != root.i \
            and any(a.i == root.i for a in tok.ancestors):
        for subj in root.children:
            if subj.dep_ in _SUBJ and _in(subj, lex["legal_source"]) and (
                    _lemma(subj) in lex["legal_noun"] or _lemma(subj) in ("indictment", "filing", "affidavit")
                    or any(_in(x, lex["legal_noun"]) for x in subj.subtree if x.i != subj.i)):
                return "legal"
    return None


def _unreal(article, m, tok, sent, lex):
    # "potential clashes", "in anticipation of clashes", "fear of an attack": not (yet) happened
    if tok.pos_ == "NOUN" and any(c.dep_ == "amod" and _lemma(c) in lex["unreal_adj"] for c in tok.children):
        return "hypothetical"
    node = tok
    if node.dep_ in ("pobj", "pcomp") and node.head.lower_ in ("of", "for") and _in(node.head.head, lex["unreal_noun"]):
        return "hypothetical"
    # "accusing him of sexual assault", "an anonymous claim of rape": an accusation, not a report; a dated
    # accusation ("On 2 May, police are accused of beating a driver") is how monitors report an abuse
    if node.dep_ in ("pobj", "pcomp") and node.head.lower_ == "of":
        head = node.head.head
        if head.dep_ in ("dobj", "obj") and _in(head.head, lex["accusation"]):
            head = head.head  # "accusing the senator of assault": the parser hangs "of" on the accused
        if _in(head, lex["accusation"]) and not any(t.ent_type_ == "DATE" for t in head.subtree):
            return "accusation"
    return None


def _denied(article, m, tok, sent, lex):
    """ "Neither Arbenz nor any other official had ever attacked the United States", "nobody attacked them": the
    act is denied by its subject."""
    if tok.pos_ != "VERB":
        return None
    for s in _subjects(tok):
        if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in s.children):
            return "negated"
        if s.lower_ in ("nobody", "noone") or (s.lower_ == "one" and any(c.lower_ == "no" for c in s.children)):
            return "negated"
    return None


def _threat(article, m, tok, sent, lex):
    if m.sub_event_type in _DEMONSTRATION:
        return None  # a threat of eviction is what a sit-in is about
    for t in sent:
        if _lemma(t) != "threat" or t.pos_ != "NOUN":
            continue
        if any(c.dep_ == "compound" and _lemma(c) == "death" for c in t.children):
            return "threat"  # "received death threats and people pounded on his door"
        if t.dep_ in ("dobj", "obj") and _lemma(t.head) in lex["threat_verb"]:
            return "threat"
    return None


def _foiled(article, m, tok, sent, lex):
    if m.sub_event_type in ("Disrupted weapons use", "Arrests"):
        return None  # a defused bomb or a cell rounded up is coded by ACLED
    foil = None
    if _lemma(tok) in lex["foil"]:
        foil = tok
    else:
        for a in _ancestors(tok, deps=_PATH | {"nsubjpass", "xcomp", "acl"}):
            if _lemma(a) in lex["foil"]:
                foil = a
                break
    if foil is None:
        return None
    things = [c for c in foil.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if any(_in(x, lex["plan"]) for t in things for x in [t, *t.conjuncts]):
        return "foiled"  # "operations were foiled", "thwarted the plot"
    for c in foil.subtree:
        if c.pos_ == "VERB" and _lemma(c) in lex["tipoff"] and c.i != foil.i:
            return "foiled"  # "foiled after X tipped off Y": stopped by a leak, not by a fight
    return None


def _routine_arrest(article, m, tok, sent, lex):
    if m.sub_event_type != "Arrests":
        return None
    if m.inter1 in _ARMED_GROUPS or m.inter2 in _ARMED_GROUPS + (6,):
        return None  # an armed group that arrests, or militants and protesters arrested, make it political
    doc = tok.doc
    span = doc.char_span(m.start, m.end, alignment_mode="expand") or sent
    if any(_in(t, lex["political"]) for t in span):
        return None
    # the offence is often told in the sentence before or after ("She was arrested Feb. 26. She had been
    # deported twice."), never far away
    sents = list(doc.sents)
    first = next((i for i, s in enumerate(sents) if s.start <= span.start < s.end), 0)
    last = next((i for i, s in enumerate(sents) if s.start < span.end <= s.end), first)
    window = [t for s in sents[max(0, first - ARREST_WINDOW):last + ARREST_WINDOW + 1] for t in s]
    if any(_in(t, lex["routine"]) for t in window) and not any(
            _in(t, lex["political"]) for t in window if t.i < span.start or t.i >= span.end):
        return "routine_arrest"
    return None


# what makes "an attack on <person>" physical: a harm, a weapon or a wound told in the same sentence
_HARM = frozenset("kill wound injure injury shoot shot stab dead die death gun knife bomb grenade explosive rifle "
                  "bullet hospital weapon fire gunman gunmen blast explosion beat beating machete acid rape "
                  "assassinate assassination kidnap abduct casualty fatality injured wounded force fighter militant "
                  "troop soldier army militia rebel police shelling artillery drone airstrike mortar rocket missile "
                  "village town checkpoint position base".split())
# (the military words guard the villages NER tags as people: "an attack on Kafr Nabl by regime forces")
# roles a person is named by ("attacks on the Pope", "the assault on the judge")
_PERSON_ROLES = frozenset("pope judge nominee senator president candidate minister governor mayor bishop "
                          "archbishop cardinal pastor priest journalist reporter".split())


def _verbal_attack(tok, sent) -> bool:
    """ "their relentless assault on Judge Brett Kavanaugh", "attacks on the Pope and the Church": an attack (a noun)
    on a named person or a role, with no harm, weapon or wound in the sentence, is criticism."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in ("attack", "assault", "onslaught"):
        return False
    targets = [x for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "upon")
               for x in c.children if x.dep_ == "pobj"]
    if not targets or not all(x.ent_type_ == "PERSON" or x.lemma_.lower() in _PERSON_ROLES for x in targets):
        return False
    return not any(t.lemma_.lower() in _HARM or t.lower_ in _HARM for t in sent)


_KILL_VERBS = frozenset({"kill", "murder", "slay", "assassinate", "execute", "shoot"})


def _partisan_attack(tok, sent, lex) -> bool:
    """ "Senator X attacked Democrats", "the media really attacked me", "the Left killed comedy": a party, its
    members or the media as the one who attacks or the one attacked, with no harm, weapon or wound told in the
    sentence, is politics."""
    if tok.pos_ != "VERB":
        return False
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    attacked = bool(objs) and all(_in(o, lex["partisan"]) for o in objs)
    if not attacked:
        if not any(_in(x, lex["partisan"]) for x in _subjects(tok)):
            return False
        if _lemma(tok) in _KILL_VERBS and any(o.ent_type_ in ("PERSON", "NORP", "CARDINAL") or o.pos_ in ("PRON", "NUM")
                                              or any(c.dep_ == "nummod" for c in o.children) for o in objs):
            return False  # ("Republicans killed two men" would be a killing; "the media attacked her" is not)
    # (the trigger itself is no harm told: "the Left killed satire")
    return not any(t.lemma_.lower() in _HARM or t.lower_ in _HARM for t in sent if t.i != tok.i)


def _figurative(article, m, tok, sent, lex):
    if m.sub_event_type in _DEMONSTRATION:
        return None  # protesters do oppose policies and decisions
    if _verbal_attack(tok, sent) or _partisan_attack(tok, sent, lex):
        return "figurative"
    if tok.pos_ == "VERB":
        objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        if tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children):
            # a pronoun subject ("it was decapitated") stands for something told before: no figure to read
            objs += [c for c in tok.children if c.dep_ == "nsubjpass" and c.pos_ != "PRON"]
        if objs and all(_in(o, lex["figurative"]) and o.ent_type_ not in ("PERSON", "GPE", "NORP", "ORG") for o in objs):
            return "figurative"  # "attacked the desire for silence", "beat this by a wide margin"
        if any(c.dep_ == "prep" and c.lower_ == "by" and any(_lemma(x) in ("margin", "percent", "point") for x in c.children)
               for c in tok.children):
            return "figurative"
        if not any(c.dep_ in ("dobj", "obj") for c in tok.children):
            # "fought against corruption", "engaged in a number of intelligence activities"
            pobjs = [x for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "against", "on")
                     for x in c.children if x.dep_ == "pobj"]
            things = []
            for x in pobjs:
                if _in(x, lex["aggregate"]):
                    x = next((y for c in x.children if c.dep_ == "prep" and c.lower_ == "of"
                              for y in c.children if y.dep_ == "pobj"), x)
                things.append(x)
            if things and all(_in(x, lex["figurative"]) and x.ent_type_ not in ("PERSON", "GPE", "NORP", "ORG", "LOC", "FAC")
                              for x in things):
                return "figurative"
        if any(s.lemma_.lower() in lex["speech"] for s in _subjects(tok)):
            return "speech"  # "the tweet attacks the attorney general"
    elif tok.pos_ == "NOUN":
        if any(c.dep_ == "amod" and c.lower_ in ("verbal", "rhetorical", "political", "personal", "partisan")
               for c in tok.children):
            return "speech"  # "a verbal attack"
        targets = [x for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "against", "upon")
                   for x in c.children if x.dep_ == "pobj"]
        if targets and all(_in(x, lex["figurative"]) and x.ent_type_ not in ("PERSON", "GPE", "NORP", "ORG")
                           for x in targets):
            return "figurative"  # "the president's attacks on the investigation"
    # "the tweet, along with several others, attacks ...": the subject is a message
    if tok.dep_ in ("conj", "ROOT") and any(_lemma(s) in lex["speech"] for s in _subjects(_clause(tok))):
        return "speech"
    return None


def _dismissal(article, m, tok, sent, lex):
    if _lemma(tok) != "fire" or tok.pos_ != "VERB":
        return None
    if any(_in(t, lex["weapon"]) for t in sent):
        return None
    if any(c.dep_ == "prep" and c.lower_ in ("at", "on", "upon", "into", "towards") for c in tok.children):
        return None
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "from" and any(_in(x, lex["job"]) for x in c.children):
            return "dismissal"  # "fired from his job"
        if c.dep_ in ("dobj", "obj") and (c.pos_ in ("PROPN", "PRON") or c.ent_type_ == "PERSON"):
            return "dismissal"  # "the bar fired Jimenez"
    if any(c.dep_ == "auxpass" for c in tok.children) and any(
            c.dep_ == "nsubjpass" and (c.ent_type_ == "PERSON" or c.pos_ in ("PROPN", "PRON")) for c in tok.children):
        return "dismissal"  # "Jimenez was fired"
    return None


def _petty_theft(article, m, tok, sent, lex):
    if m.sub_event_type != "Looting/property destruction" or _lemma(tok) not in ("steal", "stolen", "rob", "swipe"):
        return None
    things = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if tok.dep_ in ("oprd", "ccomp", "xcomp") and not things:
        things = [c for c in tok.children if c.dep_ == "nsubj"]  # "having his hat stolen"
    if tok.dep_ in ("amod", "acl") and not things:
        things = [tok.head]  # "the stolen laptops"
    if things and all(_in(t, lex["stolen_thing"]) for t in things):
        return "petty_theft"
    return None


def _generic(article, m, tok, sent, lex):
    # "which emit a flare when fired": a subjectless participle after "when" is what happens in general
    if tok.tag_ in ("VBN", "VBG", "VBD") and any(c.dep_ in ("mark", "advmod") and c.lower_ in lex["subordinator"]
                                          for c in tok.children) and not any(c.dep_ in _SUBJ for c in tok.children):
        return "generic"
    # "when supporters have fought back, ...": a present or present-perfect "when" clause tells what happens
    # again and again; reports of one event are in the past tense
    if tok.pos_ == "VERB" and any(c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "whenever") for c in tok.children) \
            and (tok.tag_ in ("VBP", "VBZ") or any(c.dep_ == "aux" and c.lower_ in ("have", "has") for c in tok.children)):
        return "generic"
    # "Had he fired these rounds, ...": an inverted conditional, a thing that did not happen
    clause = _clause(tok)
    for c in clause.children:
        if c.dep_ == "aux" and c.lower_ in ("had", "were", "should") and clause.dep_ == "advcl" and any(
                s.dep_ in _SUBJ and s.i > c.i for s in clause.children) and c.i == min(x.i for x in clause.subtree):
            return "hypothetical"
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and not any(c.dep_ in ("det", "poss", "nummod") for c in tok.children):
        verb = tok.head.head
        if verb.pos_ == "VERB" and any(c.dep_ in ("dobj", "obj", "nsubj") and _in(c, lex["aggregate"])
                                       for c in verb.children):
            return "generic"  # "drove up the death toll from murder"
    # "the rising death toll from murder", "stabbing sprees": a bare event noun under a tally word
    # (a finite verb under "a number of citizens protested" tells who acted, not how often)
    if (tok.pos_ == "NOUN" or tok.tag_ == "VBG") and not any(c.dep_ in ("det", "poss") for c in tok.children):
        for node in _ancestors(tok, deps=_PATH | {"acl", "amod"} if tok.tag_ == "VBG" else _PATH):
            if node.pos_ == "NOUN" and _in(node, lex["aggregate"]):
                return "generic"
    return None


def _lexical(article, m, tok, sent, lex):
    if tok.lower_ == "mine" and (tok.pos_ == "PRON" or (tok.dep_ == "pobj" and tok.head.lower_ == "of")):
        return "lexical"  # "a memo of mine"
    return None
