"""The default NLP backbone: the project's spaCy pipeline (tokenizer + NER) from the shipped models.

Only this module (and ``stanza_backend``) know which library is underneath; the rest of the
package sees ``Document`` objects.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Iterable, Iterator

from ..models import model_path
from ..lang import load_list
from ..lang.patterns import abbreviation_forms
from ..streams import batches
from .doc import SPACES, Document, Mention, Token
from .sentences import split_sentences

# Texts are cut into segments of at most this many characters (at line breaks where possible)
# so that a 2 MB page neither hits spaCy's max_length nor holds one huge Doc in memory.
SEGMENT_CHARS = 20_000
BLAS_THREAD_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
# Segments per spaCy batch. Measured on the dev articles (benchmarks/throughput.py): 8 is as fast
# as 32 (35 vs 32 articles/s) and peaks at 307 MB instead of 561 MB; the article batches of
# ``batch_size`` (what is read and written at a time) are independent of it.
NLP_BATCH_SIZE = 8
# Tokens per NER batch at most: the model's working memory grows with the tokens of a batch,
# about 15 KB each (benchmarks/memory.py). 8 real articles hold about 3,000 tokens, but 8
# segments of a text of one-character tokens (`((((...`, 25,000 of each) held 50,000: 1.2 GB.
NLP_BATCH_TOKENS = 6_000
NER_LABELS = {"PER", "ORG", "LOC"}
# A NER model directory may hold a second pipeline in this subfolder, trained on lower-cased text,
# for text written without capitals (``presiden joko widodo tiba di jakarta``).
CASELESS_DIR = "caseless"
# Text lacks case when fewer than this share of its words that do not open a sentence start with
# a capital (names make up 5-25 % of the words of cased news), or all but this share are in
# capitals. On the CoNLL dev splits it routes 764 of the 765 NERP sentences and no cased one
# (models/id_news_ner/MODEL_CARD.md).
CASELESS_CAPITALS = 0.02
# ... and, when its sentences open with capitals, it has at least this many other words.
CASELESS_MIN_WORDS = 50
SENTENCE_ENDS = {".", "!", "?", '"', "\u201c", "\u201d", ":"}


def default_model_dir() -> Path:
    """``id_news_ner`` of the model folder set (``extractor.models.models_dir``)."""
    return model_path("id_news_ner", "meta.json")


def ner_model_dir(model_dir: str | Path | None = None) -> Path:
    """``model_dir`` (default: ``id_news_ner`` of the model set), or FileNotFoundError if it holds no pipeline."""
    path = Path(model_dir) if model_dir else default_model_dir()
    if not (path / "meta.json").exists():
        raise FileNotFoundError(f"no spaCy pipeline at {path} (meta.json missing)")
    return path


# scraped text often loses the space after a full stop: `dari seluruh Indonesia.Huda mengakui`,
# `(10/6/2025).Pelantikan`; a period between a lower-case word (or a bracket) and a capitalised
# word is split off. Abbreviations (`S.H.`, `M.Si`) and domains (`detik.com`) are not affected.
GLUED_SENTENCE = [r"(?<=[{lower}][{lower}])\.(?=[{upper}][{lower}])", r"(?<=\))\.(?=[{upper}][{lower}])"]


# scraped text also loses the space between two words where a link or a name began: `dilansir
# dariReuters`, `danBank Indonesia`, `memintaPrabowo`, `erupsiGunung`, `dilansirAFP` (one raw_news article
# in six). A lower-case word glued to a capitalised word is split off as a prefix: a function word
# (``lang/id/function_words.txt``) of any length, any other run of three lower-case letters or
# more. Camel-case names that open with a lower-case brand (``lang/id/camel_case_brands.txt``:
# `detikNews`) stay whole, and are split from the word glued before them (`dilansirdetikSulsel`).
def glued_word_prefix() -> str:
    """The prefix pattern of a lower-case word glued to a capitalised word (``dariReuters``,
    ``memintaPrabowo``; not ``detikNews``)."""
    from spacy.lang.char_classes import ALPHA_LOWER, ALPHA_UPPER

    # longer function words are lower-case runs of three letters or more like any other word
    words = "|".join(sorted((re.escape(w) for w in load_list("function_words") if w.isalpha() and len(w) < 3),
                            key=len, reverse=True))
    brands = [re.escape(b) for b in load_list("camel_case_brands")]
    not_brand = "".join(f"(?<!{b})" for b in brands)
    # `dariReuters`, `dilansirAFP`; not `macOS`, `kompasTV`, `microSD` (two capitals: a product's name)
    capital = f"(?=[{ALPHA_UPPER}][{ALPHA_LOWER}]|[{ALPHA_UPPER}]{{3}})"
    return "|".join([rf"^(?:{words}){capital}", rf"^[{ALPHA_LOWER}]{{3,}}{not_brand}{capital}",
                     *(rf"^[{ALPHA_LOWER}]{{2,}}?(?={b}[{ALPHA_UPPER}])" for b in brands)])


def project_special_cases() -> dict[str, list[dict]]:
    """The tokenizer exceptions the project adds to spaCy's: every abbreviation stays one token."""
    from spacy.symbols import ORTH

    return {form: [{ORTH: form}] for form in abbreviation_forms() if form.strip()}


