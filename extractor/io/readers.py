"""Read articles lazily from JSON Lines, CSV, text and HTML files (gzip too), directories and stdin.

Every input item becomes an ``Article`` or an ``InputError`` in input order, so a bad line or
an unreadable file is reported in its place and the run goes on; nothing is skipped silently.
Gold files (``*.gold.jsonl``) inside a directory are not inputs. Scraped datasets name their
fields differently: ``Fields`` says which field holds the text, id, date, title, URL or HTML.
"""
from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional, Union

from ..article import Article, InputError, Item
from .text import NOT_TEXT, bad_bytes_warning, decode_html, decode_utf8, not_text, text_lines

RECORD_SUFFIXES = (".jsonl", ".jsonl.gz", ".csv", ".csv.gz")
INPUT_SUFFIXES = RECORD_SUFFIXES + (".txt", ".html", ".htm")
GOLD_SUFFIX = ".gold.jsonl"
DATE_ORDERS = ("DMY", "MDY", "YMD")


@dataclass(frozen=True)
class Fields:
    """Names of the input fields (JSON Lines keys, CSV header columns); ``html`` holds a page to
    extract the main text from when there is no text field."""

    text: str = "text"
    id: str = "id"
    published: str = "published"
    title: str = "title"
    url: str = "url"
    html: str = "html"


def digest(value) -> str:
    """A short fingerprint of ``value`` (JSON data): the first 16 hex digits of the SHA-256 of
    its JSON (ASCII-escaped, so any ``str`` hashes, lone surrogates too).

    >>> digest(["a1", "Bupati hadir di Jepara."])
    '2a78469ad42e0cf3'
    """
    return hashlib.sha256(json.dumps(value).encode("ascii")).hexdigest()[:16]


def fingerprint(item: Item) -> Optional[str]:
    """Which input an item's record is made from (``source.fingerprint``): of an Article the
    ``digest`` of everything of it that reaches the record (id, text, publication date as given,
    title, URL, author, date order), of an InputError the digest of its line or row (None when
    it has none: an unreadable file, a CSV header)."""
    if isinstance(item, InputError) or item.fingerprint:
        return item.fingerprint
    return digest([item.id, item.text, item.published, item.title, item.url, item.author, item.date_order])


class UsageError(Exception):
    """A problem with how the command was called (not with one article)."""


def expand(paths: Iterable[str], outputs: Iterable[str] = ()) -> Iterator[str]:
    """Input paths in order; directories give their input files, recursively, sorted, never one
    of ``outputs`` (the run's own files: ``-o out.jsonl`` inside an input folder is not read back)."""
    written = {Path(o).resolve() for o in outputs}
    for p in paths:
        if p == "-":
            yield p
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if (f.is_file() and f.name.endswith(INPUT_SUFFIXES) and not f.name.endswith(GOLD_SUFFIX)
                        and f.resolve() not in written):
                    yield str(f)
        else:
            yield p


def check_inputs(paths: Iterable[str], outputs: Iterable[str] = ()) -> None:
    """UsageError naming the first input that is no input: a path that does not exist, a file of
    another type, a folder without input files, or a file the run writes (one of ``outputs``)."""
    outputs = [o for o in outputs if o]
    written = {Path(o).resolve() for o in outputs}
    for p in paths:
        if p == "-":
            continue
        path = Path(p)
        if not path.exists():
            raise UsageError(f"{p}: does not exist")
        if path.is_dir():
            if not any(True for _ in expand([p], outputs)):
                raise UsageError(f"{p}: folder holds no input files ({', '.join(INPUT_SUFFIXES)})")
        elif not p.endswith(INPUT_SUFFIXES):
            raise UsageError(f"{p}: unsupported input (expected {', '.join(INPUT_SUFFIXES)}, a folder or -)")
        elif path.resolve() in written:
            raise UsageError(f"{p}: is an input and an output of this run; write the records to another file")


def open_lines(path: str) -> IO[bytes]:
    """The lines of a file as bytes, gunzipped when its name ends in ``.gz`` (``text_lines``
    decodes them, counting invalid UTF-8 line by line)."""
    if path.endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def _str_or_none(value) -> Optional[str]:
    return None if value in (None, "") else str(value)


