"""Indonesian language knowledge, loaded from the data files in ``lang/id/``.

Every file is UTF-8 text; ``#`` starts a comment, blank lines are ignored. Lists are one
entry per line; tables are ``key<TAB>value`` lines. Each file names its source in its header.

>>> "Bapak" in load_list("honorifics")
True
>>> load_table("number_words")["empat"]
'4'
"""
from __future__ import annotations

from hashlib import blake2b

from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

LANG_DIR = Path(__file__).parent / "id"
MANIFEST = "manifest.tsv"
KINDS = ("list", "table")


class DataFileError(ValueError):
    """A language data file that is missing, not in the manifest, or has a bad line."""


def _entries(path: Path) -> list[tuple[int, str]]:
    """(line number, entry) of a data file: comments (``#`` at the start, or after a space) and
    blank lines left out."""
    out = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split(" #", 1)[0].rstrip() if not raw.startswith("#") else ""
        if line.strip():
            out.append((lineno, line))
    return out


def check_data(folder: Path = LANG_DIR) -> dict[str, str]:
    """Name -> kind (``list`` or ``table``) of every data file of ``folder``, from its manifest,
    checked: every file listed exists, every file is listed, every table line has a TAB.
    Raises ``DataFileError`` naming the file and line."""
    manifest, kinds = folder / MANIFEST, {}
    for lineno, line in _entries(manifest):
        name, _, kind = line.partition("\t")
        if kind not in KINDS:
            raise DataFileError(f"{manifest} line {lineno}: {line!r} is not name<TAB>list or name<TAB>table")
        if not (folder / f"{name}.txt").exists():
            raise DataFileError(f"{manifest} line {lineno}: {name}.txt is not in {folder}")
        kinds[name] = kind
    for path in sorted(folder.glob("*.txt")):
        if path.stem not in kinds:
            raise DataFileError(f"{path}: not in {manifest}; add a line `{path.stem}<TAB>list` (or table)")
        for lineno, line in _entries(path) if kinds[path.stem] == "table" else ():
            if "\t" not in line:
                raise DataFileError(f"{path} line {lineno}: {line!r} has no TAB (a table line is key<TAB>value)")
    return kinds


DATA_KINDS = check_data()  # at import: a bad data file stops everything at once, naming file and line


def _lines(name: str, kind: str) -> list[str]:
    """The entries of the data file ``name``, which the manifest must list as a ``kind``."""
    if DATA_KINDS.get(name) != kind:
        known = ", ".join(n for n, k in DATA_KINDS.items() if k == kind)
        raise DataFileError(f"no language {kind} {name!r} in {LANG_DIR / MANIFEST} (the {kind}s: {known})")
    return [line for _, line in _entries(LANG_DIR / f"{name}.txt")]


def alternation(words) -> str:
    """A regex alternation of literal words, longest first (so ``kemarin lusa`` wins over ``kemarin``).

    >>> import regex
    >>> regex.match(alternation(["kemarin", "kemarin lusa"]), "kemarin lusa ia datang")[0]
    'kemarin lusa'
    """
    import regex

    return "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=None)
def load_derived(name: str) -> frozenset[str]:
    """The casefolded words of ``models/id_lexicon/<name>.txt``, a list derived from the corpora
    by ``training/build_lexicon.py`` (not hand-written, so it lives with the models).

    >>> "selamat" in load_derived("common_words")
    True
    """
    from ..models import model_path

    path = model_path("id_lexicon", f"{name}.txt") / f"{name}.txt"
    return frozenset(w.strip().casefold() for w in path.read_text(encoding="utf-8").splitlines()
                     if w.strip() and not w.startswith("#"))


def name_hash(name: str) -> str:
    """The key of a name in ``models/id_gazetteer/names.tsv`` (8-byte BLAKE2b, hex).

    >>> name_hash("Uni Emirat Arab") == name_hash("Uni Emirat Arab") != name_hash("Uni Emirat")
    True
    """
    return blake2b(name.encode("utf-8"), digest_size=8).hexdigest()


