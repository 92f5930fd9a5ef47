"""Exports of the typed graph (govkg.graph.export); the HTML page in real headless Chromium."""
from __future__ import annotations

import json
import re
import warnings

import networkx as nx
import pytest

from analysis_fixtures import *  # noqa: F401,F403  (fixtures)
from govkg.graph.export import FORMATS, NODE_LINK, export, flatten
from govkg.graph.views import FilterError, typed_graph


@pytest.fixture(scope="module", params=["gold", "example"])
def G(request):
    """The example page's typed graph: from its gold triples and from real extraction."""
    return typed_graph(request.getfixturevalue(f"{request.param}_snapshot"))


def tricky():
    """Parallel edges, a list attribute, None, numbers, quotes and markup in names."""
    H = nx.MultiDiGraph(name="tricky")
    H.add_node("p", label="Person", name="陈红民", tags=["a", "b"], missing=None)
    H.add_node("m", label="Meeting", name="村（社区）“两委”换届</script>会", date="--11-28")
    H.add_edge("p", "m", key="rel-1", id="rel-1", type="SPOKE_AT", evidence="陈红民出席并讲话",
               evidence_start=3, evidence_end=20, confidence=0.9, rule="r1", source="x.txt")
    H.add_edge("p", "m", key="rel-2", id="rel-2", type="ATTENDED", evidence="陈红民出席并讲话",
               evidence_start=3, evidence_end=20, confidence=1.0, rule="r2", source="x.txt")
    return H


def same_graph(a, b):
    assert set(a.nodes) == set(b.nodes)
    for n in a:
        assert dict(a.nodes[n]) == dict(b.nodes[n]), n
    ea = {(u, v, k): d for u, v, k, d in a.edges(keys=True, data=True)}
    eb = {(u, v, k): d for u, v, k, d in b.edges(keys=True, data=True)}
    assert ea.keys() == eb.keys()
    for k in ea:
        assert ea[k] == eb[k], k


@pytest.mark.parametrize("source", ["page", "tricky"])
def test_graphml_round_trip(source, G, tmp_path):
    g = G if source == "page" else tricky()
    out = export(g, "graphml", tmp_path / "g.graphml")
    back = nx.read_graphml(out, edge_key_type=str, force_multigraph=True)
    assert back.is_directed() and back.is_multigraph()
    same_graph(flatten(g), back)
    if source == "tricky":
        assert json.loads(back.nodes["p"]["tags"]) == ["a", "b"] and "missing" not in back.nodes["p"]


@pytest.mark.parametrize("source", ["page", "tricky"])
def test_gexf_round_trip(source, G, tmp_path):
    g = G if source == "page" else tricky()
    out = export(g, "gexf", tmp_path / "g.gexf")
    back = nx.read_gexf(out)
    assert back.is_multigraph()  # both graphs have parallel edges (SPOKE_AT + ATTENDED)
    for *_, d in back.edges(data=True):  # the GEXF reader adds no weight or label of its own
        assert "label" not in d
    same_graph(flatten(g), back)
    text = out.read_text(encoding="utf-8")
    assert 'title="type"' in text and not re.search(r'<edge [^>]*type="SPOKE_AT"', text)


