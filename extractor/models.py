"""Where the models live: the package's own copy, or the folder named by ``EXTRACTOR_MODELS``.

The top-level ``models/`` folder of the source tree is the one source of truth; the package
reaches it through ``extractor/shipped_models`` (a symbolic link in the checkout, a real folder
in an installed wheel), so ``pip install .``, a wheel and an editable install all carry it.
A whole other model set (retrained models, say) is chosen with ``EXTRACTOR_MODELS=/path/to/models``;
``--model`` / ``load(model_dir=...)`` still picks the NER pipeline alone.
"""
from __future__ import annotations

import os
from pathlib import Path

SHIPPED_MODELS = Path(__file__).resolve().parent / "shipped_models"
MODELS_ENV = "EXTRACTOR_MODELS"
# the folders every spaCy-backend run reads, each with a file that shows it is complete
REQUIRED = {"id_news_ner": "meta.json", "id_lexicon": "common_words.txt", "id_gazetteer": "names.tsv"}


def models_dir() -> Path:
    """The model folder set: ``$EXTRACTOR_MODELS`` when set, else the models shipped with the package."""
    chosen = os.environ.get(MODELS_ENV)
    return Path(chosen) if chosen else SHIPPED_MODELS


def model_path(name: str, marker: str) -> Path:
    """The folder ``<models>/<name>`` that holds ``marker``, or FileNotFoundError saying what to do.

    >>> model_path("id_news_ner", "meta.json").name
    'id_news_ner'
    """
    folder = models_dir() / name
    if (folder / marker).exists():
        return folder
    if os.environ.get(MODELS_ENV):
        raise FileNotFoundError(
            f"{MODELS_ENV}={os.environ[MODELS_ENV]}: no {name}/{marker} there; the folder must hold "
            f"{', '.join(REQUIRED)} (and id_stanza for the stanza backend), as models/ of the source tree does")
    raise FileNotFoundError(
        f"the model {name} ({marker}) is missing from {SHIPPED_MODELS}: reinstall the package, or set "
        f"{MODELS_ENV} to a folder of models (the rebuild commands are in each models/*/MODEL_CARD.md)")


def require_models() -> None:
    """Raise what the first article would raise for a missing model, before any slow work."""
    for name, marker in REQUIRED.items():
        model_path(name, marker)


def model_fingerprint(model_dir: Path) -> str:
    """Which NER model made a record: the folder's name and a hash of its meta and NER weights
    (`id_news_ner@3f9c2a1b`), so that a retrained model is told apart from the one before (the
    NER layer is retrained with the rest; the 36 MB of tok2vec weights are not read again)."""
    import hashlib

    digest = hashlib.blake2b(digest_size=4)
    for part in ("meta.json", "ner/model"):
        path = Path(model_dir) / part
        if path.is_file():
            digest.update(path.read_bytes())
    return f"{Path(model_dir).name}@{digest.hexdigest()}"
