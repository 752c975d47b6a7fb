"""Wires the stages: backend -> metadata -> entity resolution -> fact extractors -> Record.

This is the only module that knows the order of the stages.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from typing import Iterable, Iterator, Optional, Union

import regex

from .entities import resolve
from .regions import article_regions
from .mentions import apply_rules
from .facts import EXTRACTORS, Context
from . import meta as meta_facts
from .article import Article, InputError, Item
from .io.readers import article_from_record, fingerprint
from .io.text import NOT_TEXT, not_text
from .lang import WordIndex, load_folded
from .limits import MAX_ARTICLE_CHARS
from .nlp.doc import Document
from .normalize.dates import parse_published
from .streams import batches
from .schema import AnalysedSentence, AnalysedWord, Analysis, ErrorInfo, ErrorRecord, Producer, Record, Source, Span

LETTERS = regex.compile(r"\p{L}+")

# Below this share of Indonesian function words among the words of a text (of at least
# MIN_WORDS words) the text is flagged as probably not Indonesian.
MIN_WORDS = 20
MIN_FUNCTION_SHARE = 0.05


class StageError(Exception):
    """An exception raised by one stage for one article; ``stage`` names the stage."""

    def __init__(self, stage: str, exc: BaseException):
        super().__init__(f"{stage}: {type(exc).__name__}: {exc}")
        self.stage, self.exc = stage, exc


CUT_SEARCH_CHARS = 10_000  # how far back from the limit a line break (else a space) is looked for


def capped(article: Article, max_chars: Optional[int]) -> Article:
    """The article cut to at most ``max_chars`` characters, at a line break (else a space) near the
    limit, with a warning naming the cut; the article itself when it is short enough.

    >>> capped(Article(text="Satu dua.\\nTiga empat."), 15).text
    'Satu dua.'
    """
    text = article.text
    if not max_chars or len(text) <= max_chars:
        return article
    floor = max(1, max_chars - CUT_SEARCH_CHARS)
    cut = text.rfind("\n", floor, max_chars + 1)
    if cut < 0:
        cut = text.rfind(" ", floor, max_chars + 1)
    cut = cut if cut > 0 else max_chars
    warning = (f"text cut at character {cut:,} of {len(text):,}: articles are read up to {max_chars:,} characters "
               "(max_chars, --max-chars); the rest is not extracted")
    return replace(article, text=text[:cut], warnings=[*article.warnings, warning], fingerprint=fingerprint(article))


class ArticleTimeout(BaseException):
    """An article's extraction ran past its time budget. A BaseException, so that no stage's
    ``except Exception`` takes it for an ordinary failure and carries on."""


@contextmanager
def time_limit(seconds: Optional[float]):
    """Raise ``ArticleTimeout`` in the block once ``seconds`` have passed (SIGALRM, so only in the
    main thread of a process where the platform has it; elsewhere, and with no ``seconds``, no limit)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise ArticleTimeout(f"extraction took longer than {seconds:g} s (the time budget per article, "
                             "--article-timeout); the article is skipped")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class NotText(ValueError):
    """A text that is not text (``io.text.not_text``), given to ``Extractor.extract``."""


LANGUAGE_SAMPLE = 5000  # characters looked at: enough to tell the language, cheap on long texts


def language_warning(text: str) -> Optional[str]:
    """A warning when a text of some length has almost no Indonesian function words."""
    words = LETTERS.findall(text[:LANGUAGE_SAMPLE].casefold())
    if len(words) < MIN_WORDS:
        return None
    function_words = load_folded("function_words")
    share = sum(1 for w in words if w in function_words) / len(words)
    if share < MIN_FUNCTION_SHARE:
        return f"text does not look Indonesian ({share:.0%} Indonesian function words); results may be poor"
    return None


def as_item(item: Union[Article, str, dict], published: Optional[str] = None, index: int = 0) -> Item:
    """What an item given to the library stands for: an ``Article`` as it is, a text, or a dict
    read as a JSON Lines line is (``readers.article_from_record``: an ``InputError`` when it has
    no text); TypeError for anything else.

    >>> as_item({"id": "a1", "text": "Menteri hadir."}).id
    'a1'
    >>> as_item({"id": "a2"}).type
    'MissingText'
    """
    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        return Article(text=item, id=f"article-{index + 1}", published=published)
    if isinstance(item, dict):
        return article_from_record(item, f"item {index + 1}", f"article-{index + 1}", None,
                                   default_published=published)
    raise TypeError(f"cannot extract from {type(item).__name__}; pass a str, a dict or an Article")


