"""Rules over the NER mentions, driven by the data files in ``lang/id/``.

The statistical model finds most names; these rules fix what it reliably gets wrong on news:
- a mention that opens with an organisation head (``Polres``, ``Kementerian``, ``Fraksi``) is an
  ORG, one that opens with a place head (``Kabupaten``, ``Jalan``, ``Gedung``) is a LOC;
- a known place (``places.txt``) or agency short form (``agencies.txt``) is typed accordingly,
  and found where the model missed it;
- government units built as head + name (``Pemkab Bogor``, ``Kanwil Kemenkumham Jatim``) are
  one maximal ORG mention;
- an organisation name cut at ``dan`` is joined (``Kementerian Pendidikan Dasar`` + ``dan Menengah``);
- a short form in brackets is split off: a nickname (``Saifullah Yusuf (Gus Ipul)``), an acronym
  (``Komisi Pemilihan Umum ( KPU )`` -> ``Komisi Pemilihan Umum``, ``KPU``);
- programme, law and document acronyms (``RPJMD``, ``KUHP``; ``not_entities.txt``) are dropped;
- ranks are kept out of names (``AKBP Fajar Lukman`` -> PER ``Fajar Lukman``); lone titles,
  ranks, function words and lower-case verb-like words are dropped;
- cue words decide a type (``name_cues.txt``): the name after ``dilansir``/``dikutip dari`` is the
  outlet (ORG), the one after ``", ucap`` the speaker (PER, where the model found nothing);
- no name runs across a line break (``Sjafrie`` at a paragraph's end, ``Pameran`` opening the next);
- a name that fills single quotes is a work title, not an entity (``film ' Ice Princess '``).

>>> from extractor.nlp.doc import Mention
>>> text = "Kapolres tiba di Polres Ponorogo dari Seychelles."
>>> [(m.text, m.label) for m in apply_rules(text, [Mention(24, 32, "LOC", "Ponorogo"), Mention(38, 48, "PER", "Seychelles")])]
[('Polres Ponorogo', 'ORG'), ('Seychelles', 'LOC')]
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Iterable, Mapping

import regex

from .lang import AnchoredPattern, WordIndex, alternation, load_derived, load_folded, load_gazetteer, load_list, load_table, name_hash
from .nlp.doc import Mention

WORD = regex.compile(r"\S+")
PREV_WORD = regex.compile(r"(\S+)[ \t]+$")
TITLE_WINDOW = 80  # how far before `, Name Name,` a title may start
CAP_WORD = r"(?:\p{Lu}[\p{L}\d'’.\-]*|\d+[\p{L}\d\-]*)"
# a run of capitalised words joined by single spaces: where a known name can be
NAME_RUN = regex.compile(r"(?<![\w\-])\p{Lu}[\p{L}\p{N}'’\-]*(?: \p{Lu}[\p{L}\p{N}'’\-]*)*")
# one to four capitalised words: `Asnawi Mangkualam`
NAME = r"\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+){0,3}"
# where such a name ends: at punctuation or before a lower-case word
NAME_END = r"(?=[ \t]*[,.;:]|[ \t]+\p{Ll})"


@dataclass(frozen=True)
class MentionResources:
    """The word lists and patterns of the mention rules, built once from ``lang/id/`` and the
    derived lexicon (``resources()``)."""

    org_heads: frozenset[str]  # words that open an organisation's name: `Polres`, `Kementerian`, `Fraksi`
    loc_heads: frozenset[str]  # words that open a place's name: `Kabupaten`, `Jalan`, `Gedung`
    named_after_heads: frozenset[str]  # place heads a person's name may follow: `Jalan` (`Jalan Sudirman`)
    org_tails: frozenset[str]  # last words of an organisation's name: `Tbk`, `FC`, `Persero`
    places: frozenset[str]  # known places: `Seychelles`, `Timor Leste`
    place_aliases: frozenset[str]  # other names of places: `RI`, `Jatim`
    agencies: Mapping[str, str]  # agency short form -> full name: `Kemensos` -> `Kementerian Sosial`
    agencies_folded: frozenset[str]  # the short forms casefolded (`Kemenpan-RB` as `KemenPAN-RB`)
    function_words: frozenset[str]  # casefolded function words: `yang`, `di`
    ranks: frozenset[str]  # casefolded ranks: `akbp`, `iptu` (`AKBP`, `Akbp`, `IPTU`, `Iptu`)
    honorifics: frozenset[str]  # casefolded honorifics: `bapak`, `ibu`
    not_entities: frozenset[str]  # programme, law and document acronyms: `RPJMD`, `KUHP`
    common_words: frozenset[str]  # casefolded common words of the corpora: `selamat`, `unggul`
    lower_words: frozenset[str]  # casefolded words mostly written in lower case: `keuangan`, `riset`
    titles: frozenset[str]  # casefolded titles: `bupati`, `wakil menteri`
    title_words: frozenset[str]  # the casefolded words of the titles: `wakil`, `menteri`
    calendar: frozenset[str]  # day and month names: `Senin`, `Januari`
    events: frozenset[str]  # event names: `Rakernas` (`Rakernas PDIP` -> `PDIP`)
    person_cues: frozenset[str]  # casefolded name cues after which the name is a person's: `berinisial`
    known_name: regex.Pattern  # a known place, agency or place alias at a position: `Jepara`, `DPR`, `Jatim`
    gazetteer: AnchoredPattern  # places, agencies (short and full names) and outlets, for what NER missed
    unit: AnchoredPattern  # a unit head + 1..6 capitalised words: `Pemkab Bogor`, `Kanwil Kemenkumham Jatim`
    place_unit: AnchoredPattern  # a place head + 1..4 capitalised words: `Kampung Naringgul`, `Jalan Dr Sutomo`
    comma_name: regex.Pattern  # a name after a comma: `, Asnawi Mangkualam,`
    title_before: regex.Pattern  # a title (and its organisation) ending at a position: `Ketua Karang Taruna`
    title_end: regex.Pattern  # a title and spaces ending at a position: `Bupati `
    lower_title_name: AnchoredPattern  # a lower-case title and the name after it: `juru bicara Carwan.`
    rank_name: AnchoredPattern  # ranks and the name after them: `IPTU Joharmen`
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
        named_after_heads=frozenset(load_list("named_after_heads")),
        org_tails=frozenset(load_list("org_tails")),
        places=frozenset(places),
        place_aliases=frozenset(aliases),
        agencies=agencies,
        agencies_folded=frozenset(a.casefold() for a in agencies),
        function_words=load_folded("function_words"),
        ranks=load_folded("ranks"),
        honorifics=load_folded("honorifics"),
        not_entities=frozenset(load_list("not_entities")),
        common_words=common,
        lower_words=lower,
        titles=frozenset(t.casefold() for t in titles),
        title_words=frozenset(w.casefold() for t in titles for w in t.split()),
        calendar=frozenset(load_table("days")) | frozenset(load_table("months")),
        events=frozenset(load_list("event_names")),
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
        # a title written in lower case ends where the capitalised name begins, so the name after
        # it is certain even when NER missed it
        lower_title_name=AnchoredPattern(regex.compile(
            rf"(?<![\w\-])(?:{alternation(t.lower() for t in titles)})[ \t]+(?P<name>{NAME}){NAME_END}"),
            [t.lower() for t in titles]),
        rank_name=AnchoredPattern(regex.compile(
            rf"(?<![\w\-])(?:(?i:{alternation(load_list('ranks'))})\.?[ \t]+)+(?P<name>{NAME})(?![\w\-])"),
            load_list("ranks"), fold=True),
        cued_name=AnchoredPattern(regex.compile(
            rf"(?<![\w\-])(?P<cue>(?i:{alternation(name_cues)}))[ \t]+(?P<name>{NAME}|\p{{Lu}}{{2,4}})(?![\w\-])"),
            name_cues, fold=True),
        speaker=_speaker([cue for cue, kind in cues.items() if kind == "speaker"]),
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
    """A head and 1..``max_words`` capitalised words: `Kantor Imigrasi Kelas II Non TPI Ponorogo`."""
    return AnchoredPattern(regex.compile(
        rf"(?<![\w\-])(?P<head>{alternation(heads)})(?:[ \t]+{CAP_WORD}){{1,{max_words}}}(?![\w\-])"), list(heads))


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


def _end_before_spaces(text: str, pos: int) -> int:
    """``pos`` moved back over the whitespace before it (``len(text[:pos].rstrip())`` without the copy)."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def _not_a_person(name: str, r: MentionResources) -> bool:
    """A capitalised run that names an organisation or place, not a person (`Polres X`, `Desa X`)."""
    first = _first_word(name)
    return first in r.org_heads or first in r.loc_heads or name in r.places or name in r.agencies


