"""A one-line progress display on stderr for long runs (tqdm): articles done, rate, errors, ETA.

>>> import io
>>> out = io.StringIO()
>>> p = Progress(total=10, enabled=True, stream=out, every=0)
>>> p.update(5, 1)
>>> "5/10 articles" in out.getvalue() and "1 errors" in out.getvalue()
True
"""
from __future__ import annotations

import shutil
import sys
from typing import IO, Optional

from tqdm import tqdm

# the error count is the bar's description (tqdm's postfix would open with a comma)
WITH_TOTAL = "{n_fmt}/{total_fmt} articles  {rate_fmt}  {desc}  ETA {remaining}"
WITHOUT_TOTAL = "{n_fmt} articles  {rate_fmt}  {desc}"


class _Bar(tqdm):
    """tqdm without its monitor thread: a run forks its workers only from a process of one thread."""

    monitor_interval = 0


class Progress:
    """Redraws one stderr line at most every ``every`` seconds; does nothing when disabled. Its
    ``message`` lines are written even when disabled, but not when ``quiet``."""

    def __init__(self, total: Optional[int] = None, enabled: bool = True, stream: IO[str] = None, every: float = 0.5,
                 quiet: bool = False):
        self.quiet, self.stream = quiet, stream or sys.stderr
        size = shutil.get_terminal_size()  # a terminal that reports no size (a bare pty) would get no line
        self.bar = _Bar(total=total, disable=not enabled or quiet, file=self.stream, mininterval=every, unit=" articles",
                        bar_format=WITH_TOTAL if total else WITHOUT_TOTAL, desc="0 errors",
                        ncols=size.columns, nrows=size.lines)

    def update(self, done: int, errors: int) -> None:
        self.bar.set_description_str(f"{errors:,} errors", refresh=False)
        self.bar.update(done - self.bar.n)

    def status(self, text: str) -> None:
        """A passing state (``loading models...``), shown until the next update."""
        self.bar.set_description_str(text)

    def message(self, text: str) -> None:
        """A line of its own (a warning), the progress line redrawn after it."""
        if not self.quiet:
            self.bar.write(text, file=self.stream)

    def close(self) -> None:
        self.bar.close()
