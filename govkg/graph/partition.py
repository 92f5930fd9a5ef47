"""Communities of people: networkx's Louvain for small graphs, igraph's Leiden for large ones.

:func:`partition` returns the communities as node sets; :func:`modularity_of` their
modularity, computed by the library that found them.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Dict, List, Optional

import networkx as nx

from govkg.graph.filters import FilterError

#: above this many people communities come from Leiden (igraph) instead of networkx's Louvain
LOUVAIN_LIMIT = 20_000
METHOD_NAMES = {"louvain": "louvain (networkx.community.louvain_communities)",
                "leiden": "leiden (igraph community_leiden, modularity)"}


def community_method(P: nx.Graph, method: str) -> str:
    if method not in ("auto", "louvain", "leiden"):
        raise FilterError(f"unknown community method {method!r}; choose auto, louvain or leiden")
    if method == "auto":
        return "louvain" if P.number_of_nodes() <= LOUVAIN_LIMIT else "leiden"
    return method


def partition(P: nx.Graph, *, weight: Optional[str] = "weight", seed: int = 0, resolution: float = 1.0,
              method: str = "auto") -> List[set]:
    """Communities of ``P`` (list of node sets): networkx Louvain, or igraph's Leiden.

    ``auto`` is Louvain up to :data:`LOUVAIN_LIMIT` nodes and Leiden (modularity,
    igraph ``community_leiden``, seeded) above, where Louvain takes minutes.

    Examples
    --------
    >>> sorted(map(sorted, partition(nx.barbell_graph(3, 0), method="leiden")))
    [[0, 1, 2], [3, 4, 5]]
    """
    method = community_method(P, method)
    if not P.number_of_nodes():
        return []
    if method == "louvain":
        return nx.community.louvain_communities(P, weight=weight, resolution=resolution, seed=seed)
    from govkg.graph.fast import leiden, to_igraph
    g, nodes = to_igraph(P, weight=weight)
    groups: Dict[int, set] = defaultdict(set)
    for v, c in zip(nodes, leiden(g, seed=seed, resolution=resolution, weighted=bool(weight))):
        groups[c].add(v)
    return [groups[c] for c in sorted(groups)]


def modularity_of(P: nx.Graph, parts: List[set], weight: Optional[str], resolution: float, method: str) -> float:
    if method == "louvain":
        return nx.community.modularity(P, parts, weight=weight, resolution=resolution)
    from govkg.graph.fast import modularity, to_igraph
    g, nodes = to_igraph(P, weight=weight)
    member = {v: i for i, part in enumerate(parts) for v in part}
    return modularity(g, [member[v] for v in nodes], weighted=bool(weight), resolution=resolution)
