"""Centrality and modularity of large people graphs with igraph (C), for 10^5-10^6 people.

networkx holds about a kilobyte per edge and runs its algorithms in Python; at a million
people (ten million ties) that is tens of gigabytes and hours. igraph keeps the graph in
integer arrays and runs the same measures in C. :func:`centrality_values` gives the values
:func:`govkg.graph.analysis.centrality_report` reports, computed the same way as
networkx does (same normalisation; betweenness sampled from ``k`` seeded pivots and
scaled by ``n / k``, as ``networkx.betweenness_centrality(G, k=k)``), so small and large
graphs give comparable reports.
"""
from __future__ import annotations

import random
import time
from typing import Any, Dict, List, Optional, Sequence, Tuple

import networkx as nx
import numpy as np


def to_igraph(P: nx.Graph, *, weight: Optional[str] = "weight") -> Tuple[Any, List[Any]]:
    """``(igraph.Graph, nodes)``: ``P`` with vertices numbered in ``nodes`` order, edge attribute ``weight``.

    Examples
    --------
    >>> g, nodes = to_igraph(nx.path_graph(3))
    >>> g.vcount(), g.ecount(), g.es["weight"]
    (3, 2, [1.0, 1.0])
    """
    import igraph as ig
    nodes = list(P)
    index = {v: i for i, v in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in P.edges()]
    g = ig.Graph(n=len(nodes), edges=edges)
    g.es["weight"] = [float(d.get(weight, 1) if weight else 1) for _, _, d in P.edges(data=True)]
    return g, nodes


def from_edges(n: int, edges: np.ndarray, weights: Optional[np.ndarray] = None, *,
               names: Optional[Sequence[str]] = None) -> Any:
    """An igraph.Graph of ``n`` people from an ``(m, 2)`` array of ties (no networkx in between)."""
    import igraph as ig
    g = ig.Graph(n=n, edges=np.asarray(edges, dtype=np.int64), directed=False)
    g.es["weight"] = (np.ones(len(edges)) if weights is None else np.asarray(weights, dtype=float)).tolist()
    if names is not None:
        g.vs["name"] = list(names)
    return g


def pivots(n: int, k: int, seed: int) -> List[int]:
    """The ``k`` betweenness pivots, drawn with ``random.Random(seed)``."""
    return sorted(random.Random(seed).sample(range(n), k))


def centrality_values(g: Any, *, k: Optional[int], seed: int = 0, weighted: bool = True
                      ) -> Tuple[Dict[str, np.ndarray], Dict[str, Any]]:
    """Degree, weighted degree, betweenness, eigenvector and PageRank of every vertex of ``g``.

    Returns the values (arrays in vertex order) and the metadata (methods, seconds).
    ``k`` pivots give sampled betweenness; ``None`` exact.
    """
    n = g.vcount()
    w = "weight" if weighted and "weight" in g.es.attributes() else None
    values: Dict[str, np.ndarray] = {}
    meta: Dict[str, Any] = {"seconds": {}, "backend": "igraph"}

    def timed(name, fn):
        t0 = time.perf_counter()
        values[name] = np.asarray(fn(), dtype=float)
        meta["seconds"][name] = round(time.perf_counter() - t0, 4)

    timed("degree", lambda: g.degree())
    timed("weighted_degree", lambda: g.strength(weights=w) if w else g.degree())
    norm = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    if k is not None and k < n:
        chosen = pivots(n, k, seed)
        meta["betweenness"] = {"method": "sampled", "k": k, "seed": seed, "normalized": True,
                               "pivots": "random.Random(seed).sample(range(n), k)"}
        timed("betweenness", lambda: _sampled_betweenness(g, chosen))
    else:
        meta["betweenness"] = {"method": "exact", "normalized": True}
        timed("betweenness", lambda: np.asarray(g.betweenness(directed=False)) * norm)
    timed("eigenvector", lambda: _eigenvector(g, w))
    meta["eigenvector"] = {"method": "igraph eigenvector_centrality (ARPACK), scaled to unit length"}
    timed("pagerank", lambda: g.pagerank(damping=0.85, weights=w))
    meta["pagerank"] = {"method": "igraph pagerank (PRPACK)", "alpha": 0.85}
    return values, meta


def _sampled_betweenness(g: Any, chosen: List[int]) -> np.ndarray:
    """Normalised like networkx 3.6 ``betweenness_centrality(G, k)``: the sum over the ``k`` pivots
    divided by ``k (n - 2)`` pairs, ``(k - 1)(n - 2)`` for a pivot itself."""
    n, k = g.vcount(), len(chosen)
    raw = 2.0 * np.asarray(g.betweenness(directed=False, sources=chosen))  # igraph halves undirected counts
    out = raw / (k * (n - 2)) if n > 2 else raw
    if n > 2 and k > 1:
        out[chosen] = raw[chosen] / ((k - 1) * (n - 2))
    return out


