"""Who is central among the officials: centrality reports and communities.

Plain networkx-style functions ``f(G, *, weight=..., ...) -> dict``. ``G`` is a
co-participation graph (:func:`govkg.graph.views.coparticipation_graph`), or a
snapshot / typed graph from which one is built. Reports are plain dicts with
``metadata``, ``columns`` and ``rows``; :func:`render` prints them as a table,
CSV, JSON or Markdown and :func:`bar_chart` draws one column.
"""
from __future__ import annotations

import csv
import io
import json
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, Optional

import networkx as nx

from govkg.cells import csv_cell, markdown_cell, table_cell
from govkg.graph.partition import METHOD_NAMES, community_method, modularity_of, partition  # noqa: F401
from govkg.graph.views import FilterError, coparticipation_graph

__all__ = ["centrality_report", "communities", "render", "bar_chart", "FORMATS", "METRICS"]

#: above this many nodes betweenness is sampled and eigenvector goes to scipy directly
EXACT_LIMIT = 2000
#: work budget of sampled betweenness: k * (nodes + edges) stays under this
BETWEENNESS_BUDGET = 6_000_000
METRICS = ("degree", "weighted_degree", "betweenness", "eigenvector", "pagerank")
COUNTS = ("chaired", "spoke_at", "attended", "inspected", "events")
FORMATS = ("table", "csv", "json", "markdown")
#: above this many people centrality is computed by igraph (govkg.graph.fast)
IGRAPH_LIMIT = 50_000

def _people_graph(G: Any, filters: Dict[str, Any]) -> nx.Graph:
    if isinstance(G, nx.Graph) and not G.is_directed() and not G.is_multigraph():
        if any(v is not None for v in filters.values()):
            raise FilterError("filters apply to snapshots, not to a ready-made graph")
        return G
    return coparticipation_graph(G, **filters)


