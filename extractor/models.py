"""Where the shipped models live: ``models/<name>`` next to the package (installed or checkout)."""
from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def model_path(name: str, marker: str) -> Path:
    """The folder ``models/<name>`` that holds ``marker``, or FileNotFoundError naming the rebuild.

    >>> model_path("id_news_ner", "meta.json").name
    'id_news_ner'
    """
    for candidate in (PACKAGE_DIR / "models" / name, PACKAGE_DIR.parent / "models" / name):
        if (candidate / marker).exists():
            return candidate
    raise FileNotFoundError(
        f"the model models/{name} ({marker}) was not found next to the package; rebuild it with the "
        f"command in its MODEL_CARD.md (training/ in the source checkout)")
