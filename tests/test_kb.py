"""The knowledge base on real databases: SQLite files in a temp dir and a PostgreSQL server the
tests start themselves (``postgres_server.py``). Loading is idempotent, replaces a newer record,
survives kill -9, stops at a bad line naming it, keeps error records, refuses another KB schema."""
from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from extractor.kb.db import KB_SCHEMA_VERSION, KBError, connect
from extractor.kb.loader import BadLine, load
from extractor.kb.resolve import resolve_rows
from .postgres_server import postgres_url

COUNTED = ["articles", "article_entities", "mentions", "roles", "awards", "metrics", "quotes", "money",
           "quantities", "dates", "errors", "entities", "aliases"]


def record(article_id: str, **changes) -> dict:
    """A small record of schema v1: a person with a title, an agency with its short form, a quote,
    a metric, an award, money, a quantity and a date."""
    rec = {
        "schema_version": "1", "id": article_id, "source": {"path": "in.jsonl", "url": None},
        "meta": {"title": None, "outlet": "Antara", "dateline": "Kupang", "published": "2024-12-17",
                 "editor": None, "reporter": None},
        "entities": [
            {"id": "E1", "type": "PER", "name": "Yohanes Bria", "aliases": ["Yohanes"],
             "mentions": [{"start": 0, "end": 12, "text": "Yohanes Bria"}, {"start": 60, "end": 67, "text": "Yohanes"}]},
            {"id": "E2", "type": "ORG", "name": "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
             "aliases": ["KemenPAN-RB"], "mentions": [{"start": 20, "end": 30, "text": "KemenPAN-RB"}]},
            {"id": "E3", "type": "LOC", "name": "Kupang", "aliases": [], "mentions": [{"start": 40, "end": 46, "text": "Kupang"}]}],
        "facts": [
            {"type": "role", "person": "E1", "title": "Kepala KPP Pratama Kupang", "organization": None,
             "evidence": {"start": 0, "end": 30, "text": "Kepala KPP Pratama Kupang Yohanes Bria"}},
            {"type": "award", "recipient": "40 unit kerja", "award": "predikat WBK", "giver": "E2", "date": "2024-12-16",
             "evidence": {"start": 70, "end": 90, "text": "40 unit kerja meraih predikat WBK"}},
            {"type": "metric", "name": "Indeks RB", "scope": None, "value": 76.81, "previous": 75.48, "unit": None,
             "direction": None, "evidence": {"start": 91, "end": 120, "text": "Indeks RB mencapai 76,81"}},
            {"type": "quote", "speaker": "E1", "text": "Kami bangga", "evidence": {"start": 121, "end": 140, "text": "..."}},
            {"type": "money", "value": 1500000000000, "currency": "IDR", "text": "Rp1,5 triliun",
             "evidence": {"start": 141, "end": 154, "text": "Rp1,5 triliun"}},
            {"type": "quantity", "value": 86, "unit": "pegawai", "text": "86 pegawai",
             "evidence": {"start": 155, "end": 165, "text": "86 pegawai"}},
            {"type": "date", "value": "2024-12-16", "text": "Senin (16/12)",
             "evidence": {"start": 166, "end": 179, "text": "Senin (16/12)"}}],
        "warnings": []}
    rec.update(changes)
    return rec


def write(path, records) -> str:
    with open(path, "w", encoding="utf-8") as fh:
        for rec in records:
            fh.write((rec if isinstance(rec, str) else json.dumps(rec, ensure_ascii=False)) + "\n")
    return str(path)


def counts(kb) -> dict[str, int]:
    return {t: kb.one(f"SELECT COUNT(*) FROM {t}")[0] for t in COUNTED}


@pytest.fixture(scope="module")
def pg_server():
    with postgres_url() as url:
        yield url