def _eigenvector(g: Any, w: Optional[str]) -> np.ndarray:
    # networkx normalises to unit Euclidean length; igraph to max 1. On a graph of several
    # components igraph warns that small ones get ~0, as networkx's numpy version gives them
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        v = np.asarray(g.eigenvector_centrality(weights=w), dtype=float)
    norm = float(np.linalg.norm(v))
    return v / norm if norm else v


def modularity(g: Any, membership: Sequence[int], *, weighted: bool = True, resolution: float = 1.0) -> float:
    """Modularity of a partition given as one community number per vertex."""
    w = "weight" if weighted and "weight" in g.es.attributes() else None
    return float(g.modularity(list(membership), weights=w, resolution=resolution))


#: Leiden passes; each refines the last (igraph's default is 2; -1 runs until nothing changes,
#: which took minutes on a million people, bench/README.md)
LEIDEN_ITERATIONS = 4


def leiden(g: Any, *, seed: int = 0, resolution: float = 1.0, weighted: bool = True,
           iterations: int = LEIDEN_ITERATIONS) -> List[int]:
    """Leiden communities (modularity) of ``g``: one community number per vertex, seeded."""
    state = random.getstate()
    random.seed(seed)   # igraph draws from Python's random module
    try:
        clusters = g.community_leiden(objective_function="modularity", resolution=resolution,
                                      n_iterations=iterations,
                                      weights="weight" if weighted and "weight" in g.es.attributes() else None)
    finally:
        random.setstate(state)
    return list(clusters.membership)


def report(g: Any, *, metrics: Sequence[str], counts: Sequence[str], k: Optional[int], seed: int,
           sort: str, top: Optional[int], weighted: bool = True) -> Tuple[List[Dict[str, Any]], Dict[str, Any]]:
    """Rows (ranked, the first ``top``) and metadata of a centrality report on an igraph graph.

    Vertex attributes ``id``, ``name``, ``posts`` and the ``counts`` are used when present.
    """
    values, meta = centrality_values(g, k=k, seed=seed, weighted=weighted)
    attrs = set(g.vs.attributes())
    zeros = np.zeros(g.vcount())
    events = np.asarray(g.vs["events"], dtype=float) if "events" in attrs else zeros
    order = np.lexsort((-events, -values["weighted_degree"], -values[sort]))  # last key sorts first
    if top is not None:
        order = order[:top]
    rows = []
    for rank, i in enumerate(order.tolist(), 1):
        v = g.vs[i]
        row: Dict[str, Any] = {"rank": rank, "id": v["id"] if "id" in attrs else i,
                               "name": v["name"] if "name" in attrs else str(i),
                               "posts": list(v["posts"] or []) if "posts" in attrs else []}
        for metric in metrics:
            x = float(values[metric][i])
            row[metric] = int(x) if metric == "degree" else x
        for c in counts:
            row[c] = int(v[c] or 0) if c in attrs else 0
        rows.append(row)
    return rows, meta


def igraph_people(P: nx.Graph, *, weight: Optional[str], counts: Sequence[str]) -> Any:
    """``P`` as an igraph graph carrying the attributes a report shows."""
    g, nodes = to_igraph(P, weight=weight)
    g.vs["id"] = nodes
    data = [P.nodes[v] for v in nodes]
    g.vs["name"] = [d.get("name", str(v)) for v, d in zip(nodes, data)]
    g.vs["posts"] = [list(d.get("posts") or []) for d in data]
    for c in counts:
        g.vs[c] = [int(d.get(c, 0)) for d in data]
    return g


def centrality_report(G: Any, *, weight: Optional[str], top: Optional[int], k: Optional[int], seed: int,
                      sort: str, exact_limit: int) -> Dict[str, Any]:
    """The report of :func:`govkg.graph.analysis.centrality_report`, computed with igraph.

    ``G`` is an igraph graph (vertex attributes ``id``, ``name``, ``posts`` and the counts
    used when present) or a networkx people graph, converted first.
    """
    from govkg.graph.analysis import COUNTS, METRICS, sample_size
    t0 = time.perf_counter()
    g = G if type(G).__module__.startswith("igraph") else igraph_people(G, weight=weight, counts=COUNTS)
    n, m = g.vcount(), g.ecount()
    if k is None and n > exact_limit:
        k = sample_size(n, m)
    rows, meta = report(g, metrics=METRICS, counts=COUNTS, k=k, seed=seed, sort=sort, top=top,
                        weighted=bool(weight))
    meta["seconds"]["convert"] = round(time.perf_counter() - t0 - sum(meta["seconds"].values()), 4)
    meta.update({"graph": "co-participation (people sharing meetings or inspected places)", "nodes": n,
                 "edges": m, "weight": weight, "sort": sort, "top": top, "filters": {}})
    meta["betweenness"]["exact_limit"] = exact_limit
    columns = ["rank", "name", "posts", *METRICS, *COUNTS]
    return {"kind": "centrality", "metadata": meta, "columns": columns,
            "rows": [{c: r[c] for c in ["rank", "id", *columns[1:]]} for r in rows]}
