"""Time per character of one article as it grows from 10 KB to 1 MB: extraction must stay linear.

    python benchmarks/long_articles.py [--sizes 10000 30000 100000 300000 1000000] [--runs 3] [--json]

Texts: ``real``, consecutive ``../shared/data/raw_news`` articles joined by blank lines (read in
place) and cut to the size; ``paragraph``, one paragraph dense with officials, places, dates and
a quote, repeated; ``title words``, ``Kepala`` repeated (no name ever follows). Each is extracted
as one article by a pipeline loaded once, in this process, with no character cap
(``max_chars=None``: the cap would hide the cost of what lies beyond it); median of ``--runs``
(one run above 300 KB). Reported: seconds and microseconds per character by size, and per text
the ratio of the largest to the smallest time per character (linear: about 1; the goal: at
most 2).
"""
from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from timing import RAW_NEWS  # noqa: E402

PARAGRAPH = ("Bupati Jepara Dian Kristiandi bersama Kepala Dinas Pendidikan Provinsi Jawa Tengah Sumarno dan Wakil "
             "Ketua DPRD Jepara Junarso hadir di Kecamatan Kalinyamatan, Kabupaten Jepara, Rabu (9/10). \"Kami akan "
             "bekerja keras,\" kata Dian. Menteri Keuangan Sri Mulyani Indrawati dan Gubernur Bank Indonesia Perry "
             "Warjiyo menyebut Indeks RB mencapai 76,81 dari 75,48. Kapolres Ponorogo AKBP Andin Wisnu Sudibyo "
             "menerima penghargaan dari Kementerian PANRB.\n\n")


def real_text(chars: int) -> str:
    """Consecutive raw_news articles, joined by blank lines, cut to ``chars`` characters."""
    parts, total = [], 0
    with gzip.open(RAW_NEWS, "rt", encoding="utf-8") as fh:
        for line in fh:
            parts.append(json.loads(line)["text"])
            total += len(parts[-1]) + 2
            if total >= chars:
                break
    return "\n\n".join(parts)[:chars]


TEXTS = {
    "real": real_text,
    "paragraph": lambda chars: (PARAGRAPH * (chars // len(PARAGRAPH) + 1))[:chars],
    "title words": lambda chars: ("Kepala " * (chars // 7 + 1))[:chars],
}


def seconds(ex, text: str, runs: int) -> float:
    from extractor.article import Article

    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        ex.extract(Article(text=text, id="long"))
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000, 300_000, 1_000_000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--texts", nargs="+", default=list(TEXTS), choices=list(TEXTS))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    import extractor

    ex = extractor.load(max_chars=None)
    ex.extract(PARAGRAPH)  # loads what is loaded at first use
    ex.extract(PARAGRAPH.lower())  # and the caseless model
    results = {}
    for name in args.texts:
        rows = []
        for size in args.sizes:
            text = TEXTS[name](size)
            s = seconds(ex, text, args.runs if size <= 300_000 else 1)
            rows.append({"chars": len(text), "seconds": round(s, 3), "us_per_char": round(s / len(text) * 1e6, 2)})
            if not args.json:
                print(f"{name:12s} {len(text):>9,} chars {s:8.2f} s {rows[-1]['us_per_char']:7.2f} us/char", flush=True)
        per_char = [r["us_per_char"] for r in rows]
        results[name] = {"sizes": rows, "max_over_min_per_char": round(max(per_char) / min(per_char), 2)}
        if not args.json:
            print(f"{name:12s} largest / smallest time per character: {results[name]['max_over_min_per_char']:.2f}")
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
