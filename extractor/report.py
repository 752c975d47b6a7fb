"""One self-contained HTML page to look at what was extracted (``extractor report``).

Per article: the text with the entity mentions marked by type (displaCy's colours), the facts in
one table per type, each row pointing at its evidence (select it: the evidence is highlighted and
scrolled to), the warnings and error records. With gold: every entity and fact marked correct or
spurious, the gold items the record missed listed (located in the text where their words are),
and a summary with the P/R/F1 table and a bar chart, articles worst first. Everything is escaped;
the page loads nothing from the network.

>>> out = page([{"id": "a", "text": "<script>x</script>", "entities": [], "facts": []}], {})
>>> "&lt;script&gt;x&lt;/script&gt;" in out and "<script>x" not in out
True
"""
from __future__ import annotations

import html
from typing import Optional

from .article import record_text
from .evaluate import FIELDS, Report, match_article, record_items, score
from .facts import SPECS

COLOURS = {"PER": "#aa9cfc", "ORG": "#7aecec", "LOC": "#ff9561"}  # displaCy's
STYLE = """body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}.text{line-height:2.4;white-space:pre-wrap;
border:1px solid #ddd;padding:1em}mark.ent{padding:.2em .3em;border-radius:.35em}mark.ent .lbl{font-size:.65em;
font-weight:bold;margin-left:.4em;text-transform:uppercase}.seg.hl{outline:2px solid #e33;background:#ffe08a}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}
tr.fact,tr.missed{cursor:pointer}tr.fact:hover,tr.missed:hover{background:#f3f3f3}[data-status=correct]{border-left:4px solid #2a2}
[data-status=spurious]{border-left:4px solid #e33}[data-status=missed]{border-left:4px solid #e90}
mark[data-status=spurious]{text-decoration:line-through red}.warn{color:#a50}.error{color:#c00}"""
SCRIPT = """function hl(el){var s=+el.dataset.start,e=+el.dataset.end,sec=el.closest('section');
sec.querySelectorAll('.seg.hl').forEach(function(x){x.classList.remove('hl')});var first=null;
sec.querySelectorAll('.seg').forEach(function(x){if(+x.dataset.start<e&&+x.dataset.end>s){x.classList.add('hl');
first=first||x}});if(first){first.scrollIntoView({block:'center'})}}
document.addEventListener('click',function(ev){var r=ev.target.closest('tr[data-start]');if(r){hl(r)}
var h=ev.target.closest('th[data-sort]');if(h){var t=h.closest('table'),b=t.tBodies[0],i=h.cellIndex,
d=h.dataset.dir=h.dataset.dir==='asc'?'desc':'asc';Array.from(b.rows).sort(function(x,y){var a=x.cells[i].dataset.v,
c=y.cells[i].dataset.v;var n=(isNaN(a)||isNaN(c))?a.localeCompare(c):a-c;return d==='asc'?n:-n})
.forEach(function(r){b.appendChild(r)})}});"""


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _segments(text: str, bounds: set[int]) -> list[tuple[int, int]]:
    cuts = sorted({0, len(text), *(b for b in bounds if 0 <= b <= len(text))})
    return list(zip(cuts, cuts[1:]))


def text_html(text: str, marks: list[tuple[int, int, str, str, str]], spans: list[tuple[int, int]]) -> str:
    """The text as segments (``.seg``, with their offsets) cut at every mark and evidence bound;
    ``marks`` (start, end, type, entity id, status) wrap theirs in a ``mark.ent``."""
    kept, last = [], -1
    for m in sorted(marks):
        if m[0] >= last:  # overlapping mentions: the first one stays
            kept.append(m)
            last = m[1]
    bounds = {b for m in kept for b in m[:2]} | {b for s in spans for b in s}
    opening = {m[0]: m for m in kept}
    closing = {m[1]: m for m in kept}
    out = []
    for s, e in _segments(text, bounds):
        if s in opening:
            m = opening[s]
            out.append(f'<mark class="ent" style="background:{COLOURS.get(m[2], "#ddd")}" data-type="{_e(m[2])}" '
                       f'data-entity="{_e(m[3])}" data-status="{m[4]}" data-start="{m[0]}" data-end="{m[1]}">')
        out.append(f'<span class="seg" data-start="{s}" data-end="{e}">{_e(text[s:e])}</span>')
        if e in closing and closing[e][0] < e:
            out.append(f'<span class="lbl">{_e(closing[e][2])}</span></mark>')
    return "".join(out)


