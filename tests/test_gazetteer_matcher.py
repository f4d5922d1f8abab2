"""The gazetteer name matcher (Gazetteer.match_names): the fast path against a straightforward reference.

The reference enumerates every window of words in every capitalised run and asks whether the window's
``name_key`` is a gazetteer key, with the matcher's rules spelled out one by one (a name starts with a
capital, never starts or ends on an article, never crosses punctuation or a lower-case word that is not a
connector, never splits a glued "Abu"/"Kafr").  The fast path must return exactly the same matches.
Speed itself is measured by benchmarks/bench_matcher.py, not here.
"""

from __future__ import annotations

import re

import pytest

from strife.geo import Geocoder
from strife.geo import normalize as nz
from strife.geo.normalize import CONNECTORS, RUN_RE, name_key, run_fragments, tokenize

# abbreviations whose full stop stays inside a name, as the matcher treats them
ABBREV_DOT = frozenset({"st", "ste", "mt", "ft", "pt"})

# Team-written text in the style of conflict reporting (no shared text), with the hard cases: articles,
# glued prefixes, hyphens, connectors, possessives, transliteration marks, diacritics, acronyms,
# punctuation between names, names inside longer capitalised runs and sentence-initial words.
TEXTS = [
    "Artillery units pounded Ain Issa and the outskirts of Kafr Nabl late on Friday, and a monitor in "
    "Deir ez-Zor said that fighters had moved towards Albu Kamal and al-Mayadin before dawn.",
    "The convoy left Al Hazm for Marib City, then turned back near Sirwah; Houthi officials in Sana'a "
    "blamed the Saudi-led coalition. Yemen's government denied it.",
    "Residents of ‘Ayn ‘Īsá and Tell Abyad reported drones over the M4 road. U.S. and UK envoys met in "
    "Geneva, while the UN's office in New York said nothing.",
    "In Khabb wa ash Sha'af district, tribesmen clashed with a unit from Al Jawf Governorate. Rio de Janeiro "
    "police, Abu Dhabi officials and the Kafr Batna council all issued statements.",
    "Sheikh Maqsoud, Jebel al-Akrad and Dair ez Zor: three fronts, one war. Protesters in Basra, Nasiriyah "
    "and Baghdad's Tahrir Square marched again; Mosul stayed calm.",
    "Shelling hit Saraqib (Idlib) and Ma'arrat al-Nu'man. A spokesman in Ankara said Turkish troops "
    "would stay in Tall Rifaat-Manbij area until the end of March.",
    "Reports from abu kamal were lower case and must not match; Abu said nothing. Kafr. Abu, Kamal. "
    "Über Stadt Zürich, São Paulo and Düsseldorf are foreign names with diacritics.",
    "St. Petersburg, Port-au-Prince and Saint Louis; the Gulf of Aden; Lake Chad Basin; Mount Sinjar; "
    "Al-Qa'im and Al Qaim; Ras al-Ayn and Ra's al 'Ayn.",
]


@pytest.fixture(scope="module")
def gaz():
    from strife.settings import get_settings

    return Geocoder.load(get_settings()).gaz


def _clean_gap(gap: str) -> bool:
    return gap == "" or gap.isspace() or gap in ("-", "–")


def reference_matches(gaz, text: str) -> set[tuple[int, int, tuple[int, ...], int]]:
    """Every (start, end, entries, words) the matcher should find, by brute force over word windows."""
    out = set()
    for run in RUN_RE.finditer(text):
        sub, base = run.group(), run.start()
        toks = tokenize(sub)
        content = []  # indices of non-article tokens that may be part of a name
        for i, t in enumerate(toks):
            if t.key and (t.upper or t.text.lower() in CONNECTORS or t.text[:1].isdigit()):
                content.append(i)

        def clean(a: int, b: int) -> bool:
            """No barrier between tokens a and b (inclusive): clean gaps, only content or articles."""
            for k in range(a, b + 1):
                if toks[k].key and k not in content_set:
                    return False
                gap = sub[toks[k - 1].end:toks[k].start] if k > a else ""
                if k > a and not _clean_gap(gap) and not (
                        gap[:1] == "." and gap[1:].isspace() and toks[k - 1].text.lower() in ABBREV_DOT):
                    return False  # ("St. Paul": the abbreviation's full stop stays inside the name)
            return True

        content_set = set(content)
        non_article = [i for i, t in enumerate(toks) if t.key]
        for i in content:
            if not toks[i].upper:
                continue
            prev = [p for p in non_article if p < i]
            if prev and prev[-1] in content_set and toks[prev[-1]].key in ("bu", "kfr") and clean(prev[-1], i):
                continue  # glued to the "Abu"/"Kafr" before it
            for j in content:
                if j < i or not clean(i, j):
                    continue
                nxt = [q for q in non_article if q > j]
                if (toks[j].key in ("bu", "kfr") and nxt and nxt[0] in content_set and clean(j, nxt[0])):
                    continue  # would split "Abu Kamal" after "Abu"
                kid = gaz.key_index.get(name_key(sub[toks[i].start:toks[j].end]))
                if kid is not None:
                    entries = tuple(gaz.key_entries[gaz.key_offsets[kid]:gaz.key_offsets[kid + 1]])
                    out.add((base + toks[i].start, base + toks[j].end, entries, j - i + 1))
                # two capitalised words that a name writes as one ("Ceel Buur" = "Ceelbuur")
                if (j == next((q for q in non_article if q > i), -1) and toks[j].upper and clean(i, j)
                        and len(toks[i].key) >= 3 and len(toks[j].key) >= 3 and toks[i].key not in ("bu", "kfr")):
                    kid = gaz.key_index.get(toks[i].key + toks[j].key)
                    if kid is not None:
                        entries = tuple(gaz.key_entries[gaz.key_offsets[kid]:gaz.key_offsets[kid + 1]])
                        out.add((base + toks[i].start, base + toks[j].end, entries, 1))
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_fast_matcher_equals_reference(gaz, text):
    gaz.run_memo.clear()
    fast = gaz.match_names(text)
    assert len(fast) == len(set(fast))
    assert set(fast) == reference_matches(gaz, text)
    assert gaz.match_names(text) == fast  # memoised runs give the same answer


