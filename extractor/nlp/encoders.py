"""Context encoders for the project's spaCy tok2vec, registered for configs and ``spacy.load``.

``extractor.MaxoutWindowBiLSTMEncoder.v1``: spaCy's convolutional encoder (each word sees
``depth * window_size`` words either side), then a bidirectional LSTM over the whole sentence
added back to it (residual), so that ``Kepala Dinas ... Kabupaten Bantul`` is read as one stretch
however long it is. The LSTM is thinc's own (NumPy), so no torch is needed.
"""
from __future__ import annotations

from spacy.ml.models.tok2vec import MaxoutWindowEncoder
from spacy.util import registry
from thinc.api import LSTM, Model, chain, residual, with_padded

ARCHITECTURE = "extractor.MaxoutWindowBiLSTMEncoder.v1"


@registry.architectures(ARCHITECTURE)
def maxout_window_bilstm_encoder(width: int, depth: int, window_size: int, maxout_pieces: int,
                                 lstm_depth: int = 1) -> Model:
    """The encoder; ``width`` must be even (each direction of the LSTM has ``width / 2`` units).
    The LSTM's weight dropout is spaCy's ``training.dropout`` (set on every layer that has one)."""
    if width % 2:
        raise ValueError(f"{ARCHITECTURE}: width must be even, got {width}")
    cnn = MaxoutWindowEncoder(width=width, depth=depth, window_size=window_size, maxout_pieces=maxout_pieces)
    lstm = with_padded(LSTM(nO=width, nI=width, bi=True, depth=lstm_depth))
    model = chain(cnn, residual(lstm))
    model.set_dim("nO", width)
    return model
