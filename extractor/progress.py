"""A one-line progress display on stderr for long runs: articles done, rate, errors, ETA.

>>> import io
>>> out = io.StringIO()
>>> p = Progress(total=10, enabled=True, stream=out, every=0)
>>> p.update(5, 1)
>>> "5/10 articles" in out.getvalue() and "1 errors" in out.getvalue()
True
"""
from __future__ import annotations

import sys
import time
from typing import IO, Optional


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}h{m:02d}m" if h else f"{m}m{s:02d}s"


class Progress:
    """Redraws one stderr line at most every ``every`` seconds; does nothing when disabled. Its
    ``message`` lines are written even when disabled, but not when ``quiet``."""

    def __init__(self, total: Optional[int] = None, enabled: bool = True, stream: IO[str] = None, every: float = 0.5,
                 quiet: bool = False):
        self.total, self.enabled, self.every, self.quiet = total, enabled and not quiet, every, quiet
        self.stream = stream or sys.stderr
        self.start = time.perf_counter()
        self.last_draw = 0.0
        self.drawn = False

    def update(self, done: int, errors: int) -> None:
        now = time.perf_counter()
        if not self.enabled or now - self.last_draw < self.every:
            return
        self.last_draw = now
        rate = done / (now - self.start) if now > self.start else 0.0
        text = f"{done:,}/{self.total:,} articles" if self.total else f"{done:,} articles"
        text += f"  {rate:,.1f}/s  {errors:,} errors"
        if self.total and rate > 0 and done < self.total:
            text += f"  ETA {_duration((self.total - done) / rate)}"
        self.stream.write("\r" + text.ljust(70))
        self.stream.flush()
        self.drawn = True

    def status(self, text: str) -> None:
        """A passing line (``loading models...``), replaced by the next progress line."""
        if self.enabled:
            self.stream.write("\r" + text.ljust(70))
            self.stream.flush()
            self.drawn = True

    def message(self, text: str) -> None:
        """A line of its own (a warning), the progress line redrawn after it."""
        if self.quiet:
            return
        if self.drawn:
            self.stream.write("\r" + " " * 70 + "\r")
        self.stream.write(text + "\n")
        self.stream.flush()
        self.last_draw = 0.0

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = False
