"""The backend-neutral document view that every fact extractor sees.

Backends (spaCy, stanza) turn text into a ``Document``; nothing downstream imports them.
All offsets are character offsets into ``Document.text`` (end exclusive).

>>> doc = Document("Heni hadir.", tokens=[Token(0, 4, "Heni"), Token(5, 10, "hadir"), Token(10, 11, ".")],
...                sentences=[(0, 11)], mentions=[Mention(0, 4, "PER", "Heni")])
>>> doc.sentence_of(6)
(0, 11)
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple, Optional


class Token(NamedTuple):
    """One token; a named tuple because an article has hundreds, made for every article
    (a quarter of the cost of a frozen dataclass)."""

    start: int
    end: int
    text: str
    pos: Optional[str] = None  # UPOS where the backend gives it
    lemma: Optional[str] = None
    head: Optional[int] = None  # index of the syntactic head, where parsed
    dep: Optional[str] = None


@dataclass(frozen=True)
class Word:
    """A syntactic word of a backend's analysis. Words split from one token (``rumahnya`` ->
    ``rumah`` + ``nya``) share its offsets; ``head`` is the index of the head word in the
    sentence (None for the root or where unparsed)."""

    start: int
    end: int
    text: str
    upos: Optional[str] = None
    lemma: Optional[str] = None
    head: Optional[int] = None
    deprel: Optional[str] = None


@dataclass(frozen=True)
class Mention:
    """An entity mention found by NER (or by metadata rules): ``label`` is PER, ORG or LOC."""

    start: int
    end: int
    label: str
    text: str
    source: str = "ner"


# Unicode spaces that scraped pages carry (`Bupati\xa0Kupang`), mapped one character for one so
# that every offset stays valid: the tokenizer and the fact patterns see a plain space.
SPACES = str.maketrans({c: " " for c in "\xa0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"})


@dataclass
class Document:
    """``text`` is the article as given; ``match_text`` is the same text with Unicode spaces as
    plain spaces (same length, same offsets), which the rules and fact patterns read."""

    text: str
    tokens: list[Token] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    match_text: str = ""
    words: list[list[Word]] = field(default_factory=list)  # per sentence, where the backend analyses words

    def __post_init__(self):
        if not self.match_text:
            self.match_text = self.text.translate(SPACES)

    @cached_property
    def _sentence_starts(self) -> list[int]:  # the sentences are set when the document is made
        return [s for s, _ in self.sentences]

    def sentence_of(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding ``offset``; the whole text if none does."""
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i][0] <= offset < self.sentences[i][1]:
            return self.sentences[i]
        return (0, len(self.text))
