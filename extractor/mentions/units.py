"""Government units and places built as head + name (``Pemkab Bogor``, ``Kampung Naringgul``),
and organisation names cut at ``dan``."""
from __future__ import annotations

from ..nlp.doc import Mention
from .base import PREV_WORD, WORD, RuleContext, clear, first_word
from .resources import MentionResources
from .splits import cut_address


def _join_and(text: str, m: Mention, r: MentionResources) -> Mention:
    """``Kementerian Pendidikan Dasar`` + `` dan Menengah`` -> one ORG (not ``... dan Kemenag``)."""
    if m.label != "ORG" or first_word(m.text) not in r.org_heads:
        return m
    tail = r.and_tail.match(text, m.end)
    if not tail or first_word(tail[1]) in r.org_heads or tail[1] in r.agencies or tail[1] in r.places:
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
    known_until = 0
    for i, w in enumerate(words):
        s, e = u.start() + w.start(), u.start() + w.end()
        if i > 0 and r.rank_run.match(u[0], w.start()):
            break
        # a person after the name's first word ends the unit; one that starts the name is what the
        # place or office is named after (`Bandara Internasional Husein Sastranegara`), and one that
        # began inside the head is a misreading (`Karang Taruna Tebing Tinggi` read as `Taruna Tebing Tinggi`)
        if i > head_words and any(p.start <= s < p.end and p.start > name_start for p in persons):
            break
        if i == head_words and u["head"] in r.agencies and any(p.text.split()[0] == w[0] for p in persons):
            break  # a head that is a whole agency, then a person the article names: `Bawaslu` | `Abhan`
        if agency_seen and not place_head_seen and s >= known_until:
            known = r.known_name.match(u[0], w.start())  # a place or agency, maybe of several words
            if known:
                known_until = u.start() + known.end()
            elif (w[0] not in r.places and w[0] not in r.place_aliases and w[0] not in r.agencies
                  and w[0] not in r.loc_heads):
                break
        place_head_seen = place_head_seen or (agency_seen and w[0] in r.loc_heads)
        agency_seen = agency_seen or (i > 0 and w[0] in r.agencies)
        end = e
        if _without_full_stop(text, s, e) < e:
            break  # `Pemkab Jepara. Gelar juara ...`: the sentence ended
    if end is None or end == u.start() + words[head_words - 1].end():
        return None  # a head alone is not a name
    return _without_full_stop(text, u.start(), end)


def join_at_dan(text: str, mentions: list[Mention], ctx: RuleContext) -> list[Mention]:
    """An organisation cut at ``dan`` is joined: ``Kementerian Pendidikan Dasar`` + ``dan
    Menengah`` -> ``Kementerian Pendidikan Dasar dan Menengah``."""
    return [_join_and(text, m, ctx.res) for m in mentions]


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
        if not clear(outside, start, end):
            continue
        unit = _join_and(text, Mention(start, end, "ORG", text[start:end], "rule"), r)
        if unit.end != end and not clear(outside, unit.start, unit.end):
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
            fixed.append(cut_address(Mention(u.start(), end, "LOC", text[u.start():end], "rule"), r))
    return fixed
