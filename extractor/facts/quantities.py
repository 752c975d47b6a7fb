"""Counts and measurements with a unit noun: ``64 unit kerja``, ``empat ekosistem pelayanan``.

Durations, occasions, ranks, identifiers, money and percentages are not quantities
(``lang/id/non_count_units.txt``, ``number_blockers.txt``); a demonstrative or particle is never
a unit (``not_units.txt``: ``100 ribu segitu``, ``cuma dua ya``). The unit is the head noun and at
most one modifier (``unit kerja``, ``keluarga korban``).

>>> from extractor.facts import Context
>>> from extractor.nlp.doc import Document
>>> [(f.value, f.unit) for f in extract(Document("Sebanyak 64 unit kerja dan empat ekosistem pelayanan yang baru."), Context())]
[(64, 'unit kerja'), (4, 'ekosistem pelayanan')]
>>> extract(Document("Ia dihukum lima tahun dan menjadi juara 2 setelah dua kali gagal."), Context())
[]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import regex

from ..lang import alternation, load_derived, load_folded, load_list, load_table
from ..matching import same_number, token_f1
from ..nlp.doc import Document
from ..normalize.numbers import parse_number, range_low
from ..schema import EVIDENCE, Plain, Span, described
from .base import Context, evidence
from .spec import Corpus, FactSpec, as_written, gold_keys
from ..lang.patterns import NUMBER_DOT_DECIMAL as NUMBER, range_joiner, scale_words, verb_prefixes
from .money import currency_markers

LOWER_WORD = regex.compile(r"\p{Ll}[\p{Ll}/\-]*")

YEAR = regex.compile(r"^(?:19|20)\d\d$")
ZERO = ("0", "nol")
ACRONYM = regex.compile(r"\p{Lu}{2,6}")  # `WNA`, `SPPG`, `UMKM`
CLOCK = regex.compile(r"\d\d[.:]\d\d")  # `07.00`, `22.30`
WORD_BEFORE = regex.compile(r"\S+[ \t]*$")  # the word before a position and the spaces after it
SENTENCE_START = regex.compile(r"(?:^|[.!?][ \t]+|\n[ \t]*|[\"“][ \t]*)$")
# the low end of a range before a count: `40 hingga` + `46 orang`, `10-`, `5 sampai`
RANGE_START = regex.compile(rf"(?<![\w.,/\-])(?P<low>{NUMBER})[ \t]*(?:{range_joiner()})[ \t]*$")


@lru_cache(maxsize=1)
def vocab() -> dict[str, frozenset]:
    fold = lambda xs: frozenset(x.casefold() for x in xs)  # noqa: E731
    prefix, suffix = currency_markers()
    return {
        "function": load_folded("function_words"),
        "non_count": fold(load_list("non_count_units")),
        "blockers": fold(load_list("number_blockers")) | fold(prefix),
        "measure": frozenset(load_list("measure_units")),
        "classifiers": load_folded("classifiers"),
        "lower_words": load_derived("mostly_lower_words"),
        "verbs": load_derived("verbs"),
        "common": load_derived("common_words"),
        "not_unit": fold(load_list("not_units")) | fold(load_table("scales")) | fold(load_table("number_words")) | fold(load_table("months"))
        | fold(w for s in suffix for w in s.split()) | fold(prefix),  # `305,51 miliar USD`: money
    }


def _number_parts() -> tuple[str, str]:
    """A written number (digits or number words) and the scale words after it, as patterns."""
    words = alternation(list(load_table("number_words")) + [w for w in load_table("scales") if len(w) > 1])
    letters = [w for w in scale_words(letters=True) if len(w) == 1]  # `M`, `T`: upper case only
    # `24,06 Juta orang`; not `belas`, `puluh`, `ratus`: those are in `words`
    scales = f"(?i:{alternation(scale_words())})|{alternation(letters)}"
    return rf"{NUMBER}|(?i:{words})(?:\s+(?i:{words}))*", scales


@lru_cache(maxsize=1)
def partitive_pattern() -> regex.Pattern:
    """A number before a word that counts part of a group (`15 di antaranya`, `500 lainnya`), past a
    copula the noun after it (`di antaranya merupakan mobil listrik`): ``partitive_words.txt``."""
    number, scales = _number_parts()
    table = load_table("partitive_words")
    part, copula = (alternation(w for w, k in table.items() if k == kind) for kind in ("partitive", "copula"))
    return regex.compile(
        rf"(?<![\w.,/\-]|\d:)(?P<num>{number})(?:\s+(?P<scale>{scales}))?\s+(?P<part>(?i:{part}))(?![\w\-])"
        rf"(?:\s+(?P<copula>{copula}))?(?:\s+(?P<unit>[\w/\-]+)(?:\s+(?P<mod>[\w/\-]+))?)?",
        regex.VERSION1,
    )


@lru_cache(maxsize=1)
def pattern() -> regex.Pattern:
    number, scales = _number_parts()
    glued = rf"(?<=\d)(?P<unit>{alternation(load_list('measure_units'))})(?![\w/\-])"  # `125kW`, `10.000mAh`
    return regex.compile(
        rf"(?<![\w.,/]|\d:|(?<!\d)-)(?P<num>{number})(?:{glued}|(?![\w/\-])"  # `4-5 orang`: a range's high end
        rf"(?:[ \t]*\((?:{number})\))?"  # the number restated in brackets: `2 (dua) kategori`, `empat belas (14) pasal`
        rf"(?:\s+(?P<scale>{scales}))?\s+(?:(?P<clf>{alternation(load_list('classifiers'))})\s+)?"
        rf"(?P<unit>[\w/\-]+)(?:\s+(?P<mod>[\w/\-]+))?)",
        regex.VERSION1,
    )


def _unit_word(word: str, v, next_word: str | None = None) -> bool:
    """A lower-case noun; a capitalised one only when it is usually written in lower case and
    starts no name (`tiga Kecamatan dilanda banjir`, not `dua Kecamatan Cisolok`)."""
    if word in v["measure"]:
        return True
    lw = word.casefold()
    if word != lw and word[:1].isupper() and word[1:].islower() and lw in v["lower_words"]:
        if next_word and next_word[:1].isupper():
            return False
        word = lw
    return (word == lw and LOWER_WORD.fullmatch(word) is not None
            and not lw.endswith("nya")  # `sebelumnya`, `lainnya`: clitic forms are not unit nouns
            and lw not in v["function"] and lw not in v["non_count"] and lw not in v["not_unit"]
            and lw.removesuffix("an") not in v["non_count"]  # `lima tahunan`, `15 menitan`: a period
            and lw not in v["verbs"])  # `2 jalani`, `500 mengakhiri`: a verb is no unit


def _acronym_count(m: regex.Match, v) -> bool:
    """An acronym is the unit of a count (`tiga WNA`, `73 SPPG`, `35,04 juta KPM`) unless it marks
    a time zone, an era or a coordinate (`non_count_units.txt`: `15.30 WIB`, `3000 SM`) or the
    number is a clock time (`01.00 LIVE`); after a name it is none either (``_after_name``)."""
    unit = m["unit"].casefold()
    return not (unit in v["non_count"] or unit in v["not_unit"] or CLOCK.fullmatch(m["num"]))


def _after_name(before: list[str], v) -> bool:
    """The number follows a capitalised word that is no function word, which makes it part of a
    name or identifier with the capitalised word after it (`Tiggo 8 CSH`, `Topik 4 PPG`, `RT 09 RW
    05`, `Huawei Nova 13 Pro`, `Snapdragon 8 Elite`); not `Dari 5 IUP`."""
    word = before[-1] if before else ""
    return word[:1].isupper() and word[-1:].isalnum() and word.casefold() not in v["function"]


def _no_count(text: str, m: regex.Match, ctx: Context) -> bool:
    """A year, a match in an ignored span, or a capitalised number word inside a name (`Program
    Tiga Juta Rumah`; `Dua peserta ...` opening a sentence is a count)."""
    num = m["num"]
    return ((num[0].isupper() and not SENTENCE_START.search(text, max(0, m.start() - 3), m.start()))
            or YEAR.match(num) is not None or ctx.is_ignored(m.start(), m.end()))


def _blocked(before: list[str], v) -> bool:
    """Whether the word before a number blocks it from being a count (`Nomor 7`, `pukul 10`)."""
    return bool(before) and before[-1].casefold().rstrip(":") in v["blockers"]


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether the word right before ``pos`` opens a sentence (`Terdapat 18 BUMN`: not a name)."""
    word = WORD_BEFORE.search(text, max(0, pos - 40), pos)
    return word is not None and SENTENCE_START.search(text, max(0, word.start() - 3), word.start()) is not None


