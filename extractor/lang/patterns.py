"""Regex building blocks of Indonesian text used by more than one module, in one place: written
numbers, scale words, number words, derivational prefixes, speech verbs, sentence marks. Word
lists come from the data files of ``lang/id/``; each block is a pattern string (or a compiled
pattern) to put inside a larger one.

>>> import regex
>>> regex.fullmatch(NUMBER, "1.250.000,50") is not None, regex.fullmatch(NUMBER, "2.5") is not None
(True, False)
>>> regex.fullmatch(NUMBER_DOT_DECIMAL, "2.5") is not None
True
>>> scale_words()
('ribu', 'rb', 'juta', 'jt', 'miliar', 'milyar', 'triliun', 'trilyun')
>>> regex.fullmatch(rf"(?:{verb_prefix()})\\p{{Ll}}{{3,}}", "menjelaskan") is not None
True
"""
from __future__ import annotations

from functools import lru_cache

import regex

from . import alternation, load_list, load_table

# A written number, Indonesian marks: `.` groups thousands, `,` is the decimal mark
# (`1.250.000`, `76,81`, `2025`).
_GROUPED = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?"
NUMBER = _GROUPED + r"|\d+(?:,\d+)?"
# The same, and a `.` as decimal mark when it does not group thousands (`Rp 1.5 miliar`,
# `US$2.25`): amounts are often typed the English way. Only money and quantities read it so;
# for a metric, `2.5 persen` stays unread (the two differ on such text, so both are kept).
NUMBER_DOT_DECIMAL = _GROUPED + r"|\d+(?:[.,]\d+)?"

# A full stop, `!` or `?` before a space, a line break or the end: where a sentence or clause
# may end, abbreviations included (`Dr. `). Awards stop a clause there; ``Document.sentence_of``
# gives the sentences themselves (this mark is finer: it also ends a clause after `No. 5`).
SENTENCE_MARK = regex.compile(r"[.!?](?=[ \t\n]|$)")
# A sentence end inside a quotation: the mark before the capital, digit or quote that opens the
# next sentence (`... kami. Ini ...`), not before a lower-case word; for the first sentence of a
# long quote (``quotes.quote_text``).
SENTENCE_END = regex.compile(r"[.!?](?=\s+[\p{Lu}\d\"“])")


@lru_cache(maxsize=1)
def sign() -> str:
    """What makes the number right after it negative, as a group ``sign`` (read it with
    ``normalize.numbers.signed``): a word of ``negative_words.txt`` (`minus 1,2`) or a dash glued
    to the digits (`-1,2`, not the `-` of a range `2020 - 2025`).

    >>> regex.match(sign(), "minus 1,2")["sign"], regex.match(sign(), "-1,2")["sign"]
    ('minus', '-')
    """
    return rf"(?:(?P<sign>(?i:{alternation(load_list('negative_words'))}))[ \t]+|(?<![\d\p{{L}}])(?P<sign>[-−])(?=\d))"


@lru_cache(maxsize=1)
def rank() -> str:
    """A rank of ``ranks.txt`` (one or more words, any case), not the rank word that ends an
    office's name of ``rank_word_heads.txt`` (`Direktorat Jenderal Pajak`).

    >>> found = [regex.search(rf"(?<!\\w)(?:{rank()})(?!\\w)", t) for t in
    ...          ("Kapolri Jenderal Listyo", "Direktorat Jenderal Pajak", "Direktur Kombes Ade")]
    >>> [m[0] if m else None for m in found]
    ['Jenderal', None, 'Kombes']
    """
    blocked = []
    for office in load_list("rank_word_heads"):
        head, last = office.rsplit(" ", 1)
        blocked.append(rf"(?<=(?<![\p{{L}}\-])(?i:{regex.escape(head)})[ \t]+)(?i:{regex.escape(last)})(?![\p{{L}}\-])")
    return rf"(?!{'|'.join(blocked)})(?i:{alternation(load_list('ranks'))})"


@lru_cache(maxsize=None)
def title_joiners(*kinds: str) -> tuple[str, ...]:
    """The words of ``title_joiners.txt`` of the given kinds (all without any): `dan`, `&`,
    `serta` join two parts of a title, `of`, `for` an English name inside it.

    >>> title_joiners("and")
    ('dan', 'serta', '&')
    """
    return tuple(w for w, kind in load_table("title_joiners").items() if not kinds or kind in kinds)


