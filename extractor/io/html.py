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
    whole_page: bool = False  # no main text was found: ``text`` is all the text of the page


def _trafilatura():
    try:
        import trafilatura
    except ImportError as exc:
        raise HtmlExtraError("HTML input needs the html extra: pip install 'indonesian-news-extractor[html]' "
                             f"(trafilatura could not be imported: {exc})") from exc
    return trafilatura


def main_text(html: str, url: Optional[str] = None) -> HtmlPage:
    """The page's main text (navigation, footers and comments left out) with title, date, author;
    when trafilatura finds none, all the text of the page (scripts, styles, footers left out).

    The headline is not repeated at the top of the text: the title is metadata, not body.

    >>> page = main_text('<html><body><div class="comment">Bupati Jepara hadir di pendopo.</div></body></html>')
    >>> page.text, page.whole_page
    ('Bupati Jepara hadir di pendopo.', True)
    """
    trafilatura = _trafilatura()
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False)
    text = (doc.text or "").strip() if doc is not None else ""
    whole_page = not text
    if whole_page:
        text = trafilatura.html2txt(html).strip()
        doc = doc or trafilatura.extract_metadata(html, default_url=url)
        if doc is None:
            return HtmlPage(text=text, whole_page=bool(text))
    title = (doc.title or "").strip() or None
    if title and text.split("\n", 1)[0].strip() == title:
        text = text.split("\n", 1)[1].lstrip() if "\n" in text else ""
    return HtmlPage(text=text, title=title, published=doc.date or None, author=doc.author or None,
                    site=doc.sitename or None, whole_page=whole_page and bool(text))


def page_warnings(page: HtmlPage, where: str, what: str = "the page") -> list[str]:
    """What a record should say of how the text of ``what`` (read at ``where``) was found."""
    if not page.text:
        return [f"{where}: no text found in {what}"]
    if page.whole_page:
        return [f"{where}: no main text found in {what}; the text of the whole page is used"]
    return []
