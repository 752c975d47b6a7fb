"""No article stalls a run: work grows linearly with the text, long texts are cut, and an
article past its time budget gets a `timeout` error record while the run goes on.

Work is counted, not timed: ``steps`` counts the Python and C calls an extraction makes, the
suffix test counts the characters the tokenizer's suffix pattern scans. A linear construction
makes about 4 times the work at 4 times the size; the quadratic ones these tests were written
against made 10-16 times as much.
"""
from __future__ import annotations

import json
import sys
import time

import pytest

from extractor import mentions
from extractor.mentions import rules as mention_rules
from extractor.batch import BatchOptions, run
from extractor.facts import EXTRACTORS
from extractor.article import Article
from extractor.io.readers import fingerprint
from extractor.nlp.spacy_backend import SUFFIX_WINDOW, TailSearch
from extractor.pipeline import Extractor

LINEAR = 6.0  # the largest allowed work ratio at 4 times the size


def steps(fn) -> int:
    """How many function calls (Python and C) ``fn()`` makes: a deterministic measure of work."""
    count = 0

    def profile(frame, event, arg):
        nonlocal count
        count += event in ("call", "c_call")

    sys.setprofile(profile)
    try:
        fn()
    finally:
        sys.setprofile(None)
    return count


def work_ratio(ex, make_text, n: int) -> float:
    """Work of extracting ``make_text(4 n)`` over that of ``make_text(n)`` (after one extraction
    that loads what is loaded at first use)."""
    ex.extract(make_text(n))
    small, large = (steps(lambda k=k: ex.extract(Article(text=make_text(k), id="long"))) for k in (n, 4 * n))
    return large / small


DENSE = ("Bupati Jepara Dian Kristiandi bersama Kepala Dinas Pendidikan Provinsi Jawa Tengah Sumarno hadir di "
         "Kecamatan Kalinyamatan, Rabu (9/10). \"Kami akan bekerja keras,\" kata Dian. Kapolres Ponorogo AKBP Andin "
         "Wisnu Sudibyo menerima penghargaan dari Kementerian PANRB senilai Rp 2,5 miliar.\n\n")


@pytest.mark.parametrize("make_text, n", [
    (lambda k: "Kepala " * k, 500),  # title words: each title's scan ran to the end of the text
    (lambda k: "Bupati Jepara dan Wakil " * k, 150),
])
def test_repeated_title_words_cost_linear_work(ex, make_text, n):
    assert work_ratio(ex, make_text, n) < LINEAR


def test_a_long_text_dense_with_names_costs_linear_work(ex, monkeypatch):
    """Past RULE_BLOCK_CHARS the mention rules run block by block (here blocks of 5,000
    characters, so that the test stays small): each rule's scan over the mentions stays short."""
    monkeypatch.setattr(mention_rules, "RULE_BLOCK_CHARS", 5_000)
    assert work_ratio(ex, lambda k: DENSE * k, 40) < LINEAR


def test_rules_in_blocks_give_the_mentions_of_the_whole_text(ex, monkeypatch):
    text = DENSE * 40
    doc = ex.backend.process(text)
    whole = mentions.apply_rules(text, doc.mentions)
    monkeypatch.setattr(mention_rules, "RULE_BLOCK_CHARS", 5_000)
    blocks = mentions.apply_rules(text, doc.mentions)
    assert [(m.start, m.end, m.label) for m in blocks] == [(m.start, m.end, m.label) for m in whole]
    assert all(text[m.start:m.end] == m.text for m in blocks)


class CountingPattern:
    """A compiled pattern that counts the characters its searches scan."""

    def __init__(self, pattern):
        self.pattern, self.scanned = pattern, 0

    def search(self, string, pos=0):
        self.scanned += len(string) - pos
        return self.pattern.search(string, pos)


@pytest.mark.parametrize("make_text", [lambda k: "(" * k + ")" * k, lambda k: '"' * k, lambda k: "Rp" * k])
def test_the_tokenizer_scans_a_long_run_of_affixes_in_linear_work(ex, make_text):
    tokenizer = ex.backend.ner.cased.tokenizer
    search = tokenizer.suffix_search
    assert isinstance(search, TailSearch)
    original, counting = search.__self__, CountingPattern(search.__self__)
    search.__self__ = counting
    try:
        scanned = []
        for k in (1_000, 4_000):
            counting.scanned = 0
            tokenizer(make_text(k))
            scanned.append(counting.scanned)
    finally:
        search.__self__ = original
    assert scanned[1] / scanned[0] < LINEAR
    assert scanned[1] <= SUFFIX_WINDOW * len(make_text(4_000))


def test_the_windowed_suffix_search_finds_the_suffix_a_full_search_finds(ex):
    pattern = ex.backend.ner.cased.tokenizer.suffix_search.__self__
    for text in ["naik 5%.)", "Jakarta.\"", "(" * 300 + ")" * 300, "km²...", "Rp" * 200, "hal." + "!" * 10]:
        full, tail = pattern.search(text), TailSearch(pattern)(text)
        assert (full and full.span()) == (tail and tail.span())


def test_a_text_longer_than_max_chars_is_cut_at_a_line_break_with_a_warning(ex):
    capped = Extractor(ex.backend, max_chars=200)
    text = "Bupati Jepara Dian Kristiandi hadir di Kecamatan Kalinyamatan.\n" * 3 + "Menteri Keuangan Sri Mulyani hadir.\n" * 20
    rec = capped.extract(text)
    (warning,) = [w for w in rec.warnings if "cut at character" in w]
    assert f"of {len(text):,}" in warning and "200" in warning
    cut = int(warning.split("cut at character ")[1].split(" ")[0].replace(",", ""))
    assert cut <= 200 and text[cut] == "\n"
    assert all(m.end <= cut for e in rec.entities for m in e.mentions)
    assert rec.source.fingerprint == fingerprint(Article(text=text))  # of the input, so --resume keeps it
    assert not any("cut at" in w for w in ex.extract(text).warnings)  # the default limit is far above a real article


def _slow_on_lambat(doc, ctx):
    """A stand-in fact extractor that stalls on articles holding the word LAMBAT."""
    if "LAMBAT" in doc.text:
        time.sleep(30)
    return []


def test_an_article_past_its_time_budget_gets_a_timeout_record_and_the_run_goes_on(ex, monkeypatch, tmp_path):
    monkeypatch.setitem(EXTRACTORS, "slow", _slow_on_lambat)
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Bupati Jepara hadir pada Rabu (9/10)."}\n'
                   '{"id": "b", "text": "LAMBAT: Menteri hadir."}\n'
                   '{"id": "c", "text": "Gubernur hadir di Semarang."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run(BatchOptions(inputs=(str(src),), output=str(out), progress=False),
                  extractor=Extractor(ex.backend, article_seconds=0.5))
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["a", "b", "c"]
    assert recs[1]["error"]["type"] == "timeout" and "0.5 s" in recs[1]["error"]["message"]
    assert "error" not in recs[0] and "error" not in recs[2]
    assert (summary.articles, summary.errors) == (3, 1)
    time.sleep(0.6)  # no timer is left behind to go off later
