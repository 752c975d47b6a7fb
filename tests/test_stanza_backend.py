"""The stanza backend: embedded models, a user's resources directory, the analysis output and the
errors at load. Runs offline: only models/id_stanza and files made here are used."""
from __future__ import annotations

import json
import shutil

import pytest

import extractor
from extractor.cli import main

from .conftest import ROOT, SAMPLES, need_stanza

TEXT = ("JAKARTA - Menteri Sosial Saifullah Yusuf meresmikan rumahnya di Jakarta pada Rabu (9/10). "
        "Ia menyerahkan bantuan Rp1,5 triliun.\nKepala Dinas Sosial, Budi Santoso, hadir.")


def test_tokens_sentences_pos_lemmas_and_our_entities(stanza_ex):
    doc = stanza_ex.backend.process(TEXT)
    assert [TEXT[s:e] for s, e in doc.sentences][-1] == "Kepala Dinas Sosial, Budi Santoso, hadir."  # a line break ends a sentence
    by_text = {t.text: t for t in doc.tokens}
    assert by_text["meresmikan"].pos == "VERB" and by_text["meresmikan"].lemma == "resmi"
    assert by_text["Jakarta"].pos == "PROPN"
    # `rumahnya` is one token and two words (rumah + nya) that share its offsets
    words = [w for sent in doc.words for w in sent if TEXT[w.start:w.end] == "rumahnya"]
    assert [w.text for w in words] == ["rumah", "nya"]
    assert {(TEXT[m.start:m.end], m.label) for m in doc.mentions} >= {("Saifullah Yusuf", "PER"), ("Jakarta", "LOC")}


def test_record_is_the_same_contract_as_spacy(stanza_ex):
    rec = stanza_ex.extract(TEXT, published="2024-10-10").to_dict()
    assert "analysis" not in rec  # only when asked for
    assert {("date", "2024-10-09"), ("money", 1500000000000)} <= {(f["type"], f["value"]) for f in rec["facts"]
                                                                   if f["type"] in ("date", "money")}
    roles = {(f["title"], f["person"]) for f in rec["facts"] if f["type"] == "role"}
    names = {e["id"]: e["name"] for e in rec["entities"]}
    assert ("Menteri Sosial", "Saifullah Yusuf") in {(t, names[p]) for t, p in roles}


def test_analysis_output_and_schema(stanza_ex):
    jsonschema = pytest.importorskip("jsonschema")
    ex = extractor.Extractor(stanza_ex.backend, analysis=True)
    rec = ex.extract(TEXT, published="2024-10-10").to_dict()
    jsonschema.validate(rec, extractor.json_schema())
    analysis = rec["analysis"]
    assert analysis["backend"] == "stanza" and len(analysis["sentences"]) == 3
    first = analysis["sentences"][0]["words"]
    assert all(TEXT[w["start"]:w["end"]] for w in first)
    assert {"upos", "lemma", "head", "deprel"} <= set(first[0])
    assert [w["lemma"] for w in first if w["text"] == "meresmikan"] == ["resmi"]


def test_cli_backend_stanza_with_analysis(tmp_path, stanza_ex):
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(SAMPLES / "seed.jsonl"), "-o", str(out), "-q", "--backend", "stanza", "--analysis"]) == 0
    rec = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert rec["id"] == "seed-ponorogo" and rec["analysis"]["backend"] == "stanza"
    assert any(e["name"] == "Heni Susila Wardoyo" for e in rec["entities"])


def test_a_users_resources_directory_is_used(tmp_path):
    """Any stanza resources directory works as the embedded one does: here a copy of it that
    offers no lemmatizer, so the backend runs without one."""
    need_stanza()
    from extractor.nlp.stanza_backend import embedded_model_dir

    user = tmp_path / "stanza_resources"
    shutil.copytree(embedded_model_dir(), user)
    table = json.loads((user / "resources.json").read_text(encoding="utf-8"))
    del table["id"]["default_processors"]["lemma"]
    (user / "resources.json").write_text(json.dumps(table), encoding="utf-8")
    ex = extractor.load(backend="stanza", stanza_dir=user)
    assert ex.backend.processors == ("tokenize", "mwt", "pos")
    doc = ex.backend.process("Menteri Sosial Saifullah Yusuf hadir di Jakarta.")
    assert doc.tokens[0].pos == "PROPN" and doc.tokens[0].lemma is None and doc.tokens[0].head is None


def test_resources_directory_without_indonesian_models_is_a_clear_error(tmp_path):
    need_stanza()
    with pytest.raises(FileNotFoundError, match="not a stanza resources directory.*stanza.download"):
        extractor.load(backend="stanza", stanza_dir=tmp_path)
    (tmp_path / "resources.json").write_text(json.dumps({"en": {"default_processors": {"tokenize": "ewt"}}}))
    with pytest.raises(FileNotFoundError, match="no Indonesian stanza models in .*id/tokenize"):
        extractor.load(backend="stanza", stanza_dir=tmp_path)
    assert main(["extract", str(SAMPLES / "seed.jsonl"), "-q", "--backend", "stanza", "--stanza-dir", str(tmp_path)]) == 2


def test_missing_extra_is_named_at_load(monkeypatch, capsys):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name in ("stanza", "torch") else real(name, *a))
    with pytest.raises(ImportError, match=r"pip install 'indonesian-news-extractor\[stanza\]'"):
        extractor.load(backend="stanza")
    assert main(["extract", str(SAMPLES / "seed.jsonl"), "-q", "--backend", "stanza", "--jobs", "2"]) == 2
    assert "indonesian-news-extractor[stanza]" in capsys.readouterr().err


def test_stanza_dir_needs_the_stanza_backend():
    with pytest.raises(ValueError, match="backend='stanza'"):
        extractor.load(stanza_dir=ROOT)
    assert main(["extract", str(SAMPLES / "seed.jsonl"), "-q", "--stanza-dir", str(ROOT)]) == 2


def test_caseless_text_through_stanza(stanza_ex):
    text = "presiden joko widodo tiba di surabaya pada rabu ."
    rec = stanza_ex.extract(text, published="2024-10-10")
    assert ("joko widodo", "PER") in {(e.name, e.type) for e in rec.entities}
