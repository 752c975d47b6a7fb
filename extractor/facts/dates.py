"""Dates and periods, resolved against the publication date, as ISO at the stated precision.

The expressions are found by our own patterns (dateparser's ``search_dates`` is noisy on
Indonesian text) built from ``lang/id/months.txt``, ``days.txt`` and ``relative_dates.txt``.

>>> from datetime import date
>>> from extractor.facts import Context
>>> from extractor.nlp.doc import Document
>>> [f.value for f in extract(Document("Diserahkan pada Rabu (9/10) di Jakarta."), Context(date(2024, 10, 10)))]
['2024-10-09']
>>> [f.value for f in extract(Document("Lomba digelar 8-14 Oktober 2025."), Context(date(2025, 10, 1)))]
['2025-10-08', '2025-10-14']
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal, Optional

import regex

from ..lang import AnchoredPattern, alternation, load_list, load_table
from ..lang.patterns import range_joiner, scale_words
from ..nlp.doc import Document
from ..normalize.dates import closest_year, month_numbers, named_month, named_weekday, shift, valid
from ..normalize.numbers import parse_number, scales
from ..schema import EVIDENCE, ISO_DATE, Plain, Span, described
from .base import Context, evidence
from .spec import Corpus, FactSpec, as_written


DAY_NAME_REACH = 16  # characters before a date in which its day name may stand (`Minggu, `)
COUNT_REACH = 40  # characters before `hari lalu` in which its count may stand (`tiga puluh dua `)


@lru_cache(maxsize=1)
def patterns() -> dict:
    months = alternation(load_table("months"))
    days = alternation(load_table("days"))
    relative = alternation(load_table("relative_dates"))
    cues = alternation(c.rstrip(".") for c in load_list("law_number_cues"))
    day_name = rf"(?:(?:{days})\s*,?\s*)"
    num_day = rf"(?P<d1>\d{{1,2}})(?:\s*(?:{range_joiner()}|dan)\s*(?P<d2>\d{{1,2}}))?"
    flags = regex.IGNORECASE | regex.VERSION1
    return {
        # the day name before a date (`Rabu (9/10)`, `Senin, 9 Juni`), looked for only once a date
        # is found: as an optional prefix of the date patterns it was tried at every position
        "day_before": regex.compile(rf"{day_name}$", flags),
        # Rabu (9/10), Jumat (17/10/2025), (9/10) after a day name, 17/10/2025
        "slash": regex.compile(
            rf"(?:\(\s*(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})(?:\s*/\s*(?P<y>\d{{2,4}}))?\s*\))"
            rf"|(?<![\d/.])(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>\d{{4}})(?![\d/])", flags),
        # 9 Oktober 2024, 8-14 Oktober 2025, Senin, 9 Juni
        "day_month": regex.compile(
            rf"(?<!\d[.,]?)\b{num_day}\s+(?P<month>{months})\b\.?(?:\s+(?P<y>\d{{4}}))?(?!\d)", flags),
        # awal September, pertengahan Juli mendatang (a month with no day and no year)
        "cued_month": AnchoredPattern(regex.compile(
            rf"\b(?i:{alternation(load_list('month_cues'))})[ \t]+(?P<month>{months})\b(?![ \t]+\d)", flags),
            load_list("month_cues"), fold=True),
        # Januari-Februari 2025, Januari hingga 15 Maret 2019: both ends take the year
        "month_range": regex.compile(
            rf"\b(?P<m1>{months})\b\s*(?:{range_joiner()})\s*(?:(?P<d2>\d{{1,2}})\s+)?(?P<m2>{months})\b\.?"
            rf"\s+(?P<y>(?:19|20)\d{{2}})\b", flags),
        # Oktober 2024
        "month_year": AnchoredPattern(regex.compile(rf"\b(?P<month>{months})\b\.?\s+(?P<y>(?:19|20)\d{{2}})\b", flags),
                                      load_table("months"), fold=True),
        # 2024-10-09
        "iso": regex.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])"),
        # tahun 2024, 2025-2029, Awards 2025 (a year that is not part of a number or document id)
        "year": regex.compile(
            rf"(?<![\d.,/\-])(?P<y>(?:19|20)\d{{2}})(?:\s*[-–]\s*(?P<y2>(?:19|20)\d{{2}}))?"
            rf"(?![\d.,]\d|/|-\d|\s*(?:{alternation(scale_words(letters=True))})\b)"),
        "law_year": regex.compile(rf"\b(?:{cues})\.?\s*[\w./-]*\d[\w./-]*\s+tahun\s+(?:19|20)\d{{2}}\b", flags),
        "relative": AnchoredPattern(regex.compile(rf"\b(?P<rel>{relative})\b", flags), load_table("relative_dates"),
                                    fold=True),
        **_counted_patterns(months, flags),
    }


@lru_cache(maxsize=1)
def _directions() -> dict[str, tuple[int, bool]]:
    """``lalu`` -> (-1, False), ``lagi`` -> (1, True): the sign, and whether only a span takes it."""
    return {k.casefold(): (int(v.split()[0]), "spans" in v.split()[1:])
            for k, v in load_table("relative_directions").items()}


def _counted_patterns(months: str, flags) -> dict:
    """`dua hari lalu`, `3 pekan lagi` (a span from the publication date) and `Januari lalu`,
    `Senin depan` (the nearest month or day of that name before or after it)."""
    units = load_table("relative_units")
    numbers = alternation([*load_table("number_words"), *(w for w, (op, k) in scales().items() if k < 1000)])
    directions = alternation(_directions())
    named_directions = alternation(w for w, (_, spans) in _directions().items() if not spans)
    day_names = [d for d in load_table("days") if d.casefold() not in {u.casefold() for u in units}]
    days = alternation(day_names)
    return {
        # found at the unit (`hari lalu`), then the count before it: both anchored on words, as
        # scanning every position for a count was the slowest part of the dates
        "span": AnchoredPattern(regex.compile(
            rf"(?P<unit>{alternation(units)})[ \t]+(?P<dir>{directions})(?![\p{{L}}])", flags), units, fold=True),
        "count": regex.compile(rf"(?<![\p{{L}}\d.,])(?P<n>\d{{1,3}}|(?:{numbers})(?:[ \t]+(?:{numbers}))*)[ \t]+$", flags),
        "named": AnchoredPattern(regex.compile(
            rf"(?:(?P<month>{months})|(?P<day>{days}))[ \t]+(?P<dir>{named_directions})(?![\p{{L}}])", flags),
            [*load_table("months"), *day_names], fold=True),
    }


@lru_cache(maxsize=1)
def _relative_table() -> dict[str, list[str]]:
    """``kemarin`` -> ['day', '-1'], ``tahun sebelumnya`` -> ['year', '-1', 'discussed']."""
    return {k.casefold(): v.split() for k, v in load_table("relative_dates").items()}


@lru_cache(maxsize=1)
def _count_words() -> frozenset[str]:
    """Words that turn `bulan lalu` into a span back in time (`enam bulan lalu`)."""
    return frozenset(w.casefold() for w in load_table("number_words")) | {"beberapa", "sekian"}


def _month(name: str) -> int:
    return month_numbers()[name.casefold().rstrip(".")]


def _day_iso(y: Optional[int], m: int, d: int, published: Optional[date], ctx: Context, text: str) -> Optional[str]:
    if y is None:
        if published is None:
            ctx.warn(f"no publication date to resolve {text!r}")
            return None
        y = closest_year(d, m, published)
        if y is None:
            return None
    elif y < 100:
        y += 2000
    found = valid(y, m, d)
    return found.isoformat() if found else None


def find(doc: Document, ctx: Context) -> list[tuple[int, int, list[str]]]:
    """(start, end, ISO values) of every date expression, longest first, no overlaps."""
    text, pub, pats = doc.match_text, ctx.published, patterns()
    words = ctx.words(doc)
    cands: list[tuple[int, int, list[str]]] = []

    def with_day_name(start: int) -> int:
        day = pats["day_before"].search(text, max(0, start - DAY_NAME_REACH), start)
        return day.start() if day else start

    for m in pats["slash"].finditer(text):
        y = int(m["y"]) if m["y"] else None
        iso = _day_iso(y, int(m["m"]), int(m["d"]), pub, ctx, m[0])
        cands.append((with_day_name(m.start()), m.end(), [iso] if iso else []))
    for m in pats["day_month"].finditer(text):
        month = _month(m["month"])
        y = int(m["y"]) if m["y"] else None
        if y is None and pub is not None:
            y = closest_year(int(m["d1"]), month, pub)
        values = [v for d in (m["d1"], m["d2"]) if d
                  for v in [_day_iso(y, month, int(d), pub, ctx, m[0])] if v]
        cands.append((with_day_name(m.start()), m.end(), values))
    for m in pats["cued_month"].finditer(text, words):
        if pub is None:
            ctx.warn(f"no publication date to resolve {m[0]!r}")
            continue
        month = _month(m["month"])
        year = closest_year(15, month, pub)
        cands.append((m.start("month"), m.end(), [f"{year:04d}-{month:02d}"]))
    for m in pats["month_range"].finditer(text):
        y, m1, m2 = int(m["y"]), _month(m["m1"]), _month(m["m2"])
        y1 = y - 1 if m1 > m2 else y  # `Desember-Februari 2025`: December of 2024
        end = f"{y:04d}-{m2:02d}" if not m["d2"] else _day_iso(y, m2, int(m["d2"]), pub, ctx, m[0])
        cands.append((m.start(), m.end(), [f"{y1:04d}-{m1:02d}", *([end] if end else [])]))
    for m in pats["month_year"].finditer(text, words):
        cands.append((m.start(), m.end(), [f"{int(m['y']):04d}-{_month(m['month']):02d}"]))
    for m in pats["iso"].finditer(text):
        found = valid(int(m["y"]), int(m["m"]), int(m["d"]))
        cands.append((m.start(), m.end(), [found.isoformat()] if found else []))
    # years inside document numbers block everything they overlap
    for m in pats["law_year"].finditer(text):
        cands.append((m.start(), m.end(), []))
    for m in pats["year"].finditer(text):
        cands.append((m.start(), m.end(), [v for v in (m["y"], m["y2"]) if v]))
    cands += _counted(text, pats, pub, ctx, words)
    rel, counts = _relative_table(), _count_words()
    for m in pats["relative"].finditer(text, words):
        before = text[max(0, m.start() - 15):m.start()].split()
        if before and (before[-1].isdigit() or before[-1].casefold() in counts):
            continue  # `enam bulan lalu` is a span back in time, not last month
        if any(m.end() <= s <= m.end() + 3 and any(len(v) == 10 for v in vals) for s, _, vals in cands):
            continue  # `Hari ini, Sabtu 7 Juni 2025`: the date itself follows
        precision, offset, *anchor = rel[" ".join(m["rel"].casefold().split())]
        if anchor == ["discussed"]:
            stated = [int(v[:4]) for s, e, vals in cands if e <= m.start() for v in vals if len(v) == 4]
            if stated:
                cands.append((m.start(), m.end(), [f"{stated[-1] + int(offset):04d}"]))
                continue
        if pub is None:
            ctx.warn(f"no publication date to resolve {m[0]!r}")
            continue
        cands.append((m.start(), m.end(), [shift(pub, precision, int(offset))]))

    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    kept, last_end = [], -1
    for c in cands:
        if c[0] >= last_end:
            kept.append(c)
            last_end = c[1]
    return kept


def _counted(text: str, pats: dict, pub: Optional[date], ctx: Context, index) -> list[tuple[int, int, list[str]]]:
    """Dates counted from the publication date: `dua hari lalu` -> two days before it, `Januari
    lalu` -> the last January before it, `Senin depan` -> the next Monday after it."""
    out, found = [], []
    for m in pats["span"].finditer(text, index):
        count = pats["count"].search(text, max(0, m.start() - COUNT_REACH), m.start())
        if count:
            found.append((count.start(), m, count["n"]))
    found += [(m.start(), m, None) for m in pats["named"].finditer(text, index)]
    for start, m, n_text in found:
        if pub is None:
            ctx.warn(f"no publication date to resolve {text[start:m.end()]!r}")
            continue
        sign = _directions()[" ".join(m["dir"].casefold().split())][0]
        if n_text:
            n = parse_number(n_text)
            precision, size = load_table("relative_units")[m["unit"].casefold()].split()
            values = [shift(pub, precision, sign * int(n) * int(size))] if n and float(n).is_integer() else []
        elif m["month"]:
            values = [named_month(pub, _month(m["month"]), sign)]
        else:
            values = [named_weekday(pub, int(load_table("days")[_day_key(m["day"])]), sign)]
        out.append((start, m.end(), values))
    return out


def _day_key(name: str) -> str:
    """The ``days`` table's own spelling of a day name written in any case."""
    return next(k for k in load_table("days") if k.casefold() == name.casefold())