def _clear(mentions: list[Mention], start: int, end: int) -> bool:
    """True when no mention overlaps ``start:end`` (where a rule may add one of its own)."""
    return all(end <= m.start or m.end <= start for m in mentions)


def _first_word(text: str) -> str:
    return text.split(maxsplit=1)[0] if text.split() else ""


def _typed(m: Mention, r: MentionResources) -> Mention:
    first = _first_word(m.text)
    label = m.label
    if m.text in r.places:
        label = "LOC"
    elif (m.text in r.agencies or first in r.org_heads or m.text in r.org_heads
          or m.text.split()[-1] in r.org_tails):
        label = "ORG"
    elif first in r.loc_heads:
        label = "LOC"
    return m if label == m.label else Mention(m.start, m.end, label, m.text, m.source)


def _split_bracketed(text: str, m: Mention, r: MentionResources) -> list[Mention]:
    """A short form in brackets is a mention of its own: a person's nickname (``Saifullah Yusuf
    (Gus Ipul)``), an acronym at the end of an organisation or place (``Komisi Pemilihan Umum ( KPU
    )`` -> ``Komisi Pemilihan Umum``, ``KPU``), unless the brackets hold a part of the name
    (``org_tails``: ``PT PLN ( Persero )``)."""
    if "(" not in m.text:
        return [m]
    short = r.nickname.search(m.text)
    inner = short[1].strip() if short else ""
    if m.label == "PER":  # a person's name ends at its first bracket
        name_end = len(m.text[:m.text.index("(")].rstrip())

        def make(start, end):
            return Mention(m.start + start, m.start + end, "PER", m.text[start:end], m.source)
    else:
        if not inner or short.start() == 0 or inner in r.org_tails:
            return [m]
        name_end = len(m.text[:short.start()].rstrip())

        def make(start, end):  # typed by its own words: `( Depok )` is a place
            return _piece(m, start, end, r)
    spans = [(0, name_end)]
    if inner:
        s = short.start(1) + short[1].index(inner)
        spans.append((s, s + len(inner)))
    return [make(start, end) for start, end in spans if end > start]


def _join_and(text: str, m: Mention, r: MentionResources) -> Mention:
    """``Kementerian Pendidikan Dasar`` + `` dan Menengah`` -> one ORG (not ``... dan Kemenag``)."""
    if m.label != "ORG" or _first_word(m.text) not in r.org_heads:
        return m
    tail = r.and_tail.match(text, m.end)
    if not tail or _first_word(tail[1]) in r.org_heads or tail[1] in r.agencies or tail[1] in r.places:
        return m
    end = _without_full_stop(text, m.start, tail.end(1))
    return Mention(m.start, end, m.label, text[m.start:end], m.source)


def _without_full_stop(text: str, start: int, end: int) -> int:
    """``end`` before a sentence's full stop caught by a capitalised-word pattern (``Menengah.``),
    but not after an abbreviation (``Tbk.``)."""
    if end > start and text[end - 1] == "." and len(text[start:end - 1].split()[-1]) > 3:
        return end - 1
    return end


def _unit_end(text: str, u, mentions: list[Mention], r: MentionResources):
    """Where a head + name unit ends: before a rank or a person (``Polres Ponorogo AKBP Andin``),
    and after a known agency plus its place (``Komisi I DPR`` | ``Oleh Sholeh``,
    ``Kanwil Kemenkumham Jatim`` | ``Heni``, ``DPD Partai Nasdem Kabupaten Kupang`` | ``Sofia``)."""
    words = list(WORD.finditer(u[0]))
    head_words = len(u["head"].split())  # `Pemkab`, `Karang Taruna`
    name_start = u.start() + words[head_words].start()
    persons = [m for m in mentions if m.label == "PER"]
    end = None
    agency_seen = place_head_seen = False
    for i, w in enumerate(words):
        s, e = u.start() + w.start(), u.start() + w.end()
        if i > 0 and w[0].casefold() in r.ranks:
            break
        # a person after the name's first word ends the unit; one that starts the name is what the
        # place or office is named after (`Bandara Internasional Husein Sastranegara`), and one that
        # began inside the head is a misreading (`Karang Taruna Tebing Tinggi` read as `Taruna Tebing Tinggi`)
        if i > head_words and any(p.start <= s < p.end and p.start > name_start for p in persons):
            break
        if (agency_seen and not place_head_seen and w[0] not in r.places and w[0] not in r.place_aliases
                and w[0] not in r.agencies and w[0] not in r.loc_heads):
            break
        place_head_seen = place_head_seen or (agency_seen and w[0] in r.loc_heads)
        agency_seen = agency_seen or (i > 0 and w[0] in r.agencies)
        end = e
        if _without_full_stop(text, s, e) < e:
            break  # `Pemkab Jepara. Gelar juara ...`: the sentence ended
    if end is None or end == u.start() + words[head_words - 1].end():
        return None  # a head alone is not a name
    return _without_full_stop(text, u.start(), end)


PREFIX_BEFORE_DASH = regex.compile(r"[ \t]+\p{Ll}+$")  # `se`, `pro`, `anti` of `se- Indonesia`
GIVEN_NAME = regex.compile(r"\p{Lu}\p{Ll}+(?:['’]\p{Ll}+)?")  # `Resky`, `Ja'far`; not `PCNU`, `H.`
VERB_LIKE = regex.compile(r"(?:me|ber|ter|di|pe|ke)\p{Ll}{4,}")


