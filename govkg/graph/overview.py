"""What the HTML page shows of a graph too large to draw whole.

Above :data:`MAX_NODES` nodes a browser page of the whole typed graph is slow to open
and tens of megabytes large, so :func:`html_view` picks a view and says which:

* ``top``: the most connected people (by the number of distinct meetings, places and
  posts they are linked to) with their best-connected neighbours, as typed nodes;
* ``communities``: one node per community of the co-participation graph (Leiden,
  :func:`govkg.graph.analysis.partition`), sized by members, labelled with its best
  connected members, tied by the number of ties between communities;
* ``focus``: the ego network of the people named ``focus``, within ``hops`` links.

Every view has at most ``max_nodes`` nodes. Each function is ``f(G, ...) -> (H, note)``:
the graph to draw and one sentence saying what was left out, shown in the page.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Dict, List, Optional, Tuple

import networkx as nx

from govkg.graph.filters import FilterError

MAX_NODES = 2000
VIEWS = ("auto", "full", "top", "communities")


def _undirected_degree(G: nx.Graph) -> Dict[Any, int]:
    """Distinct neighbours of each node (parallel edges count once)."""
    nbrs: Dict[Any, set] = defaultdict(set)
    for u, v in G.edges():
        nbrs[u].add(v)
        nbrs[v].add(u)
    return {n: len(nbrs.get(n, ())) for n in G}


def top_people(G: nx.Graph, *, max_nodes: int = MAX_NODES) -> Tuple[nx.Graph, str]:
    """The most connected people and their best-connected neighbours (Articles left out)."""
    deg = _undirected_degree(G)
    people = sorted((n for n, d in G.nodes(data=True) if d.get("label") == "Person"),
                    key=lambda n: (-deg[n], str(G.nodes[n].get("name", n))))
    keep: Dict[Any, None] = {}
    share = max(3, max_nodes // 200)   # neighbours per person at most: many people, their main ties
    for p in people:
        if len(keep) >= max_nodes:
            break
        keep[p] = None
        nbrs = {v for v in _neighbours(G, p) if G.nodes[v].get("label") != "Article"}
        for v in sorted(nbrs, key=lambda v: (-deg[v], str(v)))[:share]:
            if len(keep) >= max_nodes:
                break
            keep[v] = None
    H = G.subgraph(keep).copy()
    shown = sum(1 for n in H if H.nodes[n].get("label") == "Person")
    note = (f"Overview: the {shown:,} most connected of {len(people):,} people with their best-connected "
            f"meetings, posts and places ({H.number_of_nodes():,} of {G.number_of_nodes():,} nodes); "
            f"for one person use --focus NAME --hops K, for the whole graph --format graphml or gexf.")
    return H, note


def _neighbours(G: nx.Graph, n: Any):
    if G.is_directed():
        yield from G.successors(n)
        yield from G.predecessors(n)
    else:
        yield from G.neighbors(n)


def ego(G: nx.Graph, focus: str, *, hops: int = 2, max_nodes: int = MAX_NODES) -> Tuple[nx.Graph, str]:
    """Everything within ``hops`` links of the people named ``focus``, nearest first."""
    seeds = [n for n, d in G.nodes(data=True) if d.get("name") == focus and d.get("label") == "Person"]
    seeds = seeds or [n for n, d in G.nodes(data=True) if d.get("name") == focus]
    if not seeds:
        raise FilterError(f"--focus {focus!r}: no node of that name in the graph")
    seen = dict.fromkeys(seeds, 0)
    frontier = list(seeds)
    cut = False
    for depth in range(1, hops + 1):
        nxt = []
        for u in frontier:
            for v in sorted(set(_neighbours(G, u)), key=str):
                if v not in seen:
                    if len(seen) >= max_nodes:
                        cut = True
                        break
                    seen[v] = depth
                    nxt.append(v)
        frontier = nxt
    H = G.subgraph(seen).copy()
    note = f"Ego network of {focus}: {H.number_of_nodes():,} nodes within {hops} links"
    note += f" (cut at {max_nodes:,} nodes, nearest first)." if cut else "."
    return H, note


def communities_view(G: nx.Graph, *, max_nodes: int = MAX_NODES, seed: int = 0) -> Tuple[nx.Graph, str]:
    """One node per community of people (Leiden on the co-participation graph)."""
    from govkg.graph.analysis import partition
    from govkg.graph.views import coparticipation_graph
    P = coparticipation_graph(G)
    parts = sorted(partition(P, seed=seed), key=lambda c: (-len(c), min(map(str, c))))
    member_of = {v: i for i, part in enumerate(parts) for v in part}
    strength = dict(P.degree(weight="weight"))
    shown = parts[:max_nodes]
    H = nx.MultiDiGraph()
    for i, part in enumerate(shown):
        top = sorted(part, key=lambda v: (-strength[v], str(P.nodes[v].get("name", v))))[:3]
        names = [str(P.nodes[v].get("name", v)) for v in top]
        H.add_node(f"community:{i + 1}", label="Community", name=f"{'、'.join(names)} 等 {len(part)} 人",
                   members=len(part), posts=names)
    ties: Counter = Counter()
    for a, b, d in P.edges(data=True):
        i, j = member_of[a], member_of[b]
        if i != j and i < max_nodes and j < max_nodes:
            ties[min(i, j), max(i, j)] += d.get("weight", 1)
    for (i, j), w in ties.items():
        H.add_edge(f"community:{i + 1}", f"community:{j + 1}", key=f"ties:{i}:{j}", type="TIES",
                   evidence=f"{w} shared events between the two communities", count=w)
    note = (f"Overview: {len(shown):,} of {len(parts):,} communities of {P.number_of_nodes():,} people "
            f"(Leiden on who shares meetings and inspected places); node size = members, links = "
            f"shared events between communities; use --focus NAME --hops K to see one person.")
    return H, note


def html_view(G: nx.Graph, *, view: str = "auto", focus: Optional[str] = None, hops: int = 2,
              max_nodes: int = MAX_NODES) -> Tuple[nx.Graph, Optional[str]]:
    """The graph the HTML page draws and the note saying what it is (None: the whole graph)."""
    if view not in VIEWS:
        raise FilterError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
    if focus:
        return ego(G, focus, hops=hops, max_nodes=max_nodes)
    if view == "full" or (view == "auto" and G.number_of_nodes() <= max_nodes):
        return G, None
    if view == "communities":
        return communities_view(G, max_nodes=max_nodes)
    return top_people(G, max_nodes=max_nodes)


def collapse_edges(G: nx.Graph) -> List[Dict[str, Any]]:
    """One record per (start, end, type): the first evidence and the number of relationships."""
    out: Dict[Tuple[Any, Any, str], Dict[str, Any]] = {}
    edges = G.edges(keys=True, data=True) if G.is_multigraph() else \
        ((u, v, i, d) for i, (u, v, d) in enumerate(G.edges(data=True)))
    for u, v, k, d in edges:
        key = (u, v, d.get("type", ""))
        rec = out.get(key)
        if rec is None:
            out[key] = {"id": str(d.get("id", k)), "source": str(u), "target": str(v),
                        "type": d.get("type", ""), "evidence": d.get("evidence"),
                        "article": d.get("article_id"), "count": d.get("count", 1)}
        else:
            rec["count"] += d.get("count", 1)
    return list(out.values())
