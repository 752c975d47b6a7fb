"""The library API: load once, extract one article, stream many."""
from __future__ import annotations

from datetime import date

import extractor
from extractor.article import Article, InputError

TEXT = ("SURABAYA, iNewsSurabaya.id - Kepala Kantor Wilayah Kementerian Hukum dan HAM Jawa Timur, "
        "Heni Susila Wardoyo, hadir pada Rabu (9/10). Heni menyebut 64 unit kerja ikut serta. "
        "Anggaran Rp1,5 triliun disiapkan.\nEditor : Arif Ardliyanto")


def test_extract_one_article(ex):
    rec = ex.extract(TEXT, published="2024-10-10", id="x1")
    d = rec.to_dict()
    assert set(d) == {"schema_version", "id", "source", "meta", "entities", "facts", "warnings", "producer"}
    assert d["producer"]["extractor"] == extractor.__version__ and d["producer"]["model"].startswith("spacy:id_news_ner@")
    assert d["meta"]["dateline"] == "Surabaya"
    assert d["id"] == "x1" and d["meta"]["outlet"] == "iNewsSurabaya.id" and d["meta"]["editor"] == "Arif Ardliyanto"
    facts = {(f["type"], str(f.get("value"))) for f in d["facts"]}
    assert {("date", "2024-10-09"), ("quantity", "64"), ("money", "1500000000000")} <= facts
    for ent in d["entities"]:  # offsets point into the original text
        for m in ent["mentions"]:
            assert TEXT[m["start"]:m["end"]] == m["text"]
    names = {e["name"]: e for e in d["entities"]}
    assert names["SURABAYA"]["type"] == "LOC"  # the name as written; meta.dateline is normalised
    assert names["iNewsSurabaya.id"]["type"] == "ORG"  # the dateline's outlet is an ORG (ANNOTATION.md)
    assert names["Arif Ardliyanto"]["type"] == "PER"


def test_published_as_date_object(ex):
    rec = ex.extract("Acara digelar kemarin.", published=date(2024, 10, 10))
    assert [f.value for f in rec.facts] == ["2024-10-09"]


def test_extract_many_streams_in_order_with_errors_in_place(ex):
    items = ["Menteri hadir pada 9 Oktober 2024.", {"id": "d", "text": "Rp 5 juta"},
             InputError("bad", "InvalidJSON", "x.jsonl line 3: not valid JSON"),
             Article(text="Dua puluh lima peserta hadir.", id="art"), {"id": "nt"}]
    out = list(ex.extract_many(iter(items), published="2024-10-10"))
    assert [r.id for r in out] == ["article-1", "d", "bad", "art", "nt"]  # a dict keeps its id, as a JSON line does
    assert out[1].facts[0].value == 5000000
    assert out[2].error.type == "InvalidJSON"
    assert out[4].error.type == "MissingText" and "item 5" in out[4].error.message


def test_extract_many_is_lazy(ex):
    def endless():
        i = 0
        while True:
            i += 1
            yield f"Artikel {i} terbit pada 9 Oktober 2024."

    stream = ex.extract_many(endless())
    first = [next(stream) for _ in range(3)]
    assert [r.id for r in first] == ["article-1", "article-2", "article-3"]


def test_unknown_backend_is_a_clear_error():
    import pytest

    with pytest.raises(ValueError, match="unknown backend"):
        extractor.load(backend="nltk")


def test_missing_model_dir_is_a_clear_error(tmp_path):
    import pytest

    with pytest.raises(FileNotFoundError, match=str(tmp_path)):
        extractor.load(model_dir=tmp_path)


def test_unicode_spaces_are_read_as_spaces_and_quoted_as_written(ex):
    text = "Turut hadir Bupati\xa0Kupang, Yosef\xa0Lede, dalam acara itu pada Senin (9/6/2025)."
    rec = ex.extract(text, published="2025-06-10")
    roles = [(f.title, next(e.name for e in rec.entities if e.id == f.person)) for f in rec.facts if f.type == "role"]
    assert roles == [("Bupati Kupang", "Yosef Lede")]
    for ent in rec.entities:
        for m in ent.mentions:
            assert text[m.start:m.end] == m.text
    for fact in rec.facts:
        assert text[fact.evidence.start:fact.evidence.end] == fact.evidence.text


