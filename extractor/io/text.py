"""Bytes to text, and text from junk: what every input goes through before it is an article.

Files are UTF-8, but saved HTML pages, which are read in the charset they declare.

Binary data read as text (a PNG saved as ``.txt``, a file of NULs) is mostly control characters
and U+FFFD, which stands for bytes that were not UTF-8; text has next to none.
"""
from __future__ import annotations

import codecs
import re
from typing import Iterable, Iterator, Optional, Union

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


ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # a byte that is no UTF-8, as surrogateescape keeps it
LINE = re.compile(rb"[^\n]*\n|[^\n]+")


def decode_utf8(raw: bytes) -> tuple[str, int]:
    """``raw`` as UTF-8 text, invalid bytes replaced with U+FFFD, and how many bytes were invalid.

    >>> decode_utf8("Rp1,5 triliun".encode() + b"\\x93\\x94")
    ('Rp1,5 triliun\\ufffd\\ufffd', 2)
    """
    try:
        return raw.decode("utf-8"), 0
    except UnicodeDecodeError:
        bad = len(ESCAPED_BYTE.findall(raw.decode("utf-8", "surrogateescape")))
        return raw.decode("utf-8", "replace"), bad


def bad_bytes_warning(where: str, count: int, encoding: str = "UTF-8") -> str:
    """The warning for ``count`` invalid bytes replaced in ``where`` (a file, a line)."""
    return f"{where}: invalid {encoding}, {count} bad byte{'' if count == 1 else 's'} replaced with U+FFFD"


def text_lines(lines: Iterable[Union[str, bytes]]) -> Iterator[tuple[str, int]]:
    """Each line as text with the number of invalid UTF-8 bytes replaced in it; a line of bytes is
    read as text mode reads a file (``\\r\\n`` and ``\\r`` end a line, and become ``\\n``).

    >>> list(text_lines([b"a\\r\\n", b"b\\xff\\rc\\n", "d"]))
    [('a\\n', 0), ('b\\ufffd\\n', 1), ('c\\n', 0), ('d', 0)]
    """
    for line in lines:
        if isinstance(line, str):
            yield line, 0
        elif b"\r" in line:  # a carriage return is never part of a multi-byte character
            for piece in LINE.findall(line.replace(b"\r\n", b"\n").replace(b"\r", b"\n")):
                yield decode_utf8(piece)
        else:
            yield decode_utf8(line)


HTML_PRESCAN = 8192  # bytes at the start of a page searched for its <meta> charset
META_CHARSET = re.compile(rb"""<meta\s[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# What browsers make of a declared charset (the WHATWG Encoding Standard): Latin-1 and ASCII are
# read as windows-1252, which holds them and the curly quotes; UTF-16 as UTF-8, for a
# declaration that could be read as ASCII is not UTF-16.
WEB_CHARSETS = {"iso8859-1": "cp1252", "ascii": "cp1252", "utf-16": "utf-8", "utf-16-le": "utf-8", "utf-16-be": "utf-8"}
FALLBACK_CHARSET = "cp1252"  # windows-1252: what a page that is not UTF-8 and declares nothing most likely is


def _codec(label: str) -> Optional[str]:
    """The Python codec a page's charset name stands for, None when unknown (or not a text codec)."""
    try:
        name = codecs.lookup(label).name
        "".encode(name)  # base64, zlib... are codecs too, but not of text
    except LookupError:
        return None
    return WEB_CHARSETS.get(name, name)


def _decode_page(raw: bytes, encoding: str, where: str, warnings: list[str]) -> tuple[str, list[str]]:
    try:
        return raw.decode(encoding), warnings
    except UnicodeDecodeError:
        text = raw.decode(encoding, "replace")
        return text, warnings + [bad_bytes_warning(where, text.count("\ufffd"), encoding)]


def decode_html(raw: bytes, where: str) -> tuple[str, list[str]]:
    """A saved page as text, read by its byte order mark, else by the charset its ``<meta>``
    declares, else as UTF-8, else as windows-1252; with a warning for each guess or bad byte.

    >>> decode_html(b'<meta charset="windows-1252"><p>\\x93Kami\\x94</p>', "a.html")
    ('<meta charset="windows-1252"><p>\u201cKami\u201d</p>', [])
    """
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return _decode_page(raw[len(bom):], encoding, where, [])
    declared = META_CHARSET.search(raw[:HTML_PRESCAN])
    label = declared.group(1).decode("ascii") if declared else None
    encoding = label and _codec(label)
    if encoding and encoding != "utf-8":
        return _decode_page(raw, encoding, where, [])
    text, bad = decode_utf8(raw)
    unknown = f"{where}: unknown charset {label!r} declared" if label and not encoding else None
    if bad and not encoding and not not_text(text):  # no charset known, not UTF-8, not binary: windows-1252
        return _decode_page(raw, FALLBACK_CHARSET, where, [
            f"{unknown or where + ': no charset declared'} and not UTF-8; read as windows-1252"])
    return text, ([f"{unknown}; read as UTF-8"] if unknown else []) + ([bad_bytes_warning(where, bad)] if bad else [])
