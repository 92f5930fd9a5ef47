"""HTML export of a large snapshot, and layout time against edges.

1. Builds (if missing) the snapshot of a ``--mb`` megabyte corpus (``bench/make_corpus.py``,
   jieba, two workers), then times ``govkg export --snapshot SNAP --format html`` in a
   fresh process, reports the page's size and what the page says it shows, and opens it
   in headless Chromium (``tests/graph/chromium_cdp.py``): seconds until the graph is
   drawn, console errors (there must be none) and requests (none: the page is offline).
2. Times ``govkg.graph.export.layout`` on random heavy-tailed graphs of growing edge
   counts (one component each, above the 2,500 nodes where the grid layout takes over)
   and prints the growth exponent: time ~ edges^b.

    .venv/bin/python bench/export_bench.py [--mb 16] [--edges 20000,40000,80000,160000]
"""
from __future__ import annotations

import argparse
import json
import math
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "graph"))
GOVKG = [sys.executable, "-c", "from govkg.cli import run; run()"]


def snapshot(mb: float, work: Path) -> Path:
    from make_corpus import make
    corpus, snap = work / f"corpus-{mb:g}", work / f"snap-{mb:g}-jieba"
    if not corpus.is_dir():
        make(corpus, mb)
    if not (snap / "snapshot.json").exists():
        subprocess.run(GOVKG + ["build", str(corpus), "--out", str(snap), "--segmenter", "jieba",
                                "--workers", "2"], check=True)
    return snap


def export_html(snap: Path, out: Path) -> dict:
    t0 = time.perf_counter()
    r = subprocess.run(GOVKG + ["export", "--snapshot", str(snap), "--format", "html", "-o", str(out)],
                       capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if r.returncode:
        raise SystemExit(r.stderr[-2000:])
    text = out.read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script id="govkg-data" type="application/json">(.*?)</script>',
                                text, re.S).group(1))
    from chromium_cdp import open_page
    t1 = time.perf_counter()
    res = open_page(out.resolve().as_uri(), ready="window.govkg && window.govkg.ready", timeout=120,
                    values={"nodes": "window.govkg.nodes.length", "edges": "window.govkg.edges.length"})
    return {"export_seconds": round(wall, 1), "mb": round(out.stat().st_size / 1e6, 2), "graph": r.stdout.strip(),
            "note": data["note"], "drawn_nodes": res.values["nodes"], "drawn_edges": res.values["edges"],
            "chromium_seconds": round(time.perf_counter() - t1, 1), "console_errors": res.errors,
            "requests": res.requests}


def layout_scaling(edge_counts) -> list:
    import networkx as nx
    from govkg.graph.export import layout
    rows = []
    for m in edge_counts:
        G = nx.barabasi_albert_graph(m // 3, 3, seed=1)
        t0 = time.perf_counter()
        layout(G)
        rows.append((G.number_of_nodes(), G.number_of_edges(), time.perf_counter() - t0))
        print(f"layout: {rows[-1][0]:>7,} nodes {rows[-1][1]:>8,} edges  {rows[-1][2]:6.2f} s", flush=True)
    for (n0, m0, t0), (n1, m1, t1) in zip(rows, rows[1:]):
        print(f"  {m0:,} -> {m1:,} edges: time x{t1 / t0:.2f} (~ edges^{math.log(t1 / t0) / math.log(m1 / m0):.2f})")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=16)
    ap.add_argument("--edges", default="20000,40000,80000,160000")
    ap.add_argument("--work", type=Path, default=Path("/tmp/govkg-bench"))
    args = ap.parse_args()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    snap = snapshot(args.mb, args.work)
    res = export_html(snap, args.work / f"graph-{args.mb:g}.html")
    print(json.dumps(res, ensure_ascii=False, indent=1), flush=True)
    layout_scaling([int(x) for x in args.edges.split(",")])
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
