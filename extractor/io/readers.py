"""Read articles lazily from ``.jsonl`` / ``.txt`` files, directories and stdin.

Every input item becomes an ``Article`` or an ``InputError`` in input order, so a bad line or
an unreadable file is reported in its place and the run goes on; nothing is skipped silently.
Gold files (``*.gold.jsonl``) inside a directory are not inputs.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Union

INPUT_SUFFIXES = (".jsonl", ".txt")
GOLD_SUFFIX = ".gold.jsonl"


@dataclass
class Article:
    """One article to extract from; only ``text`` is required."""

    text: str
    id: str = "article"
    published: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    path: Optional[str] = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class InputError:
    """An input item that is not an article (bad JSON, no ``text``, unreadable file)."""

    id: str
    type: str
    message: str
    path: Optional[str] = None


Item = Union[Article, InputError]


class UsageError(Exception):
    """A problem with how the command was called (not with one article)."""


def expand(paths: Iterable[str]) -> Iterator[str]:
    """Input paths in order; directories give their ``.txt``/``.jsonl`` files, recursively, sorted."""
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.name.endswith(INPUT_SUFFIXES) and not f.name.endswith(GOLD_SUFFIX):
                    yield str(f)
        else:
            yield p


def read_jsonl(stream: IO[str], name: str, default_published: Optional[str] = None) -> Iterator[Item]:
    """Articles from JSON Lines: ``{"id", "text", "published"?, "title"?, "url"?}`` per line."""
    stem = Path(name).name.removesuffix(".jsonl") if name != "<stdin>" else "stdin"
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        fallback_id = f"{stem}:{lineno}"
        where = f"{name} line {lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(fallback_id, "InvalidJSON", f"{where}: not valid JSON ({exc.msg} at column {exc.colno})", name)
            continue
        if not isinstance(obj, dict):
            yield InputError(fallback_id, "InvalidInput", f"{where}: expected a JSON object, got {type(obj).__name__}", name)
            continue
        art_id = str(obj["id"]) if obj.get("id") not in (None, "") else fallback_id
        text = obj.get("text")
        if text is None:
            yield InputError(art_id, "MissingText", f"{where}: no \"text\" field", name)
            continue
        if not isinstance(text, str):
            yield InputError(art_id, "InvalidInput", f"{where}: \"text\" must be a string, got {type(text).__name__}", name)
            continue
        yield Article(text=text, id=art_id, published=_str_or_none(obj.get("published")) or default_published,
                      title=_str_or_none(obj.get("title")), url=_str_or_none(obj.get("url")), path=name)


def _str_or_none(value) -> Optional[str]:
    return None if value in (None, "") else str(value)


def read_txt(path: str, default_published: Optional[str] = None) -> Article:
    """One article from a plain-text file; invalid UTF-8 is replaced and reported as a warning."""
    raw = Path(path).read_bytes()
    warnings = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = raw.decode("utf-8", errors="replace")
        warnings.append(f"{path}: invalid UTF-8 (first bad byte at offset {exc.start}); bad bytes replaced with U+FFFD")
    return Article(text=text, id=Path(path).stem, published=default_published, path=path, warnings=warnings)


def read_inputs(paths: Iterable[str], default_published: Optional[str] = None,
                stdin: Optional[IO[str]] = None) -> Iterator[Item]:
    """Every article of every input, lazily, in order."""
    for p in expand(paths):
        if p == "-":
            yield from read_jsonl(stdin or sys.stdin, "<stdin>", default_published)
            continue
        path = Path(p)
        try:
            if p.endswith(".jsonl"):
                with path.open(encoding="utf-8", errors="replace") as fh:
                    yield from read_jsonl(fh, p, default_published)
            elif p.endswith(".txt"):
                yield read_txt(p, default_published)
            else:
                raise UsageError(f"{p}: unsupported input (expected .jsonl, .txt, a directory or -)")
        except OSError as exc:
            yield InputError(path.stem or p, "UnreadableFile", f"{p}: cannot read ({exc.strerror or exc})", p)