def article_from_record(obj, where: str, fallback_id: str, name: Optional[str], fields: Fields = Fields(),
                        default_published: Optional[str] = None, date_order: str = "DMY",
                        warnings: Iterable[str] = ()) -> Item:
    """An ``Article`` from one JSON object or CSV row (``where`` names it in messages), or an
    ``InputError`` saying what is wrong with it; ``warnings``: the reader's, about this item."""
    if not isinstance(obj, dict):
        return InputError(fallback_id, "InvalidInput", f"{where}: expected a JSON object, got {type(obj).__name__}", name)
    art_id = str(obj[fields.id]) if obj.get(fields.id) not in (None, "") else fallback_id
    text, html = obj.get(fields.text), obj.get(fields.html)
    title, published = _str_or_none(obj.get(fields.title)), _str_or_none(obj.get(fields.published))
    warnings, author = list(warnings), None
    if text is None and isinstance(html, str):
        from .html import main_text, page_warnings

        reason = not_text(html)
        if reason:
            return InputError(art_id, NOT_TEXT, f"{where}: the \"{fields.html}\" page is {reason}", name)
        page = main_text(html, url=_str_or_none(obj.get(fields.url)))
        text, title, published, author = page.text, title or page.title, published or page.published, page.author
        warnings += page_warnings(page, where, f"the \"{fields.html}\" page")
    if text is None:
        return InputError(art_id, "MissingText", f"{where}: no \"{fields.text}\" field", name)
    if not isinstance(text, str):
        return InputError(art_id, "InvalidInput",
                          f"{where}: \"{fields.text}\" must be a string, got {type(text).__name__}", name)
    return Article(text=text, id=art_id, published=published or default_published, title=title,
                   url=_str_or_none(obj.get(fields.url)), path=name, warnings=warnings, date_order=date_order,
                   author=author)


def read_jsonl(stream: Iterable[Union[str, bytes]], name: str, default_published: Optional[str] = None,
               fields: Fields = Fields(), date_order: str = "DMY", first_line: int = 1) -> Iterator[Item]:
    """Articles from JSON Lines, one object per line (field names from ``fields``); ``first_line``
    numbers the first line when the stream starts inside a file. Lines of bytes are decoded as
    UTF-8, an article from a line with invalid bytes warned of it."""
    stem = _stem(name)
    for lineno, (line, bad) in enumerate(text_lines(stream), first_line):
        if not line.strip():
            continue
        fallback_id = f"{stem}:{lineno}"
        where = f"{name} line {lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(fallback_id, "InvalidJSON", f"{where}: not valid JSON ({exc.msg} at column {exc.colno})",
                             name, digest(line.rstrip("\r\n")))
            continue
        yield _fingerprinted(article_from_record(obj, where, fallback_id, name, fields, default_published, date_order,
                                                 [bad_bytes_warning(where, bad)] if bad else []), line.rstrip("\r\n"))


def _csv_lines(stream: Iterable[Union[str, bytes]], bad_lines: list[tuple[int, int]]) -> Iterator[str]:
    """The lines of ``stream`` as text for ``csv``; appends (line number, invalid bytes) to
    ``bad_lines`` for each line with invalid UTF-8."""
    for lineno, (line, bad) in enumerate(text_lines(stream), 1):
        if bad:
            bad_lines.append((lineno, bad))
        yield line


def read_csv(stream: Iterable[Union[str, bytes]], name: str, default_published: Optional[str] = None,
             fields: Fields = Fields(), date_order: str = "DMY") -> Iterator[Item]:
    """Articles from CSV with a header row (column names from ``fields``); ids default to
    ``<file>:<row>``, the row counted after the header. A row read from lines with invalid UTF-8
    (a quoted cell may span lines) is warned of it, naming the lines."""
    csv.field_size_limit(2 ** 31 - 1)  # article bodies and pages are long
    bad_lines: list[tuple[int, int]] = []  # of the lines csv read since the last row
    reader = csv.DictReader(_csv_lines(stream, bad_lines))
    if reader.fieldnames is None:
        return
    bad_lines.clear()  # the header's own bad bytes are in no article
    if fields.text not in reader.fieldnames and fields.html not in reader.fieldnames:
        yield InputError(_stem(name), "MissingText",
                         f"{name}: the CSV header has no \"{fields.text}\" column (columns: {', '.join(reader.fieldnames)}); "
                         "name the text column with --text-field", name)
        return
    stem = _stem(name)
    for row_no, row in enumerate(reader, 1):
        where = f"{name} row {row_no}"
        warnings = [_bad_lines_warning(where, bad_lines)] if bad_lines else []
        bad_lines.clear()
        if None in row:  # more cells than header columns
            yield InputError(f"{stem}:{row_no}", "InvalidInput", f"{where}: more cells than header columns", name,
                             digest(list(row.items())))
            continue
        yield _fingerprinted(article_from_record(row, where, f"{stem}:{row_no}", name, fields, default_published,
                                                 date_order, warnings), list(row.items()))


def _fingerprinted(item: Item, raw) -> Item:
    """An InputError with the ``digest`` of the line or row (``raw``) it stands for; an Article as it is."""
    return replace(item, fingerprint=digest(raw)) if isinstance(item, InputError) else item


