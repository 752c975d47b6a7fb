"""NER accuracy and speed through the real extraction path.

    python benchmarks/ner.py FILE.conll [FILE.conll ...] [--model DIR] [--repeats 5] [--limit N]
    python benchmarks/ner.py training/work/dev.idner.conll --unseen-by OLD_WORK/train.spacy
    python benchmarks/ner.py training/work/dev.*.conll --errors errors.jsonl

Every CoNLL sentence (``token<TAB>tag...``, IOB2, PER/ORG/LOC) becomes a one-sentence article
(tokens joined by spaces) that goes through ``Extractor.extract_many``; the record's
``entities[].mentions`` are compared with the gold spans (exact offsets and type). Prints
per-type and micro P/R/F1, then speed: NER pipeline alone (tokens/s, articles/s, median of
``--repeats`` runs on one process) and the full extractor, plus peak RSS. ``--unseen-by`` leaves
out the sentences a model was trained on in some version (another split, another corpus's copy),
so that a model built on an older split is scored on the sentences it has not seen.
``--errors`` writes every sentence whose mentions differ from the gold, with the missed and the
spurious spans, for reading the errors by corpus and type.
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "training"), str(ROOT / "benchmarks")]

import extractor  # noqa: E402
from timing import median_time  # noqa: E402
from train_ner import read_conll, sentence_key  # noqa: E402  (one CoNLL reader and sentence key for training and benchmarks)

TYPES = ("PER", "ORG", "LOC")


def to_article(sent) -> tuple[str, set[tuple[int, int, str]]]:
    """Text (tokens joined by spaces) and the gold (start, end, type) spans in it."""
    text, spans, pos = [], set(), 0
    starts = []
    for tok, _ in sent:
        starts.append(pos)
        text.append(tok)
        pos += len(tok) + 1
    cur = None
    for i, (tok, tag) in enumerate(sent):
        if tag.startswith("B-") or (tag.startswith("I-") and (cur is None or cur[2] != tag[2:])):
            if cur:
                spans.add(tuple(cur))
            cur = [starts[i], starts[i] + len(tok), tag[2:]]
        elif tag.startswith("I-") and cur:
            cur[1] = starts[i] + len(tok)
        else:
            if cur:
                spans.add(tuple(cur))
            cur = None
    if cur:
        spans.add(tuple(cur))
    return " ".join(text), {s for s in spans if s[2] in TYPES}


def trained_keys(path: Path) -> set[str]:
    """The sentence keys (``train_ner.sentence_key``) of a training set: a ``train.spacy`` that
    ``train_ner.py`` wrote to its ``--work`` folder, or a CoNLL file."""
    if path.suffix == ".spacy":
        import spacy
        from spacy.tokens import DocBin

        docs = DocBin().from_disk(path).get_docs(spacy.blank("id").vocab)
        return {sentence_key([(t.text, "O") for t in doc]) for doc in docs}
    return {sentence_key(s) for s in read_conll(path)}


def unseen(sents: list, keys: set[str]) -> list:
    """The sentences that have no version in ``keys``: ``Survei (LSI)`` counts as seen when
    ``Survei ( LSI )`` was trained on, since the key keeps letters and digits only."""
    return [s for s in sents if sentence_key(s) not in keys]


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": fn}


ERROR_KINDS = ("type", "boundary", "boundary+type", "missed", "spurious")


def error_kinds(gold: set, pred: set) -> Counter:
    """Why spans fail, by the gold type (the predicted type for spurious spans): ``type`` (same
    offsets, other type), ``boundary`` (overlap, same type), ``boundary+type``, ``missed``
    (nothing overlaps) and ``spurious`` (a prediction overlapping no gold span)."""
    out = Counter()
    for g in gold - pred:
        over = [p for p in pred if p[0] < g[1] and g[0] < p[1]]
        if any(p[:2] == g[:2] for p in over):
            kind = "type"
        elif any(p[2] == g[2] for p in over):
            kind = "boundary"
        else:
            kind = "boundary+type" if over else "missed"
        out[(g[2], kind)] += 1
    for p in pred - gold:
        if not any(g[0] < p[1] and p[0] < g[1] for g in gold):
            out[(p[2], "spurious")] += 1
    return out


def sentence_errors(text: str, gold: set, pred: set) -> dict | None:
    """The gold spans a sentence misses and the spans it adds, each as ``[text, type, start]``, or None
    when the two agree: ``{"text": ..., "missed": [["Kemenkeu", "ORG", 52]], "spurious": []}``."""
    def show(spans):
        return [[text[a:b], t, a] for a, b, t in sorted(spans)]
    if gold == pred:
        return None
    return {"text": text, "missed": show(gold - pred), "spurious": show(pred - gold)}


def score(ex, articles, errors_out: list | None = None) -> dict:
    """Per-type and micro P/R/F1 of the records' mentions against the gold spans; with
    ``errors_out``, every sentence that differs is appended to it (``sentence_errors``)."""
    counts = {t: Counter() for t in TYPES}
    errors = Counter()
    records = ex.extract_many([{"id": str(i), "text": text} for i, (text, _) in enumerate(articles)])
    for (text, gold), rec in zip(articles, records):
        pred = {(m.start, m.end, e.type) for e in rec.entities for m in e.mentions}
        if errors_out is not None and (row := sentence_errors(text, gold, pred)):
            errors_out.append(row)
        for t in TYPES:
            g = {s for s in gold if s[2] == t}
            p = {s for s in pred if s[2] == t}
            counts[t].update(tp=len(g & p), fp=len(p - g), fn=len(g - p))
        errors += error_kinds(gold, pred)
    out = {t: prf(counts[t]["tp"], counts[t]["fp"], counts[t]["fn"]) for t in TYPES}
    total = sum(counts.values(), Counter())
    out["micro"] = prf(total["tp"], total["fp"], total["fn"])
    out["errors"] = {t: {k: errors[(t, k)] for k in ERROR_KINDS} for t in TYPES}
    return out


def combined(results: list[dict]) -> dict:
    """The scores of several files as one, from their counts (no second extraction)."""
    total = {t: Counter() for t in TYPES + ("micro",)}
    for res in results:
        for t in total:
            total[t].update({k: res[t][k] for k in ("tp", "fp", "fn")})
    out = {t: prf(c["tp"], c["fp"], c["fn"]) for t, c in total.items()}
    out["errors"] = {t: {k: sum(res["errors"][t][k] for res in results) for k in ERROR_KINDS} for t in TYPES}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("conll", nargs="+", type=Path)
    ap.add_argument("--model", help="spaCy pipeline directory (default models/id_news_ner)")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N sentences per file")
    ap.add_argument("--unseen-by", type=Path, action="append", default=[], metavar="TRAIN",
                    help="score only the sentences that have no version in this training set (a "
                         "train_ner.py work folder's train.spacy, or a CoNLL file); repeatable: to "
                         "compare a model trained on another split fairly")
    ap.add_argument("--errors", type=Path, metavar="FILE.jsonl",
                    help="write every sentence whose mentions differ from the gold, with the missed and "
                         "spurious spans (text, type, offset), one JSON line each, for error analysis")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    for path in args.unseen_by:
        if not path.is_file():
            ap.error(f"--unseen-by {path}: no such file")
    seen = set().union(*(trained_keys(p) for p in args.unseen_by))

    ex = extractor.load(model_dir=args.model)
    results, all_articles, sentence_rows = {}, [], []
    for path in args.conll:
        sents = read_conll(path)
        if seen:
            kept = unseen(sents, seen)
            print(f"{path.name}: {len(sents) - len(kept)} of {len(sents)} sentences left out, seen in training",
                  file=sys.stderr)
            sents = kept
        if args.limit:
            sents = sents[:args.limit]
        articles = [to_article(s) for s in sents]
        all_articles += articles
        rows = [] if args.errors else None
        results[path.name] = score(ex, articles, rows)
        sentence_rows += [{"file": path.name, **row} for row in rows or []]
    if len(args.conll) > 1:
        results["all"] = combined(list(results.values()))

    if args.errors:
        with args.errors.open("w", encoding="utf-8") as out:
            for row in sentence_rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{len(sentence_rows)} sentences with errors written to {args.errors}", file=sys.stderr)

    texts = [t for t, _ in all_articles]
    n_tokens = sum(len(ex.backend.ner.make_doc(t)) for t in texts)
    # tokenizer + NER, the caseless model included where text lacks case
    ner = ex.backend.ner
    ner_secs = median_time(lambda: [None for _ in ner.pipe(((ner.make_doc(t), None) for t in texts), batch_size=64)],
                           args.repeats)
    full_secs = median_time(lambda: [None for _ in ex.extract_many(texts)], max(1, args.repeats // 2))
    speed = {"articles": len(texts), "tokens": n_tokens,
             "ner_tokens_per_s": round(n_tokens / ner_secs), "ner_articles_per_s": round(len(texts) / ner_secs, 1),
             "full_tokens_per_s": round(n_tokens / full_secs), "full_articles_per_s": round(len(texts) / full_secs, 1),
             "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    if args.json:
        print(json.dumps({"scores": results, "speed": speed}, indent=1))
        return 0
    print(f"{'file':<28}{'type':<7}{'P':>7}{'R':>7}{'F1':>7}{'tp':>7}{'fp':>6}{'fn':>6}")
    for name, res in results.items():
        for t in TYPES + ("micro",):
            s = res[t]
            print(f"{name:<28}{t:<7}{s['p']:>7.3f}{s['r']:>7.3f}{s['f1']:>7.3f}{s['tp']:>7}{s['fp']:>6}{s['fn']:>6}")
    print(f"\nerrors ({', '.join(ERROR_KINDS)}):")
    for name, res in results.items():
        for t in TYPES:
            print(f"{name:<28}{t:<7}" + "".join(f"{res['errors'][t][k]:>15}" for k in ERROR_KINDS))
    print(f"\n{speed['articles']} sentences, {speed['tokens']} tokens (median of {args.repeats} runs, one process)")
    print(f"NER pipeline : {speed['ner_tokens_per_s']:>8,} tokens/s {speed['ner_articles_per_s']:>8} articles/s")
    print(f"full extract : {speed['full_tokens_per_s']:>8,} tokens/s {speed['full_articles_per_s']:>8} articles/s")
    print(f"peak RSS     : {speed['peak_rss_mb']} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
