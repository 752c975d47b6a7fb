"""Direct speech in quotation marks, with the speaker resolved to an entity.

Attribution after the quote (``"...," ujar Heni``, ``kata Direktur Riset Ali Noer Zaman``,
``Fajar menjelaskan``), before it (``Menurut Heni, "..."``), or by pronoun/clitic (``ujarnya``,
``kata dia``: the last named speaker). A quote split by its attribution in one paragraph is one
quote unless its second half has an attribution of its own; a paragraph that is only a quotation
continues the last speaker. Quotes whose speaker is never named are left out (ANNOTATION.md). Speech verbs: ``lang/id/speech_verbs.txt``.

>>> from extractor.facts.base import Context
>>> from extractor.nlp.doc import Document
>>> from extractor.schema import Entity, Span
>>> text = '"Kami sangat mengapresiasi dedikasi mereka," ujar Heni. "Ini penting sekali bagi kami."'
>>> heni = Entity("E1", "PER", "Heni", mentions=[Span(50, 54, "Heni")])
>>> [(q.speaker, q.text) for q in extract(Document(text), Context(entities=[heni]))]
[('E1', 'Kami sangat mengapresiasi dedikasi mereka, Ini penting sekali bagi kami.')]
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Optional

import regex

from ..lang import alternation, load_derived, load_folded, load_list
from ..lang.patterns import SENTENCE_END, speech_verbs
from ..matching import names_match, quote_overlap
from ..nlp.doc import Document
from ..schema import REF, Plain, Span, described
from . import roles as role_facts
from .base import Context, evidence
from .spec import Corpus, FactSpec, gold_keys

TITLE_WORDS = regex.compile(r"\s*((?:\p{Lu}[\p{L}.\-]*\s?){1,3})")


# opening mark -> the marks that close it; scraped text mixes straight and curly quotes
# (`"Fleksibilitas kerja ... dinamis,” ujar Nanik`)
# (`"Fleksibilitas kerja ... dinamis,” ujar Nanik`); some outlets open with `”` too (`”Hanya ada
# satu ekonom ...,” kata Gede`): a `”` opens only at a word's start (after a space, before a letter)
PAIRS = {"“": ("”", '"'), '"': ('"', "”"), "«": ("»",), "”": ("”", '"')}
MIN_WORDS = 4  # shorter quoted text is a term or a title ("Sangat Sehat"), not speech
SPLIT_GAP = 80  # at most this many characters between the halves of one split quote (`," ujar Heni. "`)
WINDOW = 90  # how far after a speech verb the speaker's name may start
SHORT_QUOTE_WORDS = 25
SHORT_SENTENCE_WORDS = 8  # a first sentence shorter than this leads in to the next (`Perlu evaluasi serius.`)
SPEECH_REACH = 40  # characters between a person and a speech verb that make them the speaker


@lru_cache(maxsize=1)
def _patterns() -> dict:
    verbs = alternation(speech_verbs())
    pronouns = alternation(load_list("pronouns"))
    return {
        "after": regex.compile(rf"[\s,.]*(?P<verb>{verbs})(?P<nya>nya)?\b(?P<pro>\s+(?:{pronouns})\b)?", regex.IGNORECASE),
        "verb_after_name": regex.compile(rf"\s+(?:{verbs})\b", regex.IGNORECASE),
        # a person near a speech verb: `Viktor mengatakan`, `..., kata Viktor`
        "speech_near": regex.compile(rf"(?:[^.\n]{{0,{SPEECH_REACH}}}?\b(?:{verbs})\b)|(?:\b(?:{verbs})(?:nya)?\b[^.\n]{{0,{SPEECH_REACH}}}$)",
                                     regex.IGNORECASE),
        "before": regex.compile(rf"\b(?P<verb>{verbs})(?P<nya>nya)?\b[^\n\"“”]{{0,{WINDOW}}}?[,:]?\s*$", regex.IGNORECASE),
        "pronoun_subject": regex.compile(rf"(?<!\p{{L}})(?:{pronouns})\s+$", regex.IGNORECASE),
        "clause_end": regex.compile(r"[.?!;\n\"“”]"),
        "word": regex.compile(r"\p{L}+"),
    }


@dataclass
class _Quote:
    open: int
    close: int  # index of the closing mark
    para: tuple[int, int]

    def content(self, text: str) -> str:
        return " ".join(text[self.open + 1:self.close].split()).rstrip(",").strip()


def find_quotes(text: str) -> list[_Quote]:
    """Quotation spans within paragraphs. A quote left open at the end of its line runs on over
    the next lines (scraped pages break lines inside a quote: ``"Padahal seharusnya\nkan\ntidak
    boleh, ..." ucapnya``) when a closing mark after punctuation ends it within ``CARRY_LINES``
    lines that hold no other quotation mark; else it is no quote."""
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    out, n, skip_to = [], 0, 0
    while n < len(lines):
        line, pos = lines[n], starts[n]
        i, end = (skip_to - pos if skip_to > pos else 0), len(line)
        skip_to, next_n = 0, n + 1
        while i < end:
            opening = OPENING_MARK.search(line, i)
            if opening is None:
                break
            i, ch = opening.start(), opening[0]
            found = [k for k in (line.find(c, i + 1) for c in PAIRS[ch]) if k >= 0]
            if found:
                j = min(found)
                out.append(_Quote(pos + i, pos + j, (pos, pos + end)))
                i = j + 1
                continue
            close = _carried_close(text, lines, starts, n, ch)
            if close is not None:
                last = next(k for k in range(n + 1, len(starts)) if starts[k] > close) - 1
                out.append(_Quote(pos + i, close, (pos, starts[last] + len(lines[last]))))
                skip_to, next_n = close + 1, last
            break
        n = next_n if next_n > n else n + 1
    return out


OPENING_MARK = regex.compile(r'[“"«]|(?<!\S)”(?=\p{L})')
CARRY_LINES = 6  # at most this many line breaks inside one quotation
QUOTE_MARKS = regex.compile(r"[\"“”«»]")


def _carried_close(text: str, lines: list[str], starts: list[int], n: int, opening: str) -> Optional[int]:
    """Offset of the mark that closes a quote opened on line ``n`` and left open there."""
    for k in range(n + 1, min(len(lines), n + 1 + CARRY_LINES)):
        mark = QUOTE_MARKS.search(lines[k])
        if mark is None:
            continue
        j = mark.start()
        if mark[0] in PAIRS[opening] and j > 0 and lines[k][j - 1] in ",.!?":
            return starts[k] + j
        return None
    return None


def _speaker_after(text: str, start: int, limit: int, ctx: Context):
    """The first person mentioned from ``start`` up to the end of the clause."""
    stop = regex.compile(r"[.?!](?=\s|$)|\n").search(text, start, limit)
    end = stop.start() if stop else limit
    return ctx.entity_at(start, end, "PER")


def _last_person(text: str, people: list[tuple[int, int, str]], before: int, quotes: list[_Quote] = (),
                 since: int = 0, speaking: bool = False) -> Optional[str]:
    """Whom `ujarnya` means: the last person of ``people`` ((start, end, id), sorted) between
    ``since`` and ``before``, outside quotations, who is the subject or object of a speech verb
    (`Viktor mengatakan`, `menurut Viktor`), else (unless ``speaking``) the last one mentioned."""
    speech = _patterns()["speech_near"]
    last_any = None
    for s, e, person in reversed(people[:bisect_left(people, (before,))]):
        if s < since:
            break
        if any(q.open < s < q.close for q in quotes):
            continue
        last_any = last_any or person
        if (speech.match(text, e, min(len(text), e + SPEECH_REACH))
                or speech.search(text[max(0, s - SPEECH_REACH):s])):
            return person
    return None if speaking else last_any


ACRONYM_IN_TITLE = regex.compile(r"\((\p{Lu}[\p{L}\-]{2,})")


def title_references(text: str, roles) -> list[tuple[int, int, str]]:
    """(start, end, person id) where the article names a person by a title only it holds:
    ``Mendikdasmen`` for the person introduced as ``Menteri Pendidikan Dasar dan Menengah
    (Mendikdasmen) RI``, or the whole title of two or more words (``Kasi Intel``)."""
    terms: dict[str, set] = {}
    for role in roles:
        for term in [role.title, *ACRONYM_IN_TITLE.findall(role.title)]:
            if len(term.split()) > 1 or term != role.title:
                terms.setdefault(term, set()).add(role.person)
    out = []
    for term, holders in terms.items():
        if len(holders) != 1:
            continue
        (person,) = holders
        for m in regex.finditer(rf"(?<![\p{{L}}\-]){regex.escape(term)}(?![\p{{L}}\-])", text):
            out.append((m.start(), m.end(), person))
    return out


def quote_text(content: str) -> str:
    """The quote as annotated: all of it when short, else its first sentence (ANNOTATION.md); a
    first sentence of fewer than ``SHORT_SENTENCE_WORDS`` words is a lead-in, and the sentences
    after it are taken until they reach that length (``"Perlu evaluasi serius. Untuk yang sudah
    telanjur diterima, lakukan verifikasi ulang. ..."`` -> its first two sentences).

    The evidence span always covers the whole quotation.
    """
    if len(content.split()) < SHORT_QUOTE_WORDS:
        return content
    for m in SENTENCE_END.finditer(content):
        if len(content[:m.end()].split()) >= SHORT_SENTENCE_WORDS:
            return content[:m.end()]
    return content


def _title_holder(text: str, start: int, ctx: Context, roles) -> Optional[str]:
    """`ujar Bupati`, `kata Kasi Intel`: the person the article gave that title."""
    words = TITLE_WORDS.match(text, start, start + 40)
    if not words:
        return None
    said = words[1].strip().casefold()
    for role in roles():
        title = role.title.casefold()
        if title.startswith(said) or said.startswith(title):
            return role.person
    return None


def _attribution_after(text: str, q: _Quote, ctx: Context, referent, roles=lambda: []):
    """(speaker id, how) from the words after the quote: 'after', 'pronoun', or (None, None).
    ``referent()`` is whom a pronoun means here."""
    pats = _patterns()
    tail_start = q.close + 1
    m = pats["after"].match(text, tail_start, q.para[1])
    if m:
        if m["nya"] or m["pro"]:
            return referent(), "pronoun"
        ent = _speaker_after(text, m.end(), min(q.para[1], m.end() + WINDOW), ctx)
        if ent:
            return ent.id, "after"
        holder = _title_holder(text, m.end(), ctx, roles)
        return (holder, "after") if holder else (referent(), "pronoun")
    # `"...," Fajar menjelaskan.`
    for s, e, ent in ctx.mentions("PER"):
        if tail_start <= s <= tail_start + 3 and pats["verb_after_name"].match(text, e, q.para[1]):
            return ent.id, "after"
        if s > tail_start + 3:
            break
    return None, None


def _attribution_before(text: str, q: _Quote, ctx: Context, referent):
    """`Menurut Heni, "..."` / `Heni mengatakan, "..."`: (speaker id, how) or (None, None)."""
    pats = _patterns()
    before = text[q.para[0]:q.open]
    # the speech verb nearest the quotation first (`kata Budi. Andi menambahkan, "..."`), then the
    # earlier ones (`Cook menyampaikan ... dan menyatakan Apple akan "..."`)
    for m in reversed(list(pats["before"].finditer(before, overlapped=True))):
        if m["nya"]:
            return referent(), "pronoun"
        verb_at = q.para[0] + m.start()
        ent = _subject_before(text, verb_at, ctx) or ctx.entity_at(verb_at, q.open, "PER")
        if ent:
            return ent.id, "before"
        if pats["pronoun_subject"].search(before, 0, m.start()):  # `Ia menambahkan, "..."`
            return referent(), "pronoun"
    return None, None


def _subject_before(text: str, verb_at: int, ctx: Context):
    """The person who is the subject of the speech verb at ``verb_at``: the last one mentioned in
    its clause, at most ``SPEECH_REACH`` characters before it (`Budi Santoso mengatakan, "..."`)."""
    pats = _patterns()
    for s, e, ent in reversed(ctx.mentions("PER")):
        if e > verb_at:
            continue
        if verb_at - e > SPEECH_REACH or pats["clause_end"].search(text, e, verb_at):
            return None
        between = {w.casefold() for w in pats["word"].findall(text, e, verb_at)}
        # `Budi bertemu Andi di Jakarta dan mengatakan`: Andi is the object of another verb
        joined = not between.isdisjoint(load_folded("coordinators")) or not between.isdisjoint(load_derived("verbs"))
        return None if joined else ent
    return None


@dataclass
class QuoteFact(Plain):
    """Direct speech and the entity id of its speaker."""

    speaker: Optional[str] = described(f"Who said it: {REF}; null when unknown.")
    text: str = described("The quoted words without quotation marks; of a long quote, its first sentence.")
    evidence: Span = described("The whole quotation, quotation marks included.")
    type: Literal["quote"] = described("The fact type.", default="quote")


def extract(doc: Document, ctx: Context) -> list[QuoteFact]:
    """Every direct quote whose speaker is named in the article, split quotes joined."""
    text = doc.match_text
    quotes = find_quotes(text)

    def known_roles():
        return ctx.facts("role", role_facts.extract, doc)
    people = [(s, e, ent.id) for s, e, ent in ctx.mentions("PER")]
    with_titles: list = []  # people plus the title-only references, made when first needed

    def referent(q: _Quote) -> Optional[str]:
        """Whom `ujarnya` means at ``q``: a person introduced speaking since the last quote
        (`Sementara itu, Wakil Bupati M Ibnu Hajar menyampaikan ... ," ujarnya`), else the last
        speaker, else the last person (or title-only reference: `Mendikdasmen`) before it."""
        if last:
            since = found[-1][0].close + 1
            return _last_person(text, people, q.open, quotes, since=since, speaking=True) or last
        if not with_titles:
            with_titles.extend(sorted(people + title_references(text, known_roles())))
        return _last_person(text, with_titles, q.open, quotes)

    found: list[tuple[_Quote, str, str, int]] = []  # (last part, speaker, full content, start)
    last: Optional[str] = None
    for q in quotes:
        content = q.content(text)
        if len(content.split()) < MIN_WORDS or ctx.is_ignored(q.open, q.close + 1):
            continue
        speaker, how = _attribution_after(text, q, ctx, lambda: referent(q), known_roles)
        prev = found[-1] if found else None
        continues = how is None  # no attribution after it: maybe the rest of the last quote
        if how is None:
            speaker, how = _attribution_before(text, q, ctx, lambda: referent(q))
            continues = how is None or bool(prev) and speaker == prev[1]
        if prev and prev[0].para == q.para and q.open - prev[0].close <= SPLIT_GAP and continues:
            # the second half of `"...," ujar Heni. "..."`: same quote; with an attribution of its
            # own (`"...," kata Tri. "...," lanjut Tri.`, `Budi menambahkan, "..."`) a quote of its own
            sep = " " if prev[2].endswith((".", "!", "?")) else ", "
            found[-1] = (q, prev[1], prev[2] + sep + content, prev[3])
            continue
        if how is None and text[q.para[0]:q.open].strip() == "":
            speaker = last  # a paragraph that opens with a quotation continues the last speaker
        if speaker:
            found.append((q, speaker, content, q.open))
            last = speaker
    return [QuoteFact(speaker=speaker, text=quote_text(content), evidence=evidence(doc, start, q.close + 1))
            for q, speaker, content, start in found]


def _whole_quotation(quote: QuoteFact) -> bool:
    """The evidence covers the whole quotation, marks included."""
    quoted = quote.evidence.text
    return len(quoted) > 1 and quoted[0] in PAIRS and quoted[-1] in "\"”»"


SPEC = FactSpec(
    kind="quote", field="quotes", record=QuoteFact, extract=extract, needs=("role",),
    item=lambda fact, ref: {"speaker": ref(fact.get("speaker")), "text": fact.get("text") or ""},
    matches=lambda p, g: names_match(p["speaker"], g["speaker"]) and quote_overlap(p["text"], g["text"]) >= 0.6,
    corpus=Corpus(row=lambda q, name: [name(q.speaker), q.text], evidence=_whole_quotation),
    gold_entry=gold_keys("speaker", "text", names=("speaker",)),
)
