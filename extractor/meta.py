"""Article metadata: dateline city and outlet, editor/reporter credit lines, boilerplate lines.

Unlike the fact modules this fills the record's ``meta``; it also reports the entity mentions
it is sure of (outlet = ORG, dateline city = LOC, credited people = PER) and the spans that
no fact may come from (boilerplate and credit lines).

>>> from extractor.nlp.doc import Document
>>> found = extract(Document("SURABAYA, iNewsSurabaya.id - Prestasi diraih.\\nEditor : Arif Ardliyanto"))
>>> found.meta.dateline, found.meta.outlet, found.meta.editor
('Surabaya', 'iNewsSurabaya.id', 'Arif Ardliyanto')
>>> extract(Document("Jakarta (ANTARA) - Menteri hadir.")).meta.outlet
'ANTARA'
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex

from .lang import alternation, load_folded, load_list, load_table
from .nlp.doc import Document, Mention
from .schema import Meta

HEADLINE_WORD = regex.compile(r"\p{L}[\p{L}'’\-]*")

# a dash ends the dateline; a plain hyphen only with a space on one side (not `POS-KUPANG`)
DASH = r"(?:\s*(?:--+|–|—)\s*|\s+-+\s*|-+\s+)"
DOMAIN = regex.compile(r"^[\w\-]+(?:\.\s?[\w\-]+)*\.\s?(?:com|id|co\.id|net|org|news|tv)$", regex.IGNORECASE)
PLACE = r"[A-Z][\p{L}'\.]*(?:\s+[A-Z][\p{L}'\.]*){0,3}"
HEADLINE_CAPS = 0.8  # share of capitalised content words that makes a first line a headline
NAME = r"\p{Lu}[\p{L}'\.]*(?:[ \t]+\p{Lu}[\p{L}'\.]*){0,5}"


@dataclass
class MetaResult:
    meta: Meta
    mentions: list[Mention] = field(default_factory=list)
    ignored: list[tuple[int, int]] = field(default_factory=list)


CLOSING_REACH = 200  # characters from the end of the text where a closing writer's name is looked for


@lru_cache(maxsize=1)
def _patterns() -> dict:
    outlets = alternation(load_list("outlets"))
    labels = alternation(load_table("credit_labels"))
    return {
        # `SURABAYA, iNewsSurabaya.id -`, `Posmetro.co.id,INDRAMAYU —`, `JAKARTA -`, `OSAKA–`
        "dateline": regex.compile(rf"^[ \t\xa0]*(?P<a>[^\s,()–—-][^,()\n–—]{{0,38}}?)[ \t\xa0]*"
                                  rf"(?:,[ \t\xa0]*(?P<b>[^,()\n–—]{{1,40}}?))?{DASH}(?=\S)", regex.MULTILINE),
        # `Liputan6.com, JakartaHarga minyak ...`: the scraper dropped the dash and the space
        "glued": regex.compile(rf"^[ \t\xa0]*(?P<a>(?i:{outlets})(?:\.[a-z]{{2,3}}){{0,2}}),[ \t\xa0]*(?P<b>\p{{Lu}}\p{{Ll}}+)(?=\p{{Lu}}\p{{Ll}})",
                               regex.MULTILINE),
        # `Jakarta (ANTARA) -`
        "paren": regex.compile(rf"^[ \t\xa0]*(?P<a>{PLACE})\s*\((?P<b>[^()\n]{{2,30}})\){DASH}", regex.MULTILINE),
        "outlet": regex.compile(rf"^(?:{outlets})$"),
        "credit": regex.compile(rf"(?:^|\(|(?<=\p{{Ll}}))(?P<label>{labels})\s*:\s*(?P<name>[^\n(),;|]+)",
                                regex.IGNORECASE | regex.MULTILINE),
        "credit_line": regex.compile(rf"^\s*\(?(?:{labels})\b.*$", regex.IGNORECASE | regex.MULTILINE),
        # `... visi Jepara MULUS. (Ito)`: the writer's initials closing a paragraph
        "initials": regex.compile(r"\(\s*[\p{L}/.]{2,12}\s*\)\s*$", regex.MULTILINE),
        # `... kota lama.\n(Fitra Iskandar)`, `... pungkasnya.(Randy Wirayudha)`: the writer's name in
        # brackets after the last sentence closes the article (not `membuka acara (Pameran Buku)`)
        "closing_name": regex.compile(r"(?:^|(?<=[.!?\"”']))[ \t]*\(\s*(?P<name>\p{Lu}\p{Ll}+(?:[ \t]+\p{Lu}\p{Ll}+){1,3})\s*\)(?=\s*(?:\(\s*(?P=name)\s*\)\s*)?\Z)", regex.MULTILINE),
        # one pattern for all the lines of boilerplate.txt: one search per line of the text
        "boilerplate": regex.compile("|".join(f"(?:{p})" for p in load_list("boilerplate")), regex.IGNORECASE),
        "inline_link": regex.compile(rf"(?<=\S)[ \t]*(?:{'|'.join(load_list('inline_link_labels'))})[ \t]*", regex.IGNORECASE),
        "glue": regex.compile(r"(?<=[\p{Ll}\d!?.)])\p{Lu}"),
        "token": regex.compile(r"\S+"),
    }


def _is_outlet(part: str, pats) -> bool:
    return bool(DOMAIN.match(part) or pats["outlet"].match(part))


def _is_place(part: str) -> bool:
    return bool(regex.fullmatch(PLACE, part)) and not DOMAIN.match(part)


def _place_name(part: str) -> str:
    return " ".join(w.capitalize() if w.isupper() else w for w in part.split())


def _dateline(doc: Document, pats, res: MetaResult) -> None:
    """The dateline opens one of the first two lines of the body."""
    head_end = 0
    for _ in range(2):
        nl = doc.match_text.find("\n", head_end)
        head_end = len(doc.match_text) if nl < 0 else nl + 1
    glued = pats["glued"].search(doc.match_text, 0, head_end)
    if glued and _is_place(glued["b"]):
        res.ignored.append((glued.start("a"), glued.end("b")))  # the model's `JakartaHarga` is no name
    for m in [*pats["paren"].finditer(doc.match_text, 0, head_end), *pats["dateline"].finditer(doc.match_text, 0, head_end),
              *([glued] if glued else [])]:
        parts = [(m.start(g), m.end(g), m[g].strip()) for g in ("a", "b") if m[g] and m[g].strip()]
        outlet = next((p for p in parts if _is_outlet(p[2], pats)), None)
        if any(p is not outlet and not _is_place(p[2]) for p in parts):
            continue  # a clause, not a dateline: `Sebagai partai pendukung pemerintah, PDI - P merasa`
        city = next((p for p in parts if p is not outlet and _is_place(p[2]) and (p[2].isupper() or outlet)), None)
        if not outlet and not city:
            continue
        if outlet:
            start = outlet[0]
            res.meta.outlet = outlet[2]
            res.mentions.append(Mention(start, start + len(outlet[2]), "ORG", outlet[2], source="meta"))
        if city:
            res.meta.dateline = _place_name(city[2])
            res.mentions.append(Mention(city[0], city[0] + len(city[2]), "LOC", city[2], source="meta"))
        return


def _credits(doc: Document, pats, res: MetaResult) -> None:
    fields = {k.casefold(): v for k, v in load_table("credit_labels").items()}
    for line in pats["credit_line"].finditer(doc.match_text):
        res.ignored.append((line.start(), line.end()))
    for m in pats["initials"].finditer(doc.match_text):
        res.ignored.append((m.start(), m.end()))
    for m in pats["closing_name"].finditer(doc.match_text, max(0, len(doc.match_text) - CLOSING_REACH)):
        res.meta.reporter = res.meta.reporter or m["name"]
        res.mentions.append(Mention(m.start("name"), m.end("name"), "PER", m["name"], source="meta"))
        res.ignored.append((m.start(), m.end()))
    for m in pats["credit"].finditer(doc.match_text):
        name_match = regex.match(NAME, m["name"].strip())
        field_name = fields[" ".join(m["label"].casefold().split())]
        if not name_match:
            continue
        name = name_match[0].strip()
        start = m.start("name") + m["name"].find(name)
        if getattr(res.meta, field_name) is None:
            setattr(res.meta, field_name, name)
        res.mentions.append(Mention(start, start + len(name), "PER", name, source="meta"))
        res.ignored.append((m.start(), m.end()))


def is_headline(line: str) -> bool:
    """Title Case, five words or more, no final period or quote: a headline (`Seusai Raih
    Runner-up Indonesia Open 2025, Sabar/Reza Dapat Dukungan Spesial`, `Marquez Juara, Bagnaia
    ke-12!`), not a sentence of the body."""
    words = HEADLINE_WORD.findall(line)
    if len(words) < 5 or line.rstrip().endswith((".", '"', "”")):
        return False
    capitalised = sum(w[0].isupper() for w in words if w.casefold() not in load_folded("function_words"))
    content = sum(1 for w in words if w.casefold() not in load_folded("function_words"))
    return bool(content) and capitalised / content >= HEADLINE_CAPS


def _headline(doc: Document, res: MetaResult) -> None:
    """A scraped page's headline repeated as the first line, with more text below. It is not the
    article body (ANNOTATION.md), so nothing is extracted from it."""
    first, _, rest = doc.match_text.partition("\n")
    if rest.strip() and is_headline(first):
        res.ignored.append((0, len(first)))
        if res.meta.title is None:
            res.meta.title = first.strip()


def _boilerplate(doc: Document, pats, res: MetaResult) -> None:
    """Lines of the page around the article (`Baca juga: ...`); a `Baca Juga` label alone on its
    line takes the headline on the next line with it (`Baca Juga` / `Kluivert Buka Peluang Rotasi
    Timnas Indonesia saat Hadapi Jepang`), but not a sentence of the body; so is a headline on two
    lines in a row (a video's title under the article: `Video Marquez di MotoGP Spanyol: ...`)."""
    pos, label_alone = 0, False
    lines = doc.match_text.split("\n")
    for k, line in enumerate(lines):
        match = pats["boilerplate"].search(line)
        if match or ((label_alone or _repeated(lines, k)) and is_headline(line)):
            res.ignored.append((pos, pos + len(line)))
        label_alone = bool(match) and not line[match.end():].strip()
        pos += len(line) + 1


def _repeated(lines: list[str], k: int) -> bool:
    """Whether line ``k`` is the same as the line before or after it."""
    return any(0 <= j < len(lines) and lines[j].strip() == lines[k].strip() for j in (k - 1, k + 1))


INLINE_HEADLINE_CHARS = 200  # at most this much of a glued link's headline is ignored


def _inline_links(doc: Document, pats, res: MetaResult) -> None:
    """A link label glued inside a line takes the capitalised words after it, up to the first
    lower-case word that is no function word (and back to where the next sentence was glued on:
    ``Baca Juga:Bos Tim Valentino Rossi Akui ... di MotoGP!Selama kariernya`` ends before ``Selama``)."""
    text, function_words = doc.match_text, load_folded("function_words")
    for m in pats["inline_link"].finditer(text):
        line_end = text.find("\n", m.end())
        limit = min(len(text) if line_end < 0 else line_end, m.end() + INLINE_HEADLINE_CHARS)
        start = end = m.end()  # of the last word taken
        for w in pats["token"].finditer(text, m.end(), limit):
            word = w[0].strip("\"“”'(),:;!?.")
            if word[:1].islower() and word.casefold() not in function_words:
                glued = list(pats["glue"].finditer(text, start + 1, end))
                end = glued[-1].start() if glued else end
                break
            start, end = w.span()
            if w[0].endswith((".", "!", "?")):  # a headline has no full stop: the body goes on here
                break
        res.ignored.append((m.start(), end))


def extract(doc: Document, title: Optional[str] = None, published: Optional[str] = None) -> MetaResult:
    """Metadata, sure mentions and ignored spans of one article."""
    pats = _patterns()
    res = MetaResult(meta=Meta(title=title, published=published))
    _boilerplate(doc, pats, res)
    _inline_links(doc, pats, res)
    _headline(doc, res)
    _dateline(doc, pats, res)
    _credits(doc, pats, res)
    res.ignored.sort()
    return res
