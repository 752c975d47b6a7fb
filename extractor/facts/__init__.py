"""Fact extractors: one module per fact type, all ``extract(doc, ctx) -> list[Fact]``.

Each module ends with its ``SPEC`` (``spec.FactSpec``): the type's record dataclass, extractor,
the types it needs, how it is scored and how its corpus reads. Adding a fact type = a module
here, its line in ``SPECS``, and its corpus ``tests/corpus/<field>.yaml``.
"""
from __future__ import annotations

from typing import Callable, Union

from ..nlp.doc import Document
from . import awards, dates, metrics, money, quantities, quotes, roles
from .base import Context, evidence
from .spec import FactSpec

# The fact types, in the order of the record format's tables, the JSON Schema and the
# evaluation table.
SPECS: tuple[FactSpec, ...] = (roles.SPEC, awards.SPEC, metrics.SPEC, quantities.SPEC, money.SPEC, dates.SPEC,
                               quotes.SPEC)

# Records list their facts type by type in this order, kept from the first version of the
# record format; a fact type added later comes after these, in the order of SPECS.
RECORD_ORDER = ("role", "award", "metric", "date", "money", "quantity", "quote")


def _checked(specs: tuple[FactSpec, ...]) -> dict[str, FactSpec]:
    """The specs by type; an error naming the spec when a type or field repeats or a type it
    needs is not registered."""
    by_kind: dict[str, FactSpec] = {}
    fields = set()
    for spec in specs:
        if spec.kind in by_kind or spec.field in fields:
            raise ValueError(f"fact type {spec.kind!r} (field {spec.field!r}) is registered twice")
        by_kind[spec.kind] = spec
        fields.add(spec.field)
    for spec in specs:
        unknown = [kind for kind in spec.needs if kind not in by_kind]
        if unknown:
            raise ValueError(f"fact type {spec.kind!r} needs {unknown}, which no spec in SPECS is")
    return by_kind


BY_KIND: dict[str, FactSpec] = _checked(SPECS)


def _record_position(spec: FactSpec) -> int:
    return RECORD_ORDER.index(spec.kind) if spec.kind in RECORD_ORDER else len(RECORD_ORDER) + SPECS.index(spec)


# what the pipeline runs, in record order (a test adds a stand-in extractor here)
EXTRACTORS: dict[str, Callable[[Document, Context], list]] = {
    spec.kind: spec.extract for spec in sorted(SPECS, key=_record_position)}

Fact = Union[tuple(spec.record for spec in SPECS)]  # the type of `Record.facts` items

__all__ = ["SPECS", "BY_KIND", "EXTRACTORS", "Fact", "FactSpec", "Context", "evidence"]
