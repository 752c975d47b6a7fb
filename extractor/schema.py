"""Record format v1 (``../shared/SCHEMA.md``): dataclasses, ``to_dict()`` and the JSON Schema.

The dataclasses are the single source of truth: ``json_schema()`` is generated from their type
hints, so the schema that ``extractor schema`` prints cannot drift from what the code writes.

>>> Span(0, 5, "Heni.").to_dict()
{'start': 0, 'end': 5, 'text': 'Heni.'}
"""
from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Literal, Optional, Union

from .nlp.doc import Word

SCHEMA_VERSION = "1"


class _Plain:
    """Mixin: ``to_dict()`` turns a dataclass tree into JSON-ready dicts and lists."""

    def to_dict(self) -> dict:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)}


def _plain(value):
    if isinstance(value, _Plain):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Span(_Plain):
    """Character offsets into the article text (end exclusive) and the text they cover."""

    start: int
    end: int
    text: str


@dataclass
class Entity(_Plain):
    """One real-world person, organisation or place, with every mention in the article."""

    id: str
    type: Literal["PER", "ORG", "LOC"]
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@dataclass
class RoleFact(_Plain):
    """``Kepala Kantor Wilayah ..., Heni Susila Wardoyo``: a person and their office."""

    person: str
    title: str
    organization: Optional[str]
    evidence: Span
    type: Literal["role"] = "role"


@dataclass
class AwardFact(_Plain):
    """``... meraih predikat WBK dari KemenPAN-RB``: recipient, award, giver, date."""

    recipient: str
    award: str
    giver: Optional[str]
    date: Optional[str]
    evidence: Span
    type: Literal["award"] = "award"


@dataclass
class MetricFact(_Plain):
    """``Indeks RB kementerian/lembaga mencapai 76,81, meningkat dari 75,48``."""

    name: str
    scope: Optional[str]
    value: float
    previous: Optional[float]
    unit: Optional[str]
    evidence: Span
    type: Literal["metric"] = "metric"


@dataclass
class QuantityFact(_Plain):
    """``64 unit kerja`` -> value 64, unit ``unit kerja``."""

    value: float
    unit: str
    text: str
    evidence: Span
    type: Literal["quantity"] = "quantity"


@dataclass
class MoneyFact(_Plain):
    """``Rp1,5 triliun`` -> value 1500000000000, currency ``IDR``."""

    value: float
    currency: str
    text: str
    evidence: Span
    type: Literal["money"] = "money"


@dataclass
class DateFact(_Plain):
    """``Rabu (9/10)`` published 2024-10-10 -> ``2024-10-09`` (ISO at the stated precision)."""

    value: str
    text: str
    evidence: Span
    type: Literal["date"] = "date"


@dataclass
class QuoteFact(_Plain):
    """Direct speech and the entity id of its speaker."""

    speaker: Optional[str]
    text: str
    evidence: Span
    type: Literal["quote"] = "quote"


Fact = Union[RoleFact, AwardFact, MetricFact, QuantityFact, MoneyFact, DateFact, QuoteFact]


@dataclass
class Source(_Plain):
    path: Optional[str] = None
    url: Optional[str] = None


@dataclass
class Meta(_Plain):
    """Article metadata: dateline ``SURABAYA, iNewsSurabaya.id -`` and credit lines."""

    title: Optional[str] = None
    outlet: Optional[str] = None
    dateline: Optional[str] = None
    published: Optional[str] = None
    editor: Optional[str] = None
    reporter: Optional[str] = None


@dataclass(frozen=True)
class AnalysedWord(Word, _Plain):
    """A word of the backend's analysis (the fields of ``nlp.doc.Word``). Words split from one
    token (``rumahnya`` -> ``rumah`` + ``nya``) share its offsets; ``head`` indexes the sentence's
    words (null: root or unparsed)."""


@dataclass
class AnalysedSentence(_Plain):
    """A sentence as the backend split it, with its words."""

    start: int
    end: int
    words: list[AnalysedWord] = field(default_factory=list)


@dataclass
class Analysis(_Plain):
    """The linguistic analysis behind a record (``extract --analysis``): which backend made it."""

    backend: str
    sentences: list[AnalysedSentence] = field(default_factory=list)


@dataclass
class Record(_Plain):
    """One extracted article, schema v1. ``analysis`` is only written when asked for."""

    id: str
    source: Source
    meta: Meta
    entities: list[Entity] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    schema_version: Literal["1"] = SCHEMA_VERSION
    analysis: Optional[Analysis] = None
    _optional = ("analysis",)  # left out of the output (and not required) when None

    def to_dict(self) -> dict:
        out = super().to_dict()
        if out["analysis"] is None:
            del out["analysis"]
        # schema_version first, as in SCHEMA.md, so records are easy to eyeball
        return {"schema_version": out.pop("schema_version"), **out}


@dataclass
class ErrorInfo(_Plain):
    type: str
    message: str


@dataclass
class ErrorRecord(_Plain):
    """Stands in for an article that could not be processed: nothing is silently dropped."""

    id: str
    error: ErrorInfo
    source: Source = field(default_factory=Source)
    schema_version: Literal["1"] = SCHEMA_VERSION


# ---------------------------------------------------------------- JSON Schema


def _type_schema(tp) -> dict:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if tp is str:
        return {"type": "string"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is bool:
        return {"type": "boolean"}
    if origin is Literal:
        return {"enum": list(args)}
    if origin is list:
        return {"type": "array", "items": _type_schema(args[0])}
    if origin in (Union, types.UnionType):
        non_null = [a for a in args if a is not type(None)]
        alts = [_type_schema(a) for a in non_null]
        if type(None) in args:
            alts.append({"type": "null"})
        return alts[0] if len(alts) == 1 else {"anyOf": alts}
    if dataclasses.is_dataclass(tp):
        return {"$ref": f"#/$defs/{tp.__name__}"}
    raise TypeError(f"no JSON Schema for {tp!r}")


def _dataclass_schema(cls) -> dict:
    hints = typing.get_type_hints(cls)
    props = {f.name: _type_schema(hints[f.name]) for f in dataclasses.fields(cls)}
    optional = getattr(cls, "_optional", ())
    return {"type": "object", "description": (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else "",
            "properties": props, "required": [p for p in props if p not in optional], "additionalProperties": True}


def _collect(cls, defs: dict) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = _dataclass_schema(cls)
    for hint in typing.get_type_hints(cls).values():
        for inner in _walk(hint):
            _collect(inner, defs)


def _walk(tp):
    if dataclasses.is_dataclass(tp):
        yield tp
    for arg in typing.get_args(tp):
        yield from _walk(arg)


def json_schema() -> dict:
    """JSON Schema (2020-12) for one output line: a ``Record`` or an ``ErrorRecord``."""
    defs: dict = {}
    _collect(Record, defs)
    _collect(ErrorRecord, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Indonesian news extraction record, schema v{SCHEMA_VERSION}",
        "oneOf": [{"$ref": "#/$defs/Record"}, {"$ref": "#/$defs/ErrorRecord"}],
        "$defs": defs,
    }
