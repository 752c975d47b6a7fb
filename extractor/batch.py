"""Batch runs over archives: streaming, parallel, resumable, every article accounted for.

``run(BatchOptions(...))`` reads the inputs lazily, extracts in chunks of ``batch_size``
articles (in ``jobs`` worker processes, each loading the model once), and writes one line per
input article in input order, a chunk at a time, flushed, into ``<output>.partial`` (and the
error records into ``<errors>.partial``), which replace the outputs when the run is whole. A run
killed at any moment leaves the old outputs as they were and whole lines plus at most one partial
line in the ``.partial`` file. Failures become error records.

``resume=True`` makes the output true to the current input while redoing as little as it can.
Each record's ``source.fingerprint`` names the input it was made from (``readers.fingerprint``).
Two files may hold finished records: the output of an earlier run, and the ``.partial`` file of
a killed run (a first run or a resume), which is the same run's own work:

1. The ``.partial`` file, its partial last line cut, is read along with the input: its lines
   stay as long as each is the record of the input item at its place (same id and fingerprint),
   and the file is cut after them (at the first that is not: the input changed since the kill).
   The run appends to it from there, so a killed run goes on where it stopped, nothing redone
   and nothing copied.
2. The earlier output is indexed, not held: id -> (fingerprint, byte offset) of each record, the
   n-th occurrence of an id in the input matched with the n-th record of that id. Each further
   input item whose record has the same fingerprint gets that line copied (seek, read one line);
   the others are extracted: re-extracted when the fingerprint differs (or is null: an unreadable
   file's error record, a record of a version without fingerprints), new when there was no
   record. Records no input item matches are dropped.
3. The whole ``.partial`` replaces the output: one line per input article, in input order. The
   errors file is written anew along with it (the kept part's error records first), so it holds
   the error records of the current input only.

Error records are kept like records when their fingerprint is unchanged: an input error (bad
JSON, no text) comes back the same, and a stage that failed on an article fails the same way on
it again, so redoing it would spend the work for nothing; a run without ``resume`` retries all.
``BatchSummary`` counts the lines kept, re-extracted, dropped and new. Memory stays bounded: the
index holds an id, a fingerprint and an offset per earlier record (about 260 bytes), never the
records.

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
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import IO, Iterable, Iterator, NamedTuple, Optional, Union

from . import LoadOptions
from .article import InputError, Item
from .io.readers import Fields, UsageError, check_inputs, count_items, expand, fingerprint, read_path
from .io.writers import check_writable, dumps, output_lock
from .limits import ARTICLE_SECONDS
from .streams import batches
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
    resume: bool = False
    fail_fast: bool = False
    progress: Optional[bool] = None  # None: when stderr is a terminal
    quiet: bool = False  # nothing on stderr: no progress, no notice of a bad line or an empty file
    published: Optional[str] = None
    fields: Fields = field(default_factory=Fields)
    date_order: str = "DMY"
    # the pipeline each process loads; in batch runs an article has a time budget by default
    load: LoadOptions = LoadOptions(article_seconds=ARTICLE_SECONDS)

    @property
    def outputs(self) -> list[str]:
        """The files the run writes (``output``, ``errors``), those that are given."""
        return [o for o in (self.output, self.errors) if o]

    @property
    def batch_size(self) -> int:
        """Articles read, extracted and written at a time (the pipeline's batch size)."""
        return self.load.batch_size


@dataclass
class BatchSummary:
    """What a run wrote (``articles`` lines: ``records`` and ``errors``, kept ones included) and,
    with resume, what became of the earlier records; ``failed`` is true when any line written is
    an error record or an input could not be read."""

    articles: int = 0
    records: int = 0
    errors: int = 0
    kept: int = 0  # resume: lines of the earlier output or .partial kept, not extracted again
    changed: int = 0  # resume: re-extracted, the input changed (or the earlier record had no fingerprint)
    dropped: int = 0  # resume: earlier records no input article has any more
    new: int = 0  # resume: articles the earlier output had no record of
    unreadable: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)  # input files that hold no article
    seconds: float = 0.0
    stopped: bool = False  # fail-fast stopped the run

    @property
    def failed(self) -> bool:
        return self.errors > 0 or bool(self.unreadable)

    def add(self, error: bool) -> None:
        """Count one line written: an error record or a record."""
        self.articles += 1
        self.errors += error
        self.records += not error

    def line(self) -> str:
        rate = (self.articles - self.kept) / self.seconds if self.seconds else 0.0
        text = (f"{self.articles} articles, {self.records} records, {self.errors} error records, "
                f"{self.seconds:.1f} s ({rate:.1f} articles/s extracted)")
        if self.kept or self.changed or self.dropped or self.new:
            text += (f"; {self.kept} kept from the earlier run, {self.changed} re-extracted (input changed), "
                     f"{self.dropped} dropped (no longer in the input), {self.new} new")
        if self.empty:
            text += f"; no articles in: {', '.join(self.empty)}"
        if self.stopped:
            text += "; stopped at the first failure (--fail-fast)"
        return text


