"""--dask: a real dask.distributed scheduler and two workers, each a separate process."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from govkg.graph import server
from govkg.graph.store import build, read_snapshot

sys.path.insert(0, str(Path(__file__).parent))
from corpus import write_corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DASK = str(Path(sys.executable).with_name("dask"))
CLI = [sys.executable, "-c", "from govkg.cli import run; run()"]


def tree(d: Path) -> dict:
    return {str(p.relative_to(d)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(d.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """``tcp://127.0.0.1:PORT`` of a scheduler with two single-threaded workers (own processes)."""
    from distributed import Client
    log = tmp_path_factory.mktemp("dask")
    port = server.free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = dict(os.environ, DASK_DISTRIBUTED__WORKER__DAEMON="False")
    cmds = [[DASK, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]]
    cmds += [[DASK, "worker", address, "--nthreads", "1", "--nworkers", "1", "--host", "127.0.0.1",
              "--no-dashboard", "--name", f"w{k}"] for k in range(2)]
    procs = []
    try:
        for k, cmd in enumerate(cmds):
            procs.append(subprocess.Popen(cmd, stdout=open(log / f"{k}.log", "wb"), stderr=subprocess.STDOUT,
                                          env=env, cwd=log))
            if k == 0:
                time.sleep(1.0)
        deadline = time.monotonic() + 90
        with Client(address, timeout=60) as client:
            while len(client.scheduler_info()["workers"]) < 2:
                assert time.monotonic() < deadline, (log / "1.log").read_text()[-2000:]
                assert all(p.poll() is None for p in procs), "a dask process exited"
                time.sleep(0.3)
        yield address, procs
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    write_corpus(d / "news.jsonl", 240, blank_every=50)
    (d / "page.txt").write_bytes((ROOT / "examples" / "erqi-2020-11.txt").read_bytes())
    return d


def test_dask_cluster_snapshot_identical_to_local(cluster, corpus, tmp_path):
    address, procs = cluster
    local, remote = tmp_path / "local", tmp_path / "remote"
    build([corpus], out=local, segmenter="jieba", workers=1, chunk_bytes=3000)
    m = build([corpus], out=remote, segmenter="jieba", dask=address, chunk_bytes=3000)
    assert tree(local) == tree(remote) and m["failed"] == []
    assert read_snapshot(remote).manifest["counts"]["relationships"] > 240
    # both workers took part, each loading the pipeline once (the plugin's setup)
    from distributed import Client
    with Client(address, timeout=30) as client:
        loaded = client.run(lambda dask_worker: sorted(
            p.extractor is not None for name, p in dask_worker.plugins.items() if name.startswith("govkg")))
        done = client.run(lambda dask_worker: len(dask_worker.state.log))
    assert sorted(loaded.values()) == [[True], [True]]
    assert all(n > 0 for n in done.values()) and all(p.poll() is None for p in procs)


def test_cli_dask_local_and_unreachable_scheduler(corpus, tmp_path):
    local, remote = tmp_path / "local", tmp_path / "remote"
    r = subprocess.run(CLI + ["build", str(corpus), "--out", str(local), "--segmenter", "jieba",
                              "--workers", "1"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    r = subprocess.run(CLI + ["build", str(corpus), "--out", str(remote), "--segmenter", "jieba",
                              "--dask", "local"], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert tree(local) == tree(remote)
    address = f"tcp://127.0.0.1:{server.free_port()}"
    r = subprocess.run(CLI + ["build", str(corpus), "--out", str(tmp_path / "x"), "--segmenter", "jieba",
                              "--dask", address], capture_output=True, text=True, timeout=120)
    assert r.returncode == 8 and address in r.stderr and "dask scheduler" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