def _range_start(text: str, m: regex.Match, value: float, v):
    """The low end of a range before the count ``m``, as (match, value); (None, None) when
    there is none (`40 hingga 46 orang` -> 40). None when the count is none: a score joined by a
    dash (`menang 3-0 lewat`, `imbang 1-1 juara`), clock times (`Jam buka 07.00-22.00 Tarif`), a
    range after a blocker (`Rp 30-75 orang`)."""
    start = m.start()
    low = RANGE_START.search(text, max(0, start - 30), start)
    dashed = text[start - 1:start] == "-"  # `4-5 orang`: the pattern reads such a number only after digits
    if not low:
        return None if dashed else (None, None)
    low_value = range_low(low["low"], m["num"], m["scale"])
    if CLOCK.fullmatch(low["low"]) and CLOCK.fullmatch(m["num"]):
        return None
    before = text[max(0, low.start() - 20):low.start()].split()
    if _blocked(before, v):
        return None
    if dashed and (low_value is None or low_value >= value):
        return None
    return low, low_value


def _derived(word: str) -> bool:
    """A verb or adjective by its prefix (`ditemukan`, `berasal`, `terbesar`), no noun of a unit."""
    return word.startswith(verb_prefixes()) and len(word) > 5


def _modifier(word: str | None, v) -> bool:
    if not word or not _unit_word(word, v) or word in v["measure"]:
        return False
    return not _derived(word)


