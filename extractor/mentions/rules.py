"""The mention rules in the order they run, and ``apply_rules``, which runs them over a text."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import Iterable

from ..lang import WordIndex
from ..nlp.doc import Mention
from . import cues, known, splits, titles, units
from .base import Rule, RuleContext

# The rules in the order they run: first each mention on its own (split, cut, typed, dropped),
# then the article's mentions together (units, cued and titled names, known names).
RULES: tuple[Rule, ...] = (
    splits.split_at_line_breaks, splits.split_at_sentence_ends, splits.split_places_at_commas, splits.cut_addresses,
    splits.cut_events,
    splits.split_at_dashes, titles.split_agency_from_person, titles.split_titled_org_from_person,
    splits.split_bracketed, splits.strip_ranks, titles.strip_titles, titles.split_title_places,
    splits.split_at_ranks, units.join_at_dan, splits.type_by_words, splits.type_after_place_nouns,
    splits.cut_person_numbers, splits.cut_persons_at_lower_words, splits.drop_non_names,
    splits.drop_lone_common_words, splits.drop_things, splits.split_known_persons, splits.drop_common_noun_short_forms,
    units.government_units, units.place_units, titles.split_place_tails, titles.comma_names, cues.cued_names,
    cues.speakers,
    cues.cued_outlets, titles.drop_title_words, titles.names_after_titled_orgs, titles.names_after_titles,
    titles.given_names, titles.strip_portfolios,
    known.gazetteer_names, known.dbpedia_names, splits.drop_work_titles, splits.drop_event_names,
)

# Several rules look at every mention for each place they match: time quadratic in the
# length of the text. A text longer than this is corrected in blocks of at most this many
# characters, cut at line breaks (or spaces) outside mentions; the longest of the 8,094 raw_news
# articles has 38,570 characters, so articles are corrected whole.
RULE_BLOCK_CHARS = 50_000


def apply_rules(text: str, mentions: list[Mention], words: WordIndex | None = None,
                known_places: Iterable[str] = ()) -> list[Mention]:
    """The corrected mentions, sorted by start, with no overlaps introduced (``words``: the
    text's ``WordIndex`` when the caller has one; ``known_places``: places the article names that
    the model may have missed, such as the dateline city). Longer texts in blocks (``RULE_BLOCK_CHARS``)."""
    if len(text) <= RULE_BLOCK_CHARS:
        return _apply_rules(text, mentions, words, known_places)
    known_places = list(known_places)
    out: list[Mention] = []
    for start, end in _rule_blocks(text, mentions):
        inside = [replace(m, start=m.start - start, end=m.end - start) for m in mentions if start <= m.start < end]
        out += [replace(m, start=m.start + start, end=m.end + start)
                for m in _apply_rules(text[start:end], inside, None, known_places)]
    return out


def _apply_rules(text: str, mentions: list[Mention], words: WordIndex | None, known_places: Iterable[str]) -> list[Mention]:
    """``RULES`` in order over the mentions of one text (or block), sorted by position."""
    ctx = RuleContext.build(text, mentions, words, known_places)
    for rule in RULES:
        mentions = rule(text, mentions, ctx)
    return sorted(mentions, key=lambda m: (m.start, m.end))


def _rule_blocks(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """(start, end) blocks of at most about ``RULE_BLOCK_CHARS`` characters that no mention crosses."""
    from ..nlp.spacy_backend import segment_bounds

    bounds = segment_bounds(text, RULE_BLOCK_CHARS)
    cuts = [s for s, _ in bounds[1:]]
    crossed = {cuts[i] for m in mentions for i in range(bisect_right(cuts, m.start), bisect_left(cuts, m.end))}
    starts = [0] + [c for c in cuts if c not in crossed]
    return list(zip(starts, starts[1:] + [len(text)]))
