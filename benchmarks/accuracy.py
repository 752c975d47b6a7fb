"""Accuracy as issue 34 measures it: the tuning half and the untuned half of the dev set, and PFSA dev.

    python benchmarks/accuracy.py [--save FILE.json] [--against FILE.json]

The split, made once and never changed: a dev article whose id number is even (``a004``) is in
the **tuning** half, whose rules may be read from its articles; odd (``a023``) is in the
**untuned** half, which no rule is read from and which every change is judged on. PFSA dev
(``../shared/eval/pfsa``, Kompas articles annotated by another team) gives roles and quotes,
scored for recall (its gold holds only public figures' statements), extracted with
``--published 2022-03-01`` as its README says. Everything is read in place from ``../shared``
and extracted by this checkout's whole command. ``--save`` keeps the scores as JSON;
``--against`` prints each score's change from a saved run.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.evaluate import FIELDS, load_jsonl, score  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
PFSA_PUBLISHED = "2022-03-01"


def half(article_id: str) -> str:
    """``tuning`` for an even id number, ``untuned`` for an odd one (``a023`` -> untuned)."""
    digits = re.findall(r"\d+", article_id)
    return "untuned" if digits and int(digits[-1]) % 2 else "tuning"


def extract(src: Path, out: Path, *extra: str) -> list[dict]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    subprocess.run([sys.executable, "-m", "extractor", "extract", str(src), "-o", str(out), "-q", *extra],
                   env=env, cwd=ROOT, check=False)
    return load_jsonl(str(out))


def scores(tmp: Path) -> dict:
    """{"tuning"|"untuned": {field: prf}, "pfsa": {field: prf}}."""
    records = extract(EVAL / "dev.input.jsonl", tmp / "dev.jsonl")
    golds = load_jsonl(str(EVAL / "dev.gold.jsonl"))
    out = {name: {k: score([g for g in golds if half(g["id"]) == name], records).prf(k) for k in FIELDS + ["micro"]}
           for name in ("tuning", "untuned")}
    pfsa = extract(EVAL / "pfsa" / "dev.input.jsonl", tmp / "pfsa.jsonl", "--published", PFSA_PUBLISHED)
    report = score(load_jsonl(str(EVAL / "pfsa" / "dev.gold.jsonl")), pfsa)
    out["pfsa"] = {k: report.prf(k) for k in ("roles", "quotes")}
    return out


def table(now: dict, before: dict | None = None) -> str:
    def cell(part: str, field: str, key: str) -> str:
        v = now.get(part, {}).get(field, {}).get(key)
        if v is None:
            return f"{'-':>6}" + " " * 9
        b = (before or {}).get(part, {}).get(field, {}).get(key)
        return f"{v:6.3f}" + (f" ({v - b:+.3f})" if b is not None else " " * 9)
    lines = [f"{'field':<11}{'tuning F1':>15}{'untuned F1':>15}{'untuned P':>15}{'untuned R':>15}"
             f"{'PFSA R':>15}{'PFSA P':>15}"]
    for f in FIELDS + ["micro"]:
        lines.append(f"{f:<11} {cell('tuning', f, 'f1')} {cell('untuned', f, 'f1')} {cell('untuned', f, 'p')} "
                     f"{cell('untuned', f, 'r')} {cell('pfsa', f, 'r')} {cell('pfsa', f, 'p')}")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--save", metavar="FILE.json")
    ap.add_argument("--against", metavar="FILE.json")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        now = scores(Path(tmp))
    before = json.loads(Path(args.against).read_text(encoding="utf-8")) if args.against else None
    print(table(now, before))
    if args.save:
        Path(args.save).write_text(json.dumps(now, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
