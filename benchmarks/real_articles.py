"""Whole-process speed on real scraped articles, one job and several, and where the time goes.

    python benchmarks/real_articles.py [--articles 1600] [--step 5] [--runs 3] [--jobs 2] [--profile] [--json]

Input: a fixed selection from ``../shared/data/raw_news/raw_news.jsonl.gz`` (read in place, never
copied into the project): lines 1, 1 + step, 1 + 2 step, ... (every 5th line by default, so that
every scraper and outlet is in it), ``--articles`` of them, written to a temporary JSON Lines
file as they are.

Timed: the whole process ``python -m extractor extract IN -o OUT -q --jobs N`` as a user starts
it (interpreter start, model load, reading, extraction, writing) with one job and with
``--jobs`` jobs, runs alternated, median of ``--runs``; its peak RSS (the largest process of the
run). Reported: articles/s, the speed-up of N jobs over one, tokens per article.
``--profile``: one more one-job run inside this process, ``extractor.batch.run`` with every stage
timed (``timing.stage_clock``): model load, reading, tokenizer, each NER component, the other
stages and each fact extractor, writing; the table gives each stage's share of the run.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from timing import RAW_NEWS, every_nth_line, run_process, stage_clock  # noqa: E402


def whole_runs(src: Path, out: Path, jobs: tuple[int, ...], runs: int) -> dict[int, list[tuple[float, float]]]:
    """(seconds, peak RSS MB) of each whole-process run, by number of jobs; the job counts are
    alternated within each round so that a busy moment of the machine hits all of them alike."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    results: dict[int, list[tuple[float, float]]] = {j: [] for j in jobs}
    for _ in range(runs):
        for j in jobs:
            cmd = [sys.executable, "-m", "extractor", "extract", str(src), "-o", str(out), "-q", "--jobs", str(j)]
            results[j].append(run_process(cmd, env))
    return results


def profile_run(src: Path, out: Path) -> tuple[dict[str, float], float]:
    """(seconds per stage, wall seconds) of one one-job run of ``extractor.batch.run`` in
    this process, the model loaded inside the run as the command line does."""
    from extractor.batch import BatchOptions, run

    with stage_clock() as clock:
        t0 = time.perf_counter()
        run(BatchOptions(inputs=(str(src),), output=str(out), jobs=1, progress=False))
        wall = time.perf_counter() - t0
    stages = dict(clock.seconds)
    stages["other (glue code)"] = wall - sum(stages.values())
    return stages, wall


def count_tokens(texts: list[str]) -> int:
    """Tokens of the project's tokenizer over ``texts`` (loads the pipeline)."""
    import extractor
    from extractor.nlp.doc import SPACES

    nlp = extractor.load().backend.nlp
    return sum(len(nlp.make_doc(t.translate(SPACES))) for t in texts)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", type=Path, default=RAW_NEWS, help="gzipped JSON Lines of articles (default raw_news)")
    ap.add_argument("--articles", type=int, default=1600)
    ap.add_argument("--step", type=int, default=5, help="take every STEP-th line, from the first (default 5)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2, help="the job count compared with one job (default 2)")
    ap.add_argument("--profile", action="store_true", help="also time each stage of a one-job run in this process")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = ap.parse_args(argv)
    if not args.source.exists():
        ap.error(f"{args.source} not found")
    lines = every_nth_line(args.source, args.articles, args.step)
    n = len(lines)
    texts = [json.loads(line)["text"] for line in lines]
    result = {"source": str(args.source), "selection": f"every {args.step}th line from the first", "articles": n,
              "characters_per_article": round(sum(map(len, texts)) / n)}

    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "articles.jsonl", Path(tmp) / "records.jsonl"
        src.write_text("".join(lines), encoding="utf-8")
        jobs = (1, args.jobs) if args.jobs > 1 else (1,)
        runs = whole_runs(src, out, jobs, args.runs)
        result["runs"] = {}
        for j, measured in runs.items():
            seconds = statistics.median(s for s, _ in measured)
            result["runs"][str(j)] = {"seconds": round(seconds, 2), "articles_per_s": round(n / seconds, 1),
                                      "all_seconds": [round(s, 2) for s, _ in measured],
                                      "peak_rss_mb": round(max(r for _, r in measured))}
        if args.jobs > 1:
            result["speedup"] = round(result["runs"]["1"]["seconds"] / result["runs"][str(args.jobs)]["seconds"], 2)
        if args.profile:
            stages, wall = profile_run(src, out)
            result["profile"] = {"seconds": round(wall, 2), "stages": {k: round(v, 3) for k, v in stages.items()}}
    tokens = count_tokens(texts)
    result["tokens_per_article"] = round(tokens / n)

    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result, args)
    return 0


def print_table(result: dict, args) -> None:
    n = result["articles"]
    print(f"{n:,} articles of {result['source']} ({result['selection']}), "
          f"{result['tokens_per_article']} tokens and {result['characters_per_article']:,} characters per article")
    print(f"whole process `python -m extractor extract IN -o OUT -q --jobs N`, median of {args.runs} runs:")
    print(f"{'jobs':>5} {'seconds':>8} {'articles/s':>11} {'peak RSS MB':>12}   runs (s)")
    for j, r in result["runs"].items():
        print(f"{j:>5} {r['seconds']:>8.1f} {r['articles_per_s']:>11.1f} {r['peak_rss_mb']:>12}   "
              f"{', '.join(f'{s:.1f}' for s in r['all_seconds'])}")
    if "speedup" in result:
        print(f"{args.jobs} jobs / 1 job: {result['speedup']:.2f}x")
    if "profile" in result:
        prof = result["profile"]
        print(f"where the time goes (one job, in this process, {prof['seconds']:.1f} s = "
              f"{n / prof['seconds']:.1f} articles/s):")
        for stage, secs in sorted(prof["stages"].items(), key=lambda kv: -kv[1]):
            print(f"  {stage:<34}{secs:8.2f} s {1000 * secs / n:8.2f} ms/article {100 * secs / prof['seconds']:6.1f} %")


if __name__ == "__main__":
    sys.exit(main())
