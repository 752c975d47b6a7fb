"""Record-level checks on the shipped sample articles (values, not just shapes)."""
from __future__ import annotations


def facts(rec: dict, kind: str) -> list[dict]:
    return [f for f in rec["facts"] if f["type"] == kind]


def test_seed_article(sample_records):
    rec = sample_records["seed-ponorogo"]
    assert rec["meta"]["dateline"] == "Surabaya" and rec["meta"]["outlet"] == "iNewsSurabaya.id"
    assert rec["meta"]["editor"] == "Arif Ardliyanto" and rec["meta"]["published"] == "2024-10-10"
    assert {f["value"] for f in facts(rec, "date")} == {"2024-10-09", "2024"}
    assert {(f["value"], f["unit"]) for f in facts(rec, "quantity")} == {
        (64, "unit kerja"), (40, "unit kerja"), (4, "ekosistem pelayanan"), (250, "kabupaten/kota")}
    assert facts(rec, "money") == []
    ents = {e["name"]: e for e in rec["entities"]}
    assert ents["Heni Susila Wardoyo"]["type"] == "PER" and "Heni" in ents["Heni Susila Wardoyo"]["aliases"]
    kemenpan = ents["Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"]
    assert kemenpan["type"] == "ORG" and "KemenPAN-RB" in kemenpan["aliases"]
    text = open_text("seed-ponorogo")
    for e in rec["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for f in rec["facts"]:
        assert text[f["evidence"]["start"]:f["evidence"]["end"]] == f["evidence"]["text"]


def test_police_article_money_dates_and_law_year(sample_records):
    rec = sample_records["s03-polres-ponorogo-sabu"]
    assert [(f["value"], f["currency"]) for f in facts(rec, "money")] == [(187500000, "IDR")]
    dates = {f["value"] for f in facts(rec, "date")}
    assert {"2025-03-04", "2025-03-05", "2025-01"} <= dates and "2009" not in dates
    assert rec["meta"]["reporter"] == "Dedi Prasetyo" and rec["meta"]["outlet"] == "iNews.id"
    assert {(f["value"], f["unit"]) for f in facts(rec, "quantity")} >= {(3, "tersangka"), (125, "gram")}


def test_olympiad_article_range_and_dollars(sample_records):
    rec = sample_records["s05-osn-fisika-semarang"]
    assert {"2025-09-08", "2025-09-14", "2025-09-15", "2025"} <= {f["value"] for f in facts(rec, "date")}
    assert [(f["value"], f["currency"]) for f in facts(rec, "money")] == [(500, "USD")]
    assert rec["meta"]["dateline"] == "Semarang"


def test_boilerplate_line_gives_nothing(sample_records):
    rec = sample_records["s02-indeks-spbe-jateng"]
    text = open_text("s02-indeks-spbe-jateng")
    start = text.index("Baca juga:")
    assert all(f["evidence"]["start"] < start for f in rec["facts"])
    assert all(m["start"] < start for e in rec["entities"] for m in e["mentions"])


def open_text(article_id: str) -> str:
    import json

    from .conftest import SAMPLES

    for f in SAMPLES.glob("*.jsonl"):
        if f.name.endswith(".gold.jsonl"):
            continue
        for line in f.open(encoding="utf-8"):
            obj = json.loads(line)
            if obj["id"] == article_id:
                return obj["text"]
    raise KeyError(article_id)
