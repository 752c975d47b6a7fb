"""Structured, verifiable facts from Indonesian news text.

>>> import extractor                                   # doctest: +SKIP
>>> ex = extractor.load()                              # doctest: +SKIP
>>> rec = ex.extract("JAKARTA, KOMPAS.com - ...", published="2024-10-10")   # doctest: +SKIP
>>> rec.to_dict()["entities"]                          # doctest: +SKIP
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Optional, Union

from .article import Article
from .models import require_models
from .limits import MAX_ARTICLE_CHARS
from .pipeline import Extractor
from .schema import ErrorRecord, Record, json_schema

DISTRIBUTION = "indonesian-news-extractor"  # the name pip knows; its version is set in pyproject.toml only
BACKENDS = ("spacy", "stanza")
__all__ = ["load", "LoadOptions", "Extractor", "Article", "Record", "ErrorRecord", "json_schema", "__version__"]


def load(backend: str = "spacy", model_dir: Optional[Union[str, Path]] = None, batch_size: int = 32,
         stanza_dir: Optional[Union[str, Path]] = None, analysis: bool = False,
         include_text: bool = False, max_chars: Optional[int] = MAX_ARTICLE_CHARS,
         article_seconds: Optional[float] = None) -> Extractor:
    """Load the pipeline once; reuse the returned ``Extractor`` for every article.

    ``backend``: ``"spacy"`` (default: the project's spaCy tokenizer and NER) or ``"stanza"``
    (stanza's tokens, sentences, POS and lemmas, and the project's NER on stanza's tokens; needs
    the ``stanza`` extra). ``model_dir``: the spaCy NER pipeline (default ``id_news_ner`` of the
    shipped models, or of the folder set ``$EXTRACTOR_MODELS`` names: ``extractor.models``).
    ``stanza_dir``: a stanza resources directory with the official Indonesian models (default:
    the embedded ``id_stanza``). ``analysis``: add each record's tokens, sentences, POS,
    lemmas and dependencies (``Record.analysis``). ``include_text``: put the article text, which the
    offsets index, in each record (``Record.text``). ``max_chars``: longer texts are cut there,
    with a warning (None: never). ``article_seconds``: an article whose rules and facts take
    longer gets an error record of type ``timeout`` from ``extract_many`` (main thread only;
    None: no limit).
    """
    require_models()  # a missing lexicon or gazetteer is named now, not at the first article
    if backend == "spacy":
        if stanza_dir is not None:
            raise ValueError("stanza_dir is an option of the stanza backend: load(backend='stanza', stanza_dir=...)")
        from .nlp.spacy_backend import SpacyBackend
        nlp = SpacyBackend(model_dir, batch_size=batch_size)
    elif backend == "stanza":
        from .nlp.stanza_backend import StanzaBackend
        nlp = StanzaBackend(stanza_dir, model_dir=model_dir, batch_size=batch_size)
    else:
        raise _unknown_backend(backend)
    return Extractor(nlp, batch_size=batch_size, analysis=analysis, include_text=include_text, max_chars=max_chars,
                     article_seconds=article_seconds)


def __getattr__(name: str):
    """``extractor.__version__``: the installed distribution's version, looked up when first asked
    for (``unknown`` when the package runs from a checkout that was never installed)."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "unknown"


def _unknown_backend(backend: str) -> ValueError:
    return ValueError(f"unknown backend {backend!r}; available: {', '.join(map(repr, BACKENDS))}")


@dataclass(frozen=True)
class LoadOptions:
    """The arguments of ``load`` as plain, picklable data: what worker processes load."""

    backend: str = "spacy"
    model_dir: Optional[str] = None
    stanza_dir: Optional[str] = None
    batch_size: int = 32
    analysis: bool = False
    include_text: bool = False
    max_chars: Optional[int] = MAX_ARTICLE_CHARS
    article_seconds: Optional[float] = None

    def load(self) -> Extractor:
        return load(**asdict(self))

    def check(self) -> None:
        """Raise what ``load`` would raise for a missing extra or model, without loading anything
        (so that a run with worker processes fails with the reason, before it starts them)."""
        if self.backend not in BACKENDS:
            raise _unknown_backend(self.backend)
        from .nlp.spacy_backend import ner_model_dir

        require_models()
        ner_model_dir(self.model_dir)
        if self.backend == "stanza":
            from .nlp.stanza_backend import check_stanza

            check_stanza(self.stanza_dir)
