"""govkg centrality | communities | export: thin layers over govkg.graph.analysis/export."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import networkx as nx
import pytest

sys.path.insert(0, str(Path(__file__).parent / "graph"))
from analysis_fixtures import *  # noqa: E402,F401,F403  (fixtures)

from govkg.cli import main  # noqa: E402
from govkg.graph.analysis import centrality_report, communities  # noqa: E402
from govkg.graph.export import NODE_LINK  # noqa: E402
from govkg.graph.views import typed_graph  # noqa: E402


@pytest.fixture(params=["gold", "example"])
def snap_pair(request):
    """(directory, its resolved graph) of the example page: gold triples, then real extraction."""
    return (request.getfixturevalue(f"{request.param}_snapshot_dir"),
            request.getfixturevalue(f"{request.param}_resolved"))


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_centrality_json_equals_library(capsys, snap_pair):
    snap_dir, snap = snap_pair
    code, out, err = run(capsys, "centrality", "--snapshot", snap_dir, "--format", "json")
    assert code == 0, err
    got = json.loads(out)
    want = centrality_report(snap)
    assert got["rows"] == json.loads(json.dumps(want["rows"], ensure_ascii=False))
    assert got["metadata"]["betweenness"]["method"] == "exact"


def test_centrality_top_csv_chart(capsys, snap_pair, tmp_path):
    chart = tmp_path / "c.png"
    code, out, err = run(capsys, "centrality", "--snapshot", snap_pair[0], "--top", "2",
                         "--format", "csv", "--chart", chart, "--sort", "weighted_degree")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 2 and rows[0]["name"] == "陈红民"
    assert chart.read_bytes()[:4] == b"\x89PNG"


def test_centrality_table_and_markdown_to_file(capsys, gold_snapshot_dir, tmp_path):
    code, out, _ = run(capsys, "centrality", "--snapshot", gold_snapshot_dir, "--top", "3")
    assert code == 0 and "陈红民" in out and "rank" in out
    md = tmp_path / "r.md"
    code, out, err = run(capsys, "centrality", "--snapshot", gold_snapshot_dir, "--format", "markdown",
                         "-o", md)
    assert code == 0 and out == "" and md.read_text(encoding="utf-8").startswith("| rank | name |")


def test_centrality_date_filter(capsys, gold_snapshot_dir):
    code, out, err = run(capsys, "centrality", "--snapshot", gold_snapshot_dir, "--format", "json",
                         "--since", "--11-23", "--until", "--11-23")
    assert code == 0, err
    assert {r["name"] for r in json.loads(out)["rows"]} >= {"高天翼", "苏建设", "马广学"}


def test_communities_cli(capsys, snap_pair):
    snap_dir, snap = snap_pair
    code, out, err = run(capsys, "communities", "--snapshot", snap_dir, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["rows"] == json.loads(json.dumps(communities(snap)["rows"], ensure_ascii=False))
    code, out, _ = run(capsys, "communities", "--snapshot", snap_dir)
    assert code == 0 and "陈红民" in out and "modularity" in out


@pytest.mark.parametrize("fmt", ["html", "graphml", "gexf", "json", "png", "svg"])
def test_export_cli(fmt, capsys, example_snapshot_dir, example_resolved, tmp_path):
    out_file = tmp_path / f"g.{fmt}"
    code, out, err = run(capsys, "export", "--snapshot", example_snapshot_dir, "--format", fmt, "-o", out_file)
    assert code == 0, err
    G = typed_graph(example_resolved)
    assert out_file.stat().st_size > 1000 and f"{G.number_of_nodes()} nodes" in out
    if fmt == "graphml":
        back = nx.read_graphml(out_file, edge_key_type=str, force_multigraph=True)
        assert back.number_of_edges() == G.number_of_edges()


def test_analysis_reads_the_resolved_graph_unless_raw(capsys, example_snapshot_dir, example_snapshot,
                                                      example_resolved, tmp_path):
    """The resolved graph is the default; --raw gives the graph as extracted."""
    for argv, snap in (([], example_resolved), (["--raw"], example_snapshot)):
        out_file = tmp_path / "g.json"
        code, out, err = run(capsys, "export", "--snapshot", example_snapshot_dir, "--format", "json",
                             "-o", out_file, *argv)
        assert code == 0, err
        assert f"{typed_graph(snap).number_of_nodes()} nodes" in out
        code, out, err = run(capsys, "centrality", "--snapshot", example_snapshot_dir, "--format", "json", *argv)
        assert code == 0 and json.loads(out)["rows"] == json.loads(json.dumps(
            centrality_report(snap)["rows"], ensure_ascii=False))
    posts = {n["name"] for n in example_resolved.nodes if n["label"] == "Position"}
    assert "中共郑州市二七区委书记" in posts


def test_export_filters(capsys, gold_snapshot_dir, tmp_path):
    out_file = tmp_path / "g.json"
    code, out, err = run(capsys, "export", "--snapshot", gold_snapshot_dir, "--format", "json", "-o", out_file,
                         "--types", "HOLDS")
    assert code == 0, err
    G = nx.node_link_graph(json.loads(out_file.read_text(encoding="utf-8")), **NODE_LINK)
    assert {d["type"] for *_, d in G.edges(data=True)} == {"HOLDS"}


@pytest.mark.parametrize("argv, code, message", [
    (["centrality"], 2, "exactly one of --snapshot"),
    (["centrality", "--snapshot", "{snap}", "--neo4j", "bolt://127.0.0.1:1"], 2, "exactly one of"),
    (["centrality", "--snapshot", "{missing}"], 4, "no such directory"),
    (["centrality", "--snapshot", "{snap}", "--since", "2020-02-30x"], 2, "--since"),
    (["centrality", "--snapshot", "{snap}", "--format", "xml"], 2, "unknown format"),
    (["centrality", "--snapshot", "{snap}", "--sort", "fame"], 2, "cannot sort"),
    (["export", "--snapshot", "{snap}", "--format", "pdf", "-o", "{tmp}/x.pdf"], 2, "unknown export format"),
    (["export", "--snapshot", "{snap}", "--format", "json", "-o", "{tmp}/x.json", "--types", "X"], 2,
     "unknown type"),
    (["communities", "--neo4j", "bolt://127.0.0.1:1"], 5, "127.0.0.1:1"),
])
def test_errors_are_one_line(argv, code, message, capsys, gold_snapshot_dir, tmp_path):
    argv = [a.format(snap=gold_snapshot_dir, missing=tmp_path / "nope", tmp=tmp_path) for a in argv]
    got, out, err = run(capsys, *argv)
    assert got == code, err
    assert message in err and err.startswith("govkg: ") and err.count("\n") == 1
