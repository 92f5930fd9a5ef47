"""Centrality reports, communities, output formats and the bar chart (govkg.graph.analysis)."""
from __future__ import annotations

import csv
import io
import json
import math
import warnings

import networkx as nx
import pytest

from analysis_fixtures import *  # noqa: F401,F403  (fixtures)
from govkg.graph import analysis
from govkg.graph.analysis import bar_chart, centrality_report, communities, render, sample_size
from govkg.graph.views import FilterError, coparticipation_graph


def by_id(report):
    return {r["id"]: r for r in report["rows"]}


def test_star_by_hand():
    r = by_id(centrality_report(nx.star_graph(3)))  # centre 0, leaves 1..3
    assert r[0]["rank"] == 1 and r[0]["degree"] == 3 and r[1]["degree"] == 1
    assert r[0]["betweenness"] == 1.0 and r[1]["betweenness"] == 0.0
    assert r[0]["eigenvector"] == pytest.approx(1 / math.sqrt(2), abs=1e-4)
    assert r[1]["eigenvector"] == pytest.approx(1 / math.sqrt(6), abs=1e-4)
    # PR_c = .15/4 + .85*3*PR_l, PR_l = .15/4 + .85*PR_c/3  =>  PR_c = .133125/.2775
    assert r[0]["pagerank"] == pytest.approx(0.133125 / 0.2775, abs=1e-5)
    assert r[1]["pagerank"] == pytest.approx((1 - 0.133125 / 0.2775) / 3, abs=1e-5)


def test_path_by_hand():
    rep = centrality_report(nx.path_graph(5), sort="betweenness")
    r = by_id(rep)
    # node 2 lies on (0,3) (0,4) (1,3) (1,4) of the 6 pairs not involving it; node 1 on 3
    assert r[2]["betweenness"] == pytest.approx(4 / 6) and r[1]["betweenness"] == pytest.approx(3 / 6)
    assert [x["id"] for x in rep["rows"]][:3] == [2, 1, 3]
    assert rep["metadata"]["betweenness"] == {"method": "exact", "normalized": True}


def test_weighted_degree_and_top():
    G = nx.Graph()
    G.add_edge("a", "b", weight=3)
    G.add_edge("a", "c", weight=1)
    rep = centrality_report(G, top=2, sort="weighted_degree")
    assert [(x["id"], x["weighted_degree"], x["degree"]) for x in rep["rows"]] == [("a", 4, 2), ("b", 3, 1)]
    assert by_id(centrality_report(G, weight=None))["a"]["weighted_degree"] == 2
    with pytest.raises(FilterError):
        centrality_report(G, sort="charisma")


def test_sampled_betweenness_above_threshold(monkeypatch):
    G = nx.path_graph(40)
    # within the work budget every node is a pivot: exact
    assert centrality_report(G, exact_limit=10)["metadata"]["betweenness"]["method"] == "exact"
    monkeypatch.setattr(analysis, "BETWEENNESS_BUDGET", 200)
    rep = centrality_report(G, exact_limit=10, seed=3)
    meta = rep["metadata"]["betweenness"]
    assert meta["method"] == "sampled" and meta["seed"] == 3 and meta["k"] == sample_size(40, 39) == 16
    assert meta["exact_limit"] == 10
    rep = centrality_report(G, k=7, seed=5)
    assert rep["metadata"]["betweenness"]["k"] == 7
    want = nx.betweenness_centrality(G, k=7, seed=5)
    assert {x["id"]: x["betweenness"] for x in rep["rows"]} == want
    assert "sampled betweenness (k=7, seed=5)" in render(rep, "markdown")
    assert centrality_report(G, k=40)["metadata"]["betweenness"]["method"] == "exact"


