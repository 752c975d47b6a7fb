"""Records as JSON Lines: one compact line per record (``extractor.batch`` writes and flushes
them a batch at a time, so a killed run leaves whole lines only, plus at most one partial line)."""
from __future__ import annotations

import json


def dumps(record) -> str:
    """One compact JSON line (UTF-8 kept readable: ``ensure_ascii=False``)."""
    data = record.to_dict() if hasattr(record, "to_dict") else record
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
