"""Exports of the typed graph: html | graphml | gexf | json | png | svg.

* ``graphml`` / ``gexf`` read back with :func:`networkx.read_graphml`
  (``edge_key_type=str, force_multigraph=True``) and :func:`networkx.read_gexf`
  with the same nodes, edges (keyed by relationship id) and attributes (a graph
  without parallel edges reads back from GEXF as a DiGraph whose edge ``id``
  is the key); values
  these formats cannot hold (lists, dicts) are stored as JSON strings and
  ``None`` values are left out.
* ``json`` is networkx node-link data: ``nodes``, ``edges`` (each with its ``key``; its ends
  under ``from`` and ``to``, since ``source`` is a provenance attribute); read it
  back with ``nx.node_link_graph(data, **NODE_LINK)`` (also in ``data["graph"]["node_link"]``).
* ``html`` is one self-contained file (vis-network inlined, no CDN) that works
  from ``file://`` offline: nodes coloured by type and sized by degree, Chinese
  labels, tooltips with posts and evidence, a search box, a type filter/legend.
* ``png`` / ``svg`` are static matplotlib drawings with a CJK font.
"""
from __future__ import annotations

import html as html_lib
import json
import math
import random
import re
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import networkx as nx

from govkg.graph.overview import MAX_NODES, collapse_edges, html_view
from govkg.graph.views import FilterError, typed_graph

__all__ = ["export", "FORMATS", "NODE_LINK", "TYPE_COLORS", "flatten", "layout"]

FORMATS = ("html", "graphml", "gexf", "json", "png", "svg")
TYPE_COLORS = {"Person": "#e4572e", "Position": "#f3a712", "Meeting": "#29335c",
               "Project": "#669bbc", "Place": "#4c956c", "Date": "#a8a8a8", "Article": "#8e6c8a",
               "Community": "#3d7ea6"}
OTHER_COLOR = "#777777"
TEMPLATES = Path(__file__).with_name("templates")
VIS_JS = TEMPLATES / "vendor" / "vis-network.min.js"
VIS_VERSION = "10.1.5"
#: node-link keys: edge ends are "from"/"to" because "source" is a provenance attribute
NODE_LINK = {"edges": "edges", "source": "from", "target": "to", "key": "key"}
_GEXF_TYPE = "govkg__edge_type__"  # placeholder: GEXF reserves the edge attribute "type"
#: bytes of graph data in an HTML page at most (the page adds ~0.7 MB of vis-network)
MAX_BYTES = 18_000_000


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: in the HTML page's JSON, so that no name can end the <script> element or open a comment
_SCRIPT_SAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def xml_text(value: str) -> str:
    """``value`` with the characters XML 1.0 cannot hold (controls but tab and line breaks, lone
    surrogates, U+FFFE/U+FFFF) replaced by U+FFFD, so GraphML and GEXF stay well-formed.

    >>> xml_text("会议\x0b名称")
    '会议\ufffd名称'
    """
    return _NOT_XML.sub("\ufffd", value)


def utf8_json(data: Any, **kw: Any) -> str:
    """JSON with Chinese as it is, and lone surrogates as ``\\udXXX`` escapes (valid JSON that
    reads back to the same strings, and a text that can be written as UTF-8)."""
    text = json.dumps(data, ensure_ascii=False, **kw)
    return re.sub("[\ud800-\udfff]", lambda m: "\\u%04x" % ord(m.group(0)), text)


def script_json(data: Any) -> str:
    """``data`` as JSON that can sit inside ``<script>``: ``<``, ``>``, ``&``, U+2028 and U+2029 are
    written as ``\\uXXXX`` escapes (still valid JSON that parses back to the same strings).

    >>> script_json({"name": "</script><!--"})
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_SAFE[m.group(0)], utf8_json(data))


def _flat(value: Any) -> Any:
    if isinstance(value, str):
        return xml_text(value)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    if isinstance(value, (list, tuple, set, dict)):
        if isinstance(value, set):
            value = sorted(value, key=str)
        return xml_text(json.dumps(value, ensure_ascii=False, default=str))
    return xml_text(str(value))


def flatten(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` whose attributes GraphML/GEXF can hold: scalars; lists as JSON; no ``None``;
    text without the characters XML cannot hold (:func:`xml_text`)."""
    H = G.__class__()
    H.graph.update({k: _flat(v) for k, v in G.graph.items() if v is not None})
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: _flat(v) for k, v in d.items() if v is not None})
    if G.is_multigraph():
        for u, v, k, d in G.edges(keys=True, data=True):
            H.add_edge(u, v, key=k, **{a: _flat(x) for a, x in d.items() if x is not None})
    else:
        for u, v, d in G.edges(data=True):
            H.add_edge(u, v, **{a: _flat(x) for a, x in d.items() if x is not None})
    return H