def test_eigenvector_fallbacks(monkeypatch):
    G = nx.cycle_graph(5)

    def fail(*a, **k):
        raise nx.PowerIterationFailedConvergence(10)

    monkeypatch.setattr(analysis.nx, "eigenvector_centrality", fail)
    rep = centrality_report(G)
    assert rep["metadata"]["eigenvector"]["method"] == "eigenvector_centrality_numpy"
    assert "did not converge" in rep["metadata"]["eigenvector"]["fallback"]
    assert by_id(rep)[0]["eigenvector"] == pytest.approx(1 / math.sqrt(5))

    def fail_numpy(*a, **k):
        raise nx.NetworkXError("no")

    monkeypatch.setattr(analysis.nx, "eigenvector_centrality_numpy", fail_numpy)
    rep = centrality_report(nx.star_graph(2))
    assert rep["metadata"]["eigenvector"]["method"] == "degree / max degree"
    assert by_id(rep)[1]["eigenvector"] == 0.5


def test_empty_and_isolated():
    rep = centrality_report(nx.Graph())
    assert rep["rows"] == [] and rep["metadata"]["nodes"] == 0
    G = nx.Graph()
    G.add_nodes_from(["x", "y"])
    assert {r["degree"] for r in centrality_report(G)["rows"]} == {0}
    assert communities(G)["rows"] == []


@pytest.fixture(params=["gold", "example"])
def snap(request):
    return request.getfixturevalue(f"{request.param}_snapshot")


def test_report_equals_networkx_on_example(snap):
    rep = centrality_report(snap)
    C = coparticipation_graph(snap)
    want = {"degree": dict(C.degree()), "weighted_degree": dict(C.degree(weight="weight")),
            "betweenness": nx.betweenness_centrality(C),
            "eigenvector": nx.eigenvector_centrality(C, max_iter=1000, weight="weight"),
            "pagerank": nx.pagerank(C, weight="weight")}
    assert len(rep["rows"]) == C.number_of_nodes()
    for row in rep["rows"]:
        for metric, values in want.items():
            assert row[metric] == pytest.approx(values[row["id"]]), (row["name"], metric)
        assert row["posts"] == C.nodes[row["id"]]["posts"]


def test_chen_hongmin_ranks_first(snap):
    rep = centrality_report(snap)
    first = rep["rows"][0]
    assert first["name"] == "陈红民"
    assert "区委书记" in first["posts"]
    assert first["degree"] == max(r["degree"] for r in rep["rows"])
    assert first["spoke_at"] >= 4 and first["inspected"] >= 4


def test_gold_counts(gold_snapshot):
    rows = {r["name"]: r for r in centrality_report(gold_snapshot)["rows"]}
    chen, wang = rows["陈红民"], rows["王升建"]
    assert (chen["chaired"], chen["spoke_at"], chen["attended"], chen["inspected"]) == (0, 5, 2, 4)
    assert (wang["chaired"], wang["spoke_at"]) == (1, 1)
    assert wang["posts"] == ["区委常委", "组织部长", "社治委主任"] or set(wang["posts"]) == {
        "区委常委", "组织部长", "社治委主任"}


def test_communities_barbell_and_seed():
    G = nx.barbell_graph(4, 1)
    rep = communities(G, seed=1)
    assert [sorted(r["member_ids"]) for r in rep["rows"]][:2] in (
        [[0, 1, 2, 3], [4, 5, 6, 7, 8]], [[0, 1, 2, 3, 4], [5, 6, 7, 8]])
    assert rep == communities(G, seed=1)
    assert rep["metadata"]["modularity"] == pytest.approx(
        nx.community.modularity(G, [set(r["member_ids"]) for r in rep["rows"]]))