def analysis_of(doc: Document, backend: str) -> Analysis:
    """The backend's sentences and words; a backend without word analysis (spaCy here) gives its
    tokens as words with no POS, lemma or head.

    >>> from extractor.nlp.doc import Token
    >>> doc = Document("Heni hadir.", tokens=[Token(0, 4, "Heni"), Token(5, 10, "hadir"), Token(10, 11, ".")],
    ...                sentences=[(0, 11)])
    >>> [w.text for w in analysis_of(doc, "spacy").sentences[0].words]
    ['Heni', 'hadir', '.']
    """
    if doc.words:
        return Analysis(backend, [AnalysedSentence(s, e, [AnalysedWord(**vars(w)) for w in words])
                                  for (s, e), words in zip(doc.sentences, doc.words)])
    sentences = [AnalysedSentence(s, e) for s, e in doc.sentences]
    i = 0
    for t in doc.tokens:  # tokens and sentences are both in text order: one pass
        while i < len(sentences) and sentences[i].end <= t.start:
            i += 1
        if i < len(sentences) and sentences[i].start <= t.start and t.end <= sentences[i].end and t.text.strip():
            sentences[i].words.append(AnalysedWord(t.start, t.end, t.text, t.pos, t.lemma))
    return Analysis(backend, sentences)


def build_record(article: Article, doc: Document) -> Record:
    """Metadata, entities and facts of one processed article."""
    warnings = list(article.warnings)
    if not article.text.strip():
        warnings.append("empty text: nothing to extract")
    lang = language_warning(article.text)
    if lang:
        warnings.append(lang)
    pub = None
    if article.published:
        pub = parse_published(article.published, article.date_order)
        if pub is None:
            warnings.append(f"could not parse the publication date {article.published!r}")
    stage = "meta"
    try:
        found = meta_facts.extract(doc, title=article.title, published=pub.isoformat() if pub else None)
        if article.author and not found.meta.reporter:  # the page's author metadata (HTML input)
            found.meta.reporter = article.author
        stage = "entities"
        words = WordIndex(doc.match_text)  # shared by the mention rules and the fact patterns
        mentions = apply_rules(doc.match_text, doc.mentions, words, [m.text for m in found.mentions if m.label == "LOC"])
        entities = resolve(doc.match_text, mentions + found.mentions, found.ignored)
        for ent in entities:  # mentions quote the article as written
            ent.mentions = [Span(m.start, m.end, doc.text[m.start:m.end]) for m in ent.mentions]
        stage = "regions"
        article_regions(entities, doc.text)
        ctx = Context(published=pub, entities=entities, ignored=found.ignored, warnings=warnings, word_index=words)
        facts = []
        for stage, extract in EXTRACTORS.items():
            facts.extend(ctx.facts(stage, extract, doc))
    except Exception as exc:  # one article's failure must not end the run
        raise StageError(stage, exc) from exc
    return Record(id=article.id, source=source_of(article), meta=found.meta, entities=entities, facts=facts,
                  warnings=ctx.warnings)


def producer_of(backend) -> Optional[Producer]:
    """The extractor version and the backend's NER model, for every record (None for a backend
    without a model folder, such as a test double)."""
    from . import __version__
    from .models import model_fingerprint

    model_dir = getattr(getattr(backend, "ner", None), "model_dir", None)
    if model_dir is None:
        return None
    return Producer(extractor=__version__, model=f"{backend.name}:{model_fingerprint(model_dir)}")


def source_of(item: Union[Article, InputError]) -> Source:
    """The record's ``source``: path, URL and the fingerprint of the input it is made from."""
    return Source(path=item.path, url=item.url if isinstance(item, Article) else None, fingerprint=fingerprint(item))


def error_record(art_id: str, type_: str, message: str, source: Optional[Source] = None) -> ErrorRecord:
    return ErrorRecord(id=art_id, error=ErrorInfo(type=type_, message=message), source=source or Source())


