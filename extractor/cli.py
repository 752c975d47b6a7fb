"""Command-line tool: ``extractor extract | evaluate | schema``.

    extractor extract samples/ -o out.jsonl
    extractor extract news.jsonl --published 2024-10-10 > out.jsonl
    cat news.jsonl | extractor extract - -o out.jsonl
    extractor evaluate samples/seed.gold.jsonl out.jsonl [--show-errors] [--json]
    extractor schema > record.schema.json

Exit status of ``extract``: 0 when every input item got a record (error records included),
1 when an input file could not be read, 2 for usage errors.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .io.readers import INPUT_SUFFIXES, InputError, UsageError, expand, read_inputs
from .io.writers import write_jsonl


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="extractor", description="Structured facts from Indonesian news text.")
    sub = ap.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract records from articles",
                        description="Write one JSON record per input article, in input order.")
    ex.add_argument("inputs", nargs="+", metavar="INPUT",
                    help=".jsonl (id, text, published?, title?, url?), .txt, a directory, or - for stdin JSON Lines")
    ex.add_argument("-o", "--output", help="output .jsonl (default: stdout)")
    ex.add_argument("--published", help="publication date (ISO) for articles that have none")
    ex.add_argument("--model", help="spaCy NER pipeline directory (default: models/id_news_ner)")
    ex.add_argument("--batch-size", type=int, default=32, help="articles per NLP batch (default 32)")
    ex.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")

    ev = sub.add_parser("evaluate", help="score records against gold annotations",
                        description="Per-field precision/recall/F1 (rules of SCHEMA.md, as ../shared/eval/score.py).")
    ev.add_argument("gold", help="gold .jsonl")
    ev.add_argument("pred", help="records .jsonl written by `extractor extract`")
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    ev.add_argument("--show-errors", action="store_true", help="list every missed and spurious item")

    sub.add_parser("schema", help="print the JSON Schema of an output record")
    return ap


def _check_inputs(paths: list[str]) -> None:
    for p in paths:
        if p == "-":
            continue
        path = Path(p)
        if path.is_dir():
            if not any(True for _ in expand([p])):
                raise UsageError(f"{p}: directory holds no .txt or .jsonl files")
        elif path.exists() and not p.endswith(INPUT_SUFFIXES):
            raise UsageError(f"{p}: unsupported input (expected .jsonl, .txt, a directory or -)")


def cmd_extract(args) -> int:
    from . import load
    from .normalize.dates import parse_published

    _check_inputs(args.inputs)
    if args.published and parse_published(args.published) is None:
        raise UsageError(f"--published {args.published!r} is not a date (use YYYY-MM-DD)")
    if args.batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    unreadable = []

    def items():
        for item in read_inputs(args.inputs, default_published=args.published):
            if isinstance(item, InputError):
                print(f"extractor: {item.message}", file=sys.stderr)
                if item.type == "UnreadableFile":
                    unreadable.append(item.path)
            yield item

    ex = load(model_dir=args.model, batch_size=args.batch_size)
    t0 = time.perf_counter()
    counts = {"records": 0, "errors": 0}

    def counted(records):
        for rec in records:
            counts["errors" if hasattr(rec, "error") else "records"] += 1
            yield rec

    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        write_jsonl(counted(ex.extract_many(items())), out)
    finally:
        if args.output:
            out.close()
    if not args.quiet:
        secs = time.perf_counter() - t0
        n = counts["records"] + counts["errors"]
        print(f"extractor: {n} articles, {counts['records']} records, {counts['errors']} error records, "
              f"{secs:.1f} s ({n / secs if secs else 0:.1f} articles/s)", file=sys.stderr)
    return 1 if unreadable else 0


def cmd_evaluate(args) -> int:
    from .evaluate import error_lines, load_jsonl, score

    report = score(load_jsonl(args.gold), load_jsonl(args.pred))
    if args.json:
        out = report.to_dict()
        if args.show_errors:
            out["errors"] = [{**e, "item": {k: sorted(v) if isinstance(v, frozenset) else v
                                            for k, v in e["item"].items()}} for e in report.errors]
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    if args.show_errors:
        print("\n".join(error_lines(report)) + "\n")
    print(report.table())
    return 0


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "extract":
            return cmd_extract(args)
        if args.command == "evaluate":
            return cmd_evaluate(args)
        if args.command == "schema":
            from .schema import json_schema

            print(json.dumps(json_schema(), indent=1))
            return 0
    except (UsageError, FileNotFoundError, ValueError) as exc:
        print(f"extractor {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `extractor extract ... | head`
        return 0
    return 2
