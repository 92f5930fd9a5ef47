"""HTML pages of graphs too large to draw whole: overviews that say so, and open in Chromium."""
from __future__ import annotations

import json
import random
import re

import networkx as nx
import pytest

from govkg.graph.export import export
from govkg.graph.overview import MAX_NODES, ego, html_view
from govkg.graph.views import FilterError

READY = "window.govkg && window.govkg.ready"


def big_typed_graph(people=2400, meetings=1200, seed=3):
    """A typed graph of made-up officials and meetings, heavy-tailed, with evidence on every edge."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    for p in range(people):
        G.add_node(f"p{p}", label="Person", name=f"官员{p:05d}")
    for m in range(meetings):
        G.add_node(f"m{m}", label="Meeting", name=f"第{m}次工作推进会")
        size = min(people, int(2 + rng.paretovariate(1.6)))
        for p in {int(people * rng.random() ** 3) for _ in range(size)}:   # low numbers are hubs
            G.add_edge(f"p{p}", f"m{m}", key=f"r{p}-{m}", id=f"r{p}-{m}", type="ATTENDED",
                       evidence=f"官员{p:05d}出席第{m}次工作推进会并讲话，强调要抓好落实。" * 2)
    for p in range(0, people, 3):
        G.add_node(f"q{p % 50}", label="Position", name=f"职务{p % 50}")
        G.add_edge(f"p{p}", f"q{p % 50}", key=f"h{p}", id=f"h{p}", type="HOLDS", evidence=f"职务{p % 50}官员{p:05d}")
    return G


@pytest.fixture(scope="module")
def big():
    return big_typed_graph()


def test_small_graphs_are_drawn_whole(big):
    small = big.subgraph([f"p{i}" for i in range(30)] + [f"m{i}" for i in range(30)]).copy()
    H, note = html_view(small)
    assert H is small and note is None


def test_top_people_overview(big):
    assert big.number_of_nodes() > MAX_NODES
    H, note = html_view(big)
    assert H.number_of_nodes() <= MAX_NODES and note.startswith("Overview: the ")
    people = [n for n in H if H.nodes[n]["label"] == "Person"]
    deg = {n: len(set(big.successors(n))) for n in big if big.nodes[n]["label"] == "Person"}
    best = sorted(deg, key=lambda n: -deg[n])[:10]
    assert set(best) <= set(people)   # the most connected people are all there


def test_ego_network_and_unknown_focus(big):
    H, note = ego(big, "官员00007", hops=1)
    assert set(H) == {"p7"} | set(big.successors("p7")) and note.startswith("Ego network of 官员00007")
    H2, note2 = ego(big, "官员00007", hops=2, max_nodes=50)
    assert H2.number_of_nodes() == 50 and "p7" in H2 and "cut at 50 nodes" in note2
    assert set(H) < set(H2)   # nearest first: all of the first hop (38 nodes), then 12 of the second
    with pytest.raises(FilterError, match="no node"):
        ego(big, "没有这个人")


def test_communities_overview(big):
    H, note = html_view(big, view="communities")
    assert 1 < H.number_of_nodes() <= MAX_NODES and "communities" in note
    sizes = [d["members"] for _, d in H.nodes(data=True)]
    assert sizes == sorted(sizes, reverse=True) and all(H.nodes[n]["label"] == "Community" for n in H)


def test_html_size_budget_shortens_evidence(big, tmp_path):
    from govkg.graph.export import html_page
    people = [f"p{i}" for i in range(100)]
    H = big.subgraph(people + [m for p in people for m in big.successors(p)]).copy()
    full = page_data_of(html_page(H, view="full"))
    assert full["note"] is None and len(full["nodes"]) == H.number_of_nodes()
    size = len(json.dumps(full, ensure_ascii=False).encode())
    budget = size // 2
    slim = page_data_of(html_page(H, view="full", max_bytes=budget))
    assert len(json.dumps(slim, ensure_ascii=False).encode()) <= budget
    assert max(len(n["evidence"]) for n in slim["nodes"]) < max(len(n["evidence"]) for n in full["nodes"])
    assert [n["id"] for n in slim["nodes"]] == [n["id"] for n in full["nodes"]]


def page_data_of(page):
    return json.loads(re.search(r'application/json">(.*?)</script>', page, re.S).group(1))


@pytest.mark.browser
@pytest.mark.parametrize("view", ["auto", "communities"])
def test_overview_opens_in_chromium_and_says_so(big, tmp_path, view):
    from chromium_cdp import open_page
    out = export(big, "html", tmp_path / f"{view}.html", view=view)
    res = open_page(out.as_uri(), ready=READY, values={
        "nodes": "window.govkg.nodes.length",
        "note": "document.getElementById('note').hidden ? '' : document.getElementById('note').textContent"})
    assert res.errors == [] and res.requests == []
    assert 0 < res.values["nodes"] <= MAX_NODES and res.values["note"].startswith("Overview:")
