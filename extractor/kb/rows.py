"""One record as the rows of the KB's article tables (``db.TABLES``), in column order.

>>> rec = {"id": "a1", "meta": {"published": "2024-10-10"}, "entities": [
...     {"id": "E1", "type": "ORG", "name": "Kantor Imigrasi Ponorogo", "aliases": [], "mentions": []}],
...     "facts": [{"type": "award", "recipient": "E1", "award": "predikat WBK", "giver": "KemenPAN-RB",
...                "date": None, "evidence": {"start": 0, "end": 10, "text": "..."}}]}
>>> record_rows(rec, "h", "r.jsonl")["awards"]
[('a1', 1, 'E1', None, 'predikat WBK', None, 'KemenPAN-RB', None, 0, 10, '...')]
"""
from __future__ import annotations

import json
from typing import Optional

from .resolve import keys_of

# fact type -> (table, the fields before the evidence, in column order); a field named in
# ENTITY_FIELDS takes two columns: the record's entity id, or the text of a thing that is no entity
FACT_TABLES: dict[str, tuple[str, list[str]]] = {
    "role": ("roles", ["person", "title", "organization"]),
    "award": ("awards", ["recipient", "award", "giver", "date"]),
    "metric": ("metrics", ["name", "scope", "value", "previous", "unit", "direction"]),
    "quote": ("quotes", ["speaker", "text"]),
    "money": ("money", ["value", "currency", "text"]),
    "quantity": ("quantities", ["value", "unit", "text"]),
    "date": ("dates", ["value", "text"]),
}
ENTITY_FIELDS = {"person", "organization", "recipient", "giver", "speaker"}


def record_rows(rec: dict, digest: str, loaded_from: str) -> dict[str, list[tuple]]:
    """Table -> the rows of ``rec`` (an extracted article)."""
    article_id = rec["id"]
    entities = [e for e in rec.get("entities") or [] if isinstance(e, dict)]
    local_ids = {e.get("id") for e in entities}
    out: dict[str, list[tuple]] = {"articles": [_article_row(rec, digest, loaded_from)],
                                   "article_entities": [], "mentions": []}
    short_forms: dict[tuple, None] = {}  # two entities of one key pair a short form once
    for e in entities:
        region = e.get("region") or {}
        aliases = [a for a in e.get("aliases") or [] if isinstance(a, str)]
        key, shorts = keys_of(article_id, e.get("type"), e.get("name") or "", aliases, e.get("region"))
        out["article_entities"].append((article_id, e.get("id"), e.get("type"), e.get("name"),
                                        json.dumps(aliases, ensure_ascii=False), region.get("code"), key, None))
        short_forms.update(dict.fromkeys((article_id, short, key) for short in shorts))
        out["mentions"].extend((article_id, e.get("id"), m.get("start"), m.get("end"), m.get("text"))
                               for m in e.get("mentions") or [])
    out["short_forms"] = list(short_forms)
    counts: dict[str, int] = {}
    for fact in rec.get("facts") or []:
        spec = FACT_TABLES.get(fact.get("type")) if isinstance(fact, dict) else None
        if spec is None:
            continue
        table, fields = spec
        counts[table] = counts.get(table, 0) + 1
        out.setdefault(table, []).append((article_id, counts[table], *_fact_values(fact, fields, local_ids),
                                          *_evidence(fact.get("evidence"))))
    return out


def _article_row(rec: dict, digest: str, loaded_from: str) -> tuple:
    meta, source, producer = rec.get("meta") or {}, rec.get("source") or {}, rec.get("producer") or {}
    return (rec["id"], meta.get("title"), source.get("url"), meta.get("outlet"), meta.get("dateline"),
            meta.get("published"), meta.get("editor"), meta.get("reporter"), source.get("path"),
            source.get("fingerprint"), rec.get("schema_version"), producer.get("extractor"), producer.get("model"),
            digest, loaded_from)


def _fact_values(fact: dict, fields: list[str], local_ids: set) -> list:
    values: list = []
    for name in fields:
        value = fact.get(name)
        if name in ENTITY_FIELDS:
            values += [value, None] if value in local_ids else [None, _text(value)]
        elif isinstance(value, int) and not isinstance(value, bool) and name in ("value", "previous"):
            values.append(float(value))  # one number type in both databases
        else:
            values.append(value)
    return values


def _text(value) -> Optional[str]:
    return None if value is None else str(value)


def _evidence(ev) -> tuple:
    ev = ev if isinstance(ev, dict) else {}
    return ev.get("start"), ev.get("end"), ev.get("text")
