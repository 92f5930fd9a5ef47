"""Batched Bolt load: throughput by batch size, run after run, and per batch along the load.

Uses the 100,000-relationship snapshot of ``bench/load_bench.py`` (built if missing, from
the CCTV articles through the extractor) and, for each ``--batch-sizes`` value and each
of ``--repeat`` runs, empties the database, loads the snapshot with
``govkg.graph.neo4j.load_snapshot`` and records the relationships per second and the
time of every batch, so a slowdown can be told apart as per batch size (every batch
slow) or per database size (batches slow down as the database fills).
THE TARGET DATABASE IS EMPTIED (``--clear`` is required).

    .venv/bin/python bench/batch_bench.py --clear --uri bolt://127.0.0.1:17688 \\
        [--batch-sizes 500,1000,2000,5000] [--repeat 2] [--statement current|eager]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    ap.add_argument("--user", default=os.environ.get("NEO4J_USER", "neo4j"))
    ap.add_argument("--password", default=os.environ.get("NEO4J_PASSWORD", "govkg-local"))
    ap.add_argument("--out", type=Path, default=Path("/tmp/govkg-bench/snapshot"))
    ap.add_argument("--batch-sizes", default="500,1000,2000,5000")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--statement", choices=("current", "eager"), default="current",
                    help="eager: the statements before issue 10 (MERGE (a)-[r {id}]->(b) SET r += row.props)")
    ap.add_argument("--clear", action="store_true", help="required: the target database is emptied")
    args = ap.parse_args(argv)
    if not args.clear:
        ap.error("this benchmark deletes everything in the target database; pass --clear to agree")
    from govkg.graph import neo4j as N
    from govkg.graph import queries as Q
    from govkg.graph.store import manifest
    if not (args.out / "snapshot.json").exists():
        from load_bench import build_big_snapshot
        build_big_snapshot(args.out, 100_000, fallback=False)
    counts = manifest(args.out)["counts"]
    if args.statement == "eager":
        Q.merge_nodes, Q.merge_relationships = Q.merge_nodes_eager, Q.merge_relationships_eager
        N.ROW_PROPS = True
    print(f"snapshot {args.out}: {counts['nodes']} nodes, {counts['relationships']} relationships; "
          f"statements: {args.statement}; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    with N.connect(args.uri, args.user, args.password) as driver:
        for bs in [int(x) for x in args.batch_sizes.split(",")]:
            for run in range(1, args.repeat + 1):
                N.clear_database(driver)
                stamps = []
                res = N.load_snapshot(driver, args.out, batch_size=bs,
                                      progress=lambda done, total: stamps.append((done, time.perf_counter())))
                rel = [(b - a) for (d0, a), (d1, b) in zip(stamps, stamps[1:]) if d0 >= counts["nodes"]]
                tenth = max(1, len(rel) // 10)
                first, last = statistics.median(rel[:tenth]), statistics.median(rel[-tenth:])
                rate = res["relationships"] / res["seconds"]["relationships"]
                print(f"batch {bs:5d} run {run}: {rate:8,.0f} rels/s ({res['seconds']['relationships']:.2f} s); "
                      f"median batch {1000 * first:6.1f} ms in the first tenth, {1000 * last:6.1f} ms in the last; "
                      f"load average {os.getloadavg()[0]:.2f}", flush=True)
        N.clear_database(driver)
    return 0


if __name__ == "__main__":
    sys.exit(main())
