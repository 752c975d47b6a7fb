"""The corpus preparation of ``training/train_ner.py`` (no training is run here)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "training"))

from train_ner import (dev_halves, fix_iob, harmonise, lowercase, mask_unlabelled_names, own_lists, replace_mentions,  # noqa: E402
                       split_bracketed_alias,
                       spans_of)


def sent(text: str) -> list[tuple[str, str]]:
    """``"Kota/B-LOC Bandung/I-LOC ramai/O"`` -> [("Kota", "B-LOC"), ...]."""
    return [tuple(item.rsplit("/", 1)) for item in text.split()]


def empty_corpora(data: Path) -> None:
    """Every corpus file of ``train_ner.CORPORA`` under ``data/ner``, empty (the casing table reads them all)."""
    from train_ner import CORPORA

    (data / "ner").mkdir()
    for files, _ in CORPORA.values():
        for f in files:
            (data / "ner" / f).write_text("", encoding="utf-8")


def test_spans_and_fix_iob():
    assert spans_of(["B-PER", "I-PER", "O", "I-LOC"]) == [(0, 2, "PER"), (3, 4, "LOC")]
    assert fix_iob(["I-ORG", None, "O"]) == ["B-ORG", None, "O"]


def test_honorific_moves_outside_person():
    assert harmonise(sent("Pak/B-PER Anis/I-PER datang/O"), {"pak"}) == sent("Pak/O Anis/B-PER datang/O")


def test_lowercase_keeps_tags():
    assert lowercase(sent("Presiden/O Joko/B-PER Widodo/I-PER")) == sent("presiden/O joko/B-PER widodo/I-PER")


def test_dev_halves_are_complementary_and_seeded():
    dev = [sent(f"Kota{i}/B-LOC ramai/O") for i in range(9)]
    train_a, kept_a = dev_halves(dev, "a", 0, "nerui")
    train_b, kept_b = dev_halves(dev, "b", 0, "nerui")
    assert len(train_a) == 4 and len(kept_a) == 5
    assert train_a == kept_b and kept_a == train_b  # fold b trains on what fold a keeps
    assert dev_halves(dev, "a", 0, "nerui") == (train_a, kept_a)
    assert dev_halves(dev, "a", 0, "idner") != (train_a, kept_a)  # seeded per corpus
    assert dev_halves(dev, "all", 0, "nerui") == (dev, dev)


def test_unlabelled_occurrences_of_a_labelled_name_become_unknown():
    sents = [sent("Israel/B-LOC menyerang/O"), sent("di/O Israel/B-LOC"), sent("ke/O Israel/B-LOC"),
             sent("serangan/O Israel/O kemarin/O"), sent("Bank/B-ORG Israel/I-ORG tutup/O")]
    out = mask_unlabelled_names(sents)
    assert out[3] == [("serangan", "O"), ("Israel", None), ("kemarin", "O")]
    assert out[4] == sents[4] and out[0] == sents[0]  # inside another span, or labelled: unchanged


def test_rarely_labelled_names_stay_o():
    # labelled 3 times, left O 4 times: the corpora do not agree that it is a name
    sents = [sent("Fajar/B-PER datang/O")] * 3 + [sent("Fajar/O menyingsing/O")] * 4
    assert mask_unlabelled_names(sents)[3:] == sents[3:]


def test_mention_replacement_swaps_names_of_the_same_type_and_keeps_the_context():
    sents = [sent("Gubernur/O Anies/B-PER Baswedan/I-PER ke/O Bandung/B-LOC"),
             sent("Ridwan/B-PER Kamil/I-PER di/O Surabaya/B-LOC"), sent("hujan/O turun/O")]
    extra = replace_mentions(sents, copies=3, seed=0)
    assert len(extra) == 6  # the sentence without names is not copied
    persons = {("Anies", "Baswedan"), ("Ridwan", "Kamil")}
    places = {("Bandung",), ("Surabaya",)}
    for new in extra:
        spans = spans_of([t for _, t in new])
        assert [label for _, _, label in spans] == ["PER", "LOC"]
        (pi, pj, _), (li, lj, _) = spans
        assert tuple(w for w, _ in new[pi:pj]) in persons and tuple(w for w, _ in new[li:lj]) in places
        assert [w for w, t in new if t == "O"] in (["Gubernur", "ke"], ["di"])
    assert extra == replace_mentions(sents, copies=3, seed=0)  # seeded


def test_mention_replacement_leaves_sentences_with_unknown_tags_alone():
    assert replace_mentions([[("Israel", None), ("Gaza", "B-LOC")]], copies=2, seed=0) == []


def test_own_lists_hold_agencies_with_short_forms_places_and_heads():
    names, heads = own_lists()
    assert {"KPK", "Komisi Pemberantasan Korupsi", "Kemenkumham"} <= set(names["ORG"])
    assert {"Jawa Timur", "Jatim"} <= set(names["LOC"])
    assert {"Polres", "Pemkab", "Pemerintah"} <= set(heads["ORG"]) and "Kabupaten" in heads["LOC"]
    assert "Kabupaten" not in heads["ORG"]  # only the first word of `Pemerintah Kabupaten`


def test_pseudo_label_reads_surface_words_and_keeps_majority_spans(tmp_path):
    from pseudo_label import iob, ud_sentences, vote

    def row(i, form):
        return "\t".join([i, form] + ["_"] * 8) + "\n"

    (tmp_path / "x.conllu").write_text(
        "# text = Rumahnya di Bandung.\n" + row("1-2", "Rumahnya") + row("1", "Rumah") + row("2", "nya")
        + row("3", "di") + row("4", "Bandung") + row("5", ".") + "\n"
        + "# text = Joko datang\n" + row("1", "Joko") + row("2", "datang") + "\n", encoding="utf-8")
    assert ud_sentences(tmp_path) == [["Rumahnya", "di", "Bandung", "."], ["Joko", "datang"]]
    # two of three models agree on the place; the person span has one vote each way
    spans = vote([{(2, 3, "LOC"), (0, 1, "PER")}, {(2, 3, "LOC")}, {(0, 2, "PER")}], 2)
    assert spans == [(2, 3, "LOC")]
    # overlapping spans: more votes win, then the shorter one
    assert vote([{(0, 2, "ORG")}, {(0, 2, "ORG"), (1, 2, "LOC")}, {(1, 2, "LOC")}], 2) == [(1, 2, "LOC")]
    assert iob(4, [(0, 2, "ORG")]) == ["B-ORG", "I-ORG", "O", "O"]


def test_unknown_tags_from_a_file_stay_missing_in_the_training_docs(tmp_path):
    import spacy
    from spacy.tokens import DocBin

    from train_ner import to_docbin

    nlp = spacy.blank("id")
    to_docbin(nlp, [sent("Joko/B-PER ke/O Bandung/- ./O")], tmp_path / "x.spacy")
    doc = next(DocBin().from_disk(tmp_path / "x.spacy").get_docs(nlp.vocab))
    assert [t.ent_iob_ for t in doc] == ["B", "O", "", "O"]  # "" = missing: the loss skips it


def test_options_that_cannot_work_stop_before_any_work(tmp_path, capsys):
    import pytest

    from train_ner import main

    (tmp_path / "ner").mkdir()
    for argv, message in ((["--train-on-dev", "all"], "pass --last"),
                          (["--extra-train", str(tmp_path / "none.conll")], "no such file"),
                          (["--aux", "ud,pos"], "unknown tasks ['pos']"),
                          (["--aux", "nerp", "--corpora", "nerui,nerp"], "leave nerp out of --corpora")):
        with pytest.raises(SystemExit) as stop:
            main(["--data", str(tmp_path), "--work", str(tmp_path / "work")] + argv)
        assert stop.value.code == 2 and message in capsys.readouterr().err
    assert not (tmp_path / "work").exists()


def conllu_row(i: str, form: str, upos: str = "_") -> str:
    return "\t".join([i, form, "_", upos] + ["_"] * 6) + "\n"


def test_ud_sentences_keep_multiword_tokens_whole_with_their_parts_tags(tmp_path):
    from ud import surface_sentences, tagged_sentences

    (tmp_path / "x.conllu").write_text(
        "# text = Rumahnya di Bandung\n" + conllu_row("1-2", "Rumahnya") + conllu_row("1", "Rumah", "NOUN")
        + conllu_row("2", "nya", "PRON") + conllu_row("3", "di", "ADP") + conllu_row("4", "Bandung", "PROPN") + "\n",
        encoding="utf-8")
    assert tagged_sentences(tmp_path / "x.conllu") == [
        ("Rumahnya di Bandung", ["Rumahnya", "di", "Bandung"], ["NOUN+PRON", "ADP", "PROPN"])]
    assert surface_sentences(tmp_path / "x.conllu") == [("Rumahnya di Bandung", ["Rumahnya", "di", "Bandung"])]


def test_auxiliary_sentences_carry_tags_and_no_entity_annotation(tmp_path):
    import spacy
    from spacy.tokens import DocBin

    from train_ner import aux_sentences, to_docbin

    (tmp_path / "ner").mkdir()
    (tmp_path / "ner" / "nerp.train.conll").write_text(
        "jokowi\tB-PER\tB-PPL\nke\tO\tO\nios\tB-ORG\tB-IND\n\n", encoding="utf-8")
    nerp = aux_sentences(tmp_path, "nerp")
    assert nerp == [(["jokowi", "ke", "ios"], ["nerp:B-PPL", "nerp:O", "nerp:B-IND"])]  # NERP's own labels
    nlp = spacy.blank("id")
    to_docbin(nlp, [sent("Joko/B-PER datang/O")], tmp_path / "x.spacy", tagged=nerp)
    ner_doc, aux_doc = DocBin().from_disk(tmp_path / "x.spacy").get_docs(nlp.vocab)
    assert [t.ent_iob_ for t in ner_doc] == ["B", "O"] and [t.tag_ for t in ner_doc] == ["", ""]
    assert [t.ent_iob_ for t in aux_doc] == ["", "", ""]  # missing: the NER loss skips the whole sentence
    assert [t.tag_ for t in aux_doc] == ["nerp:B-PPL", "nerp:O", "nerp:B-IND"]


def test_the_auxiliary_tagger_trains_the_shared_tok2vec_and_leaves_the_shipped_model(tmp_path):
    import spacy
    from spacy.tokens import Doc
    from spacy.training import Example
    from spacy.util import load_config, load_model_from_config

    from train_ner import AUX_COMPONENT, aux_tagger_config, without_aux

    cfg = load_config(aux_tagger_config(Path(__file__).resolve().parent.parent / "training" / "ner.cfg", tmp_path))
    assert cfg["components"][AUX_COMPONENT]["model"]["tok2vec"]["@architectures"] == "spacy.Tok2VecListener.v1"
    assert cfg["training"]["score_weights"]["tag_acc"] is None  # it does not pick the checkpoint
    nlp = load_model_from_config(cfg, auto_fill=True)
    words = ["Joko", "ke", "Bandung"]
    examples = [Example(nlp.make_doc("Joko ke Bandung"), Doc(nlp.vocab, words=words, ents=["B-PER", "O", "B-LOC"])),
                Example(nlp.make_doc("Joko ke Bandung"), Doc(nlp.vocab, words=words, tags=["PROPN", "ADP", "PROPN"]))]
    nlp.initialize(lambda: examples)
    tok2vec = nlp.get_pipe("tok2vec").model

    def tok2vec_weights():
        return [node.get_param(name).copy() for node in tok2vec.walk() for name in node.param_names]

    before = tok2vec_weights()
    sgd = nlp.create_optimizer()
    # a sentence with tags only; spaCy applies the tok2vec's gradient at the next update's step
    nlp.update(examples[1:], sgd=sgd)
    nlp.update(examples[1:], sgd=sgd)
    assert any((a != b).any() for a, b in zip(before, tok2vec_weights()))  # the tagger's loss reached the tok2vec
    nlp.to_disk(tmp_path / "trained")
    without_aux(tmp_path / "trained", tmp_path / "shipped")
    shipped = spacy.load(tmp_path / "shipped")
    assert shipped.pipe_names == ["tok2vec", "ner"]
    trained = spacy.load(tmp_path / "trained")
    text = "Joko ke Bandung"
    assert [(e.text, e.label_) for e in shipped(text).ents] == [(e.text, e.label_) for e in trained(text).ents]


def test_a_sentence_in_several_corpora_is_kept_once_in_the_preferred_corpus():
    from train_ner import one_version_per_sentence, sentence_key

    ugm = sent("Survei/B-ORG (/I-ORG LSI/I-ORG )/I-ORG rilis/O")
    idner = sent("Survei/B-ORG (LSI)/I-ORG rilis/O")
    assert sentence_key(ugm) == sentence_key(idner) == "surveilsirilis"
    other = sent("Hujan/O turun/O")
    kept, left_out = one_version_per_sentence({"nerugm": ([ugm, other], None), "idner": ([idner], None),
                                               "nergrit": ([], [sent("survei/O (/O lsi/O )/O rilis/O")])})
    assert kept["idner"] == ([idner], None)  # idner's re-annotation of the NER-UGM sentence wins
    assert kept["nerugm"] == ([other], None) and kept["nergrit"] == ([], [])
    assert [name for name, _ in left_out] == ["nerugm", "nergrit"]


def test_no_training_sentence_is_a_version_of_a_dev_sentence(tmp_path):
    import spacy
    from spacy.tokens import DocBin

    from train_ner import prepare, sentence_key, write_conll

    empty_corpora(tmp_path)
    write_conll([sent(f"Joko{i}/B-PER Widodo/I-PER ke/O Bandung/B-LOC") for i in range(20)],
                tmp_path / "ner" / "nerugm.conll")
    write_conll([sent(f"Joko{i}/B-PER Widodo/I-PER ke/O Bandung/O") for i in range(20)],
                tmp_path / "ner" / "idner.train.conll")
    sizes = prepare(tmp_path, tmp_path / "work", ["nerugm", "idner"], seed=0, shared="first")
    assert sizes["nerugm"] == {"train": 0, "dev": 0} and sizes["idner"] == {"train": 18, "dev": 2}
    assert sizes["shared"] == {"mode": "first", "versions_left_out": 20, "copies_of_dev_left_out": 0}
    vocab = spacy.blank("id").vocab

    def docs(name):
        return list(DocBin().from_disk(tmp_path / "work" / name).get_docs(vocab))

    def keys(name):
        return {sentence_key([(t.text, "") for t in d]) for d in docs(name)}

    assert all(len(d.ents) == 1 for d in docs("train.spacy"))  # idner's labels, not NER-UGM's
    assert not keys("train.spacy") & keys("dev.spacy")
    sizes = prepare(tmp_path, tmp_path / "work", ["nerugm", "idner"], seed=0)
    # the default, all: NER-UGM's versions are trained on too, except the two whose idner twin is a dev sentence
    assert sizes["shared"] == {"mode": "all", "versions_left_out": 0, "copies_of_dev_left_out": 2}
    assert len(docs("train.spacy")) == 36 and not keys("train.spacy") & keys("dev.spacy")
    prepare(tmp_path, tmp_path / "work", ["nerugm", "idner"], seed=0, shared="merge")  # idner's words, both's spans
    assert len(docs("train.spacy")) == 18 and all(len(d.ents) == 2 for d in docs("train.spacy") + docs("dev.spacy"))


def test_extra_training_sentences_that_are_versions_of_corpus_sentences_are_left_out(tmp_path):
    from train_ner import prepare, write_conll

    empty_corpora(tmp_path)
    write_conll([sent(f"Joko{i}/B-PER ke/O Bandung/B-LOC") for i in range(10)], tmp_path / "ner" / "nerugm.conll")
    # NERP holds NER-UGM's sentences lower-cased: those versions must not come back as extra data
    extra = [sent(f"joko{i}/B-PER ke/O bandung/B-LOC") for i in range(10)] + [sent("Ani/B-PER ke/O Solo/B-LOC")]
    write_conll(extra, tmp_path / "extra.conll")
    sizes = prepare(tmp_path, tmp_path / "work", ["nerugm"], seed=0, extra_train=[tmp_path / "extra.conll"])
    assert sizes["nerugm"] == {"train": 9, "dev": 1}
    assert sizes["extra.conll"] == {"train": 1, "dev": 0, "versions_left_out": 10}


def test_nerp_keeps_its_people_and_places_and_takes_the_models_organisations():
    from pseudo_label import fill_gold

    gold = [t for _, t in sent("Ketua/O PKS/O Anis/B-PER Matta/I-PER di/O Bandung/B-LOC pakai/O iPhone/B-ORG")]
    voted = [(1, 2, "ORG"), (2, 4, "ORG"), (5, 6, "LOC")]  # the person wrongly an ORG: NERP's PER wins
    assert fill_gold(gold, voted, {"PER", "LOC"}) == ["O", "B-ORG", "B-PER", "I-PER", "O", "B-LOC", "O", "-"]


def test_truecasing_prefers_lower_case_on_a_tie(tmp_path):
    from train_ner import casing_table, truecase, write_conll

    empty_corpora(tmp_path)
    write_conll([sent("makan/O Ayam/B-ORG Goreng/I-ORG"), sent("daging/O ayam/O"), sent("ke/O KPK/B-ORG")],
                tmp_path / "ner" / "nerui.conll")
    table = casing_table(tmp_path)
    assert table["ayam"] == "ayam" and table["kpk"] == "KPK"
    assert truecase(sent("bubur/O ayam/O di/O kpk/B-ORG"), table) == sent("Bubur/O ayam/O di/O KPK/B-ORG")


def test_merged_versions_fill_each_others_gaps_and_the_first_decides_where_both_label():
    from train_ner import merge_versions

    idner = sent("Israel/O serang/O Gaza/B-LOC ,/O kata/O Presiden/O (SBY)/B-PER dan/O DPR/B-ORG")
    ugm = sent("Israel/B-LOC serang/O Gaza/B-LOC ,/O kata/O Presiden/B-PER (/I-PER SBY/I-PER )/I-PER dan/O DPR/O")
    assert merge_versions(idner, ugm) == sent(
        "Israel/B-LOC serang/O Gaza/B-LOC ,/O kata/O Presiden/O (SBY)/B-PER dan/O DPR/B-ORG")
    # a span that does not fall on the kept version's word boundaries is not taken
    assert merge_versions(sent("Jokowi-JK/O hadir/O"), sent("Jokowi/B-PER -/O JK/B-PER hadir/O")) == \
        sent("Jokowi-JK/O hadir/O")


def test_training_words_are_the_runtime_tokenizers_and_split_punctuation_leaves_the_span():
    import spacy

    from extractor.nlp.spacy_backend import customise_tokenizer
    from train_ner import retokenise

    nlp = spacy.blank("id")
    customise_tokenizer(nlp)

    def split_word(word):
        return [t.text for t in nlp.make_doc(word)]

    assert retokenise(sent("kata/O Presiden/O (SBY)/B-PER dan/O"), split_word) == sent(
        "kata/O Presiden/O (/O SBY/B-PER )/O dan/O")
    assert retokenise(sent("Jokowi-JK/B-PER hadir/O (24/8)/O"), split_word) == sent(
        "Jokowi/B-PER -/I-PER JK/I-PER hadir/O (/O 24/O //O 8)/O")
    # the bracket closes an alias inside the span, so it stays (idner's reading of the alias)
    assert retokenise(sent("Survei/B-ORG Indonesia/I-ORG (LSI)/I-ORG rilis/O"), split_word) == sent(
        "Survei/B-ORG Indonesia/I-ORG (/I-ORG LSI/I-ORG )/I-ORG rilis/O")
    assert retokenise([("Israel", None), ("Jakarta,", "B-LOC")], split_word) == [
        ("Israel", None), ("Jakarta", "B-LOC"), (",", "O")]


def test_bracketed_short_form_at_a_span_end_is_its_own_mention():
    parts = frozenset({"Persero"})
    assert split_bracketed_alias(sent("Uni/B-ORG Eropa/I-ORG (EU)/I-ORG ,/O"), parts) == \
        sent("Uni/B-ORG Eropa/I-ORG (/O EU/B-ORG )/O ,/O")
    assert split_bracketed_alias(sent("Komisi/B-ORG Pemilihan/I-ORG Umum/I-ORG (/I-ORG KPU/I-ORG )/I-ORG"), parts) == \
        sent("Komisi/B-ORG Pemilihan/I-ORG Umum/I-ORG (/O KPU/B-ORG )/O")
    assert split_bracketed_alias(sent("Basuki/B-PER Purnama/I-PER (/I-PER Ahok/I-PER )/I-PER tiba/O"), parts) == \
        sent("Basuki/B-PER Purnama/I-PER (/O Ahok/B-PER )/O tiba/O")
    assert split_bracketed_alias(sent("Garuda/B-ORG (/I-ORG GMF/I-ORG )/I-ORG AeroAsia/I-ORG (/I-ORG GA/I-ORG )/I-ORG"),
                                 parts) == sent("Garuda/B-ORG (/I-ORG GMF/I-ORG )/I-ORG AeroAsia/I-ORG (/O GA/B-ORG )/O")
    kept = [sent("PT/B-ORG PLN/I-ORG (/I-ORG Persero/I-ORG )/I-ORG"),  # a part of the name
            sent("Kabinet/B-ORG Bersatu/I-ORG (KIB)/I-ORG II/I-ORG"),  # brackets inside the span
            sent("Jokowi/B-PER (/O Solo/B-LOC )/O"),  # already apart
            sent("(LSI)/B-ORG merilis/O")]  # nothing before the brackets
    for s in kept:
        assert split_bracketed_alias(s, parts) == s


def test_harmonise_splits_the_bracketed_short_form():
    assert harmonise(sent("Pak/B-PER Anis/I-PER (/I-PER AB/I-PER )/I-PER"), {"pak"}) == \
        sent("Pak/O Anis/B-PER (/O AB/B-PER )/O")


def test_harmonise_can_keep_the_bracketed_short_form_as_annotated():
    kept = harmonise(sent("Pak/B-PER Anis/I-PER (/I-PER AB/I-PER )/I-PER"), {"pak"}, split_brackets=False)
    assert kept == sent("Pak/O Anis/B-PER (/I-PER AB/I-PER )/I-PER")  # the honorific still moves out


def test_the_rebuild_command_names_the_shared_sentence_mode_only_when_it_is_not_the_default():
    from train_ner import rebuild_options

    assert "--shared-sentences merge" in rebuild_options({"shared_sentences": "merge"})
    assert "--shared-sentences" not in rebuild_options({"shared_sentences": "all"})
    assert "--shared-sentences" not in rebuild_options({})  # a run from before the option kept every version
    assert "--bracketed-short-forms as-annotated" in rebuild_options({"bracketed_short_forms": "as-annotated"})
    assert "--bracketed-short-forms" not in rebuild_options({"bracketed_short_forms": "own"})
    assert "--bracketed-short-forms" not in rebuild_options({})


def test_teacher_labels_come_from_the_records_mentions_and_skip_ignored_and_misaligned_sentences():
    from self_label import labelled_sentences
    from extractor.nlp.doc import Document, Token
    from extractor.schema import Entity, Span

    text = "Heni Susila hadir di Bekasi. Baca juga berita Budi lain. Kota Bekasixyz ramai sekali hari ini."
    words = [(m.start(), m.end()) for m in __import__("re").finditer(r"\w+|[^\w\s]", text)]
    doc = Document(text, tokens=[Token(s, e, text[s:e]) for s, e in words],
                   sentences=[(0, 28), (29, 56), (57, len(text))])
    ents = [Entity(id="E1", type="PER", name="Heni Susila", mentions=[Span(0, 11, "Heni Susila")]),
            Entity(id="E2", type="LOC", name="Bekasi", mentions=[Span(21, 27, "Bekasi"), Span(62, 68, "Bekasi")]),
            Entity(id="E3", type="PER", name="Budi", mentions=[Span(46, 50, "Budi")])]
    sents = labelled_sentences(doc, ents, ignored=[(29, 56)], min_words=4)
    assert sents == [[("Heni", "B-PER"), ("Susila", "I-PER"), ("hadir", "O"), ("di", "O"), ("Bekasi", "B-LOC"), (".", "O")]]
