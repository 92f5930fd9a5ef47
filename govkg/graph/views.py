"""networkx views of a govkg graph (a snapshot directory or a Neo4j database).

Three views, all built from the same :class:`~govkg.graph.store.Snapshot`:

* :func:`typed_graph` -- the knowledge graph itself, a ``MultiDiGraph`` keyed by
  relationship id, with node attributes ``label`` (entity type) and ``name`` and
  edge attributes ``type`` (predicate) plus the provenance of the relationship.
* :func:`event_graph` -- the bipartite official--event graph: people joined to the
  meetings they chaired, spoke at or attended and the places they inspected.
* :func:`coparticipation_graph` -- people joined by the events they share,
  ``weight`` = number of shared meetings and inspected places.

Filters (``since``, ``until``, ``types``, ``locality``)
--------------------------------------------------------
A relationship is dated by the Meeting it touches (the meeting's ``HELD_ON``
date), otherwise by its article's date, otherwise by the dates of the meetings
in the same article; a relationship with no date at all is dropped whenever
``since`` or ``until`` is given. A ``--MM-DD`` date (year unknown) first takes
the year of its article's date when that is known (the year before when that
would put it more than a month after the article). A date still without a year
is kept when *some* year puts it inside the range: always for an open-ended
range, and for a closed range when its month-day falls inside it in one of the
years from ``since`` to ``until``. When ``since``/``until`` are themselves
``--MM-DD``, every date is compared on month and day only.
``types`` keeps the named predicates and/or entity types; ``locality`` keeps the
relationships whose article (title, text, source) or evidence mentions it.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

import networkx as nx

from govkg.errors import QueryError
from govkg.graph.filters import (Date, FilterError, complete_date, date_in_range, filter_date,
                                 parse_date, split_types)
from govkg.graph.store import Snapshot, read_snapshot
from govkg.schema import ENTITY_TYPES, PARTICIPATION, PREDICATES

__all__ = ["FilterError", "as_snapshot", "typed_graph", "event_graph", "coparticipation_graph",
           "snapshot_from_neo4j", "parse_date", "date_in_range"]

EDGE_KEYS = ("id", "article_id", "evidence", "evidence_start", "evidence_end", "rule",
             "confidence", "source")
#: Cypher reads used by :func:`snapshot_from_neo4j` (read-only, no parameters)
NODES_CYPHER = ("MATCH (n) WHERE n.id IS NOT NULL "
                "RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id")
RELS_CYPHER = ("MATCH (a)-[r]->(b) WHERE a.id IS NOT NULL AND b.id IS NOT NULL "
               "RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props "
               "ORDER BY r.id")

SnapLike = Union[Snapshot, str, Path]


# ----------------------------------------------------------------------------- snapshots

def as_snapshot(source: SnapLike) -> Snapshot:
    """A :class:`Snapshot` as is, or the snapshot read from a directory path."""
    if isinstance(source, (str, Path)):
        return read_snapshot(Path(source))
    if all(hasattr(source, k) for k in ("nodes", "relationships", "articles")):
        return source  # type: ignore[return-value]
    raise TypeError(f"expected a Snapshot or a snapshot directory, got {type(source).__name__}")


def typed_graph(snap: SnapLike, *, since: Optional[str] = None, until: Optional[str] = None,
                types: Optional[Iterable[str]] = None, locality: Optional[str] = None
                ) -> nx.MultiDiGraph:
    """The knowledge graph of a snapshot as a ``networkx.MultiDiGraph``.

    Parameters
    ----------
    snap : Snapshot or path
        A snapshot (or its directory).
    since, until : str, optional
        Keep relationships dated within ``[since, until]`` (ISO or ``--MM-DD``;
        the module docstring says how relationships are dated).
    types : iterable of str, optional
        Predicates (``CHAIRED``...) and/or entity types (``Person``...) to keep;
        comma-separated strings are split.
    locality : str, optional
        Keep relationships whose article or evidence mentions this place name.

    Returns
    -------
    networkx.MultiDiGraph
        Nodes keyed by node id with ``label``, ``name`` and the node's other
        properties; edges keyed by relationship id with ``type``, ``id`` and the
        provenance (``article_id``, ``evidence``, ``evidence_start``,
        ``evidence_end``, ``rule``, ``confidence``, ``source``). ``None`` values
        are left out. Without filters every node is kept; with a filter only
        the nodes of the relationships kept.

    Examples
    --------
    >>> from govkg.graph.store import Snapshot
    >>> snap = Snapshot(None, {}, [], [{"id": "p", "label": "Person", "name": "甲"},
    ...     {"id": "m", "label": "Meeting", "name": "会", "date": "2020-11-18"}],
    ...     [{"id": "r", "type": "CHAIRED", "start": "p", "end": "m"}])
    >>> G = typed_graph(snap)
    >>> G.nodes["p"]["name"], G.edges["p", "m", "r"]["type"]
    ('甲', 'CHAIRED')
    >>> typed_graph(snap, since="2020-12-01").number_of_edges()
    0
    """
    snap = as_snapshot(snap)
    lo, hi = filter_date(since, "since"), filter_date(until, "until")
    preds, labels = split_types(types)
    nodes = {n["id"]: n for n in snap.nodes}
    articles = {a["id"]: a for a in snap.articles}
    filtered = any(x is not None for x in (lo, hi, preds, labels)) or bool(locality)

    art_dates: Dict[str, Optional[Date]] = {}
    for aid, a in articles.items():
        art_dates[aid] = parse_date(a.get("date"))
    for n in snap.nodes:  # Article nodes read from Neo4j carry the date too
        if n.get("label") == "Article" and n["id"] not in art_dates:
            art_dates[n["id"]] = parse_date(n.get("date"))
    meeting_dates: Dict[str, List[str]] = defaultdict(list)
    for r in snap.relationships:
        if r.get("type") == "HELD_ON" and r.get("end") in nodes:
            meeting_dates[r["start"]].append(nodes[r["end"]]["name"])

    def meeting_date(mid: str, aid: Optional[str]) -> Optional[Date]:
        raw = nodes[mid].get("date") or (sorted(meeting_dates.get(mid) or [None], key=str)[0])
        d = parse_date(raw)
        return complete_date(d, art_dates.get(aid)) if d else None

    per_article: Dict[Optional[str], List[Date]] = defaultdict(list)
    for r in snap.relationships:
        for end in (r.get("start"), r.get("end")):
            if end in nodes and nodes[end].get("label") == "Meeting":
                d = meeting_date(end, r.get("article_id"))
                if d:
                    per_article[r.get("article_id")].append(d)

    def rel_dates(r: Dict[str, Any]) -> List[Date]:
        aid = r.get("article_id")
        for end in (r.get("start"), r.get("end")):
            if end in nodes and nodes[end].get("label") == "Meeting":
                d = meeting_date(end, aid)
                if d:
                    return [d]
        if art_dates.get(aid):
            return [art_dates[aid]]  # type: ignore[list-item]
        return per_article.get(aid, []) if aid is not None else []

    def mentions(r: Dict[str, Any]) -> bool:
        a = articles.get(r.get("article_id")) or nodes.get(r.get("article_id")) or {}
        hay = "".join(str(a.get(k) or "") for k in ("title", "subtitle", "text", "source", "name"))
        return locality in hay + str(r.get("evidence") or "")

    G = nx.MultiDiGraph()
    G.graph.update({k: v for k, v in (("since", since), ("until", until), ("locality", locality),
                                      ("types", ",".join(sorted((preds or set()) | (labels or set())))))
                    if v})
    if not filtered:
        for n in snap.nodes:
            G.add_node(n["id"], **_node_attrs(n))
    dropped = 0
    for r in snap.relationships:
        s, e = r.get("start"), r.get("end")
        if s not in nodes or e not in nodes:
            continue
        if preds is not None and r.get("type") not in preds:
            continue
        if labels is not None and not (nodes[s]["label"] in labels and nodes[e]["label"] in labels):
            continue
        if locality and not mentions(r):
            continue
        if lo is not None or hi is not None:
            ds = rel_dates(r)
            if not ds:
                dropped += 1
                continue
            if not any(date_in_range(d, lo, hi) for d in ds):
                continue
        for nid in (s, e):
            if nid not in G:
                G.add_node(nid, **_node_attrs(nodes[nid]))
        attrs = {"type": r["type"]}
        for k in EDGE_KEYS:
            v = r.get(k)
            if v is None:
                continue
            if k in ("evidence_start", "evidence_end"):
                v = int(v)
            elif k == "confidence":
                v = float(v)
            else:
                v = str(v)
            attrs[k] = v
        G.add_edge(s, e, key=r["id"], **attrs)
    if dropped:
        G.graph["undated_dropped"] = dropped
    return G


def _node_attrs(n: Dict[str, Any]) -> Dict[str, Any]:
    out = {"label": n["label"], "name": n.get("name") or ""}
    for k, v in n.items():
        if k not in ("id", "label", "name") and v is not None:
            out[k] = v if isinstance(v, (int, float, bool)) else str(v)
    return out


def _typed(source: Any, filters: Dict[str, Any]) -> nx.MultiDiGraph:
    if isinstance(source, nx.Graph):
        if any(v is not None for v in filters.values()):
            raise FilterError("filters apply to snapshots; filter with typed_graph() first")
        return source
    return typed_graph(source, **filters)


# ----------------------------------------------------------------------------- derived views

def event_graph(source: Any, *, since: Optional[str] = None, until: Optional[str] = None,
                locality: Optional[str] = None, predicates: Iterable[str] = PARTICIPATION) -> nx.Graph:
    """The bipartite official--event graph.

    Parameters
    ----------
    source : Snapshot, path or typed graph
        Anything :func:`typed_graph` reads, or a graph it returned.
    since, until, locality : optional
        As for :func:`typed_graph` (snapshots only).
    predicates : iterable of str
        Participation predicates joining a Person to an event (Meeting or Place).

    Returns
    -------
    networkx.Graph
        Person nodes (``bipartite=0``) and event nodes (``bipartite=1``) with
        ``label`` and ``name``; edge attributes ``roles`` (sorted predicates),
        ``relationships`` (relationship ids, the provenance) and ``weight``
        (number of relationships).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("p", label="Person", name="甲"); G.add_node("m", label="Meeting", name="会")
    >>> _ = G.add_edge("p", "m", key="r1", type="CHAIRED"); _ = G.add_edge("p", "m", key="r2", type="SPOKE_AT")
    >>> B = event_graph(G)
    >>> B.edges["p", "m"]["roles"], B.nodes["m"]["bipartite"]
    (['CHAIRED', 'SPOKE_AT'], 1)
    """
    T = _typed(source, {"since": since, "until": until, "locality": locality})
    preds = set(predicates)
    B = nx.Graph()
    for u, v, k, d in T.edges(keys=True, data=True):
        if d.get("type") not in preds:
            continue
        for nid, part in ((u, 0), (v, 1)):
            if nid not in B:
                B.add_node(nid, bipartite=part, **T.nodes[nid])
        if B.has_edge(u, v):
            e = B.edges[u, v]
            e["roles"] = sorted(set(e["roles"]) | {d["type"]})
            e["relationships"].append(k)
            e["weight"] += 1
        else:
            B.add_edge(u, v, roles=[d["type"]], relationships=[k], weight=1)
    return B


def coparticipation_graph(source: Any, *, since: Optional[str] = None, until: Optional[str] = None,
                          locality: Optional[str] = None,
                          predicates: Iterable[str] = PARTICIPATION) -> nx.Graph:
    """People joined by the meetings and inspected places they share.

    Parameters
    ----------
    source : Snapshot, path or typed graph
        Anything :func:`typed_graph` reads, or a graph it returned.
    since, until, locality : optional
        As for :func:`typed_graph` (snapshots only).
    predicates : iterable of str
        The participation predicates that count.

    Returns
    -------
    networkx.Graph
        One node per Person who takes part in an event or holds a post
        (reporters with only ``REPORTED`` are left out), with ``label``,
        ``name``, ``posts`` (list, in text order), counts ``chaired``, ``spoke_at``,
        ``attended``, ``inspected`` (distinct events per role) and ``events``
        (distinct events). Edge ``weight`` = number of shared events, ``events``
        = their names (sorted).

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for n, lab in (("a", "Person"), ("b", "Person"), ("m", "Meeting")):
    ...     G.add_node(n, label=lab, name=n.upper())
    >>> _ = G.add_edge("a", "m", key=1, type="CHAIRED"); _ = G.add_edge("b", "m", key=2, type="ATTENDED")
    >>> C = coparticipation_graph(G)
    >>> C.edges["a", "b"]["weight"], C.edges["a", "b"]["events"], C.nodes["a"]["chaired"]
    (1, ['M'], 1)
    """
    T = _typed(source, {"since": since, "until": until, "locality": locality})
    preds = set(predicates)
    C = nx.Graph()
    roles: Dict[str, Dict[str, set]] = defaultdict(lambda: defaultdict(set))
    posts: Dict[str, List[Tuple[float, str]]] = defaultdict(list)
    members: Dict[str, set] = defaultdict(set)
    for u, v, d in T.edges(data=True):
        t = d.get("type")
        if T.nodes[u].get("label") != "Person":
            continue
        if t == "HOLDS":  # posts in text order (first evidence offset), then by name
            posts[u].append((d.get("evidence_start", float("inf")), T.nodes[v].get("name", v)))
        elif t in preds:
            roles[u][t].add(v)
            members[v].add(u)
        else:
            continue
        if u not in C:
            C.add_node(u)
    for p in C:
        ordered = [name for _, name in sorted(posts[p])]
        C.nodes[p].update(label="Person", name=T.nodes[p].get("name", p),
                          posts=sorted(set(ordered), key=ordered.index))
        for t in PARTICIPATION:
            C.nodes[p][t.lower()] = len(roles[p].get(t, ()))
        C.nodes[p]["events"] = len(set().union(*roles[p].values())) if roles[p] else 0
    for ev in sorted(members):
        people = sorted(members[ev])
        name = T.nodes[ev].get("name", ev)
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                if C.has_edge(a, b):
                    C.edges[a, b]["weight"] += 1
                    C.edges[a, b]["events"].append(name)
                else:
                    C.add_edge(a, b, weight=1, events=[name])
    for _, _, d in C.edges(data=True):
        d["events"].sort()
    return C


# ----------------------------------------------------------------------------- Neo4j

def snapshot_from_neo4j(driver: Any, *, database: Optional[str] = None) -> Snapshot:
    """Read a govkg database back into a :class:`Snapshot` (same structure as on disk).

    Nodes and relationships come from two read-only Cypher queries through
    :func:`govkg.graph.neo4j.run_query`; Article nodes also give the
    ``articles`` (``id``, ``title``, ``date``, ``source``, ``url``; no text).
    """
    from govkg.graph.neo4j import run_query

    _, node_rows = run_query(driver, NODES_CYPHER, database=database)
    _, rel_rows = run_query(driver, RELS_CYPHER, database=database)
    nodes, articles = [], []
    for row in node_rows:
        nid, labs, props = _row(row, ("id", "labels", "props"))
        label = next((lab for lab in labs if lab in ENTITY_TYPES), None)
        if label is None:
            continue
        rec = {"id": nid, "label": label, "name": props.get("name")}
        rec.update({k: v for k, v in props.items() if k not in ("id", "label", "name")})
        nodes.append(rec)
        if label == "Article":
            articles.append({"id": nid, "title": props.get("title"), "subtitle": None,
                             "date": props.get("date"), "source": props.get("source"),
                             "url": props.get("url"), "file": None, "text": None})
    known = {n["id"] for n in nodes}
    rels = []
    for row in rel_rows:
        start, rtype, end, props = _row(row, ("start", "type", "end", "props"))
        if rtype not in PREDICATES or start not in known or end not in known:
            continue
        rec = {"id": props.get("id"), "type": rtype, "start": start, "end": end}
        rec.update({k: props.get(k) for k in EDGE_KEYS if k != "id"})
        if rec["id"] is None:
            raise QueryError(f"relationship {start}-[{rtype}]->{end} in Neo4j has no id property")
        rels.append(rec)
    nodes.sort(key=lambda n: n["id"])
    rels.sort(key=lambda r: r["id"])
    articles.sort(key=lambda a: a["id"])
    manifest = {"format": "govkg-snapshot", "version": 1, "source": "neo4j",
                "counts": {"articles": len(articles), "nodes": len(nodes), "relationships": len(rels)}}
    return Snapshot(None, manifest, articles, nodes, rels)  # type: ignore[arg-type]


def _row(row: Any, keys: Tuple[str, ...]) -> Tuple[Any, ...]:
    if isinstance(row, dict):
        return tuple(row.get(k) for k in keys)
    return tuple(row)
