"""Peak memory of whole ``extractor extract`` runs, every process of the run counted.

    python benchmarks/memory.py [--articles 2000] [--step 4] [--jobs 1 2] [--junk] [--json]

Real articles: ``--articles`` lines of ``../shared/data/raw_news/raw_news.jsonl.gz`` (lines 1,
1 + step, ...; read in place, written to a temporary file), run with each ``--jobs``.
``--junk``: one run per input that is not a normal article (a 10 MB CSV text field, a PNG
saved as ``.txt``, 70 KB of one title word, 25,000 brackets, 30,000 quotation marks, ``Rp``
glued 20,000 times, a paragraph repeated to 800 KB).

The run's process tree (the command and every process it starts) is sampled every 50 ms from
/proc: reported are the peak of the summed RSS and of the summed PSS (RSS with pages shared
between processes, such as a forked worker's model, split among them: what the run costs
the machine), and the largest single process (the kernel's own maximum, ``ru_maxrss``).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from timing import RAW_NEWS, every_nth_line  # noqa: E402

SAMPLE_SECONDS = 0.05


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from /proc (children files)."""
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except OSError:
            continue  # ended meanwhile
    return out


def _rss_pss_mb(pid: int) -> tuple[float, float]:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            kb = {parts[0][:-1]: int(parts[1]) for parts in map(str.split, fh) if parts and parts[0].endswith(":")}
    except (OSError, ValueError, IndexError):
        return 0.0, 0.0
    return kb.get("Rss", 0) / 1024, kb.get("Pss", 0) / 1024


def measure(cmd: list[str], env: dict) -> dict:
    """Peak summed RSS and PSS of the process tree of ``cmd``, the largest process's peak, seconds."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_rss = peak_pss = 0.0
    processes = 1
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        tree = _tree(proc.pid)
        processes = max(processes, len(tree))
        sizes = [_rss_pss_mb(p) for p in tree]
        peak_rss = max(peak_rss, sum(r for r, _ in sizes))
        peak_pss = max(peak_pss, sum(p for _, p in sizes))
        time.sleep(SAMPLE_SECONDS)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
    stderr = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if proc.returncode not in (0, 1):  # 1: some articles got error records, which junk inputs should
        raise RuntimeError(f"{' '.join(cmd)} exited with {proc.returncode}: {stderr}")
    return {"seconds": round(time.perf_counter() - t0, 1), "tree_rss_mb": round(peak_rss), "tree_pss_mb": round(peak_pss),
            "largest_process_mb": round(usage.ru_maxrss / 1024), "processes": processes}


def junk_inputs(folder: Path) -> dict[str, Path]:
    """The inputs that once took a run to gigabytes or to a stall (issue 31), written to ``folder``."""
    paragraph = ("Bupati Jepara Dian Kristiandi bersama Kepala Dinas Pendidikan Provinsi Jawa Tengah Sumarno hadir di "
                 "Kecamatan Kalinyamatan, Rabu (9/10). \"Kami akan bekerja keras,\" kata Dian.\n\n")
    texts = {
        "csv_10mb_field": None,
        "title_word_70kb": "Kepala " * 10_000,
        "brackets_50k": "(" * 25_000 + ")" * 25_000,
        "quotes_30k": '"' * 30_000,
        "rp_glued_20k": "Rp" * 20_000,
        "paragraph_800kb": paragraph * (800_000 // len(paragraph)),
    }
    paths = {}
    for name, text in texts.items():
        if text is None:
            continue
        paths[name] = folder / f"{name}.jsonl"
        paths[name].write_text(json.dumps({"id": name, "text": text}) + "\n", encoding="utf-8")
    paths["csv_10mb_field"] = folder / "csv_10mb_field.csv"
    with open(paths["csv_10mb_field"], "w", encoding="utf-8") as fh:
        fh.write("id,text\nbig,\"" + ("Presiden Joko Widodo meresmikan jalan tol di Semarang. " * 180_000) + "\"\n")
    png = folder / "image_png.txt"  # a PNG header and compressed-looking bytes
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes((i * 131 + 7) % 256 for i in range(2_000_000)))
    paths["png_as_txt"] = png
    return paths


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--step", type=int, default=4)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--junk", action="store_true", help="also run each junk input (one job)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = tmp / "real.jsonl"
        src.write_text("".join(every_nth_line(RAW_NEWS, args.articles, args.step)), encoding="utf-8")
        base = [sys.executable, "-m", "extractor", "extract", "-q", "-o", str(tmp / "out.jsonl")]
        for jobs in args.jobs:
            results[f"{args.articles} real articles, {jobs} job(s)"] = measure(base + [str(src), "--jobs", str(jobs)], env)
        if args.junk:
            for name, path in junk_inputs(tmp).items():
                results[name] = measure(base + [str(path)], env)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"{'run':40s} {'seconds':>8s} {'tree RSS':>9s} {'tree PSS':>9s} {'largest':>8s} {'procs':>6s}")
        for name, r in results.items():
            print(f"{name:40s} {r['seconds']:8.1f} {r['tree_rss_mb']:7d}MB {r['tree_pss_mb']:7d}MB "
                  f"{r['largest_process_mb']:6d}MB {r['processes']:6d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