@lru_cache(maxsize=1)
def range_joiner() -> str:
    """What joins the two ends of a range, from ``range_words.txt``: `-`, `–`, `hingga`, `s.d.`.

    >>> [bool(regex.fullmatch(range_joiner(), w)) for w in ("-", "hingga", "S.d.", "dan")]
    [True, True, True, False]
    """
    return f"(?i:{alternation(load_list('range_words'))})"


@lru_cache(maxsize=None)
def scale_words(letters: bool = False) -> tuple[str, ...]:
    """The scale words of 1,000 and more of ``scales.txt`` (`ribu`, `jt`, `miliar`), in file
    order; with ``letters`` also the one-letter ones (`M`, `T`: upper case only)."""
    return tuple(w for w, v in load_table("scales").items()
                 if not v.startswith("+") and float(v) >= 1000 and (letters or len(w) > 1))


@lru_cache(maxsize=None)
def small_numerals() -> tuple[str, ...]:
    """The number words that count one to eleven (`satu` .. `sebelas`) of ``number_words.txt``, in
    file order; twelve to nineteen are written `<x> belas`.

    >>> small_numerals()[:3], small_numerals()[-1]
    (('satu', 'dua', 'tiga'), 'sebelas')
    """
    return tuple(w for w, v in load_table("number_words").items() if float(v).is_integer() and 1 <= float(v) <= 11)


def _prefixes(*kinds: str) -> str:
    return "|".join(regex.escape(p) for p, kind in load_table("prefixes").items() if kind in kinds)


@lru_cache(maxsize=1)
def verb_prefixes() -> tuple[str, ...]:
    """The verb prefixes of ``prefixes.txt`` (`me`, `ber`, `ter`, `di`), for ``str.startswith``."""
    return tuple(p for p, kind in load_table("prefixes").items() if kind == "verb")


@lru_cache(maxsize=1)
def verb_prefix() -> str:
    """A regex alternation of the verb prefixes (`me|ber|ter|di`)."""
    return _prefixes("verb")


@lru_cache(maxsize=1)
def derived_prefix() -> str:
    """A regex alternation of the verb and noun prefixes (`me|ber|ter|di|pe|ke`): what opens a
    derived word (`bermusyawarah`, `pelaku`)."""
    return _prefixes("verb", "noun")


@lru_cache(maxsize=1)
def confixed_noun() -> regex.Pattern:
    """A capitalised noun made with a confix of ``confixes.txt`` (ke-...-an, pe(r)-...-an) round a
    root of three letters or more: the name of a field or portfolio, not of a person.

    >>> [bool(confixed_noun().fullmatch(w)) for w in ("Ketenagakerjaan", "Perdagangan", "Kenan", "Yassierli")]
    [True, True, False, False]
    """
    confixes = "|".join(rf"{regex.escape(p[0].upper())}{regex.escape(p[1:])}\p{{Ll}}{{3,}}{regex.escape(s)}"
                        for p, s in load_table("confixes").items())
    return regex.compile(rf"(?:{confixes})(?![\p{{L}}\d\-])")


@lru_cache(maxsize=1)
def speech_verbs() -> tuple[str, ...]:
    """Every speech verb of ``speech_verbs.txt`` (`kata`, `mengatakan`), in file order."""
    return tuple(load_table("speech_verbs"))


@lru_cache(maxsize=1)
def speaker_cues() -> tuple[str, ...]:
    """The speech verbs after which, following a quote or comma, a capitalised name is the speaker
    (`", ucap Dorma`): those of kind ``speaker`` of ``speech_verbs.txt``.

    >>> speaker_cues()[:3], "mengatakan" in speaker_cues()
    (('kata', 'ujar', 'ucap'), False)
    """
    return tuple(v for v, kind in load_table("speech_verbs").items() if kind == "speaker")


__all__ = ["NUMBER", "NUMBER_DOT_DECIMAL", "SENTENCE_END", "SENTENCE_MARK", "confixed_noun", "derived_prefix",
           "scale_words", "small_numerals", "speaker_cues", "speech_verbs", "verb_prefix", "verb_prefixes"]


@lru_cache(maxsize=1)
def abbreviation_forms() -> tuple[str, ...]:
    """Every period-final abbreviation, which stays one token and ends no sentence: ``Dr.``, ``H.``,
    ``S.H.``, ``Jl.`` (``abbreviations.txt``, ``honorifics.txt``, ``degrees.txt``), in four casings."""
    forms = set(load_list("abbreviations"))
    forms |= {h if h.endswith(".") else h + "." for h in load_list("honorifics")}
    forms |= {d for d in load_list("degrees") if d.endswith(".")}
    out = set()
    for f in forms:
        out |= {f, f.upper(), f[0].upper() + f[1:], f.lower()}
    return tuple(sorted(out))