def _outlet_end(t, r: MentionResources) -> int:
    """End of the outlet name after an outlet cue, before a day or month (``dilansir Reuters Senin``)."""
    end = t.start("name")
    for word in WORD.finditer(t.string, t.start("name"), t.end("name")):
        if word[0] in r.calendar:
            break
        end = word.end()
    return end


def _strip_rank(m: Mention, r: MentionResources) -> Mention:
    """``AKBP Fajar Lukman`` (often typed ORG by the model) -> PER ``Fajar Lukman``."""
    words = list(WORD.finditer(m.text))
    i = 0
    while i < len(words) - 1 and words[i][0].casefold() in r.ranks:
        i += 1
    if i == 0:
        return m
    start = m.start + words[i].start()
    return Mention(start, m.end, "PER", m.text[words[i].start():], m.source)


def _cut_address(m: Mention, r: MentionResources) -> Mention:
    """A place ends before its address numbers: ``Kampung Naringgul RT 03 RW 09``."""
    if m.label != "LOC":
        return m
    cut = r.address_cut.search(m.text)
    if not cut or cut.start() == 0:
        return m
    return Mention(m.start, m.start + cut.start(), m.label, m.text[:cut.start()], m.source)


def _cut_event(m: Mention, r: MentionResources) -> Mention:
    """A mention that opens with an event's name keeps the body that holds it: ``Rakernas PDIP``
    -> ``PDIP``, ``Munas Golkar`` -> ``Golkar``, ``Pilgub DKI`` -> ``DKI``."""
    first, _, rest = m.text.partition(" ")
    rest = rest.lstrip()
    if first not in r.events or not rest[:1].isupper():
        return m
    start = m.end - len(rest)
    return Mention(start, m.end, m.label, rest, m.source)


LIST_COMMA = regex.compile(r"[ \t]*,[ \t]+")


def _between(m: Mention, separators) -> list[tuple[int, int, object]]:
    """(start, end, the separator after it or None) of each piece of ``m.text`` between the
    ``separators`` (regex matches in ``m.text``)."""
    out, pos = [], 0
    for sep in [*separators, None]:
        out.append((pos, sep.start() if sep else len(m.text), sep))
        pos = sep.end() if sep else pos
    return out


def _piece(m: Mention, start: int, end: int, r: MentionResources) -> Mention:
    """The mention made of ``m.text[start:end]``, typed by its own words."""
    return _typed(Mention(m.start + start, m.start + end, m.label, m.text[start:end], m.source), r)


LINE_BREAK = regex.compile(r"\s*\n\s*")  # with the spaces around it, `\r\n` and blank lines too


def _split_at_line_breaks(m: Mention, r: MentionResources) -> list[Mention]:
    """No name runs across a line break (a paragraph, a byline): ``Menhan Sjafrie`` + new line +
    ``Pameran industri ...`` tagged as PER ``Sjafrie\\nPameran`` -> ``Sjafrie``. One word that opens
    a line and is mostly written in lower case is capitalised as a sentence start, not as a name;
    the later rules drop other pieces that are common words or lone titles (``Kapolsek``)."""
    if "\n" not in m.text:
        return [m]
    pieces = [(pos, end) for pos, end, _ in _between(m, LINE_BREAK.finditer(m.text)) if end > pos]
    return [_piece(m, pos, end, r) for k, (pos, end) in enumerate(pieces)
            if k == 0 or " " in m.text[pos:end] or m.text[pos:end].casefold() not in r.lower_words]


def _split_places_at_commas(m: Mention, r: MentionResources) -> list[Mention]:
    """A place does not run across a comma: ``Porong , Sidoarjo`` -> ``Porong``, ``Sidoarjo``;
    ``Jalan SMA XIV, Cililitan`` -> ``Jalan SMA XIV``, ``Cililitan``. Organisation names keep
    theirs (``Badan Meteorologi, Klimatologi, dan Geofisika``)."""
    if m.label != "LOC" or "," not in m.text:
        return [m]
    return [_piece(m, pos, end, r) for pos, end, _ in _between(m, LIST_COMMA.finditer(m.text)) if end > pos]


def _split_dash(m: Mention, r: MentionResources) -> list[Mention]:
    """``KOMPAS.com- Kementerian Keuangan`` -> ``KOMPAS.com``, ``Kementerian Keuangan``; a prefix
    before the dash belongs to the next word: ``Kabupaten se- Indonesia`` -> ``Indonesia``."""
    out = []
    for pos, end, sep in _between(m, r.dash.finditer(m.text)):
        prefix = PREFIX_BEFORE_DASH.search(m.text, pos, end) if sep else None
        if prefix:
            end = prefix.start()
            if m.text[pos:end] in r.loc_heads or m.text[pos:end] in r.org_heads:
                end = pos  # `Kabupaten` alone is no name
        if end > pos:
            out.append(_piece(m, pos, end, r))
    return out


def _split_agency_person(text: str, m: Mention, r: MentionResources) -> list[Mention]:
    """After a title, a known agency glued to a name is two mentions:
    ``Anggota Komisi V DPR Irmawan`` -> ORG ``DPR``, PER ``Irmawan``; ``Wakil Ketua DPD RI Tamsil
    Linrung`` -> ``DPD RI``, ``Tamsil Linrung`` (``DPR RI`` and ``KPU Jatim`` alone stay whole)."""
    words = m.text.split(" ")
    if m.label != "ORG" or len(words) < 2 or words[0].casefold() not in r.agencies_folded:
        return [m]
    k = 1  # the agency's place stays with it: `DPD RI Tamsil Linrung` -> `DPD RI` | `Tamsil Linrung`
    while k < len(words) and (words[k] in r.places or words[k] in r.place_aliases):
        k += 1
    rest = words[k:]
    if not rest or any(w in r.places or w in r.place_aliases or w in r.agencies or w in r.org_heads
                       or not (w[:1].isupper() and w[1:].islower()) for w in rest):
        return [m]
    before_end = _end_before_spaces(text, m.start)
    if not r.title_before.search(text, max(0, before_end - TITLE_WINDOW), before_end):
        return [m]
    org_end = m.start + len(" ".join(words[:k]))
    name_start = org_end + 1
    return [Mention(m.start, org_end, "ORG", text[m.start:org_end], m.source),
            Mention(name_start, m.end, "PER", text[name_start:m.end], m.source)]


NEXT_TOKEN = regex.compile(r"[ \t]+([^\s,.;:()\"“”]+)([,.;:]?)")
MAX_NAME_WORDS = 4
# A title and the name after it run over at most this many words. The longest seen in 1,893 real
# articles (raw_news, dev, PFSA dev) is 14: `Kepala Dinas Pekerjaan Umum dan Penataan Ruang ...`.
# It bounds the scans that follow a title, which a text of title words (`Kepala Kepala ...`)
# otherwise ran to the end of the text for each of them.
MAX_TITLE_WORDS = 30


