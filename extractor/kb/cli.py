"""``extractor kb ...``: the knowledge base commands (``extractor/cli.py`` hands ``kb`` over here).

    extractor kb load records/ --db kb.sqlite
    extractor kb show "Abdullah Azwar Anas" --db kb.sqlite
    extractor kb officials --org Kemenkumham --db kb.sqlite
    extractor kb metric "Indeks RB" --db kb.sqlite
    extractor kb export --format jsonld -o kb.jsonld --db kb.sqlite
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from contextlib import nullcontext
from pathlib import Path

from .db import KBError, connect, is_url
from .export import FORMATS

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
    show = kb_sub.add_parser("show", help="one entity: aliases, region, roles over time, awards, quotes, articles",
                             description="Everything the KB holds of the entities named NAME (or with NAME as an "
                                         "alias; else whose name holds it), as JSON.")
    show.add_argument("name", metavar="NAME")
    officials = kb_sub.add_parser("officials", help="officials: person, title, organisation, first and last seen",
                                  description="The officials view as JSON Lines: person, title, organisation, first "
                                              "and last publication date seen, number of articles.")
    officials.add_argument("--org", metavar="NAME", help="only the officials of the organisations named NAME")
    metric = kb_sub.add_parser("metric", help="a metric's series: values by date",
                               description="Every value of the measures named NAME (or holding it), by date, as JSON Lines.")
    metric.add_argument("name", metavar="NAME")
    export = kb_sub.add_parser("export", help="the KB as JSON Lines, JSON-LD (schema.org) or CSV files",
                               description="jsonl: one line per KB entity; jsonld: one schema.org graph; csv: one "
                                           "file per table into the folder -o names.")
    export.add_argument("--format", choices=FORMATS, default="jsonl")
    export.add_argument("-o", "--output", help="the file (jsonl, jsonld; default stdout) or folder (csv, required)")
    for parser in (show, officials, metric, export):
        _db_option(parser)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=DEFAULT_DB,
                        help=f"an SQLite file (default {DEFAULT_DB}, created when missing) or a postgresql:// URL")


def run(args) -> int:
    try:
        if args.kb_command == "load":
            return _load(args)
        if not is_url(args.db) and not Path(args.db).exists():
            raise KBError(f"{args.db}: no such knowledge base (make one with: extractor kb load RECORDS --db {args.db})")
        with connect(args.db) as kb:
            return _query(args, kb)
    except KBError as exc:
        print(f"extractor kb {args.kb_command}: error: {exc}", file=sys.stderr)
        return 2


def _query(args, kb) -> int:
    from . import queries

    if args.kb_command == "show":
        found = queries.profiles(kb, args.name)
        if not found:
            print(f"extractor kb show: no entity named {args.name!r} in {kb.where}", file=sys.stderr)
            return 1
        print(json.dumps(found, ensure_ascii=False, indent=1))
    elif args.kb_command == "officials":
        _json_lines(queries.officials(kb, args.org))
    elif args.kb_command == "metric":
        _json_lines(queries.metric_series(kb, args.name))
    elif args.kb_command == "export":
        return _export(args, kb)
    return 0


def _json_lines(rows: list[dict]) -> None:
    for row in rows:
        print(json.dumps(row, ensure_ascii=False))


def _export(args, kb) -> int:
    from .export import jsonld, write_csv, write_jsonl

    if args.format == "csv":
        if not args.output:
            raise KBError("--format csv writes one file per table: give the folder with -o")
        files = write_csv(kb, Path(args.output))
        print(f"kb export: {len(files)} tables into {args.output}", file=sys.stderr)
        return 0
    with (open(args.output, "w", encoding="utf-8") if args.output else nullcontext(sys.stdout)) as out:
        if args.format == "jsonl":
            write_jsonl(kb, out)
        else:
            json.dump(jsonld(kb), out, ensure_ascii=False, indent=1)
            out.write("\n")
    return 0



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
        where = kb.where  # without a password
    for line in stats.skipped_lines[:10]:
        print(f"kb load: skipped {line}", file=sys.stderr)
    if not args.quiet:
        print(f"kb load: {stats.summary()} into {where} in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0