def project_infixes(infixes: str) -> str:
    """A saved infix pattern with the glued-sentence splits added (as ``compile_infix_regex`` joins)."""
    from spacy.lang.char_classes import ALPHA_LOWER, ALPHA_UPPER

    return "|".join([infixes, *(p.format(lower=ALPHA_LOWER, upper=ALPHA_UPPER) for p in GLUED_SENTENCE)])


# spaCy searches the suffix pattern over the whole remaining string once per affix it splits off,
# so a long run of affixes (`((((...`, 30,000 `"`, `RpRpRp...`) took time quadratic in its length
# (2,000 brackets: 1.6 s). No suffix rule matches more than a few characters: searching the last
# SUFFIX_WINDOW ones finds the same suffix (tokens identical on 2,000 real articles) in linear time.
SUFFIX_WINDOW = 64


class TailSearch:
    """``pattern.search`` over the last ``window`` characters of a string: a suffix search whose
    cost does not grow with the string. ``__self__`` is the pattern, which is where spaCy's
    ``Tokenizer.to_bytes`` reads a search function's pattern from.

    >>> import re
    >>> TailSearch(re.compile(r"\\)$"))("(" * 100 + ")").span()
    (100, 101)
    """

    def __init__(self, pattern, window: int = SUFFIX_WINDOW):
        self.__self__, self.window = pattern, window

    def __call__(self, string: str):
        return self.__self__.search(string, max(0, len(string) - self.window))


def build_tokenizer(vocab, saved_bytes: bytes):
    """The project tokenizer: a saved spaCy tokenizer's patterns and exceptions (what
    ``Tokenizer.to_bytes`` writes) with the project's abbreviations and infixes, built in one pass.

    Each of spaCy's ~16,000 Indonesian exceptions costs a tokenization when it is added, and it is
    re-added whenever a pattern changes; loading a pipeline and then customising its tokenizer
    added them three times (most of the start-up). Built here, they are added once.
    """
    import srsly
    from spacy.tokenizer import Tokenizer

    saved = srsly.msgpack_loads(saved_bytes)

    def compiled(key: str, method: str):
        return getattr(re.compile(saved[key]), method) if saved.get(key) else None

    glued, saved_prefixes = glued_word_prefix(), saved.get("prefix_search")
    # a pipeline saved with this tokenizer holds the glued pattern already: added once
    prefixes = saved_prefixes if saved_prefixes and glued in saved_prefixes else "|".join(filter(None, [glued, saved_prefixes]))
    return Tokenizer(vocab, rules={**saved["exceptions"], **project_special_cases()},
                     prefix_search=re.compile(prefixes).search,
                     suffix_search=TailSearch(re.compile(saved["suffix_search"])) if saved.get("suffix_search") else None,
                     infix_finditer=re.compile(project_infixes(saved["infix_finditer"])).finditer,
                     token_match=compiled("token_match", "match"), url_match=compiled("url_match", "match"),
                     faster_heuristics=saved.get("faster_heuristics", True))


def customise_tokenizer(nlp) -> None:
    """Keep abbreviations whole so that ``Jl. Sudirman`` or ``H. Ahmad`` never split a sentence,
    and split sentences glued at a full stop (``Indonesia.Huda``)."""
    nlp.tokenizer = build_tokenizer(nlp.vocab, nlp.tokenizer.to_bytes(exclude=["vocab"]))


# registered under this name: a tokenizer without rules, so that loading a pipeline does not build
# spaCy's default one only to replace it (``build_tokenizer`` makes the one that is used)
NO_RULES_TOKENIZER = "extractor.NoRulesTokenizer.v1"


def _no_rules_tokenizer():
    from spacy.tokenizer import Tokenizer

    return lambda nlp: Tokenizer(nlp.vocab)


def one_blas_thread() -> None:
    """One BLAS thread per process (`--jobs N` runs N processes), unless the environment says
    otherwise; it must be set before numpy is first imported."""
    for var in BLAS_THREAD_VARS:
        os.environ.setdefault(var, "1")


