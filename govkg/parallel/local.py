"""Local worker processes: one pipeline per process, results in input order."""
from __future__ import annotations

import logging
import multiprocessing
import os
from pathlib import Path
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterator, Optional

from govkg.errors import GovkgError
from govkg.parallel import PartResult, as_part


class WorkerError(GovkgError):
    """A local worker process died."""

    exit_code = 8

_EXTRACTOR = None
_INIT_ERROR: Optional[BaseException] = None


def _init(segmenter: str, year: Optional[int], guard=None) -> None:
    """Build this worker's pipeline once; a failure is raised by every task (one clear line)."""
    global _EXTRACTOR, _INIT_ERROR
    from govkg.extract.pipeline import Extractor
    try:
        _EXTRACTOR = Extractor(segmenter=segmenter, year=year, guard=guard)
    except Exception as e:  # ModelNotFound and the like, re-raised in the parent by the task
        _INIT_ERROR = e


def extract_task(extractor, task) -> PartResult:
    """One task with a ready pipeline (errors of the path come back in the result)."""
    if task.error is not None:
        return PartResult(Path(task.chunk.path), task.part, errors=[task.error])
    return as_part(task, extractor.extract_chunk(task.chunk))


def _work(task) -> PartResult:
    if _INIT_ERROR is not None:
        raise _INIT_ERROR
    return extract_task(_EXTRACTOR, task)


def _can_start_processes() -> bool:
    """Whether this user may run the interpreter that worker processes are started with (not so
    when it lies in another user's private folder); if not, extraction runs here, with one note."""
    from multiprocessing import spawn
    exe = spawn.get_executable()
    exe = exe.decode() if isinstance(exe, bytes) else exe
    if exe and os.access(exe, os.X_OK):
        return True
    logging.getLogger("govkg").warning("govkg: note: cannot start worker processes (%s is not executable "
                                       "for this user); extracting in this process", exe)
    return False


def run_local(plan, *, workers: int, segmenter: str, year: Optional[int],
              window: Optional[int] = None, guard=None) -> Iterator[PartResult]:
    """``workers`` processes (1: this process), at most ``window`` tasks in flight."""
    tasks = list(plan.tasks)
    if not tasks:
        return
    workers = max(1, min(workers, len(tasks)))
    if workers > 1 and not _can_start_processes():
        workers = 1
    if workers == 1:
        from govkg.extract.pipeline import Extractor
        extractor = None
        for task in tasks:
            if extractor is None and task.error is None:
                extractor = Extractor(segmenter=segmenter, year=year, guard=guard)
            yield extract_task(extractor, task)
        return
    window = window or 3 * workers
    ctx = multiprocessing.get_context("spawn")   # no fork of a process with threads
    pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init, initargs=(segmenter, year, guard))
    pending: deque = deque()
    try:
        it = iter(tasks)
        for task in it:
            pending.append(pool.submit(_work, task))
            if len(pending) >= window:
                break
        while pending:
            try:
                res = pending.popleft().result()
            except BrokenProcessPool as e:
                raise WorkerError("a govkg worker process died (out of memory?); try fewer --workers") from e
            nxt = next(it, None)
            if nxt is not None:
                pending.append(pool.submit(_work, nxt))
            yield res
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
