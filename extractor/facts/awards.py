"""Awards: who received what, from whom.

``X meraih/menerima/mendapatkan <award>`` (recipient before the verb), ``<award> diberikan
kepada X`` / ``diraih X`` (recipient after), the award opening with a word of
``lang/id/award_nouns.txt`` (``predikat``, ``penghargaan``, ``juara``, ``peringkat``, ``medali``,
``opini WTP``) and running to the end of its clause; the giver follows ``dari``/``oleh``.
A ranking with a superlative counts too: ``X menempatkan Y sebagai kementerian dengan kinerja
terbaik`` (recipient Y, giver X; ``lang/id/superlatives.txt``).

>>> from extractor.facts.base import Context
>>> from extractor.nlp.doc import Document
>>> from extractor.schema import Entity, Span
>>> text = "Kantor Imigrasi Ponorogo mendapatkan predikat pelayanan publik terbaik dari KemenPAN-RB."
>>> ents = [Entity("E1", "ORG", "Kantor Imigrasi Ponorogo", mentions=[Span(0, 24, "Kantor Imigrasi Ponorogo")]),
...         Entity("E2", "ORG", "KemenPAN-RB", mentions=[Span(76, 87, "KemenPAN-RB")])]
>>> [(a.recipient, a.award, a.giver) for a in extract(Document(text), Context(entities=ents))]
[('E1', 'predikat pelayanan publik terbaik', 'E2')]
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, Optional

import regex

from ..lang import AnchoredPattern, alternation, load_derived, load_folded, load_list, load_table
from ..lang.patterns import SENTENCE_MARK, small_numerals, verb_prefix
from ..matching import names_match, ranks, token_f1
from ..nlp.doc import Document
from ..schema import EVIDENCE, ISO_DATE, REF, Plain, Span, described
from . import dates, money
from .base import Context, evidence
from .metric_clauses import subject
from .spec import Corpus, FactSpec, gold_keys

WORD = regex.compile(r"\S+")

@lru_cache(maxsize=1)
def _award_end():
    """Where an award phrase ends: a clause break or a word that starts another part of the sentence
    (``lang/id/award_phrase_ends.txt``), or `dan` before a verb (`... 2013 | dan mencetak lima gol`)."""
    return regex.compile(rf"[,;:.!?\n]|\s(?:{alternation(load_list('award_phrase_ends'))})\s"
                         rf"|\sdan\s(?=(?:{verb_prefix()})\p{{Ll}}{{3,}})")


@lru_cache(maxsize=1)
def _patterns() -> dict:
    verbs = load_table("award_verbs")
    links = {role: alternation(w for w, r in load_table("award_holder_links").items() if r == role)
             for role in ("article", "relative", "partner", "pointer")}
    # `predikat`, `juara`, ...; `posisi` only with the place it names (`posisi kedua`, `posisi ke-3`)
    nouns = rf"{alternation(load_list('award_nouns'))}|posisi[ \t]+(?:{alternation(load_list('place_ordinals'))}|ke-?\d+)"
    before_award = [v for v, voice in verbs.items() if voice in ("active", "previous", "gives")]
    champions = [v for v, voice in verbs.items() if voice == "champion"]  # `menjuarai Liga Champions`
    after_award = [v for v, voice in verbs.items() if voice in ("given", "won")]
    joiners = alternation(load_list("coordinators"))
    numeral = rf"(?:\d+|{alternation(small_numerals())}|\p{{L}}+[ \t]+belas)"  # `dua`, `12`, `dua belas`
    return {
        # `Penghargaan Adipura diberikan oleh KLHK kepada Pemkab Jepara`, `gelar juara tetap berada di tangan Hayden`
        "passive": AnchoredPattern(regex.compile(
            rf"(?P<award>(?P<noun>(?i:{nouns}))(?![\p{{L}}\-])[^,.;:!?\n\"“”]{{0,100}}?)"
            rf"(?:[ \t]+(?i:{alternation(load_list('verb_adverbs'))}))*[ \t]+(?P<verb>(?i:{alternation(after_award)}))(?![\p{{L}}\-])"),
            load_list("award_nouns"), fold=True),
        "to": regex.compile(r"[ \t]+kepada[ \t]+"),
        "by": regex.compile(r"[ \t]+(?:(?:langsung|secara[ \t]+langsung)[ \t]+)?oleh[ \t]+"),
        "claim": regex.compile(
            rf"(?<![\p{{L}}\-])(?:(?P<verb>(?i:{alternation(before_award)}))[ \t]+(?:(?:kembali|lagi|sebuah|sebagai|di)[ \t]+)?"
            rf"(?P<award>(?:(?P<count>{numeral})[ \t]+)?(?P<noun>(?i:{nouns}))(?![\p{{L}}\-]))"
            rf"|(?P<award>(?P<noun>(?P<verb>(?i:{alternation(champions)}))))(?=[ \t]+\p{{Lu}}))"),
        "voice": {k.casefold(): v for k, v in verbs.items()},
        # `Kota Semarang kembali dinobatkan sebagai kota terbersih se-Jawa Tengah`
        "self_ranked": regex.compile(
            rf"(?<![\p{{L}}\-])(?P<verb>(?i:dinobatkan|terpilih|ditetapkan)[ \t]+(?:sebagai|menjadi))[ \t]+"
            rf"(?P<award>[^,.;\n]{{0,60}}?\b(?i:{alternation(load_list('superlatives'))})\b[^,.;\n]{{0,40}}?)(?=[,.;\n]|$|[ \t]+(?:dari|oleh|versi|pada|dalam)\b)"),
        # `IndoStrategi menempatkan Kemendikdasmen sebagai kementerian dengan kinerja terbaik`
        "ranked": regex.compile(
            rf"(?<![\p{{L}}\-])(?i:menempatkan|menobatkan)[ \t]+(?P<obj>[^,.;\n]{{2,80}}?)[ \t]+sebagai[ \t]+"
            rf"(?P<award>[^,.;\n]{{0,80}}?\b(?i:{alternation(load_list('superlatives'))})\b)"),
        "giver": regex.compile(r"\s(?:dari|oleh)\s"),
        "clause": regex.compile(r",[ \t]*(?:dan|serta|sedangkan|sementara|tetapi|namun)[ \t]|;"),
        # a subject that points back: `Tim ... itu`, `sekolah tersebut`, `Ia`, `Mereka`
        "pointing": regex.compile(r"(?i)\b(?:itu|tersebut|ini|ia|dia|mereka|beliau|keduanya)\b"),
        # `peringkat nasional atas tingkat kesehatan ... yaitu AAA`: the award is what follows
        "named_as": regex.compile(r"[ \t]+(?:yaitu|yakni)[ \t]+"),
        # `Sabar/Reza meraih`, `Fajar dan Rian meraih`: both receive it
        "coordinated": regex.compile(rf"[ \t]*(?:,[ \t]*)?(?P<joiner>(?i:{joiners}))[ \t]*|[ \t]*,[ \t]*"),
        "parts": _enumeration(),
        "noun_start": regex.compile(rf"(?i:{nouns})(?![\p{{L}}\-])"),
        "counted": regex.compile(rf"(?:\d[\d.]*|(?i:{numeral}))[ \t]+(?P<unit>\p{{Ll}}+)"),  # not `dua kali`
        "count_before": regex.compile(rf"(?<![\p{{L}}\d.,])(?:\d[\d.]*|(?i:{numeral}))[ \t]+$"),
        "non_count": load_folded("non_count_units"),
        # `peringkat bb+ dalam Stand Alone Rating dan peringkat BBB- dalam Final Rating`
        "and_award": regex.compile(
            rf"[^.;!?\n]*?(?P<joiner>[ \t](?i:{joiners}))[ \t]+(?P<noun>(?i:{nouns}))(?![\p{{L}}\-])"),
        # `sembilan gelar juara termasuk tujuh titel juara dunia`: a second award inside the first
        # `Roberto Baggio, peraih Ballon d'Or 1993`, `Persib Bandung yang baru juara Liga 1`: right after a mention
        "holder": regex.compile(
            rf"(?:[ \t]*,[ \t]*(?:(?i:{links['article']})[ \t]+)?|[ \t]+(?i:{links['relative']})[ \t]+"
            rf"(?:(?i:{alternation(load_list('verb_adverbs'))})[ \t]+)*)"
            rf"(?P<noun>(?i:{alternation(load_table('award_holders'))}))[ \t]+(?=\S)"),
        # `Juara Serie A itu dilaporkan ...`: a sentence that opens with the award, pointing back
        "holder_opening": regex.compile(
            rf"(?:^|(?<=[.!?][\"”']?[ \t\n]+))(?P<noun>(?i:{alternation(k for k, v in load_table('award_holders').items() if v == 'award')}))"
            rf"[ \t]+(?P<award>[^,.;:!?\n\"“”]{{2,60}}?)(?:[ \t]+(?i:{links['partner']})[ \t]+(?P<with>[^,.;:!?\n]{{2,40}}?))?"
            rf"[ \t]+(?i:{links['pointer']})(?![\p{{L}}\-])"),
        "adverbs_only": regex.compile(rf"(?:[ \t]+(?i:{alternation(load_list('verb_adverbs'))}))*[ \t]+"),
        "prev_word": regex.compile(r"(?:^|(?<=[\s(]))(?P<word>[\p{L}\-]+)[ \t]*$"),  # no word after a comma
        "affirming": regex.compile(rf"(?<![\p{{L}}\-])(?i:{alternation(load_list('affirming_negations'))})(?![\p{{L}}\-])"),
        # a capitalised name of one to four words right across a `/` from a person
        "partner_before": regex.compile(r"(?<![\p{L}\-'.])(?P<name>\p{Lu}[\p{L}'.\-]*(?:[ \t]+\p{Lu}[\p{L}'.\-]*){0,3})[ \t]*/[ \t]*$"),
        "partner_after": regex.compile(r"[ \t]*/[ \t]*(?P<name>\p{Lu}[\p{L}'.\-]*(?:[ \t]+\p{Lu}[\p{L}'.\-]*){0,3})(?![\p{L}\-'])"),
        "list_goes_on": regex.compile(rf"[ \t]*,[ \t]*(?i:{joiners})(?![\p{{L}}\-])"),
        "holder_voice": {k.casefold(): v for k, v in load_table("award_holders").items()},
        "named": regex.compile(r"(?<![\p{L}\d])[\p{Lu}\d]"),  # a name or a year in the award
        "verb_like": regex.compile(rf"(?<![\p{{L}}\-])(?:{verb_prefix()})\p{{Ll}}{{3,}}"),
        "lower_word": regex.compile(r"(?<![\p{L}\-])\p{Ll}+(?![\p{L}\-])"),
        "loc_head_before": regex.compile(rf"(?<![\p{{L}}\-])(?:{alternation(load_list('loc_heads'))})[ \t]+$"),
        "pointer_end": regex.compile(rf"[ \t]+(?i:{links['pointer']})$"),
        "including": regex.compile(
            rf"[ \t]+(?:termasuk|di[ \t]+antaranya)[ \t]+(?=(?:{numeral}[ \t]+)?(?i:{nouns})(?![\p{{L}}\-]))"),
    }


def _enumeration():
    """``Salah satunya adalah <A>, sementara yang lain diberikan untuk <B>.``: the parts of a
    counted award, named in the sentence after it (``lang/id/award_enumeration.txt``)."""
    roles: dict[str, list[str]] = {}
    for phrase, role in load_table("award_enumeration").items():
        roles.setdefault(role, []).append(phrase)
    first, other, link, join = (alternation(roles[r]) for r in ("first", "other", "link", "join"))
    return regex.compile(
        rf"[.!?][ \t\n]+(?i:{first})[ \t]+(?:(?i:{link})[ \t]+)?(?P<one>[^.;!?\n]+?),?[ \t]+"
        rf"(?:(?i:{join})[ \t]+)?(?i:{other})[ \t]+(?:(?i:{link})[ \t]+)?(?P<two>[^.;!?\n]+)")


MAX_WORDS = 14  # words after the award noun
IRREALIS_WORDS = {"near": 3, "far": 5}  # the words before an award verb looked at for a chance or a failure
# `PGN (...) sebagai Subholding Gas Pertamina kembali mempertahankan ...`: the subject is PGN
APPOSITION = regex.compile(r"\b(?:sebagai|yakni|yaitu|selaku)\b|^\s*\(")


def _award_text(text: str, start: int, limit: int) -> int:
    """End of the award phrase: the clause break, at most MAX_WORDS words on."""
    m = _award_end().search(text, start, limit)
    end = m.start() if m else limit
    words = list(WORD.finditer(text, start, end))
    return words[MAX_WORDS - 1].end() if len(words) > MAX_WORDS else end


def _sentence_end(text: str, start: int) -> int:
    """Offset of the first sentence-final mark at or after ``start`` (the text's end if none)."""
    m = SENTENCE_MARK.search(text, start)
    return m.start() if m else len(text)


def _is_money(doc: Document, ctx: Context, start: int, end: int) -> bool:
    """Whether an amount of money follows the award noun within two words (``sebesar Rp 50 juta``)."""
    return any(start <= f.evidence.start < end and len(doc.match_text[start:f.evidence.start].split()) <= 2
               for f in ctx.facts("money", money.extract, doc))


def _last_recipient(ctx: Context, found: list[AwardFact]) -> list:
    """The recipient of the award found last, for a sentence that points back to it."""
    return [e for e in ctx.entities if found and e.id == found[-1].recipient]


def _coordinated(text: str, before: list, joiner) -> list:
    """The recipients: the last entity before the verb and those joined to it by ``dan``, ``/``
    or a list comma, of the same type (``Sabar Karyaman Gutama/Moh Reza Pahlevi Isfahani``)."""
    if not before:
        return []
    chain, joined = [before[-1]], False
    for prev in reversed(before[:-1]):
        gap = joiner.fullmatch(text, prev[1], chain[-1][0])
        if not gap or prev[2].type != chain[-1][2].type or prev[2] in (e for _, _, e in chain):
            break
        joined = joined or bool(gap["joiner"])
        chain.append(prev)
    if not joined:  # `Menurut Budi, Ani meraih`: a comma alone does not join
        chain = chain[:1]
    return [e for _, _, e in reversed(chain)]


def _passive_awards(doc: Document, ctx: Context, mentions: list, claimed: list) -> list[AwardFact]:
    """``<award> diberikan (oleh G) kepada X`` and ``<award> diraih (oleh) X``; an award only
    pointed at (``Penghargaan itu diberikan kepada ...``) is left out, as is one inside a claim."""
    text, pats, out = doc.match_text, _patterns(), []
    voice, function = pats["voice"], load_folded("function_words")
    for m in pats["passive"].finditer(text, ctx.words(doc)):
        if ctx.is_ignored(m.start(), m.end()) or any(e.start <= m.start() < e.end for e in claimed):
            continue
        award = text[m.start("award"):_award_text(text, m.end("noun"), m.end("award"))].strip()
        if all(w.casefold() in function for w in award.split()[1:]):
            continue  # `Penghargaan itu`: which one is told elsewhere
        s_start, s_end = doc.sentence_of(m.start())
        after, giver = m.end("verb"), None
        by = pats["by"].match(text, after)
        if voice[" ".join(m["verb"].casefold().split())] == "given":
            to = pats["to"].search(text, after, s_end)
            if not to:
                continue  # `diserahkan oleh Menteri`: no recipient named
            if by:
                g = ctx.entity_at(by.end(), to.start())
                giver = g.id if g else None
            after = to.end()
        elif by:
            after = by.end()
        recipient = next((e for s, en, e in mentions if after <= s < after + 3 and en <= s_end), None)
        if recipient is None:
            continue
        out.append(AwardFact(recipient=recipient.id, award=award, giver=giver if giver != recipient.id else None,
                             date=None, evidence=evidence(doc, m.start(), m.end())))
    return out


@dataclass
class AwardFact(Plain):
    """``... meraih predikat WBK dari KemenPAN-RB``: recipient, award, giver, date."""

    recipient: str = described(f"Who received the award: {REF}.")
    award: str = described("The award as written (`predikat Wilayah Bebas dari Korupsi`, `juara I`).")
    giver: Optional[str] = described(f"Who conferred it: {REF}; null when not named.")
    date: Optional[str] = described(f"When it was conferred, {ISO_DATE}; null when not stated.")
    evidence: Span = described(EVIDENCE)
    type: Literal["award"] = described("The fact type.", default="award")


def extract(doc: Document, ctx: Context) -> list[AwardFact]:
    """Every award stated in the body whose recipient is a named entity, or a counted group given
    as its text (`40 unit kerja`)."""
    text, pats, out = doc.match_text, _patterns(), []
    # a place receives an award as a region (`Kabupaten Jepara`), not as a bare city name
    loc_heads = frozenset(load_list("loc_heads"))
    regions = {(s, e) for s, e, ent in ctx.mentions("LOC") if _region(text, s, ent, loc_heads, pats)}
    mentions = [(s, e, ent) for s, e, ent in ctx.mentions() if ent.type != "LOC" or (s, e) in regions]
    # ... but a country or city that is the verb's own subject receives (`Portugal meraih gelar`)
    bare = [(s, e, ent) for s, e, ent in ctx.mentions("LOC") if (s, e) not in regions]
    starts = [s for s, _, _ in mentions]
    irrealis = {w.casefold(): reach for w, reach in load_table("award_irrealis").items()}
    for m in pats["claim"].finditer(text):
        if ctx.is_ignored(m.start(), m.end()):
            continue
        s_start, s_end = doc.sentence_of(m.start())
        if _irrealis(text, max(s_start, m.start() - 60), m.start(), irrealis, pats):
            continue  # `kans Rossi untuk menjadi juara dunia`: a chance, not an award
        a_start = m.start("award")
        a_end = _award_text(text, m.end("award"), s_end)
        clause_end = min(s_end, _sentence_end(text, a_end))
        more = pats["and_award"].match(text, m.end("award"), clause_end)
        if more and more.start("noun") < a_end:  # `medali emas dan piala bergilir`: two awards
            a_end = more.start("joiner")
        named = pats["named_as"].search(text, m.end("award"), a_end)
        if named and not m["count"]:  # `peringkat nasional ... yaitu AAA` -> `peringkat AAA`
            a_end = _award_text(text, named.end(), s_end)
            award = f"{m['noun']} {text[named.end():a_end].strip()}"
        else:
            award = text[a_start:a_end].strip()
        if _is_money(doc, ctx, m.end("award"), a_end):
            continue  # `apresiasi sebesar Rp 50 juta`: a cash prize is money, not an award
        voice = pats["voice"][" ".join(m["verb"].casefold().split())]
        if voice == "gives":  # `Pefindo memberikan peringkat idAA+ kepada PT Bank Jatim`
            recipients, giver_before = _given_to(text, m, a_end, s_start, s_end, mentions, starts, pats)
        elif voice in ("active", "champion"):  # the last entity before the verb in the sentence, appositions skipped
            places = () if m["noun"].split()[0].casefold() in load_folded("place_nouns") else bare
            recipients = _subject(text, m, s_start, mentions, starts, pats, places) or (
                # `Tim beranggotakan empat siswa itu juga membawa pulang dua medali emas`: the last recipient
                _last_recipient(ctx, out) if pats["pointing"].search(text, _clause_start(text, m, s_start, pats),
                                                                    m.start()) else [])
        else:  # `Penilaian ... dengan hasil peringkat A`: the last recipient's
            recipients = _last_recipient(ctx, out)
        if not recipients and voice == "active":
            recipients = _counted_subject(text, m, s_start, pats)
        if not recipients or not award:
            continue
        giver = giver_before if voice == "gives" else _giver(text, ctx, a_end, s_end, recipients, pats)
        date = next((f.value for f in ctx.facts("date", dates.extract, doc)
                     if s_start <= f.evidence.start < s_end and len(f.value) == 10), None)
        inner = pats["including"].search(award)
        parts = [award[:inner.start()], award[inner.end():]] if inner else [award]
        while more := pats["and_award"].match(text, a_end, clause_end):
            a_end = _award_text(text, more.end("noun"), clause_end)
            parts.append(text[more.start("noun"):a_end].strip())
        if m["count"]:  # `dua penghargaan ... Salah satunya adalah <A>, ... yang lain <B>`
            listed = pats["parts"].match(text, _sentence_end(text, a_end))
            if listed:
                parts = [p if pats["noun_start"].match(p) else f"{m['noun']} {p}"
                         for p in (listed["one"].strip(), listed["two"].strip())]
        for recipient in recipients:
            for part in parts:
                out.append(AwardFact(recipient=recipient.id, award=part, giver=giver, date=date,
                                     evidence=evidence(doc, m.start(), a_end)))
    out += _passive_awards(doc, ctx, mentions, [a.evidence for a in out])
    out += _ranked_awards(doc, ctx, mentions, out)
    out += _holder_awards(doc, ctx, mentions, out)
    return sorted(out, key=lambda a: a.evidence.start)


def _region(text: str, start: int, ent, loc_heads: frozenset, pats) -> bool:
    """Whether a place mention names a region rather than a bare country or city: its entity's
    name opens with a place head of ``loc_heads.txt`` (`Kabupaten Jepara`), or the head is written
    right before the mention (`Kota | Surabaya`)."""
    return ent.name.split()[0] in loc_heads or bool(pats["loc_head_before"].search(text, max(0, start - 20), start))


def _holds_verb(award: str, pats) -> bool:
    """Whether a word of the award is a verb of the UD lexicon: a clause, not an award's name
    (`juara Liga 1 dilaporkan`; `medali emas SEA Games`, `pemain terbaik` are names)."""
    verbs, function_words = load_derived("verbs"), load_folded("function_words")  # `musim lalu` holds no verb
    return any(w in verbs and w not in function_words for w in pats["lower_word"].findall(award))


def _irrealis(text: str, start: int, end: int, irrealis: dict, pats) -> bool:
    """Whether the last words of its clause before an award verb make the award a chance, a wish
    or a failure (``lang/id/award_irrealis.txt``), not counting a negation that affirms
    (``tak hanya menjadi juara``, ``lang/id/affirming_negations.txt``)."""
    before = pats["affirming"].sub(" ", text[start:end])
    before = before[before.rfind(",") + 1:]  # its own clause: not `Meski tidak diunggulkan, Budi meraih`
    words = [w.casefold().strip(".") for w in before.split()][-IRREALIS_WORDS["far"]:]
    for back, word in enumerate(reversed(words)):
        reach = irrealis.get(word)
        if reach and back < IRREALIS_WORDS[reach]:
            return True
    return False


def _clause_start(text: str, m, s_start: int, pats) -> int:
    """Where the verb's own clause opens (`64 unit kerja di Kemenkumham Jatim ..., dan 40 unit kerja
    berhasil mendapatkan`: after `dan`)."""
    return max((c.end() for c in pats["clause"].finditer(text, s_start, m.start())), default=s_start)


def _subject(text: str, m, s_start: int, mentions: list, starts: list[int], pats, bare: tuple = ()) -> list:
    """The recipients before an active award verb: the last entities of its clause (coordinated),
    appositions skipped (`PGN (...) sebagai Subholding Gas Pertamina kembali mempertahankan`); a
    bare place name of ``bare`` only right before the verb, adverbs between (`Portugal berhasil
    meraih`)."""
    clause = _clause_start(text, m, s_start, pats)
    before = [(s, en, e) for s, en, e in mentions[bisect_left(starts, clause):bisect_left(starts, m.start())]
              if en <= m.start()]
    place = next((en for s, en, e in bare if clause <= s and en <= m.start()
                  and pats["adverbs_only"].fullmatch(text, en, m.start()) and _opens_clause(text, clause, s, pats)), None)
    if place is not None and not (before and before[-1][1] >= place):  # `Timnas Indonesia meraih`: the team
        return [next(e for s, en, e in bare if en == place)]
    while (len(before) > 1 and APPOSITION.search(text, before[-2][1], before[-1][0])
           and not SENTENCE_MARK.search(text, before[-2][1], before[-1][0])):
        before.pop()
    return _paired(text, _coordinated(text, before, pats["coordinated"]), before, pats)


def _paired(text: str, recipients: list, before: list, pats) -> list:
    """A doubles pair of which NER found one name: its partner across the ``/``, as text
    (``Sabar Karyaman Gutama/Moh Reza Pahlevi Isfahani`` with only the second an entity: both)."""
    if len(recipients) != 1 or recipients[0].type != "PER":
        return recipients
    start, end = before[-1][0], before[-1][1]
    left = pats["partner_before"].search(text, max(0, start - 60), start)
    right = pats["partner_after"].match(text, end)
    partner = left or right
    if partner is None or any(s < partner.end("name") and partner.start("name") < en for s, en, _ in before):
        return recipients
    pair = [_Counted(partner["name"]), recipients[0]]
    return pair if left else pair[::-1]


def _opens_clause(text: str, clause: int, start: int, pats) -> bool:
    """Whether a name at ``start`` can be its clause's subject: nothing before it in the clause but
    a break, or after a verb, a capitalised word or a word of ``lang/id/subject_openers.txt``
    (`saat Indonesia`, `membawa Portugal`), not after a noun or preposition (`artis Indonesia`)."""
    prev = pats["prev_word"].search(text, clause, start)
    if prev is None:
        return True
    word = prev["word"]
    return (word[0].isupper() or bool(pats["verb_like"].fullmatch(word))
            or word.casefold() in load_folded("subject_openers"))


def _given_to(text: str, m, a_end: int, s_start: int, s_end: int, mentions: list, starts: list[int], pats):
    """(recipients, giver) of ``G memberikan <award> kepada X``: X right after `kepada`, G the
    subject before the verb; no recipient when the award goes to no one named."""
    to = pats["to"].search(text, a_end - 1, s_end)
    recipient = next((e for s, en, e in mentions if to and to.end() <= s < to.end() + 3 and en <= s_end), None)
    if recipient is None:
        return [], None
    givers = _subject(text, m, s_start, mentions, starts, pats)
    giver = givers[-1].id if givers and givers[-1] is not recipient and givers[-1].type == "ORG" else None
    return [recipient], giver


@dataclass(frozen=True)
class _Counted:
    """A recipient that is no entity, given as its text: ``40 unit kerja``."""

    id: str


def _counted_subject(text: str, m, s_start: int, pats) -> list:
    """A counted group right before the verb, as text: ``Sebanyak 40 unit kerja meraih predikat
    WBK`` -> ``40 unit kerja`` (ANNOTATION.md: the recipient as text when it is no entity)."""
    clause = _clause_start(text, m, s_start, pats)
    subj = subject(text, clause, m.start())
    if subj is None:
        return []
    count = pats["count_before"].search(text, max(clause, subj[0] - 20), subj[0])
    # `sebanyak 40 unit kerja`: after a lower-case word the count is left out of the noun phrase
    phrase = text[count.start():subj[0]] + subj[1] if count and not pats["counted"].match(subj[1]) else subj[1]
    counted = pats["counted"].match(phrase)
    return [_Counted(phrase)] if counted and counted["unit"].casefold() not in pats["non_count"] else []


def _giver(text: str, ctx: Context, a_end: int, s_end: int, recipients: list, pats) -> Optional[str]:
    """The organisation that gave the award, named right after it (`... dari Kementerian PANRB`)."""
    g = pats["giver"].search(text, a_end - 1, s_end)
    if not g or g.start() - a_end >= 5:
        return None
    giver = ctx.entity_at(g.end(), min(s_end, g.end() + 80), "ORG")
    return giver.id if giver and giver not in recipients else None


def _ranked_awards(doc: Document, ctx: Context, mentions: list, found: list[AwardFact]) -> list[AwardFact]:
    """Rankings: a subject ranked in its own sentence (`... meraih peringkat pertama`) and a ranked
    object (`menempatkan Kabupaten Jepara di peringkat ketiga`)."""
    text, pats, out = doc.match_text, _patterns(), []
    for m in pats["self_ranked"].finditer(text):
        if ctx.is_ignored(m.start(), m.end()) or any(a.evidence.start <= m.start() < a.evidence.end
                                                     for a in (*found, *out)):
            continue
        s_start, _ = doc.sentence_of(m.start())
        before = [e for s, en, e in mentions if s_start <= s and en <= m.start()]
        if before:
            out.append(AwardFact(recipient=before[-1].id, award=m["award"].strip(), giver=None, date=None,
                                 evidence=evidence(doc, m.start(), m.end())))
    for m in pats["ranked"].finditer(text):
        recipient = ctx.entity_at(m.start("obj"), m.end("obj"))
        if recipient and not ctx.is_ignored(m.start(), m.end()):
            s_start, _ = doc.sentence_of(m.start())
            giver = [e for s, en, e in mentions if s_start <= s and en <= m.start() and e.type == "ORG"]
            out.append(AwardFact(recipient=recipient.id, award=m["award"], giver=giver[-1].id if giver else None,
                                 date=None, evidence=evidence(doc, m.start(), m.end())))
    return out


def _holder_awards(doc: Document, ctx: Context, mentions: list, found: list[AwardFact]) -> list[AwardFact]:
    """Awards named by a holder noun (``lang/id/award_holders.txt``) next to the recipient, with no
    verb: apposition (``Roberto Baggio, peraih Ballon d'Or 1993``), relative clause (``Persib
    Bandung yang baru juara Liga 1``), and a sentence opening with the award that points back to
    the last person or organisation of the sentence before (``Juara Serie A itu ...``). The award
    must name something (a capital or a digit: ``juara Liga 1``, not ``juara grup``)."""
    text, pats, out = doc.match_text, _patterns(), []
    taken = [a.evidence for a in found]

    def award_of(m, start: int, s_end: int) -> Optional[tuple[int, str]]:
        a_end = _award_text(text, start, s_end)
        named = text[start:a_end]
        named = named[:pe.start()] if (pe := pats["pointer_end"].search(named)) else named
        if not pats["named"].search(named) or _holds_verb(named, pats):
            return None
        award = named.strip() if pats["holder_voice"][m["noun"].casefold()] == "holder" else (
            f"{m['noun']} {named.strip()}")
        return start + len(named.rstrip()), award

    def add(recipients: list, award: str, start: int, end: int) -> None:
        if ctx.is_ignored(start, end) or any(e.start < end and start < e.end for e in taken):
            return
        for r in recipients:
            if any(a.recipient == r.id and a.award == award for a in out):
                continue  # one entity named twice at one place
            out.append(AwardFact(recipient=r.id, award=award, giver=None, date=None, evidence=evidence(doc, start, end)))

    for s, en, ent in mentions:
        m = pats["holder"].match(text, en)
        if not m or ent.type not in ("PER", "ORG"):
            continue
        _, s_end = doc.sentence_of(m.start())
        got = award_of(m, m.end(), s_end)
        inner = ctx.entity_at(m.end(), got[0]) if got else None
        if inner and inner.type == ent.type:  # `Boca Juniors, juara Bundesliga Bayern Munchen`: Bayern's
            start = next(ms for ms, _, e in mentions if e is inner and ms >= m.end())
            got = award_of(m, m.end(), start) if start > m.end() else None
            ent = inner
        if got and not pats["list_goes_on"].match(text, got[0]):  # `A, juara Bundesliga B, serta C`: B's, not A's
            add([ent], got[1], s, got[0])
    for m in pats["holder_opening"].finditer(text):
        if _holds_verb(m["award"], pats) or not pats["named"].search(m["award"]):
            continue
        prev_start, _ = doc.sentence_of(max(0, m.start() - 2))
        before = [e for s, en, e in mentions if prev_start <= s and en <= m.start() and e.type in ("PER", "ORG")]
        partner = ctx.entity_at(m.start("with"), m.end("with"), before[-1].type) if before and m["with"] else None
        if before and partner is not before[-1]:
            add([before[-1]] + ([partner] if partner else []), f"{m['noun']} {m['award']}", m.start(), m.end("award"))
    return out


def _matches(p: dict, g: dict) -> bool:
    """The recipients' names match, the awards have token F1 >= 0.5 and the same rank tokens."""
    return (names_match(p["recipient"], g["recipient"]) and token_f1(p["award"], g["award"]) >= 0.5
            and ranks(p["award"]) == ranks(g["award"]))


SPEC = FactSpec(
    kind="award", field="awards", record=AwardFact, extract=extract, needs=("money", "date"),
    item=lambda fact, ref: {"recipient": ref(fact.get("recipient")), "award": fact.get("award") or ""},
    matches=_matches,
    corpus=Corpus(row=lambda award, name: [name(award.recipient), award.award, name(award.giver)]),
    gold_entry=gold_keys("recipient", "award", "giver", names=("recipient", "giver")),
)
