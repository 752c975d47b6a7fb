"""The one batching helper: a stream read a batch at a time, lazily, in order."""
from __future__ import annotations

from typing import Callable, Iterable, Iterator, Optional, TypeVar

T = TypeVar("T")


def batches(items: Iterable[T], size: int, max_weight: Optional[int] = None,
            weight: Callable[[T], int] = len) -> Iterator[list[T]]:
    """Lists of at most ``size`` consecutive items, in order, read lazily; with ``max_weight``,
    also of at most that total ``weight`` (an item heavier than that goes alone).

    >>> list(batches(range(5), 2))
    [[0, 1], [2, 3], [4]]
    >>> list(batches(["ab", "c", "defg"], 8, max_weight=3))
    [['ab', 'c'], ['defg']]
    """
    batch: list[T] = []
    total = 0
    for item in items:
        w = weight(item) if max_weight is not None else 0
        if batch and (len(batch) >= size or max_weight is not None and total + w > max_weight):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += w
    if batch:
        yield batch
