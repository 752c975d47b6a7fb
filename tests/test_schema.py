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
