"""The stanza backbone: stanza's tokens, sentences, POS, lemmas (and dependencies where the
models have them), with the project's NER run on stanza's tokens.

Two model sources, both stanza resources directories:
- the embedded set in ``models/id_stanza`` (tokenizer, MWT, POS, lemma; trained by
  ``training/train_stanza.py`` from the UD treebanks), used when no ``stanza_dir`` is given;
- a directory with the official Indonesian models (``stanza.download`` on a connected
  machine), which adds the dependency parser.

Only this module and ``spacy_backend`` know which library is underneath; the rest of the
package sees ``Document`` objects. Every line of the text is processed as its own paragraph,
so that a line break ends a sentence, as with the spaCy backend.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable, Iterator, Optional

from ..models import model_path
from ..streams import batches
from .doc import SPACES, Document, Mention, Token, Word
from .spacy_backend import (NER_LABELS, NLP_BATCH_SIZE, SEGMENT_CHARS, NerPipeline, one_blas_thread,
                            segment_bounds)

PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")  # what the backend uses where present
INSTALL_HINT = "pip install 'indonesian-news-extractor[stanza]' (stanza and the CPU build of torch)"
REBUILD_HINT = "rebuild it with: python training/train_stanza.py --out models/id_stanza (see its MODEL_CARD.md)"


def download_hint(where: Path) -> str:
    return (f"on a connected machine run: python -c \"import stanza; stanza.download('id', model_dir='{where}', "
            f"processors='tokenize,mwt,pos,lemma,depparse')\", then copy that folder here; or leave stanza_dir "
            f"unset to use the embedded models in models/id_stanza")


def embedded_model_dir() -> Path:
    """``id_stanza`` of the model folder set (``extractor.models``): a stanza resources
    directory (``resources.json``, ``id/<processor>/project.pt``) made by ``training/train_stanza.py``."""
    return model_path("id_stanza", "resources.json")


def available_processors(stanza_dir: Path, hint: str) -> dict[str, str]:
    """The Indonesian processors a stanza resources directory offers (name -> package), or
    FileNotFoundError saying what is missing and ``hint`` (how to get it)."""
    resources = stanza_dir / "resources.json"
    if not resources.is_file():
        raise FileNotFoundError(f"{stanza_dir} is not a stanza resources directory (no resources.json); {hint}")
    try:
        table = json.loads(resources.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise FileNotFoundError(f"{resources} is not valid JSON ({exc}); {hint}") from exc
    defaults = (table.get("id") or {}).get("default_processors") or {}
    present = {p: pkg for p, pkg in defaults.items()
               if p in PROCESSORS and (stanza_dir / "id" / p / f"{pkg}.pt").is_file()}
    if "tokenize" not in present:
        raise FileNotFoundError(f"no Indonesian stanza models in {stanza_dir} (expected {stanza_dir}/id/tokenize/"
                                f"<package>.pt, listed in resources.json); {hint}")
    return present


def resolve_stanza_dir(stanza_dir: str | Path | None) -> tuple[Path, dict[str, str]]:
    """(resources directory, its processors): ``stanza_dir``, or the embedded models."""
    if stanza_dir is None:
        path = embedded_model_dir()
        return path, available_processors(path, REBUILD_HINT)
    path = Path(stanza_dir)
    return path, available_processors(path, download_hint(path))


def _require_extra() -> None:
    """ImportError naming the install command when stanza or torch is missing (nothing imported)."""
    import importlib.util

    missing = [m for m in ("stanza", "torch") if importlib.util.find_spec(m) is None]
    if missing:
        raise ImportError(f"the stanza backend needs {' and '.join(missing)}: {INSTALL_HINT}")


def check_stanza(stanza_dir: str | Path | None) -> None:
    """ImportError without the extra, FileNotFoundError without the models (nothing is loaded)."""
    _require_extra()
    resolve_stanza_dir(stanza_dir)


class StanzaBackend:
    """Tokens, sentences, POS, lemmas (dependencies where the models have a parser) from stanza;
    PER/ORG/LOC mentions from the project's NER model on stanza's tokens."""

    name = "stanza"

    def __init__(self, stanza_dir: str | Path | None = None, model_dir: str | Path | None = None,
                 batch_size: int = 32):
        one_blas_thread()
        _require_extra()
        self.stanza_dir, present = resolve_stanza_dir(stanza_dir)
        import stanza
        import torch

        torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
        self.processors = tuple(p for p in PROCESSORS if p in present)
        self.pipeline = stanza.Pipeline(
            lang="id", dir=str(self.stanza_dir), processors=",".join(self.processors),
            package={p: present[p] for p in self.processors}, download_method=None, use_gpu=False,
            logging_level="WARN", tokenize_batch_size=64, pos_batch_size=1000, lemma_batch_size=100)
        self.ner = NerPipeline(model_dir, tokenizer=False)  # the Docs are made of stanza's words
        self.batch_size = batch_size

    def process(self, text: str) -> Document:
        return next(self.pipe([text]))

    def pipe(self, texts: Iterable[str]) -> Iterator[Document]:
        """One ``Document`` per text, in order."""
        for chunk in batches(texts, self.batch_size):
            pieces = [(i, s, e) for i, text in enumerate(chunk) for s, e in paragraphs(text)]
            analysed = self.pipeline.bulk_process([chunk[i][s:e].translate(SPACES) for i, s, e in pieces]) if pieces else []
            read = [_read_piece(chunk[i], s, sdoc, "depparse" in self.processors) for (i, s, _), sdoc in zip(pieces, analysed)]
            found = self._mentions(chunk, pieces, read)
            per_text: list[list] = [[] for _ in chunk]
            for (i, _, _), piece, mentions in zip(pieces, read, found):
                per_text[i].append((piece, mentions))
            for text, parts in zip(chunk, per_text):
                tokens, sentences, words, mentions = [], [], [], []
                for (p_tokens, p_sentences, p_words), p_mentions in parts:
                    base = len(tokens)
                    tokens += [t if t.head is None else t._replace(head=t.head + base) for t in p_tokens]
                    sentences += p_sentences
                    words += p_words
                    mentions += p_mentions
                yield Document(text=text, tokens=tokens, sentences=sentences, mentions=mentions, words=words)

    def _mentions(self, chunk, pieces, read) -> list[list[Mention]]:
        """The NER model over each piece's stanza tokens (one spaCy ``Doc`` per piece, batched)."""
        from spacy.tokens import Doc

        docs = []
        for tokens, _, _ in read:
            spaces = [tokens[k].end < tokens[k + 1].start for k in range(len(tokens) - 1)] + [False] * bool(tokens)
            docs.append(Doc(self.ner.vocab, words=[t.text.translate(SPACES) for t in tokens], spaces=spaces))
        out = []
        tagged = (sdoc for sdoc, _ in self.ner.pipe(((d, None) for d in docs), batch_size=NLP_BATCH_SIZE))
        for (i, _, _), (tokens, _, _), sdoc in zip(pieces, read, tagged):
            text = chunk[i]
            out.append([Mention(tokens[e.start].start, tokens[e.end - 1].end, e.label_,
                                text[tokens[e.start].start:tokens[e.end - 1].end])
                        for e in sdoc.ents if e.label_ in NER_LABELS])
        return out


