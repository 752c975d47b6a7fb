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


def test_every_fact_type_is_in_the_schema():
    defs = json_schema()["$defs"]
    kinds = {d["properties"]["type"]["enum"][0] for name, d in defs.items() if name.endswith("Fact")}
    assert kinds == {"role", "award", "metric", "quantity", "money", "date", "quote"}


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
