"""Batch runs over archives: streaming, parallel, resumable, every article accounted for.

``run(BatchOptions(...))`` reads the inputs lazily, extracts in chunks of ``batch_size``
articles (in ``jobs`` worker processes, each loading the model once), and writes one line per
input article in input order, a chunk at a time, flushed, into ``<output>.partial``, which
replaces the output when the run is whole. A run killed at any moment leaves the old output as
it was and whole lines plus at most one partial line in the ``.partial`` file; ``resume=True``
drops that partial line, skips the ids already written and appends the rest, so a
killed-and-resumed run ends with exactly one line per article. Failures become error records
(also written to ``errors`` when given).

    from extractor.batch import BatchOptions, run
    summary = run(BatchOptions(inputs=["archive.jsonl.gz"], output="out.jsonl", jobs=2, resume=True))
"""
from __future__ import annotations

import json
import multiprocessing
import os
import sys
import threading
import time
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterable, Iterator, Optional

from . import LoadOptions
from .io.readers import Fields, InputError, Item, UsageError, check_inputs, count_items, expand, read_path
from .io.writers import check_writable, dumps, output_lock
from .nlp.spacy_backend import chunks
from .progress import Progress


class WorkerDied(RuntimeError):
    """A worker process ended without a result (killed, out of memory); the output so far is whole."""


@dataclass(frozen=True)
class BatchOptions:
    """What to read, where to write and how: the options of ``extractor extract``."""

    inputs: tuple[str, ...]
    output: Optional[str] = None  # None: stdout
    errors: Optional[str] = None  # error records also written here
    jobs: int = 1
    batch_size: int = 32
    resume: bool = False
    fail_fast: bool = False
    progress: Optional[bool] = None  # None: when stderr is a terminal
    quiet: bool = False  # nothing on stderr: no progress, no notice of a bad line or an empty file
    published: Optional[str] = None
    fields: Fields = field(default_factory=Fields)
    date_order: str = "DMY"
    model_dir: Optional[str] = None
    backend: str = "spacy"
    stanza_dir: Optional[str] = None
    analysis: bool = False
    include_text: bool = False

    @property
    def outputs(self) -> list[str]:
        """The files the run writes (``output``, ``errors``), those that are given."""
        return [o for o in (self.output, self.errors) if o]

    @property
    def load_options(self) -> LoadOptions:
        return LoadOptions(backend=self.backend, model_dir=self.model_dir, stanza_dir=self.stanza_dir,
                           batch_size=self.batch_size, analysis=self.analysis, include_text=self.include_text)


@dataclass
class BatchSummary:
    """What a run did; ``failed`` is true when any article got an error record."""

    articles: int = 0
    records: int = 0
    errors: int = 0
    skipped: int = 0  # already in the output (resume)
    unreadable: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)  # input files that hold no article
    seconds: float = 0.0
    stopped: bool = False  # fail-fast stopped the run

    @property
    def failed(self) -> bool:
        return self.errors > 0 or bool(self.unreadable)

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        text = (f"{self.articles} articles, {self.records} records, {self.errors} error records, "
                f"{self.seconds:.1f} s ({rate:.1f} articles/s)")
        if self.skipped:
            text += f"; {self.skipped} already in the output, skipped"
        if self.empty:
            text += f"; no articles in: {', '.join(self.empty)}"
        if self.stopped:
            text += "; stopped at the first failure (--fail-fast)"
        return text


# --------------------------------------------------------------------------- resume


def finished_ids(path: str) -> Counter:
    """How often each id occurs in an output file, after cutting off a partial last line
    (what a killed run leaves). Read as a stream: the file may hold millions of records."""
    done: Counter = Counter()
    if not os.path.exists(path):
        return done
    _cut_partial_line(path)
    with open(path, "rb") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                done[str(json.loads(line)["id"])] += 1
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path} line {lineno}: not a record line, cannot resume from it ({exc})") from exc
    return done


def _cut_partial_line(path: str, block: int = 1 << 16) -> None:
    """Truncate the file after its last newline (nothing happens when it ends with one)."""
    with open(path, "rb+") as fh:
        size = fh.seek(0, os.SEEK_END)
        pos = size
        while pos > 0:
            start = max(0, pos - block)
            fh.seek(start)
            data = fh.read(pos - start)
            nl = data.rfind(b"\n")
            if nl >= 0:
                if start + nl + 1 < size:
                    fh.truncate(start + nl + 1)
                return
            pos = start
        fh.truncate(0)  # no newline at all: one partial line


