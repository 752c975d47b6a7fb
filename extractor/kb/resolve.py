"""One entity across articles: the article entities of the KB joined into KB entities whose ids
stay the same when the KB is rebuilt from the same records in any order.

Precision before recall (a wrong merge poisons the KB):
- persons merge on their full name (honorifics, ranks and degrees dropped: `Dr. H. Ahmad Yani,
  S.H.` is `Ahmad Yani`), never on one word: a one-word person stays the article's own;
- organisations merge on their name without legal forms, with known short forms written out
  (a regional body that names no region, `Dinas Pendidikan`, `Polres`, stays its article's own)
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
from functools import lru_cache
from typing import Iterable, Optional

from ..entities import clean_person, org_form_key
from ..matching import norm
from ..regions import is_regional_body, region_by_code
from .db import KB, insert_statement

SHORT_FORM_MAX = 16  # characters of a one-word alias that is a short form (`KemenPAN-RB`, `Kemenkumham`)


def person_name(name: str) -> str:
    """A person's name without the titles, ranks, honorifics and degrees around it: `Presiden
    Prabowo Subianto` -> `Prabowo Subianto`, `Dr. H. Ahmad Yani, S.H., M.H.` -> `Ahmad Yani`,
    `Jenderal TNI Agus Subiyanto` -> `Agus Subiyanto`."""
    start, end = clean_person(name, 0)
    words = name[start:end].split()
    leading = _leading_words()
    while len(words) > 2 and norm(words[0]).replace(" ", "") in leading:
        words.pop(0)
    return " ".join(words)


@lru_cache(maxsize=1)
def _leading_words() -> frozenset[str]:
    """Words that open no name (titles, ranks, honorifics, the forces after a rank), normalised
    without spaces: `presiden`, `jenderal`, `kh`, `tni`."""
    from ..mentions.resources import resources

    r = resources()
    words = set(r.title_words) | set(r.ranks) | set(r.honorifics) | {"tni", "polri", "pol", "purn"}
    return frozenset(norm(w).replace(" ", "") for w in words)


def entity_key(type_: str, name: str, article_id: str, region: Optional[dict] = None) -> Optional[str]:
    """The key two article entities of one thing share: ``PER|ahmad yani``, ``ORG|kementerian luar
    negeri indonesia``; a place with a region code is that region (``LOC#32.71``: `Kota Bogor`,
    `Bogor` coded as the city; two regions of one name never merge). A one-word
    person, and a regional body that names no region (`Dinas Pendidikan`, `Polres`: the one of the
    place the article is about), get the article's own key (``PER@a3|anas``)."""
    if type_ == "PER":
        key = norm(person_name(name))
        return f"PER|{key}" if len(key.split()) > 1 else f"PER@{article_id}|{key}"
    key = org_form_key(norm(name))
    if not key:
        return None
    if type_ == "ORG" and not region and is_regional_body(name):
        return f"ORG@{article_id}|{key}"
    code = (region or {}).get("code") if type_ == "LOC" else None
    return f"LOC#{code}" if code else f"{type_}|{key}"  # one region, one place: `Jatim`, `Provinsi Jawa Timur`


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


def short_form_pairs(type_: str, name: str, aliases: list[str]) -> list[str]:
    """The short forms an organisation's record pairs with its name as its expansion
    (`kemenkumham` for `Kementerian Hukum dan HAM (Kemenkumham)`), normalised; not one the name
    holds as a word (`KPU Kota Bogor (KPU)`: the regional body is no expansion of `KPU`)."""
    if type_ != "ORG":
        return []
    words = set(norm(name).split())
    pairs = {_short_form(alias) for alias in aliases}
    return sorted(p for p in pairs if p and p != norm(name) and not set(p.split()) <= words)


def keys_of(article_id: str, type_: str, name: str, aliases: list[str],
            region: Optional[dict] = None) -> tuple[Optional[str], list[str]]:
    """(``entity_key``, ``short_form_pairs``) of one article entity, as the loader stores them."""
    key = entity_key(type_, name, article_id, region)
    return key, short_form_pairs(type_, name, aliases) if key else []


def cluster_roots(keys: Iterable[str], short_forms: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Key -> the key that roots its cluster, for the distinct entity ``keys`` and the (short
    form, full name's key) pairs of the records: a short form written alone (`ORG|kemenkumham`)
    joins the one full name articles pair it with, never one of two."""
    clusters = _Clusters()
    for key in keys:
        clusters.find(key)
    claimed: dict[str, set[str]] = defaultdict(set)
    for short, full_key in short_forms:
        claimed[short].add(full_key)
    for short, full_keys in sorted(claimed.items()):
        alone = f"ORG|{org_form_key(short)}"
        if len(full_keys) == 1 and alone in clusters.parent:
            clusters.union(alone, next(iter(full_keys)))
    return {key: clusters.find(key) for key in list(clusters.parent)}


def resolve_rows(rows: Iterable[tuple]) -> dict[tuple[str, str], str]:
    """(article_id, local_id) -> KB entity id, for rows of (article_id, local_id, type, name,
    aliases as JSON): ``cluster_roots`` over the rows' keys, in memory (tests, small sets)."""
    keys: dict[tuple[str, str], str] = {}
    pairs: list[tuple[str, str]] = []
    for article_id, local_id, type_, name, aliases in rows:
        key, shorts = keys_of(article_id, type_, name, json.loads(aliases or "[]"))
        if key is not None:
            keys[(article_id, local_id)] = key
            pairs += [(short, key) for short in shorts]
    roots = cluster_roots(keys.values(), pairs)
    return {ref: entity_id(roots[key]) for ref, key in keys.items()}


def entity_id(root_key: str) -> str:
    """A KB entity id from the key that roots its cluster: `K` + 12 hex digits."""
    return "K" + hashlib.blake2b(root_key.encode("utf-8"), digest_size=6).hexdigest()


def resolve(kb: KB) -> int:
    """Recompute the KB's entities and aliases from its article entities' keys (stored at load):
    memory grows with the distinct names, not with the articles. The number of entities."""
    keys = [r[0] for r in kb.all("SELECT DISTINCT entity_key FROM article_entities WHERE entity_key IS NOT NULL")]
    roots = cluster_roots(keys, kb.all("SELECT DISTINCT short_key, full_key FROM short_forms"))
    ids = {key: entity_id(root) for key, root in roots.items()}
    names: dict[str, Counter] = defaultdict(Counter)
    for key, name, aliases, n in kb.all("SELECT entity_key, name, aliases, COUNT(*) FROM article_entities "
                                        "WHERE entity_key IS NOT NULL GROUP BY entity_key, name, aliases"):
        person = key.startswith("PER")
        names[ids[key]][person_name(name) if person else name] += 2 * n  # a name counts over an alias
        for alias in json.loads(aliases or "[]"):
            names[ids[key]][person_name(alias) if person else alias] += n
    codes: dict[str, Counter] = defaultdict(Counter)
    for key, code, n in kb.all("SELECT entity_key, region_code, COUNT(*) FROM article_entities "
                               "WHERE region_code IS NOT NULL AND entity_key IS NOT NULL GROUP BY entity_key, region_code"):
        codes[ids[key]][code] += n
    types = {ids[key]: key.split("|", 1)[0].split("@", 1)[0] for key in ids}
    kb.run("DELETE FROM aliases")
    kb.run("DELETE FROM entities")
    kb.many(insert_statement("entities"), [(eid, types[eid], _canonical(counter), *_region_columns(codes.get(eid)))
                                           for eid, counter in sorted(names.items())])
    kb.many(insert_statement("aliases"), [(eid, alias) for eid, counter in sorted(names.items())
                                          for alias in sorted(counter) if alias != _canonical(counter)])
    kb.run("DELETE FROM entity_keys")
    kb.many(insert_statement("entity_keys"), sorted(ids.items()))
    kb.run("UPDATE article_entities SET entity_id = (SELECT k.entity_id FROM entity_keys k "
           "WHERE k.entity_key = article_entities.entity_key)")
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
