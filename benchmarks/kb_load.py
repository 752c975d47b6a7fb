"""Load speed of the knowledge base: records of real articles into a new SQLite file, one core.

    python benchmarks/kb_load.py [--records FILE.jsonl] [--articles 2000] [--copies 5] [--runs 3]

Without ``--records``, the records are extracted first from ``--articles`` articles spread over
``../shared/data/raw_news/raw_news.jsonl.gz`` (read in place). The records are written
``--copies`` times under new article ids (a bigger archive of the same kind of article), then
loaded by ``extractor kb load`` into a new SQLite file; prints records/s (median of ``--runs``,
the resolve of entities across articles included) and the load of the same files again
(nothing to change: every record already loaded).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from timing import every_nth_line  # noqa: E402

RAW_NEWS = ROOT.parent / "shared" / "data" / "raw_news" / "raw_news.jsonl.gz"
RAW_NEWS_ARTICLES = 8094


def real_records(articles: int, folder: Path) -> Path:
    """Records of ``articles`` raw_news articles, extracted by this checkout."""
    inputs, out = folder / "articles.jsonl", folder / "records.jsonl"
    inputs.write_text("".join(every_nth_line(RAW_NEWS, articles, max(1, RAW_NEWS_ARTICLES // articles))), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "extractor", "extract", str(inputs), "-o", str(out), "-q"], cwd=ROOT, check=True)
    return out


def copies(records: Path, n: int, folder: Path) -> tuple[Path, int]:
    """``n`` copies of the records under new ids, as one file; the number of records."""
    out, count = folder / "archive.jsonl", 0
    lines = records.read_text(encoding="utf-8").splitlines()
    with out.open("w", encoding="utf-8") as fh:
        for copy in range(n):
            for line in lines:
                rec = json.loads(line)
                rec["id"] = f"{rec['id']}#{copy}"
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                count += 1
    return out, count


def timed_load(archive: Path, db: Path) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extractor", "kb", "load", str(archive), "--db", str(db), "-q"], cwd=ROOT, check=True)
    return time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=Path, help="records to load (default: extract raw_news articles first)")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--copies", type=int, default=5)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        records = args.records or real_records(args.articles, folder)
        archive, n = copies(records, args.copies, folder)
        times, again = [], []
        for run in range(args.runs):
            db = folder / f"kb{run}.sqlite"
            times.append(timed_load(archive, db))
            again.append(timed_load(archive, db))
        best = sorted(times)[len(times) // 2]
        print(f"{n} records ({archive.stat().st_size / 1e6:.0f} MB) into a new SQLite KB: {best:.1f} s, "
              f"{n / best:,.0f} records/s (median of {args.runs}, process start and entity resolve included)")
        print(f"the same records again (nothing to change): {sorted(again)[len(again) // 2]:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
