"""Fact extractors: one module per fact type, all ``extract(doc, ctx) -> list[Fact]``.

Adding a fact type = a module here, a corpus file in ``tests/corpus/``, one line in
``EXTRACTORS``.
"""
from __future__ import annotations

from typing import Callable

from ..nlp.doc import Document
from ..schema import Fact
from . import awards, dates, metrics, money, quantities, quotes, roles
from .base import Context, evidence

EXTRACTORS: dict[str, Callable[[Document, Context], list[Fact]]] = {
    "role": roles.extract,
    "award": awards.extract,
    "metric": metrics.extract,
    "date": dates.extract,
    "money": money.extract,
    "quantity": quantities.extract,
    "quote": quotes.extract,
}

__all__ = ["EXTRACTORS", "Context", "evidence"]
