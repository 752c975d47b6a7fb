"""What the pipeline extracts from: an ``Article``, or an ``InputError`` standing in its place.

The core types every layer shares (readers make them, the pipeline and the batch runner take
them); they depend on nothing else in the package.

>>> Article(text="JAKARTA - Menteri hadir.", id="a1").published is None
True
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional, Union


@dataclass
class Article:
    """One article to extract from; only ``text`` is required."""

    text: str
    id: str = "article"
    published: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    path: Optional[str] = None
    warnings: list[str] = field(default_factory=list)
    date_order: str = "DMY"  # how to read an ambiguous `published` such as 05/06/2025
    author: Optional[str] = None  # from page metadata (HTML input)
    # set when the text is not the input's any more (cut: ``pipeline.capped``): the input's fingerprint
    fingerprint: Optional[str] = None


@dataclass
class InputError:
    """An input item that is not an article (bad JSON, no ``text``, unreadable file)."""

    id: str
    type: str
    message: str
    path: Optional[str] = None
    fingerprint: Optional[str] = None  # ``digest`` of the line or row it stands for, when there is one


Item = Union[Article, InputError]


def record_text(record: dict, texts: Mapping[str, str]) -> Optional[str]:
    """The text a record's offsets index: its own (``--include-text``), else the one ``texts``
    holds for its id (read from the inputs); None when neither has it.

    >>> record_text({"id": "a1", "text": ""}, {"a1": "lain"}), record_text({"id": "a1"}, {"a1": "lain"})
    ('', 'lain')
    """
    return record["text"] if record.get("text") is not None else texts.get(str(record.get("id")))
