"""Label raw news sentences with the whole extractor as teacher (self-training data for the NER).

    python training/self_label.py --out training/work/raw_news.teacher.conll --articles 3000 --sentences 6000

The articles are lines of ``DATA/raw_news/raw_news.jsonl.gz`` outside the every-4th-line sample
that the accuracy work diffs records on (``benchmarks/timing.every_nth_line``: line 1, 5, 9 ...),
taken in order with ``--step``. Each goes through the installed extractor (model, mention rules,
name lists, entity resolution), and its records' entity mentions become the sentence's labels,
so the rules' corrections (products, programmes and titles dropped; split names; names the lists
add) are what the student learns. A sentence is left out when it lies on an ignored line
(boilerplate, credits, headlines), when a mention does not start and end on token boundaries, or
when it is shorter than ``--min-words``. A seeded sample of ``--sentences`` of them is written as
``token<TAB>IOB2 tag`` for ``train_ner.py --extra-train``.
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import extractor  # noqa: E402
from extractor import meta as meta_facts  # noqa: E402
from extractor.article import Article  # noqa: E402
from extractor.pipeline import build_record  # noqa: E402


def article_lines(path: Path, count: int, step: int) -> list[dict]:
    """``count`` articles: every ``step``-th line among those not in the every-4th-line sample."""
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        kept = (line for i, line in enumerate(f) if i % 4 != 0)
        for j, line in enumerate(kept):
            if j % step == 0:
                out.append(json.loads(line))
            if len(out) == count:
                break
    return out


def labelled_sentences(doc, entities, ignored, min_words: int) -> list[list[tuple[str, str]]]:
    """The doc's sentences as (token, IOB2 tag) lists, from the record's entity mentions."""
    spans = sorted((m.start, m.end, e.type) for e in entities for m in e.mentions)
    out = []
    for s, e in doc.sentences:
        if any(a < e and s < b for a, b in ignored):
            continue
        tokens = [t for t in doc.tokens if s <= t.start and t.end <= e and t.text.strip()]
        inside = [sp for sp in spans if s <= sp[0] and sp[1] <= e]
        starts = {t.start: i for i, t in enumerate(tokens)}
        ends = {t.end: i for i, t in enumerate(tokens)}
        if len(tokens) < min_words or any(a not in starts or b not in ends for a, b, _ in inside):
            continue
        tags = ["O"] * len(tokens)
        for a, b, label in inside:
            first, last = starts[a], ends[b]
            tags[first:last + 1] = [f"B-{label}"] + [f"I-{label}"] * (last - first)
        out.append([(t.text, tag) for t, tag in zip(tokens, tags)])
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--step", type=int, default=2, help="every STEP-th article outside the 4th-line sample")
    ap.add_argument("--sentences", type=int, default=6000, help="sample this many sentences (0: all)")
    ap.add_argument("--min-words", type=int, default=4)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    src = args.data / "raw_news" / "raw_news.jsonl.gz"
    if not src.is_file():
        ap.error(f"no raw news at {src}")
    ex = extractor.load()
    sentences = []
    rows = article_lines(src, args.articles, args.step)
    for n, row in enumerate(rows, 1):
        text = row.get("text") or ""
        if not text.strip():
            continue
        article = Article(text=text, id=str(row.get("id", n)), title=row.get("title"), published=row.get("published"))
        doc = ex.backend.process(text)
        record = build_record(article, doc)
        ignored = meta_facts.extract(doc, title=article.title, published=None).ignored
        sentences += labelled_sentences(doc, record.entities, ignored, args.min_words)
        if n % 250 == 0:
            print(f"{n}/{len(rows)} articles, {len(sentences)} sentences", file=sys.stderr)
    if args.sentences and len(sentences) > args.sentences:
        sentences = random.Random(args.seed).sample(sentences, args.sentences)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for sent in sentences:
            f.write("".join(f"{w}\t{t}\n" for w, t in sent) + "\n")
    print(f"{len(sentences)} sentences from {len(rows)} articles -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
