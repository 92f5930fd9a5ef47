"""Exports of names written to break them: the HTML page in real headless Chromium, GraphML and GEXF
parsed as XML, drawings, and the CSV/Markdown/table reports."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from govkg.graph.analysis import centrality_report, render
from govkg.graph.export import export, xml_text

HOSTILE = [
    "</script><script>window.pwned=1</script>",
    "<!--<script>window.pwned=2//",
    "<img src=x onerror=\"window.pwned=3\">",
    "段落\u2028分隔\u2029符",
    "a:x:b [bold]粗[/bold] [red]",
    "=1+1推进会",
    "+86 @张三 -1",
    "控制\x00\x08\x1b[2J字符\x7f",
    "孤\ud800代理",
    "]]>&amp;&lt;\"'`${7*7}",
    "$\\frac{1}{2}$ 美元$",
]


def hostile_graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("p0", label="Person", name="陈红民")
    for i, name in enumerate(HOSTILE):
        G.add_node(f"m{i}", label="Meeting", name=name, date="--11-18")
        G.add_edge("p0", f"m{i}", key=f"rel-{i}", id=f"rel-{i}", type="ATTENDED", evidence=f"证据：{name}",
                   article_id="art-1", rule="r", confidence=0.9, source="x.txt")
    return G


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_are_well_formed_and_read_back(fmt, tmp_path):
    G = hostile_graph()
    out = export(G, fmt, tmp_path / f"g.{fmt}")
    ET.parse(out)  # well-formed XML 1.0
    H = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    names = {d["name"] for _, d in H.nodes(data=True)}
    assert names == {xml_text(n) for n in ["陈红民"] + HOSTILE}
    assert "=1+1推进会" in names and "</script><script>window.pwned=1</script>" in names


def test_json_export_keeps_every_name(tmp_path):
    out = export(hostile_graph(), "json", tmp_path / "g.json")
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {n["name"] for n in data["nodes"]} == {"陈红民", *HOSTILE}


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_drawings_draw_any_name(fmt, tmp_path):
    out = export(hostile_graph(), fmt, tmp_path / f"g.{fmt}", title="$x$ </title>")
    assert out.stat().st_size > 1000


def test_html_data_parses_back_to_the_same_names(tmp_path):
    html = export(hostile_graph(), "html", tmp_path / "g.html").read_text(encoding="utf-8")
    start = html.index('<script id="govkg-data" type="application/json">') + len(
        '<script id="govkg-data" type="application/json">')
    blob = html[start:html.index("</script>", start)]
    assert "<" not in blob and ">" not in blob and "\u2028" not in blob
    assert {n["name"] for n in json.loads(blob)["nodes"]} == {"陈红民", *HOSTILE}


@pytest.mark.browser
def test_html_with_hostile_names_opens_in_chromium_and_shows_them_as_text(tmp_path):
    from chromium_cdp import chromium_path, chromium_page
    if chromium_path() is None:
        pytest.fail("chromium is not installed: run scripts/setup-browser.sh", pytrace=False)
    out = export(hostile_graph(), "html", tmp_path / "g.html", title="</title><script>window.pwned=9</script>")
    with chromium_page(out.as_uri(), ready="document.body.getAttribute('data-ready') === '1'") as page:
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        labels = page.evaluate("window.govkg.nodes.get().map(n => n.label)")
        assert sorted(labels) == sorted(["陈红民", *HOSTILE])
        assert page.evaluate("document.title") == "</title><script>window.pwned=9</script>"
        for i, name in enumerate(HOSTILE[:3] + HOSTILE[4:6]):
            page.evaluate(f"(() => {{ const s = document.getElementById('search'); s.value = {json.dumps(name[:12])};"
                          " s.dispatchEvent(new Event('input')); })()")
            assert name in page.evaluate("document.getElementById('info').textContent"), name
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.result.errors == [] and page.result.requests == []


def test_reports_print_names_literally(tmp_path):
    G = nx.Graph()
    G.add_node("a", name="=1+1推进会")
    G.add_node("b", name="a:x:b [bold]粗[/bold]")
    G.add_node("c", name="竖线|换行\n名")
    G.add_edge("a", "b")
    G.add_edge("b", "c")
    rep = centrality_report(G)
    csv_text = render(rep, "csv")
    assert "'=1+1推进会" in csv_text and "\n=1+1" not in csv_text and ",=1+1" not in csv_text
    table = render(rep, "table")
    assert "a:x:b [bold]粗[/bold]" in table and "❌" not in table
    md = render(rep, "markdown")
    assert "竖线\\|换行 名" in md
