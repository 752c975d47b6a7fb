"""In how many raw_news articles each word-list entry occurs: an entry must occur in at least two.

    python training/count_in_raw_news.py titles ranks          # lists of extractor/lang/id
    python training/count_in_raw_news.py --words "Ajun Komisaris Besar" "basis poin"

Counts the distinct articles of ``../shared/data/raw_news/raw_news.jsonl.gz`` (read in place)
whose text holds the entry as whole words, case-insensitively, and lists the entries found in
fewer than ``--min`` (default 2) articles; exit status 1 when there is any.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RAW_NEWS = ROOT.parent / "shared" / "data" / "raw_news" / "raw_news.jsonl.gz"


def article_counts(entries: list[str], path: Path = RAW_NEWS) -> Counter:
    """Entry -> the number of articles that hold it (whole words, case folded)."""
    from extractor.lang import alternation

    pattern = regex.compile(rf"(?<![\p{{L}}\d])(?:{alternation(e.casefold() for e in entries)})(?![\p{{L}}\d])")
    counts: Counter = Counter()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            counts.update(set(pattern.findall(json.loads(line).get("text", "").casefold())))
    return Counter({e: counts[e.casefold()] for e in entries})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("lists", nargs="*", help="names of word lists in extractor/lang/id")
    ap.add_argument("--words", nargs="+", default=[], help="entries to count")
    ap.add_argument("--min", type=int, default=2)
    args = ap.parse_args(argv)
    from extractor.lang import DATA_KINDS, load_list, load_table

    entries = list(args.words)
    for name in args.lists:
        entries += list(load_table(name)) if DATA_KINDS.get(name) == "table" else list(load_list(name))
    counts = article_counts(entries)
    rare = [(e, n) for e, n in counts.items() if n < args.min]
    for e, n in sorted(counts.items(), key=lambda x: x[1]):
        print(f"{n:6d}  {e}")
    print(f"{len(rare)} of {len(counts)} entries in fewer than {args.min} articles", file=sys.stderr)
    return 1 if rare else 0


if __name__ == "__main__":
    sys.exit(main())
