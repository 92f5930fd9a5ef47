"""Peak memory of ``govkg build`` as the corpus grows (issue 10: flat in corpus size).

Makes corpora of the given sizes with ``bench/make_corpus.py`` (CCTV articles and the
example page, repeated and varied; under ``--work``), then runs
``govkg build CORPUS --out SNAP --workers W --segmenter S`` once per size, each in a
fresh process, and reports its peak resident memory:

* ``--workers 1``: the process's own peak (``ru_maxrss`` from ``wait4``), everything
  in one process;
* ``--workers N``: the peak of the sum over the process and its workers, sampled
  every 0.1 s with psutil.

    .venv/bin/python bench/memory_bench.py --sizes 4,64 [--workers 1] [--segmenter jieba]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import make  # noqa: E402

GOVKG = [sys.executable, "-c", "from govkg.cli import run; run()"]


def tree_rss(pid: int, cpu: dict = None) -> int:
    """Resident memory of a process and its descendants; ``cpu`` collects each one's CPU seconds."""
    import psutil
    try:
        p = psutil.Process(pid)
        procs = [p] + p.children(recursive=True)
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for q in procs:
        try:
            total += q.memory_info().rss
            if cpu is not None:
                t = q.cpu_times()
                cpu[q.pid] = max(cpu.get(q.pid, 0.0), t.user + t.system)
        except psutil.NoSuchProcess:
            pass
    return total


def run_build(corpus: Path, snap: Path, workers: int, segmenter: str) -> dict:
    """One build in a fresh process: peak RSS (MiB), wall and CPU seconds, snapshot counts."""
    if snap.exists():
        subprocess.run(["rm", "-rf", str(snap)], check=True)
    import tempfile
    out_f, err_f = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    t0 = time.perf_counter()
    proc = subprocess.Popen(GOVKG + ["build", str(corpus), "--out", str(snap), "--workers", str(workers),
                                     "--segmenter", segmenter], stdout=out_f, stderr=err_f)
    peak, cpu = 0, {}
    while True:   # wait4 (not poll) reaps the child, so its rusage is ours to read
        pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, tree_rss(proc.pid, cpu))
        time.sleep(0.1)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    out_f.seek(0)
    err_f.seek(0)
    outs = {"out": out_f.read(), "err": err_f.read()}
    if proc.returncode:
        raise SystemExit(f"build failed: {outs['err'].decode()[-2000:]}")
    own = ru.ru_maxrss * 1024
    return {"workers": workers, "peak_mib": round((own if workers == 1 else peak) / 2**20, 1),
            "sampled_tree_peak_mib": round(peak / 2**20, 1), "wall_s": round(wall, 1),
            "cpu_s_main": round(ru.ru_utime + ru.ru_stime, 1),
            "cpu_s_by_process": sorted((round(v, 1) for v in cpu.values()), reverse=True),
            "stdout": outs["out"].decode().strip()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="4,64", help="megabytes of input, comma-separated")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--segmenter", default="jieba")
    ap.add_argument("--work", type=Path, default=Path("/tmp/govkg-bench"))
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")
    rows = []
    for mb in [float(x) for x in args.sizes.split(",")]:
        corpus = args.work / f"corpus-{mb:g}"
        if not corpus.is_dir():
            make(corpus, mb)
        res = run_build(corpus, args.work / f"snap-{mb:g}-{args.segmenter}", args.workers, args.segmenter)
        res["mb"] = mb
        rows.append(res)
        print(json.dumps(res, ensure_ascii=False), flush=True)
    base = rows[0]["peak_mib"]
    for r in rows[1:]:
        print(f"peak at {r['mb']:g} MB / peak at {rows[0]['mb']:g} MB: {r['peak_mib'] / base:.2f}x")
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
