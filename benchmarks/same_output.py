"""Byte-identical records before and after a change that must not change behaviour (a refactor).

    python benchmarks/same_output.py --save BEFORE_DIR      # records of the code as it is now
    python benchmarks/same_output.py --against BEFORE_DIR   # the code as it is now against them

Inputs: ``samples/``, ``../shared/eval/dev.input.jsonl`` and 2,000 articles of
``../shared/data/raw_news`` (every 4th line; read in place, never copied into the project), each
extracted by the whole command ``python -m extractor extract INPUT -o OUT -q`` of this checkout,
run in the input's folder (records name their source relative to it).
``--against`` says, per input, whether the records are byte-identical, and names the first
records that differ; exit status 1 when any differ.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks")]

from timing import RAW_NEWS, every_nth_line  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev.input.jsonl"


def inputs(tmp: Path) -> dict[str, Path]:
    """The inputs by name; the raw_news selection written to ``tmp``."""
    raw = tmp / "raw2000.jsonl"
    raw.write_text("".join(every_nth_line(RAW_NEWS, 2000, 4)), encoding="utf-8")
    found = {"samples": ROOT / "samples", "raw2000": raw}
    if DEV.exists():
        found["dev"] = DEV
    return found


def extract_all(out_dir: Path, tmp: Path) -> dict[str, Path]:
    """Records of every input, written to ``out_dir/<name>.jsonl`` by this checkout's command."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for name, path in inputs(tmp).items():
        written[name] = (out_dir / f"{name}.jsonl").resolve()
        # the input named from its own folder, so that the records' `source.path` is the same
        # whichever checkout or temporary folder a run is in
        cmd = [sys.executable, "-m", "extractor", "extract", path.name, "-o", str(written[name]), "-q"]
        code = subprocess.run(cmd, env=env, cwd=path.parent).returncode
        if code not in (0, 1):  # 1: some input got an error record, which is output too
            raise SystemExit(f"{' '.join(cmd)} exited with {code}")
    return written


def differences(before: Path, after: Path, show: int = 3) -> list[str]:
    """Ids of the first records that differ (or a line count), empty when the files are identical."""
    a, b = before.read_bytes().splitlines(), after.read_bytes().splitlines()
    if a == b:
        return []
    out = [f"{before.name}: {len(a)} lines before, {len(b)} after"] if len(a) != len(b) else []
    for x, y in zip(a, b):
        if x != y:
            out.append(f"{before.name}: record {json.loads(x).get('id')!r} differs")
            if len(out) >= show:
                break
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--save", metavar="DIR", help="write the records of this checkout to DIR")
    mode.add_argument("--against", metavar="DIR", help="compare this checkout's records with those in DIR")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        if args.save:
            for name, path in extract_all(Path(args.save), Path(tmp)).items():
                print(f"{name}: {sum(1 for _ in open(path, encoding='utf-8'))} records -> {path}")
            return 0
        now = extract_all(Path(tmp) / "now", Path(tmp))
        failed = False
        for name, path in now.items():
            before = Path(args.against) / path.name
            problems = differences(before, path) if before.exists() else [f"{before} is missing"]
            failed |= bool(problems)
            lines = sum(1 for _ in open(path, encoding="utf-8"))
            print(f"{name}: " + ("; ".join(problems) if problems else f"identical ({lines} records)"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
