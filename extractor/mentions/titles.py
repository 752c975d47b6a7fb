"""Titles and the names after them: a title is no part of a name (``Sekretaris Daerah Aep
Surahman`` -> ``Aep Surahman``), and the name after a title is a person's, where NER missed it."""
from __future__ import annotations

from functools import lru_cache

import regex

from ..lang import alternation, load_table
from ..lang.patterns import confixed_noun, speech_verbs, title_joiners
from ..nlp.doc import Mention
from .base import PREV_WORD, WORD, RuleContext, clear, first_word, not_a_person
from .resources import MentionResources

TITLE_WINDOW = 80  # how far before `, Name Name,` a title may start
GIVEN_NAME = regex.compile(r"\p{Lu}\p{Ll}+(?:['’]\p{Ll}+)?")  # `Resky`, `Ja'far`; not `PCNU`, `H.`
NEXT_TOKEN = regex.compile(r"[ \t]+([^\s,.;:()\"“”]+)([,.;:]?)")
# a bracketed short form inside a title, before the name: `Ketua Komisi Pemilihan Umum (KPU) Papua`
TITLE_BRACKET = regex.compile(r"[ \t]*\([ \t]*\p{Lu}[^()\n,;]{0,30}\)(?=[ \t])")
MAX_NAME_WORDS = 4
# A title and the name after it run over at most this many words. The longest seen in 1,893 real
# articles (raw_news, dev, PFSA dev) is 14: `Kepala Dinas Pekerjaan Umum dan Penataan Ruang ...`.
# It bounds the scans that follow a title, which a text of title words (`Kepala Kepala ...`)
# otherwise ran to the end of the text for each of them.
MAX_TITLE_WORDS = 30