def _not_done(items: Iterable[Item], done: Counter, summary: BatchSummary) -> Iterator[Item]:
    for item in items:
        if done[item.id] > 0:
            done[item.id] -= 1
            summary.skipped += 1
            continue
        yield item


# --------------------------------------------------------------------------- workers

_WORKER_EXTRACTOR = None  # one loaded pipeline per worker process, set by _init_worker


PARENT_CHECK_SECONDS = 1.0
# Chunks in flight per worker. Records are written in input order, so while one worker is slow
# on a chunk (a long page, or the caseless model it loads at its first text without capitals)
# the others go on only as far as this allows: 2 left them idle for seconds on real
# articles (benchmarks/real_articles.py). A chunk is batch_size articles, read and extracted.
CHUNKS_PER_WORKER = 4


def _exit_with_parent(parent: int) -> None:
    """End this worker when the run that started it is gone (killed with SIGKILL, or by the OOM
    killer): a worker whose parent died would otherwise wait for work forever, holding its model."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _init_worker(options: LoadOptions) -> None:
    """A spawned worker: loads its own pipeline."""
    _init_forked_worker(options.load())


def _init_forked_worker(extractor) -> None:
    """A forked worker: uses the pipeline its parent loaded (shared pages, no load of its own)."""
    global _WORKER_EXTRACTOR
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True, name="parent-watch").start()
    _WORKER_EXTRACTOR = extractor


# extracted once before workers are forked, so that the word lists, names and patterns every
# article needs are loaded in the parent and shared, not loaded again by each worker
WARM_UP_TEXT = "JAKARTA - Menteri Keuangan Sri Mulyani hadir pada Rabu (9/10) dan menyebut angka Rp1,5 triliun."


def _single_threaded() -> bool:
    """Whether this process runs one thread only (OS threads too, where /proc tells): only such a
    process is forked."""
    tasks = "/proc/self/task"
    return threading.active_count() == 1 and (not os.path.isdir(tasks) or len(os.listdir(tasks)) == 1)


def _worker_pool(opts: BatchOptions) -> ProcessPoolExecutor:
    """``opts.jobs`` worker processes. Where the platform forks and the loaded pipeline started no
    thread, it is loaded once here and the workers are forked from it (each saves the load, about
    3 s of CPU, and shares the model's memory); else each spawned worker loads its own."""
    if "fork" in multiprocessing.get_all_start_methods():
        loaded = opts.load_options.load()
        loaded.extract(WARM_UP_TEXT)
        if _single_threaded():
            sys.stdout.flush()
            sys.stderr.flush()  # nothing buffered is copied into the workers
            return ProcessPoolExecutor(max_workers=opts.jobs, mp_context=multiprocessing.get_context("fork"),
                                       initializer=_init_forked_worker, initargs=(loaded,))
        del loaded
    return ProcessPoolExecutor(max_workers=opts.jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(opts.load_options,))


def _extract_chunk(chunk: list, extractor=None) -> list[tuple[str, bool]]:
    """(JSON line, is an error record) for every item of a chunk, in order."""
    ex = extractor or _WORKER_EXTRACTOR
    return [(dumps(rec), hasattr(rec, "error")) for rec in ex.extract_many(chunk)]


def _results_in_order(chunks: Iterator[list], opts: BatchOptions, extractor=None) -> Iterator[list[tuple[str, bool]]]:
    """Extracted chunks in input order; at most ``CHUNKS_PER_WORKER`` chunks per worker in flight
    (bounded memory)."""
    if opts.jobs <= 1:
        ex = extractor or opts.load_options.load()
        for chunk in chunks:
            yield _extract_chunk(chunk, ex)
        return
    with _worker_pool(opts) as pool:
        pending: deque = deque()
        try:
            for chunk in chunks:
                pending.append(pool.submit(_extract_chunk, chunk))
                if len(pending) >= CHUNKS_PER_WORKER * opts.jobs:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool as exc:
            raise WorkerDied("a worker process died (out of memory, or killed); everything before it is "
                             "written: run again with --resume to go on") from exc
        finally:
            for f in pending:
                f.cancel()


# --------------------------------------------------------------------------- the run


PARTIAL_SUFFIX = ".partial"


def _write_path(target: str, resume: bool) -> str:
    """Where a run writes ``target``: ``target.partial``, renamed to ``target`` when the run is
    whole, so an existing output is only ever replaced by a complete one. With ``resume``, an
    unfinished ``.partial`` is continued; without one, an existing ``target`` is appended to."""
    partial = target + PARTIAL_SUFFIX
    if resume and os.path.exists(target) and not os.path.exists(partial):
        return target
    return partial


def check_paths(opts: BatchOptions) -> None:
    """UsageError naming the path, before any file is opened or a model loaded: an input that
    does not exist or is no input, an output that is also an input or cannot be written."""
    if len(opts.outputs) == 2 and Path(opts.output).resolve() == Path(opts.errors).resolve():
        raise UsageError("--errors must be another file than --output")
    check_inputs(opts.inputs, opts.outputs)
    for path, option in ((opts.output, "--output"), (opts.errors, "--errors")):
        if path:
            check_writable(path, option)


def run(opts: BatchOptions, stdout: IO[str] = None, extractor=None) -> BatchSummary:
    """Extract every input article to ``opts.output`` (JSON Lines); see the module docstring.
    ``extractor``: an already loaded pipeline to use when ``jobs`` is 1. Raises UsageError
    (``check_paths``) or what loading would raise for a missing model or extra before anything
    is opened."""
    check_paths(opts)
    opts.load_options.check()
    if not opts.output:
        return _run(opts, stdout, extractor)
    with output_lock(opts.output):  # one run per output file
        return _run(opts, stdout, extractor)


def _read_all(opts: BatchOptions, outputs: list[str], summary: BatchSummary, progress: Progress) -> Iterator[Item]:
    """Every input item in order; a notice on stderr for each input error and each file without
    articles, which the summary also counts."""
    for path in expand(opts.inputs, outputs):
        found = 0
        for item in read_path(path, opts.published, fields=opts.fields, date_order=opts.date_order):
            found += 1
            if isinstance(item, InputError):
                progress.message(f"extractor: {item.message}")
                if item.type == "UnreadableFile":
                    summary.unreadable.append(item.path)
            yield item
        if not found:
            summary.empty.append("<stdin>" if path == "-" else path)
            progress.message(f"extractor: {summary.empty[-1]}: no articles")


def _run(opts: BatchOptions, stdout: Optional[IO[str]], extractor) -> BatchSummary:
    writing = {t: _write_path(t, opts.resume) for t in opts.outputs}
    outputs = opts.outputs + list(writing.values())
    summary = BatchSummary()
    done = finished_ids(writing[opts.output]) if opts.resume and opts.output else Counter()
    if opts.resume and opts.errors and os.path.exists(writing[opts.errors]):
        _cut_partial_line(writing[opts.errors])  # the main output decides what is done
    show = not opts.quiet and (opts.progress if opts.progress is not None else sys.stderr.isatty())
    total = count_items(opts.inputs, outputs) if show else None
    progress = Progress(total=None if total is None else max(0, total - sum(done.values())), enabled=show,
                        quiet=opts.quiet)
    mode = "a" if opts.resume else "w"
    out = open(writing[opts.output], mode, encoding="utf-8") if opts.output else (stdout or sys.stdout)
    err_out = open(writing[opts.errors], mode, encoding="utf-8") if opts.errors else None
    t0 = time.perf_counter()
    if extractor is None:
        progress.status("loading models...")  # the first records come after the load
    try:
        items = _read_all(opts, outputs, summary, progress)
        for lines in _results_in_order(chunks(_not_done(items, done, summary), opts.batch_size), opts, extractor):
            if opts.fail_fast and any(is_error for _, is_error in lines):
                lines = lines[:next(i for i, (_, is_error) in enumerate(lines) if is_error) + 1]
                summary.stopped = True
            out.write("".join(line + "\n" for line, _ in lines))
            out.flush()
            errors = [line for line, is_error in lines if is_error]
            if err_out and errors:
                err_out.write("".join(line + "\n" for line in errors))
                err_out.flush()
            summary.articles += len(lines)
            summary.errors += len(errors)
            summary.records += len(lines) - len(errors)
            progress.update(summary.articles, summary.errors)
            if summary.stopped:
                break
    finally:
        summary.seconds = time.perf_counter() - t0
        progress.close()
        if opts.output:
            out.close()
        if err_out:
            err_out.close()
    for target, path in writing.items():  # the run is whole: its files replace the old ones at once
        if path != target:
            os.replace(path, target)
    return summary
