"""Metrics told as a clause, anchored on the value: the measure is the noun phrase the clause is
about, before its verb. ``IHSG ditutup menguat 1,12 persen ke level 7.245`` -> (``IHSG``, 1.12
persen) and (``IHSG``, 7245); ``sektor keuangan naik 0,35 persen, properti 0,8 persen`` -> a list
that shares its verb. The verbs and the words around them are in ``lang/id/metric_verbs.txt``;
what a verb is, is learnt from the UD treebanks (``models/id_lexicon/verbs.txt``).

>>> [(c.name, c.value, c.unit, c.direction) for c in clauses("Indeks LQ45 merosot 1,4% ke posisi 741.")]
[('Indeks LQ45', 1.4, '%', 'down'), ('Indeks LQ45', 741, None, None)]
>>> [(c.name, c.value) for c in clauses("Ekonomi Jepang tumbuh minus 1,2 persen, sektor keuangan naik 0,35 persen, properti 0,8 persen.")]
[('Ekonomi Jepang', -1.2), ('sektor keuangan', 0.35), ('properti', 0.8)]
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from ..lang import AnchoredPattern, WordIndex, alternation, load_derived, load_list, load_table
from ..lang.patterns import NUMBER, scale_words, sign, verb_prefix
from ..normalize.numbers import parse_digits, signed
from .money import currency_markers

UNIT = r"basis poin|persen|%|poin|bps"
WORDS = regex.compile(r"\S+")
NOT_NAME_NUMBER = regex.compile(r"\d{4}|\d+[/.,]\d+(?:[/.]\d+)*%?|\d+%")  # `2025`, `9/6`, `0,5%`
NP_REACH = 60  # characters before a bracketed value in which its measure is looked for
# a `ter-` verb not in the list right before a percentage is a change of the subject, its direction
# not known (`Rupiah terapresiasi 1,4 persen`; `ter-` verbs are intransitive); not `tertinggal 2 poin`
TER_VERB = r"ter\p{Ll}{5,}(?=[ \t]+(?:sebesar[ \t]+)?[-−]?[\d.,]+[ \t]*(?:persen|%))"
MAX_SUBJECT_WORDS = 6  # a longer run before the verb is not one noun phrase we can trust
LEVEL_MIN = 100  # `merosot 1,4% ke posisi 741`: an index level; `posisi 2` is a rank


@dataclass(frozen=True)
class Clause:
    """One metric of a clause: the measure, the value as written (sign included), where the value
    is, and the span from the measure to the value (the evidence)."""

    name: str
    value: float
    unit: Optional[str]
    direction: Optional[str]  # `up` / `down` from the verb; None for a state or a level
    start: int
    end: int
    value_start: int
    previous: Optional[float] = None  # the value before the change (`naik dari 4,82% menjadi 4,76%`)
    scope: Optional[str] = None  # the period between the measure and its verb (`triwulan III 2025`)


@lru_cache(maxsize=1)
def verb_roles() -> dict[str, frozenset[str]]:
    """Role -> the words of ``metric_verbs.txt`` in it: ``up`` -> {`naik`, `menguat`, ...}."""
    roles: dict[str, set[str]] = {}
    for word, kinds in load_table("metric_verbs").items():
        for kind in kinds.split():
            roles.setdefault(kind, set()).add(word)
    return {kind: frozenset(words) for kind, words in roles.items()}


@lru_cache(maxsize=1)
def from_to() -> str:
    """A change told from one value to another, up to the second value: `dari 75,48 menjadi`,
    `dari 4,82% ke`; the first value is the group ``prev``.

    >>> regex.match(from_to(), "dari 4,82% menjadi 4,76%")["prev"]
    '4,82'
    """
    roles = verb_roles()
    return (rf"(?i:{alternation(roles['from'])})[ \t]+(?P<prev>{NUMBER})(?:[ \t]*(?:{UNIT}))?(?![\d\p{{L}}])"
            rf"[ \t]+(?i:{alternation(roles['to'])})")


@lru_cache(maxsize=1)
def _words() -> dict:
    roles = verb_roles()
    verbs = roles["up"] | roles["down"] | roles["state"]  # and the nouns, which have a direction too
    value = rf"(?:{sign()})?(?P<val>{NUMBER})[ \t]*(?P<unit>{UNIT})(?![\p{{L}}\d])"
    # `atau sekitar 0,14 persen`, `(0,34 persen)`: the same change in another unit
    either, about = alternation(roles["or"]), alternation(roles["about"])
    joins = alternation([*(w for w in load_list("coordinators") if w.isalpha()), *roles["or"]])
    level = alternation(roles["level"])
    periods, months = alternation(load_list("period_nouns")), alternation(load_table("months"))
    second = (rf"(?:(?:[ \t]+(?:{either})[ \t]+(?:(?:{about})[ \t]+)?|[ \t]*\([ \t]*)(?P<val2>{NUMBER})[ \t]*(?P<unit2>{UNIT})"
              rf"(?![\p{{L}}\d])\)?)?")
    after = rf"(?:[ \t]+(?:{alternation(roles['after'])})){{0,3}}"
    # `naik USD 2,15 atau 2,8%`: an amount first, the percentage is the metric
    after += rf"(?:[ \t]+(?:{alternation(currency_markers()[0])})[ \t]?(?:{NUMBER})(?:[ \t]+(?:{alternation(scale_words())}))?[ \t]+(?:{either}))?"
    return {
        "roles": roles,
        # the words between a subject and its verb or value: `ditutup`, `tipis`, `mengalami`
        "skipped": roles["before"] | roles["after"] | roles["through"],
        "stops": frozenset(w.casefold() for w in load_list("function_words")) | roles["stop"] | set(scale_words()),
        "verbs": load_derived("verbs"),
        "verb_words": frozenset(v.casefold() for v in verbs),
        # found at a listed verb's word (anchored: a verb alternation tried everywhere was slow),
        # and at any `ter-` verb before a percentage
        "clause": AnchoredPattern(regex.compile(rf"(?P<verb>(?i:{alternation(verbs)}))(?:[ \t]+{from_to()})?{after}[ \t]+{value}{second}"),
                                  verbs, fold=True),
        "ter_clause": regex.compile(rf"(?<![\p{{L}}\-])(?P<verb>{TER_VERB})(?:[ \t]+{from_to()})?{after}[ \t]+{value}{second}"),
        "level": regex.compile(rf"(?:[ \t]+\p{{Ll}}+)?[ \t]+(?:{level})[ \t]+(?P<val>{NUMBER})(?![\d\p{{L}}%])"),
        "bare_level": regex.compile(rf"(?<![\p{{L}}\-])(?:{level})[ \t]+(?P<val>{NUMBER})(?![\d\p{{L}}%])"),
        # `sebesar Rp67,5 miliar atau`, `senilai US$ 109,2 juta,`: an amount before a change of its measure
        "amount_before": regex.compile(
            rf"(?<![\p{{L}}\-])(?i:{alternation(roles['amount'])})[ \t]+(?:(?:{alternation(currency_markers()[0])})[ \t]?)?"
            rf"(?:{NUMBER})(?:[ \t]+(?:{alternation(scale_words())}))?(?:[ \t]+\p{{Ll}}+)?[ \t]*,?[ \t]*(?:(?:{either})[ \t]+)?$"),
        # `, properti 0,8 persen`: a list item that shares the verb before it
        "item": regex.compile(rf"[ \t]*[,;][ \t]*(?:(?:{joins})[ \t]+)?(?P<np>\p{{L}}[\p{{L}}\-]*(?:[ \t]+\p{{L}}[\p{{L}}\-]*){{0,3}})"
                              rf"[ \t]+(?:sebesar[ \t]+)?{value}"),
        # `terkoreksi 0,43 persen dalam sehari dan 12,64 persen sepekan`: a second value of the same measure
        "and_value": regex.compile(rf"(?:[ \t]+\p{{Ll}}+){{0,3}}?[ \t]+(?:{joins})[ \t]+{value}"),
        # `sektor kesehatan (0,52%), sektor keuangan (0,20%)`: each measure with its value in brackets
        "bracketed": regex.compile(rf"\([ \t]*{value}[ \t]*\)"),
        "np_before": regex.compile(r"(?<![\p{L}\-])(?P<np>\p{Ll}[\p{L}\-]*(?:[ \t]+[\p{L}\-]+){0,3})[ \t]*$"),
        # the subject that opens the sentence, up to its verb: `Belanja pemerintah pusat (BPP) tersalurkan`
        "opening": regex.compile(
            rf"(?P<subj>\p{{Lu}}\p{{Ll}}+(?:[ \t]+(?!(?:{verb_prefix()})\p{{Ll}}{{3,}}|sebesar|mencapai|adalah)\p{{Ll}}+){{0,5}})"
            rf"(?:[ \t]+\([^()]{{1,20}}\))?[ \t]+(?:(?:{verb_prefix()})\p{{Ll}}{{3,}}|sebesar|mencapai|adalah)"),
        # `pada triwulan III 2025` right before the verb: the measure is before it
        "time_phrase": regex.compile(
            rf"(?<![\p{{L}}\-])(?i:{alternation(roles['time'])})[ \t]+(?P<period>(?:(?i:{periods})|{months})"
            rf"(?:[ \t]+(?:[IVX]{{1,4}}|\d{{1,4}}(?:-\d{{4}})?|(?i:{periods})|{months}|lalu|ini))*)[ \t]*,?[ \t]*$"),
        "token": regex.compile(rf"\([^()]{{1,30}}\)|(?:{NUMBER})%?|[^\s,;:()\"“”]+|[,;:()\"“”]"),
    }


def _is_verb(word: str, w: dict) -> bool:
    """A verb of the UD treebanks, or an unknown word built like one (`berkontribusi`, `dikenakan`)."""
    low = word.casefold()
    if low in w["verbs"] or (len(low) > 6 and low.startswith("di") and low.endswith("kan")):
        return True  # `disalurkan`: di-...-kan is a verb even where the word is common
    if low in load_derived("common_words") or len(low) < 6:
        return False  # `menteri`, `berita`
    return low.startswith(("me", "ber")) or (low.startswith("di") and low.endswith("i"))


def _bare_number(i: int, tokens: list) -> bool:
    """Whether token ``i`` is a number that is not part of a name (`24 jam`, `30 saham`; but
    `S&P 500`, `Nikkei 225`)."""
    if not tokens[i][0].isdigit():
        return False
    return i == 0 or not tokens[i - 1][0][:1].isupper()


def subject(text: str, start: int, end: int) -> Optional[tuple[int, str]]:
    """(start, text) of the noun phrase that ends before ``end`` (the verb), within ``start..end``
    (the sentence): words back to a verb, a function word, a clause mark or a year; the words
    between the phrase and the verb (`ditutup`, `juga`) skipped. A change told as a noun after a
    `through` verb gives that verb's subject (`Indeks LQ45 mengalami koreksi sebesar`). None when
    there is none, or it runs over ``MAX_SUBJECT_WORDS``.

    >>> s = "Lalu disusul sektor saham teknologi juga melemah"
    >>> subject(s, 0, s.index("melemah"))
    (13, 'sektor saham teknologi')
    >>> s = "Indeks LQ45 juga mengalami koreksi sebesar"
    >>> subject(s, 0, s.index("sebesar"))
    (0, 'Indeks LQ45')
    """
    w = _words()
    time = w["time_phrase"].search(text, start, end)
    end = time.start() if time else end  # `Ekonomi Indonesia | pada triwulan III 2025 | tumbuh`
    tokens = _before_relative_clause(list(w["token"].finditer(text, start, end)), w)
    words = _phrase_before(tokens, w)
    if words and len(words) == 1 and words[0][0].casefold() in w["roles"]["noun"]:
        rest = tokens[:tokens.index(words[0])]
        if rest and rest[-1][0].casefold() in w["roles"]["through"]:
            words = _phrase_before(rest[:-1], w) or words
    if not words or all(tok[0].casefold() in w["roles"]["pointer"] for tok in words):
        return None  # `itu menyumbang 30 persen`: a pointer alone names no measure
    return _phrase_span(text, words)


def _period(text: str, start: int, end: int) -> Optional[str]:
    """The time phrase right before ``end`` (the verb), without its preposition: `Ekonomi Indonesia
    pada triwulan III 2025 | tumbuh` -> `triwulan III 2025`."""
    time = _words()["time_phrase"].search(text, start, end)
    return time["period"] if time else None


def _phrase_span(text: str, words: list) -> tuple[int, str]:
    """(start, text) of a phrase given as its tokens, last first (``_phrase_before``)."""
    return words[-1].start(), text[words[-1].start():words[0].end()]


def _clause_subject_with(text: str, start: int, end: int, noun: str) -> Optional[tuple[int, str]]:
    """The subject of the clause that a change noun after `dengan` ends (within ``start..end``):
    `XRP menguat ke zona hijau dengan | penguatan 4,04%` -> `XRP`. The clause's verb is looked
    for up to ``MAX_SUBJECT_WORDS`` words before `dengan`, the subject before that verb."""
    w = _words()
    tokens = list(w["token"].finditer(text, start, end))
    if noun.casefold() not in w["roles"]["noun"] or not tokens or tokens[-1][0].casefold() not in w["roles"]["with"]:
        return None
    for i in range(len(tokens) - 2, max(-1, len(tokens) - 2 - MAX_SUBJECT_WORDS), -1):
        t = tokens[i][0]
        if not t[0].isalnum():
            return None  # `, dengan kenaikan`: the clause began after the comma
        if not t.isupper() and (_is_verb(t, w) or t.casefold() in w["skipped"] or t.casefold() in w["verb_words"]):
            words = _phrase_before(tokens[:i], w)  # `mencatatkan`, `menguat`: a verb or a listed one
            return _phrase_span(text, words) if words else None
    return None


def _before_relative_clause(tokens: list, w: dict) -> list:
    """``tokens`` without a relative clause that ends them: `IHK China, yang menjadi tolok ukur
    inflasi, | turun 0,1%`, `kuota haji khusus yang ditetapkan | hanya sebesar 8 persen` -> the
    tokens up to `IHK China`, `kuota haji khusus`."""
    words = [t[0].casefold() for t in tokens]
    relative = w["roles"]["relative"]
    if len(words) > 2 and words[-1] == ",":
        commas = [k for k, x in enumerate(words[:-1]) if x == ","]
        if commas and commas[-1] + 1 < len(words) and words[commas[-1] + 1] in relative:
            return tokens[:commas[-1]]
    rest = [x for x in words if x not in w["skipped"]]  # `yang ditetapkan hanya`
    opens = [k for k, x in enumerate(rest) if x in relative and len(rest) - 3 <= k < len(rest) - 1]
    if opens and all(_is_verb(x, w) for x in rest[opens[-1] + 1:]):
        last = max(k for k, x in enumerate(words) if x in relative)
        return tokens[:last]
    return tokens


def _subject_before_amount(text: str, start: int, end: int) -> Optional[tuple[int, str]]:
    """The measure of an amount that the change after it is the change of (within ``start..end``,
    the change's verb at ``end``): `laba bersih sebesar Rp67,5 miliar atau | tumbuh 38,1%`,
    `EBITDA adjusted senilai US$ 109,2 juta | meningkat 7%` -> `laba bersih`, `EBITDA adjusted`."""
    amount = _words()["amount_before"].search(text, start, end)
    return subject(text, start, amount.start()) if amount else None


def _phrase_before(tokens: list, w: dict) -> Optional[list]:
    """The tokens of the noun phrase at the end of ``tokens``, last first ([] when none, None
    when it is longer than ``MAX_SUBJECT_WORDS``)."""
    tokens = list(tokens)
    while tokens and tokens[-1][0].casefold() in w["skipped"]:
        tokens.pop()
    words: list = []
    if tokens and tokens[-1][0].casefold() in w["roles"]["pointer"]:
        words.append(tokens.pop())  # `gedung itu`: the phrase ends with its demonstrative
    for i in range(len(tokens) - 1, -1, -1):
        tok = tokens[i]
        t = tok[0]
        if t.startswith("(") and t.endswith(")") and not any(c.isdigit() for c in t):
            continue  # a short form: `Bitcoin (BTC) melemah`, `Indeks Harga Konsumen (IHK) China`; not `(6/6/2025)`
        caps = len(t) > 1 and t.isupper()  # `ADA` (a ticker) is no `ada`
        low = t if caps else t.casefold()
        if low in w["roles"]["place"]:
            return []  # `di IKN mencapai 50%`: a place or scope, the clause has no subject of its own
        if _bare_number(i, tokens) or (not t[0].isalnum() or low in w["stops"] or (not caps and _is_verb(t, w))
                or low in w["roles"]["through"] or NOT_NAME_NUMBER.fullmatch(t)):  # a year, a date, a value
            break
        words.append(tok)
        if len(words) > MAX_SUBJECT_WORDS:
            return None
    return words


def clauses(text: str, sentences=None, taken=(), words: WordIndex | None = None) -> list[Clause]:
    """Every metric clause of ``text``; ``sentences`` gives (start, end) of the sentence of an
    offset (``Document.sentence_of``), ``taken`` the (start, end) of values already read, ``words``
    the text's ``WordIndex`` when the caller has one."""
    w, out = _words(), []
    listed = [m for m in w["ter_clause"].finditer(text) if m["verb"].casefold() not in w["verb_words"]]
    found, end = [], 0
    for m in sorted([*w["clause"].finditer(text, words or WordIndex(text)), *listed], key=lambda m: m.start()):
        if m.start() >= end:  # no two clauses overlap (`terealisasi sebesar 48,4 persen` is one)
            found.append(m)
            end = m.end()
    sentence_of = sentences or (lambda _: (0, len(text)))
    busy = list(taken)

    def free(s: int, e: int) -> bool:
        return not any(a < e and s < b for a, b in busy)

    for m in found:
        if not free(m.start("val"), m.end("val")):
            continue
        s_start, _ = sentence_of(m.start())
        verb_start = m.start("verb")
        subj = (subject(text, s_start, verb_start) or _clause_subject_with(text, s_start, verb_start, m["verb"])
                or _subject_before_amount(text, s_start, verb_start) or _carry(out, s_start, verb_start))
        if subj is None:
            continue
        name, verb = subj[1], m["verb"].casefold()
        direction = next((d for d in ("up", "down") if verb in w["roles"][d]), None)
        previous = parse_digits(m["prev"]) if m["prev"] else None
        period = _period(text, s_start, verb_start)  # the scope of every value of the clause
        out.append(Clause(name, _value(m), m["unit"], direction, subj[0], m.end("unit"), m.start("val"), previous, period))
        busy.append((m.start("val"), m.end("unit")))
        if m["val2"]:
            out.append(Clause(name, parse_digits(m["val2"]), m["unit2"], direction, subj[0], m.end(), m.start("val2"),
                              scope=period))
            busy.append((m.start("val2"), m.end("unit2")))
        end = m.end()
        level = w["level"].match(text, end)
        if level and _is_level(level):
            out.append(Clause(name, parse_digits(level["val"]), None, None, subj[0], level.end(), level.start("val"),
                              scope=period))
            busy.append((level.start("val"), level.end("val")))
            end = level.end()
        and_value = w["and_value"].match(text, end)
        if and_value and free(and_value.start("val"), and_value.end("unit")):
            out.append(Clause(name, _value(and_value), and_value["unit"],
                              direction, subj[0], and_value.end(), and_value.start("val"), scope=period))
            busy.append((and_value.start("val"), and_value.end("unit")))
            end = and_value.end()
        out.extend(_list_items(text, end, direction, busy))
    out.extend(_bare_levels(text, sentence_of, free, busy, list(out)))
    out.extend(_bracketed(text, free, busy))
    return sorted(out, key=lambda c: c.value_start)


def _value(m) -> Optional[float]:
    """The value of a match's ``val`` group, its ``sign`` applied."""
    return signed(parse_digits(m["val"]), m["sign"])


def _is_level(m) -> bool:
    value = parse_digits(m["val"])
    return value is not None and ("," in m["val"] or value >= LEVEL_MIN)


def _list_items(text: str, end: int, direction, busy) -> list[Clause]:
    """`, properti 0,8 persen, dan energi 1,1 persen` after a clause: each item is its own measure."""
    w, out = _words(), []
    while (item := w["item"].match(text, end)) is not None:
        np_words = item["np"].split()
        if any(x.casefold() in w["stops"] or _is_verb(x, w) for x in np_words):
            break
        out.append(Clause(item["np"], _value(item), item["unit"], direction, item.start("np"), item.end(), item.start("val")))
        busy.append((item.start("val"), item.end("unit")))
        end = item.end()
    return out


def _bracketed(text: str, free, busy) -> list[Clause]:
    """`sektor kesehatan (0,52%), sektor keuangan (0,20%)`: a measure of two words or more with its
    percentage in brackets, in a list of two or more such items."""
    w, found = _words(), []
    for m in w["bracketed"].finditer(text):
        np = w["np_before"].search(text, max(0, m.start() - NP_REACH), m.start())
        if np is None:
            continue
        words = list(WORDS.finditer(text, np.start("np"), np.end("np")))
        while words and (words[0][0].casefold() in w["stops"] or _is_verb(words[0][0], w)):
            words.pop(0)  # `terlihat pada | sektor kesehatan (0,52%)`
        if (len(words) < 2 or m["unit"] not in ("persen", "%") or not free(m.start("val"), m.end("unit"))
                or any(x[0].casefold() in w["stops"] for x in words)):
            continue  # not `tahun (61,3%)`, not a player's `(16 poin)`
        found.append(Clause(text[words[0].start():np.end("np")], _value(m), m["unit"],
                            None, words[0].start(), m.end(), m.start("val")))
    listed = [c for c in found if any(o is not c and (abs(o.start - c.end) < 40 or abs(c.start - o.end) < 40) for o in found)]
    busy.extend((c.value_start, c.end) for c in listed)
    return listed


def opening_subject(text: str, start: int, end: int) -> Optional[tuple[int, str]]:
    """The subject that opens the sentence at ``start``, up to its verb, if it ends before ``end``:
    `Belanja pemerintah pusat (BPP) tersalurkan ...` -> `Belanja pemerintah pusat`."""
    m = _words()["opening"].match(text, start, end)
    return (m.start("subj"), m["subj"]) if m else None


def _carry(found: list[Clause], sentence_start: int, at: int) -> Optional[tuple[int, str]]:
    """The measure of the last clause of the same sentence, for a clause with no subject of its
    own (`Bitcoin melemah 4,15% dalam 24 jam dan menguat 2,20% dalam sepekan`); its evidence
    starts at the verb."""
    last = max((c for c in found if sentence_start <= c.start and c.end <= at), key=lambda c: c.end, default=None)
    return (at, last.name) if last else None


def _bare_levels(text: str, sentence_of, free, busy, carried_from: list[Clause]) -> list[Clause]:
    """`IHSG ditutup di level 7.245`: a level with no change before it."""
    out: list[Clause] = []
    for m in _words()["bare_level"].finditer(text):
        if not free(m.start("val"), m.end("val")) or not ("," in m["val"] or "." in m["val"]):
            continue  # with no change before it, only a written level (`7.245`, `792,75`), not `posisi 116`
        s_start, _ = sentence_of(m.start())
        subj = subject(text, s_start, m.start()) or _carry(out + carried_from, s_start, m.start())
        if subj is not None:
            out.append(Clause(subj[1], parse_digits(m["val"]), None, None, subj[0], m.end(), m.start("val")))
            busy.append((m.start("val"), m.end("val")))
    return out
