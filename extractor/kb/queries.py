"""The KB's questions as plain functions over an open KB, each giving plain dicts: one entity
with everything known of it (``profile``), officials (``officials``), a metric's series
(``metric_series``). The SQL is the same for SQLite and PostgreSQL.

>>> import json, os, tempfile
>>> from extractor.kb.db import connect
>>> from extractor.kb.loader import load
>>> rec = {"schema_version": "1", "id": "a1", "meta": {"published": "2024-10-10"},
...        "entities": [{"id": "E1", "type": "PER", "name": "Heni Susila Wardoyo", "aliases": ["Heni"], "mentions": []}],
...        "facts": [{"type": "role", "person": "E1", "title": "Kepala Kanwil Kemenkumham Jatim", "organization": None,
...                   "evidence": {"start": 0, "end": 10, "text": "..."}}]}
>>> with tempfile.TemporaryDirectory() as d:
...     _ = open(os.path.join(d, "r.jsonl"), "w").write(json.dumps(rec) + "\\n")
...     with connect(os.path.join(d, "kb.sqlite")) as kb:
...         _ = load(kb, [os.path.join(d, "r.jsonl")])
...         found = [p["roles"][0]["title"] for p in profiles(kb, "heni")]
>>> found
['Kepala Kanwil Kemenkumham Jatim']
"""
from __future__ import annotations

from typing import Optional

from .db import KB

MAX_ENTITIES = 10  # entities one name may give in `show`


def find_entities(kb: KB, name: str) -> list[str]:
    """Ids of the KB entities named ``name`` or with it as an alias (any case); else those whose
    name holds it. Most-mentioned first."""
    exact = ("SELECT e.entity_id FROM entities e WHERE LOWER(e.name) = LOWER(?) UNION "
             "SELECT a.entity_id FROM aliases a WHERE LOWER(a.alias) = LOWER(?)")
    ids = [r[0] for r in kb.all(exact, (name, name))]
    if not ids:
        ids = [r[0] for r in kb.all("SELECT entity_id FROM entities WHERE LOWER(name) LIKE LOWER(?) ESCAPE '!'",
                                    (f"%{_like(name)}%",))]
    if not ids:
        return []
    counts = {r[0]: r[1] for r in kb.all(
        f"SELECT entity_id, COUNT(DISTINCT article_id) FROM article_entities WHERE entity_id IN "
        f"({', '.join('?' * len(ids))}) GROUP BY entity_id", ids)}
    return sorted(ids, key=lambda i: (-counts.get(i, 0), i))[:MAX_ENTITIES]


def profiles(kb: KB, name: str) -> list[dict]:
    """Everything the KB holds of the entities named ``name``: ``profile`` of each."""
    return [profile(kb, entity_id) for entity_id in find_entities(kb, name)]


def profile(kb: KB, entity_id: str) -> dict:
    """One entity: names, region, roles over time, awards received, quotes, articles."""
    entity = kb.dicts("SELECT * FROM entities WHERE entity_id = ?", (entity_id,))[0]
    refs = "SELECT article_id, local_id FROM article_entities WHERE entity_id = ?"
    out = {"id": entity_id, "type": entity["type"], "name": entity["name"],
           "aliases": [r[0] for r in kb.all("SELECT alias FROM aliases WHERE entity_id = ? ORDER BY alias", (entity_id,))],
           "region": _region(entity)}
    out["roles"] = kb.dicts("SELECT title, organization, first_seen, last_seen, articles FROM officials "
                                     "WHERE person_id = ? ORDER BY first_seen, title", (entity_id,))
    out["awards"] = kb.dicts(f"SELECT w.award, g.name AS giver, w.date, a.published, w.article_id FROM awards w "
            f"JOIN articles a ON a.article_id = w.article_id "
            f"LEFT JOIN article_entities ge ON ge.article_id = w.article_id AND ge.local_id = w.giver_local "
            f"LEFT JOIN entities g ON g.entity_id = ge.entity_id "
            f"WHERE (w.article_id, w.recipient_local) IN ({refs}) ORDER BY a.published, w.article_id", (entity_id,))
    out["quotes"] = kb.dicts(f"SELECT q.text, a.published, q.article_id FROM quotes q JOIN articles a ON a.article_id = q.article_id "
            f"WHERE (q.article_id, q.speaker_local) IN ({refs}) ORDER BY a.published, q.article_id, q.n", (entity_id,))
    out["articles"] = [r[0] for r in kb.all(
        "SELECT DISTINCT ae.article_id, a.published FROM article_entities ae JOIN articles a ON a.article_id = ae.article_id "
        "WHERE ae.entity_id = ? ORDER BY a.published, ae.article_id", (entity_id,))]
    return out


def _region(entity: dict) -> Optional[dict]:
    if not entity.get("region_code"):
        return None
    return {"code": entity["region_code"], "level": entity["region_level"], "name": entity["region_name"],
            "province": entity["province_code"]}


def officials(kb: KB, org: Optional[str] = None) -> list[dict]:
    """The officials view, all of it or for the organisations named ``org``: person, title,
    organisation, first and last date seen, number of articles."""
    query = "SELECT * FROM officials"
    params: tuple = ()
    if org is not None:
        ids = find_entities(kb, org)
        if not ids:
            return []
        query += f" WHERE organization_id IN ({', '.join('?' * len(ids))})"
        params = tuple(ids)
    return kb.dicts(query + " ORDER BY person, first_seen, title", params)


def metric_series(kb: KB, name: str) -> list[dict]:
    """Every value of the measures named ``name`` (or holding it), by date."""
    return kb.dicts("SELECT * FROM metric_series WHERE LOWER(measure) LIKE LOWER(?) ESCAPE '!' "
                             "ORDER BY date, measure, scope, article_id", (f"%{_like(name)}%",))


def _like(text: str) -> str:
    """``text`` with LIKE's wildcards taken literally (escape character `!`), at most 200 characters."""
    return text[:200].replace("!", "!!").replace("%", "!%").replace("_", "!_")
