"""Command-line tool: ``extractor extract | evaluate | schema``, ``extractor --version``.

    extractor extract samples/ -o out.jsonl
    extractor extract archive.jsonl.gz -o out.jsonl --jobs 2 --resume --errors errors.jsonl
    extractor extract scraped.csv --text-field content --published-field date -o out.jsonl
    cat news.jsonl | extractor extract - -o out.jsonl
    extractor extract archive.jsonl --dask local --jobs 2 -o records/      (partitioned output)
    extractor evaluate samples/seed.gold.jsonl out.jsonl [--show-errors] [--json]
    extractor schema > record.schema.json

Exit status of ``extract``: 0 when every article got a record, 1 when any article got an
error record or an input file could not be read (or ``--fail-fast`` stopped the run), 2 for
usage errors. Exit status of ``evaluate``: 0 when scored, 1 when no record has the id of a gold
article (or a file is empty), 2 for usage errors (a file missing or not JSON Lines).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .io.readers import DATE_ORDERS, INPUT_SUFFIXES, Fields, UsageError, check_inputs
from .limits import ARTICLE_SECONDS, MAX_ARTICLE_CHARS


class _Version(argparse.Action):
    """``--version``: print the package name and version and exit (looked up only when asked)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, help="print the package name and version and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        from . import DISTRIBUTION, __version__

        print(f"{DISTRIBUTION} {__version__}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="extractor", description="Structured facts from Indonesian news text.")
    ap.add_argument("--version", action=_Version)
    sub = ap.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract records from articles",
                        description="Write one JSON record per input article, in input order.")
    ex.add_argument("inputs", nargs="+", metavar="INPUT",
                    help=f"input files ({', '.join(INPUT_SUFFIXES)}), directories of them, or - for stdin JSON Lines")
    ex.add_argument("-o", "--output", help="output .jsonl (default: stdout); a directory with --dask/--scheduler")
    ex.add_argument("--published", help="publication date for articles that have none")
    ex.add_argument("--date-order", choices=DATE_ORDERS, default="DMY",
                    help="how to read ambiguous publication dates such as 05/06/2025 (default DMY)")
    fields = ex.add_argument_group("input fields (JSON Lines keys, CSV columns)")
    for name in ("text", "id", "published", "title", "url", "html"):
        fields.add_argument(f"--{name}-field", default=name, metavar="NAME", help=f"field holding the {name} (default {name})")
    ex.add_argument("--model", help="spaCy NER pipeline directory, with an optional caseless/ companion for text "
                    "without capitals (default: id_news_ner of the model set; the whole set, NER, word lists and "
                    "names, comes from the folder in the EXTRACTOR_MODELS environment variable when it is set, "
                    "else from the models installed with the package)")
    ex.add_argument("--backend", choices=["spacy", "stanza"], default="spacy",
                    help="tokens and sentences from the project's spaCy pipeline (default) or from stanza "
                         "(POS, lemmas and, with official models, dependencies; needs the stanza extra)")
    ex.add_argument("--stanza-dir", metavar="DIR",
                    help="with --backend stanza: a stanza resources directory holding the official Indonesian "
                         "models (default: the embedded id_stanza of the model set)")
    ex.add_argument("--analysis", action="store_true",
                    help="add each record's sentences and words (POS, lemma, head, relation where the backend has them)")
    ex.add_argument("--include-text", action="store_true",
                    help="add each article's text to its record (\"text\"): the text that every offset indexes")
    ex.add_argument("--max-chars", type=int, default=MAX_ARTICLE_CHARS, metavar="N",
                    help=f"cut longer articles at N characters, with a warning (default {MAX_ARTICLE_CHARS:,}; 0: never)")
    ex.add_argument("--article-timeout", type=float, default=ARTICLE_SECONDS, metavar="SECONDS",
                    help="an article whose rules and facts take longer gets an error record of type \"timeout\" "
                         f"and the run goes on (default {ARTICLE_SECONDS:g}; 0: no limit)")
    ex.add_argument("--batch-size", type=int, default=32, help="articles per NLP batch and per flushed write (default 32)")
    ex.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default 1)")
    ex.add_argument("--resume", action="store_true",
                    help="keep the records in the output (or in OUT.partial, left by a killed run) of articles "
                         "whose input is unchanged, extract the changed and new ones, drop the records of articles "
                         "no longer in the input; the output stays in input order")
    ex.add_argument("--errors", metavar="FILE", help="also write the error records to FILE")
    ex.add_argument("--fail-fast", action="store_true", help="stop at the first article that fails")
    ex.add_argument("-q", "--quiet", action="store_true",
                    help="nothing on stderr (no progress, notices or summary) but a usage or fatal error")
    ex.add_argument("--progress", action="store_true", help="show progress even when stderr is not a terminal")
    cluster = ex.add_mutually_exclusive_group()
    cluster.add_argument("--dask", choices=["local"], help="run on a local Dask cluster of --jobs processes")
    cluster.add_argument("--scheduler", metavar="ADDRESS", help="run on the Dask cluster at ADDRESS (tcp://host:8786)")
    ex.add_argument("--part-lines", type=int, default=2000, metavar="N",
                    help="with --dask/--scheduler: JSON Lines per partition and output part (default 2000)")

    _add_evaluate(sub)
    _add_label_studio(sub)
    sub.add_parser("schema", help="print the JSON Schema of an output record, every field described",
                   description="The JSON Schema of one output line, with a description of every field "
                               "(the record format is described in the project's docs/record-format.md).")
    return ap


