"""Score records against gold annotations, field by field (format and rules: ``docs/gold-format.md``).

Matching, per article, one-to-one and greedy in gold order:
entities: same type and a name/alias/mention equal after casefold and punctuation removal, or
token F1 >= 0.8; roles: person matches and title token F1 >= 0.6; awards: recipient matches,
award token F1 >= 0.5 and the same rank/number tokens; metrics: same value and name+scope
token F1 >= 0.4; quantities: same value and unit token F1 >= 0.5; money: same value and
currency; dates: same ISO value; quotes: speaker matches and the prediction holds >= 60 % of
the gold quote's tokens (and is not longer than 3 x gold + 40 tokens). Exact repeats count once;
a field missing from a gold article is not scored for it (entities always are), and a field with
no item on either side has no P/R/F1 (``-`` in the table, null in JSON), not 0.

>>> round(token_f1("unit kerja", "unit"), 3)
0.667
"""
from __future__ import annotations

import json
import math
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

import regex

NON_WORD = regex.compile(r"[^\w\s]")

FIELDS = ["entities", "roles", "awards", "metrics", "quantities", "money", "dates", "quotes"]
FACT_FIELD = {"role": "roles", "award": "awards", "metric": "metrics", "quantity": "quantities",
              "money": "money", "date": "dates", "quote": "quotes"}
RANK = regex.compile(r"^(\d+|[ivx]+)$")


def norm(text) -> str:
    if text is None:
        return ""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return " ".join(NON_WORD.sub(" ", text).split())


def token_f1(a, b) -> float:
    ta, tb = Counter(norm(a).split()), Counter(norm(b).split())
    common = sum((ta & tb).values())
    if not common:
        return 0.0
    p, r = common / sum(ta.values()), common / sum(tb.values())
    return 2 * p * r / (p + r)


def same_number(a, b) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def names_match(pred: frozenset, gold: frozenset) -> bool:
    return bool(pred & gold) or any(token_f1(p, g) >= 0.8 for p in pred for g in gold)


def _names(*values) -> frozenset:
    return frozenset(n for n in (norm(v) for v in values) if n)


def record_items(record: dict) -> dict[str, list[dict]]:
    """Comparable items of a predicted record, by field; entity ids become their name sets."""
    by_id, out = {}, {f: [] for f in FIELDS}
    for ent in record.get("entities") or []:
        names = _names(ent.get("name"), *(ent.get("aliases") or []),
                       *(m.get("text") for m in ent.get("mentions") or [] if isinstance(m, dict)))
        if ent.get("id") is not None:
            by_id[str(ent["id"])] = names
        out["entities"].append({"type": ent.get("type"), "names": names})

    def ref(value) -> frozenset:
        if value is None:
            return frozenset()
        if isinstance(value, dict):
            return _names(value.get("name"), *(value.get("aliases") or []))
        return by_id.get(str(value), _names(value))

    for fact in record.get("facts") or []:
        kind = FACT_FIELD.get(fact.get("type"))
        if kind == "roles":
            out[kind].append({"person": ref(fact.get("person")), "title": fact.get("title") or ""})
        elif kind == "awards":
            out[kind].append({"recipient": ref(fact.get("recipient")), "award": fact.get("award") or ""})
        elif kind == "metrics":
            out[kind].append({"name": " ".join(filter(None, [fact.get("name"), fact.get("scope")])), "value": fact.get("value")})
        elif kind == "quantities":
            out[kind].append({"value": fact.get("value"), "unit": fact.get("unit") or ""})
        elif kind == "money":
            out[kind].append({"value": fact.get("value"), "currency": fact.get("currency") or ""})
        elif kind == "dates" and fact.get("value"):
            out[kind].append({"value": str(fact["value"])})
        elif kind == "quotes":
            out[kind].append({"speaker": ref(fact.get("speaker")), "text": fact.get("text") or ""})
    return out


