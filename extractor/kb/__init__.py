"""The knowledge base: records of many articles in one database (SQLite file or PostgreSQL),
with entities across articles, region codes, views and exports. It reads records, never articles.

    extractor kb load records/ --db kb.sqlite
    extractor kb load records/ --db postgresql://user@host/kb

``db.connect`` opens (or creates) a KB; ``loader.load`` streams records into it.
"""
from .db import KB, KBError, connect
from .loader import LoadStats, load

__all__ = ["KB", "KBError", "connect", "load", "LoadStats"]