def _add_evaluate(sub) -> None:
    ev = sub.add_parser("evaluate", help="score records against gold annotations",
                        description="Per-field precision, recall and F1 of records against gold annotations. The gold "
                                    "format, the matching rules and the output are described in the project's "
                                    "docs/gold-format.md. Exit status 1 when no record has the id of a gold article.")
    ev.add_argument("gold", help="gold .jsonl")
    ev.add_argument("pred", help="records .jsonl written by `extractor extract`")
    ev.add_argument("--json", action="store_true", help="print the scores as JSON")
    ev.add_argument("--show-errors", action="store_true", help="list every missed and spurious item")


def _add_records_and_inputs(parser) -> None:
    """The records a command reads, and the inputs that give their texts."""
    parser.add_argument("records", help="records .jsonl written by `extractor extract`")
    parser.add_argument("--input", nargs="+", default=[], metavar="INPUT",
                        help="the inputs the records were made from (for their texts, when the records were "
                             "written without --include-text)")


def _add_label_studio(sub) -> None:
    exp = sub.add_parser("export", help="records as annotation tasks to correct (Label Studio)",
                         description="Write records as Label Studio tasks: the article text with every entity "
                                     "mention and fact evidence as a labelled region, and next to OUT the labelling "
                                     "config they need (OUT without .json + .label_config.xml).")
    _add_records_and_inputs(exp)
    exp.add_argument("--format", choices=["label-studio"], default="label-studio")
    exp.add_argument("-o", "--output", required=True, metavar="TASKS.json")
    imp = sub.add_parser("import-gold", help="a Label Studio export of corrected tasks as gold lines",
                         description="Read a Label Studio JSON export of tasks made by `extractor export` and "
                                     "corrected, and write one gold line per annotated task (docs/gold-format.md), "
                                     "which `extractor evaluate` scores against.")
    imp.add_argument("export", help="the JSON export of the Label Studio project")
    imp.add_argument("-o", "--output", required=True, metavar="GOLD.jsonl")
    from .kb.cli import add_parser as add_kb_parser
    add_kb_parser(sub)
    rep = sub.add_parser("report", help="one HTML page to look at the records (and at their errors against gold)",
                         description="Write one self-contained HTML page: each article's text with its entities "
                                     "marked and its facts in tables linked to their evidence; with --gold, every "
                                     "item marked correct, spurious or missed and a summary of the scores.")
    _add_records_and_inputs(rep)
    rep.add_argument("--gold", metavar="GOLD.jsonl", help="gold annotations (docs/gold-format.md)")
    rep.add_argument("--ids", nargs="+", metavar="ID", help="only these articles")
    rep.add_argument("--limit", type=int, metavar="N", help="only the first N articles")
    rep.add_argument("-o", "--output", required=True, metavar="REPORT.html")


def _check_extract_args(args) -> None:
    from .normalize.dates import parse_published

    if args.published and parse_published(args.published, args.date_order) is None:
        raise UsageError(f"--published {args.published!r} is not a date (use YYYY-MM-DD)")
    if args.batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    if args.max_chars < 0 or args.article_timeout < 0:
        raise UsageError("--max-chars and --article-timeout must be 0 (no limit) or more")
    if args.stanza_dir and args.backend != "stanza":
        raise UsageError("--stanza-dir needs --backend stanza")
    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    if args.resume and not args.output:
        raise UsageError("--resume needs --output (the file to resume)")
    if (args.dask or args.scheduler) and not args.output:
        raise UsageError("--dask/--scheduler write partitioned output: give a directory with --output")
    if (args.dask or args.scheduler) and "-" in args.inputs:
        raise UsageError("--dask/--scheduler read files, not stdin")
    if args.dask or args.scheduler:  # without them, batch.run checks paths and models first
        check_inputs(args.inputs)
        _load_options(args).check()


def _fields(args) -> Fields:
    return Fields(text=args.text_field, id=args.id_field, published=args.published_field,
                  title=args.title_field, url=args.url_field, html=args.html_field)


def _load_options(args):
    from . import LoadOptions

    return LoadOptions(backend=args.backend, model_dir=args.model, stanza_dir=args.stanza_dir,
                       batch_size=args.batch_size, analysis=args.analysis, include_text=args.include_text,
                       max_chars=args.max_chars or None, article_seconds=args.article_timeout or None)


