"""The spaCy and stanza backends side by side, on the same inputs.

    python benchmarks/backends.py [--backends spacy,stanza] [--stanza-dir DIR] [--runs 3] [--json]

For each backend, in its own process (so that peak memory is its own):
- tokens and sentences: F1 of the backend's token and sentence spans against the UD test sets
  in ``../shared/data/ud`` (GSD, CSUI, PUD). Every 10 gold sentences, joined by spaces, make one
  text, so the sentence splitter has to find the ends inside a line;
- NER: span-exact PER/ORG/LOC micro F1 through ``extract`` on the CoNLL dev sentences in
  ``training/work/dev.*.conll`` (``python training/train_ner.py --prepare-only`` writes them);
- facts: micro F1 of the records on ``../shared/eval/dev.input.jsonl`` against its gold;
- speed: articles/s of full extraction on those dev articles (median of ``--runs``, model load
  excluded), and the process's peak RSS.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "training")]

from ud import surface_sentences  # noqa: E402

SHARED = ROOT.parent / "shared"
UD_TESTS = ("id_gsd-ud-test.conllu", "id_csui-ud-test.conllu", "id_pud-ud-test.conllu")
SENTENCES_PER_TEXT = 10
NER_CORPORA = ("nerui", "nerugm", "idner", "nergrit")


def ud_texts(path: Path) -> list[tuple[str, set, set]]:
    """(text, gold token spans, gold sentence spans) per group of ``SENTENCES_PER_TEXT`` sentences.
    Tokens are the surface tokens (a multiword token such as ``rumahnya`` is one)."""
    sentences = surface_sentences(path)
    out = []
    for i in range(0, len(sentences), SENTENCES_PER_TEXT):
        group = sentences[i:i + SENTENCES_PER_TEXT]
        text = " ".join(s for s, _ in group)
        tokens, sents, pos = set(), set(), 0
        for _, forms in group:
            first = None
            for form in forms:
                start = text.find(form, pos)
                if start < 0:  # a form that differs from the text (rare): skip it
                    continue
                first = start if first is None else first
                pos = start + len(form)
                tokens.add((start, pos))
            if first is not None:
                sents.add((first, pos))
        out.append((text, tokens, sents))
    return out


def f1(gold: int, pred: int, hit: int) -> float:
    return round(2 * hit / (gold + pred), 4) if gold + pred else 0.0


def segmentation_scores(ex) -> dict:
    out = {}
    for name in UD_TESTS:
        path = SHARED / "data" / "ud" / name
        if not path.exists():
            continue
        texts = ud_texts(path)
        counts = {"tok": [0, 0, 0], "sent": [0, 0, 0]}
        for (text, gold_tokens, gold_sents), doc in zip(texts, ex.backend.pipe(t for t, _, _ in texts)):
            pred_tokens = {(t.start, t.end) for t in doc.tokens if t.text.strip()}
            pred_sents = set(doc.sentences)
            for key, gold, pred in (("tok", gold_tokens, pred_tokens), ("sent", gold_sents, pred_sents)):
                counts[key][0] += len(gold)
                counts[key][1] += len(pred)
                counts[key][2] += len(gold & pred)
        out[name.split("-")[0]] = {"tokens": f1(*counts["tok"]), "sentences": f1(*counts["sent"])}
    return out


def ner_scores(ex) -> dict:
    from ner import score, to_article
    from train_ner import read_conll

    articles = []
    for corpus in NER_CORPORA:
        path = ROOT / "training" / "work" / f"dev.{corpus}.conll"
        if path.exists():
            articles += [to_article(s) for s in read_conll(path)]
    if not articles:
        return {}
    res = score(ex, articles)
    return {t: res[t]["f1"] for t in ("PER", "ORG", "LOC", "micro")}


def fact_scores(ex, runs: int) -> dict:
    from extractor.evaluate import score
    from extractor.io.readers import read_inputs
    from timing import median_time

    inputs, gold = SHARED / "eval" / "dev.input.jsonl", SHARED / "eval" / "dev.gold.jsonl"
    if not inputs.exists():
        return {}
    articles = list(read_inputs([str(inputs)]))
    records = [r.to_dict() for r in ex.extract_many(articles)]
    golds = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    report = score(golds, records).to_dict()
    secs = median_time(lambda: [None for _ in ex.extract_many(articles)], runs)
    return {"micro": report["micro"]["f1"], "entities": report["entities"]["f1"],
            "articles_per_s": round(len(articles) / secs, 1)}


def one_backend(backend: str, stanza_dir: str | None, runs: int) -> dict:
    import extractor

    t0 = time.perf_counter()
    ex = extractor.load(backend=backend, stanza_dir=stanza_dir)
    load_s = round(time.perf_counter() - t0, 1)
    result = {"backend": backend, "load_s": load_s, "ud": segmentation_scores(ex), "ner": ner_scores(ex),
              "facts": fact_scores(ex, runs)}
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def table(results: list[dict]) -> str:
    rows = [("", *[r["backend"] for r in results])]
    for name in results[0]["ud"]:
        for key in ("tokens", "sentences"):
            rows.append((f"UD {name} {key} F1", *[f"{r['ud'].get(name, {}).get(key, 0):.4f}" for r in results]))
    for key in ("PER", "ORG", "LOC", "micro"):
        rows.append((f"NER dev {key} F1", *[f"{r['ner'].get(key, 0):.4f}" for r in results]))
    rows.append(("facts dev micro F1", *[f"{r['facts'].get('micro', 0):.3f}" for r in results]))
    rows.append(("facts dev entities F1", *[f"{r['facts'].get('entities', 0):.3f}" for r in results]))
    rows.append(("articles/s (dev, 1 process)", *[f"{r['facts'].get('articles_per_s', 0):.1f}" for r in results]))
    rows.append(("model load, s", *[f"{r['load_s']:.1f}" for r in results]))
    rows.append(("peak RSS, MB", *[str(r["peak_rss_mb"]) for r in results]))
    width = max(len(r[0]) for r in rows) + 2
    return "\n".join(f"{r[0]:<{width}}" + "".join(f"{c:>12}" for c in r[1:]) for r in rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backends", default="spacy,stanza")
    ap.add_argument("--stanza-dir", help="stanza resources directory with the official models (default: embedded)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure one backend in this process
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(one_backend(args.one, args.stanza_dir if args.one == "stanza" else None, args.runs)))
        return 0
    results = []
    for backend in args.backends.split(","):
        cmd = [sys.executable, __file__, "--one", backend, "--runs", str(args.runs)]
        if args.stanza_dir:
            cmd += ["--stanza-dir", args.stanza_dir]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode:
            print(f"{backend}: failed\n{proc.stderr[-2000:]}", file=sys.stderr)
            return 1
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    print(json.dumps(results, indent=1) if args.json else table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