def _not_text_message(article: Article) -> Optional[str]:
    """``not_text`` of the article's text, naming the article."""
    reason = not_text(article.text)
    return reason and f"{article.path + ' ' if article.path else ''}article {article.id!r}: {reason}"


def prepare(item: Union[Article, str, dict, InputError], published: Optional[str], index: int,
            max_chars: Optional[int] = MAX_ARTICLE_CHARS) -> Union[Article, ErrorRecord]:
    """The article an input item stands for (``capped`` to ``max_chars``), or the error record
    that takes its place: an input error, an item that is no article, a text that is not text
    (checked here, before tokenizing)."""
    try:
        article = item if isinstance(item, InputError) else as_item(item, published, index)
    except TypeError as exc:
        return error_record(f"article-{index + 1}", type(exc).__name__, str(exc))
    if isinstance(article, InputError):
        return error_record(article.id, article.type, article.message, source_of(article))
    message = _not_text_message(article)
    if message:
        return error_record(article.id, NOT_TEXT, message, source_of(article))
    return capped(article, max_chars)


class Extractor:
    """The loaded pipeline: ``extract`` one article or stream ``extract_many``.

    Load it once (``extractor.load()``) and reuse it: the model is read at construction only.
    """

    def __init__(self, backend, batch_size: int = 32, analysis: bool = False, include_text: bool = False,
                 max_chars: Optional[int] = MAX_ARTICLE_CHARS, article_seconds: Optional[float] = None):
        self.backend = backend
        self.batch_size = batch_size
        self.analysis = analysis
        self.include_text = include_text
        self.max_chars = max_chars  # longer articles are cut (``capped``)
        self.article_seconds = article_seconds  # time budget of each article's rules and facts (``time_limit``)
        self.producer = producer_of(backend)

    def _record(self, article: Article, doc: Document) -> Record:
        record = build_record(article, doc)
        record.producer = self.producer
        if self.include_text:
            record.text = doc.text  # the text the offsets index
        if self.analysis:
            record.analysis = analysis_of(doc, self.backend.name)
        return record

    def extract(self, text: Union[str, Article, dict], published: Optional[Union[str, date]] = None,
                id: Optional[str] = None, title: Optional[str] = None, url: Optional[str] = None) -> Record:
        """One record for one text; raises on failure, ``NotText`` for binary data or control characters
        (``extract_many`` turns failures into error records)."""
        pub = published.isoformat() if isinstance(published, date) else published
        if isinstance(text, str):
            article = Article(text=text, id=id or "article", published=pub, title=title, url=url)
        else:
            article = as_item(text, pub)
            if isinstance(article, InputError):
                raise ValueError(article.message)
        message = _not_text_message(article)
        if message:
            raise NotText(message)
        article = capped(article, self.max_chars)
        return self._record(article, self.backend.process(article.text))

    def extract_many(self, items: Iterable[Union[str, dict, Article, InputError]],
                     published: Optional[str] = None) -> Iterator[Union[Record, ErrorRecord]]:
        """One record per item, in order, streaming in batches; failures become error records."""
        index = 0
        for chunk in batches(items, self.batch_size):
            yield from self._process([prepare(item, published, index + i, self.max_chars) for i, item in enumerate(chunk)])
            index += len(chunk)

    def _process(self, prepared) -> Iterator[Union[Record, ErrorRecord]]:
        articles = [p for p in prepared if isinstance(p, Article)]
        try:
            docs = list(self.backend.pipe(a.text for a in articles))
        except Exception:  # a batch failed in the backend: redo one by one to isolate the culprit
            docs = []
            for a in articles:
                try:
                    docs.append(self.backend.process(a.text))
                except Exception as exc:  # noqa: BLE001
                    docs.append(StageError("nlp", exc))
        by_article = iter(docs)
        for p in prepared:
            if not isinstance(p, Article):
                yield p
                continue
            doc = next(by_article)
            if isinstance(doc, StageError):
                yield error_record(p.id, type(doc.exc).__name__, str(doc), source_of(p))
                continue
            try:
                with time_limit(self.article_seconds):
                    record = self._record(p, doc)
            except StageError as exc:
                record = error_record(p.id, type(exc.exc).__name__, str(exc), source_of(p))
            except ArticleTimeout as exc:
                record = error_record(p.id, "timeout", str(exc), source_of(p))
            yield record
