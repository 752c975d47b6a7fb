"""Records as JSON Lines: one compact line per record (``extractor.batch`` writes and flushes
them a batch at a time, so a killed run leaves whole lines only, plus at most one partial line)."""
from __future__ import annotations

import errno
import json
import os
import tempfile
from contextlib import contextmanager
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


@contextmanager
def output_lock(path: str):
    """Hold ``<path>.lock`` exclusively while a run writes ``path``: a second run on the same
    output stops with a UsageError naming the first (its process id), so no two runs mix lines.
    The lock file is removed when the run ends."""
    import fcntl

    lock_path = f"{path}.lock"
    while True:
        handle = open(lock_path, "a+", encoding="utf-8")
        try:  # a POSIX record lock: it ends with this process, and forked workers do not hold it
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EACCES, errno.EAGAIN):
                raise
            handle.seek(0)
            holder = handle.read().strip() or "a process"
            handle.close()
            raise UsageError(f"{path}: {holder} is writing it (lock {lock_path}); wait for that run to end "
                             f"or write elsewhere") from None
        if os.path.exists(lock_path) and os.stat(lock_path).st_ino == os.fstat(handle.fileno()).st_ino:
            break  # still the lock file: a run that ended may have removed the one opened
        handle.close()
    handle.seek(0)
    handle.truncate()
    handle.write(f"process {os.getpid()}")
    handle.flush()
    try:
        yield
    finally:
        os.remove(lock_path)  # removed while held, so no other run can hold the removed file
        handle.close()
