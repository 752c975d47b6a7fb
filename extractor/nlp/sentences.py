"""Rule-based sentence splitting over a backend's tokens.

A sentence ends after ``.``, ``!`` or ``?`` (plus any closing quotes or brackets that follow),
and at every line break. Abbreviations such as ``Dr.``, ``H.``, ``S.H.`` and ``Jl.`` are single
tokens (``lang/id/abbreviations.txt``), so they never end a sentence.

>>> from extractor.nlp.doc import Token
>>> text = "Dr. Heni hadir. Ia senang."
>>> toks = [Token(0, 3, "Dr."), Token(4, 8, "Heni"), Token(9, 14, "hadir"), Token(14, 15, "."),
...         Token(16, 18, "Ia"), Token(19, 25, "senang"), Token(25, 26, ".")]
>>> split_sentences(text, toks)
[(0, 15), (16, 26)]
"""
from __future__ import annotations

from .doc import Token

ENDERS = {".", "!", "?", "...", "…"}
CLOSERS = {'"', "”", "’", "'", ")", "]", "»"}


def split_sentences(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences, covering every non-space token."""
    spans: list[tuple[int, int]] = []
    start = None
    last_end = None
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if not tok.text.strip():  # whitespace token (spaCy keeps runs of newlines as tokens)
            if "\n" in tok.text and start is not None:
                spans.append((start, last_end))
                start = None
            i += 1
            continue
        if start is None:
            start = tok.start
        elif last_end is not None and "\n" in text[last_end:tok.start]:
            spans.append((start, last_end))
            start = tok.start
        last_end = tok.end
        if tok.text in ENDERS:
            # a closing quote or bracket glued to the end mark belongs to this sentence
            while i + 1 < n and tokens[i + 1].text in CLOSERS and tokens[i + 1].start == last_end:
                i += 1
                last_end = tokens[i].end
            spans.append((start, last_end))
            start = None
        i += 1
    if start is not None:
        spans.append((start, last_end))
    return spans
