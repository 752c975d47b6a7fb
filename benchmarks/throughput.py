"""Batch throughput and memory: tokenizer only, NER only, full extraction with 1 and N jobs.

    python benchmarks/throughput.py [INPUT.jsonl ...] [--articles 2000] [--runs 3] [--jobs 2]
    python benchmarks/throughput.py --memory-run 20000      # RSS every 1,000 articles, one job

Default input: ``samples/*.jsonl`` plus ``../shared/eval/dev.input.jsonl`` when present,
replicated (ids made unique) to ``--articles`` articles and written to a temporary JSON Lines
file. Every measure runs on the same texts, median of ``--runs``:

- tokenizer only: the pipeline's tokenizer over the texts;
- NER only: tokenizer + NER (``backend.pipe``), the model loaded beforehand;
- full, 1 job / N jobs: ``extractor.batch.run`` from the input file to an output file, wall time
  of the whole run as a user starts it (reading, writing, loading the model, in every worker for
  N jobs); the start-up alone is timed on a 1-article input, and steady rates leave it out.

Peak RSS: this process (the 1-job run and the NER runs) and the largest worker process.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import extractor  # noqa: E402
from extractor.batch import BatchOptions, run  # noqa: E402
from timing import default_inputs, median_time, peak_rss_mb  # noqa: E402


def replicate(inputs: list[Path], n: int, path: Path) -> list[str]:
    """``n`` articles cycled from the inputs, written to ``path``; returns their texts."""
    base = [json.loads(line) for p in inputs for line in p.open(encoding="utf-8") if line.strip()]
    texts = []
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            art = dict(base[i % len(base)], id=f"bench-{i:07d}")
            texts.append(art["text"])
            fh.write(json.dumps(art, ensure_ascii=False) + "\n")
    return texts


def memory_run(n: int, inputs: list[Path]) -> int:
    """RSS of a one-job run every 1,000 articles: flat means nothing accumulates."""
    import psutil

    proc = psutil.Process()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        replicate(inputs, n, src)
        ex = extractor.load()
        from extractor.io.readers import read_inputs
        from extractor.io.writers import dumps

        t0 = time.perf_counter()
        print(f"{'articles':>9} {'RSS MB':>8} {'articles/s':>11}")
        with open(Path(tmp) / "out.jsonl", "w", encoding="utf-8") as out:
            for i, rec in enumerate(ex.extract_many(read_inputs([str(src)])), 1):
                out.write(dumps(rec) + "\n")
                if i % 1000 == 0:
                    print(f"{i:>9,} {proc.memory_info().rss / 2**20:>8.0f} {i / (time.perf_counter() - t0):>11.1f}",
                          flush=True)
    print(f"peak RSS {peak_rss_mb():.0f} MB")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", type=Path)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--memory-run", type=int, metavar="N", help="only the memory check over N articles")
    args = ap.parse_args(argv)
    inputs = args.inputs or default_inputs()
    if args.memory_run:
        return memory_run(args.memory_run, inputs)

    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        texts = replicate(inputs, args.articles, src)
        t0 = time.perf_counter()
        ex = extractor.load()
        load_s = time.perf_counter() - t0
        nlp = ex.backend.nlp
        n_tokens = sum(len(d) for d in nlp.tokenizer.pipe(texts))
        results = {
            "tokenizer only": median_time(lambda: sum(1 for _ in nlp.tokenizer.pipe(texts, batch_size=256)), args.runs),
            "NER only": median_time(lambda: sum(1 for _ in ex.backend.pipe(texts)), args.runs),
        }
        rss_ner = peak_rss_mb()
        # full runs as a user starts them: the model is loaded inside the run (in every worker
        # for N jobs); that start-up is also timed apart, on a 1-article input, for steady rates
        tiny = Path(tmp) / "tiny.jsonl"
        with src.open(encoding="utf-8") as fh:
            tiny.write_text(fh.readline(), encoding="utf-8")
        startup = {}
        for jobs in (1, args.jobs):
            name = f"full, {jobs} job{'s' if jobs > 1 else ''}"
            opts = BatchOptions(inputs=(str(src),), output=str(out), jobs=jobs, progress=False)
            startup[name] = median_time(lambda: run(BatchOptions(inputs=(str(tiny),), output=str(out), jobs=jobs,
                                                           progress=False)), 1)
            results[name] = median_time(lambda: run(opts), args.runs)
        rss_full1 = peak_rss_mb()
        rss_worker = peak_rss_mb(resource.RUSAGE_CHILDREN)

    n = args.articles
    print(f"{n:,} articles, {n_tokens:,} tokens ({n_tokens / n:.0f} per article), median of {args.runs} runs; "
          f"model load {load_s:.1f} s")
    print(f"{'stage':<16} {'articles/s':>11} {'tokens/s':>11}")
    for name, secs in results.items():
        print(f"{name:<16} {n / secs:>11,.1f} {n_tokens / secs:>11,.0f}")
    one, many = (f"full, {j} job{'s' if j > 1 else ''}" for j in (1, args.jobs))
    steady = {k: n / (results[k] - startup[k]) for k in (one, many)}
    print(f"start-up (model load, workers): 1 job {startup[one]:.1f} s, {args.jobs} jobs {startup[many]:.1f} s; "
          f"steady: 1 job {steady[one]:,.1f} articles/s, {args.jobs} jobs {steady[many]:,.1f} articles/s")
    print(f"{args.jobs} jobs / 1 job: {results[one] / results[many]:.2f}x whole runs, "
          f"{steady[many] / steady[one]:.2f}x steady")
    tokenizer_rate = n / results["tokenizer only"]
    print(f"the tokenizer alone is {tokenizer_rate / steady[one]:.1f}x faster than full extraction on 1 job (steady)")
    print(f"peak RSS: this process {rss_ner:.0f} MB after the NER runs (one pipeline), {rss_full1:.0f} MB after the "
          f"1-job runs (which load a second one); largest worker process {rss_worker:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