def _status(item, matched: Optional[tuple]) -> str:
    """``correct``/``spurious`` for a record's item when scored, else empty."""
    if matched is None or item is None:
        return ""
    return "correct" if item in matched[0] else "spurious"


def _facts_html(record: dict, text: str, names: dict, match: dict) -> str:
    """A table per fact type, a row per fact (its gold entry's fields), linked to its evidence."""
    items = record_items(record)
    out = []
    for spec in SPECS:
        facts = [f for f in record.get("facts", []) if f.get("type") == spec.kind]
        missed = match.get(spec.field, ((), (), ()))[2]
        if not facts and not missed:
            continue
        rows, scored = [], iter(items.get(spec.field, []))
        for f in facts:
            entry = spec.gold_entry(f, lambda ref: names.get(ref, ref))
            item = next(scored, None) if spec.item(f, lambda v: frozenset()) is not None else None
            ev = f.get("evidence") or {}
            rows.append(f'<tr class="fact" data-start="{ev.get("start", 0)}" data-end="{ev.get("end", 0)}" '
                        f'data-status="{_status(item, match.get(spec.field))}"><td>{_e(_plain(entry))}</td>'
                        f'<td>{_e(ev.get("text", ""))}</td></tr>')
        rows += [_missed_row(g, text) for g in missed]
        out.append(f'<h3>{_e(spec.field)}</h3><table class="facts" data-kind="{spec.kind}"><tr><th>{_e(spec.kind)}</th>'
                   f'<th>evidence</th></tr>{"".join(rows)}</table>')
    return "".join(out)


def _plain(value) -> str:
    """A gold entry or item as one line of text (`person: Ipuk; title: Bupati Banyuwangi`)."""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    if isinstance(value, (set, frozenset)):
        return " / ".join(sorted(value))
    return "" if value is None else str(value)


def _locate(item, text: str) -> tuple[int, int]:
    """Where the words of a gold item stand in the text (its longest text found), or (0, 0)."""
    words = [v for v in (item.values() if isinstance(item, dict) else [item]) for v in
             (sorted(v, key=len, reverse=True) if isinstance(v, (set, frozenset)) else [v]) if isinstance(v, str) and v]
    low = text.casefold()
    for w in sorted(words, key=len, reverse=True):
        at = low.find(w.casefold())
        if at >= 0:
            return at, at + len(w)
    return 0, 0


def _missed_row(item, text: str) -> str:
    start, end = _locate(item, text)
    where = f' data-start="{start}" data-end="{end}"' if end else ""
    return f'<tr class="missed" data-status="missed"{where}><td>{_e(_plain(item))}</td><td>(missed)</td></tr>'


def _marks(record: dict, match: dict) -> list[tuple[int, int, str, str, str]]:
    matched = match.get("entities")
    items = record_items(record)["entities"]
    return [(m["start"], m["end"], e["type"], e["id"], _status(item, matched))
            for e, item in zip(record.get("entities", []), items) for m in e.get("mentions", [])]


def _article_f1(match: dict) -> Optional[float]:
    tp = sum(len(m[0]) for m in match.values())
    fp, fn = sum(len(m[1]) for m in match.values()), sum(len(m[2]) for m in match.values())
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None


