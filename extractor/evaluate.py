"""Score records against gold annotations, field by field (format and rules: ``docs/gold-format.md``).

Each fact type's spec (``facts/<type>.py``, ``SPEC``) says how its facts and gold entries become
comparable items and when two match; the comparisons are ``matching.py``'s. Matching, per
article, one-to-one and greedy in gold order:
entities: same type and a name/alias/mention equal after casefold and punctuation removal, or
token F1 >= 0.8; roles: person matches and title token F1 >= 0.6; awards: recipient matches,
award token F1 >= 0.5 and the same rank/number tokens; metrics: same value and name+scope
token F1 >= 0.4; quantities: same value and unit token F1 >= 0.5; money: same value and
currency; dates: same ISO value; quotes: speaker matches and the prediction holds >= 60 % of
the gold quote's tokens (and is not longer than 3 x gold + 40 tokens). Exact repeats count once;
a field missing from a gold article is not scored for it (entities always are), and a field with
no item on either side has no P/R/F1 (``-`` in the table, null in JSON), not 0.

>>> FIELDS
['entities', 'roles', 'awards', 'metrics', 'quantities', 'money', 'dates', 'quotes']
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from .facts import SPECS
from .matching import names, names_match, norm

FIELDS = ["entities"] + [spec.field for spec in SPECS]
BY_TYPE = {spec.kind: spec for spec in SPECS}  # a record's fact `type` -> its spec
BY_FIELD = {spec.field: spec for spec in SPECS}


def record_items(record: dict) -> dict[str, list[dict]]:
    """Comparable items of a predicted record, by field; entity ids become their name sets."""
    by_id, out = {}, {f: [] for f in FIELDS}
    for ent in record.get("entities") or []:
        ent_names = names(ent.get("name"), *(ent.get("aliases") or []),
                          *(m.get("text") for m in ent.get("mentions") or [] if isinstance(m, dict)))
        if ent.get("id") is not None:
            by_id[str(ent["id"])] = ent_names
        out["entities"].append({"type": ent.get("type"), "names": ent_names})

    def ref(value) -> frozenset:
        if value is None:
            return frozenset()
        if isinstance(value, dict):
            return names(value.get("name"), *(value.get("aliases") or []))
        return by_id.get(str(value), names(value))

    for fact in record.get("facts") or []:
        spec = BY_TYPE.get(fact.get("type"))
        item = spec.item(fact, ref) if spec else None
        if item is not None:
            out[spec.field].append(item)
    return out


def gold_items(gold: dict) -> dict[str, list[dict]]:
    """Comparable items of a gold article; a name stands for its gold entity's names and aliases."""
    groups = [names(e["name"], *(e.get("aliases") or [])) for e in gold.get("entities") or []]

    def ref(name) -> frozenset:
        n = norm(name)
        return frozenset({n}.union(*[g for g in groups if n in g])) - {""}

    out = {"entities": [{"type": e["type"], "names": ref(e["name"])} for e in gold.get("entities") or []]}
    for spec in SPECS:
        out[spec.field] = [spec.gold(entry, ref) for entry in gold.get(spec.field) or []]
    return out


def matches(kind: str, p: dict, g: dict) -> bool:
    """Whether predicted item ``p`` matches gold item ``g`` of field ``kind`` (the rules of a fact
    field are its spec's ``matches``)."""
    if kind == "entities":
        return p["type"] == g["type"] and names_match(p["names"], g["names"])
    if kind in BY_FIELD:
        return BY_FIELD[kind].matches(p, g)
    raise ValueError(f"unknown field {kind!r}")


def dedupe(items: list[dict]) -> list[dict]:
    out, seen = [], set()
    for it in items:
        key = tuple(sorted((k, v if isinstance(v, frozenset) else norm(v) if isinstance(v, str) else v)
                           for k, v in it.items()))
        if key not in seen:
            seen.add(key)
            out.append(it)
    return out


