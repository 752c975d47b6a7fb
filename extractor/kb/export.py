"""The KB written out: ``extractor kb export --format jsonl|jsonld|csv``.

- ``jsonl``: one line per KB entity: ``{"id", "type", "name", "aliases", "articles", "region"}``;
- ``jsonld``: one schema.org graph: a ``NewsArticle`` per article with the entities it
  ``mentions``, ``Person`` (``jobTitle``, ``worksFor``), ``Organization``, ``Place`` (the region
  code as ``identifier``);
- ``csv``: one file per table into a folder, for pandas and spreadsheets.

Rows are read table by table in key order, so the output is the same for the same KB.
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from typing import IO, Iterator

from .db import KB, TABLES, column_names

SCHEMA_TYPES = {"PER": "Person", "ORG": "Organization", "LOC": "Place"}
FORMATS = ("jsonl", "jsonld", "csv")


def _grouped(kb: KB, statement: str) -> dict[str, list[str]]:
    """First column -> the second column's values, for rows of (key, value) in key order."""
    out: dict[str, list[str]] = defaultdict(list)
    for key, value in kb.all(statement):
        out[key].append(value)
    return out


def entity_lines(kb: KB) -> Iterator[dict]:
    """One dict per KB entity, in id order."""
    articles = _grouped(kb, "SELECT DISTINCT entity_id, article_id FROM article_entities "
                            "WHERE entity_id IS NOT NULL ORDER BY entity_id, article_id")
    aliases = _grouped(kb, "SELECT entity_id, alias FROM aliases ORDER BY entity_id, alias")
    for entity_id, type_, name, code, level, region_name, _ in kb.all("SELECT * FROM entities ORDER BY entity_id"):
        region = {"code": code, "level": level, "name": region_name} if code else None
        yield {"id": entity_id, "type": type_, "name": name, "aliases": aliases.get(entity_id, []),
               "articles": articles.get(entity_id, []), "region": region}


def write_jsonl(kb: KB, out: IO[str]) -> int:
    n = 0
    for line in entity_lines(kb):
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
        n += 1
    return n


def jsonld(kb: KB) -> dict:
    """The KB as one schema.org JSON-LD graph."""
    graph: list[dict] = []
    titles: dict[str, set] = defaultdict(set)
    works_for: dict[str, set] = defaultdict(set)
    for person_id, _, title, org_id, *_ in kb.all("SELECT * FROM officials ORDER BY person_id, title"):
        titles[person_id].add(title)
        if org_id:
            works_for[person_id].add(org_id)
    for line in entity_lines(kb):
        node = {"@id": f"kb:{line['id']}", "@type": SCHEMA_TYPES.get(line["type"], "Thing"), "name": line["name"]}
        if line["aliases"]:
            node["alternateName"] = line["aliases"]
        if line["type"] == "PER" and titles.get(line["id"]):
            node["jobTitle"] = sorted(titles[line["id"]])
        if works_for.get(line["id"]):
            node["worksFor"] = [{"@id": f"kb:{o}"} for o in sorted(works_for[line["id"]])]
        if line["region"]:
            node["identifier"] = {"@type": "PropertyValue", "propertyID": "kode wilayah Kemendagri",
                                  "value": line["region"]["code"]}
        graph.append(node)
    mentions = _grouped(kb, "SELECT DISTINCT article_id, entity_id FROM article_entities "
                            "WHERE entity_id IS NOT NULL ORDER BY article_id, entity_id")
    for article_id, title, url, _, _, published, *_ in kb.all("SELECT * FROM articles ORDER BY article_id"):
        node = {"@id": f"article:{article_id}", "@type": "NewsArticle", "identifier": article_id,
                "mentions": [{"@id": f"kb:{e}"} for e in mentions.get(article_id, [])]}
        node.update({k: v for k, v in (("headline", title), ("url", url), ("datePublished", published)) if v})
        graph.append(node)
    return {"@context": {"@vocab": "https://schema.org/", "kb": "urn:kb:entity:", "article": "urn:kb:article:"},
            "@graph": graph}


def write_csv(kb: KB, folder: Path) -> list[Path]:
    """One CSV file per table (header row first) into ``folder``; the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for table, (_, key) in TABLES.items():
        path = folder / f"{table}.csv"
        order = f" ORDER BY {key}" if key else " ORDER BY 1, 2, 3"
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(column_names(table))
            writer.writerows(kb.all(f"SELECT * FROM {table}{order}"))
        written.append(path)
    return written
