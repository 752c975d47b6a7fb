"""Indonesian numbers: ``,`` is the decimal mark, ``.`` groups thousands, words compose.

>>> parse_number("76,81")
76.81
>>> parse_number("1.500")
1500
>>> parse_number("dua puluh lima")
25
>>> parse_number("1,5 triliun")
1500000000000
>>> parse_number("tiga belas")
13
>>> parse_number("lima ribu")
5000
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from typing import Optional

import regex

from ..lang import load_table

GROUPED = regex.compile(r"\d{1,3}(?:\.\d{3})+")

DIGITS = regex.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d+(?:,\d+)?$|^\d+\.\d+$")


@lru_cache(maxsize=1)
def number_words() -> dict[str, float]:
    return {k: _num(v) for k, v in load_table("number_words").items()}


@lru_cache(maxsize=1)
def scales() -> dict[str, tuple[str, float]]:
    """scale word -> ('+', 10) for ``belas`` or ('*', factor)."""
    out = {}
    for k, v in load_table("scales").items():
        out[k] = ("+", _num(v[1:])) if v.startswith("+") else ("*", _num(v))
    return out


def _num(s: str):
    f = float(s)
    return int(f) if f.is_integer() else f


def parse_digits(text: str) -> Optional[float]:
    """``76,81`` -> 76.81, ``1.500`` -> 1500, ``10.075.000`` -> 10075000, ``2.5`` -> 2.5.

    A dot followed by groups of exactly three digits groups thousands; otherwise it is a
    decimal point (English-style figures in some outlets).
    """
    text = text.strip()
    if not DIGITS.match(text):
        return None
    if "," in text:
        whole, frac = text.replace(".", "").split(",", 1)
        return _num(f"{whole}.{frac}")
    if GROUPED.fullmatch(text):
        return int(text.replace(".", ""))
    return _num(text)


def parse_words(words: list[str]) -> Optional[float]:
    """``['dua', 'puluh', 'lima']`` -> 25; None when a word is not a number word. ``puluh`` and
    ``ratus`` scale the number word just before them, not all that came before (``seratus dua
    puluh dua`` is 100 + 2 x 10 + 2); ``ribu``, ``juta`` ... scale the whole group before them.

    >>> parse_words("tujuh ratus dua puluh satu ribu dua belas".split())
    721012
    """
    table, mult = number_words(), scales()
    total, current, last, seen = 0, 0, 0, False
    for w in words:
        lw = w.casefold() if w not in mult else w
        if lw in table:
            current, last, seen = current + table[lw], table[lw], True
        elif lw in mult and seen:
            op, k = mult[lw]
            if op == "+":
                current += k
            elif k >= 1000:
                total += (current or 1) * k
                current = 0
            elif last:
                current += last * k - last  # `dua puluh`: the 2 becomes 20
            else:
                current = (current or 1) * k
            last = 0
        else:
            return None
    if not seen:
        return None
    return _num(str(total + current))


def signed(value: Optional[float], sign: Optional[str]) -> Optional[float]:
    """``value`` made negative when a sign was written before it (``lang.patterns.sign``).

    >>> signed(1.2, "minus"), signed(1.2, None), signed(None, "-")
    (-1.2, 1.2, None)
    """
    return -value if value is not None and sign else value


def parse_number(text: str) -> Optional[float]:
    """A number in digits and/or words, with an optional scale word: ``Rp``-free text only."""
    parts = text.split()
    if not parts:
        return None
    head = parse_digits(parts[0])
    if head is not None:
        value = Decimal(str(head))  # exact: 32,30 miliar is 32300000000, not ...999.996
        for w in parts[1:]:
            op_k = scales().get(w) or scales().get(w.casefold())
            if not op_k or op_k[0] != "*":
                return None
            value *= Decimal(str(op_k[1]))
        return _num(str(value))
    return parse_words(parts)


def range_low(low: str, high: str, scale: Optional[str]) -> Optional[float]:
    """The low end of a range, with the high end's scale word when it is written without its own
    and is not above the high end without it: ``3,5 sampai 4 juta`` -> 3,500,000; ``15.000 hingga
    16 ribu`` -> 15,000.

    >>> range_low("3,5", "4", "juta"), range_low("15.000", "16", "ribu"), range_low("7", "8", None)
    (3500000, 15000, 7)
    """
    bare, high_bare = parse_number(low), parse_number(high.casefold())
    if bare is None or not scale or high_bare is None or bare > high_bare:
        return bare
    return parse_number(f"{low} {scale}")
