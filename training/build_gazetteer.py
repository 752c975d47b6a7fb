"""Build ``models/id_gazetteer/names.tsv``: hashed DBpedia names that the mention rules add
where the model found nothing (``Uni Emirat Arab``, ``Kalimantan Utara``, ``Joko Widodo``).

    python training/build_gazetteer.py --data ../shared/data --out models/id_gazetteer

Source: the Indonesian DBpedia lists in ``../shared/data/gazetteers`` (MDEE NER project,
Alfina et al. 2016, 2017). They are noisy, so a name is kept only when
- every word is capitalised and it holds no digit, parenthesis or comma (a line holding
  several names or a disambiguation is dropped);
- it is in exactly one of the person, organisation and place lists;
- it has two words or more, or it is a one-word place that is not a common word
  (``models/id_lexicon``): one-word persons and organisations hurt precision on the dev sets.
Only an 8-byte BLAKE2b hash of each name, its type and its word count are stored, not the
names, so the lists themselves are not redistributed; ``first_words.tsv`` holds the hashes of
the names' first words, so that a word that starts no name costs one hash.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractor.lang import load_derived, name_hash  # noqa: E402

LISTS = {"PER": "dbpedia-id.person.txt", "ORG": "dbpedia-id.organization.txt", "LOC": "dbpedia-id.place.txt"}
ONE_WORD_TYPES = {"LOC"}


def usable(name: str) -> bool:
    """``Uni Emirat Arab`` yes; ``Jakarta (kota)``, ``Partai X, Partai Y``, ``Piala Dunia 2014`` no."""
    words = name.split()
    return (len(name) >= 3 and bool(words) and all(w[:1].isupper() for w in words)
            and not any(c.isdigit() or c in "(),;" for c in name))


def read_lists(data: Path) -> dict[str, list[str]]:
    """PER/ORG/LOC -> the usable names of that DBpedia list, spaces normalised."""
    return {label: [n for n in (" ".join(line.split()) for line in
                                (data / "gazetteers" / f).read_text(encoding="utf-8").splitlines()) if usable(n)]
            for label, f in LISTS.items()}


def select(lists: dict[str, list[str]], common: frozenset[str]) -> dict[str, str]:
    """name -> type, for the names that pass every filter of the module docstring."""
    types: dict[str, set[str]] = {}
    for label, names in lists.items():
        for name in (" ".join(line.split()) for line in names):
            if not usable(name):
                continue
            if len(name.split()) == 1 and (label not in ONE_WORD_TYPES or name.casefold() in common):
                continue
            types.setdefault(name, set()).add(label)
    return {name: next(iter(labels)) for name, labels in types.items() if len(labels) == 1}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "id_gazetteer")
    args = ap.parse_args(argv)
    lists = read_lists(args.data)
    common = load_derived("common_words") | load_derived("mostly_lower_words")
    chosen = select(lists, common)
    args.out.mkdir(parents=True, exist_ok=True)
    rows = sorted(f"{name_hash(n)}\t{label}\t{len(n.split())}" for n, label in chosen.items())
    (args.out / "names.tsv").write_text(
        "# hash<TAB>type<TAB>words; built by training/build_gazetteer.py from the DBpedia lists\n"
        + "\n".join(rows) + "\n", encoding="utf-8")
    firsts = sorted({name_hash(n.split()[0]) for n in chosen})
    (args.out / "first_words.tsv").write_text(
        "# hash of the first word of every name in names.tsv (a quick test before longer runs are hashed)\n"
        + "\n".join(firsts) + "\n", encoding="utf-8")
    counts = {t: sum(1 for v in chosen.values() if v == t) for t in LISTS}
    print(f"{len(rows)} names ({', '.join(f'{t} {c}' for t, c in counts.items())}) -> {args.out / 'names.tsv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
