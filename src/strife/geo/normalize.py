"""Place-name normalisation shared by the gazetteer builder and the text matcher.

A name and a stretch of text match when their *keys* are equal.  A key is built token by token so
that the usual spelling variants of Arabic (and other) transliterations meet:

- diacritics and scripts folded to ASCII (unidecode), lower case;
- ayn/hamza marks and apostrophes dropped (``‘Ayn ‘Īsá`` = ``Ayn Isa``);
- the article (al-, el-, as-, ash-, ad-, ar-, an-, at-, az-, ...) dropped (``al-Jawf`` = ``Jawf``);
- word-initial ``dh`` → ``th`` (``Dhi Qar`` = ``Thi-Qar``) and ``qua`` → ``qa`` (``Quamishli`` = ``Qamishli``);
- "wa"/"va" (and) dropped, Persian ezafe (e, i, ye) unified (``Dand Wa Patan`` = ``Dand Patan``,
  ``Pul-e Alam`` = ``Pul I Alam``);
- doubled letters collapsed (``Issa`` = ``Isa``), ``ou`` → ``u``, ``ee`` → ``i``, final ``ah``/``eh`` → ``a``;
- the diphthong ``ai``/``ei``/``ey`` before a consonant → ``ay`` in words of five letters or more
  (``Qaryatain`` = ``Qaryatayn``, ``Hussein`` = ``Husayn``);
- word variants unified: Ayn/Ain/Ein, Kafr/Kfar/Kafar, Tal/Tall/Tell, Deir/Dayr/Dair, Jabal/Jebel,
  Abu/Albu/Bu (``Abu Kamal`` = ``Albu Kamal`` = ``Al Bukamal``).

Text is tokenised with offsets kept, so a key match maps back to characters of ``Article.text``.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

__all__ = ["Token", "tokenize", "token_key", "name_key", "skeleton", "ARTICLES", "CONNECTORS", "RUN_RE",
           "run_fragments"]

# Apostrophe-like marks used for ayn and hamza in transliterations.
_MARKS = "'’‘ʿʾ`´ʻʼ"
_TOKEN_RE = re.compile(rf"(?:[A-Z]\.){{2,}}|[{_MARKS}]?[^\W\d_](?:[^\W_]|[{_MARKS}](?=[^\W\d_]))*[{_MARKS}]?")

ARTICLES = frozenset(
    "al el il ul as es ash esh ad ed adh ar er an en at et ath az ez ud ed".split()
)
# Lower-case words allowed inside a multi-word place name ("Khabb wa ash Sha'af", "Rio de Janeiro").
CONNECTORS = frozenset(
    "wa w de da do dos das di del della la le les los las du des von van der den of and y i e et "
    "sur sous upon on am an bin ibn bint the a à au aux op aan ter ten zu zum im imeni".split()
) | ARTICLES  # every article: "Dar es Salaam", "Ras en Naqoura"; Russian "imeni" (named after)

# "and" inside Arabic and Persian names is written wa / va or left out ("Dand Wa Patan" = "Dand Patan",
# "Tarnak Wa Jaldak"); Persian ezafe as -e-, -i-, -ye- ("Pul-e Alam" = "Pul I Alam", "Dara-ye Suf").
_AND_WORDS = frozenset({"wa", "va"})
_EZAFE = frozenset({"i", "ye", "yi", "e"})
_WORD_MAP = {
    "ain": "ayn", "ein": "ayn", "ayin": "ayn", "ayoun": "ayun", "uyun": "ayun",
    "tall": "tal", "tel": "tal", "tell": "tal", "til": "tal",
    "deir": "dayr", "dair": "dayr", "der": "dayr", "dir": "dayr",
    "jebel": "jabal", "jabel": "jabal", "jbel": "jabal", "jebal": "jabal", "jibal": "jabal",
    "sheikh": "shaykh", "sheik": "shaykh", "shaikh": "shaykh", "shekh": "shaykh", "shiekh": "shaykh",
    "abu": "bu", "albu": "bu", "abou": "bu", "abo": "bu",
    "kafr": "kfr", "kfar": "kfr", "kafar": "kfr", "kefr": "kfr", "kfer": "kfr",
    "umm": "um", "om": "um", "oum": "um",
    "mount": "mt", "saint": "st", "sainte": "ste", "fort": "ft",
}
_PREFIX_MAP = (("kafar", "kfr"), ("kafr", "kfr"), ("kfar", "kfr"), ("kefr", "kfr"), ("kfr", "kfr"),
               ("albu", "bu"))


# A capitalised run: capitalised words joined by spaces/hyphens and the lower-case connectors names
# contain ("Khabb wa ash Sha'af", "Rio de Janeiro").  Names start with a capital, so the matcher only
# looks inside these runs (a fifth of news text or less).  Same pattern as the geocoder's ``_RUN``.
_UPPER = "".join(sorted({c for c in map(chr, range(0x250)) if c.isupper()}
                        | {c for c in map(chr, range(0x1E00, 0x1F00)) if c.isupper()}))


def _trie_pattern(words) -> str:
    """An alternation of ``words`` as a prefix tree ("a(?:n(?:d)?|s(?:h)?)"): the same language as
    ``a|an|and|...`` but one branch tried per letter instead of every word at every position."""
    trie: dict = {}
    for w in words:
        d = trie
        for ch in w:
            d = d.setdefault(ch, {})
        d[""] = {}

    def emit(d: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(d.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in d else body

    return "(?:" + emit(trie) + ")"


# The word starts with one character class (a mark or a capital) so the regex engine can skip to
# candidate positions in C; the look-behind then asks for a capital (after an optional mark).  On
# 2.1 MB of news this scans at ~64 MB/s, the plain ``[marks]?[A-Z]...`` with a flat alternation at ~35.
_RUN_WORD = (rf"[{_MARKS}{re.escape(_UPPER)}](?:(?<=[{_MARKS}])[{re.escape(_UPPER)}])?(?<=[{re.escape(_UPPER)}])"
             rf"[^\s,;:()\[\]\"“”!?/]*")
_RUN_CONN = _trie_pattern(CONNECTORS)
# a French elided article glued to the next capitalised word ("Côte d'Ivoire", "Val d'Oise") continues a run
_ELIDED = r"(?:[dl][’'])?"
# (a slash joins two names of one unit: "Tunapuna/Piarco", "Penal/Debe")
RUN_RE = re.compile(rf"{_RUN_WORD}(?:(?:/|[ \t\-–‐]+(?:{_RUN_CONN}[ \t\-–‐]+)*{_ELIDED}){_RUN_WORD})*")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    key: str  # "" for an article (dropped from keys)
    upper: bool  # starts with a capital letter (after any leading ayn mark)


_DOUBLED = re.compile(r"(.)\1+")
_DIPHTHONG = re.compile(r"(?<=.)(?:ai|ei|ey)(?=[b-df-hj-np-tv-z])")
_GROUP1 = operator.itemgetter(1)  # a C callable: faster than the template "\\1" on short strings


@lru_cache(maxsize=200_000)
def _fold(word: str) -> str:
    # unidecode leaves ASCII as it is; most words are ASCII letters only and need no filtering
    s = word.lower() if word.isascii() else unidecode(word).lower()
    return s if s.isalnum() else "".join(ch for ch in s if ch.isalnum())


@lru_cache(maxsize=400_000)
def token_key(word: str, *, possessive: bool = True) -> str:
    """The key of one word (no spaces); ``""`` for an article."""
    if possessive and len(word) > 4 and word[-2] in _MARKS and word[-1] in "sS":
        word = word[:-2]  # Syria's -> Syria; "Ra's" (short) stays whole
    s = _fold(word)
    if not s:
        return ""
    if s in ARTICLES or s in _AND_WORDS:
        return ""
    if s in _EZAFE:
        return "e"
    # Arabic dhal is written dh or th ("Dhi Qar"/"Thi-Qar", "Dhiban"/"Thiban"), qaf before a as q or qu
    # ("Quamishli"); only word-initially, where the index holds no distinct places these folds would join
    # (checked over all keys: 17 dh/th pairs in one country, 14 the same place within 25 km; qua/qa: 5 of 5).
    if s[0] == "d" and s.startswith("dh"):
        s = "th" + s[2:]
    elif s[0] == "q" and s.startswith("qua") and len(s) > 4:
        s = "qa" + s[3:]
    s = s.replace("ou", "u").replace("ee", "i").replace("oo", "u")
    if _DOUBLED.search(s):
        s = _DOUBLED.sub(_GROUP1, s)
    if len(s) > 3 and s.endswith("ah"):
        s = s[:-1]
    elif len(s) > 5 and s.endswith("eh"):
        s = s[:-2] + "a"  # taa marbuta written -eh ("Talbiseh" = "Talbisah", "Jableh" = "Jablah")
    if len(s) > 4 and s[-2] == "i" and s[-1] == "a" and s[-3] not in "aeiouy":
        # the ending -iya written -ia or -ieh ("Jawadieh" = "Jawadia" = "Jawadiya", "Balaklia" = "Balakliya"); over
        # the whole index this joins 226 pairs of keys, nearly all one place's spellings
        s = s[:-1] + "ya"
    mapped = _WORD_MAP.get(s)
    if mapped is not None:
        s = mapped
    elif len(s) > 4 and ("ai" in s or "ei" in s or "ey" in s):
        # the diphthong written ai, ei, ey or ay ("Qaryatain" = "Qaryatayn", "Baiji" = "Bayji", "Hussein" =
        # "Husayn"), inside a word before a consonant; over the cities500 names of 33 countries this joins
        # 3 pairs of distinct places of one country more than 25 km apart
        s = _DIPHTHONG.sub("ay", s)
    for prefix, repl in _PREFIX_MAP:
        if s.startswith(prefix) and len(s) > len(prefix) + 2:
            s = repl + s[len(prefix):]
            break
    return s


def _first_letter(word: str) -> str:
    """The word's first letter after any leading ayn mark or elided French article ("d'Ivoire" -> "I")."""
    if len(word) > 2 and word[0] in "dl" and word[1] in "'’" and word[2].isupper():
        return word[2]
    return word.lstrip(_MARKS)[:1]


