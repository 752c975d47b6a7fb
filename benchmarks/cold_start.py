"""Cold start: the whole ``extractor extract`` process for one short article, against spaCy's own
start-up (``python -c "import spacy; spacy.blank('id')"``), measured alternately in one run.

    python benchmarks/cold_start.py [--runs 5] [--json]

Both are timed as new processes (interpreter start, imports, model load; for the extractor also
reading the article, extracting it and writing the record), alternating so that the machine's
load affects both alike; the medians and their ratio are printed (goal: at most 1.5x).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the helpers only: the extractor timed is the installed one

from timing import run_process  # noqa: E402

ARTICLE = "JAKARTA, KOMPAS.com - Presiden Joko Widodo tiba di Surabaya pada Rabu (9/10) pagi.\n"
SPACY_BLANK = [sys.executable, "-c", "import spacy; spacy.blank('id')"]


def seconds(cmd: list[str], cwd: str) -> float:
    """Wall-clock seconds of one run of ``cmd``; a failing command stops the benchmark."""
    return run_process(cmd, cwd=Path(cwd))[0]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:  # run from outside the checkout, as an installed tool
        (Path(tmp) / "one.txt").write_text(ARTICLE, encoding="utf-8")
        extract = [sys.executable, "-m", "extractor", "extract", "one.txt", "-o", "one.jsonl", "-q"]
        seconds(extract, tmp)  # warm the file cache for both
        times: dict[str, list[float]] = {"spacy.blank('id')": [], "extractor extract": []}
        for _ in range(max(1, args.runs)):
            times["spacy.blank('id')"].append(seconds(SPACY_BLANK, tmp))
            times["extractor extract"].append(seconds(extract, tmp))
    medians = {name: statistics.median(ts) for name, ts in times.items()}
    ratio = medians["extractor extract"] / medians["spacy.blank('id')"]
    if args.json:
        print(json.dumps({"median_seconds": medians, "runs": times, "ratio": ratio}, indent=1))
        return 0
    for name, ts in times.items():
        print(f"{name:<20} median {medians[name]:.2f} s  (runs: {', '.join(f'{t:.2f}' for t in ts)})")
    print(f"ratio {ratio:.2f}x (goal <= 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
