"""Text, not junk (issue 31): binary input gives a `not_text` error record, invalid UTF-8 in a line
is counted in a warning, a file without articles is named, `-q` is quiet, HTML is decoded by its
declared charset, and a page without main text gives its plain text; checked on real files."""
from __future__ import annotations

import csv
import gzip
import json
import random
import struct
import subprocess
import sys
import zlib

import pytest

from extractor.batch import BatchOptions, run
from extractor.io.readers import read_inputs
from extractor.io.text import NOT_TEXT, not_text
from extractor.pipeline import NotText

from .conftest import CORPUS, ROOT, SAMPLES

ARTICLE = "JEPARA - Bupati Jepara Dian Kristiandi meninjau Pasar Jepara pada Senin (9/6/2025) bersama 40 warga."


def png_bytes(size: int = 48) -> bytes:
    """A real PNG of random pixels (it compresses badly, as photos do)."""
    rng = random.Random(31)
    rows = b"".join(b"\x00" + bytes(rng.randrange(256) for _ in range(size * 3)) for _ in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def read(path) -> list[dict]:
    return [json.loads(line) for line in open(path, encoding="utf-8")]


def extract(tmp_path, ex, *inputs, **options) -> list[dict]:
    out = tmp_path / "out.jsonl"
    run(BatchOptions(inputs=tuple(str(i) for i in inputs), output=str(out), progress=False, **options), extractor=ex)
    return read(out)


# --------------------------------------------------------------------------- not text


def test_binary_files_and_control_characters_give_not_text_error_records(tmp_path, ex):
    (tmp_path / "logo.txt").write_bytes(png_bytes())
    (tmp_path / "nul.txt").write_bytes(b"\x00" * 5000)
    (tmp_path / "logo.html").write_bytes(png_bytes())
    lines = [{"id": "ctl", "text": "".join(chr(i % 32) for i in range(2000))},
             {"id": "fffd", "text": "Bupati " + "\ufffd" * 100},
             {"id": "ok", "text": ARTICLE}]
    (tmp_path / "lines.jsonl").write_text("".join(json.dumps(d) + "\n" for d in lines), encoding="utf-8")
    with open(tmp_path / "rows.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["id", "text"], ["csvnul", "\x00" * 50], ["ok2", ARTICLE]])
    pages = tmp_path / "pages.jsonl"
    pages.write_text(json.dumps({"id": "page", "html": png_bytes().decode("utf-8", "replace")}) + "\n", encoding="utf-8")
    recs = extract(tmp_path, ex, *(tmp_path / n for n in ("logo.txt", "nul.txt", "logo.html", "lines.jsonl", "rows.csv",
                                                          "pages.jsonl")))
    by_id = {r["id"]: r for r in recs}
    for art_id in ("logo", "nul", "ctl", "fffd", "csvnul", "page"):
        assert by_id[art_id]["error"]["type"] == NOT_TEXT, by_id[art_id]
        assert "not text" in by_id[art_id]["error"]["message"] and "entities" not in by_id[art_id]
    assert [r["id"] for r in recs].count("logo") == 2 and recs[2]["error"]["type"] == NOT_TEXT  # the .html
    assert recs[0]["source"]["path"].endswith("logo.txt") and "logo.txt" in recs[0]["error"]["message"]
    assert by_id["ok"]["entities"] and by_id["ok2"]["entities"] == by_id["ok"]["entities"]


def test_the_library_refuses_text_that_is_not_text(ex):
    with pytest.raises(NotText, match="not text"):
        ex.extract("\x00\x01\x02" * 100)
    recs = list(ex.extract_many(["\ufffd" * 200, {"id": "b", "text": png_bytes().decode("utf-8", "replace")},
                                 ARTICLE]))
    assert [getattr(r, "error", None) and r.error.type for r in recs] == [NOT_TEXT, NOT_TEXT, None]
    assert recs[2].entities


def test_the_rule_spares_real_text_and_looks_at_a_bounded_sample():
    texts = [json.loads(line)["text"] for f in SAMPLES.glob("*.jsonl") if not f.name.endswith(".gold.jsonl")
             for line in open(f, encoding="utf-8")]
    texts += [line for f in CORPUS.glob("*.yaml") for line in open(f, encoding="utf-8")]
    texts += ["Kata \u201cKami\u201d\tdan\f\u00e9 \ufffd " * 20, "\ufffd" * 20 + ARTICLE, ""]  # some bad bytes are no reason
    arabic = "\u064a\u064e\u0670\u0653\u0623\u064e\u064a\u0651\u064f\u0647\u064e\u0627 " * 30
    texts.append(ARTICLE + arabic.encode("utf-8").decode("latin-1"))  # UTF-8 read as Latin-1: C1 controls, still text
    assert len(texts) > 300 and all(not_text(t) is None for t in texts)
    assert not_text("\x01" * 10 + "a" * 20) and not_text("\x7f" + "\ufffd" * 10 + "b" * 20)
    assert not_text("\x01" * 9 + "a" * 21) is None  # 30% exactly
    assert not_text(ARTICLE * 200 + "\x00" * 10_000_000) is None  # only the first 10,000 characters are read


# --------------------------------------------------------------------------- invalid UTF-8


def jsonl_line(art_id: str, text: str) -> bytes:
    return json.dumps({"id": art_id, "text": text}, ensure_ascii=False).encode("utf-8") + b"\n"


def test_invalid_utf8_in_a_jsonl_line_is_counted_in_a_warning(tmp_path):
    data = (jsonl_line("a", "Bupati hadir.") + jsonl_line("b", "Bupati XY hadir di Jepara.").replace(b"XY", b"\x93\xff")
            + jsonl_line("c", "Kata \u201ckami\u201d \u2028 tetap.") + b"\n" + jsonl_line("d", "Rp Z juta").replace(b"Z", b"\xe2\x82"))
    (tmp_path / "a.jsonl").write_bytes(data)
    with gzip.open(tmp_path / "b.jsonl.gz", "wb") as fh:
        fh.write(data.replace(b"\n", b"\r\n"))
    for name in ("a.jsonl", "b.jsonl.gz"):
        path = str(tmp_path / name)
        arts = list(read_inputs([path]))
        assert [a.id for a in arts] == ["a", "b", "c", "d"]
        assert arts[1].text == "Bupati \ufffd\ufffd hadir di Jepara." and arts[2].text == "Kata \u201ckami\u201d \u2028 tetap."
        assert [a.warnings for a in arts] == [
            [], [f"{path} line 2: invalid UTF-8, 2 bad bytes replaced with U+FFFD"], [],
            [f"{path} line 5: invalid UTF-8, 2 bad bytes replaced with U+FFFD"]]


def test_invalid_utf8_in_a_csv_row_names_its_lines_and_multi_line_cells_stay_whole(tmp_path):
    rows = [["id", "text"], ["r1", "Baris satu.\nBaris XY dua."], ["r2", "Bupati hadir.\r\nLagi."], ["r3", "Rp Z juta"]]
    with open(tmp_path / "t.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)  # rows end in \r\n; a cell's own line breaks are kept
    raw = (tmp_path / "t.csv").read_bytes().replace(b"XY", b"\xff\xfe\xfd").replace(b"Z", b"\xc3")
    (tmp_path / "t.csv").write_bytes(raw)
    with gzip.open(tmp_path / "u.csv.gz", "wb") as fh:
        fh.write(raw)
    for name in ("t.csv", "u.csv.gz"):
        path = str(tmp_path / name)
        arts = list(read_inputs([path]))
        assert [a.text for a in arts] == ["Baris satu.\nBaris \ufffd\ufffd\ufffd dua.", "Bupati hadir.\nLagi.",
                                          "Rp \ufffd juta"]  # \r\n in a cell read as \n, as before
        assert [a.warnings for a in arts] == [[f"{path} row 1 (line 3): invalid UTF-8, 3 bad bytes replaced with U+FFFD"],
                                              [], [f"{path} row 3 (line 6): invalid UTF-8, 1 bad byte replaced with U+FFFD"]]


def test_invalid_utf8_on_stdin_and_in_a_txt_file_is_counted(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(jsonl_line("a", "Bupati X hadir.").replace(b"X", b"\xff"))
    (tmp_path / "t.txt").write_bytes(b"\xef\xbb\xbfBupati \xff\xfe hadir.")
    (art,) = list(read_inputs(["-"], stdin=open(src, "rb")))
    assert art.warnings == ["<stdin> line 1: invalid UTF-8, 1 bad byte replaced with U+FFFD"]
    (art,) = list(read_inputs([str(tmp_path / "t.txt")]))
    assert art.text == "Bupati \ufffd\ufffd hadir." and art.warnings == [
        f"{tmp_path / 't.txt'}: invalid UTF-8, 2 bad bytes replaced with U+FFFD"]
    proc = subprocess.run([sys.executable, "-m", "extractor", "extract", "-", "-q"], stdin=open(src, "rb"),
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0 and proc.stderr == ""
    assert json.loads(proc.stdout)["warnings"][0].startswith("<stdin> line 1: invalid UTF-8, 1 bad byte")


# --------------------------------------------------------------------------- empty files, -q


def write_inputs_without_articles(folder) -> list[str]:
    """Files that hold no article: empty, blank lines only, a CSV header only; returns their paths."""
    folder.mkdir()
    (folder / "a.jsonl").write_bytes(b"")
    (folder / "b.jsonl").write_bytes(b"\n  \n\r\n")
    (folder / "c.csv").write_bytes(b"id,text\r\n")
    (folder / "d.csv").write_bytes(b"")
    with gzip.open(folder / "e.jsonl.gz", "wb"):
        pass
    return [str(folder / n) for n in ("a.jsonl", "b.jsonl", "c.csv", "d.csv", "e.jsonl.gz")]


def test_an_input_file_without_articles_is_named_in_the_summary(tmp_path, ex, capsys):
    from extractor.cli import main

    empty = write_inputs_without_articles(tmp_path / "in")
    (tmp_path / "in" / "f.jsonl").write_bytes(jsonl_line("ok", ARTICLE))
    out = tmp_path / "out.jsonl"
    summary = run(BatchOptions(inputs=(str(tmp_path / "in"),), output=str(out), progress=False), extractor=ex)
    assert summary.empty == empty and summary.records == 1 and not summary.failed
    assert summary.line().endswith("; no articles in: " + ", ".join(empty))
    assert capsys.readouterr().err.splitlines() == [f"extractor: {p}: no articles" for p in empty]
    assert main(["extract", *empty[:2], "-o", str(out)]) == 0  # no error: the exit status says nothing of them
    err = capsys.readouterr().err
    assert f"extractor: {empty[0]}: no articles\n" in err and f"no articles in: {empty[0]}, {empty[1]}" in err
    assert read(out) == []


def test_quiet_writes_nothing_on_stderr(tmp_path):
    """A bad line, a file without articles, a binary file, invalid UTF-8: with -q the records say
    it all, stderr stays empty; without it each has its line."""
    empty = write_inputs_without_articles(tmp_path / "in")
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(jsonl_line("ok", ARTICLE) + b"{not json\n" + jsonl_line("x", "Bupati X hadir.").replace(b"X", b"\xff"))
    (tmp_path / "logo.txt").write_bytes(png_bytes())
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    args = [sys.executable, "-m", "extractor", "extract", str(bad), *empty, str(tmp_path / "logo.txt"),
            "-o", str(out), "--errors", str(errors)]
    quiet = subprocess.run(args + ["-q"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (1, "", "")
    assert [r["id"] for r in read(out)] == ["ok", "bad:2", "x", "logo"] and "invalid UTF-8" in read(out)[2]["warnings"][0]
    assert [(r["id"], r["error"]["type"]) for r in read(errors)] == [("bad:2", "InvalidJSON"), ("logo", NOT_TEXT)]
    loud = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert loud.returncode == 1 and "not valid JSON" in loud.stderr and f"{empty[0]}: no articles" in loud.stderr
    assert "no articles in:" in loud.stderr.splitlines()[-1]


# --------------------------------------------------------------------------- HTML charsets

QUOTE = "\u201cKami akan bekerja keras,\u201d kata Bupati Jepara Dian Kristiandi."


def page(head: str, quote: str = QUOTE) -> str:
    return (f"<html><head>{head}<title>Bupati Jepara Resmikan Pasar</title></head><body><article>"
            "<p>JEPARA - Bupati Jepara Dian Kristiandi meresmikan Pasar Jepara Satu pada Senin (9/6/2025) pagi "
            f"bersama warga dan pedagang.</p><p>{quote}</p></article></body></html>")


def utf16_with_bom(text: str) -> bytes:
    return b"\xff\xfe" + text.encode("utf-16-le")


def test_html_is_read_in_the_charset_it_declares(tmp_path, ex):
    pytest.importorskip("trafilatura")
    pages = {"meta.html": page('<meta charset="windows-1252">').encode("cp1252"),
             "equiv.html": page('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">').encode("cp1252"),
             # Latin-1 declared, curly quotes saved by a Windows editor: read as windows-1252, as browsers do
             "latin1.html": page("<meta charset='ISO-8859-1'>", QUOTE + " Caf\u00e9 baru.").encode("cp1252"),
             "bom.html": utf16_with_bom(page("")),
             "utf8.html": page('<meta charset="utf-8">').encode("utf-8")}
    for name, raw in pages.items():
        (tmp_path / name).write_bytes(raw)
    recs = extract(tmp_path, ex, *(tmp_path / n for n in pages))
    assert [r["id"] for r in recs] == [n[:-5] for n in pages]
    for rec in recs:
        quotes = [f for f in rec["facts"] if f["type"] == "quote"]
        assert [q["text"] for q in quotes] == ["Kami akan bekerja keras"], rec["id"]
        assert quotes[0]["speaker"] and quotes[0]["evidence"]["text"].startswith("\u201cKami"), rec["id"]
        assert rec["warnings"] == [], rec["id"]
    text = next(read_inputs([str(tmp_path / "latin1.html")])).text
    assert "Caf\u00e9 baru." in text and "\ufffd" not in text


def test_html_without_a_known_charset_falls_back_to_windows_1252_with_a_warning(tmp_path):
    pytest.importorskip("trafilatura")
    (tmp_path / "none.html").write_bytes(page("").encode("cp1252"))
    (tmp_path / "odd.html").write_bytes(page('<meta charset="klingon-8">').encode("cp1252"))
    (tmp_path / "odd8.html").write_bytes(page('<meta charset="klingon-8">').encode("utf-8"))
    none, odd, odd8 = read_inputs([str(tmp_path / n) for n in ("none.html", "odd.html", "odd8.html")])
    assert QUOTE in none.text and QUOTE in odd.text and QUOTE in odd8.text
    assert none.warnings == [f"{tmp_path / 'none.html'}: no charset declared and not UTF-8; read as windows-1252"]
    assert odd.warnings == [f"{tmp_path / 'odd.html'}: unknown charset 'klingon-8' declared and not UTF-8; "
                            "read as windows-1252"]
    assert odd8.warnings == [f"{tmp_path / 'odd8.html'}: unknown charset 'klingon-8' declared; read as UTF-8"]


# --------------------------------------------------------------------------- no main text


def test_a_page_without_main_text_gives_its_plain_text_with_a_warning(tmp_path, ex):
    trafilatura = pytest.importorskip("trafilatura")
    html = ("<html><head><title>Pasar Jepara</title><script>var iklan = 1;</script><style>p {color: red}</style></head>"
            f'<body><div class="comment">{ARTICLE}</div></body></html>')
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
    assert doc is None or not (doc.text or "").strip()  # trafilatura finds no main text in it
    (tmp_path / "p.html").write_text(html, encoding="utf-8")
    (tmp_path / "pages.jsonl").write_text(json.dumps({"id": "j", "html": html}) + "\n", encoding="utf-8")
    (tmp_path / "blank.html").write_text("<html><head><title>Kosong</title></head><body><script>x()</script></body></html>",
                                         encoding="utf-8")
    html_rec, jsonl_rec, blank_rec = extract(tmp_path, ex, tmp_path / "p.html", tmp_path / "pages.jsonl",
                                             tmp_path / "blank.html")
    for rec, where, what in ((html_rec, str(tmp_path / "p.html"), "the page"),
                             (jsonl_rec, f"{tmp_path / 'pages.jsonl'} line 1", 'the "html" page')):
        assert rec["warnings"] == [f"{where}: no main text found in {what}; the text of the whole page is used"]
        assert rec["meta"]["title"] == "Pasar Jepara" and rec["meta"]["dateline"] == "Jepara"
        assert "Dian Kristiandi" in {e["name"] for e in rec["entities"]}
        assert [f["value"] for f in rec["facts"] if f["type"] == "quantity"] == [40]
    assert blank_rec["warnings"] == [f"{tmp_path / 'blank.html'}: no text found in the page", "empty text: nothing to extract"]
    assert next(read_inputs([str(tmp_path / "p.html")])).text == ARTICLE  # no script, no style
