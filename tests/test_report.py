"""`extractor report` in a real headless browser (Debian's chromium, driven by playwright): marks
cover their mentions, selecting a fact highlights its evidence, gold marks are right, article
text is text (nothing in it runs), and the page logs no error."""
from __future__ import annotations

import json
import shutil

import pytest

from extractor.cli import main
from extractor.evaluate import FIELDS

from .conftest import SAMPLES

ARTICLE = ("BANYUWANGI - Bupati Banyuwangi Ipuk Fiestiandani menyerahkan bantuan Rp 2,5 miliar kepada 1.250 "
           "pelaku usaha pada Jumat (14/11/2025). \"Kami ingin usaha mikro naik kelas,\" kata Ipuk.")
HOSTILE = "Warga menulis <script>window.pwned = 1</script> dan <img src=x onerror=\"window.pwned = 2\"> di Jepara."
GOLD = {"id": "umkm", "published": "2025-11-15",
        "entities": [{"type": "PER", "name": "Ipuk Fiestiandani", "aliases": ["Ipuk"]},
                     {"type": "LOC", "name": "Banyuwangi", "aliases": ["BANYUWANGI"]}],
        "roles": [{"person": "Ipuk Fiestiandani", "title": "Bupati Banyuwangi"}],
        "money": [{"value": 2500000000, "currency": "IDR"}],
        "quantities": [],  # scored and empty: the record's `1.250 pelaku usaha` is spurious
        "dates": ["2025-11-14", "2025-12-01"]}  # the second date is not in the text: missed


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("no chromium: apt-get install chromium (.ci/run does)")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report")
    src, rec, gold = folder / "in.jsonl", folder / "rec.jsonl", folder / "gold.jsonl"
    src.write_text(json.dumps({"id": "umkm", "text": ARTICLE, "published": "2025-11-15"}) + "\n"
                   + json.dumps({"id": "hostile", "text": HOSTILE}) + "\n" + "not JSON {\n"
                   + json.dumps({"id": "kosong", "text": ""}) + "\n", encoding="utf-8")
    assert main(["extract", str(src), "-o", str(rec), "--include-text", "-q"]) == 1  # line 3: an error record
    gold.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    out = folder / "report.html"
    assert main(["report", str(rec), "--gold", str(gold), "-o", str(out)]) == 0
    return out, [json.loads(line) for line in rec.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def page(browser, report):
    pg = browser.new_page()
    errors = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(report[0].as_uri())
    yield pg
    assert errors == []  # the page logs no error
    pg.close()


def test_every_mark_covers_its_mention(page, report):
    record = report[1][0]
    mentions = sorted((m["start"], m["end"], m["text"], e["type"]) for e in record["entities"] for m in e["mentions"])
    marks = page.eval_on_selector_all(
        "#art-1 mark.ent", "ms => ms.map(m => [+m.dataset.start, +m.dataset.end, "
        "Array.from(m.querySelectorAll('.seg')).map(s => s.textContent).join(''), m.dataset.type])")
    assert sorted(tuple(m) for m in marks) == mentions


def test_selecting_a_fact_highlights_its_evidence(page, report):
    facts = [f for f in report[1][0]["facts"] if f["type"] in ("role", "money", "quote")]
    rows = page.locator("#art-1 tr.fact")
    for i in range(rows.count()):
        row = rows.nth(i)
        start, end = int(row.get_attribute("data-start")), int(row.get_attribute("data-end"))
        row.click()
        shown = page.eval_on_selector_all("#art-1 .seg.hl", "ss => ss.map(s => s.textContent).join('')")
        assert shown == ARTICLE[start:end]
    assert facts and rows.count() >= len(facts)


def test_gold_marks_and_missed_items(page):
    status = page.eval_on_selector_all("#art-1 [data-status]", "xs => xs.map(x => x.dataset.status)")
    assert {"correct", "spurious", "missed"} <= set(status)
    missed = page.locator("#art-1 tr.missed").all_inner_texts()
    assert any("2025-12-01" in m for m in missed)  # the gold date the record cannot have
    money = page.locator("#art-1 table[data-kind=money] tr.fact")
    assert money.count() == 1 and money.get_attribute("data-status") == "correct"
    # the mentions of an entity that is not in gold are struck through as spurious
    spurious = page.eval_on_selector_all("#art-1 mark.ent[data-status=spurious]", "ms => ms.map(m => m.dataset.type)")
    correct = page.eval_on_selector_all("#art-1 mark.ent[data-status=correct]", "ms => ms.map(m => m.dataset.type)")
    assert correct and all(t in ("PER", "ORG", "LOC") for t in spurious + correct)
    assert page.locator("#summary svg.chart rect").count() == len(FIELDS) + 1  # a bar per field and micro
    f1s = page.eval_on_selector_all("#index tbody tr td:nth-child(2)", "ts => ts.map(t => t.dataset.v)")
    assert f1s == sorted(f1s, key=float)  # worst first


def test_warnings_and_error_records_are_shown(page):
    assert "not valid JSON" in page.locator("#art-3 .error").inner_text()
    assert "empty text" in page.locator("#art-4 li.warn").inner_text()


def test_article_text_is_escaped_and_runs_nothing(page):
    assert page.evaluate("window.pwned") is None
    text = page.eval_on_selector("#art-2 .text", "t => t.textContent")
    assert "<script>window.pwned = 1</script>" in text and "onerror=" in text
    assert page.locator("#art-2 img").count() == 0


def test_the_samples_report_with_and_without_gold(tmp_path):
    rec = tmp_path / "rec.jsonl"
    assert main(["extract", str(SAMPLES), "-o", str(rec), "-q"]) == 0
    assert main(["report", str(rec), "-o", str(tmp_path / "r.html")]) == 2  # no texts: a usage error
    assert main(["report", str(rec), "--input", str(SAMPLES), "--gold", str(SAMPLES / "press_releases.gold.jsonl"),
                 "--limit", "3", "-o", str(tmp_path / "r.html")]) == 0
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert html.count('<section class="article"') == 3 and "http" not in html.split("<body>")[0]
