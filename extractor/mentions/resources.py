"""The word lists and patterns of the mention rules, loaded once from ``lang/id/``.

>>> r = resources()
>>> "Polres" in r.org_heads, r.agencies["Kemensos"]
(True, 'Kementerian Sosial')
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

import regex

from ..lang import AnchoredPattern, alternation, load_derived, load_folded, load_list, load_table
from ..lang.patterns import abbreviation_forms, rank, speaker_cues

# a capitalised word or a number: `Kemenkumham`, `Dr.`, `XIV`, `3`
CAP_WORD = r"(?:\p{Lu}[\p{L}\d'’.\-]*|\d+[\p{L}\d\-]*)"
# one to four capitalised words: `Asnawi Mangkualam`
NAME = r"\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+){0,3}"
# an initial that may open a name after a rank: Balinese `I` (`AKBP I Made Wirawan`), `M`, `A.`
RANK_INITIAL = r"(?:\p{Lu}\.?[ \t]+)?"
# where such a name ends: at punctuation or before a lower-case word
NAME_END = r"(?=[ \t]*[,.;:]|[ \t]+\p{Ll})"


@dataclass(frozen=True)
class MentionResources:
    """The word lists and patterns of the mention rules, built once from ``lang/id/`` and the
    derived lexicon (``resources()``)."""

    org_heads: frozenset[str]  # words that open an organisation's name: `Polres`, `Kementerian`, `Fraksi`
    loc_heads: frozenset[str]  # words that open a place's name: `Kabupaten`, `Jalan`, `Gedung`
    place_noun_before: regex.Pattern  # a lower-case place noun right before a name: `bandara`, `kawasan`
    named_after_heads: frozenset[str]  # place heads a person's name may follow: `Jalan` (`Jalan Sudirman`)
    org_tails: frozenset[str]  # last words of an organisation's name: `Tbk`, `FC`, `Persero`
    loc_tails: frozenset[str]  # last words of a place's or venue's name: `Stadium`, `Arena`
    places: frozenset[str]  # known places: `Seychelles`, `Timor Leste`
    place_aliases: frozenset[str]  # other names of places: `RI`, `Jatim`
    agencies: Mapping[str, str]  # agency short form -> full name: `Kemensos` -> `Kementerian Sosial`
    agencies_folded: frozenset[str]  # the short forms casefolded (`Kemenpan-RB` as `KemenPAN-RB`)
    function_words: frozenset[str]  # casefolded function words: `yang`, `di`
    coordinators: frozenset[str]  # casefolded words that join names: `dan`, `serta`
    number_words: frozenset[str]  # casefolded cardinal number words: `sebelas`, `dua`
    ranks: frozenset[str]  # casefolded ranks: `akbp`, `iptu` (`AKBP`, `Akbp`, `IPTU`, `Iptu`)
    honorifics: frozenset[str]  # casefolded honorifics: `bapak`, `ibu`
    abbreviations: frozenset[str]  # casefolded words written with a full stop, the stop left off: `jl`, `s.h`, `pt`
    not_entities: frozenset[str]  # programme, law and document acronyms: `RPJMD`, `KUHP`
    common_words: frozenset[str]  # casefolded common words of the corpora: `selamat`, `unggul`
    lower_words: frozenset[str]  # casefolded words mostly written in lower case: `keuangan`, `riset`
    titles: frozenset[str]  # casefolded titles: `bupati`, `wakil menteri`
    title_words: frozenset[str]  # the casefolded words of the titles: `wakil`, `menteri`
    calendar: frozenset[str]  # day and month names: `Senin`, `Januari`
    months: frozenset[str]  # month names, also given names: `Juli` (`Juli Oktarina`)
    events: frozenset[str]  # event names: `Rakernas` (`Rakernas PDIP` -> `PDIP`)
    event_tails: frozenset[str]  # the words that close a sports event's name: `Open` of `Japan Open`
    event_tail: regex.Pattern  # one of them after a name
    thing_heads: regex.Pattern  # the head that opens a programme, event or law: `Program`, `Hari Raya`
    verbs: frozenset[str]  # casefolded verbs of the UD treebanks: `membangun`, `mengonsumsi`
    brands: frozenset[str]  # makers whose name + a model is a product: `Honda` (`Honda Beat`)
    company_words: frozenset[str]  # words that make a maker's name a company's: `Motor`, `Indonesia`
    person_cues: frozenset[str]  # casefolded name cues after which the name is a person's: `berinisial`
    known_name: regex.Pattern  # a known place, agency or place alias at a position: `Jepara`, `DPR`, `Jatim`
    gazetteer: AnchoredPattern  # places, agencies (short and full names) and outlets, for what NER missed
    unit: AnchoredPattern  # a unit head + 1..6 capitalised words: `Pemkab Bogor`, `Kanwil Kemenkumham Jatim`
    place_unit: AnchoredPattern  # a place head + 1..4 capitalised words: `Kampung Naringgul`, `Jalan Dr Sutomo`
    comma_name: regex.Pattern  # a name after a comma: `, Asnawi Mangkualam,`
    title_before: regex.Pattern  # a title (and its organisation) ending at a position: `Ketua Karang Taruna`
    title_end: regex.Pattern  # a title and spaces ending at a position: `Bupati `
    title_items: regex.Pattern  # a title and the items of an enumeration in it before `dan`: `Menteri Desa, Pembangunan Daerah Tertinggal,`
    lower_title_name: AnchoredPattern  # a lower-case title and the name after it: `juru bicara Carwan.`
    rank_name: AnchoredPattern  # ranks and the name after them: `IPTU Joharmen` (a rank is never the name: `Ajun Komisaris Besar FX` holds none)
    rank_run: regex.Pattern  # one or more ranks and the spaces after them: `AKBP `, `Ajun Komisaris Besar `
    cued_name: AnchoredPattern  # a name cue and the name after it: `bernama Liza`, `berinisial MS`
    speaker: AnchoredPattern  # a speech verb after a quote or comma and the name: `" ujar Dorma`
    outlet_cued: AnchoredPattern  # an outlet cue and the outlet's name: `dilansir Yahoosport`
    name_after: regex.Pattern  # the name after a title's organisation: `Komisi IV DPR` + ` Usman Husin,`
    title_word: AnchoredPattern  # a capitalised title: `Wakil Menteri`
    and_tail: regex.Pattern  # ` dan` + capitalised words: `Kementerian Pendidikan Dasar` + ` dan Menengah`
    address_cut: regex.Pattern  # where address numbers begin: `Kampung Naringgul` + ` RT 03`
    dash: regex.Pattern  # a dash between two names: `KOMPAS.com- Kementerian Keuangan`, `Jakarta – Kemenkeu`
    nickname: regex.Pattern  # a short form in brackets at the end: `(Gus Ipul)`, `( KPU )`


@lru_cache(maxsize=1)
def resources() -> MentionResources:
    """The resources, built at first use."""
    heads, agencies, places = load_table("org_heads"), load_table("agencies"), load_list("places")
    titles, cues, aliases = load_list("titles"), load_table("name_cues"), load_table("place_aliases")
    name_cues = {cue: kind for cue, kind in cues.items() if kind in ("name", "person")}
    common, lower = load_derived("common_words"), load_derived("mostly_lower_words")
    return MentionResources(
        org_heads=frozenset(heads),
        loc_heads=frozenset(load_list("loc_heads")),
        place_noun_before=regex.compile(
            rf"(?<![\p{{L}}\-])(?:{alternation([*(h.lower() for h in load_list('loc_heads') if h.isalpha()), *load_list('region_nouns')])})[ \t]+$"),
        named_after_heads=frozenset(load_list("named_after_heads")),
        org_tails=frozenset(load_list("org_tails")),
        loc_tails=frozenset(load_list("loc_tails")),
        places=frozenset(places),
        place_aliases=frozenset(aliases),
        agencies=agencies,
        agencies_folded=frozenset(a.casefold() for a in agencies),
        function_words=load_folded("function_words"),
        coordinators=load_folded("coordinators"),
        number_words=frozenset(w.casefold() for w in load_table("number_words")),
        ranks=load_folded("ranks"),
        honorifics=load_folded("honorifics"),
        abbreviations=frozenset(a.casefold().rstrip(".") for a in (*abbreviation_forms(), *load_list("legal_forms"))),
        not_entities=frozenset(load_list("not_entities")),
        common_words=common,
        lower_words=lower,
        titles=frozenset(t.casefold() for t in titles),
        title_words=frozenset(w.casefold() for t in titles for w in t.split()),
        calendar=frozenset(load_table("days")) | frozenset(load_table("months")),
        months=frozenset(m for m in load_table("months") if len(m) > 3),
        events=frozenset(load_list("event_names")),
        event_tails=frozenset(load_list("event_tails")),
        event_tail=regex.compile(rf"[ \t]+(?:{alternation(load_list('event_tails'))})(?![\w\-])"),
        thing_heads=regex.compile(rf"(?:{alternation(load_list('thing_heads'))})[ \t]+\S"),
        verbs=load_derived("verbs"),
        brands=frozenset(load_list("product_brands")),
        company_words=frozenset(load_list("company_words")) | frozenset(load_list("org_tails")),
        person_cues=frozenset(c.casefold() for c, kind in name_cues.items() if kind == "person"),
        known_name=regex.compile(rf"(?:{alternation(list(places) + list(agencies) + list(aliases))})(?![\w\-])"),
        gazetteer=_gazetteer(places, agencies, _outlets(common, lower)),
        unit=_head_and_name([h for h, kind in heads.items() if kind == "pattern"], 6),
        place_unit=_head_and_name(load_list("loc_heads"), 4),
        # found as `, Name Name,` first; the title before it is checked in a short window (`title_before`)
        comma_name=regex.compile(rf",[ \t]+(?P<name>{NAME})(?=[ \t]*[,.;]|[ \t]+\p{{Ll}})"),
        title_before=regex.compile(
            rf"(?<![\w\-])(?i:{alternation(titles)})(?:[ \t]+(?:{CAP_WORD}|dan|&|\(\p{{Lu}}[^()\n]{{0,30}}\))){{0,8}}$"),
        title_end=regex.compile(rf"(?<![\w\-])(?i:{alternation(titles)})[ \t]+$"),
        title_items=regex.compile(rf"(?<![\w\-])(?i:{alternation(titles)})(?:[ \t]+{CAP_WORD}){{1,4}}"
                                  rf"(?:[ \t]*,[ \t]+{CAP_WORD}(?:[ \t]+{CAP_WORD}){{0,3}}){{1,4}}[ \t]*,?$"),
        # a title written in lower case ends where the capitalised name begins, so the name after
        # it is certain even when NER missed it
        lower_title_name=AnchoredPattern(regex.compile(
            rf"(?<![\w\-])(?:{alternation(t.lower() for t in titles)})[ \t]+(?P<name>{NAME}){NAME_END}"),
            [t.lower() for t in titles]),
        rank_name=AnchoredPattern(regex.compile(
            rf"(?<![\w\-])(?>(?:(?:{rank()})\.?[ \t]+)+)(?P<name>{RANK_INITIAL}{NAME})(?![\w\-])"),
            load_list("ranks"), fold=True),
        rank_run=regex.compile(rf"(?:(?:{rank()})\.?(?![\w\-])[ \t]*)+"),
        # initials too (`berinisial F`, `tersangka IIH`), not a roman numeral (`Terdakwa II`)
        cued_name=AnchoredPattern(regex.compile(
            rf"(?<![\w\-])(?P<cue>(?i:{alternation(name_cues)}))[ \t]+(?P<name>{NAME}|(?![IVX]+(?![\w\-]))\p{{Lu}}{{1,4}})(?![\w\-])"),
            name_cues, fold=True),
        speaker=_speaker(list(speaker_cues())),
        outlet_cued=_outlet_cued([cue for cue, kind in cues.items() if kind == "outlet"]),
        name_after=regex.compile(rf"[ \t]+(?P<name>{NAME}){NAME_END}"),
        title_word=AnchoredPattern(regex.compile(
            rf"(?<![\w\-])(?:{alternation(t for t in titles if t[:1].isupper())})(?![\w\-])"),
            [t for t in titles if t[:1].isupper()]),
        and_tail=regex.compile(rf"[ \t]+dan[ \t]+((?:{CAP_WORD})(?:[ \t]+{CAP_WORD}){{0,3}})"),
        address_cut=regex.compile(rf"[ \t,]+(?:{alternation(load_list('address_parts'))})[ \t]*\d"),
        # a dash glued to the left word only, a spaced en/em dash, or any dash after a capitalised
        # dateline (`SEMARANG - Tim SMA`) never joins one name (`Go - Jek`, `PDI - P` in tokenised text do)
        dash=regex.compile(r"(?<=\S)[-–—][ \t]+|[ \t]+[–—][ \t]*|(?<=^\p{Lu}{4,})[ \t]+-[ \t]+(?=\p{Lu}\p{L})"),
        nickname=regex.compile(r"\s*\(([^()]{2,30})\)\s*$"),
    )


def _outlets(common: frozenset[str], lower: frozenset[str]) -> list[str]:
    """Outlets named in the body (`kata Rio dalam rilis yang diterima detikSport`); not a
    capitalised common word (`Tempo`, `Bisnis`, `Merdeka`), unless written in capitals."""
    return [o for o in load_list("outlets")
            if o.isupper() or not (o[:1].isupper() and (o.casefold() in common or o.casefold() in lower))]


def _gazetteer(places, agencies, outlets: list[str]) -> AnchoredPattern:
    """Known places, agencies and outlets, for where NER missed them; an agency's full name too
    (`Bank Indonesia`, where the model found only `Indonesia`)."""
    looked_up = list(places) + list(agencies) + sorted(set(agencies.values()) - set(agencies)) + outlets
    # not glued to a word by a dash (`Fraksi Demokrat–NasDem` is one name)
    return AnchoredPattern(regex.compile(rf"(?<![\w\-–—])(?:{alternation(looked_up)})(?![\w\-–—])"), looked_up)


def _head_and_name(heads, max_words: int) -> AnchoredPattern:
    """A head and 1..``max_words`` capitalised words: `Kantor Imigrasi Kelas II Non TPI Ponorogo`,
    `RSUD Dr. Soetomo`; a full stop that is no abbreviation's ends it (`Kementerian PU. Pejabat`)."""
    # a word, not with a full stop before a capital unless the stop closes an abbreviation (`Dr`)
    word = r"(?:\p{Lu}[\p{L}\d'’.\-]*(?<!(?<!(?<![\p{L}.])\L<stems>)\.(?=[ \t]+\p{Lu}))|\d+[\p{L}\d\-]*)"
    return AnchoredPattern(regex.compile(
        rf"(?<![\w\-])(?P<head>{alternation(heads)})(?:[ \t]+{word}){{1,{max_words}}}(?![\w\-])",
        stems=sorted({a[:-1] for a in abbreviation_forms()})), list(heads))


