"""Rules that correct each mention on its own: split at line breaks, commas, dashes, brackets and
ranks, cut addresses and event words, type it by its words and drop what is no name."""
from __future__ import annotations

from dataclasses import replace

import regex

from ..lang.patterns import derived_prefix, verb_prefixes
from ..nlp.doc import Mention
from .base import WORD, RuleContext, first_word
from .resources import MentionResources

PREFIX_BEFORE_DASH = regex.compile(r"[ \t]+\p{Ll}+$")  # `se`, `pro`, `anti` of `se- Indonesia`
VERB_LIKE = regex.compile(rf"(?:{derived_prefix()})\p{{Ll}}{{4,}}")  # `bermusyawarah`, `menjelaskan`
PERSON_NUMBER = regex.compile(r"(?<![\-–—][ \t]*)[ \t]+\d+$")  # a person's name never ends in a number
PLACE_NOUN_REACH = 20  # characters before a name in which its place noun is looked for
TITLE_REACH = 40  # ... and the title that may end in that noun
LETTER_PAIR = regex.compile(r"\p{L}\p{L}")  # a name has two letters in a row somewhere: not `2`, `G.`, `A(K`


def _typed(m: Mention, r: MentionResources) -> Mention:
    """``m`` typed by its words: a known place is a LOC; an agency, or a name that opens with an
    organisation head or ends with an organisation tail, an ORG; one that opens with a place head
    or ends with a place tail a LOC (``Suita Football Stadium``)."""
    first, last = first_word(m.text), m.text.split()[-1]
    label = m.label
    if m.text in r.places:
        label = "LOC"
    elif (m.text in r.agencies or first in r.org_heads or m.text in r.org_heads
          or last in r.org_tails):
        label = "ORG"
    elif first in r.loc_heads or last in r.loc_tails:
        label = "LOC"
    return m if label == m.label else Mention(m.start, m.end, label, m.text, m.source)


def _piece(m: Mention, start: int, end: int, r: MentionResources) -> Mention:
    """The mention made of ``m.text[start:end]``, typed by its own words."""
    return _typed(Mention(m.start + start, m.start + end, m.label, m.text[start:end], m.source), r)


LIST_COMMA = regex.compile(r"[ \t]*,[ \t]+")
# where a name breaks at a sentence end: a full stop after a word of two letters or more (or
# digits), `!` or `?`, before a capitalised word
NAME_BREAK = regex.compile(r"(?:(?<=(?<![\p{L}\d.])(?P<word>[\p{L}\d]{2,}))\.|[!?])[ \t]+(?=\p{Lu})")


def _between(m: Mention, separators) -> list[tuple[int, int, object]]:
    """(start, end, the separator after it or None) of each piece of ``m.text`` between the
    ``separators`` (regex matches in ``m.text``)."""
    out, pos = [], 0
    for sep in [*separators, None]:
        out.append((pos, sep.start() if sep else len(m.text), sep))
        pos = sep.end() if sep else pos
    return out


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


def _split_at_sentence_ends(m: Mention, r: MentionResources) -> list[Mention]:
    """No name runs across the end of a sentence: ``Kementerian PU. Pejabat``, ``Jokowi? Simak`` ->
    ``Kementerian PU``, ``Jokowi``; not at an abbreviation or an initial (``Jl. Sudirman``, ``PT
    Astra International Tbk. Daihatsu``, ``Martua G. Sihite``, ``St. Louis``). A later piece of one
    word is the next sentence's first word, not a name."""
    if not any(mark in m.text for mark in ".!?"):
        return [m]
    ends = [e for e in NAME_BREAK.finditer(m.text) if e[0][0] != "." or e["word"].casefold() not in r.abbreviations]
    if not ends:
        return [m]
    pieces = [(pos, end) for pos, end, _ in _between(m, ends) if end > pos]
    return [_piece(m, pos, end, r) for k, (pos, end) in enumerate(pieces) if k == 0 or " " in m.text[pos:end]]


def _split_places_at_commas(m: Mention, r: MentionResources) -> list[Mention]:
    """A place does not run across a comma: ``Porong , Sidoarjo`` -> ``Porong``, ``Sidoarjo``;
    ``Jalan SMA XIV, Cililitan`` -> ``Jalan SMA XIV``, ``Cililitan``. Organisation names keep
    theirs (``Badan Meteorologi, Klimatologi, dan Geofisika``)."""
    if m.label != "LOC" or "," not in m.text:
        return [m]
    return [_piece(m, pos, end, r) for pos, end, _ in _between(m, LIST_COMMA.finditer(m.text)) if end > pos]