def _batch_options(args):
    from .batch import BatchOptions

    return BatchOptions(inputs=tuple(args.inputs), output=args.output, errors=args.errors, jobs=args.jobs,
                        resume=args.resume, fail_fast=args.fail_fast,
                        progress=False if args.quiet else (True if args.progress else None), quiet=args.quiet,
                        published=args.published, fields=_fields(args), date_order=args.date_order,
                        load=_load_options(args))


def cmd_extract(args) -> int:
    _check_extract_args(args)
    if args.dask or args.scheduler:
        from .dask import run as run_dask

        counts = run_dask(args.inputs, args.output, scheduler=args.scheduler or "local", jobs=args.jobs,
                          options=_load_options(args), published=args.published, fields=_fields(args),
                          date_order=args.date_order, lines_per_part=args.part_lines)
        if not args.quiet:
            print(f"extractor: {counts['articles']} articles, {counts['records']} records, {counts['errors']} error "
                  f"records in {counts['parts']} parts under {args.output}", file=sys.stderr)
        return 1 if counts["errors"] else 0
    from .batch import WorkerDied, run

    if args.backend == "spacy":
        from .nlp.spacy_backend import import_thinc_without_torch

        import_thinc_without_torch()  # this process runs no torch model
    try:
        summary = run(_batch_options(args))
    except WorkerDied as exc:
        print(f"extractor extract: error: {exc}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"extractor: {summary.line()}", file=sys.stderr)
    return 1 if summary.failed else 0


def cmd_evaluate(args) -> int:
    from .evaluate import error_lines, load_jsonl, score, unmatched

    golds, records = load_jsonl(args.gold), load_jsonl(args.pred)
    problem = unmatched(args.gold, golds, args.pred, records)
    if problem:
        print(f"extractor evaluate: error: {problem}", file=sys.stderr)
        return 1
    report = score(golds, records)
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


def cmd_export(args) -> int:
    from . import __version__
    from .evaluate import load_jsonl
    from .labelstudio import label_config, tasks

    texts = _texts(args.input, args.output)
    records = load_jsonl(args.records)
    made = tasks(records, texts, version=f"extractor {__version__}")
    out = Path(args.output)
    config = out.with_name(out.name.removesuffix(".json") + ".label_config.xml")
    out.write_text(json.dumps(made, ensure_ascii=False, indent=1), encoding="utf-8")
    config.write_text(label_config(), encoding="utf-8")
    print(f"extractor: {len(made)} tasks -> {out}; labelling config -> {config}", file=sys.stderr)
    return 0


def _texts(inputs: list[str], output: str) -> dict[str, str]:
    """Article text by id, from the inputs the records were made from."""
    from .article import Article
    from .io.readers import check_inputs, read_inputs

    check_inputs(inputs, [output])
    return {a.id: a.text for a in read_inputs(inputs) if isinstance(a, Article)}


def cmd_report(args) -> int:
    from .article import record_text
    from .evaluate import load_jsonl
    from .report import page

    texts = _texts(args.input, args.output)
    records = [r for r in load_jsonl(args.records) if not args.ids or str(r.get("id")) in args.ids][:args.limit]
    missing = [str(r.get("id")) for r in records if "error" not in r and record_text(r, texts) is None]
    if missing:
        raise UsageError(f"no text for {', '.join(missing[:3])}: extract with --include-text, or give the inputs with --input")
    golds = load_jsonl(args.gold) if args.gold else None
    Path(args.output).write_text(page(records, texts, golds), encoding="utf-8")
    print(f"extractor: {len(records)} articles -> {args.output}", file=sys.stderr)
    return 0


def cmd_import_gold(args) -> int:
    from .labelstudio import gold_lines

    try:
        export = json.loads(Path(args.export).read_text(encoding="utf-8"))
    except ValueError as exc:
        raise UsageError(f"{args.export}: not JSON ({exc})") from None
    lines, left_out = gold_lines(export, args.export)
    Path(args.output).write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in lines), encoding="utf-8")
    print(f"extractor: {len(lines)} gold lines -> {args.output}"
          + (f"; {left_out} tasks nobody annotated left out" if left_out else ""), file=sys.stderr)
    return 0


def main(argv=None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "extract":
            return cmd_extract(args)
        if args.command == "evaluate":
            return cmd_evaluate(args)
        if args.command == "export":
            return cmd_export(args)
        if args.command == "import-gold":
            return cmd_import_gold(args)
        if args.command == "report":
            return cmd_report(args)
        if args.command == "kb":
            from .kb.cli import run as run_kb
            return run_kb(args)
        if args.command == "schema":
            from .schema import json_schema

            print(json.dumps(json_schema(), indent=1))
            return 0
    except (UsageError, FileNotFoundError, ValueError, ImportError) as exc:
        print(f"extractor {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `extractor extract ... | head`
        return 0
    return 2
