"""The gazetteer word feature of the NER pipeline (extractor/nlp/name_features.py)."""
from __future__ import annotations

import spacy

from extractor.nlp.name_features import FACTORY, hashed, name_types, name_word_bits, write_table


def test_tokens_get_the_mask_of_the_lists_that_hold_their_word(tmp_path):
    bits = name_word_bits({"PER": ["William Stefanov", "Ratu Jaya"], "ORG": ["Jaya Konstruksi"], "LOC": ["Kota Jaya"]})
    table = tmp_path / "table.tsv"
    write_table(hashed(bits), table)
    nlp = spacy.blank("id")
    component = nlp.add_pipe(FACTORY)
    component.initialize(table=str(table))
    tags = [t.tag_ for t in nlp("Ilmuwan William Stefanov ke Kota Jaya")]
    assert tags == ["NAME0", "NAME1", "NAME1", "NAME0", "NAME4", "NAME7"]

    component.to_disk(tmp_path / "saved")  # saved with the model: a fresh pipeline reads the same table
    other = spacy.blank("id")
    other.add_pipe(FACTORY).from_disk(tmp_path / "saved")
    assert [t.tag_ for t in other("Stefanov dan Jaya")] == ["NAME1", "NAME0", "NAME7"]


def test_the_table_stores_hashes_not_words(tmp_path):
    table = tmp_path / "table.tsv"
    write_table(hashed(name_word_bits({"PER": ["William Stefanov"]})), table)
    assert "Stefanov" not in table.read_text() and len(table.read_text().splitlines()) == 2


def test_whole_listed_names_are_marked_where_they_stand(tmp_path):
    lists = {"PER": ["Susilo Bambang Yudhoyono", "Jaya"], "LOC": ["Kalimantan Utara", "Jaya"]}
    write_table(hashed(name_word_bits(lists, first_words=True)), tmp_path / "words.tsv")
    write_table(name_types(lists), tmp_path / "names.tsv")
    nlp = spacy.blank("id")
    nlp.add_pipe(FACTORY).initialize(table=str(tmp_path / "words.tsv"), names=str(tmp_path / "names.tsv"))
    tags = [t.tag_ for t in nlp("Susilo Bambang Yudhoyono ke Kalimantan Utara , Jaya dan utara")]
    # `Jaya` is in two lists: its words are marked, the name is not (ambiguous); `utara` is not a name
    assert tags == ["NAME9-B-PER", "NAME1-I-PER", "NAME1-I-PER", "NAME0", "NAME12-B-LOC", "NAME4-I-LOC", "NAME0",
                    "NAME13", "NAME0", "NAME0"]


def test_folded_tables_mark_names_in_text_without_capitals(tmp_path):
    lists = {"PER": ["joko widodo"], "LOC": ["kalimantan utara"]}  # folded as train_ner --caseless writes them
    write_table(hashed(name_word_bits(lists, first_words=True)), tmp_path / "words.tsv")
    write_table(name_types(lists), tmp_path / "names.tsv")
    nlp = spacy.blank("id")
    nlp.add_pipe(FACTORY, config={"folded": True}).initialize(table=str(tmp_path / "words.tsv"),
                                                               names=str(tmp_path / "names.tsv"))
    assert [t.tag_ for t in nlp("presiden joko widodo ke kalimantan utara")] == [
        "NAME0", "NAME9-B-PER", "NAME1-I-PER", "NAME0", "NAME12-B-LOC", "NAME4-I-LOC"]


def test_head_words_get_their_own_bits(tmp_path):
    bits = name_word_bits({"LOC": ["Ponorogo"]}, heads={"ORG": ["Polres"], "LOC": ["Kabupaten"]})
    write_table(hashed(bits), tmp_path / "words.tsv")
    nlp = spacy.blank("id")
    nlp.add_pipe(FACTORY).initialize(table=str(tmp_path / "words.tsv"))
    assert [t.tag_ for t in nlp("Polres Ponorogo di Kabupaten Ponorogo")] == ["NAME16", "NAME4", "NAME0", "NAME32", "NAME4"]
