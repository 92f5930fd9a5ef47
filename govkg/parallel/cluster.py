"""Extraction on a Dask cluster (``dask.distributed``): ``govkg build --dask tcp://HOST:8786``.

Every worker loads the pipeline once, in :meth:`GovkgPipeline.setup` (a ``WorkerPlugin``
registered with the scheduler, so workers that join later load it too) and uses it for
each task. Tasks carry their bytes, so workers need govkg and its model, not the input
files. Results come back to the client in input order and are written there, so the
snapshot is the same as a local run's. ``--dask local`` starts a ``LocalCluster`` of one
single-threaded worker process per core.
"""
from __future__ import annotations

import threading
import uuid
from collections import deque
from typing import Iterator, Optional

from govkg.errors import ClusterError
from govkg.parallel import PartResult, default_workers
from govkg.parallel.local import extract_task

try:  # the base class; a stand-in keeps this module importable for the error message
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - distributed is a dependency of govkg
    WorkerPlugin = object


class GovkgPipeline(WorkerPlugin):
    """Builds the extraction pipeline once per worker; tasks find it by :attr:`name`."""

    idempotent = True   # registered again by a later build: the workers keep the loaded pipeline

    def __init__(self, *, segmenter: str = "pkuseg", year: Optional[int] = None, guard=None):
        self.segmenter, self.year, self.guard = segmenter, year, guard
        limits = "" if guard is None else f"-{guard.max_chars}-{guard.max_seconds}"
        self.name = f"govkg-pipeline-{segmenter}-{year or 'any'}{limits}"
        self.extractor = None
        self.lock = None

    def setup(self, worker=None) -> None:
        from govkg.extract.pipeline import Extractor
        self.lock = threading.Lock()   # a worker with several threads runs one extraction at a time
        self.extractor = Extractor(segmenter=self.segmenter, year=self.year, guard=self.guard)


def dask_extract(task, plugin_name: str) -> PartResult:
    """The task function run on a worker."""
    from distributed import get_worker
    plugin = get_worker().plugins[plugin_name]
    with plugin.lock:
        return extract_task(plugin.extractor, task)


def connect(address: str):
    """A ``distributed.Client`` for ``tcp://HOST:PORT`` or ``local`` (a LocalCluster)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:  # pragma: no cover
        raise ClusterError("dask.distributed is not installed: pip install 'dask[distributed]'") from e
    if address == "local":
        cluster = LocalCluster(n_workers=default_workers(), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster), cluster
    if "://" not in address:
        raise ClusterError(f"--dask {address}: expected tcp://HOST:PORT of a Dask scheduler, or local")
    try:
        return Client(address, timeout=20), None
    except (OSError, TimeoutError) as e:
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({type(e).__name__}); start one "
                           f"with `dask scheduler` and workers with `dask worker {address}`") from e


def run_dask(plan, *, address: str, segmenter: str, year: Optional[int],
             window: Optional[int] = None, guard=None) -> Iterator[PartResult]:
    """Extract the plan's tasks on the cluster at ``address``; results in input order."""
    tasks = list(plan.tasks)
    if not tasks:
        return
    client, cluster = connect(address)
    try:
        plugin = GovkgPipeline(segmenter=segmenter, year=year, guard=guard)
        client.register_plugin(plugin, name=plugin.name)
        threads = sum(client.nthreads().values())
        if not threads:
            raise ClusterError(f"the Dask scheduler at {address} has no workers; start some with "
                               f"`dask worker {address}`")
        window = window or 3 * threads
        run_id = uuid.uuid4().hex[:8]
        pending: deque = deque()

        def submit(i, task):
            if task.error is None:
                task = type(task)(task.chunk.with_data(), task.part, task.size)
            return client.submit(dask_extract, task, plugin.name, key=f"govkg-{run_id}-{i}", pure=False)

        it = iter(enumerate(tasks))
        for i, task in it:
            pending.append(submit(i, task))
            if len(pending) >= window:
                break
        while pending:
            fut = pending.popleft()
            res = fut.result()
            fut.release()
            nxt = next(it, None)
            if nxt is not None:
                pending.append(submit(*nxt))
            yield res
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
