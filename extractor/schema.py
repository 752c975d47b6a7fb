"""Record format v1 (``docs/record-format.md``): dataclasses, ``to_dict()`` and the JSON Schema.

The dataclasses are the single source of truth: ``json_schema()`` is generated from their type
hints and from each field's description (``described(...)``), so the schema that ``extractor
schema`` prints cannot drift from what the code writes.

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


def described(text: str, **kwargs):
    """A dataclass field whose ``text`` is its description in the JSON Schema (the one place
    where what a field means is written)."""
    return field(metadata={"description": text}, **kwargs)


REF = "the `id` of one of this record's entities (`E3`), or the text where the thing is not an entity"
EVIDENCE = "Where the article states the fact: offsets into the article text and the text they cover."
ISO_DATE = "ISO 8601 at the precision the text gives: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`"


@dataclass(frozen=True)
class Span(_Plain):
    """Character offsets into the article text (end exclusive) and the text they cover."""

    start: int = described("Offset of the first character: a Python `str` index into the article text as given "
                           "(`text[start:end]` is the span).")
    end: int = described("Offset just after the last character (end exclusive).")
    text: str = described("The article's characters from `start` to `end`, as written.")


@dataclass
class Entity(_Plain):
    """One real-world person, organisation or place, with every mention in the article."""

    id: str = described("Id of the entity within this record (`E1`, `E2`, ...); facts refer to the entity by it.")
    type: Literal["PER", "ORG", "LOC"] = described("`PER` person, `ORG` organisation, `LOC` place.")
    name: str = described("The fullest form of the name in the article, without titles or honorifics "
                          "(`Heni Susila Wardoyo`, not `Kakanwil Heni`).")
    aliases: list[str] = described("The other forms used for the same entity: short names and acronyms "
                                   "(`Heni`, `KemenPAN-RB`).", default_factory=list)
    mentions: list[Span] = described("Every place where the article names the entity.", default_factory=list)


@dataclass
class RoleFact(_Plain):
    """``Kepala Kantor Wilayah ..., Heni Susila Wardoyo``: a person and their office."""

    person: str = described(f"The person holding the office: {REF}.")
    title: str = described("The office as written, without the name (`Kapolres Ponorogo`).")
    organization: Optional[str] = described(f"The organisation named inside the title: {REF}; null when none.")
    evidence: Span = described(EVIDENCE)
    type: Literal["role"] = described("The fact type.", default="role")


@dataclass
class AwardFact(_Plain):
    """``... meraih predikat WBK dari KemenPAN-RB``: recipient, award, giver, date."""

    recipient: str = described(f"Who received the award: {REF}.")
    award: str = described("The award as written (`predikat Wilayah Bebas dari Korupsi`, `juara I`).")
    giver: Optional[str] = described(f"Who conferred it: {REF}; null when not named.")
    date: Optional[str] = described(f"When it was conferred, {ISO_DATE}; null when not stated.")
    evidence: Span = described(EVIDENCE)
    type: Literal["award"] = described("The fact type.", default="award")


@dataclass
class MetricFact(_Plain):
    """``Indeks RB kementerian/lembaga mencapai 76,81, meningkat dari 75,48``."""

    name: str = described("The measure (`Indeks RB`, `inflasi`, `nilai`); what it is measured for is in `scope`.")
    scope: Optional[str] = described("What the measure is for, when stated (`kementerian/lembaga` of `Indeks RB "
                                     "kementerian/lembaga`); null otherwise.")
    value: float = described("The value as a JSON number, the decimal comma resolved (`76,81` -> 76.81).")
    previous: Optional[float] = described("An earlier value that the text gives (`meningkat dari 75,48` -> 75.48); "
                                          "null otherwise.")
    unit: Optional[str] = described("The unit written after the value (`persen`, `%`); null when none.")
    evidence: Span = described(EVIDENCE)
    type: Literal["metric"] = described("The fact type.", default="metric")


@dataclass
class QuantityFact(_Plain):
    """``64 unit kerja`` -> value 64, unit ``unit kerja``."""

    value: float = described("The number as a JSON number (`empat` -> 4, `1.250` -> 1250).")
    unit: str = described("What is counted or measured, short (`unit kerja`, `pegawai`, `gram`).")
    text: str = described("The quantity as written (`empat ekosistem pelayanan`).")
    evidence: Span = described(EVIDENCE)
    type: Literal["quantity"] = described("The fact type.", default="quantity")


@dataclass
class MoneyFact(_Plain):
    """``Rp1,5 triliun`` -> value 1500000000000, currency ``IDR``."""

    value: float = described("The amount as a JSON number, scale words applied (`Rp1,5 triliun` -> 1500000000000).")
    currency: str = described("ISO 4217 currency code (`IDR`, `USD`).")
    text: str = described("The amount as written (`Rp 2,5 miliar`).")
    evidence: Span = described(EVIDENCE)
    type: Literal["money"] = described("The fact type.", default="money")


@dataclass
class DateFact(_Plain):
    """``Rabu (9/10)`` published 2024-10-10 -> ``2024-10-09`` (ISO at the stated precision)."""

    value: str = described(f"The date, {ISO_DATE} (`tahun 2024` -> `2024`, `Juni 2025` -> `2025-06`, "
                           "`Rabu (9/10)` -> `2024-10-09`); relative dates resolved against the publication date. "
                           "A string, where `value` of money, quantity and metric facts is a number.")
    text: str = described("The date as written (`Rabu (9/10)`, `tahun depan`).")
    evidence: Span = described(EVIDENCE)
    type: Literal["date"] = described("The fact type.", default="date")


@dataclass
class QuoteFact(_Plain):
    """Direct speech and the entity id of its speaker."""

    speaker: Optional[str] = described(f"Who said it: {REF}; null when unknown.")
    text: str = described("The quoted words without quotation marks; of a long quote, its first sentence.")
    evidence: Span = described("The whole quotation, quotation marks included.")
    type: Literal["quote"] = described("The fact type.", default="quote")


Fact = Union[RoleFact, AwardFact, MetricFact, QuantityFact, MoneyFact, DateFact, QuoteFact]


@dataclass
class Source(_Plain):
    """Where the article came from."""

    path: Optional[str] = described("The input file as named on the command line (`<stdin>` for standard input); "
                                    "null when the article was passed from Python.", default=None)
    url: Optional[str] = described("The article's URL from the input; null when none.", default=None)
    fingerprint: Optional[str] = described(
        "Which input the record was made from: the first 16 hex digits of the SHA-256 of the article's id, text, "
        "publication date (the input's, or `--published`), title, URL, author (HTML) and date order; of an error "
        "record about the input, of its line or row. `extract --resume` keeps a record whose fingerprint is "
        "unchanged. Null when the record stands for no line (an unreadable file).", default=None)


@dataclass
class Meta(_Plain):
    """Article metadata: dateline ``SURABAYA, iNewsSurabaya.id -`` and credit lines."""

    title: Optional[str] = described("The title from the input or the HTML page; null when none.", default=None)
    outlet: Optional[str] = described("The outlet named in the dateline (`Antara`, `iNewsSurabaya.id`); null when "
                                      "none.", default=None)
    dateline: Optional[str] = described("The dateline's city (`KUPANG, Antara -` -> `Kupang`); null when none.",
                                        default=None)
    published: Optional[str] = described("The publication date, `YYYY-MM-DD` (from the input or `--published`); "
                                         "null when unknown.", default=None)
    editor: Optional[str] = described("The name in the editor credit line (`Editor: Maria Goreti`); null when none.",
                                      default=None)
    reporter: Optional[str] = described("The name in the reporter credit line, or the page's author; null when none.",
                                        default=None)


@dataclass(frozen=True)
class AnalysedWord(Word, _Plain):
    """A word of the backend's analysis (the fields of ``nlp.doc.Word``). Words split from one
    token (``rumahnya`` -> ``rumah`` + ``nya``) share its offsets; ``head`` indexes the sentence's
    words (null: root or unparsed)."""

    start: int = described("Offset of the word's first character in the article text (of its token, for a word "
                           "split from one).")
    end: int = described("Offset just after the word's last character (end exclusive).")
    text: str = described("The word (`rumah`, `nya` for the token `rumahnya`).")
    upos: Optional[str] = described("Universal POS tag (`NOUN`); null when the backend gives none.", default=None)
    lemma: Optional[str] = described("The lemma; null when the backend gives none.", default=None)
    head: Optional[int] = described("Index of the head word in the sentence's `words`; null for the root or "
                                    "when unparsed.", default=None)
    deprel: Optional[str] = described("Universal dependency relation to the head (`nsubj`); null when unparsed.",
                                      default=None)


@dataclass
class AnalysedSentence(_Plain):
    """A sentence as the backend split it, with its words."""

    start: int = described("Offset of the sentence's first character in the article text.")
    end: int = described("Offset just after the sentence's last character (end exclusive).")
    words: list[AnalysedWord] = described("The sentence's words in order.", default_factory=list)


@dataclass
class Analysis(_Plain):
    """The linguistic analysis behind a record (``extract --analysis``): which backend made it."""

    backend: str = described("The backend that made it: `spacy` (tokens only) or `stanza`.")
    sentences: list[AnalysedSentence] = described("The article's sentences in order.", default_factory=list)


@dataclass
class Record(_Plain):
    """One extracted article, schema v1. ``text`` and ``analysis`` are only written when asked for."""

    id: str = described("The article's id from the input; else the file name (`.txt`, `.html`), `<file>:<line>` "
                        "(`<file>:<row>` for CSV) or `article-<n>` from Python.")
    source: Source = described("Where the article came from.")
    meta: Meta = described("The article's metadata: title, outlet, dateline, publication date, credit lines.")
    entities: list[Entity] = described("One entity per person, organisation or place named in the article.",
                                       default_factory=list)
    facts: list[Fact] = described("The facts, each with its `type` and `evidence`. Fields that name an entity hold "
                                  "its `id` (the text where the thing is not an entity). `value` is a JSON number "
                                  "for `money`, `quantity` and `metric` facts and an ISO date string (`YYYY`, "
                                  "`YYYY-MM`, `YYYY-MM-DD`) for `date` facts.", default_factory=list)
    warnings: list[str] = described("What could not be done for this article (`no publication date to resolve "
                                    "'kemarin'`); empty when nothing went wrong.", default_factory=list)
    schema_version: Literal["1"] = described("The version of this format.", default=SCHEMA_VERSION)
    text: Optional[str] = described("The article text that every offset indexes (`text[start:end]`); only with "
                                    "`extract --include-text`, left out otherwise.", default=None)
    analysis: Optional[Analysis] = described("Sentences and words of the article (`extract --analysis`); left out "
                                             "otherwise.", default=None)
    _optional = ("text", "analysis")  # left out of the output (and not required) when None

    def to_dict(self) -> dict:
        out = super().to_dict()
        for key in self._optional:
            if out[key] is None:
                del out[key]
        # schema_version first, as in SCHEMA.md, so records are easy to eyeball
        return {"schema_version": out.pop("schema_version"), **out}


@dataclass
class ErrorInfo(_Plain):
    """What went wrong with an article."""

    type: str = described("The kind of failure: `InvalidJSON`, `MissingText`, `InvalidInput`, `UnreadableFile`, `not_text`, "
                          "or the class of the exception raised while processing the article.")
    message: str = described("What went wrong, naming the file and line (or the stage that failed).")


@dataclass
class ErrorRecord(_Plain):
    """Stands in for an article that could not be processed: nothing is silently dropped."""

    id: str = described("The article's id as a record would have it (`<file>:<line>` for a line without one, the "
                        "file's name for an unreadable file).")
    error: ErrorInfo = described("What went wrong.")
    source: Source = described("Where the article came from.", default_factory=Source)
    schema_version: Literal["1"] = described("The version of this format.", default=SCHEMA_VERSION)


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


def _description(text: str) -> str:
    """A docstring as one line of Markdown (``x`` -> `x`)."""
    return " ".join(text.split()).replace("``", "`")


def _dataclass_schema(cls) -> dict:
    hints = typing.get_type_hints(cls)
    props = {f.name: {"description": _description(f.metadata.get("description", "")), **_type_schema(hints[f.name])}
             for f in dataclasses.fields(cls)}
    optional = getattr(cls, "_optional", ())
    return {"type": "object", "description": _description(cls.__doc__ or ""),
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
