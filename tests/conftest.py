"""Shared fixtures: the pipeline is loaded once per test session; dates are fixed."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS = Path(__file__).resolve().parent / "corpus"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def ex():
    import extractor

    return extractor.load()


@pytest.fixture(scope="session")
def sample_records(ex):
    """Records of every sample article, by id (extracted once)."""
    from extractor.io.readers import read_inputs

    return {r.id: r.to_dict() for r in ex.extract_many(read_inputs([str(SAMPLES)]))}
