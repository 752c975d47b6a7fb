"""Indonesian language knowledge, loaded from the data files in ``lang/id/``.

Every file is UTF-8 text; ``#`` starts a comment, blank lines are ignored. Lists are one
entry per line; tables are ``key<TAB>value`` lines. Each file names its source in its header.

>>> "Bapak" in load_list("honorifics")
True
>>> load_table("number_words")["empat"]
'4'
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

LANG_DIR = Path(__file__).parent / "id"


def _lines(name: str) -> list[str]:
    path = LANG_DIR / f"{name}.txt"
    if not path.exists():
        raise FileNotFoundError(f"language data file not found: {path}")
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split(" #", 1)[0].rstrip() if not raw.startswith("#") else ""
        if line.strip():
            out.append(line.strip("\n"))
    return out


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


@lru_cache(maxsize=None)
def load_list(name: str) -> tuple[str, ...]:
    """The entries of ``lang/id/<name>.txt`` in file order (immutable, cached)."""
    return tuple(line.strip() for line in _lines(name))


@lru_cache(maxsize=None)
def load_folded(name: str) -> frozenset[str]:
    """The entries of the list file ``lang/id/<name>.txt`` casefolded, as a set for membership tests.

    >>> "yang" in load_folded("function_words")
    True
    """
    return frozenset(entry.casefold() for entry in load_list(name))


@lru_cache(maxsize=None)
def load_table(name: str) -> Mapping[str, str]:
    """``key<TAB>value`` lines of ``lang/id/<name>.txt`` as a read-only mapping.

    Raises ``ValueError`` naming the file and line when a line has no tab.
    """
    table: dict[str, str] = {}
    for lineno, line in enumerate(_lines(name), 1):
        if "\t" not in line:
            raise ValueError(f"{LANG_DIR / name}.txt: entry {lineno} {line!r} has no TAB")
        key, value = line.split("\t", 1)
        table[key.strip()] = value.strip()
    return MappingProxyType(table)
