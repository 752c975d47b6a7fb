"""Names after cue words: a person after a name cue, rank or lower-case title (``bernama Liza``)
or a speech verb (``", ucap Dorma``), the outlet after ``dilansir`` (``dilansir Reuters``)."""
from __future__ import annotations

from ..nlp.doc import Mention
from .base import WORD, RuleContext, clear, first_word, not_a_person
from .resources import MentionResources


def _outlet_end(t, r: MentionResources) -> int:
    """End of the outlet name after an outlet cue, before a day or month (``dilansir Reuters Senin``)."""
    end = t.start("name")
    for word in WORD.finditer(t.string, t.start("name"), t.end("name")):
        if word[0] in r.calendar:
            break
        end = word.end()
    return end


def cued_names(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """The name after a lower-case title, a rank or a name cue is a person's: ``juru bicara
    Carwan``, ``bernama Liza``; after a rank or a person cue even where the model typed it
    otherwise (``Pelaku Jepri`` as LOC -> PER ``Jepri``); not after the rank word of an office
    (``Direktur Jenderal Pajak``: ``lang.patterns.rank``)."""
    r, fixed = ctx.res, mentions
    cued = [(t, " ".join(t["cue"].casefold().split()) in r.person_cues) for t in r.cued_name.finditer(text, ctx.words)]
    for t, certain in (*((t, False) for t in r.lower_title_name.finditer(text, ctx.words)),
                       *((t, True) for t in r.rank_name.finditer(text, ctx.words)), *cued):
        s, e = t.start("name"), t.end("name")
        if not_a_person(t["name"], r):
            continue
        overlapping = [m for m in fixed if m.start < e and s < m.end]
        # the model's part of the name (`Wisnu Sudibyo` in `AKBP Andin Wisnu Sudibyo`) gives way, and
        # after a rank or person cue its place after the name's first word (`AKBP I Dewa Gede Bawa`,
        # LOC `Dewa Gede Bawa`; an organisation stays: `Jenderal Aplikasi Informatika Kementerian Kominfo`)
        if all(s <= m.start and m.end <= e and (m.label == "PER" or certain and (
                (m.start, m.end) == (s, e) or m.start > s and m.label == "LOC")) for m in overlapping):
            fixed = [m for m in fixed if m not in overlapping] + [Mention(s, e, "PER", t["name"], "rule")]
    return fixed


def speakers(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """The speaker after a speech verb after a quote or comma is a person where the model found
    nothing, or typed a name of no common word ORG or LOC: ``" Jangan bertumpuk , " ucap Dorma`` ->
    PER ``Dorma``, ``kata Newsom`` ORG -> PER, but not ``kata Pasukan Pertahanan Israel``. Its mention,
    of source ``speaker`` (also where the model said PER), decides the type of the name's other
    mentions (``Sambari mengatakan`` LOC, ``," ujar Sambari`` PER)."""
    r, fixed = ctx.res, list(mentions)
    for t in r.speaker.finditer(text, ctx.words):
        s, e = t.start("name"), t.end("name")
        first = first_word(t["name"])
        folded = first.casefold()
        if (not_a_person(t["name"], r) or first in r.calendar or t["name"] in r.place_aliases
                or folded in r.title_words or folded in r.honorifics or folded in r.ranks or folded in r.function_words):
            continue
        same = [m for m in fixed if (m.start, m.end) == (s, e)]
        if same and same[0].label != "PER" and any(w.casefold() in r.lower_words for w in same[0].text.split()):
            continue  # `kata Pasukan Pertahanan Israel`: an organisation speaks
        if same or clear(fixed, s, e):
            fixed = [m for m in fixed if m not in same] + [Mention(s, e, "PER", t["name"], "speaker")]
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
        elif clear(fixed, s, e):
            fixed.append(Mention(s, e, "ORG", text[s:e], "rule"))
    return fixed
