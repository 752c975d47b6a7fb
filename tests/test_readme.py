"""The README and docs/ show what this version writes for samples/: their record excerpts and
evaluate tables are checked against real output, so a stale excerpt fails.

A record excerpt is a fenced ```json block opening with ``{"schema_version"``: JSON in which
``...`` stands for left-out list items and ``{...}`` for an object left out. Every object shown
must equal the real one, keys in the same order; the items shown of a list must be real items,
in order; a list without ``...`` is shown whole. An evaluate example is a fenced block opening
with ``$ ... extractor evaluate GOLD ...``: its lines are the table's, ``...`` skipping lines.
"""
from __future__ import annotations

import json
import re

import pytest

from extractor.batch import BatchOptions, run
from extractor.evaluate import load_jsonl, score

from .conftest import ROOT

PAGES = ["README.md", "docs/record-format.md", "docs/gold-format.md"]
FENCED = re.compile(r"^```[a-z]*\n(.*?)^```", re.M | re.S)
GAP = "\u2026gap"  # what ``...`` becomes in a parsed excerpt
LEFT_OUT = "\u2026object"  # what ``{...}`` becomes


def blocks(page: str) -> list[str]:
    return FENCED.findall((ROOT / page).read_text(encoding="utf-8"))


def parse_excerpt(text: str):
    """An excerpt as JSON, ``{...}`` and ``...`` outside strings turned into marker strings.

    >>> parse_excerpt('{"a": [1, ..., "x ... y"], "b": {...}}')
    {'a': [1, '…gap', 'x ... y'], 'b': '…object'}
    """
    out, i, in_string = [], 0, False
    while i < len(text):
        ch = text[i]
        if in_string:
            out.append(text[i:i + 2] if ch == "\\" else ch)
            i += 2 if ch == "\\" else 1
            in_string = ch != '"'
        elif text.startswith("{...}", i):
            out.append(json.dumps(LEFT_OUT))
            i += 5
        elif text.startswith("...", i):
            out.append(json.dumps(GAP))
            i += 3
        else:
            out.append(ch)
            in_string = ch == '"'
            i += 1
    return json.loads("".join(out))


def shown_in(shown, real, where: str = "record") -> None:
    """Raise AssertionError, naming the place, where the excerpt differs from the real value."""
    if shown == LEFT_OUT:
        assert isinstance(real, dict), where
    elif isinstance(shown, dict):
        assert isinstance(real, dict) and list(shown) == list(real), f"{where}: keys {list(shown)} != {list(real)}"
        for key in shown:
            shown_in(shown[key], real[key], f"{where}.{key}")
    elif isinstance(shown, list):
        assert isinstance(real, list), where
        _list_shown_in(shown, real, where)
    else:
        assert type(shown) is type(real) and shown == real, f"{where}: {shown!r} != {real!r}"


def _list_shown_in(shown: list, real: list, where: str) -> None:
    if GAP not in shown:
        assert len(shown) == len(real), f"{where}: {len(shown)} items shown, {len(real)} written"
    pos = 0
    for n, item in enumerate(shown):
        if item == GAP:
            continue
        gap_before = n > 0 and shown[n - 1] == GAP
        candidates = range(pos, len(real)) if gap_before else range(pos, min(pos + 1, len(real)))
        pos = next((i + 1 for i in candidates if _matches(item, real[i], f"{where}[{i}]")), None)
        assert pos is not None, f"{where}: {json.dumps(item, ensure_ascii=False)[:120]} is not written (here)"
    assert (shown and shown[-1] == GAP) or pos == len(real), f"{where}: more items written than shown"


def _matches(shown, real, where: str) -> bool:
    try:
        shown_in(shown, real, where)
    except AssertionError:
        return False
    return True


def lines_shown_in(shown: list[str], real: list[str]) -> None:
    """The shown lines are real lines in order; ``...`` skips lines, anything else is contiguous."""
    pos, gap = 0, False
    for line in shown:
        if line.strip() == "...":
            gap = True
            continue
        assert line in real[pos:], f"{line!r} is not in the output (here)"
        found = real.index(line, pos)
        assert gap or found == pos, f"{line!r} is not the next line of the output ({real[pos]!r} is)"
        pos, gap = found + 1, False
    assert gap or pos == len(real), "the output has more lines than shown"


