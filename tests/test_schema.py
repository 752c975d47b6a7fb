"""The JSON Schema is generated from the code and real output validates against it."""
from __future__ import annotations

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
    assert not {"text", "analysis"} & set(defs["Record"]["required"])  # only written when asked for
