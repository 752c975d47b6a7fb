"""Shared timing helper for the benchmark scripts."""
from __future__ import annotations

import statistics
import time


def median_time(fn, runs: int) -> float:
    """Median wall-clock seconds of ``runs`` calls of ``fn``."""
    times = []
    for _ in range(max(1, runs)):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)
