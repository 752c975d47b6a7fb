"""Every fact extractor against its example corpus ``tests/corpus/<field>.yaml``, read as its
spec's ``Corpus`` says (format: ``extractor/facts/spec.py``); and the metadata corpus."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
import yaml

import regex

from extractor import meta
from extractor.facts import SPECS, Context, dates, money, quantities
from extractor.nlp.doc import Document
from extractor.schema import Entity, Span

from .conftest import CORPUS


def load(name: str) -> dict:
    return yaml.safe_load((CORPUS / f"{name}.yaml").read_text(encoding="utf-8"))


def entities(case: dict) -> list[Entity]:
    """The entities NER would find in a corpus case: ``persons`` (``Name|Alias``: one PER entity)
    and ``entities`` (``TYPE:Name``), each with a mention wherever one of its names stands."""
    specs = [f"PER:{p}" for p in case.get("persons") or []] + list(case.get("entities") or [])
    out = []
    for i, spec in enumerate(specs, 1):
        label, names = spec.split(":", 1)
        names = names.split("|")
        spans = [Span(m.start(), m.end(), m[0]) for n in names
                 for m in regex.finditer(rf"(?<!\w){regex.escape(n)}(?!\w)", case["text"])]
        out.append(Entity(f"E{i}", label, names[0], names[1:], sorted(spans, key=lambda s: s.start)))
    return out


def as_case(item) -> dict:
    """A corpus text as a case: a text alone, or a mapping with ``text`` and more."""
    return {"text": item} if isinstance(item, str) else item


def corpus_cases():
    """(spec, case, expected rows, publication date) of every example and negative of every
    fact type's corpus; a case with ``xfail`` (the reason) is expected to fail."""
    for spec in SPECS:
        data = load(spec.field)
        examples = data["examples"]
        if isinstance(examples, dict):  # expected value -> the texts that give exactly it
            cases = [(as_case(text), spec.corpus.expected(key)) for key, texts in examples.items() for text in texts]
        else:
            cases = [(case, spec.corpus.expected(case["expect"])) for case in examples]
        cases += [(as_case(case), []) for case in data.get("negative") or []]
        for case, expected in cases:
            published = case.get("published", data.get("published"))
            marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
            yield pytest.param(spec, case, expected, published and date.fromisoformat(published), marks=marks,
                               id=f"{spec.field}:{case['text'][:40]}")


@dataclass
class RecordingContext(Context):
    """A context that notes which fact types an extractor asks for."""

    asked: set = field(default_factory=set)

    def facts(self, kind, extract, doc):
        self.asked.add(kind)
        return super().facts(kind, extract, doc)


@pytest.mark.parametrize("spec,case,expected,published", list(corpus_cases()))
def test_corpus(spec, case, expected, published):
    """The facts a corpus text gives, as its spec's corpus rows; evidence that quotes the text;
    no fact type asked for that the spec does not declare in ``needs``."""
    ents = entities(case)
    ctx = RecordingContext(published=published, entities=ents)
    found = spec.extract(Document(case["text"]), ctx)
    name = {e.id: e.name for e in ents}
    assert [spec.corpus.row(fact, lambda ref: name.get(ref, ref)) for fact in found] == expected
    for fact in found:
        ev = fact.evidence
        assert case["text"][ev.start:ev.end] == ev.text and spec.corpus.evidence(fact), ev
    assert ctx.asked <= set(spec.needs)


def test_every_fact_type_has_a_corpus_and_every_corpus_a_reader():
    assert {p.stem for p in CORPUS.glob("*.yaml")} == {spec.field for spec in SPECS} | {"meta"}


def test_needs_name_what_the_extractors_ask_for():
    """``needs`` lists exactly the fact types an extractor's module asks ``ctx.facts`` for."""
    for spec in SPECS:
        source = Path(spec.extract.__code__.co_filename).read_text(encoding="utf-8")
        assert set(re.findall(r"ctx\.facts\(\s*\"(\w+)\"", source)) == set(spec.needs), spec.kind


DATES_PUBLISHED = date.fromisoformat(load("dates")["published"])


def test_relative_date_without_publication_date_warns():
    ctx = Context(published=None)
    assert dates.extract(Document("Acara digelar kemarin, Rabu (9/10)."), ctx) == []
    assert any("kemarin" in w for w in ctx.warnings) and any("9/10" in w for w in ctx.warnings)


def test_both_ends_of_a_range_count_the_same_things():
    found = quantities.extract(Document("jumlah siswa bisa mencapai 40 hingga 46 orang, dan 2020-2025 ada 5 kasus"), Context())
    assert [(f.value, f.unit, f.text) for f in found] == [
        (40, "orang", "40 hingga 46 orang"), (46, "orang", "46 orang"), (5, "kasus", "5 kasus")]


def test_full_date_without_publication_date_still_resolves():
    assert [f.value for f in dates.extract(Document("pada 9 Oktober 2024"), Context())] == ["2024-10-09"]


@pytest.mark.parametrize("case", load("meta")["examples"], ids=lambda c: c["text"][:30])
def test_meta(case):
    found = meta.extract(Document(case["text"]))
    for field, value in case["expect"].items():
        assert getattr(found.meta, field) == value, field
    for m in found.mentions:  # every sure mention points at its text
        assert case["text"][m.start:m.end] == m.text
    for part in case.get("ignored", []):
        start = case["text"].index(part)
        assert (start, start + len(part)) in found.ignored
    for part in case.get("kept", []):
        start = case["text"].index(part)
        assert not any(s < start + len(part) and start < e for s, e in found.ignored), part


@pytest.mark.parametrize("line", load("meta")["boilerplate"])
def test_boilerplate_lines_are_ignored(line):
    text = f"Bupati hadir pada Rabu (9/10).\n{line}\nIa senang."
    found = meta.extract(Document(text))
    start = text.index(line)
    assert (start, start + len(line)) in found.ignored
    ctx = Context(published=DATES_PUBLISHED, ignored=found.ignored)
    for extract in (dates.extract, money.extract, quantities.extract):
        assert all(not (start <= f.evidence.start < start + len(line)) for f in extract(Document(text), ctx))
