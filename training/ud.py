"""Reading the UD treebanks of ``../shared/data/ud``."""
from __future__ import annotations

from pathlib import Path


def surface_sentences(path: Path) -> list[tuple[str, list[str]]]:
    """(text, surface word forms) of every sentence of a ``.conllu`` file. A multiword token's
    range line gives the form and its parts are skipped, so ``Rumahnya`` stays one word as in the
    NER corpora (not ``Rumah`` + ``nya``)."""
    sentences, current, skip_until = [], None, 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            current = (line[len("# text = "):], [])
            sentences.append(current)
            skip_until = 0
            continue
        cols = line.split("\t")
        if len(cols) != 10 or current is None or "." in cols[0]:
            continue
        if "-" in cols[0]:
            skip_until = int(cols[0].split("-")[1])
            current[1].append(cols[1])
        elif int(cols[0]) > skip_until:
            current[1].append(cols[1])
    return sentences
