"""Pairwise precision and recall of the KB's entities across articles, on a gold of clusters.

    python benchmarks/kb_merge.py [--clusters benchmarks/data/entity_clusters.json] [--db postgresql://...]

``benchmarks/data/entity_clusters.json`` lists the gold entities of the 35 dev articles
(``../shared/eval/dev.gold.jsonl``, read in place) and of ``samples/`` that are one thing across
articles (written by reading the articles: 31 clusters, 104 entities). The articles are
extracted by this checkout and loaded into a new KB; each gold entity is looked up in its
record by name or alias, and every pair of gold entities of two different articles that were
both found is scored: a pair the KB puts in one entity and the gold in one cluster is right, one
the KB joins and the gold does not is a wrong merge, one the gold joins and the KB does not a
missed merge.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.kb import connect, load  # noqa: E402
from extractor.matching import norm  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
ARTICLES = [(EVAL / "dev.input.jsonl", EVAL / "dev.gold.jsonl"),
            (ROOT / "samples" / "press_releases.jsonl", ROOT / "samples" / "press_releases.gold.jsonl"),
            (ROOT / "samples" / "seed.jsonl", ROOT / "samples" / "seed.gold.jsonl")]


def gold_items() -> list[tuple[str, dict]]:
    """(article id, gold entity) of every gold entity."""
    out = []
    for _, gold in ARTICLES:
        for line in gold.read_text(encoding="utf-8").splitlines():
            g = json.loads(line)
            out += [(g["id"], e) for e in g.get("entities", [])]
    return out


def kb_ids(records: Path, db: str) -> dict[tuple[str, str], str]:
    """(article id, record entity name or alias, normalised) -> KB entity id."""
    with connect(db) as kb:
        load(kb, [str(records)])
        rows = kb.all("SELECT article_id, name, aliases, entity_id FROM article_entities")
    out = {}
    for article_id, name, aliases, entity_id in rows:
        for n in [name, *json.loads(aliases)]:
            out.setdefault((article_id, norm(n)), entity_id)
    return out


def score(items, clusters, ids) -> dict:
    cluster_of = {(a, n): i for i, c in enumerate(clusters) for a, n in c}
    found = {}
    for article_id, e in items:
        entity = next((ids[(article_id, norm(n))] for n in [e["name"], *e.get("aliases", [])]
                       if (article_id, norm(n)) in ids), None)
        if entity:
            found[(article_id, e["name"])] = entity
    tp = fp = fn = 0
    for (a, b) in itertools.combinations(sorted(found), 2):
        if a[0] == b[0]:
            continue
        same_gold = a in cluster_of and cluster_of.get(a) == cluster_of.get(b)
        same_kb = found[a] == found[b]
        tp += same_gold and same_kb
        fp += same_kb and not same_gold
        fn += same_gold and not same_kb
    return {"gold_items": len(items), "found": len(found), "tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else None, "recall": tp / (tp + fn) if tp + fn else None}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clusters", type=Path, default=ROOT / "benchmarks" / "data" / "entity_clusters.json")
    ap.add_argument("--db", help="a KB to load into (default: a new SQLite file)")
    args = ap.parse_args(argv)
    clusters = [[tuple(item) for item in c] for c in json.loads(args.clusters.read_text(encoding="utf-8"))["clusters"]]
    with tempfile.TemporaryDirectory() as tmp:
        records = Path(tmp) / "records.jsonl"
        subprocess.run([sys.executable, "-m", "extractor", "extract", *(str(a) for a, _ in ARTICLES), "-o", str(records),
                        "-q"], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), check=True)
        result = score(gold_items(), clusters, kb_ids(records, args.db or str(Path(tmp) / "kb.sqlite")))
    print(json.dumps(result))
    print(f"pairwise merge precision {result['precision']:.3f}, recall {result['recall']:.3f} "
          f"({result['tp']} right pairs, {result['fp']} wrong merges, {result['fn']} missed; "
          f"{result['found']} of {result['gold_items']} gold entities found in the records)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