def _name_after_title(text: str, pos: int, fixed: list[Mention], r: MentionResources, name_words: frozenset = frozenset()) -> tuple[int, int] | None:
    """The person after a capitalised title whose name NER missed: the title runs over words
    mostly written in lower case (``Keuangan``, ``Riset``), acronyms, agencies, places and the
    model's ORG/LOC mentions; the name is the run of other capitalised words after it, ending at
    punctuation or a lower-case word (``Wakil Menteri Keuangan Suahasil Nazara dalam``).
    A run followed by another title-like word was part of the title (``Bupati Jepara H Witiarso``).
    ``name_words`` (the words of the article's longer person names) may open a name even when
    they are ordinary words (``Iman`` in ``Wali Kota Iman Irdian Saragih``)."""
    start = end = None
    n_words = 0
    for _ in range(MAX_TITLE_WORDS):
        w = NEXT_TOKEN.match(text, pos)
        if not w:
            break
        word, s = w[1], w.start(1)
        covering = next((m for m in fixed if m.start <= s < m.end), None)
        if covering is not None and covering.label == "PER":
            if start is not None and covering.start == s and " " not in covering.text and n_words < MAX_NAME_WORDS:
                return start, covering.end  # `Nanik` + the model's one-word `Murwati`: one name
            return None  # the model found this person
        name_like = (word[:1].isupper() and word[1:].islower() and covering is None and word not in r.calendar
                     and (start is not None or word.casefold() not in r.lower_words or word in name_words)  # `Ali Noer Zaman`
                     and word.casefold() not in r.title_words
                     and word not in r.org_heads and word not in r.loc_heads)
        known = None if start is not None else r.known_name.match(text, s)
        if name_like and not known:
            if start is None:
                start, n_words = s, 0
            end, n_words = w.end(1), n_words + 1
        elif start is not None and not word[:1].isupper():
            break  # a lower-case word ends the name
        elif not word[:1].isupper() and word not in ("dan", "&"):
            return None  # the title ended without a name
        elif word in r.calendar:
            return None
        else:
            start = None  # still the title (`Jepara` in `Bupati Jepara H Witiarso`)
            if known:
                pos = known.end()
                continue
        if w[2]:
            break
        pos = w.end()
    else:
        return None  # no name within MAX_TITLE_WORDS words
    if start is None or n_words > MAX_NAME_WORDS:
        return None
    after = NEXT_TOKEN.match(text, end)
    if after and after[1] in ("dan", "&", "serta"):
        nxt = NEXT_TOKEN.match(text, after.end())
        if nxt and nxt[1][:1].isupper():
            return None  # `Direktur Teknik dan Teknologi`, `Dirjen Bea dan Cukai`: the title goes on
    if n_words == 1 and not (after and after[1][:1].islower() and not text[end:after.start(1)].strip()):
        return None  # one word before punctuation (`Ketua Karang Taruna,`) is too weak a name
    return start, end


def _strip_title(text: str, m: Mention, r: MentionResources) -> Mention:
    """A person mention that opens with a title keeps only the name:
    ``Sekretaris Daerah Aep Surahman`` -> ``Aep Surahman``."""
    if m.label == "ORG":
        return _org_after_title(text, m, r)
    if m.label != "PER":
        return m
    t = r.title_word.pattern.match(text, m.start)
    if not t or t.end() >= m.end:
        return m
    span = _name_after_title(text, t.end(), [], r)
    if not span:
        # the model's person is a title and a short name in capitals: `Presiden SBY` -> `SBY`
        name = text[t.end():m.end].strip()
        if (" " not in name and len(name) > 1 and name.isupper() and not _not_a_person(name, r)
                and name not in r.place_aliases):
            return Mention(m.end - len(name), m.end, "PER", name, m.source)
        return m
    if not (m.start < span[0] < m.end):
        return m
    end = min(span[1], m.end)
    return Mention(span[0], end, "PER", text[span[0]:end], m.source)


def _split_title_place(text: str, m: Mention, r: MentionResources, place_texts: frozenset = frozenset()) -> list[Mention]:
    """After a title, a person mention that opens with the title's place (known, or a place the
    article names: ``place_texts``, casefolded) is the place and the name: ``Bupati Jepara Witiarso Utomo`` read as PER
    ``Jepara Witiarso Utomo`` -> LOC ``Jepara``, PER ``Witiarso Utomo``."""
    if m.label != "PER":
        return [m]
    words = list(WORD.finditer(m.text))
    first = words[0][0] if words else ""
    if len(words) < 3 or not (first in r.places or first in r.place_aliases or first.casefold() in place_texts):
        return [m]
    before_end = _end_before_spaces(text, m.start)
    if not r.title_end.search(text, max(0, before_end - 40), before_end + 1):
        return [m]
    start = m.start + words[1].start()
    return [Mention(m.start, m.start + len(first), "LOC", first, m.source),
            Mention(start, m.end, "PER", text[start:m.end], m.source)]


def _org_after_title(text: str, m: Mention, r: MentionResources) -> Mention:
    """An organisation mention that opens with a title keeps the organisation from its first
    head word or agency on: ``Kabid Pemberdayaan Sosial Dinas Sosial`` -> ``Dinas Sosial``,
    ``Kabid Poldagri Kesbangpol`` -> ``Kesbangpol``. Without one it stays as found."""
    t = r.title_word.pattern.match(text, m.start)
    if not t or t.end() >= m.end:
        return m
    for w in WORD.finditer(text, t.end(), m.end):
        if w[0] in r.org_heads or w[0].casefold() in r.agencies_folded:
            return Mention(w.start(), m.end, "ORG", text[w.start():m.end], m.source)
    return m


def _split_titled_org_person(text: str, m: Mention, r: MentionResources, place_texts: frozenset = frozenset()) -> list[Mention]:
    """After a title, an organisation mention that ends in a name is the organisation and the
    person: ``Sekjen Kementerian Agama Suyitno`` -> ORG ``Kementerian Agama``, PER ``Suyitno``.
    The organisation opens with a head word (``Kementerian``, ``Dinas``); the name is the
    capitalised words after its last mostly-lower-case word (``Agama``, ``Sosial``), none of them
    a place, agency or head."""
    if m.label != "ORG" or _first_word(m.text) not in r.org_heads:
        return [m]
    words = list(WORD.finditer(m.text))
    last_lower = max((i for i, w in enumerate(words) if i > 0 and w[0].casefold() in r.lower_words), default=None)
    if last_lower is None or last_lower == len(words) - 1 or len(words) - 1 - last_lower > 3:
        return [m]
    if words[last_lower][0].casefold() in r.function_words:
        return [m]  # `Dinas Pendidikan dan Kebudayaan`: the name goes on after `dan`
    name_words = [w[0] for w in words[last_lower + 1:]]
    if any(not (w[:1].isupper() and w[1:].islower()) or w in r.places or w in r.place_aliases
           or w in r.agencies or w in r.org_heads or w in r.loc_heads or w.casefold() in r.title_words
           for w in name_words):
        return [m]
    name = " ".join(name_words)
    if any(name in p for p in place_texts):
        return [m]  # `Kejaksaan Negeri Kuantan Singingi`: a place the article names elsewhere
    before_end = _end_before_spaces(text, m.start)
    if not r.title_end.search(text, max(0, before_end - 40), before_end + 1):
        return [m]
    # `Kasi Intel Kejaksaan Negeri Kuantan Singingi Soenardi`: the place stays with the organisation
    place = max((len(p.split()) for p in place_texts if name.startswith(p + " ")), default=0)
    cut = words[last_lower + place].end()
    name_start = m.start + words[last_lower + place + 1].start()
    return [Mention(m.start, m.start + cut, "ORG", m.text[:cut], m.source),
            Mention(name_start, m.end, "PER", text[name_start:m.end], m.source)]


