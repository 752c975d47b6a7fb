"""Every fact extractor against its example corpus in tests/corpus/<fact>.yaml."""
from __future__ import annotations

from datetime import date

import pytest
import yaml

import regex

from extractor.facts import Context, awards, dates, meta, metrics, money, quantities, quotes, roles
from extractor.nlp.doc import Document

from .conftest import CORPUS


def load(name: str) -> dict:
    return yaml.safe_load((CORPUS / f"{name}.yaml").read_text(encoding="utf-8"))


def cases(name: str):
    data = load(name)
    for expected, texts in data["examples"].items():
        for text in texts:
            yield pytest.param(str(expected), text, id=f"{expected}:{text[:30]}")


def negatives(name: str):
    return [pytest.param(t, id=t[:30]) for t in load(name)["negative"]]


DATES_PUBLISHED = date.fromisoformat(load("dates")["published"])


@pytest.mark.parametrize("expected,text", list(cases("dates")))
def test_dates(expected, text):
    found = dates.extract(Document(text), Context(published=DATES_PUBLISHED))
    assert [f.value for f in found] == expected.split()
    for f in found:  # evidence points at the expression in the text
        assert text[f.evidence.start:f.evidence.end] == f.evidence.text == f.text


@pytest.mark.parametrize("text", negatives("dates"))
def test_dates_negative(text):
    assert dates.extract(Document(text), Context(published=DATES_PUBLISHED)) == []


def test_relative_date_without_publication_date_warns():
    ctx = Context(published=None)
    assert dates.extract(Document("Acara digelar kemarin, Rabu (9/10)."), ctx) == []
    assert any("kemarin" in w for w in ctx.warnings) and any("9/10" in w for w in ctx.warnings)


def test_full_date_without_publication_date_still_resolves():
    assert [f.value for f in dates.extract(Document("pada 9 Oktober 2024"), Context())] == ["2024-10-09"]


@pytest.mark.parametrize("expected,text", list(cases("money")))
def test_money(expected, text):
    value, currency = expected.split()
    found = money.extract(Document(text), Context())
    assert [(f.value, f.currency) for f in found] == [(int(value), currency)]
    assert text[found[0].evidence.start:found[0].evidence.end] == found[0].text


@pytest.mark.parametrize("text", negatives("money"))
def test_money_negative(text):
    assert money.extract(Document(text), Context()) == []


@pytest.mark.parametrize("expected,text", list(cases("quantities")))
def test_quantities(expected, text):
    value, unit = (s.strip() for s in expected.split("|"))
    found = quantities.extract(Document(text), Context())
    assert [(f.value, f.unit) for f in found] == [(float(value), unit)]
    assert text[found[0].evidence.start:found[0].evidence.end] == found[0].text


@pytest.mark.parametrize("text", negatives("quantities"))
def test_quantities_negative(text):
    assert quantities.extract(Document(text), Context()) == []


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


@pytest.mark.parametrize("line", load("meta")["boilerplate"])
def test_boilerplate_lines_are_ignored(line):
    text = f"Bupati hadir pada Rabu (9/10).\n{line}\nIa senang."
    found = meta.extract(Document(text))
    start = text.index(line)
    assert (start, start + len(line)) in found.ignored
    ctx = Context(published=DATES_PUBLISHED, ignored=found.ignored)
    for extract in (dates.extract, money.extract, quantities.extract):
        assert all(not (start <= f.evidence.start < start + len(line)) for f in extract(Document(text), ctx))


def _entities_for(text: str, persons: list[str]):
    from extractor.schema import Entity, Span

    out = []
    for i, spec in enumerate(persons, 1):
        names = spec.split("|")
        spans = [Span(m.start(), m.end(), m[0]) for n in names for m in regex.finditer(rf"\b{regex.escape(n)}\b", text)]
        out.append(Entity(f"E{i}", "PER", names[0], names[1:], sorted(spans, key=lambda s: s.start)))
    return out


def _person_facts(module, case):
    """Run a fact module that needs persons on a corpus case; facts and entity names by id."""
    ents = _entities_for(case["text"], case["persons"])
    return module.extract(Document(case["text"]), Context(entities=ents)), {e.id: e.name for e in ents}


@pytest.mark.parametrize("case", load("quotes")["examples"], ids=lambda c: c["text"][:30])
def test_quotes(case):
    found, names = _person_facts(quotes, case)
    assert [[names[q.speaker], q.text] for q in found] == case["expect"]
    for q in found:  # the evidence covers the whole quotation, marks included
        assert case["text"][q.evidence.start] in "\"“" and case["text"][q.evidence.end - 1] in "\"”"


@pytest.mark.parametrize("case", load("roles")["examples"], ids=lambda c: c["text"][:30])
def test_roles(case):
    found, names = _person_facts(roles, case)
    assert [[names[r.person], r.title] for r in found] == case["expect"]


@pytest.mark.parametrize("module,case", [(mod, c) for mod in (quotes, roles) for c in load(mod.__name__.rsplit(".", 1)[1])["negative"]],
                         ids=lambda x: x["text"][:30] if isinstance(x, dict) else x.__name__.rsplit(".", 1)[1])
def test_person_facts_negative(module, case):
    """Texts from which neither quotes nor roles may be extracted, with the persons NER would find."""
    assert _person_facts(module, case)[0] == []


@pytest.mark.parametrize("case", load("metrics")["examples"], ids=lambda c: c["text"][:30])
def test_metrics(case):
    found = metrics.extract(Document(case["text"]), Context())
    assert [[m.name, m.scope, m.value, m.previous, m.unit] for m in found] == case["expect"]


@pytest.mark.parametrize("text", negatives("metrics"))
def test_metrics_negative(text):
    assert metrics.extract(Document(text), Context()) == []


def _typed_entities(text: str, specs: list[str]):
    from extractor.schema import Entity, Span

    out = []
    for i, spec in enumerate(specs, 1):
        label, name = spec.split(":", 1)
        spans = [Span(m.start(), m.end(), m[0]) for m in regex.finditer(rf"(?<!\w){regex.escape(name)}(?!\w)", text)]
        out.append(Entity(f"E{i}", label, name, [], spans))
    return out


@pytest.mark.parametrize("case", load("awards")["examples"] + [dict(c, expect=[]) for c in load("awards")["negative"]],
                         ids=lambda c: c["text"][:30])
def test_awards(case):
    ents = _typed_entities(case["text"], case["entities"])
    names = {e.id: e.name for e in ents}
    found = awards.extract(Document(case["text"]), Context(entities=ents))
    assert [[names[a.recipient], a.award, names.get(a.giver)] for a in found] == case["expect"]
