"""Officials and their titles: a person and the office or function the text gives them.

Patterns (``T`` = a title phrase opening with a word of ``lang/id/titles.txt``, ``P`` = a person):
``T, P`` (``Kepala Kantor Wilayah ... Jawa Timur, Heni Susila Wardoyo``), ``T P`` (``Menteri PANRB
Abdullah Azwar Anas``, ranks between kept out: ``Kapolres Ponorogo AKBP Andin``), ``P, T``
(``Abdullah Azwar Anas, Menteri PANRB``), ``P selaku T``, ``P yang menjabat sebagai T``.
The title is written as in the text; an organisation named inside it is linked.

>>> from extractor.facts.base import Context
>>> from extractor.nlp.doc import Document
>>> from extractor.schema import Entity, Span
>>> text = "Penghargaan diserahkan Menteri PANRB Abdullah Azwar Anas kepada Asep Kurnia, Staf Ahli Menteri."
>>> def person(i, name):
...     return Entity(f"E{i}", "PER", name, mentions=[Span(text.index(name), text.index(name) + len(name), name)])
>>> ents = [person(1, "Abdullah Azwar Anas"), person(2, "Asep Kurnia")]
>>> [(r.person, r.title) for r in extract(Document(text), Context(entities=ents))]
[('E1', 'Menteri PANRB'), ('E2', 'Staf Ahli Menteri')]
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Literal, Optional

import regex

from ..lang import AnchoredPattern, alternation, load_folded, load_list, load_table
from ..lang.patterns import rank, title_joiners
from ..matching import names_match, token_f1
from ..nlp.doc import Document
from ..schema import EVIDENCE, REF, Plain, Span, described
from ..mentions import MAX_TITLE_WORDS, VERB_LIKE
from .base import Context, evidence
from .spec import Corpus, FactSpec, gold_keys

# a word that continues a title: capitalised, an acronym, a number, or a joining word
# followed by a capitalised one (`Hukum dan HAM`, `Sosial dan Non Alam`, English `Center of Reform
# on Economics`), `dari` followed by an organisation head of lang/id/org_heads.txt (`Komisi II DPR dari Fraksi Nasdem`);
# a number or name joined by a spaced dash or slash (`Covid - 19`, `Komando Resor Militer 151/ Binaiya`);
# not a number, day or month after a joining word: the time (`Gubernur Bengkulu` + ` pada Februari 2016`,
# `Dirjen Imigrasi Kementerian Hukum dan HAM` + ` pada 5 Mei 2020`)
CONT = (r"(?:[ \t]*[-/][ \t]*\d+|[ \t]*/[ \t]*\p{{Lu}}[\p{{L}}\d'’.\-]*"
        r"|[ \t]+(?:(?:{joiners})[ \t]+(?!\d|(?:{calendar})(?![\p{{L}}\d]))|dari[ \t]+(?=(?:{heads})[ \t]))?"
        r"(?:\p{{Lu}}[\p{{L}}\d'’.\-/]*|\d+|se-\p{{Lu}}\p{{L}}*|\(\p{{Lu}}[^()\n]{{0,30}}\)))(?![\p{{L}}\d])")
LOWER_MODIFIER = regex.compile(r"[ \t]+(\p{Ll}{3,})(?![\p{L}\-])")
PREFIXES = ["Plt", "Plh", "Pj", "eks", "Eks", "mantan", "Mantan"]
PREFIX = rf"(?:(?:{'|'.join(PREFIXES)})\.?[ \t]+)?"
WORD_OF_TITLE = regex.compile(r"[\p{L}\d]+")
SPACES = regex.compile(r"[ \t]*")
AND = regex.compile(rf"[ \t]+(?:{alternation(title_joiners('and'))})[ \t]+")
ALSO = regex.compile(rf"[ \t]+(?:{alternation(title_joiners('also'))})[ \t]+")
# `, `; ` selaku ` or `, selaku `; `, yang juga menjabat sebagai `; ` yang juga ` (after a comma only
# with `menjabat`: `Andri, yang juga ...` may add what the person is, not an office)
# what puts a title after a person: `, `, ` selaku `, `, yang juga menjabat sebagai ` (lang/id/title_joiners.txt)
_AS, _WHO, _ALSO_ADV, _HOLDING = (alternation(title_joiners(kind)) for kind in ("as", "relative", "adverb", "holding"))
LINKS = regex.compile(rf"[ \t]*,?[ \t]+(?:{_AS})[ \t]+"
                      rf"|[ \t]*,?[ \t]+(?:{_WHO})[ \t]+(?:(?:{_ALSO_ADV})[ \t]+)?(?:{_HOLDING})[ \t]+(?:(?:{_AS})[ \t]+)?"
                      rf"|[ \t]*,[ \t]*|[ \t]+(?:{_WHO})[ \t]+(?:(?:{_ALSO_ADV})[ \t]+)?(?:(?:{_AS})[ \t]+)?")


@lru_cache(maxsize=1)
def _data() -> dict:
    titles = [*load_list("titles"), *load_list("affiliated_titles")]
    title = regex.compile(rf"(?<![\p{{L}}\d\-]){PREFIX}(?i:{alternation(titles)})(?![\p{{L}}\d\-])")
    return {
        "affiliated": load_folded("affiliated_titles"),
        "org_bound": load_folded("org_bound_titles"),
        "honorifics": load_folded("honorifics"),
        "org_heads": frozenset(load_table("org_heads")),
        "cont": regex.compile(CONT.format(heads=alternation(load_table("org_heads")), joiners=alternation(title_joiners("and", "inside", "english")),
                                          calendar=alternation([*load_table("days"), *load_table("months")]))),
        "title": title,
        "title_anywhere": AnchoredPattern(title, [*titles, *PREFIXES], fold=True),
        # a rank, maybe of several words (`AKBP`, `Ajun Komisaris Besar`)
        "rank": regex.compile(rf"(?<![\p{{L}}\d\-])(?:{rank()})\.?(?![\p{{L}}\d\-])"),
        # words allowed between a title and the name: ranks and honorifics (`Ketua PCNU, KH Makki`)
        "gap_words": load_folded("ranks") | load_folded("honorifics"),
        "function": load_folded("function_words"),
    }


def title_end(text: str, start: int, head_end: int, stops: list[int], rank, names: frozenset = frozenset(),
              in_names: frozenset = frozenset()) -> int:
    """Where the title that opens at ``start`` ends: before a person (a mention; ``stops``: the
    sorted starts of the person mentions; or a word that opens a person's name elsewhere in the
    article, unless an ORG or LOC mention holds it there: ``in_names``, as in `CEO PT Freeport
    Indonesia Tony Wenas`), a rank, honorifics before a person (`Prof KH Asrorun`), a comma or a verb; after
    ``MAX_TITLE_WORDS`` words at most. A lower-case title takes one lower-case modifier (`pelatih fisik`),
    or up to three before the capitalised words of an organisation (`pendiri jaringan kuliner lokal
    Waroeng Steak & Shake`; not before the person: `pemimpin grup musik` + PER `Kahitna`)."""
    end = head_end
    if text[start].islower():
        mods = []  # up to three lower-case modifiers, all of them only before a capitalised word
        for _ in range(3):
            mod = LOWER_MODIFIER.match(text, mods[-1] if mods else end)
            if not mod or mod[1].casefold() in _data()["function"] or VERB_LIKE.fullmatch(mod[1]):
                break
            mods.append(mod.end())
        # `pendiri jaringan kuliner lokal Waroeng Steak & Shake`; `pelatih fisik` + ` Yansen` alone
        longest = next((e for e in reversed(mods[1:]) if _data()["cont"].match(text, e)
                        and SPACES.match(text, e).end() not in stops), None)  # an organisation's word, not the person
        end = longest or (mods[0] if mods else end)
    for _ in range(MAX_TITLE_WORDS):
        m = _data()["cont"].match(text, end) or _enumeration(text, end, stops, names, in_names)
        if not m:
            return end
        word_start = m.start() + len(m[0]) - len(m[0].lstrip())
        word = m[0].split()[-1]
        i = bisect_left(stops, word_start)
        last = m.end() - len(word)  # where the last word (the one after `dan`) starts
        if (i < len(stops) and stops[i] < m.end() or rank.match(text, last)
                or word in names and last not in in_names or _honorifics_before_person(text, last, stops)):
            return end
        end = m.end()
    return end


HONORIFIC_WORD = regex.compile(r"([\p{L}]+)\.?[ \t]*")  # `Prof `, `KH `, `Dr. `


def _honorifics_before_person(text: str, at: int, stops: list[int]) -> bool:
    """Whether honorifics run from ``at`` up to where a person's mention starts (``stops``): they
    stand before the name, not in the title (`Ketua MUI Bidang Fatwa` + `Prof KH` + `Asrorun`)."""
    pos, seen = at, False
    for _ in range(4):
        w = HONORIFIC_WORD.match(text, pos)
        if not w or w[1].casefold() not in _data()["honorifics"]:
            break
        pos, seen = w.end(), True
    i = bisect_left(stops, pos)
    return seen and i < len(stops) and stops[i] == pos


# `, Teknologi, dan Informasi`: the items after the first of an enumeration inside a title, the last after `dan`
ENUMERATION = regex.compile(r"(?:[ \t]*,[ \t]+\p{Lu}[\p{L}\d'’.\-]*(?:[ \t]+\p{Lu}[\p{L}\d'’.\-]*){0,3}){1,4}"
                            r"[ \t]*,?[ \t]+dan[ \t]+\p{Lu}[\p{L}\d'’.\-]*(?![\p{L}\d])")


def _enumeration(text: str, end: int, stops: list[int], names: frozenset, in_names: frozenset):
    """The items of an enumeration after a title's word (`Deputi Bidang SDM` + `, Teknologi, dan
    Informasi`), written with commas; none of them a person, a name's first word or another title
    (`Ketua KPU, dan Ketua Bawaslu` are two offices)."""
    m = ENUMERATION.match(text, end)
    if not m:
        return None
    words = [w for w in regex.finditer(r"\p{Lu}[\p{L}\d'’.\-]*", m[0])]
    for w in words:
        at = end + w.start()
        i = bisect_left(stops, at)
        if (i < len(stops) and stops[i] < m.end() or w[0] in names and at not in in_names
                or _data()["title"].match(text, at)):
            return None
    return m


def _held_words(text: str, mentions, person_starts: list[int], ctx: Context) -> frozenset[int]:
    """Where the words of ORG and LOC mentions start (`Freeport` of `PT Freeport Indonesia`), but
    not where a person's full name starts, nor a last word right before a person: the mention ran
    on into the name (`... Kementan Idha` + PER `Widi Arsanti`)."""
    full = [n for e in ctx.entities if e.type == "PER" for n in {e.name, *e.aliases} if " " in n]
    starts = set(person_starts)
    held = set()
    for s, e, _ in mentions:
        words = [s + w.start() for w in WORD_OF_TITLE.finditer(text[s:e])]
        if SPACES.match(text, e).end() in starts:  # no copy of the text after each mention
            words = words[:-1]
        held.update(p for p in words if not any(text.startswith(n, p) for n in full))
    return frozenset(held)


def _gap_ok(text: str, start: int, end: int, gap_words) -> bool:
    """Only ranks (of one or more words, `(Pol)` in brackets) and honorifics (and spaces/commas)
    between a title and a name: `Kapolres Ponorogo AKBP Andin`, `Kepala Polres Bitung Ajun
    Komisaris Besar FX Winardi`, `Ketua PCNU Bangkalan, KH Muhammad Makki Nasir`."""
    gap = text[start:end]
    if len(gap) > 40 or "\n" in gap:
        return False
    words = _data()["rank"].sub("\0", gap).replace(",", " ").split()  # \0: a rank
    return all(w == "\0" or w.rstrip(".").casefold() in gap_words
               for w in (w[1:-1] if w[:1] == "(" and w[-1:] == ")" else w for w in words))


def _longer_rank(text: str, title, rank) -> bool:
    """True where a title word is part of a longer rank: `Komisaris Besar Budi` and `Ajun Komisaris
    Budi` are ranks, `Komisaris PT Timah` an office."""
    return any(r.start() <= title.start() and title.end() <= r.end() and r.span() != title.span()
               for r in rank.finditer(text, max(0, title.start() - 25), title.end() + 25))


def split_pair(text: str, start: int, end: int, title_re) -> tuple[str, str] | None:
    """Two coordinated titles sharing their organisation, for two coordinated persons:
    `Bupati dan Wakil Bupati Bangkalan` -> (`Bupati Bangkalan`, `Wakil Bupati Bangkalan`)."""
    for j in AND.finditer(text, start, end):
        second = title_re.match(text, j.end())
        if not second:
            continue
        first = text[start:j.start()]
        tail = text[second.end():end] if title_re.fullmatch(first) else ""
        return first + tail, text[j.end():end]
    return None


@dataclass
class RoleFact(Plain):
    """``Kepala Kantor Wilayah ..., Heni Susila Wardoyo``: a person and their office."""

    person: str = described(f"The person holding the office: {REF}.")
    title: str = described("The office as written, without the name (`Kapolres Ponorogo`).")
    organization: Optional[str] = described(f"The organisation named inside the title: {REF}; null when none.")
    evidence: Span = described(EVIDENCE)
    type: Literal["role"] = described("The fact type.", default="role")


def extract(doc: Document, ctx: Context) -> list[RoleFact]:
    """Every (person, title) pair stated in the body, once each."""
    text, d = doc.match_text, _data()
    persons = ctx.mentions("PER")
    person_starts = [s for s, _, _ in persons]
    names = frozenset(n.split()[0] for e in ctx.entities if e.type == "PER" for n in [e.name, *e.aliases]
                      if n.split() and len(n.split()[0]) > 2)
    orgs = ctx.mentions("ORG")
    org_starts = [s for s, _, _ in orgs]
    out, seen = [], set()

    def add(ent, t_start, t_end, ev_start, ev_end, title=None):
        title = (title or text[t_start:t_end]).strip(" ,").rstrip(".")
        if not title or ctx.is_ignored(ev_start, ev_end) or (ent.id, title.casefold()) in seen:
            return
        inside = orgs[bisect_left(org_starts, t_start):bisect_left(org_starts, t_end)]
        if _bare_occupation(text, t_start, t_end, [en for _, en, _ in inside]):
            return
        seen.add((ent.id, title.casefold()))
        org = next((e.id for _, en, e in inside if en <= t_end), None)
        out.append(RoleFact(person=ent.id, title=title, organization=org, evidence=evidence(doc, ev_start, ev_end)))

    # T, P  and  T [rank] P  (and  T1 dan T2 X, P1 dan P2)
    handled_end = 0  # a title inside one already given to a person is not a new title
    titled: set[int] = set()  # person mentions that a title just before introduced
    # a title that opens inside an ORG or LOC name (`Forum Koordinasi Pimpinan Daerah`) is part of it
    inside_names = {p for s, e, _ in (*orgs, *ctx.mentions("LOC")) for p in range(s + 1, e)}
    in_names = _held_words(text, [*orgs, *ctx.mentions("LOC")], person_starts, ctx)
    link_ends = {link.end() for _, e, _ in persons for link in [LINKS.match(text, e)] if link}
    ends = partial(title_end, text, stops=person_starts, rank=d["rank"], names=names, in_names=in_names)

    for m in d["title_anywhere"].finditer(text, ctx.words(doc)):
        if m.start() < handled_end or m.start() in inside_names or _longer_rank(text, m, d["rank"]):
            continue
        end = ends(m.start(), m.end())
        second = _second_title(text, end, ends)  # `Direktur Utama merangkap Direktur Komersial ...`
        last = second[1] if second else end
        i = bisect_left(person_starts, last)  # the first person after the title
        if i >= len(persons) or not _gap_ok(text, last, persons[i][0], d["gap_words"]):
            continue
        s, e, ent = persons[i]
        if _apposed_org(text, m, last, s, e, link_ends):
            continue  # `James Wu, Vice President Xpeng saat`: the title is James Wu's, Xpeng the company
        handled_end = last
        titled.add(s)
        pair = split_pair(text, m.start(), end, d["title"])
        joined = AND.match(text, e)
        if pair and joined and i + 1 < len(persons) and persons[i + 1][0] == joined.end():
            add(ent, m.start(), end, m.start(), e, title=pair[0])
            add(persons[i + 1][2], m.start(), end, m.start(), persons[i + 1][1], title=pair[1])
        else:
            add(ent, m.start(), end, m.start(), e)
        if second:
            add(ent, *second, m.start(), e)
    # P, T  and  P selaku/sebagai/yang menjabat sebagai T
    for s, e, ent in persons:
        link = LINKS.match(text, e)
        if not link:
            continue
        if s in titled and link[0].strip() == ",":
            continue  # `Bupati Kupang, Yosef Lede, Ketua DPD ..., serta`: a list, the next title is someone else's
        m = d["title"].match(text, link.end())
        if m and m.start() not in inside_names and not _longer_rank(text, m, d["rank"]):
            end = ends(m.start(), m.end())
            second = _second_title(text, end, ends)  # `selaku Ketua merangkap anggota KPU`
            last = second[1] if second else end
            i = bisect_left(person_starts, last)
            if i < len(persons) and _apposed_org(text, m, last, *persons[i][:2], link_ends):
                last = end = persons[i][1]  # `James Wu, Vice President Xpeng saat`: the company is the title's
            elif i < len(persons) and _gap_ok(text, last, persons[i][0], d["gap_words"]) and text[last:persons[i][0]].strip() != ",":
                continue  # `Tamsil Linrung, Ketua Komite I DPD Andy Sofyan`: the title opens the next person
            add(ent, m.start(), end, s, end)
            if second:
                add(ent, *second, s, last)
    return sorted(_fullest(out), key=lambda r: r.evidence.start)


def _second_title(text: str, end: int, ends) -> tuple[int, int] | None:
    """The second office of one person, joined to the first (ending at ``end``) by a word of kind
    `also` of ``lang/id/title_joiners.txt``: ``Direktur Utama`` + `` merangkap Direktur Komersial
    dan Pengembangan Usaha PT Jasa Armada Indonesia Tbk``, ``selaku Ketua`` + `` merangkap anggota
    KPU``; (start, end) of it (``ends``: where a title opening there ends)."""
    also = ALSO.match(text, end)
    second = also and _data()["title"].match(text, also.end())
    return (second.start(), ends(second.start(), second.end())) if second else None


# what follows the organisation of a title in apposition, not a list's next item: `Xpeng saat`, `Strategy (sebelumnya`
APPOSED_ORG_END = regex.compile(r"[ \t]*\(|[ \t]+\p{Ll}")


def _apposed_org(text: str, title, office_end: int, start: int, end: int, link_ends: set[int]) -> bool:
    """True for what the model took for a person (``start:end``) right after a title (the match
    ``title``, ending at ``office_end``) that stands in apposition to the person before it
    (``link_ends``: where a comma or `selaku` after a person ends): the organisation. So is one word
    going on with a lower-case word or a bracket (`James Wu, Vice President Xpeng saat konferensi
    pers`; a list goes on with a comma: `Budi, Kepala Dinas Sosial Sutrisno, dan`), and whatever
    follows a bare title (`Aris Sudewo, CEO Nuon.`): only after a title of
    ``lang/id/org_bound_titles.txt``, which names an office in an organisation (not `Presiden Jokowi`)."""
    if title.start() not in link_ends or not SPACES.fullmatch(text, office_end, start):
        return False
    if title[0].split()[-1].casefold() not in _data()["org_bound"]:
        return False  # `Anies Baswedan, Presiden Jokowi pernah`: an office of its own, the name a person's
    return office_end == title.end() or " " not in text[start:end].strip() and APPOSED_ORG_END.match(text, end) is not None


def _bare_occupation(text: str, start: int, end: int, org_ends: list[int]) -> bool:
    """True for an occupation of ``lang/id/affiliated_titles.txt`` written without the organisation
    it serves (`pengamat penerbangan`), which is no role; with it (an ORG mention or an organisation
    head inside the title: `pengajar Ilmu Politik Universitas Negeri Jakarta`) it is one."""
    d = _data()
    head = d["title"].match(text, start)
    if not head or head[0].split()[-1].casefold() not in d["affiliated"]:
        return False
    return not (any(e <= end for e in org_ends)
                or any(w in d["org_heads"] for w in WORD_OF_TITLE.findall(text, head.end(), end)))


def _fullest(roles: list[RoleFact]) -> list[RoleFact]:
    """A person's title that only repeats part of a fuller one is dropped (`Presiden` and `Menteri
    Pertahanan RI` beside `Presiden RI` and `Menteri Pertahanan Republik Indonesia (Menhan RI)`)."""
    words = [(r.person, frozenset(WORD_OF_TITLE.findall(r.title.casefold()))) for r in roles]
    return [r for r, (person, mine) in zip(roles, words)
            if not any(person == other_person and mine < other for other_person, other in words)]


SPEC = FactSpec(
    kind="role", field="roles", record=RoleFact, extract=extract,
    item=lambda fact, ref: {"person": ref(fact.get("person")), "title": fact.get("title") or ""},
    matches=lambda p, g: names_match(p["person"], g["person"]) and token_f1(p["title"], g["title"]) >= 0.6,
    corpus=Corpus(row=lambda role, name: [name(role.person), role.title]),
    gold_entry=gold_keys("person", "title", names=("person",)),
)
