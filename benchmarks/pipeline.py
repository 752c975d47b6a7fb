"""How much the fact stages add to the NER pipeline, on news-length articles.

    python benchmarks/pipeline.py [INPUT.jsonl ...] [--repeat-articles 4] [--runs 3]

Default input: ``samples/*.jsonl`` (gold files skipped) plus ``../shared/eval/dev.input.jsonl``
when present. Times, on the same texts in one process (median of ``--runs``):
the NLP backend alone (tokenizer + NER), the whole ``extract_many``, and each stage of one
more pass (``timing.stage_clock``); prints articles/s, tokens/s and the overhead ratio full / NER.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import extractor  # noqa: E402
from timing import default_inputs, median_time, stage_clock  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", type=Path)
    ap.add_argument("--repeat-articles", type=int, default=4, help="replicate the articles this many times")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    articles = [json.loads(line) for p in (args.inputs or default_inputs()) for line in p.open(encoding="utf-8") if line.strip()]
    articles = articles * args.repeat_articles
    texts = [a["text"] for a in articles]
    ex = extractor.load()
    nlp = ex.backend.nlp
    n_tokens = sum(len(nlp.make_doc(t)) for t in texts)

    ner = median_time(lambda: list(ex.backend.pipe(texts)), args.runs)
    full = median_time(lambda: list(ex.extract_many(articles)), args.runs)

    with stage_clock(ex) as clock:  # one more pass, every stage timed
        list(ex.extract_many(articles))

    print(f"{len(texts)} articles, {n_tokens} tokens ({n_tokens / len(texts):.0f} per article), median of {args.runs} runs")
    print(f"NER pipeline alone : {len(texts) / ner:8.1f} articles/s {n_tokens / ner:10,.0f} tokens/s")
    print(f"full extraction    : {len(texts) / full:8.1f} articles/s {n_tokens / full:10,.0f} tokens/s")
    print(f"facts add          : {100 * (full - ner) / ner:7.1f} % to the NER time")
    print("time per stage (one pass):")
    for name, secs in sorted(clock.seconds.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<34}{1000 * secs / len(texts):7.2f} ms/article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
