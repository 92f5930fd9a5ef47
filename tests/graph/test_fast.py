"""igraph centrality and Leiden communities agree with networkx on the same graph."""
from __future__ import annotations

import networkx as nx
import numpy as np

from govkg.graph import analysis, fast


def weighted_graph(n=1500, seed=4):
    G = nx.barabasi_albert_graph(n, 3, seed=seed)
    for u, v in G.edges():
        G.edges[u, v]["weight"] = 1 + (u * 7 + v) % 4
    for v in G:
        G.nodes[v].update(name=f"人{v}", posts=[f"职务{v % 9}"], events=v % 5)
    return G


def test_igraph_report_matches_networkx():
    G = weighted_graph()
    nxr = analysis.centrality_report(G, k=64, seed=3)                 # networkx (small graph)
    igr = analysis.fast_report(G, weight="weight", top=None, k=64, seed=3, sort="degree",
                               exact_limit=analysis.EXACT_LIMIT)
    assert igr["metadata"]["backend"] == "igraph" and igr["metadata"]["betweenness"]["k"] == 64
    a = {r["id"]: r for r in nxr["rows"]}
    b = {r["id"]: r for r in igr["rows"]}
    for m in analysis.METRICS:   # the same pivots, the same normalisation
        x, y = np.array([a[v][m] for v in G]), np.array([b[v][m] for v in G])
        tol = 3e-3 if m in ("pagerank", "eigenvector") else 1e-6   # networkx iterates to tol 1e-6
        assert np.allclose(x, y, rtol=tol, atol=1e-7), m
    assert [r["id"] for r in nxr["rows"][:20]] == [r["id"] for r in igr["rows"][:20]]
    assert b[0]["name"] == "人0" and b[0]["posts"] == ["职务0"]


def test_large_graphs_go_to_igraph(monkeypatch):
    G = weighted_graph(400)
    monkeypatch.setattr(analysis, "IGRAPH_LIMIT", 100)
    r = analysis.centrality_report(G, top=5)
    assert r["metadata"]["backend"] == "igraph" and len(r["rows"]) == 5
    g = fast.from_edges(4, np.array([[0, 1], [1, 2], [2, 3]]), names=list("甲乙丙丁"))
    r = analysis.centrality_report(g, sort="betweenness")
    assert [row["name"] for row in r["rows"][:2]] == ["乙", "丙"] and r["rows"][0]["betweenness"] == 2 / 3


def test_leiden_communities_are_seeded_and_good():
    G = weighted_graph(2000)
    a = analysis.communities(G, method="leiden", seed=1)
    b = analysis.communities(G, method="leiden", seed=1)
    lou = analysis.communities(G, method="louvain", seed=1)
    assert a["rows"] == b["rows"] and a["metadata"]["method"].startswith("leiden")
    assert a["metadata"]["modularity"] > 0.9 * lou["metadata"]["modularity"] > 0
    members = [set(r["member_ids"]) for r in a["rows"]]
    assert sum(map(len, members)) + a["metadata"]["smaller_than_min_size"] >= len(set().union(*members))
    ours = fast.modularity(fast.to_igraph(G)[0], [next(i for i, m in enumerate(members) if v in m)
                                                  for v in G], weighted=True)
    assert abs(ours - a["metadata"]["modularity"]) < 1e-9
