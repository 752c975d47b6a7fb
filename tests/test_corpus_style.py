"""The annotation-style feature of the NER pipeline (extractor/nlp/corpus_style.py) and how
``training/train_ner.py --corpus-style`` writes it into the training docs."""
from __future__ import annotations

import sys
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import Example

from extractor.nlp.corpus_style import AUGMENTER, FACTORY, create_style_copier

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))


def test_every_word_gets_the_configured_style_and_the_style_is_saved_with_the_pipeline(tmp_path):
    nlp = spacy.blank("id")
    nlp.add_pipe(FACTORY, config={"style": "nerui"})
    assert [str(t.morph) for t in nlp("Presiden Joko Widodo ke Bandung")] == ["Style=nerui"] * 5
    nlp.to_disk(tmp_path / "pipeline")
    assert [str(t.morph) for t in spacy.load(tmp_path / "pipeline")("Polres Ponorogo")] == ["Style=nerui"] * 2


def test_training_words_take_the_gold_docs_style_or_on_a_seeded_share_the_neutral_one():
    vocab = spacy.blank("id").vocab
    words = ["Kota", "Bandung", "ramai"]
    gold = Doc(vocab, words=words, morphs=["Style=nergrit"] * 3)

    def styles(copier, n=40):
        found = []
        for _ in range(n):
            example = Example(Doc(vocab, words=words), gold)
            found.append({str(t.morph) for t in next(copier(None, example)).predicted})
        return found

    assert styles(create_style_copier(neutral_share=0.0)) == [{"Style=nergrit"}] * 40
    assert styles(create_style_copier(neutral_share=1.0)) == [{"Style=any"}] * 40
    mixed = styles(create_style_copier(neutral_share=0.5, seed=3))
    assert {"Style=any"} in mixed and {"Style=nergrit"} in mixed
    assert mixed == styles(create_style_copier(neutral_share=0.5, seed=3))  # seeded


def test_prepare_writes_each_training_sentences_corpus_into_its_words(tmp_path):
    from train_ner import CORPORA, prepare, write_conll

    (tmp_path / "ner").mkdir()
    for files, _ in CORPORA.values():
        for f in files:
            (tmp_path / "ner" / f).write_text("", encoding="utf-8")
    write_conll([[(f"Joko{i}", "B-PER"), ("ke", "O"), ("Bandung", "B-LOC")] for i in range(20)],
                tmp_path / "ner" / "nerugm.conll")
    write_conll([[(f"Ani{i}", "B-PER"), ("di", "O"), ("Kota", "B-LOC"), ("Medan", "I-LOC")] for i in range(20)],
                tmp_path / "ner" / "idner.train.conll")
    prepare(tmp_path, tmp_path / "work", ["nerugm", "idner"], seed=0, styles=True)
    vocab = spacy.blank("id").vocab
    train = list(DocBin().from_disk(tmp_path / "work" / "train.spacy").get_docs(vocab))
    style_of = {d[0].text[:3]: {str(t.morph) for t in d} for d in train}
    assert style_of == {"Jok": {"Style=nerugm"}, "Ani": {"Style=idner"}}
    dev = list(DocBin().from_disk(tmp_path / "work" / "dev.spacy").get_docs(vocab))
    assert dev and all(str(t.morph) == "" for d in dev for t in d)  # the pipeline's component styles dev docs
    prepare(tmp_path, tmp_path / "work", ["nerugm", "idner"], seed=0)
    train = list(DocBin().from_disk(tmp_path / "work" / "train.spacy").get_docs(vocab))
    assert all(str(t.morph) == "" for d in train for t in d)  # without --corpus-style: no feature


def test_the_style_config_embeds_morph_and_styles_only_the_run_time_words(tmp_path):
    from spacy.util import load_config, load_model_from_config

    from train_ner import corpus_style_config

    cfg = load_config(corpus_style_config(ROOT / "training" / "ner.cfg", tmp_path, "idner", 0.2, seed=1))
    assert cfg["nlp"]["pipeline"][0] == FACTORY and FACTORY not in cfg["training"]["annotating_components"]
    assert cfg["components"]["tok2vec"]["model"]["embed"]["attrs"][-1] == "MORPH"
    assert cfg["corpora"]["train"]["augmenter"] == {"@augmenters": AUGMENTER, "neutral_share": 0.2, "seed": 1}
    nlp = load_model_from_config(cfg, auto_fill=True)
    words = ["Joko", "ke", "Kota", "Bandung"]
    gold = Doc(nlp.vocab, words=words, ents=["B-PER", "O", "B-LOC", "I-LOC"], morphs=["Style=nergrit"] * 4)
    nlp.initialize(lambda: [Example(nlp.make_doc("Joko ke Kota Bandung"), gold)])
    assert {str(t.morph) for t in nlp("Joko ke Kota Bandung")} == {"Style=idner"}
