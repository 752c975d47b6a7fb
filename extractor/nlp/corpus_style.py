"""Annotation style as an NER input feature: which corpus's guideline the model should follow.

The training corpora disagree on habits the guideline leaves open (NER-UI writes ``Kota``
outside a place 26 times of 33, NERGRIT inside it 31 of 36; NERGRIT labels schools LOC). With
``training/train_ner.py --corpus-style``, every training word carries its corpus as a
morphological feature (``Style=nerui``, ``Style=nergrit``; on a seeded share of the sentences
the neutral ``Style=any``), and the tok2vec embeds ``MORPH`` beside the word's form, so the
model learns each corpus's habits apart instead of averaging them.

At run time the ``corpus_style`` component gives every word one fixed style (the model's
config: ``[components.corpus_style] style = "nerui"``), so the model writes its spans the way
that corpus does. The NER pipeline has no morphologizer, so the feature is free.
"""
from __future__ import annotations

import random
from typing import Callable, Iterator

from spacy.language import Language
from spacy.tokens import Doc, MorphAnalysis
from spacy.util import registry

FACTORY = "corpus_style"
AUGMENTER = "corpus_style_words.v1"
FEATURE = "Style"
NEUTRAL = "any"


def style_morph(style: str) -> str:
    """The morphological feature string of a style.

    >>> style_morph("nerui")
    'Style=nerui'
    """
    return f"{FEATURE}={style}"


class CorpusStyle:
    """Sets every word's morph to one style (see module doc): ``presiden Joko Widodo`` ->
    ``Style=nerui`` on each of the three words."""

    def __init__(self, nlp: Language, name: str = FACTORY, style: str = NEUTRAL):
        self.name = name
        self.style = style
        self.morph = MorphAnalysis(nlp.vocab, style_morph(style))

    def __call__(self, doc: Doc) -> Doc:
        morph = self.morph
        for token in doc:
            token.morph = morph
        return doc


@Language.factory(FACTORY, default_config={"style": NEUTRAL})
def make_corpus_style(nlp: Language, name: str, style: str) -> CorpusStyle:
    return CorpusStyle(nlp, name, style)


def copy_style(predicted: Doc, reference: Doc, style: str | None = None) -> None:
    """Give the words of ``predicted`` the style of ``reference`` (its first word's morph), or
    ``style`` when given; the training docs carry their corpus in every word's morph."""
    if not style and not len(reference):
        return
    morph = MorphAnalysis(predicted.vocab, style_morph(style)) if style else reference[0].morph
    for token in predicted:
        token.morph = morph


@registry.augmenters(AUGMENTER)
def create_style_copier(neutral_share: float = 0.2, seed: int = 0) -> Callable:
    """The training reader's augmenter: the words the model sees take their corpus's style from
    the gold doc, and on ``neutral_share`` of the examples (seeded) the neutral style, so that a
    model trained this way also runs without a corpus to imitate."""
    rng = random.Random(seed)

    def copy_styles(nlp: Language, example) -> Iterator:
        copy_style(example.predicted, example.reference, NEUTRAL if rng.random() < neutral_share else None)
        yield example

    return copy_styles