def _read_piece(text: str, offset: int, sdoc, parsed: bool):
    """(tokens, sentence spans, words per sentence) of one stanza document, offsets into ``text``.

    A token's POS and lemma are its first word's (``rumahnya`` -> ``rumah``, NOUN); with a parse,
    its head is the token holding its first word's head (piece-local index until shifted)."""
    tokens: list[Token] = []
    sentences: list[tuple[int, int]] = []
    words_by_sentence: list[list[Word]] = []
    for sent in sdoc.sentences:
        first = len(tokens)
        token_of_word = {w.id: first + k for k, tok in enumerate(sent.tokens) for w in tok.words}
        words = []
        for tok in sent.tokens:
            start, end = offset + tok.start_char, offset + tok.end_char
            lead = tok.words[0]
            head = token_of_word.get(lead.head) if parsed and lead.head else None
            tokens.append(Token(start, end, text[start:end], lead.upos, lead.lemma, head,
                                lead.deprel if parsed else None))
            words += [Word(start, end, w.text, w.upos, w.lemma, (w.head - 1) if parsed and w.head else None,
                           w.deprel if parsed else None) for w in tok.words]
        if len(tokens) > first:
            sentences.append((tokens[first].start, tokens[-1].end))
            words_by_sentence.append(words)
    return tokens, sentences, words_by_sentence


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, long lines cut as the spaCy backend cuts segments.

    >>> paragraphs("Judul\\n\\nIsi berita.  ")
    [(0, 5), (7, 18)]
    """
    out, pos = [], 0
    for line in text.split("\n"):
        stripped = line.rstrip()
        lead = len(line) - len(line.lstrip())
        if stripped.strip():
            for s, e in segment_bounds(stripped[lead:], SEGMENT_CHARS):
                out.append((pos + lead + s, pos + lead + e))
        pos += len(line) + 1
    return out


