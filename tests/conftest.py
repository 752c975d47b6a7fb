"""Shared fixtures: the pipeline is loaded once per test session; dates are fixed."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor.nlp.spacy_backend import one_blas_thread

# one BLAS thread, set before anything imports numpy, as the command line has it when it loads the
# model: then the test process runs one thread, and runs with --jobs fork their workers as it does
one_blas_thread()

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS = Path(__file__).resolve().parent / "corpus"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def ex():
    import extractor

    return extractor.load()


def need_stanza() -> None:
    """Skip (with the install command) when the ``stanza`` extra is not installed; the README's
    test command installs it, so CI runs every stanza test."""
    import importlib.util

    if importlib.util.find_spec("stanza") is None or importlib.util.find_spec("torch") is None:
        pytest.skip("the stanza extra is not installed: pip install -e '.[test]'")


@pytest.fixture(scope="session")
def stanza_ex():
    """The stanza backend with the embedded models (models/id_stanza), loaded once."""
    need_stanza()
    import extractor

    return extractor.load(backend="stanza")


@pytest.fixture(scope="session", params=["spacy", "stanza"])
def sample_records(request):
    """Records of every sample article, by id (extracted once per backend): the record-level
    tests that use them run on both backends."""
    from extractor.io.readers import read_inputs

    ex = request.getfixturevalue("ex" if request.param == "spacy" else "stanza_ex")
    return {r.id: r.to_dict() for r in ex.extract_many(read_inputs([str(SAMPLES)]))}
