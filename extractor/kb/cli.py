"""``extractor kb ...``: the knowledge base commands (``extractor/cli.py`` hands ``kb`` over here).

    extractor kb load records/ --db kb.sqlite
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .db import KBError, connect

DEFAULT_DB = "kb.sqlite"


def add_parser(sub) -> None:
    kb = sub.add_parser("kb", help="a knowledge base of records: load, query, export",
                        description="A knowledge base of many articles' records, in an SQLite file or PostgreSQL.")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    load = kb_sub.add_parser("load", help="load records into the KB (idempotent, resumable)",
                             description="Load records (files, directories of Dask parts, - for stdin) into the KB. "
                                         "One transaction per file: run the same command again after an "
                                         "interruption and it completes; records already loaded change nothing.")
    load.add_argument("records", nargs="+", metavar="RECORDS", help="record .jsonl(.gz) files, directories, or -")
    _db_option(load)
    load.add_argument("--skip-bad", action="store_true",
                      help="count and skip lines that are not records instead of stopping at the first")
    load.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB,
                        help=f"an SQLite file (default {DEFAULT_DB}, created when missing) or a postgresql:// URL")


def run(args) -> int:
    try:
        if args.kb_command == "load":
            return _load(args)
    except KBError as exc:
        print(f"extractor kb {args.kb_command}: error: {exc}", file=sys.stderr)
        return 2
    return 2


def _load(args) -> int:
    from .loader import load

    missing = [p for p in args.records if p != "-" and not Path(p).exists()]
    if missing:
        raise KBError(f"no such input: {', '.join(missing)}")
    started = time.monotonic()

    def progress(stats) -> None:
        if not args.quiet:
            rate = (stats.loaded + stats.unchanged + stats.older) / max(time.monotonic() - started, 1e-9)
            print(f"kb load: {stats.loaded} loaded, {stats.unchanged} unchanged ({rate:,.0f} records/s)",
                  file=sys.stderr, flush=True)

    with connect(args.db) as kb:
        stats = load(kb, args.records, skip_bad=args.skip_bad, progress=progress)
    for line in stats.skipped_lines[:10]:
        print(f"kb load: skipped {line}", file=sys.stderr)
    if not args.quiet:
        print(f"kb load: {stats.summary()} into {args.db} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0
