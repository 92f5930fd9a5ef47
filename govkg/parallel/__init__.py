"""Extraction on every core, or on a Dask cluster, in input order.

:func:`run` takes a :class:`~govkg.parallel.tasks.Plan` and yields one :class:`PartResult`
per task, in the plan's order whatever order the workers finish in, with at most a few
tasks per worker in flight (memory stays bounded). Each worker builds the pipeline once
(:class:`govkg.extract.pipeline.Extractor`) and reuses it for every task, so the output
is the same with 1, 2 or N workers, locally or on Dask.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

from govkg.errors import GovkgError

__all__ = ["PartResult", "run", "default_workers"]


@dataclass
class PartResult:
    """A FileResult for one task: the file's ``path`` and which ``part`` of it this is."""

    path: Path
    part: Tuple[int, int] = (0, 1)
    articles: list = field(default_factory=list)
    triples: List[dict] = field(default_factory=list)
    errors: List[GovkgError] = field(default_factory=list)
    size: int = 0

    def unique_triples(self) -> List[dict]:
        from govkg.extract.resolve import dedupe_triples
        return dedupe_triples(self.triples)


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def as_part(task, fr) -> PartResult:
    return PartResult(Path(task.chunk.path), task.part, list(fr.articles), list(fr.triples),
                      list(fr.errors), task.size)


def run(plan, *, segmenter: str = "pkuseg", year: Optional[int] = None, workers: Optional[int] = None,
        dask: Optional[str] = None, window: Optional[int] = None, guard=None) -> Iterator[PartResult]:
    """Extract every task of ``plan``; one :class:`PartResult` per task, in order.

    ``dask``: ``tcp://HOST:PORT`` of a scheduler or ``local``; otherwise ``workers``
    local processes (default: :func:`default_workers`; 1 runs in this process). ``guard``: the
    per-article budgets (:class:`govkg.extract.guard.Guard`) every worker's pipeline keeps.
    """
    if dask:
        from govkg.parallel.cluster import run_dask
        return run_dask(plan, address=dask, segmenter=segmenter, year=year, window=window, guard=guard)
    from govkg.parallel.local import run_local
    return run_local(plan, workers=workers or default_workers(), segmenter=segmenter, year=year,
                     window=window, guard=guard)