def test_communities_on_example(snap):
    rep = communities(snap)
    groups = [set(r["members"]) for r in rep["rows"]]
    assert {"陈红民", "王升建", "时博"} in groups
    # those who share the 以案促改 meeting; 苏建设 joins them when his speech there is extracted
    # (the gold has it; the role scorer now gives it 0.53, under SPOKE_AT's threshold of 0.65)
    gao = next(g for g in groups if "高天翼" in g)
    assert {"高天翼", "马广学"} <= gao <= {"高天翼", "苏建设", "马广学"}
    chen = next(r for r in rep["rows"] if "陈红民" in r["members"])
    assert any(e.startswith("村（社区）“两委”换届工作推进会") and e.endswith("(3)") for e in chen["shared_events"])
    assert rep["metadata"]["method"].startswith("louvain")


def test_render_formats(gold_snapshot):
    rep = centrality_report(gold_snapshot)
    rows = list(csv.DictReader(io.StringIO(render(rep, "csv"))))
    assert rows[0]["name"] == "陈红民" and rows[0]["posts"] == "区委书记"
    assert float(rows[0]["pagerank"]) == rep["rows"][0]["pagerank"]
    assert json.loads(render(rep, "json"))["rows"][0]["name"] == "陈红民"
    md = render(rep, "markdown").splitlines()
    assert md[0].startswith("| rank | name |") and len([x for x in md if x.startswith("| ")]) == 1 + len(rep["rows"])
    table = render(rep, "table")
    assert "陈红民" in table and "exact betweenness" in table
    comm = render(communities(gold_snapshot), "csv")
    assert "陈红民" in comm
    with pytest.raises(FilterError):
        render(rep, "xml")


def test_bar_chart_has_cjk_glyphs(gold_snapshot, tmp_path):
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    from govkg.graph.fonts import cjk_family
    fam = cjk_family()
    assert fam, "install fonts-noto-cjk (scripts/setup-browser.sh)"
    rep = centrality_report(gold_snapshot)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = bar_chart(rep, tmp_path / "chart.png", metric="weighted_degree")
    assert not [w for w in caught if "missing from" in str(w.message)], [str(w.message) for w in caught]
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 10_000
    font = FT2Font(font_manager.findfont(font_manager.FontProperties(family=fam)))
    text = "".join(r["name"] + "".join(r["posts"]) for r in rep["rows"])
    assert all(font.get_char_index(ord(ch)) for ch in text)
    with pytest.raises(FilterError):
        bar_chart(rep, tmp_path / "x.png", metric="height")


@pytest.mark.neo4j
def test_same_report_from_snapshot_and_neo4j(request, gold_snapshot_dir, gold_snapshot, capsys, monkeypatch):
    try:
        uri, user, password = request.getfixturevalue("neo4j_server")
    except pytest.FixtureLookupError:
        pytest.skip("no neo4j_server fixture (tests/graph/conftest.py)")
    from govkg.graph.neo4j import clear_database, connect, load_snapshot
    from govkg.graph.views import snapshot_from_neo4j, typed_graph
    with connect(uri, user, password) as driver:
        clear_database(driver)
        load_snapshot(driver, gold_snapshot_dir)
        from_db = snapshot_from_neo4j(driver)
    a, b = typed_graph(from_db), typed_graph(gold_snapshot)
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted(a.edges(keys=True, data=True), key=str) == sorted(b.edges(keys=True, data=True), key=str)
    assert centrality_report(from_db)["rows"] == centrality_report(gold_snapshot)["rows"]
    assert communities(from_db)["rows"] == communities(gold_snapshot)["rows"]
    from govkg.cli import main  # the CLI's --neo4j path gives the same figures
    capsys.readouterr()
    monkeypatch.setenv("NEO4J_PASSWORD", password)  # passwords are never arguments
    assert main(["centrality", "--neo4j", uri, "--user", user, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    assert rows == json.loads(json.dumps(centrality_report(gold_snapshot)["rows"], ensure_ascii=False))


@pytest.mark.parametrize("module", ["govkg.graph.views", "govkg.graph.filters", "govkg.graph.analysis",
                                    "govkg.graph.export"])
def test_docstring_examples(module):
    import doctest
    import importlib
    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
