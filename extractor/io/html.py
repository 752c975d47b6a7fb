"""Main text and metadata of a scraped HTML page, through trafilatura (the ``html`` extra).

>>> page = main_text("<html><head><title>Judul</title></head><body><article><p>JEPARA - Bupati "
...                  "Jepara hadir di pendopo pada Senin pagi bersama warga.</p></article></body></html>")
>>> page.text
'JEPARA - Bupati Jepara hadir di pendopo pada Senin pagi bersama warga.'
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


class HtmlExtraError(ImportError):
    """HTML input met without the optional ``html`` extra installed."""


@dataclass(frozen=True)
class HtmlPage:
    """What a page holds besides its markup: the article body and its metadata."""

    text: str
    title: Optional[str] = None
    published: Optional[str] = None
    author: Optional[str] = None
    site: Optional[str] = None


def _trafilatura():
    try:
        import trafilatura
    except ImportError as exc:
        raise HtmlExtraError("HTML input needs the html extra: pip install 'indonesian-news-extractor[html]' "
                             f"(trafilatura could not be imported: {exc})") from exc
    return trafilatura


def main_text(html: str, url: Optional[str] = None) -> HtmlPage:
    """The page's main text (navigation, footers and comments left out) with title, date, author.

    The headline is not repeated at the top of the text: the title is metadata, not body.
    """
    doc = _trafilatura().bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                         include_tables=False)
    if doc is None:
        return HtmlPage(text="")
    text = (doc.text or "").strip()
    title = (doc.title or "").strip() or None
    if title and text.split("\n", 1)[0].strip() == title:
        text = text.split("\n", 1)[1].lstrip() if "\n" in text else ""
    return HtmlPage(text=text, title=title, published=doc.date or None, author=doc.author or None,
                    site=doc.sitename or None)
