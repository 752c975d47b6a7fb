"""One ``FactSpec`` per fact type: all that the rest of the package knows about the type.

Each ``facts/<type>.py`` ends with its ``SPEC``, next to its extractor; ``facts.SPECS`` lists
them. The pipeline runs their extractors, ``schema.json_schema`` takes their record dataclasses,
``evaluate`` scores facts by their items and matchers, and ``tests/test_corpus.py`` reads each
type's example corpus ``tests/corpus/<field>.yaml`` by its ``Corpus``.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Callable, Optional

from ..nlp.doc import Document
from .base import Context

Ref = Callable[[Any], frozenset]  # an entity reference (id, name or inline entity) -> its normalised names


def _no_check(fact) -> bool:
    return True


def as_written(fact) -> bool:
    """The fact's ``text`` is what its evidence covers (money, quantities, dates)."""
    return fact.text == fact.evidence.text


def gold_keys(*keys: str, names: tuple[str, ...] = ()) -> Callable[[dict, Callable], dict]:
    """A ``gold_entry``: the fact's ``keys`` that have a value, the ``names`` keys (entity
    references) as entity names.

    >>> gold_keys("person", "title", names=("person",))({"person": "E1", "title": "Bupati"}, {"E1": "Ipuk"}.get)
    {'person': 'Ipuk', 'title': 'Bupati'}
    """
    def entry(fact: dict, name: Callable) -> dict:
        values = {k: name(fact.get(k)) if k in names else fact.get(k) for k in keys}
        return {k: v for k, v in values.items() if v is not None}
    return entry


@dataclass(frozen=True)
class Corpus:
    """How ``tests/corpus/<field>.yaml`` states what a text must give.

    A corpus holds ``examples``: either a mapping of an expected value to the texts that must give
    exactly it (``"1500000000000 IDR": ["Rp1,5 triliun", ...]``), or a list of cases ``{text,
    expect}`` (``expect``: a list of rows), each case with the ``persons`` (``Name|Alias``) or
    ``entities`` (``TYPE:Name``) NER would find; and ``negative``: texts (or such cases without
    ``expect``) that must give nothing. A top-level ``published`` fixes the publication date; a
    case (a text can be a mapping with ``text``) may give its own, and an ``xfail`` reason when
    the extractor is known to be wrong on it (a strict xfail: fixed, it must lose the mark).
    """

    row: Callable[[Any, Callable], Any]  # (fact, name of an entity id) -> what the corpus compares
    expected: Callable[[Any], list] = list  # a mapping's key, or a case's `expect` -> the rows
    evidence: Callable[[Any], bool] = _no_check  # a check of the fact's evidence beyond `text[start:end]`


@dataclass(frozen=True)
class FactSpec:
    """A fact type: its name, record dataclass, extractor, what it needs, how it is scored and
    how its corpus reads.

    ``item`` turns a record's fact (a dict) into the item that ``matches(predicted, gold)``
    compares, entity references made names by ``ref``; None leaves the fact unscored. A gold
    entry becomes an item by ``gold_item`` (by ``item`` when the gold entry has the fact's shape).
    """

    kind: str  # the facts' `type` in a record: `role`
    field: str  # the key of a gold line, the row of the evaluation table, the corpus file: `roles`
    record: type  # the record dataclass, whose `type` defaults to `kind`
    extract: Callable[[Document, Context], list]
    item: Callable[[dict, Ref], Optional[dict]]
    matches: Callable[[dict, dict], bool]
    corpus: Corpus
    needs: tuple[str, ...] = ()  # the fact types whose facts the extractor asks for (`ctx.facts`)
    gold_item: Optional[Callable[[Any, Ref], dict]] = None
    # a record's fact (a dict) as an entry of a gold line (docs/gold-format.md), entity ids made
    # names by the second argument: what an annotation tool shows to be corrected
    gold_entry: Callable[[dict, Callable], Any] = lambda fact, name: None

    def __post_init__(self):
        default = {f.name: f.default for f in dataclasses.fields(self.record)}.get("type")
        if default != self.kind:
            raise ValueError(f"fact type {self.kind!r}: its record {self.record.__name__} has `type` "
                             f"{default!r}, not {self.kind!r}")

    def gold(self, entry, ref: Ref) -> dict:
        """The comparable item of a gold entry."""
        return (self.gold_item or self.item)(entry, ref)