def layout(G: nx.Graph, *, seed: int = 0) -> Dict[Any, tuple]:
    """Deterministic layout per connected component, components packed in rows.

    Kamada-Kawai up to 100 nodes, Fruchterman-Reingold (dense numpy, 50 steps)
    up to 2,500, above that igraph's grid Fruchterman-Reingold, whose steps cost
    time linear in nodes and edges (``bench/export_bench.py``).

    Coordinates are in units of about one node spacing (the largest component
    spans about ``sqrt(its size)`` units), biggest component first, top left.
    """
    U = nx.Graph(G.to_undirected(as_view=True)) if G.is_directed() or G.is_multigraph() else G
    comps = sorted((sorted(c, key=str) for c in nx.connected_components(U)), key=lambda c: (-len(c), str(c[0])))
    if not comps:
        return {}
    boxes = []
    for comp in comps:
        size = len(comp)
        if size == 1:
            local = {comp[0]: (0.0, 0.0)}
        elif size <= 100:
            local = nx.kamada_kawai_layout(U.subgraph(comp))
        elif size <= 2500:
            local = _force_layout(U.subgraph(comp), seed=seed)
        else:
            local = _grid_layout(U.subgraph(comp), seed=seed)
        radius = 0.5 + 1.2 * math.sqrt(size)
        boxes.append((comp, local, radius))
    width = max(2 * boxes[0][2], math.sqrt(sum((2 * r) ** 2 for _, _, r in boxes)) * 1.45)
    pos: Dict[Any, tuple] = {}
    x = y = row_h = 0.0
    for comp, local, r in boxes:
        if x > 0 and x + 2 * r > width:
            x, y, row_h = 0.0, y + row_h, 0.0
        for v in comp:
            px, py = local[v]
            pos[v] = (x + r + px * r, -(y + r + py * r))
        x += 2 * r
        row_h = max(row_h, 2 * r)
    return pos


def _force_layout(G: nx.Graph, *, seed: int = 0, iterations: int = 50) -> Dict[Any, tuple]:
    """Fruchterman-Reingold on a dense float32 adjacency matrix, scaled into [-1, 1]."""
    import numpy as np

    nodes = list(G)
    n = len(nodes)
    A = nx.to_numpy_array(G, nodelist=nodes, weight=None, dtype=np.float32)
    pos = np.random.default_rng(seed).random((n, 2), dtype=np.float32)
    k, t = 1.0 / math.sqrt(n), 0.1
    for _ in range(iterations):
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        d2 = np.maximum(dx * dx + dy * dy, 1e-4)
        force = k * k / d2 - A * np.sqrt(d2) / k  # repulsion between all, attraction along edges
        disp = np.stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)], axis=1)
        pos += disp * (t / np.maximum(np.linalg.norm(disp, axis=1), 0.01))[:, None]
        t -= 0.1 / (iterations + 1)
    pos -= pos.mean(axis=0)
    pos /= float(np.abs(pos).max()) or 1.0
    return {v: (float(x), float(y)) for v, (x, y) in zip(nodes, pos)}


def _grid_layout(G: nx.Graph, *, seed: int = 0) -> Dict[Any, tuple]:
    """igraph's Fruchterman-Reingold with grid repulsion (linear per step), scaled into [-1, 1]."""
    import igraph as ig
    import numpy as np

    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in G.edges()])
    # igraph draws its start positions from Python's random module; they must spread over
    # about sqrt(n) units, or every node starts in one grid cell and a step costs n^2
    state = random.getstate()
    random.seed(seed)
    try:
        pos = np.array(g.layout_fruchterman_reingold(niter=300, grid=True).coords)
    finally:
        random.setstate(state)
    pos -= pos.mean(axis=0)
    pos /= float(np.abs(pos).max()) or 1.0
    return {v: (float(x), float(y)) for v, (x, y) in zip(nodes, pos)}


def _as_graph(G: Any) -> nx.Graph:
    return G if isinstance(G, nx.Graph) else typed_graph(G)