def gold_items(gold: dict) -> dict[str, list[dict]]:
    """Comparable items of a gold article; a name stands for its gold entity's names and aliases."""
    groups = [_names(e["name"], *(e.get("aliases") or [])) for e in gold.get("entities") or []]

    def names(name) -> frozenset:
        n = norm(name)
        return frozenset({n}.union(*[g for g in groups if n in g])) - {""}

    out = {f: [] for f in FIELDS}
    out["entities"] = [{"type": e["type"], "names": names(e["name"])} for e in gold.get("entities") or []]
    out["roles"] = [{"person": names(r["person"]), "title": r["title"]} for r in gold.get("roles") or []]
    out["awards"] = [{"recipient": names(a["recipient"]), "award": a["award"]} for a in gold.get("awards") or []]
    out["metrics"] = [{"name": " ".join(filter(None, [m["name"], m.get("scope")])), "value": m["value"]}
                      for m in gold.get("metrics") or []]
    out["quantities"] = [{"value": q["value"], "unit": q["unit"]} for q in gold.get("quantities") or []]
    out["money"] = [{"value": m["value"], "currency": m.get("currency", "IDR")} for m in gold.get("money") or []]
    out["dates"] = [{"value": str(d)} for d in gold.get("dates") or []]
    out["quotes"] = [{"speaker": names(q["speaker"]), "text": q["text"]} for q in gold.get("quotes") or []]
    return out


def _ranks(text) -> set[str]:
    return {t for t in norm(text).split() if RANK.match(t)}


def quote_overlap(pred: str, gold: str) -> float:
    tg, tp = Counter(norm(gold).split()), Counter(norm(pred).split())
    n_gold, n_pred = sum(tg.values()), sum(tp.values())
    if not n_gold or not n_pred or n_pred > 3 * n_gold + 40:
        return 0.0
    return sum((tg & tp).values()) / n_gold


def matches(kind: str, p: dict, g: dict) -> bool:
    if kind == "entities":
        return p["type"] == g["type"] and names_match(p["names"], g["names"])
    if kind == "roles":
        return names_match(p["person"], g["person"]) and token_f1(p["title"], g["title"]) >= 0.6
    if kind == "awards":
        return (names_match(p["recipient"], g["recipient"]) and token_f1(p["award"], g["award"]) >= 0.5
                and _ranks(p["award"]) == _ranks(g["award"]))
    if kind == "metrics":
        return same_number(p["value"], g["value"]) and token_f1(p["name"], g["name"]) >= 0.4
    if kind == "quantities":
        return same_number(p["value"], g["value"]) and token_f1(p["unit"], g["unit"]) >= 0.5
    if kind == "money":
        return same_number(p["value"], g["value"]) and norm(p["currency"]) == norm(g["currency"])
    if kind == "dates":
        return p["value"] == g["value"]
    if kind == "quotes":
        return names_match(p["speaker"], g["speaker"]) and quote_overlap(p["text"], g["text"]) >= 0.6
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


def score(golds: list[dict], records: list[dict]) -> Report:
    """Per-field counts over all gold articles; records without a gold article are ignored."""
    preds = {str(r["id"]): r for r in records if "id" in r}
    report = Report(articles=len(golds))
    for gold in golds:
        rec = preds.get(str(gold["id"]))
        report.with_record += rec is not None
        p_items, g_items = record_items(rec or {}), gold_items(gold)
        for kind in FIELDS:
            if kind != "entities" and kind not in gold:
                continue
            preds_k, golds_k = dedupe(p_items[kind]), dedupe(g_items[kind])
            used: set[int] = set()
            for g in golds_k:
                hit = next((i for i, p in enumerate(preds_k) if i not in used and matches(kind, p, g)), None)
                if hit is None:
                    report.counts[kind]["fn"] += 1
                    report.errors.append({"id": gold["id"], "field": kind, "kind": "missed", "item": g})
                else:
                    used.add(hit)
                    report.counts[kind]["tp"] += 1
            for i, p in enumerate(preds_k):
                if i not in used:
                    report.counts[kind]["fp"] += 1
                    report.errors.append({"id": gold["id"], "field": kind, "kind": "spurious", "item": p})
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
