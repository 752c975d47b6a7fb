"""Build ``models/id_lexicon/common_words.txt``: Indonesian words that are written in lower case
inside a sentence, learnt from the UD treebanks and the NER corpora in ``../shared/data``.

    python training/build_lexicon.py --data ../shared/data --out models/id_lexicon

The mention rules drop a one-word name that is one of these words (``Selamat``, ``Unggul``,
``Bersamaan``: capitalised in a slogan or a headline, tagged by the model) unless the article
also uses it inside a longer name. A word is listed when it occurs at least ``--min-count``
times after the first token of a sentence (outside entity spans in the NER corpora) and is
written in lower case there at least ``--min-share`` of the time. Only counts are derived;
no sentence of the corpora is stored.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))

from train_ner import CORPORA, LOWERCASED, read_conll  # noqa: E402


def count_forms(data: Path) -> tuple[Counter, Counter]:
    """(lower-case occurrences, all occurrences) per casefolded word, sentence-initial tokens skipped."""
    lower, total = Counter(), Counter()

    def see(word: str) -> None:
        if word.isalpha():
            key = word.casefold()
            total[key] += 1
            if word.islower():
                lower[key] += 1

    for name, (files, dev) in CORPORA.items():
        if name in LOWERCASED:
            continue
        for f in files + ([dev] if dev else []):
            for sent in read_conll(data / "ner" / f):
                for word, tag in sent[1:]:
                    if tag == "O":
                        see(word)
    for path in sorted((data / "ud").glob("*.conllu")):
        for line in path.read_text(encoding="utf-8").splitlines():
            cols = line.split("\t")
            if len(cols) > 3 and cols[0].isdigit() and cols[0] != "1" and cols[3] != "PROPN":
                see(cols[1])
    return lower, total


def count_verbs(data: Path) -> tuple[Counter, Counter]:
    """(occurrences tagged VERB, all occurrences) per casefolded word of the UD treebanks."""
    from ud import tagged_sentences

    verb, total = Counter(), Counter()
    for path in sorted((data / "ud").glob("*.conllu")):
        for _, words, tags in tagged_sentences(path):
            for word, tag in zip(words, tags):
                if word.isalpha():
                    total[word.casefold()] += 1
                    verb[word.casefold()] += tag.split("+")[0] == "VERB"
    return verb, total


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "id_lexicon")
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--min-share", type=float, default=0.95)
    ap.add_argument("--title-share", type=float, default=0.5)
    ap.add_argument("--verb-share", type=float, default=0.6)
    args = ap.parse_args(argv)
    if not (args.data / "ud").is_dir() or not (args.data / "ner").is_dir():
        ap.error(f"{args.data} must hold ner/ and ud/; pass --data pointing at shared/data")
    lower, total = count_forms(args.data)
    words = sorted(w for w, n in total.items() if n >= args.min_count and lower[w] / n >= args.min_share and len(w) > 2)
    args.out.mkdir(parents=True, exist_ok=True)
    header = (f"# Derived by training/build_lexicon.py from the UD Indonesian treebanks (GSD, CSUI, PUD) and the\n"
              f"# NER corpora of shared/data: words seen >= {args.min_count} times inside sentences, lower-case\n"
              f">= {args.min_share:.0%} of the time. {len(words)} words.\n").replace("\n>=", "\n# >=")
    (args.out / "common_words.txt").write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {args.out / 'common_words.txt'}")
    # looser: mostly lower case (`Keuangan`, `Riset` are capitalised in titles but lower case in text);
    # used to tell the words of a title from the name after it
    mostly = sorted(w for w, n in total.items() if lower[w] / n >= args.title_share and len(w) > 2)
    (args.out / "mostly_lower_words.txt").write_text(
        f"# Derived by training/build_lexicon.py like common_words.txt: words seen inside sentences, lower-case\n"
        f"# >= {args.title_share:.0%} of the time. {len(mostly)} words.\n" + "\n".join(mostly) + "\n", encoding="utf-8")
    print(f"{len(mostly)} words -> {args.out / 'mostly_lower_words.txt'}")
    # verbs end the noun phrase a metric is about (`saham teknologi | melemah 1,21%`)
    verb, seen = count_verbs(args.data)
    verbs = sorted(w for w, n in seen.items() if n >= args.min_count and verb[w] / n >= args.verb_share)
    (args.out / "verbs.txt").write_text(
        f"# Derived by training/build_lexicon.py from the UD Indonesian treebanks: words seen >= {args.min_count} times,\n"
        f"# tagged VERB >= {args.verb_share:.0%} of the time. {len(verbs)} words.\n" + "\n".join(verbs) + "\n", encoding="utf-8")
    print(f"{len(verbs)} words -> {args.out / 'verbs.txt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
