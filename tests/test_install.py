"""The package as users install it: a built wheel carries every model and runs from anywhere;
``EXTRACTOR_MODELS`` chooses another model set; a terminal sees the models load."""
from __future__ import annotations

import importlib.metadata
import json
import os
import pty
import select
import shutil
import subprocess
import sys
import venv
from pathlib import Path

from extractor import DISTRIBUTION
from extractor.models import MODELS_ENV, REQUIRED, SHIPPED_MODELS

from .conftest import ROOT, SAMPLES


def _records(path: Path) -> dict[str, dict]:
    """Records by id, without ``source.path`` (it names the input as the run was given it)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        rec.pop("source")
        out[rec["id"]] = rec
    return out


def _sample_inputs(where: Path) -> Path:
    folder = where / "articles"
    folder.mkdir()
    for f in SAMPLES.glob("*.jsonl"):
        if not f.name.endswith(".gold.jsonl"):
            shutil.copy(f, folder / f.name)
    return folder


def test_wheel_carries_the_models_and_runs_outside_the_checkout(tmp_path, ex):
    """``pip wheel .``, installed into a new virtual environment, extracts from a folder that is
    not the checkout, with no model path given: the records are those of the checkout.
    (The environment sees this Python's packages for spaCy and the rest, so nothing is downloaded;
    the package itself comes from the wheel, as the test checks.)"""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(wheels)],
                   check=True, cwd=tmp_path)
    (wheel,) = wheels.glob("*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q", str(wheel)],
                   check=True, cwd=tmp_path)
    work = tmp_path / "elsewhere"
    work.mkdir()
    inputs = _sample_inputs(work)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", MODELS_ENV)}
    where = subprocess.run([str(python), "-c", "import extractor, extractor.models as m; "
                            "print(extractor.__file__); print(m.SHIPPED_MODELS.is_symlink())"],
                           cwd=work, env=env, capture_output=True, text=True, check=True).stdout.split()
    assert Path(where[0]).is_relative_to(env_dir) and where[1] == "False"  # the wheel's copy, real folders
    shown = subprocess.run([str(env_dir / "bin" / "extractor"), "--version"], cwd=work, env=env,
                           capture_output=True, text=True, check=True).stdout
    assert shown == f"{DISTRIBUTION} {importlib.metadata.version(DISTRIBUTION)}\n"
    done = subprocess.run([str(env_dir / "bin" / "extractor"), "extract", "articles", "-o", "out.jsonl", "-q"],
                          cwd=work, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    from extractor.io.readers import read_inputs

    expected = {r.id: r.to_dict() for r in ex.extract_many(read_inputs([str(inputs)]))}
    for rec in expected.values():
        rec.pop("source")
    assert _records(work / "out.jsonl") == expected


def _model_set(where: Path, names) -> Path:
    where.mkdir()
    for name in names:
        (where / name).symlink_to(SHIPPED_MODELS / name)
    return where


def test_an_incomplete_model_set_is_named_before_the_output_is_touched(tmp_path):
    models = _model_set(tmp_path / "models", [n for n in REQUIRED if n != "id_lexicon"])
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "kept"}\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "extractor", "extract", str(SAMPLES), "-o", str(out)],
                          cwd=ROOT, env={**os.environ, MODELS_ENV: str(models)}, capture_output=True, text=True)
    assert done.returncode == 2
    assert MODELS_ENV in done.stderr and "id_lexicon" in done.stderr
    assert out.read_text(encoding="utf-8") == '{"id": "kept"}\n'


def _run_on_terminal(cmd: list[str], env: dict, cwd: Path) -> tuple[int, str]:
    """Exit status and everything written to the terminal (stdout and stderr) by ``cmd``."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower)
    os.close(follower)
    seen = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            proc.kill()
            break
        try:
            data = os.read(leader, 4096)
        except OSError:  # the terminal closed: the process ended
            break
        if not data:
            break
        seen += data
    os.close(leader)
    return proc.wait(), seen.decode("utf-8", "replace")


def test_a_model_set_from_the_environment_and_loading_shown_on_a_terminal(tmp_path):
    models = _model_set(tmp_path / "models", REQUIRED)
    out = tmp_path / "out.jsonl"
    code, shown = _run_on_terminal([sys.executable, "-m", "extractor", "extract", str(SAMPLES), "-o", str(out)],
                                   {**os.environ, MODELS_ENV: str(models)}, ROOT)
    assert code == 0, shown
    assert "loading models..." in shown
    assert shown.index("loading models...") < shown.index("records")  # then the summary line
    assert len(_records(out)) == 6
