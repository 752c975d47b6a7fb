"""Label unlabelled sentences with a vote of trained NER models (for self-training).

    python training/pseudo_label.py --data ../shared/data --out training/work/ud.pseudo.conll \
        --model training/work_e15/output/model-best --model ... --min-votes 2
    python training/pseudo_label.py --text nerp --out training/work/nerp.filled.conll --model ...

The sentences are the UD treebank texts of ``DATA/ud`` (surface tokens, so ``rumahnya`` stays one
word as in the NER corpora), or with ``--text nerp`` NERP's training sentences, truecased as
``train_ner.py`` does. NERP's own person and place spans are kept (``--keep-gold``); its other
labels (``IND`` mixes companies with products, and state bodies such as ``KPK`` are O there) are
replaced by the models' organisations, and an ``IND`` span no voted organisation covers is unknown
(``-``), so that the capitalised words NERP says nothing about get labels again. A span is kept
when at least ``--min-votes`` models predict it with the same start, end and type; of overlapping
kept spans the one with more votes (then the shorter) wins. With ``--unsure-unknown`` (UD text
only), the words of spans too few models agree on are written ``-`` (unknown: the training loss
skips them) instead of ``O``. The output is ``token<TAB>IOB2
tag`` for ``train_ner.py --extra-train``.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import spacy_components  # noqa: E402,F401  (registers the project's components and architectures for spacy.load)
from train_ner import CORPORA, casing_table, read_conll, spans_of, truecase, write_conll  # noqa: E402
from ud import surface_sentences  # noqa: E402


def ud_sentences(ud_dir: Path) -> list[list[str]]:
    """Surface words of every sentence in the ``*.conllu`` files of ``ud_dir``."""
    return [words for path in sorted(ud_dir.glob("*.conllu")) for _, words in surface_sentences(path) if words]


def nerp_sentences(data: Path) -> list[list[tuple[str, str]]]:
    """NERP's training sentences truecased (``gubernur ahok`` -> ``gubernur Ahok``), with its tags."""
    table = casing_table(data)
    return [truecase(sent, table) for f in CORPORA["nerp"][0] for sent in read_conll(data / "ner" / f)]


def fill_gold(gold_tags: list[str], voted: list[tuple[int, int, str]], keep: set[str]) -> list[str]:
    """Gold spans of the ``keep`` types, plus the voted spans of other types that overlap none of
    them; a gold span of another type that no such voted span covers becomes unknown (``-``).

    >>> fill_gold(["B-PER", "O", "B-ORG", "I-ORG", "O", "B-ORG"], [(2, 4, "ORG"), (0, 1, "LOC")], {"PER", "LOC"})
    ['B-PER', 'O', 'B-ORG', 'I-ORG', 'O', '-']
    """
    gold = spans_of(gold_tags)
    kept = [s for s in gold if s[2] in keep]
    taken = {i for start, end, _ in kept for i in range(start, end)}
    added = [s for s in voted if s[2] not in keep and taken.isdisjoint(range(s[0], s[1]))]
    covered = {i for start, end, _ in added for i in range(start, end)}
    unsure = {i for start, end, label in gold if label not in keep for i in range(start, end)} - covered
    return iob(len(gold_tags), sorted(kept + added), unsure)


def vote(predictions: list[set[tuple[int, int, str]]], min_votes: int) -> list[tuple[int, int, str]]:
    """The spans at least ``min_votes`` of the predictions agree on, without overlaps.

    >>> vote([{(0, 2, "PER")}, {(0, 2, "PER"), (3, 4, "LOC")}, {(0, 1, "PER")}], 2)
    [(0, 2, 'PER')]
    """
    counts = Counter(span for spans in predictions for span in spans)
    kept, taken = [], set()
    for span in sorted((s for s, n in counts.items() if n >= min_votes), key=lambda s: (-counts[s], s[1] - s[0], s)):
        if taken.isdisjoint(range(span[0], span[1])):
            kept.append(span)
            taken.update(range(span[0], span[1]))
    return sorted(kept)


def iob(n_words: int, spans: list[tuple[int, int, str]], unsure: set[int] = frozenset()) -> list[str]:
    """IOB2 tags of the spans; the words in ``unsure`` and outside every span are ``-`` (unknown)."""
    tags = ["-" if i in unsure else "O" for i in range(n_words)]
    for start, end, label in spans:
        tags[start] = "B-" + label
        for i in range(start + 1, end):
            tags[i] = "I-" + label
    return tags


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="folder with ud/")
    ap.add_argument("--out", type=Path, required=True, help="CoNLL file to write")
    ap.add_argument("--model", type=Path, action="append", required=True, help="a trained spaCy NER model; repeatable")
    ap.add_argument("--min-votes", type=int, default=None, help="votes a span needs (default: a majority)")
    ap.add_argument("--text", choices=["ud", "nerp"], default="ud",
                    help="the UD treebank texts, or NERP's training sentences with its own spans of --keep-gold")
    ap.add_argument("--keep-gold", default="PER,LOC", help="with --text nerp: NERP's span types kept (default PER,LOC)")
    ap.add_argument("--unsure-unknown", action="store_true",
                    help="words of spans with fewer votes are unknown (-), not O")
    args = ap.parse_args(argv)
    if args.text == "nerp" and args.unsure_unknown:
        ap.error("--unsure-unknown is for --text ud: with --text nerp, NERP's own spans decide what is unknown")
    import spacy
    from spacy.tokens import Doc

    min_votes = args.min_votes or len(args.model) // 2 + 1
    if args.text == "nerp":
        gold = nerp_sentences(args.data)
        sents = [[w for w, _ in sent] for sent in gold]
    else:
        gold = None
        sents = ud_sentences(args.data / "ud")
    if not sents:
        ap.error(f"no sentences for --text {args.text} in {args.data}")
    predictions: list[list[set]] = [[] for _ in sents]
    for model in args.model:
        nlp = spacy.load(model)
        docs = (Doc(nlp.vocab, words=words) for words in sents)
        for i, doc in enumerate(nlp.pipe(docs, batch_size=128)):
            predictions[i].append({(e.start, e.end, e.label_) for e in doc.ents})
        print(f"{model}: {len(sents)} sentences labelled", file=sys.stderr, flush=True)
    keep = set(args.keep_gold.split(","))
    labelled = []
    for n, (words, preds) in enumerate(zip(sents, predictions)):
        spans = vote(preds, min_votes)
        if gold is not None:
            tags = fill_gold([t for _, t in gold[n]], spans, keep)
        else:
            unsure = {i for p in preds for start, end, _ in p for i in range(start, end)} if args.unsure_unknown else set()
            tags = iob(len(words), spans, unsure)
        labelled.append(list(zip(words, tags)))
    write_conll(labelled, args.out)
    n_spans = sum(tag.startswith("B-") for sent in labelled for _, tag in sent)
    print(f"{len(sents)} sentences, {n_spans} spans (at least {min_votes} of {len(args.model)} votes) -> {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
