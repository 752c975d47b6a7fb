"""Rules over the NER mentions, driven by the data files in ``lang/id/``.

The statistical model finds most names; these rules fix what it reliably gets wrong on news:
- a mention that opens with an organisation head (``Polres``, ``Kementerian``, ``Fraksi``) is an
  ORG, one that opens with a place head (``Kabupaten``, ``Jalan``, ``Gedung``) is a LOC;
- a known place (``places.txt``) or agency short form (``agencies.txt``) is typed accordingly,
  and found where the model missed it;
- government units built as head + name (``Pemkab Bogor``, ``Kanwil Kemenkumham Jatim``) are
  one maximal ORG mention;
- an organisation name cut at ``dan`` is joined (``Kementerian Pendidikan Dasar`` + ``dan Menengah``);
- a short form in brackets is split off: a nickname (``Saifullah Yusuf (Gus Ipul)``), an acronym
  (``Komisi Pemilihan Umum ( KPU )`` -> ``Komisi Pemilihan Umum``, ``KPU``);
- programme, law and document acronyms (``RPJMD``, ``KUHP``; ``not_entities.txt``) are dropped;
- ranks are kept out of names (``AKBP Fajar Lukman`` -> PER ``Fajar Lukman``); lone titles,
  ranks, function words and lower-case verb-like words are dropped;
- cue words decide a type (``name_cues.txt``): the name after ``dilansir``/``dikutip dari`` is the
  outlet (ORG), the one after ``", ucap`` (``speech_verbs.txt``, kind ``speaker``) the speaker
  (PER, where the model found nothing);
- no name runs across a line break (``Sjafrie`` at a paragraph's end, ``Pameran`` opening the next);
- a name that fills single quotes is a work title, not an entity (``film ' Ice Princess '``).

Each correction is a named rule ``rule(text, mentions, ctx) -> mentions``; ``RULES`` (in
``rules.py``) runs them in order. The rules live with their helpers: ``splits`` (each mention on
its own), ``titles`` (titles and the names after them), ``units`` (head + name), ``cues`` (names
after cue words), ``known`` (known and DBpedia names); ``resources`` holds the word lists and
patterns, ``base`` the ``RuleContext`` they share.

>>> from extractor.nlp.doc import Mention
>>> text = "Kapolres tiba di Polres Ponorogo dari Seychelles."
>>> [(m.text, m.label) for m in apply_rules(text, [Mention(24, 32, "LOC", "Ponorogo"), Mention(38, 48, "PER", "Seychelles")])]
[('Polres Ponorogo', 'ORG'), ('Seychelles', 'LOC')]
"""
from .base import Rule, RuleContext
from .known import known_names
from .resources import MentionResources, agency_aliases, resources
from .rules import RULES, apply_rules
from .splits import VERB_LIKE
from .titles import MAX_TITLE_WORDS

__all__ = ["MAX_TITLE_WORDS", "RULES", "VERB_LIKE", "MentionResources", "Rule", "RuleContext", "agency_aliases",
           "apply_rules", "known_names", "resources"]