def import_thinc_without_torch() -> None:
    """Import thinc (spaCy's machine-learning library) without letting it import torch.

    thinc imports torch whenever it is installed (the stanza extra installs it), which costs a
    process about 175 MB and a second, though the project's spaCy models use no torch (2,000 real
    articles, one job: peak 641 -> 466 MB, records identical). For a process that runs the spaCy
    backend only (``extractor extract``): torch stays importable afterwards (stanza imports it
    itself), but thinc's torch layers are off in the process. Nothing happens when thinc or torch
    is imported already.
    """
    if "thinc" in sys.modules or "torch" in sys.modules:
        return
    one_blas_thread()  # before numpy is imported with thinc
    sys.modules["torch"] = None  # `import torch` raises ImportError while thinc is imported
    try:
        import thinc.api  # noqa: F401
    finally:
        del sys.modules["torch"]


def load_ner_pipeline(model_dir: str | Path | None = None, vocab=None, tokenizer: bool = True):
    """The project's spaCy NER pipeline (tokenizer + tok2vec + ner), ready to run on one core;
    ``vocab``: share another pipeline's vocabulary, so that its ``Doc`` objects can be passed;
    ``tokenizer=False``: a pipeline that is only given ``Doc`` objects, with no tokenizer rules."""
    one_blas_thread()
    try:
        import spacy
        from thinc.api import NumpyOps
    except ImportError as exc:  # pragma: no cover - spaCy is a core dependency
        raise ImportError(f"the NER model needs spaCy, which {sys.executable} does not have: install the project "
                          "into this Python first (`python3 -m pip install -e .` in the project folder, as in the "
                          "README quickstart)") from exc
    from . import encoders, name_features  # noqa: F401  (register the architecture and component models may use)

    path = ner_model_dir(model_dir)
    spacy.registry.tokenizers.register(NO_RULES_TOKENIZER, func=_no_rules_tokenizer)
    nlp = spacy.load(path, vocab=vocab if vocab is not None else True, exclude=["tokenizer"],
                     config={"nlp": {"tokenizer": {"@tokenizers": NO_RULES_TOKENIZER}}})
    # numpy's BLAS for the matrix products instead of thinc's default blis: about twice the
    # speed here, the same entities (benchmarks/throughput.py). Only this pipeline is affected.
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        for node in component.model.walk() if hasattr(component, "model") else ():
            node.ops = ops
    nlp.max_length = SEGMENT_CHARS * 2
    if tokenizer:
        nlp.tokenizer = build_tokenizer(nlp.vocab, (path / "tokenizer").read_bytes())
    return nlp


def lacks_case(text: str) -> bool:
    """Whether capitals say nothing about names in these words: written without capitals, or all
    in capitals (``PRESIDEN TIBA DI JAKARTA``). Capitals that open a sentence count only in long
    text: ``Roma adalah kota yang indah`` is cased text opening with a name.

    >>> lacks_case("presiden joko widodo tiba di jakarta.")
    True
    >>> lacks_case("PRESIDEN JOKO WIDODO TIBA DI JAKARTA")
    True
    >>> lacks_case("Presiden Joko Widodo tiba di Jakarta.")
    False
    >>> lacks_case("Roma adalah kota yang indah.")
    False
    >>> lacks_case("Jakarta")
    False
    """
    inner = capitals = shouted = opening_capitals = 0
    previous = None
    for word in text.split():  # words as written: a sentence end is the last character of one
        if word[:1].isalpha():
            if previous is None or previous[-1] in SENTENCE_ENDS:
                opening_capitals += word[:1].isupper()
            else:
                inner += 1
                capitals += word[:1].isupper()
                shouted += word.isupper()
        previous = word
    if not inner:
        return False
    if shouted > (1 - CASELESS_CAPITALS) * inner:
        return True
    return capitals < CASELESS_CAPITALS * inner and (not opening_capitals or inner >= CASELESS_MIN_WORDS)