@pytest.fixture(scope="module")
def written(ex, tmp_path_factory) -> list[dict]:
    """The records of ``extractor extract samples/ -o out.jsonl`` run from the project folder."""
    out = tmp_path_factory.mktemp("readme") / "out.jsonl"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        run(BatchOptions(inputs=("samples/",), output=str(out), progress=False), extractor=ex)
    return load_jsonl(str(out))


def record_excerpts() -> list[tuple[str, str]]:
    return [(page, b) for page in PAGES for b in blocks(page) if b.startswith('{"schema_version"')]


def evaluate_examples() -> list[tuple[str, str]]:
    return [(page, b) for page in PAGES for b in blocks(page) if b.startswith("$ ") and "extractor evaluate" in b]


def test_the_pages_hold_excerpts_and_examples():
    assert {p for p, _ in record_excerpts()} == {"README.md", "docs/record-format.md"}
    assert {p for p, _ in evaluate_examples()} == {"README.md", "docs/gold-format.md"}


@pytest.mark.parametrize("page,block", record_excerpts(), ids=lambda x: x if x in PAGES else "")
def test_record_excerpt_is_what_samples_give(written, page, block):
    shown = parse_excerpt(block)
    real = {r["id"]: r for r in written}
    assert shown["id"] in real, f"{page}: no sample article {shown['id']!r}"
    shown_in(shown, real[shown["id"]], f"{page} {shown['id']}")


@pytest.mark.parametrize("page,block", evaluate_examples(), ids=lambda x: x if x in PAGES else "")
def test_evaluate_example_is_what_samples_give(written, page, block):
    command, *shown = block.rstrip("\n").split("\n")
    gold = re.search(r"extractor evaluate (\S+)", command)[1]
    table = score(load_jsonl(str(ROOT / gold)), written).table().split("\n")
    lines_shown_in(shown, table)


FACT_ROW = re.compile(r"^\| `(\w+)` \|", re.M)


@pytest.mark.parametrize("page,heading", [("README.md", "Fact types ("), ("docs/record-format.md", "### Facts")])
def test_the_fact_type_tables_list_every_fact_type(page, heading):
    """Each page's fact-type table has a row per registered fact type, in registry order."""
    from extractor.facts import SPECS

    text = (ROOT / page).read_text(encoding="utf-8")
    table = text[text.index(heading):].split("\n\n|", 1)[1].split("\n\n", 1)[0]
    rows = table.split("\n", 2)[2]  # below the header and the |---| line
    assert FACT_ROW.findall(rows) == [spec.kind for spec in SPECS]


def test_a_stale_excerpt_fails():
    real = {"id": "E1", "names": ["a", "b", "c"], "value": 86, "evidence": {"start": 1}}
    shown_in(parse_excerpt('{"id": "E1", "names": ["a", ..., "c"], "value": 86, "evidence": {...}}'), real)
    for stale in ['{"id": "E1", "names": ["a", ..., "c"], "value": 86.5, "evidence": {...}}',  # another value
                  '{"id": "E1", "names": ["a", "c"], "value": 86, "evidence": {...}}',  # an item dropped silently
                  '{"id": "E1", "names": ["c", ..., "a"], "value": 86, "evidence": {...}}',  # order
                  '{"id": "E1", "names": [...], "evidence": {...}}',  # a key left out
                  '{"names": [...], "id": "E1", "value": 86, "evidence": {...}}']:  # key order
        with pytest.raises(AssertionError):
            shown_in(parse_excerpt(stale), real)
    lines_shown_in(["a", "...", "d"], ["a", "b", "c", "d"])
    for stale in [["a", "c"], ["a", "...", "e"], ["a", "b"]]:
        with pytest.raises(AssertionError):
            lines_shown_in(stale, ["a", "b", "c", "d"])