def tokenize(text: str) -> list[Token]:
    """Word tokens of ``text`` with their character offsets and keys."""
    out = []
    for m in _TOKEN_RE.finditer(text):
        word = m.group()
        first = _first_letter(word)
        out.append(Token(m.start(), m.end(), word, token_key(word), first.isupper()))
    return out


def _join(keys: list[str]) -> str:
    # "bu" glues to the next word so "Abu Kamal" and "Bukamal" meet; same for a bare "kfr".
    out: list[str] = []
    glue = False
    for k in keys:
        if not k:
            continue
        if glue and out:
            out[-1] += k
        else:
            out.append(k)
        glue = k in ("bu", "kfr")
    return " ".join(out)


def run_fragments(sub: str) -> list[tuple[str, int, int, bool, int, int]]:
    """The matcher's view of a capitalised run: ``(key, start, end, upper, first_tok, last_tok)`` per
    fragment, ``("|", ...)`` for a barrier.

    A fragment is one word's key, or two glued ("Abu Kamal" -> ``bukamal``, as ``name_key`` glues);
    articles vanish without breaking the run; a lower-case word that is not a connector, or punctuation
    other than a hyphen or slash between words, is a barrier no name crosses.  ``first_tok``/``last_tok`` are
    indices among the run's tokens (articles included), for counting a match's words."""
    out: list = []
    prev_end = 0
    prev_word = ""
    glue = False
    barrier = True
    connectors = CONNECTORS
    for ti, m in enumerate(_TOKEN_RE.finditer(sub)):
        s, e = m.span()
        if s > prev_end and not barrier:
            gap = sub[prev_end:s]
            if not (gap.isspace() or gap == "-" or gap == "–" or gap == "/"
                    or (gap[0] == "." and gap[1:].isspace() and prev_word in _ABBREV_DOT)):
                out.append(_BARRIER)
                barrier, glue = True, False
        prev_end = e
        word = m.group()
        prev_word = word.lower()
        k = token_key(word)
        if not k:
            continue
        c = word[0]
        up = c.isupper() if c not in _MARKS and c not in "dl" else _first_letter(word).isupper()
        if not up and word.lower() not in connectors and not c.isdigit():
            if not barrier:
                out.append(_BARRIER)
                barrier, glue = True, False
            continue
        if glue and out:
            pk, ps, _pe, pu, pf, _pl = out[-1]
            out[-1] = (pk + k, ps, e, pu, pf, ti)
        else:
            out.append((k, s, e, up, ti, ti))
        glue = k == "bu" or k == "kfr"
        barrier = False
    return out


_BARRIER = ("|", 0, 0, False, 0, 0)
# abbreviations whose full stop stays inside a name ("St. Paul", "Mt. Hermon", "Ft. Worth")
_ABBREV_DOT = frozenset({"st", "ste", "mt", "ft", "pt"})


@lru_cache(maxsize=300_000)
def name_key(name: str) -> str:
    """The key of a whole place name, e.g. ``"al-Jawf" -> "jawf"`` (the keys of :func:`tokenize`'s
    tokens, joined; memoised: an index build asks for the same names many times)."""
    return _join([token_key(w) for w in _TOKEN_RE.findall(name)])


@lru_cache(maxsize=100_000)
def skeleton(key: str) -> str:
    """Consonant skeleton of a key for fuzzy candidate search ("idleb"/"idlib" -> "idlb")."""
    out = []
    for word in key.split():
        out.append(word[:1] + re.sub(r"[aeiouy]", "", word[1:]))
    return " ".join(out)
