"""How a predicted item and a gold item are compared (``docs/gold-format.md``): normalised texts,
token F1, numbers, names. ``evaluate.py`` and each fact type's matcher (its ``FactSpec``) use them.

>>> norm("KemenPAN-RB")
'kemenpan rb'
>>> round(token_f1("unit kerja", "unit"), 3)
0.667
"""
from __future__ import annotations

import math
import unicodedata
from collections import Counter

import regex

NON_WORD = regex.compile(r"[^\w\s]")
RANK = regex.compile(r"^(\d+|[ivx]+)$")


def norm(text) -> str:
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return " ".join(NON_WORD.sub(" ", text).split())


def token_f1(a, b) -> float:
    ta, tb = Counter(norm(a).split()), Counter(norm(b).split())
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(ta.values()), common / sum(tb.values())
    return 2 * p * r / (p + r)


def same_number(a, b) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def names_match(pred: frozenset, gold: frozenset) -> bool:
    return bool(pred & gold) or any(token_f1(p, g) >= 0.8 for p in pred for g in gold)


def names(*values) -> frozenset:
    """The normalised, non-empty forms of ``values``."""
    return frozenset(n for n in (norm(v) for v in values) if n)


def ranks(text) -> set[str]:
    """The rank tokens of a text: words all digits or all of `i`, `v`, `x` (`juara II` -> {'ii'})."""
    return {t for t in norm(text).split() if RANK.match(t)}


def quote_overlap(pred: str, gold: str) -> float:
    tg, tp = Counter(norm(gold).split()), Counter(norm(pred).split())
    n_gold, n_pred = sum(tg.values()), sum(tp.values())
    if not n_gold or not n_pred or n_pred > 3 * n_gold + 40:
        return 0.0
    return sum((tg & tp).values()) / n_gold