def test_matches_cover_the_expected_names(gaz):
    text = " ".join(TEXTS)
    spans = {text[s:e] for s, e, _entries, _n in gaz.match_names(text)}
    for name in ("Ain Issa", "Kafr Nabl", "Deir ez-Zor", "Albu Kamal", "Mayadin", "Hazm", "Sana'a",
                 "‘Ayn ‘Īsá", "Tell Abyad", "Geneva", "New York", "Rio de Janeiro", "Abu Dhabi", "Saraqib",
                 "Idlib", "Ankara", "São Paulo", "Düsseldorf", "Mosul", "Basra"):
        assert name in spans, name
    # lower case, a lone glued prefix and punctuation between words never make a name
    assert "abu kamal" not in spans and "Abu, Kamal" not in spans
    assert not any(re.search(r"[,;:()]", s) for s in spans)


def test_matches_are_sorted_and_overlaps_kept(gaz):
    text = "Militants shelled Deir ez-Zor and New York Mills overnight."
    got = gaz.match_names(text)
    assert got == sorted(got, key=lambda m: (m[0], -m[1]))
    spans = [text[s:e] for s, e, _entries, _n in got]
    assert "Deir ez-Zor" in spans and "New York" in spans
    ntok = {text[s:e]: n for s, e, _entries, n in got}
    assert ntok["Deir ez-Zor"] == 3  # words, the article included


def test_run_fragments_glue_barriers_and_articles():
    frags = run_fragments("Abu al Kamal, Kafr Nabl said-Idlib")
    keys = [f[0] for f in frags]
    assert keys == ["bukamal", "|", "kfrnabl", "|", "idlib"]
    k, s, e, up, first, last = frags[0]
    assert (s, e, up, last - first + 1) == (0, 12, True, 3)


def _flat_run_re():
    """The capitalised-run pattern as first written: optional mark, capital, flat connector alternation."""
    word = rf"[{nz._MARKS}]?[{re.escape(nz._UPPER)}][^\s,;:()\[\]\"“”!?/]*"
    conn = "(?:" + "|".join(sorted(CONNECTORS, key=len, reverse=True)) + ")"
    return re.compile(rf"{word}(?:[ \t\-–‐]+(?:{conn}[ \t\-–‐]+)*{word})*")


def test_run_pattern_matches_the_flat_pattern():
    flat = _flat_run_re()
    samples = TEXTS + [
        "‘'Ayn x 'a Bb ’’Cc de la Dd del Ee des-Ff ibn Gg bint Hh upon Ii und Jj",
        "AL-Qaim wa Zz, ʿAdra; O'Neill ‘ lone marks ` Ĳssel Ǆemal ḤAMA",
    ]
    for text in samples:
        assert [m.span() for m in RUN_RE.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_trie_pattern_is_the_same_language():
    words = ["a", "an", "and", "as", "ash", "de", "del", "della", "upon"]
    rx = re.compile(nz._trie_pattern(words) + r"\Z")
    for w in words + ["", "ab", "dell", "up", "andd", "asha"]:
        assert bool(rx.match(w)) == (w in words), w


@pytest.mark.shared
def test_fast_matcher_equals_reference_on_raw_news(gaz):
    from conftest import shared_path

    folder = shared_path("data", "raw-news", "articles")
    paths = sorted(folder.glob("*.txt"))[:60]
    assert paths
    gaz.run_memo.clear()
    for p in paths:
        text = p.read_text(encoding="utf-8")
        assert set(gaz.match_names(text)) == reference_matches(gaz, text), p.name
