"""Time ``centrality_report`` on synthetic co-participation graphs of growing size.

Random model (a bipartite Chung-Lu / configuration-like model of who attends what):

* ``n`` people, each with an activity weight drawn from a Pareto law with shape
  ``alpha=2.0`` (a few officials go to very many meetings, most to a few);
* ``0.6 n`` meetings; each meeting's size is drawn from a discrete power law
  ``P(s) ~ s^-2.5`` on ``2..60`` (most meetings are small, a few are large
  plenary sessions);
* each seat of a meeting goes to a person drawn with probability proportional
  to the activity weight (repeats within one meeting are dropped);
* the co-participation graph joins two people for every meeting they share,
  ``weight`` = number of shared meetings (exactly what
  ``govkg.graph.views.coparticipation_graph`` builds from a snapshot).

The result has a heavy-tailed degree distribution (a few hubs with hundreds of
ties, median degree of a few) and overlapping cliques, as in the real graph.

Usage::

    .venv/bin/python bench/centrality_bench.py [--sizes 1000,10000,100000] [--seed 0] [--json FILE]

Prints one row per size: people, ties, mean/max degree, betweenness method and
pivots, seconds per metric and in total; then how time grows with size
(exponent ``b`` of ``time ~ n^b`` between consecutive sizes).
"""
from __future__ import annotations

import argparse
import json
import math
import platform
import sys
import time
from collections import Counter
from itertools import combinations

import networkx as nx
import numpy as np

from govkg.graph.analysis import centrality_report

ALPHA = 2.0          # Pareto shape of people's activity
MEETINGS_PER_PERSON = 0.6
SIZE_EXPONENT = 2.5  # P(meeting size = s) ~ s^-2.5
SIZE_MIN, SIZE_MAX = 2, 60


def meeting_sizes(rng: np.random.Generator, count: int) -> np.ndarray:
    s = np.arange(SIZE_MIN, SIZE_MAX + 1)
    p = s.astype(float) ** -SIZE_EXPONENT
    return rng.choice(s, size=count, p=p / p.sum())


def coparticipation(n: int, *, seed: int = 0) -> nx.Graph:
    """A synthetic co-participation graph of ``n`` people (model in the module docstring)."""
    rng = np.random.default_rng(seed)
    activity = rng.pareto(ALPHA, size=n) + 1.0
    cdf = np.cumsum(activity / activity.sum())
    sizes = meeting_sizes(rng, max(1, int(MEETINGS_PER_PERSON * n)))
    seats = np.minimum(np.searchsorted(cdf, rng.random(int(sizes.sum()))), n - 1)
    pairs: Counter = Counter()
    start = 0
    for s in sizes:
        people = sorted(set(seats[start:start + s].tolist()))
        start += s
        pairs.update(combinations(people, 2))
    G = nx.Graph()
    G.add_nodes_from(range(n), label="Person")
    G.add_weighted_edges_from((a, b, w) for (a, b), w in pairs.items())
    for v in G:
        G.nodes[v]["name"] = f"P{v}"
    return G


def run(sizes, *, seed: int = 0):
    results = []
    for n in sizes:
        t0 = time.perf_counter()
        G = coparticipation(n, seed=seed)
        gen = time.perf_counter() - t0
        degrees = [d for _, d in G.degree()]
        t0 = time.perf_counter()
        rep = centrality_report(G, top=20, seed=seed)
        total = time.perf_counter() - t0
        meta = rep["metadata"]
        results.append({
            "people": n, "ties": G.number_of_edges(),
            "mean_degree": round(sum(degrees) / n, 2), "median_degree": int(np.median(degrees)),
            "max_degree": max(degrees), "isolated": sum(1 for d in degrees if d == 0),
            "betweenness": meta["betweenness"]["method"], "k": meta["betweenness"].get("k"),
            "eigenvector": meta["eigenvector"]["method"],
            "seconds": {k: round(v, 2) for k, v in meta["seconds"].items()},
            "report_seconds": round(total, 2), "generate_seconds": round(gen, 2)})
        print(_row(results[-1]), flush=True)
    for a, b in zip(results, results[1:]):
        exp = math.log(b["report_seconds"] / max(a["report_seconds"], 1e-9)) / math.log(b["people"] / a["people"])
        print(f"growth {a['people']:>7,} -> {b['people']:>7,} people: time x{b['report_seconds'] / max(a['report_seconds'], 1e-9):.1f}"
              f"  (~ n^{exp:.2f})")
    return results


def _row(r) -> str:
    s = r["seconds"]
    return (f"{r['people']:>7,} people {r['ties']:>9,} ties  deg mean {r['mean_degree']:>5} "
            f"median {r['median_degree']:>2} max {r['max_degree']:>5}  "
            f"betweenness {r['betweenness']}{'' if r['k'] is None else ' k=' + str(r['k'])}  "
            f"[deg {s['degree']:.2f} wdeg {s['weighted_degree']:.2f} btw {s['betweenness']:.2f} "
            f"eig {s['eigenvector']:.2f} pr {s['pagerank']:.2f}]  report {r['report_seconds']:.2f}s "
            f"(graph generated in {r['generate_seconds']:.1f}s)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated people counts")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",") if x]
    print(f"python {platform.python_version()}, networkx {nx.__version__}, "
          f"{platform.machine()} {platform.system()}", flush=True)
    results = run(sizes, seed=args.seed)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=2)
    return 0 if results[-1]["report_seconds"] < 60 else 1


if __name__ == "__main__":
    sys.exit(main())
