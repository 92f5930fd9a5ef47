"""Benchmark: batched snapshot loading vs. one row per transaction, on the real local Neo4j.

Builds a snapshot of at least ``--relationships`` relationships (default 100,000)
from real news text in ``/work/shared/eval-candidates/xwlb-cctv/articles.jsonl``
(triples from the govkg extractor) by repeating the extracted articles under
distinct article ids, then times, in the same run and against the same server:

* ``load_snapshot`` (``UNWIND $rows ... MERGE``, ``--batch-size`` rows a transaction)
  over the whole snapshot, and
* ``load_snapshot_row_by_row`` (one row a transaction) over a sample of
  ``--sample`` relationships (the full set would take too long),

and prints relationships per second for both and their ratio. THE TARGET
DATABASE IS EMPTIED before each run (``--clear`` is required to say so).

Usage::

    .venv/bin/python bench/load_bench.py --clear [--uri bolt://127.0.0.1:7687]
"""
from __future__ import annotations

import argparse
import hashlib
import math
import os
import sys
import time
from dataclasses import replace, is_dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
XWLB = Path("/work/shared/eval-candidates/xwlb-cctv/articles.jsonl")


def base_results(source: Path, *, fallback: bool):
    """Extraction results for the real text, kept in memory: ``[(articles, triples)]``."""
    try:
        from govkg.extract.pipeline import extract_paths
    except ImportError:
        if not fallback:
            raise
        sys.path.insert(0, str(ROOT / "tests" / "graph"))
        from graph_gold import gold_file_result
        print("govkg.extract.pipeline not available: using the example gold triples "
              "(examples/erqi-2020-11.*) instead", file=sys.stderr)
        fr = gold_file_result()
        return "examples/erqi-2020-11.gold.jsonl", [(fr.articles, fr.triples)]
    out = []
    for fr in extract_paths([source]):
        for e in fr.errors:
            print(f"warning: {e}", file=sys.stderr)
        out.append((list(fr.articles), list(fr.triples)))
    return str(source), out


class _Copy:
    """A FileResult-like view of copy ``k`` of the base results: every article id re-keyed."""

    def __init__(self, k, articles, triples):
        def rekey(aid):
            return "art-" + hashlib.sha1(f"{aid}#copy{k}".encode()).hexdigest()[:16]
        self.path = f"bench-copy-{k}"
        self.errors = []
        self.articles = [replace(a, id=rekey(a.id)) if is_dataclass(a) else dict(a, id=rekey(a["id"]))
                         for a in articles]
        self.triples = [dict(t, article_id=rekey(t["article_id"])) for t in triples]


def build_big_snapshot(out: Path, target: int, *, fallback: bool) -> dict:
    from govkg.graph.store import build_snapshot
    origin, base = base_results(XWLB, fallback=fallback)
    per_copy = sum(len(t) for _, t in base)
    if per_copy == 0:
        raise SystemExit(f"no triples extracted from {origin}")
    copies = math.ceil(target / per_copy)
    print(f"source: {origin}: {sum(len(a) for a, _ in base)} articles, {per_copy} triples; "
          f"{copies} copies under distinct article ids")
    if (out / "manifest.json").exists():
        import shutil
        shutil.rmtree(out)
    t0 = time.perf_counter()
    manifest = build_snapshot((_Copy(k, a, t) for k in range(copies) for a, t in base), out)
    c = manifest["counts"]
    print(f"snapshot {out}: {c['articles']} articles, {c['nodes']} nodes, "
          f"{c['relationships']} relationships (built in {time.perf_counter() - t0:.1f} s)")
    return c


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--uri", default=os.environ.get("NEO4J_URI", "bolt://127.0.0.1:7687"))
    ap.add_argument("--user", default=os.environ.get("NEO4J_USER", "neo4j"))
    ap.add_argument("--out", type=Path, default=Path("/tmp/govkg-bench/snapshot"))
    ap.add_argument("--relationships", type=int, default=100_000)
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument("--sample", type=int, default=5000, help="relationships loaded row by row")
    ap.add_argument("--no-fallback", action="store_true",
                    help="fail instead of using the example gold triples when the extractor is missing")
    ap.add_argument("--clear", action="store_true", help="required: the target database is emptied")
    args = ap.parse_args(argv)
    if not args.clear:
        ap.error("this benchmark deletes everything in the target database; pass --clear to agree")

    from govkg.graph.neo4j import (clear_database, connect, database_counts, load_snapshot,
                                   load_snapshot_row_by_row)
    counts = build_big_snapshot(args.out, args.relationships, fallback=not args.no_fallback)
    print(f"server {args.uri}; client machine: {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f} (the figures below are wall-clock and move with it)")
    from govkg.graph.password import resolve
    with connect(args.uri, args.user, resolve(uri=args.uri)) as driver:  # NEO4J_PASSWORD or the stored one
        clear_database(driver)
        res = load_snapshot(driver, args.out, batch_size=args.batch_size)
        db = database_counts(driver)
        assert (db["nodes"], db["relationships"]) == (counts["nodes"], counts["relationships"]), db
        batched = res["relationships"] / res["seconds"]["relationships"]
        print(f"batched     (batch {args.batch_size}): {res['relationships']} relationships in "
              f"{res['seconds']['relationships']:.2f} s = {batched:,.0f} rels/s "
              f"(+ {res['nodes']} nodes in {res['seconds']['nodes']:.2f} s)")
        clear_database(driver)
        res = load_snapshot_row_by_row(driver, args.out, limit=args.sample)
        naive = res["relationships"] / res["seconds"]["relationships"]
        print(f"row by row  (sample of {res['relationships']}): {res['relationships']} relationships in "
              f"{res['seconds']['relationships']:.2f} s = {naive:,.0f} rels/s "
              f"(+ {res['nodes']} nodes in {res['seconds']['nodes']:.2f} s)")
        print(f"ratio batched / row by row: {batched / naive:.1f}x")
        clear_database(driver)
    return 0


if __name__ == "__main__":
    sys.exit(main())
