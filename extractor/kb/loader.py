"""Records into the knowledge base: ``extractor kb load RECORDS... --db PATH``.

Streaming (memory stays flat: rows go out in batches), one transaction per input file (a load
killed at any moment leaves every file either loaded or not; the same command again completes
it), idempotent (a record whose line is already loaded changes nothing; another record of an
article already loaded replaces that article's rows unless it comes from an older extractor).
A line that is not a record stops the load naming the file and line, before anything of that
file is committed (``skip_bad`` counts and skips such lines instead); error records are kept in
the ``errors`` table, not loaded as articles.

>>> import json, os, tempfile
>>> from extractor.kb.db import connect
>>> rec = {"schema_version": "1", "id": "a1", "source": {"path": "x.jsonl"}, "meta": {"published": "2024-10-10"},
...        "entities": [{"id": "E1", "type": "PER", "name": "Heni Susila Wardoyo", "aliases": ["Heni"],
...                      "mentions": [{"start": 0, "end": 19, "text": "Heni Susila Wardoyo"}]}],
...        "facts": [{"type": "quote", "speaker": "E1", "text": "Kami bangga",
...                   "evidence": {"start": 20, "end": 40, "text": "..."}}], "warnings": []}
>>> with tempfile.TemporaryDirectory() as d:
...     path = os.path.join(d, "r.jsonl")
...     _ = open(path, "w").write(json.dumps(rec) + "\\n")
...     with connect(os.path.join(d, "kb.sqlite")) as kb:
...         first, again = load(kb, [path]), load(kb, [path])
...         rows = kb.all("SELECT speaker_local, text FROM quotes")
>>> (first.loaded, again.loaded, again.unchanged, rows)
(1, 0, 1, [('E1', 'Kami bangga')])
"""
from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass, field
from typing import IO, Callable, Iterator, Optional

from ..io.readers import expand, open_lines
from ..schema import SCHEMA_VERSION
from .db import ARTICLE_TABLES, KB, KBError, insert_statement
from .resolve import resolve
from .rows import record_rows

BATCH_RECORDS = 500  # records whose rows are sent to the database together
RECORD_SUFFIXES = (".jsonl", ".jsonl.gz", ".json")


class BadLine(KBError):
    """A line of an input that is not a record: the load of its file stops, nothing of it committed."""


@dataclass
class LoadStats:
    """What a load did: records loaded (new or replacing), unchanged, older than the one loaded,
    error records kept, bad lines skipped (``skip_bad``), and the files read."""

    loaded: int = 0
    replaced: int = 0
    unchanged: int = 0
    older: int = 0
    errors: int = 0
    skipped_lines: list[str] = field(default_factory=list)
    files: int = 0
    entities: int = 0  # KB entities after the load

    def summary(self) -> str:
        return (f"{self.loaded} records loaded ({self.replaced} replacing an older record of their article), "
                f"{self.unchanged} already loaded, {self.older} older than the one loaded, "
                f"{self.errors} error records kept, {len(self.skipped_lines)} bad lines skipped, {self.files} files; "
                f"{self.entities} entities across articles")


def record_files(paths: list[str]) -> Iterator[str]:
    """The files of ``paths`` (directories of Dask parts read recursively; ``-`` is stdin)."""
    for p in expand(paths):
        if p == "-" or p.endswith(RECORD_SUFFIXES) or p in paths:
            yield p


def _lines(path: str, stdin: Optional[IO] = None) -> Iterator[tuple[int, bytes]]:
    if path == "-":
        stream = stdin or getattr(sys.stdin, "buffer", sys.stdin)
        yield from enumerate((line if isinstance(line, bytes) else line.encode("utf-8") for line in stream), 1)
        return
    try:
        with open_lines(path) as fh:
            yield from enumerate(fh, 1)
    except (OSError, EOFError) as exc:  # EOFError: a truncated .gz
        raise KBError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc or type(exc).__name__})") from exc


def parse_record(raw: bytes, where: str) -> dict:
    """The record on one line, or ``BadLine`` naming ``where`` (`file:line`)."""
    try:
        rec = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadLine(f"{where}: not a JSON record ({exc})") from exc
    if not isinstance(rec, dict) or not isinstance(rec.get("id"), str):
        raise BadLine(f"{where}: not a record (a JSON object with an `id`)")
    if rec.get("schema_version") != SCHEMA_VERSION:
        raise BadLine(f"{where}: record schema_version {rec.get('schema_version')!r}; this KB reads version "
                      f"{SCHEMA_VERSION!r}")
    if "error" not in rec:
        problem = record_problem(rec)
        if problem:
            raise BadLine(f"{where}: {problem}")
    return rec


NUMERIC_FIELDS = {"metric": ("value", "previous"), "money": ("value",), "quantity": ("value",)}
FLOAT_MAX = 1.7e308


