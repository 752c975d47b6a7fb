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
from ..lang.patterns import NUMBER_DOT_DECIMAL as NUMBER, range_joiner, scale_words
from ..matching import norm, same_number
from ..nlp.doc import Document
from ..normalize.numbers import parse_number, range_low
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
    join = rf"[ \t]*(?:{range_joiner()})[ \t]*"  # `Rp 25-50 ribu`, `15-20 juta Euro`: both ends count
    # the high end of a range is no day of a month or percentage (`Rp 20 hingga 31 Desember`)
    not_amount = rf"(?![ \t]*(?:%|(?i:persen|{alternation(load_table('months'))})\b))"
    return regex.compile(
        rf"(?<![\w$])(?P<pre>{alternation(prefix)})\s?(?P<num>{_loose()}|{NUMBER})(?:{join}(?P<high>{NUMBER}){not_amount})?{scale}"
        rf"|(?<![\w.,])(?:(?P<low>{NUMBER}){join})?(?P<num>{NUMBER})(?:\s+(?P<scale>{scales}))?\s+(?P<suf>{alternation(suffix)})\b",
        regex.VERSION1,
    )


def _ends(m: regex.Match, num: str) -> list[tuple[float, int, int]]:
    """The amounts of a match as (value, start, end) of their text: one, or the two ends of a range
    (`Rp 25-50 ribu` -> 25,000 and 50,000; `15-20 juta Euro`). Two numbers whose first is not below
    the second, or is a thousandth of it or less, are no range: only the amount written next to
    the currency counts (`Rp 1.500.000.000 - 1 aset`, `skor 3-2 juta rupiah`)."""
    scale = f" {m['scale']}" if m["scale"] else ""
    low, high = (num, m["high"]) if m["high"] else (m["low"], num)
    high_value = parse_number(high + scale)
    low_value = range_low(low, high, m["scale"]) if low is not None and high_value is not None else None
    if low_value is not None and high_value / 1000 < low_value < high_value:
        return [(low_value, m.start(), m.end()), (high_value, m.start("high" if m["high"] else "num"), m.end())]
    if m["high"]:
        value = parse_number(num)
        return [(value, m.start(), m.end("num"))] if value is not None else []
    start = m.start() if m["pre"] else m.start("num")  # `2019-2020 rupiah`: the low end left out
    return [(high_value, start, m.end())] if high_value is not None else []


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
        code = prefix[m["pre"]] if m["pre"] else suffix[m["suf"]]
        for value, start, end in _ends(m, num):
            out.append(MoneyFact(value=value, currency=code, text=doc.match_text[start:end], evidence=evidence(doc, start, end)))
    return out


def _corpus_key(key: str) -> list[tuple[int, str]]:
    """``"1500000000000 IDR"`` -> [(1500000000000, 'IDR')]; ``;`` joins the two ends of a range."""
    rows = [row.split() for row in key.split(";")]
    return [(int(value), currency) for value, currency in rows]


SPEC = FactSpec(
    kind="money", field="money", record=MoneyFact, extract=extract,
    item=lambda fact, ref: {"value": fact.get("value"), "currency": fact.get("currency") or ""},
    gold_item=lambda gold, ref: {"value": gold["value"], "currency": gold.get("currency", "IDR")},  # IDR when left out
    matches=lambda p, g: same_number(p["value"], g["value"]) and norm(p["currency"]) == norm(g["currency"]),
    corpus=Corpus(row=lambda m, name: (m.value, m.currency), expected=_corpus_key, evidence=as_written),
    gold_entry=gold_keys("value", "currency"),
)
