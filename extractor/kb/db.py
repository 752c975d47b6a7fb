"""The knowledge base's database: one schema and one set of SQL statements for SQLite and
PostgreSQL, with a thin dialect layer (the placeholder, the float type, how a connection opens).

A KB is an SQLite file (``kb.sqlite``: nothing to start) or a PostgreSQL URL
(``postgresql://user@host/db``). ``connect`` creates the tables of an empty database and refuses
one made by another version of the KB schema, or one holding other tables, without changing it.

>>> import tempfile, os
>>> with tempfile.TemporaryDirectory() as d:
...     kb = connect(os.path.join(d, "kb.sqlite"))
...     kb.one("SELECT value FROM kb_info WHERE key = ?", ("kb_schema_version",))
('1',)
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional, Sequence

from .views import VIEWS

KB_SCHEMA_VERSION = "1"

EVIDENCE = ["ev_start INTEGER", "ev_end INTEGER", "ev_text TEXT"]
FACT_KEY = ["article_id TEXT NOT NULL", "n INTEGER NOT NULL"]

# table -> (columns, primary key). Every row of an article's tables carries its article_id, so
# replacing an article is one DELETE per table. `n` numbers an article's facts of one type in
# record order; `*_local` columns hold the record's entity ids (`E3`), `*_text` a thing that is
# no entity (`40 unit kerja`).
TABLES: dict[str, tuple[list[str], Optional[str]]] = {
    "kb_info": (["key TEXT NOT NULL", "value TEXT NOT NULL"], "key"),
    "articles": (["article_id TEXT NOT NULL", "title TEXT", "url TEXT", "outlet TEXT", "dateline TEXT",
                  "published TEXT", "editor TEXT", "reporter TEXT", "source_path TEXT", "fingerprint TEXT",
                  "schema_version TEXT", "extractor_version TEXT", "model_version TEXT",
                  "record_hash TEXT NOT NULL", "loaded_from TEXT"], "article_id"),
    "article_entities": (["article_id TEXT NOT NULL", "local_id TEXT NOT NULL", "type TEXT NOT NULL",
                          "name TEXT NOT NULL", "aliases TEXT NOT NULL", "region_code TEXT", "entity_key TEXT",
                          "entity_id TEXT"], "article_id, local_id"),
    # a short form an article pairs with an organisation's name (`Kemenkumham`), for ``resolve``
    "short_forms": (["article_id TEXT NOT NULL", "short_key TEXT NOT NULL", "full_key TEXT NOT NULL"],
                    "article_id, short_key, full_key"),
    "mentions": (["article_id TEXT NOT NULL", "local_id TEXT NOT NULL", "start_offset INTEGER",
                  "end_offset INTEGER", "text TEXT"], None),
    "roles": (FACT_KEY + ["person_local TEXT", "person_text TEXT", "title TEXT", "organization_local TEXT",
                          "organization_text TEXT"] + EVIDENCE, "article_id, n"),
    "awards": (FACT_KEY + ["recipient_local TEXT", "recipient_text TEXT", "award TEXT", "giver_local TEXT",
                           "giver_text TEXT", "date TEXT"] + EVIDENCE, "article_id, n"),
    "metrics": (FACT_KEY + ["name TEXT", "scope TEXT", "value FLOAT", "previous FLOAT", "unit TEXT",
                            "direction TEXT"] + EVIDENCE, "article_id, n"),
    "quotes": (FACT_KEY + ["speaker_local TEXT", "speaker_text TEXT", "text TEXT"] + EVIDENCE, "article_id, n"),
    "money": (FACT_KEY + ["value FLOAT", "currency TEXT", "text TEXT"] + EVIDENCE, "article_id, n"),
    "quantities": (FACT_KEY + ["value FLOAT", "unit TEXT", "text TEXT"] + EVIDENCE, "article_id, n"),
    "dates": (FACT_KEY + ["value TEXT", "text TEXT"] + EVIDENCE, "article_id, n"),
    # one thing across articles (``resolve``): its canonical name, the other names, its region code
    "entities": (["entity_id TEXT NOT NULL", "type TEXT NOT NULL", "name TEXT NOT NULL", "region_code TEXT",
                  "region_level TEXT", "region_name TEXT", "province_code TEXT"], "entity_id"),
    "aliases": (["entity_id TEXT NOT NULL", "alias TEXT NOT NULL"], "entity_id, alias"),
    "entity_keys": (["entity_key TEXT NOT NULL", "entity_id TEXT NOT NULL"], "entity_key"),
    # an error record (an article the extractor could not process): kept, never loaded as an article
    "errors": (["article_id TEXT NOT NULL", "error_type TEXT", "message TEXT", "source_path TEXT",
                "loaded_from TEXT"], "article_id"),
}
ARTICLE_TABLES = [t for t in TABLES if "article_id TEXT NOT NULL" in TABLES[t][0] and t != "errors"]
INDEXES = ["CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_id)",
           "CREATE INDEX IF NOT EXISTS article_entities_key ON article_entities (entity_key)",
           "CREATE INDEX IF NOT EXISTS article_entities_entity ON article_entities (entity_id)"]


class KBError(Exception):
    """A KB that cannot be used as asked: another schema version, not a KB, a bad URL."""


@dataclass(frozen=True)
class Dialect:
    name: str
    placeholder: str
    float_type: str


SQLITE = Dialect("sqlite", "?", "REAL")
POSTGRES = Dialect("postgresql", "%s", "DOUBLE PRECISION")


class KB:
    """An open knowledge base: ``sql`` statements are written with ``?`` placeholders and a
    ``FLOAT`` type, which the dialect rewrites."""

    def __init__(self, conn, dialect: Dialect, where: str):
        self.conn, self.dialect, self.where = conn, dialect, where

    def sql(self, statement: str) -> str:
        out = statement.replace("?", self.dialect.placeholder) if self.dialect is POSTGRES else statement
        return out.replace(" FLOAT", f" {self.dialect.float_type}")

    def run(self, statement: str, params: Sequence = ()) -> None:
        self.conn.execute(self.sql(statement), tuple(params))

    def many(self, statement: str, rows: list) -> None:
        if rows:
            cur = self.conn.cursor()
            cur.executemany(self.sql(statement), rows)

    def _execute(self, statement: str, params: Sequence):
        cur = self.conn.cursor()
        cur.execute(self.sql(statement), tuple(params))
        return cur

    def all(self, statement: str, params: Sequence = ()) -> list[tuple]:
        return [tuple(r) for r in self._execute(statement, params).fetchall()]

    def dicts(self, statement: str, params: Sequence = ()) -> list[dict[str, Any]]:
        """The rows as dicts of column name -> value."""
        cur = self._execute(statement, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def one(self, statement: str, params: Sequence = ()) -> Optional[tuple]:
        rows = self.all(statement, params)
        return rows[0] if rows else None

    @contextmanager
    def transaction(self) -> Iterator["KB"]:
        """Everything inside is committed together or not at all (also when the process is killed)."""
        try:
            yield self
        except BaseException:
            self.conn.rollback()
            raise
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "KB":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def is_url(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def connect(db: str) -> KB:
    """The KB at ``db`` (a file path or a PostgreSQL URL), its tables created when it is empty."""
    kb = _open_postgres(db) if is_url(db) else _open_sqlite(db)
    try:
        _check_or_create(kb)
    except BaseException:
        kb.close()
        raise
    return kb


def _open_sqlite(path: str) -> KB:
    parent = Path(path).resolve().parent
    if not parent.is_dir():
        raise KBError(f"{path}: no such folder {parent}")
    if Path(path).is_dir():
        raise KBError(f"{path}: a folder, not an SQLite file")
    conn = sqlite3.connect(path, isolation_level="DEFERRED")
    try:  # WAL with synchronous=NORMAL: a killed process loses no committed transaction, and loads are fast
        conn.execute("PRAGMA journal_mode=WAL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise KBError(f"{path}: not an SQLite database ({exc})") from exc
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=OFF")
    return KB(conn, SQLITE, path)


def _open_postgres(url: str) -> KB:
    try:
        import psycopg
    except ImportError as exc:
        raise KBError(f"{_safe(url)}: PostgreSQL needs the psycopg package "
                      f"(pip install 'indonesian-news-extractor[postgres]')") from exc
    try:
        conn = psycopg.connect(url)
    except psycopg.Error as exc:
        raise KBError(f"{_safe(url)}: cannot connect ({str(exc).strip()})") from exc
    return KB(conn, POSTGRES, _safe(url))


def _safe(url: str) -> str:
    """A URL without its password (in the user part or the query), for messages."""
    import re

    url = re.sub(r"(?i)([?&]password=)[^&]*", r"\1***", url)
    head, at, tail = url.rpartition("@")
    if not at or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, user = head.partition("//")
    return f"{scheme}//{user.split(':', 1)[0]}:***@{tail}"


def _existing_tables(kb: KB) -> set[str]:
    if kb.dialect is SQLITE:
        rows = kb.all("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
    else:
        rows = kb.all("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
    return {r[0] for r in rows}


def _check_or_create(kb: KB) -> None:
    """Create the schema in an empty database; refuse another version's KB or a database of
    other tables, changing nothing."""
    tables = _existing_tables(kb)
    kb.conn.rollback()
    if "kb_info" in tables:
        row = kb.one("SELECT value FROM kb_info WHERE key = ?", ("kb_schema_version",))
        kb.conn.rollback()
        version = row[0] if row else None
        if version != KB_SCHEMA_VERSION:
            raise KBError(f"{kb.where}: made by KB schema version {version}; this extractor reads and writes "
                          f"version {KB_SCHEMA_VERSION} and does not alter another version's KB (load into a new one)")
        return
    if tables:
        raise KBError(f"{kb.where}: holds tables that are not a knowledge base of this extractor "
                      f"({', '.join(sorted(tables)[:5])}); give an empty database or a new file")
    with kb.transaction():
        for name, (columns, key) in TABLES.items():
            kb.run(f"CREATE TABLE {name} ({', '.join(columns + ([f'PRIMARY KEY ({key})'] if key else []))})")
        for statement in INDEXES + view_statements():
            kb.run(statement)
        kb.run("INSERT INTO kb_info (key, value) VALUES (?, ?)", ("kb_schema_version", KB_SCHEMA_VERSION))


def view_statements() -> list[str]:
    return [f"CREATE VIEW {name} AS {query}" for name, query in VIEWS.items()]


def insert_statement(table: str) -> str:
    """``INSERT INTO table VALUES (?, ?, ...)``, one placeholder per column."""
    return f"INSERT INTO {table} VALUES ({', '.join('?' * len(TABLES[table][0]))})"


def column_names(table: str) -> list[str]:
    """The column names of a table of ``TABLES``, in order."""
    return [column.split()[0] for column in TABLES[table][0]]
