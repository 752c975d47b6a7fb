"""Records to Label Studio tasks, and corrected tasks back to gold lines (docs/gold-format.md).

Each task holds an article's text (``data.text``, its id in ``data.article_id``) and the
extraction as a prediction: every entity mention is a text region labelled ``PER``/``ORG``/
``LOC``, every fact's evidence a region labelled with the fact type (``role``, ``date``, ...).
A per-region text box (``fields``) holds what the region stands for as JSON: an entity mention
its entity's name (``{"name": "Ipuk Fiestiandani"}``), a fact its gold entry
(``{"person": "Ipuk Fiestiandani", "title": "Bupati Banyuwangi"}``, a date ``"2025-11-14"``).
Annotators fix labels, regions and boxes; ``gold_lines`` reads their export back.

>>> "<Label value=\\"role\\"" in label_config()
True
"""
from __future__ import annotations

import json
from typing import Iterable, Optional
from xml.sax.saxutils import quoteattr

from .article import record_text
from .evaluate import BY_TYPE as SPEC_BY_KIND
from .facts import SPECS

ENTITY_TYPES = ("PER", "ORG", "LOC")
LABELS, FIELDS, TEXT = "label", "fields", "text"  # the names of the config's tags


class ExportError(ValueError):
    """A Label Studio export that cannot be read as gold; the message names the task and region."""


def label_config() -> str:
    """The labelling configuration (XML) the tasks need: one label per entity type and fact type,
    a per-region JSON text box, the article text."""
    labels = "\n".join(f"    <Label value={quoteattr(v)}/>" for v in (*ENTITY_TYPES, *SPEC_BY_KIND))
    return (f"<View>\n  <Labels name=\"{LABELS}\" toName=\"{TEXT}\">\n{labels}\n  </Labels>\n"
            f"  <Text name=\"{TEXT}\" value=\"$text\"/>\n"
            f"  <TextArea name=\"{FIELDS}\" toName=\"{TEXT}\" perRegion=\"true\" editable=\"true\" "
            f"placeholder=\"JSON: what the region stands for\"/>\n</View>\n")


def _region(rid: str, start: int, end: int, text: str, label: str, fields) -> list[dict]:
    """A labelled region and its ``fields`` box (one id: Label Studio's per-region results)."""
    value = {"start": start, "end": end, "text": text}
    return [{"id": rid, "from_name": LABELS, "to_name": TEXT, "type": "labels", "value": {**value, "labels": [label]}},
            {"id": rid, "from_name": FIELDS, "to_name": TEXT, "type": "textarea",
             "value": {**value, "text": [json.dumps(fields, ensure_ascii=False)]}}]


def task(record: dict, text: str, version: str = "extractor") -> dict:
    """One task for one record and the text its offsets index."""
    names = {e["id"]: e["name"] for e in record.get("entities", [])}
    result: list[dict] = []
    for e in record.get("entities", []):
        for m in e.get("mentions", []):
            result += _region(f"r{len(result) // 2 + 1}", m["start"], m["end"], m["text"], e["type"], {"name": e["name"]})
    for fact in record.get("facts", []):
        spec, ev = SPEC_BY_KIND.get(fact.get("type")), fact.get("evidence") or {}
        if spec is None or "start" not in ev:
            continue
        entry = spec.gold_entry(fact, lambda ref: names.get(ref, ref))
        result += _region(f"r{len(result) // 2 + 1}", ev["start"], ev["end"], ev.get("text", ""), spec.kind, entry)
    data = {"text": text, "article_id": record["id"], "published": (record.get("meta") or {}).get("published")}
    return {"data": data, "predictions": [{"model_version": version, "result": result}]}


def tasks(records: Iterable[dict], texts: dict[str, str], version: str = "extractor") -> list[dict]:
    """Tasks for the records that are no error records; ``texts``: article text by id, for
    records written without ``--include-text``. ValueError naming a record with no text."""
    out = []
    for record in records:
        if "error" in record:
            continue
        text = record_text(record, texts)
        if text is None:
            raise ValueError(f"record {record['id']!r} has no text: extract with --include-text, or give the "
                             "input it was made from with --input")
        out.append(task(record, text, version))
    return out


def _annotation(task: dict) -> Optional[list]:
    """The result of the task's last annotation that was not cancelled; None when there is none."""
    done = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    return done[-1].get("result", []) if done else None


def _fields(text: Optional[str], where: str):
    """The JSON of a region's ``fields`` box (None when it is empty)."""
    if not text or not text.strip():
        return None
    try:
        return json.loads(text)
    except ValueError as exc:
        raise ExportError(f"{where}: its fields box is not JSON ({exc}): {text!r}") from None


def _regions(result: list, article: str, where: str) -> list[tuple[str, str, object]]:
    """(label, region text, parsed fields box) of each labelled region, in result order."""
    boxes = {r.get("id"): (r.get("value") or {}).get("text") or [] for r in result if r.get("type") == "textarea"}
    regions = []
    for r in (r for r in result if r.get("type") == "labels"):
        value, at = r.get("value") or {}, f"{where} region {r.get('id')!r}"
        labels = value.get("labels") or []
        if len(labels) != 1:
            raise ExportError(f"{at}: one label expected, found {labels}")
        text = value.get("text") or article[value.get("start", 0):value.get("end", 0)]
        box = boxes.get(r.get("id"))
        regions.append((labels[0], text, _fields(box[0] if box else None, f"{at} ({labels[0]} {text!r})")))
    return regions


def gold_line(task: dict, where: str) -> Optional[dict]:
    """The gold line of an annotated task (None when nobody annotated it): entities from the
    PER/ORG/LOC regions (one per type and name; the other texts its aliases), each fact type's
    entries from the boxes of its regions."""
    result = _annotation(task)
    if result is None:
        return None
    data = task.get("data") or {}
    line = {"id": str(data.get("article_id") or data.get("id") or where)}
    if data.get("published"):
        line["published"] = data["published"]
    entities: dict[tuple[str, str], list[str]] = {}
    facts: dict[str, list] = {spec.field: [] for spec in SPECS}
    for label, text, fields in _regions(result, data.get("text") or "", where):
        if label in ENTITY_TYPES:
            name = fields.get("name") if isinstance(fields, dict) and fields.get("name") else text
            aliases = entities.setdefault((label, name), [])
            if text != name and text not in aliases:
                aliases.append(text)
        elif label in SPEC_BY_KIND:
            if fields is None:
                raise ExportError(f"{where}: a {label} region ({text!r}) has an empty fields box; write the "
                                  f"{label} in it as JSON (docs/gold-format.md)")
            facts[SPEC_BY_KIND[label].field].append(fields)
        else:
            raise ExportError(f"{where}: unknown label {label!r} (labels: {', '.join((*ENTITY_TYPES, *SPEC_BY_KIND))})")
    line["entities"] = [{"type": t, "name": n, "aliases": a} for (t, n), a in entities.items()]
    return {**line, **facts}


def gold_lines(export, name: str = "export") -> tuple[list[dict], int]:
    """(gold lines, tasks left out because nobody annotated them) of a Label Studio JSON export."""
    if not isinstance(export, list):
        raise ExportError(f"{name}: a Label Studio JSON export is a list of tasks, got {type(export).__name__}")
    lines = [gold_line(t, f"{name} task {t.get('id', i + 1)}") for i, t in enumerate(export)]
    return [g for g in lines if g is not None], sum(g is None for g in lines)
