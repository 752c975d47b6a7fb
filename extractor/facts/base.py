"""What every fact extractor receives besides the document, and the evidence helper."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import Optional

from ..lang import WordIndex
from ..nlp.doc import Document
from ..schema import Entity, Span


@dataclass
class Context:
    """What an extractor knows besides the document: made fresh for every article."""

    published: Optional[date] = None
    entities: list[Entity] = field(default_factory=list)
    ignored: list[tuple[int, int]] = field(default_factory=list)  # boilerplate and credit lines
    warnings: list[str] = field(default_factory=list)
    found: dict[str, list] = field(default_factory=dict)  # facts of the extractors run so far, by type
    _mentions: dict = field(default_factory=dict, repr=False, compare=False)  # by label, built once
    _starts: dict = field(default_factory=dict, repr=False, compare=False)  # their starts, by label
    word_index: Optional[WordIndex] = field(default=None, repr=False, compare=False)  # given or built once

    def words(self, doc: Document) -> WordIndex:
        """Where each word of the article starts (for ``lang.AnchoredPattern``), built once."""
        if self.word_index is None:
            self.word_index = WordIndex(doc.match_text)
        return self.word_index

    def is_ignored(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.ignored)

    def mentions(self, label: Optional[str] = None) -> list[tuple[int, int, Entity]]:
        """(start, end, entity) of every mention, in text order; only one type with ``label``.

        Built once per label (the entities are fixed when the context is made); do not mutate.
        """
        if label not in self._mentions:
            out = [(m.start, m.end, e) for e in self.entities if label in (None, e.type) for m in e.mentions]
            self._mentions[label] = sorted(out, key=lambda x: x[0])
        return self._mentions[label]

    def facts(self, kind: str, extract, doc: Document) -> list:
        """The facts of type ``kind``: reused when that extractor already ran, else made now."""
        if kind not in self.found:
            self.found[kind] = extract(doc, self)
        return self.found[kind]

    def entity_at(self, start: int, end: int, label: Optional[str] = None) -> Optional[Entity]:
        """The entity with a mention inside ``start..end`` that starts first (of type ``label``)."""
        mentions = self.mentions(label)
        if label not in self._starts:
            self._starts[label] = [s for s, _, _ in mentions]
        for s, e, ent in mentions[bisect_left(self._starts[label], start):bisect_right(self._starts[label], end)]:
            if e <= end:
                return ent
        return None

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


def evidence(doc: Document, start: int, end: int) -> Span:
    """The article's own characters at ``start..end`` (Unicode spaces kept as written)."""
    return Span(start, end, doc.text[start:end])
