"""Gazetteer knowledge as an NER input feature: the name lists a word appears in.

The ``name_features`` pipeline component sets every token's tag to a bit mask of the DBpedia
name lists (``../shared/data/gazetteers``) that hold the word in some name: 1 person,
2 organisation, 4 place (``Stefanov`` -> ``NAME1``, ``Jaya`` -> ``NAME7``, ``menteri`` -> ``NAME0``).
Tables built with ``--name-features own`` (not shipped) also set 16 and 32 for words that open
organisation and place names (``Polres``, ``Kabupaten``).
The NER pipeline has no tagger, so the tag is free; a tok2vec that embeds ``TAG`` then learns
how far to trust the lists. The tables hold 8-byte hashes of the words and names
(``extractor.lang.name_hash``), not the words, and are saved with the model, so the pipeline
needs no other file at run time.

Built by ``training/train_ner.py --name-features``; ``load_ner_pipeline`` imports this module so
that spaCy knows the factory.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Optional

import numpy
from spacy.attrs import ORTH, TAG
from spacy.language import Language
from spacy.tokens import Doc

from ..lang import name_hash

FACTORY = "name_features"
TABLE_FILE = "name_words.tsv"
NAMES_FILE = "names.tsv"
LIST_BITS = {"PER": 1, "ORG": 2, "LOC": 4}
FIRST_WORD = 8
HEAD_BITS = {"ORG": 16, "LOC": 32}  # the word opens organisation / place names (``Pemkab``, ``Kecamatan``)
MASKS = 64  # every mask is below this
MAX_NAME_WORDS = 6  # longer listed names are not matched


def name_word_bits(names: dict[str, Iterable[str]], first_words: bool = False,
                   heads: Optional[dict[str, Iterable[str]]] = None) -> dict[str, int]:
    """word -> bit mask of the lists (PER/ORG/LOC) that hold it in some name; ``first_words``:
    also the bit 8 for a word that opens some name; ``heads``: ORG/LOC -> head words
    (``Polres``, ``Kabupaten``), which get the bit 16 or 32.

    >>> bits = name_word_bits({"PER": ["Joko Widodo"], "LOC": ["Kota Jaya"], "ORG": ["Jaya Konstruksi"]})
    >>> bits["Joko"], bits["Jaya"], "Kota" in bits
    (1, 6, True)
    >>> name_word_bits({"PER": ["Joko Widodo"]}, first_words=True)
    {'Joko': 9, 'Widodo': 1}
    >>> name_word_bits({"LOC": ["Ponorogo"]}, heads={"ORG": ["Polres"], "LOC": ["Kabupaten"]})
    {'Ponorogo': 4, 'Polres': 16, 'Kabupaten': 32}
    """
    out: dict[str, int] = {}
    for label, lines in names.items():
        for name in lines:
            for i, word in enumerate(name.split()):
                out[word] = out.get(word, 0) | LIST_BITS[label] | (FIRST_WORD if first_words and i == 0 else 0)
    for label, words in (heads or {}).items():
        for word in words:
            out[word] = out.get(word, 0) | HEAD_BITS[label]
    return out


def name_types(names: dict[str, Iterable[str]]) -> dict[str, str]:
    """name hash -> PER/ORG/LOC, for the names that only one list holds.

    >>> types = name_types({"PER": ["Joko Widodo", "Jaya"], "LOC": ["Jaya"]})
    >>> types[name_hash("Joko Widodo")], name_hash("Jaya") in types
    ('PER', False)
    """
    labels: dict[str, set[str]] = {}
    for label, lines in names.items():
        for name in lines:
            if len(name.split()) <= MAX_NAME_WORDS:
                labels.setdefault(name, set()).add(label)
    return {name_hash(name): next(iter(found)) for name, found in labels.items() if len(found) == 1}


def hashed(bits: dict[str, int]) -> dict[str, int]:
    """The table as stored: word hashes instead of words."""
    return {name_hash(word): b for word, b in bits.items()}


def write_table(table: dict, path: Path) -> None:
    """``hash<TAB>value`` lines: the word masks, or the name types."""
    path.write_text("".join(f"{k}\t{v}\n" for k, v in sorted(table.items())), encoding="utf-8")


def read_table(path: Path, value: Callable = int) -> dict:
    """What ``write_table`` wrote, the values read with ``value`` (``int`` masks, ``str`` types)."""
    table = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        key, _, text = line.partition("\t")
        table[key] = value(text)
    return table


class NameFeatures:
    """Sets each token's tag to its word's name-list mask and, with a names table, to where it
    stands in a whole listed name (see module doc). ``folded``: the tables hold lower-cased
    words and names, for the model of text without capitals, and a name may open with any word."""

    def __init__(self, nlp: Language, name: str = FACTORY, folded: bool = False):
        self.name = name
        self.folded = folded
        self.table: dict[str, int] = {}
        self.names: dict[str, str] = {}  # name hash -> PER/ORG/LOC, empty: words only
        self.tag_ids: dict[str, int] = {}
        self.plain_tags: list[int] = []
        self.bits_of: dict[int, int] = {}  # word (orth id) -> mask, filled as words are seen

    def _tag(self, doc: Doc, tag: str) -> int:
        tag_id = self.tag_ids.get(tag)
        if tag_id is None:
            tag_id = self.tag_ids[tag] = doc.vocab.strings.add(tag)
        return tag_id

    def __call__(self, doc: Doc) -> Doc:
        # read and written as arrays of ids: no spaCy Token object is made per token
        orths = doc.to_array(ORTH).tolist()
        strings = doc.vocab.strings
        bits_of = self.bits_of
        masks = []
        for orth in orths:
            bits = bits_of.get(orth)
            if bits is None:
                bits = bits_of[orth] = self.table.get(name_hash(strings[orth]), 0)
            masks.append(bits)
        places = [""] * len(orths)
        if self.names:
            words = [strings[orth] for orth in orths]
            i = 0
            while i < len(words):
                found = 0
                if masks[i] & FIRST_WORD and (self.folded or words[i][:1].isupper()):
                    for n in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
                        label = self.names.get(name_hash(" ".join(words[i:i + n])))
                        if label:
                            places[i:i + n] = [f"-B-{label}"] + [f"-I-{label}"] * (n - 1)
                            found = n
                            break
                i += found or 1
        plain = self.plain_tags or self._plain_tags(doc)
        tags = [self._tag(doc, f"NAME{bits}{place}") if place else plain[bits] for bits, place in zip(masks, places)]
        if tags:
            doc.from_array([TAG], numpy.array(tags, dtype="uint64"))
        return doc

    def _plain_tags(self, doc: Doc) -> list[int]:
        """Tag ids of the masks outside listed names (most words), made once."""
        self.plain_tags = [self._tag(doc, f"NAME{bits}") for bits in range(MASKS)]
        return self.plain_tags

    def _load(self, table: Path, names: Optional[Path]) -> None:
        self.table = read_table(table)
        self.names = read_table(names, str) if names is not None and names.exists() else {}
        self.bits_of = {}

    def initialize(self, get_examples: Optional[Callable] = None, *, nlp: Optional[Language] = None,
                   table: Optional[str] = None, names: Optional[str] = None) -> None:
        if not table:
            raise ValueError(f"{FACTORY}: set [initialize.components.{self.name}] table to a {TABLE_FILE} file")
        self._load(Path(table), Path(names) if names else None)

    def to_disk(self, path, *, exclude=()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)
        write_table(self.table, Path(path) / TABLE_FILE)
        if self.names:
            write_table(self.names, Path(path) / NAMES_FILE)

    def from_disk(self, path, *, exclude=()) -> "NameFeatures":
        self._load(Path(path) / TABLE_FILE, Path(path) / NAMES_FILE)
        return self


@Language.factory(FACTORY, default_config={"folded": False})
def make_name_features(nlp: Language, name: str, folded: bool) -> NameFeatures:
    return NameFeatures(nlp, name, folded)
