"""``benchmarks/ner.py``: gold spans of a CoNLL sentence, and leaving out the sentences a model saw."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "training"), str(ROOT / "benchmarks")]

import pytest  # noqa: E402

from ner import main, sentence_errors, to_article, trained_keys, unseen  # noqa: E402
from train_ner import to_docbin, write_conll  # noqa: E402


def sent(text: str) -> list[tuple[str, str]]:
    """``"Survei/B-ORG (LSI)/I-ORG"`` -> [("Survei", "B-ORG"), ("(LSI)", "I-ORG")]."""
    return [tuple(item.rsplit("/", 1)) for item in text.split()]


def test_to_article_gives_character_spans():
    text, gold = to_article(sent("Gubernur/O Ridwan/B-PER Kamil/I-PER tiba/O di/O Bandung/B-LOC"))
    assert text == "Gubernur Ridwan Kamil tiba di Bandung"
    assert gold == {(9, 21, "PER"), (30, 37, "LOC")}


@pytest.fixture()
def trained(tmp_path):
    """A training set written both ways: NER-UGM's spacing of a sentence that idner writes glued."""
    train = [sent("Lingkaran/B-ORG Survei/I-ORG Indonesia/I-ORG (/O LSI/B-ORG )/O merilis/O survei/O"),
             sent("Jokowi/B-PER tiba/O di/O Solo/B-LOC")]
    write_conll(train, tmp_path / "train.conll")
    import spacy

    to_docbin(spacy.blank("id"), train, tmp_path / "train.spacy")
    return tmp_path


@pytest.mark.parametrize("name", ["train.conll", "train.spacy"])
def test_unseen_leaves_out_every_version_of_a_trained_sentence(trained, name):
    dev = [sent("Lingkaran/B-ORG Survei/I-ORG Indonesia/I-ORG (LSI)/I-ORG merilis/O survei/O"),  # idner's copy
           sent("JOKOWI/B-PER TIBA/O DI/O SOLO/B-LOC"),  # same letters, other case
           sent("Prabowo/B-PER tiba/O di/O Solo/B-LOC")]
    assert unseen(dev, trained_keys(trained / name)) == dev[2:]


def test_unseen_by_a_missing_file_is_an_error_that_names_it(tmp_path, capsys):
    dev = tmp_path / "dev.conll"
    write_conll([sent("Jokowi/B-PER tiba/O")], dev)
    with pytest.raises(SystemExit):
        main([str(dev), "--unseen-by", str(tmp_path / "nope.spacy")])
    assert "nope.spacy: no such file" in capsys.readouterr().err


def test_sentence_errors_lists_the_missed_and_the_spurious_spans():
    text, gold = to_article(sent("Menteri/O Keuangan/O Sri/B-PER Mulyani/I-PER tiba/O di/O Kemenkeu/B-ORG"))
    pred = {(8, 28, "PER"), (37, 45, "LOC")}  # a portfolio word inside the name, the agency as a place
    assert sentence_errors(text, gold, pred) == {
        "text": text,
        "missed": [["Sri Mulyani", "PER", 17], ["Kemenkeu", "ORG", 37]],
        "spurious": [["Keuangan Sri Mulyani", "PER", 8], ["Kemenkeu", "LOC", 37]],
    }
    assert sentence_errors(text, gold, set(gold)) is None


def test_errors_file_holds_one_line_per_sentence_that_differs(tmp_path):
    import json

    dev = tmp_path / "dev.conll"
    write_conll([sent("Presiden/O Joko/B-PER Widodo/I-PER tiba/O di/O Surabaya/B-LOC ./O"),
                 sent("Hujan/B-LOC turun/O sejak/O pagi/O ./O")], dev)  # a gold span no model finds
    out = tmp_path / "errors.jsonl"
    assert main([str(dev), "--repeats", "1", "--errors", str(out), "--json"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {"file": "dev.conll", "text": "Hujan turun sejak pagi .", "missed": [["Hujan", "LOC", 0]],
            "spurious": []} in rows
    assert all(row["missed"] + row["spurious"] for row in rows)
