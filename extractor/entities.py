"""Merge entity mentions into one entity per real-world thing within an article.

- honorifics and degrees are kept out of person names (``Dr. H. Ahmad Yani, S.H.`` -> ``Ahmad Yani``);
- an acronym introduced in parentheses becomes an alias, and its later uses become mentions
  (``Kementerian Pendayagunaan ... (KemenPAN-RB)``);
- a one-word person mention that is part of exactly one longer person name is an alias of it
  (``Heni`` -> ``Heni Susila Wardoyo``);
- the entity's ``name`` is its fullest form, ``aliases`` the other forms.

>>> from extractor.nlp.doc import Mention
>>> text = "Kepala Kanwil, Heni Susila Wardoyo, hadir. Heni senang."
>>> ents = resolve(text, [Mention(15, 34, "PER", "Heni Susila Wardoyo"), Mention(43, 47, "PER", "Heni")])
>>> [(e.name, e.aliases, len(e.mentions)) for e in ents]
[('Heni Susila Wardoyo', ['Heni'], 2)]
"""
from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from functools import lru_cache

import regex

from .lang import load_derived, load_list, load_table
from .lang.patterns import verb_prefixes
from .matching import norm
from .mentions import agency_aliases, resources
from .nlp.doc import Mention
from .schema import Entity, Span

ACRONYM = regex.compile(r"\s*\(\s*(?P<acr>\p{Lu}[\p{L}\d\-&./]{1,24})\s*\)")
LEADING = " \t\n\xa0\"“”‘'(,.;:-–—"
TRAILING = " \t\n\xa0\"“”‘,;:-–—("


WORD = regex.compile(r"\S+")


@lru_cache(maxsize=1)
def _known_aliases() -> tuple[tuple[str, str], ...]:
    """Normalised (short form, full name) pairs of known agencies and places."""
    pairs = {**agency_aliases(), **load_table("place_aliases")}
    return tuple((norm(short), norm(full)) for short, full in pairs.items())


@lru_cache(maxsize=1)
def _unit_forms() -> tuple[frozenset, dict[str, str]]:
    """Normalised place heads (``kabupaten``, ``kota``) and unit short heads -> full heads
    (``pemkab`` -> ``pemerintah kabupaten``)."""
    heads = frozenset(norm(h) for h in load_list("loc_heads"))
    return heads, {norm(k): norm(v) for k, v in load_table("unit_expansions").items()}


@lru_cache(maxsize=1)
def _org_form_words() -> tuple[frozenset, dict[str, str]]:
    """Normalised legal forms (``pt``, ``tbk``) and short names of places and agencies -> full ones
    (``jatim`` -> ``jawa timur``, ``republik indonesia`` -> ``indonesia``, ``kemenlu`` ->
    ``kementerian luar negeri``, ``polda`` -> ``kepolisian daerah``): what two forms of one
    organisation's name differ in."""
    units = {norm(k): norm(v) for k, v in load_table("unit_expansions").items()}  # `polda` -> `kepolisian daerah`
    return frozenset(norm(w) for w in load_list("legal_forms")), {**units, **dict(_known_aliases())}


def org_form_key(name: str) -> str:
    """An organisation's normalised name without its legal forms and with places and agencies
    written in full: ``pt pindad persero`` -> ``pindad``, ``dprd jatim`` -> ``dprd jawa timur``,
    ``kemenlu ri`` and ``kementerian luar negeri republik indonesia`` -> ``kementerian luar negeri indonesia``."""
    forms, full = _org_form_words()
    for _ in range(3):  # until nothing changes: `polri` -> `... republik indonesia` -> `... indonesia`
        words, out, i = name.split(), [], 0
        while i < len(words):  # the longest short form that starts here (`republik indonesia`, then `ri`)
            n = next((n for n in (3, 2, 1) if " ".join(words[i:i + n]) in full), 0)
            out += full[" ".join(words[i:i + n])].split() if n else [words[i]]
            i += n or 1
        expanded = " ".join(w for w in out if w not in forms)
        if expanded == name:
            break
        name = expanded
    return name


