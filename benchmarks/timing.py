"""Shared helpers for the benchmark scripts: the default inputs, a median timer, whole-process
runs with their peak memory, and a per-stage clock for one extraction run."""
from __future__ import annotations

import gzip
import os
import resource
import statistics
import subprocess
import time
from collections import defaultdict
from contextlib import ExitStack, contextmanager
from itertools import islice
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
RAW_NEWS = ROOT.parent / "shared" / "data" / "raw_news" / "raw_news.jsonl.gz"


def default_inputs() -> list[Path]:
    """``samples/*.jsonl`` (gold files skipped) plus ``../shared/eval/dev.input.jsonl`` when present."""
    files = [p for p in sorted((ROOT / "samples").glob("*.jsonl")) if not p.name.endswith(".gold.jsonl")]
    dev = ROOT.parent / "shared" / "eval" / "dev.input.jsonl"
    return files + ([dev] if dev.exists() else [])


def median_time(fn, runs: int) -> float:
    """Median wall-clock seconds of ``runs`` calls of ``fn``."""
    times = []
    for _ in range(max(1, runs)):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def peak_rss_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def every_nth_line(path: Path, n: int, step: int) -> list[str]:
    """Lines 1, 1 + ``step``, 1 + 2 ``step``, ... of a (gzipped) JSON Lines file, ``n`` of them at
    most: a fixed selection spread over the whole file."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [line if line.endswith("\n") else line + "\n" for line in islice(fh, 0, None, step)][:n]


def run_process(cmd: list[str], env: dict | None = None, cwd: Path = ROOT) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of a command run to its end; the RSS is that of the largest
    process of its tree (the kernel's maximum over the process and the children it waited for).
    Raises ``RuntimeError`` with the command's stderr when it fails."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
    if proc.returncode:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited with {proc.returncode}: {stderr.decode(errors='replace')}")
    return seconds, usage.ru_maxrss / 1024


class StageClock:
    """Exclusive wall time per stage: a timed call (or generator step) inside another timed one is
    taken out of the outer stage, so the stages add up to the time they cover."""

    def __init__(self):
        self.seconds: dict[str, float] = defaultdict(float)
        self._stack: list[float] = []
        self._instrumented: list = []

    def _time(self, stage: str, fn, *args, **kwargs):
        self._stack.append(0.0)
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            elapsed = time.perf_counter() - t0
            inner = self._stack.pop()
            self.seconds[stage] += elapsed - inner
            if self._stack:
                self._stack[-1] += elapsed

    def timed(self, stage: str, fn):
        """``fn`` with its calls counted to ``stage``."""
        def wrapper(*args, **kwargs):
            return self._time(stage, fn, *args, **kwargs)
        return wrapper

    def timed_iter(self, stage: str, fn):
        """The generator function ``fn`` with the work of each of its steps counted to ``stage``."""
        def wrapper(*args, **kwargs):
            it = iter(fn(*args, **kwargs))
            while True:
                try:
                    item = self._time(stage, next, it)
                except StopIteration:
                    return
                yield item
        return wrapper

    def instrument_pipeline(self, nlp) -> None:
        """Count each component of a loaded spaCy pipeline to ``NER model: <component>`` (until
        ``restore``): each is replaced by a stand-in whose ``pipe`` is timed."""
        for i, (name, proc) in enumerate(nlp._components):
            pipe = proc.pipe if hasattr(proc, "pipe") else (lambda docs, proc=proc, **_: map(proc, docs))
            nlp._components[i] = (name, _TimedComponent(proc, self.timed_iter(f"NER model: {name}", pipe)))
            self._instrumented.append((nlp, i, name, proc))

    def restore(self) -> None:
        """Put back the pipeline components instrumented so far."""
        for nlp, i, name, proc in self._instrumented:
            nlp._components[i] = (name, proc)
        self._instrumented.clear()


class _TimedComponent:
    """A pipeline component whose ``pipe`` is timed; everything else is the component's own."""

    def __init__(self, proc, pipe):
        self._proc, self.pipe = proc, pipe

    def __call__(self, doc, **kwargs):
        return self._proc(doc, **kwargs)

    def __getattr__(self, name):
        return getattr(self._proc, name)


@contextmanager
def stage_clock(ex=None):
    """A ``StageClock`` over every stage of extraction with the spaCy backend while the block runs:
    model load (and the lazy load of the caseless companion), reading, tokenizer, each NER
    component, building the document, publication date, metadata, word index, mention rules,
    entity resolution, each fact extractor and writing (records to JSON). ``ex``: a pipeline
    loaded before, whose components are timed too. What no stage covers is glue code.
    """
    import extractor
    from extractor import batch, pipeline
    from extractor.facts import base
    from extractor import meta
    from extractor.nlp import spacy_backend

    clock = StageClock()
    original_facts = base.Context.facts

    def facts(ctx, kind, extract, doc):
        if kind in ctx.found:
            return original_facts(ctx, kind, extract, doc)
        return clock._time(f"fact: {kind}", original_facts, ctx, kind, extract, doc)

    original_load = spacy_backend.load_ner_pipeline

    def load_ner_pipeline(*args, **kwargs):
        nlp = clock._time("model load", original_load, *args, **kwargs)
        clock.instrument_pipeline(nlp)
        return nlp

    with ExitStack() as patches:
        patches.callback(clock.restore)
        for target, name, stage in ((extractor, "load", "model load"),
                                    (spacy_backend, "assemble", "document (offsets, sentences)"),
                                    (spacy_backend, "lacks_case", "case check"),
                                    (pipeline, "parse_published", "publication date"),
                                    (pipeline, "language_warning", "language check"),
                                    (meta, "extract", "metadata"),
                                    (pipeline, "WordIndex", "word index"),
                                    (pipeline, "apply_rules", "mention rules"),
                                    (pipeline, "resolve", "entity resolution"),
                                    (batch, "dumps", "writing (records to JSON)")):
            patches.enter_context(mock.patch.object(target, name, clock.timed(stage, getattr(target, name))))
        patches.enter_context(mock.patch.object(batch, "read_path", clock.timed_iter("reading", batch.read_path)))
        patches.enter_context(mock.patch.object(spacy_backend, "load_ner_pipeline", load_ner_pipeline))
        patches.enter_context(mock.patch.object(base.Context, "facts", facts))
        patches.enter_context(mock.patch.object(spacy_backend.NerPipeline, "make_doc",
                                                clock.timed("tokenizer", spacy_backend.NerPipeline.make_doc)))
        if ex is not None:
            clock.instrument_pipeline(ex.backend.ner.cased)
            if ex.backend.ner._caseless is not None:
                clock.instrument_pipeline(ex.backend.ner._caseless)
        yield clock