@dataclass
class DateFact(Plain):
    """``Rabu (9/10)`` published 2024-10-10 -> ``2024-10-09`` (ISO at the stated precision)."""

    value: str = described(f"The date, {ISO_DATE} (`tahun 2024` -> `2024`, `Juni 2025` -> `2025-06`, "
                           "`Rabu (9/10)` -> `2024-10-09`); relative dates resolved against the publication date. "
                           "A string, where `value` of money, quantity and metric facts is a number.")
    text: str = described("The date as written (`Rabu (9/10)`, `tahun depan`).")
    evidence: Span = described(EVIDENCE)
    type: Literal["date"] = described("The fact type.", default="date")


def extract(doc: Document, ctx: Context) -> list[DateFact]:
    """Every calendar date or period in the article body, in text order."""
    out = []
    for start, end, values in find(doc, ctx):
        if ctx.is_ignored(start, end):
            continue
        for value in values:
            out.append(DateFact(value=value, text=doc.match_text[start:end], evidence=evidence(doc, start, end)))
    return out


SPEC = FactSpec(
    kind="date", field="dates", record=DateFact, extract=extract,
    item=lambda fact, ref: {"value": str(fact["value"])} if fact.get("value") else None,
    gold_item=lambda gold, ref: {"value": str(gold)},  # a gold date is its ISO string
    matches=lambda p, g: p["value"] == g["value"],
    corpus=Corpus(row=lambda d, name: d.value, expected=lambda key: str(key).split(), evidence=as_written),
    gold_entry=lambda fact, name: str(fact["value"]) if fact.get("value") else None,  # a gold date is its ISO string
)