def cut_address(m: Mention, r: MentionResources) -> Mention:
    """A place ends before its address numbers: ``Kampung Naringgul RT 03 RW 09``; so does an
    organisation before a number (its decree's: ``KPU RI Nomor 731 Tahun 2025`` -> ``KPU RI``)."""
    if m.label not in ("LOC", "ORG"):
        return m
    cut = r.address_cut.search(m.text)
    if not cut or cut.start() == 0:
        return m
    return _head(m, cut.start())


def _head(m: Mention, end: int) -> Mention:
    """The first ``end`` characters of ``m`` as a mention of the same type: ``Kampung Naringgul``
    of ``Kampung Naringgul RT 03``."""
    return Mention(m.start, m.start + end, m.label, m.text[:end], m.source)


def _cut_event(m: Mention, r: MentionResources) -> Mention:
    """A mention that opens with an event's name keeps the body that holds it: ``Rakernas PDIP``
    -> ``PDIP``, ``Munas Golkar`` -> ``Golkar``, ``Pilgub DKI`` -> ``DKI``."""
    first, _, rest = m.text.partition(" ")
    rest = rest.lstrip()
    if first not in r.events or not rest[:1].isupper():
        return m
    start = m.end - len(rest)
    return Mention(start, m.end, m.label, rest, m.source)


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


def _strip_rank(m: Mention, r: MentionResources) -> Mention:
    """``AKBP Fajar Lukman`` (often typed ORG by the model) -> PER ``Fajar Lukman``; ``Ajun
    Komisaris Muharram Wibisono`` -> ``Muharram Wibisono``."""
    run = r.rank_run.match(m.text)
    if not run or run.end() >= len(m.text):
        return m
    return Mention(m.start + run.end(), m.end, "PER", m.text[run.end():], m.source)


def _head_piece(m: Mention, end: int, r: MentionResources) -> list[Mention]:
    """The part of a split mention before the person, unless it is only a head word (``Desa``)
    or was a person mention (``S.IK`` in ``S.IK Kombes Patar``)."""
    head = m.text[:end - m.start].rstrip(" ,")
    if m.label == "PER" or not head or head in r.org_heads or head in r.loc_heads:
        return []
    return [_typed(Mention(m.start, m.start + len(head), m.label, head, m.source), r)]


def _split_at_rank(m: Mention, r: MentionResources) -> list[Mention]:
    """A rank inside a mention starts a person: ``Desa IPTU Joharmen`` -> PER ``Joharmen``,
    ``Polres Metro Jakarta Utara Komisaris Besar Budhi Herdi`` -> PER ``Budhi Herdi``, but not a title-case rank in a street name (``Jalan Kolonel Sugiri``)."""
    words = list(WORD.finditer(m.text))
    for i, w in enumerate(words[1:-1], 1):
        run = r.rank_run.match(m.text, w.start())
        if run and run.end() < len(m.text) and not (words[i - 1][0] in r.loc_heads and not w[0].isupper()):
            name_start = m.start + run.end()
            return _head_piece(m, m.start + words[i - 1].end(), r) + [
                Mention(name_start, m.end, "PER", m.text[name_start - m.start:], m.source)]
    return [m]


def _keep(m: Mention, r: MentionResources) -> bool:
    """Drop lone function words, titles, ranks and event names (``Milad``), lower-case verb-like
    words (``bermusyawarah``, but not ``detikcom``) and text without two letters in a row."""
    if (m.text.casefold() in r.titles or m.text.casefold() in r.ranks or m.text in r.not_entities
            or m.text in r.events):
        return False
    if not LETTER_PAIR.search(m.text):
        return False  # `2` of a numbered list, `+1,104`, `G.` of `Grup G.`; initials come back after a cue (`berinisial F`)
    if len(m.text.split()) != 1:
        return True
    return not (m.text.casefold() in r.function_words or VERB_LIKE.fullmatch(m.text))


MAX_PERSON_TAIL = 4  # words of a name that an ORG/LOC mention may have run on into


def _split_known_person(m: Mention, persons: tuple[frozenset, frozenset], r: MentionResources) -> list[Mention]:
    """An ORG/LOC mention that ends with a person named elsewhere in the article is two names:
    ``Intel Kejaksaan Negeri Kuantan Singingi Soenardi`` + PER ``Soenardi`` elsewhere;
    ``Pemerintah Kota Bogor Dedie A Rachim`` + PER ``Dedie`` elsewhere (the tail opens with the
    first word of a person and is all names). A one-word name only after two or more words that do
    not end with a head (not ``Kecamatan Sokaraja``), or right after an agency (``Bawaslu Abhan``)."""
    if m.label == "PER":
        return [m]
    person_names, first_words = persons
    words = list(WORD.finditer(m.text))
    for k, w in enumerate(words[1:], 1):
        tail = m.text[w.start():]
        if tail in r.places or not (tail in person_names or _name_tail(words[k:], first_words, r)):
            continue
        if " " not in tail and (k < 2 or words[k - 1][0] in r.org_heads or words[k - 1][0] in r.loc_heads):
            if not (k == 1 and words[0][0] in r.agencies):
                continue
        return _head_piece(m, m.start + w.start(), r) + [Mention(m.start + w.start(), m.end, "PER", tail, m.source)]
    return [m]


