"""What the mention rules share: the context of one text and small helpers."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

import regex

from ..lang import WordIndex
from ..nlp.doc import Mention
from .resources import MentionResources, resources

WORD = regex.compile(r"\S+")
PREV_WORD = regex.compile(r"(\S+)[ \t]+$")


def first_word(text: str) -> str:
    """The first word of ``text``, ``""`` for none."""
    return text.split(maxsplit=1)[0] if text.split() else ""


def not_a_person(name: str, r: MentionResources) -> bool:
    """A capitalised run that names an organisation or place, not a person (`Polres X`, `Desa X`),
    or no entity at all (``not_entities.txt``: `pelaku UMKM`)."""
    first = first_word(name)
    return (first in r.org_heads or first in r.loc_heads or name in r.places or name in r.agencies
            or name in r.not_entities)


def clear(mentions: list[Mention], start: int, end: int) -> bool:
    """True when no mention overlaps ``start:end`` (where a rule may add one of its own)."""
    return all(end <= m.start or m.end <= start for m in mentions)


@dataclass(frozen=True)
class RuleContext:
    """What the rules share over one text: the resources, the text's word index and the places
    the article names (from the mentions the rules start from, and the caller's known places)."""

    res: MentionResources
    words: WordIndex
    place_texts: frozenset[str]  # the LOC mentions' texts and the known places: `Kabupaten Jepara`
    place_names: frozenset[str]  # those casefolded, and the name after a place head: `jepara`

    @classmethod
    def build(cls, text: str, mentions: list[Mention], words: WordIndex | None = None,
              known_places: Iterable[str] = ()) -> RuleContext:
        """The context of ``text`` and the mentions the rules start from."""
        r = resources()
        place_texts = frozenset(m.text for m in mentions if m.label == "LOC") | frozenset(known_places)
        # `Jepara` of `Kabupaten Jepara` too
        place_names = frozenset(t.casefold() for t in place_texts) | {
            words[1].casefold() for words in (t.split(maxsplit=1) for t in place_texts)
            if len(words) == 2 and words[0] in r.loc_heads}
        return cls(r, words or WordIndex(text), place_texts, place_names)


# A rule: (text, the mentions so far, the context) -> the mentions after the rule.
Rule = Callable[[str, list[Mention], RuleContext], list[Mention]]