@lru_cache(maxsize=1)
def _known_places() -> frozenset:
    """Normalised names of the places in ``lang/id/places.txt``."""
    return frozenset(norm(p) for p in load_list("places"))


@lru_cache(maxsize=1)
def _national_qualifiers() -> tuple[str, ...]:
    """Normalised endings that mark the national body (``ri``): ``DPD RI`` is ``DPD``."""
    return tuple(" " + norm(q) for q in load_list("national_qualifiers"))


@lru_cache(maxsize=1)
def _person_affixes() -> tuple[frozenset, frozenset]:
    honor = frozenset(h.rstrip(".").casefold() for h in load_list("honorifics"))
    honor |= frozenset(r.casefold() for r in load_list("ranks"))
    degrees = frozenset(d.replace(".", "").replace(" ", "").casefold() for d in load_list("degrees"))
    return honor, degrees


def clean_person(text: str, start: int) -> tuple[int, int]:
    """Offsets of a person mention without leading honorifics or trailing degrees."""
    honor, degrees = _person_affixes()
    end = start + len(text)
    words = list(WORD.finditer(text))
    lo, hi = 0, len(words)
    while lo < hi - 1 and (words[lo][0].rstrip(".,").casefold() in honor
                           or words[lo][0].replace(".", "").strip(",").casefold() in degrees):
        lo += 1
    while hi > lo + 1 and words[hi - 1][0].replace(".", "").strip(",").casefold() in degrees:
        hi -= 1
    s = start + words[lo].start() if words else start
    e = start + words[hi - 1].end() if words else end
    # a trailing comma before a degree: "Ahmad Yani, S.H." -> "Ahmad Yani"
    while e > s and text[e - start - 1] in " \t\n\xa0,":
        e -= 1
    return s, e


def only_affixes(text: str, label: str) -> bool:
    """True for a span of honorifics, ranks and degrees alone (``AKBP``, ``S.IK``, ``Bapak H.``),
    which names no one: the model's span there is dropped. A degree without periods counts only
    in a person's span (``AS`` is a country)."""
    honor, degrees = _person_affixes()
    spelt_as_degree = label == "PER" or "." in text
    return all(w.rstrip(".,").casefold() in honor
               or spelt_as_degree and w.replace(".", "").strip(",").casefold() in degrees for w in text.split())


def _trim(text: str, m: Mention) -> Mention | None:
    start, end = m.start, m.end
    if only_affixes(text[start:end], m.label):
        return None
    if m.label == "PER":
        start, end = clean_person(text[start:end], start)
    last = text[start:end].rsplit(" ", 1)[-1]
    cut = glued_at(last) if m.label == "PER" else None  # not `Turkmenistan`, `Daerah Tertinggal`
    if cut is not None:  # `Nasaruddin Umarmengungkap` -> `Nasaruddin Umar`
        end -= len(last) - cut
    end = _before_glued_tail(text, start, end)  # `Chris Martintelah tiba` -> `Chris Martin`
    piece = text[start:end]
    start += len(piece) - len(piece.lstrip(LEADING))
    end -= len(piece) - len(piece.rstrip(TRAILING))
    if end <= start or not any(c.isalnum() for c in text[start:end]):
        return None
    return Mention(start, end, m.label, text[start:end], m.source)


def _before_glued_tail(text: str, start: int, end: int) -> int:
    """The end of a mention cut before the first word glued to a following word (``glued_tail_at``)."""
    at = start
    for word in text[start:end].split(" "):
        cut = glued_tail_at(text, word, text[start:at]) if len(word) > 4 else None
        if cut is not None:
            return at + cut
        at += len(word) + 1
    return end