def sample_size(n: int, m: int, *, budget: Optional[int] = None) -> int:
    """Pivots for sampled betweenness: ``budget / (n + m)``, at least 16, at most ``n``.

    >>> sample_size(100_000, 900_000)
    16
    >>> sample_size(5_000, 20_000)
    240
    """
    budget = BETWEENNESS_BUDGET if budget is None else budget
    return max(1, min(n, max(16, budget // max(1, n + m))))


def _eigenvector(G: nx.Graph, weight: Optional[str], exact_limit: int):
    tried = []
    if G.number_of_nodes() <= exact_limit:
        try:
            return nx.eigenvector_centrality(G, max_iter=1000, weight=weight), {
                "method": "eigenvector_centrality (power iteration)"}
        except nx.PowerIterationFailedConvergence:
            tried.append("power iteration did not converge")
    else:
        tried.append(f"graph above {exact_limit} nodes")
    try:
        return nx.eigenvector_centrality_numpy(G, weight=weight, max_iter=5000), {
            "method": "eigenvector_centrality_numpy", "fallback": "; ".join(tried)}
    except Exception as e:  # ARPACK no convergence, too small a graph for eigs, ...
        tried.append(f"eigenvector_centrality_numpy failed ({type(e).__name__})")
    top = max((d for _, d in G.degree()), default=0) or 1
    return {n: d / top for n, d in G.degree()}, {
        "method": "degree / max degree", "fallback": "; ".join(tried)}


def centrality_report(G: Any, *, weight: Optional[str] = "weight", top: Optional[int] = None,
                      k: Optional[int] = None, seed: int = 0, sort: str = "degree",
                      exact_limit: int = EXACT_LIMIT, since: Optional[str] = None,
                      until: Optional[str] = None, locality: Optional[str] = None) -> Dict[str, Any]:
    """Rank people by degree, weighted degree, betweenness, eigenvector and PageRank.

    Parameters
    ----------
    G : networkx.Graph, Snapshot, path or typed graph
        A co-participation graph, or a source one is built from (then
        ``since``, ``until`` and ``locality`` filter it).
    weight : str or None
        Edge attribute for weighted degree, eigenvector and PageRank (tie
        strength). Betweenness counts hops and ignores it.
    top : int, optional
        Keep the first ``top`` rows.
    k : int, optional
        Betweenness pivots. ``None``: exact up to ``exact_limit`` nodes, above
        that sampled with :func:`sample_size` pivots; the metadata says which.
    seed : int
        Seed of the betweenness sample.
    sort : str
        Metric to rank by; ties by weighted degree, events, then name.
    exact_limit : int
        Node count above which betweenness is sampled and eigenvector uses scipy.

    Returns
    -------
    dict
        ``metadata`` (graph size, methods, fallbacks, seconds per metric),
        ``columns`` and ``rows``: one dict per person with ``rank``, ``id``,
        ``name``, ``posts``, the metrics and the counts ``chaired``,
        ``spoke_at``, ``attended``, ``inspected``, ``events``.

    Examples
    --------
    >>> S = nx.star_graph(3)
    >>> r = centrality_report(S)
    >>> r["rows"][0]["id"], r["rows"][0]["degree"], r["rows"][0]["betweenness"]
    (0, 3, 1.0)
    >>> r["metadata"]["betweenness"]["method"]
    'exact'
    """
    if sort not in METRICS:
        raise FilterError(f"cannot sort by {sort!r}; choose one of {', '.join(METRICS)}")
    if _is_igraph(G) or (isinstance(G, nx.Graph) and G.number_of_nodes() > IGRAPH_LIMIT
                         and not G.is_directed() and not G.is_multigraph()):
        return fast_report(G, weight=weight, top=top, k=k, seed=seed, sort=sort, exact_limit=exact_limit)
    P = _people_graph(G, {"since": since, "until": until, "locality": locality})
    n, m = P.number_of_nodes(), P.number_of_edges()
    if n > IGRAPH_LIMIT:
        return fast_report(P, weight=weight, top=top, k=k, seed=seed, sort=sort, exact_limit=exact_limit)
    meta: Dict[str, Any] = {"graph": "co-participation (people sharing meetings or inspected places)",
                            "nodes": n, "edges": m, "weight": weight, "sort": sort, "top": top,
                            "filters": {k_: v for k_, v in (("since", since), ("until", until),
                                                            ("locality", locality)) if v},
                            "seconds": {}}
    values: Dict[str, Dict[Any, float]] = {}

    def timed(name, fn):
        t0 = time.perf_counter()
        values[name] = fn()
        meta["seconds"][name] = round(time.perf_counter() - t0, 4)

    timed("degree", lambda: dict(P.degree()))
    timed("weighted_degree", lambda: dict(P.degree(weight=weight)) if weight else dict(P.degree()))
    if k is None and n > exact_limit:
        k = sample_size(n, m)
    if k is not None and k < n:
        meta["betweenness"] = {"method": "sampled", "k": k, "seed": seed, "normalized": True,
                               "exact_limit": exact_limit}
        timed("betweenness", lambda: nx.betweenness_centrality(P, k=k, seed=seed))
    else:
        meta["betweenness"] = {"method": "exact", "normalized": True}
        timed("betweenness", lambda: nx.betweenness_centrality(P))
    if n:
        t0 = time.perf_counter()
        values["eigenvector"], meta["eigenvector"] = _eigenvector(P, weight, exact_limit)
        meta["seconds"]["eigenvector"] = round(time.perf_counter() - t0, 4)
        try:
            timed("pagerank", lambda: nx.pagerank(P, alpha=0.85, weight=weight))
            meta["pagerank"] = {"method": "pagerank", "alpha": 0.85}
        except nx.PowerIterationFailedConvergence:
            values["pagerank"] = {v: 1.0 / n for v in P}
            meta["pagerank"] = {"method": "uniform 1/n", "fallback": "PageRank did not converge"}
    else:
        values["eigenvector"], values["pagerank"] = {}, {}
        meta["eigenvector"] = meta["pagerank"] = {"method": "empty graph"}

    rows = []
    for v, d in P.nodes(data=True):
        row: Dict[str, Any] = {"id": v, "name": d.get("name", str(v)), "posts": list(d.get("posts") or [])}
        for metric in METRICS:
            row[metric] = values[metric].get(v, 0)
        for c in COUNTS:
            row[c] = int(d.get(c, 0))
        rows.append(row)
    rows.sort(key=lambda r: (-r[sort], -r["weighted_degree"], -r["events"], str(r["name"])))
    for i, row in enumerate(rows, 1):
        row["rank"] = i
    if top is not None:
        rows = rows[:top]
    columns = ["rank", "name", "posts", *METRICS, *COUNTS]
    return {"kind": "centrality", "metadata": meta, "columns": columns,
            "rows": [{c: r[c] for c in ["rank", "id", *columns[1:]]} for r in rows]}


def _is_igraph(G: Any) -> bool:
    return type(G).__module__.startswith("igraph")


def fast_report(G: Any, **kwargs: Any) -> Dict[str, Any]:
    """:func:`centrality_report` computed by igraph (:func:`govkg.graph.fast.centrality_report`)."""
    from govkg.graph.fast import centrality_report as igraph_report
    return igraph_report(G, **kwargs)


def communities(G: Any, *, weight: Optional[str] = "weight", seed: int = 0, resolution: float = 1.0,
                min_size: int = 2, since: Optional[str] = None, until: Optional[str] = None,
                locality: Optional[str] = None, method: str = "auto") -> Dict[str, Any]:
    """Communities of people (Louvain, or Leiden on large graphs), with the meetings their members share.

    Parameters
    ----------
    G : networkx.Graph, Snapshot, path or typed graph
        A co-participation graph or a source one is built from.
    weight : str or None
        Edge weight (number of shared events).
    seed : int
        Seed of :func:`networkx.community.louvain_communities` (same seed, same result).
    resolution : float
        Louvain resolution; above 1 gives smaller communities.
    min_size : int
        Communities smaller than this are counted in the metadata, not listed.
    method : str
        ``louvain``, ``leiden`` or ``auto`` (see :func:`partition`).

    Returns
    -------
    dict
        ``metadata`` (method, seed, modularity, counts), ``columns`` and
        ``rows``: ``community``, ``size``, ``members`` (names, strongest tie
        first), ``member_ids``, ``shared_events`` (``name (members)``, events that
        two or more members attended) and ``internal_weight``.

    Examples
    --------
    >>> G = nx.barbell_graph(3, 0)
    >>> [sorted(r["member_ids"]) for r in communities(G)["rows"]]
    [[0, 1, 2], [3, 4, 5]]
    """
    P = _people_graph(G, {"since": since, "until": until, "locality": locality})
    method = community_method(P, method)
    parts = partition(P, weight=weight, seed=seed, resolution=resolution, method=method)
    strength = dict(P.degree(weight=weight))
    rows = []
    for part in parts:
        if len(part) < min_size:
            continue
        sub = P.subgraph(part)
        attendees: Dict[str, set] = defaultdict(set)
        for a, b, d in sub.edges(data=True):
            for ev in d.get("events", ()):
                attendees[ev].update((a, b))
        shared = sorted(attendees.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        members = sorted(part, key=lambda v: (-strength[v], str(P.nodes[v].get("name", v))))
        rows.append({"members": [P.nodes[v].get("name", str(v)) for v in members],
                     "member_ids": members, "size": len(part),
                     "shared_events": [f"{ev} ({len(who)})" for ev, who in shared],
                     "internal_weight": _number(sub.size(weight=weight))})
    rows.sort(key=lambda r: (-r["size"], -r["internal_weight"], r["members"]))
    for i, r in enumerate(rows, 1):
        r["community"] = i
    meta = {"method": METHOD_NAMES[method], "seed": seed,
            "resolution": resolution, "weight": weight, "nodes": P.number_of_nodes(),
            "edges": P.number_of_edges(), "communities": len(parts),
            "listed": len(rows), "smaller_than_min_size": len(parts) - len(rows), "min_size": min_size,
            "modularity": modularity_of(P, parts, weight, resolution, method) if P.number_of_edges() else 0.0}
    columns = ["community", "size", "members", "shared_events", "internal_weight"]
    return {"kind": "communities", "metadata": meta, "columns": columns,
            "rows": [{c: r[c] for c in [*columns, "member_ids"]} for r in rows]}


# ----------------------------------------------------------------------------- output

def _number(x: float) -> Any:
    return int(x) if float(x).is_integer() else x


def _cell(value: Any, *, digits: Optional[int] = 4) -> str:
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    if isinstance(value, float) and digits is not None:
        return f"{value:.{digits}f}"
    return "" if value is None else str(value)


def _caption(report: Dict[str, Any]) -> str:
    meta = report["metadata"]
    if report.get("kind") == "communities":
        return (f"{meta['method']}, seed {meta['seed']}, modularity {meta['modularity']:.4f}; "
                f"{meta['listed']} of {meta['communities']} communities listed (size >= {meta['min_size']})")
    b = meta["betweenness"]
    bet = f"sampled betweenness (k={b['k']}, seed={b['seed']})" if b["method"] == "sampled" \
        else "exact betweenness"
    eig = meta["eigenvector"]["method"]
    return f"{meta['nodes']} people, {meta['edges']} ties; {bet}; eigenvector: {eig}"


def render(report: Dict[str, Any], fmt: str = "table", *, width: int = 160) -> str:
    """A report as text: ``table`` (rich), ``csv``, ``json`` or ``markdown``.

    Examples
    --------
    >>> r = centrality_report(nx.path_graph(3))
    >>> print(render(r, "csv").splitlines()[0])
    rank,name,posts,degree,weighted_degree,betweenness,eigenvector,pagerank,chaired,spoke_at,attended,inspected,events
    >>> print(render(r, "csv").splitlines()[1][:13])
    1,1,,2,2,1.0,
    """
    if fmt not in FORMATS:
        raise FilterError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    cols = report["columns"]
    if fmt == "json":
        return json.dumps(report, ensure_ascii=False, indent=2, default=str)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(cols)
        for r in report["rows"]:
            w.writerow([csv_cell(_cell(r[c], digits=None)) if isinstance(r[c], (str, list, tuple))
                        else _cell(r[c], digits=None) for c in cols])
        return buf.getvalue()
    if fmt == "markdown":
        lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        for r in report["rows"]:
            lines.append("| " + " | ".join(markdown_cell(_cell(r[c])) for c in cols) + " |")
        return "\n".join(lines + ["", f"_{_caption(report)}_", ""])
    from rich.console import Console
    from rich.table import Table

    table = Table(caption=_caption(report), show_lines=False)
    for c in cols:
        table.add_column(c, justify="left" if c in ("name", "posts", "members", "shared_events")
                         else "right", overflow="fold")
    for r in report["rows"]:
        table.add_row(*(table_cell(_cell(r[c])) for c in cols))
    console = Console(file=io.StringIO(), width=width, force_terminal=False, color_system=None)
    console.print(table)
    return console.file.getvalue()  # type: ignore[attr-defined]


def bar_chart(report: Dict[str, Any], path: Any, *, metric: Optional[str] = None, top: int = 20,
              title: Optional[str] = None) -> Path:
    """Horizontal bar chart of one metric of a centrality report, Chinese names readable.

    Parameters
    ----------
    report : dict
        From :func:`centrality_report`.
    path : path
        Output file; the suffix (``.png``, ``.svg``, ``.pdf``) picks the format.
    metric : str, optional
        Column to draw; defaults to the report's sort metric.
    top : int
        Number of people drawn, highest first.

    Returns
    -------
    Path
        ``path``.

    Examples
    --------
    >>> import tempfile, os
    >>> r = centrality_report(nx.star_graph(3))
    >>> out = bar_chart(r, os.path.join(tempfile.mkdtemp(), "c.png"))
    >>> out.stat().st_size > 1000
    True
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from govkg.graph.fonts import cjk_rc

    metric = metric or report["metadata"].get("sort", "degree")
    if metric not in METRICS + COUNTS:
        raise FilterError(f"cannot chart {metric!r}; choose one of {', '.join(METRICS + COUNTS)}")
    rows = sorted(report["rows"], key=lambda r: -r[metric])[:top][::-1]
    labels = [f"{r['name']}（{r['posts'][0]}）" if r.get("posts") else str(r["name"]) for r in rows]
    values = [r[metric] for r in rows]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with cjk_rc():
        fig, ax = plt.subplots(figsize=(8, 1.2 + 0.42 * max(1, len(rows))), dpi=150)
        bars = ax.barh(range(len(rows)), values, color="#3b75af")
        ax.set_yticks(range(len(rows)), labels, fontsize=11)
        ax.bar_label(bars, labels=[_cell(v, digits=3) for v in values], padding=3, fontsize=9)
        ax.set_xlabel(metric.replace("_", " "))
        ax.set_title(title or f"{metric.replace('_', ' ')} — 人物中心度 (top {len(rows)})")
        ax.spines[["top", "right"]].set_visible(False)
        ax.margins(x=0.12)
        fig.tight_layout()
        fig.savefig(path)
        plt.close(fig)
    return path