def _speaker(verbs: list[str]) -> AnchoredPattern:
    """A speech verb after a quote or comma, then a name: `" ujar Dorma di terminal`, `, kata Kuat .`"""
    return AnchoredPattern(regex.compile(
        rf"(?<=[,\"”'’][ \t]*)(?i:{alternation(verbs)})[ \t]+"
        r"(?P<name>\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+){0,2})(?![\w\-'’])"), verbs, fold=True)


def _outlet_cued(cues: list[str]) -> AnchoredPattern:
    """`dilansir Yahoosport`, `seperti dikutip Jakarta Post`: up to four capitalised words (an outlet
    in lower case, `detikINET`, is found by `outlets.txt`; `dariAntara` is glued, no name)."""
    return AnchoredPattern(regex.compile(
        rf"(?<![\w\-])(?i:{alternation(cues)})[ \t]+"
        r"(?P<name>\p{Lu}[\p{L}\d]*(?:[.\-][\p{L}\d]+)*(?:[ \t]+\p{Lu}[\p{L}\d]*(?:[.\-][\p{L}\d]+)*){0,3})(?![\w\-])"),
        cues, fold=True)


def agency_aliases() -> dict[str, str]:
    """Known short form -> full name (``Kemensos`` -> ``Kementerian Sosial``)."""
    return dict(resources().agencies)