# --------------------------------------------------------------------------- resume


class Line(NamedTuple):
    """One output line: its JSON and whether it is an error record."""

    text: str
    error: bool


Entry = tuple  # (fingerprint, byte offset, is an error record) of a line of an earlier output
Index = dict  # id -> its Entry, or a list of them when the id has several records, the next match last


def _record_key(line: bytes, path: str, lineno: int) -> tuple[str, Optional[str], bool]:
    """(id, fingerprint, is an error record) of one output line; ValueError when it is no record."""
    try:
        rec = json.loads(line)
        return str(rec["id"]), (rec.get("source") or {}).get("fingerprint"), "error" in rec
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"{path} line {lineno}: not a record line, cannot resume from it ({exc})") from exc


def _index_output(path: str) -> Index:
    """Where each record of an earlier output is, by id, in file order (``_take`` gives them out
    first to last). Read as a stream and no record held: the file may hold millions (an id
    with one record, the usual case, costs no list: about 260 bytes a record). A last line
    without its newline (a killed run's) is left out."""
    index: Index = {}
    if not os.path.exists(path):
        return index
    offset = 0
    with open(path, "rb") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.endswith(b"\n") and line.strip():
                rec_id, fp, is_error = _record_key(line, path, lineno)
                entry, before = (fp, offset, is_error), index.get(rec_id)
                if isinstance(before, list):
                    before.append(entry)
                else:
                    index[rec_id] = entry if before is None else [before, entry]
            offset += len(line)
    for entries in index.values():
        if isinstance(entries, list):
            entries.reverse()  # the first record last, where _take pops it
    return index


def _take(index: Index, rec_id: str) -> Optional[Entry]:
    """The earlier record of the next occurrence of ``rec_id`` in the input (the n-th occurrence
    gets the n-th record), taken out of the index; None when there is none left."""
    entries = index.get(rec_id)
    if not isinstance(entries, list):
        index.pop(rec_id, None)
        return entries
    entry = entries.pop()
    if not entries:
        del index[rec_id]
    return entry


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


def _continue_partial(path: str, items: Iterator[Item], index: Index, errors_out: Optional[IO[str]],
                      summary: BatchSummary) -> Iterator[Item]:
    """Keep the lines of a killed run's ``.partial`` file (``path``) while each is the record of
    the input item at its place (same id and fingerprint), cut the file after them and return
    the input from the first item it does not hold. Their error records go to ``errors_out``."""
    if not os.path.exists(path):
        return items
    _cut_partial_line(path)
    kept_bytes, rest = 0, iter(())
    with open(path, "rb") as fh:
        for lineno, item in enumerate(items, 1):
            line = fh.readline()
            key = _record_key(line, path, lineno) if line else None
            if key is None or key[:2] != (item.id, fingerprint(item)):
                rest = chain([item], items)
                break
            _take(index, item.id)
            summary.kept += 1
            summary.add(key[2])
            if errors_out and key[2]:
                errors_out.write(line.decode("utf-8"))
            kept_bytes += len(line)
    os.truncate(path, kept_bytes)
    return rest


def _plan(items: Iterable[Item], index: Index, earlier: Optional[IO[bytes]],
          summary: BatchSummary) -> Iterator[Union[Item, Line]]:
    """Each input item to extract, or the line of the ``earlier`` output that stands for it
    unchanged (same id and fingerprint, not null), copied; counts what became of each."""
    for item in items:
        entry = _take(index, item.id)
        if entry is None:
            summary.new += 1
        elif entry[0] is not None and entry[0] == fingerprint(item):
            earlier.seek(entry[1])
            summary.kept += 1
            yield Line(earlier.readline().decode("utf-8").rstrip("\n"), entry[2])
            continue
        else:
            summary.changed += 1
        yield item
    summary.dropped = sum(len(e) if isinstance(e, list) else 1 for e in index.values())


def _resumed(output: str, items: Iterator[Item], errors_out: Optional[IO[str]], files: ExitStack,
             summary: BatchSummary) -> Iterator[Union[Item, Line]]:
    """What a resumed run writes after the kept part of ``output.partial`` (module docstring)."""
    index = _index_output(output)
    rest = _continue_partial(output + PARTIAL_SUFFIX, items, index, errors_out, summary)
    earlier = files.enter_context(open(output, "rb")) if index else None
    return _plan(rest, index, earlier, summary)


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
        loaded = opts.load.load()
        loaded.extract(WARM_UP_TEXT)
        if _single_threaded():
            sys.stdout.flush()
            sys.stderr.flush()  # nothing buffered is copied into the workers
            return ProcessPoolExecutor(max_workers=opts.jobs, mp_context=multiprocessing.get_context("fork"),
                                       initializer=_init_forked_worker, initargs=(loaded,))
        del loaded
    return ProcessPoolExecutor(max_workers=opts.jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker, initargs=(opts.load,))


