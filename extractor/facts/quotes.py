"""Direct speech in quotation marks, with the speaker resolved to an entity.

Attribution after the quote (``"...," ujar Heni``, ``kata Direktur Riset Ali Noer Zaman``,
``Fajar menjelaskan``), before it (``Menurut Heni, "..."``), or by pronoun/clitic (``ujarnya``,
``kata dia``: the last named speaker). A quote split by its attribution in one paragraph is one
quote; a paragraph that is only a quotation continues the last speaker. Quotes whose speaker is
never named are left out (ANNOTATION.md). Speech verbs: ``lang/id/speech_verbs.txt``.

>>> from extractor.facts.base import Context
>>> from extractor.nlp.doc import Document
>>> from extractor.schema import Entity, Span
>>> text = '"Kami sangat mengapresiasi dedikasi mereka," ujar Heni. "Ini penting sekali bagi kami."'
>>> heni = Entity("E1", "PER", "Heni", mentions=[Span(50, 54, "Heni")])
>>> [(q.speaker, q.text) for q in extract(Document(text), Context(entities=[heni]))]
[('E1', 'Kami sangat mengapresiasi dedikasi mereka, Ini penting sekali bagi kami.')]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from ..lang import alternation, load_list
from ..nlp.doc import Document
from ..schema import QuoteFact
from . import roles as role_facts
from .base import Context, evidence

TITLE_WORDS = regex.compile(r"\s*((?:\p{Lu}[\p{L}.\-]*\s?){1,3})")

SENTENCE_END = regex.compile(r"[.!?](?=\s+[\p{Lu}\d\"“])")

# opening mark -> the marks that close it; scraped text mixes straight and curly quotes
# (`"Fleksibilitas kerja ... dinamis,” ujar Nanik`)
PAIRS = {"“": ("”", '"'), '"': ('"', "”"), "«": ("»",)}
MIN_WORDS = 4  # shorter quoted text is a term or a title ("Sangat Sehat"), not speech
SPLIT_GAP = 80  # at most this many characters between the halves of one split quote (`," ujar Heni. "`)
WINDOW = 90  # how far after a speech verb the speaker's name may start
SHORT_QUOTE_WORDS = 25
SPEECH_REACH = 40  # characters between a person and a speech verb that make them the speaker


@lru_cache(maxsize=1)
def _patterns() -> dict:
    verbs = alternation(load_list("speech_verbs"))
    pronouns = alternation(load_list("pronouns"))
    return {
        "after": regex.compile(rf"[\s,.]*(?P<verb>{verbs})(?P<nya>nya)?\b(?P<pro>\s+(?:{pronouns})\b)?", regex.IGNORECASE),
        "verb_after_name": regex.compile(rf"\s+(?:{verbs})\b", regex.IGNORECASE),
        # a person near a speech verb: `Viktor mengatakan`, `..., kata Viktor`
        "speech_near": regex.compile(rf"(?:[^.\n]{{0,{SPEECH_REACH}}}?\b(?:{verbs})\b)|(?:\b(?:{verbs})(?:nya)?\b[^.\n]{{0,{SPEECH_REACH}}}$)",
                                     regex.IGNORECASE),
        "before": regex.compile(rf"\b(?P<verb>{verbs})(?P<nya>nya)?\b[^\n\"“”]{{0,{WINDOW}}}?[,:]?\s*$", regex.IGNORECASE),
    }


@dataclass
class _Quote:
    open: int
    close: int  # index of the closing mark
    para: tuple[int, int]

    def content(self, text: str) -> str:
        return text[self.open + 1:self.close].strip().rstrip(",").strip()


def find_quotes(text: str) -> list[_Quote]:
    """Quotation spans within paragraphs (a quote never crosses a line break)."""
    out, pos = [], 0
    for line in text.split("\n"):
        i, end = 0, len(line)
        while i < end:
            ch = line[i]
            if ch in PAIRS:
                found = [k for k in (line.find(c, i + 1) for c in PAIRS[ch]) if k >= 0]
                if not found:
                    break
                j = min(found)
                out.append(_Quote(pos + i, pos + j, (pos, pos + end)))
                i = j + 1
            else:
                i += 1
        pos += len(line) + 1
    return out


def _speaker_after(text: str, start: int, limit: int, ctx: Context):
    """The first person mentioned from ``start`` up to the end of the clause."""
    stop = regex.compile(r"[.?!](?=\s|$)|\n").search(text, start, limit)
    end = stop.start() if stop else limit
    return ctx.entity_at(start, end, "PER")


def _last_person(ctx: Context, before: int, quotes: list[_Quote] = (), text: str = "") -> Optional[str]:
    """Whom `ujarnya` means when no one has spoken yet: the last person before ``before``
    (outside quotations) who is the subject or object of a speech verb (`Viktor mengatakan`,
    `menurut Viktor`), else simply the last person mentioned."""
    speech = _patterns()["speech_near"]
    last_any = last_speech = None
    for s, e, ent in ctx.mentions("PER"):
        if s >= before:
            break
        if any(q.open < s < q.close for q in quotes):
            continue
        last_any = ent.id
        if text and (speech.match(text, e, min(len(text), e + SPEECH_REACH))
                     or speech.search(text[max(0, s - SPEECH_REACH):s])):
            last_speech = ent.id
    return last_speech or last_any


def quote_text(content: str) -> str:
    """The quote as annotated: all of it when short, else its first sentence (ANNOTATION.md).

    The evidence span always covers the whole quotation.
    """
    if len(content.split()) < SHORT_QUOTE_WORDS:
        return content
    m = SENTENCE_END.search(content)
    return content[:m.end()] if m else content


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


def _attribution_after(text: str, q: _Quote, ctx: Context, last: Optional[str], quotes=(), roles=lambda: []):
    """(speaker id, how) from the words after the quote: 'after', 'pronoun', or (None, None)."""
    pats = _patterns()
    last = last or _last_person(ctx, q.open, quotes, text)
    tail_start = q.close + 1
    m = pats["after"].match(text, tail_start, q.para[1])
    if m:
        if m["nya"] or m["pro"]:
            return last, "pronoun"
        ent = _speaker_after(text, m.end(), min(q.para[1], m.end() + WINDOW), ctx)
        if ent:
            return ent.id, "after"
        holder = _title_holder(text, m.end(), ctx, roles)
        return (holder, "after") if holder else (last, "pronoun")
    # `"...," Fajar menjelaskan.`
    for s, e, ent in ctx.mentions("PER"):
        if tail_start <= s <= tail_start + 3 and pats["verb_after_name"].match(text, e, q.para[1]):
            return ent.id, "after"
        if s > tail_start + 3:
            break
    return None, None


def _attribution_before(text: str, q: _Quote, ctx: Context, last: Optional[str], quotes=()):
    """`Menurut Heni, "..."` / `Heni mengatakan, "..."`: (speaker id, how) or (None, None)."""
    pats = _patterns()
    before = text[q.para[0]:q.open]
    m = pats["before"].search(before)
    if m:
        if m["nya"]:
            return last or _last_person(ctx, q.open, quotes, text), "pronoun"
        ent = ctx.entity_at(q.para[0] + m.start(), q.open, "PER")
        if ent:
            return ent.id, "before"
    return None, None


def extract(doc: Document, ctx: Context) -> list[QuoteFact]:
    """Every direct quote whose speaker is named in the article, split quotes joined."""
    text = doc.match_text
    quotes = find_quotes(text)

    def known_roles():
        return ctx.facts("role", role_facts.extract, doc)
    found: list[tuple[_Quote, str, str, int]] = []  # (last part, speaker, full content, start)
    last: Optional[str] = None
    for q in quotes:
        content = q.content(text)
        if len(content.split()) < MIN_WORDS or ctx.is_ignored(q.open, q.close + 1):
            continue
        speaker, how = _attribution_after(text, q, ctx, last, quotes, known_roles)
        prev = found[-1] if found else None
        if (prev and prev[0].para == q.para and q.open - prev[0].close <= SPLIT_GAP
                and (how is None or speaker == prev[1])):
            # the second half of `"...," ujar Heni. "..."`: same speaker, same quote
            sep = " " if prev[2].endswith((".", "!", "?")) else ", "
            found[-1] = (q, prev[1], prev[2] + sep + content, prev[3])
            continue
        if how is None:
            speaker, how = _attribution_before(text, q, ctx, last, quotes)
        if how is None and text[q.para[0]:q.open].strip() == "":
            speaker = last  # a paragraph that opens with a quotation continues the last speaker
        if speaker:
            found.append((q, speaker, content, q.open))
            last = speaker
    return [QuoteFact(speaker=speaker, text=quote_text(content), evidence=evidence(doc, start, q.close + 1))
            for q, speaker, content, start in found]
