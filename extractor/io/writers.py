"""Write records as JSON Lines, flushed per batch so a killed run leaves whole lines only."""
from __future__ import annotations

import json
from typing import IO, Iterable


def dumps(record) -> str:
    """One compact JSON line (UTF-8 kept readable: ``ensure_ascii=False``)."""
    data = record.to_dict() if hasattr(record, "to_dict") else record
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def write_jsonl(records: Iterable, stream: IO[str], flush_every: int = 32) -> int:
    """Write records, one per line; returns how many were written."""
    n = 0
    for n, rec in enumerate(records, 1):
        stream.write(dumps(rec) + "\n")
        if n % flush_every == 0:
            stream.flush()
    stream.flush()
    return n