@lru_cache(maxsize=1)
def load_gazetteer() -> tuple[Mapping[str, str], int, frozenset[str]]:
    """(name hash -> PER/ORG/LOC, the longest name in words, hashes of the names' first words)
    from ``models/id_gazetteer``, the DBpedia names chosen by ``training/build_gazetteer.py``.

    >>> names, longest, firsts = load_gazetteer()
    >>> names[name_hash("Kalimantan Utara")], names[name_hash("Susilo Bambang Yudhoyono")], longest > 3
    ('LOC', 'PER', True)
    >>> name_hash("Susilo") in firsts, name_hash("dan") in firsts
    (True, False)
    """
    from ..models import model_path

    path = model_path("id_gazetteer", "names.tsv") / "names.tsv"
    names, longest = {}, 1
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            key, label, words = line.split("\t")
            names[key] = label
            longest = max(longest, int(words))
    firsts = frozenset(line for line in (path.parent / "first_words.tsv").read_text(encoding="utf-8").splitlines()
                       if line and not line.startswith("#"))
    return MappingProxyType(names), longest, firsts


@lru_cache(maxsize=None)
def load_list(name: str) -> tuple[str, ...]:
    """The entries of ``lang/id/<name>.txt`` in file order (immutable, cached)."""
    return tuple(line.strip() for line in _lines(name, "list"))


@lru_cache(maxsize=None)
def load_folded(name: str) -> frozenset[str]:
    """The entries of the list file ``lang/id/<name>.txt`` casefolded, as a set for membership tests.

    >>> "yang" in load_folded("function_words")
    True
    """
    return frozenset(entry.casefold() for entry in load_list(name))


@lru_cache(maxsize=None)
def load_table(name: str) -> Mapping[str, str]:
    """``key<TAB>value`` lines of ``lang/id/<name>.txt`` as a read-only mapping (each line was
    checked at import: ``check_data``)."""
    table: dict[str, str] = {}
    for line in _lines(name, "table"):
        key, value = line.split("\t", 1)
        table[key.strip()] = value.strip()
    return MappingProxyType(table)


_WORD_START = None  # compiled on first use


def _word_key(word: str) -> str:
    return word.rstrip(".,:;'’\"”)")


class WordIndex:
    """Where each word of a text starts, exact and casefolded, built once per text so that many
    word-list patterns can be tried only where one of their entries can begin.

    >>> idx = WordIndex("Kapolres Ponorogo AKBP Andin, kata kapolres.")
    >>> idx.exact["Kapolres"], idx.folded["kapolres"]
    ([0], [0, 35])
    """

    def __init__(self, text: str):
        global _WORD_START
        if _WORD_START is None:
            import re

            _WORD_START = re.compile(r"(?<![\w\-])\w[\w\-'’.]*")
        exact: dict[str, list[int]] = {}
        for m in _WORD_START.finditer(text):
            word = m.group()
            if word[-1] in ".'’":
                word = _word_key(word)
            positions = exact.get(word)
            if positions is None:
                exact[word] = [m.start()]
            else:
                positions.append(m.start())
        self.exact = exact
        self._folded: dict[str, list[int]] | None = None

    @property
    def folded(self) -> dict[str, list[int]]:
        if self._folded is None:
            folded: dict[str, list[int]] = {}
            for word, positions in self.exact.items():
                folded.setdefault(word.casefold(), []).extend(positions)
            for positions in folded.values():
                positions.sort()
            self._folded = folded
        return self._folded


class AnchoredPattern:
    """A compiled pattern that opens with one of ``entries`` (a word-list alternation): its
    matches, found by trying the pattern only where an entry's first word starts.

    >>> import regex
    >>> ranks = ["AKBP", "Iptu"]
    >>> p = AnchoredPattern(regex.compile(r"(?i:AKBP|Iptu) (\\w+)"), ranks, fold=True)
    >>> text = "Kapolres AKBP Andin dan IPTU Joko"
    >>> [m[1] for m in p.finditer(text, WordIndex(text))]
    ['Andin', 'Joko']
    """

    def __init__(self, pattern, entries, fold: bool = False):
        self.pattern = pattern
        self.fold = fold
        firsts = {_word_key(e.split()[0]) for e in entries if e.split()}
        self.first = frozenset(f.casefold() for f in firsts) if fold else frozenset(firsts)

    def finditer(self, text: str, index: WordIndex):
        table = index.folded if self.fold else index.exact
        starts = sorted(s for key in self.first & table.keys() for s in table[key])
        pos = 0
        for s in starts:
            if s < pos:
                continue
            m = self.pattern.match(text, s)
            if m:
                yield m
                pos = max(m.end(), s + 1)