def _bad_lines_warning(where: str, bad_lines: list[tuple[int, int]]) -> str:
    lines = ", ".join(str(lineno) for lineno, _ in bad_lines)
    return bad_bytes_warning(f"{where} (line{'s' if len(bad_lines) > 1 else ''} {lines})",
                             sum(bad for _, bad in bad_lines))


def _stem(name: str) -> str:
    if name == "<stdin>":
        return "stdin"
    base = Path(name).name
    for suffix in INPUT_SUFFIXES:
        if base.endswith(suffix):
            return base[:-len(suffix)]
    return Path(name).stem


def _decode(raw: bytes, path: str) -> tuple[str, list[str]]:
    """A file's bytes as UTF-8 text (a byte order mark dropped) and a warning when bytes were invalid."""
    text, bad = decode_utf8(raw[len(codecs.BOM_UTF8):] if raw.startswith(codecs.BOM_UTF8) else raw)
    return text, [bad_bytes_warning(path, bad)] if bad else []


def read_txt(path: str, default_published: Optional[str] = None, date_order: str = "DMY") -> Article:
    """One article from a plain-text file; invalid UTF-8 is replaced and reported as a warning."""
    text, warnings = _decode(Path(path).read_bytes(), path)
    return Article(text=text, id=_stem(path), published=default_published, path=path, warnings=warnings,
                   date_order=date_order)


def read_html(path: str, default_published: Optional[str] = None, date_order: str = "DMY") -> Item:
    """One article from a saved HTML page (read in the charset it declares): its main text, title
    and date (``html`` extra); an ``InputError`` for a file that is no text (checked before the
    page is parsed)."""
    from .html import main_text, page_warnings

    html, warnings = decode_html(Path(path).read_bytes(), path)
    reason = not_text(html)
    if reason:
        return InputError(_stem(path), NOT_TEXT, f"{path}: {reason}", path)
    page = main_text(html)
    warnings += page_warnings(page, path)
    return Article(text=page.text, id=_stem(path), published=page.published or default_published,
                   title=page.title, path=path, warnings=warnings, date_order=date_order, author=page.author)


def read_inputs(paths: Iterable[str], default_published: Optional[str] = None,
                stdin: Optional[IO] = None, fields: Fields = Fields(), date_order: str = "DMY",
                outputs: Iterable[str] = ()) -> Iterator[Item]:
    """Every article of every input, lazily, in order (``outputs``: files never read, see ``expand``)."""
    for p in expand(paths, outputs):
        yield from read_path(p, default_published, stdin, fields, date_order)


def read_path(p: str, default_published: Optional[str] = None, stdin: Optional[IO] = None,
              fields: Fields = Fields(), date_order: str = "DMY") -> Iterator[Item]:
    """Every article of one input file (``-``: JSON Lines on stdin), lazily, in order."""
    if p == "-":
        stdin = stdin or getattr(sys.stdin, "buffer", sys.stdin)  # bytes: invalid UTF-8 is counted, not fatal
        yield from read_jsonl(stdin, "<stdin>", default_published, fields, date_order)
        return
    try:
        if p.endswith((".jsonl", ".jsonl.gz")):
            with open_lines(p) as fh:
                yield from read_jsonl(fh, p, default_published, fields, date_order)
        elif p.endswith((".csv", ".csv.gz")):
            with open_lines(p) as fh:
                yield from read_csv(fh, p, default_published, fields, date_order)
        elif p.endswith(".txt"):
            yield read_txt(p, default_published, date_order)
        elif p.endswith((".html", ".htm")):
            yield read_html(p, default_published, date_order)
        else:
            raise UsageError(f"{p}: unsupported input (expected {', '.join(INPUT_SUFFIXES)}, a directory or -)")
    except (OSError, EOFError) as exc:  # EOFError: a truncated .gz
        message = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        yield InputError(_stem(p) or p, "UnreadableFile", f"{p}: cannot read ({message})", p)


def count_items(paths: Iterable[str], outputs: Iterable[str] = ()) -> Optional[int]:
    """How many items the inputs hold (non-empty lines, CSV rows, files), for a progress ETA;
    None when unknown (stdin). Cheap next to extraction: the files are only scanned."""
    total = 0
    for p in expand(paths, outputs):
        if p == "-":
            return None
        try:
            if p.endswith((".jsonl", ".jsonl.gz")):
                with open_lines(p) as fh:
                    total += sum(1 for line in fh if line.strip())
            elif p.endswith((".csv", ".csv.gz")):
                with open_lines(p) as fh:
                    total += max(0, sum(1 for _ in csv.reader(line for line, _ in text_lines(fh))) - 1)
            else:
                total += 1
        except (OSError, EOFError, csv.Error):
            total += 1  # reported as one error item when read
    return total