class NerPipeline:
    """The NER model of a model directory, with its caseless companion where it has one: each
    ``Doc`` goes to the caseless pipeline (lower-cased) when its text lacks case, else to the
    cased one. Entities are set on the ``Doc`` passed in, so offsets stay the text's own.
    ``tokenizer=False``: for a backend that makes its own ``Doc`` objects (no ``make_doc``)."""

    def __init__(self, model_dir: str | Path | None = None, tokenizer: bool = True):
        self.model_dir = ner_model_dir(model_dir)
        self.cased = load_ner_pipeline(self.model_dir, tokenizer=tokenizer)
        companion = self.model_dir / CASELESS_DIR
        self.caseless_dir = companion if (companion / "meta.json").exists() else None
        self._caseless = None  # loaded at the first text that lacks case (memory, start-up)

    @property
    def vocab(self):
        return self.cased.vocab

    @property
    def caseless(self):
        """The caseless pipeline (sharing the cased one's vocabulary), or None if the model has none."""
        if self._caseless is None and self.caseless_dir is not None:
            self._caseless = load_ner_pipeline(self.caseless_dir, vocab=self.cased.vocab, tokenizer=False)  # given Docs
        return self._caseless

    def make_doc(self, text: str):
        """The project tokenizer's ``Doc`` of ``text`` (no entities yet)."""
        return self.cased.make_doc(text)

    def pipe(self, items: Iterable[tuple], batch_size: int = NLP_BATCH_SIZE) -> Iterator[tuple]:
        """(doc, context) pairs in, the same pairs out in order, with ``doc.ents`` set; at most
        ``batch_size`` docs and ``NLP_BATCH_TOKENS`` tokens at a time."""
        for chunk in batches(items, batch_size, NLP_BATCH_TOKENS, weight=lambda pair: len(pair[0])):
            caseless = [self.caseless_dir is not None and lacks_case(doc.text) for doc, _ in chunk]
            cased = self.cased.pipe([doc for (doc, _), c in zip(chunk, caseless) if not c], batch_size=batch_size)
            lowered = iter(())
            if any(caseless):
                lowered = self.caseless.pipe([_lowered(doc) for (doc, _), c in zip(chunk, caseless) if c],
                                             batch_size=batch_size)
            for (doc, context), c in zip(chunk, caseless):
                if c:
                    doc.ents = [_span(doc, e) for e in next(lowered).ents]
                    yield doc, context
                else:
                    yield next(cased), context


def _lowered(doc):
    from spacy.tokens import Doc

    return Doc(doc.vocab, words=[t.text.lower() for t in doc], spaces=[bool(t.whitespace_) for t in doc])


def _span(doc, ent):
    from spacy.tokens import Span

    return Span(doc, ent.start, ent.end, label=ent.label_)


class SpacyBackend:
    """Tokens, sentences and PER/ORG/LOC mentions from the trained spaCy pipeline."""

    name = "spacy"

    def __init__(self, model_dir: str | Path | None = None, batch_size: int = 32):
        self.ner = NerPipeline(model_dir)
        self.model_dir = self.ner.model_dir
        self.nlp = self.ner.cased  # the tokenizer and cased model, for benchmarks
        self.batch_size = batch_size

    def process(self, text: str) -> Document:
        return next(self.pipe([text]))

    def pipe(self, texts: Iterable[str]) -> Iterator[Document]:
        """One ``Document`` per text, in order; long texts are processed in segments."""
        def segments():
            for i, text in enumerate(texts):
                for start, end in segment_bounds(text, SEGMENT_CHARS):
                    yield (self.ner.make_doc(text[start:end].translate(SPACES)), (i, text, start, end))

        current, parts = None, []
        for sdoc, (i, text, start, end) in self.ner.pipe(segments(), batch_size=min(self.batch_size, NLP_BATCH_SIZE)):
            if current is not None and current[0] != i:
                yield assemble(current[1], parts)
                parts = []
            current = (i, text)
            parts.append((start, sdoc))
            if end == len(text):
                yield assemble(text, parts)
                current, parts = None, []
        if current is not None:
            yield assemble(current[1], parts)


def segment_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    """Cut ``text`` into (start, end) pieces of at most ``limit`` chars, at line breaks or spaces.

    >>> segment_bounds("ab\\ncd", 3)
    [(0, 3), (3, 5)]
    >>> segment_bounds("", 3)
    [(0, 0)]
    """
    if len(text) <= limit:
        return [(0, len(text))]
    out, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            cut = text.rfind("\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            if cut > start:
                end = cut + 1
        out.append((start, end))
        start = end
    return out


def assemble(text: str, parts) -> Document:
    """Merge the spaCy docs of one text's segments into a ``Document`` with global offsets."""
    from spacy.attrs import IDX, LENGTH

    tokens, mentions = [], []
    for offset, sdoc in parts:
        # offsets read as one array: no spaCy Token object is made per token
        for idx, length in sdoc.to_array([IDX, LENGTH]).tolist():
            start = offset + idx
            tokens.append(Token(start, start + length, text[start:start + length]))
        for ent in sdoc.ents:
            if ent.label_ in NER_LABELS:
                start = offset + ent.start_char
                end = offset + ent.end_char
                mentions.append(Mention(start, end, ent.label_, text[start:end]))
    return Document(text=text, tokens=tokens, sentences=split_sentences(text, tokens), mentions=mentions)