def _end_before_spaces(text: str, pos: int) -> int:
    """``pos`` moved back over the whitespace before it (``len(text[:pos].rstrip())`` without the copy)."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def _title_before(text: str, pos: int, r: MentionResources) -> bool:
    """Whether a title and its words end right before ``pos`` (spaces skipped): ``Kepala Dinas``
    before `` Budi``."""
    end = _end_before_spaces(text, pos)
    return r.title_before.search(text, max(0, end - TITLE_WINDOW), end) is not None


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
    if not _title_before(text, m.start, r):
        return [m]
    org_end = m.start + len(" ".join(words[:k]))
    name_start = org_end + 1
    return [Mention(m.start, org_end, "ORG", text[m.start:org_end], m.source),
            Mention(name_start, m.end, "PER", text[name_start:m.end], m.source)]


def _name_after_title(text: str, pos: int, fixed: list[Mention], r: MentionResources, name_words: frozenset = frozenset()) -> tuple[int, int] | None:
    """The person after a capitalised title whose name NER missed: the title runs over words
    mostly written in lower case (``Keuangan``, ``Riset``), acronyms, agencies, places and the
    model's ORG/LOC mentions; the name is the run of other capitalised words after it, ending at
    punctuation or a lower-case word (``Wakil Menteri Keuangan Suahasil Nazara dalam``).
    A run followed by another title-like word was part of the title (``Bupati Jepara H Witiarso``).
    A run too long for a name, before the next titled item of a list, ends with the name
    (``_next_item_titled``).
    A noun of a field made with a confix (``lang/id/confixes.txt``) opens no name: it is the
    title's portfolio (``Menteri Ketenagakerjaan Yassierli`` -> ``Yassierli``).
    A bracketed short form inside the title is passed over (``Ketua Komisi Pemilihan Umum (KPU)
    Papua Theodorus Kosay``), and a run before one and more capitalised words was the organisation's
    name (``... Mitigasi Bencana Geologi (PVMBG) Mukijo``); so is a number, and the run before it
    (``Dandim 0802 Ponorogo Budi Hartono``, ``Satuan Tugas Penanganan Covid - 19 Provinsi Papua Welliam Manderi``).
    An initial inside a name of one or two words, before its last word, is one of its words
    (``Panji W Ruky mengatakan``).
    ``name_words`` (the words of the article's longer person names) may open a name even when
    they are ordinary words (``Iman`` in ``Wali Kota Iman Irdian Saragih``)."""
    start = end = None
    n_words = 0
    for _ in range(MAX_TITLE_WORDS):
        w = NEXT_TOKEN.match(text, pos)
        if not w:
            bracket = TITLE_BRACKET.match(text, pos)
            after = bracket and NEXT_TOKEN.match(text, bracket.end())
            if bracket and (start is None or after and after[1][:1].isupper()):
                # a short form inside the title (`(KPU) Papua`); after a run of capitalised words
                # and before more of them, the run was the organisation's name (`Mitigasi Bencana
                # Geologi (PVMBG) Mukijo`), not a person's with a nickname (`... (AHY) mengatakan`)
                start, pos = None, bracket.end()
                continue
            break
        word, s = w[1], w.start(1)
        covering = next((m for m in fixed if m.start <= s < m.end), None)
        if covering is not None and covering.label == "PER":
            if start is not None and covering.start == s and " " not in covering.text and n_words < MAX_NAME_WORDS:
                return start, covering.end  # `Nanik` + the model's one-word `Murwati`: one name
            return None  # the model found this person
        name_like = (word[:1].isupper() and word[1:].islower() and covering is None and word not in r.calendar
                     and (start is not None or word.casefold() not in r.lower_words or word in name_words)  # `Ali Noer Zaman`
                     and not (start is None and confixed_noun().fullmatch(word))  # `Menteri Ketenagakerjaan`
                     and word.casefold() not in r.title_words
                     and word not in r.org_heads and word not in r.loc_heads)
        known = None if start is not None else r.known_name.match(text, s)
        if start is not None and n_words <= 2 and not w[2] and INITIAL.fullmatch(word) and LAST_NAME_WORD.match(text, w.end()):
            name_like = True  # `Panji W Ruky mengatakan`: an initial before the name's last word
        if name_like and not known:
            if start is None:
                start, n_words = s, 0
            end, n_words = w.end(1), n_words + 1
        elif DASHED_NUMBER.match(text, w.start(1)) or start is None and word.isdigit():
            start = None  # `Covid - 19`, `Dandim 0802`: the number is the title's, and the run before it
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
    if start is not None and n_words > MAX_NAME_WORDS and _next_item_titled(text, end, r):
        start, n_words = list(WORD.finditer(text, start, end))[-2].start(), 2  # a list item's organisation and name
    if start is None or n_words > MAX_NAME_WORDS or not _name_run(text, start, end, n_words, r):
        return None
    return start, end


ITEM_WORDS = regex.compile(r"[ \t]*,[ \t]+((?:\S+[ \t]+){0,2})")  # `, Store ` before the next item's `Manager`


def _next_item_titled(text: str, end: int, r: MentionResources) -> bool:
    """Whether a list of titled persons goes on after ``end``: a comma, then a title within the
    next item's first three words. In such a list a run after a title of more capitalised words
    than a name has is the organisation and the name, the name its last two words
    (``Store Manager Gramedia Raden Intan Bernand Tarigan, Store Manager Gramedia Mall ...``)."""
    item = ITEM_WORDS.match(text, end)
    if not item:
        return False
    starts = [item.start(1)] + [item.start(1) + w.end() for w in regex.finditer(r"\S+[ \t]+", item[1])]
    return any(r.title_word.pattern.match(text, p) for p in starts)


def _name_run(text: str, start: int, end: int, n_words: int, r: MentionResources) -> bool:
    """Whether the capitalised run ``start:end`` after a title is a name by where it ends: not
    before a joining word and more capitalised words (``Direktur Teknik dan Teknologi``, English
    ``Head of Retail Distribution and Business Development``) or a second office (``Ketua III
    Gaikindo merangkap Ketua Panitia``), not ending with a known place or a maker's name
    (``National Sales Director Motul Indonesia dalam``, ``CEO Xiaomi mengatakan``: the
    organisation), and of one word only before a lower-case word or a day."""
    after = NEXT_TOKEN.match(text, end)
    if after and after[1] in title_joiners("also"):
        return False  # `Ketua III Gaikindo merangkap Ketua Panitia ...`: a second office follows, the person after it
    if after and after[1] in title_joiners("and", "english"):
        nxt = NEXT_TOKEN.match(text, after.end())
        if nxt and nxt[1][:1].isupper():
            return False  # `Direktur Teknik dan Teknologi`, `Dirjen Bea dan Cukai`: the title goes on
    last = text[start:end].split()[-1]
    if last in r.places or last in r.place_aliases or last in r.brands:
        return False
    # one word before punctuation (`Ketua Karang Taruna,`) is too weak a name
    return n_words > 1 or bool(after and after[1][:1].islower() and not text[end:after.start(1)].strip()
                               or _day_after().match(text, end))


INITIAL = regex.compile(r"\p{Lu}")
# a name's last word: capitalised, then a lower-case word or punctuation
LAST_NAME_WORD = regex.compile(r"[ \t]+\p{Lu}\p{Ll}+(?:['’]\p{Ll}+)?(?=[ \t]*[,.;:]|[ \t]+\p{Ll})")
DASHED_NUMBER = regex.compile(r"[-–][ \t]*\d+(?![\p{L}\d])")  # ` - 19` of `Satgas Covid - 19`


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
        if (" " not in name and len(name) > 1 and name.isupper() and not not_a_person(name, r)
                and name not in r.place_aliases):
            return Mention(m.end - len(name), m.end, "PER", name, m.source)
        return m
    if not (m.start < span[0] < m.end):
        return m
    end = min(span[1], m.end)
    return Mention(span[0], end, "PER", text[span[0]:end], m.source)


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


def _split_title_place(text: str, m: Mention, r: MentionResources, place_texts: frozenset = frozenset()) -> list[Mention]:
    """After a title, a person mention that opens with the title's place (known, or a place the
    article names: ``place_texts``, casefolded) is the place and the name: ``Bupati Jepara Witiarso Utomo`` read as PER
    ``Jepara Witiarso Utomo`` -> LOC ``Jepara``, PER ``Witiarso Utomo``."""
    if m.label == "LOC":
        return _split_titled_place_name(text, m, r, place_texts)
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


def _split_titled_place_name(text: str, m: Mention, r: MentionResources, place_texts: frozenset) -> list[Mention]:
    """After a title, a place mention that runs on into a name is the place and the person:
    ``Bupati Banyuwangi Ipuk Fiestiandani`` read as LOC ``Banyuwangi Ipuk Fiestiandani`` -> LOC
    ``Banyuwangi``, PER ``Ipuk Fiestiandani``. The place is the longest known place the mention
    opens with; the rest, two or more capitalised words none of them a place or a head, the name."""
    words = [w for w in WORD.finditer(m.text)]
    known = lambda t: t in r.places or t in r.place_aliases or t.casefold() in place_texts  # noqa: E731
    cut = max((i for i in range(1, len(words)) if known(m.text[:words[i - 1].end()])), default=0)
    rest = [w[0] for w in words[cut:]]
    if not cut or len(rest) < 2 or not all(w[:1].isupper() and w[1:].islower() for w in rest):
        return [m]
    if any(known(w) or w in r.loc_heads or w in r.org_heads or w in r.agencies or w.casefold() in r.lower_words
           for w in rest):
        return [m]
    before_end = _end_before_spaces(text, m.start)
    if not r.title_end.search(text, max(0, before_end - 40), before_end + 1):
        return [m]
    place_end, start = m.start + words[cut - 1].end(), m.start + words[cut].start()
    return [Mention(m.start, place_end, "LOC", text[m.start:place_end], m.source),
            Mention(start, m.end, "PER", text[start:m.end], m.source)]


def _split_titled_org_person(text: str, m: Mention, r: MentionResources, place_texts: frozenset = frozenset()) -> list[Mention]:
    """After a title, an organisation mention that ends in a name is the organisation and the
    person: ``Sekjen Kementerian Agama Suyitno`` -> ORG ``Kementerian Agama``, PER ``Suyitno``.
    The organisation opens with a head word (``Kementerian``, ``Dinas``); the name is the
    capitalised words after its last mostly-lower-case word (``Agama``, ``Sosial``), none of them
    a place, agency or head."""
    if m.label != "ORG" or first_word(m.text) not in r.org_heads:
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


NAME_PART = regex.compile(r"\p{Lu}\p{Ll}+(?:['’]\p{Ll}+)?|\p{Lu}{1,2}")  # `Dedie`, `Ja'far`, initials `A`, `FX`

ONE_WORD_NAME_END = regex.compile(r"[ \t]*,|[ \t]+\p{Ll}")  # `Gubernur Kalbar Sutarmidji menuturkan`


@lru_cache(maxsize=1)
def _speech_after() -> regex.Pattern:
    """A speech verb right after a name, maybe after a comma: ` menuturkan`, `, mengatakan`."""
    return regex.compile(rf"[ \t]*,?[ \t]+(?i:{alternation(speech_verbs())})(?![\w\-])")


@lru_cache(maxsize=1)
def _day_after() -> regex.Pattern:
    """A comma and a day's name right after a name, the time of what the person said or did:
    `, Rabu` of ``Kepala DPMPTSP Provinsi Kalbar Hendra, Rabu (29/7/2020)``."""
    return regex.compile(rf"[ \t]*,[ \t]+(?:{alternation(load_table('days'))})(?![\p{{L}}\d])")


def _place(words: str, r: MentionResources, place_names: frozenset) -> bool:
    """True for a known place or one the article names (`Kalbar`, `Kota Bekasi`, `Bangka Tengah`)."""
    return words in r.places or words in r.place_aliases or words.casefold() in place_names


def _split_place_tail(text: str, m: Mention, r: MentionResources, ctx_names: tuple) -> list[Mention]:
    """After a title, an ORG or LOC mention whose organisation ends with a place, a company's
    legal form or an organisation the article names, then runs on into 1-4 name words, is the
    organisation and the person: ``Gubernur Kalbar Sutarmidji menuturkan`` (LOC ``Kalbar
    Sutarmidji``) -> LOC ``Kalbar``, PER ``Sutarmidji``; ``Kepala Dinas Pariwisata Kota Bekasi Tedi
    Hafni`` -> ORG ``Dinas Pariwisata Kota Bekasi``, PER ``Tedi Hafni``. The name's words are
    capitalised or initials (``Dedie A Rachim``), none a place, head, agency or title word, the
    first no common word; one word alone only before a speech verb (``menuturkan``) or a comma
    and a day (``Hendra, Rabu (29/7/2020)``), or before a
    comma or a lower-case word where the article names a person so elsewhere (``ctx_names``: place
    names, organisation names, words of the article's persons)."""
    if m.label not in ("ORG", "LOC"):
        return [m]
    place_names, org_names, person_words = ctx_names
    prev = PREV_WORD.search(text, max(0, m.start - 30), m.start)
    if prev and (prev[1].rstrip(".").casefold() in r.ranks or prev[1].rstrip(".").casefold() in r.honorifics):
        return [m]  # `Brigjen Jossy Kusumo` typed ORG: after a rank, the whole is a name
    words = list(WORD.finditer(m.text))
    for j in range(1, len(words)):
        tail = [w[0] for w in words[j:]]
        if len(tail) > 4 or not all(NAME_PART.fullmatch(w) for w in tail) or not tail[0][1:].islower():
            continue
        if any(w in r.places or w in r.place_aliases or w in r.loc_heads or w in r.org_heads or w in r.agencies
               or w in r.org_tails or w in r.calendar or w.casefold() in r.title_words for w in tail):
            continue  # the name holds none of these: it starts later
        first = tail[0].casefold()
        if first in r.lower_words or first in r.common_words or first in r.function_words or any(
                _place(" ".join(tail[a:b]), r, place_names) for a in range(len(tail)) for b in range(a + 1, len(tail) + 1)):
            continue  # `Dinas Kesehatan Bangka Tengah`: a place of several words is no name
        prefix = m.text[:words[j - 1].end()]
        if words[j - 1][0] in person_words:
            return [m]  # `Jossy Kusumo` typed ORG: a person's name, whatever else the article calls `Jossy`
        last = [" ".join(x[0] for x in words[k:j]) for k in range(max(0, j - 3), j)]
        if not any(_place(p, r, place_names) or p.strip("()") in r.org_tails for p in last) and not (
                " " in prefix and prefix.casefold() in org_names):
            continue
        if len(tail) == 1 and not (tail[0] in person_words and ONE_WORD_NAME_END.match(text, m.end)
                                   or _speech_after().match(text, m.end) or _day_after().match(text, m.end)):
            return [m]
        if not _title_before(text, m.start, r):
            return [m]
        start = m.start + words[j].start()
        return [Mention(m.start, m.start + len(prefix), m.label, prefix, m.source),
                Mention(start, m.end, "PER", text[start:m.end], m.source)]
    return [m]


def _joins_title(text: str, prev, mentions: list[Mention], r: MentionResources) -> bool:
    """True for an English joining word (`for`, `of`), or `dan`/`&`/`serta` right after a title
    and its capitalised words (`Menteri Koordinator Bidang Pembangunan Manusia dan`), not after a
    person (`Lukman Hakim dan` + `Moch Fauzan`)."""
    word = prev[1]
    if word in title_joiners("english"):
        return True
    if word not in title_joiners("and"):
        return False
    before = _end_before_spaces(text, prev.start(1))
    if any(o.label == "PER" and o.start < before <= o.end for o in mentions):
        return False
    return _title_before(text, before, r) or _title_items_before(text, before, r)


def _title_items_before(text: str, pos: int, r: MentionResources) -> bool:
    """Whether a title and the items of an enumeration in it end right before ``pos``, the last
    item to come after `dan`: ``Menteri Desa, Pembangunan Daerah Tertinggal,`` + `` dan Transmigrasi``."""
    return r.title_items.search(text, max(0, pos - 2 * TITLE_WINDOW), pos) is not None


def _with_given_names(text: str, m: Mention, mentions: list[Mention], r: MentionResources) -> Mention:
    """A person the model found without the first words of the name: ``Kepala Seksi Pidana
    Khusus, Resky Pradhana Romly`` found as ``Romly`` -> ``Resky Pradhana Romly``. The name runs
    left over capitalised words that are nothing else, and only when the run begins after
    punctuation, a lower-case word or the start of the text: after a title, agency or place the
    words may belong to the office (``Direktur Penerangan Agama Islam Ahmad Zayadi``), and not
    after a word joining them to a title (``Menteri ... Manusia dan Kebudayaan Muhadjir Effendy``,
    ``Institute for Essential Services Reform Fabby Tumiwa``). A place ends the office, so the
    words between it and the person are the name's (``... (CORE) Indonesia Piter`` + ``Abdullah``).
    A month name not after a number is a given name and opens the name: no office is named with
    one (``Direktur TBS Energi Utama Juli`` + ``Oktarina``; a date is ``3 Juli``)."""
    start = m.start
    while True:
        prev = PREV_WORD.search(text, max(0, start - 40), start)
        if not prev:
            break
        word = prev[1]
        if not GIVEN_NAME.fullmatch(word):
            if start < m.start and _joins_title(text, prev, mentions, r):
                return m  # `Menteri Koordinator Bidang Pembangunan Manusia dan Kebudayaan` + `Muhadjir Effendy`
            if word[:1].islower() or not word[-1].isalnum():
                break  # `dan`, `Khusus,`: the name starts after it
            return m  # an acronym or initial: not sure where the name starts
        folded = word.casefold()
        if word in r.months:  # a date's (`17 Juli`, `sebelas Juli`) or a name's (`Universitas Sebelas Maret`)
            if _number_before(text, prev.start(1), r) or any(o.start <= prev.start(1) < o.end for o in mentions):
                break  # the name starts after it
            start = prev.start(1)  # `Direktur TBS Energi Utama` + `Juli` + `Oktarina`: no office holds a month
            break
        if start < m.start and (word in r.places or word in r.place_aliases or any(
                o.label == "LOC" and o.start <= prev.start(1) < o.end for o in mentions)):
            break  # `(CORE) Indonesia` + `Piter` + `Abdullah`: the office ends with its place, the name follows
        if (folded in r.titles or folded in r.ranks or folded in r.honorifics or folded in r.function_words
                or folded in r.common_words or folded in r.lower_words or not_a_person(word, r)
                or word in r.place_aliases or any(o.start < start and prev.start(1) < o.end for o in mentions)):
            return m
        start = prev.start(1)
    if start == m.start:
        return m
    return Mention(start, m.end, m.label, text[start:m.end], m.source)


NUMBER_BEFORE = regex.compile(r"(?:\d|(?<![\p{L}])(?P<word>\p{L}+))[ \t]*$")


def _number_before(text: str, pos: int, r: MentionResources) -> bool:
    """Whether a number, in digits or a number word, ends right before ``pos`` (spaces skipped):
    ``17`` or ``Sebelas`` before `` Juli``."""
    before = NUMBER_BEFORE.search(text, max(0, pos - 12), pos)
    return before is not None and (before["word"] is None or before["word"].casefold() in r.number_words)


def split_place_tails(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """After a title, an organisation or place that ran on into a name is two mentions: LOC
    ``Kalbar Sutarmidji`` of ``Gubernur Kalbar Sutarmidji menuturkan`` -> LOC ``Kalbar``, PER
    ``Sutarmidji``; not where a person follows (``Wakapolres Padang Pariaman, Kompol Indra``)."""
    orgs = frozenset(m.text.casefold() for m in mentions if m.label == "ORG")
    persons = frozenset(m.start for m in mentions if m.label == "PER")
    person_words = frozenset(w for m in mentions if m.label == "PER" for w in m.text.split())
    return [p for m in mentions
            for p in ([m] if m.label not in ("ORG", "LOC") or _person_follows(text, m.end, persons, ctx.res)
                      else _split_place_tail(text, m, ctx.res, (ctx.place_names, orgs, person_words)))]


PERSON_GAP = regex.compile(r"[ \t,]*(?:\S+[ \t,]+){0,3}")
GAP_WORD = regex.compile(r"[^\s,]+")


def _person_follows(text: str, end: int, person_starts: frozenset[int], r: MentionResources) -> bool:
    """True when a person's mention starts after ``end`` past only commas, ranks and honorifics
    (`, Kompol Indra`, ` AKP Edi`, ` Budi`)."""
    gap = PERSON_GAP.match(text, end)
    words = list(GAP_WORD.finditer(gap[0])) if gap else []
    for k in range(len(words) + 1):
        at = end + (words[k].start() if k < len(words) else len(gap[0]))
        if at in person_starts:
            return True
        folded = words[k][0].rstrip(".").casefold() if k < len(words) else ""
        if folded and folded not in r.ranks and folded not in r.honorifics:
            return False
    return False


def split_agency_from_person(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """After a title, an agency glued to a name is two mentions: ``Anggota Komisi V DPR Irmawan``
    read as ORG ``DPR Irmawan`` -> ORG ``DPR``, PER ``Irmawan``."""
    return [p for m in mentions for p in _split_agency_person(text, m, ctx.res)]


def split_titled_org_from_person(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """After a title, an organisation that ends in a name is two mentions: ``Sekjen Kementerian
    Agama Suyitno`` read as ORG -> ORG ``Kementerian Agama``, PER ``Suyitno``."""
    return [p for m in mentions for p in _split_titled_org_person(text, m, ctx.res, ctx.place_texts)]


def strip_titles(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """A title is no part of the name: PER ``Sekretaris Daerah Aep Surahman`` -> ``Aep Surahman``,
    ORG ``Kabid Poldagri Kesbangpol`` -> ``Kesbangpol``."""
    return [_strip_title(text, m, ctx.res) for m in mentions]


def strip_portfolios(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """The portfolio after a title is no part of the name, whichever rule or the model found it:
    ``Menteri`` + PER ``Ketenagakerjaan Yassierli`` -> ``Yassierli``."""
    return [s for m in mentions for s in _strip_portfolio(text, m, ctx.res)]


def _strip_portfolio(text: str, m: Mention, r: MentionResources) -> list[Mention]:
    """A person mention right after a title that opens with a noun of a field made with a confix
    (``lang/id/confixes.txt``) opens with the title's portfolio: the name is what follows it as
    after any title (``Direktur Jenderal`` + ``Keamanan Publik Franz Ruf`` -> ``Franz Ruf``); with
    no name after the portfolio the mention is no person (``Direktur Utama BPJS`` + ``Kesehatan``)."""
    if m.label != "PER" or not confixed_noun().match(text, m.start) or not _title_before(text, m.start, r):
        return [m]
    span = _name_after_title(text, _end_before_spaces(text, m.start), [], r)
    if not span or not (m.start < span[0] < m.end):
        return []
    end = min(span[1], m.end)
    return [Mention(span[0], end, "PER", text[span[0]:end], m.source)]


def split_title_places(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """After a title, a person that opens with the title's place is two mentions: ``Bupati Jepara
    Witiarso Utomo`` read as PER ``Jepara Witiarso Utomo`` -> LOC ``Jepara``, PER ``Witiarso Utomo``;
    so is a place that runs on into a name (LOC ``Banyuwangi Ipuk Fiestiandani``)."""
    return [p for m in mentions for p in _split_title_place(text, m, ctx.res, ctx.place_names)]


def comma_names(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """The name between commas after a title is a person's, where NER missed it or typed it ORG
    or LOC: ``Ketua Karang Taruna, Asnawi Mangkualam,`` -> PER ``Asnawi Mangkualam``; not a title
    with no name after it (``Menteri Lingkungan Hidup, Menteri Kehutanan, dan``)."""
    r, fixed = ctx.res, list(mentions)
    for t in r.comma_name.finditer(text):
        if not r.title_before.search(text, max(0, t.start() - TITLE_WINDOW), t.start()):
            continue
        s, e = t.start("name"), t.end("name")
        if not_a_person(t["name"], r) or _enumerated_item(text, t, r):
            continue
        person = _strip_title(text, Mention(s, e, "PER", t["name"], "rule"), r)
        if r.title_word.pattern.match(text, person.start):
            continue  # `Menteri Lingkungan Hidup, Menteri Kehutanan, dan`: another office of a list, no name
        same = [m for m in fixed if (m.start, m.end) == (s, e)]
        # `Dirjen Rehsos Kemensos, Supomo;` typed ORG, `Kepala Dinas ..., Nanin Oktaviantie,` typed LOC
        if same and (same[0].label == "ORG" or same[0].label == "LOC" and " " in t["name"]):
            fixed = [m for m in fixed if m is not same[0]] + [person]
        elif " " in t["name"] and clear(fixed, s, e):
            fixed.append(person)
    return fixed


ITEMS_GO_ON = regex.compile(r"[ \t]*,[ \t]*(?:dan|serta)[ \t]+\p{Lu}")


def _enumerated_item(text: str, t, r: MentionResources) -> bool:
    """True for words between commas that are an item of an enumeration inside the title: words
    mostly written in lower case, the enumeration going on with `, dan` and a capitalised word
    (``Menteri Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi``)."""
    return (all(w.casefold() in r.lower_words for w in t["name"].split())
            and ITEMS_GO_ON.match(text, t.end("name")) is not None)


def names_after_titled_orgs(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """The name right after a title's organisation is a person's: ``Anggota Komisi I DPR Oleh
    Sholeh,`` with ORG ``Komisi I DPR`` and LOC ``Sholeh`` -> PER ``Oleh Sholeh``; after the
    organisation's place, if the model found it (LOC ``Sumatera Selatan`` + ``Darma Budhi``)."""
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
        place = next((m for m in inside if m.start == s and m.label == "LOC"), None)
        if place:  # the organisation's place first: `Dinas Pekerjaan Umum ... Sumatera Selatan` | `Darma Budhi`
            inside.remove(place)
            s = place.end + 1
            if s >= e or text[place.end] != " " or not text[s].isupper():
                continue
        if all(m in inside or m is place or e <= m.start or m.end <= s for m in fixed) and all(m.label != "PER" for m in inside):
            fixed = [m for m in fixed if m not in inside] + [Mention(s, e, "PER", text[s:e], "rule")]
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
    fixed = _names_out_of_places(text, mentions, ctx.res, ctx.place_names)
    return [_with_given_names(text, m, fixed, ctx.res) if m.label == "PER" else m for m in fixed]


def _names_out_of_places(text: str, mentions: list[Mention], r: MentionResources, place_names: frozenset) -> list[Mention]:
    """An ORG or LOC right before a person that ends with its place and one or two given names
    gives them back: ORG ``Dinas Kesehatan Kota Bogor Sri Nowo`` + PER ``Retno`` -> ORG ``Dinas
    Kesehatan Kota Bogor``, PER ``Sri Nowo Retno``. The words are capitalised given names (no
    rank, title, head, common or mostly lower-case word) and no place of several words ends
    with them (``Papua Barat Daya``)."""
    by_start = {m.start: m for m in mentions if m.label == "PER"}
    out, moved = [], {}
    for m in mentions:
        person = by_start.get(m.end + 1) if m.label in ("ORG", "LOC") and text[m.end:m.end + 1] == " " else None
        words = list(WORD.finditer(m.text)) if person else []
        cut = next((k for k in (len(words) - 1, len(words) - 2) if 0 < k and all(
            GIVEN_NAME.fullmatch(w[0]) and not _other_word(w[0], r) for w in words[k:])
            and _place(words[k - 1][0], r, place_names)
            and not any(_place(m.text[words[a].start():], r, place_names) for a in range(k))), None)
        if cut is None:
            out.append(m)
            continue
        org_end, name_start = m.start + words[cut - 1].end(), m.start + words[cut].start()
        out.append(Mention(m.start, org_end, m.label, text[m.start:org_end], m.source))
        moved[person.start] = name_start
    return [Mention(moved[m.start], m.end, "PER", text[moved[m.start]:m.end], m.source)
            if m.label == "PER" and m.start in moved else m for m in out]


def _other_word(word: str, r: MentionResources) -> bool:
    """A capitalised word that is something else before it is a name: a title's, a rank, an
    honorific, a head, a place or a common word."""
    folded = word.casefold()
    return (folded in r.title_words or folded in r.ranks or folded in r.honorifics or folded in r.function_words
            or folded in r.common_words or folded in r.lower_words or word in r.org_heads or word in r.loc_heads
            or word in r.places or word in r.place_aliases or word in r.agencies or not_a_person(word, r))


TITLE_GOES_ON = regex.compile(r"[ \t]+(?:\p{Lu}|(?:dan|&)[ \t]+\p{Lu})")  # `... Ekonomi` + ` dan Fiskal`


def drop_title_words(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """Words of a title the model took for a person are no name: PER ``Strategi Ekonomi`` in
    ``Direktur Jenderal Strategi Ekonomi dan Fiskal Kemenkeu Febrio Kacaribu`` (right after a
    title, every word mostly written in lower case, and the title goes on after it)."""
    r = ctx.res
    return [m for m in mentions if not (
        m.label == "PER" and all(w.casefold() in r.lower_words for w in m.text.split())
        and TITLE_GOES_ON.match(text, m.end)
        and r.title_end.search(text, max(0, m.start - 40), m.start))]
