"""Registers the project's spaCy components and architectures for ``spacy train --code`` (``train_ner.py`` passes it)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import extractor.nlp.encoders  # noqa: E402,F401
import extractor.nlp.name_features  # noqa: E402,F401
