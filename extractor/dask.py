"""Extraction on a Dask cluster, for archives beyond one machine (the ``dask`` extra).

Every worker loads the model once (on its first partition) and extracts whole partitions; the
records are the same as a single-process run's. Two entry points:

- ``extract_bag(bag)``: a Dask bag of articles (dicts with ``text``, or ``Article`` objects) ->
  a bag of record dicts, for pipelines that already live in Dask;
- ``run(inputs, output_dir, scheduler=...)``: input files (JSON Lines split by line ranges, other
  files whole) -> ``output_dir/part-00000.jsonl``, ... in input order, one part per partition.

The input files and ``output_dir`` must be reachable from every worker (a shared file system).

    from dask.distributed import Client
    from extractor.dask import run
    run(["archive.jsonl"], "records/", scheduler="tcp://scheduler:8786")
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Union

from . import LoadOptions
from .io.readers import Fields, expand, read_inputs, read_jsonl
from .io.writers import dumps

LINES_PER_PARTITION = 2000


def _dask_bag():
    try:
        import dask.bag as db
    except ImportError as exc:
        raise ImportError("the Dask path needs the dask extra: pip install 'indonesian-news-extractor[dask]'") from exc
    return db


@lru_cache(maxsize=2)
def _extractor(options: LoadOptions):
    """The pipeline of this worker process, loaded on first use and kept."""
    return options.load()


def extract_partition(items: Iterable, options: LoadOptions = LoadOptions(),
                      published: Optional[str] = None) -> list[dict]:
    """Record dicts (error records included) for one partition of articles, in order."""
    return [rec.to_dict() for rec in _extractor(options).extract_many(items, published)]


def extract_bag(bag, options: LoadOptions = LoadOptions(), published: Optional[str] = None):
    """A bag of articles -> a bag of record dicts (one per article, partition order kept), each
    worker loading the pipeline ``options`` describe once."""
    return bag.map_partitions(extract_partition, options=options, published=published)


@dataclass(frozen=True)
class Part:
    """A piece of input: a whole file, or the JSON Lines between two byte offsets."""

    path: str
    start: int = 0
    end: Optional[int] = None
    first_line: int = 1


def plan_parts(inputs: Iterable[str], lines_per_part: int = LINES_PER_PARTITION) -> list[Part]:
    """Uncompressed JSON Lines files cut every ``lines_per_part`` lines; other files whole."""
    parts = []
    for path in expand(inputs):
        if path == "-":
            raise ValueError("the Dask path reads files, not stdin")
        if not path.endswith(".jsonl"):
            parts.append(Part(path))
            continue
        start, line_no, first = 0, 0, 1
        with open(path, "rb") as fh:
            for line in fh:
                line_no += 1
                if line_no - first + 1 == lines_per_part:
                    end = fh.tell()
                    parts.append(Part(path, start, end, first))
                    start, first = end, line_no + 1
        if start < os.path.getsize(path) or not parts or parts[-1].path != path:
            parts.append(Part(path, start, None, first))
    return parts


def read_part(part: Part, fields: Fields = Fields(), published: Optional[str] = None, date_order: str = "DMY") -> list:
    """The articles (and input errors) of one part, ids as a single-process run gives them."""
    if part.end is None and part.start == 0:
        return list(read_inputs([part.path], published, fields=fields, date_order=date_order))
    with open(part.path, "rb") as fh:
        fh.seek(part.start)
        data = fh.read() if part.end is None else fh.read(part.end - part.start)
    lines = data.splitlines(keepends=True)  # bytes: split at line ends only, decoded line by line
    return list(read_jsonl(lines, part.path, published, fields, date_order, first_line=part.first_line))


def _part_name(i: int) -> str:
    return f"{i:05d}"


def _read_parts(parts: list, **kwargs) -> list:
    return [item for part in parts for item in read_part(part, **kwargs)]


def run(inputs: Iterable[str], output_dir: Union[str, Path], scheduler: Optional[str] = "local", jobs: int = 2,
        options: LoadOptions = LoadOptions(), published: Optional[str] = None, fields: Fields = Fields(),
        date_order: str = "DMY", lines_per_part: int = LINES_PER_PARTITION) -> dict:
    """Extract every input article on Dask into ``output_dir/part-NNNNN.jsonl``.

    ``scheduler``: ``"local"`` starts a ``LocalCluster`` of ``jobs`` worker processes; an address
    (``tcp://host:8786``) uses that cluster; ``options``: the pipeline each worker loads.
    Returns counts: parts, articles, records, errors.
    """
    db = _dask_bag()
    from dask.distributed import Client, LocalCluster

    parts = plan_parts(inputs, lines_per_part)
    if not parts:
        raise ValueError("no input files")
    out = Path(output_dir)
    out.mkdir(parents=True, exist_ok=True)
    cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True) if scheduler == "local" else None
    try:
        with Client(cluster if cluster else scheduler):
            bag = db.from_sequence(parts, npartitions=len(parts)).map_partitions(
                _read_parts, fields=fields, published=published, date_order=date_order)
            records = extract_bag(bag, options)  # the parts are read with `published` already
            paths = records.map(dumps).to_textfiles(str(out / "part-*.jsonl"), last_endline=True,
                                                     name_function=_part_name)
    finally:
        if cluster:
            cluster.close()
    counts = {"parts": len(paths), "articles": 0, "records": 0, "errors": 0}
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                counts["articles"] += 1
                counts["errors" if "error" in json.loads(line) else "records"] += 1
    return counts