def _extract_chunk(chunk: list, extractor=None) -> list[Line]:
    """The line of every item of a chunk, in order."""
    ex = extractor or _WORKER_EXTRACTOR
    return [Line(dumps(rec), hasattr(rec, "error")) for rec in ex.extract_many(chunk)]


def _to_extract(chunk: list) -> list[Item]:
    """The items of a chunk of a resumed run's plan (items and kept lines) that are to be extracted."""
    return [e for e in chunk if not isinstance(e, Line)]


def _merged(chunk: list, made: list[Line]) -> list[Line]:
    """The chunk's lines in order: kept lines where they stand, the lines made in the items' places."""
    made_lines = iter(made)
    return [e if isinstance(e, Line) else next(made_lines) for e in chunk]


def _submit(pool: ProcessPoolExecutor, chunk: list) -> Future:
    """The chunk's items to extract, given to a worker (nothing to extract: a future already done)."""
    todo = _to_extract(chunk)
    if todo:
        return pool.submit(_extract_chunk, todo)
    done: Future = Future()
    done.set_result([])
    return done


def _results_in_order(chunks: Iterator[list], opts: BatchOptions, extractor=None) -> Iterator[list[Line]]:
    """The lines of each chunk (items, and kept lines on resume) in input order; at most
    ``CHUNKS_PER_WORKER`` chunks per worker in flight (bounded memory). One job loads the
    pipeline at the first item to extract."""
    if opts.jobs <= 1:
        for chunk in chunks:
            todo = _to_extract(chunk)
            if todo and extractor is None:
                extractor = opts.load.load()
            yield _merged(chunk, _extract_chunk(todo, extractor) if todo else [])
        return
    with _worker_pool(opts) as pool:
        pending: deque = deque()
        try:
            for chunk in chunks:
                pending.append((chunk, _submit(pool, chunk)))
                if len(pending) >= CHUNKS_PER_WORKER * opts.jobs:
                    chunk, result = pending.popleft()
                    yield _merged(chunk, result.result())
            while pending:
                chunk, result = pending.popleft()
                yield _merged(chunk, result.result())
        except BrokenProcessPool as exc:
            raise WorkerDied("a worker process died (out of memory, or killed); everything before it is "
                             "written: run again with --resume to go on") from exc
        finally:
            for _, result in pending:
                result.cancel()


# --------------------------------------------------------------------------- the run


PARTIAL_SUFFIX = ".partial"  # a run writes OUT.partial and renames it to OUT when it is whole


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
    opts.load.check()
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
    writing = {t: t + PARTIAL_SUFFIX for t in opts.outputs}
    outputs = opts.outputs + list(writing.values())
    summary = BatchSummary()
    show = not opts.quiet and (opts.progress if opts.progress is not None else sys.stderr.isatty())
    progress = Progress(total=count_items(opts.inputs, outputs) if show else None, enabled=show, quiet=opts.quiet)
    t0 = time.perf_counter()
    with ExitStack() as files:
        err_out = files.enter_context(open(writing[opts.errors], "w", encoding="utf-8")) if opts.errors else None
        resume = opts.resume and opts.output
        items = _read_all(opts, outputs, summary, progress)
        stream = _resumed(opts.output, items, err_out, files, summary) if resume else items
        if opts.output:
            out = files.enter_context(open(writing[opts.output], "a" if resume else "w", encoding="utf-8"))
        else:
            out = stdout or sys.stdout
        if extractor is None:
            progress.status("loading models...")  # the first records come after the load
        try:
            _write(_results_in_order(batches(stream, opts.batch_size), opts, extractor), out, err_out, opts.fail_fast,
                   summary, progress)
        finally:
            summary.seconds = time.perf_counter() - t0
            progress.close()
    for target, path in writing.items():  # the run is whole: its files replace the old ones at once
        os.replace(path, target)
    return summary


def _write(results: Iterator[list[Line]], out: IO[str], err_out: Optional[IO[str]], fail_fast: bool,
           summary: BatchSummary, progress: Progress) -> None:
    """Write each chunk's lines (and its error records to ``err_out``), flushed; with
    ``fail_fast``, up to the first error record only."""
    for lines in results:
        if fail_fast and any(line.error for line in lines):
            lines = lines[:next(i for i, line in enumerate(lines) if line.error) + 1]
            summary.stopped = True
        out.write("".join(line.text + "\n" for line in lines))
        out.flush()
        errors = [line.text + "\n" for line in lines if line.error]
        if err_out and errors:
            err_out.write("".join(errors))
            err_out.flush()
        for line in lines:
            summary.add(line.error)
        progress.update(summary.articles, summary.errors)
        if summary.stopped:
            break
