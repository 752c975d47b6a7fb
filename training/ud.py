"""Reading the UD treebanks of ``../shared/data/ud``."""
from __future__ import annotations

from pathlib import Path


def tagged_sentences(path: Path) -> list[tuple[str, list[str], list[str]]]:
    """(text, surface word forms, UPOS tags) of every sentence of a ``.conllu`` file. A multiword
    token's range line gives the form and its parts are skipped, so ``Rumahnya`` stays one word as
    in the NER corpora (not ``Rumah`` + ``nya``); its tag joins its parts' tags (``NOUN+PRON``)."""
    sentences, current, mwt_end = [], None, 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            current = (line[len("# text = "):], [], [])
            sentences.append(current)
            mwt_end = 0
            continue
        cols = line.split("\t")
        if len(cols) != 10 or current is None or "." in cols[0]:
            continue
        if "-" in cols[0]:
            mwt_end = int(cols[0].split("-")[1])
            current[1].append(cols[1])
            current[2].append("")
        elif int(cols[0]) > mwt_end:
            current[1].append(cols[1])
            current[2].append(cols[3])
        else:  # a part of the multiword token just opened
            current[2][-1] = "+".join(filter(None, [current[2][-1], cols[3]]))
    return sentences


def surface_sentences(path: Path) -> list[tuple[str, list[str]]]:
    """(text, surface word forms) of every sentence of a ``.conllu`` file (see ``tagged_sentences``)."""
    return [(text, words) for text, words, _ in tagged_sentences(path)]
