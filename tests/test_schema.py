"""The JSON Schema is generated from the code and real output validates against it."""
from __future__ import annotations

import json

import jsonschema

from extractor.schema import json_schema


def test_sample_records_validate(sample_records):
    validator = jsonschema.Draft202012Validator(json_schema())
    assert sample_records
    for rec in sample_records.values():
        validator.validate(rec)


def test_error_record_validates(ex):
    validator = jsonschema.Draft202012Validator(json_schema())
    (rec,) = ex.extract_many([{"id": "x"}])
    validator.validate(rec.to_dict())


def test_schema_rejects_a_broken_record(sample_records):
    validator = jsonschema.Draft202012Validator(json_schema())
    rec = dict(next(iter(sample_records.values())))
    rec["entities"] = [{"id": "E1", "type": "PERSON", "name": "x", "aliases": [], "mentions": []}]
    assert not validator.is_valid(rec)


# docs/record-format.md ("Facts"), written out by hand: each fact type with its fields besides
# `type` and `evidence`, all always written (null where the page says "or null"), and an example
DOCUMENTED_FACTS = {
    "role": {"person": "E1", "title": "Kapolres Ponorogo", "organization": None},
    "award": {"recipient": "E2", "award": "predikat WBK", "giver": "E3", "date": None},
    "metric": {"name": "Indeks RB", "scope": "kementerian/lembaga", "value": 76.81, "previous": 75.48, "unit": None,
               "direction": "up"},
    "quantity": {"value": 4, "unit": "ekosistem pelayanan", "text": "empat ekosistem pelayanan"},
    "money": {"value": 500, "currency": "USD", "text": "US$500"},
    "date": {"value": "2025-09-08", "text": "8-14 September 2025"},
    "quote": {"speaker": "E1", "text": "Kami sangat mengapresiasi dedikasi Imigrasi Ponorogo"},
}


def _record_with(facts: list[dict]) -> dict:
    meta = dict.fromkeys(["title", "outlet", "dateline", "published", "editor", "reporter"])
    return {"schema_version": "1", "id": "x", "source": {"path": None, "url": None, "fingerprint": None},
            "meta": meta, "entities": [], "facts": facts, "warnings": []}


def test_the_schema_has_the_documented_fact_types_and_fields():
    defs = json_schema()["$defs"]
    alternatives = defs["Record"]["properties"]["facts"]["items"]["anyOf"]
    facts = {d["properties"]["type"]["enum"][0]: d for d in (defs[a["$ref"].rsplit("/", 1)[1]] for a in alternatives)}
    assert list(facts) == list(DOCUMENTED_FACTS)
    for kind, fields in DOCUMENTED_FACTS.items():
        assert facts[kind]["properties"]["type"]["enum"] == [kind]
        assert facts[kind]["required"] == [*fields, "evidence", "type"], kind


def test_documented_facts_validate_and_each_documented_field_is_required():
    validator = jsonschema.Draft202012Validator(json_schema())
    evidence = {"start": 0, "end": 6, "text": "US$500"}
    facts = [{"type": kind, **fields, "evidence": evidence} for kind, fields in DOCUMENTED_FACTS.items()]
    validator.validate(_record_with(facts))
    for fact in facts:
        for key in fact:
            assert not validator.is_valid(_record_with([{k: v for k, v in fact.items() if k != key}])), (fact, key)
    # `value`: a JSON number in money, quantity and metric facts, an ISO date string in date facts
    for fact in facts:
        if "value" in fact:
            wrong = str(fact["value"]) if fact["type"] != "date" else 2025
            assert not validator.is_valid(_record_with([dict(fact, value=wrong)])), fact["type"]


def test_every_property_has_a_description():
    defs = json_schema()["$defs"]
    for name, d in defs.items():
        assert d["description"].strip() and not d["description"].startswith(f"{name}("), name  # not dataclass's default
        for prop, spec in d["properties"].items():
            assert spec.get("description", "").strip(), f"{name}.{prop} has no description"


def test_descriptions_state_the_contract():
    defs = json_schema()["$defs"]

    def says(name: str, prop: str, *words: str) -> None:
        text = defs[name]["properties"][prop]["description"]
        assert all(w in text for w in words), f"{name}.{prop}: {text!r} lacks {words}"

    for name, prop in [("DateFact", "value"), ("AwardFact", "date")]:
        says(name, prop, "`YYYY`", "`YYYY-MM`", "`YYYY-MM-DD`")
    for name, prop in [("RoleFact", "person"), ("RoleFact", "organization"), ("AwardFact", "recipient"),
                       ("AwardFact", "giver"), ("QuoteFact", "speaker")]:
        says(name, prop, "`id`", "E3")
    says("Span", "start", "`str` index")
    says("Span", "end", "end exclusive")
    says("MetricFact", "name", "`scope`")
    says("Record", "facts", "number", "date string")
    says("Record", "text", "--include-text")
    says("Source", "fingerprint", "SHA-256", "--resume", "Null")
    assert not {"text", "analysis"} & set(defs["Record"]["required"])  # only written when asked for


def test_records_carry_the_fingerprint_of_their_input(ex):
    """The same input gives the same ``source.fingerprint`` (from a file or from Python), a change
    to anything that reaches the record another; an input error has its line's, an unreadable
    file none."""
    from extractor.article import InputError
    from extractor.io.readers import digest, read_jsonl

    text = "Bupati Jepara Witiarso Utomo hadir pada Senin (9/6)."
    art = {"id": "a1", "text": text, "published": "2025-06-09", "title": "J", "url": "https://contoh.id/1"}
    lines = [json.dumps(art), "{not json", json.dumps({"id": "nt"})]
    recs = list(ex.extract_many(read_jsonl(lines, "news.jsonl")))
    fp = recs[0].source.fingerprint
    assert fp == ex.extract(text, id="a1", published="2025-06-09", title="J", url=art["url"]).source.fingerprint
    assert len(fp) == 16 and int(fp, 16) >= 0
    changed = [dict(art, **{key: art[key] + "x"}) for key in art] + [dict(art, published="2025-06-10")]
    assert fp not in {r.source.fingerprint for r in ex.extract_many(read_jsonl(map(json.dumps, changed), "news.jsonl"))}
    assert [r.source.fingerprint for r in recs[1:]] == [digest("{not json"), digest(lines[2])]
    (unreadable,) = ex.extract_many([InputError("x", "UnreadableFile", "x.jsonl: cannot read", "x.jsonl")])
    assert unreadable.source.fingerprint is None
