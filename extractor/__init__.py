"""Structured, verifiable facts from Indonesian news text.

>>> import extractor                                   # doctest: +SKIP
>>> ex = extractor.load()                              # doctest: +SKIP
>>> rec = ex.extract("JAKARTA, KOMPAS.com - ...", published="2024-10-10")   # doctest: +SKIP
>>> rec.to_dict()["entities"]                          # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

from .io.readers import Article
from .pipeline import Extractor
from .schema import ErrorRecord, Record, json_schema

__version__ = "0.1.0"
__all__ = ["load", "Extractor", "Article", "Record", "ErrorRecord", "json_schema", "__version__"]


def load(backend: str = "spacy", model_dir: Optional[Union[str, Path]] = None, batch_size: int = 32) -> Extractor:
    """Load the pipeline once; reuse the returned ``Extractor`` for every article.

    ``backend``: ``"spacy"`` (default). ``model_dir``: a spaCy NER pipeline directory
    (default: ``models/id_news_ner``).
    """
    if backend == "spacy":
        from .nlp.spacy_backend import SpacyBackend

        return Extractor(SpacyBackend(model_dir, batch_size=batch_size), batch_size=batch_size)
    raise ValueError(f"unknown backend {backend!r}; available: 'spacy'")