def export(G: Any, fmt: str, path: Any, *, title: Optional[str] = None, seed: int = 0,
           view: str = "auto", focus: Optional[str] = None, hops: int = 2,
           max_nodes: int = MAX_NODES, profiles: Optional[Callable[[List[str]], Dict[str, str]]] = None) -> Path:
    """Write graph ``G`` (or a snapshot's typed graph) as ``fmt`` to ``path``.

    Parameters
    ----------
    G : networkx.Graph, Snapshot or path
        Usually :func:`govkg.graph.views.typed_graph`; a snapshot is turned into one.
    fmt : str
        One of ``html``, ``graphml``, ``gexf``, ``json``, ``png``, ``svg``.
    path : path
        Output file (parent directories are created).
    title : str, optional
        Title of the HTML page and drawings.
    seed : int
        Layout seed (html, png, svg).
    view, focus, hops, max_nodes :
        What the HTML page shows (:func:`govkg.graph.overview.html_view`): the whole
        graph up to ``max_nodes`` nodes, above that an overview (``top`` people or
        ``communities``), or with ``focus`` the ego network of that person.
    profiles : callable, optional
        html: called with the ids of the people the page draws, returns ``{id: href}`` of
        their profile pages (:func:`govkg.graph.profile_render.profile_pages`); the page links
        each person to theirs (side panel link, double click).

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile, os
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("p", label="Person", name="陈红民"); G.add_node("q", label="Position", name="区委书记")
    >>> _ = G.add_edge("p", "q", key="r1", id="r1", type="HOLDS", evidence="区委书记陈红民")
    >>> out = export(G, "gexf", os.path.join(tempfile.mkdtemp(), "g.gexf"))
    >>> H = nx.read_gexf(out)
    >>> H.nodes["p"]["name"], H.edges["p", "q"]["type"], H.edges["p", "q"]["id"]
    ('陈红民', 'HOLDS', 'r1')
    """
    if fmt not in FORMATS:
        raise FilterError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    G = _as_graph(G)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "graphml":
        nx.write_graphml(flatten(G), path, named_key_ids=True)
    elif fmt == "gexf":
        _write_gexf(G, path)
    elif fmt == "json":
        data = nx.node_link_data(flatten_json(G), **NODE_LINK)
        data["graph"]["node_link"] = NODE_LINK  # how to read it back: node_link_graph(data, **NODE_LINK)
        path.write_text(utf8_json(data, indent=1, default=str), encoding="utf-8")
    elif fmt == "html":
        path.write_text(html_page(G, title=title, seed=seed, view=view, focus=focus, hops=hops,
                                  max_nodes=max_nodes, profiles=profiles), encoding="utf-8")
    else:
        draw(G, path, fmt=fmt, title=title, seed=seed)
    return path


def flatten_json(G: nx.Graph) -> nx.Graph:
    """A copy of ``G`` without ``None`` attributes (JSON holds lists as they are)."""
    H = G.copy()
    for _, d in H.nodes(data=True):
        for k in [k for k, v in d.items() if v is None]:
            del d[k]
    for *_, d in H.edges(data=True):
        for k in [k for k, v in d.items() if v is None]:
            del d[k]
    return H


def _write_gexf(G: nx.Graph, path: Path) -> None:
    H = flatten(G)
    if H.is_multigraph():
        for _, _, k, d in H.edges(keys=True, data=True):
            d.setdefault("id", str(k))  # GEXF edge id = key, so read_gexf keys edges the same
    for *_, d in H.edges(data=True):
        if "type" in d:  # written as a plain attribute titled "type", not GEXF's edge direction
            d[_GEXF_TYPE] = d.pop("type")
    text = "\n".join(nx.generate_gexf(H))
    text = text.replace(f'title="{_GEXF_TYPE}"', 'title="type"')
    path.write_text(text + "\n", encoding="utf-8")


# ----------------------------------------------------------------------------- html

def _node_records(G: nx.Graph, pos: Dict[Any, tuple]) -> list:
    deg = dict(G.degree())
    span = 45.0  # pixels per layout unit
    names = {n: str(d.get("name", n)) for n, d in G.nodes(data=True)}
    out = []
    for n, d in G.nodes(data=True):
        posts, evidence = [], []
        edges = list(G.out_edges(n, data=True)) + list(G.in_edges(n, data=True)) if G.is_directed() \
            else list(G.edges(n, data=True))
        for u, v, e in edges:
            other = v if u == n else u
            if e.get("type") == "HOLDS" and u == n:
                posts.append(names[other])
            text = e.get("evidence")
            if text:
                evidence.append(f"{e.get('type', '')} {names[other]}：{text}")
        x, y = pos.get(n, (0.0, 0.0))
        out.append({"id": str(n), "name": names[n], "type": d.get("label", "Node"),
                    "degree": deg[n], "size": deg[n] + 1,
                    "posts": sorted(set(posts), key=posts.index), "full_evidence": evidence[:12],
                    "x": round(float(x) * span, 1), "y": round(-float(y) * span, 1)})
    return out


