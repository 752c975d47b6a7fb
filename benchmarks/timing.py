"""Shared helpers for the benchmark scripts: the default inputs and a median timer."""
from __future__ import annotations

import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def default_inputs() -> list[Path]:
    """``samples/*.jsonl`` (gold files skipped) plus ``../shared/eval/dev.input.jsonl`` when present."""
    files = [p for p in sorted((ROOT / "samples").glob("*.jsonl")) if not p.name.endswith(".gold.jsonl")]
    dev = ROOT.parent / "shared" / "eval" / "dev.input.jsonl"
    return files + ([dev] if dev.exists() else [])


def median_time(fn, runs: int) -> float:
    """Median wall-clock seconds of ``runs`` calls of ``fn``."""
    times = []
    for _ in range(max(1, runs)):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)