def _name_tail(words: list, first_words: frozenset, r: MentionResources) -> bool:
    """``Dedie A Rachim``: opens with a person's first word, up to ``MAX_PERSON_TAIL`` capitalised
    words, none a head, a place or an agency."""
    return (words[0][0] in first_words and len(words) <= MAX_PERSON_TAIL
            and all(x[0][:1].isupper() and x[0] not in r.org_heads and x[0] not in r.loc_heads
                    and x[0] not in r.places and x[0] not in r.agencies for x in words))


# `tembok penahan tanah (TPT)`: the words before a bracketed short form, the last at the bracket
BEFORE_BRACKET = regex.compile(r"((?:\p{L}+\s+){1,7})\(\s*$")
SENTENCE_START = regex.compile(r"(?:^|[.!?]\s+|\n\s*)$")
AFTER_SHORT_FORM = regex.compile(r"\s*\)")


BRACKETED_SHORT_FORM = regex.compile(r"\([ \t]*(\p{Lu}{2,7})[ \t]*\)")


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


def split_at_line_breaks(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """No name runs across a line break: ``Menhan Sjafrie`` + new line + ``Pameran industri``
    read as PER ``Sjafrie\\nPameran`` -> ``Sjafrie``."""
    return [p for m in mentions for p in _split_at_line_breaks(m, ctx.res)]


def split_at_sentence_ends(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """No name runs across the end of a sentence: ``Kementerian PU. Pejabat`` -> ``Kementerian PU``."""
    return [p for m in mentions for p in _split_at_sentence_ends(m, ctx.res)]


def split_places_at_commas(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A place does not run across a comma: ``Porong , Sidoarjo`` -> ``Porong``, ``Sidoarjo``."""
    return [p for m in mentions for p in _split_places_at_commas(m, ctx.res)]


def cut_addresses(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A place ends before its address numbers: ``Kampung Naringgul RT 03 RW 09`` -> ``Kampung
    Naringgul``; an organisation before a number: ``KPU RI Nomor 731`` -> ``KPU RI``."""
    return [cut_address(m, ctx.res) for m in mentions]


def cut_person_numbers(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A person's name ends before a number, the next item of a numbered list: ``Letda Rizqul
    Khoiri 2. Letda Husain Ilham`` -> ``Rizqul Khoiri`` (not ``Covid - 19`` of a misread ORG)."""
    return [_cut_person_number(m) for m in mentions]


def _cut_person_number(m: Mention) -> Mention:
    cut = PERSON_NUMBER.search(m.text) if m.label == "PER" else None
    return _head(m, cut.start()) if cut and cut.start() > 0 else m


def cut_events(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """An event's name is no part of the body that holds it: ``Rakernas PDIP`` -> ``PDIP``."""
    return [_cut_event(m, ctx.res) for m in mentions]


def split_at_dashes(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A dash between names splits them: ``KOMPAS.com- Kementerian Keuangan`` -> ``KOMPAS.com``,
    ``Kementerian Keuangan``."""
    return [p for m in mentions for p in _split_dash(m, ctx.res)]


def split_bracketed(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A short form in brackets is a mention of its own: ``Saifullah Yusuf (Gus Ipul)`` ->
    ``Saifullah Yusuf``, ``Gus Ipul``."""
    return [p for m in mentions for p in _split_bracketed(text, m, ctx.res)]


def strip_ranks(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A rank is no part of the name: ORG ``AKBP Fajar Lukman`` -> PER ``Fajar Lukman``."""
    return [_strip_rank(m, ctx.res) for m in mentions]


def split_at_ranks(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A rank inside a mention starts a person: LOC ``Desa IPTU Joharmen`` -> PER ``Joharmen``."""
    return [p for m in mentions for p in _split_at_rank(m, ctx.res)]


def type_by_words(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A known name or a head or tail word decides the type: PER ``Seychelles`` -> LOC, PER
    ``Borneo FC`` -> ORG, LOC ``Polres Ponorogo`` -> ORG."""
    return [_typed(m, ctx.res) for m in mentions]


def type_after_place_nouns(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A name the model typed as a person is a place after a lower-case place noun: ``bandara Ben
    Gurion``, ``kawasan Daan Mogot``, ``kota Florence`` -> LOC (an ORG stays: ``wilayah Polda Bali``;
    so does a person after a title: ``wali kota Bobby Nasution``)."""
    return [replace(m, label="LOC") if m.label == "PER" and _after_place_noun(text, m.start, ctx.res) else m
            for m in mentions]


def _after_place_noun(text: str, start: int, r: MentionResources) -> bool:
    """Whether a place noun, and not a title that ends in one (`wali kota`, `kepala daerah`,
    `kepala negara`), stands right before ``start``."""
    noun = r.place_noun_before.search(text, max(0, start - PLACE_NOUN_REACH), start)
    return noun is not None and not any(r.title_end.search(text, max(0, end - TITLE_REACH), end)
                                        for end in (noun.start(), start))  # `kepala | daerah`, `wali kota |`


def cut_persons_at_lower_words(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A person's name ends before a lower-case verb or function word the model ran on into:
    ``Andi Amran Sulaiman menilai Indonesia`` -> ``Andi Amran Sulaiman``; particles stay (``Virgil
    van Dijk``, ``Anas bin Malik``: not verbs or function words), and so does a name joined by
    `dan` (an organisation the model typed as a person: ``Pengawasan Sumber Daya Kelautan dan Perikanan``)."""
    return [_cut_at_lower_word(m, ctx.res) for m in mentions]


def _cut_at_lower_word(m: Mention, r: MentionResources) -> Mention:
    if m.label != "PER" or " " not in m.text:
        return m
    for w in list(WORD.finditer(m.text))[1:]:
        low = w[0].casefold()
        if w[0].islower() and low not in r.coordinators and (
                low in r.function_words or low in r.verbs or VERB_LIKE.fullmatch(w[0])):
            return _head(m, len(m.text[:w.start()].rstrip()))
    return m


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
    named = [m.text for m in mentions if m.label == "PER" and m.text[:1].isupper()]
    persons = frozenset(named), frozenset(t.split()[0] for t in named if t.split()[0] not in ctx.res.places)
    return [piece for m in mentions for piece in _split_known_person(m, persons, ctx.res) if _keep(piece, ctx.res)]


def _is_thing(m: Mention, r: MentionResources) -> bool:
    """A programme, event or law (``Program Keluarga Harapan``, ``SPMB SD``), a product (``Honda
    Beat``, not ``Honda Motor``), or a phrase that opens with a prefixed verb (``Membangun Generasi
    Programmer``), unless a known place or agency is part of it."""
    first = first_word(m.text)
    acronym = first in r.not_entities and len(first) > 2 and sum(c.isupper() for c in first) > 1  # not `PP`, `Ramadhan`
    opens = (r.thing_heads.match(m.text) is not None or (acronym and " " in m.text)
             or (first.casefold() in r.verbs and first.casefold().startswith(verb_prefixes()))
             or (first in r.brands and " " in m.text and not any(w in r.company_words for w in m.text.split()[1:])))
    return opens and not any(w[0] in r.places or w[0] in r.agencies for w in WORD.finditer(m.text))


def drop_things(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """Programmes, events, laws and verb phrases are no names (ANNOTATION.md), nor the short
    form in brackets after one: ``Program Keluarga Harapan ( PKH )``, ``Turnamen BWF Super 750``,
    ``Mengonsumsi`` opening a sentence."""
    things = [m for m in mentions if _is_thing(m, ctx.res)]
    short = {m.text for m in mentions for t in things if text[t.end:m.start].strip() == "(" and " " not in m.text}
    return [m for m in mentions if m not in things and m.text not in short]


def drop_common_noun_short_forms(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """The bracketed short form of lower-case words is no name, there or anywhere in the text:
    ``keluarga penerima manfaat (KPM)`` ... ``768.381 KPM``."""
    if "(" not in text:
        return mentions
    common = {b[1] for b in BRACKETED_SHORT_FORM.finditer(text)
              if _common_noun_short_form(text, Mention(b.start(1), b.end(1), "ORG", b[1]))}
    return [m for m in mentions if m.text not in common]


def drop_work_titles(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A name that fills single quotes is a work's title, no entity: ``film ' Ice Princess '``."""
    return [m for m in mentions if not _work_title(text, m)]


def drop_event_names(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A sports event's name is no name, nor the name before its closing word (ANNOTATION.md:
    events): ``Japan`` of ``Japan Open``, ``AVC Nations Cup``; after the known names, which would
    bring the place back."""
    if not any(tail in ctx.words.exact for tail in ctx.res.event_tails):
        return mentions  # most texts name no sports event
    return [m for m in mentions if not _in_event_name(text, m, ctx.res)]


def _in_event_name(text: str, m: Mention, r: MentionResources) -> bool:
    return r.event_tail.match(text, m.end) is not None or (" " in m.text and m.text.rsplit(None, 1)[-1] in r.event_tails)
