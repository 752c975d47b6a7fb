"""Named measures with a value: indices, scores, rates, percentages of a named thing.

``Indeks RB kementerian/lembaga mencapai 76,81, meningkat dari 75,48`` -> name ``Indeks RB``,
scope ``kementerian/lembaga``, value 76.81, previous 75.48. A later clause of the same
sentence that only changes the scope (``Di tingkat provinsi, mencapai 69,71``) reuses the name.
Cue words and linking words: ``lang/id/metric_cues.txt``, ``metric_links.txt``.

>>> from extractor.facts.base import Context
>>> from extractor.nlp.doc import Document
>>> text = "Indeks RB kementerian/lembaga mencapai 76,81, meningkat dari 75,48. Di tingkat provinsi, mencapai 69,71."
>>> [(m.name, m.scope, m.value, m.previous) for m in extract(Document(text), Context())]
[('Indeks RB', 'kementerian/lembaga', 76.81, 75.48), ('Indeks RB', 'provinsi', 69.71, None)]
>>> [(m.name, m.value, m.unit) for m in extract(Document("Inflasi tercatat 2,5 persen pada Mei."), Context())]
[('Inflasi', 2.5, 'persen')]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Optional

import regex

from ..lang import AnchoredPattern, alternation, load_list, load_table
from ..lang.patterns import NUMBER, scale_words, sign
from ..matching import same_number, token_f1
from ..nlp.doc import Document
from ..normalize.numbers import parse_digits, signed
from ..schema import EVIDENCE, Plain, Span, described
from .base import Context, evidence
from .metric_clauses import UNIT, clauses, from_to, opening_subject, subject, verb_roles
from .spec import Corpus, FactSpec, gold_keys

CHANGE_LINK = regex.compile(r"(?i)naik|turun|meningkat|menurun")

NEXT_WORD = regex.compile(r"[ \t]+\S+")

SCOPE_REACH = 200  # characters after a metric within which a scope-only clause reuses its name


@lru_cache(maxsize=1)
def _patterns() -> dict:
    cues, links = alternation(load_list("metric_cues")), alternation(load_list("metric_links"))
    changes = alternation(verb_roles()["up"] | verb_roles()["down"])
    scales = alternation(scale_words())
    value = rf"(?:{sign()})?(?P<val>(?!(?:19|20)\d\d(?![\d.,]\d))(?:{NUMBER}))(?!,\d)(?:\s*(?P<unit>{UNIT}))?(?![\d\p{{L}}])(?!\s+(?:{scales})\b)"
    # `Rp 995,3 triliun atau 33,1 persen`: the money comes first, the share is the metric
    money_or = rf"Rp\.?[ \t]?[\d.,]+(?:[ \t]+(?:{scales}))?[ \t]*(?:atau|\()"
    return {
        # name (cue + up to 8 words, no digits or clause breaks) + link + value
        "metric": AnchoredPattern(regex.compile(
            rf"(?<![\p{{L}}\-])(?P<name>(?i:{cues})(?:[ \t]+(?!Rp)(?:[\p{{L}}/()\-]+|(?:19|20)\d\d)){{0,12}}?)[ \t]+"
            rf"(?:(?P<move>(?:(?i:{changes})[ \t]+)?{from_to()}[ \t]+)|(?P<link>(?i:{links})[ \t]+(?:(?i:{links})[ \t]+)?))?"
            rf"(?:{money_or}[ \t]+)?{value}"),
            load_list("metric_cues"), fold=True),
        "from": regex.compile(rf"[ \t]+dari[ \t]+(?:(?:sebelumnya|semula)[ \t]+)?(?P<prev>{NUMBER})(?![\d\p{{L}}])"),
        # `0,09 persen terhadap produk domestik bruto`: what a share is measured against
        "against": regex.compile(r"[ \t]+terhadap[ \t]+(?P<scope>[\p{L}\- ]{3,40}?)(?=[,.;()]|$)"),
        # `..., disusul Kemenlu 3,32, dan Kemenag 3,26`, `Sekolah Rakyat (3,13)`: the name carries over
        "listed": regex.compile(
            rf"(?<![\p{{L}}\p{{Sc}}])(?!(?:{alternation(load_table('currencies'))})[ \t]+\d)"  # `Rp 2,36`, `MYR 4,24`: an amount
            r"(?P<scope>\p{Lu}[\p{L}\-]*(?:[ \t]+(?:\p{Lu}[\p{L}\-]*|untuk|dan))*?)[ \t]+\(?(?P<val>\d+,\d+)\)?(?![\d\p{L}])"),
        # `Kementerian Pendidikan Dasar dan Menengah dengan skor 3,35`: the scope comes first
        "scope_before": regex.compile(r"(?P<scope>\p{Lu}[\p{L}\-]*(?:[ \t]+(?:\p{Lu}[\p{L}\-]*|dan|untuk))*)[ \t]+dengan[ \t]+$"),
        # `Di tingkat provinsi, mencapai 69,71`
        "scope_only": regex.compile(
            rf"(?i:di[ \t]+tingkat|di|untuk|pada)[ \t]+(?P<scope>[\p{{L}}/\-]+(?:[ \t]+[\p{{L}}/\-]+){{0,2}}?),?[ \t]+"
            rf"(?:\p{{Ll}}+[ \t]+)?(?i:{links})[ \t]+{value}"),
        "previous": regex.compile(
            rf",?[ \t]*(?:(?:yang|atau)[ \t]+)?(?i:meningkat|naik|turun|menurun|bertambah|berkurang|melonjak|anjlok)[ \t]+"
            rf"(?i:dari|dibandingkan|dibanding)[ \t]+(?:(?:sebelumnya|tahun[ \t]+lalu)[ \t]+)?(?:sebesar[ \t]+)?(?P<prev>{NUMBER})"),
        # `Pendapatan negara tercatat Rp 995,3 triliun atau 33,1 persen dari target APBN`
        "share": regex.compile(
            rf"(?<![\d,.])(?P<val>{NUMBER})[ \t]*(?P<unit>persen|%)[ \t]+dari[ \t]+"
            rf"(?P<base>(?i:{alternation(load_list('share_bases'))})(?:[ \t]+(?:\p{{L}}+|(?:19|20)\d\d)){{0,4}}?)(?=[ \t]*(?:[,.;)]|Rp)|$)"),
        "directions": {d: verb_roles()[d] for d in ("up", "down")},
        "change_verbs": verb_roles()["up"] | verb_roles()["down"],
        "superlatives": frozenset(w.casefold() for w in load_list("superlatives")),
        "demonstrative": regex.compile(r"(?i)\b(?:itu|ini|tersebut)$"),
        "head": regex.compile(rf"^(?:(?i:{cues}))(?:[ \t]+(?:\p{{Lu}}[\p{{L}}\d\-]*|\p{{Lu}}{{2,}}))*"),
    }


def _split_name(name: str, pats) -> tuple[str, str | None]:
    """``Indeks RB kementerian/lembaga`` -> (``Indeks RB``, ``kementerian/lembaga``)."""
    head = pats["head"].match(name)
    end = head.end() if head else len(name)
    if end < len(name) and name[end:].split()[0].casefold() in ("kinerja", "kepuasan", "pertumbuhan", "ekonomi"):
        nxt = NEXT_WORD.match(name[end:])
        end += nxt.end()
    scope = name[end:].strip() or None
    if scope and all(w.casefold() in pats["superlatives"] for w in scope.split()):
        scope = None  # `skor teratas yakni 3,35`: how high, not for what
    return name[:end].strip(), scope


@dataclass
class MetricFact(Plain):
    """``Indeks RB kementerian/lembaga mencapai 76,81, meningkat dari 75,48``."""

    name: str = described("The measure (`Indeks RB`, `inflasi`, `nilai`); what it is measured for is in `scope`.")
    scope: Optional[str] = described("What the measure is for, when stated (`kementerian/lembaga` of `Indeks RB "
                                     "kementerian/lembaga`); null otherwise.")
    value: float = described("The value as a JSON number, the decimal comma resolved (`76,81` -> 76.81).")
    previous: Optional[float] = described("An earlier value that the text gives (`meningkat dari 75,48` -> 75.48); "
                                          "null otherwise.")
    unit: Optional[str] = described("The unit written after the value (`persen`, `%`); null when none.")
    direction: Optional[Literal["up", "down"]] = described(
        "The direction of a change that the verb states (`naik 0,35 persen` -> `up`, `melemah` -> `down`); "
        "null otherwise.")
    evidence: Span = described(EVIDENCE)
    type: Literal["metric"] = described("The fact type.", default="metric")


def extract(doc: Document, ctx: Context) -> list[MetricFact]:
    """Every named measure with a numeric value in the body."""
    pats = _patterns()
    named: list[tuple[int, str]] = []  # (end, name) of the metrics found so far
    taken: list[tuple[int, int]] = []
    out = _cued(doc, ctx, pats, named, taken) + _shares(doc, ctx, pats, taken)
    out += _clause_metrics(doc, ctx, named, taken) + _carried(doc, ctx, pats, named, taken)
    return _once_per_figure(sorted(out, key=lambda f: f.evidence.start))


def _direction(link: Optional[str], pats) -> Optional[str]:
    """``naik menjadi`` -> ``up``; a link without a change verb -> None."""
    words = (link or "").casefold().split()
    return next((d for d in ("up", "down") if any(w in pats["directions"][d] for w in words)), None)


def _cued(doc: Document, ctx: Context, pats, named, taken) -> list[MetricFact]:
    """``Indeks RB kementerian/lembaga mencapai 76,81``: a cue word opens the name."""
    text, out = doc.match_text, []
    for m in pats["metric"].finditer(text, ctx.words(doc)):
        if ctx.is_ignored(m.start(), m.end()) or text[max(0, m.start("val") - 3):m.start("val")].strip().startswith("Rp"):
            continue
        value = signed(parse_digits(m["val"]), m["sign"])
        if value is None:
            continue
        link = m["link"] or m["move"]  # `mencapai`; `naik dari 75,48 menjadi`
        if not link and not m["unit"] and "," not in m["val"]:
            continue  # `integrasi 35 kabupaten`: a bare whole number needs a linking word or a unit
        if any(w.casefold() in pats["change_verbs"] for w in m["name"].split()[1:]):
            continue  # `Indeks Dow Jones melemah 44,14 poin`: a clause, read by _clause_metrics
        prev = None if m["move"] else pats["previous"].match(text, m.end())
        if not prev and m["link"] and CHANGE_LINK.search(m["link"]):
            prev = pats["from"].match(text, m.end())  # `naik menjadi 91,25 dari 88,40`
        name, scope = _split_name(m["name"].strip(), pats)
        before = pats["scope_before"].search(text, max(0, m.start() - 120), m.start())
        against = pats["against"].match(text, m.end())
        if scope is None and before:
            scope = before["scope"]
        elif scope is None and against:
            scope = against["scope"]
        end = prev.end() if prev else m.end()
        out.append(MetricFact(name=name, scope=scope, value=value,
                              previous=parse_digits((prev or m)["prev"]) if prev or m["move"] else None,
                              unit=m["unit"], direction=_direction(link, pats),
                              evidence=evidence(doc, m.start(), end)))
        named.append((end, name))
        taken.append((m.start(), end))
    return out


def _shares(doc: Document, ctx: Context, pats, taken) -> list[MetricFact]:
    """A share of a budget or profit: the metric is the sentence's subject, or the base when the
    subject only points back (`Jumlah itu mencerminkan 40 persen dari laba bersih tahun 2024`)."""
    text, out = doc.match_text, []
    for m in pats["share"].finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken) or ctx.is_ignored(m.start(), m.end()):
            continue
        s_start, _ = doc.sentence_of(m.start())
        near = subject(text, s_start, m.start())  # `jalur domisili sebesar 80 persen dari kuota`
        subj = None if near else opening_subject(text, s_start, m.start())
        if near:
            name, scope = near[1], None
        elif subj and not pats["demonstrative"].search(subj[1]):
            name, scope = subj[1], None
        else:
            name, scope = m["base"], None
        start = near[0] if near else m.start()
        out.append(MetricFact(name=name, scope=scope, value=parse_digits(m["val"]), previous=None, unit=m["unit"],
                              direction=None, evidence=evidence(doc, start, m.end())))
        taken.append((m.start(), m.end()))
    return out


def _clause_metrics(doc: Document, ctx: Context, named, taken) -> list[MetricFact]:
    """``IHSG ditutup menguat 1,12 persen ke level 7.245``: the subject of a change or level clause
    (``metric_clauses``), for values no cue word named."""
    out = []
    for c in clauses(doc.match_text, doc.sentence_of, taken, ctx.words(doc)):
        if ctx.is_ignored(c.start, c.end) or c.value is None:
            continue
        out.append(MetricFact(name=c.name, scope=c.scope, value=c.value, previous=c.previous, unit=c.unit,
                              direction=c.direction, evidence=evidence(doc, c.start, c.end)))
        named.append((c.end, c.name))
        taken.append((c.value_start, c.end))
    return out


def _carried(doc: Document, ctx: Context, pats, named, taken) -> list[MetricFact]:
    """Clauses and list items that only change the scope carry the name of the metric just before
    (`..., dan di kabupaten/kota naik menjadi 59,32`; `..., disusul Kemenlu 3,32`)."""
    text, out = doc.match_text, []
    if not named:
        return out  # nothing to carry: most articles, and both patterns scan the whole text
    for kind in ("scope_only", "listed"):
        for m in pats[kind].finditer(text):
            nearest = max(((e, n) for e, n in named if e <= m.start() and m.start() - e < SCOPE_REACH), default=None)
            name = nearest[1] if nearest else None
            if not name or any(s < m.end() and m.start() < e for s, e in taken) or ctx.is_ignored(m.start(), m.end()):
                continue
            value = signed(parse_digits(m["val"]), m["sign"] if kind == "scope_only" else None)
            if value is not None:
                unit = m["unit"] if kind == "scope_only" else None
                out.append(MetricFact(name=name, scope=m["scope"], value=value, previous=None, unit=unit, direction=None,
                                      evidence=evidence(doc, m.start(), m.end())))
            if kind == "scope_only":
                taken.append((m.start(), m.end()))
            elif value is not None:  # a list goes on from its last item (`..., Koperasi Merah Putih (2,77), ...`)
                named.append((m.end(), name))
    return out


def _once_per_figure(metrics: list[MetricFact]) -> list[MetricFact]:
    """The same figure told twice (`skor teratas yakni 3,35`, later `Kementerian ... dengan skor
    3,35`) is one fact, its first telling. A scope is not carried over from the later telling:
    every field of a fact must be visible in its evidence."""
    seen: set[tuple[str, float]] = set()
    out = []
    for f in metrics:
        key = (f.name.casefold(), f.value)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


SPEC = FactSpec(
    kind="metric", field="metrics", record=MetricFact, extract=extract,
    # the name and the scope are scored together
    item=lambda fact, ref: {"name": " ".join(filter(None, [fact.get("name"), fact.get("scope")])),
                            "value": fact.get("value")},
    matches=lambda p, g: same_number(p["value"], g["value"]) and token_f1(p["name"], g["name"]) >= 0.4,
    corpus=Corpus(row=lambda m, name: [m.name, m.scope, m.value, m.previous, m.unit]),
    gold_entry=gold_keys("name", "scope", "value", "previous"),
)