def record_problem(rec: dict) -> Optional[str]:
    """What makes a record unloadable (a field of the wrong kind), or None."""
    if not isinstance(rec.get("meta", {}), dict) or not isinstance(rec.get("source", {}) or {}, dict):
        return "`meta` and `source` must be objects"
    entities, facts = rec.get("entities", []), rec.get("facts", [])
    if not isinstance(entities, list) or not isinstance(facts, list):
        return "`entities` and `facts` must be lists"
    ids = set()
    for e in entities:
        if not isinstance(e, dict) or not all(isinstance(e.get(k), str) for k in ("id", "type", "name")):
            return "every entity needs a string `id`, `type` and `name`"
        if e["id"] in ids:
            return f"entity id {e['id']!r} twice"
        ids.add(e["id"])
        if not isinstance(e.get("aliases", []), list) or not all(isinstance(a, str) for a in e.get("aliases", [])):
            return f"entity {e['id']}: `aliases` must be a list of strings"
        if not all(isinstance(m, dict) for m in e.get("mentions", [])):
            return f"entity {e['id']}: every mention must be an object"
    for fact in facts:
        if not isinstance(fact, dict):
            return "every fact must be an object"
        for name in NUMERIC_FIELDS.get(fact.get("type"), ()):
            value = fact.get(name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                                      or abs(value) > FLOAT_MAX):
                return f"a {fact['type']} fact's `{name}` must be a number"
    return None


def load(kb: KB, paths: list[str], skip_bad: bool = False, stdin: Optional[IO] = None,
         progress: Optional[Callable[[LoadStats], None]] = None) -> LoadStats:
    """Load every record of ``paths`` into ``kb``; one transaction per file."""
    stats = LoadStats()
    try:
        for path in record_files(paths):
            with kb.transaction():
                _load_file(kb, path, stats, skip_bad, stdin, progress)
            stats.files += 1
    finally:  # the files committed before a bad line are resolved too
        if stats.files:
            with kb.transaction():  # entities across articles, recomputed from every article loaded
                stats.entities = resolve(kb)
    return stats


def _load_file(kb: KB, path: str, stats: LoadStats, skip_bad: bool, stdin, progress) -> None:
    name = "<stdin>" if path == "-" else path
    pending: dict[str, list] = {t: [] for t in ARTICLE_TABLES}
    pending_ids: set[str] = set()
    for line_no, raw in _lines(path, stdin):
        if not raw.strip():
            continue
        try:
            rec = parse_record(raw, f"{name}:{line_no}")
        except BadLine as exc:
            if not skip_bad:
                raise
            stats.skipped_lines.append(str(exc))
            continue
        if rec["id"] in pending_ids:
            _flush(kb, pending, pending_ids)  # the same article twice in a batch: the first goes in first
        if "error" in rec:
            _keep_error(kb, rec, name)
            stats.errors += 1
            continue
        rows = _load_record(kb, rec, raw, name, stats)
        if rows:
            for table, table_rows in rows.items():
                pending[table].extend(table_rows)
            pending_ids.add(rec["id"])
        if len(pending_ids) >= BATCH_RECORDS:
            _flush(kb, pending, pending_ids)
            if progress:
                progress(stats)
    _flush(kb, pending, pending_ids)


def _flush(kb: KB, pending: dict[str, list], pending_ids: set[str]) -> None:
    for table, rows in pending.items():
        kb.many(insert_statement(table), rows)
        rows.clear()
    pending_ids.clear()


def record_hash(raw: bytes) -> str:
    return hashlib.blake2b(raw.strip(), digest_size=16).hexdigest()


def _load_record(kb: KB, rec: dict, raw: bytes, name: str, stats: LoadStats) -> Optional[dict[str, list]]:
    """The rows of a record to insert, after deleting an older record's rows of its article; None
    when the same record, or one from a newer extractor, is loaded already."""
    digest = record_hash(raw)
    version = (rec.get("producer") or {}).get("extractor")
    old = kb.one("SELECT record_hash, extractor_version FROM articles WHERE article_id = ?", (rec["id"],))
    if old and old[0] == digest:
        stats.unchanged += 1
        return None
    if old and _version_key(old[1]) > _version_key(version):
        stats.older += 1
        return None
    if old:
        for table in ARTICLE_TABLES:
            kb.run(f"DELETE FROM {table} WHERE article_id = ?", (rec["id"],))
        stats.replaced += 1
    kb.run("DELETE FROM errors WHERE article_id = ?", (rec["id"],))
    stats.loaded += 1
    return record_rows(rec, digest, name)


def _version_key(version: Optional[str]) -> tuple:
    """`0.10.2` -> (0, 10, 2); a record that names no version sorts first."""
    parts = []
    for part in (version or "").split("."):
        digits = "".join(c for c in part if c.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def _keep_error(kb: KB, rec: dict, name: str) -> None:
    error = rec.get("error") or {}
    kb.run("DELETE FROM errors WHERE article_id = ?", (rec["id"],))
    kb.run(insert_statement("errors"), (rec["id"], str(error.get("type")), str(error.get("message")),
                                        (rec.get("source") or {}).get("path"), name))
