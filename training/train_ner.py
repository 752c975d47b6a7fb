"""Rebuild the Indonesian news NER model in ``models/`` from ``../shared/data``.

    python training/train_ner.py --data ../shared/data --out models/id_news_ner

Steps (all seeded, so reruns are comparable):
1. read the CoNLL corpora in ``DATA/ner`` (normalised PER/ORG/LOC column);
2. keep a sentence that several corpora hold once, with the spans of every version
   (``one_version_per_sentence``: idner re-annotates NER-UGM's sentences);
3. harmonise toward one guideline: honorifics that open a PER span (``Pak``, ``Dr.``, ``H.``)
   are moved outside it (``extractor/lang/id/honorifics.txt``), and a short form in brackets
   that ends a span is a span of its own (``Uni Eropa (EU)`` -> ``Uni Eropa``, ``EU``);
4. split every corpus into train/dev (its own ``.valid`` file where it has one, else a seeded
   10 % sample; no training sentence is a version of a dev sentence), write spaCy ``DocBin``
   files in the runtime tokenizer's words (``retokenise``) to ``--work``;
5. train with ``training/ner.cfg`` (``spacy train``);
6. score the best model on each corpus's dev split, per type, time it, and write the model
   card ``models/<name>/MODEL_CARD.md`` plus ``scores.json``.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.lang import load_list, load_table  # noqa: E402
import spacy_components  # noqa: E402,F401  (registers the project's components and architectures for spacy.load)
from extractor.nlp.spacy_backend import CASELESS_DIR, customise_tokenizer  # noqa: E402

# corpus name -> (train files, dev file or None for a seeded split)
CORPORA = {
    "nerui": (["nerui.conll"], None),
    "nerugm": (["nerugm.conll"], None),
    "idner": (["idner.train.conll"], None),
    "nergrit": (["nergrit.train.conll"], "nergrit.valid.conll"),
    "nerp": (["nerp.train.conll"], "nerp.valid.conll"),
}
DEFAULT_CORPORA = ["nerui", "nerugm", "idner", "nergrit"]
# corpora released lower-cased: restored with a casing table learnt from the cased ones and
# kept out of the dev set that picks the best checkpoint
LOWERCASED = {"nerp"}
DEV_SHARE = 0.1
# The corpora share sentences: idner-news-2k is a re-annotation of NER-UGM's sentences under a
# standardised guideline (1,431 of its 1,452 sentences are NER-UGM's, 451 of them labelled
# differently: `Wasekjen Golkar Tantowi Yahya` one PER in NER-UGM, `Golkar` ORG +
# `Tantowi Yahya` PER in idner), and NERP holds about 500 NER-UGM sentences lower-cased. A shared
# sentence is kept once, in the first corpus of this order that is being trained on.
SHARED_SENTENCE_ORDER = ("idner", "nerui", "nergrit", "nerugm", "nerp")
# hash rows for the tags: 8 list masks ("words"); 16 masks x 7 name positions ("names");
# 64 masks with the head-word bits ("own")
NAME_FEATURE_ROWS = {"words": 64, "names": 128, "own": 256}
# imports the project's spaCy components (``spacy train --code``)
SPACY_CODE = ROOT / "training" / "spacy_components.py"


def read_conll(path: Path, column: int = 1) -> list[list[tuple[str, str]]]:
    """Sentences of (token, IOB2 tag) pairs from a ``token<TAB>tag<TAB>original`` file; ``column``
    2 gives the corpus's own tag (``B-PPL``) instead of the normalised one (``B-PER``)."""
    sents, cur = [], []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            cols = line.split("\t")
            if len(cols) <= column:
                raise ValueError(f"{path}:{lineno}: expected {column + 1} tab-separated columns, got {line!r}")
            cur.append((cols[0], cols[column]))
    if cur:
        sents.append(cur)
    return sents


def _word_key(word: str) -> str:
    """A word's letters and digits, case-folded: ``(LSI)`` -> ``lsi``; ``""`` for punctuation."""
    return "".join(ch for ch in word.casefold() if ch.isalnum())


def sentence_key(sent) -> str:
    """What two versions of one sentence have in common across corpora: its letters and digits,
    case-folded (``Survei (LSI)`` in idner, ``Survei ( LSI )`` in NER-UGM, ``survei ( lsi )`` in NERP)."""
    return "".join(_word_key(w) for w, _ in sent)


def _key_bounds(sent) -> list[tuple[int, int]]:
    """Where each word's letters and digits lie in the sentence's ``sentence_key``."""
    bounds, pos = [], 0
    for w, _ in sent:
        n = len(_word_key(w))
        bounds.append((pos, pos + n))
        pos += n
    return bounds


def _key_spans(sent) -> list[tuple[int, int, str]]:
    """The sentence's spans as (start, end, type) offsets in its ``sentence_key``."""
    bounds = _key_bounds(sent)
    return [(bounds[i][0], bounds[j - 1][1], label) for i, j, label in spans_of([t for _, t in sent])]