@dataclass
class Report:
    articles: int = 0
    with_record: int = 0
    counts: dict[str, Counter] = field(default_factory=lambda: {f: Counter() for f in FIELDS})
    errors: list[dict] = field(default_factory=list)

    def prf(self, kind: str) -> dict:
        """P/R/F1 and counts of one field (or ``micro``); P/R/F1 are None when the field has no
        item on either side (nothing to score is not a score of 0)."""
        c = sum(self.counts.values(), Counter()) if kind == "micro" else self.counts[kind]
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        if not tp + fp + fn:
            return {"p": None, "r": None, "f1": None, "tp": 0, "fp": 0, "fn": 0}
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}

    def to_dict(self) -> dict:
        out = {"articles": self.articles, "records_found": self.with_record}
        out.update({k: self.prf(k) for k in FIELDS + ["micro"]})
        return out

    def table(self) -> str:
        lines = [f"articles {self.articles}  with a record {self.with_record}",
                 f"{'field':<12}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
        for kind in FIELDS + ["micro"]:
            s = self.prf(kind)
            scores = "".join(f"{'-' if s[k] is None else format(s[k], '.3f'):>8}" for k in ("p", "r", "f1"))
            lines.append(f"{kind:<12}{scores}{s['tp']:>6}{s['fp']:>6}{s['fn']:>6}")
        return "\n".join(lines)


def match_article(record: Optional[dict], gold: dict) -> dict[str, tuple[list, list, list]]:
    """Per field scored for one gold article: (predicted items matched, predicted items spurious,
    gold items missed), exact repeats dropped, gold matched greedily in gold order."""
    p_items, g_items = record_items(record or {}), gold_items(gold)
    out = {}
    for kind in FIELDS:
        if kind != "entities" and kind not in gold:
            continue
        preds_k, golds_k = dedupe(p_items[kind]), dedupe(g_items[kind])
        used: dict[int, None] = {}
        missed = []
        for g in golds_k:
            hit = next((i for i, p in enumerate(preds_k) if i not in used and matches(kind, p, g)), None)
            if hit is None:
                missed.append(g)
            else:
                used[hit] = None
        out[kind] = ([preds_k[i] for i in used], [p for i, p in enumerate(preds_k) if i not in used], missed)
    return out


def score(golds: list[dict], records: list[dict]) -> Report:
    """Per-field counts over all gold articles; records without a gold article are ignored."""
    preds = {str(r["id"]): r for r in records if "id" in r}
    report = Report(articles=len(golds))
    for gold in golds:
        rec = preds.get(str(gold["id"]))
        report.with_record += rec is not None
        for kind, (hits, spurious, missed) in match_article(rec, gold).items():
            report.counts[kind]["tp"] += len(hits)
            report.counts[kind]["fn"] += len(missed)
            report.counts[kind]["fp"] += len(spurious)
            report.errors += [{"id": gold["id"], "field": kind, "kind": "missed", "item": g} for g in missed]
            report.errors += [{"id": gold["id"], "field": kind, "kind": "spurious", "item": p} for p in spurious]
    return report


def unmatched(gold_path: str, golds: list[dict], pred_path: str, records: list[dict]) -> Optional[str]:
    """Why nothing can be scored (no gold article, no record, or no record with a gold id:
    most often the wrong file), or None when some record has a gold article's id."""
    gold_ids = [str(g["id"]) for g in golds]
    pred_ids = [str(r["id"]) for r in records if "id" in r]
    if not gold_ids:
        return f"{gold_path} holds no gold articles"
    if not pred_ids:
        return f"{pred_path} holds no records"
    if set(gold_ids) & set(pred_ids):
        return None
    return (f"no record in {pred_path} has the id of a gold article in {gold_path} (gold ids: {_some(gold_ids)}; "
            f"record ids: {_some(pred_ids)}): are these the right files?")


def _some(ids: list[str], n: int = 3) -> str:
    return ", ".join(ids[:n]) + (f", ... ({len(ids)} in all)" if len(ids) > n else "")


def load_jsonl(path: str) -> list[dict]:
    """JSON objects of a JSON Lines file; a bad line raises ``ValueError`` naming file and line."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path} line {lineno}: not valid JSON ({exc.msg})") from exc
    return out


def error_lines(report: Report) -> list[str]:
    def plain(item):
        return {k: sorted(v) if isinstance(v, frozenset) else v for k, v in item.items()}

    return [f"{e['id']}\t{e['field']}\t{e['kind']}\t{json.dumps(plain(e['item']), ensure_ascii=False)}"
            for e in report.errors]