def _acronym_mentions(text: str, mentions: list[Mention]) -> tuple[list[Mention], dict[str, str]]:
    """Acronyms in parentheses right after an ORG/LOC/PER mention, and their later uses."""
    extra, alias_of = [], {}
    for m in mentions:
        a = ACRONYM.match(text, m.end)
        if not a or m.label == "PER" and len(a["acr"]) > 12:
            continue
        acr = a["acr"]
        upper = sum(c.isupper() for c in acr)
        if upper < 2 or norm(acr) == norm(m.text):
            continue
        alias_of[norm(acr)] = norm(m.text)
        for occ in regex.finditer(rf"(?<![\w-]){regex.escape(acr)}(?![\w-])", text):
            extra.append(Mention(occ.start(), occ.end(), m.label, acr, "acronym"))
    return extra, alias_of


def _parenthesised_aliases(text: str, mentions: list[Mention]) -> dict[str, str]:
    """``Saifullah Yusuf (Gus Ipul)``: a mention in parentheses right after one of its type (not a
    writer's name closing the article: ``... kata Gullit.(Randy Wirayudha)``)."""
    out = {}
    for a, b in zip(mentions, mentions[1:]):
        if (a.label == b.label and b.source != "meta" and text[a.end:b.start].strip() == "("
                and text[b.end:b.end + 1] == ")" and norm(b.text) != norm(a.text)):
            out[norm(b.text)] = norm(a.text)
    return out