def merge_versions(kept: list[tuple[str, str]], other: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``kept`` with the spans of ``other`` (another corpus's version of the same sentence) that lie
    on ``kept``'s word boundaries over words it leaves O: each corpus fills the other's gaps, and
    where both label the same words ``kept`` decides. idner ``Israel/O menyerang/O DPR/B-ORG`` +
    NER-UGM ``Israel/B-LOC menyerang/O DPR/O`` -> ``Israel/B-LOC menyerang/O DPR/B-ORG``."""
    starts, ends = {}, {}
    for i, (a, b) in enumerate(_key_bounds(kept)):
        if a < b:  # punctuation has no letters to anchor a span on
            starts.setdefault(a, i)
            ends[b] = i + 1
    tags = [t for _, t in kept]
    for a, b, label in _key_spans(other):
        i, j = starts.get(a), ends.get(b)
        if i is not None and j is not None and i < j and all(t == "O" for t in tags[i:j]) and \
                (j == len(tags) or not tags[j].startswith("I-")):
            tags[i:j] = ["B-" + label] + ["I-" + label] * (j - i - 1)
    return [(w, t) for (w, _), t in zip(kept, tags)]


def one_version_per_sentence(read: dict[str, tuple[list, list | None]], merge: bool = False):
    """``read`` (corpus -> (train sentences, given dev sentences or None)) with every sentence that
    several corpora hold kept only in the first of them in ``SHARED_SENTENCE_ORDER``; with ``merge``
    that version also takes the other versions' spans (``merge_versions``). Returns the kept
    corpora and the (corpus, sentence) versions left out."""
    keyed = {name: [None if part is None else [(sentence_key(s), s) for s in part] for part in parts]
             for name, parts in read.items()}
    owner: dict[str, str] = {}
    for name in sorted(keyed, key=SHARED_SENTENCE_ORDER.index):
        for part in keyed[name]:
            for key, _ in part or []:
                owner.setdefault(key, name)
    left_out = [(name, key, s) for name, parts in keyed.items() for part in parts for key, s in part or []
                if owner[key] != name]
    others: dict[str, list] = {}
    for name, key, sent in sorted(left_out, key=lambda item: SHARED_SENTENCE_ORDER.index(item[0])):
        others.setdefault(key, []).append(sent)

    def version(key, sent):
        for other in others.get(key, []) if merge else []:
            sent = merge_versions(sent, other)
        return sent

    kept = {name: tuple(None if part is None else [version(key, s) for key, s in part if owner[key] == name]
                        for part in parts) for name, parts in keyed.items()}
    return kept, [(name, s) for name, _, s in left_out]


def retokenise(sent: list[tuple[str, str]], split_word) -> list[tuple[str, str]]:
    """The sentence in the runtime tokenizer's words (``split_word``: word -> its pieces), so that
    the model is trained and scored on the words it will see: idner writes ``(SBY)`` and
    ``Jokowi-JK`` as one word, which the extractor reads as ``(`` ``SBY`` ``)``. A span keeps every
    piece of its words except punctuation split off at its edges (``(SBY)/B-PER`` ->
    ``(/O SBY/B-PER )/O``; a closing bracket stays when its opening one is inside the span); an
    O or unknown word's pieces keep its tag."""
    words, tags, pieces_at = [], [], []
    for w, t in sent:
        pieces = split_word(w) or [w]
        pieces_at.append((len(words), len(words) + len(pieces)))
        words += pieces
        tags += [t if t is None or not t.startswith(("B-", "I-")) else "O"] * len(pieces)
    for i, j, label in spans_of([t if t is not None else "O" for _, t in sent]):
        start, end = pieces_at[i][0], pieces_at[j - 1][1]
        while start < end - 1 and start < pieces_at[i][1] - 1 and not _word_key(words[start]):
            start += 1
        while end - 1 > start and end > pieces_at[j - 1][0] + 1 and not _word_key(words[end - 1]) and \
                not (words[end - 1] == ")" and "(" in words[start:end - 1]):
            end -= 1
        tags[start:end] = ["B-" + label] + ["I-" + label] * (end - start - 1)
    return list(zip(words, tags))


def split_bracketed_alias(sent: list[tuple[str, str]], name_parts: frozenset = frozenset()) -> list[tuple[str, str]]:
    """A short form in brackets that ends a span is a mention of its own, the brackets outside
    (ANNOTATION.md: an acronym is an alias; NER-UI and NERGRIT write it so, idner and NER-UGM
    mostly as one span): ``Uni/B-ORG Eropa/I-ORG (EU)/I-ORG`` -> ``Uni Eropa`` + ``( EU )`` with
    ``EU`` B-ORG, and the same for ``Komisi/B-ORG Pemilihan/I-ORG Umum/I-ORG (/I-ORG KPU/I-ORG
    )/I-ORG``. Brackets that hold a part of the name stay (``name_parts``: ``PT PLN ( Persero )``),
    as do brackets inside a span (``Kabinet Indonesia Bersatu (KIB) II``)."""
    out: list[tuple[str, str]] = []
    pos = 0
    for start, end, label in spans_of([t for _, t in sent]):
        out += sent[pos:start]
        pos = end
        span = sent[start:end]
        last = span[-1][0]
        if len(span) > 1 and len(last) > 2 and last[0] == "(" and last[-1] == ")":  # glued: `(EU)`
            span = span[:-1] + [(piece, "I-" + label) for piece in ("(", last[1:-1], ")")]
        words = [w for w, _ in span]
        opening = len(words) - 1 - words[::-1].index("(") if "(" in words[1:] else -1  # the last one
        inner = words[opening + 1:-1]
        if opening > 0 and words[-1] == ")" and inner and ")" not in inner and not set(inner) & name_parts:
            out += span[:opening] + [("(", "O")]
            out += [(w, ("B-" if k == 0 else "I-") + label) for k, w in enumerate(inner)] + [(")", "O")]
        else:
            out += sent[start:end]
    return out + sent[pos:]


def harmonise(sent: list[tuple[str, str]], honorifics: set[str], heads: dict | None = None,
              name_parts: frozenset = frozenset(), split_brackets: bool = True) -> list[tuple[str, str]]:
    """Map a corpus sentence toward the project guideline (ANNOTATION.md, close to CoNLL):

    - honorifics that open a PER span go outside it: ``Pak/B-PER Anis/I-PER`` -> O, B-PER;
    - with ``split_brackets``, a short form in brackets at a span's end is its own mention
      (``split_bracketed_alias``; ``name_parts``: words that belong to the name in brackets too,
      ``( Persero )``); without it the corpus's span stays as annotated;
    - with ``heads`` (``harmonise_types``): a span opening with an organisation head
      (``SMA``, ``Kementerian``) is ORG, one opening with a place head (``Kabupaten``) is LOC, and a
      unit head right before a place (``Pemkot/O Bandung/B-LOC``) joins it as one ORG.
    """
    tags = [t for _, t in sent]
    words = [w for w, _ in sent]
    for i in range(len(tags)):
        if tags[i] == "B-PER" and words[i].rstrip(".").casefold() in honorifics:
            if i + 1 < len(tags) and tags[i + 1] == "I-PER":
                tags[i] = "O"
                tags[i + 1] = "B-PER"
    if heads:
        for i in range(len(tags)):
            if not tags[i].startswith("B-"):
                continue
            label = heads["org"].get(words[i]) and "ORG" or (words[i] in heads["loc"] and "LOC") or tags[i][2:]
            if i > 0 and tags[i - 1] == "O" and heads["org"].get(words[i - 1]) == "pattern" and tags[i] == "B-LOC":
                tags[i - 1], label = "B-ORG", "ORG"
                tags[i] = "I-ORG"
            j = i if tags[i].startswith("B-") else i - 1
            tags[j] = "B-" + label
            k = j + 1
            while k < len(tags) and tags[k].startswith("I-"):
                tags[k] = "I-" + label
                k += 1
    sent = list(zip(words, tags))
    return split_bracketed_alias(sent, name_parts) if split_brackets else sent


def fix_iob(tags: list) -> list:
    """An I- tag that does not continue a span of its type opens one (some corpora have them);
    ``None`` (unknown) stays."""
    out = []
    for i, t in enumerate(tags):
        if t is not None and t.startswith("I-") and (i == 0 or (out[-1] or "")[2:] != t[2:]):
            t = "B-" + t[2:]
        out.append(t)
    return out


def to_docbin(nlp, sents, path: Path, tagged=()):
    """``sents`` as NER docs; ``tagged`` (words, tags) sentences as docs with tags and no entity
    annotation (the auxiliary tasks: the NER loss skips them, the tagger learns from them)."""
    from spacy.tokens import Doc, DocBin

    db = DocBin(store_user_data=False)
    for sent in sents:
        words = [w for w, _ in sent]
        tags = fix_iob([None if t in (None, "-") else t if t[:2] in ("B-", "I-") else "O" for _, t in sent])
        doc = Doc(nlp.vocab, words=words, ents=tags)
        db.add(doc)
    for words, tags in tagged:
        db.add(Doc(nlp.vocab, words=words, tags=tags))
    db.to_disk(path)


AUX_TASKS = ("ud", "nerp")
AUX_COMPONENT = "aux_tagger"


def aux_sentences(data: Path, task: str) -> list[tuple[list[str], list[str]]]:
    """(words, tags) sentences of an auxiliary tagging task, whose labels the NER never sees:

    - ``ud``: the UD treebank sentences with their UPOS (``Amerika/PROPN Serikat/PROPN``);
    - ``nerp``: NERP's training sentences as released (lower-cased) with NERP's own labels
      (``nerp:B-PPL``, ``nerp:B-IND``), so its guideline (products as ``IND``, no capitals) cannot
      conflict with the NER's while its names still train the shared tok2vec."""
    from ud import tagged_sentences

    if task == "ud":
        return [(words, tags) for path in sorted((data / "ud").glob("*.conllu"))
                for _, words, tags in tagged_sentences(path) if words]
    if task == "nerp":
        return [([w for w, _ in s], ["nerp:" + t for _, t in s])
                for f in CORPORA["nerp"][0] for s in read_conll(data / "ner" / f, column=2)]
    raise ValueError(f"unknown auxiliary task {task!r}; choose from {AUX_TASKS}")


def spans_of(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) of the IOB2 spans: ``B-PER I-PER O`` -> ``[(0, 2, "PER")]``."""
    out = []
    for i, t in enumerate(fix_iob(list(tags))):
        if t.startswith("B-"):
            j = i + 1
            while j < len(tags) and tags[j] == "I-" + t[2:]:
                j += 1
            out.append((i, j, t[2:]))
    return out


def mask_unlabelled_names(sents, min_labelled: int = 3, min_share: float = 0.5):
    """Mark as unknown (``None``) the unlabelled occurrences of names the corpora label elsewhere.

    The corpora leave some names unannotated (idner: ``Israel`` labelled 7 times, left O 27
    times; NER-UGM: ``DPR``, ``Jokowi``). A capitalised word sequence that is a whole entity in at
    least ``min_labelled`` training sentences and in at least ``min_share`` of its occurrences is
    neither taught as O nor as a name where it is left unlabelled: its tokens become missing
    values, which spaCy's NER loss skips."""
    labelled: Counter = Counter()
    for sent in sents:
        tags = [t for _, t in sent]
        for i, j, _ in spans_of(tags):
            labelled[tuple(w for w, _ in sent[i:j])] += 1
    names = {k for k, n in labelled.items() if n >= min_labelled and k[0][:1].isupper()}
    longest = max(map(len, names), default=0)
    unlabelled: Counter = Counter()
    found = []
    for s_idx, sent in enumerate(sents):
        words = [w for w, _ in sent]
        for i in range(len(sent)):
            for n in range(min(longest, len(sent) - i), 0, -1):
                key = tuple(words[i:i + n])
                if key in names and all(t == "O" for _, t in sent[i:i + n]) and \
                        (i + n == len(sent) or sent[i + n][1] == "O" or sent[i + n][1].startswith("B-")):
                    unlabelled[key] += 1
                    found.append((s_idx, i, i + n, key))
                    break
    masked = {k for k in unlabelled if labelled[k] >= min_share * (labelled[k] + unlabelled[k])}
    out = [list(s) for s in sents]
    count = 0
    for s_idx, i, j, key in found:
        if key in masked:
            for k in range(i, j):
                out[s_idx][k] = (out[s_idx][k][0], None)
            count += 1
    print(f"masked {count} unlabelled occurrences of {len(masked)} names", flush=True)
    return out


def replace_mentions(sents, copies: int, seed: int):
    """``copies`` extra versions of every sentence with names, each name swapped for a random
    training name of the same type: ``Gubernur/O Anies/B-PER Baswedan/I-PER`` ->
    ``Gubernur/O Ridwan/B-PER Kamil/I-PER``. The context words and their tags stay as they are,
    so the model sees more names in the contexts it learns from (mention replacement, Dai & Adel
    2020). Sentences with unknown tags (``None``) are not copied."""
    pool: dict[str, set] = {}
    for sent in sents:
        tags = [t for _, t in sent]
        if None in tags:
            continue
        for i, j, label in spans_of(tags):
            pool.setdefault(label, set()).add(tuple(w for w, _ in sent[i:j]))
    names = {label: sorted(found) for label, found in pool.items()}
    rng = random.Random(f"{seed}-replace-mentions")
    extra = []
    for sent in sents:
        tags = [t for _, t in sent]
        spans = [] if None in tags else spans_of(tags)
        for _ in range(copies if spans else 0):
            new, pos = [], 0
            for i, j, label in spans:
                new += sent[pos:i]
                new += [(w, ("B-" if k == 0 else "I-") + label) for k, w in enumerate(rng.choice(names[label]))]
                pos = j
            extra.append(new + sent[pos:])
    print(f"mention replacement: {len(extra)} extra sentences from "
          f"{ {label: len(v) for label, v in sorted(names.items())} } names", flush=True)
    return extra


def write_conll(sents, path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for sent in sents:
            fh.write("".join(f"{w}\t{t}\n" for w, t in sent) + "\n")


def casing_table(data: Path) -> dict[str, str]:
    """lower-case form -> most frequent written form, from the cased NER corpora and UD treebanks."""
    counts: dict[str, Counter] = {}
    files = [data / "ner" / f for name in CORPORA if name not in LOWERCASED for f in CORPORA[name][0]]
    for path in files:
        for sent in read_conll(path):
            for i, (w, _) in enumerate(sent):
                if i > 0:  # sentence-initial capitals say nothing about the word
                    counts.setdefault(w.casefold(), Counter())[w] += 1
    for path in sorted((data / "ud").glob("*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) > 2 and cols[0].isdigit() and cols[0] != "1":
                counts.setdefault(cols[1].casefold(), Counter())[cols[1]] += 1
    return {k: most_usual_form(k, c) for k, c in counts.items()}


def most_usual_form(lower: str, forms: Counter) -> str:
    """The most frequent form; the lower-case one wins a tie (one ``Ayam`` in a dish name against
    one ``ayam`` leaves ``ayam`` lower case).

    >>> most_usual_form("ayam", Counter({"Ayam": 1, "ayam": 1})), most_usual_form("kpk", Counter({"KPK": 9, "kpk": 1}))
    ('ayam', 'KPK')
    """
    form, n = forms.most_common(1)[0]
    return lower if forms.get(lower, 0) >= n else form


def truecase(sent: list[tuple[str, str]], table: dict[str, str]) -> list[tuple[str, str]]:
    """Restore capitals in a lower-cased sentence: known words take their usual form, entity
    words unknown to the table are capitalised, the first word is capitalised."""
    out = []
    for i, (w, tag) in enumerate(sent):
        form = table.get(w.casefold())
        if form is None:
            form = w[:1].upper() + w[1:] if tag != "O" else w
        elif tag != "O" and form.islower():
            form = form[:1].upper() + form[1:]
        if i == 0 or (out and out[-1][0] in {".", "!", "?"}):
            form = form[:1].upper() + form[1:]
        out.append((form, tag))
    return out


def lowercase(sent: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The sentence as caseless text would write it: ``Presiden/O Joko/B-PER`` -> ``presiden``, ``joko``."""
    return [(w.lower(), t) for w, t in sent]


def prepare(data: Path, work: Path, corpora: list[str], seed: int, harmonise_types: bool = False,
            without: dict[str, set[str]] | None = None, caseless: bool = False,
            mask_unlabelled: bool = False, augment: int = 0, train_on_dev: str | None = None,
            extra_train: list[Path] | None = None, aux: list[str] | None = None,
            shared: str = "all", split_brackets: bool = True) -> dict[str, int]:
    """Write the train/dev files. ``caseless``: every corpus lower-cased (the lower-cased ones are
    taken as released, not truecased), and every corpus's dev split picks the checkpoint.
    ``train_on_dev``: ``a`` or ``b`` trains on that seeded half of every dev split too and keeps the
    other half as dev (two-fold estimate of what the dev sentences add); ``all`` trains on every
    dev sentence, so the dev scores are no longer held out. ``extra_train``: CoNLL files whose
    sentences are added to the training set only (``training/pseudo_label.py`` writes them).
    ``aux``: auxiliary tagging tasks (``aux_sentences``) added to the training set.
    ``shared``: what becomes of a sentence that several corpora hold (``one_version_per_sentence``):
    ``all``, every version (the default: E40 in EXPERIMENTS.md); ``merge``, one version with the
    spans of all; ``first``, the first corpus's version. Either way no training sentence is a
    version of a dev sentence. ``split_brackets``: see ``harmonise``."""
    import spacy

    nlp = spacy.blank("id")
    customise_tokenizer(nlp)  # the runtime tokenizer, for the words the docs are written in
    honorifics = {h.rstrip(".").casefold() for h in load_list("honorifics")}
    name_parts = frozenset(load_list("org_tails"))  # ``PT PLN ( Persero )`` keeps its brackets
    heads = {"org": dict(load_table("org_heads")), "loc": set(load_list("loc_heads"))} if harmonise_types else None
    table = casing_table(data) if LOWERCASED & set(corpora) and not caseless else {}
    work.mkdir(parents=True, exist_ok=True)
    train_all, sizes, dev_keys = [], {}, set()

    @lru_cache(maxsize=None)
    def split_word(word):  # each distinct corpus word is tokenised once
        return [t.text for t in nlp.make_doc(word)]

    def in_runtime_words(sents):  # the docs are trained and scored on; the CoNLL files keep the corpus words
        return [retokenise(s, split_word) for s in sents]

    def clean(sent, name=None):
        sent = harmonise(sent, honorifics, heads, name_parts, split_brackets)
        if caseless:
            return lowercase(sent)
        return truecase(sent, table) if name in LOWERCASED else sent

    read = {name: ([s for f in CORPORA[name][0] for s in read_conll(data / "ner" / f)],
                   read_conll(data / "ner" / CORPORA[name][1]) if CORPORA[name][1] else None) for name in corpora}
    read, other_versions = one_version_per_sentence(read, merge=shared == "merge")
    for name in corpora:
        sents = [clean(s, name) for s in read[name][0]]
        dropped = (without or {}).get(name)
        if dropped:  # sentences whose annotation of these types disagrees with the guideline
            sents = [s for s in sents if not any(tag[2:] in dropped for _, tag in s)]
        if read[name][1] is not None:
            dev = [clean(s, name) for s in read[name][1]]
        else:
            rng = random.Random(f"{seed}-{name}")
            order = list(range(len(sents)))
            rng.shuffle(order)
            n_dev = int(len(sents) * DEV_SHARE)
            dev_idx = set(order[:n_dev])
            dev = [s for i, s in enumerate(sents) if i in dev_idx]
            sents = [s for i, s in enumerate(sents) if i not in dev_idx]
        if train_on_dev and picks_checkpoint(name, caseless):
            trained, dev = dev_halves(dev, train_on_dev, seed, name)
            sents = sents + trained
        to_docbin(nlp, in_runtime_words(dev), work / f"dev.{name}.spacy")
        write_conll(dev, work / f"dev.{name}.conll")  # for benchmarks/ner.py, which joins the words as text
        train_all += sents
        sizes[name] = {"train": len(sents), "dev": len(dev)}
        dev_keys.update(sentence_key(s) for s in dev)
    if shared == "all":
        train_all += [clean(s, name) for name, s in other_versions]
    n_train = len(train_all)
    if train_on_dev != "all":  # with "all" the dev sentences are training sentences by design
        train_all = [s for s in train_all if sentence_key(s) not in dev_keys]
    sizes["shared"] = {"mode": shared, "versions_left_out": 0 if shared == "all" else len(other_versions),
                       "copies_of_dev_left_out": n_train - len(train_all)}
    corpus_keys = dev_keys | {sentence_key(s) for s in train_all}
    for path in extra_train or []:  # NERP holds NER-UGM's sentences: no second version, none of a dev sentence
        extra = [clean(s) for s in read_conll(path)]
        kept = [s for s in extra if sentence_key(s) not in corpus_keys]
        train_all += kept
        sizes[path.name] = {"train": len(kept), "dev": 0, "versions_left_out": len(extra) - len(kept)}
    random.Random(seed).shuffle(train_all)
    if mask_unlabelled:
        train_all = mask_unlabelled_names(train_all)
    train_docs = train_all
    if augment:  # the raw text for pretraining below stays the corpora's own
        train_docs = train_all + replace_mentions(train_all, augment, seed)
        random.Random(f"{seed}-augmented").shuffle(train_docs)
    tagged = []
    for task in aux or []:
        found = aux_sentences(data, task)
        tagged += found
        sizes[f"aux:{task}"] = {"train": len(found), "dev": 0}
    to_docbin(nlp, in_runtime_words(train_docs), work / "train.spacy", tagged)
    if not caseless:
        write_raw_text(data, work / "raw.jsonl", train_all, table or casing_table(data), corpora)
    # the combined dev set that picks the best checkpoint
    from spacy.tokens import DocBin

    dev_all = DocBin()
    for name in [c for c in corpora if picks_checkpoint(c, caseless)]:
        dev_all.merge(DocBin().from_disk(work / f"dev.{name}.spacy"))
    dev_all.to_disk(work / "dev.spacy")
    return sizes


def picks_checkpoint(name: str, caseless: bool) -> bool:
    """Whether the corpus's dev split is in the dev set that picks the checkpoint: every corpus for
    the caseless model, the cased corpora only for the cased one."""
    return caseless or name not in LOWERCASED


def dev_halves(dev: list, part: str, seed: int, name: str) -> tuple[list, list]:
    """(sentences to train on, sentences kept as dev) of one corpus's dev split: ``a`` trains on a
    seeded half and keeps the other, ``b`` the reverse, ``all`` trains on all and keeps all."""
    if part == "all":
        return dev, dev
    order = list(range(len(dev)))
    random.Random(f"{seed}-{name}-halves").shuffle(order)
    half_a = set(order[: len(dev) // 2])
    a = [s for i, s in enumerate(dev) if i in half_a]
    b = [s for i, s in enumerate(dev) if i not in half_a]
    return (a, b) if part == "a" else (b, a)


def write_raw_text(data: Path, path: Path, train_sents, table: dict[str, str], corpora: list[str]) -> int:
    """Unlabelled text for ``spacy pretrain``: the training sentences, the training sentences of
    the lower-cased corpora when they are not trained on (truecased), and the UD treebank texts.
    No dev sentence of any NER corpus is included, unless ``--train-on-dev`` put it in training."""
    texts = [" ".join(w for w, _ in s) for s in train_sents]
    for name in sorted(LOWERCASED - set(corpora)):
        texts += [" ".join(w for w, _ in truecase(s, table)) for f in CORPORA[name][0] for s in read_conll(data / "ner" / f)]
    for ud in sorted((data / "ud").glob("*.conllu")):
        texts += [line[len("# text = "):] for line in ud.read_text(encoding="utf-8").splitlines() if line.startswith("# text = ")]
    with path.open("w", encoding="utf-8") as fh:
        for text in texts:
            fh.write(json.dumps({"text": text}, ensure_ascii=False) + "\n")
    return len(texts)


def pretrain_config(config: Path, work: Path) -> Path:
    """``config`` filled with spaCy's default [pretraining] block (character objective)."""
    filled = work / "pretrain.cfg"
    subprocess.run([sys.executable, "-m", "spacy", "init", "fill-config", str(config), str(filled), "--pretraining"],
                   check=True, stdout=subprocess.DEVNULL)
    return filled


def own_lists() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The project's own knowledge for ``--name-features own`` (``extractor/lang/id``): names
    (agencies with their short forms and outlets as ORG, places and their short forms as LOC)
    and the words that open ORG/LOC names (the first word of each ``org_heads``/``loc_heads`` entry)."""
    agencies = load_table("agencies")
    names = {"ORG": sorted(set(agencies) | set(agencies.values()) | set(load_list("outlets"))),
             "LOC": sorted(set(load_list("places")) | set(load_table("place_aliases")))}
    heads = {"ORG": sorted({h.split()[0] for h in load_table("org_heads")}),
             "LOC": sorted({h.split()[0] for h in load_list("loc_heads")})}
    return names, heads


def name_features_config(config: Path, data: Path, work: Path, kind: str, folded: bool = False) -> Path:
    """``config`` with the gazetteer feature (``extractor/nlp/name_features.py``): the word-list
    table built from ``DATA/gazetteers`` (``kind`` "names": also the whole names, matched in the
    text), a ``name_features`` component that runs before the tok2vec (also on the training
    docs), and ``TAG`` among the embedded attributes."""
    from spacy.util import load_config

    from build_gazetteer import read_lists
    from extractor.nlp.name_features import (FACTORY, NAMES_FILE, TABLE_FILE, hashed, name_types, name_word_bits,
                                             write_table)

    names = read_lists(data)
    heads = None
    if kind == "own":
        own, heads = own_lists()
        names = {label: found + own.get(label, []) for label, found in names.items()}
    if folded:  # for the caseless companion, which sees lower-cased text
        names = {label: [n.lower() for n in found] for label, found in names.items()}
        heads = heads and {label: [w.lower() for w in words] for label, words in heads.items()}
    table = work / TABLE_FILE
    write_table(hashed(name_word_bits(names, first_words=kind != "words", heads=heads)), table)
    init = {"table": str(table)}
    if kind != "words":
        init["names"] = str(work / NAMES_FILE)
        write_table(name_types(names), work / NAMES_FILE)
    cfg = load_config(config, interpolate=False)
    cfg["nlp"]["pipeline"] = [FACTORY] + list(cfg["nlp"]["pipeline"])
    cfg["components"][FACTORY] = {"factory": FACTORY, "folded": folded}
    embed = cfg["components"]["tok2vec"]["model"]["embed"]
    embed["attrs"] = list(embed["attrs"]) + ["TAG"]
    embed["rows"] = list(embed["rows"]) + [NAME_FEATURE_ROWS[kind]]
    cfg["training"]["annotating_components"] = [FACTORY]
    cfg["initialize"]["components"][FACTORY] = init
    out = work / "ner_name_features.cfg"
    cfg.to_disk(out, interpolate=False)
    return out


def aux_tagger_config(config: Path, work: Path) -> Path:
    """``config`` with a tagger for the auxiliary tasks (``aux_sentences``) that listens to the
    shared tok2vec. It only shapes the tok2vec during training: it does not pick the checkpoint
    (no score weight), and ``without_aux`` takes it out of the shipped model."""
    from spacy.util import load_config

    cfg = load_config(config, interpolate=False)
    cfg["nlp"]["pipeline"] = list(cfg["nlp"]["pipeline"]) + [AUX_COMPONENT]
    cfg["components"][AUX_COMPONENT] = {
        "factory": "tagger",
        "model": {"@architectures": "spacy.Tagger.v2", "nO": None, "normalize": False,
                  "tok2vec": {"@architectures": "spacy.Tok2VecListener.v1",
                              "width": "${components.tok2vec.model.encode.width}", "upstream": "*"}},
    }
    cfg["training"]["score_weights"]["tag_acc"] = None
    out = work / "ner_aux.cfg"
    cfg.to_disk(out, interpolate=False)
    return out


def without_aux(model_dir: Path, out: Path) -> None:
    """Write the pipeline in ``model_dir`` to ``out`` without the auxiliary tagger, if it has one
    (the tok2vec keeps what the tagger taught it; the NER runs exactly as in training)."""
    import spacy

    nlp = spacy.load(model_dir)
    if AUX_COMPONENT not in nlp.pipe_names:
        shutil.copytree(model_dir, out)
        return
    nlp.remove_pipe(AUX_COMPONENT)
    nlp.to_disk(out)


def pretrain(filled: Path, work: Path, overrides: list[str], epochs: int, seed: int) -> Path:
    """Pretrain the tok2vec weights on ``work/raw.jsonl`` and return the weights of the last
    epoch, for ``paths.init_tok2vec``."""
    out = work / "pretrain"
    if out.exists():
        shutil.rmtree(out)
    cmd = [sys.executable, "-m", "spacy", "pretrain", str(filled), str(out), "--paths.raw_text", str(work / "raw.jsonl"),
           "--system.seed", str(seed), "--pretraining.max_epochs", str(epochs)] + overrides
    print(" ".join(cmd), flush=True)
    subprocess.run(cmd, check=True)
    return out / f"model{epochs - 1}.bin"


def evaluate(model_dir: Path, work: Path, corpora: list[str]) -> dict:
    import spacy
    from spacy.tokens import DocBin
    from spacy.training import Example

    nlp = spacy.load(model_dir)
    out = {}
    for name in ["all"] + corpora:
        path = work / ("dev.spacy" if name == "all" else f"dev.{name}.spacy")
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        examples = [Example(nlp.make_doc(d.text), d) for d in docs]
        scores = nlp.evaluate(examples)
        out[name] = {
            "p": round(scores["ents_p"], 4), "r": round(scores["ents_r"], 4), "f1": round(scores["ents_f"], 4),
            "per_type": {k: {m: round(v[m], 4) for m in "prf"} for k, v in sorted(scores["ents_per_type"].items())},
            "sentences": len(docs),
        }
    return out


def benchmark(model_dir: Path, work: Path, corpora: list[str], repeats: int = 5, caseless: bool = False) -> dict:
    """``benchmarks/ner.py`` on the cased dev splits: scores through the whole extractor (mention
    rules and entity resolution included), speed (median of ``repeats``) and peak memory."""
    files = [str(work / f"dev.{c}.conll") for c in corpora if picks_checkpoint(c, caseless)]
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "ner.py"), *files, "--model", str(model_dir),
                          "--repeats", str(repeats), "--json"], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def words_per_second(model_dir: Path, work: Path, repeats: int = 3) -> float:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.load(model_dir)
    texts = [d.text for d in DocBin().from_disk(work / "dev.spacy").get_docs(nlp.vocab)]
    n_words = sum(len(nlp.make_doc(t)) for t in texts)
    best = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        best.append(time.perf_counter() - t0)
    best.sort()
    return round(n_words / best[len(best) // 2])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="folder with ner/ (default ../shared/data)")
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "id_news_ner")
    ap.add_argument("--work", type=Path, default=ROOT / "training" / "work", help="scratch folder (gitignored)")
    ap.add_argument("--config", type=Path, default=ROOT / "training" / "ner.cfg")
    ap.add_argument("--corpora", default=",".join(DEFAULT_CORPORA), help=f"comma-separated, from {sorted(CORPORA)}")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="config override passed to spacy train, e.g. training.dropout=0.3")
    ap.add_argument("--skip-train", action="store_true", help="only re-score the model in --work/output")
    ap.add_argument("--harmonise-types", action="store_true",
                    help="re-type spans by head word (schools/offices ORG, regions LOC); off for the shipped model")
    ap.add_argument("--pretrain-epochs", type=int, default=0,
                    help="first pretrain the tok2vec on the raw text for this many epochs (0: no pretraining)")
    ap.add_argument("--init-tok2vec", type=Path, default=None,
                    help="with --pretrain-epochs: use these pretrained weights (a model<N>.bin of an earlier run) "
                         "instead of pretraining again")
    ap.add_argument("--without", action="append", default=[], metavar="CORPUS:TYPE",
                    help="leave out the training sentences of CORPUS that hold a TYPE span (e.g. nerp:ORG, whose "
                         "ORG mixes companies with products); repeatable")
    ap.add_argument("--caseless", action="store_true",
                    help="train the model for text without capitals: every corpus lower-cased, NERP as released "
                         "(use with --corpora including nerp and --out models/id_news_ner/caseless)")
    ap.add_argument("--mask-unlabelled", action="store_true",
                    help="leave the unlabelled occurrences of names labelled elsewhere in training unknown "
                         "instead of O (the dev splits keep their annotation)")
    ap.add_argument("--augment", type=int, default=0, metavar="N",
                    help="add N copies of every training sentence with names, each name replaced by another "
                         "training name of the same type (0: none)")
    ap.add_argument("--name-features", choices=sorted(NAME_FEATURE_ROWS), default=None,
                    help="give the model the DBpedia name lists as a feature (extractor/nlp/name_features.py): "
                         "'words', the lists that hold each word; 'names', also the whole listed names in the text; 'own', names plus the project's "
                         "agencies, outlets, places and ORG/LOC head words (extractor/lang/id)")
    ap.add_argument("--train-on-dev", choices=["a", "b", "all"], default=None,
                    help="also train on dev sentences: 'a' or 'b', a seeded half of every dev split (the other half "
                         "stays dev: run both and add up the two halves' counts); 'all', every dev sentence (the "
                         "dev scores are then not held out: fix training.max_steps and use --last)")
    ap.add_argument("--extra-train", type=Path, action="append", default=[], metavar="FILE.conll",
                    help="more training sentences (token<TAB>tag), e.g. from training/pseudo_label.py; repeatable")
    ap.add_argument("--aux", default="", metavar="TASKS",
                    help=f"comma-separated auxiliary tagging tasks from {list(AUX_TASKS)} that train the shared "
                         "tok2vec beside the NER and are left out of the shipped model: 'ud', the UPOS tags of the "
                         "UD treebanks; 'nerp', NERP's own labels on its lower-cased sentences")
    ap.add_argument("--shared-sentences", choices=["merge", "first", "all"], default="all",
                    help="a sentence that several corpora hold (idner re-annotates 1,431 NER-UGM sentences): 'all' "
                         "(default), every version (news +1.9 and +2.3 over 'merge', paired by seed, E40); "
                         "'merge', one version with the spans of all (where two label the same words, the first "
                         "corpus in SHARED_SENTENCE_ORDER decides); 'first', that corpus's version only. "
                         "Versions of dev sentences are never trained on")
    ap.add_argument("--bracketed-short-forms", choices=["own", "as-annotated"], default="own",
                    help="a short form in brackets that ends a span (`Komisi Pemilihan Umum (KPU)`): 'own' (default), "
                         "a mention of its own, brackets outside; 'as-annotated', the corpus's span unchanged "
                         "(E42a in EXPERIMENTS.md)")
    ap.add_argument("--last", action="store_true", help="ship the last checkpoint, not the best one on dev")
    ap.add_argument("--prepare-only", action="store_true", help="only write the train/dev files to --work")
    args = ap.parse_args(argv)
    corpora = [c for c in args.corpora.split(",") if c]
    unknown = set(corpora) - set(CORPORA)
    if unknown:
        ap.error(f"unknown corpora {sorted(unknown)}; choose from {sorted(CORPORA)}")
    if not (args.data / "ner").is_dir():
        ap.error(f"{args.data / 'ner'} does not exist; pass --data pointing at shared/data")
    missing = [str(p) for p in args.extra_train if not p.is_file()]
    if missing:
        ap.error(f"--extra-train: no such file {', '.join(missing)}")
    aux = [t for t in args.aux.split(",") if t]
    if set(aux) - set(AUX_TASKS):
        ap.error(f"--aux: unknown tasks {sorted(set(aux) - set(AUX_TASKS))}; choose from {list(AUX_TASKS)}")
    if "nerp" in aux and "nerp" in corpora:
        ap.error("--aux nerp trains on NERP's own labels: leave nerp out of --corpora")
    if args.train_on_dev == "all" and not args.last and not args.skip_train:
        ap.error("--train-on-dev all trains on the dev set that picks the best checkpoint: "
                 "fix --set training.max_steps=N and pass --last")

    without: dict[str, set[str]] = {}
    for item in args.without:
        corpus, _, label = item.partition(":")
        without.setdefault(corpus, set()).add(label)
    sizes = prepare(args.data, args.work, corpora, args.seed, harmonise_types=args.harmonise_types, without=without,
                    caseless=args.caseless, mask_unlabelled=args.mask_unlabelled, augment=args.augment,
                    train_on_dev=args.train_on_dev, extra_train=args.extra_train, aux=aux,
                    shared=args.shared_sentences, split_brackets=args.bracketed_short_forms == "own")
    print("corpora:", json.dumps(sizes), flush=True)
    if args.prepare_only:
        return 0
    output = args.work / "output"
    t0 = time.time()
    overrides = []
    for item in args.set:
        key, _, value = item.partition("=")
        overrides += [f"--{key}", value]
    train_config = args.config
    if args.pretrain_epochs and not args.skip_train:
        # spaCy loads init_tok2vec only when the config has a [pretraining] block, so training
        # uses the filled config too
        train_config = pretrain_config(args.config, args.work)
        weights = args.init_tok2vec or pretrain(train_config, args.work, overrides, args.pretrain_epochs, args.seed)
        overrides += ["--paths.init_tok2vec", str(weights)]
    if args.name_features and not args.skip_train:
        train_config = name_features_config(train_config, args.data, args.work, args.name_features, args.caseless)
    if aux and not args.skip_train:
        train_config = aux_tagger_config(train_config, args.work)
    if not args.skip_train:
        cmd = [sys.executable, "-m", "spacy", "train", str(train_config), "--output", str(output), "--code", str(SPACY_CODE),
               "--paths.train", str(args.work / "train.spacy"), "--paths.dev", str(args.work / "dev.spacy"),
               "--system.seed", str(args.seed), "--nlp.lang", "id"] + overrides
        print(" ".join(cmd), flush=True)
        subprocess.run(cmd, check=True)
    minutes_file = output / "train_minutes.txt"  # kept so that --skip-train can rewrite the card
    if not args.skip_train:
        minutes_file.write_text(f"{(time.time() - t0) / 60:.1f}\n")
    train_minutes = float(minutes_file.read_text()) if minutes_file.exists() else None

    best = output / ("model-last" if args.last else "model-best")
    kept = args.work / "kept-caseless"  # the caseless companion survives a retrained cased model
    if kept.exists():
        shutil.rmtree(kept)
    if (args.out / CASELESS_DIR).exists() and not args.caseless:
        shutil.move(args.out / CASELESS_DIR, kept)
    if args.out.exists():
        shutil.rmtree(args.out)
    without_aux(best, args.out)
    if kept.exists():
        shutil.move(kept, args.out / CASELESS_DIR)
    scores = evaluate(args.out, args.work, corpora)
    wps = words_per_second(args.out, args.work)
    bench = benchmark(args.out, args.work, corpora, caseless=args.caseless)
    size_mb = round(sum(p.stat().st_size for p in args.out.rglob("*")  # this model, not the companion inside it
                        if p.is_file() and CASELESS_DIR not in p.relative_to(args.out).parts[:1]) / 1e6, 1)
    report = {"corpora": sizes, "dev": scores, "words_per_second": wps, "size_mb": size_mb,
              "train_minutes": train_minutes, "seed": args.seed, "config": args.config.name,
              "overrides": args.set, "pretrain_epochs": args.pretrain_epochs, "benchmark": bench,
              "caseless": args.caseless, "mask_unlabelled": args.mask_unlabelled, "augment": args.augment, "name_features": args.name_features, "corpora_arg": args.corpora,
              "train_on_dev": args.train_on_dev, "last": args.last,
              "extra_train": [str(p) for p in args.extra_train], "aux": aux,
              "shared_sentences": args.shared_sentences, "bracketed_short_forms": args.bracketed_short_forms}
    (args.out / "scores.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    card = caseless_card(report) if args.caseless else model_card(report)
    (args.out / "MODEL_CARD.md").write_text(card, encoding="utf-8")
    print(json.dumps(report["dev"]["all"], indent=1))
    print(f"words/second {wps}, size {size_mb} MB -> {args.out}")
    return 0


NAME_FEATURES_CARD = """
Knowledge: the `name_features` component (`extractor/nlp/name_features.py`, before the tok2vec)
gives every word a tag saying which DBpedia name lists (`DATA/gazetteers`: persons,
organisations, places; Alfina et al. 2016, 2017) hold it in some name{names}, and the tok2vec
embeds that tag (`TAG`, {rows} hash rows) beside the word's form. The model learns how far to
trust the noisy lists; only 8-byte hashes of words and names are stored in `name_features/`.
Measured over three training seeds each (`training/EXPERIMENTS.md`, sixth session): dev F1
0.790 without the lists, 0.797 with the word masks, 0.802 with the whole names too.
"""
NAME_FEATURES_NAMES = (", whether it opens a listed name, and where it stands in a whole listed name matched in "
                       "the sentence (`Susilo Bambang Yudhoyono` -> `B-PER I-PER I-PER`)")
NAME_FEATURES_OWN = """The lists also hold the project's own knowledge (`extractor/lang/id`): the agencies with
their short forms and the news outlets as organisations, the places with their short forms as
places, and two more bits for words that open organisation and place names (`Polres`,
`Pemkab`; `Kabupaten`, `Jalan`).
"""


TRAINED_ON_DEV = """**This model was trained on the dev sentences too (`--train-on-dev all`): the scores below are
not held out and overstate its accuracy.**

"""


def rebuild_options(r: dict) -> str:
    """The options of the rebuild command in a model card, from the run's ``scores.json``."""
    options = "".join(f" \\\n    --set \"{o}\"" for o in r.get("overrides", []))
    if r.get("pretrain_epochs"):
        options += f" \\\n    --pretrain-epochs {r['pretrain_epochs']}"
    if r.get("name_features"):
        options += f" \\\n    --name-features {r['name_features']}"
    if r.get("train_on_dev"):
        options += f" \\\n    --train-on-dev {r['train_on_dev']}"
    if r.get("last"):
        options += " \\\n    --last"
    for path in r.get("extra_train", []):
        options += f" \\\n    --extra-train {path}"
    shared = r.get("shared_sentences", "all")  # runs from before the option recorded none: they kept every version
    if shared != "all":
        options += f" \\\n    --shared-sentences {shared}"
    if r.get("bracketed_short_forms", "own") != "own":
        options += f" \\\n    --bracketed-short-forms {r['bracketed_short_forms']}"
    if r.get("aux"):
        options += f" \\\n    --aux {','.join(r['aux'])}"
    return options


def corpus_rows(r: dict) -> str:
    """The model card's table rows of training and dev sentences per corpus, then a line on the
    shared sentences left out (``one_version_per_sentence``)."""
    rows = "\n".join(f"| {k} | {v['train']} | {v['dev']} |" for k, v in r["corpora"].items() if k != "shared")
    shared = r["corpora"].get("shared")
    if shared:
        rows += (f"\n\nShared sentences (`--shared-sentences {shared['mode']}`): {shared['versions_left_out']:,} versions "
                 f"of sentences that an earlier corpus in `SHARED_SENTENCE_ORDER` holds were left out as separate "
                 f"sentences, and {shared['copies_of_dev_left_out']:,} training copies of dev sentences.")
    return rows


def model_card(r: dict) -> str:
    rows = []
    for name, s in r["dev"].items():
        per = {t: s["per_type"].get(t, {}).get("f", 0.0) for t in ("PER", "ORG", "LOC")}
        rows.append(f"| {name} | {s['sentences']} | {s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f} | "
                    f"{per['PER']:.3f} | {per['ORG']:.3f} | {per['LOC']:.3f} |")
    sizes = corpus_rows(r)
    options = rebuild_options(r)
    bench = r.get("benchmark", {})
    speed = bench.get("speed", {})
    bench_rows = "\n".join(
        f"| {name} | {b['micro']['p']:.3f} | {b['micro']['r']:.3f} | {b['micro']['f1']:.3f} | "
        f"{b['PER']['f1']:.3f} | {b['ORG']['f1']:.3f} | {b['LOC']['f1']:.3f} |"
        for name, b in bench.get("scores", {}).items())
    errors = bench.get("scores", {}).get("all", {}).get("errors", {})
    error_rows = "\n".join(f"| {t} | " + " | ".join(str(v) for v in kinds.values()) + " |" for t, kinds in errors.items())
    features = ""
    if r.get("name_features"):
        features = NAME_FEATURES_CARD.format(names=NAME_FEATURES_NAMES if r["name_features"] != "words" else "",
                                             rows=NAME_FEATURE_ROWS.get(r["name_features"], 64))
        if r["name_features"] == "own":
            features += NAME_FEATURES_OWN
    return f"""# id_news_ner: Indonesian news NER (PER, ORG, LOC)

A spaCy pipeline (`tok2vec` + transition-based `ner`) for Indonesian news text, trained by
this project. Labels: `PER` (persons), `ORG` (organisations, agencies, companies, media),
`LOC` (places). Spans follow CoNLL: flat, maximal, titles and honorifics outside person names.

## Rebuild
```
pip install -e .
python training/train_ner.py --data ../shared/data --out models/id_news_ner --seed {r['seed']}{options}
```
Config: `training/{r['config']}` (CPU, no pretrained vectors). Training took {r['train_minutes']} min on 2 cores
(shared with other work).

## Data
| corpus | train sentences | dev sentences |
|---|---|---|
{sizes}

- NER-UI and NER-UGM via IndoLEM (Koto et al. 2020; Gultom & Wibowo 2017; Fachri 2014), news.
- NERGRIT via IndoNLU (Wilie et al. 2020); NERGRIT asks that its contributors and licence be credited.
- idner-news-2k (Khairunnisa et al. 2020), MIT licence, news.
- NERP via IndoNLU (Hoesen & Purwarianti 2018) is entirely lower-cased; it is not in the default
  mix (`--corpora` adds it).

Dev splits: a corpus's own validation file where it has one (NERGRIT), else a seeded 10 % sample.
Harmonisation: an honorific opening a PER span (`Pak`, `Dr.`, `H.`, list in
`extractor/lang/id/honorifics.txt`) is moved outside the span.

Shared sentences: idner-news-2k is a re-annotation of NER-UGM's sentences (1,431 of its 1,452 are
NER-UGM's; a third of them labelled differently), so each such sentence is kept once, before the
dev split, so that no dev sentence has a twin in training. Each corpus fills the other's gaps
(idner leaves most countries O, `Israel`, `Inggris`; NER-UGM leaves parties and state bodies O,
`DPR`, `Golkar`); where both label the same words, idner's standardised reading wins (`Wasekjen
Golkar Tantowi Yahya` is one PER in NER-UGM; ORG `Golkar` + PER `Tantowi Yahya` in idner). The
per-corpus table counts these sentences under idner, which leaves NER-UGM only its own.
{features}
## Dev scores (exact span and type, token-level input from the corpora)
{TRAINED_ON_DEV if r.get("train_on_dev") == "all" else ""}| dev set | sentences | P | R | F1 | PER F1 | ORG F1 | LOC F1 |
|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

## Through the extractor (`benchmarks/ner.py`)
The same dev sentences, tokens joined by spaces, each one article through `extract` (mention rules
of `extractor/mentions/` and entity resolution included); a mention counts when its offsets and
type are exact.

| dev set | P | R | F1 | PER F1 | ORG F1 | LOC F1 |
|---|---|---|---|---|---|---|
{bench_rows}

Why mentions fail (all dev sets; by gold type, by predicted type for spurious ones):

| type | wrong type | wrong boundary | both | missed | spurious |
|---|---|---|---|---|---|
{error_rows}

## Speed, memory and size
- NER pipeline alone: {speed.get('ner_tokens_per_s', 0):,} tokens/s ({speed.get('ner_articles_per_s', 0)} sentences/s), one process,
  median of 5 runs; whole extractor: {speed.get('full_tokens_per_s', 0):,} tokens/s. Peak RSS {speed.get('peak_rss_mb', 0)} MB.
- {r['words_per_second']:,} words/second for `nlp.pipe` over the dev sentences (batch 64, median of 3).
- Size on disk {r['size_mb']} MB.

## Text without capitals: the `caseless/` companion
This model relies on capitals: on lower-cased text it finds almost nothing. The folder
`caseless/` holds a second pipeline trained on all five corpora lower-cased (its own card and
scores: `caseless/MODEL_CARD.md`). The extractor sends a text to it when the text lacks case
(`lacks_case` in `extractor/nlp/spacy_backend.py`: under 2 % of the words that do not open a
sentence are capitalised, and the sentences open in lower case or the text has 50+ such words;
or 98 % of them are in capitals). It is loaded only at the first such text, and retraining this
model keeps it.

## Known weaknesses (error analysis on the dev splits and the 25 dev articles)
- ORG is the weakest type, NERGRIT the hardest corpus (its ORG and LOC spans follow their own
  guideline, and a third of its LOC errors are type confusions). Spurious and missed mentions
  outnumber boundary errors for every type: the model's main failure is not finding (or
  inventing) a name, not cutting it wrongly.
- Titles run into names (`Kabag Prokopim Faisal Ahmad`), agencies into persons (`DPR Irmawan`),
  addresses into places (`Kampung Naringgul RT 03 RW 09`); the mention rules repair these at
  run time (titled names, agency + name, address parts, ranks).
- The corpora disagree on schools, offices and regions (`SMA Negeri 4 Yogyakarta` is LOC in some,
  `Pemkot Bandung` has only `Bandung` as LOC); the project guideline (ANNOTATION.md) makes them
  ORG, so run-time rules and corpus dev scores pull in opposite directions (about -0.5 F1 on the
  corpus dev, several points gained on real articles).
- Countries and foreign names are sometimes PER (`Seychelles`, `Timor Leste`): fixed at run time
  by `extractor/lang/id/places.txt`.
- Scraped text: glued words (`Presidenprabowo`), headlines repeated as the first line and credit
  initials produce spurious names; the metadata stage ignores headlines, credits and boilerplate.
- Trained on ~6,300 sentences of sentence-level corpora; no pretrained vectors (tok2vec
  pretraining on the ~15,000 raw sentences available did not help, see `training/EXPERIMENTS.md`).
  The held-out target of the project (F1 0.88) is far above what this data gives a CPU model.
"""


CASELESS_NAME_FEATURES = """
Knowledge: the `name_features` component of the cased model (see `../MODEL_CARD.md`) in its
folded mode: the name lists are lower-cased, and a listed name may open with any word, since no
capital marks where a name starts. Dev F1 on the lower-cased dev splits (`training/EXPERIMENTS.md`,
C1 without the lists, C2 with them): 0.744 without, 0.768 and 0.767 with them (training seeds 0
and 1; this model is seed 0).
"""


def caseless_card(r: dict) -> str:
    """The model card of the caseless companion model (``--caseless``)."""
    rows = "\n".join(f"| {name} | {s['sentences']} | {s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f} | "
                     + " | ".join(f"{s['per_type'].get(t, {}).get('f', 0.0):.3f}" for t in ("PER", "ORG", "LOC")) + " |"
                     for name, s in r["dev"].items())
    sizes = corpus_rows(r)
    options = rebuild_options(r)
    knowledge = CASELESS_NAME_FEATURES if r.get("name_features") else ""
    speed = r.get("benchmark", {}).get("speed", {})
    return f"""# id_news_ner/caseless: Indonesian NER for text without capitals

The companion of `id_news_ner` for text whose capitals say nothing about names: all lower case
(`presiden joko widodo tiba di jakarta`) or all capitals. The extractor sends a text here when it
lacks case (`extractor/nlp/spacy_backend.py: lacks_case`), lower-cased, and keeps the entities on
the original text; every other text goes to the cased model. Same labels and guideline.

## Rebuild
```
python training/train_ner.py --data ../shared/data --caseless --corpora {r['corpora_arg']} \\
    --work training/work_caseless --out models/id_news_ner/{CASELESS_DIR} --seed {r['seed']}{options}
```
Config: `training/{r['config']}`. Training took {r['train_minutes']} min on 2 cores.
{knowledge}
## Data
All five corpora, lower-cased; NERP (Hoesen & Purwarianti 2018, via IndoNLU) as released, which
is lower-cased already. Sources and licences: `../MODEL_CARD.md`.

| corpus | train sentences | dev sentences |
|---|---|---|
{sizes}

## Dev scores (lower-cased dev splits, token-level input)
| dev set | sentences | P | R | F1 | PER F1 | ORG F1 | LOC F1 |
|---|---|---|---|---|---|---|---|
{rows}

## Speed and size
- Through the extractor with this model alone on the lower-cased dev sentences: NER
  {speed.get('ner_tokens_per_s', 0):,} tokens/s, whole extractor {speed.get('full_tokens_per_s', 0):,} tokens/s, peak RSS {speed.get('peak_rss_mb', 0)} MB.
- Size on disk {r['size_mb']} MB.

## Known weaknesses
- Without capitals, names that are also common words (`fajar`, `bunga`, `adil`) depend on context
  alone; NERP's `IND` label (mapped to ORG) mixes companies with products and platforms.
- The mention rules and the DBpedia lookup of the extractor look for capitals, so on caseless text
  the model's spans are all there is.
"""


if __name__ == "__main__":
    sys.exit(main())