def _head_piece(m: Mention, end: int, r: MentionResources) -> list[Mention]:
    """The part of a split mention before the person, unless it is only a head word (``Desa``)
    or was a person mention (``S.IK`` in ``S.IK Kombes Patar``)."""
    head = m.text[:end - m.start].rstrip(" ,")
    if m.label == "PER" or not head or head in r.org_heads or head in r.loc_heads:
        return []
    return [_typed(Mention(m.start, m.start + len(head), m.label, head, m.source), r)]


def _split_at_rank(m: Mention, r: MentionResources) -> list[Mention]:
    """A rank inside a mention starts a person: ``Desa IPTU Joharmen`` -> PER ``Joharmen``,
    but not a title-case rank in a street name (``Jalan Kolonel Sugiri``)."""
    words = list(WORD.finditer(m.text))
    for i, w in enumerate(words[1:-1], 1):
        if w[0].casefold() in r.ranks and not (words[i - 1][0] in r.loc_heads and not w[0].isupper()):
            name_start = m.start + words[i + 1].start()
            return _head_piece(m, m.start + words[i - 1].end(), r) + [
                Mention(name_start, m.end, "PER", m.text[name_start - m.start:], m.source)]
    return [m]


def _split_known_person(m: Mention, person_names: frozenset, r: MentionResources) -> list[Mention]:
    """An ORG/LOC mention that ends with a person named elsewhere in the article is two names:
    ``Intel Kejaksaan Negeri Kuantan Singingi Soenardi`` + PER ``Soenardi`` elsewhere (a one-word
    name only after two or more words that do not end with a head: not ``Kecamatan Sokaraja``)."""
    if m.label == "PER":
        return [m]
    words = list(WORD.finditer(m.text))
    for k, w in enumerate(words[1:], 1):
        tail = m.text[w.start():]
        if tail not in person_names or tail in r.places:
            continue
        if " " not in tail and (k < 2 or words[k - 1][0] in r.org_heads or words[k - 1][0] in r.loc_heads):
            continue
        return _head_piece(m, m.start + w.start(), r) + [Mention(m.start + w.start(), m.end, "PER", tail, m.source)]
    return [m]


def _with_given_names(text: str, m: Mention, mentions: list[Mention], r: MentionResources) -> Mention:
    """A person the model found without the first words of the name: ``Kepala Seksi Pidana
    Khusus, Resky Pradhana Romly`` found as ``Romly`` -> ``Resky Pradhana Romly``. The name runs
    left over capitalised words that are nothing else, and only when the run begins after
    punctuation, a lower-case word or the start of the text: after a title, agency or place the
    words may belong to the office (``Direktur Penerangan Agama Islam Ahmad Zayadi``)."""
    start = m.start
    while True:
        prev = PREV_WORD.search(text, max(0, start - 40), start)
        if not prev:
            break
        word = prev[1]
        if not GIVEN_NAME.fullmatch(word):
            if word[:1].islower() or not word[-1].isalnum():
                break  # `dan`, `Khusus,`: the name starts after it
            return m  # an acronym or initial: not sure where the name starts
        folded = word.casefold()
        if (folded in r.titles or folded in r.ranks or folded in r.honorifics or folded in r.function_words
                or folded in r.common_words or folded in r.lower_words or _not_a_person(word, r)
                or word in r.place_aliases or any(o.start < start and prev.start(1) < o.end for o in mentions)):
            return m
        start = prev.start(1)
    if start == m.start:
        return m
    return Mention(start, m.end, m.label, text[start:m.end], m.source)


def _keep(m: Mention, r: MentionResources) -> bool:
    """Drop lone function words, titles, ranks and event names (``Milad``), and lower-case
    verb-like words (``bermusyawarah``), but not ``detikcom``."""
    if (m.text.casefold() in r.titles or m.text.casefold() in r.ranks or m.text in r.not_entities
            or m.text in r.events):
        return False
    if len(m.text.split()) != 1:
        return True
    return not (m.text.casefold() in r.function_words or VERB_LIKE.fullmatch(m.text))


# `tembok penahan tanah (TPT)`: the words before a bracketed short form, the last at the bracket
BEFORE_BRACKET = regex.compile(r"((?:\p{L}+\s+){1,7})\(\s*$")
SENTENCE_START = regex.compile(r"(?:^|[.!?]\s+|\n\s*)$")
AFTER_SHORT_FORM = regex.compile(r"\s*\)")


def _common_noun_short_form(text: str, m: Mention) -> bool:
    """True for a bracketed short form that abbreviates the lower-case words right before it
    (``Belanja pemerintah pusat (BPP)``, ``tembok penahan tanah (TPT)``): a common noun's
    abbreviation is not a name. ``Komisi Pemberantasan Korupsi (KPK)`` is capitalised and stays."""
    if not (m.text.isupper() and m.text.isalpha() and 2 <= len(m.text) <= 7):
        return False
    if not AFTER_SHORT_FORM.match(text, m.end):
        return False
    before = BEFORE_BRACKET.search(text, max(0, m.start - 120), m.start)
    if not before:
        return False
    spelled = list(regex.finditer(r"\p{L}+", before[1]))[-len(m.text):]
    words = [w[0] for w in spelled]
    if len(words) != len(m.text) or "".join(w[0] for w in words).upper() != m.text:
        return False
    first_at = before.start(1) + spelled[0].start()
    opens_sentence = bool(SENTENCE_START.search(text, max(0, first_at - 20), first_at))
    return all(w.islower() for w in words[1:]) and (words[0].islower() or opens_sentence)


# `film ' Ice Princess '`, `lagu 'Bang Bang Bang'`: single quotes around a whole capitalised run
# mark the title of a work (in NER-UI 45 of 49 such runs are not names)
OPEN_QUOTE = regex.compile(r"(?:^|(?<=[\s(]))['‘][ \t]?$")
CLOSE_QUOTE = regex.compile(r"[ \t]?['’](?=[\s,.;:!?)]|$)")


def _work_title(text: str, m: Mention) -> bool:
    """True for a mention that fills a pair of single quotes (``' Ice Princess '``)."""
    return bool(OPEN_QUOTE.search(text, max(0, m.start - 2), m.start) and CLOSE_QUOTE.match(text, m.end))


