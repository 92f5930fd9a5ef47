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
    .venv/bin/python bench/centrality_bench.py --igraph --sizes 100000,1000000   # issue 10

With ``--igraph`` the same model is generated with numpy straight into an igraph graph
(:func:`coparticipation_arrays`; a networkx graph of 10^7 ties would need tens of GB),
the report is ``centrality_report`` on that graph (igraph backend, the same measures
and normalisation as networkx, sampled betweenness stated in the output) and the
communities are Leiden's (``govkg.graph.fast.leiden``) with their modularity.

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


def coparticipation_arrays(n: int, *, seed: int = 0):
    """The same model as :func:`coparticipation`, vectorised: ``(edges (m, 2), weights (m,))``."""
    rng = np.random.default_rng(seed)
    activity = rng.pareto(ALPHA, size=n) + 1.0
    cdf = np.cumsum(activity / activity.sum())
    sizes = meeting_sizes(rng, max(1, int(MEETINGS_PER_PERSON * n)))
    seats = np.minimum(np.searchsorted(cdf, rng.random(int(sizes.sum()))), n - 1)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    keys = []
    for s in np.unique(sizes):
        rows = np.sort(seats[starts[sizes == s][:, None] + np.arange(s)], axis=1)
        i, j = np.triu_indices(s, 1)
        a, b = rows[:, i].ravel(), rows[:, j].ravel()
        dup = np.zeros(rows.shape, dtype=bool)       # a person seated twice in one meeting counts once
        dup[:, 1:] = rows[:, 1:] == rows[:, :-1]
        ok = (a != b) & ~dup[:, i].ravel() & ~dup[:, j].ravel()
        keys.append(a[ok].astype(np.int64) * n + b[ok])
    uniq, weights = np.unique(np.concatenate(keys), return_counts=True)
    return np.stack([uniq // n, uniq % n], axis=1), weights


def run_igraph(sizes, *, seed: int = 0):
    from govkg.graph import fast
    results = []
    for n in sizes:
        t0 = time.perf_counter()
        edges, weights = coparticipation_arrays(n, seed=seed)
        g = fast.from_edges(n, edges, weights, names=[f"P{v}" for v in range(n)])
        gen = time.perf_counter() - t0
        degrees = np.asarray(g.degree())
        t0 = time.perf_counter()
        rep = centrality_report(g, top=20, seed=seed)
        total = time.perf_counter() - t0
        meta = rep["metadata"]
        print(f"{n:>9,} people {g.ecount():>10,} ties: report {total:.1f} s "
              f"(betweenness {meta['betweenness']['method']} k={meta['betweenness'].get('k')}, "
              f"seconds {meta['seconds']})", flush=True)
        t0 = time.perf_counter()
        member = fast.leiden(g, seed=seed)
        leiden_s = time.perf_counter() - t0
        q = fast.modularity(g, member)
        results.append({
            "people": n, "ties": g.ecount(), "mean_degree": round(float(degrees.mean()), 2),
            "median_degree": int(np.median(degrees)), "max_degree": int(degrees.max()),
            "isolated": int((degrees == 0).sum()), "betweenness": meta["betweenness"]["method"],
            "k": meta["betweenness"].get("k"), "eigenvector": meta["eigenvector"]["method"],
            "seconds": {k: round(v, 2) for k, v in meta["seconds"].items()},
            "report_seconds": round(total, 2), "generate_seconds": round(gen, 2),
            "leiden_seconds": round(leiden_s, 2), "communities": len(set(member)), "modularity": round(q, 4)})
        print(_row(results[-1]) + f"  leiden {leiden_s:.1f}s: {len(set(member)):,} communities, "
              f"modularity {q:.3f}", flush=True)
    return results


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
    ap.add_argument("--igraph", action="store_true", help="generate into igraph, report with the igraph backend")
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",") if x]
    import os
    print(f"python {platform.python_version()}, networkx {nx.__version__}, "
          f"{platform.machine()} {platform.system()}, load average {os.getloadavg()[0]:.2f}", flush=True)
    if args.igraph:
        results = run_igraph(sizes, seed=args.seed)
        if args.json:
            with open(args.json, "w", encoding="utf-8") as fh:
                json.dump(results, fh, indent=2)
        return 0 if results[-1]["report_seconds"] + results[-1]["leiden_seconds"] < 600 else 1
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=2)
    return 0 if results[-1]["report_seconds"] < 60 else 1


if __name__ == "__main__":
    sys.exit(main())
