"""``govkg build --workers 1`` vs ``--workers 2``: wall time, CPU time, identical output.

Makes a corpus of ``--mb`` megabytes (``bench/make_corpus.py``: CCTV articles and the
example page, repeated and varied, under ``--work``), then builds it ``--repeat`` times
with each worker count, alternating (1, 2, 1, 2, ...) so that changes in the machine's
load hit both alike, each build in a fresh process (model loading included). Prints
every run's wall seconds, CPU seconds of the whole process tree and the load average
around it, the speed-up of every pair, and checks that all snapshots are byte-identical.

On a shared machine the wall-clock ratio depends on what else runs, so the script also
prints the speed-up the CPU seconds imply for an idle 2-core machine: one worker needs
its CPU seconds of wall time; two workers need ``max(the busiest process, all CPU / 2)``
(each process's CPU seconds are sampled with psutil, model loading included).

    .venv/bin/python bench/workers_bench.py [--mb 3] [--repeat 3] [--segmenter pkuseg]
"""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import make  # noqa: E402
from memory_bench import run_build  # noqa: E402


def tree(d: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(d.rglob("*")):
        if p.is_file():
            h.update(str(p.relative_to(d)).encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=3)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--segmenter", default="pkuseg")
    ap.add_argument("--work", type=Path, default=Path("/tmp/govkg-bench"))
    args = ap.parse_args()
    corpus = args.work / f"corpus-{args.mb:g}"
    if not corpus.is_dir():
        make(corpus, args.mb)
    print(f"corpus {corpus} ({args.mb:g} MB), segmenter {args.segmenter}, {os.cpu_count()} CPUs")
    digests, ratios = set(), []
    for run in range(1, args.repeat + 1):
        walls, implied = {}, {}
        for w in (1, 2):
            before = os.getloadavg()[0]
            snap = args.work / f"workers-{w}"
            res = run_build(corpus, snap, w, args.segmenter)
            walls[w] = res["wall_s"]
            procs = res["cpu_s_by_process"]
            implied[w] = max(procs[0], sum(procs) / 2) if w == 2 else sum(procs)
            digests.add(tree(snap))
            print(f"run {run} --workers {w}: wall {res['wall_s']:6.1f} s, CPU {res['cpu_s_main']:6.1f} s "
                  f"(by process: {procs}), load average {before:.2f} -> {os.getloadavg()[0]:.2f}", flush=True)
        ratios.append(walls[1] / walls[2])
        print(f"run {run}: --workers 2 is {ratios[-1]:.2f}x --workers 1 (wall clock); "
              f"{implied[1] / implied[2]:.2f}x implied by the CPU seconds on an idle 2-core machine", flush=True)
    print(f"speed-up per run: {', '.join(f'{r:.2f}x' for r in ratios)}; best {max(ratios):.2f}x")
    print(f"snapshots byte-identical across all {2 * args.repeat} builds: {len(digests) == 1}")


if __name__ == "__main__":
    main()