_names = itertools.count()


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path):
    """A new, empty database: an SQLite file, or a database on the test PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "kb.sqlite")
    import psycopg

    url = request.getfixturevalue("pg_server")
    name = f"kb_{next(_names)}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return url.replace("/kbtest?", f"/{name}?")


def test_load_fills_every_table_and_a_second_load_changes_nothing(db, tmp_path):
    path = write(tmp_path / "r.jsonl", [record("a1"), record("a2"), {"schema_version": "1", "id": "a3",
                                        "error": {"type": "InvalidJSON", "message": "in.jsonl:3: not JSON"}}])
    with connect(db) as kb:
        first = load(kb, [path])
        before = counts(kb)
        again = load(kb, [path])
        assert counts(kb) == before
    assert (first.loaded, first.errors, again.loaded, again.unchanged) == (2, 1, 0, 2)
    assert before["articles"] == 2 and before["errors"] == 1 and before["mentions"] == 8
    assert all(before[t] == 2 for t in ["roles", "awards", "metrics", "quotes", "money", "quantities", "dates"])


def test_a_fact_field_holds_an_entity_or_the_text_of_what_is_no_entity(db, tmp_path):
    with connect(db) as kb:
        load(kb, [write(tmp_path / "r.jsonl", [record("a1")])])
        award = kb.one("SELECT recipient_local, recipient_text, giver_local, giver_text FROM awards")
        metric = kb.one("SELECT name, value, previous FROM metrics")
    assert award == (None, "40 unit kerja", "E2", None) and metric == ("Indeks RB", 76.81, 75.48)


def test_a_newer_record_of_an_article_replaces_its_rows_and_an_older_one_does_not(db, tmp_path):
    old = record("a1", producer={"extractor": "0.1.0"})
    new = record("a1", producer={"extractor": "0.2.0"}, facts=old["facts"][:1])
    with connect(db) as kb:
        load(kb, [write(tmp_path / "old.jsonl", [old])])
        replaced = load(kb, [write(tmp_path / "new.jsonl", [new])])
        after_new = counts(kb)
        older = load(kb, [str(tmp_path / "old.jsonl")])
        assert counts(kb) == after_new
        version = kb.one("SELECT extractor_version FROM articles")
    assert replaced.replaced == 1 and older.older == 1 and version == ("0.2.0",)
    assert after_new["articles"] == 1 and after_new["roles"] == 1 and after_new["quotes"] == 0


def test_a_bad_line_stops_the_load_naming_it_and_nothing_of_its_file_is_committed(db, tmp_path):
    good = write(tmp_path / "a.jsonl", [record("a1")])
    bad = write(tmp_path / "b.jsonl", [record("b1"), "{not json", record("b2")])
    with connect(db) as kb:
        with pytest.raises(BadLine, match=r"b\.jsonl:2: not a JSON record"):
            load(kb, [good, bad])
        assert [r[0] for r in kb.all("SELECT article_id FROM articles")] == ["a1"]
        skipped = load(kb, [good, bad], skip_bad=True)
        ids = sorted(r[0] for r in kb.all("SELECT article_id FROM articles"))
    assert ids == ["a1", "b1", "b2"] and len(skipped.skipped_lines) == 1


def test_a_record_of_an_unknown_schema_version_is_a_bad_line(db, tmp_path):
    path = write(tmp_path / "r.jsonl", [record("a1", schema_version="9")])
    with connect(db) as kb, pytest.raises(BadLine, match=r"r\.jsonl:1: record schema_version '9'"):
        load(kb, [path])


def test_a_kb_of_another_schema_version_or_another_database_is_refused_unchanged(tmp_path):
    path = str(tmp_path / "kb.sqlite")
    with connect(path) as kb, kb.transaction():
        kb.run("UPDATE kb_info SET value = ? WHERE key = ?", ("0", "kb_schema_version"))
    with pytest.raises(KBError, match=f"made by KB schema version 0; this extractor reads and writes version "
                                      f"{KB_SCHEMA_VERSION}"):
        connect(path)
    other = str(tmp_path / "other.sqlite")
    import sqlite3
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE people (name TEXT)")
    with pytest.raises(KBError, match="not a knowledge base"):
        connect(other)
    with sqlite3.connect(other) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["people"]


def test_kill_9_during_a_load_then_the_same_command_gives_the_rows_of_an_uninterrupted_load(tmp_path):
    folder = tmp_path / "parts"
    folder.mkdir()
    for part in range(8):
        write(folder / f"part-{part:05d}.jsonl", [record(f"p{part}-{i}") for i in range(1500)])
    db = str(tmp_path / "kb.sqlite")
    cmd = [sys.executable, "-m", "extractor", "kb", "load", str(folder), "--db", db, "-q"]
    proc = subprocess.Popen(cmd)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if os.path.exists(db) and _articles(db) >= 1500:  # at least one file committed, the load goes on
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert subprocess.run(cmd).returncode == 0
    whole = str(tmp_path / "whole.sqlite")
    assert subprocess.run(cmd[:-3] + ["--db", whole, "-q"]).returncode == 0
    with connect(db) as kb, connect(whole) as ref:
        assert counts(kb) == counts(ref) and counts(kb)["articles"] == 12000


def _articles(db: str) -> int:
    import sqlite3
    try:
        with sqlite3.connect(db, timeout=0.1) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_the_load_command_names_a_missing_input_before_opening_the_kb(tmp_path):
    from extractor.cli import main

    db = tmp_path / "kb.sqlite"
    assert main(["kb", "load", str(tmp_path / "missing.jsonl"), "--db", str(db)]) == 2
    assert not db.exists()


def test_officials_view_gives_a_person_title_and_dates_across_articles(db, tmp_path):
    later = record("a2", meta={**record("a2")["meta"], "published": "2025-01-05"})
    with connect(db) as kb:
        load(kb, [write(tmp_path / "r.jsonl", [record("a1"), later])])
        rows = kb.all("SELECT person, title, first_seen, last_seen, articles FROM officials")
    assert rows == [("Yohanes Bria", "Kepala KPP Pratama Kupang", "2024-12-17", "2025-01-05", 2)]


# ------------------------------------------------------------------ entities across articles

def rows(*entities):
    return [(a, f"E{i}", t, name, json.dumps(aliases)) for i, (a, t, name, aliases) in enumerate(entities, 1)]


def same(ids, i, j) -> bool:
    keys = sorted(ids)
    return ids[keys[i]] == ids[keys[j]]


def test_persons_merge_on_the_full_name_without_degrees_never_on_one_word():
    ids = resolve_rows(rows(("a1", "PER", "Abdullah Azwar Anas", []), ("a2", "PER", "Dr. Abdullah Azwar Anas, M.Si.", []),
                            ("a3", "PER", "Anas", []), ("a4", "PER", "Anas", [])))
    assert same(ids, 0, 1) and not same(ids, 0, 2) and not same(ids, 2, 3)


def test_a_short_form_joins_the_full_name_an_article_pairs_it_with_unless_two_names_claim_it():
    ids = resolve_rows(rows(("a1", "ORG", "Kementerian Hukum dan HAM", ["Kemenkumham"]),
                            ("a2", "ORG", "Kemenkumham", []),
                            ("a3", "ORG", "Partai Solidaritas Indonesia", ["PSI"]),
                            ("a4", "ORG", "Persatuan Sepakbola Indonesia", ["PSI"]), ("a5", "ORG", "PSI", [])))
    assert same(ids, 0, 1)
    assert len({ids[k] for k in sorted(ids)[2:]}) == 3


def test_a_place_never_merges_with_an_organisation_and_ids_do_not_depend_on_order():
    entities = [("a1", "LOC", "Jawa Timur", ["Jatim"]), ("a2", "LOC", "Jatim", []), ("a3", "ORG", "Jawa Timur", [])]
    forward = resolve_rows(rows(*entities))
    backward = resolve_rows(list(reversed(rows(*entities))))
    assert forward == backward
    assert same(forward, 0, 1) and not same(forward, 0, 2)


# ------------------------------------------------------------------ commands and exports

def loaded(db, tmp_path):
    second = record("a2", meta={**record("a2")["meta"], "published": "2025-01-05"})
    second["entities"][1].update(name="Kemenpan-RB", aliases=[])  # the short form alone: joins the ministry
    third = record("a3", entities=[{"id": "E1", "type": "LOC", "name": "Kabupaten Ponorogo", "aliases": [],
                                    "mentions": [], "region": {"code": "35.02", "name": "Kabupaten Ponorogo",
                                                               "level": "regency", "province": "35", "candidates": []}}],
                   facts=[])
    path = write(tmp_path / "r.jsonl", [record("a1"), second, third])
    from extractor.cli import main
    assert main(["kb", "load", path, "--db", db, "-q"]) == 0


def run_cli(capsys, *argv) -> str:
    from extractor.cli import main
    assert main(["kb", *argv]) == 0
    return capsys.readouterr().out


def test_show_gives_one_entity_across_articles(db, tmp_path, capsys):
    loaded(db, tmp_path)
    (person,) = json.loads(run_cli(capsys, "show", "yohanes bria", "--db", db))
    assert person["aliases"] == ["Yohanes"] and person["articles"] == ["a1", "a2"]
    assert [(r["title"], r["first_seen"], r["last_seen"], r["articles"]) for r in person["roles"]] == [
        ("Kepala KPP Pratama Kupang", "2024-12-17", "2025-01-05", 2)]
    assert [q["article_id"] for q in person["quotes"]] == ["a1", "a2"]
    (ministry,) = json.loads(run_cli(capsys, "show", "KemenPAN-RB", "--db", db))
    assert ministry["articles"] == ["a1", "a2"] and "Kemenpan-RB" in ministry["aliases"]


def test_officials_and_metric_commands_give_json_lines(db, tmp_path, capsys):
    loaded(db, tmp_path)
    rows = [json.loads(line) for line in run_cli(capsys, "officials", "--db", db).splitlines()]
    assert [(r["person"], r["articles"]) for r in rows] == [("Yohanes Bria", 2)]
    assert run_cli(capsys, "officials", "--org", "Kupang", "--db", db) == ""
    series = [json.loads(line) for line in run_cli(capsys, "metric", "indeks rb", "--db", db).splitlines()]
    assert [(m["value"], m["date"]) for m in series] == [(76.81, "2024-12-17"), (76.81, "2025-01-05")]


def test_exports_jsonl_jsonld_and_csv(db, tmp_path, capsys):
    loaded(db, tmp_path)
    lines = [json.loads(line) for line in run_cli(capsys, "export", "--format", "jsonl", "--db", db).splitlines()]
    place = next(e for e in lines if e["name"] == "Kabupaten Ponorogo")
    assert place["region"] == {"code": "35.02", "level": "regency", "name": "Kabupaten Ponorogo"}
    assert {"id", "type", "name", "aliases", "articles", "region"} <= set(lines[0])
    graph = json.loads(run_cli(capsys, "export", "--format", "jsonld", "--db", db))["@graph"]
    person = next(n for n in graph if n.get("name") == "Yohanes Bria")
    assert person["@type"] == "Person" and person["jobTitle"] == ["Kepala KPP Pratama Kupang"]
    assert next(n for n in graph if n.get("name") == "Kabupaten Ponorogo")["identifier"]["value"] == "35.02"
    assert sum(n["@type"] == "NewsArticle" for n in graph) == 3
    run_cli(capsys, "export", "--format", "csv", "-o", str(tmp_path / "csv"), "--db", db)
    import csv
    with open(tmp_path / "csv" / "roles.csv", encoding="utf-8") as fh:
        roles = list(csv.DictReader(fh))
    assert [(r["article_id"], r["title"]) for r in roles] == [("a1", "Kepala KPP Pratama Kupang"),
                                                              ("a2", "Kepala KPP Pratama Kupang")]


def test_a_query_on_a_missing_kb_says_so_and_csv_needs_a_folder(tmp_path, capsys):
    from extractor.cli import main
    assert main(["kb", "show", "x", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert "no such knowledge base" in capsys.readouterr().err
    db = str(tmp_path / "kb.sqlite")
    loaded(db, tmp_path)
    assert main(["kb", "export", "--format", "csv", "--db", db]) == 2
    assert "give the folder with -o" in capsys.readouterr().err


def test_an_article_row_keeps_the_extractor_and_model_that_made_its_record(ex, tmp_path):
    rec = ex.extract("Bupati Ponorogo Sugiri Sancoko meninjau Kecamatan Babadan.", published="2025-06-10", id="p1")
    db = str(tmp_path / "kb.sqlite")
    with connect(db) as kb:
        load(kb, [write(tmp_path / "r.jsonl", [rec.to_dict()])])
        versions = kb.one("SELECT extractor_version, model_version FROM articles")
        region = kb.one("SELECT region_code FROM entities WHERE name = ?", ("Kecamatan Babadan",))
    assert versions == (rec.producer.extractor, rec.producer.model) and region == ("35.02.16",)


def test_records_load_from_stdin_and_bad_lines_are_skipped_when_asked(tmp_path, monkeypatch, capsys):
    import io
    from extractor.cli import main

    lines = json.dumps(record("s1")) + "\n{broken\n" + json.dumps(record("s2")) + "\n"
    db = str(tmp_path / "kb.sqlite")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode("utf-8"))))
    assert main(["kb", "load", "-", "--db", db]) == 2
    assert "<stdin>:2: not a JSON record" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines.encode("utf-8"))))
    assert main(["kb", "load", "-", "--db", db, "--skip-bad"]) == 0
    assert "1 bad lines skipped" in capsys.readouterr().err
    with connect(db) as kb:
        assert kb.one("SELECT COUNT(*) FROM articles") == (2,)


def test_a_regional_body_that_names_no_region_stays_its_articles_own():
    ids = resolve_rows(rows(("a1", "ORG", "Dinas Pendidikan", []), ("a2", "ORG", "Dinas Pendidikan", []),
                            ("a3", "ORG", "Kementerian Agama", []), ("a4", "ORG", "Kementerian Agama", [])))
    assert not same(ids, 0, 1) and same(ids, 2, 3)


def test_a_regional_short_form_is_no_expansion_and_two_regions_of_one_name_stay_apart():
    ids = resolve_rows(rows(("a1", "ORG", "KPU Kota Bogor", ["KPU"]), ("a2", "ORG", "KPU", []),
                            ("a3", "ORG", "Kepolisian Negara Republik Indonesia", ["Polri"]), ("a4", "ORG", "Polri", [])))
    assert not same(ids, 0, 1) and same(ids, 2, 3)
    from extractor.kb.resolve import entity_key
    assert entity_key("LOC", "Bogor", "a1", {"code": "32.01"}) != entity_key("LOC", "Bogor", "a3", {"code": "32.71"})


def test_canonical_person_names_drop_titles_honorifics_and_degrees(tmp_path):
    recs = [record(f"c{i}", entities=[{"id": "E1", "type": "PER", "name": name, "aliases": [], "mentions": []}], facts=[])
            for i, name in enumerate(["Dr. H. Ahmad Yani, S.H., M.H.", "Dr. H. Ahmad Yani, S.H., M.H.", "Ahmad Yani",
                                      "KH Ma'ruf Amin", "Presiden Prabowo Subianto"])]
    with connect(str(tmp_path / "kb.sqlite")) as kb:
        load(kb, [write(tmp_path / "r.jsonl", recs)])
        names = sorted(r[0] for r in kb.all("SELECT name FROM entities"))
    assert names == ["Ahmad Yani", "Ma'ruf Amin", "Prabowo Subianto"]


def test_malformed_records_are_bad_lines_naming_the_problem(tmp_path):
    bad = [record("d1", entities=[record("d1")["entities"][0]] * 2),
           record("d2", entities=[{"id": "E1", "type": "PER"}]),
           record("d3", facts=[{"type": "money", "value": {"x": 1}, "currency": "IDR"}]),
           record("d4", meta="2024-01-01")]
    for rec, message in zip(bad, ["entity id 'E1' twice", "string `id`, `type` and `name`",
                                  "`value` must be a number", "`meta` and `source` must be objects"]):
        with connect(str(tmp_path / f"{rec['id']}.sqlite")) as kb, pytest.raises(BadLine, match=message):
            load(kb, [write(tmp_path / f"{rec['id']}.jsonl", [rec])])


def test_files_committed_before_a_bad_line_are_resolved_and_passwords_are_not_shown(tmp_path):
    db = str(tmp_path / "kb.sqlite")
    with connect(db) as kb:
        with pytest.raises(BadLine):
            load(kb, [write(tmp_path / "a.jsonl", [record("a1")]), write(tmp_path / "b.jsonl", ["{oops"])])
        assert kb.one("SELECT COUNT(*) FROM article_entities WHERE entity_id IS NULL") == (0,)
    from extractor.kb.db import _safe
    assert "secret" not in _safe("postgresql://kb:secret@host/db") and "secret" not in _safe("postgresql://h/db?password=secret")


def test_search_words_are_taken_literally(db, tmp_path, capsys):
    loaded(db, tmp_path)
    from extractor.cli import main
    assert main(["kb", "show", "%", "--db", db]) == 1 and main(["kb", "show", "_", "--db", db]) == 1


def test_places_of_one_region_code_are_one_place_whatever_their_names():
    from extractor.kb.resolve import entity_key
    assert entity_key("LOC", "Jatim", "a1", {"code": "35"}) == entity_key("LOC", "Provinsi Jawa Timur", "a2", {"code": "35"})
    assert entity_key("LOC", "Sidoarjo", "a1", {"code": "35.15"}) != entity_key("LOC", "Sidoarjo", "a2", None)
