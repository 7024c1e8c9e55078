"""Which rows a list model removes and inserts when its ids change without reordering, as contiguous
runs, so that the model can send precise begin/end remove and insert signals (docs/development.md, practice 4)
rather than a reset that loses the selection and the scroll position."""

from __future__ import annotations

from collections.abc import Hashable, Sequence


def removed_runs(old_ids: Sequence[Hashable], new_set: set) -> list[tuple[int, int]]:
    """Runs ``(first, last)`` of ``old_ids`` not in ``new_set``, the last run first: removed in this
    order, every run's positions stay valid."""
    runs = []
    position = len(old_ids) - 1
    while position >= 0:
        if old_ids[position] in new_set:
            position -= 1
            continue
        last = position
        while position >= 0 and old_ids[position] not in new_set:
            position -= 1
        runs.append((position + 1, last))
    return runs


def inserted_runs(new_ids: Sequence[Hashable], old_set: set) -> list[tuple[int, int]]:
    """Runs ``(first, last)`` of ``new_ids`` not in ``old_set``, the first run first: inserted in this
    order after the removals, each at its final position."""
    runs = []
    position = 0
    while position < len(new_ids):
        if new_ids[position] in old_set:
            position += 1
            continue
        first = position
        while position < len(new_ids) and new_ids[position] not in old_set:
            position += 1
        runs.append((first, position - 1))
    return runs
