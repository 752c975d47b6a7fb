"""Known names where NER missed them: places, agencies and outlets of ``lang/id/`` and DBpedia
names (``models/id_gazetteer``)."""
from __future__ import annotations

import regex

from ..lang import WordIndex, load_gazetteer, name_hash
from ..nlp.doc import Mention
from .base import PREV_WORD, RuleContext

# a run of capitalised words joined by single spaces: where a known name can be
NAME_RUN = regex.compile(r"(?<![\w\-])\p{Lu}[\p{L}\p{N}'’\-]*(?: \p{Lu}[\p{L}\p{N}'’\-]*)*")


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
    """DBpedia names where no mention is (``known_names``): ``Susilo Bambang Yudhoyono`` -> PER,
    ``Kalimantan Utara`` -> LOC."""
    return mentions + known_names(text, mentions, ctx.words)
