"""Bytes to text, and text from junk: what every input goes through before it is an article.

Binary data read as text (a PNG saved as ``.txt``, a file of NULs) is mostly control characters
and U+FFFD, which stands for bytes that were not UTF-8; text has next to none.
"""
from __future__ import annotations

import re
from typing import Optional

# A text is no text when more than NOT_TEXT_SHARE of its first TEXT_SAMPLE characters are
# control characters (but tab, line feed, carriage return and form feed) or U+FFFD: binary
# files read as UTF-8 have 43-95% of them (PNG, JPEG, PDF, gzip, woff2, ELF, .pyc), news text next
# to none. The C1 controls (U+0080-U+009F) are left out: UTF-8 text read as Latin-1 (an Arabic
# verse in a scraped article, say) is full of them, and it is text.
TEXT_SAMPLE = 10_000
NOT_TEXT_SHARE = 0.30
NOT_TEXT_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
NOT_TEXT = "not_text"  # the error type of such an input


def not_text(text: str) -> Optional[str]:
    """Why ``text`` is not text, or None; looks at its first TEXT_SAMPLE characters only, so the
    check costs the same on any length.

    >>> not_text("Bupati Jepara hadir.\\f") is None
    True
    >>> not_text("\\ufffdPNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR\\x00\\x00\\x02\\x00")  # a PNG file read as text
    'not text: 45% of its characters are control characters or U+FFFD (bytes that are not UTF-8)'
    """
    sample = text[:TEXT_SAMPLE]
    odd = len(NOT_TEXT_CHARS.findall(sample))
    if odd > NOT_TEXT_SHARE * len(sample):
        return (f"not text: {odd / len(sample):.0%} of its characters are control characters or U+FFFD "
                "(bytes that are not UTF-8)")
    return None