def test_analysis_with_the_spacy_backend_gives_sentences_and_tokens(ex):
    rec = extractor.Extractor(ex.backend, analysis=True).extract(TEXT, published="2024-10-10").to_dict()
    sentences = rec["analysis"]["sentences"]
    assert rec["analysis"]["backend"] == "spacy" and len(sentences) == 4  # the credit line is its own sentence
    words = sentences[0]["words"]
    assert [w["text"] for w in words[:3]] == ["SURABAYA", ",", "iNewsSurabaya.id"]
    assert all(TEXT[w["start"]:w["end"]] == w["text"] and w["upos"] is None for s in sentences for w in s["words"])


def test_a_full_word_keeps_no_period_and_a_line_break_ends_a_name(ex):
    """`Desa.` at a sentence end is the word `Desa` and a full stop (abbreviations.txt holds only
    real abbreviations); no mention runs across the line break."""
    text = "Korban melapor ke Polsek Sanga Desa.\nKapolsek Sanga Desa IPTU Joharmen tiba di lokasi."
    rec = extractor.Extractor(ex.backend, analysis=True).extract(text, published="2025-06-10").to_dict()
    sentences = rec["analysis"]["sentences"]
    assert len(sentences) == 2 and [w["text"] for w in sentences[0]["words"]][-2:] == ["Desa", "."]
    mentions = [(m["text"], e["type"]) for e in rec["entities"] for m in e["mentions"]]
    assert ("Polsek Sanga Desa", "ORG") in mentions and ("Joharmen", "PER") in mentions
    assert not any("\n" in name for name, _ in mentions)


def test_text_without_capitals_goes_to_the_caseless_model(ex):
    """Lower-cased and all-capital text: names found by models/id_news_ner/caseless, offsets on the
    text as given; cased text is unaffected."""
    for text in ("presiden joko widodo meresmikan bendungan di kabupaten ponorogo bersama gubernur "
                 "jawa timur khofifah indar parawansa .",
                 "PRESIDEN JOKO WIDODO MERESMIKAN BENDUNGAN DI KABUPATEN PONOROGO BERSAMA GUBERNUR "
                 "JAWA TIMUR KHOFIFAH INDAR PARAWANSA ."):
        rec = ex.extract(text, published="2024-10-10")
        found = {(text[m.start:m.end].lower(), e.type) for e in rec.entities for m in e.mentions}
        assert {("joko widodo", "PER"), ("khofifah indar parawansa", "PER"), ("jawa timur", "LOC")} <= found
    assert ex.backend.ner.caseless is not None


def test_a_word_glued_to_a_name_is_its_own_token_and_the_name_is_found(ex):
    """Scraped text loses the space after `dari`, `dan`, a verb or a noun before a link or a name;
    camel-case brands (`detikFinance`, `iPhone`, `WhatsApp`) stay whole, and a word glued before
    one (`dilansirdetikSulsel`) is split from it. A name the text writes only glued is no entity
    (ANNOTATION.md); one written on its own too is, the glued mention joined to it."""
    text = ("Kabar itu dilansir dariReuters. Perwakilan dariKementerian Keuangan danBank Indonesia hadir. "
            "Pembaca detikFinance memakai iPhone dan WhatsApp. SBY memintaPrabowo Subianto datang, "
            "dilansirdetikSulsel. Kata Prabowo Subianto, Bank Indonesia siap, dilansirAFP. Ia memakai macOS.")
    rec = extractor.Extractor(ex.backend, analysis=True).extract(text, published="2025-06-10").to_dict()
    words = [w["text"] for s in rec["analysis"]["sentences"] for w in s["words"]]
    assert words[3:5] == ["dari", "Reuters"] and {"detikFinance", "iPhone", "WhatsApp", "detikSulsel"} <= set(words)
    assert words[words.index("SBY") + 1:words.index("SBY") + 3] == ["meminta", "Prabowo"]
    assert "AFP" in words and "dilansir" in words  # a lower-case word glued to an acronym too,
    assert "macOS" in words  # but not to two capitals (a product: `macOS`, `kompasTV`)
    mentions = {e["name"]: len(e["mentions"]) for e in rec["entities"]}
    assert mentions["Prabowo Subianto"] == 2 and mentions["Bank Indonesia"] == 2
    assert not {"Reuters", "Kementerian Keuangan"} & set(mentions)


def test_a_link_label_glued_inside_a_line_takes_its_headline_out_of_the_body(ex):
    text = ("Harga emas naik menjadi Rp1.932.000 per gram.Baca JugaJadwal Lengkap Agenda Presiden Prabowo di St. Petersburg, "
            "RusiaSelama pekan ini, Menteri Keuangan Sri Mulyani memantau pasar.")
    names = {e.name for e in ex.extract(text, published="2025-06-19").entities}
    assert "Prabowo" not in names and "Sri Mulyani" in names
