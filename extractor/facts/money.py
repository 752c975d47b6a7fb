"""Amounts of money: ``Rp1,5 triliun``, ``Rp 250 jt``, ``US$2 miliar``, ``5 juta rupiah``.

Currency markers live in ``lang/id/currencies.txt``; numbers follow Indonesian conventions
(``normalize/numbers.py``).

>>> from extractor.facts import Context
>>> from extractor.nlp.doc import Document
>>> [(f.value, f.currency) for f in extract(Document("Anggaran Rp1,5 triliun dan US$2 miliar."), Context())]
[(1500000000000, 'IDR'), (2000000000, 'USD')]
>>> [f.value for f in extract(Document("Santunan Rp 15.000.000,- dan 250 juta rupiah."), Context())]
[15000000, 250000000]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import regex

from ..lang import alternation, load_table
from ..lang.patterns import NUMBER_DOT_DECIMAL as NUMBER, scale_words
from ..matching import norm, same_number
from ..nlp.doc import Document
from ..normalize.numbers import parse_number
from ..schema import EVIDENCE, Plain, Span, described
from .base import Context, evidence
from .spec import Corpus, FactSpec, as_written, gold_keys


def _loose() -> str:
    """Typos seen after a currency sign: mis-grouped thousands (`Rp 42.12.684`) and a space after
    the decimal comma before a scale word (`Rp 806, 2 triliun`)."""
    return rf"\d{{1,3}}(?:\.\d{{2,3}}){{2,}}(?!\.?\d)|\d+,[ ]\d+(?=[ ]+(?i:{alternation(scale_words())})\b)"


@lru_cache(maxsize=1)
def currency_markers() -> tuple[dict[str, str], dict[str, str]]:
    prefix, suffix = {}, {}
    for marker, value in load_table("currencies").items():
        code, position = value.split("\t")
        (prefix if position == "prefix" else suffix)[marker] = code
    return prefix, suffix


@lru_cache(maxsize=1)
def pattern() -> regex.Pattern:
    prefix, suffix = currency_markers()
    words = [w for w in load_table("scales") if len(w) > 1]
    letters = [w for w in load_table("scales") if len(w) == 1]  # `M`, `T`: upper case only
    scales = f"(?i:{alternation(words)})|{alternation(letters)}"
    scale = rf"(?:\s*(?:(?P<scale>(?i:{alternation(words)}))(?:an)?|(?P<scale>{alternation(letters)}))\b)?"  # `Rp 195 jutaan`: about 195 million
    return regex.compile(
        rf"(?<![\w$])(?P<pre>{alternation(prefix)})\s?(?P<num>{_loose()}|{NUMBER}){scale}"
        rf"|(?<![\w.,])(?P<num>{NUMBER})(?:\s+(?P<scale>{scales}))?\s+(?P<suf>{alternation(suffix)})\b",
        regex.VERSION1,
    )


@dataclass
class MoneyFact(Plain):
    """``Rp1,5 triliun`` -> value 1500000000000, currency ``IDR``."""

    value: float = described("The amount as a JSON number, scale words applied (`Rp1,5 triliun` -> 1500000000000).")
    currency: str = described("ISO 4217 currency code (`IDR`, `USD`).")
    text: str = described("The amount as written (`Rp 2,5 miliar`).")
    evidence: Span = described(EVIDENCE)
    type: Literal["money"] = described("The fact type.", default="money")


def extract(doc: Document, ctx: Context) -> list[MoneyFact]:
    """Every amount of money in the body, as a number in the currency's unit."""
    prefix, suffix = currency_markers()
    out = []
    for m in pattern().finditer(doc.match_text):
        if ctx.is_ignored(m.start(), m.end()):
            continue
        num = m["num"].replace(", ", ",")
        if num.count(".") >= 2 and parse_number(num) is None:
            num = num.replace(".", "")  # `42.12.684`: dots can only be (mis-placed) grouping
        value = parse_number(num + (f" {m['scale']}" if m["scale"] else ""))
        if value is None:
            continue
        code = prefix[m["pre"]] if m["pre"] else suffix[m["suf"]]
        out.append(MoneyFact(value=value, currency=code, text=m[0], evidence=evidence(doc, m.start(), m.end())))
    return out


def _corpus_key(key: str) -> list[tuple[int, str]]:
    """``"1500000000000 IDR"`` -> [(1500000000000, 'IDR')]."""
    value, currency = key.split()
    return [(int(value), currency)]


SPEC = FactSpec(
    kind="money", field="money", record=MoneyFact, extract=extract,
    item=lambda fact, ref: {"value": fact.get("value"), "currency": fact.get("currency") or ""},
    gold_item=lambda gold, ref: {"value": gold["value"], "currency": gold.get("currency", "IDR")},  # IDR when left out
    matches=lambda p, g: same_number(p["value"], g["value"]) and norm(p["currency"]) == norm(g["currency"]),
    corpus=Corpus(row=lambda m, name: (m.value, m.currency), expected=_corpus_key, evidence=as_written),
    gold_entry=gold_keys("value", "currency"),
)
