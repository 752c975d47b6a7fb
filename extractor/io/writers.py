"""Records as JSON Lines: one compact line per record (``extractor.batch`` writes and flushes
them a batch at a time, so a killed run leaves whole lines only, plus at most one partial line)."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from .readers import UsageError


def dumps(record) -> str:
    """One compact JSON line (UTF-8 kept readable: ``ensure_ascii=False``)."""
    data = record.to_dict() if hasattr(record, "to_dict") else record
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def check_writable(path: str, option: str) -> None:
    """UsageError naming ``path`` when it cannot be written as a file: a directory, a folder that
    does not exist, no permission or a read-only place. Nothing is created or changed.

    >>> check_writable("/nonexistent-folder/out.jsonl", "-o")
    Traceback (most recent call last):
    ...
    extractor.io.readers.UsageError: -o /nonexistent-folder/out.jsonl: the folder /nonexistent-folder does not exist
    """
    file = Path(path)
    if file.is_dir():
        raise UsageError(f"{option} {path}: is a directory, not a file")
    if not file.parent.is_dir():
        raise UsageError(f"{option} {path}: the folder {file.parent} does not exist")
    try:
        if file.exists():
            open(file, "ab").close()  # opened for appending, nothing written: the content stays
        else:
            tempfile.TemporaryFile(dir=file.parent).close()  # the folder takes a new file
    except OSError as exc:
        raise UsageError(f"{option} {path}: cannot be written ({exc.strerror or exc})") from exc