# Several rules below look at every mention for each place they match: time quadratic in the
# length of the text. A text longer than this is corrected in blocks of at most this many
# characters, cut at line breaks (or spaces) outside mentions; the longest of the 8,094 raw_news
# articles has 38,570 characters, so articles are corrected whole.
RULE_BLOCK_CHARS = 50_000


def apply_rules(text: str, mentions: list[Mention], words: WordIndex | None = None,
                known_places: Iterable[str] = ()) -> list[Mention]:
    """The corrected mentions, sorted by start, with no overlaps introduced (``words``: the
    text's ``WordIndex`` when the caller has one; ``known_places``: places the article names that
    the model may have missed, such as the dateline city). Longer texts in blocks (``RULE_BLOCK_CHARS``)."""
    if len(text) <= RULE_BLOCK_CHARS:
        return _apply_rules(text, mentions, words, known_places)
    known_places = list(known_places)
    out: list[Mention] = []
    for start, end in _rule_blocks(text, mentions):
        inside = [replace(m, start=m.start - start, end=m.end - start) for m in mentions if start <= m.start < end]
        out += [replace(m, start=m.start + start, end=m.end + start)
                for m in _apply_rules(text[start:end], inside, None, known_places)]
    return out


def _rule_blocks(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """(start, end) blocks of at most about ``RULE_BLOCK_CHARS`` characters that no mention crosses."""
    from .nlp.spacy_backend import segment_bounds

    bounds = segment_bounds(text, RULE_BLOCK_CHARS)
    cuts = [s for s, _ in bounds[1:]]
    crossed = {cuts[i] for m in mentions for i in range(bisect_right(cuts, m.start), bisect_left(cuts, m.end))}
    starts = [0] + [c for c in cuts if c not in crossed]
    return list(zip(starts, starts[1:] + [len(text)]))


@dataclass(frozen=True)
class RuleContext:
    """What the rules share over one text: the resources, the text's word index and the places
    the article names (from the mentions the rules start from, and the caller's known places)."""

    res: MentionResources
    words: WordIndex
    place_texts: frozenset[str]  # the LOC mentions' texts and the known places: `Kabupaten Jepara`
    place_names: frozenset[str]  # those casefolded, and the name after a place head: `jepara`

    @classmethod
    def build(cls, text: str, mentions: list[Mention], words: WordIndex | None = None,
              known_places: Iterable[str] = ()) -> RuleContext:
        """The context of ``text`` and the mentions the rules start from."""
        r = resources()
        place_texts = frozenset(m.text for m in mentions if m.label == "LOC") | frozenset(known_places)
        # `Jepara` of `Kabupaten Jepara` too
        place_names = frozenset(t.casefold() for t in place_texts) | {
            t.split(maxsplit=1)[1].casefold() for t in place_texts if t.split()[0] in r.loc_heads and " " in t}
        return cls(r, words or WordIndex(text), place_texts, place_names)


# A rule: (text, the mentions so far, the context) -> the mentions after the rule.
Rule = Callable[[str, list[Mention], RuleContext], list[Mention]]


def split_at_line_breaks(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """No name runs across a line break: ``Menhan Sjafrie`` + new line + ``Pameran industri``
    read as PER ``Sjafrie\\nPameran`` -> ``Sjafrie``."""
    return [p for m in mentions for p in _split_at_line_breaks(m, ctx.res)]


def split_places_at_commas(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A place does not run across a comma: ``Porong , Sidoarjo`` -> ``Porong``, ``Sidoarjo``."""
    return [p for m in mentions for p in _split_places_at_commas(m, ctx.res)]


def cut_addresses(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A place ends before its address numbers: ``Kampung Naringgul RT 03 RW 09`` -> ``Kampung Naringgul``."""
    return [_cut_address(m, ctx.res) for m in mentions]


def cut_events(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """An event's name is no part of the body that holds it: ``Rakernas PDIP`` -> ``PDIP``."""
    return [_cut_event(m, ctx.res) for m in mentions]


def split_at_dashes(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A dash between names splits them: ``KOMPAS.com- Kementerian Keuangan`` -> ``KOMPAS.com``,
    ``Kementerian Keuangan``."""
    return [p for m in mentions for p in _split_dash(m, ctx.res)]


def split_agency_from_person(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """After a title, an agency glued to a name is two mentions: ``Anggota Komisi V DPR Irmawan``
    read as ORG ``DPR Irmawan`` -> ORG ``DPR``, PER ``Irmawan``."""
    return [p for m in mentions for p in _split_agency_person(text, m, ctx.res)]


def split_titled_org_from_person(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """After a title, an organisation that ends in a name is two mentions: ``Sekjen Kementerian
    Agama Suyitno`` read as ORG -> ORG ``Kementerian Agama``, PER ``Suyitno``."""
    return [p for m in mentions for p in _split_titled_org_person(text, m, ctx.res, ctx.place_texts)]


def split_bracketed(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A short form in brackets is a mention of its own: ``Saifullah Yusuf (Gus Ipul)`` ->
    ``Saifullah Yusuf``, ``Gus Ipul``."""
    return [p for m in mentions for p in _split_bracketed(text, m, ctx.res)]


def strip_ranks(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A rank is no part of the name: ORG ``AKBP Fajar Lukman`` -> PER ``Fajar Lukman``."""
    return [_strip_rank(m, ctx.res) for m in mentions]


def strip_titles(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A title is no part of the name: PER ``Sekretaris Daerah Aep Surahman`` -> ``Aep Surahman``,
    ORG ``Kabid Poldagri Kesbangpol`` -> ``Kesbangpol``."""
    return [_strip_title(text, m, ctx.res) for m in mentions]


def split_title_places(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """After a title, a person that opens with the title's place is two mentions: ``Bupati Jepara
    Witiarso Utomo`` read as PER ``Jepara Witiarso Utomo`` -> LOC ``Jepara``, PER ``Witiarso Utomo``."""
    return [p for m in mentions for p in _split_title_place(text, m, ctx.res, ctx.place_names)]


def split_at_ranks(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A rank inside a mention starts a person: LOC ``Desa IPTU Joharmen`` -> PER ``Joharmen``."""
    return [p for m in mentions for p in _split_at_rank(m, ctx.res)]


def join_at_dan(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """An organisation cut at ``dan`` is joined: ``Kementerian Pendidikan Dasar`` + ``dan
    Menengah`` -> ``Kementerian Pendidikan Dasar dan Menengah``."""
    return [_join_and(text, m, ctx.res) for m in mentions]


def type_by_words(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A known name or a head or tail word decides the type: PER ``Seychelles`` -> LOC, PER
    ``Borneo FC`` -> ORG, LOC ``Polres Ponorogo`` -> ORG."""
    return [_typed(m, ctx.res) for m in mentions]


def drop_non_names(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """Lone titles, ranks, function words, event words, programme acronyms and lower-case
    verb-like words are no names: ``Bupati``, ``Milad``, ``RPJMD``, ``bermusyawarah``."""
    return [m for m in mentions if _keep(m, ctx.res)]


def drop_lone_common_words(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A common word alone is no name (``Selamat``, ``Unggul`` in a slogan), unless the article
    also uses it inside a longer name (``Selamat`` after ``Selamat Riyadi``)."""
    name_words = {w for m in mentions if " " in m.text for w in m.text.split()}
    return [m for m in mentions if " " in m.text or m.text.isupper() or m.text in name_words
            or m.text.casefold() not in ctx.res.common_words]


def split_known_persons(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """An ORG or LOC that ends with a person the article names is two mentions: ``Intel Kejaksaan
    Negeri Kuantan Singingi Soenardi`` and PER ``Soenardi`` -> ORG ``Intel Kejaksaan Negeri
    Kuantan Singingi``, PER ``Soenardi``."""
    person_names = frozenset(m.text for m in mentions if m.label == "PER" and m.text[:1].isupper())
    return [piece for m in mentions for piece in _split_known_person(m, person_names, ctx.res) if _keep(piece, ctx.res)]


def drop_common_noun_short_forms(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """The bracketed short form of lower-case words is no name: ``tembok penahan tanah (TPT)``."""
    return [m for m in mentions if not _common_noun_short_form(text, m)]


def government_units(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A government unit built as head + name is one ORG that replaces what NER found inside it:
    LOC ``Ponorogo`` of ``Polres Ponorogo`` -> ORG ``Polres Ponorogo``."""
    r, fixed = ctx.res, mentions
    for u in r.unit.finditer(text, ctx.words):
        start, end = u.start(), _unit_end(text, u, fixed, r)
        if end is None:
            continue
        # what NER found inside start..end gives way to the unit; a mention across its ends stops it
        outside = [m for m in fixed if not (start <= m.start and m.end <= end)]
        if not _clear(outside, start, end):
            continue
        unit = _join_and(text, Mention(start, end, "ORG", text[start:end], "rule"), r)
        if unit.end != end and not _clear(outside, unit.start, unit.end):
            unit = Mention(start, end, "ORG", text[start:end], "rule")
        fixed = outside + [unit]
    return fixed


def place_units(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A place built as head + name that NER missed is a LOC: ``Kampung Naringgul``; one named
    after a person replaces the person: PER ``Sudirman`` of ``Jalan Sudirman`` -> LOC ``Jalan Sudirman``."""
    r, fixed = ctx.res, list(mentions)
    for u in r.place_unit.finditer(text, ctx.words):
        prev = PREV_WORD.search(text, max(0, u.start() - 40), u.start())
        if prev and f"{prev[1]} {u['head']}".casefold() in r.titles:
            continue  # `Wali Kota Iman Irdian Saragih`: a title, not `Kota ...`
        end = _unit_end(text, u, fixed, r)
        if not end:
            continue
        name_start = u.start() + len(u["head"]) + 1
        overlapping = [m for m in fixed if m.start < end and u.start() < m.end]
        # a place named after a person (`Jalan Sudirman`, `Taman Ismail Marzuki`) is one place
        named_after = [m for m in overlapping if m.label == "PER" and m.start == name_start and m.end <= end
                       and u["head"] in r.named_after_heads]
        if overlapping == named_after:
            fixed = [m for m in fixed if m not in named_after]
            fixed.append(_cut_address(Mention(u.start(), end, "LOC", text[u.start():end], "rule"), r))
    return fixed


def comma_names(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """The name between commas after a title is a person's, where NER missed it or typed it ORG
    or LOC: ``Ketua Karang Taruna, Asnawi Mangkualam,`` -> PER ``Asnawi Mangkualam``."""
    r, fixed = ctx.res, list(mentions)
    for t in r.comma_name.finditer(text):
        if not r.title_before.search(text, max(0, t.start() - TITLE_WINDOW), t.start()):
            continue
        s, e = t.start("name"), t.end("name")
        if _not_a_person(t["name"], r):
            continue
        same = [m for m in fixed if (m.start, m.end) == (s, e)]
        # `Dirjen Rehsos Kemensos, Supomo;` typed ORG, `Kepala Dinas ..., Nanin Oktaviantie,` typed LOC
        if same and (same[0].label == "ORG" or same[0].label == "LOC" and " " in t["name"]):
            fixed = [m for m in fixed if m is not same[0]] + [_strip_title(text, Mention(s, e, "PER", t["name"], "rule"), r)]
        elif " " in t["name"] and _clear(fixed, s, e):
            fixed.append(_strip_title(text, Mention(s, e, "PER", t["name"], "rule"), r))
    return fixed


def cued_names(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """The name after a lower-case title, a rank or a name cue is a person's: ``juru bicara
    Carwan``, ``bernama Liza``; after a rank or a person cue even where the model typed it
    otherwise (``Pelaku Jepri`` as LOC -> PER ``Jepri``)."""
    r, fixed = ctx.res, mentions
    cued = [(t, " ".join(t["cue"].casefold().split()) in r.person_cues) for t in r.cued_name.finditer(text, ctx.words)]
    for t, certain in (*((t, False) for t in r.lower_title_name.finditer(text, ctx.words)),
                       *((t, True) for t in r.rank_name.finditer(text, ctx.words)), *cued):
        s, e = t.start("name"), t.end("name")
        if _not_a_person(t["name"], r):
            continue
        overlapping = [m for m in fixed if m.start < e and s < m.end]
        # the model's part of the name (`Wisnu Sudibyo` in `AKBP Andin Wisnu Sudibyo`) gives way
        if all(m.label == "PER" and s <= m.start and m.end <= e or certain and (m.start, m.end) == (s, e)
               for m in overlapping):
            fixed = [m for m in fixed if m not in overlapping] + [Mention(s, e, "PER", t["name"], "rule")]
    return fixed


def speakers(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """The speaker after a speech verb after a quote or comma is a person where the model found
    nothing: ``" Jangan bertumpuk , " ucap Dorma`` -> PER ``Dorma``."""
    r, fixed = ctx.res, list(mentions)
    for t in r.speaker.finditer(text, ctx.words):
        s, e = t.start("name"), t.end("name")
        first = _first_word(t["name"])
        folded = first.casefold()
        if (_not_a_person(t["name"], r) or first in r.calendar
                or folded in r.title_words or folded in r.honorifics or folded in r.ranks or folded in r.function_words):
            continue
        if _clear(fixed, s, e):
            fixed.append(Mention(s, e, "PER", t["name"], "rule"))
    return fixed


def cued_outlets(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """The name after ``dilansir``, ``dikutip dari`` is the outlet quoted, an ORG whatever the
    model typed: PER ``Yahoosport`` of ``dilansir Yahoosport`` -> ORG."""
    r, fixed = ctx.res, list(mentions)
    for t in r.outlet_cued.finditer(text, ctx.words):
        s, e = t.start("name"), _outlet_end(t, r)
        if e == s or text[s:e] in r.places:
            continue
        at = [m for m in fixed if m.start == s]
        if at:
            fixed = [m for m in fixed if m is not at[0]] + [Mention(s, at[0].end, "ORG", at[0].text, at[0].source)]
        elif _clear(fixed, s, e):
            fixed.append(Mention(s, e, "ORG", text[s:e], "rule"))
    return fixed


def names_after_titled_orgs(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """The name right after a title's organisation is a person's: ``Anggota Komisi I DPR Oleh
    Sholeh,`` with ORG ``Komisi I DPR`` and LOC ``Sholeh`` -> PER ``Oleh Sholeh``."""
    r, fixed = ctx.res, mentions
    for org in [m for m in fixed if m.label == "ORG"]:
        if not r.title_end.search(text, max(0, org.start - 40), org.start):
            continue
        t = r.name_after.match(text, org.end)
        if not t or t["name"].split()[0] in r.org_heads or t["name"] in r.places or t["name"] in r.agencies:
            continue
        s, e = t.start("name"), t.end("name")
        inside = [m for m in fixed if s <= m.start and m.end <= e]
        if any((m.start, m.end) == (s, e) for m in inside):
            continue  # the model's own reading of exactly these words (`Ketua KPU Jakarta Timur`) stands
        if all(m in inside or e <= m.start or m.end <= s for m in fixed) and all(m.label != "PER" for m in inside):
            fixed = [m for m in fixed if m not in inside] + [Mention(s, e, "PER", t["name"], "rule")]
    return fixed


def names_after_titles(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """The person after a capitalised title, where NER missed the name or found only its end:
    ``Wakil Menteri Keuangan Suahasil Nazara dalam`` -> PER ``Suahasil Nazara``."""
    r, fixed = ctx.res, mentions
    name_words = frozenset(w for m in fixed if m.label == "PER" for w in m.text.split()[:-1])
    for t in r.title_word.finditer(text, ctx.words):
        span = _name_after_title(text, t.end(), fixed, r, name_words)
        if not span:
            continue
        tail = [m for m in fixed if m.label == "PER" and m.end == span[1] and span[0] < m.start]
        rest = [m for m in fixed if m not in tail]
        if all(span[1] <= m.start or m.end <= span[0] for m in rest):
            fixed = rest + [Mention(span[0], span[1], "PER", text[span[0]:span[1]], "rule")]
    return fixed


def given_names(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A person found without the first words of the name gets them back: ``Kepala Seksi Pidana
    Khusus, Resky Pradhana Romly`` with PER ``Romly`` -> ``Resky Pradhana Romly``."""
    return [_with_given_names(text, m, mentions, ctx.res) if m.label == "PER" else m for m in mentions]


def gazetteer_names(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """Known places, agencies and outlets that NER missed, or found in pieces: ``Timor Leste``,
    ``Badan Pusat Statistik``; ``Uni Emirat`` + ``Arab`` -> LOC ``Uni Emirat Arab``."""
    r, fixed = ctx.res, list(mentions)
    for g in r.gazetteer.finditer(text, ctx.words):
        label = "LOC" if g[0] in r.places else "ORG"
        g_start, g_end = g.span()
        overlapping = [m for m in fixed if m.start < g_end and g_start < m.end]
        if overlapping:
            # a known name replaces pieces of itself (`Uni Emirat` + `Arab` -> `Uni Emirat Arab`)
            if all(g_start <= m.start and m.end <= g_end and m.end - m.start < len(g[0]) for m in overlapping):
                fixed = [m for m in fixed if not (m.start < g_end and g_start < m.end)] + [
                    Mention(g_start, g_end, label, g[0], "gazetteer")]
            continue
        prev = PREV_WORD.search(text, max(0, g.start() - 40), g.start())
        if prev and prev[1][:1].isupper() and prev[1].casefold() not in r.titles and g[0] in r.places:
            continue  # `Bank Indonesia`: the place is part of a longer name the model missed
        fixed.append(Mention(g.start(), g.end(), label, g[0], "gazetteer"))
    return fixed


def dbpedia_names(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """DBpedia names where no mention is (``known_names``): ``Port Moresby`` -> LOC."""
    return mentions + known_names(text, mentions, ctx.words)


def drop_work_titles(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A name that fills single quotes is a work's title, no entity: ``film ' Ice Princess '``."""
    return [m for m in mentions if not _work_title(text, m)]


# The rules in the order they run: first each mention on its own (split, cut, typed, dropped),
# then the article's mentions together (units, cued and titled names, known names).
RULES: tuple[Rule, ...] = (
    split_at_line_breaks, split_places_at_commas, cut_addresses, cut_events, split_at_dashes,
    split_agency_from_person, split_titled_org_from_person, split_bracketed, strip_ranks, strip_titles,
    split_title_places, split_at_ranks, join_at_dan, type_by_words, drop_non_names,
    drop_lone_common_words, split_known_persons, drop_common_noun_short_forms,
    government_units, place_units, comma_names, cued_names, speakers, cued_outlets,
    names_after_titled_orgs, names_after_titles, given_names, gazetteer_names, dbpedia_names,
    drop_work_titles,
)


def _apply_rules(text: str, mentions: list[Mention], words: WordIndex | None, known_places: Iterable[str]) -> list[Mention]:
    """``RULES`` in order over the mentions of one text (or block), sorted by position."""
    ctx = RuleContext.build(text, mentions, words, known_places)
    for rule in RULES:
        mentions = rule(text, mentions, ctx)
    return sorted(mentions, key=lambda m: (m.start, m.end))


def known_names(text: str, found: list[Mention], words: WordIndex | None = None) -> list[Mention]:
    """DBpedia names (``models/id_gazetteer``) where no mention is: from each capitalised word
    that starts a listed name, the longest run of capitalised words that is one, typed by its list.

    >>> [(m.text, m.label) for m in known_names("Ia lahir di Kalimantan Utara.", [])]
    [('Kalimantan Utara', 'LOC')]
    >>> known_names("Ia lahir di Kalimantan Utara.", [Mention(12, 22, "LOC", "Kalimantan")])
    []
    """
    names, longest, firsts = load_gazetteer()
    words = words or WordIndex(text)
    # only the distinct words of the text are hashed to find where a name may start
    starts = sorted(p for word, positions in words.exact.items()
                    if word[:1].isupper() and name_hash(word.split(".")[0]) in firsts for p in positions)
    added: list[Mention] = []
    done = 0
    for start in starts:
        run = NAME_RUN.match(text, start) if start >= done else None
        if not run:
            continue
        ends, pos = [], start
        for word in run[0].split(" ")[:longest]:
            pos += len(word)
            ends.append(pos)
            pos += 1
        for e in reversed(ends):
            label = names.get(name_hash(text[start:e]))
            if label and not any(m.start < e and start < m.end for m in found):
                added.append(Mention(start, e, label, text[start:e], "gazetteer"))
                done = e
                break
    return added


def agency_aliases() -> dict[str, str]:
    """Known short form -> full name (``Kemensos`` -> ``Kementerian Sosial``)."""
    return dict(resources().agencies)