def test_json_node_link(G, tmp_path):
    out = export(G, "json", tmp_path / "g.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"nodes", "edges"} <= set(data) and data["multigraph"] and data["directed"]
    assert data["graph"]["node_link"] == NODE_LINK
    assert all({"from", "to", "key", "type", "evidence"} <= set(e) for e in data["edges"])
    assert all(e["source"] == G.edges[e["from"], e["to"], e["key"]].get("source") for e in data["edges"]
               if "source" in e)  # the provenance attribute survives beside the ends
    back = nx.node_link_graph(data, **NODE_LINK)
    same_graph(G, back)
    assert "陈红民" in out.read_text(encoding="utf-8")  # not \\u-escaped


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_static_drawings(fmt, G, tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = export(G, fmt, tmp_path / f"g.{fmt}", title="二七区 graph")
    assert not [w for w in caught if "missing from" in str(w.message)]
    data = out.read_bytes()
    if fmt == "png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000
    else:
        assert b"<svg" in data[:2000] and len(data) > 50_000


def test_unknown_format(G, tmp_path):
    with pytest.raises(FilterError):
        export(G, "pdf", tmp_path / "g.pdf")
    assert FORMATS == ("html", "graphml", "gexf", "json", "png", "svg")


def test_export_accepts_snapshot_dir(gold_snapshot_dir, tmp_path):
    out = export(gold_snapshot_dir, "json", tmp_path / "g.json")
    assert len(json.loads(out.read_text(encoding="utf-8"))["nodes"]) > 40


def test_html_is_self_contained(G, tmp_path):
    out = export(tricky(), "html", tmp_path / "t.html", title="<b>标题</b>")
    text = out.read_text(encoding="utf-8")
    assert "&lt;b&gt;标题&lt;/b&gt;" in text
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", text)  # nothing fetched
    assert "sourceMappingURL" not in text
    assert text.count("</script>") == 3  # vis-network, data, page code; the name's </script> escaped
    data = json.loads(re.search(r'<script id="govkg-data" type="application/json">(.*?)</script>',
                                text, re.S).group(1))
    assert {n["name"] for n in data["nodes"]} == {"陈红民", "村（社区）“两委”换届</script>会"}
    assert data["nodes"][0]["evidence"] and set(data["types"]) == {"Person", "Meeting"}
    big = export(G, "html", tmp_path / "g.html").read_text(encoding="utf-8")
    chen = next(n for n in json.loads(re.search(r'application/json">(.*?)</script>', big, re.S).group(1))
                ["nodes"] if n["name"] == "陈红民")
    assert chen["posts"] == ["区委书记"] and chen["type"] == "Person"


# ----------------------------------------------------------------------------- real browser

READY = "window.govkg && window.govkg.ready"


@pytest.fixture(scope="module")
def html_file(G, tmp_path_factory):
    return export(G, "html", tmp_path_factory.mktemp("html") / "graph.html", title="二七区 2020-11")


def _need_browser():
    from chromium_cdp import chromium_path
    pytest.importorskip("websocket", reason="pip install websocket-client")
    if chromium_path() is None:
        pytest.skip("chromium not installed (scripts/setup-browser.sh)")


@pytest.mark.browser
def test_html_loads_offline_and_draws(html_file, G, tmp_path):
    _need_browser()
    from PIL import Image

    from chromium_cdp import open_page
    res = open_page(html_file.as_uri(), ready=READY, values={
        "nodes": "window.govkg.nodes.length", "edges": "window.govkg.edges.length",
        "rels": "window.govkg.data.edges.reduce((a, e) => a + e.count, 0)",
        "legend": "document.querySelectorAll('#legend input[type=checkbox]').length",
        "title": "document.title"})
    assert res.errors == [] and res.requests == []
    # one drawn edge per (start, end, type), carrying the number of relationships it stands for
    assert res.values["nodes"] == G.number_of_nodes() and res.values["rels"] == G.number_of_edges()
    assert res.values["edges"] == len({(u, v, d["type"]) for u, v, d in G.edges(data=True)})
    types = {d["label"] for _, d in G.nodes(data=True)}
    assert res.values["legend"] == len(types) == 7 and res.values["title"] == "二七区 2020-11"
    shot = tmp_path / "shot.png"
    shot.write_bytes(res.screenshot)
    img = Image.open(shot).convert("RGB")
    assert img.size == (1280, 800)
    graph = img.crop((0, 40, 1000, 800))  # the canvas, left of the side panel
    colours = graph.getcolors(maxcolors=1 << 20)
    inked = sum(c for c, rgb in colours if rgb != (255, 255, 255))
    assert inked > 0.01 * graph.size[0] * graph.size[1]
    person = (0xE4, 0x57, 0x2E)  # Person nodes are drawn in their colour
    assert sum(c for c, rgb in colours if max(abs(a - b) for a, b in zip(rgb, person)) < 12) > 200


@pytest.mark.browser
def test_html_hover_search_and_type_filter(html_file, G):
    _need_browser()
    from chromium_cdp import chromium_page
    with chromium_page(html_file.as_uri(), ready=READY) as page:
        x, y = page.evaluate("""(() => { const g = window.govkg;
            const id = g.nodes.get({filter: n => n.label === '陈红民'})[0].id;
            const p = g.network.canvasToDOM(g.network.getPositions([id])[id]);
            const r = document.getElementById('graph').getBoundingClientRect();
            return [p.x + r.left, p.y + r.top]; })()""")
        page.mouse_move(x - 3, y - 3)
        page.mouse_move(x, y)
        tip = ""
        for _ in range(20):
            page.pump(0.1)
            tip = page.evaluate("(() => { const t = document.querySelector('div.vis-tooltip');"
                                " return t && t.style.visibility !== 'hidden' ? t.textContent : ''; })()")
            if tip:
                break
        assert "陈红民" in tip and "区委书记" in tip and "证据" in tip
        page.evaluate("(() => { const s = document.getElementById('search'); s.value = '王升建';"
                      " s.dispatchEvent(new Event('input')); })()")
        assert page.evaluate("window.govkg.network.getSelectedNodes().length") == 1
        assert "1 个匹配" in page.evaluate("document.getElementById('matches').textContent")
        assert "王升建" in page.evaluate("document.getElementById('info').textContent")
        before = page.evaluate("window.govkg.view.length")
        page.evaluate("document.getElementById('type-Person').click()")
        after = page.evaluate("window.govkg.view.length")
        people = sum(1 for _, d in G.nodes(data=True) if d["label"] == "Person")
        assert after == before - people >= 0 and people >= 6  # the people are hidden
        assert page.result.errors == [] and page.result.requests == []
