"""How much the fact stages add to the NER pipeline, on news-length articles.

    python benchmarks/pipeline.py [INPUT.jsonl ...] [--repeat-articles 4] [--runs 3]

Default input: ``samples/*.jsonl`` (gold files skipped) plus ``../shared/eval/dev.input.jsonl``
when present. Times, on the same texts in one process (median of ``--runs``):
the NLP backend alone (tokenizer + NER), the whole ``extract_many``, and each stage after the
backend; prints articles/s, tokens/s and the overhead ratio full / NER.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import extractor  # noqa: E402
from extractor.entities import resolve  # noqa: E402
from extractor.facts import EXTRACTORS, Context  # noqa: E402
from extractor.facts import meta as meta_facts  # noqa: E402
from extractor.mentions import apply_rules  # noqa: E402
from extractor.normalize.dates import parse_published  # noqa: E402
from timing import default_inputs, median_time  # noqa: E402


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

    docs = list(ex.backend.pipe(texts))
    stages = {"meta": 0.0, "rules+entities": 0.0, **{k: 0.0 for k in EXTRACTORS}}
    for art, doc in zip(articles, docs):
        t0 = time.perf_counter()
        found = meta_facts.extract(doc)
        t1 = time.perf_counter()
        ents = resolve(doc.text, apply_rules(doc.text, doc.mentions) + found.mentions, found.ignored)
        t2 = time.perf_counter()
        stages["meta"] += t1 - t0
        stages["rules+entities"] += t2 - t1
        ctx = Context(published=parse_published(art.get("published")), entities=ents, ignored=found.ignored)
        for name, fn in EXTRACTORS.items():
            t = time.perf_counter()
            fn(doc, ctx)
            stages[name] += time.perf_counter() - t

    print(f"{len(texts)} articles, {n_tokens} tokens ({n_tokens / len(texts):.0f} per article), median of {args.runs} runs")
    print(f"NER pipeline alone : {len(texts) / ner:8.1f} articles/s {n_tokens / ner:10,.0f} tokens/s")
    print(f"full extraction    : {len(texts) / full:8.1f} articles/s {n_tokens / full:10,.0f} tokens/s")
    print(f"facts add          : {100 * (full - ner) / ner:7.1f} % to the NER time")
    print("time per stage after NER (one pass):")
    for name, secs in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<16}{1000 * secs / len(texts):7.2f} ms/article")
    return 0


if __name__ == "__main__":
    sys.exit(main())
