"""The BiLSTM context encoder: shapes, long-range context, and a spaCy pipeline that trains,
saves and loads with it."""
import numpy
import pytest
import spacy
from spacy.training import Example
from spacy.util import registry
from thinc.api import Adam, fix_random_seed

from extractor.nlp.encoders import ARCHITECTURE

ENCODER = registry.architectures.get(ARCHITECTURE)


def _encoder(width=8):
    fix_random_seed(0)  # the weights must not depend on what the tests before this one drew
    model = ENCODER(width=width, depth=1, window_size=1, maxout_pieces=2)
    model.initialize(X=[numpy.zeros((3, width), dtype="f")])
    return model


def test_one_vector_of_the_width_per_word():
    model = _encoder()
    out = model.predict([numpy.ones((5, 8), dtype="f"), numpy.ones((2, 8), dtype="f")])
    assert [o.shape for o in out] == [(5, 8), (2, 8)]


def test_a_word_far_away_changes_the_first_words_vector():
    """The window of the convolution is one word here; the LSTM carries the last word to the first."""
    model = _encoder()
    rng = numpy.random.default_rng(0)
    words = rng.normal(size=(12, 8)).astype("f")
    other = words.copy()
    other[-1] += 1.0
    first, second = model.predict([words, other])
    assert not numpy.allclose(first[0], second[0])


def test_an_odd_width_is_refused_with_the_architecture_named():
    with pytest.raises(ValueError, match=ARCHITECTURE):
        ENCODER(width=7, depth=1, window_size=1, maxout_pieces=2)


def test_a_pipeline_with_the_encoder_learns_and_round_trips(tmp_path):
    nlp = spacy.blank("id")
    nlp.add_pipe("ner", config={"model": {
        "@architectures": "spacy.TransitionBasedParser.v2", "state_type": "ner", "extra_state_tokens": False,
        "hidden_width": 16, "maxout_pieces": 2, "use_upper": True, "nO": None,
        "tok2vec": {"@architectures": "spacy.Tok2Vec.v2",
                    "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 16, "attrs": ["NORM", "SHAPE"],
                              "rows": [500, 50], "include_static_vectors": False},
                    "encode": {"@architectures": ARCHITECTURE, "width": 16, "depth": 1, "window_size": 1,
                               "maxout_pieces": 2}}}})
    text = "Bupati Bantul Abdul Halim Muslih meresmikan pasar"
    example = Example.from_dict(nlp.make_doc(text), {"entities": [(14, 32, "PER")]})
    nlp.initialize(lambda: [example])
    optimizer = Adam(0.01)
    for _ in range(40):
        nlp.update([example], sgd=optimizer, drop=0.0)
    assert [(e.text, e.label_) for e in nlp(text).ents] == [("Abdul Halim Muslih", "PER")]
    nlp.to_disk(tmp_path)
    loaded = spacy.load(tmp_path)
    assert [(e.text, e.label_) for e in loaded(text).ents] == [("Abdul Halim Muslih", "PER")]