def article_html(n: int, record: dict, text: str, gold: Optional[dict]) -> tuple[str, Optional[float]]:
    """One article's section, and its micro F1 against ``gold`` (None without gold)."""
    if "error" in record:
        err = record["error"]
        return (f'<section class="article" id="art-{n}" data-id="{_e(record.get("id"))}"><h2>{_e(record.get("id"))}</h2>'
                f'<p class="error">error record: {_e(err.get("type"))}: {_e(err.get("message"))}</p></section>'), None
    match = match_article(record, gold) if gold is not None else {}
    f1 = _article_f1(match) if gold is not None else None
    names = {e["id"]: e["name"] for e in record.get("entities", [])}
    spans = [(f["evidence"]["start"], f["evidence"]["end"]) for f in record.get("facts", []) if f.get("evidence")]
    missed_entities = "".join(_missed_row(g, text) for g in match.get("entities", ((), (), ()))[2])
    warnings = "".join(f'<li class="warn">{_e(w)}</li>' for w in record.get("warnings", []))
    head = f'<h2>{_e(record["id"])}' + ("" if f1 is None else f' <small>F1 {f1:.3f}</small>') + "</h2>"
    body = (f'<div class="text">{text_html(text, _marks(record, match), spans)}</div>'
            + (f'<ul>{warnings}</ul>' if warnings else "")
            + (f'<h3>entities missed</h3><table class="facts" data-kind="entity">{missed_entities}</table>'
               if missed_entities else "")
            + _facts_html(record, text, names, match))
    return (f'<section class="article" id="art-{n}" data-id="{_e(record["id"])}" '
            f'data-f1="{"" if f1 is None else f"{f1:.4f}"}">{head}{body}</section>'), f1


def _chart(report: Report) -> str:
    """Per-field F1 as horizontal bars (inline SVG)."""
    rows = [(k, report.prf(k)["f1"]) for k in FIELDS + ["micro"]]
    bars = "".join(f'<text x="0" y="{18 * i + 13}">{_e(k)}</text><rect x="90" y="{18 * i + 2}" height="14" '
                   f'width="{300 * (f or 0):.1f}" fill="#4a7"/><text x="{95 + 300 * (f or 0):.1f}" y="{18 * i + 13}">'
                   f'{"-" if f is None else f"{f:.2f}"}</text>' for i, (k, f) in enumerate(rows))
    return f'<svg class="chart" width="440" height="{18 * len(rows) + 4}" font-size="12">{bars}</svg>'


def _summary(report: Report, index: list[tuple[int, str, Optional[float]]]) -> str:
    rows = "".join(f'<tr><td data-v="{_e(i)}"><a href="#art-{n}">{_e(i)}</a></td><td data-v="{"" if f is None else f}">'
                   f'{"-" if f is None else f"{f:.3f}"}</td></tr>'
                   for n, i, f in sorted(index, key=lambda x: (x[2] is None, x[2] or 0)))
    return (f'<section id="summary"><h2>Scores against gold</h2><pre class="scores">{_e(report.table())}</pre>'
            f'{_chart(report)}<table id="index"><thead><tr><th data-sort="id">article</th><th data-sort="f1">F1</th>'
            f'</tr></thead><tbody>{rows}</tbody></table></section>')


def page(records: list[dict], texts: dict[str, str], golds: Optional[list[dict]] = None) -> str:
    """The whole report: with ``golds``, a summary first and every item marked."""
    by_gold = {str(g["id"]): g for g in golds or []}
    sections, index = [], []
    for n, record in enumerate(records, 1):
        text = record_text(record, texts) or ""
        gold = by_gold.get(str(record.get("id"))) if golds is not None else None
        section, f1 = article_html(n, record, text, gold)
        sections.append(section)
        if gold is not None:
            index.append((n, str(record.get("id")), f1))
    summary = _summary(score(list(by_gold.values()), records), index) if golds is not None else ""
    toc = "".join(f'<li><a href="#art-{n}">{_e(r.get("id"))}</a></li>' for n, r in enumerate(records, 1))
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>extractor report</title><style>{STYLE}</style>'
            f'</head><body><h1>Extraction report</h1>{summary}<ul class="toc">{toc}</ul>{"".join(sections)}'
            f'<script>{SCRIPT}</script></body></html>')
