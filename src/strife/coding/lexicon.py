"""The coding lexicons (``strife/data/triggers.tsv``, ``cues.tsv``, ``modality.tsv``, ``hedges.tsv``), loaded once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ..errors import ConfigError
from ..resources import data_rows
from . import taxonomy

__all__ = ["Trigger", "Lexicon", "load_lexicon", "token_keys"]

GENERIC = ("*attack", "*kill", "*protest", "*riot")


@dataclass(frozen=True, slots=True)
class Trigger:
    pattern: tuple[str, ...]
    sub_event: str  # a taxonomy sub-event type or one of GENERIC
    strong: bool
    pos: frozenset[str] = frozenset()
    need: tuple[str, ...] = ()
    forbid: tuple[str, ...] = ()
    override: bool = False
    obj: tuple[str, ...] = ()  # cue classes the trigger's grammatical object must belong to


_rows = data_rows


def token_keys(token) -> tuple[str, ...]:
    """The forms a token may match a lexicon entry by: lemma, lower text, and the text without a plural s."""
    lower = token.lower_
    keys = [token.lemma_.lower(), lower]
    if lower.endswith("s") and len(lower) > 3:
        keys.append(lower[:-1])
    if lower.endswith("ed") and len(lower) > 4:  # the lemmatizer misses some verbs ("raped" -> "rap")
        keys.extend((lower[:-1], lower[:-2]))
    return tuple(dict.fromkeys(keys))


class Lexicon:
    def __init__(self) -> None:
        self.triggers: dict[str, list[Trigger]] = defaultdict(list)
        for row in _rows("triggers.tsv"):
            row += [""] * (5 - len(row))
            pattern, sub, strength, conds, flags = (c.strip() for c in row[:5])
            if sub not in GENERIC and not taxonomy.is_sub_event_type(sub):
                raise ConfigError(f"triggers.tsv: unknown sub-event type {sub!r}", code="K103")
            pos: set[str] = set()
            need: list[str] = []
            forbid: list[str] = []
            obj: list[str] = []
            override = "override" in (conds.split(",") + flags.split(","))
            for cond in filter(None, (c.strip() for c in conds.split(","))):
                key, _, value = cond.partition("=")
                if key == "pos":
                    pos.update(value.split("|"))
                elif key == "need":
                    need.append(value)
                elif key == "not":
                    forbid.append(value)
                elif key == "obj":
                    obj.append(value)
            words = tuple(pattern.lower().split())
            sub = sub if sub in GENERIC else taxonomy.canonical(sub)
            self.triggers[words[0]].append(
                Trigger(words, sub, strength == "strong", frozenset(pos), tuple(need), tuple(forbid), override, tuple(obj)))
        self.cues: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for row in _rows("cues.tsv"):
            if len(row) >= 2:
                self.cues[row[0].strip()].add(tuple(row[1].strip().lower().split()))
        self.modality: dict[str, set[str]] = defaultdict(set)
        for row in _rows("modality.tsv"):
            if len(row) >= 2:
                self.modality[row[0].strip()].add(row[1].strip().lower())
        self.hedges: list[str] = []
        self.speech: set[str] = set()
        for row in _rows("hedges.tsv"):
            if len(row) < 2:
                continue
            if row[0] == "hedge":
                self.hedges.append(row[1].strip().lower())
            elif row[0] == "speech":
                self.speech.add(row[1].strip().lower())
        self.max_cue_len = max((len(c) for cs in self.cues.values() for c in cs), default=1)

    def cue_classes(self, grams: set[tuple[str, ...]]) -> set[str]:
        """The cue classes any of ``grams`` (lemma n-grams of a sentence) belongs to."""
        return {cls for cls, cues in self.cues.items() if cues & grams}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    return Lexicon()