@dataclass
class QuantityFact(Plain):
    """``64 unit kerja`` -> value 64, unit ``unit kerja``."""

    value: float = described("The number as a JSON number (`empat` -> 4, `1.250` -> 1250).")
    unit: str = described("What is counted or measured, short (`unit kerja`, `pegawai`, `gram`).")
    text: str = described("The quantity as written (`empat ekosistem pelayanan`).")
    evidence: Span = described(EVIDENCE)
    type: Literal["quantity"] = described("The fact type.", default="quantity")


def extract(doc: Document, ctx: Context) -> list[QuantityFact]:
    """Every count or measurement of things in the body, with its unit noun."""
    v, text, out = vocab(), doc.match_text, []
    pos = 0
    while True:
        m = pattern().search(text, pos)
        if not m:
            break
        pos = m.start("num") + len(m["num"])
        num = m["num"]
        if _no_count(text, m, ctx):
            continue
        before = text[max(0, m.start() - 20):m.start()].split()
        if _blocked(before, v):
            continue
        if (m["unit"][:1].isupper() and m["unit"] not in v["measure"] and _after_name(before, v)
                and not _opens_sentence(text, m.start())):
            continue
        acronym = ACRONYM.fullmatch(m["unit"]) and m["unit"] not in v["measure"]
        if not (_acronym_count(m, v) if acronym else _unit_word(m["unit"], v, m["mod"])):
            continue
        value = parse_number(num.casefold() + (f" {m['scale']}" if m["scale"] else ""))
        if value is None or (value == 0 and num.casefold() not in ZERO):
            continue  # `00 Fakta`: a zero only as `0` or `nol`
        # a unit of measurement takes no modifier: `3 ton beras` -> `ton`
        has_mod = m["unit"] not in v["measure"] and _modifier(m["mod"], v)
        end = m.end("mod") if has_mod else m.end("unit")
        unit = text[m.start("unit"):end]
        low = _range_start(text, m, value, v)
        if low is None:
            continue
        low, low_value = low
        if low_value is not None and low_value <= value:  # `40 hingga 46 orang`, `3,5 sampai 4 juta ton`
            out.append(QuantityFact(value=low_value, unit=unit, text=text[low.start():end],
                                    evidence=evidence(doc, low.start(), end)))
        out.append(QuantityFact(value=value, unit=unit, text=text[m.start():end], evidence=evidence(doc, m.start(), end)))
        pos = end
    return sorted(out + _partitives(doc, ctx, out, v), key=lambda f: f.evidence.start)


