"""One entity across articles: the article entities of the KB joined into KB entities whose ids
stay the same when the KB is rebuilt from the same records in any order.

Precision before recall (a wrong merge poisons the KB):
- persons merge on their full name (honorifics, ranks and degrees dropped: `Dr. H. Ahmad Yani,
  S.H.` is `Ahmad Yani`), never on one word: a one-word person stays the article's own;
- organisations merge on their name without legal forms, with known short forms written out
  (``entities.org_form_key``: `Kemenlu RI` and `Kementerian Luar Negeri Republik Indonesia`), and
  a short form (`Kemenkumham`, `BPK`) joins the full name that an article pairs it with (its
  aliases), unless articles pair it with two different names (then it joins none);
- places merge on their name with known short forms written out (`Jatim`, `Jawa Timur`); a
  place never merges with an organisation (every key carries its type).

>>> rows = [("a1", "E1", "ORG", "Kementerian Hukum dan HAM", '["Kemenkumham"]'),
...         ("a2", "E1", "ORG", "Kemenkumham", "[]"), ("a2", "E2", "PER", "Anas", "[]"),
...         ("a3", "E4", "PER", "Anas", "[]"), ("a3", "E5", "PER", "Dr. Abdullah Azwar Anas", "[]")]
>>> clusters = resolve_rows(rows)
>>> clusters[("a1", "E1")] == clusters[("a2", "E1")], clusters[("a2", "E2")] == clusters[("a3", "E4")]
(True, False)
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from typing import Iterable, Optional

from ..entities import clean_person, org_form_key
from ..matching import norm
from ..regions import region_by_code
from .db import KB, insert_statement

SHORT_FORM_MAX = 16  # characters of a one-word alias that is a short form (`KemenPAN-RB`, `Kemenkumham`)


def entity_key(type_: str, name: str, article_id: str) -> Optional[str]:
    """The key two article entities of one thing share: ``PER|ahmad yani``; a one-word person
    gets the article's own key (``PER@a3|anas``)."""
    if type_ == "PER":
        start, end = clean_person(name, 0)
        key = norm(name[start:end])
        return f"PER|{key}" if len(key.split()) > 1 else f"PER@{article_id}|{key}"
    key = org_form_key(norm(name))
    return f"{type_}|{key}" if key else None


def _short_form(alias: str) -> Optional[str]:
    """An alias written as one word, an acronym or short form (`KemenPAN-RB`, `BPK`,
    `Kemenkumham`), normalised; None for a name of several words."""
    alias = alias.strip()
    if not alias or " " in alias or len(alias) > SHORT_FORM_MAX or not alias[0].isupper():
        return None
    return norm(alias)


class _Clusters:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, k: str) -> str:
        self.parent.setdefault(k, k)
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the smaller key roots: the same result in any order


def resolve_rows(rows: Iterable[tuple]) -> dict[tuple[str, str], str]:
    """(article_id, local_id) -> KB entity id, for rows of (article_id, local_id, type, name,
    aliases as JSON)."""
    keys: dict[tuple[str, str], str] = {}
    paired: dict[str, set[str]] = defaultdict(set)  # `ORG~kemenkumham` -> the keys of its full names
    clusters = _Clusters()
    for article_id, local_id, type_, name, aliases in rows:
        key = entity_key(type_, name, article_id)
        if key is None:
            continue
        keys[(article_id, local_id)] = key
        clusters.find(key)
        if type_ == "ORG":
            for alias in json.loads(aliases or "[]"):
                short = _short_form(alias)
                if short and short != norm(name):
                    paired[f"ORG~{short}"].add(key)
    for short_key, full_keys in paired.items():
        if len(full_keys) == 1:  # the short form stands for one name in every article that pairs it
            alone = f"ORG|{org_form_key(short_key[4:])}"
            if alone in clusters.parent:
                clusters.union(alone, next(iter(full_keys)))
    return {ref: entity_id(clusters.find(key)) for ref, key in keys.items()}


def entity_id(root_key: str) -> str:
    """A KB entity id from the key that roots its cluster: `K` + 12 hex digits."""
    return "K" + hashlib.blake2b(root_key.encode("utf-8"), digest_size=6).hexdigest()


def resolve(kb: KB) -> int:
    """Recompute the KB's entities and aliases from its article entities; the number of entities."""
    rows = kb.all("SELECT article_id, local_id, type, name, aliases, region_code FROM article_entities")
    ids = resolve_rows(row[:5] for row in rows)
    names: dict[str, Counter] = defaultdict(Counter)
    codes: dict[str, Counter] = defaultdict(Counter)
    types: dict[str, str] = {}
    for article_id, local_id, type_, name, aliases, code in rows:
        eid = ids.get((article_id, local_id))
        if eid is None:
            continue
        types[eid] = type_
        names[eid][name] += 2  # a name counts over an alias
        for alias in json.loads(aliases or "[]"):
            names[eid][alias] += 1
        if code:
            codes[eid][code] += 1
    kb.run("DELETE FROM aliases")
    kb.run("DELETE FROM entities")
    kb.many(insert_statement("entities"), [(eid, types[eid], _canonical(counter), *_region_columns(codes.get(eid)))
                                           for eid, counter in sorted(names.items())])
    kb.many(insert_statement("aliases"), [(eid, alias) for eid, counter in sorted(names.items())
                                          for alias in sorted(counter) if alias != _canonical(counter)])
    kb.many("UPDATE article_entities SET entity_id = ? WHERE article_id = ? AND local_id = ?",
            [(eid, article_id, local_id) for (article_id, local_id), eid in sorted(ids.items())])
    return len(names)


def _region_columns(codes: Optional[Counter]) -> tuple:
    """(code, level, name, province) of the region most of an entity's articles give it."""
    if not codes:
        return None, None, None, None
    code = min(codes, key=lambda c: (-codes[c], c))
    region = region_by_code(code)
    return (code, region.level, region.name, region.province) if region else (code, None, None, None)


def _canonical(counter: Counter) -> str:
    """The name most used for an entity; ties go to the longer, then the first in order."""
    return min(counter, key=lambda n: (-counter[n], -len(n), n))
