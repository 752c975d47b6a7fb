"""The language data files: every one listed in the manifest and checked at import, every name
the code loads is in it, and a bad file is named with its line."""
from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from extractor.lang import DATA_KINDS, LANG_DIR, MANIFEST, DataFileError, check_data, load_list, load_table

LOADERS = {"load_list": "list", "load_folded": "list", "load_table": "table"}
PACKAGE = Path(__file__).resolve().parent.parent / "extractor"


def loaded_names() -> set[tuple[str, str, str]]:
    """(name, kind, where) of every literal name the package's code loads a data file by."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in LOADERS and node.args
                    and isinstance(node.args[0], ast.Constant)):
                found.add((node.args[0].value, LOADERS[node.func.id], f"{path.name}:{node.lineno}"))
    return found


def test_every_name_the_code_loads_is_a_data_file_of_that_kind():
    names = loaded_names()
    assert len(names) > 40
    wrong = [(n, k, where) for n, k, where in names if DATA_KINDS.get(n) != k]
    assert not wrong, f"names not in {MANIFEST} as that kind: {wrong}"
    assert {n for n, _, _ in names} == set(DATA_KINDS)  # and every data file is used


def test_an_unknown_name_is_an_error_naming_it():
    with pytest.raises(DataFileError, match="no language list 'titel'"):
        load_list("titel")
    with pytest.raises(DataFileError, match="no language table 'titles'"):
        load_table("titles")  # a list, not a table


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "id"
    shutil.copytree(LANG_DIR, folder)
    return folder


def test_a_table_line_without_a_tab_is_named_with_its_file_and_line(tmp_path):
    folder = _copy(tmp_path)
    months = folder / "months.txt"
    lines = months.read_text(encoding="utf-8").splitlines()
    lines.append("Desember 12")  # a space, not a TAB
    months.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=rf"months.txt line {len(lines)}: 'Desember 12' has no TAB"):
        check_data(folder)


def test_a_file_missing_from_the_manifest_or_the_folder_is_named(tmp_path):
    folder = _copy(tmp_path)
    (folder / "new_words.txt").write_text("kata\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="new_words.txt: not in"):
        check_data(folder)
    (folder / "new_words.txt").unlink()
    (folder / "ranks.txt").unlink()
    with pytest.raises(DataFileError, match=r"manifest.tsv line \d+: ranks.txt is not in"):
        check_data(folder)


def test_the_shipped_data_passes_its_own_check():
    assert check_data() == DATA_KINDS and set(DATA_KINDS.values()) == {"list", "table"}


def test_the_speaker_cues_are_speech_verbs_not_name_cues():
    from extractor.lang.patterns import speaker_cues, speech_verbs

    assert set(speaker_cues()) < set(speech_verbs()) and "ucap" in speaker_cues()
    assert not set(load_table("name_cues")) & set(speech_verbs())  # said once, in speech_verbs.txt