def _drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Prefer metadata mentions, then longer ones; never keep two overlapping spans.

    The kept spans are disjoint and not empty (``_trim`` drops empty ones), so in start order
    their ends rise too: a span overlaps one of them exactly when it overlaps the last one that
    starts before its end (a binary search, not a pass over all: long pages have thousands)."""
    rank = {"meta": 0, "rule": 1, "speaker": 1, "ner": 2, "gazetteer": 3, "acronym": 4}
    starts: list[int] = []
    kept: list[Mention] = []  # in start order
    for m in sorted(mentions, key=lambda m: (rank.get(m.source, 3), -(m.end - m.start), m.start)):
        i = bisect_left(starts, m.end)
        if i == 0 or kept[i - 1].end <= m.start:
            starts.insert(i, m.start)
            kept.insert(i, m)
    return kept


def _label(ms: list[Mention]) -> str:
    """The type of one surface form: PER if a speech verb names it the speaker (source ``speaker``),
    else its most common type (``Sambari`` LOC by the model, ``," ujar Sambari`` -> PER)."""
    ruled = [m.label for m in ms if m.source == "speaker"]
    return Counter(ruled or [m.label for m in ms]).most_common(1)[0][0]


NAME_RUN = regex.compile(r"(?:[ \t]+(?:\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?|\p{Lu}{1,2}\.?)){1,2}(?=[ \t]*[,.;:()\n]|[ \t]+\p{Ll}|$)")


GLUED_MIN = 10  # letters of a name and a verb glued together: 3 of the name, 7 of the verb at least
GLUED_VERB = regex.compile(r"(?<=\p{Ll}{3})(?:me|ber)\p{Ll}{6,}$")  # `Umar|mengungkap`, not `Sume|dang`


def glued_at(word: str) -> int | None:
    """Where a verb the scraper glued to a name starts in ``word``: ``Umarmengungkap`` -> 4
    (``mengungkap``, a verb of the UD lexicon or built as one); None for a plain name."""
    if len(word) < GLUED_MIN:
        return None
    m = GLUED_VERB.search(word)
    if m:
        return m.start()
    verbs, low = load_derived("verbs"), word.casefold()
    return next((i for i in range(3, len(low) - 6) if word[i:].islower() and low[i:] in verbs
                 and low[:i] not in verb_prefixes()), None)


def glued_tail_at(text: str, word: str, lead: str = "") -> int | None:
    """Where a function word or verb the scraper glued to the end of a name starts in ``word``, when
    its first letters, not a common word, or the mention up to there (``lead``: its words before
    ``word``) are a known place or written on their own elsewhere in ``text``: ``Indonesiadengan`` ->
    9, ``Isaksudah`` -> 4 where ``Isak`` stands alone, ``Utaraberencana`` after ``Korea`` -> 5 where
    ``Korea Utara`` does; None for ``Sudan``, ``Pekanbaru`` or ``Kota Pekanbaru`` (`pekan` is a word)."""
    r = resources()
    if not word[:1].isupper() or word in r.places:  # `Pekanbaru`, `Irlandia` are whole names
        return None
    verbs, common = load_derived("verbs"), load_derived("mostly_lower_words")

    def known(name: str) -> bool:  # a known place, or written on its own in the text
        return name in r.places or any(not text[at + len(name):at + len(name) + 1].isalpha()
                                       for at in _occurrences(text, name))
    for i in range(4, len(word) - 2):  # four letters and three at least: not `Dan|antara`, `Belarus|ia`
        tail, stem = word[i:], word[:i]
        if (word[i - 1].islower() and tail.islower() and (tail in r.function_words or tail in verbs)
                and (stem.casefold() not in common and known(stem) or lead and known(lead + stem))):
            return i
    return None


def _glued(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is glued to a word before or after it (``dilansir|AFP``)."""
    return (start > 0 and text[start - 1].isalpha()) or (end < len(text) and text[end].isalpha())


def _only_glued(text: str, ms: list[Mention], found: list[Mention]) -> bool:
    """Whether the text writes a name only glued to other words (``dilansirAFP``, ``Liputan6.com,
    JakartaBursa``): no entity, as docs/gold-format.md says. A name the model found only glued but
    that stands alone elsewhere in the text (not glued, not inside another name) stays."""
    if not all(_glued(text, m.start, m.end) for m in ms):
        return False
    inside = [(o.start, o.end) for o in found]
    return not any(not _glued(text, at, at + len(m.text)) and not any(s <= at and at + len(m.text) <= e for s, e in inside)
                   for m in ms for at in _occurrences(text, m.text))


def _occurrences(text: str, word: str):
    """Where ``word`` stands in ``text`` as a whole word (no letter or hyphen before it)."""
    at = text.find(word)
    while at >= 0:
        if at == 0 or not (text[at - 1].isalpha() or text[at - 1] == "-"):
            yield at
        at = text.find(word, at + 1)


def _written_in_full(text: str, word: str, ignored=()) -> str | None:
    """The one fuller form of a person known by one word, written out once before a lower-case
    word or a comma: ``kata Piter`` + ``... Indonesia Piter Abdullah, Sabtu`` -> ``Piter Abdullah``.
    The words after the first are name words (no place, organisation, title, month or day),
    the last not an initial; two different fuller forms give none."""
    r = resources()
    found = set()
    for at in _occurrences(text, word):  # found with str.find: a pattern per name compiled too often
        run = NAME_RUN.match(text, at + len(word))
        if not run or any(s < run.end() and at < e for s, e in ignored):
            continue  # not from a headline or a boilerplate line
        rest = run[0].split()
        if len(rest[-1].rstrip(".")) < 3 or glued_at(rest[-1]) is not None or any(
                w in r.calendar or w in r.places or w in r.place_aliases or w in r.org_heads or w in r.loc_heads
                or w in r.agencies or w.casefold() in r.title_words or w.casefold() in r.function_words
                or w.casefold() in r.honorifics or w.casefold() in r.ranks for w in rest):
            continue
        found.add(" ".join([word, *rest]))
    return found.pop() if len(found) == 1 else None


def _entity(text: str, label: str, ms: list[Mention], ignored=()) -> Entity:
    """The entity of one cluster of mentions (sorted): its fullest form its name, the others its
    aliases; a person known by one word named by its fuller form (``Piter`` -> ``Piter Abdullah``)."""
    name = max(ms, key=lambda m: (len(m.text.split()), len(m.text), -m.start)).text
    full = _written_in_full(text, name, ignored) if label == "PER" and len(name.split()) == 1 else None
    aliases, seen = [], {norm(full or name)}
    for form in [name] + [m.text for m in ms]:
        if norm(form) not in seen:
            seen.add(norm(form))
            aliases.append(form)
    return Entity(id="", type=label, name=full or name, aliases=aliases,
                  mentions=[Span(m.start, m.end, m.text) for m in ms])


def _fold_org_forms(labels: dict[str, str], parent: dict[str, str], root) -> None:
    """Join the groups of one organisation's forms (``org_form_key``) under the longer form:
    `PT Pindad (Persero)` and `Pindad`, `DPRD Jatim` and `DPRD Jawa Timur`."""
    by_form: dict[str, str] = {}
    for k in sorted((k for k in labels if labels[k] == "ORG"), key=lambda k: -len(k)):
        form = org_form_key(k)
        if not form:
            continue
        if (form in by_form and root(by_form[form]) != root(k) and labels[root(k)] == labels[root(by_form[form])] == "ORG"
                and not _other_legal_form(k, by_form[form])):
            parent[root(k)] = root(by_form[form])  # never a place into an organisation (`RI` of `Indonesia`)
        by_form.setdefault(form, k)


def _by_name_before_place(names: list[str], places: set[str]) -> dict[str, list[str]]:
    """Name -> the ``names`` that are it and a place after it: ``karang taruna`` -> [``karang
    taruna tebing tinggi``]."""
    out: dict[str, list[str]] = defaultdict(list)
    for g in names:
        words = g.split()
        for i in range(1, len(words)):
            if " ".join(words[i:]) in places:
                out[" ".join(words[:i])].append(g)
    return out


# what follows a mention of an organisation: its short form in brackets and the place it serves
PLACE_AFTER = regex.compile(r"[ \t]*(?:\([^()\n]{1,20}\)[ \t]*)?(?P<place>\p{Lu}[\p{L}\-]*(?:[ \t]+\p{Lu}[\p{L}\-]*){0,2})")


def _placed_elsewhere(text: str, mentions: list[Mention], place: str, places: set[str]) -> bool:
    """Whether one of an organisation's ``mentions`` is followed by another place than ``place``:
    ``Pengadilan Negeri (PN) Jakarta Selatan`` is not ``PN Semarang``."""
    for m in mentions:
        after = PLACE_AFTER.match(text, m.end)
        words = after["place"].split() if after else []
        found = [p for p in (norm(" ".join(words[:n])) for n in range(len(words), 0, -1)) if p in places]
        if found and found[0] != place:
            return True
    return False


def _other_legal_form(a: str, b: str) -> bool:
    """Both names open with a legal form and not the same one: ``cv maju jaya``, ``pt maju jaya``."""
    forms = _org_form_words()[0]
    first_a, first_b = a.split(maxsplit=1)[0], b.split(maxsplit=1)[0]
    return first_a in forms and first_b in forms and first_a != first_b


def _misspelt_pairs(names: list[str]) -> list[tuple[str, str]]:
    """Pairs of person names of two words or more that differ in one letter, not the last, of one
    word of five letters or more, the later name first: ``muhammad shihibul fikri``, ``muhammad shohibul fikri``."""
    def one_letter_apart(a: str, b: str) -> bool:  # not in the last letter: `putra`/`putri` are two people
        return len(a) == len(b) >= 5 and a[-1] == b[-1] and sum(x != y for x, y in zip(a, b)) == 1

    pairs = []
    for j, b in enumerate(names):
        for a in names[:j]:
            wa, wb = a.split(), b.split()
            differ = [(x, y) for x, y in zip(wa, wb) if x != y]
            if len(wa) == len(wb) >= 2 and len(differ) == 1 and one_letter_apart(*differ[0]):
                pairs.append((b, a))
    return pairs


def resolve(text: str, mentions: list[Mention], ignored: list[tuple[int, int]] = ()) -> list[Entity]:
    """One ``Entity`` per real-world thing, ids ``E1``... in order of first mention."""
    def in_ignored(m: Mention) -> bool:
        return m.source != "meta" and any(s < m.end and m.start < e for s, e in ignored)

    trimmed = [t for m in mentions if not in_ignored(m) for t in [_trim(text, m)] if t]
    extra, alias_of = _acronym_mentions(text, trimmed)
    found = _drop_overlaps(trimmed + [m for m in extra if not in_ignored(m)])
    alias_of.update(_parenthesised_aliases(text, found))
    named = {norm(m.text) for m in found}
    for short, full in _known_aliases():  # a known pair the text names wins over a bracket after a longer
        if short not in alias_of or (full in named and full in alias_of[short]):  # name that holds it:
            alias_of[short] = full  # `Direktorat Jenderal ... Kementerian Sosial RI (Kemensos)`

    # group by normalised surface form, then fold acronyms and short person names into full names
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in found:
        groups[norm(m.text)].append(m)
    parent = {k: k for k in groups}

    def root(k: str) -> str:
        while parent[k] != k:
            k = parent[k]
        return k

    for acr, full in alias_of.items():
        if acr in groups and full in groups and root(full) != acr:  # never make a cycle
            parent[acr] = full
    labels = {k: _label(ms) for k, ms in groups.items()}
    # `Jepara` and `Kabupaten Jepara` (places); `Pemkab Jepara` and `Pemerintah Kabupaten Jepara`
    place_heads, expansions = _unit_forms()
    for k in list(groups):
        head, _, rest = k.partition(" ")
        if not rest:
            continue
        if labels[k] == "LOC" and head in place_heads and labels.get(rest) == "LOC" and parent[rest] == rest:
            parent[rest] = k
        full = expansions.get(head)
        long_form = f"{full} {rest}" if full else None
        if long_form in groups and labels[long_form] == labels[k] and parent[k] == k and root(long_form) != k:
            parent[k] = long_form
        for qualifier in _national_qualifiers():  # `DPD` and `DPD RI`
            base = k[:-len(qualifier)] if k.endswith(qualifier) else None
            if base in groups and labels[k] == labels[base] == "ORG" and parent[base] == base and root(k) != base:
                parent[base] = k
    _fold_org_forms(labels, parent, root)
    # `Karang Taruna` and the one `Karang Taruna Tebing Tinggi` (the organisation and its place);
    # `BPBD Banyumas` and the one `BPBD`, already the short form of `Badan Penanggulangan Bencana Daerah`
    places = {k for k in groups if labels[k] == "LOC"} | _known_places()
    with_place = _by_name_before_place([g for g in groups if labels[g] == "ORG"], places)
    for k, longer in with_place.items():
        if k not in groups or labels[k] != "ORG" or len(longer) != 1 or root(longer[0]) == root(k):
            continue
        if parent[k] == k:
            parent[k] = longer[0]
        elif parent[longer[0]] == longer[0] and not _placed_elsewhere(
                text, [m for g, ms in groups.items() if root(g) == root(k) for m in ms], longer[0][len(k) + 1:], places):
            parent[longer[0]] = root(k)
    # `Heni` -> `Heni Susila Wardoyo`, `Mu’ti` -> `Abdul Mu’ti`, `Ibnu Hajar` -> `M Ibnu Hajar`:
    # a person's name that is a run of words of exactly one longer person name
    persons = [k for k in groups if labels[k] == "PER"]
    for k, other in _misspelt_pairs(persons):  # `Muhammad Shihibul Fikri` -> `Muhammad Shohibul Fikri`
        if root(k) != root(other):
            parent[root(k)] = root(other)
    for k in sorted(persons, key=lambda k: -len(k.split())):  # longer forms join first
        if parent[k] != k:
            continue
        owners = {root(p) for p in persons if len(p.split()) > len(k.split()) and f" {k} " in f" {p} "}
        if len(owners) == 1 and k not in owners:  # `Bhakti` in `Bhakti Eri` and `Bhakti Eri Nurmansyah`
            parent[k] = owners.pop()

    clusters: dict[str, list[Mention]] = defaultdict(list)
    for k, ms in groups.items():
        clusters[root(k)].extend(ms)
    entities = [_entity(text, labels[key], sorted(ms, key=lambda m: m.start), ignored)
                for key, ms in sorted(clusters.items(), key=lambda kv: min(m.start for m in kv[1]))
                if not _only_glued(text, ms, found)]
    for i, e in enumerate(entities, 1):
        e.id = f"E{i}"
    return entities