def html_page(G: nx.Graph, *, title: Optional[str] = None, seed: int = 0, view: str = "auto",
              focus: Optional[str] = None, hops: int = 2, max_nodes: int = MAX_NODES,
              max_bytes: int = MAX_BYTES, profiles: Optional[Callable[[List[str]], Dict[str, str]]] = None) -> str:
    """The self-contained HTML page for :func:`export` ``fmt="html"`` (at most ``max_bytes`` of data)."""
    H, note = html_view(G, view=view, focus=focus, hops=hops, max_nodes=max_nodes)
    title = title or f"govkg graph — {G.number_of_nodes()} nodes, {G.number_of_edges()} edges"
    nodes = _node_records(H, layout(H, seed=seed) if H.number_of_nodes() else {})
    if profiles is not None:
        hrefs = profiles([n["id"] for n in nodes if n["type"] == "Person"])
        for n in nodes:
            if n["id"] in hrefs:
                n["profile"] = hrefs[n["id"]]
    types = [t for t in TYPE_COLORS if any(n["type"] == t for n in nodes)]
    types += sorted({n["type"] for n in nodes} - set(types))
    data = {"nodes": nodes, "edges": collapse_edges(H), "types": types, "note": note,
            "colors": {t: TYPE_COLORS.get(t, OTHER_COLOR) for t in types},
            "counts": {t: sum(1 for n in nodes if n["type"] == t) for t in types}}
    blob = _fit(data, max_bytes)
    js = VIS_JS.read_text(encoding="utf-8")
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.M).replace("</script", "<\\/script")
    values = {"TITLE": html_lib.escape(title), "VIS_VERSION": VIS_VERSION, "VIS_NETWORK": js, "DATA": blob}
    template = (TEMPLATES / "graph.html").read_text(encoding="utf-8")
    return re.sub(r"__(TITLE|VIS_VERSION|VIS_NETWORK|DATA)__", lambda m: values[m.group(1)], template)


def _fit(data: Dict[str, Any], max_bytes: int) -> str:
    """The page data as JSON, evidence shortened step by step until it fits ``max_bytes``."""
    for keep, width in ((12, None), (3, 120), (1, 60), (0, 0)):
        for n in data["nodes"]:
            n["evidence"] = [e[:width] if width else e for e in n["full_evidence"][:keep]]
        if width is not None:
            for e in data["edges"]:
                e["evidence"] = (e.get("full_evidence", e["evidence"]) or "")[:width] or None
        slim = dict(data, nodes=[{k: v for k, v in n.items() if k != "full_evidence"} for n in data["nodes"]])
        blob = script_json(slim)  # no name ends the <script> element or breaks JSON.parse
        if len(blob.encode("utf-8")) <= max_bytes:
            break
    return blob


# ----------------------------------------------------------------------------- png / svg

def _plain(value: Any) -> str:
    """A label matplotlib draws as written: ``$`` would start math mode; controls, line separators
    and lone surrogates become spaces."""
    return re.sub("[\x00-\x1f\x7f\u2028\u2029\ud800-\udfff]", " ", str(value)).replace("$", r"\$")


def draw(G: nx.Graph, path: Path, *, fmt: str = "png", title: Optional[str] = None, seed: int = 0,
         max_labels: int = 120) -> Path:
    """Static drawing: nodes coloured by type, sized by degree, the best-connected labelled."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from govkg.graph.fonts import cjk_rc

    pos = layout(G, seed=seed) if G.number_of_nodes() else {}
    deg = dict(G.degree())
    n = G.number_of_nodes()
    side = min(24.0, 9.0 + math.sqrt(n) * 0.6)
    with cjk_rc():
        fig, ax = plt.subplots(figsize=(side, side * 0.75), dpi=150 if fmt == "png" else 100)
        nx.draw_networkx_edges(G, pos, ax=ax, edge_color="#c4c4c4", width=0.7, arrows=False)
        types = [t for t in TYPE_COLORS if any(d.get("label") == t for _, d in G.nodes(data=True))]
        types += sorted({d.get("label", "Node") for _, d in G.nodes(data=True)} - set(types))
        for t in types:
            members = [v for v, d in G.nodes(data=True) if d.get("label", "Node") == t]
            nx.draw_networkx_nodes(G, pos, nodelist=members, ax=ax,
                                   node_color=TYPE_COLORS.get(t, OTHER_COLOR),
                                   node_size=[40 + 40 * deg[v] for v in members],
                                   edgecolors="#444", linewidths=0.5)
        shown = sorted(G.nodes, key=lambda v: -deg[v])[:max_labels]
        nx.draw_networkx_labels(G, pos, ax=ax, font_size=8 if n > 60 else 10,
                                labels={v: _plain(G.nodes[v].get("name", v)) for v in shown},
                                font_family="sans-serif")
        handles = [Line2D([], [], marker="o", linestyle="", markersize=8,
                          markerfacecolor=TYPE_COLORS.get(t, OTHER_COLOR), markeredgecolor="#444",
                          label=t) for t in types]
        if handles:
            ax.legend(handles=handles, loc="upper left", fontsize=9, frameon=True)
        ax.set_title(_plain(title or f"govkg graph — {n} nodes, {G.number_of_edges()} edges"))
        ax.set_axis_off()
        fig.tight_layout()
        fig.savefig(path, format=fmt)
        plt.close(fig)
    return path
