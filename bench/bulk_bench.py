"""``govkg load --bulk`` of a large snapshot, then a Bolt load of one more file.

1. The snapshot of a ``--mb`` megabyte corpus (``bench/make_corpus.py``; built with jieba
   if missing, as ``bench/memory_bench.py`` builds it) and a snapshot of one more file
   (the example page, varied as copy 999).
2. A fresh local server in ``--data-dir`` (emptied first): ``govkg.graph.bulk.bulk_load``
   (CSV files, ``neo4j-admin database import full``, restart, constraints and indexes),
   timed step by step; then ``govkg.graph.neo4j.load_snapshot`` of the extra snapshot over
   Bolt.
3. Checks: the database's node and relationship counts (total, by label and by type)
   equal the merged counts of the two snapshots, and the govkg constraints are in place.

    .venv/bin/python bench/bulk_bench.py [--mb 64] [--data-dir /tmp/govkg-bench/neo4j-bulk]
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
GOVKG = [sys.executable, "-c", "from govkg.cli import run; run()"]
PASSWORD = "govkg-bench-bulk"


def snapshots(mb: float, work: Path):
    from make_corpus import PAGE, make, vary
    corpus, snap = work / f"corpus-{mb:g}", work / f"snap-{mb:g}-jieba"
    if not (snap / "snapshot.json").exists():
        if not corpus.is_dir():
            make(corpus, mb)
        subprocess.run(GOVKG + ["build", str(corpus), "--out", str(snap), "--segmenter", "jieba"], check=True)
    extra_dir, extra = work / "extra-input", work / "snap-extra"
    shutil.rmtree(extra_dir, ignore_errors=True)
    shutil.rmtree(extra, ignore_errors=True)
    extra_dir.mkdir(parents=True)
    (extra_dir / "page-extra.txt").write_text(vary(PAGE.read_text(encoding="utf-8"), 999), encoding="utf-8")
    subprocess.run(GOVKG + ["build", str(extra_dir), "--out", str(extra), "--segmenter", "jieba"], check=True)
    return snap, extra


def union_counts(*snaps: Path) -> dict:
    """Counts of the snapshots merged (their shards side by side)."""
    from govkg.graph.store import manifest
    with tempfile.TemporaryDirectory() as tmp:
        u = Path(tmp)
        (u / "shards").mkdir()
        shutil.copy(snaps[0] / "snapshot.json", u / "snapshot.json")
        for s in snaps:
            for shard in (s / "shards").iterdir():
                if not shard.name.startswith("."):
                    (u / "shards" / shard.name).symlink_to(shard)
        return manifest(u)["counts"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=64)
    ap.add_argument("--work", type=Path, default=Path("/tmp/govkg-bench"))
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/govkg-bench/neo4j-bulk"))
    args = ap.parse_args()
    from govkg.graph import server
    from govkg.graph.bulk import bulk_load
    from govkg.graph.neo4j import connect, database_counts, load_snapshot, run_query
    snap, extra = snapshots(args.mb, args.work)
    want = union_counts(snap, extra)
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; snapshot {snap}: "
          f"{union_counts(snap)['relationships']:,} relationships; with the extra file: "
          f"{want['nodes']:,} nodes, {want['relationships']:,} relationships", flush=True)
    server.stop(data_dir=args.data_dir)
    shutil.rmtree(args.data_dir, ignore_errors=True)
    port = server.free_port()
    try:
        t0 = time.perf_counter()
        res = bulk_load(snap, data_dir=args.data_dir, port=port, password=PASSWORD,
                        progress=lambda m: print(f"  {time.perf_counter() - t0:6.1f} s  {m}", flush=True))
        total = time.perf_counter() - t0
        print(f"bulk: {res['nodes']:,} nodes, {res['relationships']:,} relationships in {total:.1f} s "
              f"({', '.join(f'{k} {v:.1f} s' for k, v in res['seconds'].items())}; the first step "
              f"includes starting the empty server)", flush=True)
        with connect(res["uri"], "neo4j", PASSWORD) as driver:
            t1 = time.perf_counter()
            more = load_snapshot(driver, extra)
            print(f"bolt: the extra file's {more['nodes']} nodes and {more['relationships']} relationships "
                  f"in {time.perf_counter() - t1:.1f} s", flush=True)
            got = database_counts(driver)
            names = {r[0] for r in run_query(driver, "SHOW CONSTRAINTS YIELD name RETURN name")[1]}
        same = all(got[k] == want[k] for k in ("nodes", "relationships", "nodes_by_label",
                                               "relationships_by_type"))
        print(f"database counts equal the snapshots' merged counts: {same} "
              f"({got['nodes']:,} nodes, {got['relationships']:,} relationships)")
        print(f"govkg constraints in place: {sorted(n for n in names if n.startswith('govkg_'))}")
    finally:
        server.stop(data_dir=args.data_dir)
        print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