def _partitives(doc: Document, ctx: Context, counts: list[QuantityFact], v) -> list[QuantityFact]:
    """Counts of part of a group, whose unit is the noun after a copula or a noun phrase right after
    (`800 di antaranya merupakan mobil listrik`, `15 di antaranya pihak swasta`), else the head noun
    of the count before them in the sentence (`24 orang tewas dan 500 lainnya cedera` -> 500 orang:
    a lone word after tells what became of them), else a common noun right after."""
    text, out = doc.match_text, []
    for m in _partitive_matches(text, ctx.words(doc)):
        num = m["num"]
        if _no_count(text, m, ctx):
            continue
        before = text[max(0, m.start() - 20):m.start()].split()
        value = parse_number(num.casefold() + (f" {m['scale']}" if m["scale"] else ""))
        if not value or value < 1 or _blocked(before, v):
            continue  # `separuh lainnya`: a share, no count
        start = doc.sentence_of(m.start())[0]
        prior = [f for f in counts if start <= f.evidence.start < m.start()]
        noun = m["unit"] and _unit_word(m["unit"], v, m["mod"]) and not _derived(m["unit"])
        phrase = noun and m["unit"] not in v["measure"] and _modifier(m["mod"], v)
        if noun and (m["copula"] or phrase or (not prior and m["unit"].casefold() in v["common"])):
            end = m.end("mod") if phrase else m.end("unit")
            unit = text[m.start("unit"):end]
        elif prior and not m["scale"]:  # `500 lainnya cedera`: the word after tells what became of them; not
            # `2 miliar dan 500 juta lainnya` (money or another measure the scale word belongs to)
            unit, end = prior[-1].unit.split()[0], m.end("part")
        else:
            continue
        out.append(QuantityFact(value=value, unit=unit, text=text[m.start():end], evidence=evidence(doc, m.start(), end)))
    return out


@lru_cache(maxsize=1)
def _partitive_lasts() -> frozenset[str]:
    """The last words of the partitives of ``partitive_words.txt``: `antaranya`, `lainnya`."""
    return frozenset(w.split()[-1].casefold() for w, kind in load_table("partitive_words").items() if kind == "partitive")


PARTITIVE_REACH = 60  # characters before a partitive word in which its number is looked for
PARTITIVE_TAIL = 200  # ... and after it, where the copula and the unit may follow


def _partitive_matches(text: str, words) -> list[regex.Match]:
    """The matches of ``partitive_pattern`` in ``text``, tried only before the last word of a
    partitive (`lainnya`, `antaranya`; ``words``: the text's ``WordIndex``): most texts have none."""
    out, end = [], 0
    for s in sorted(p for key in _partitive_lasts() for p in words.folded.get(key, ())):
        for m in partitive_pattern().finditer(text, max(end, s - PARTITIVE_REACH), min(len(text), s + PARTITIVE_TAIL)):
            if m.start("part") > s:
                break
            if m.end("part") > s:  # this word's partitive, not an earlier one's
                out.append(m)
                end = m.end()
                break
    return out


def _corpus_key(key: str) -> list[tuple[float, str]]:
    """``"64 | unit kerja"`` -> [(64.0, 'unit kerja')]; ``;`` joins the two ends of a range
    (``"4 | orang; 5 | orang"``)."""
    rows = [[part.strip() for part in row.split("|")] for row in key.split(";")]
    return [(float(value), unit) for value, unit in rows]


SPEC = FactSpec(
    kind="quantity", field="quantities", record=QuantityFact, extract=extract,
    item=lambda fact, ref: {"value": fact.get("value"), "unit": fact.get("unit") or ""},
    matches=lambda p, g: same_number(p["value"], g["value"]) and token_f1(p["unit"], g["unit"]) >= 0.5,
    corpus=Corpus(row=lambda q, name: (q.value, q.unit), expected=_corpus_key, evidence=as_written),
    gold_entry=gold_keys("value", "unit"),
)
